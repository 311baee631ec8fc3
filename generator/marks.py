"""How each stretch of a brief's article is marked: who speaks, what is contested.

``article_blocks`` (render.py) cuts the article into segments; this module
decides, for each segment, what the reader sees: the link (the innermost quote
covering it, claim or implication), the speaker colour, the contested and
overlap marks, and the speaker chips printed where a claim quote begins. Pure
data; the template (``brief.md.j2``) writes the markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from .highlight import Segment, Span
from .i18n import N_, Words, words as site_words
from .relations import claim_status
from .link import Site
from .speakers import short_label, speaker_index


@dataclass(frozen=True)
class Chip:
    """The label printed before a claim quote: its speaker, and its rating or contested state."""

    claim_id: str
    label: str  # "Romanowski", "Reil +1"
    status: str  # "disputed" (a rating), "contradicted", or ""
    spoken: str  # what a screen reader hears instead: "Claim by Alina Romanowski, disputed:"
    color: int
    contested: bool


@dataclass(frozen=True)
class Mark:
    text: str
    kind: str  # "plain" | "mention" | "claim" | "implication": what the segment links to
    target: str = ""  # the linked actor, claim or implication id
    color: int | None = None  # palette slot of the innermost claim's first speaker
    contested: bool = False  # the innermost claim is contested
    supported: bool = False  # ... is supported by another claim
    overlap: bool = False  # two or more claim quotes cover these words
    in_claim: bool = False  # an implication quote nested in a claim quote
    quotes: str = ""  # every quote covering the segment: "claim:a implication:b" (for the card)
    anchors: tuple[str, ...] = ()  # claims whose quote starts here (they get the #claim-<id> anchor)
    chips: tuple[Chip, ...] = ()


def chip(site: Site, claim_id: str, words: Words | None = None) -> Chip:
    words = words or site_words()
    claim = site.claims[claim_id].claim
    status = claim_status(site, claim_id)
    first = site.actors[claim.by[0]].actor
    label = short_label(first) + (f" +{len(claim.by) - 1}" if len(claim.by) > 1 else "")
    state = status.rating or ("contradicted" if status.contested else "")
    word = words.state(state) if state else ""
    names = ", ".join(site.actors[a].actor.name for a in claim.by)
    if word:
        spoken = words.gettext(N_("%(type)s by %(names)s, %(state)s:"), type=words.label(claim.type), names=names,
                               state=word)
    else:
        spoken = words.gettext(N_("%(type)s by %(names)s:"), type=words.label(claim.type), names=names)
    return Chip(claim_id, label, word, spoken, speaker_index(claim.by[0]), status.contested)


def mark(site: Site, segment: Segment, words: Words | None = None) -> Mark:
    if segment.mention is not None:
        return Mark(segment.text, "mention", segment.mention.target)
    if not segment.quotes:
        return Mark(segment.text, "plain")
    claims = [q for q in segment.quotes if q.kind == "claim"]
    # The innermost quote gets the link, so a quote nested in another stays reachable;
    # on a tie the claim wins (the card still lists the implication).
    inner: Span = min(segment.quotes, key=lambda q: (q.length, q.kind != "claim", q.start, q.target))
    inner_claim = min(claims, key=lambda q: (q.length, q.start, q.target)) if claims else None
    starts = [q.target for q in segment.starts if q.kind == "claim"]
    common = {
        "quotes": " ".join(f"{q.kind}:{q.target}" for q in segment.quotes),
        "anchors": tuple(starts),
        "chips": tuple(chip(site, c, words) for c in starts),
        "overlap": len(claims) > 1,
    }
    if inner_claim is None:
        return Mark(segment.text, "implication", inner.target, **common)
    status = claim_status(site, inner_claim.target)
    color = speaker_index(site.claims[inner_claim.target].claim.by[0])
    return Mark(segment.text, inner.kind, inner.target, color, status.contested, status.supported,
                in_claim=inner.kind == "implication", **common)
