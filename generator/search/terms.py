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
ranks below entity pages), as integers. The average document length is
rounded to whole tokens: ranking cannot tell, and an edit under ``mkdocs
serve`` then re-scores only the keys of the documents it touched (``TermIndex``).
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
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
    """form -> stem, per language, each computed once (PyStemmer: a fraction of a microsecond).

    A pure function of (language, form): kept across builds by ``TermIndex``."""

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


@dataclass(frozen=True)
class DocTerms:
    """What one document contributes to the index, whatever else the corpus holds."""

    counts: dict[str, float]  # key -> field-weighted term frequency
    length: int  # tokens, for BM25's length normalisation
    links: frozenset[tuple[str, str]]  # (form, stem) for every form whose stem differs
    origins: frozenset[tuple[str, str]]  # (transliteration, form as written)


def collect_terms(docs: Sequence[SearchDoc]) -> Terms:
    """Tokenise, stem and transliterate every document; score every (key, document) pair."""
    return TermIndex().update(docs)


class TermIndex:
    """The index's terms, updated from one build to the next (``mkdocs serve``) or built once.

    Each document is analysed once per content (``DocTerms``). Scores are BM25
    over the corpus: a document's score for a key depends on the key's
    document frequency, the number of documents and the average document
    length, which is rounded to a whole number of tokens so that one edit
    almost never moves it. When the number of documents and that average are
    those of the previous build, only the keys of the documents that changed
    (at the same position) are scored again; every other key keeps its
    postings, the very same objects, which ``shards.ShardWriter`` then reuses
    as they are. Otherwise everything is scored again from the analyses. Both
    ways give the same ``Terms`` (``tests/test_incremental.py``).
    """

    def __init__(self) -> None:
        self._stems = _Stems()
        self._latin: dict[str, tuple[str, ...]] = {}
        self._analyses: dict[tuple, DocTerms] = {}
        self._docs: list[DocTerms] = []
        self._kinds: list[str] = []
        self._lengths: list[int] = []
        self._average = 0
        self._raw: dict[str, tuple[array, array]] = {}  # key -> (doc ids, term frequencies)
        self._postings: dict[str, tuple[array, array]] = {}
        self._links: dict[str, dict[str, int]] = {}  # form -> stem -> documents that link them
        self._origins: dict[str, dict[str, int]] = {}
        self._link_tuples: dict[str, tuple[str, ...]] = {}
        self._origin_tuples: dict[str, tuple[str, ...]] = {}
        self.rescored = 0  # keys scored by the last update (all of them, or those an edit touched)

    def update(self, docs: Sequence[SearchDoc]) -> Terms:
        analyses: dict[tuple, DocTerms] = {}
        new_docs = []
        for doc in docs:
            cache_key = (doc.fields, doc.language)
            found = analyses.get(cache_key) or self._analyses.get(cache_key)
            if found is None:
                found = self._analyse(doc)
            analyses[cache_key] = found
            new_docs.append(found)
        self._analyses = analyses  # forget the documents this build no longer has
        kinds = [d.kind for d in docs]
        lengths = [d.length for d in new_docs]
        average = max(1, round(sum(lengths) / len(lengths))) if lengths else 1
        if self._docs and len(new_docs) == len(self._docs) and average == self._average:
            changed = [i for i, (new, old) in enumerate(zip(new_docs, self._docs))
                       if new is not old or kinds[i] != self._kinds[i]]
            old_docs = self._docs
            self._docs, self._kinds, self._lengths = new_docs, kinds, lengths
            self._update(changed, old_docs)
        else:
            self._docs, self._kinds, self._lengths, self._average = new_docs, kinds, lengths, average
            self._rebuild()
        return Terms(len(self._docs), self._postings, self._link_tuples, self._origin_tuples)

    # -- one document ------------------------------------------------------------------

    def _analyse(self, doc: SearchDoc) -> DocTerms:
        stems = self._stems
        table = stems.table(doc.language)
        latin = self._latin
        counts: Counter[str] = Counter()
        links: set[tuple[str, str]] = set()
        origins: set[tuple[str, str]] = set()
        length = 0
        for text, weight in doc.fields:
            if not text:
                continue
            words, grams = index_tokens(text)
            length += len(words) + len(grams)
            for word in set(words):
                stem = table.get(word)
                if stem is None:
                    stem = stems.stem(doc.language, word)
                if stem != word:
                    links.add((word, stem))
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
                    origins.add((spelling, token))
        return DocTerms(dict(counts), max(length, 1), frozenset(links), frozenset(origins))

    # -- the whole corpus --------------------------------------------------------------

    def _score(self, key: str, ids: array, tfs: array) -> tuple[array, array]:
        n, norms, boosts = len(self._docs), self._norms, self._boosts
        idf = math.log(1 + (n - len(ids) + 0.5) / (len(ids) + 0.5))
        return ids, array("I", [max(1, round(boosts[d] * idf * tf / (tf + norms[d]))) for d, tf in zip(ids, tfs)])

    def _factors(self) -> None:
        self._norms = [K1 * (1 - B + B * length / self._average) for length in self._lengths]
        self._boosts = [SCORE_SCALE * KIND_BOOST[kind] * (K1 + 1) for kind in self._kinds]

    def _rebuild(self) -> None:
        self._factors()
        raw: dict[str, tuple[array, array]] = {}
        for doc_id, doc in enumerate(self._docs):
            for key, weight in doc.counts.items():
                entry = raw.get(key)
                if entry is None:
                    raw[key] = (array("I", (doc_id,)), array("f", (weight,)))
                else:
                    entry[0].append(doc_id)
                    entry[1].append(weight)
        self._raw = raw
        self._postings = {key: self._score(key, ids, tfs) for key, (ids, tfs) in raw.items()}
        self.rescored = len(raw)
        self._links, self._origins = {}, {}
        for doc in self._docs:
            _count(self._links, doc.links, 1)
            _count(self._origins, doc.origins, 1)
        self._link_tuples = {form: tuple(sorted(stems)) for form, stems in self._links.items()}
        self._origin_tuples = {key: tuple(sorted(forms)) for key, forms in self._origins.items()}

    def _update(self, changed: list[int], old_docs: list[DocTerms]) -> None:
        """Score again only the keys of the documents at ``changed`` (before and after)."""
        for i in changed:  # the average is the same: only these documents' factors change
            self._norms[i] = K1 * (1 - B + B * self._lengths[i] / self._average)
            self._boosts[i] = SCORE_SCALE * KIND_BOOST[self._kinds[i]] * (K1 + 1)
        at = set(changed)
        keys: set[str] = set()
        link_forms: set[str] = set()
        origin_keys: set[str] = set()
        for i in changed:
            old, new = old_docs[i], self._docs[i]
            keys.update(old.counts, new.counts)
            _count(self._links, old.links, -1)
            _count(self._links, new.links, 1)
            _count(self._origins, old.origins, -1)
            _count(self._origins, new.origins, 1)
            link_forms.update(form for form, _ in old.links | new.links)
            origin_keys.update(key for key, _ in old.origins | new.origins)
        for key in sorted(keys):
            old_entry = self._raw.get(key)
            pairs = [] if old_entry is None else [(d, tf) for d, tf in zip(*old_entry) if d not in at]
            pairs += [(i, self._docs[i].counts[key]) for i in changed if key in self._docs[i].counts]
            if not pairs:
                self._raw.pop(key, None)
                self._postings.pop(key, None)
                continue
            pairs.sort()
            ids, tfs = array("I", [d for d, _ in pairs]), array("f", [tf for _, tf in pairs])
            self._raw[key] = (ids, tfs)
            self._postings[key] = self._score(key, ids, tfs)
        self.rescored = len(keys)
        _refresh(self._links, self._link_tuples, link_forms)
        _refresh(self._origins, self._origin_tuples, origin_keys)


def _count(table: dict[str, dict[str, int]], pairs: Iterable[tuple[str, str]], step: int) -> None:
    for key, value in pairs:
        values = table.setdefault(key, {})
        values[value] = values.get(value, 0) + step


def _refresh(table: dict[str, dict[str, int]], tuples: dict[str, tuple[str, ...]], keys: set[str]) -> None:
    """The sorted tuple of every key in ``keys`` from its counts (a key no document gives goes away)."""
    for key in keys:
        values = sorted(v for v, n in table.get(key, {}).items() if n > 0)
        if values:
            table[key] = {v: table[key][v] for v in values}
            new = tuple(values)
            if tuples.get(key) != new:
                tuples[key] = new
        else:
            table.pop(key, None)
            tuples.pop(key, None)


def merge_max(lists: Iterable[tuple[array, array]]) -> dict[int, int]:
    """Document -> the best score it has in any of ``lists``."""
    best: dict[int, int] = {}
    for ids, scores in lists:
        for d, s in zip(ids, scores):
            if s > best.get(d, 0):
                best[d] = s
    return best
