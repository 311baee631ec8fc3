"""Listing pages stay small at any corpus size, lose no entity, and link their parts together.

A synthetic corpus of 300 briefs (1,800 claims, 900 implications, 375 actors)
is built with ``briefs build``; everything is read from the built HTML.

The budget, and why the test checks terms rather than one size. The target is
no page over 300 KB at 10,000 briefs. A listing part shows at most
``PER_PART`` = 100 entities, so everything on it but one thing is the same size
at 300 briefs as at 10,000: the theme around it, at most 100 items, at most
100 group headings (one per item), the pager. The one thing that grows is the
list of all parts on a listing's first page, one row per part. At 10,000
synthetic briefs the longest listing, claims (6 a brief), has
60,000 / 100 = 600 parts. So a listing page would weigh at most

    (its size here - its list of parts) + 600 rows x (the largest row here)

at 10,000 briefs. The test measures both terms in the built site and asserts
the sum is under 300 KB, after checking that the bounded term is bounded
(no part over 100 items; one row per part).
"""

from __future__ import annotations

import math
import posixpath
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from generator.listings import PER_PART
from sitebuild import BuiltSite, content, resolve

BRIEFS = 300
BUDGET = 300 * 1024
CLAIMS_AT_10000 = 10_000 * 6
# The first page of each listing, and what its items are (the data-id of each <li class="listing-item">).
LISTINGS = {"claims/index.html": "claims", "implications/index.html": "implications",
            "actors/index.html": "actors", "timeline.html": "briefs", "tags.html": "tags",
            "tags/synthetic.html": "briefs tagged synthetic"}


@pytest.fixture(scope="module")
def site(synthetic_sites) -> BuiltSite:
    return synthetic_sites(BRIEFS)


def _expected(site: BuiltSite, what: str) -> set[str]:
    root = site.root
    if what in ("claims", "implications", "actors"):
        folder = root / what
        return {p.stem for p in folder.glob("*.html") if "index" not in p.stem}
    if what == "briefs":
        return {p.stem for p in (root / "briefs").glob("*.html")}
    if what == "briefs tagged synthetic":
        return {p.stem for p in (root / "briefs").glob("*.html")}  # every synthetic brief carries it
    assert what == "tags"
    return {p.stem for p in (root / "tags").glob("*.html") if "_" not in p.stem}


def _parts(site: BuiltSite, first: str) -> list[str]:
    """The parts of a listing, by following "Next" from its first page."""
    parts, page = [first], first
    while True:
        nxt = content(site.soup(page)).select_one("nav.listing-pager a[rel=next]")
        if nxt is None:
            return parts
        page = resolve(page, str(nxt["href"]))[0]
        assert page not in parts, f"the pager loops back to {page}"
        parts.append(page)


def _items(site: BuiltSite, page: str) -> list[str]:
    return [str(li["data-id"]) for li in content(site.soup(page)).select("li.listing-item")]


def _parts_list_bytes(site: BuiltSite, page: str) -> tuple[int, int, int]:
    """(bytes of the list of parts, its number of rows, bytes of its largest row) on ``page``."""
    table = content(site.soup(page)).select_one("ol.listing-parts")
    if table is None:
        return 0, 0, 0
    rows = table.select("li")
    heading = content(site.soup(page)).find(id="parts")
    size = len(str(table).encode()) + (len(str(heading).encode()) if heading else 0)
    return size, len(rows), max(len(str(row).encode()) for row in rows)


@pytest.mark.parametrize("first", list(LISTINGS))
def test_every_entity_is_listed_once_and_no_part_holds_more_than_its_share(site: BuiltSite, first: str) -> None:
    parts = _parts(site, first)
    listed = [item for page in parts for item in _items(site, page)]
    expected = _expected(site, LISTINGS[first])
    assert len(parts) == max(1, math.ceil(len(expected) / PER_PART)), parts
    duplicates = [item for item, n in Counter(listed).items() if n > 1]
    assert not duplicates, f"listed twice in {first}: {duplicates[:5]}"
    assert set(listed) == expected, f"{first}: missing {sorted(expected - set(listed))[:5]}"
    for page in parts:
        assert len(_items(site, page)) <= PER_PART, page


def test_the_corpus_is_large_enough_to_split_every_listing_but_tags(site: BuiltSite) -> None:
    """Otherwise the tests above would prove nothing about pagination."""
    for first in ("claims/index.html", "implications/index.html", "actors/index.html", "timeline.html",
                  "tags/synthetic.html"):
        assert len(_parts(site, first)) >= 2, first


def test_a_listing_page_at_10000_briefs_would_stay_under_300_kb(site: BuiltSite) -> None:
    listing_pages = [page for first in LISTINGS for page in _parts(site, first)]
    fixed, largest_row = 0, 0
    for page in listing_pages:
        size = (site.root / page).stat().st_size
        table, rows, row = _parts_list_bytes(site, page)
        if rows:
            assert rows == len(_parts(site, page)), f"{page}: one row per part"
        fixed, largest_row = max(fixed, size - table), max(largest_row, row)
    assert largest_row > 0, "no list of parts found"
    rows_at_10000 = math.ceil(CLAIMS_AT_10000 / PER_PART)
    predicted = fixed + rows_at_10000 * largest_row
    assert predicted <= BUDGET, (
        f"largest listing page without its list of parts: {fixed} bytes; "
        f"+ {rows_at_10000} rows x {largest_row} bytes = {predicted} bytes at 10,000 briefs")


@pytest.mark.parametrize("first", list(LISTINGS))
def test_parts_link_to_their_neighbours_and_to_the_list_of_parts(site: BuiltSite, first: str) -> None:
    parts = _parts(site, first)
    for n, page in enumerate(parts):
        pager = content(site.soup(page)).select_one("nav.listing-pager")
        if len(parts) == 1:
            assert pager is None, page
            continue
        links = {a.get("rel", [None])[0] or a["class"][0]: resolve(page, str(a["href"])) for a in pager.select("a")}
        if n > 0:
            assert links["prev"] == (parts[n - 1], "")
            assert links["listing-pager__first"] == (first, "")
        if n < len(parts) - 1:
            assert links["next"] == (parts[n + 1], "")
            assert links["listing-pager__last"] == (parts[-1], "")
        assert links["listing-pager__all"] == (first, "parts")
        assert "parts" in site.ids(first)
    if len(parts) > 1:
        table = content(site.soup(first)).select("ol.listing-parts a")
        assert [resolve(first, str(a["href"]))[0] for a in table] == parts


def test_every_link_on_a_listing_page_resolves(site: BuiltSite) -> None:
    broken = []
    for first in LISTINGS:
        for page in _parts(site, first):
            for a in content(site.soup(page)).select("a[href]"):
                href = str(a["href"])
                if href.startswith(("http:", "https:")):
                    continue
                target, fragment = resolve(page, href)
                if not site.exists(target) or (fragment and fragment not in site.ids(target)):
                    broken.append(f"{page}: {href}")
    assert not broken, broken[:10]


def test_first_parts_keep_their_urls_and_later_parts_cannot_take_an_entity_path(site: BuiltSite) -> None:
    """Links to claims/index.html and tags.html#tag-x keep working; part n is claims/index_n.html,
    and ids never contain '_'."""
    assert site.exists("claims/index.html") and site.exists("claims/index_2.html")
    assert "tag-synthetic" in site.ids("tags.html")
    for page in _parts(site, "claims/index.html")[1:]:
        assert "_" in posixpath.basename(page)


def test_a_brief_links_each_of_its_tags_to_that_tag_s_listing(site: BuiltSite) -> None:
    soup: BeautifulSoup = site.soup("briefs/brief-000007.html")
    tags = {resolve("briefs/brief-000007.html", str(a["href"]))[0] for a in content(soup).select("a.tag")}
    assert "tags/synthetic.html" in tags
    for page in tags:
        assert "brief-000007" in {item for part in _parts(site, page) for item in _items(site, part)}, page
