"""The contested page (``contested.md``): every pair of contradicting claims across the
corpus, side by side, then every claim rated disputed, false or misleading; newest first.

A listing like the others (``paginate``): at most ``PER_PART`` entries a page, so the page
never grows with the corpus. An entry is a pair (``"a b"``: ``a`` contradicts ``b``; ids
never contain a space) or a claim id, grouped under ``contradictions`` or ``rated``.
"""

from __future__ import annotations

from typing import Any, Iterator

from ..link import Site
from ..outputs import SiteOptions
from ..paginate import paginate
from ..relations import CONTESTED_RATINGS
from ..render import CONTESTED, PageRenderer, RenderedPage

PER_PART = 50


def contested_entries(site: Any) -> list[tuple[str, str]]:
    """(group, item) in reading order: the contradictions, then the rated claims, newest first."""
    def newest(claim_id: str) -> tuple[int, str]:
        return (-site.briefs[site.claims[claim_id].brief].date.toordinal(), claim_id)

    pairs = {}
    for claim_id, record in site.claims.items():
        for other in record.claim.contradicts:
            key = tuple(sorted((claim_id, other)))
            pairs.setdefault(key, (claim_id, other))  # declared both ways: shown once
    ordered = sorted(pairs.values(), key=lambda p: (min(newest(p[0]), newest(p[1])), p))
    rated = sorted((c for c, r in site.claims.items() if r.claim.review and r.claim.review.rating in CONTESTED_RATINGS),
                   key=newest)
    return [("contradictions", f"{a} {b}") for a, b in ordered] + [("rated", c) for c in rated]


def emit(site: Site, options: SiteOptions) -> Iterator[RenderedPage]:
    render = PageRenderer(site, options)
    tracked = render.site
    entries = contested_entries(tracked)
    parts = paginate(CONTESTED, entries, PER_PART)
    for part in parts:
        yield render.page(part.page, lambda part=part: render(
            "contested.md.j2", part.page, part=part, parts=parts, ranges=tuple("" for _ in parts),
            noun="entries", first_page=CONTESTED), (part, len(parts)))
