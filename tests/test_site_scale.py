"""Pages do not grow with the corpus (spec §4): the navigation lists sections and
indexes, never every page. Synthetic corpora of 10 and 300 briefs
(``benchmarks/synthetic.py``) are built; the median size of their HTML pages
must stay within 10%. (Listing pages: ``test_listings.py``.)
"""

from __future__ import annotations

import statistics

import pytest

from sitebuild import BuiltSite, text_of

SIZES = (10, 300)


@pytest.fixture(scope="module")
def sites(synthetic_sites) -> dict[int, BuiltSite]:
    return {n: synthetic_sites(n) for n in SIZES}


def _sizes(site: BuiltSite) -> list[int]:
    return [(site.root / page).stat().st_size for page in site.pages()]


def test_the_median_page_does_not_grow_with_the_corpus(sites: dict[int, BuiltSite]) -> None:
    small, large = (statistics.median(_sizes(sites[n])) for n in SIZES)
    pages = {n: len(sites[n].pages()) for n in SIZES}
    assert pages[SIZES[1]] > 5 * pages[SIZES[0]]  # the large corpus really is larger
    assert abs(large - small) <= 0.10 * small, (
        f"median HTML page: {small:.0f} bytes for {SIZES[0]} briefs ({pages[SIZES[0]]} pages), "
        f"{large:.0f} bytes for {SIZES[1]} briefs ({pages[SIZES[1]]} pages)"
    )


@pytest.mark.parametrize("page", ["briefs/brief-000005.html", "claims/claim-000005-2.html",
                                  "implications/implication-000005-1.html", "actors/person-000005.html"])
def test_an_entity_page_is_the_same_size_in_both_corpora(sites: dict[int, BuiltSite], page: str) -> None:
    """The same brief's pages (same content in both corpora) weigh about the same: no list of
    every brief, claim or actor creeps into the navigation."""
    small, large = ((sites[n].root / page).stat().st_size for n in SIZES)
    assert abs(large - small) <= 0.10 * small, (page, small, large)


def test_the_navigation_lists_sections_not_pages(sites: dict[int, BuiltSite]) -> None:
    for n in SIZES:
        soup = sites[n].soup("briefs/brief-000005.html")
        nav = soup.select_one("nav.md-nav--primary")
        assert nav is not None
        links = nav.select("a.md-nav__link")
        assert len(links) <= 20, [text_of(a) for a in links]
        assert not [a for a in links if "/brief-" in str(a.get("href")) or "claim-" in str(a.get("href"))]
