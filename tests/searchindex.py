"""Read a built search index (``search/`` of a site) back, as search-engine.js would.

The files are scripts (``__briefsSearch("name",{...});``); this parses them
and answers what the tests ask: which shard the manifest sends a key to, what
a key finds, every document's title and text.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

_SCRIPT = re.compile(r'\A__briefsSearch\(("[^"]*"),(.*)\);\n\Z', re.S)


def read_script(path: Path) -> tuple[str, object]:
    """(name, data) of one index file; AssertionError if it is not exactly one registration call."""
    text = path.read_text(encoding="utf-8")
    match = _SCRIPT.match(text)
    assert match, f"{path}: not a __briefsSearch(name, data) script: {text[:80]!r}"
    return json.loads(match.group(1)), json.loads(match.group(2))


def utf16(key: str) -> bytes:
    return key.encode("utf-16-be")


@dataclass
class BuiltIndex:
    site: Path  # the site root (the folder holding search/)
    _shards: dict[int, dict] = field(default_factory=dict, repr=False)

    @property
    def folder(self) -> Path:
        return self.site / "search"

    @cached_property
    def manifest(self) -> dict:
        return read_script(self.folder / "manifest.js")[1]  # type: ignore[return-value]

    def files(self) -> list[Path]:
        return sorted(p for p in self.folder.rglob("*") if p.is_file())

    def shard_number(self, key: str) -> int:
        """The shard search-engine.js loads for ``key``: the last whose first key is <= it (UTF-16 order)."""
        firsts = [utf16(k) for k in self.manifest["shards"]]
        return max(0, bisect.bisect_right(firsts, utf16(key)) - 1)

    def shard(self, n: int) -> dict:
        if n not in self._shards:
            self._shards[n] = read_script(self.folder / "t" / f"{n}.js")[1]  # type: ignore[assignment]
        return self._shards[n]

    def shards(self) -> list[dict]:
        return [self.shard(n) for n in range(len(self.manifest["shards"]))]

    def entry(self, key: str) -> dict | None:
        shard = self.shard(self.shard_number(key))
        return shard["v"][shard["k"].index(key)] if key in shard["k"] else None

    def finds(self, key: str) -> set[int]:
        """The documents a lookup of ``key`` finds (its postings and its stems', as search-engine.js resolves them)."""
        shard = self.shard(self.shard_number(key))
        found: set[int] = set()
        entry = self.entry(key)
        for e in [entry] + [shard["v"][shard["k"].index(s)] for s in (entry or {}).get("s", []) if s in shard["k"]]:
            if e:
                found |= set(_doc_ids(e.get("p", [])))
        return found

    @cached_property
    def documents(self) -> list[dict]:
        """Every document: kind, title, url, text, context."""
        kinds = self.manifest["kinds"]
        rows: list[dict] = []
        for n in range((self.manifest["docs"] + self.manifest["block"] - 1) // self.manifest["block"]):
            for row in read_script(self.folder / "d" / f"{n}.js")[1]:  # type: ignore[union-attr]
                rows.append({"kind": kinds[row[0]], "title": row[1], "url": row[2], "text": row[3],
                             "context": row[4]})
        assert len(rows) == self.manifest["docs"]
        return rows


def _doc_ids(postings: list[int]) -> list[int]:
    ids, doc = [], 0
    for i in range(0, len(postings), 2):
        doc += postings[i]
        ids.append(doc)
    return ids
