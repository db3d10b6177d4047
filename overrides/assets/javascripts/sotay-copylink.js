/* Sổ tay Dân vận: a "copy link" button beside every heading and every anchored paragraph.
 *
 * The button takes the place of the heading's ¶ permalink (shown only without JavaScript), so a
 * heading has one link icon. Paragraphs of a record's text carry a stable id from the build
 * (sotay/paragraphs.py), and their button copies the page address with that id.
 *
 * The link copied is the page's public address (its canonical URL, which a build with a public
 * address writes) plus the heading's fixed anchor. A copy with no public address (a local or
 * USB build) says so instead of handing out a file:// path of the reader's own disk. The page title (h1)
 * copies the page address alone, since a page's URL never changes but its title may.
 * Works from file://: the Clipboard API first, then a hidden text box with execCommand("copy"),
 * then a prompt the reader can copy from by hand.
 */
(function () {
  "use strict";

  var LABEL = "Chép liên kết tới mục này";
  var LABEL_PAGE = "Chép liên kết tới trang này";
  var LABEL_PARAGRAPH = "Chép liên kết tới đoạn này";
  var DONE = "Đã chép liên kết";
  var NO_ADDRESS = "Bản sổ tay này chưa có địa chỉ công khai trên mạng, nên không có liên " +
    "kết để gửi người khác. Hãy mở bản đã xuất bản để chép liên kết.";
  var ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">' +
    '<path d="M10.59 13.41a1 1 0 0 0 1.41 0 5 5 0 0 0 0-7.07l-3.54-3.53a5 5 0 0 0-7.07 7.07l1.49 ' +
    "1.49a6.98 6.98 0 0 1 .41-2.83l-.49-.49a3 3 0 0 1 4.24-4.24l3.53 3.53a3 3 0 0 1 0 4.24 1 1 0 0 0 " +
    "0 1.41zm2.82-4.24a1 1 0 0 0-1.41 0 5 5 0 0 0 0 7.07l3.54 3.53a5 5 0 0 0 7.07-7.07l-1.49-1.49a6.98 " +
    "6.98 0 0 1-.41 2.83l.49.49a3 3 0 0 1-4.24 4.24l-3.53-3.53a3 3 0 0 1 0-4.24 1 1 0 0 0 0-1.41z\"/></svg>";
  var STYLE =
    ".sotay-copylink{background:none;border:0;padding:0 .15em;margin-left:.2em;cursor:pointer;" +
    "color:var(--md-default-fg-color--lighter);vertical-align:middle;line-height:1}" +
    ".sotay-copylink svg{width:.75em;height:.75em;fill:currentColor}" +
    ".sotay-copylink:hover,.sotay-copylink:focus-visible{color:var(--md-accent-fg-color)}" +
    ".sotay-copylink[data-copied]{color:var(--md-accent-fg-color)}" +
    "p > .sotay-copylink{opacity:.45}p:hover > .sotay-copylink,p > .sotay-copylink:focus-visible{opacity:1}" +
    ".sotay-copylink__note{display:block;font-size:.7rem;font-weight:400;line-height:1.4;" +
    "margin-top:.3em;color:var(--md-default-fg-color--light)}" +
    ".sotay-copylink__status{position:absolute;width:1px;height:1px;overflow:hidden;" +
    "clip:rect(0 0 0 0);white-space:nowrap}" +
    "@media print{.sotay-copylink{display:none}}";

  function pageAddress() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var address = canonical && canonical.getAttribute("href") ? canonical.href : "";
    return /^https?:/.test(address) ? address.split("#")[0] : "";
  }

  function linkFor(heading) {
    var base = pageAddress();
    if (!base) return "";
    return heading.tagName === "H1" ? base : base + "#" + heading.id;
  }

  function explainNoAddress(heading, status) {
    var note = heading.querySelector(".sotay-copylink__note");
    if (!note) {
      note = document.createElement("span");
      note.className = "sotay-copylink__note";
      heading.appendChild(note);
    }
    note.textContent = NO_ADDRESS;
    status.textContent = NO_ADDRESS;
  }

  function copyWithTextBox(text) {
    var box = document.createElement("textarea");
    var focused = document.activeElement;
    box.value = text;
    box.setAttribute("readonly", "");
    box.style.position = "fixed";
    box.style.top = "-1000px";
    document.body.appendChild(box);
    box.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    document.body.removeChild(box);
    if (focused && focused.focus) focused.focus();
    return done;
  }

  function copy(text) {
    var fallback = function () {
      if (!copyWithTextBox(text)) window.prompt("Chép liên kết (Ctrl+C):", text);
      return true;
    };
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, fallback);
    }
    return Promise.resolve(fallback());
  }

  function announce(button, status) {
    button.setAttribute("data-copied", "");
    button.title = DONE;
    status.textContent = DONE;
    window.setTimeout(function () {
      button.removeAttribute("data-copied");
      button.title = button.getAttribute("aria-label");
      status.textContent = "";
    }, 2000);
  }

  function init() {
    var article = document.querySelector("article.md-content__inner");
    if (!article) return;
    if (!document.getElementById("sotay-copylink-style")) {
      var style = document.createElement("style");
      style.id = "sotay-copylink-style";
      style.textContent = STYLE;
      document.head.appendChild(style);
    }
    var status = article.querySelector(".sotay-copylink__status") ||
      document.createElement("span");
    status.className = "sotay-copylink__status";
    status.setAttribute("role", "status");
    article.appendChild(status);
    var targets = article.querySelectorAll(
      "h1[id], h2[id], h3[id], h4[id], h5[id], h6[id], p[id]");
    Array.prototype.forEach.call(targets, function (heading) {
      if (heading.querySelector(".sotay-copylink")) return;
      var permalink = heading.querySelector(":scope > .headerlink");
      if (permalink) heading.removeChild(permalink);
      var button = document.createElement("button");
      var label = heading.tagName === "H1" ? LABEL_PAGE
        : heading.tagName === "P" ? LABEL_PARAGRAPH : LABEL;
      button.type = "button";
      button.className = "sotay-copylink";
      button.setAttribute("aria-label", label);
      button.title = label;
      button.innerHTML = ICON;
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var link = linkFor(heading);
        if (!link) {
          explainNoAddress(heading, status);
          return;
        }
        copy(link).then(function () { announce(button, status); });
      });
      heading.appendChild(button);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
