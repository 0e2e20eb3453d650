// A table too wide for its box scrolls sideways inside its .table-wrap; a keyboard user must be
// able to reach that scroll too (WCAG 2.1.1; axe-core's scrollable-region-focusable). Each wrap
// that scrolls becomes a focusable region named by its table's caption, or by the heading before
// it; a wrap that fits (most of them, most of the time) stays out of the tab order.
(function () {
  "use strict";

  function nameOf(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption) return caption.textContent.trim();
    for (var node = wrap.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) return node.textContent.trim();
    }
    var box = wrap.closest("section, figure, article");
    var heading = box && box.querySelector("h1, h2, h3, h4");
    return heading ? heading.textContent.trim() : "";
  }

  function mark() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth || wrap.scrollHeight > wrap.clientHeight;
      if (scrolls && !wrap.hasAttribute("data-scrolls")) {
        var name = nameOf(wrap);
        wrap.setAttribute("data-scrolls", "");
        wrap.setAttribute("tabindex", "0");
        if (name) {
          wrap.setAttribute("role", "region");
          wrap.setAttribute("aria-label", name);
        }
      } else if (!scrolls && wrap.hasAttribute("data-scrolls")) {
        ["data-scrolls", "tabindex", "role", "aria-label"].forEach(function (attribute) {
          wrap.removeAttribute(attribute);
        });
      }
    });
  }

  var pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      mark();
    });
  }

  mark();
  window.addEventListener("load", mark);
  window.addEventListener("resize", soon);
  // htmx swaps in results and live tables: mark them as they arrive.
  document.addEventListener("htmx:afterSwap", mark);
  document.addEventListener("htmx:afterSettle", mark);
})();
