"""``briefs check --changed``: report the problems a change brings, not the whole backlog.

The whole corpus is checked (a change can break a file it did not touch), then
problems are kept when they are in a changed file, or when they are new in an
unchanged file compared with the base (e.g. a removed id still referenced).

Git is read with ``-z`` (NUL-separated, never quoted), so file names with
accents or bytes that are not UTF-8 match the paths the checker reports. The
base tree is rebuilt from its blobs: a symbolic link in it is never written out
(so it is never followed, and the link still in the working tree is always
reported), nor is a path that would leave the temporary folder.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from .diagnostics import Diagnostic
from .validate import check_corpus

_FOLDERS = ("briefs", "seeds")
_BLOB_MODES = {b"100644", b"100755"}


class GitError(Exception):
    pass


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, input=stdin,
                              capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if done.returncode != 0:
        raise GitError(os.fsdecode(done.stderr).strip() or f"git {' '.join(args)} failed")
    return done.stdout


def _names(output: bytes) -> list[str]:
    """NUL-separated paths as the file system would name them (undecodable bytes kept)."""
    return [os.fsdecode(name) for name in output.split(b"\0") if name]


def _prefix(root: Path) -> str:
    """``root`` relative to the top of its git work tree ('' at the top)."""
    top = Path(os.fsdecode(_git(root, "rev-parse", "--show-toplevel")).strip())
    rel = root.resolve().relative_to(top.resolve()).as_posix()
    return "" if rel == "." else rel + "/"


def resolve_base(root: Path, base: str | None) -> str:
    """The commit to compare with: ``base``, or the merge base of HEAD with main (or master)."""
    if base:
        return os.fsdecode(_git(root, "rev-parse", "--verify", f"{base}^{{commit}}")).strip()
    for branch in ("main", "origin/main", "master", "origin/master"):
        try:
            return os.fsdecode(_git(root, "merge-base", "HEAD", branch)).strip()
        except GitError:
            continue
    raise GitError("no base given and no 'main' branch to compare with; name one: --changed BASE")


def changed_paths(root: Path, base: str) -> set[str]:
    """Corpus-relative paths changed since ``base`` (committed, staged, unstaged, untracked)."""
    prefix = _prefix(root)
    listed = _names(_git(root, "diff", "-z", "--name-only", "--no-renames", base, "--", "."))
    listed += _names(_git(root, "ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", "."))
    return {path.removeprefix(prefix) for path in listed}


def problems_at_base(root: Path, base: str) -> list[Diagnostic]:
    """Check the corpus as it was at ``base`` (its briefs/ and seeds/ only)."""
    prefix = _prefix(root)
    listing = _git(root, "ls-tree", "-r", "-z", "--full-tree", base, "--", *(prefix + f for f in _FOLDERS))
    blobs: list[tuple[str, str]] = []  # (object id, corpus-relative path)
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, _, oid = meta.split(b" ")
        rel = os.fsdecode(raw_path).removeprefix(prefix)
        if mode in _BLOB_MODES and _inside(rel):
            blobs.append((oid.decode("ascii"), rel))
        # 120000 (a link) and 160000 (a submodule) are not content: never written out
    with tempfile.TemporaryDirectory() as tmp:
        _write_blobs(root, blobs, Path(tmp))
        for folder in _FOLDERS:
            Path(tmp, folder).mkdir(exist_ok=True)
        _, problems = check_corpus(Path(tmp))
        return problems


def _inside(rel: str) -> bool:
    """A path under briefs/ or seeds/ that cannot leave the folder it is written to."""
    parts = rel.split("/")
    return parts[0] in _FOLDERS and len(parts) > 1 and all(p not in ("", ".", "..") for p in parts)


def _write_blobs(root: Path, blobs: list[tuple[str, str]], folder: Path) -> None:
    """Write each blob under ``folder``, streamed from one ``git cat-file --batch``."""
    if not blobs:
        return
    with tempfile.TemporaryFile() as ids, tempfile.TemporaryFile() as errors:
        ids.write("".join(f"{oid}\n" for oid, _ in blobs).encode("ascii"))
        ids.seek(0)
        with subprocess.Popen(["git", "cat-file", "--batch"], cwd=root, stdin=ids,
                              stdout=subprocess.PIPE, stderr=errors) as git:
            assert git.stdout is not None
            for oid, rel in blobs:
                header = git.stdout.readline().split()
                if len(header) != 3 or header[0].decode("ascii", "replace") != oid or header[1] != b"blob":
                    git.kill()
                    errors.seek(0)
                    raise GitError(f"git cat-file could not read {rel}: "
                                   f"{os.fsdecode(errors.read()).strip() or header}")
                _write_one(git.stdout, int(header[2]), folder / rel)
                git.stdout.read(1)  # the newline after each content


def _write_one(stream, size: int, dest: Path) -> None:
    """Copy ``size`` bytes of ``stream`` to ``dest`` (a new file); a name this file
    system refuses (or a case twin it merges) is skipped: the working tree's check
    reports that file's name anyway."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        out = open(dest, "xb")
    except OSError:
        out = None
    with out or open(os.devnull, "wb") as sink:
        while size:
            chunk = stream.read(min(size, 1 << 20))
            if not chunk:
                raise GitError(f"git cat-file stopped early in {dest.name}")
            sink.write(chunk)
            size -= len(chunk)


def check_changed(root: Path, base: str | None) -> list[Diagnostic]:
    commit = resolve_base(root, base)
    changed = changed_paths(root, commit)
    corpus, problems = check_corpus(root)
    if not problems:  # only advice is left: the changed files' warnings
        return [w for w in corpus.warnings if w.path in changed] if corpus is not None else []
    before = {(d.path, d.message) for d in problems_at_base(root, commit)}
    return [d for d in problems if d.path in changed or (d.path, d.message) not in before]
