/* Sổ tay Dân vận — offline search: the search box and its results.
 *
 * The engine (reading, lookup, ranking) is sotay-search-engine.js, loaded here with a <script>
 * tag like the index files written by hooks/sotay/search_index.py (no fetch, no Worker: both
 * fail from file://); this file only loads, shows and handles keys.
 *
 * For benchmarks: after each query is shown, window.__sotaySearchTiming is set to
 * {query, ms, results, partial, stages} (ms from the keystroke's input event to the first
 * results in the DOM; stages splits it: index = waiting for the engine and shards, rank,
 * meta = result metadata, render) and a "sotay:search" event with the same detail is
 * dispatched on document. window.__sotaySearchAnalyze(query) shows how a query is read (tests
 * compare it with Python); it is set once the engine is loaded.
 */
(function () {
  "use strict";

  const self = document.currentScript;
  const base = self ? self.src.replace(/assets\/javascripts\/sotay-search\.js(?:[?#].*)?$/, "") : "";

  const state = {engine: null, pending: []};
  const loading = new Map();

  // Index files call this as they load; the manifest first, then shards and metadata.
  window.__sotaySearch = function (kind, key, data) {
    if (kind === "manifest") {
      state.engine = new window.SotaySearchEngine.Engine(data);
      for (const args of state.pending) state.engine.add.apply(state.engine, args);
      state.pending = [];
    } else if (state.engine) state.engine.add(kind, key, data);
    else state.pending.push([kind, key, data]);
  };

  function load(path) {
    if (!loading.has(path)) {
      loading.set(path, new Promise(function (resolve, reject) {
        const tag = document.createElement("script");
        tag.src = base + path;
        tag.onload = resolve;
        tag.onerror = function () { loading.delete(path); reject(new Error(path)); };
        document.head.appendChild(tag);
      }));
    }
    return loading.get(path);
  }

  function loadEngine() {
    return load("assets/javascripts/sotay-search-engine.js")
      .then(function () {
        window.__sotaySearchAnalyze = window.SotaySearchEngine.analyze;
        return load("search/manifest.js");
      })
      .then(function () { return state.engine; });
  }

  // Ask the engine, load what it lacks, ask again: at most three rounds (words, vocabulary,
  // the shards of typo corrections).
  function find(engine, analysis) {
    const answer = engine.search(analysis);
    if (!answer.missing.length) return Promise.resolve(answer);
    return Promise.all(answer.missing.map(function (f) { return load("search/" + f); }))
      .then(function () { return find(engine, analysis); });
  }

  // -- display ----------------------------------------------------------------------------------
  // Index text is plain (search_index.py decodes page titles once): it goes in as text nodes,
  // so the browser escapes it exactly once and no markup in a title ever becomes an element.
  function highlight(text, result) {
    const fragment = document.createDocumentFragment();
    const source = text.normalize("NFC");
    let at = 0;
    for (const [start, end] of window.SotaySearchEngine.marks(source, result)) {
      fragment.append(source.slice(at, start));
      const mark = document.createElement("mark");
      mark.textContent = source.slice(start, end);
      fragment.append(mark);
      at = end;
    }
    fragment.append(source.slice(at));
    return fragment;
  }

  function element(tag, className) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  // "khớp một phần · không có: xóm" under a partial result; "gần đúng: khéo" under a typo.
  function note(result) {
    const parts = [];
    if (result.partial) parts.push("khớp một phần · không có: " + result.absent.join(", "));
    const fixed = window.SotaySearchEngine.corrected(result);
    if (fixed.length) parts.push("gần đúng: " + fixed.join(", "));
    if (!parts.length) return null;
    const line = element("p", "sotay-search__note");
    line.textContent = parts.join(" · ");
    return line;
  }

  function item(engine, result) {
    const [url, title, kind, snippet, headings] = engine.metaOf(result.doc);
    const li = element("li", "md-search-result__item");
    if (result.partial) li.classList.add("sotay-search__partial");
    const link = element("a", "md-search-result__link");
    link.href = base + url;
    link.tabIndex = -1;
    const article = element("article", "md-search-result__article md-typeset");
    article.append(element("div", "md-search-result__icon md-icon"));
    const kindLine = element("p", "sotay-search__kind");
    kindLine.textContent = kind;
    const heading = element("h1");
    heading.append(highlight(title, result));
    article.append(kindLine, heading);
    const extra = note(result);
    if (extra) article.append(extra);
    if (snippet) {
      const text = element("p");
      text.append(highlight(snippet, result));
      article.append(text);
    }
    link.append(article);
    li.append(link);
    const section = window.SotaySearchEngine.sectionOf(result);
    if (section > 0 && headings[section - 1] && headings[section - 1][0]) {
      const [anchor, label] = headings[section - 1];
      const sub = element("a", "md-search-result__link");
      sub.href = base + url + "#" + anchor;
      sub.tabIndex = -1;
      const subArticle = element("article", "md-search-result__article md-typeset");
      const h2 = element("h2");
      h2.append(highlight(label, result));
      subArticle.append(h2);
      sub.append(subArticle);
      li.append(sub);
    }
    return li;
  }

  function count(n, partial) {
    const digits = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    if (n === 0) return "Không tìm thấy tài liệu liên quan";
    if (partial) return "Không trang nào có đủ các từ đã gõ · " + digits + " tài liệu khớp một phần";
    return digits + " tài liệu liên quan";
  }

  // -- the search box ---------------------------------------------------------------------------
  function mount(root) {
    const toggle = document.getElementById("__search");
    const input = root.querySelector("[data-sotay-search-query]");
    const form = root.querySelector("form");
    const meta = root.querySelector(".md-search-result__meta");
    const list = root.querySelector(".md-search-result__list");
    const scroll = root.querySelector(".md-search__scrollwrap");
    const view = {seq: 0, results: [], partial: false, shown: 0, busy: false};

    function setOpen(open) {
      if (toggle && toggle.checked !== open) toggle.checked = open;
    }

    function loadMeta(engine, results) {
      return Promise.all(engine.metaFiles(results).map(function (f) { return load("search/" + f); }));
    }

    function showMore(seq) {
      const engine = state.engine;
      if (!engine || view.busy || view.shown >= view.results.length) return Promise.resolve();
      const next = view.results.slice(view.shown, view.shown + engine.params.page);
      view.busy = true;
      return loadMeta(engine, next).then(function () {
        view.busy = false;
        if (seq !== view.seq) return;
        for (const result of next) list.append(item(engine, result));
        view.shown += next.length;
      }, function () { view.busy = false; });
    }

    function run(started) {
      const seq = ++view.seq;
      const query = input.value;
      if (!/[\p{L}\p{N}]/u.test(query)) {
        view.results = [];
        list.replaceChildren();
        meta.textContent = "Nhập để bắt đầu tìm kiếm";
        return;
      }
      const stages = {};
      let mark = started;
      function lap(name) {
        const now = performance.now();
        stages[name] = now - mark;
        mark = now;
      }
      let engine = null;
      loadEngine()
        .then(function (loaded) {
          engine = loaded;
          return find(engine, window.SotaySearchEngine.analyze(query));
        })
        .then(function (answer) {
          if (seq !== view.seq) return null;
          lap("index");  // waiting for files, and the ranking done between them
          return loadMeta(engine, answer.results.slice(0, engine.params.page))
            .then(function () { lap("meta"); return answer; });
        })
        .then(function (answer) {
          if (!answer || seq !== view.seq) return;
          view.results = answer.results;
          view.partial = answer.partial;
          view.shown = 0;
          list.replaceChildren();
          meta.textContent = count(answer.results.length, answer.partial);
          return showMore(seq).then(function () {
            if (seq !== view.seq) return;
            lap("render");
            const detail = {query: query, ms: performance.now() - started,
              results: answer.results.length, partial: answer.partial, stages: stages};
            window.__sotaySearchTiming = detail;
            document.dispatchEvent(new CustomEvent("sotay:search", {detail: detail}));
          });
        })
        .catch(function () {
          if (seq === view.seq) meta.textContent = "Không tải được chỉ mục tìm kiếm.";
        });
    }

    function links() {
      return Array.from(list.querySelectorAll(".md-search-result__link"));
    }

    input.addEventListener("focus", function () { setOpen(true); loadEngine().catch(function () {}); });
    input.addEventListener("input", function (event) {
      // The event's timestamp is the keystroke, on the same clock as performance.now().
      run(event.timeStamp > 0 ? event.timeStamp : performance.now());
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { run(performance.now()); input.focus(); }, 0);
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) input.focus(); else input.blur();
      });
    }
    list.addEventListener("click", function (event) {
      if (event.target.closest("a")) setOpen(false);
    });
    scroll.addEventListener("scroll", function () {
      if (scroll.scrollTop + scroll.clientHeight >= scroll.scrollHeight - 40) showMore(view.seq);
    });

    root.addEventListener("keydown", function (event) {
      const all = links();
      const at = all.indexOf(document.activeElement);
      if (event.key === "Enter" && event.target === input) {
        event.preventDefault();
        if (all.length) { setOpen(false); window.location.href = all[0].href; }
      } else if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        if (at === 0) input.focus(); else all[at - 1].focus();
      }
    });

    document.addEventListener("keydown", function (event) {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "Escape" && toggle && toggle.checked) {
        event.preventDefault();
        setOpen(false);
        input.blur();
        return;
      }
      const target = event.target;
      const typing = target instanceof HTMLElement
        && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        setOpen(true);
        input.focus();
        input.select();
      }
    });
  }

  // On a phone the keyboard covers the bottom of the screen without resizing the page: the
  // dialog takes the height still visible (sotay.css), so the last results are reachable.
  function fitAboveKeyboard() {
    const visible = window.visualViewport;
    if (!visible) return;
    const fit = function () {
      document.documentElement.style.setProperty("--sotay-visible-height", visible.height + "px");
    };
    visible.addEventListener("resize", fit);
    fit();
  }

  function start() {
    const root = document.querySelector("[data-sotay-search]");
    if (!root) return;
    mount(root);
    fitAboveKeyboard();
    // The engine and the manifest are a few KB: fetch them once the page is idle so the first
    // keystroke waits for the shards it needs only.
    const idle = window.requestIdleCallback || function (f) { setTimeout(f, 200); };
    idle(function () { loadEngine().catch(function () {}); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
