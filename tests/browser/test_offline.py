"""A reader opens the downloaded site from disk (file://), with no network, and reads and searches it.

After every test the ``reader`` fixture asserts that no request left the
machine and that no page logged an error.
"""

from __future__ import annotations

import re

from .site_picks import actor_to_search, article_word, brief_to_read, claim_to_search, contradiction
from .site_reading import (
    background_color, claim_id_of, click_result, expect, expect_in_view_below_header, expect_page, is_transparent,
    path_of,
)


def test_read_a_brief_from_disk_follow_a_quote_to_its_claim_and_speaker_and_back(site, reader, shoot):
    brief = brief_to_read(site.corpus)
    page = reader.open(site.url())
    expect(page.locator(".brief-cards")).to_be_visible()
    shoot(page, "home")

    page.locator(".brief-cards a.brief-card__title", has_text=brief.title).click()
    expect_page(page, f"briefs/{brief.id}.html", brief.title)
    quotes = page.locator(".brief-article a.claim-quote")
    expect(quotes.first).to_be_visible()
    color = background_color(quotes.first)
    assert not is_transparent(color), f"claim quotes are not highlighted: background {color}"
    shoot(page, "brief")

    # The quote furthest down the article: coming back to it needs a real scroll.
    quote = quotes.last
    claim_id = claim_id_of(quote)
    claim = site.corpus.claims[claim_id].claim
    quote.hover()
    expect(page.locator("#briefs-card")).to_contain_text(claim.statement)  # the card states the claim
    quote.click()
    expect_page(page, f"claims/{claim_id}.html", claim.statement)
    shoot(page, "claim")

    speaker = site.corpus.actors[claim.by[0]].actor
    page.locator(".claim-meta a.actor-link").first.click()
    expect_page(page, f"actors/{speaker.id}.html", speaker.name)
    shoot(page, "actor")

    page.go_back()
    expect_page(page, f"claims/{claim_id}.html", claim.statement)
    back = page.locator("#quote + blockquote.quote-context footer a:not(.original-link)")
    expect(back).to_have_text(re.compile(rf"^Paragraph \d+ of .{re.escape(brief.title)}.$"))
    back.click()
    expect(page).to_have_url(re.compile(rf"/briefs/{re.escape(brief.id)}\.html#claim-{re.escape(claim_id)}$"))
    anchor = f"#claim-{claim_id}"
    expect_in_view_below_header(page, anchor)
    landed = page.locator(f"{anchor} + a.claim-quote")
    expect(landed).to_be_in_viewport()
    assert landed.evaluate("e => getComputedStyle(e).outlineStyle") != "none", \
        "the quote the reader came back to is not marked (:target + a.claim-quote outline)"


def test_search_from_disk_finds_actors_claims_and_article_words(site, reader):
    actor = actor_to_search(site.corpus)
    claim = claim_to_search(site.corpus)
    article = article_word(site.corpus, site.corpus_dir / "docs")
    page = reader.open(site.url())

    # Each search starts on the page the previous result opened: the index loads from any folder.
    for wanted in (actor, claim, article):
        click_result(page, wanted.term, wanted.page)
        expect_page(page, wanted.page, wanted.heading)
    assert path_of(page).endswith(f"/{article.page}")


def test_a_contradiction_links_both_claims_and_their_briefs(site, reader):
    claim, other = contradiction(site.corpus)
    page = reader.open(site.url(f"claims/{claim.id}.html"))

    contradicts = page.locator("dl.relations dt", has_text="Contradicts").locator("xpath=following-sibling::dd[1]")
    contradicts.locator("a.claim-link", has_text=other.claim.statement).click()
    expect_page(page, f"claims/{other.id}.html", other.claim.statement)
    contradicts.locator("a.claim-link", has_text=claim.claim.statement).click()
    expect_page(page, f"claims/{claim.id}.html", claim.claim.statement)
    page.locator(".claim-meta a.brief-link").click()
    brief = next(b for b in site.corpus.briefs if b.id == claim.brief)
    expect_page(page, f"briefs/{brief.id}.html", brief.title)
