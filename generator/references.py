"""Ids and references across the corpus: register every declaration, then resolve
every reference (with closest-id suggestions), and catch membership loops."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from .diagnostics import Diagnostic
from .graph import shortest_cycle_through, strongly_connected
from .load import LoadedYAML, Pos
from .messages import did_you_mean
from .model import Actor, BriefFile, Claim, Implication


@dataclass(frozen=True)
class ParsedBrief:
    """A brief file as far as it validated: items are checked one by one, so one
    bad claim does not hide the reference and quote problems of the others."""

    id: str
    loaded: LoadedYAML
    doc: BriefFile | None  # None when a top-level field is wrong
    actors: tuple[tuple[int, Actor | str], ...]
    claims: tuple[tuple[int, Claim], ...]
    implications: tuple[tuple[int, Implication], ...]
    seed: str | None

    @property
    def path(self) -> str:
        return self.loaded.path


@dataclass(frozen=True)
class Place:
    path: str
    pos: Pos
    brief: str | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.pos.line}:{self.pos.col}"


class Registry:
    """Every declared id, by kind, with where it was declared; duplicates are reported."""

    def __init__(self, problems: list[Diagnostic], raw_ids: dict[str, set[str]]):
        self.problems = problems
        self.raw_ids = raw_ids
        self.entries: dict[str, dict[str, tuple[Any, Place]]] = {"actor": {}, "claim": {}, "implication": {}}

    def add(self, kind: str, id_: str, record: Any, place: Place) -> None:
        existing = self.entries[kind].get(id_)
        if existing is not None:
            self.problems.append(
                Diagnostic(place.path, place.pos.line, place.pos.col,
                           f"{kind} '{id_}' is already declared at {existing[1]}",
                           f"ids are unique across the corpus; {_redeclare_hint(kind)}")
            )
            return
        self.entries[kind][id_] = (record, place)

    def known(self, kind: str, id_: str) -> bool:
        return id_ in self.entries[kind] or id_ in self.raw_ids[kind]


def _redeclare_hint(kind: str) -> str:
    if kind == "actor":
        return "declare an actor once and refer to it by its id elsewhere"
    return f"choose another id for this {kind}"


class References:
    """Checks that every reference in a file names a declared id."""

    def __init__(self, registry: Registry, problems: list[Diagnostic]):
        self.registry = registry
        self.problems = problems

    def check_actor(self, actor: Actor, loaded: LoadedYAML, at: tuple[str | int, ...]) -> None:
        label = f"actor '{actor.id}'"
        self._resolve(loaded, at + ("member_of",), actor.member_of, "actor", label, self_id=actor.id)

    def check_brief(self, brief: ParsedBrief) -> None:
        loaded = brief.loaded
        for i, entry in brief.actors:
            if isinstance(entry, Actor):
                self.check_actor(entry, loaded, ("actors", i))
            else:
                self._resolve_one(loaded, ("actors", i), entry, "actor", f"brief '{brief.id}'", "actors")
        for i, claim in brief.claims:
            at, label = ("claims", i), f"claim '{claim.id}'"
            self._resolve(loaded, at + ("by",), claim.by, "actor", label)
            self._resolve(loaded, at + ("about",), claim.about, "actor", label)
            self._resolve(loaded, at + ("supports",), claim.supports, "claim", label, self_id=claim.id)
            self._resolve(loaded, at + ("contradicts",), claim.contradicts, "claim", label, self_id=claim.id)
            for j, other in enumerate(claim.contradicts):
                if other in claim.supports:
                    pos = loaded.pos(at + ("contradicts", j))
                    self.problems.append(Diagnostic(loaded.path, pos.line, pos.col,
                                                    f"{label}: both supports and contradicts '{other}'",
                                                    "keep one of the two"))
        for i, imp in brief.implications:
            at, label = ("implications", i), f"implication '{imp.id}'"
            self._resolve(loaded, at + ("because",), imp.because, "claim", label)
            self._resolve(loaded, at + ("affects",), imp.affects, "actor", label)

    def _resolve(self, loaded: LoadedYAML, at: tuple[str | int, ...], ids: Iterable[str], kind: str,
                 label: str, self_id: str | None = None) -> None:
        for j, ref in enumerate(ids):
            if ref == self_id:
                pos = loaded.pos(at + (j,))
                self.problems.append(Diagnostic(loaded.path, pos.line, pos.col,
                                                f"{label} refers to itself in '{at[-1]}'", ""))
                continue
            self._resolve_one(loaded, at + (j,), ref, kind, label, str(at[-1]))

    def _resolve_one(self, loaded: LoadedYAML, at: tuple[str | int, ...], ref: str, kind: str,
                     label: str, field: str) -> None:
        if self.registry.known(kind, ref):
            return
        pos = loaded.pos(at)
        choices = self.registry.entries[kind].keys() | self.registry.raw_ids[kind]
        hint = did_you_mean(ref, choices) or _declare_hint(kind)
        self.problems.append(Diagnostic(loaded.path, pos.line, pos.col,
                                        f"{label}: unknown {kind} '{ref}' in '{field}'", hint))


def check_membership_loops(registry: Registry, problems: list[Diagnostic]) -> None:
    """'a' member of 'b' member of 'a' is a mistake; report each loop once.

    A loop is a strongly connected group of actors in the member_of graph (found
    in time linear in actors + member_of entries, whatever their shape). Each is
    reported once, at its alphabetically first actor, with the shortest way
    round from that actor. 'Member of itself' is reported as a self-reference.
    """
    actors = registry.entries["actor"]
    graph = {actor_id: list(dict.fromkeys(g for g in record.member_of if g != actor_id))
             for actor_id, (record, _) in actors.items()}
    for component in strongly_connected(graph):
        if len(component) < 2:
            continue
        start = min(component)
        loop = shortest_cycle_through(graph, start, set(component))
        assert loop is not None  # every member of a component reaches every other
        place = actors[start][1]
        problems.append(Diagnostic(place.path, place.pos.line, place.pos.col,
                                   f"actor '{start}': member_of goes round in a loop: " + " \u2192 ".join(loop),
                                   "an actor cannot be, even indirectly, a member of itself"))


def _declare_hint(kind: str) -> str:
    if kind == "actor":
        return "declare it in the brief's 'actors' list or in briefs/_actors.yml"
    return f"no {kind} has this id; check the spelling"
