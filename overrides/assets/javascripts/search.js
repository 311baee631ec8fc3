/*
 * Site search for briefs: a sharded index read with <script> elements, so that it
 * works from file://, from a server and from a sub-path, and loads nothing from
 * the network. The index format is described in generator/search/shards.py.
 *
 * - Nothing is read until the reader opens the search (button, "/" or "s").
 * - A query reads the manifest once, then one term shard per word and the
 *   document shards of the results it shows.
 * - Every string from the index is contributor text: it reaches the page through
 *   textContent and DOM calls only, never as HTML.
 *
 * The tokenizer mirrors generator/search/tokens.py exactly; the shared cases are
 * tests/search_vectors.json (checked by tests/test_search_tokens.py and
 * tests/js/search_tokens.test.js).
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

  function shardFor(manifest, key) {
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
        return { kind: manifest.kinds[row[0]], title: row[1], url: row[2], text: row[3], context: row[4] };
      });
    }));
  }

  // --- Marking matched words (DOM only: text nodes and <mark> elements) --------------------

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

  function appendMarked(element, text, ranges) {
    var position = 0;
    ranges.forEach(function (range) {
      if (range[0] < position) return;
      if (range[0] > position) element.appendChild(document.createTextNode(text.slice(position, range[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(range[0], range[1]);
      element.appendChild(mark);
      position = range[1];
    });
    if (position < text.length) element.appendChild(document.createTextNode(text.slice(position)));
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

  var core = { fold: fold, tokens: tokens, terms: terms, marks: marks };
  root.BriefsSearch = core;
  if (typeof document === "undefined") return; // node: the tokenizer only (tests)

  // --- The interface ------------------------------------------------------------------------

  var current = document.currentScript && document.currentScript.src;
  base = current ? current.replace(/assets\/javascripts\/search\.js(?:[?#].*)?$/, "") : "";

  var PAGE = 10;
  var ICON = "M9.5,3A6.5,6.5 0 0,1 16,9.5C16,11.11 15.41,12.59 14.44,13.73L14.71,14H15.5L20.5,19L19,20.5L14,15.5V14.71" +
    "L13.73,14.44C12.59,15.41 11.11,16 9.5,16A6.5,6.5 0 0,1 3,9.5A6.5,6.5 0 0,1 9.5,3M9.5,5C7,5 5,7 5,9.5C5,12 7,14 " +
    "9.5,14C12,14 14,12 14,9.5C14,7 12,5 9.5,5Z";

  function element(name, attributes, children) {
    var el = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") el.textContent = attributes[key];
      else el.setAttribute(key, attributes[key]);
    });
    (children || []).forEach(function (child) { el.appendChild(child); });
    return el;
  }

  function icon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", ICON);
    svg.appendChild(path);
    return svg;
  }

  var opener = element("button", {
    type: "button", class: "md-header__button md-icon briefs-search-open", "aria-haspopup": "dialog",
    "aria-keyshortcuts": "/ s", title: "Search (press / or s)",
  }, [icon(), element("span", { class: "briefs-search-open__label", text: "Search" }),
    element("kbd", { class: "briefs-search-open__key", "aria-hidden": "true", text: "/" })]);

  var input = element("input", {
    type: "search", id: "briefs-search-input", class: "briefs-search__input", role: "combobox",
    "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": "briefs-search-results",
    "aria-describedby": "briefs-search-help", "aria-label": "Search briefs, actors, claims, implications and the guide",
    placeholder: "Search briefs, actors, claims\u2026", autocomplete: "off", autocapitalize: "off",
    spellcheck: "false", enterkeyhint: "search",
  });
  var closer = element("button", { type: "button", class: "briefs-search__close", "aria-label": "Close search" },
    [element("span", { "aria-hidden": "true", text: "\u00d7" })]);
  var status = element("p", { id: "briefs-search-status", class: "briefs-search__status", role: "status",
    "aria-live": "polite", "aria-atomic": "true" });
  var help = element("p", { id: "briefs-search-help", class: "briefs-search__help",
    text: "Type a word or a name in any language. Arrow keys choose a result, Enter opens it, Escape closes." });
  var list = element("div", { id: "briefs-search-results", class: "briefs-search__results", role: "listbox",
    "aria-label": "Search results", hidden: "" });
  var more = element("button", { type: "button", class: "briefs-search__more", hidden: "", text: "Show more results" });
  var dialog = element("dialog", { class: "briefs-search", "aria-label": "Search the site" }, [
    element("div", { class: "briefs-search__bar", role: "search" }, [icon(), input, closer]),
    status, help, list, more,
  ]);

  var manifest = null;
  var state = { query: "", found: null, shown: 0, active: -1, seq: 0 };
  var timer = 0;

  function getManifest() {
    if (!manifest) manifest = load("manifest");
    return manifest;
  }

  function open() {
    if (dialog.open) return;
    dialog.showModal();
    input.focus();
    input.select();
    getManifest().catch(fail);
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  function fail(error) {
    status.textContent = "Search is unavailable: " + error.message;
  }

  function options() {
    return Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
  }

  function activate(i) {
    var all = options();
    if (!all.length) return;
    state.active = (i + all.length) % all.length;
    all.forEach(function (el, n) { el.setAttribute("aria-selected", n === state.active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", all[state.active].id);
    all[state.active].scrollIntoView({ block: "nearest" });
  }

  function count(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function result(doc, match, number) {
    var title = element("span", { class: "briefs-search__title" });
    appendMarked(title, doc.title, marks(doc.title, match));
    var parts = [
      element("span", { class: "briefs-search__kind briefs-search__kind--" + doc.kind.toLowerCase(), text: doc.kind }),
      title,
    ];
    if (doc.context) parts.push(element("span", { class: "briefs-search__context", text: doc.context }));
    if (doc.text) {
      var cut = snippet(doc.text, marks(doc.text, match));
      var text = element("span", { class: "briefs-search__snippet" });
      appendMarked(text, cut.text, cut.ranges);
      parts.push(text);
    }
    return element("a", {
      class: "briefs-search__result", role: "option", id: "briefs-search-result-" + number,
      href: base + doc.url, tabindex: "-1", "aria-selected": "false",
    }, parts);
  }

  function showMore(seq) {
    return getManifest().then(function (m) {
      var numbers = state.found.docs.slice(state.shown, state.shown + PAGE);
      return documents(m, numbers).then(function (docs) {
        if (seq !== state.seq) return;
        docs.forEach(function (doc, i) { list.appendChild(result(doc, state.found, state.shown + i)); });
        state.shown += docs.length;
        more.hidden = state.shown >= state.found.docs.length;
      });
    });
  }

  function run() {
    var query = input.value;
    var seq = ++state.seq;
    if (!query.trim()) {
      render(seq, query, null);
      return;
    }
    getManifest().then(function (m) {
      return search(m, query);
    }).then(function (found) {
      if (seq !== state.seq) return null;
      state.found = found;
      state.shown = 0;
      state.active = -1;
      list.textContent = "";
      input.removeAttribute("aria-activedescendant");
      return showMore(seq).then(function () { render(seq, query, found); });
    }).catch(fail);
  }

  function render(seq, query, found) {
    if (seq !== state.seq) return;
    if (!found) {
      list.textContent = "";
      list.hidden = true;
      more.hidden = true;
      status.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      delete list.dataset.query;
      return;
    }
    var n = found.docs.length;
    list.hidden = n === 0;
    input.setAttribute("aria-expanded", n ? "true" : "false");
    status.textContent = n === 0 ? "No results for \u201c" + query.trim() + "\u201d"
      : (found.partial ? count(n, "result") + " matching some of the words of \u201c"
        : count(n, "result") + " for \u201c") + query.trim() + "\u201d";
    list.dataset.query = query;
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 30);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      activate(state.active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter") {
      var all = options();
      var chosen = all[state.active >= 0 ? state.active : 0];
      event.preventDefault();
      if (chosen) chosen.click();
    }
  });
  more.addEventListener("click", function () { showMore(state.seq).catch(fail); });
  closer.addEventListener("click", close);
  opener.addEventListener("click", open);
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) close(); // the backdrop
  });
  dialog.addEventListener("close", function () {
    // Back to where the reader was; opened with a shortcut from nowhere in particular: the button.
    setTimeout(function () {
      var active = document.activeElement;
      if (!active || active === document.body || dialog.contains(active)) opener.focus();
    }, 0);
  });
  document.addEventListener("keydown", function (event) {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== "/" && event.key !== "s" && event.key !== "S") return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    open();
  });

  var header = document.querySelector(".md-header__inner");
  if (header) {
    var source = header.querySelector(".md-header__source");
    header.insertBefore(opener, source);
    document.body.appendChild(dialog);
    document.documentElement.setAttribute("data-briefs-search", "ready");
    if (root.performance && performance.mark) performance.mark("briefs-search-ready"); // benchmarks/bench_search.py
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
