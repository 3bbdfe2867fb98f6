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
