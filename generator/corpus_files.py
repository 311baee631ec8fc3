"""Which files under ``briefs/`` and ``seeds/`` are read, and what is wrong with the rest.

Nothing that looks meant to be read is skipped silently: a link (dangling, or a
``_notes.yml`` that is never read, or one in a sub-folder, included), a ``.YML``/``.yaml`` file, a folder
named like a brief or a seed, a name that is not UTF-8, and a name that Windows
or macOS cannot check out (``aux.txt``, ``a:b.txt``, a trailing dot, ``Report.txt``
beside ``report.txt``) are each reported at ``file:1:1`` with the fix. Other
files (``README.md``) and sub-folders are ignored, as the guide says.

Only folder listings are read here (``os.scandir``, links never followed); the
files themselves are read by ``load.read_text``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic
from .model import RESERVED_IDS

ACTORS_FILE = "_actors.yml"
BRIEF_SUFFIX, SEED_SUFFIX = ".yml", ".txt"
_YAML_SUFFIXES = (".yml", ".yaml")
# What Windows refuses in a file name (macOS shows ':' as '/'), and control characters.
_NOT_PORTABLE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
LINK = ("symbolic links are not allowed in a corpus", "commit the file itself, not a link to it")


@dataclass(frozen=True)
class CorpusFiles:
    seeds: tuple[Path, ...]  # seeds/*.txt, sorted by name
    briefs: tuple[Path, ...]  # briefs/<id>.yml, sorted by name (ids checked by validate.py)
    actors: Path | None  # briefs/_actors.yml
    problems: tuple[Diagnostic, ...]


def discover(root: Path) -> CorpusFiles:
    problems: list[Diagnostic] = []
    seeds = [path for path, name in _entries(root, "seeds", problems) if _is_seed(path, name, problems)]
    briefs: list[Path] = []
    actors = None
    for path, name in _entries(root, "briefs", problems):
        kind = _brief_kind(path, name, problems)
        if kind == "actors":
            actors = path
        elif kind == "brief":
            briefs.append(path)
    return CorpusFiles(tuple(seeds), tuple(briefs), actors, tuple(problems))


def name_problem(name: str) -> tuple[str, str] | None:
    """Why a file named ``name`` cannot be checked out everywhere (message, hint), or None."""
    if not _is_utf8(name):
        return "file name is not valid UTF-8", "rename the file; save names in UTF-8 (git mv OLD NEW)"
    bad = _NOT_PORTABLE.search(name)
    if bad:
        char = bad.group()
        shown = char if char.isprintable() else f"U+{ord(char):04X}"
        suggestion = _NOT_PORTABLE.sub("-", name)
        return (f"file name '{name}' contains '{shown}', which Windows does not allow in file names"
                + (" (macOS shows it as '/')" if char == ":" else ""),
                f"rename it, e.g. '{suggestion}'")
    if name.endswith((".", " ")):
        return (f"file name '{name}' ends with a {'dot' if name.endswith('.') else 'space'}, which Windows drops",
                f"rename it, e.g. '{name.rstrip('. ')}'")
    device = name.split(".")[0].rstrip(" ").lower()
    if device in RESERVED_IDS:
        return (f"file name '{name}' is the Windows device name '{device}', which cannot be a file there",
                f"rename it, e.g. '{device}-1{name[len(device):]}'")
    return None


# -- internals ------------------------------------------------------------------------


def _entries(root: Path, folder: str, problems: list[Diagnostic]) -> list[tuple[Path, str]]:
    """The entries of ``root/folder`` that are not links and have portable names."""
    base = root / folder
    if base.is_symlink():
        problems.append(Diagnostic(folder, 1, 1, *LINK))
        return []
    if not base.exists():
        return []
    if not base.is_dir():
        problems.append(Diagnostic(folder, 1, 1, f"{folder} is a file, not a folder",
                                   f"move it away; {folder}/ holds the corpus's files"))
        return []
    try:
        with os.scandir(base) as scan:
            entries = sorted((entry.name, entry.is_symlink()) for entry in scan)
    except OSError as exc:
        problems.append(Diagnostic(folder, 1, 1, f"cannot read folder: {exc.strerror}",
                                   "make it readable by the user running briefs"))
        return []
    kept = []
    twins: dict[str, str] = {}
    for name, is_link in entries:
        rel = f"{folder}/{name}"
        if is_link:
            problems.append(Diagnostic(rel, 1, 1, *LINK))
            continue
        problem = None if _is_brief_name(folder, name) else name_problem(name)
        if problem:
            problems.append(Diagnostic(rel, 1, 1, *problem))
            if not _is_utf8(name):
                continue
        key = unicodedata.normalize("NFC", name).casefold()
        if key in twins:
            first = twins[key]
            how = ("only in how its accents are encoded" if unicodedata.normalize("NFC", name)
                   == unicodedata.normalize("NFC", first) else "only in letter case")
            problems.append(Diagnostic(rel, 1, 1, f"file name differs from {folder}/{first} {how}; "
                                       "Windows and macOS keep only one of the two",
                                       "rename or remove one of them"))
        twins.setdefault(key, name)
        kept.append((base / name, name))
        if (base / name).is_dir():
            _links_inside(base / name, rel, problems)
    return kept


def _links_inside(folder: Path, rel: str, problems: list[Diagnostic]) -> None:
    """Sub-folders are not read, but a link in one is reported all the same."""
    for dirpath, dirnames, filenames in os.walk(folder):  # never follows a link
        for name in sorted(dirnames + filenames):
            path = os.path.join(dirpath, name)
            if os.path.islink(path):
                problems.append(Diagnostic(f"{rel}/{Path(path).relative_to(folder).as_posix()}", 1, 1, *LINK))


def _is_brief_name(folder: str, name: str) -> bool:
    """Brief files are named by their id, checked (more strictly) by validate.py."""
    return folder == "briefs" and name.endswith(BRIEF_SUFFIX) and not name.startswith("_")


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes, kept by Python as lone surrogates
        return False
    return True


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1]


def _not_a_file(path: Path, rel: str, what: str, problems: list[Diagnostic]) -> bool:
    """Report ``path`` when it is a folder or a special file where a file is expected."""
    if path.is_dir():
        problems.append(Diagnostic(rel, 1, 1, f"{rel} is a folder, not a {what} file",
                                   "rename the folder, or move its files up into the folder above"))
        return True
    if not path.is_file():
        problems.append(Diagnostic(rel, 1, 1, f"{rel} is not a regular file",
                                   f"replace it with a plain {what} file"))
        return True
    return False


def _is_seed(path: Path, name: str, problems: list[Diagnostic]) -> bool:
    suffix = _suffix(name)
    if suffix.lower() != SEED_SUFFIX:
        return False
    rel = f"seeds/{name}"
    if _not_a_file(path, rel, "text", problems):
        return False
    if suffix != SEED_SUFFIX:
        problems.append(Diagnostic(rel, 1, 1, "seed files end in '.txt' (lowercase)",
                                   f"rename it to {name[:-len(suffix)]}{SEED_SUFFIX}"))
        return False
    return True


def _brief_kind(path: Path, name: str, problems: list[Diagnostic]) -> str | None:
    """'brief', 'actors' or None (not read: reported, or ignored as the guide says)."""
    suffix = _suffix(name)
    if suffix.lower() not in _YAML_SUFFIXES:
        return None
    stem = name[:-len(suffix)]
    if stem.startswith("_") and stem != ACTORS_FILE[:-len(BRIEF_SUFFIX)]:
        return None  # '_notes.yml', '_draft.yaml': not briefs, never read (a link is reported above)
    rel = f"briefs/{name}"
    if _not_a_file(path, rel, "YAML", problems):
        return None
    if suffix != BRIEF_SUFFIX:
        problems.append(Diagnostic(rel, 1, 1, "brief files end in '.yml'", f"rename it to {stem}{BRIEF_SUFFIX}"))
        return None
    return "actors" if name == ACTORS_FILE else "brief"
