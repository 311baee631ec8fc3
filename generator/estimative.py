"""Estimative language (ICD 203): the words that state a probability or a confidence.

An implication's statement should say in words what its ``likelihood`` and
``confidence`` say in the badge: "almost certainly" in a statement whose
likelihood is ``unlikely`` tells a reader two different things. The table of
words per band is the one in the contributor guide ("Estimative language").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Mapping

# Likelihood band -> the words that state it (ICD 203's terms and their usual variants).
# A bare "remote" or "certain" is left out: "remote areas", "certain officials" state nothing.
LIKELIHOOD_WORDS: Mapping[str, tuple[str, ...]] = {
    "remote": ("almost no chance", "remote chance", "remote possibility", "remotely possible"),
    "very-unlikely": ("very unlikely", "highly unlikely", "very improbable", "highly improbable"),
    "unlikely": ("unlikely", "improbable", "improbably", "not likely", "probably not", "not probable"),
    "even-chance": ("roughly even chance", "roughly even odds", "even chance", "even odds", "fifty-fifty",
                    "toss-up"),
    "likely": ("likely", "probable", "probably"),
    "very-likely": ("very likely", "highly likely", "very probable", "highly probable", "very probably"),
    "almost-certain": ("almost certain", "almost certainly", "nearly certain", "nearly certainly",
                       "virtually certain", "virtually certainly"),
}
CONFIDENCE_WORDS: Mapping[str, tuple[str, ...]] = {
    "low": ("low confidence",),
    "moderate": ("moderate confidence", "medium confidence"),
    "high": ("high confidence", "highly confident"),
}


def _pattern(table: Mapping[str, tuple[str, ...]]) -> re.Pattern[str]:
    """One regex for every phrase, longest first ("very likely" before "likely"), any
    whitespace or hyphen between words, whole words only, any letter case."""
    phrases = sorted({p for words in table.values() for p in words}, key=lambda p: (-len(p), p))
    parts = [r"[\s\-]+".join(re.escape(w) for w in re.split(r"[\s\-]+", p)) for p in phrases]
    return re.compile(r"(?<![\w\-])(?:" + "|".join(parts) + r")(?![\w\-])", re.IGNORECASE)


_LIKELIHOOD = _pattern(LIKELIHOOD_WORDS)
_CONFIDENCE = _pattern(CONFIDENCE_WORDS)
_BAND_OF = {p: band for band, words in LIKELIHOOD_WORDS.items() for p in words}
_LEVEL_OF = {p: level for level, words in CONFIDENCE_WORDS.items() for p in words}


@dataclass(frozen=True)
class Mismatch:
    words: str  # as written in the statement
    start: int  # offset in the statement
    said: str  # the band or level the words state
    field: str  # "likelihood" or "confidence"


def _key(text: str) -> str:
    return " ".join(re.split(r"[\s\-]+", text.lower())).replace("fifty fifty", "fifty-fifty").replace(
        "toss up", "toss-up")


def mismatches(statement: str, likelihood: str, confidence: str) -> Iterator[Mismatch]:
    """Estimative words in ``statement`` that state another band or level than the fields."""
    for m in _LIKELIHOOD.finditer(statement):
        band = _BAND_OF[_key(m.group())]
        if band != likelihood:
            yield Mismatch(m.group(), m.start(), band, "likelihood")
    for m in _CONFIDENCE.finditer(statement):
        level = _LEVEL_OF[_key(m.group())]
        if level != confidence:
            yield Mismatch(m.group(), m.start(), level, "confidence")
