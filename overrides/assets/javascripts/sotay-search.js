/* Sổ tay Dân vận — offline search.
 *
 * Reads the index written by hooks/sotay/search_index.py, one small <script> at a time (no fetch,
 * no Worker: both fail from file://). Folding and word splitting match the Python side:
 * NFC, lower case, đ → d, NFD, combining marks removed; words are runs of letters and digits.
 *
 * For benchmarks: after each query is shown, window.__sotaySearchTiming is set to
 * {query, ms, results, stages} (ms from the keystroke's input event to the first results in the
 * DOM; stages splits it: index = waiting for shards, rank, meta = result metadata, render) and
 * a "sotay:search" event with the same detail is dispatched on document.
 * window.__sotaySearchAnalyze(query) shows how a query is read (tests compare it with Python).
 */
(function () {
  "use strict";

  const WORD = /[\p{L}\p{N}]+/gu;
  const WEIGHT = [1, 1.5, 4, 10]; // body, body (often), heading, title
  const PAGE = 10;
  const MAX_KEY = 5;
  const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

  const self = document.currentScript;
  const base = self ? self.src.replace(/assets\/javascripts\/sotay-search\.js(?:[?#].*)?$/, "") : "";

  const store = {manifest: null, keySet: null, terms: new Map(), names: new Map(), meta: new Map()};
  const loading = new Map();

  window.__sotaySearch = function (kind, key, data) {
    if (kind === "manifest") store.manifest = data;
    else if (kind === "t") store.terms.set(key, data);
    else if (kind === "m") store.meta.set(key, data);
  };

  function load(file) {
    if (!loading.has(file)) {
      loading.set(file, new Promise(function (resolve, reject) {
        const tag = document.createElement("script");
        tag.src = base + "search/" + file;
        tag.onload = resolve;
        tag.onerror = function () { loading.delete(file); reject(new Error(file)); };
        document.head.appendChild(tag);
      }));
    }
    return loading.get(file);
  }

  function loadManifest() {
    return load("manifest.js").then(function () {
      if (!store.keySet) store.keySet = new Set(store.manifest.keys);
    });
  }

  // -- words (same rules as search_index.py) -------------------------------------------------
  function fold(text) {
    return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/\p{M}/gu, "");
  }

  function analyze(query) {
    const text = query.normalize("NFC").toLowerCase();
    const words = [];
    const seen = new Set();
    for (const match of text.matchAll(WORD)) {
      const raw = match[0];
      const folded = fold(raw);
      if (!folded || seen.has(raw)) continue;
      seen.add(raw);
      words.push({raw: raw, folded: folded, marked: folded !== raw});
    }
    // Still typing the last word unless the query ends with a space or punctuation.
    const open = words.length > 0 && /[\p{L}\p{N}]$/u.test(text);
    // One letter typed after other words narrows nothing yet (and would load every shard
    // under that letter): wait for the next one.
    if (open && words.length > 1 && Array.from(words[words.length - 1].folded).length < 2) {
      words.pop();
    }
    let joined = null;
    if (words.length > 1 && words.some(function (w) { return /\d/.test(w.folded); })) {
      const raw = words.map(function (w) { return w.raw; }).join("");
      const folded = words.map(function (w) { return w.folded; }).join("");
      joined = {raw: raw, folded: folded, marked: folded !== raw};
    }
    return {words: words, open: open, joined: joined};
  }

  function fileOf(key) {
    if (/^[a-z0-9]+$/.test(key)) return "t-" + key + ".js";
    const hex = Array.from(new TextEncoder().encode(key), function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
    return "t-_" + hex + ".js";
  }

  // The shard keys holding `term` (exact) or every term starting with it (prefix).
  function keysFor(term, prefix) {
    const points = Array.from(term);
    const keys = [];
    for (let n = Math.min(points.length, MAX_KEY); n >= 1; n--) {
      const key = points.slice(0, n).join("");
      if (store.keySet.has(key)) {
        if (!(prefix && n < 2)) keys.push(key);
        break;
      }
    }
    if (prefix) {
      for (const key of store.manifest.keys) {
        if (key.length > term.length && key.startsWith(term)) keys.push(key);
      }
    }
    return keys;
  }

  function usesPrefix(word, last, open) {
    return last && open && Array.from(word.folded).length >= 2;
  }

  function shardsFor(analysis) {
    const keys = new Set();
    analysis.words.forEach(function (w, i) {
      const last = i === analysis.words.length - 1;
      keysFor(w.folded, usesPrefix(w, last, analysis.open)).forEach(function (k) { keys.add(k); });
    });
    if (analysis.joined) keysFor(analysis.joined.folded, true).forEach(function (k) { keys.add(k); });
    return Array.from(keys);
  }

  function termNames(key) {
    if (!store.names.has(key)) store.names.set(key, Object.keys(store.terms.get(key) || {}));
    return store.names.get(key);
  }

  // The documents one query word matches: best score and posting value per doc id, in arrays
  // indexed by doc id (far faster than a Map at 10,000 documents on a slow phone).
  function matchWord(word, prefix) {
    const size = store.manifest.docs;
    const hits = {score: new Float32Array(size), value: new Int32Array(size), docs: []};
    for (const key of keysFor(word.folded, prefix)) {
      const shard = store.terms.get(key);
      if (!shard) continue;
      const names = prefix
        ? termNames(key).filter(function (t) { return t.startsWith(word.folded); })
        : (hasOwn(shard, word.folded) ? [word.folded] : []);
      for (const term of names) {
        const extended = term !== word.folded;
        const variants = shard[term];
        for (const variant of Object.keys(variants)) {
          const exact = word.marked && (extended ? variant.startsWith(word.raw) : variant === word.raw);
          const factor = (exact ? 2 : 1) * (extended ? 0.7 : 1);
          const list = variants[variant];
          let doc = 0;
          for (let i = 0; i < list.length; i += 2) {
            doc += list[i];
            const value = list[i + 1];
            const cls = value & 3;
            const score = WEIGHT[cls] * factor + (cls === 3 ? 4 / (1 + (value >> 2)) : 0);
            if (score > hits.score[doc]) {
              if (hits.score[doc] === 0) hits.docs.push(doc);
              hits.score[doc] = score;
              hits.value[doc] = value;
            }
          }
        }
      }
    }
    return hits;
  }

  function hitOf(hits, doc) {
    const value = hits.value[doc];
    return {s: hits.score[doc], cls: value & 3, pos: value >> 2};
  }

  // Query words in the title in the typed order: side by side, or at most one word apart.
  function phraseBonus(hits) {
    if (hits.length < 2 || hits.some(function (h) { return h.cls !== 3; })) return 0;
    let gap = 0;
    for (let i = 1; i < hits.length; i++) {
      const step = hits[i].pos - hits[i - 1].pos;
      if (step < 1 || step > 2) return 0;
      gap = Math.max(gap, step);
    }
    return (gap === 1 ? 3 : 2) * hits.length;
  }

  // Every matching document, best first: [{doc, score, hits}].
  function rank(analysis) {
    const words = analysis.words;
    const lists = words.map(function (w, i) {
      return matchWord(w, usesPrefix(w, i === words.length - 1, analysis.open));
    });
    const found = new Map();
    if (lists.length) {
      const smallest = lists.reduce(function (a, b) { return b.docs.length < a.docs.length ? b : a; });
      for (const doc of smallest.docs) {
        if (!lists.every(function (list) { return list.score[doc] > 0; })) continue;
        const hits = lists.map(function (list) { return hitOf(list, doc); });
        let score = 0;
        for (const hit of hits) score += hit.s;
        found.set(doc, {doc: doc, score: score + phraseBonus(hits), hits: hits});
      }
    }
    if (analysis.joined) {
      // A document number typed with other separators, or none: 865TB/TU, 25 NQ TW.
      const joined = matchWord(analysis.joined, true);
      for (const doc of joined.docs) {
        const hit = hitOf(joined, doc);
        const score = hit.s * words.length + 5;
        const old = found.get(doc);
        if (!old || old.score < score) {
          found.set(doc, {doc: doc, score: score, hits: words.map(function () { return hit; })});
        }
      }
    }
    return Array.from(found.values()).sort(function (a, b) {
      return b.score - a.score || a.doc - b.doc;
    });
  }

  function metaOf(doc) {
    const block = Math.floor(doc / store.manifest.block);
    const rows = store.meta.get(block);
    return rows ? rows[doc - block * store.manifest.block] : null;
  }

  function loadMeta(results) {
    const files = new Set(results.map(function (r) {
      return "m-" + Math.floor(r.doc / store.manifest.block) + ".js";
    }));
    return Promise.all(Array.from(files, load));
  }

  // -- display ----------------------------------------------------------------------------------
  // Index text is plain (search_index.py decodes page titles once): it goes in as text nodes,
  // so the browser escapes it exactly once and no markup in a title ever becomes an element.
  function highlight(text, analysis) {
    const fragment = document.createDocumentFragment();
    const source = text.normalize("NFC");
    const words = analysis.words;
    let at = 0;
    for (const match of source.matchAll(WORD)) {
      const folded = fold(match[0]);
      const hit = words.some(function (w, i) {
        return folded === w.folded
          || (usesPrefix(w, i === words.length - 1, analysis.open) && folded.startsWith(w.folded));
      });
      if (!hit) continue;
      fragment.append(source.slice(at, match.index));
      const mark = document.createElement("mark");
      mark.textContent = match[0];
      fragment.append(mark);
      at = match.index + match[0].length;
    }
    fragment.append(source.slice(at));
    return fragment;
  }

  function element(tag, className) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  function sectionOf(result) {
    const counts = new Map();
    for (const hit of result.hits) {
      if (hit.cls < 3) counts.set(hit.pos, (counts.get(hit.pos) || 0) + 1);
    }
    let best = 0;
    let most = 0;
    for (const [section, count] of counts) {
      if (count > most || (count === most && section < best)) { best = section; most = count; }
    }
    return best;
  }

  function item(result, analysis) {
    const row = metaOf(result.doc);
    const [url, title, kind, snippet, headings] = row;
    const li = element("li", "md-search-result__item");
    const link = element("a", "md-search-result__link");
    link.href = base + url;
    link.tabIndex = -1;
    const article = element("article", "md-search-result__article md-typeset");
    article.append(element("div", "md-search-result__icon md-icon"));
    const kindLine = element("p", "sotay-search__kind");
    kindLine.textContent = kind;
    const heading = element("h1");
    heading.append(highlight(title, analysis));
    article.append(kindLine, heading);
    if (snippet) {
      const text = element("p");
      text.append(highlight(snippet, analysis));
      article.append(text);
    }
    link.append(article);
    li.append(link);
    const section = sectionOf(result);
    if (section > 0 && headings[section - 1] && headings[section - 1][0]) {
      const [anchor, label] = headings[section - 1];
      const sub = element("a", "md-search-result__link");
      sub.href = base + url + "#" + anchor;
      sub.tabIndex = -1;
      const subArticle = element("article", "md-search-result__article md-typeset");
      const h2 = element("h2");
      h2.append(highlight(label, analysis));
      subArticle.append(h2);
      sub.append(subArticle);
      li.append(sub);
    }
    return li;
  }

  function count(n) {
    const digits = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return n === 0 ? "Không tìm thấy tài liệu liên quan" : digits + " tài liệu liên quan";
  }

  // -- the search box ---------------------------------------------------------------------------
  function mount(root) {
    const toggle = document.getElementById("__search");
    const input = root.querySelector("[data-sotay-search-query]");
    const form = root.querySelector("form");
    const meta = root.querySelector(".md-search-result__meta");
    const list = root.querySelector(".md-search-result__list");
    const scroll = root.querySelector(".md-search__scrollwrap");
    const state = {seq: 0, results: [], analysis: null, shown: 0, busy: false};

    function setOpen(open) {
      if (toggle && toggle.checked !== open) toggle.checked = open;
    }

    function showMore(seq) {
      if (state.busy || state.shown >= state.results.length) return Promise.resolve();
      const next = state.results.slice(state.shown, state.shown + PAGE);
      state.busy = true;
      return loadMeta(next).then(function () {
        state.busy = false;
        if (seq !== state.seq) return;
        for (const result of next) list.append(item(result, state.analysis));
        state.shown += next.length;
      }, function () { state.busy = false; });
    }

    function run(started) {
      const seq = ++state.seq;
      const query = input.value;
      const analysis = analyze(query);
      if (!analysis.words.length) {
        state.results = [];
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
      loadManifest()
        .then(function () { return Promise.all(shardsFor(analysis).map(function (k) { return load(fileOf(k)); })); })
        .then(function () {
          if (seq !== state.seq) return null;
          lap("index");
          const results = rank(analysis);
          lap("rank");
          return loadMeta(results.slice(0, PAGE)).then(function () { lap("meta"); return results; });
        })
        .then(function (results) {
          if (!results || seq !== state.seq) return;
          state.results = results;
          state.analysis = analysis;
          state.shown = 0;
          list.replaceChildren();
          meta.textContent = count(results.length);
          return showMore(seq).then(function () {
            if (seq !== state.seq) return;
            lap("render");
            const detail = {query: query, ms: performance.now() - started, results: results.length,
              stages: stages};
            window.__sotaySearchTiming = detail;
            document.dispatchEvent(new CustomEvent("sotay:search", {detail: detail}));
          });
        })
        .catch(function () {
          if (seq === state.seq) meta.textContent = "Không tải được chỉ mục tìm kiếm.";
        });
    }

    function links() {
      return Array.from(list.querySelectorAll(".md-search-result__link"));
    }

    input.addEventListener("focus", function () { setOpen(true); loadManifest().catch(function () {}); });
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
      if (scroll.scrollTop + scroll.clientHeight >= scroll.scrollHeight - 40) showMore(state.seq);
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

  // For tests and benchmarks: how the client reads a query (words, folded forms, joined number).
  window.__sotaySearchAnalyze = analyze;

  function start() {
    const root = document.querySelector("[data-sotay-search]");
    if (!root) return;
    mount(root);
    // The manifest is 2–3 KB: fetch it once the page is idle so the first keystroke waits for
    // the shards it needs only.
    const idle = window.requestIdleCallback || function (f) { setTimeout(f, 200); };
    idle(function () { loadManifest().catch(function () {}); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
