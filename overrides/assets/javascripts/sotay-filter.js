/* Sổ tay Dân vận: filter a listing by province, level, topic, year and type, from file:// too.
 *
 * The page carries everything: each list item's facets as classes (sf-<facet>-<value>) and the
 * controls as a form kept `hidden` until this script runs, so without JavaScript the full list
 * shows. The chosen filters live in the URL hash (#loc:tinh=tinh-lai-chau&nam=2013), so a
 * filtered list can be linked; other hashes (headings) are left alone. Items are only shown or
 * hidden: no text from the page is ever written back as HTML.
 */
(function () {
  "use strict";

  var PREFIX = "#loc:";

  function selects(form) {
    return Array.prototype.slice.call(form.querySelectorAll("select[data-sotay-facet]"));
  }

  function has(item, facet, value) {
    return item.classList.contains("sf-" + facet + "-" + value);
  }

  function matches(item, chosen, skip) {
    for (var facet in chosen) {
      if (facet !== skip && chosen[facet] && !has(item, facet, chosen[facet])) return false;
    }
    return true;
  }

  function readHash() {
    var chosen = {};
    var hash = decodeURIComponent(location.hash || "");
    if (hash.indexOf(PREFIX) !== 0) return null;
    hash.slice(PREFIX.length).split("&").forEach(function (pair) {
      var parts = pair.split("=");
      if (parts.length === 2 && /^[a-z]+$/.test(parts[0]) && /^[a-z0-9-]*$/.test(parts[1])) {
        chosen[parts[0]] = parts[1];
      }
    });
    return chosen;
  }

  function writeHash(chosen) {
    var pairs = Object.keys(chosen).sort().filter(function (k) { return chosen[k]; })
      .map(function (k) { return k + "=" + chosen[k]; });
    var hash = pairs.length ? PREFIX + pairs.join("&") : "";
    var url = location.href.split("#")[0] + hash;
    try {
      history.replaceState(null, "", url);
    } catch (error) {
      if (hash) location.hash = hash;
    }
  }

  function setup(form) {
    var scope = form.closest("article") || document.body;
    var items = Array.prototype.slice.call(scope.querySelectorAll("li[class*='sf-']"));
    var total = items.length;
    var count = form.querySelector(".sotay-filter-count");
    var controls = selects(form);
    controls.forEach(function (select) {
      Array.prototype.forEach.call(select.options, function (option) {
        // The label without its build-time count, which is recomputed here.
        option.setAttribute("data-label", option.textContent.replace(/ \([\d.]+\)$/, ""));
      });
    });

    function chosenNow() {
      var chosen = {};
      controls.forEach(function (select) {
        chosen[select.name] = select.value;
      });
      return chosen;
    }

    function apply(updateHash) {
      var chosen = chosenNow();
      var shown = 0;
      items.forEach(function (item) {
        var ok = matches(item, chosen, null);
        item.classList.toggle("sotay-filter-hit", ok);
        if (ok) shown += 1;
      });
      items.forEach(function (item) {
        // An item stays visible when something inside it matches (a province in the place
        // tree holding a matching commune), shown as context only.
        var inner = item.querySelector("li.sotay-filter-hit");
        var hit = item.classList.contains("sotay-filter-hit");
        item.hidden = !hit && !inner;
        item.classList.toggle("sotay-filter-context", !hit && !!inner);
      });
      // A group heading goes with its list when the list has nothing left to show.
      Array.prototype.forEach.call(scope.querySelectorAll("ul"), function (list) {
        var own = list.querySelectorAll(":scope > li[class*='sf-']");
        if (!own.length) return;
        var empty = Array.prototype.every.call(own, function (li) { return li.hidden; });
        list.hidden = empty;
        var heading = list.previousElementSibling;
        if (heading && /^H[2-4]$/.test(heading.tagName)) heading.hidden = empty;
      });
      controls.forEach(function (select) {
        Array.prototype.forEach.call(select.options, function (option) {
          if (!option.value) return;
          var n = 0;
          items.forEach(function (item) {
            if (has(item, select.name, option.value) && matches(item, chosen, select.name)) n += 1;
          });
          option.textContent = option.getAttribute("data-label") + " (" + n + ")";
        });
      });
      var active = controls.some(function (select) { return select.value; });
      count.textContent = active
        ? "Đang hiện " + shown + " trên " + total + " mục."
        : "Đang hiện cả " + total + " mục.";
      if (updateHash) writeHash(chosen);
    }

    function fromHash() {
      var chosen = readHash();
      if (chosen === null) return false;
      controls.forEach(function (select) {
        var value = chosen[select.name] || "";
        var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
        select.value = known ? value : "";
      });
      return true;
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(true); }, 0);
    });
    window.addEventListener("hashchange", function () {
      if (fromHash()) apply(false);
    });
    fromHash();
    form.hidden = false;
    apply(false);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form.sotay-filter"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
