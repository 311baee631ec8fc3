/*
 * The search engine of the site's search (search.js is its interface): the
 * tokenizer, loading index files with <script> elements, lookups, ranking, and
 * which words of a result to mark. No DOM but <script> elements, so node can run
 * the tokenizer (tests/js/search_tokens.test.js).
 *
 * The index format is described in generator/search/shards.py. The tokenizer
 * mirrors generator/search/tokens.py exactly; the shared cases are
 * tests/search_vectors.json (checked by tests/test_search_tokens.py in Python and
 * in node). Every string from the index is contributor text: this file never puts
 * it into the page; search.js does, with textContent and DOM calls only.
 */
(function (root) {
  "use strict";
  // --- Tokens: the same as generator/search/tokens.py -------------------------------------

  var DIACRITICS = /[\u0300-\u036f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u064b-\u065f\u0670]/g;
  var WORD = /[\p{L}\p{N}\p{M}]+/gu;
  var UNSPACED = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u{20000}-\u{3134f}]+/gu;
  var HAS_UNSPACED = new RegExp(UNSPACED.source, "u");
  var MAX_TOKEN = 40;

  function fold(text) {
    return text.normalize("NFKC").toLowerCase().normalize("NFD").replace(DIACRITICS, "")
      .normalize("NFC").replace(/\u03c2/g, "\u03c3");
  }

  function chars(text) {
    return Array.from(text);
  }

  function cut(word) {
    var cps = chars(word);
    return cps.length > MAX_TOKEN ? cps.slice(0, MAX_TOKEN).join("") : word;
  }

  // [unspaced?, text] pieces of one run of word characters.
  function segments(run) {
    var out = [];
    var position = 0;
    UNSPACED.lastIndex = 0;
    var match;
    while ((match = UNSPACED.exec(run)) !== null) {
      if (match.index > position) out.push([false, run.slice(position, match.index)]);
      out.push([true, match[0]]);
      position = match.index + match[0].length;
    }
    if (position < run.length) out.push([false, run.slice(position)]);
    return out;
  }

  // The keys a query looks up, each {key, word}: word keys can be completed as prefixes.
  function terms(text) {
    var out = [];
    var runs = fold(text).match(WORD) || [];
    runs.forEach(function (run) {
      segments(run).forEach(function (piece) {
        if (!piece[0]) {
          out.push({ key: cut(piece[1]), word: true });
          return;
        }
        var cps = chars(piece[1]);
        if (cps.length === 1) out.push({ key: piece[1], word: false });
        for (var i = 0; i + 1 < cps.length; i++) out.push({ key: cps[i] + cps[i + 1], word: false });
      });
    });
    return out;
  }

  function tokens(text) {
    return terms(text).map(function (t) { return t.key; });
  }

  // --- Loading index files with <script> elements ----------------------------------------

  var base = "";
  var files = {}; // name -> Promise of data
  var arrived = {}; // name -> data, set by the registration call

  root.__briefsSearch = function (name, data) {
    arrived[name] = data;
  };

  function load(name) {
    if (!files[name]) {
      files[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = base + "search/" + name + ".js";
        script.async = true;
        script.onload = function () {
          script.remove();
          if (Object.prototype.hasOwnProperty.call(arrived, name)) {
            var data = arrived[name];
            delete arrived[name];
            resolve(data);
          } else {
            delete files[name];
            reject(new Error("search index file did not register: " + script.src));
          }
        };
        script.onerror = function () {
          script.remove();
          delete files[name];
          reject(new Error("search index file not found: " + script.src));
        };
        document.head.appendChild(script);
      });
    }
    return files[name];
  }

  // --- The index ------------------------------------------------------------------------

  var COMPLETIONS = 16; // as PREFIX_KEYS in shards.py
  var PREFIX_FACTOR = 0.75; // a completion ranks below the word typed in full
  var STEM_FACTOR = 0.6; // the longest indexed stem of an unknown word ranks lower still
  var shards = {}; // number -> prepared shard

  function decode(entry) {
    var docs = new Map();
    var p = entry.p || [];
    var doc = 0;
    for (var i = 0; i + 1 < p.length; i += 2) {
      doc += p[i];
      docs.set(doc, p[i + 1]);
    }
    return docs;
  }

  function prepare(data) {
    var index = new Map();
    data.k.forEach(function (key, i) { index.set(key, i); });
    var prefixes = new Map();
    data.x.forEach(function (item) { prefixes.set(item[0], item[1]); });
    return { keys: data.k, entries: data.v, index: index, prefixes: prefixes };
  }

  function shardNumber(manifest, key) {
    var list = manifest.shards;
    var lo = 0;
    var hi = list.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (list[mid] <= key) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  var EMPTY = { keys: [], entries: [], index: new Map(), prefixes: new Map() };

  function shardFor(manifest, key) {
    if (!manifest.shards.length) return Promise.resolve(EMPTY); // nothing indexed at all
    var n = shardNumber(manifest, key);
    if (!shards[n]) shards[n] = load("t/" + n).then(prepare);
    return shards[n];
  }

  function entryOf(shard, key) {
    var i = shard.index.get(key);
    return i === undefined ? null : shard.entries[i];
  }

  // What looking up a key finds in its shard: its postings and those of its stems.
  function resolve(shard, key) {
    var entry = entryOf(shard, key);
    var found = { docs: new Map(), capped: false, stems: [] };
    if (!entry) return found;
    merge(found.docs, decode(entry), 1);
    found.capped = !!entry.n;
    (entry.s || []).forEach(function (stem) {
      var linked = entryOf(shard, stem);
      found.stems.push(stem);
      if (linked) {
        merge(found.docs, decode(linked), 1);
        found.capped = found.capped || !!linked.n;
      }
    });
    return found;
  }

  function frequency(shard, key) {
    var best = 0;
    [key].concat((entryOf(shard, key) || {}).s || []).forEach(function (k) {
      var e = entryOf(shard, k);
      if (e && e.p) best = Math.max(best, e.n || e.p.length / 2);
    });
    return best;
  }

  function merge(into, docs, factor) {
    docs.forEach(function (score, doc) {
      var value = score * factor;
      if (!(into.get(doc) >= value)) into.set(doc, value);
    });
  }

  function completions(shard, prefix) {
    var found = shard.keys.filter(function (key) { return key.startsWith(prefix); });
    found.sort(function (a, b) {
      return frequency(shard, b) - frequency(shard, a) || (a < b ? -1 : a > b ? 1 : 0);
    });
    return found.filter(function (key) { return frequency(shard, key) > 0; }).slice(0, COMPLETIONS);
  }

  // Forms that mean the same as the matched keys, for marking words in the results.
  function relatedForms(shard, keys, stems) {
    var forms = new Set(keys);
    var wanted = new Set(stems.concat(keys));
    shard.keys.forEach(function (key, i) {
      var entry = shard.entries[i];
      if (entry.s && entry.s.some(function (s) { return wanted.has(s); })) forms.add(key);
    });
    keys.forEach(function (key) {
      var entry = entryOf(shard, key);
      if (entry && entry.o) entry.o.forEach(function (o) { forms.add(o); });
    });
    return forms;
  }

  function lookup(manifest, term, typing) {
    return shardFor(manifest, term.key).then(function (shard) {
      var exact = resolve(shard, term.key);
      var docs = new Map(exact.docs);
      var matched = [term.key];
      var stems = exact.stems.slice();
      var capped = exact.capped;
      var prefix = null;
      var known = shard.index.has(term.key);
      if (term.word && chars(term.key).length >= manifest.minPrefix && (typing || !known)) {
        var table = shard.prefixes.get(term.key);
        var keys = table ? table.k : completions(shard, term.key);
        if (table) {
          merge(docs, decode(table), PREFIX_FACTOR);
          capped = capped || !!table.n;
        }
        keys.forEach(function (key) {
          if (!table) {
            var completed = resolve(shard, key);
            merge(docs, completed.docs, PREFIX_FACTOR);
            capped = capped || completed.capped;
          }
          matched.push(key);
        });
        if (keys.length) prefix = term.key;
      }
      if (!docs.size && term.word) {
        // An inflection the corpus does not have: the longest indexed key that begins it.
        var cps = chars(term.key);
        for (var n = cps.length - 1; n >= Math.max(3, cps.length - 4); n--) {
          var stem = cps.slice(0, n).join("");
          var found = resolve(shard, stem);
          if (found.docs.size) {
            merge(docs, found.docs, STEM_FACTOR);
            matched.push(stem);
            prefix = stem;
            break;
          }
        }
      }
      return { docs: docs, capped: capped, forms: relatedForms(shard, matched, stems), prefix: prefix };
    });
  }

  // Ranked document numbers for a query, and how to mark its words.
  function search(manifest, query) {
    var list = terms(query);
    var typing = /[\p{L}\p{N}\p{M}]$/u.test(query);
    var seen = new Set();
    list = list.filter(function (t) { return seen.has(t.key) ? false : (seen.add(t.key), true); });
    return Promise.all(list.map(function (term, i) {
      return lookup(manifest, term, typing && i === list.length - 1);
    })).then(function (found) {
      var scores = new Map();
      var hits = new Map();
      found.forEach(function (f) {
        f.docs.forEach(function (score, doc) {
          scores.set(doc, (scores.get(doc) || 0) + score);
          hits.set(doc, (hits.get(doc) || 0) + 1);
        });
      });
      // Every word must match, except words as common as stop words (their lists are cut).
      var required = found.filter(function (f) { return !f.capped; });
      var docs = Array.from(scores.keys());
      var all = docs.filter(function (doc) {
        return required.every(function (f) { return f.docs.has(doc); });
      });
      var partial = !all.length && found.length > 1;
      var guide = manifest.guide;
      var ranked = (partial ? docs : all).sort(function (a, b) {
        return (a >= guide) - (b >= guide) // the contributor guide after the entity pages
          || (partial ? hits.get(b) - hits.get(a) : 0) || scores.get(b) - scores.get(a) || a - b;
      });
      var forms = new Set();
      var prefixes = [];
      found.forEach(function (f) {
        f.forms.forEach(function (x) { forms.add(x); });
        if (f.prefix) prefixes.push(f.prefix);
      });
      return { docs: ranked, partial: partial, forms: forms, prefixes: prefixes };
    });
  }

  function documents(manifest, numbers) {
    return Promise.all(numbers.map(function (n) {
      return load("d/" + Math.floor(n / manifest.block)).then(function (rows) {
        var row = rows[n % manifest.block];
        return { kind: manifest.kinds[row[0]], title: row[1], url: row[2], text: row[3], context: row[4],
          language: row[5] || "", dir: row[6] || "" };
      });
    }));
  }

  // --- Which words of a result to mark, and its snippet ---------------------------------------

  function isMatch(match, folded) {
    if (match.forms.has(folded)) return true;
    return match.prefixes.some(function (p) { return folded.startsWith(p); });
  }

  // [[start, end], ...] code-unit ranges of `text` to mark.
  function marks(text, match) {
    var ranges = [];
    var re = new RegExp(WORD.source, "gu");
    var m;
    while ((m = re.exec(text)) !== null) {
      var run = m[0];
      var start = m.index;
      if (!HAS_UNSPACED.test(run)) {
        var folded = terms(run).map(function (t) { return t.key; });
        if (folded.some(function (f) { return isMatch(match, f); })) ranges.push([start, start + run.length]);
        continue;
      }
      var cps = chars(run);
      var offsets = [];
      var at = start;
      cps.forEach(function (c) { offsets.push(at); at += c.length; });
      offsets.push(at);
      for (var i = 0; i < cps.length; i++) {
        var one = fold(cps[i]);
        var two = i + 1 < cps.length ? one + fold(cps[i + 1]) : null;
        if (two && match.forms.has(two)) ranges.push([offsets[i], offsets[i + 2]]);
        else if (match.forms.has(one)) ranges.push([offsets[i], offsets[i + 1]]);
      }
    }
    return ranges;
  }

  var SNIPPET = 220;

  // The part of `text` around its first marked word.
  function snippet(text, ranges) {
    if (text.length <= SNIPPET) return { text: text, ranges: ranges };
    var first = ranges.length ? ranges[0][0] : 0;
    var start = Math.max(0, first - 60);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < first ? space + 1 : start;
    }
    var end = Math.min(text.length, start + SNIPPET);
    var last = text.lastIndexOf(" ", end);
    if (end < text.length && last > first) end = last;
    var prefix = start > 0 ? "\u2026 " : "";
    var shift = prefix.length - start;
    return {
      text: prefix + text.slice(start, end) + (end < text.length ? " \u2026" : ""),
      ranges: ranges.filter(function (r) { return r[0] >= start && r[1] <= end; })
        .map(function (r) { return [r[0] + shift, r[1] + shift]; }),
    };
  }

  function setBase(url) {
    base = url;
  }

  root.BriefsSearch = {
    fold: fold, tokens: tokens, terms: terms, marks: marks, snippet: snippet,
    search: search, documents: documents, load: load, setBase: setBase,
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
