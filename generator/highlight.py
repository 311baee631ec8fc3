"""Cut a seed block into segments: plain text, claim quotes and actor mentions.

Quotes may overlap (two claims quoting overlapping words): the block is cut at
every quote boundary and each segment lists every quote covering it. Actor
names are linked on their first mention in the article, outside quotes (links
cannot nest).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence


@dataclass(frozen=True)
class Span:
    """A stretch of a block's text: a quote (``claim``/``implication``) or a ``mention``."""

    kind: str
    target: str  # claim, implication or actor id
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Segment:
    text: str
    quotes: tuple[Span, ...] = ()  # quotes covering this segment, outermost (earliest start) first
    mention: Span | None = None
    starts: tuple[Span, ...] = ()  # quotes that begin at this segment (they get the HTML id)


def segment_block(text: str, spans: Sequence[Span]) -> list[Segment]:
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    segments = []
    for start, end in zip(cuts, cuts[1:]):
        covering = tuple(
            sorted((s for s in spans if s.kind != "mention" and s.start <= start and end <= s.end),
                   key=lambda s: (s.start, -s.end, s.target))
        )
        mention = next((s for s in spans if s.kind == "mention" and s.start <= start and end <= s.end), None)
        starts = tuple(s for s in covering if s.start == start)
        segments.append(Segment(text[start:end], covering, mention, starts))
    return segments


def first_mentions(
    blocks: Sequence[str], names: dict[str, Iterable[str]], taken: dict[int, list[tuple[int, int]]]
) -> dict[int, list[Span]]:
    """The first mention of each actor in the article, by name or alias.

    ``names`` maps actor id -> names; ``taken`` maps block index -> (start, end)
    ranges a mention may not overlap (the quotes).

    Longest match wins across all actors, everywhere in the article: every
    occurrence of every name is found first, and a name inside a longer match
    of any actor's name is not a mention ("Greek" inside "The Greek Orthodox
    Church" is the Church, even where the Church is not linked because it was
    linked before). Then each actor's first remaining occurrence outside the
    quotes is linked.
    """
    candidates: list[tuple[int, int, int, str]] = []  # (block, start, -length, actor)
    for actor_id, actor_names in names.items():
        for name in {n for n in actor_names if len(n) >= 2}:
            pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
            for block_no, text in enumerate(blocks):
                for m in pattern.finditer(text):
                    candidates.append((block_no, m.start(), -(m.end() - m.start()), actor_id))
    # Tiling: longest first (then earliest, then actor id), each keeps its words if no longer match has them.
    tiled: list[tuple[int, int, int, str]] = []
    claimed: dict[int, list[tuple[int, int]]] = {}
    for block_no, start, neg_len, actor_id in sorted(candidates, key=lambda c: (c[2], c[0], c[1], c[3])):
        end = start - neg_len
        if any(start < e and s < end for s, e in claimed.get(block_no, ())):
            continue
        claimed.setdefault(block_no, []).append((start, end))
        tiled.append((block_no, start, neg_len, actor_id))
    tiled.sort()
    mentioned: set[str] = set()
    result: dict[int, list[Span]] = {}
    for block_no, start, neg_len, actor_id in tiled:
        end = start - neg_len
        if actor_id in mentioned:
            continue
        if any(start < e and s < end for s, e in taken.get(block_no, ())):
            continue
        mentioned.add(actor_id)
        result.setdefault(block_no, []).append(Span("mention", actor_id, start, end))
    return result
