/*
 * Filters on the claims and implications indexes: progressive enhancement. Without this
 * script the paginated lists stay complete; with it, the hidden form of the page (written
 * by the generator, with every word it shows) appears. A filter works across every part
 * of the list: the corpus's facts (assets/filters/<kind>-<n>.js, written by
 * generator/maps/filters.py) are loaded with <script src> -- no fetch(), so it works from
 * file:// -- only once the reader uses the form. Matches replace the list; clearing the
 * filters brings the list back. Contributor text reaches the page only as textContent.
 */
(function () {
  "use strict";
  if (typeof document === "undefined") return;

  var current = document.currentScript && document.currentScript.src;
  var base = current ? current.replace(/assets\/javascripts\/filters\.js(?:[?#].*)?$/, "") : "";
  var PAGE = 100;
  // Row columns (filters.py): claims [id, brief, type, rating, [by], [tags], text];
  // implications [id, brief, likelihood, horizon, confidence, [affects], [tags], text].
  var COLUMNS = {
    claims: { folder: "claims/", select: { type: 2, rating: 3 }, actors: ["speaker", 4], tags: 5, text: 6 },
    implications: { folder: "implications/", select: { likelihood: 2, horizon: 3 }, actors: ["affects", 5], tags: 6, text: 7 }
  };
  var loaded = {}; // kind -> {rows, actors, briefs, done, waiting}

  window.__briefsFilter = function (kind, n, data) {
    var store = loaded[kind];
    if (!store) return;
    Array.prototype.push.apply(store.rows, data.rows);
    Object.keys(data.actors).forEach(function (k) { store.actors[k] = data.actors[k]; });
    Object.keys(data.briefs).forEach(function (k) { store.briefs[k] = data.briefs[k]; });
    if (data.more) addScript(kind, n + 1);
    else {
      store.done = true;
      store.waiting.forEach(function (f) { f(); });
      store.waiting = [];
    }
  };

  function addScript(kind, n) {
    var s = document.createElement("script");
    s.src = base + "assets/filters/" + kind + "-" + n + ".js";
    document.head.appendChild(s);
  }

  function load(kind, then) {
    if (!loaded[kind]) {
      loaded[kind] = { rows: [], actors: {}, briefs: {}, tags: {}, done: false, waiting: [] };
      addScript(kind, 1);
    }
    if (loaded[kind].done) then();
    else loaded[kind].waiting.push(then);
  }

  function fold(text) { return String(text || "").trim().toLowerCase(); }

  // The ids a typed value stands for: an exact id or name, else every id or name containing it.
  function resolve(value, names) {
    var wanted = fold(value);
    var exact = {}, partial = {}, any = false, anyExact = false;
    Object.keys(names).forEach(function (id) {
      var name = fold(names[id]);
      if (id === wanted || name === wanted) { exact[id] = true; anyExact = true; }
      else if (id.indexOf(wanted) >= 0 || name.indexOf(wanted) >= 0) { partial[id] = true; any = true; }
    });
    return anyExact ? exact : (any ? partial : {});
  }

  function fillList(list, names) {
    if (list.childElementCount) return;
    Object.keys(names).sort(function (a, b) { return names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0; })
      .forEach(function (id) {
        var option = document.createElement("option");
        option.value = names[id];
        list.appendChild(option);
      });
  }

  function setUp(form) {
    var kind = form.getAttribute("data-kind");
    var columns = COLUMNS[kind];
    if (!columns) return;
    var results = form.nextElementSibling;
    var status = form.querySelector(".listing-filter__status");
    var shown = 0, matches = [];
    var original = Array.prototype.slice.call(document.querySelectorAll(
      ".md-content .listing:not(.listing-filter-results), .md-content h2.index-group, .md-content .listing-pager, " +
      ".md-content #parts, .md-content .listing-parts, .md-content p.empty"));
    form.hidden = false;

    function message(name, n, total) {
      return (form.getAttribute("data-msg-" + name) || "").replace("{n}", n.toLocaleString("en"))
        .replace("{total}", total.toLocaleString("en"));
    }

    function criteria() {
      var out = [];
      Object.keys(columns.select).forEach(function (name) {
        var value = form.elements[name].value;
        if (value) out.push(function (row) { return row[columns.select[name]] === value; });
      });
      var store = loaded[kind];
      var typed = [[columns.actors[0], columns.actors[1], store.actors], ["brief", 1, store.briefs], ["tag", columns.tags, store.tags]];
      typed.forEach(function (t) {
        var value = form.elements[t[0]].value;
        if (!fold(value)) return;
        var ids = resolve(value, t[2]);
        out.push(function (row) {
          var cell = row[t[1]];
          return Array.isArray(cell) ? cell.some(function (id) { return ids[id]; }) : !!ids[cell];
        });
      });
      return out;
    }

    function item(row) {
      var store = loaded[kind];
      var li = document.createElement("li");
      li.className = "listing-item";
      li.setAttribute("data-id", row[0]);
      var a = document.createElement("a");
      a.className = kind === "claims" ? "claim-link" : "implication-link";
      a.href = base + columns.folder + row[0] + ".html";
      a.textContent = row[columns.text];
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.appendChild(document.createTextNode(" — " + (form.getAttribute("data-msg-in") || "") + " "));
      var brief = document.createElement("a");
      brief.className = "brief-link";
      brief.href = base + "briefs/" + row[1] + ".html";
      brief.textContent = store.briefs[row[1]] || row[1];
      meta.appendChild(brief);
      li.appendChild(meta);
      return li;
    }

    function showMore() {
      var more = results.querySelector(".listing-filter__more");
      if (more) more.parentNode.removeChild(more);
      matches.slice(shown, shown + PAGE).forEach(function (row) { results.appendChild(item(row)); });
      shown = Math.min(matches.length, shown + PAGE);
      if (shown < matches.length) {
        var li = document.createElement("li");
        li.className = "listing-filter__more";
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = form.getAttribute("data-msg-more");
        button.addEventListener("click", showMore);
        li.appendChild(button);
        results.appendChild(li);
      }
    }

    function restore() {
      results.hidden = true;
      results.textContent = "";
      original.forEach(function (el) { el.hidden = false; });
    }

    function apply() {
      var store = loaded[kind];
      var tests = criteria();
      if (!tests.length) {
        if (!results.hidden) status.textContent = message("cleared", 0, 0);
        restore();
        return;
      }
      matches = store.rows.filter(function (row) { return tests.every(function (t) { return t(row); }); });
      shown = 0;
      results.textContent = "";
      original.forEach(function (el) { el.hidden = true; });
      results.hidden = false;
      showMore();
      status.textContent = message(matches.length ? "found" : "none", matches.length, store.rows.length);
    }

    function ready(then) {
      var wasLoaded = loaded[kind] && loaded[kind].done;
      if (!wasLoaded) status.textContent = form.getAttribute("data-msg-loading");
      load(kind, function () {
        var store = loaded[kind];
        store.rows.forEach(function (row) { row[columns.tags].forEach(function (t) { store.tags[t] = "#" + t; }); });
        fillList(form.querySelector("#filter-" + columns.actors[0] + "-names"), store.actors);
        fillList(form.querySelector("#filter-brief-names"), store.briefs);
        fillList(form.querySelector("#filter-tag-names"), store.tags);
        if (!wasLoaded) status.textContent = "";
        if (then) then();
      });
    }

    form.addEventListener("focusin", function () { ready(); });
    form.addEventListener("change", function () { ready(apply); });
    form.addEventListener("input", function (event) {
      if (event.target.tagName === "INPUT") ready(apply);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); ready(apply); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { ready(apply); }, 0); // after the form's values are reset
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form.listing-filter"), setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
