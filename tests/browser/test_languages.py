"""Articles in any language: an Arabic article reads right to left, a Russian one is read as
Russian, an English one as before, and the chrome around them keeps the site's direction.

The multilingual corpus (tests/fixtures/site/multilingual) has, among others, an Arabic
brief (``date-harvest``), a Russian one (``volga-water``) and an English one
(``harbour-ferries``), on an English site. Opened from disk, no network.
"""

from __future__ import annotations

import re

import pytest

from .site_reading import expect, expect_page, search

CARD = "#briefs-card"
ARABIC, RUSSIAN, ENGLISH = "date-harvest", "volga-water", "harbour-ferries"


def _language_and_direction(locator) -> list[tuple[str, str]]:
    """(the language that applies, the computed direction) of every element matched."""
    return [tuple(pair) for pair in locator.evaluate_all(
        "els => els.map(e => [(e.closest('[lang]') || {}).lang || '', getComputedStyle(e).direction])")]


def test_the_arabic_article_is_arabic_and_lays_out_right_to_left(built_sites, reader):
    site = built_sites("multilingual")
    page = reader.open(site.url(f"briefs/{ARABIC}.html"))
    paragraphs = page.locator(".brief-article p")
    assert paragraphs.count() == 3
    assert _language_and_direction(paragraphs) == [("ar", "rtl")] * 3
    # Right to left: each paragraph's first word is at its right edge.
    first = paragraphs.first
    starts_right = first.evaluate("""p => {
        const range = document.createRange();
        range.setStart(p.firstChild, 0);
        range.setEnd(p.firstChild, 4);
        const word = range.getBoundingClientRect(), box = p.getBoundingClientRect();
        return box.right - word.right < 2 && word.left - box.left > box.width / 2;
    }""")
    assert starts_right, "the first word of an Arabic paragraph sits at its right edge"
    # The title, the summary and the claims listed under the article are Arabic too.
    assert _language_and_direction(page.locator("article h1")) == [("ar", "rtl")]
    assert set(_language_and_direction(page.locator("a.claim-link"))) == {("ar", "rtl")}
    # The chrome keeps the site's language and direction.
    assert page.evaluate("document.documentElement.lang") == "en"
    chrome = page.locator("article h2#claims, .brief-meta, .page-kind")
    assert set(_language_and_direction(chrome)) == {("en", "ltr")}


@pytest.mark.parametrize("how", ["hover", "focus", "tap"])
def test_arabic_highlights_open_their_cards_which_link_to_their_claim_pages(built_sites, reader, how):
    site = built_sites("multilingual")
    ids = [c for c, r in site.corpus.claims.items() if r.brief == ARABIC]
    assert len(ids) == 2
    page = reader.open(site.url(f"briefs/{ARABIC}.html"), phone=how == "tap")
    for claim_id in ids:
        statement = site.corpus.claims[claim_id].claim.statement
        quote = page.locator(f"#claim-{claim_id} + a.claim-quote")
        expect(quote).to_be_visible()
        assert quote.evaluate("e => getComputedStyle(e).direction") == "rtl"
        getattr(quote, how)()
        card = page.locator(CARD)
        expect(card).to_be_visible()
        expect(card.locator(".briefs-card__statement")).to_have_text(statement)
        expect(card.locator(".briefs-card__statement")).to_have_attribute("lang", "ar")
        assert card.locator(".briefs-card__statement").evaluate("e => getComputedStyle(e).direction") == "rtl"
        # The card's own words are the site's, left to right, even inside the Arabic paragraph.
        opener = card.locator("a.briefs-card__open")
        expect(opener).to_have_text("Open the claim page")
        assert opener.evaluate("e => [e.closest('[lang]').lang, getComputedStyle(e).direction]") == ["en", "ltr"]
        # Placed under the highlight, inside the article, whichever side the line ends on.
        article, box, mark = (page.locator(s).bounding_box() for s in (".brief-article", CARD, f"#claim-{claim_id} + a"))
        assert article["x"] - 1 <= box["x"] and box["x"] + box["width"] <= article["x"] + article["width"] + 1
        assert box["y"] >= mark["y"]
        # Right to left, the card hangs from the highlight's start: its right edge (unless the article ends first).
        last_right = page.locator(f"#claim-{claim_id} + a").evaluate(
            "e => { const r = e.getClientRects(); return r[r.length - 1].right; }")
        assert abs(box["x"] + box["width"] - last_right) < 2 or abs(box["x"] - article["x"]) < 2, (box, last_right)
        expect(opener).to_have_attribute("href", f"../claims/{claim_id}.html")
        if claim_id != ids[-1]:
            page.keyboard.press("Escape") if how != "tap" else page.locator("article h1").tap()
            expect(card).to_be_hidden()
    # The last card's link leads to its claim page, which shows the statement (in Arabic).
    opener.tap() if how == "tap" else opener.click()
    expect_page(page, f"claims/{ids[-1]}.html", site.corpus.claims[ids[-1]].claim.statement)
    assert _language_and_direction(page.locator("article h1")) == [("ar", "rtl")]
    assert _language_and_direction(page.locator("blockquote.quote-context p")) == [("ar", "rtl")]


def test_the_russian_article_is_russian_and_the_english_one_unchanged(built_sites, reader):
    site = built_sites("multilingual")
    page = reader.open(site.url(f"briefs/{RUSSIAN}.html"))
    paragraphs = page.locator(".brief-article p")
    assert set(_language_and_direction(paragraphs)) == {("ru", "ltr")}
    expect(page.locator(".brief-article")).not_to_have_attribute("dir", re.compile("."))
    page.goto(site.url(f"briefs/{ENGLISH}.html"))
    assert set(_language_and_direction(page.locator(".brief-article p"))) == {("en", "ltr")}
    # On an English site, nothing of an English brief needs a language of its own.
    assert page.locator("article [lang]").evaluate_all("els => els.map(e => e.className)") == ["brief-article"]
    page.locator(f"#claim-electric-ferries-this-summer + a.claim-quote").hover()
    expect(page.locator(f"{CARD} .briefs-card__statement")).to_have_text(
        "Two electric ferries will enter service before the end of the summer.")


def test_search_results_in_arabic_read_right_to_left(built_sites, reader):
    site = built_sites("multilingual")
    page = reader.open(site.url("index.html"))
    results = search(page, "الأسمدة")
    expect(results.first).to_be_visible()
    result = page.locator('#briefs-search-results [href$="claims/fertiliser-prices-up-thirty-percent.html"]')
    expect(result).to_be_visible()
    title = result.locator(".briefs-search__title")
    assert _language_and_direction(title) == [("ar", "rtl")]
    assert _language_and_direction(result.locator(".briefs-search__kind")) == [("en", "ltr")]
    expect(result.locator(".briefs-search__kind")).to_have_text("Claim")


@pytest.fixture(scope="module")
def french_site(browser, tmp_path_factory):
    """The multilingual corpus on a site whose language is French (``theme.language: fr``)."""
    from sitebuild import build_site_in_language

    from .conftest import MORE_CORPORA, Site

    root = build_site_in_language(MORE_CORPORA["multilingual"], tmp_path_factory.mktemp("site-fr"), "fr")
    return Site("multilingual-fr", root, root.parent, None)  # type: ignore[arg-type]


def test_on_a_french_site_the_scripts_speak_french(french_site, reader):
    page = reader.open(french_site.url(f"briefs/{ENGLISH}.html"))
    expect(page.locator("article h2#claims")).to_contain_text("Affirmations")
    quote = page.locator("#claim-charging-station-unfinished + a.claim-quote")
    quote.hover()
    card = page.locator(CARD)
    expect(card.locator("a.briefs-card__open")).to_have_text("Ouvrir la page de l’affirmation")
    expect(card.locator(".briefs-card__contested")).to_have_text("Contestée")
    expect(card.locator(".briefs-card__relation-label")).to_have_text("Contredit\u00a0: ")
    # The English statement in the card is marked English; the card's words are the page's French.
    expect(card.locator(".briefs-card__statement")).to_have_attribute("lang", "en")
    assert card.evaluate("e => e.lang") == "fr"

    expect(page.locator("button.briefs-search-open")).to_contain_text("Rechercher")
    page.locator("button.briefs-search-open").click()
    box = page.get_by_role("combobox", name="Rechercher dans les fiches")
    box.press_sequentially("Орлова")
    expect(page.locator("#briefs-search-results")).to_have_attribute("data-query", "Орлова")
    result = page.locator('#briefs-search-results [href$="actors/elena-orlova.html"]')
    expect(result.locator(".briefs-search__kind")).to_have_text("Acteur")
    expect(result.locator(".briefs-search__title")).to_have_attribute("lang", "ru")
    status = page.locator(".briefs-search__status")
    expect(status).to_have_text(re.compile(r"^\d+ résultats? (pour|contenant une partie des mots de) «\u00a0Орлова\u00a0»$"))
