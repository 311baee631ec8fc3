"""``briefs check --changed``: report the problems a change brings, not the whole backlog.

The whole corpus is checked (a change can break a file it did not touch), then
problems are kept when they are in a changed file, or when they are new in an
unchanged file compared with the base (e.g. a removed id still referenced).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .diagnostics import Diagnostic
from .validate import check_corpus


class GitError(Exception):
    pass


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if done.returncode != 0:
        raise GitError(done.stderr.strip() or f"git {' '.join(args)} failed")
    return done.stdout


def resolve_base(root: Path, base: str | None) -> str:
    """The commit to compare with: ``base``, or the merge base of HEAD with main (or master)."""
    if base:
        return _git(root, "rev-parse", "--verify", f"{base}^{{commit}}").strip()
    for branch in ("main", "origin/main", "master", "origin/master"):
        try:
            return _git(root, "merge-base", "HEAD", branch).strip()
        except GitError:
            continue
    raise GitError("no base given and no 'main' branch to compare with; name one: --changed BASE")


def changed_paths(root: Path, base: str) -> set[str]:
    """Corpus-relative paths changed since ``base`` (committed, staged, unstaged, untracked)."""
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip())
    prefix = root.resolve().relative_to(top.resolve()).as_posix()
    listed = _git(root, "diff", "--name-only", "--no-renames", base, "--", ".")
    listed += _git(root, "ls-files", "--others", "--exclude-standard", "--full-name", "--", ".")
    paths = set()
    for line in listed.splitlines():
        if not line:
            continue
        rel = line if prefix == "." else line.removeprefix(prefix + "/")
        paths.add(rel)
    return paths


def problems_at_base(root: Path, base: str) -> list[Diagnostic]:
    """Check the corpus as it was at ``base`` (its briefs/ and seeds/ only)."""
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip())
    prefix = root.resolve().relative_to(top.resolve()).as_posix()
    with tempfile.TemporaryDirectory() as tmp:
        for folder in ("briefs", "seeds"):
            spec = folder if prefix == "." else f"{prefix}/{folder}"
            try:
                data = subprocess.run(["git", "archive", "--format=tar", base, spec], cwd=root,
                                      capture_output=True, check=True).stdout
            except subprocess.CalledProcessError:
                continue  # the folder did not exist at base
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                if hasattr(tarfile, "data_filter"):  # Python >= 3.11.4: refuse links and odd paths
                    tar.extractall(tmp, filter="data")
                else:  # pragma: no cover - older 3.11 patch releases
                    tar.extractall(tmp, members=[m for m in tar.getmembers() if m.isfile() or m.isdir()])
        base_root = Path(tmp) if prefix == "." else Path(tmp) / prefix
        _, problems = check_corpus(base_root)
        return problems


def check_changed(root: Path, base: str | None) -> list[Diagnostic]:
    commit = resolve_base(root, base)
    changed = changed_paths(root, commit)
    corpus, problems = check_corpus(root)
    if not problems:  # only advice is left: the changed files' warnings
        return [w for w in corpus.warnings if w.path in changed] if corpus is not None else []
    before = {(d.path, d.message) for d in problems_at_base(root, commit)}
    return [d for d in problems if d.path in changed or (d.path, d.message) not in before]
