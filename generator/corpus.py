"""The validated corpus: what the site is rendered from.

Every record knows where it was written (``path``, ``line``) so that pages can
link to the YAML that defines them and later stages can still report precisely.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from .anchor import Anchor
from .diagnostics import Diagnostic
from .model import Actor, BriefFile, Claim, Implication
from .seeds import Seed


@dataclass(frozen=True)
class ActorRecord:
    actor: Actor
    path: str  # the file that declares it
    line: int
    brief: str | None  # the brief that declares it, None for briefs/_actors.yml

    @property
    def id(self) -> str:
        return self.actor.id


@dataclass(frozen=True)
class ClaimRecord:
    claim: Claim
    brief: str
    path: str
    line: int
    anchor: Anchor
    evidence_anchors: tuple[Anchor | None, ...]  # one per evidence item; None for URLs

    @property
    def id(self) -> str:
        return self.claim.id


@dataclass(frozen=True)
class ImplicationRecord:
    implication: Implication
    brief: str
    path: str
    line: int
    anchor: Anchor | None

    @property
    def id(self) -> str:
        return self.implication.id


@dataclass(frozen=True)
class BriefRecord:
    id: str
    path: str
    doc: BriefFile
    seed: Seed
    date: dt.date

    @property
    def title(self) -> str:
        return self.doc.title


@dataclass(frozen=True)
class Corpus:
    briefs: tuple[BriefRecord, ...]  # sorted by id
    actors: Mapping[str, ActorRecord]
    claims: Mapping[str, ClaimRecord]
    implications: Mapping[str, ImplicationRecord]
    seeds: Mapping[str, Seed]
    warnings: tuple[Diagnostic, ...] = ()  # advice for contributors (severity "warning"); never blocks a build

    def __post_init__(self) -> None:
        for name in ("actors", "claims", "implications", "seeds"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
