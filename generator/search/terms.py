"""From search documents to scored postings: what each key of the index finds.

Keys are *folded surface forms* (what a reader types, after ``tokens.fold``),
*stems*, *transliterations* and the character grams of unspaced scripts.

**Why stemming needs no JavaScript stemmer.** A reader's query declares no
language, so the browser cannot know which stemmer to run. Instead the index
does all stemming: each document's words are stemmed with the Snowball
stemmer of the document's language (``language`` of the brief, else the
site's), and postings are stored under the stem. Every folded form seen in the
corpus is also a key, which *links* to its stems. The query looks a word up
as a form and follows the links, so ``Орлову`` finds a brief that says
``Орлова`` (both stem to ``орлов``) without the browser knowing Russian. A
form absent from the corpus falls back to prefix matching (the word being
typed, ``orl`` -> ``orlova``) and to the longest indexed stem that begins it
(``orlovoi`` -> ``orlov``); see ``search-engine.js``. The price: an inflection
absent from the corpus, whose stem is not a prefix of it, is not found.

**Transliteration.** Each word written in another script is also indexed under
its Latin spelling (``tokens.transliterate``), with the original forms kept
for highlighting: ``Papadopoulou`` finds ``Παπαδοπούλου``.

**Scores** are BM25 (k1 = 1.2, b = 0.75) over field-weighted term
frequencies (titles and names weigh most), times a per-kind boost (the guide
ranks below entity pages), as integers.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import snowballstemmer

from .documents import KIND_BOOST, SearchDoc
from .tokens import index_tokens, transliterate

K1, B = 1.2, 0.75
TRANSLIT_WEIGHT = 0.9  # a transliteration matches slightly below the word as written
SCORE_SCALE = 100

# Snowball algorithms by ISO 639 language subtag (BCP 47 primary subtag).
STEMMERS = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech", "da": "danish",
    "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian", "fi": "finnish", "fr": "french",
    "de": "german", "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian",
    "nn": "norwegian", "fa": "persian", "pl": "polish", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "st": "sesotho", "es": "spanish", "sv": "swedish", "ta": "tamil",
    "tr": "turkish", "yi": "yiddish",
}


def stemmer_name(language: str) -> str | None:
    """The Snowball algorithm for a BCP 47 tag (``pt-BR`` -> ``portuguese``), or None."""
    return STEMMERS.get(language.split("-")[0].lower())


class _Stems:
    """form -> stem, per language, each computed once (PyStemmer: a fraction of a microsecond)."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, str]] = {}
        self._stemmers: dict[str, object | None] = {}

    def table(self, language: str) -> dict[str, str]:
        return self.tables.setdefault(language, {})

    def stem(self, language: str, form: str) -> str:
        if language not in self._stemmers:
            name = stemmer_name(language)
            self._stemmers[language] = snowballstemmer.stemmer(name) if name else None
        stemmer = self._stemmers[language]
        found = (stemmer.stemWord(form) or form) if stemmer is not None else form  # type: ignore[attr-defined]
        self.tables[language][form] = found
        return found


@dataclass
class Terms:
    """Every key with its postings (document ids ascending, BM25 weight), links and origins."""

    doc_count: int
    postings: dict[str, tuple[array, array]] = field(default_factory=dict)  # key -> (doc ids, scores)
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)  # form -> the stems it belongs to
    origins: dict[str, tuple[str, ...]] = field(default_factory=dict)  # transliteration -> forms as written

    def keys(self) -> set[str]:
        return set(self.postings) | set(self.links)


def collect_terms(docs: Sequence[SearchDoc]) -> Terms:
    """Tokenise, stem and transliterate every document; score every (key, document) pair.

    One pass over the documents; postings grow in compact arrays (8 bytes a posting),
    so memory stays proportional to the index, not to the text.
    """
    stems = _Stems()
    latin: dict[str, tuple[str, ...]] = {}
    raw: dict[str, tuple[array, array]] = {}
    lengths: list[int] = []
    for doc_id, doc in enumerate(docs):
        table = stems.table(doc.language)
        counts: Counter[str] = Counter()
        length = 0
        for text, weight in doc.fields:
            if not text:
                continue
            words, grams = index_tokens(text)
            length += len(words) + len(grams)
            for word in set(words).difference(table):
                stems.stem(doc.language, word)
            keys = list(map(table.__getitem__, words))
            keys += grams
            if weight == 1:
                counts.update(keys)
            else:
                for key, n in Counter(keys).items():
                    counts[key] += n * weight
            if text.isascii():
                continue  # nothing to transliterate
            for token in sorted({*(w for w in words if not w.isascii()), *(g for g in grams if len(g) == 2)}):
                spellings = latin.get(token)
                if spellings is None:
                    spellings = latin[token] = transliterate(token)
                for spelling in spellings:
                    counts[spelling] += weight * TRANSLIT_WEIGHT
        lengths.append(max(length, 1))
        for key, weight in counts.items():
            entry = raw.get(key)
            if entry is None:
                raw[key] = (array("I", (doc_id,)), array("f", (weight,)))
            else:
                entry[0].append(doc_id)
                entry[1].append(weight)
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    norms = [K1 * (1 - B + B * length / average) for length in lengths]
    boosts = [SCORE_SCALE * KIND_BOOST[d.kind] * (K1 + 1) for d in docs]
    n = len(docs)
    postings: dict[str, tuple[array, array]] = {}
    for key, (ids, tfs) in raw.items():
        idf = math.log(1 + (n - len(ids) + 0.5) / (len(ids) + 0.5))
        postings[key] = (ids, array("I", [max(1, round(boosts[d] * idf * tf / (tf + norms[d])))
                                          for d, tf in zip(ids, tfs)]))
    del raw
    links: dict[str, set[str]] = defaultdict(set)
    for table in stems.tables.values():
        for form, stem in table.items():
            if stem != form:
                links[form].add(stem)
    origins: dict[str, set[str]] = defaultdict(set)
    for token, spellings in latin.items():
        for spelling in spellings:
            origins[spelling].add(token)
    return Terms(n, postings, {form: tuple(sorted(s)) for form, s in links.items()},
                 {k: tuple(sorted(v)) for k, v in origins.items()})


def merge_max(lists: Iterable[tuple[array, array]]) -> dict[int, int]:
    """Document -> the best score it has in any of ``lists``."""
    best: dict[int, int] = {}
    for ids, scores in lists:
        for d, s in zip(ids, scores):
            if s > best.get(d, 0):
                best[d] = s
    return best
