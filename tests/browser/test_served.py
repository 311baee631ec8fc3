"""The site served from a sub-path (http://host/briefs-site/), as on a project page or an intranet.

Every link must stay relative: a link that climbs above /briefs-site/ or
starts with "/" would leave the site, and the reader's route records it.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urldefrag, urlsplit

from .site_picks import article_word, brief_to_read
from .site_reading import claim_id_of, click_result, expect_page


def test_navigate_search_and_follow_every_link_under_a_sub_path(site, reader, served):
    base = served(site)
    brief = brief_to_read(site.corpus)
    page = reader.open(base + "index.html", allow=base)
    links: set[str] = set()

    def collect() -> None:
        links.update(urldefrag(h).url for h in page.locator("a[href]").evaluate_all(
            # An SVG link's href (the maps) is an SVGAnimatedString: resolve its attribute.
            "els => els.map(e => typeof e.href === 'string' ? e.href : new URL(e.getAttribute('href'), document.baseURI).href)"))

    collect()
    page.locator(".brief-cards a.brief-card__title", has_text=brief.title).click()
    expect_page(page, f"briefs/{brief.id}.html", brief.title)
    collect()
    quote = page.locator(".brief-article a.claim-quote").first
    claim_id = claim_id_of(quote)
    claim = site.corpus.claims[claim_id].claim
    quote.click()
    expect_page(page, f"claims/{claim_id}.html", claim.statement)
    collect()
    speaker = site.corpus.actors[claim.by[0]].actor
    page.locator(".claim-meta a.actor-link").first.click()
    expect_page(page, f"actors/{speaker.id}.html", speaker.name)
    collect()

    wanted = article_word(site.corpus, site.corpus_dir / "docs")
    click_result(page, wanted.term, wanted.page)
    expect_page(page, wanted.page, wanted.heading)
    collect()
    assert page.url.startswith(base), page.url

    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}/"
    own = sorted(url for url in links if url.startswith(origin))
    outside = [url for url in own if not url.startswith(base)]
    assert not outside, f"links that leave {base}: {outside}"
    with ThreadPoolExecutor(max_workers=8) as pool:
        broken = [problem for problem in pool.map(_fetch, own) if problem]
    assert not broken, f"broken links on the visited pages: {broken}"


def _fetch(url: str) -> str | None:
    """None when ``url`` answers 200, else what went wrong."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=5):
            return None
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}: {url}"
