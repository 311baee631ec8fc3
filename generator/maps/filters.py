"""The data behind the filters of the claims and implications indexes (``filters.js``).

The indexes are split into parts of 100 (``listings.py``), so a filter needs the
whole corpus's facts: they are written as script files,
``assets/filters/<kind>-<n>.js``, each holding ``SHARD`` rows and the names of
the actors and briefs they mention, and calling ``__briefsFilter(kind, n, data)``.
``filters.js`` loads them with ``<script src>`` (no ``fetch()``: the site works
from ``file://``), one after the other, only once a reader uses a filter; each
says whether another follows. At 10,000 briefs (about 50,000 claims) a shard is
about 150 KB.

A claim row: ``[id, brief, type, rating, [speakers], [tags], statement]``; an
implication row: ``[id, brief, likelihood, horizon, confidence, [affects], [tags], headline]``.
Text is JSON with ``<``, ``>``, ``&`` and U+2028/9 escaped (``search.shards``), so
no contributor text can end the script; ``filters.js`` only ever sets it as text.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from ..headline import headline
from ..link import Site
from ..outputs import SiteFile, SiteOptions
from ..search.shards import _json

SHARD = 1000  # rows per file
FOLDER = "assets/filters"


def claim_rows(site: Any) -> list[list[Any]]:
    rows = []
    for b in site.timeline:
        tags = list(site.briefs[b].doc.tags)
        for c in site.brief_links[b].claims:
            claim = site.claims[c].claim
            rows.append([c, b, claim.type, claim.review.rating if claim.review else "", list(claim.by), tags,
                         " ".join(claim.statement.split())])
    return rows


def implication_rows(site: Any) -> list[list[Any]]:
    rows = []
    for b in site.timeline:
        tags = list(site.briefs[b].doc.tags)
        for i in site.brief_links[b].implications:
            imp = site.implications[i].implication
            rows.append([i, b, imp.likelihood, imp.horizon, imp.confidence, list(imp.affects), tags, headline(imp)])
    return rows


def shards(site: Any, kind: str, rows: list[list[Any]], actors_at: int) -> Iterator[SiteFile]:
    """``rows`` cut into files of ``SHARD``; each names the actors (ids in column ``actors_at``)
    and briefs its rows mention."""
    count = max(1, -(-len(rows) // SHARD))
    for n in range(count):
        chunk = rows[n * SHARD:(n + 1) * SHARD]
        actors = sorted({a for row in chunk for a in row[actors_at]})
        briefs = sorted({row[1] for row in chunk})
        data = {
            "rows": chunk,
            "actors": {a: site.actors[a].actor.name for a in actors if a in site.actors},
            "briefs": {b: site.briefs[b].title for b in briefs},
            "more": n + 1 < count,
        }
        text = f"__briefsFilter({json.dumps(kind)},{n + 1},{_json(data)});\n"
        yield SiteFile(f"{FOLDER}/{kind}-{n + 1}.js", text.encode("utf-8"))


def emit(site: Site, options: SiteOptions) -> Iterator[SiteFile]:
    yield from shards(site, "claims", claim_rows(site), 4)
    yield from shards(site, "implications", implication_rows(site), 5)
