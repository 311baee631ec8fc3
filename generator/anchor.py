"""Find a quote in a seed (spec §2, claims).

Matching ignores differences of whitespace, straight versus curly quotes and
apostrophes, dash variants and Unicode composition (NFC) - nothing else (case
and every other character count). A quote must lie inside one block (paragraph
or heading) of the seed, because the brief page highlights it in place, and
must start and end between user-perceived characters (grapheme clusters): the
"🇪🇸" inside "🇧🇪🇸🇪" is not Spain's flag, and the "e" of a decomposed "é"
is not an "e".
"""

from __future__ import annotations

import difflib
from bisect import bisect_right
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from .seeds import Seed

_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\uff07", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    }
)
_CLUSTER = regex.compile(r"\X")  # an extended grapheme cluster (Unicode UAX #29)
_SPACE = re.compile(r"\s+")
_ODD_SPACE = re.compile(r"(?: ?[^\S ]| {2,})\s*")  # whitespace runs other than one plain space


@dataclass(frozen=True)
class Anchor:
    """Where a quote sits: block index in the seed and character offsets in its text."""

    block: int
    start: int
    end: int


@dataclass(frozen=True)
class NotFound:
    closest: str  # the closest passage of the seed ("" when the seed has no text)
    spans_blocks: bool = False
    case_only: bool = False  # ``closest`` is the quote in other letter case
    splits_characters: bool = False  # found only inside characters; ``closest`` is those whole characters


@dataclass(frozen=True)
class Ambiguous:
    count: int


@dataclass(frozen=True)
class OccurrenceOutOfRange:
    count: int


AnchorResult = Anchor | NotFound | Ambiguous | OccurrenceOutOfRange


def normalize(text: str) -> tuple[str, "_OffsetMap"]:
    """Fold quotes and dashes, collapse whitespace; return the text and a map back to ``text``.

    Only whitespace runs that are not a single space shift offsets, so the map
    stores one break per such run (articles have few) rather than one entry per
    character.
    """
    folded = text.translate(_FOLD)  # one character for one: offsets unchanged
    stripped = folded.strip()
    lead = len(folded) - len(folded.lstrip())
    breaks: list[int] = [0]  # normalized index where a new shift starts
    shifts: list[int] = [lead]  # original index - normalized index from there on
    parts: list[str] = []
    pos = norm_len = 0
    for run in _ODD_SPACE.finditer(stripped):
        parts.append(stripped[pos : run.start()] + " ")
        norm_len += run.start() - pos + 1
        pos = run.end()
        breaks.append(norm_len)
        shifts.append(lead + pos - norm_len)
    parts.append(stripped[pos:])
    return "".join(parts), _OffsetMap(tuple(breaks), tuple(shifts))


@dataclass(frozen=True)
class _OffsetMap:
    breaks: tuple[int, ...]
    shifts: tuple[int, ...]

    def __getitem__(self, index: int) -> int:
        return index + self.shifts[bisect_right(self.breaks, index) - 1]


def normalize_quote(quote: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", quote).translate(_FOLD)).strip()


def _compose(text: str) -> tuple[str, tuple[int, ...] | None, tuple[int, ...] | None]:
    """NFC-compose ``text`` (quotes are composed by the model, so a seed written
    decomposed must be too), keeping where each character came from.

    Composition works on whole grapheme clusters: a Hangul syllable written as
    conjoining jamo, or a Bengali vowel sign written in two parts, composes
    although no part is a combining mark (``unicodedata.combining`` is 0).
    Returns (composed, starts, ends); starts/ends are None when nothing changed.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None, None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for cluster in _CLUSTER.finditer(text):
        i, j = cluster.span()
        for char in unicodedata.normalize("NFC", cluster.group()):
            out.append(char)
            starts.append(i)
            ends.append(j)
    composed = "".join(out)
    if not unicodedata.is_normalized("NFC", composed):  # composition across clusters: not seen in
        composed = unicodedata.normalize("NFC", text)   # real text; keep whole-block offsets
        return composed, (0,) * len(composed), (len(text),) * len(composed)
    return composed, tuple(starts), tuple(ends)


@lru_cache(maxsize=4096)
def _cluster_bounds(text: str) -> frozenset[int] | None:
    """Offsets in ``text`` between grapheme clusters; None when every offset is one."""
    if text.isascii():  # seed blocks hold no CR, so no CRLF cluster either
        return None
    return frozenset(m.start() for m in _CLUSTER.finditer(text)) | {len(text)}


def _whole_clusters(text: str, start: int, end: int) -> bool:
    bounds = _cluster_bounds(text)
    return bounds is None or (start in bounds and end in bounds)


def _widen_to_clusters(text: str, start: int, end: int) -> str:
    """The whole characters (grapheme clusters) that ``text[start:end]`` cuts into."""
    bounds = sorted(_cluster_bounds(text) or range(len(text) + 1))
    first = max(b for b in bounds if b <= start)
    last = min(b for b in bounds if b >= end)
    return text[first:last]


@dataclass(frozen=True)
class _Block:
    norm: str
    offsets: _OffsetMap  # normalized index -> composed index
    starts: tuple[int, ...] | None  # composed index -> original start (None: identity)
    ends: tuple[int, ...] | None  # composed index -> original end

    def span(self, at: int, length: int) -> tuple[int, int]:
        first, last = self.offsets[at], self.offsets[at + length - 1]
        if self.starts is None or self.ends is None:
            return first, last + 1
        return self.starts[first], self.ends[last]


@dataclass(frozen=True)
class _Index:
    blocks: tuple[_Block, ...]
    joined: str  # every block, normalized, joined by a space


@lru_cache(maxsize=4096)
def _index(seed: Seed) -> _Index:
    blocks = []
    for block in seed.blocks:
        composed, starts, ends = _compose(block.text)
        norm, offsets = normalize(composed)
        blocks.append(_Block(norm, offsets, starts, ends))
    return _Index(tuple(blocks), " ".join(b.norm for b in blocks))


def find_quote(seed: Seed, quote: str, occurrence: int | None = None) -> AnchorResult:
    """Locate ``quote`` in ``seed``; ``occurrence`` (1-based) picks one of several matches."""
    needle = normalize_quote(quote)
    index = _index(seed)
    matches: list[Anchor] = []
    split: str | None = None  # the first place the quote was found only inside characters
    if needle:
        for block_no, block in enumerate(index.blocks):
            at = block.norm.find(needle)
            while at != -1:
                start, end = block.span(at, len(needle))
                text = seed.blocks[block_no].text
                if _whole_clusters(text, start, end):
                    matches.append(Anchor(block_no, start, end))
                elif split is None:
                    split = _widen_to_clusters(text, start, end)
                at = block.norm.find(needle, at + 1)
    if not matches and split is not None:
        return NotFound(split, splits_characters=True)
    if not matches:
        spans = bool(needle) and needle in index.joined
        folded = needle.casefold()
        for block_no, block in enumerate(index.blocks):
            at = block.norm.casefold().find(folded) if folded and len(block.norm.casefold()) == len(block.norm) else -1
            if at != -1:
                start, end = block.span(at, len(needle))
                return NotFound(seed.blocks[block_no].text[start:end], case_only=True)
        return NotFound(closest_passage(seed, quote), spans_blocks=spans)
    if occurrence is None:
        return matches[0] if len(matches) == 1 else Ambiguous(len(matches))
    if occurrence > len(matches):
        return OccurrenceOutOfRange(len(matches))
    return matches[occurrence - 1]


def closest_passage(seed: Seed, quote: str, *, limit: int = 160) -> str:
    """The passage of the seed most like ``quote``, at word boundaries, in the seed's own spelling."""
    needle = normalize_quote(quote).casefold()
    best: tuple[float, int, int, int] | None = None  # (score, block, start word, end word)
    n_words = max(1, len(needle.split(" ")))
    for block_no, block in enumerate(seed.blocks):
        words = block.text.split()
        normalized = [unicodedata.normalize("NFC", w).translate(_FOLD).casefold() for w in words]
        for size in {max(1, n_words - 1), n_words, n_words + 1}:
            for start in range(0, max(1, len(words) - size + 1)):
                candidate = " ".join(normalized[start : start + size])
                matcher = difflib.SequenceMatcher(None, candidate, needle, autojunk=False)
                if best is not None and matcher.real_quick_ratio() <= best[0]:
                    continue
                if best is not None and matcher.quick_ratio() <= best[0]:
                    continue
                score = matcher.ratio()
                if best is None or score > best[0]:
                    best = (score, block_no, start, start + size)
    if best is None:
        return ""
    _, block_no, start, end = best
    passage = " ".join(seed.blocks[block_no].text.split()[start:end])
    return passage if len(passage) <= limit else passage[: limit - 1].rstrip() + "\u2026"
