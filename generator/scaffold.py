"""``briefs new``: scaffold a brief for a seed, with candidate actors found in its text."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from anyascii import anyascii

from .corpus import Corpus
from .corpus_files import SEED_SUFFIX, name_problem
from .names import find_names, people
from .render import yaml_string
from .seeds import Seed

CANDIDATES_SHOWN = 100  # names listed in the scaffold's comments; then "... and N more"
STUBS = 5  # declarations written for the most-mentioned people


@dataclass(frozen=True)
class Candidate:
    name: str
    count: int
    actor_id: str | None  # an actor already declared under this name or alias


@dataclass(frozen=True)
class Stub:
    """A person's declaration for the scaffold, to check and complete."""

    id: str
    name: str
    count: int
    aliases: tuple[str, ...]


def candidate_actors(seed: Seed, corpus: Corpus | None = None) -> list[Candidate]:
    """Every name the seed's paragraphs mention (headings are in title case), most frequent first."""
    known = _known_names(corpus)
    return [Candidate(n.text, n.count, known.get(n.text)) for n in find_names(_paragraphs(seed))]


def person_stubs(seed: Seed, corpus: Corpus | None = None, limit: int = STUBS) -> list[Stub]:
    """Declarations for the most-mentioned people not declared yet, short mentions as aliases."""
    known = _known_names(corpus)
    taken = set(corpus.actors) if corpus is not None else set()
    stubs: list[Stub] = []
    for person in people(find_names(_paragraphs(seed))):
        actor_id = slugify(anyascii(person.text))
        if person.text in known or any(a in known for a in person.aliases) or actor_id in taken:
            continue
        taken.add(actor_id)
        stubs.append(Stub(actor_id, person.text, person.count, tuple(person.aliases)))
        if len(stubs) == limit:
            break
    return stubs


def _paragraphs(seed: Seed) -> list[str]:
    return [block.text for block in seed.blocks if block.kind != "heading"]


def _known_names(corpus: Corpus | None) -> dict[str, str]:
    known: dict[str, str] = {}
    if corpus is not None:
        for actor_id, record in corpus.actors.items():
            for name in (record.actor.name, *record.actor.aliases):
                known.setdefault(name, actor_id)
    return known


def slugify(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:80].strip("-") or "brief"


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=False,  # YAML output: every value from a file is passed through the yaml_string filter
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENV.filters["yaml_string"] = yaml_string  # a YAML double-quoted scalar: any text reads back as written


def render_scaffold(seed: Seed, candidates: list[Candidate], stubs: list[Stub] | None = None) -> str:
    known: dict[str, list[Candidate]] = {}
    for c in candidates:
        if c.actor_id:
            known.setdefault(c.actor_id, []).append(c)
    stubs = stubs or []
    stubbed = {name for stub in stubs for name in (stub.name, *stub.aliases)}
    unknown = [c for c in candidates if not c.actor_id and c.name not in stubbed]
    return _ENV.get_template("new_brief.yml.j2").render(
        seed=seed, known=known, unknown=unknown[:CANDIDATES_SHOWN], more=max(0, len(unknown) - CANDIDATES_SHOWN),
        stubs=stubs)


def seed_for_new(root: Path, given: str) -> tuple[Path | None, str]:
    """The seed file ``given`` names: a file in seeds/, or a text file to copy there.

    Returns (path in seeds/, message); path is None when it cannot be used. Never
    writes through a link, and never overwrites.
    """
    seeds = root / "seeds"
    name = Path(given).name
    if seeds.is_symlink():
        return None, "seeds/ is a symbolic link; make it a plain folder"
    problem = name_problem(name)
    if problem:
        shown = os.fsencode(name).decode("utf-8", "backslashreplace")  # printable even when not UTF-8
        return None, f"'{shown}' cannot be a seed's name: {problem[0]}; {problem[1]}"
    if not name.endswith(SEED_SUFFIX):
        return None, f"seeds are plain-text files named <name>{SEED_SUFFIX}; rename {given} to end in {SEED_SUFFIX}"
    in_seeds = seeds / name
    if in_seeds.is_symlink():
        return None, f"seeds/{name} is a symbolic link; replace it with the file itself"
    source = Path(given)
    if source.is_symlink() and not source.exists():
        return None, f"{given} is a symbolic link to a file that does not exist ({os.readlink(source)})"
    if source.is_file() and source.resolve().parent != seeds.resolve():
        try:
            text = source.read_bytes()
        except OSError as exc:
            return None, f"cannot read {given}: {exc.strerror or exc}"
        if os.path.lexists(in_seeds):
            if not in_seeds.is_file() or in_seeds.read_bytes() != text:
                return None, f"seeds/{name} already exists with other content; rename the file"
            return in_seeds, f"seeds/{name} already holds this article"
        seeds.mkdir(exist_ok=True)
        with open(in_seeds, "xb") as out:  # "x": never overwrite, never follow a link
            out.write(text)
        return in_seeds, f"copied {given} to seeds/{name}"
    if in_seeds.is_file():
        return in_seeds, ""
    return None, f"no seed '{given}': give a file name in seeds/ or the path of a text file"


def brief_target(root: Path, brief_id: str) -> tuple[Path | None, str]:
    """Where ``briefs new`` writes the scaffold, or (None, why it cannot)."""
    folder = root / "briefs"
    if folder.is_symlink():
        return None, "briefs/ is a symbolic link; make it a plain folder"
    target = folder / f"{brief_id}.yml"
    if target.is_symlink():
        return None, f"briefs/{target.name} is a symbolic link; remove it (use --id for another name)"
    if os.path.lexists(target):
        return None, f"briefs/{target.name} already exists; it was left as it is (use --id for another name)"
    return target, ""
