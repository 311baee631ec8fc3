"""Reading a brief at a glance (issue 12), in Chromium from file://, with no network.

Who says what is visible in place; the card opens on hover, keyboard focus and tap,
names the speaker and closes with Escape; implication marks are links a keyboard
reaches; on a phone the article starts in the first screen; hostile annotation text
stays inert in the card; axe-core finds nothing on any page kind, in both schemes,
on a desktop and on a phone.
"""

from __future__ import annotations

import re

import pytest

from generator.link import link_corpus
from generator.relations import claim_status

from .site_reading import PHONE, expect, expect_page

CARD = "#briefs-card"


def contested_claim(corpus) -> str:
    """A contested claim whose quote starts with its own link (it shows the contested mark)."""
    site = link_corpus(corpus)
    return min(c for c in corpus.claims if claim_status(site, c).contested)


def first_segment(page, claim_id: str):
    return page.locator(f"#claim-{claim_id} + a")


def test_the_speaker_label_and_contested_mark_are_shown_and_the_card_opens_on_hover(site, reader, shoot):
    claim_id = contested_claim(site.corpus)
    record = site.corpus.claims[claim_id]
    page = reader.open(site.url(f"briefs/{record.brief}.html"))
    chip = page.locator(f'span.speaker-chip[data-claim="{claim_id}"]')
    expect(chip).to_be_visible()
    expect(chip).to_have_class(re.compile(r"\bspeaker-chip--contested\b"))
    quote = first_segment(page, claim_id)
    assert "claim-quote--contested" in (quote.get_attribute("class") or "")
    style = quote.evaluate("e => getComputedStyle(e).borderBottomStyle")
    assert style == "dashed", f"a contested quote is marked by its line, not by colour alone: {style}"
    speaker = site.corpus.actors[record.claim.by[0]].actor.name

    quote.hover()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card.locator(".briefs-card__speaker").first).to_have_text(speaker)
    expect(card).to_contain_text(record.claim.statement)
    expect(card.locator(".briefs-card__contested")).to_have_text("Contested")
    if record.claim.review:
        expect(card).to_contain_text(f"Rated {record.claim.review.rating.capitalize()}")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    page.locator("article h1").hover()  # away, then back
    quote.hover()
    expect(card).to_be_visible()
    shoot(page, "brief-card")
    card.locator("a.briefs-card__open").click()
    expect_page(page, f"claims/{claim_id}.html", record.claim.statement)


def test_the_card_opens_on_keyboard_focus_and_focus_moves_on(site, reader):
    brief = site.corpus.briefs[0]
    page = reader.open(site.url(f"briefs/{brief.id}.html"))
    quotes = page.locator(".brief-article a.claim-quote")
    first = quotes.first
    first.focus()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    assert first.get_attribute("aria-describedby") == "briefs-card"
    claim_id = first.get_attribute("href").rsplit("/", 1)[1].removesuffix(".html")
    speaker = site.corpus.actors[site.corpus.claims[claim_id].claim.by[0]].actor.name
    expect(card).to_contain_text(speaker)
    # Tab goes through the card's links and on to the rest of the page: focus is not trapped.
    for _ in range(12):
        page.keyboard.press("Tab")
    inside = page.evaluate("() => !!document.activeElement.closest('#briefs-card')")
    assert not inside or page.evaluate("document.activeElement.tagName") == "A"
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()


def test_implication_marks_are_links_a_keyboard_reaches(site, reader):
    imp = min(i for i, r in site.corpus.implications.items() if r.anchor is not None)
    record = site.corpus.implications[imp]
    page = reader.open(site.url(f"briefs/{record.brief}.html"))
    mark = page.locator(f'.brief-article a.implication-quote[href="../implications/{imp}.html"]').first
    expect(mark).to_be_visible()
    mark.focus()
    assert page.evaluate("document.activeElement.classList.contains('implication-quote')")
    outline = mark.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none", "a focused implication mark shows the focus ring"
    decoration = mark.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in decoration, "an implication mark is underlined (dotted), not only tinted"
    expect(page.locator(CARD)).to_contain_text("Implication")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/implications/{imp}\.html$"))


def test_a_nested_implication_stays_visible_inside_its_claim_quote(built_sites, reader):
    site = built_sites("multi")
    page = reader.open(site.url("briefs/reservoir-low.html"))
    nested = page.locator('a.implication-quote.in-claim[href="../implications/dry-autumns-return.html"]')
    expect(nested).to_be_visible()
    claim = page.locator('a.claim-quote[href="../claims/shortfall-caused-by-dry-autumn.html"]').first
    assert nested.evaluate("e => getComputedStyle(e).backgroundColor") == \
        claim.evaluate("e => getComputedStyle(e).backgroundColor"), "the claim's tint continues under the implication"
    nested.hover()
    card = page.locator(CARD)
    expect(card.locator(".briefs-card__item--claim")).to_contain_text("Helena Varga")
    expect(card.locator(".briefs-card__item--implication")).to_contain_text("Dry autumns may become the norm")


def test_on_a_phone_a_tap_opens_the_card_and_its_link_opens_the_claim(site, reader, shoot):
    claim_id = contested_claim(site.corpus)
    record = site.corpus.claims[claim_id]
    page = reader.open(site.url(f"briefs/{record.brief}.html"), phone=True)
    quote = first_segment(page, claim_id)
    quote.tap()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card).to_contain_text(site.corpus.actors[record.claim.by[0]].actor.name)
    assert page.url.endswith(f"briefs/{record.brief}.html"), "the first tap opens the card, not the page"
    shoot(page, "brief-card-phone")
    card.locator("a.briefs-card__open").tap()
    expect_page(page, f"claims/{claim_id}.html", record.claim.statement)


def test_on_a_phone_the_article_starts_in_the_first_screen(site, reader):
    page = None
    for brief in site.corpus.briefs:
        first = next(n for n, b in enumerate(brief.seed.blocks, 1) if b.kind == "paragraph")
        if page is None:
            page = reader.open(site.url(f"briefs/{brief.id}.html"), phone=True)
        else:
            page.goto(site.url(f"briefs/{brief.id}.html"))
        box = page.locator(f"#p-{first}").bounding_box()
        line = page.locator(f"#p-{first}").evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
        assert box["y"] + 2 * line <= PHONE["viewport"]["height"], \
            f"{brief.id}: the first paragraph starts at {box['y']:.0f}px on an 844px screen"


def test_hostile_annotation_text_stays_inert_in_the_card(hostile_site, reader):
    from test_site_safety import PAYLOADS, brief_yaml

    dialogs: list[str] = []
    for i in range(len(PAYLOADS)):
        page = reader.open(hostile_site.url(f"briefs/payload-{i}.html"))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.evaluate("window.__pwned = 0")
        for quote in page.locator(".brief-article a.claim-quote, .brief-article a.implication-quote").all():
            quote.hover()
            expect(page.locator(CARD)).to_be_visible()
            quote.focus()
        card = page.locator(CARD)
        page.locator(".brief-article a.claim-quote").first.focus()
        doc = brief_yaml(i, PAYLOADS[i])
        expect(card.locator(".briefs-card__statement")).to_have_text(" ".join(doc["claims"][0]["statement"].split()))
        expect(card.locator(".briefs-card__speaker")).to_have_text(" ".join(doc["actors"][0]["name"].split()))
        assert card.evaluate("c => c.querySelectorAll('script, img, iframe, svg, style, [onerror], [onclick]').length") == 0
        assert page.evaluate("window.__pwned") == 0
    assert not dialogs, f"annotation text ran as script: {dialogs}"


@pytest.fixture(scope="module")
def hostile_site(browser, tmp_path_factory):
    from sitebuild import build_site_from
    from test_site_safety import write_payload_corpus

    from .conftest import Site
    from generator.validate import check_corpus

    base = tmp_path_factory.mktemp("hostile-browser")
    root = build_site_from(write_payload_corpus(base / "src"), base / "corpus")
    corpus, _ = check_corpus(root.parent)
    return Site("hostile", root, root.parent, corpus)


def test_in_dark_mode_badges_keep_distinct_colours(site, reader, shoot):
    brief = max(site.corpus.briefs, key=lambda b: (len(b.doc.claims), b.id))
    page = reader.open(site.url(f"briefs/{brief.id}.html"), dark=True)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    shoot(page, "brief-dark")
    colours = page.evaluate("""() => {
        const out = {};
        for (const b of document.querySelectorAll('a.badge')) {
            const kind = [...b.classList].find(c => /^badge--[a-z]+-/.test(c));
            out[kind] = getComputedStyle(b).color + ' on ' + getComputedStyle(b).backgroundColor;
        }
        return out;
    }""")
    by_family: dict[str, set[str]] = {}
    for kind, colour in colours.items():
        family = kind.split("-")[2]  # likelihood, confidence, horizon, type, kind, rating
        by_family.setdefault(family, set()).add(colour)
    families = {f: next(iter(c)) for f, c in by_family.items() if f in ("likelihood", "confidence", "horizon", "kind")}
    assert len(set(families.values())) == len(families), f"badge families look alike in dark mode: {families}"
