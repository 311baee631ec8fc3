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
  card.setAttribute("aria-label", "About this highlight");
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

  function claimSection(item) {
    var box = el("span", "briefs-card__item briefs-card__item--claim");
    var who = el("span", "briefs-card__speakers");
    item.speakers.forEach(function (s, i) {
      if (i) who.appendChild(document.createTextNode(", "));
      var swatch = el("span", "briefs-card__swatch speaker-" + s.color);
      swatch.setAttribute("aria-hidden", "true");
      who.appendChild(swatch);
      who.appendChild(el("span", "briefs-card__speaker", s.name));
    });
    box.appendChild(who);
    var facts = el("span", "briefs-card__facts");
    facts.appendChild(el("span", "briefs-card__type", item.type));
    if (item.rating) {
      facts.appendChild(el("span", "briefs-card__rating", "Rated " + item.rating +
        (item.reviewer ? " by " + item.reviewer : "")));
    }
    if (item.contested) facts.appendChild(el("span", "briefs-card__contested", "Contested"));
    box.appendChild(facts);
    box.appendChild(el("span", "briefs-card__statement", item.statement));
    item.relations.forEach(function (rel) {
      var row = el("span", "briefs-card__relation");
      row.appendChild(el("span", "briefs-card__relation-label", rel.label + ": "));
      rel.items.forEach(function (other, i) {
        if (i) row.appendChild(document.createTextNode("; "));
        row.appendChild(link(other.url, other.text));
        row.appendChild(document.createTextNode(" (" + other.by + ")"));
      });
      if (rel.more) row.appendChild(document.createTextNode("; and " + rel.more + " more"));
      box.appendChild(row);
    });
    box.appendChild(link(item.url, "Open the claim page", "briefs-card__open"));
    return box;
  }

  function implicationSection(item) {
    var box = el("span", "briefs-card__item briefs-card__item--implication");
    box.appendChild(el("span", "briefs-card__kind", "Implication"));
    box.appendChild(el("span", "briefs-card__statement", item.headline));
    box.appendChild(el("span", "briefs-card__facts",
      "Likelihood: " + item.likelihood + " · Confidence: " + item.confidence + " · Horizon: " + item.horizon));
    box.appendChild(link(item.url, "Open the implication page", "briefs-card__open"));
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
    var left = Math.min(r.left - box.left, article.clientWidth - width);
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
      var what = wrap.tagName === "CODE" ? "Example " : "Table ";
      wrap.setAttribute("aria-label", what + (i + 1) + " (scrolls sideways)");  // landmarks need unique names
    }
  });
});
