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
(``orlovoi`` -> ``orlov``); see ``search.js``. The price: an inflection
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


def _stem_table(language: str, words: set[str]) -> dict[str, str]:
    """form -> stem for every word of one language (the form itself when there is no stemmer)."""
    name = stemmer_name(language)
    ordered = sorted(words)
    if name is None:
        return dict(zip(ordered, ordered))
    stems = snowballstemmer.stemmer(name).stemWords(ordered)
    return {form: stem or form for form, stem in zip(ordered, stems)}


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

    Two passes, for speed: tokenise everything and stem each distinct word once
    per language (a batch call), then count keys per document.
    """
    tokenised = [[(index_tokens(text), weight) for text, weight in doc.fields if text] for doc in docs]
    vocabulary: dict[str, set[str]] = defaultdict(set)
    native: set[str] = set()  # tokens in another script than Latin
    for doc, fields in zip(docs, tokenised):
        words = vocabulary[doc.language]
        for (doc_words, grams), _ in fields:
            words.update(doc_words)
            native.update(g for g in grams if len(g) == 2)
    for words in vocabulary.values():
        native.update(w for w in words if not w.isascii())
    tables = {language: _stem_table(language, words) for language, words in sorted(vocabulary.items())}
    latin = {token: transliterate(token) for token in native}
    links: dict[str, set[str]] = defaultdict(set)
    for table in tables.values():
        for form, stem in table.items():
            if stem != form:
                links[form].add(stem)
    origins: dict[str, set[str]] = defaultdict(set)
    for token, spellings in latin.items():
        for spelling in spellings:
            origins[spelling].add(token)

    raw: dict[str, list[tuple[int, float]]] = defaultdict(list)
    lengths: list[int] = []
    for doc_id, (doc, fields) in enumerate(zip(docs, tokenised)):
        table = tables[doc.language]
        counts: Counter[str] = Counter()
        length = 0
        for (words, grams), weight in fields:
            length += len(words) + len(grams)
            keys = [table[w] for w in words]
            keys += grams
            if weight == 1:
                counts.update(keys)
            else:
                for key, n in Counter(keys).items():
                    counts[key] += n * weight
            for token in sorted({*(w for w in words if not w.isascii()), *(g for g in grams if len(g) == 2)}):
                for spelling in latin[token]:
                    counts[spelling] += weight * TRANSLIT_WEIGHT
        lengths.append(max(length, 1))
        for key, weight in counts.items():
            raw[key].append((doc_id, weight))
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    norms = [K1 * (1 - B + B * length / average) for length in lengths]
    boosts = [SCORE_SCALE * KIND_BOOST[d.kind] * (K1 + 1) for d in docs]
    n = len(docs)
    postings: dict[str, tuple[array, array]] = {}
    for key, pairs in raw.items():
        idf = math.log(1 + (n - len(pairs) + 0.5) / (len(pairs) + 0.5))
        postings[key] = (array("I", [d for d, _ in pairs]),
                         array("I", [max(1, round(boosts[d] * idf * tf / (tf + norms[d]))) for d, tf in pairs]))
    return Terms(n, postings, {form: tuple(sorted(stems)) for form, stems in links.items()},
                 {k: tuple(sorted(v)) for k, v in origins.items()})


def merge_max(lists: Iterable[tuple[array, array]]) -> dict[int, int]:
    """Document -> the best score it has in any of ``lists``."""
    best: dict[int, int] = {}
    for ids, scores in lists:
        for d, s in zip(ids, scores):
            if s > best.get(d, 0):
                best[d] = s
    return best
