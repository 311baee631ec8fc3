"""Regenerate only what a change touches, for ``mkdocs serve``.

Two caches, both held by the MkDocs plugin between rebuilds (``Memo``) and
both exact: nothing is reused unless what it was made from is unchanged.

- ``FileCache``: each seed and brief file is read, parsed and validated once
  per content; an unchanged file gives the very same objects again, so the
  corpus rules (references, quotes) run on records that compare in an instant,
  and what is derived from one file alone (where a quote sits in its article,
  the file's warnings) is kept with it (``FileCache.derived``).
- ``Memo``: any value computed from the linked ``Site`` (a rendered page, a
  search shard...) is kept with every read it made of the site -- which brief,
  which claim record, which backlinks -- recorded by a ``TrackedSite``. On the
  next build it is reused when each of those reads gives an equal value
  (identity first), and recomputed otherwise. The reads are found by running
  the computation, not declared by hand, so a template that starts showing
  one more field of a related record can never leave a page stale.

Emitters use it through ``SiteOptions.memo`` (``render.PageRenderer`` does it
for the Markdown pages); an emitter may also keep its own incremental state
(``Memo.keep``: the search index scores and writes again only what an edit
touched, ``search.SearchIndex``). The adapter then compares outputs by content
and rewrites only those that changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from .link import Site

T = TypeVar("T")
WHOLE = "*whole*"  # the key of a read of a whole field (iterating a mapping, the timeline)
_MISSING = object()
_FIELDS = ("briefs", "brief_links", "actor_links", "claim_links", "actors", "claims", "implications", "tags",
           "counts")


class Reads:
    """A stack of read logs: the innermost computation being recorded gets each read."""

    def __init__(self) -> None:
        self.frames: list[dict[tuple[str, Any], Any]] = []

    def note(self, field: str, key: Any, value: Any) -> None:
        if self.frames:
            self.frames[-1].setdefault((field, key), value)

    def replay(self, deps: Mapping[tuple[str, Any], Any]) -> None:
        """Count reads made earlier (a fragment memoized within one build) as reads of the current frame."""
        if self.frames:
            frame = self.frames[-1]
            for dep, value in deps.items():
                frame.setdefault(dep, value)

    def record(self, compute: Callable[[], T]) -> tuple[T, dict[tuple[str, Any], Any]]:
        self.frames.append({})
        try:
            value = compute()
        finally:
            deps = self.frames.pop()
        self.replay(deps)  # an enclosing computation read all of it too
        return value, deps


class _TrackedMapping(Mapping):
    __slots__ = ("_data", "_field", "_reads")

    def __init__(self, data: Mapping, field: str, reads: Reads):
        self._data, self._field, self._reads = data, field, reads

    def __getitem__(self, key: Any) -> Any:
        value = self._data.get(key, _MISSING)
        self._reads.note(self._field, key, value)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        value = self._data.get(key, _MISSING)
        self._reads.note(self._field, key, value)
        return value is not _MISSING

    def __iter__(self) -> Iterator:
        self._reads.note(self._field, WHOLE, self._data)
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.note(self._field, WHOLE, self._data)
        return len(self._data)


class TrackedSite:
    """The ``Site`` interface, recording every read into ``reads``."""

    def __init__(self, site: Site, reads: Reads):
        self._site, self._reads = site, reads
        for name in _FIELDS:
            setattr(self, name, _TrackedMapping(getattr(site, name), name, reads))

    @property
    def timeline(self) -> tuple[str, ...]:
        self._reads.note("timeline", WHOLE, self._site.timeline)
        return self._site.timeline

    @property
    def corpus(self) -> Any:
        self._reads.note("corpus", WHOLE, self._site.corpus)
        return self._site.corpus


def _current(site: Site, field: str, key: Any) -> Any:
    value = getattr(site, field)
    return value if key == WHOLE else value.get(key, _MISSING)


def unchanged(site: Site, deps: Mapping[tuple[str, Any], Any]) -> bool:
    """Whether every read in ``deps`` gives the same value on ``site``."""
    for (field, key), old in deps.items():
        new = _current(site, field, key)
        if new is not old and new != old:
            return False
    return True


@dataclass
class _Entry:
    inputs: Any
    deps: dict[tuple[str, Any], Any]
    value: Any


class Memo:
    """Values computed from a site, reused across builds while what they read is unchanged."""

    def __init__(self) -> None:
        self.files = FileCache()
        self._store: dict[Hashable, _Entry] = {}
        self._used: set[Hashable] = set()
        self._kept: dict[str, Any] = {}
        self.hits = self.misses = 0

    def keep(self, name: str, factory: Callable[[], T]) -> T:
        """An emitter's own incremental state, made once and kept for every later build
        (``search.SearchIndex``): the emitter must give what a fresh state would give."""
        if name not in self._kept:
            self._kept[name] = factory()
        return self._kept[name]

    def start(self) -> None:
        """A new build begins: count afresh, forget at ``finish`` what this build does not use."""
        self._used = set()
        self.hits = self.misses = 0
        self._verdicts = {}
        self._verdict_site = None

    def finish(self) -> None:
        for key in set(self._store) - self._used:
            del self._store[key]
        self._verdicts = {}
        self._verdict_site = None

    _verdicts: dict[tuple[str, Any], tuple[Any, bool]] = {}
    _verdict_site: Site | None = None

    def unchanged(self, site: Site, deps: Mapping[tuple[str, Any], Any]) -> bool:
        """``unchanged(site, deps)``, each distinct read compared once per build: thousands of
        pages read the same records (a brief's claims all read the brief)."""
        if site is not self._verdict_site:
            self._verdicts, self._verdict_site = {}, site
        verdicts = self._verdicts
        for dep, old in deps.items():
            known = verdicts.get(dep)
            if known is not None and known[0] is old:
                same = known[1]
            else:
                new = _current(site, dep[0], dep[1])
                same = new is old or new == old
                verdicts[dep] = (old, same)
            if not same:
                return False
        return True

    def session(self, site: Site) -> "Session":
        return Session(self, site)


class Session:
    """One emitter's use of a ``Memo`` during one build: ``site`` is the tracked view to compute from."""

    def __init__(self, memo: Memo, site: Site):
        self.memo = memo
        self.plain = site
        self.reads = Reads()
        self.site = TrackedSite(site, self.reads)

    def get(self, key: Hashable, inputs: Any, compute: Callable[[], T]) -> T:
        """``compute()`` (reading ``self.site``), or its earlier value if ``inputs`` and every read are unchanged."""
        memo = self.memo
        memo._used.add(key)
        entry = memo._store.get(key)
        if entry is not None and entry.inputs == inputs and memo.unchanged(self.plain, entry.deps):
            memo.hits += 1
            return entry.value
        memo.misses += 1
        value, deps = self.reads.record(compute)
        memo._store[key] = _Entry(inputs, deps, value)
        return value


class FileCache:
    """Per-file results of parsing and validating the corpus, by file and content.

    The loaders read each file (safely: no links, size caps) and pass its text;
    the cache never opens a file itself.
    """

    def __init__(self) -> None:
        self._entries: dict[Hashable, tuple[bytes, Any]] = {}
        self._derived: dict[Hashable, tuple[Any, dict[Hashable, Any]]] = {}  # file -> (owner, results)

    def derived(self, name: Hashable, owner: Any, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` -- a pure function of ``owner`` (what this cache gave for the file
        ``name``: the very same object while its text is unchanged) and ``key`` -- or its
        earlier result. Where a quote sits in an article is found again only when the article
        or the quote changes; an unchanged brief's warnings are not looked for again."""
        entry = self._derived.get(name)
        if entry is None or entry[0] is not owner:
            entry = self._derived[name] = (owner, {})
        results = entry[1]
        if key not in results:
            results[key] = compute()
        return results[key]

    def get(self, key: Hashable, text: str, compute: Callable[[], T]) -> T:
        """``compute()`` for the file ``key`` whose content is ``text``, or its earlier result for the same text."""
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).digest()
        entry = self._entries.get(key)
        if entry is not None and entry[0] == digest:
            return entry[1]
        value = compute()
        self._entries[key] = (digest, value)
        return value
