// The page behaviours that once were inline handlers (onchange="...", onclick="..."): the
// Content-Security-Policy allows scripts from this site's files only, never inline code.
//   <select data-autosubmit>  submits its form when changed (the form still has its button);
//   <button data-print>       prints the page.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-print]") : null;
    if (button) {
      window.print();
    }
  });
})();
