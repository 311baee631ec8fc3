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
from .i18n import N_, Words, actor_language, brief_language, direction, words as site_words
from .link import Page, Site
from .relations import claim_status
from .speakers import speaker_index

RELATED_IN_CARD = 5  # per relation; the claim page lists them all


def label(value: str) -> str:
    """'very-likely' -> 'Very likely' (as the badges show it, in English)."""
    return site_words().label(value)


def brief_card_data(site: Site, brief_id: str, here: Page, words: Words | None = None) -> Markup:
    """The cards of a brief page. Contributor text is in the brief's language: ``lang`` (and
    ``dir``) say which, for the card script to mark the elements that hold it (the card's own
    words are the site's)."""
    words = words or site_words()
    links = site.brief_links[brief_id]
    language = brief_language(site, brief_id) or words.language
    data: dict[str, Any] = {
        "lang": language,
        "dir": direction(language),
        "claims": {c: _claim(site, c, here, words) for c in links.claims},
        "implications": {i: _implication(site, i, here, words) for i in links.implications},
    }
    return script_json(data)


def script_json(data: Any) -> Markup:
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def _speaker(site: Site, actor_id: str, words: Words) -> dict[str, Any]:
    language = actor_language(site, actor_id) or words.language
    return {"name": site.actors[actor_id].actor.name, "color": speaker_index(actor_id), "lang": language,
            "dir": direction(language)}


_RELATIONS = (N_("Contradicts"), N_("Contradicted by"), N_("Supports"), N_("Supported by"))


def _claim(site: Site, claim_id: str, here: Page, words: Words) -> dict[str, Any]:
    record = site.claims[claim_id]
    claim, links = record.claim, site.claim_links[claim_id]
    status = claim_status(site, claim_id)
    relations = []
    for name, ids in zip(_RELATIONS, (claim.contradicts, links.contradicted_by, claim.supports, links.supported_by)):
        if ids:
            relations.append({
                "label": words.gettext(name),
                "items": [{"text": site.claims[o].claim.statement,
                           "by": ", ".join(site.actors[a].actor.name for a in site.claims[o].claim.by),
                           "url": here.link(link.claim_page(o))} for o in ids[:RELATED_IN_CARD]],
                "more": max(0, len(ids) - RELATED_IN_CARD),
            })
    review = claim.review
    return {
        "url": here.link(link.claim_page(claim_id)),
        "speakers": [_speaker(site, a, words) for a in claim.by],
        "via": site.actors[claim.via].actor.name if claim.via else None,
        "medium": words.label(claim.medium) if claim.medium else None,
        "type": words.label(claim.type),
        "statement": claim.statement,
        "rating": words.label(review.rating) if review else None,
        "reviewer": review.by if review and review.by else None,
        "contested": status.contested,
        "relations": relations,
    }


def _implication(site: Site, imp_id: str, here: Page, words: Words) -> dict[str, Any]:
    imp = site.implications[imp_id].implication
    return {
        "url": here.link(link.implication_page(imp_id)),
        "headline": headline(imp),
        "statement": imp.statement,
        "likelihood": words.label(imp.likelihood),
        "confidence": words.label(imp.confidence),
        "horizon": words.label(imp.horizon),
        "outcome": words.label(imp.outcome.status) if imp.outcome else None,
        "outcomeDate": words.date(imp.outcome.date) if imp.outcome else None,
    }
