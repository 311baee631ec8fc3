"""Pages do not grow with the corpus (spec §4): the navigation lists sections and
indexes, never every page. Synthetic corpora of 10 and 100 briefs
(``benchmarks/synthetic.py``) are built; the median size of their HTML pages
must stay within 10%.
"""

from __future__ import annotations

import statistics
import sys

import pytest

from sitebuild import REPO, BuiltSite, build_site_from, text_of

sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import write_corpus  # noqa: E402

SIZES = (10, 100)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, BuiltSite]:
    built = {}
    for n in SIZES:
        base = tmp_path_factory.mktemp(f"scale-{n}")
        built[n] = BuiltSite(build_site_from(write_corpus(base / "src", n), base / "corpus"))
    return built


def _sizes(site: BuiltSite) -> list[int]:
    return [(site.root / page).stat().st_size for page in site.pages()]


def test_the_median_page_does_not_grow_with_the_corpus(sites: dict[int, BuiltSite]) -> None:
    small, large = (statistics.median(_sizes(sites[n])) for n in SIZES)
    pages = {n: len(sites[n].pages()) for n in SIZES}
    assert pages[100] > 5 * pages[10]  # the large corpus really is larger
    assert abs(large - small) <= 0.10 * small, (
        f"median HTML page: {small:.0f} bytes for {SIZES[0]} briefs ({pages[10]} pages), "
        f"{large:.0f} bytes for {SIZES[1]} briefs ({pages[100]} pages)"
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
