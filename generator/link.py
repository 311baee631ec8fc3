"""Resolve the corpus into a cross-linked site graph.

Collect, then resolve: every relation is computed once here, in both
directions (a claim that contradicts another shows on both pages, across
briefs), so templates only read prepared lists. Also the URL layout of
spec §4: every page has a ``Page`` with its source path, and ``Page.link``
gives relative URLs that work from any sub-path and from ``file://``.
"""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping

from .corpus import ActorRecord, BriefRecord, ClaimRecord, Corpus, ImplicationRecord

RELATED_ACTORS = 10  # cap, so an actor page does not grow with the corpus
# Partners counted per brief for "related actors": the first actors a brief lists. Counting
# every pair costs actors^2 per brief (5,000 actors in one brief: 25 million pairs, 12 s);
# this keeps linking linear, and changes nothing for a brief of up to 50 actors.
RELATED_PER_BRIEF = 50
LATEST_BRIEFS = 10  # on the home page


@dataclass(frozen=True)
class Page:
    """A page of the site, named by its Markdown source path (``actors/isis.md``)."""

    path: str

    @property
    def html(self) -> str:
        return self.path[: -len(".md")] + ".html"

    def link(self, target: "Page", anchor: str = "", *, markdown: bool = False) -> str:
        """Relative URL from this page to ``target``: ``.html`` for the raw HTML the
        templates write, ``.md`` for a Markdown link (which MkDocs validates and rewrites)."""
        url = _relative(posixpath.dirname(self.path), target.path if markdown else target.html)
        return url + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relative(folder: str, goal: str) -> str:
    """``goal`` relative to ``folder`` (both relative to the site root, no '..')."""
    here = folder.split("/") if folder else []
    parts = goal.split("/")
    common = 0
    while common < min(len(here), len(parts) - 1) and here[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + parts[common:])


HOME = Page("index.md")
ACTORS_INDEX = Page("actors/index.md")
CLAIMS_INDEX = Page("claims/index.md")
IMPLICATIONS_INDEX = Page("implications/index.md")
TIMELINE = Page("timeline.md")
TAGS = Page("tags.md")
INDEX_PAGES = (HOME, ACTORS_INDEX, CLAIMS_INDEX, IMPLICATIONS_INDEX, TIMELINE, TAGS)


def brief_page(brief_id: str) -> Page:
    return Page(f"briefs/{brief_id}.md")


def actor_page(actor_id: str) -> Page:
    return Page(f"actors/{actor_id}.md")


def claim_page(claim_id: str) -> Page:
    return Page(f"claims/{claim_id}.md")


def implication_page(implication_id: str) -> Page:
    return Page(f"implications/{implication_id}.md")


def tag_page(tag: str) -> Page:
    """The first page of the briefs carrying ``tag`` (tags are ids: no path can escape)."""
    return Page(f"tags/{tag}.md")


def quote_anchor(claim_id: str) -> str:
    """The HTML id of a claim's highlighted quote on its brief page."""
    return f"claim-{claim_id}"


@dataclass(frozen=True)
class ActorLinks:
    claims_made: tuple[str, ...]
    claims_about: tuple[str, ...]
    implications: tuple[str, ...]  # implications affecting the actor
    briefs: tuple[str, ...]
    members: tuple[str, ...]  # actors whose member_of names this one
    related: tuple[tuple[str, int], ...]  # (actor id, briefs in common), most shared first


@dataclass(frozen=True)
class ClaimLinks:
    supported_by: tuple[str, ...]
    contradicted_by: tuple[str, ...]
    implications: tuple[str, ...]  # implications that follow from this claim


@dataclass(frozen=True)
class BriefLinks:
    actors: tuple[str, ...]  # every actor listed, declared or used in the brief
    claims: tuple[str, ...]
    implications: tuple[str, ...]


@dataclass(frozen=True)
class Site:
    corpus: Corpus
    briefs: Mapping[str, BriefRecord]
    brief_links: Mapping[str, BriefLinks]
    actor_links: Mapping[str, ActorLinks]
    claim_links: Mapping[str, ClaimLinks]
    tags: Mapping[str, tuple[str, ...]]  # tag -> brief ids, newest first
    timeline: tuple[str, ...]  # brief ids, newest first
    counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def actors(self) -> Mapping[str, ActorRecord]:
        return self.corpus.actors

    @property
    def claims(self) -> Mapping[str, ClaimRecord]:
        return self.corpus.claims

    @property
    def implications(self) -> Mapping[str, ImplicationRecord]:
        return self.corpus.implications


def link_corpus(corpus: Corpus) -> Site:
    """Compute every backlink and relation of the corpus, in one pass over it."""
    by_brief_claims: dict[str, list[str]] = defaultdict(list)
    by_brief_imps: dict[str, list[str]] = defaultdict(list)
    made: dict[str, list[str]] = defaultdict(list)
    about: dict[str, list[str]] = defaultdict(list)
    affecting: dict[str, list[str]] = defaultdict(list)
    supported_by: dict[str, list[str]] = defaultdict(list)
    contradicted_by: dict[str, list[str]] = defaultdict(list)
    follows: dict[str, list[str]] = defaultdict(list)
    members: dict[str, list[str]] = defaultdict(list)

    for claim_id, record in corpus.claims.items():
        claim = record.claim
        by_brief_claims[record.brief].append(claim_id)
        for actor in claim.by:
            made[actor].append(claim_id)
        for actor in claim.about:
            about[actor].append(claim_id)
        for other in claim.supports:
            supported_by[other].append(claim_id)
        for other in claim.contradicts:
            contradicted_by[other].append(claim_id)
    for imp_id, record in corpus.implications.items():
        by_brief_imps[record.brief].append(imp_id)
        for actor in record.implication.affects:
            affecting[actor].append(imp_id)
        for claim_id in record.implication.because:
            follows[claim_id].append(imp_id)
    for actor_id, record in corpus.actors.items():
        for group in record.actor.member_of:
            members[group].append(actor_id)

    brief_links: dict[str, BriefLinks] = {}
    actor_briefs: dict[str, list[str]] = defaultdict(list)
    for brief in corpus.briefs:
        claims = _in_document_order(brief.doc.claims, by_brief_claims[brief.id])
        imps = _in_document_order(brief.doc.implications, by_brief_imps[brief.id])
        actors = _unique(
            [a if isinstance(a, str) else a.id for a in brief.doc.actors]
            + [a for c in claims for a in (*corpus.claims[c].claim.by, *corpus.claims[c].claim.about)]
            + [a for i in imps for a in corpus.implications[i].implication.affects]
        )
        brief_links[brief.id] = BriefLinks(tuple(actors), tuple(claims), tuple(imps))
        for actor in actors:
            actor_briefs[actor].append(brief.id)

    timeline = tuple(b.id for b in sorted(corpus.briefs, key=lambda b: (b.date, b.id), reverse=True))
    order = {brief_id: i for i, brief_id in enumerate(timeline)}

    co_occurrence: dict[str, Counter[str]] = defaultdict(Counter)
    for links in brief_links.values():
        partners = links.actors[:RELATED_PER_BRIEF + 1]
        for actor in links.actors:
            co_occurrence[actor].update(a for a in partners if a != actor)

    actor_links = {
        actor_id: ActorLinks(
            claims_made=tuple(made[actor_id]),
            claims_about=tuple(about[actor_id]),
            implications=tuple(affecting[actor_id]),
            briefs=tuple(sorted(actor_briefs[actor_id], key=order.__getitem__)),
            members=tuple(sorted(members[actor_id])),
            related=tuple(
                sorted(co_occurrence[actor_id].items(), key=lambda kv: (-kv[1], kv[0]))[:RELATED_ACTORS]
            ),
        )
        for actor_id in corpus.actors
    }
    claim_links = {
        claim_id: ClaimLinks(
            supported_by=tuple(supported_by[claim_id]),
            contradicted_by=tuple(c for c in contradicted_by[claim_id]
                                  if c not in corpus.claims[claim_id].claim.contradicts),
            implications=tuple(follows[claim_id]),
        )
        for claim_id in corpus.claims
    }
    briefs = {b.id: b for b in corpus.briefs}
    tags: dict[str, list[str]] = defaultdict(list)
    for brief_id in timeline:
        for tag in briefs[brief_id].doc.tags:
            tags[tag].append(brief_id)

    return Site(
        corpus=corpus,
        briefs=briefs,
        brief_links=brief_links,
        actor_links=actor_links,
        claim_links=claim_links,
        tags={tag: tuple(ids) for tag, ids in sorted(tags.items())},
        timeline=timeline,
        counts={
            "briefs": len(corpus.briefs),
            "actors": len(corpus.actors),
            "claims": len(corpus.claims),
            "implications": len(corpus.implications),
        },
    )


def _in_document_order(items: Iterable, ids: list[str]) -> list[str]:
    wanted = set(ids)
    return [item.id for item in items if item.id in wanted]


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))
