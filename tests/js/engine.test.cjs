/* The search engine over an index built by hooks/sotay/search_index.py: no browser, no DOM.
 * Run: node --test tests/js/   (make test runs it through tests/test_search_engine_js.py) */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const {Engine, open, search, manifest, pythonWords} = require("./index.cjs");

const first = (query, engine) => search(engine || open(), query).urls[0];

test("the engine reads every query as the Python side reads text", function () {
  for (const [query, expected] of Object.entries(pythonWords())) {
    const words = Engine.analyze(query).words.map(function (w) { return [w.raw, w.folded]; });
    const unique = expected.filter(function (w, i) {
      return expected.findIndex(function (o) { return o[0] === w[0]; }) === i;
    });
    assert.deepEqual(words, unique, query);
  }
});

test("parameters come from the manifest written by Python", function () {
  const m = manifest();
  assert.equal(typeof m.params.max_key, "number");
  for (const key of m.keys) assert.ok(Array.from(key).length <= m.params.max_key, key);
  assert.equal(JSON.stringify(open().params), JSON.stringify(m.params));
  // With typos switched off in the manifest, the engine stops correcting them.
  assert.equal(first("nghij quyeet"), "van-ban/nghi-quyet-25.html");
  const strict = open(function (mm) { mm.params.typo_min = 99; mm.params.typo_short_min = 99; });
  assert.deepEqual(search(strict, "nghij quyeet").urls, []);
});

test("exact words, with or without diacritics", function () {
  assert.equal(first("dân vận khéo"), "chu-de/dan-van-kheo.html");
  assert.equal(first("dan van kheo"), "chu-de/dan-van-kheo.html");
  assert.equal(first("Thôn Lũng Thầu"), "dia-danh/thon-lung-thau.html");
  const answer = search(open(), "dân vận");
  assert.ok(answer.results.length > 60);
  assert.equal(answer.typos, false, "many exact results: no typo is looked for");
  assert.ok(answer.results.every(function (r) { return !r.partial && r.hits.every(function (h) { return !h.typo; }); }));
});

test("a left-out letter in a short word", function () {
  assert.equal(first("lung tau"), "dia-danh/thon-lung-thau.html");
  const answer = search(open(), "dan van keo");
  // The page holding "kéo" exactly is found too, below the page the reader meant.
  assert.deepEqual(answer.urls, ["chu-de/dan-van-kheo.html", "su-kien/hoi-nghi.html"]);
  assert.deepEqual(Engine.corrected(answer.results[0]), ["khéo"]);
  assert.deepEqual(Engine.corrected(answer.results[1]), []);
});

test("one edit in a word of five letters or more, ranked below the exact word", function () {
  assert.deepEqual(search(open(), "khoan").urls, ["mo-hinh/khoan-quan.html", "mo-hinh/khoai-lang.html"]);
  // (and "thoại" of another page is one edit from "khoai" too, below both)
  assert.deepEqual(search(open(), "khoai").urls,
    ["mo-hinh/khoai-lang.html", "mo-hinh/khoan-quan.html", "chu-de/qcdc.html"]);
  assert.equal(first("nghị quyếtt"), "van-ban/nghi-quyet-25.html"); // one letter too many
  assert.equal(first("ngih quyet"), "van-ban/nghi-quyet-25.html"); // two letters swapped
  // Short words get no substitution: "khoe" is not "khoa", "tau" is not "tao".
  assert.equal(Engine.oneEdit("khoe", "khoa", false, "ghr"), false);
  assert.equal(Engine.oneEdit("tau", "thau", false, "ghr"), true);
  assert.equal(Engine.oneEdit("tau", "taum", false, "ghr"), false);
  assert.equal(Engine.oneEdit("nghij", "nghi", true), true);
  assert.equal(Engine.oneEdit("abcde", "abcde", true), false);
  // Numbers are never corrected: 26 is another document than 25 (found only as partial).
  const other = search(open(), "26-NQ/TW");
  assert.equal(other.partial, true);
  assert.deepEqual(other.results[0].absent, ["26"]);
});

test("document numbers with or without leading zeros and spaces", function () {
  for (const query of ["06-ĐA/TU", "6-ĐA/TU", "6 ĐA TU", "6-da/tu", "06 đa/tu", "006-ĐA/TU"]) {
    assert.equal(first(query), "van-ban/de-an-06.html", query);
  }
  assert.equal(first("25 NQ TW"), "van-ban/nghi-quyet-25.html");
});

test("old and new tone placement find the same pages", function () {
  const a = search(open(), "hoà giải").urls;
  const b = search(open(), "hòa giải").urls;
  assert.deepEqual(a, b);
  assert.ok(a.includes("van-ban/de-an-06.html")); // written "hoà" there
  assert.ok(a.includes("mo-hinh/to-hoa-giai.html")); // written "hòa" there
  assert.deepEqual(search(open(), "Tỉnh ủy").urls, search(open(), "tỉnh uỷ").urls);
  assert.equal(Engine.variant("thuỷ"), "thủy");
  assert.equal(Engine.variant("quý"), "quý");
});

test("other names, abbreviations and other spellings", function () {
  assert.equal(first("an ninh"), "mo-hinh/to-tu-quan.html"); // ten_khac
  assert.equal(first("Bắc Cạn"), "dia-danh/tinh-bac-kan.html"); // synonym pair
  assert.ok(search(open(), "QCDC").urls.includes("chu-de/qcdc.html"));
});

test("partial matches: the pages holding most of the words, labelled", function () {
  const answer = search(open(), "Lũng Thầu nghị quyết");
  assert.equal(answer.partial, true);
  assert.deepEqual(answer.urls, ["van-ban/nghi-quyet-25.html", "dia-danh/thon-lung-thau.html"]);
  assert.deepEqual(answer.results[0].absent, ["lũng", "thầu"]);
  assert.deepEqual(answer.results[1].absent, ["nghị", "quyết"]);
  const most = search(open(), "hòa giải xóm zzqx");
  assert.equal(most.partial, true);
  assert.deepEqual(most.urls, ["mo-hinh/to-tu-quan.html"], "3 of 4 words beats 2 of 4");
  assert.deepEqual(most.results[0].absent, ["zzqx"]);
  // Every word somewhere on one page: not partial.
  assert.equal(search(open(), "hòa giải xóm").partial, false);
  // One word found nowhere: nothing, and not called partial.
  const none = search(open(), "xyzzyq");
  assert.deepEqual([none.urls, none.partial], [[], false]);
});

test("the word being typed is completed", function () {
  assert.equal(first("dân vận kh"), "chu-de/dan-van-kheo.html");
  assert.equal(first("Lũng Th"), "dia-danh/thon-lung-thau.html");
});

test("highlighting marks the words that matched, as the page spells them", function () {
  const engine = open();
  const answer = search(engine, "dan van");
  const result = answer.results[answer.urls.indexOf("dien-hinh/dien-hinh-1.html")];
  const text = "Hướng dẫn về dân vận";
  const spans = Engine.marks(text, result).map(function (s) { return text.slice(s[0], s[1]); });
  assert.deepEqual(spans, ["dân", "vận"], "not dẫn");
  const number = search(open(), "6-ĐA/TU").results[0];
  const title = "Đề án 06-ĐA/TU, năm 2016";
  assert.deepEqual(Engine.marks(title, number).map(function (s) { return title.slice(s[0], s[1]); }),
    ["06-ĐA/TU"]);
  const typo = search(open(), "dan van keo").results[0];
  assert.deepEqual(Engine.marks("Dân vận khéo", typo), [[0, 3], [4, 7], [8, 12]]);
  const tone = search(open(), "hoà giải").results[0];
  assert.deepEqual(Engine.marks("Tổ hòa giải, Hoà giải", tone).length, 4);
});

test("a query loads only the shards it needs, the vocabulary only for typos", function () {
  const engine = open();
  search(engine, "dân vận");
  assert.ok(!engine.loaded.includes("vocab.js"));
  assert.ok(engine.loaded.length <= 3, engine.loaded.join(" "));
  search(engine, "lung tau");
  assert.ok(engine.loaded.includes("vocab.js"));
});
