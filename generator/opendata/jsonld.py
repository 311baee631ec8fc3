"""schema.org JSON-LD for each generated page's ``<head>`` (search engines, the Fact Check
Explorer, link previews).

- a brief: an ``Article`` that cites its source (a ``NewsArticle``), is about its
  actors and has its claims as parts;
- an actor: a ``Person``, ``GovernmentOrganization`` (kind government or state),
  ``Organization`` (organization, armed group, coalition, group) or ``Thing``
  (other), with ``sameAs`` its Wikidata URI;
- a claim: a ``Claim`` (author: its speakers; appearance: the source, opened at
  the quote), or, once reviewed, a ``ClaimReview`` of that ``Claim`` with the
  rating (``RATING_VALUES``);
- an implication: a ``CreativeWork`` based on the claims it follows from;
- the home page: the ``WebSite``; the Data page: the ``Dataset``.

The text goes into the page through its front matter (``jsonld:``) and
``overrides/main.html`` prints it inside ``<script type="application/ld+json">``
as it is: ``dumps`` writes ``<``, ``>``, ``&`` and U+2028/U+2029 as ``\\u``
escapes, so no contributor text can close the script element or start markup,
whatever it holds. URLs are absolute with ``site_url``, else relative to the page
(JSON-LD resolves them against the page's address).
"""

from __future__ import annotations

import json
import posixpath
from typing import Any
from urllib.parse import urljoin

from .. import link
from ..corpus import BriefRecord
from ..link import Page
from ..licenses import license_name_and_url
from .fragments import original_link

CONTEXT = "https://schema.org"
WIKIDATA = "http://www.wikidata.org/entity/"  # + Q-id: the canonical entity URI
# ClaimReview ratings on a 1 (worst) to 5 (best) scale; the label is the rating's name.
RATING_VALUES = {"supported": 5, "unverified": 3, "disputed": 2, "misleading": 2, "false": 1}
ACTOR_TYPES = {
    "person": "Person", "government": "GovernmentOrganization", "state": "GovernmentOrganization",
    "organization": "Organization", "armed-group": "Organization", "coalition": "Organization",
    "group": "Organization", "other": "Thing",
}
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(data: Any) -> str:
    """JSON that can stand inside ``<script>`` as it is (and in a YAML front matter)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def wikidata_uri(qid: str | None) -> str | None:
    return WIKIDATA + qid if qid else None


def page_url(here: Page, target: Page, site_url: str | None, anchor: str = "") -> str:
    """``target``'s address: absolute under ``site_url``, else relative to ``here``."""
    if site_url:
        return urljoin(site_url.rstrip("/") + "/", target.html) + (f"#{anchor}" if anchor else "")
    return here.link(target, anchor)


def file_url(here: Page, path: str, site_url: str | None) -> str:
    """A file of the site (``data/briefs.json``): absolute under ``site_url``, else relative to ``here``."""
    if site_url:
        return urljoin(site_url.rstrip("/") + "/", path)
    return link._relative(posixpath.dirname(here.path), path)


def _drop_empty(node: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if v not in (None, "", [], {})}


def actor_node(site: Any, actor_id: str, here: Page, site_url: str | None, *, full: bool = False) -> dict[str, Any]:
    actor = site.actors[actor_id].actor
    node = {
        "@type": ACTOR_TYPES[actor.kind],
        "@id": page_url(here, link.actor_page(actor_id), site_url, "actor"),
        "name": actor.name,
        "url": page_url(here, link.actor_page(actor_id), site_url),
        "sameAs": wikidata_uri(actor.wikidata),
    }
    if full:
        node.update({"alternateName": list(actor.aliases), "description": actor.description,
                     "jobTitle" if actor.kind == "person" else "disambiguatingDescription": actor.role,
                     "memberOf": [actor_node(site, a, here, site_url) for a in actor.member_of]})
    return _drop_empty(node)


def source_node(brief: BriefRecord) -> dict[str, Any] | None:
    source = brief.doc.source
    if source is None:
        return None
    lic = license_name_and_url(source.license) if source.license else None
    return _drop_empty({
        "@type": "NewsArticle",
        "url": source.url,
        "headline": source.title,
        "publisher": {"@type": "Organization", "name": source.publisher} if source.publisher else None,
        "author": {"@type": "Person", "name": source.author} if source.author else None,
        "datePublished": brief.date.isoformat(),
        "license": (lic[1] or lic[0]) if lic else None,
    })


def claim_node(site: Any, claim_id: str, here: Page, site_url: str | None) -> dict[str, Any]:
    record = site.claims[claim_id]
    brief = site.briefs[record.brief]
    claim = record.claim
    appearance = source_node(brief)
    if appearance is not None and appearance.get("url"):
        appearance["url"] = original_link(appearance["url"], brief.seed, record.anchor)
    return _drop_empty({
        "@type": "Claim",
        "@id": page_url(here, link.claim_page(claim_id), site_url, "claim"),
        "url": page_url(here, link.claim_page(claim_id), site_url),
        "text": claim.statement,
        "author": [actor_node(site, a, here, site_url) for a in claim.by],
        "about": [actor_node(site, a, here, site_url) for a in claim.about],
        "appearance": appearance,
        "firstAppearance": appearance,
        "datePublished": brief.date.isoformat(),
        "inLanguage": brief.doc.language,
    })


def brief_page(site: Any, brief_id: str, site_url: str | None) -> str:
    here = link.brief_page(brief_id)
    brief = site.briefs[brief_id]
    links = site.brief_links[brief_id]
    return dumps(_drop_empty({
        "@context": CONTEXT,
        "@type": "Article",
        "@id": page_url(here, here, site_url, "brief"),
        "url": page_url(here, here, site_url),
        "headline": brief.title,
        "description": brief.doc.summary,
        "datePublished": brief.date.isoformat(),
        "inLanguage": brief.doc.language,
        "keywords": list(brief.doc.tags),
        "citation": source_node(brief),
        "isBasedOn": (brief.doc.source.url if brief.doc.source else None),
        "about": [actor_node(site, a, here, site_url) for a in links.actors],
        "hasPart": [claim_node(site, c, here, site_url) for c in links.claims],
    }))


def actor_page(site: Any, actor_id: str, site_url: str | None) -> str:
    here = link.actor_page(actor_id)
    return dumps({"@context": CONTEXT, **actor_node(site, actor_id, here, site_url, full=True)})


def claim_page(site: Any, claim_id: str, site_url: str | None) -> str:
    here = link.claim_page(claim_id)
    claim = site.claims[claim_id].claim
    node = claim_node(site, claim_id, here, site_url)
    if claim.review is None:
        return dumps({"@context": CONTEXT, **node})
    review = claim.review
    return dumps(_drop_empty({
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "@id": page_url(here, here, site_url, "review"),
        "url": page_url(here, here, site_url),
        "claimReviewed": claim.statement,
        "itemReviewed": node,
        "reviewRating": {"@type": "Rating", "ratingValue": RATING_VALUES[review.rating], "bestRating": 5,
                         "worstRating": 1, "alternateName": review.rating},
        "reviewBody": review.note,
        "author": {"@type": "Person", "name": review.by} if review.by else None,
        "datePublished": review.date.isoformat() if review.date else None,
        "citation": list(review.sources),
    }))


def implication_page(site: Any, imp_id: str, site_url: str | None) -> str:
    here = link.implication_page(imp_id)
    imp = site.implications[imp_id].implication
    return dumps(_drop_empty({
        "@context": CONTEXT,
        "@type": "CreativeWork",
        "@id": page_url(here, here, site_url, "implication"),
        "url": page_url(here, here, site_url),
        "name": imp.headline or imp.statement,
        "text": imp.statement,
        "isBasedOn": [claim_node(site, c, here, site_url) for c in imp.because],
        "about": [actor_node(site, a, here, site_url) for a in imp.affects],
    }))


def home_page(site_name: str, site_url: str | None) -> str:
    here = link.HOME
    return dumps(_drop_empty({"@context": CONTEXT, "@type": "WebSite", "name": site_name,
                              "url": page_url(here, here, site_url)}))


def data_page(site_name: str, site_url: str | None) -> str:
    """The dataset, as Google's Dataset Search reads it: what it is, its licence, its files."""
    here = Page("data.md")
    downloads = [("data/briefs.json", "application/json"), ("data/briefs.csv", "text/csv"),
                 ("data/actors.csv", "text/csv"), ("data/claims.csv", "text/csv"),
                 ("data/implications.csv", "text/csv"), ("data/relations.csv", "text/csv"),
                 ("feed.xml", "application/atom+xml")]
    return dumps({
        "@context": CONTEXT,
        "@type": "Dataset",
        "name": f"{site_name}: annotated news briefs",
        "description": "News articles annotated with their actors, claims (anchored to exact quotes) and "
                       "implications, with the relations between them.",
        "url": page_url(here, here, site_url),
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "isAccessibleForFree": True,
        "distribution": [{"@type": "DataDownload", "encodingFormat": kind, "contentUrl": file_url(here, path, site_url)}
                         for path, kind in downloads],
    })
