"""Write the index as small classic scripts, split so that a query loads only what it needs.

Why scripts: Chromium refuses ``fetch`` and XHR of local files, so a site
opened from ``file://`` can only load data with ``<script src>``. Every file
calls one registration function, ``__briefsSearch(name, data)`` (JSONP), that
``search-engine.js`` defines. All URLs are relative to the site root, which
``search.js`` computes from its own ``src``: the same files work from disk,
from a server and from a sub-path.

The files (under ``search/``):

``manifest.js``
    ``{"v", "docs", "block", "kinds", "shards", "cap", "minPrefix", "guide"}``:
    ``shards`` lists the first key of every term shard, in UTF-16 order
    (JavaScript's ``<``), so the browser finds the one shard that holds a key
    by binary search; documents numbered from ``guide`` on are sections of the
    contributor guide, which results list after the entity pages.
``t/<n>.js`` (term shards)
    ``{"k": [keys], "v": [entries], "x": [[prefix, entry], ...]}``. An entry
    is ``{"p": postings, "n": count, "s": links, "o": origins}``, each
    optional: ``p`` is ``[doc, score, doc - previous doc, score, ...]``, the
    best-scoring :data:`POSTINGS_CAP` documents (``n``, the true count, says
    the list was cut: such a key is as common as a stop word, and the query
    does not require it); ``s`` lists the stems a form links to (always in the
    same shard: when a stem lands in another shard, its postings are copied
    into the form's ``p`` instead); ``o`` lists the forms a transliteration
    stands for. Shards are contiguous runs of keys, cut at about
    :data:`SHARD_TARGET` bytes, so every shard stays small whatever the corpus.
    ``x`` serves search-as-you-type: for every prefix whose keys do not all
    sit in the prefix's own shard, the best :data:`PREFIX_CAP` postings of its
    :data:`PREFIX_KEYS` most frequent completions, merged (``k`` lists them). So any one-word
    query, complete or not, reads exactly one term shard.
``d/<n>.js`` (document shards)
    ``[[kind, title, url, text, context, language, direction], ...]`` for documents
    ``n * block`` to ``n * block + block - 1``: read only for the results shown.
    ``language`` (BCP 47) and ``direction`` (``ltr``/``rtl``) are those of the
    document's text, for the result's ``lang`` and ``dir``.

Safety: contributor text is data. It is JSON-encoded with ``<``, ``>``, ``&``
and U+2028/U+2029 escaped, and ``search.js`` puts it in the page with
``textContent`` and DOM calls only. Output is deterministic: keys sorted,
documents numbered in corpus order, scores integers.
"""

from __future__ import annotations

import bisect
import heapq
import json
import operator
from array import array
from typing import Iterator, Sequence

from ..i18n import direction
from .documents import KINDS, SearchDoc
from .terms import Terms, merge_max

SHARD_TARGET = 36_000  # bytes: a new term shard starts past this
# What no file may exceed (tests/test_search_index.py checks a few hundred synthetic briefs):
# a one-word query reads the manifest, one term shard and at most ten document shards.
TERM_SHARD_BUDGET = 64 * 1024
DOC_SHARD_BUDGET = 32 * 1024
POSTINGS_CAP = 400  # documents kept per key (the best-scoring ones)
PREFIX_KEYS = 16  # completions merged for a prefix that spans shards
PREFIX_CAP = 100  # documents kept for such a prefix: enough for the first results while typing
MIN_PREFIX = 2  # characters a word needs before it is completed as a prefix
META_BLOCK = 8  # documents per document shard: ten results read at most ten small files
FORMAT_VERSION = 1
FOLDER = "search"


def utf16(key: str) -> bytes:
    """Sort key that orders strings as JavaScript compares them (by UTF-16 code units)."""
    return key.encode("utf-16-be")


def script(name: str, data: object) -> bytes:
    """``__briefsSearch("name",{...});`` with contributor text unable to end the script or a string."""
    return f"__briefsSearch({json.dumps(name)},{_json(data)});\n".encode("utf-8")


_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def _json(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _ESCAPES:
        text = text.replace(raw, escaped)
    return text


def _postings_json(ids: Sequence[int], scores: Sequence[int], cap: int = POSTINGS_CAP) -> str:
    """``"p":[...]`` (and ``"n":count`` when cut) for postings sorted by document id."""
    count = len(ids)
    if count > cap:  # the best scores, ties to the lower document number
        best = sorted(heapq.nsmallest(cap, zip(map(operator.neg, scores), ids)), key=operator.itemgetter(1))
        ids = [doc for _, doc in best]
        scores = [-score for score, _ in best]
    flat: list[int] = [0] * (2 * len(ids))
    flat[0::2] = [b - a for a, b in zip((0, *ids), ids)]  # document numbers as gaps
    flat[1::2] = scores
    text = f'"p":[{",".join(map(str, flat))}]'
    return text + f',"n":{count}' if count > cap else text


def _merged_json(merged: dict[int, int], cap: int = POSTINGS_CAP) -> str:
    ids = sorted(merged)
    return _postings_json(ids, [merged[d] for d in ids], cap)


def _strings(values: Sequence[str]) -> str:
    return _json(list(values))


def _resolved(terms: Terms, key: str) -> dict[int, int]:
    """What looking ``key`` up finds: its own postings and those of the stems it links to."""
    return merge_max(terms.postings[k] for k in (key, *terms.links.get(key, ())) if k in terms.postings)


def _cut_shards(keys: list[str], terms: Terms) -> list[int]:
    """The index of the first key of every shard: runs of about SHARD_TARGET bytes."""
    postings, links, origins = terms.postings, terms.links, terms.origins
    starts = [0]
    size = 0
    for i, key in enumerate(keys):
        own = postings.get(key)
        # Estimated bytes: the key, ~9 per posting kept, ~12 per link or origin.
        weight = len(key.encode()) + 8 + (9 * min(len(own[0]), POSTINGS_CAP) if own else 0)
        if key in links:
            weight += 12 * len(links[key])
        if key in origins:
            weight += 12 * len(origins[key])
        if size and size + weight > SHARD_TARGET:
            starts.append(i)
            size = 0
        size += weight
    return starts


def _spanning_prefixes(keys: list[str], sort_keys: list[bytes], starts: list[int],
                       shard_index: list[int]) -> Iterator[tuple[str, int, int, int]]:
    """(prefix, shard that holds its table, first key index, end key index) for every prefix
    whose keys do not all sit in the shard where a lookup of the prefix lands."""
    firsts = [sort_keys[s] for s in starts]
    seen: set[str] = set()
    for start in starts[1:]:
        first = keys[start]
        for length in range(MIN_PREFIX, len(first) + 1):
            prefix = first[:length]
            if prefix in seen:
                continue
            seen.add(prefix)
            encoded = utf16(prefix)
            lo = bisect.bisect_left(sort_keys, encoded)
            hi = bisect.bisect_left(sort_keys, encoded + b"\xff\xff", lo)
            home = max(0, bisect.bisect_right(firsts, encoded) - 1)
            if lo < hi and (shard_index[lo] != home or shard_index[hi - 1] != home):
                yield prefix, home, lo, hi


def frequency(terms: Terms, key: str) -> int:
    """How many documents a lookup of ``key`` finds, about (the largest of its lists):
    what ranks completions, here and in search-engine.js (which sees the same lists)."""
    return max((len(terms.postings[k][0]) for k in (key, *terms.links.get(key, ())) if k in terms.postings),
               default=0)


def _prefix_entry(terms: Terms, best: Sequence[str]) -> str:
    merged = merge_max(terms.postings[k] for key in best for k in (key, *terms.links.get(key, ()))
                       if k in terms.postings)
    return "{" + _merged_json(merged, PREFIX_CAP) + f',"k":{_strings(best)}' + "}"


def _best_completions(keys: list[str], negated: list[int], lo: int, hi: int) -> tuple[str, ...]:
    """The PREFIX_KEYS most frequent keys of ``keys[lo:hi]`` (``negated``: minus each key's frequency)."""
    ranked = heapq.nsmallest(PREFIX_KEYS, zip(negated[lo:hi], range(lo, hi)))
    return tuple(keys[i] for count, i in ranked if count < 0)


def _negated_frequencies(terms: Terms, keys: list[str]) -> list[int]:
    """``-frequency(terms, key)`` for every key, in one pass."""
    sizes = {key: len(ids) for key, (ids, _) in terms.postings.items()}
    links = terms.links
    return [-max(sizes.get(key, 0), *(sizes.get(stem, 0) for stem in links[key])) if key in links
            else -sizes.get(key, 0) for key in keys]


def _same(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(map(operator.is_, a, b))


def index_files(docs: Sequence[SearchDoc], terms: Terms) -> dict[str, bytes]:
    """Every file of the index, by path relative to the site root."""
    return ShardWriter().files(docs, terms)


class ShardWriter:
    """Writes the index files; kept across builds (``mkdocs serve``), it reuses every part
    whose inputs are the very same objects as last time.

    ``terms.TermIndex`` keeps the postings of every key an edit did not touch
    (the same arrays), so a key's entry, a prefix table or a document shard is
    written again only when something it shows changed. Inputs are compared
    by identity (or, for documents, by value): a reused part is always what
    writing it afresh would give.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[tuple, str]] = {}  # key -> (what its entry was written from, entry)
        self._prefixes: dict[str, tuple[tuple, str]] = {}
        self._doc_blocks: dict[int, tuple[tuple[SearchDoc, ...], bytes]] = {}
        self._shards: dict[int, tuple[list[str], tuple[str, ...], bytes]] = {}  # n -> (keys, parts, bytes)
        self._keys: list[str] = []
        self._sort_keys: list[bytes] = []
        self._key_set: set[str] = set()

    def _sorted_keys(self, terms: Terms) -> tuple[list[str], list[bytes]]:
        """Every key in UTF-16 order: the previous build's order, updated by what was added or removed."""
        key_set = terms.keys()
        added, removed = key_set - self._key_set, self._key_set - key_set
        if len(added) + len(removed) > 1_000:
            keys = sorted(key_set, key=utf16)
            sort_keys = [utf16(k) for k in keys]
        else:
            keys, sort_keys = list(self._keys), list(self._sort_keys)
            for key in removed:
                i = bisect.bisect_left(sort_keys, utf16(key))
                del keys[i], sort_keys[i]
            for key in added:
                encoded = utf16(key)
                i = bisect.bisect_left(sort_keys, encoded)
                keys.insert(i, key)
                sort_keys.insert(i, encoded)
        self._keys, self._sort_keys, self._key_set = keys, sort_keys, key_set
        return keys, sort_keys

    def _entry(self, terms: Terms, key: str, shard_of_key: dict[str, int], shard: int) -> str:
        postings = terms.postings.get(key)
        links = terms.links.get(key, ())
        origins = terms.origins.get(key)
        cross = None  # stems in other shards: the postings copied into this entry
        for stem in links:
            if shard_of_key[stem] != shard:
                cross = tuple(terms.postings.get(stem) for stem in links)
                break
        cached = self._entries.get(key)
        if cached is not None:
            was = cached[0]
            if was[0] is postings and was[1] is links and was[2] is origins and (
                    was[3] is cross or (cross is not None and was[3] is not None and _same(was[3], cross))):
                return cached[1]
        parts = []
        if cross is not None:
            parts.append(_merged_json(_resolved(terms, key)))  # stems elsewhere: copy their postings here
        else:
            if postings is not None:
                parts.append(_postings_json(postings[0], postings[1]))
            if links:
                parts.append(f'"s":{_strings(links)}')
        if origins is not None:
            parts.append(f'"o":{_strings(origins)}')
        text = "{" + ",".join(parts) + "}"
        self._entries[key] = ((postings, links, origins, cross), text)
        return text

    def _prefix(self, terms: Terms, prefix: str, keys: list[str], negated: list[int], lo: int, hi: int) -> str:
        best = _best_completions(keys, negated, lo, hi)
        inputs = (best, tuple(terms.postings.get(k) for key in best for k in (key, *terms.links.get(key, ()))))
        cached = self._prefixes.get(prefix)
        if cached is not None and cached[0][0] == best and _same(cached[0][1], inputs[1]):
            return cached[1]
        text = f"[{_json(prefix)},{_prefix_entry(terms, best)}]"
        self._prefixes[prefix] = (inputs, text)
        return text

    def files(self, docs: Sequence[SearchDoc], terms: Terms) -> dict[str, bytes]:
        """Every file of the index, by path relative to the site root."""
        keys, sort_keys = self._sorted_keys(terms)
        starts = _cut_shards(keys, terms) if keys else []
        shard_index = array("I", bytes(4 * len(keys)))
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(keys)
            shard_index[start:end] = array("I", [n]) * (end - start)
        shard_of_key = dict(zip(keys, shard_index))
        prefixes: dict[int, list[str]] = {}
        used_prefixes = set()
        negated = _negated_frequencies(terms, keys) if len(starts) > 1 else []
        for prefix, home, lo, hi in _spanning_prefixes(keys, sort_keys, starts, shard_index):
            prefixes.setdefault(home, []).append(self._prefix(terms, prefix, keys, negated, lo, hi))
            used_prefixes.add(prefix)
        self._prefixes = {p: v for p, v in self._prefixes.items() if p in used_prefixes}

        files: dict[str, bytes] = {}
        shards: dict[int, tuple[list[str], tuple[str, ...], bytes]] = {}
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(keys)
            shard_keys = keys[start:end]
            parts = (*(self._entry(terms, k, shard_of_key, n) for k in shard_keys), *prefixes.get(n, ()))
            cached = self._shards.get(n)
            if cached is not None and cached[0] == shard_keys and _same(cached[1], parts):
                content = cached[2]
            else:
                entries = ",".join(parts[: len(shard_keys)])
                data = f'{{"k":{_strings(shard_keys)},"v":[{entries}],"x":[{",".join(prefixes.get(n, []))}]}}'
                content = f"__briefsSearch({json.dumps(f't/{n}')},{data});\n".encode("utf-8")
            shards[n] = (shard_keys, parts, content)
            files[f"{FOLDER}/t/{n}.js"] = content
        self._shards = shards
        self._entries = {k: v for k, v in self._entries.items() if k in self._key_set}
        kinds = list(KINDS)
        blocks: dict[int, tuple[tuple[SearchDoc, ...], bytes]] = {}
        for n in range(0, (len(docs) + META_BLOCK - 1) // META_BLOCK):
            block = tuple(docs[n * META_BLOCK : (n + 1) * META_BLOCK])
            cached_block = self._doc_blocks.get(n)
            if cached_block is not None and cached_block[0] == block:
                blocks[n] = cached_block
            else:
                rows = [[kinds.index(d.kind), d.title, d.url, d.text, d.context, d.language,
                          direction(d.language)] for d in block]
                blocks[n] = (block, script(f"d/{n}", rows))
            files[f"{FOLDER}/d/{n}.js"] = blocks[n][1]
        self._doc_blocks = blocks
        manifest = {
            "v": FORMAT_VERSION,
            "docs": len(docs),
            "block": META_BLOCK,
            "kinds": [KINDS[k] for k in kinds],
            "shards": [keys[s] for s in starts] if keys else [],
            "cap": POSTINGS_CAP,
            "minPrefix": MIN_PREFIX,
            # Documents from here on are guide sections, listed after every entity page.
            "guide": next((i for i, d in enumerate(docs) if d.kind == "guide"), len(docs)),
        }
        files[f"{FOLDER}/manifest.js"] = script("manifest", manifest)
        return files
