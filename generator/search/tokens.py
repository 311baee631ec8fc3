"""Text to search tokens, the same way in Python (index) and JavaScript (query).

Every step is chosen so that ``overrides/assets/javascripts/search-engine.js`` can do
exactly the same with what a browser has (``String.prototype.normalize``,
``toLowerCase``, Unicode property escapes), and ``tests/search_vectors.json``
holds the cases both implementations are checked against.

1. **Fold** (:func:`fold`): NFKC (full-width letters, ligatures, compatibility
   forms), lower case, then canonical decomposition with the *diacritics*
   removed: the combining marks U+0300-U+036F (so ``Dvořák`` reads
   ``dvorak`` and ``Παπαδοπούλου`` reads ``παπαδοπουλου``), the Arabic
   harakat and the Hebrew points. Other combining marks (Devanagari vowel
   signs, Japanese voicing marks) change the word and are kept. Final sigma
   reads as sigma. ``str.casefold`` is deliberately not used: JavaScript has
   no equivalent (``ß`` would fold to ``ss`` here and stay ``ß`` there);
   ``lower`` and ``toLowerCase`` implement the same Unicode mapping.
2. **Split** on everything that is not a letter, a digit or a combining mark
   (Unicode categories L, N, M): spaces, punctuation, hyphens, apostrophes.
3. **Scripts written without spaces** (Han, kana, Thai, Lao, Khmer, Myanmar)
   are cut out of each run and indexed as overlapping character bigrams plus
   single characters; a query of two characters or more looks up its bigrams,
   a query of one character its unigram.
4. Words longer than :data:`MAX_TOKEN` characters are cut (a run of letters
   that long is a URL or a hash, not a word a reader types).

Transliteration (:func:`transliterate`) and stemming happen at index time
only (see ``shards.py``): the query side never needs them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator

from anyascii import anyascii

MAX_TOKEN = 40

# Diacritics removed by folding (after NFD): Latin/Greek/Cyrillic combining
# diacritics, Hebrew points and cantillation, Arabic harakat and the dagger alif.
DIACRITICS = "\u0300-\u036f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u064b-\u065f\u0670"
_DIACRITICS = re.compile(f"[{DIACRITICS}]")

# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana,
# CJK ideographs (with extensions and compatibility forms), halfwidth kana.
UNSPACED = ("\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
            "\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f")
_UNSPACED = re.compile(f"[{UNSPACED}]+")


@lru_cache(maxsize=1)
def _word_pattern() -> re.Pattern[str]:
    """Runs of letters, digits and combining marks (Unicode L, N, M), as JavaScript's
    ``/[\\p{L}\\p{N}\\p{M}]+/u``, for the Basic Multilingual Plane; characters beyond it
    are all accepted here and sorted out by :func:`_astral_split` (a character class
    with every astral range makes each non-word character cost hundreds of tests)."""
    ranges: list[str] = []
    start = None
    for cp in range(0x10000):
        is_word = unicodedata.category(chr(cp))[0] in "LNM"
        if is_word and start is None:
            start = cp
        elif not is_word and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{cp - 1:04x}")
            start = None
    return re.compile(f"[{''.join(ranges)}\\U00010000-\\U0010ffff]+")


def _astral_split(run: str) -> list[str]:
    """``run`` cut at characters beyond the BMP that are not letters, digits or marks (emoji)."""
    parts: list[str] = []
    current = ""
    for char in run:
        if char > "\uffff" and unicodedata.category(char)[0] not in "LNM":
            if current:
                parts.append(current)
            current = ""
        else:
            current += char
    if current:
        parts.append(current)
    return parts


def _runs(folded: str) -> list[str]:
    if folded.isascii():
        return _ASCII_WORD.findall(folded)
    runs = _word_pattern().findall(folded)
    if max(folded) <= "\uffff":
        return runs
    return [part for run in runs for part in (_astral_split(run) if max(run) > "\uffff" else (run,))]


_ASCII_WORD = re.compile("[a-z0-9]+")
_LONG = re.compile(f"[a-z0-9]{{{MAX_TOKEN + 1}}}")  # an ASCII run that needs cutting


def fold(text: str) -> str:
    """Text as the index and the query compare it: NFKC, lower case, no diacritics."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).lower())
    return unicodedata.normalize("NFC", _DIACRITICS.sub("", text)).replace("\u03c2", "\u03c3")


def _cut(word: str) -> str:
    return word[:MAX_TOKEN]


def _segments(run: str) -> Iterator[tuple[bool, str]]:
    """(written without spaces?, text) pieces of one run of word characters."""
    position = 0
    for match in _UNSPACED.finditer(run):
        if match.start() > position:
            yield False, run[position : match.start()]
        yield True, match.group()
        position = match.end()
    if position < len(run):
        yield False, run[position:]


def index_tokens(text: str) -> tuple[list[str], list[str]]:
    """The tokens of ``text`` for the index: (words, grams), the grams being the bigrams
    and unigrams of unspaced scripts. Lists, not Token objects: this is the build's hot loop."""
    folded = fold(text)
    runs = _runs(folded)
    if folded.isascii():  # the common case, kept cheap: this is the build's hot loop
        return ([run[:MAX_TOKEN] for run in runs] if _LONG.search(folded) else runs), []
    if _UNSPACED.search(folded) is None:
        return [run[:MAX_TOKEN] for run in runs], []
    words: list[str] = []
    grams: list[str] = []
    for run in runs:
        for unspaced, piece in _segments(run):
            if not unspaced:
                words.append(_cut(piece))
                continue
            grams.extend(piece)
            grams.extend(piece[i : i + 2] for i in range(len(piece) - 1))
    return words, grams


def query_tokens(text: str) -> list[str]:
    """The keys a reader's query looks up: words; bigrams (or the single character) of unspaced scripts.

    ``search-engine.js`` implements exactly this (``tokens``); ``tests/search_vectors.json`` checks both.
    """
    out: list[str] = []
    for run in _runs(fold(text)):
        for unspaced, piece in _segments(run):
            if not unspaced:
                out.append(_cut(piece))
            elif len(piece) == 1:
                out.append(piece)
            else:
                out.extend(piece[i : i + 2] for i in range(len(piece) - 1))
    return out


# Greek digraphs that every romanisation (ISO 843, ELOT 743, passports) writes as
# one Latin letter pair, where a letter-by-letter table (anyascii: υ -> y) does not.
_GREEK_DIGRAPHS = {"ου": "ou", "ού": "ou", "αυ": "av", "ευ": "ev", "ηυ": "iv"}
_GREEK = re.compile("|".join(_GREEK_DIGRAPHS))
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=200_000)
def transliterate(token: str) -> tuple[str, ...]:
    """Latin spellings of a folded token written in another script (``παπαδοπουλου`` ->
    ``papadopoulou``, ``орлова`` -> ``orlova``, ``北京`` -> ``beijing``); empty when
    the token is already Latin (or has no Latin spelling)."""
    if token.isascii():
        return ()
    latin = anyascii(_GREEK.sub(lambda m: _GREEK_DIGRAPHS[m.group()], token)).lower()
    parts = [p for p in _NOT_ALNUM.split(latin) if p]
    joined = _cut("".join(parts))
    if not joined or joined == token:
        return ()
    return (joined,)
