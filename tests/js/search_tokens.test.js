// The browser's tokenizer (overrides/assets/javascripts/search-engine.js) against the shared
// vectors (tests/search_vectors.json), which tests/test_search_tokens.py checks against
// the index's tokenizer (generator/search/tokens.py). Run by that test: node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const repo = path.resolve(__dirname, "..", "..");
const source = fs.readFileSync(path.join(repo, "overrides/assets/javascripts/search-engine.js"), "utf8");
const context = {};
vm.runInNewContext(source, context); // the engine needs no DOM for the tokenizer
const search = context.BriefsSearch;
const vectors = JSON.parse(fs.readFileSync(path.join(repo, "tests/search_vectors.json"), "utf8"));

for (const vector of vectors) {
  test(`${JSON.stringify(vector.text)}: ${vector.why}`, () => {
    assert.equal(search.fold(vector.text), vector.fold);
    assert.deepEqual(Array.from(search.tokens(vector.text)), vector.tokens);
  });
}
