"""``briefs new``: scaffold a brief for a seed, with candidate actors found in its text."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .corpus import Corpus
from .corpus_files import SEED_SUFFIX, name_problem
from .render import yaml_string
from .seeds import Seed

_TOKEN = re.compile(r"[^\W\d_][\w\u2019'\-]*|[,.;:!?()\"\u201c\u201d]")
_PARTICLE_NAME = re.compile(r"^(?:al|el|ad|ash|as|at|az|bin|ibn|abu|bint)-[^\W\d_]", re.IGNORECASE)
_CONNECTORS = {"bin", "ibn", "bint", "abu", "de", "da", "del", "van", "von", "der", "al", "el", "of"}
_TITLES = {
    "President", "Prime", "Minister", "Ambassador", "Secretary", "General", "King", "Queen", "Prince",
    "Sheikh", "Dr", "Mr", "Mrs", "Ms", "Senator", "Governor", "Chancellor", "Foreign", "Defense",
    "Defence", "Deputy", "Vice", "Chief", "Commander", "Speaker", "Mayor", "Senior",
}
# Capitalised words that start sentences or headings but name nobody.
_NOT_NAMES = {
    "A", "An", "The", "This", "These", "That", "Those", "As", "At", "In", "On", "Of", "For", "From", "With",
    "Despite", "Speaking", "Reassessing", "Strategic", "Implications", "It", "Its", "He", "She", "They",
    "We", "But", "And", "Or", "If", "When", "While", "After", "Before", "During", "According", "However",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
}


@dataclass(frozen=True)
class Candidate:
    name: str
    count: int
    actor_id: str | None  # an actor already declared under this name or alias


def candidate_actors(seed: Seed, corpus: Corpus | None = None, limit: int = 25) -> list[Candidate]:
    """Runs of capitalised words (proper names) in the seed, most frequent first."""
    counts: Counter[str] = Counter()
    for block in seed.blocks:
        if block.kind == "heading":
            continue  # headings are in title case: every word looks like a name
        run: list[str] = []
        for token in [*_tokens(block.text), "."]:
            word = re.sub(r"(?:'s|\u2019s)$", "", token)
            is_name = word[:1].isupper() or bool(_PARTICLE_NAME.match(word))
            if is_name or (run and word in _CONNECTORS):
                run.append(word)
                if word != token:  # a possessive ends the name
                    _flush(run, counts)
                continue
            _flush(run, counts)
    known = _known_names(corpus)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [Candidate(name, count, known.get(name)) for name, count in ranked]


def _tokens(text: str) -> list[str]:
    """Words and punctuation; 'US-Iraq' is two names, 'US-led' is 'US'."""
    out: list[str] = []
    for token in _TOKEN.findall(text):
        if "-" in token and not _PARTICLE_NAME.match(token):
            parts = token.split("-")
            if parts[0][:1].isupper():
                kept = [p for p in parts if p[:1].isupper()]
                for i, part in enumerate(kept):
                    out.append(part)
                    if i < len(kept) - 1:
                        out.append(",")  # two names, not one
                continue
        out.append(token)
    return out


def _flush(run: list[str], counts: Counter[str]) -> None:
    while run and run[-1] in _CONNECTORS:
        run.pop()
    parts: list[list[str]] = [[]]
    for word in run:  # titles split a run: "US President Joe Biden" -> "US", "Joe Biden"
        if word in _TITLES:
            parts.append([])
        else:
            parts[-1].append(word)
    for part in parts:
        while part and part[0] in _CONNECTORS | _NOT_NAMES:
            part.pop(0)
        if part:
            counts[" ".join(part)] += 1
    run.clear()


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


def render_scaffold(seed: Seed, candidates: list[Candidate]) -> str:
    known: dict[str, list[Candidate]] = {}
    for c in candidates:
        if c.actor_id:
            known.setdefault(c.actor_id, []).append(c)
    unknown = [c for c in candidates if not c.actor_id]
    return _ENV.get_template("new_brief.yml.j2").render(seed=seed, known=known, unknown=unknown)


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
