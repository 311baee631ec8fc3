"""axe-core finds no violation, of any impact, on any page kind: light and dark schemes,
desktop (1280×900) and phone (390×844), from file:// with no network.

axe-core comes bundled in the axe-playwright-python package (a test dependency), so
nothing is loaded from a CDN. Each page *state* is a page plus what a reader does
before looking (e.g. opening a highlight card).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pytest

from .site_reading import expect, open_search


@dataclass(frozen=True)
class State:
    name: str
    site: str  # a corpus of tests/browser/conftest.py: "example", "multi", "syria", "multilingual"
    path: str
    prepare: Callable[[object], None] | None = None


def _open_card(page) -> None:
    page.locator(".brief-article a.claim-quote").first.focus()
    expect(page.locator("#briefs-card")).to_be_visible()


def _search_with_results(page) -> None:
    """The search open, a word typed, its results shown with their marks, the first one chosen."""
    box = open_search(page)
    box.press_sequentially("reservoir")
    expect(page.locator("#briefs-search-results")).to_have_attribute("data-query", "reservoir")
    expect(page.locator("#briefs-search-results mark").first).to_be_visible()
    box.press("ArrowDown")


def _search_arabic(page) -> None:
    box = open_search(page)
    box.press_sequentially("الأسمدة")
    expect(page.locator("#briefs-search-results")).to_have_attribute("data-query", "الأسمدة")
    expect(page.locator("#briefs-search-results [role=option]").first).to_be_visible()


def _open_map(page) -> None:
    """Open on a wide screen already (maps.js); on a phone, the reader opens the fold."""
    if not page.locator("details.brief-fold--map").evaluate("d => d.open"):
        page.locator("details.brief-fold--map > summary").click()
    expect(page.locator("figure.map svg")).to_be_visible()


def _filter_claims(page) -> None:
    """A filter chosen: the form, its status and the matching entries shown."""
    page.locator('form.listing-filter select[name="rating"]').select_option("disputed")
    expect(page.locator(".listing-filter-results li").first).to_be_visible()


def _filter_implications(page) -> None:
    page.locator('form.listing-filter select[name="horizon"]').select_option("long-term")
    expect(page.locator(".listing-filter-results li").first).to_be_visible()


# Every page kind, and the search open with results.
STATES = (
    State("home", "multi", "index.html"),
    State("brief", "multi", "briefs/reservoir-low.html"),
    State("brief with a card open", "multi", "briefs/reservoir-low.html", _open_card),
    State("brief with its map open", "multi", "briefs/hydro-responds.html", _open_map),
    State("example brief with its map open", "example", "briefs/us-iraq-isis-threat.html", _open_map),
    State("actor", "multi", "actors/marren-valley-water-board.html"),
    State("claim", "multi", "claims/hydro-releases-drained-reservoir.html"),
    State("implication", "multi", "implications/dry-autumns-return.html"),
    State("actors index", "multi", "actors/index.html"),
    State("claims index", "multi", "claims/index.html"),
    State("implications index", "multi", "implications/index.html"),
    State("timeline", "multi", "timeline.html"),
    State("tags", "multi", "tags.html"),
    State("contested", "multi", "contested.html"),
    State("claims index filtered", "multi", "claims/index.html", _filter_claims),
    State("implications index filtered", "multi", "implications/index.html", _filter_implications),
    State("data", "multi", "data.html"),
    State("guide", "multi", "annotation-format.html"),
    State("how to read", "multi", "how-to-read.html"),
    State("404", "multi", "404.html"),
    State("example brief", "example", "briefs/us-iraq-isis-threat.html"),
    State("example actor", "example", "actors/united-states.html"),
    State("example claim", "example", "claims/iraqi-officials-say-isis-no-longer-a-threat.html"),
    State("example implication", "example", "implications/coalition-mission-phased-transition.html"),
    State("example track record", "example", "track-record.html"),
    State("example contested", "example", "contested.html"),
    State("example timeline", "example", "timeline.html"),
    State("track record", "syria", "track-record.html"),
    State("relayed claim", "syria", "claims/leaders-to-meet.html"),
    State("resolved implication", "syria", "implications/us-sanctions-on-turkey.html"),
    State("card of a relayed claim", "syria", "briefs/us-pulls-back-from-northern-syria.html", _open_card),
    State("search open with results", "multi", "claims/index.html", _search_with_results),
    # Articles in other languages (tests/browser/test_languages.py): Arabic right to left, Russian, English.
    State("arabic brief", "multilingual", "briefs/date-harvest.html"),
    State("arabic brief with a card open", "multilingual", "briefs/date-harvest.html", _open_card),
    State("arabic claim", "multilingual", "claims/record-date-harvest.html"),
    State("arabic actor", "multilingual", "actors/sami-al-haddad.html"),
    State("russian brief", "multilingual", "briefs/volga-water.html"),
    State("russian implication", "multilingual", "implications/water-utility-audit.html"),
    State("english brief among others", "multilingual", "briefs/harbour-ferries.html"),
    State("claims in six languages", "multilingual", "claims/index.html"),
    State("arabic search results", "multilingual", "index.html", _search_arabic),
)


# Frames pass (a scroll's handlers run and start their transitions), then every running
# animation and transition ends; twice, as one ending may start another.
_SETTLED = """async () => {
    const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    for (let i = 0; i < 2; i++) {
        await frame();
        await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
    }
}"""


@pytest.fixture(scope="module")
def axe():
    axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright",
                                         reason="axe-playwright-python is a test dependency: pip install -e '.[test]'")
    return axe_playwright.Axe()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_axe_finds_no_violation_on_any_page_kind(built_sites, reader, axe, phone, dark):
    found = []
    page = None
    for state in STATES:
        site = built_sites(state.site)
        if page is None:
            page = reader.open(site.url(state.path), phone=phone, dark=dark)
        else:
            page.goto(site.url(state.path))
        if state.path != "404.html":  # the self-contained 404 page follows the system scheme by CSS alone
            scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert scheme == ("slate" if dark else "default"), state.name
        if state.prepare:
            state.prepare(page)
        # what the reader sees once the theme's transitions (the header's title sliding in when
        # opening a card scrolls the page) have ended, not a frame half-way through one
        page.evaluate(_SETTLED)
        # preload: axe would re-read the stylesheets with XHR, which Chromium refuses on file://
        # (reported as failed loads); the rule that needs them (css-orientation-lock) is moot here.
        results = axe.run(page, options={"resultTypes": ["violations"], "preload": False})
        for v in results.response["violations"]:
            nodes = "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
            found.append(f"{state.name} ({state.path}): {v['id']} [{v['impact']}] {v['help']} at {nodes}")
    assert not found, "\n".join(found)
