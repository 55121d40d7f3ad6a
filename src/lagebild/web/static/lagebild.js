// lagebild: the only script on the page. Toggles highlight kinds on the article page.
// It never reads or writes article text, and it never builds HTML from strings.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var text = document.getElementById("text");
    if (!text) { return; }
    var boxes = document.querySelectorAll("input.toggle[data-kind]");
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("hide-" + box.getAttribute("data-kind"), !box.checked);
      });
    });
    var focus = document.getElementById("focus");
    if (focus && window.location.hash === "#focus") { focus.scrollIntoView({ block: "center" }); }
  });
})();
