"""The data behind a brief page's highlight cards, as inert JSON for a <script> block.

The card script (``overrides/assets/javascripts/briefs.js``) reads this
with ``JSON.parse`` and builds the card with DOM APIs and ``textContent`` only.
The JSON escapes ``<``, ``>`` and ``&`` (so no annotation text can close the
``<script>`` element or open a comment) and every non-ASCII character,
U+2028/U+2029 included.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from . import link
from .headline import headline
from .link import Page, Site
from .relations import claim_status
from .speakers import speaker_index

RELATED_IN_CARD = 5  # per relation; the claim page lists them all


def label(value: str) -> str:
    """'very-likely' -> 'Very likely' (as the badges show it)."""
    return value.replace("-", " ").capitalize()


def brief_card_data(site: Site, brief_id: str, here: Page) -> Markup:
    links = site.brief_links[brief_id]
    data: dict[str, Any] = {
        "claims": {c: _claim(site, c, here) for c in links.claims},
        "implications": {i: _implication(site, i, here) for i in links.implications},
    }
    return script_json(data)


def script_json(data: Any) -> Markup:
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def _speaker(site: Site, actor_id: str) -> dict[str, Any]:
    return {"name": site.actors[actor_id].actor.name, "color": speaker_index(actor_id)}


def _claim(site: Site, claim_id: str, here: Page) -> dict[str, Any]:
    record = site.claims[claim_id]
    claim, links = record.claim, site.claim_links[claim_id]
    status = claim_status(site, claim_id)
    relations = []
    for name, ids in (("Contradicts", claim.contradicts), ("Contradicted by", links.contradicted_by),
                      ("Supports", claim.supports), ("Supported by", links.supported_by)):
        if ids:
            relations.append({
                "label": name,
                "items": [{"text": site.claims[o].claim.statement,
                           "by": ", ".join(site.actors[a].actor.name for a in site.claims[o].claim.by),
                           "url": here.link(link.claim_page(o))} for o in ids[:RELATED_IN_CARD]],
                "more": max(0, len(ids) - RELATED_IN_CARD),
            })
    review = claim.review
    return {
        "url": here.link(link.claim_page(claim_id)),
        "speakers": [_speaker(site, a) for a in claim.by],
        "type": label(claim.type),
        "statement": claim.statement,
        "rating": label(review.rating) if review else None,
        "reviewer": review.by if review and review.by else None,
        "contested": status.contested,
        "relations": relations,
    }


def _implication(site: Site, imp_id: str, here: Page) -> dict[str, Any]:
    imp = site.implications[imp_id].implication
    return {
        "url": here.link(link.implication_page(imp_id)),
        "headline": headline(imp),
        "statement": imp.statement,
        "likelihood": label(imp.likelihood),
        "confidence": label(imp.confidence),
        "horizon": label(imp.horizon),
    }
