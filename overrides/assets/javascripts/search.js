/*
 * The site's search interface: a button in the header and a dialog with results.
 * The engine (search-engine.js, loaded before this file) reads the sharded index;
 * nothing is read until the reader opens the search (button, "/" or "s").
 *
 * Every string from the index is contributor text: it reaches the page through
 * textContent and DOM calls only, never as HTML.
 */
(function (root) {
  "use strict";

  var engine = root.BriefsSearch;
  if (!engine || typeof document === "undefined") return;
  var marks = engine.marks;
  var snippet = engine.snippet;
  var search = engine.search;
  var documents = engine.documents;
  var load = engine.load;

  // The site's words (site-words.js, generated from the catalogue); English when it is missing.
  var WORDS = root.BriefsWords || {};
  var ENGLISH = {
    searchTitle: "Search (press / or s)", search: "Search",
    searchLabel: "Search briefs, actors, claims, implications and the guide",
    searchPlaceholder: "Search briefs, actors, claims\u2026", closeSearch: "Close search",
    searchHelp: "Type a word or a name in any language. Arrow keys choose a result, Enter opens it, Escape closes.",
    searchResults: "Search results", showMore: "Show more results", searchDialog: "Search the site",
    unavailable: "Search is unavailable: %(error)s", noResults: "No results for \u201c%(query)s\u201d",
    partial: "matching some of the words of \u201c%(query)s\u201d", found: "for \u201c%(query)s\u201d",
  };

  function word(key, values) {
    var text = typeof WORDS[key] === "string" ? WORDS[key] : ENGLISH[key];
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return values && values[name] !== undefined ? String(values[name]) : all;
    });
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

  // --- The interface ------------------------------------------------------------------------

  var current = document.currentScript && document.currentScript.src;
  var base = current ? current.replace(/assets\/javascripts\/search\.js(?:[?#].*)?$/, "") : "";
  engine.setBase(base);

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
    "aria-keyshortcuts": "/ s", title: word("searchTitle"),
  }, [icon(), element("span", { class: "briefs-search-open__label", text: word("search") }),
    element("kbd", { class: "briefs-search-open__key", "aria-hidden": "true", text: "/" })]);

  var input = element("input", {
    type: "search", id: "briefs-search-input", class: "briefs-search__input", role: "combobox",
    "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": "briefs-search-results",
    "aria-describedby": "briefs-search-help", "aria-label": word("searchLabel"),
    placeholder: word("searchPlaceholder"), autocomplete: "off", autocapitalize: "off",
    spellcheck: "false", enterkeyhint: "search",
  });
  var closer = element("button", { type: "button", class: "briefs-search__close", "aria-label": word("closeSearch") },
    [element("span", { "aria-hidden": "true", text: "\u00d7" })]);
  var status = element("p", { id: "briefs-search-status", class: "briefs-search__status", role: "status",
    "aria-live": "polite", "aria-atomic": "true" });
  var help = element("p", { id: "briefs-search-help", class: "briefs-search__help",
    text: word("searchHelp") });
  var list = element("div", { id: "briefs-search-results", class: "briefs-search__results", role: "listbox",
    "aria-label": word("searchResults"), hidden: "" });
  var more = element("button", { type: "button", class: "briefs-search__more", hidden: "", text: word("showMore") });
  var dialog = element("dialog", { class: "briefs-search", "aria-label": word("searchDialog") }, [
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
    status.textContent = word("unavailable", { error: error.message });
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

  function results(n) {
    var forms = (WORDS.counts && WORDS.counts.result) || ["%(num)s result", "%(num)s results"];
    var form = forms[WORDS.plural ? WORDS.plural(n) : Number(n !== 1)] || forms[forms.length - 1];
    var number = n;
    try {
      number = new Intl.NumberFormat(WORDS.language || "en").format(n);
    } catch (e) { /* an unknown language tag: plain digits */ }
    return form.replace("%(num)s", number);
  }

  // A result's title and snippet are in its document's language (the index says which): lang and dir.
  function content(attributes, doc) {
    if (doc.language) attributes.lang = doc.language;
    if (doc.dir) attributes.dir = doc.dir;
    return attributes;
  }

  function result(doc, match, number) {
    var title = element("span", content({ class: "briefs-search__title" }, doc));
    appendMarked(title, doc.title, marks(doc.title, match));
    var key = doc.kind.toLowerCase();
    var parts = [
      element("span", { class: "briefs-search__kind briefs-search__kind--" + key,
        text: (WORDS.kinds && WORDS.kinds[key]) || doc.kind }),
      title,
    ];
    if (doc.context) parts.push(element("span", { class: "briefs-search__context", text: doc.context }));
    if (doc.text) {
      var cut = snippet(doc.text, marks(doc.text, match));
      var text = element("span", content({ class: "briefs-search__snippet" }, doc));
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
    status.textContent = n === 0 ? word("noResults", { query: query.trim() })
      : results(n) + " " + word(found.partial ? "partial" : "found", { query: query.trim() });
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
