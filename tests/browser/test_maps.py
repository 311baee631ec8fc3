"""The maps, the contested page, the listing filters and the timeline chart, read from disk
(file://) with the network blocked, on the bundled example and the multi-brief fixture
(which has a contradiction across briefs).

Screenshots of a brief map and of the contested page go to test-artifacts/screenshots/
(the README's pictures in docs/images/ are taken the same way).
"""

from __future__ import annotations

import pytest

from generator.link import link_corpus

from .conftest import SCREENSHOTS
from .site_picks import contradiction
from .site_reading import expect, expect_page

MAP = "figure.map svg"


def _open_map(page) -> None:
    """The brief map is in a fold above the article (closed, so that the article starts in a
    phone's first screen): open it, as a reader does, with no JavaScript involved."""
    fold = page.locator("details.brief-fold--map")
    if fold.count() and not fold.evaluate("d => d.open"):
        fold.locator("summary").click()


def _picture(locator, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    locator.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_every_brief_map_shows_every_actor_and_links_each_claim(site, reader):
    linked = link_corpus(site.corpus)
    page = reader.open(site.url())
    for brief in site.corpus.briefs:
        page.goto(site.url(f"briefs/{brief.id}.html"))
        _open_map(page)
        svg = page.locator(MAP)
        expect(svg).to_be_visible()
        links = linked.brief_links[brief.id]
        drawn_actors = set(svg.locator("a.map__node--speaker, a.map__node--actor").evaluate_all(
            "nodes => nodes.map(n => n.dataset.entity)"))
        assert drawn_actors == set(links.actors), brief.id
        for claim_id in links.claims:
            node = svg.locator(f'a.map__node--claim[data-entity="{claim_id}"]')
            expect(node).to_have_count(1)
            assert node.get_attribute("href") == f"../claims/{claim_id}.html"
            expect(node.locator("title")).to_contain_text(site.corpus.claims[claim_id].claim.statement)
        for imp_id in links.implications:
            expect(svg.locator(f'a.map__node--implication[data-entity="{imp_id}"]')).to_have_count(1)
        # Every node and edge is a link with a <title>.
        assert svg.locator("a:not([href])").count() == 0
        assert svg.locator("a:not(:has(> title))").count() == 0
    # The README's picture (docs/images/brief-map.png): the map of the first brief.
    page.goto(site.url(f"briefs/{site.corpus.briefs[0].id}.html"))
    _open_map(page)
    _picture(page.locator("figure.map"), f"{site.name}-brief-map")


def test_clicking_map_nodes_opens_their_pages(site, reader):
    brief = site.corpus.briefs[0]
    page = reader.open(site.url(f"briefs/{brief.id}.html"))
    _open_map(page)
    claim_node = page.locator(f"{MAP} a.map__node--claim").first
    claim_id = claim_node.get_attribute("data-entity")
    claim_node.click()
    expect_page(page, f"claims/{claim_id}.html", site.corpus.claims[claim_id].claim.statement)
    page.go_back()
    _open_map(page)
    actor_node = page.locator(f"{MAP} a.map__node--speaker").first
    actor_id = actor_node.get_attribute("data-entity")
    actor_node.click()
    expect_page(page, f"actors/{actor_id}.html", site.corpus.actors[actor_id].actor.name)
    # The actor map: the actor in the middle, a click on a tie opens the other actor.
    centre = page.locator(f"{MAP} a.map__node--centre")
    expect(centre).to_have_attribute("data-entity", actor_id)
    other = page.locator(f"{MAP} a.map__node--actor").first
    other_id = other.get_attribute("data-entity")
    other.click()
    expect_page(page, f"actors/{other_id}.html", site.corpus.actors[other_id].actor.name)


def test_a_cross_brief_contradiction_is_drawn_on_the_brief_map(site, reader):
    claim, other = contradiction(site.corpus)
    page = reader.open(site.url(f"briefs/{claim.brief}.html"))
    _open_map(page)
    edge = page.locator(f"{MAP} a.map__edge--contradicts")
    expect(edge.first).to_be_visible()
    expect(page.locator(f'{MAP} a.map__node--claim[data-entity="{other.id}"]')).to_have_count(1)


def test_the_map_fold_is_open_on_a_wide_screen_and_closed_on_a_phone(site, reader):
    brief = site.corpus.briefs[0]
    page = reader.open(site.url(f"briefs/{brief.id}.html"))
    expect(page.locator(MAP)).to_be_visible()
    phone = reader.open(site.url(f"briefs/{brief.id}.html"), phone=True)
    expect(phone.locator(MAP)).to_be_hidden()
    phone.locator("details.brief-fold--map > summary").click()
    expect(phone.locator(MAP)).to_be_visible()


def test_the_contested_page_lists_the_contradiction_with_both_quotes(site, reader):
    claim, other = contradiction(site.corpus)
    page = reader.open(site.url())
    page.locator(".md-tabs a, .md-nav a", has_text="Contested").first.click()
    expect_page(page, "contested.html", "Contested claims")
    pair = page.locator(".contested-pair").filter(has=page.locator(f'a.claim-link[href="claims/{claim.id}.html"]'))
    pair = pair.filter(has=page.locator(f'a.claim-link[href="claims/{other.id}.html"]'))
    expect(pair).to_have_count(1)
    for record in (claim, other):
        side = pair.locator("li").filter(has=page.locator(f'a.claim-link[href="claims/{record.id}.html"]'))
        expect(side.locator("blockquote")).to_contain_text(record.claim.quote)
        brief = next(b for b in site.corpus.briefs if b.id == record.brief)
        expect(side.locator("a.brief-link")).to_have_text(brief.title)
        expect(side.locator("time")).to_have_attribute("datetime", brief.date.isoformat())
    _picture(page.locator("article"), f"{site.name}-contested")  # the README's docs/images/contested.png
    pair.locator(f'a.claim-link[href="claims/{other.id}.html"]').click()
    expect_page(page, f"claims/{other.id}.html", other.claim.statement)


def _listed(page) -> list[str]:
    """The ids the reader sees in the list (the filter's results, or the page's own list)."""
    return page.locator(".md-content li.listing-item:visible").evaluate_all("items => items.map(i => i.dataset.id)")


def _claim_filters(corpus):
    """(field, value, claims it should keep) for each filter of the claims index."""
    claims = list(corpus.claims.values())
    first = claims[0]
    speaker = first.claim.by[0]
    brief = next(b for b in corpus.briefs if b.id == first.brief)
    tag = brief.doc.tags[0] if brief.doc.tags else None
    rated = next((c for c in claims if c.claim.review), None)
    tagged = {b.id for b in corpus.briefs if tag in b.doc.tags}
    out = [
        ("type", first.claim.type, {c.id for c in claims if c.claim.type == first.claim.type}),
        ("speaker", corpus.actors[speaker].actor.name, {c.id for c in claims if speaker in c.claim.by}),
        ("brief", brief.title, {c.id for c in claims if c.brief == brief.id}),
    ]
    if rated:
        rating = rated.claim.review.rating
        out.append(("rating", rating, {c.id for c in claims if c.claim.review and c.claim.review.rating == rating}))
    if tag:
        out.append(("tag", tag, {c.id for c in claims if c.brief in tagged}))
    return out


def _implication_filters(corpus):
    imps = list(corpus.implications.values())
    first = imps[0]
    out = [
        ("likelihood", first.implication.likelihood,
         {i.id for i in imps if i.implication.likelihood == first.implication.likelihood}),
        ("horizon", first.implication.horizon, {i.id for i in imps if i.implication.horizon == first.implication.horizon}),
    ]
    brief = next(b for b in corpus.briefs if b.id == first.brief)
    out.append(("brief", brief.title, {i.id for i in imps if i.brief == brief.id}))
    if first.implication.affects:
        a = first.implication.affects[0]
        out.append(("affects", corpus.actors[a].actor.name, {i.id for i in imps if a in i.implication.affects}))
    if brief.doc.tags:
        tag = brief.doc.tags[0]
        tagged = {b.id for b in corpus.briefs if tag in b.doc.tags}
        out.append(("tag", tag, {i.id for i in imps if i.brief in tagged}))
    return out


@pytest.mark.parametrize("index", ["claims", "implications"])
def test_each_filter_narrows_the_list_and_clearing_restores_it(site, reader, index):
    corpus = site.corpus
    everything = set(corpus.claims if index == "claims" else corpus.implications)
    page = reader.open(site.url(f"{index}/index.html"))
    form = page.locator("form.listing-filter")
    expect(form).to_be_visible()
    assert set(_listed(page)) == everything
    filters = _claim_filters(corpus) if index == "claims" else _implication_filters(corpus)
    narrowed = 0
    for field, value, wanted in filters:
        control = form.locator(f'[name="{field}"]')
        if control.evaluate("c => c.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
        status = form.locator(".listing-filter__status")
        expect(status).to_contain_text(f"{len(wanted)} of {len(everything)}")
        assert set(_listed(page)) == wanted, (field, value)
        narrowed += len(wanted) < len(everything)
        form.locator('button[type="reset"]').click()
        expect(status).to_contain_text("cleared")
        assert set(_listed(page)) == everything
    assert narrowed >= 2, "the corpus should let at least two filters narrow the list"
    # A filtered entry links to its page.
    field, value, wanted = filters[0]
    form.locator(f'[name="{field}"]').select_option(value)
    entry = page.locator(".listing-filter-results a.claim-link, .listing-filter-results a.implication-link").first
    entry_id = entry.locator("xpath=..").get_attribute("data-id")
    entry.click()
    expect(page).to_have_url(f"{site.url(f'{index}/{entry_id}.html')}")


def test_the_filter_form_stays_hidden_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url("claims/index.html"))
        assert page.locator("form.listing-filter").is_hidden()
        assert page.locator(".md-content li.listing-item:visible").count() == min(100, len(site.corpus.claims))
    finally:
        context.close()


def test_the_timeline_chart_links_each_bar(site, reader):
    page = reader.open(site.url("timeline.html"))
    bars = page.locator(".timeline-chart svg a")
    expect(bars.first).to_be_visible()
    assert bars.count() >= 1
    assert page.locator(".timeline-chart svg a:not(:has(> title))").count() == 0
    single = page.locator(".timeline-chart__briefs a", has=page.locator("title", has_text=": 1 brief"))
    if single.count():
        single.first.click()
        expect(page).to_have_url(__import__("re").compile(r"/briefs/[a-z0-9-]+\.html$"))
