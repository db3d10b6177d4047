/* Sổ tay Dân vận — the offline search engine: reading a query, looking it up, ranking. No DOM.
 *
 * Works as a plain <script> (it defines window.SotaySearchEngine; no bundler, no ES module, so
 * it runs from file://) and from Node (module.exports), where tests/js/ runs it over an index
 * built by hooks/sotay/search_index.py. Every tuning number comes from the index manifest
 * (search_index.PARAMS); the word rules below are the Python side's, which tests compare:
 * words are runs of letters and digits, lower case, NFC, the tone mark placed the old way
 * (hoà → hòa, uỷ → ủy); a word is looked up folded (đ → d, diacritics and a number's leading
 * zeros dropped).
 *
 * The engine only reads what it was given (add): search() says which index files it still
 * lacks, the caller loads them (script tags in the browser, files in Node) and asks again.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.SotaySearchEngine = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const WORD = /[\p{L}\p{N}]+/gu;
  const TONE = "[\\u0300\\u0301\\u0303\\u0309\\u0323]";
  const NEW_OA_OE = new RegExp("o([ae])(" + TONE + ")$");
  const NEW_UY = new RegExp("(^|[^q])uy(" + TONE + ")$");
  const JOINERS = "-/.";
  const hasOwn = function (object, key) { return Object.prototype.hasOwnProperty.call(object, key); };

  // -- words (the rules of search_index.py) ---------------------------------------------------
  function fold(text) {
    return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/(^|[^0-9])0+(?=[0-9])/g, "$1");
  }

  // A lower-case NFC word with its tone mark placed the old way (search_index.variant).
  function variant(word) {
    const decomposed = word.normalize("NFD");
    const moved = decomposed.replace(NEW_OA_OE, "o$2$1").replace(NEW_UY, "$1u$2y");
    return moved === decomposed ? word : moved.normalize("NFC");
  }

  // Words of `text` with their place in it ([start, end) in the NFC text), plus one joined
  // token per document number (06-ĐA/TU → 06đatu), as search_index.tokens makes them.
  function tokens(text) {
    const source = text.normalize("NFC");
    const found = [];
    let run = [];
    let lastEnd = -2;
    function closeRun() {
      if (run.length > 1 && run.some(function (t) { return /\p{N}/u.test(t.variant); })) {
        const joined = run.map(function (t) { return t.variant; }).join("");
        if (Array.from(joined).length <= 32) {
          found.push({folded: fold(joined), variant: joined, start: run[0].start,
            end: run[run.length - 1].end, joined: true});
        }
      }
    }
    for (const match of source.matchAll(WORD)) {
      const word = variant(match[0].toLowerCase());
      const folded = fold(word);
      if (!folded) continue;
      const joined = match.index === lastEnd + 1 && JOINERS.includes(source[lastEnd]);
      if (!joined) { closeRun(); run = []; }
      const token = {folded: folded, variant: word, start: match.index,
        end: match.index + match[0].length, joined: false};
      run.push(token);
      lastEnd = token.end;
      found.push(token);
    }
    closeRun();
    return found;
  }

  function analyze(query) {
    const text = query.normalize("NFC").toLowerCase();
    const words = [];
    const seen = new Set();
    for (const match of text.matchAll(WORD)) {
      const raw = variant(match[0]);
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
    return {query: query, words: words, open: open, joined: joined};
  }

  function fileOf(key) {
    if (/^[a-z0-9]+$/.test(key)) return "t-" + key + ".js";
    const hex = Array.from(new TextEncoder().encode(key), function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
    return "t-_" + hex + ".js";
  }

  function usesPrefix(analysis, i) {
    return analysis.open && i === analysis.words.length - 1
      && Array.from(analysis.words[i].folded).length >= 2;
  }

  // `typed` → `term` by one edit: any one for a long word; for a short one only a left-out
  // letter of `short` (the second letter of th, kh, ng, tr…: tau → thau, keo → kheo), the
  // common slip that turns few short words into others.
  function oneEdit(typed, term, long, short) {
    const a = typed.length;
    const b = term.length;
    if (b === a + 1) {
      let i = 0;
      while (i < a && typed[i] === term[i]) i++;
      return typed.slice(i) === term.slice(i + 1) && (long || (short || "").includes(term[i]));
    }
    if (!long) return false;
    if (b === a - 1) return oneEdit(term, typed, true);
    if (a !== b) return false;
    let i = 0;
    while (i < a && typed[i] === term[i]) i++;
    if (i === a) return false;
    if (typed.slice(i + 1) === term.slice(i + 1)) return true; // substitution
    return i + 1 < a && typed[i] === term[i + 1] && typed[i + 1] === term[i]
      && typed.slice(i + 2) === term.slice(i + 2); // two letters swapped
  }

  // -- the engine over one index ----------------------------------------------------------------
  function Engine(manifest) {
    this.manifest = manifest;
    this.params = manifest.params;
    this.keySet = new Set(manifest.keys);
    this.terms = new Map();
    this.names = new Map();
    this.meta = new Map();
    this.vocab = null;
  }

  // An index file's content, as its __sotaySearch(kind, key, data) call hands it over.
  Engine.prototype.add = function (kind, key, data) {
    if (kind === "t") this.terms.set(key, data);
    else if (kind === "m") this.meta.set(key, data);
    else if (kind === "v") this.vocab = data;
  };

  // The shard keys holding `term` (exact) or every term starting with it (prefix).
  Engine.prototype.keysFor = function (term, prefix) {
    const points = Array.from(term);
    const keys = [];
    for (let n = Math.min(points.length, this.params.max_key); n >= 1; n--) {
      const key = points.slice(0, n).join("");
      if (this.keySet.has(key)) {
        if (!(prefix && n < 2)) keys.push(key);
        break;
      }
    }
    if (prefix) {
      for (const key of this.manifest.keys) {
        if (key.length > term.length && key.startsWith(term)) keys.push(key);
      }
    }
    return keys;
  };

  Engine.prototype.missingShards = function (keys) {
    const missing = new Set();
    for (const key of keys) if (!this.terms.has(key)) missing.add(fileOf(key));
    return Array.from(missing);
  };

  Engine.prototype.termNames = function (key) {
    if (!this.names.has(key)) this.names.set(key, Object.keys(this.terms.get(key) || {}));
    return this.names.get(key);
  };

  function emptyHits(size) {
    return {score: new Float32Array(size), value: new Int32Array(size), variant: new Array(size),
      term: new Array(size), typo: new Uint8Array(size), docs: []};
  }

  // Add to `hits` the postings of folded `term` in shard `key` for query word `word`.
  Engine.prototype.addTerm = function (hits, word, key, term, factor, typo) {
    const shard = this.terms.get(key);
    if (!shard || !hasOwn(shard, term)) return;
    const p = this.params;
    const extended = !typo && term !== word.folded;
    const variants = shard[term];
    for (const name of Object.keys(variants)) {
      const exact = !typo && word.marked
        && (extended ? name.startsWith(word.raw) : name === word.raw);
      const f = factor * (exact ? p.exact_factor : 1);
      const list = variants[name];
      let doc = 0;
      for (let i = 0; i < list.length; i += 2) {
        doc += list[i];
        const value = list[i + 1];
        const cls = value & 3;
        const score = (p.weights[cls] + (cls === 3 ? p.title_position / (1 + (value >> 2)) : 0)) * f;
        if (score > hits.score[doc]) {
          if (hits.score[doc] === 0) hits.docs.push(doc);
          hits.score[doc] = score;
          hits.value[doc] = value;
          hits.variant[doc] = name;
          hits.term[doc] = term;
          hits.typo[doc] = typo ? 1 : 0;
        }
      }
    }
  };

  // The documents one query word matches: best score, posting value and variant per doc id,
  // in arrays indexed by doc id (far faster than a Map at 10,000 documents on a slow phone).
  Engine.prototype.matchWord = function (word, prefix, typos) {
    const hits = emptyHits(this.manifest.docs);
    const factor = this.params.prefix_factor;
    for (const key of this.keysFor(word.folded, prefix)) {
      if (prefix) {
        for (const term of this.termNames(key)) {
          if (term.startsWith(word.folded)) {
            this.addTerm(hits, word, key, term, term === word.folded ? 1 : factor, false);
          }
        }
      } else {
        this.addTerm(hits, word, key, word.folded, 1, false);
      }
    }
    for (const term of typos || []) {
      for (const key of this.keysFor(term, false)) {
        this.addTerm(hits, word, key, term, this.params.typo_factor, true);
      }
    }
    return hits;
  };

  // Folded terms of the vocabulary one edit from a query word (none for numbers, short words).
  Engine.prototype.typosOf = function (word, prefix) {
    const p = this.params;
    const typed = word.folded;
    if (!/^[a-z]+$/.test(typed) || typed.length < p.typo_short_min || !this.vocab) return [];
    const long = typed.length >= p.typo_min;
    const found = [];
    for (const term of this.vocab) {
      if (Math.abs(term.length - typed.length) > 1) continue;
      if (prefix && term.startsWith(typed)) continue; // already found as a completion
      if (oneEdit(typed, term, long, p.typo_short_letters)) found.push(term);
    }
    return found;
  };

  function hitOf(hits, doc) {
    const value = hits.value[doc];
    return {s: hits.score[doc], cls: value & 3, pos: value >> 2, variant: hits.variant[doc],
      term: hits.term[doc], typo: hits.typo[doc] === 1};
  }

  // Query words in the title in the typed order: side by side, or at most one word apart.
  function phraseBonus(hits) {
    if (hits.length < 2 || hits.some(function (h) { return !h || h.cls !== 3; })) return 0;
    let gap = 0;
    for (let i = 1; i < hits.length; i++) {
      const step = hits[i].pos - hits[i - 1].pos;
      if (step < 1 || step > 2) return 0;
      gap = Math.max(gap, step);
    }
    return (gap === 1 ? 3 : 2) * hits.length;
  }

  function byScore(a, b) {
    return b.matched - a.matched || b.score - a.score || a.doc - b.doc;
  }

  /* Search for an analysed query. Returns {missing: [file names]} while index files are
   * lacking (load them, add them, call again), then
   * {missing: [], results: [{doc, score, hits, matched, partial, absent}], partial, typos}:
   * - every result holds every word (a word found with one edit counts typo_factor as much);
   * - typos are looked for only while fewer than typo_below such results exist;
   * - when no page holds every word, `partial` is true and the results are the pages holding
   *   the most of them as typed (no correction), each naming the words it lacks (`absent`). */
  Engine.prototype.search = function (analysis) {
    const words = analysis.words;
    if (!words.length) return {missing: [], results: [], partial: false, typos: false};
    const self = this;
    const keys = [];
    words.forEach(function (w, i) { keys.push.apply(keys, self.keysFor(w.folded, usesPrefix(analysis, i))); });
    if (analysis.joined) keys.push.apply(keys, this.keysFor(analysis.joined.folded, true));
    let missing = this.missingShards(keys);
    if (missing.length) return {missing: missing};

    const exact = words.map(function (w, i) { return self.matchWord(w, usesPrefix(analysis, i)); });
    let results = this.combine(analysis, exact);
    let typos = false;
    if (results.length < this.params.typo_below) {
      if (!this.vocab) return {missing: ["vocab.js"]};
      const found = words.map(function (w, i) { return self.typosOf(w, usesPrefix(analysis, i)); });
      if (found.some(function (f) { return f.length; })) {
        const more = [];
        found.forEach(function (terms) {
          terms.forEach(function (t) { more.push.apply(more, self.keysFor(t, false)); });
        });
        missing = this.missingShards(more);
        if (missing.length) return {missing: missing};
        const lists = words.map(function (w, i) {
          return self.matchWord(w, usesPrefix(analysis, i), found[i]);
        });
        results = this.combine(analysis, lists);
        typos = true;
      }
    }
    if (results.length || words.length < 2) {
      return {missing: [], results: results, partial: false, typos: typos};
    }
    // Partial matches count the words as typed: a page holding three of four words thanks to
    // a correction would be a guess upon a guess.
    return {missing: [], results: this.partial(analysis, exact), partial: true, typos: false};
  };

  // Documents holding every word (or the joined document number), best first.
  Engine.prototype.combine = function (analysis, lists) {
    const words = analysis.words;
    const found = new Map();
    const smallest = lists.reduce(function (a, b) { return b.docs.length < a.docs.length ? b : a; });
    for (const doc of smallest.docs) {
      if (!lists.every(function (list) { return list.score[doc] > 0; })) continue;
      const hits = lists.map(function (list) { return hitOf(list, doc); });
      let score = 0;
      for (const hit of hits) score += hit.s;
      found.set(doc, {doc: doc, score: score + phraseBonus(hits), hits: hits,
        matched: words.length, partial: false, absent: []});
    }
    if (analysis.joined) {
      // A document number typed with other separators, or none: 865TB/TU, 25 NQ TW, 6-ĐA/TU.
      const joined = this.matchWord(analysis.joined, true);
      for (const doc of joined.docs) {
        const hit = hitOf(joined, doc);
        const score = hit.s * words.length + 5;
        const old = found.get(doc);
        if (!old || old.score < score) {
          found.set(doc, {doc: doc, score: score, hits: words.map(function () { return hit; }),
            matched: words.length, partial: false, absent: []});
        }
      }
    }
    return Array.from(found.values()).sort(byScore);
  };

  // No page holds every word: the pages holding the most of them, best first.
  Engine.prototype.partial = function (analysis, lists) {
    const counts = new Map();
    for (const list of lists) {
      for (const doc of list.docs) counts.set(doc, (counts.get(doc) || 0) + 1);
    }
    let most = 0;
    for (const n of counts.values()) most = Math.max(most, n);
    const results = [];
    if (most === 0) return results;
    for (const [doc, n] of counts) {
      if (n !== most) continue;
      const hits = lists.map(function (list) { return list.score[doc] > 0 ? hitOf(list, doc) : null; });
      let score = 0;
      for (const hit of hits) if (hit) score += hit.s;
      const absent = analysis.words.filter(function (_, i) { return !hits[i]; })
        .map(function (w) { return w.raw; });
      results.push({doc: doc, score: score, hits: hits, matched: n, partial: true, absent: absent});
    }
    return results.sort(byScore);
  };

  // -- what a result shows ------------------------------------------------------------------------
  Engine.prototype.metaFiles = function (results) {
    const block = this.manifest.block;
    const files = new Set();
    for (const r of results) {
      const n = Math.floor(r.doc / block);
      if (!this.meta.has(n)) files.add("m-" + n + ".js");
    }
    return Array.from(files);
  };

  // [url, title, kind, snippet, headings] of a document, once its block is added.
  Engine.prototype.metaOf = function (doc) {
    const block = Math.floor(doc / this.manifest.block);
    const rows = this.meta.get(block);
    return rows ? rows[doc - block * this.manifest.block] : null;
  };

  // The section (0 = the page's start) where most of the result's words stand.
  function sectionOf(result) {
    const counts = new Map();
    for (const hit of result.hits) {
      if (hit && hit.cls < 3) counts.set(hit.pos, (counts.get(hit.pos) || 0) + 1);
    }
    let best = 0;
    let most = 0;
    for (const [section, count] of counts) {
      if (count > most || (count === most && section < best)) { best = section; most = count; }
    }
    return best;
  }

  // Where to mark `text` for `result`: [start, end) spans of the words that matched it, by the
  // variant the page holds (so "dan" found as "dân" never marks "dẫn"), and of a document
  // number matched whole.
  function marks(text, result) {
    const variants = new Set();
    const joined = new Set();
    for (const hit of result.hits) {
      if (!hit) continue;
      variants.add(hit.variant);
      joined.add(hit.term);
    }
    const spans = [];
    let until = -1;
    text = text.normalize("NFC");
    const found = tokens(text);
    // Joined tokens first: a number marked whole is not marked again part by part.
    for (const t of found) {
      if (t.joined && joined.has(t.folded)) { spans.push([t.start, t.end]); }
    }
    for (const t of found) {
      if (t.joined || !variants.has(t.variant)) continue;
      if (spans.some(function (s) { return t.start >= s[0] && t.end <= s[1]; })) continue;
      spans.push([t.start, t.end]);
    }
    spans.sort(function (a, b) { return a[0] - b[0]; });
    const kept = [];
    for (const s of spans) {
      if (s[0] < until) continue;
      const last = kept[kept.length - 1];
      // Parts of one number marked one by one (06, ĐA, TU) show as one mark: 06-ĐA/TU.
      if (last && s[0] === last[1] + 1 && JOINERS.includes(text[last[1]])) last[1] = s[1];
      else kept.push([s[0], s[1]]);
      until = s[1];
    }
    return kept;
  }

  // The words a result was found by with one edit, as the page spells them.
  function corrected(result) {
    const seen = new Set();
    for (const hit of result.hits) if (hit && hit.typo) seen.add(hit.variant);
    return Array.from(seen);
  }

  return {Engine: Engine, analyze: analyze, fold: fold, variant: variant, tokens: tokens,
    fileOf: fileOf, oneEdit: oneEdit, marks: marks, sectionOf: sectionOf, corrected: corrected};
});
