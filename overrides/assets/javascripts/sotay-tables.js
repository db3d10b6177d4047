/* Sổ tay Dân vận — wide tables reachable from the keyboard.
 *
 * Material wraps each table in a .md-typeset__scrollwrap box that scrolls sideways when the
 * table is wider than the screen. A box that scrolls must be focusable (so arrow keys scroll
 * it) and named (so a screen reader says what it is): each one that overflows gets
 * tabindex=0, role=region and a label from the heading above it; one that fits gets neither,
 * so the keyboard does not stop on it for nothing.
 */
(function () {
  "use strict";

  function headingBefore(node) {
    for (let at = node.previousElementSibling; at; at = at.previousElementSibling) {
      if (/^H[1-6]$/.test(at.tagName)) return at.textContent.replace(/¶$/, "").trim();
    }
    const title = document.querySelector("article h1");
    return title ? title.textContent.replace(/¶$/, "").trim() : "";
  }

  function mark() {
    for (const box of document.querySelectorAll(".md-typeset__scrollwrap")) {
      if (box.scrollWidth > box.clientWidth + 1) {
        const heading = headingBefore(box);
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", heading ? "Bảng: " + heading : "Bảng");
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }

  let pending = 0;
  function later() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(mark);
  }

  // Material wraps the tables once its bundle has started (document$ emits for every page).
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(later);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", later);
  } else {
    later();
  }
  window.addEventListener("resize", later);
})();
