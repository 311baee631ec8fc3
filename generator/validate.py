"""Validate a whole corpus: every file, then every rule across files.

Collect, then resolve: first load every file and register every id (with the
place it was written), then check every reference and quote. Every problem is
a ``Diagnostic``; nothing is raised, so one run reports them all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Hashable, Iterator, TypeVar

from pydantic import TypeAdapter, ValidationError

from .advice import brief_warnings
from .yaml_advice import file_warnings
from .anchor import Anchor, find_quote
from .corpus import ActorRecord, BriefRecord, ClaimRecord, Corpus, ImplicationRecord
from .corpus_files import ACTORS_FILE, CorpusFiles, discover
from .diagnostics import Diagnostic, sort_diagnostics
from .incremental import FileCache
from .load import LoadedYAML, load_yaml_text, read_text
from .messages import did_you_mean, validation_diagnostics
from .model import (
    ID_MAX, ID_PATTERN, RESERVED_IDS, Actor, ActorEntry, ActorsFile, BriefFile, Claim, Implication,
)
from .references import ParsedBrief, Place, References, Registry, check_membership_loops
from .quote_hints import quote_problem
from .seed_advice import seed_warnings
from .seeds import SEED_SUFFIXES, Seed, parse_seed, read_seed

_ID = re.compile(ID_PATTERN)
T = TypeVar("T")


_ACTOR = TypeAdapter(Actor)
_ITEM = {
    "actors": TypeAdapter(ActorEntry),
    "claims": TypeAdapter(Claim),
    "implications": TypeAdapter(Implication),
}


@contextmanager
def gc_paused() -> Iterator[None]:
    """Workaround: CPython's cyclic garbage collector rescans the whole growing heap
    while loading builds hundreds of thousands of small, acyclic containers; that
    made checking 1,000 briefs ~30% slower and the time grow faster than the corpus."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_corpus(root: Path, cache: FileCache | None = None, *, as_of: dt.date | None = None,
                 strict: bool = False) -> tuple[Corpus | None, list[Diagnostic]]:
    """Validate the corpus under ``root``; return it only when there is no problem at all.

    Warnings (advice that never fails a check) are on the returned corpus
    (``Corpus.warnings``); they are given only once there are no errors, so a
    broken corpus's report lists what must be fixed. With ``strict``, every
    warning is an error instead, reported with all the others in the same run.
    ``as_of`` is "today" for implications past their due date (from
    SOURCE_DATE_EPOCH); None: the newest date written in the corpus, as the
    build counts it (``forecasts/due.py``). With ``cache`` (``mkdocs serve``),
    each file is parsed and validated once per content.
    """
    with gc_paused():
        return _check_corpus(root, cache or _NO_CACHE, as_of, strict)


class _NoCache:
    def get(self, key: Hashable, text: str, compute: Callable[[], T]) -> T:
        return compute()

    def derived(self, name: Hashable, owner: Any, key: Hashable, compute: Callable[[], T]) -> T:
        return compute()


_NO_CACHE = _NoCache()


def _check_corpus(root: Path, cache: FileCache | _NoCache, as_of: dt.date | None,
                  strict: bool) -> tuple[Corpus | None, list[Diagnostic]]:
    files = discover(root)
    problems: list[Diagnostic] = list(files.problems)
    seeds = _load_seeds(root, files, problems, cache)
    briefs, shared_actors, raw_ids = _load_briefs(root, files, problems, cache)

    registry = Registry(problems, raw_ids)
    if shared_actors is not None:
        loaded, actors = shared_actors
        for i, actor in actors:
            registry.add("actor", actor.id, actor, Place(loaded.path, loaded.pos((i, "id"))))
    for brief in briefs:
        for i, entry in brief.actors:
            if isinstance(entry, Actor):
                registry.add("actor", entry.id, entry, Place(brief.path, brief.loaded.pos(("actors", i, "id")), brief.id))
        for i, claim in brief.claims:
            registry.add("claim", claim.id, claim, Place(brief.path, brief.loaded.pos(("claims", i, "id")), brief.id))
        for i, imp in brief.implications:
            registry.add("implication", imp.id, imp, Place(brief.path, brief.loaded.pos(("implications", i, "id")), brief.id))

    refs = References(registry, problems)
    if shared_actors is not None:
        loaded, actors = shared_actors
        for i, actor in actors:
            refs.check_actor(actor, loaded, (i,))

    check_membership_loops(registry, problems)

    records: list[BriefRecord] = []
    claims: dict[str, ClaimRecord] = {}
    implications: dict[str, ImplicationRecord] = {}
    dates: dict[str, dt.date] = {}
    for brief in briefs:
        refs.check_brief(brief)
        seed = _seed_for(brief, seeds, root, problems)
        if seed is None:
            continue
        date = _date_for(brief, seed, problems)
        if date is not None:
            dates[brief.id] = date
        if brief.doc is not None and date is not None:
            records.append(BriefRecord(brief.id, brief.path, brief.doc, seed, date))
        for i, claim in brief.claims:
            anchor = _anchor(brief, seed, ("claims", i), claim.id, "claim", claim.quote, claim.occurrence, problems,
                             cache)
            evidence = tuple(
                _anchor(brief, seed, ("claims", i, "evidence", j), claim.id, "claim", ev.quote, ev.occurrence, problems,
                        cache)
                if ev.quote is not None else None
                for j, ev in enumerate(claim.evidence)
            )
            if anchor is not None:
                line = brief.loaded.pos(("claims", i)).line
                claims[claim.id] = ClaimRecord(claim, brief.id, brief.path, line, anchor, evidence)
        for i, imp in brief.implications:
            anchor = None
            if imp.quote is not None:
                anchor = _anchor(brief, seed, ("implications", i), imp.id, "implication", imp.quote, imp.occurrence,
                                 problems, cache)
            line = brief.loaded.pos(("implications", i)).line
            implications[imp.id] = ImplicationRecord(imp, brief.id, brief.path, line, anchor)
            if imp.outcome is not None and date is not None and imp.outcome.date < date:
                pos = brief.loaded.pos(("implications", i, "outcome", "date"))
                problems.append(Diagnostic(brief.path, pos.line, pos.col,
                                           f"implication '{imp.id}': outcome date {imp.outcome.date.isoformat()}"
                                           f" is before the brief's date {date.isoformat()}",
                                           "an outcome says what happened after the brief; check the date"))

    warnings = _warnings(briefs, dates, shared_actors, seeds, as_of, cache)
    if strict:
        problems += [dataclasses.replace(w, severity="error") for w in warnings]
    if problems:
        return None, sort_diagnostics(problems)
    actors = {
        actor_id: ActorRecord(actor, place.path, place.pos.line, place.brief)
        for actor_id, (actor, place) in registry.entries["actor"].items()
    }
    corpus = Corpus(
        briefs=tuple(sorted(records, key=lambda b: b.id)),
        actors=dict(sorted(actors.items())),
        claims=dict(sorted(claims.items())),
        implications=dict(sorted(implications.items())),
        seeds=seeds,
        warnings=tuple(sort_diagnostics(warnings)),
    )
    return corpus, []


def _warnings(briefs: list[ParsedBrief], dates: dict[str, dt.date], shared_actors, seeds: dict[str, Seed],
              as_of: dt.date | None, cache: FileCache | _NoCache) -> list[Diagnostic]:
    """Every warning of the corpus, as far as it could be read (``advice.py``)."""
    written = list(dates.values())
    for brief in briefs:
        written += [c.review.date for _, c in brief.claims if c.review and c.review.date]
        written += [imp.outcome.date for _, imp in brief.implications if imp.outcome]
    today = as_of or max(written, default=dt.date(1970, 1, 1))
    warnings = [w for brief in briefs
                for w in cache.derived(("brief", brief.path), brief, ("warnings", dates.get(brief.id), today),
                                       lambda: brief_warnings(brief, dates.get(brief.id), today))]
    if shared_actors is not None:
        loaded = shared_actors[0]
        warnings += cache.derived(("actors", loaded.path), loaded, "warnings", lambda: file_warnings(loaded))
    warnings += [w for seed in seeds.values()
                 for w in cache.derived(("seed", seed.name), seed, "warnings", lambda: seed_warnings(seed))]
    return warnings


# -- loading --------------------------------------------------------------------------


def _load_seeds(root: Path, files: CorpusFiles, problems: list[Diagnostic],
                cache: FileCache | _NoCache) -> dict[str, Seed]:
    seeds: dict[str, Seed] = {}
    for path in files.seeds:
        rel = _rel(root, path)
        text, found = read_seed(path, rel)
        seed = None
        if text is not None:
            seed, found = cache.get(("seed", rel), text, lambda: parse_seed(text, path.name, rel))
        problems.extend(found)
        if seed is not None:
            seeds[seed.name] = seed
    return seeds


def _load_briefs(root: Path, files: CorpusFiles, problems: list[Diagnostic], cache: FileCache | _NoCache):
    """Each file is read safely, then parsed and validated on its own (``cache`` keeps that
    per content); what follows needs the whole corpus."""
    briefs: list[ParsedBrief] = []
    shared: tuple[LoadedYAML, tuple[tuple[int, Actor], ...]] | None = None
    raw_ids: dict[str, set[str]] = {"actor": set(), "claim": set(), "implication": set()}
    if files.actors is not None:
        rel = _rel(root, files.actors)
        text, found = read_text(files.actors, rel)
        loaded = actors = None
        if text is not None:
            loaded, found, actors = cache.get(("actors", rel), text, lambda: _parse_actors_text(text, rel))
        problems.extend(found)
        if loaded is not None:
            _harvest_ids(loaded.data, raw_ids, top="actors")
        if actors is not None:
            shared = (loaded, actors)
    for path in files.briefs:
        rel = _rel(root, path)
        text, found = read_text(path, rel)
        loaded = brief = None
        if text is not None:
            loaded, found, brief = cache.get(("brief", rel), text, lambda: _parse_brief_text(path.stem, text, rel))
        problems.extend(found)
        if loaded is not None:
            _harvest_ids(loaded.data, raw_ids)
        if brief is not None:
            briefs.append(brief)
    return briefs, shared, raw_ids


def _parse_actors_text(text: str, rel: str):
    """``_actors.yml`` parsed and validated on its own: (loaded, problems, valid actors or None)."""
    loaded, problems = load_yaml_text(text, rel)
    if loaded is None:
        return None, problems, None
    if not isinstance(loaded.data, list):
        try:
            ActorsFile.validate_python(loaded.data)
        except ValidationError as exc:
            problems.extend(validation_diagnostics(exc, loaded, Actor))
        return loaded, problems, None
    return loaded, problems, tuple(_validate_items(loaded.data, _ACTOR, loaded, (), Actor, problems))


def _parse_brief_text(brief_id: str, text: str, rel: str) -> tuple[LoadedYAML | None, list[Diagnostic],
                                                                     ParsedBrief | None]:
    """One brief file parsed and validated on its own (a function of its text and name only)."""
    loaded, problems = load_yaml_text(text, rel)
    if loaded is None:
        return None, problems, None
    id_problem = brief_id_problem(brief_id)
    if id_problem:  # reported, and the brief is still checked for everything else
        problems.append(Diagnostic(rel, 1, 1, id_problem[0], id_problem[1]))
    return loaded, problems, _validate_brief(brief_id, loaded, problems)


def _validate_items(items: list[Any], adapter: TypeAdapter, loaded: LoadedYAML, prefix: tuple[str | int, ...],
                    top: type, problems: list[Diagnostic]) -> list[tuple[int, Any]]:
    """Validate list items one by one; return the valid ones with their index.

    An item whose only fault is an unknown key (a typo such as 'tyep') is
    reported, then still used without that key, so its references and quote
    are checked in the same run.
    """
    valid: list[tuple[int, Any]] = []
    for i, item in enumerate(items):
        try:
            valid.append((i, adapter.validate_python(item)))
            continue
        except ValidationError as exc:
            problems.extend(validation_diagnostics(exc, loaded, top, prefix=(*prefix, i)))
            errors = exc.errors()
        unknown = {e["loc"][-1] for e in errors if e["type"] == "extra_forbidden"}
        if isinstance(item, dict) and len(unknown) == len(errors):
            try:
                valid.append((i, adapter.validate_python({k: v for k, v in item.items() if k not in unknown})))
            except ValidationError:
                pass
    return valid


def _validate_brief(brief_id: str, loaded: LoadedYAML, problems: list[Diagnostic]) -> ParsedBrief | None:
    data = loaded.data
    if not isinstance(data, dict):
        try:
            BriefFile.model_validate(data)
        except ValidationError as exc:
            problems.extend(validation_diagnostics(exc, loaded, BriefFile))
        return None
    items: dict[str, list[tuple[int, Any]]] = {}
    shell = dict(data)
    for section, adapter in _ITEM.items():
        value = data.get(section)
        if not isinstance(value, list):
            continue  # absent, or not a list: the whole-file validation reports it
        valid = _validate_items(value, adapter, loaded, (section,), BriefFile, problems)
        items[section] = valid
        shell[section] = [model for _, model in valid]
    doc: BriefFile | None
    try:
        doc = BriefFile.model_validate(shell)
    except ValidationError as exc:
        problems.extend(validation_diagnostics(exc, loaded, BriefFile))
        doc = None
    seed = data.get("seed") if isinstance(data.get("seed"), str) else None
    return ParsedBrief(
        brief_id, loaded, doc,
        tuple(items.get("actors", ())), tuple(items.get("claims", ())), tuple(items.get("implications", ())), seed,
    )


def brief_id_problem(stem: str) -> tuple[str, str] | None:
    """Why ``stem`` cannot be a brief id (message, hint), or None."""
    if _ID.fullmatch(stem) and len(stem) <= ID_MAX and stem not in RESERVED_IDS and stem != "index":
        return None
    return (
        f"file name '{stem}' is not a valid brief id",
        "name brief files with lowercase letters, digits and single hyphens (at most 80), e.g. us-iraq-talks.yml",
    )


def _harvest_ids(data: Any, raw_ids: dict[str, set[str]], top: str | None = None) -> None:
    """Register the ids of a file that failed validation, so other files do not get
    a cascade of 'unknown id' errors for it."""
    sections = {"actors": "actor", "claims": "claim", "implications": "implication"}
    if top and isinstance(data, dict):  # '_actors.yml' written as 'actors: [...]'
        top = None
    lists = {top: data} if top else (data if isinstance(data, dict) else {})
    for key, kind in sections.items():
        items = lists.get(key)
        if isinstance(items, list):
            for item in items:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    raw_ids[kind].add(item["id"])


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


# -- seeds, dates and quotes ----------------------------------------------------------


def _seed_for(brief: ParsedBrief, seeds: dict[str, Seed], root: Path, problems: list[Diagnostic]) -> Seed | None:
    name = brief.seed
    if name is None or "/" in name or "\\" in name:
        return None  # missing or not a file name: reported by the model
    if name in seeds:
        return seeds[name]
    pos = brief.loaded.pos(("seed",))
    try:
        # a link or a folder named like a seed is reported by corpus_files
        exists = name not in (".", "..") and os.path.lexists(root / "seeds" / name)
    except OSError:  # e.g. a name too long for the file system
        exists = False
    if exists:
        if name.endswith(SEED_SUFFIXES):
            return None  # exists but could not be read: that seed's own error says why
        problems.append(Diagnostic(brief.path, pos.line, pos.col, f"seed '{name}' is not a .txt file",
                                   "seeds are plain-text articles named <name>.txt"))
        return None
    hint = did_you_mean(name, seeds) or (
        "add the article to seeds/ first" + (f"; seeds: {', '.join(sorted(seeds)[:5])}" if seeds else "")
    )
    problems.append(Diagnostic(brief.path, pos.line, pos.col, f"seed '{name}' not found in seeds/", hint))
    return None


def _date_for(brief: ParsedBrief, seed: Seed, problems: list[Diagnostic]):
    if brief.doc is None:
        return None
    date, seed_date = brief.doc.date, seed.date
    if date is not None and seed_date is not None and date != seed_date:
        pos = brief.loaded.pos(("date",))
        problems.append(Diagnostic(brief.path, pos.line, pos.col,
                                   f"date {date.isoformat()} differs from the seed's date header {seed_date.isoformat()}",
                                   "remove 'date' to use the seed's, or correct one of them"))
        return None
    if date is None and seed_date is None:
        pos = brief.loaded.pos(())
        problems.append(Diagnostic(brief.path, pos.line, pos.col,
                                   f"missing required key 'date' (seed {seed.name} has no date header)",
                                   "add date: YYYY-MM-DD"))
        return None
    return date or seed_date


def _anchor(brief: ParsedBrief, seed: Seed, at: tuple[str | int, ...], owner: str, kind: str,
            quote: str, occurrence: int | None, problems: list[Diagnostic],
            cache: FileCache | _NoCache = _NO_CACHE) -> Anchor | None:
    result = cache.derived(("seed", seed.name), seed, ("quote", quote, occurrence),
                           lambda: find_quote(seed, quote, occurrence))
    if isinstance(result, Anchor):
        return result
    what = "evidence quote" if "evidence" in at else "quote"
    problems.append(quote_problem(brief.path, brief.loaded.pos(at + ("quote",)), f"{kind} '{owner}': {what}",
                                  seed.name, result, quote, occurrence, brief.loaded.pos(at + ("occurrence",))))
    return None
