/* Test helper: an index built by the Python side (tests/js/build_index.py), read by the
 * engine as the browser would, with the files it asks for loaded from disk. Not a test file
 * (node --test runs *.test.cjs only). SOTAY_SEARCH_INDEX names a folder already built;
 * otherwise one is built in a temporary folder with SOTAY_PYTHON (default .venv/bin/python). */
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const vm = require("node:vm");
const {execFileSync} = require("node:child_process");

const ROOT = path.resolve(__dirname, "..", "..");
const Engine = require(path.join(ROOT, "overrides/assets/javascripts/sotay-search-engine.js"));

function built() {
  if (process.env.SOTAY_SEARCH_INDEX) return process.env.SOTAY_SEARCH_INDEX;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sotay-search-"));
  const venv = path.join(ROOT, ".venv", "bin", "python");
  const python = process.env.SOTAY_PYTHON || (fs.existsSync(venv) ? venv : "python3");
  execFileSync(python, [path.join(__dirname, "build_index.py"), dir], {stdio: "inherit"});
  return dir;
}

const DIR = built();

// Run one index file, returning its single __sotaySearch(kind, key, data) call.
function read(file) {
  const calls = [];
  vm.runInNewContext(fs.readFileSync(path.join(DIR, "search", file), "utf8"),
    {__sotaySearch: function (kind, key, data) { calls.push([kind, key, data]); }});
  if (calls.length !== 1) throw new Error(file + ": " + calls.length + " calls");
  return calls[0];
}

function manifest() {
  return read("manifest.js")[2];
}

// A fresh engine over the index (its manifest edited by `tune`, if given), counting the files
// it asked for.
function open(tune) {
  const m = manifest();
  if (tune) tune(m);
  const engine = new Engine.Engine(m);
  engine.loaded = [];
  return engine;
}

// Search like the browser: load whatever the engine says it lacks, until it answers; then the
// metadata of the results, so each carries its url and title.
function search(engine, query) {
  const analysis = Engine.analyze(query);
  for (let round = 0; round < 5; round++) {
    const answer = engine.search(analysis);
    if (!answer.missing.length) {
      for (const file of engine.metaFiles(answer.results)) engine.add.apply(engine, read(file));
      answer.urls = answer.results.map(function (r) { return engine.metaOf(r.doc)[0]; });
      answer.analysis = analysis;
      return answer;
    }
    for (const file of answer.missing) {
      engine.loaded.push(file);
      engine.add.apply(engine, read(file));
    }
  }
  throw new Error("the engine kept asking for files: " + query);
}

function pythonWords() {
  return JSON.parse(fs.readFileSync(path.join(DIR, "words.json"), "utf8"));
}

module.exports = {DIR, Engine, open, search, manifest, pythonWords, read};
