// Kefu web UI: progressive enhancement only; every page works without this file.
// Forms marked data-confirm ask before they post (delete, merge).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) { event.preventDefault(); }
});

// The canned-reply picker inserts the reply, filled in for this ticket, where the cursor is in the
// reply box instead of reloading the page (which is what it does without this file).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.id !== "canned-form" || !window.fetch) { return; }
  var box = document.getElementById("reply-body");
  var choice = form.querySelector("select");
  if (!box || !choice || !choice.value) { return; }
  event.preventDefault();
  fetch(form.getAttribute("data-source") + encodeURIComponent(choice.value), {
    credentials: "same-origin", headers: { "Accept": "application/json" }
  }).then(function (response) {
    if (!response.ok) { throw new Error(String(response.status)); }
    return response.json();
  }).then(function (reply) {
    var start = box.selectionStart || 0, end = box.selectionEnd || 0;
    box.value = box.value.slice(0, start) + reply.body + box.value.slice(end);
    box.focus();
    box.selectionStart = box.selectionEnd = start + reply.body.length;
  }).catch(function () { form.submit(); });
});

// The public form suggests published help articles for the subject being typed.
(function () {
  var subject = document.getElementById("support-subject");
  var box = document.getElementById("support-suggestions");
  if (!subject || !box || !window.fetch) { return; }
  var list = box.querySelector("ul"), timer = null, asked = "";
  function show(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var link = document.createElement("a");
      link.href = item.url;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = item.title;
      var entry = document.createElement("li");
      entry.appendChild(link);
      list.appendChild(entry);
    });
    box.hidden = items.length === 0;
  }
  subject.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var text = subject.value.trim();
      if (text === asked) { return; }
      asked = text;
      if (text.length < 2) { show([]); return; }
      fetch(box.getAttribute("data-source") + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (answer) { if (asked === text) { show(answer.items || []); } })
        .catch(function () { show([]); });
    }, 300);
  });
})();

// The promotions page prices its preview basket again as the basket or the promotion being edited is typed:
// the preview form carries the editor's text and posts as it would, and the answer's result replaces this one.
(function () {
  var form = document.getElementById("quote-form");
  var output = document.getElementById("quote-output");
  var draft = document.getElementById("quote-draft");
  var editor = document.getElementById("promotion-definition");
  if (!form || !output || !draft || !window.fetch || !window.DOMParser) { return; }
  var timer = null, asked = 0;
  function price() {
    if (editor) { draft.value = editor.value; }
    var ticket = ++asked;
    fetch(form.action, { method: "POST", credentials: "same-origin", body: new URLSearchParams(new FormData(form)) })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("quote-output");
        if (fresh && ticket === asked) { output.innerHTML = fresh.innerHTML; }
      })
      .catch(function () {});
  }
  function later() { clearTimeout(timer); timer = setTimeout(price, 400); }
  form.querySelector("textarea").addEventListener("input", later);
  if (editor) { editor.addEventListener("input", later); }
})();

// A page with data-live-source follows that live-updates stream (Server-Sent Events; DESIGN.md "Live updates"): on
// each event it fetches itself again and swaps in its data-live-region elements (by id), so a reply or a new status
// shows without a reload; what is typed in its forms is kept. Events say only that something changed.
(function () {
  var page = document.querySelector("[data-live-source]");
  if (!page || !window.EventSource || !window.fetch || !window.DOMParser) { return; }
  var busy = false, again = false;
  // Replaces the region's content but keeps what was typed, ticked or chosen in it (a half-typed reason, a picked
  // ticket that is still listed) and the focus, so an update never wipes a form being filled in.
  function swapKeepingInput(region, next) {
    var typed = {}, ticked = {};
    region.querySelectorAll("input[id], textarea[id], select[id]").forEach(function (field) {
      if (field.type === "hidden") { return; }
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked !== field.defaultChecked) { ticked[field.id] = field.checked; }
      } else if (field.tagName === "SELECT" || field.value !== field.defaultValue) { typed[field.id] = field.value; }
    });
    var focused = region.contains(document.activeElement) ? document.activeElement.id : "";
    region.innerHTML = next.innerHTML;
    Object.keys(typed).forEach(function (id) {
      var field = document.getElementById(id);
      if (!field) { return; }
      if (field.tagName === "SELECT" && !Array.prototype.some.call(field.options, function (option) {
        return option.value === typed[id];
      })) { return; }
      field.value = typed[id];
    });
    Object.keys(ticked).forEach(function (id) {
      var box = document.getElementById(id);
      if (box) { box.checked = ticked[id]; }
    });
    var refocus = focused && document.getElementById(focused);
    if (refocus) { refocus.focus(); }
  }
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live-region]").forEach(function (region) {
          var next = fresh.getElementById(region.id);
          if (next) { swapKeepingInput(region, next); }
        });
        document.dispatchEvent(new CustomEvent("kefu:live-refreshed"));
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }
  var source = new EventSource(page.getAttribute("data-live-source"));
  source.addEventListener("changed", refresh);
  source.addEventListener("resync", refresh);
})();

// The queue kiosk (/kiosk/{branch}) goes back to its form for the next customer a while after showing a ticket.
(function () {
  var back = document.querySelector("[data-return-after]");
  if (!back) { return; }
  setTimeout(function () { window.location.href = back.href; },
    1000 * Number(back.getAttribute("data-return-after")));
})();

// The queue's display board (/board/{branch}): a new call (data-latest-call changes after a live refresh) chimes —
// two short tones made with the Web Audio API, no audio file — and the calls are highlighted for a few seconds.
// Browsers start sound only after a tap, so the "sound on" button (or any tap) unlocks it. The help articles in
// data-rotate show one at a time, the next every few seconds.
(function () {
  var board = document.getElementById("queue-board");
  if (!board) { return; }
  var audio = null;
  function latest() {
    var list = document.querySelector("[data-latest-call]");
    return list ? list.getAttribute("data-latest-call") : "";
  }
  function unlock() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return null; }
    audio = audio || new Context();
    if (audio.state === "suspended") { audio.resume(); }
    return audio;
  }
  function chime() {
    var context = unlock();
    if (!context) { return; }
    [[880, 0], [660, 0.3]].forEach(function (note) {
      var tone = context.createOscillator(), gain = context.createGain(), start = context.currentTime + note[1];
      tone.frequency.value = note[0];
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.4, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6);
      tone.connect(gain);
      gain.connect(context.destination);
      tone.start(start);
      tone.stop(start + 0.65);
    });
  }
  var shown = latest(), calls = document.getElementById("board-calls"), timer = null;
  document.addEventListener("kefu:live-refreshed", function () {
    var now = latest();
    if (now && now !== shown && calls) {
      chime();
      calls.classList.add("fresh");
      clearTimeout(timer);
      timer = setTimeout(function () { calls.classList.remove("fresh"); }, 8000);
    }
    shown = now;
  });
  var sound = document.getElementById("board-sound");
  document.addEventListener("click", function () {
    if (unlock() && sound) { sound.hidden = true; }
  });
  var slides = board.querySelectorAll("[data-rotate] .board-slide");
  if (slides.length > 1) {
    var current = 0, seconds = Number(board.querySelector("[data-rotate]").getAttribute("data-rotate")) || 10;
    slides.forEach(function (slide, index) { slide.hidden = index !== 0; });
    setInterval(function () {
      slides[current].hidden = true;
      current = (current + 1) % slides.length;
      slides[current].hidden = false;
    }, seconds * 1000);
  }
})();
