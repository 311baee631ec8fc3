/* The site's own script. Highlight cards on brief pages: who says what, its rating and relations.
 *
 * Progressive enhancement: without this script every highlight is still a
 * link to its claim or implication page, and every label is in the page.
 * Data comes from the inert JSON block #briefs-cards (escaped at build time);
 * the card is built with DOM APIs and textContent only, never innerHTML.
 * Opens on hover, on keyboard focus and on tap (the first tap on a touch
 * screen opens the card; its link, or a second tap, opens the page).
 * Escape closes it. It sits right after the highlight in the reading order,
 * so Tab reaches its links and then moves on: focus is never trapped.
 */
/* The site's words: BriefsWords (site-words.js, generated from the catalogue), else English. */
var briefsWord = (function (root) {
  "use strict";
  var ENGLISH = {
    cardLabel: "About this highlight", via: "via %(name)s", rated: "Rated %(rating)s",
    ratedBy: "Rated %(rating)s by %(reviewer)s", contested: "Contested", andMore: "and %(num)s more",
    relation: "%(relation)s:", openClaim: "Open the claim page", implication: "Implication",
    estimate: "Likelihood: %(likelihood)s \u00b7 Confidence: %(confidence)s \u00b7 Horizon: %(horizon)s",
    outcome: "Outcome: %(outcome)s, %(date)s", openImplication: "Open the implication page",
    example: "Example %(num)s (scrolls sideways)", table: "Table %(num)s (scrolls sideways)",
  };
  return function (key, values) {
    var words = root.BriefsWords || {};
    var text = typeof words[key] === "string" ? words[key] : ENGLISH[key];
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return values && values[name] !== undefined ? String(values[name]) : all;
    });
  };
})(typeof globalThis !== "undefined" ? globalThis : this);

(function () {
  "use strict";
  var source = document.getElementById("briefs-cards");
  var article = document.querySelector(".brief-article");
  if (!source || !article) return;
  var data;
  try {
    data = JSON.parse(source.textContent);
  } catch (e) {
    return;
  }
  var QUOTES = "a.claim-quote, a.implication-quote";
  var card = document.createElement("span");
  card.id = "briefs-card";
  card.className = "briefs-card";
  card.setAttribute("role", "group");
  card.setAttribute("aria-label", briefsWord("cardLabel"));
  // The card sits inside the article, but its own words are the site's: its language and direction.
  card.lang = document.documentElement.lang || "en";
  card.dir = document.body.dir || document.documentElement.dir || "ltr";
  card.hidden = true;
  var current = null;  // the highlight the card is about
  var showTimer = 0;
  var hideTimer = 0;
  var lastTouch = 0;
  var returning = false;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function link(href, text, className) {
    var a = el("a", className, text);
    a.href = href;
    return a;
  }

  // Contributor text (statements, names) is in the brief's language: say so, and isolate its direction.
  function content(node, lang, dir) {
    node.lang = lang || data.lang || card.lang;
    node.dir = dir || data.dir || "auto";
    return node;
  }

  function claimSection(item) {
    var box = el("span", "briefs-card__item briefs-card__item--claim");
    var who = el("span", "briefs-card__speakers");
    item.speakers.forEach(function (s, i) {
      if (i) who.appendChild(document.createTextNode(", "));
      var swatch = el("span", "briefs-card__swatch speaker-" + s.color);
      swatch.setAttribute("aria-hidden", "true");
      who.appendChild(swatch);
      who.appendChild(content(el("span", "briefs-card__speaker", s.name), s.lang, s.dir));
    });
    box.appendChild(who);
    if (item.via || item.medium) {
      var relayed = el("span", "briefs-card__relayed");
      if (item.via) {
        var parts = briefsWord("via").split("%(name)s");
        relayed.appendChild(document.createTextNode(parts[0]));
        relayed.appendChild(content(el("span", null, item.via)));
        relayed.appendChild(document.createTextNode(parts.slice(1).join("")));
      }
      if (item.via && item.medium) relayed.appendChild(document.createTextNode(" \u00b7 "));
      if (item.medium) relayed.appendChild(document.createTextNode(item.medium));
      box.appendChild(relayed);
    }
    var facts = el("span", "briefs-card__facts");
    facts.appendChild(el("span", "briefs-card__type", item.type));
    if (item.rating) {
      facts.appendChild(el("span", "briefs-card__rating", item.reviewer
        ? briefsWord("ratedBy", { rating: item.rating, reviewer: item.reviewer })
        : briefsWord("rated", { rating: item.rating })));
    }
    if (item.contested) facts.appendChild(el("span", "briefs-card__contested", briefsWord("contested")));
    box.appendChild(facts);
    box.appendChild(content(el("span", "briefs-card__statement", item.statement)));
    item.relations.forEach(function (rel) {
      var row = el("span", "briefs-card__relation");
      row.appendChild(el("span", "briefs-card__relation-label", briefsWord("relation", { relation: rel.label }) + " "));
      rel.items.forEach(function (other, i) {
        if (i) row.appendChild(document.createTextNode("; "));
        row.appendChild(content(link(other.url, other.text)));
        row.appendChild(document.createTextNode(" ("));
        row.appendChild(content(el("span", null, other.by)));
        row.appendChild(document.createTextNode(")"));
      });
      if (rel.more) row.appendChild(document.createTextNode("; " + briefsWord("andMore", { num: rel.more })));
      box.appendChild(row);
    });
    box.appendChild(link(item.url, briefsWord("openClaim"), "briefs-card__open"));
    return box;
  }

  function implicationSection(item) {
    var box = el("span", "briefs-card__item briefs-card__item--implication");
    box.appendChild(el("span", "briefs-card__kind", briefsWord("implication")));
    box.appendChild(content(el("span", "briefs-card__statement", item.headline)));
    box.appendChild(el("span", "briefs-card__facts", briefsWord("estimate",
      { likelihood: item.likelihood, confidence: item.confidence, horizon: item.horizon })));
    if (item.outcome) {
      box.appendChild(el("span", "briefs-card__outcome",
        briefsWord("outcome", { outcome: item.outcome, date: item.outcomeDate })));
    }
    box.appendChild(link(item.url, briefsWord("openImplication"), "briefs-card__open"));
    return box;
  }

  function fill(quote) {
    while (card.firstChild) card.removeChild(card.firstChild);
    (quote.getAttribute("data-quotes") || "").split(" ").forEach(function (ref) {
      var at = ref.indexOf(":");
      var kind = ref.slice(0, at);
      var id = ref.slice(at + 1);
      if (kind === "claim" && data.claims[id]) card.appendChild(claimSection(data.claims[id]));
      if (kind === "implication" && data.implications[id]) card.appendChild(implicationSection(data.implications[id]));
    });
  }

  function place(quote) {
    var rects = quote.getClientRects();
    var r = rects.length ? rects[rects.length - 1] : quote.getBoundingClientRect();
    var box = article.getBoundingClientRect();
    card.style.top = (r.bottom - box.top + 6) + "px";
    var width = card.offsetWidth;
    // Under the end of the highlight's last line: its left edge in left-to-right text, its right
    // edge in right-to-left text (where that line ends on the left).
    var rtl = window.getComputedStyle(quote).direction === "rtl";
    var left = Math.min(rtl ? r.right - box.left - width : r.left - box.left, article.clientWidth - width);
    card.style.left = Math.max(0, left) + "px";
  }

  function show(quote) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (current !== quote) {
      if (current) current.removeAttribute("aria-describedby");
      current = quote;
      fill(quote);
      quote.insertAdjacentElement("afterend", card);
    }
    card.hidden = false;
    quote.setAttribute("aria-describedby", card.id);
    place(quote);
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    card.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
  }

  function later(fn, ms) {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(fn, ms);
  }

  function quoteOf(node) {
    return node && node.closest ? node.closest(QUOTES) : null;
  }

  function touching() {
    return Date.now() - lastTouch < 1000;
  }

  document.addEventListener("touchstart", function () { lastTouch = Date.now(); }, { passive: true, capture: true });

  article.addEventListener("mouseover", function (event) {
    if (touching()) return;
    var quote = quoteOf(event.target);
    if (quote) {
      clearTimeout(hideTimer);
      clearTimeout(showTimer);
      showTimer = setTimeout(function () { show(quote); }, 120);
    } else if (card.contains(event.target)) {
      clearTimeout(hideTimer);
    }
  });

  article.addEventListener("mouseout", function (event) {
    if (touching()) return;
    var to = event.relatedTarget;
    if (to && (card.contains(to) || (current && current.contains(to)))) return;
    clearTimeout(showTimer);
    if (!card.hidden && !card.contains(document.activeElement)) later(hide, 300);
  });

  article.addEventListener("focusin", function (event) {
    if (touching() || returning) return;  // a tap focuses the link too: the click decides (first tap: card)
    var quote = quoteOf(event.target);
    if (quote && !card.contains(quote)) show(quote);
    else if (card.contains(event.target)) clearTimeout(hideTimer);
  });

  article.addEventListener("focusout", function (event) {
    var to = event.relatedTarget;
    if (to && (card.contains(to) || to === current)) return;
    if (to && quoteOf(to)) return;  // the next highlight's focusin shows its own card
    later(hide, 0);
  });

  article.addEventListener("click", function (event) {
    var quote = quoteOf(event.target);
    if (!quote || card.contains(quote)) return;
    var coarse = touching() || (window.matchMedia && window.matchMedia("(hover: none)").matches);
    if (coarse && (card.hidden || current !== quote)) {
      event.preventDefault();  // the first tap shows the card; its link (or a second tap) opens the page
      show(quote);
    }
  });

  document.addEventListener("click", function (event) {
    if (card.hidden) return;
    if (card.contains(event.target) || quoteOf(event.target) === current) return;
    hide();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || card.hidden) return;
    var inside = card.contains(document.activeElement);
    hide();
    if (inside && current) {
      returning = true;  // focus goes back to the highlight; its focusin must not reopen the card
      current.focus();
      returning = false;
    }
  });

  window.addEventListener("resize", function () {
    if (!card.hidden && current) place(current);
  });
})();

/* Tables and code examples that scroll sideways (on a phone) are regions a keyboard must be able to
 * reach and scroll: Material wraps every table in .md-typeset__scrollwrap, which
 * is not focusable (axe-core: scrollable-region-focusable). */
window.addEventListener("load", function () {
  "use strict";
  var wraps = document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code");
  Array.prototype.forEach.call(wraps, function (wrap, i) {
    if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      // Landmarks need unique names.
      wrap.setAttribute("aria-label", briefsWord(wrap.tagName === "CODE" ? "example" : "table", { num: i + 1 }));
    }
  });
});
