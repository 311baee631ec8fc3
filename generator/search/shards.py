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


def _entry(terms: Terms, key: str, shard_of_key: dict[str, int], shard: int) -> str:
    links = terms.links.get(key, ())
    parts = []
    if any(shard_of_key[stem] != shard for stem in links):
        parts.append(_merged_json(_resolved(terms, key)))  # stems elsewhere: copy their postings here
    else:
        own = terms.postings.get(key)
        if own is not None:
            parts.append(_postings_json(own[0], own[1]))
        if links:
            parts.append(f'"s":{_strings(links)}')
    if key in terms.origins:
        parts.append(f'"o":{_strings(terms.origins[key])}')
    return "{" + ",".join(parts) + "}"


def _cut_shards(keys: list[str], terms: Terms) -> list[int]:
    """The index of the first key of every shard: runs of about SHARD_TARGET bytes."""
    starts = [0]
    size = 0
    for i, key in enumerate(keys):
        postings = terms.postings.get(key)
        # Estimated bytes: the key, ~9 per posting kept, ~12 per link or origin.
        weight = len(key.encode()) + 8 + 9 * min(len(postings[0]) if postings else 0, POSTINGS_CAP)
        weight += 12 * (len(terms.links.get(key, ())) + len(terms.origins.get(key, ())))
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


def _prefix_entry(terms: Terms, keys: list[str], lo: int, hi: int) -> str:
    ranked = heapq.nsmallest(PREFIX_KEYS, ((-frequency(terms, keys[i]), i) for i in range(lo, hi)))
    best = [keys[i] for count, i in ranked if count < 0]
    merged = merge_max(terms.postings[k] for key in best for k in (key, *terms.links.get(key, ()))
                       if k in terms.postings)
    return "{" + _merged_json(merged, PREFIX_CAP) + f',"k":{_strings(best)}' + "}"


def index_files(docs: Sequence[SearchDoc], terms: Terms) -> dict[str, bytes]:
    """Every file of the index, by path relative to the site root."""
    keys = sorted(terms.keys(), key=utf16)
    sort_keys = [utf16(k) for k in keys]
    starts = _cut_shards(keys, terms) if keys else []
    shard_index = array("I", bytes(4 * len(keys)))
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(keys)
        for i in range(start, end):
            shard_index[i] = n
    shard_of_key = {key: shard_index[i] for i, key in enumerate(keys)}
    prefixes: dict[int, list[str]] = {}
    for prefix, home, lo, hi in _spanning_prefixes(keys, sort_keys, starts, shard_index):
        prefixes.setdefault(home, []).append(f"[{_json(prefix)},{_prefix_entry(terms, keys, lo, hi)}]")

    files: dict[str, bytes] = {}
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(keys)
        shard_keys = keys[start:end]
        entries = ",".join(_entry(terms, k, shard_of_key, n) for k in shard_keys)
        data = f'{{"k":{_strings(shard_keys)},"v":[{entries}],"x":[{",".join(prefixes.get(n, []))}]}}'
        files[f"{FOLDER}/t/{n}.js"] = f"__briefsSearch({json.dumps(f't/{n}')},{data});\n".encode("utf-8")
    kinds = list(KINDS)
    for n in range(0, (len(docs) + META_BLOCK - 1) // META_BLOCK):
        block = docs[n * META_BLOCK : (n + 1) * META_BLOCK]
        rows = [[kinds.index(d.kind), d.title, d.url, d.text, d.context, d.language, direction(d.language)]
                for d in block]
        files[f"{FOLDER}/d/{n}.js"] = script(f"d/{n}", rows)
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
