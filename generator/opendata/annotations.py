"""W3C Web Annotations (the data model Hypothesis uses): one ``AnnotationCollection``
per brief, ``data/annotations/<brief-id>.jsonld``.

One annotation per claim and per implication that quotes the article. Its
target's ``source`` is the article's ``source.url`` (or the brief page when there
is none), selected twice: a ``TextQuoteSelector`` (the quote as the seed writes
it, with ``CONTEXT_CHARS`` characters of the seed on each side, as Hypothesis
keeps) and a ``TextPositionSelector`` whose offsets count characters (code
points) in the seed's text (``fragments.seed_text``: its blocks separated by a
blank line, as the contributor guide defines it). The body describes the claim
(its statement, describing; its type, classifying; its rating, assessing; each speaker's
page, tagging) or the implication (statement, likelihood), and links to its page.
"""

from __future__ import annotations

from typing import Any

from .. import link
from ..link import Page
from .fragments import seed_offsets, seed_text
from .jsonld import file_url, page_url

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32


def annotations_path(brief_id: str) -> str:
    return f"data/annotations/{brief_id}.jsonld"


def collection(site: Any, brief_id: str, site_url: str | None) -> dict[str, Any]:
    """The brief's AnnotationCollection; without ``site_url``, URLs are relative to the file."""
    path = annotations_path(brief_id)
    here = Page(path[: -len(".jsonld")] + ".md")  # the file's folder, for relative links
    brief = site.briefs[brief_id]
    links = site.brief_links[brief_id]
    items = []
    for claim_id in links.claims:
        record = site.claims[claim_id]
        claim = record.claim
        bodies = [_text(claim.statement, "describing"), _text(claim.type, "classifying")]
        if claim.review is not None:
            bodies.append(_text(claim.review.rating, "assessing"))
        bodies += [{"type": "SpecificResource", "purpose": "tagging",
                    "source": page_url(here, link.actor_page(a), site_url)} for a in claim.by]
        items.append(_annotation(brief, here, site_url, record.anchor, bodies,
                                 page_url(here, link.claim_page(claim_id), site_url)))
    for imp_id in links.implications:
        record = site.implications[imp_id]
        if record.anchor is None:
            continue
        imp = record.implication
        bodies = [_text(imp.statement, "describing"), _text("implication", "classifying"),
                  _text(imp.likelihood, "assessing")]
        items.append(_annotation(brief, here, site_url, record.anchor, bodies,
                                 page_url(here, link.implication_page(imp_id), site_url)))
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": file_url(here, path, site_url),
        "type": "AnnotationCollection",
        "label": brief.title,
        "total": len(items),
    }
    if items:
        out["first"] = {"type": "AnnotationPage", "startIndex": 0, "items": items}
    return out


def _text(value: str, purpose: str) -> dict[str, str]:
    return {"type": "TextualBody", "purpose": purpose, "format": "text/plain", "value": value}


def _annotation(brief: Any, here: Page, site_url: str | None, anchor: Any,
                bodies: list[dict[str, Any]], page: str) -> dict[str, Any]:
    text = seed_text(brief.seed)
    start, end = seed_offsets(brief.seed, anchor)
    source_url = brief.doc.source.url if brief.doc.source and brief.doc.source.url else None
    return {
        "id": page + "#annotation",
        "type": "Annotation",
        "motivation": "describing",
        "created": brief.date.isoformat(),
        "body": [*bodies, {"type": "SpecificResource", "purpose": "linking", "source": page}],
        "target": {
            "source": source_url or page_url(here, link.brief_page(brief.id), site_url),
            "selector": [
                {"type": "TextQuoteSelector", "exact": text[start:end],
                 "prefix": text[max(0, start - CONTEXT_CHARS):start], "suffix": text[end:end + CONTEXT_CHARS]},
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
    }
