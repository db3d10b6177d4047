/* Sổ tay Dân vận — tables on small screens and from the keyboard.
 *
 * On a phone a table of three columns or more reads as one card per row (sotay.css): each cell
 * gets its column's name in data-label, and the table data-sotay-cards.
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

  function label(table) {
    const names = Array.from(table.querySelectorAll("thead th"), th => th.textContent.trim());
    if (names.length < 3 || table.hasAttribute("data-sotay-cards")) return;
    for (const row of table.querySelectorAll("tbody tr")) {
      Array.from(row.cells).forEach((cell, i) => {
        if (names[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", names[i]);
      });
    }
    table.setAttribute("data-sotay-cards", "");
  }

  function mark() {
    for (const table of document.querySelectorAll(".md-typeset table:not([class])")) label(table);
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
