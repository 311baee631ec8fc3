"""A reader on a phone (390×844, touch): the brief is readable and its highlights work by tap."""

from __future__ import annotations

from .site_picks import brief_to_read
from .site_reading import claim_id_of, expect, expect_page, horizontal_overflow

MIN_FONT_PX = 14


def test_a_brief_is_readable_on_a_phone_and_a_tap_on_a_quote_opens_its_claim(site, reader, shoot):
    brief = brief_to_read(site.corpus)
    page = reader.open(site.url(), phone=True)
    page.locator(".brief-cards a.brief-card__title", has_text=brief.title).tap()
    expect_page(page, f"briefs/{brief.id}.html", brief.title)

    sizes = page.locator(".brief-article p").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= MIN_FONT_PX, f"article text too small on a phone: {min(sizes)}px"
    assert horizontal_overflow(page) <= 1, f"the brief page is {horizontal_overflow(page)}px wider than a phone"
    shoot(page, "brief-phone")

    # On touch the first tap opens the quote's card; the card's link opens the claim page.
    quote = page.locator(".brief-article a.claim-quote").first
    claim_id = claim_id_of(quote)
    statement = site.corpus.claims[claim_id].claim.statement
    quote.tap()
    card = page.locator("#briefs-card")
    expect(card).to_contain_text(statement)
    shoot(page, "brief-phone-card")
    card.locator("a.briefs-card__open").first.tap()
    expect_page(page, f"claims/{claim_id}.html", statement)
    assert horizontal_overflow(page) <= 1, f"the claim page is {horizontal_overflow(page)}px wider than a phone"
