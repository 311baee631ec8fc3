"""Relations a reader asks about: is a claim contested, who is tied to whom, what members said.

Computed from the linked ``Site`` (``link.py`` keeps the raw relations, both
directions); this module ranks and rolls them up for the pages. Every list a
page shows from here is capped, so no page grows with the corpus.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Mapping

from .link import Site

CONTESTED_RATINGS = frozenset({"disputed", "false", "misleading"})
RELATED_ACTORS = 12  # ties shown on an actor page
MEMBER_CLAIMS = 20  # claims by members shown under the parent
MEMBER_DEPTH = 8  # how far down member_of chains the roll-up walks (check rejects loops; this bounds it anyway)


@dataclass(frozen=True)
class ClaimStatus:
    contested: bool  # in a contradiction (either direction) or rated disputed, false or misleading
    rating: str | None
    supported: bool  # another claim supports it


def claim_status(site: Site, claim_id: str) -> ClaimStatus:
    claim = site.claims[claim_id].claim
    links = site.claim_links[claim_id]
    rating = claim.review.rating if claim.review else None
    contested = bool(claim.contradicts or links.contradicted_by) or rating in CONTESTED_RATINGS
    return ClaimStatus(contested, rating, bool(links.supported_by))


@dataclass(frozen=True)
class Tie:
    """How strongly another actor is tied to this one, strongest kinds first."""

    other: str
    membership: str  # "member of" (this actor is a member of other), "member" (other is a member), or ""
    shared_claims: int  # claims both made together
    about_each_other: int  # claims one made about the other
    shared_briefs: int

    @property
    def rank(self) -> tuple[int, int, int, int]:
        return (1 if self.membership else 0, self.shared_claims, self.about_each_other, self.shared_briefs)


@dataclass(frozen=True)
class ActorRelations:
    related: tuple[Tie, ...]  # strongest first, at most RELATED_ACTORS
    related_more: int  # ties not shown
    member_claims: tuple[tuple[str, str], ...]  # (member id, claim id), newest brief first
    member_claims_more: int


def actor_relations(site: Site) -> Mapping[str, ActorRelations]:
    """For every actor: its ranked ties and the claims its members made."""
    member_of = {a: set(r.actor.member_of) for a, r in site.actors.items()}
    shared_claims: dict[str, Counter[str]] = defaultdict(Counter)
    about: dict[str, Counter[str]] = defaultdict(Counter)
    for record in site.claims.values():
        speakers = record.claim.by
        for a in speakers:
            shared_claims[a].update(b for b in speakers if b != a)
            for target in record.claim.about:
                if target != a:
                    about[a][target] += 1
                    about[target][a] += 1
    shared_briefs: dict[str, Counter[str]] = defaultdict(Counter)
    for links in site.brief_links.values():
        for a in links.actors:
            shared_briefs[a].update(b for b in links.actors if b != a)

    order = {brief_id: i for i, brief_id in enumerate(site.timeline)}
    out = {}
    for actor_id in site.actors:
        others = set(shared_claims[actor_id]) | set(about[actor_id]) | set(shared_briefs[actor_id])
        others |= member_of[actor_id] | set(site.actor_links[actor_id].members)
        others.discard(actor_id)
        ties = []
        for other in others:
            if other not in site.actors:
                continue
            membership = ("member of" if other in member_of[actor_id]
                          else "member" if actor_id in member_of.get(other, ()) else "")
            ties.append(Tie(other, membership, shared_claims[actor_id][other], about[actor_id][other],
                            shared_briefs[actor_id][other]))
        ties.sort(key=lambda t: (tuple(-x for x in t.rank), site.actors[t.other].actor.name, t.other))
        rolled = _member_claims(site, actor_id, order)
        out[actor_id] = ActorRelations(
            tuple(ties[:RELATED_ACTORS]), max(0, len(ties) - RELATED_ACTORS),
            tuple(rolled[:MEMBER_CLAIMS]), max(0, len(rolled) - MEMBER_CLAIMS),
        )
    return out


def _member_claims(site: Site, actor_id: str, order: Mapping[str, int]) -> list[tuple[str, str]]:
    """Claims made by the actor's members, their members... (not by the actor itself)."""
    seen = {actor_id}
    level = [actor_id]
    found: dict[str, str] = {}  # claim id -> the member who made it (the nearest one)
    for _ in range(MEMBER_DEPTH):
        below = [m for a in level for m in site.actor_links[a].members if m not in seen]
        if not below:
            break
        seen.update(below)
        for member in below:
            for claim_id in site.actor_links[member].claims_made:
                if actor_id not in site.claims[claim_id].claim.by:
                    found.setdefault(claim_id, member)
        level = below
    return sorted(((m, c) for c, m in found.items()),
                  key=lambda mc: (order.get(site.claims[mc[1]].brief, 0), mc[1]))
