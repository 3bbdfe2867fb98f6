// Kefu web UI: progressive enhancement only; every page works without this file.
// Forms marked data-confirm ask before they post (delete, merge).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) { event.preventDefault(); }
});
