"""Output folders: where ``briefs build`` and ``briefs generate`` may write, and how a
folder is replaced as a whole without ever losing one the tool did not make.

Three rules:

- **Never the sources.** An output folder is never the corpus folder or one that
  contains it, and never inside ``briefs/``, ``seeds/``, ``docs/``, ``overrides/``,
  ``schema/``, ``generator/`` or ``.git`` (real paths compared, links resolved):
  ``output_problem``.
- **Only our own folders are replaced.** Every folder the tool writes carries
  ``MARKER``. An existing folder is replaced only when it carries it, is empty, or
  is a site MkDocs built (the ``site/`` of a user who built before the marker
  existed, or of a plain ``mkdocs build``); anything else is refused.
- **The swap is recoverable.** The new folder is built in ``.<name>.new-<pid>-<x>``
  (marked as soon as it is made); the previous one is moved to
  ``.<name>.old-<pid>-<x>``, then the new one into place, with SIGINT and SIGTERM
  held back between the two renames; the previous one is then renamed
  ``.<name>.del-<pid>-<x>`` and removed. A run killed outright (SIGKILL, power loss)
  leaves those folders behind: the next run puts a previous folder left aside back
  when the target is missing, and removes the rest, but only folders that carry the
  marker and whose process is gone. SIGTERM is handled like Ctrl-C (SIGINT):
  the same cleanup runs.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import tempfile
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

MARKER = ".briefs-output"
MARKER_TEXT = (
    "This folder was written by briefs (`briefs build` or `briefs generate`).\n"
    "The next run replaces it as a whole: keep no files of your own in it.\n"
)
PROTECTED = ("briefs", "seeds", "docs", "overrides", "schema", "generator", ".git")
SUGGESTION = "choose a folder of its own, such as site/ or build/docs"


class UnsafeOutput(Exception):
    """The output folder cannot be used; nothing was written (a usage error, exit status 2)."""


def output_problem(target: Path, root: Path) -> str | None:
    """Why ``target`` must not be an output folder of the corpus at ``root``, or None."""
    real, corpus = target.resolve(), root.resolve()
    if real == corpus or real in corpus.parents:
        return f"it is, or contains, the corpus folder ({corpus}), and the output replaces its folder as a whole; {SUGGESTION}"
    for name in PROTECTED:
        folder = (root / name).resolve()
        if real == folder or folder in real.parents:
            return (f"it is, or is inside, the corpus's {name}/ folder, and the output replaces its folder "
                    f"as a whole; {SUGGESTION}")
    return None


def prepare(target: Path, root: Path) -> list[str]:
    """Before a long check or build: refuse an unsafe ``target`` (UnsafeOutput), and
    recover what an interrupted run left beside it (what was done, to tell the user)."""
    problem = output_problem(target, root)
    if problem:
        raise UnsafeOutput(problem)
    done = recover(target.absolute()) if target.absolute().parent.is_dir() else []
    _refuse_unless_replaceable(target.absolute())
    return done


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield an empty, marked folder beside ``target``; on success it replaces ``target``.

    On any exception (Ctrl-C and SIGTERM included) the temporary folder is
    removed and ``target`` is left exactly as it was. Raises UnsafeOutput, before
    anything is written, when ``target`` is a folder the tool did not make.
    """
    target = target.absolute()
    if not target.name:
        raise UnsafeOutput(f"{target} is the root of the file system; {SUGGESTION}")
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    _refuse_unless_replaceable(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-{os.getpid()}-", dir=target.parent))
    try:
        _mark(staging)
        with _sigterm_as_interrupt():
            yield staging
            _refuse_unless_replaceable(target)  # it may have been created meanwhile
            replaced: list[Path] = []
            try:
                _swap(staging, target, replaced)
            finally:  # also when a signal held back during the swap arrives right after it
                for old in replaced:
                    _discard(old, target)
    finally:
        if staging.exists():
            remove_ours(staging)


def is_ours(folder: Path) -> bool:
    """``folder`` carries the marker (a regular file, not a link)."""
    marker = folder / MARKER
    return marker.is_file() and not marker.is_symlink()


def remove_ours(folder: Path) -> None:
    """Remove a folder the tool made, the marker last: a removal cut short leaves a
    folder that is still recognised as ours (and removed by the next run). Best effort."""
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name == MARKER:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
        (folder / MARKER).unlink(missing_ok=True)
        folder.rmdir()
    except OSError:
        pass  # left for the next run, which removes it once this process is gone


def recover(target: Path) -> list[str]:
    """Put back a previous folder that a killed run left aside, and remove the staging
    and old folders of runs that are gone (only those that carry the marker, or are
    empty); return what was done."""
    done = []
    stale = _stale_siblings(target)
    aside = [path for kind, path in stale if kind == "old"]
    if aside and not os.path.lexists(target):
        newest = max(aside, key=lambda p: (p.stat().st_ctime_ns, p.name))
        os.replace(newest, target)
        stale = [(kind, path) for kind, path in stale if path != newest]
        done.append(f"put back {target.name}/, which an interrupted run had moved aside")
    for _, path in stale:
        remove_ours(path)
    if stale:
        done.append(f"removed {len(stale)} folder(s) that interrupted runs left beside {target.name}/")
    return done


# -- internals ------------------------------------------------------------------------


def _discard(old: Path, target: Path) -> None:
    """Remove the previous folder, first renamed so that a removal cut short is never
    mistaken for a whole previous folder to put back."""
    doomed = target.parent / f".{target.name}.del-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        os.replace(old, doomed)
    except OSError:
        doomed = old
    remove_ours(doomed)


def _sibling_pattern(target: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(target.name)}\.(new|old|del)-(\d+)-[a-z0-9_]+")


def _stale_siblings(target: Path) -> list[tuple[str, Path]]:
    pattern = _sibling_pattern(target)
    found = []
    try:
        with os.scandir(target.parent) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if (match and entry.is_dir(follow_symlinks=False) and not _alive(int(match.group(2)))
                and (is_ours(Path(entry.path)) or _is_empty(Path(entry.path)))):  # killed before marking
            found.append((match.group(1), Path(entry.path)))
    return found


def _alive(pid: int) -> bool:
    """Whether process ``pid`` may still be running (when unsure: yes, so nothing is removed)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True
    return True


def _is_empty(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except OSError:
        return False


def _built_by_mkdocs(folder: Path) -> bool:
    """A site MkDocs built (it always writes these), not a source tree."""
    return ((folder / "index.html").is_file() and (folder / "sitemap.xml.gz").is_file()
            and not os.path.lexists(folder / ".git"))


def _refuse_unless_replaceable(target: Path) -> None:
    if not os.path.lexists(target):
        return
    if target.is_symlink():
        raise UnsafeOutput(f"{target} is a symbolic link; give the folder itself, or {SUGGESTION}")
    if not target.is_dir():
        raise UnsafeOutput(f"{target} is a file, not a folder; {SUGGESTION}")
    try:
        os.scandir(target).close()
    except OSError as exc:
        raise UnsafeOutput(f"cannot read {target}: {exc.strerror}") from None
    if _is_empty(target) or is_ours(target) or _built_by_mkdocs(target):
        return
    raise UnsafeOutput(
        f"{target} already exists and was not written by briefs (it has no {MARKER} file), "
        f"so it is not replaced; move it away or delete it yourself, or {SUGGESTION}")


def _mark(folder: Path) -> None:
    with open(folder / MARKER, "x", encoding="utf-8", newline="\n") as out:
        out.write(MARKER_TEXT)


def _swap(staging: Path, target: Path, replaced: list[Path]) -> None:
    """Move ``target`` aside and ``staging`` into its place; once both renames are done,
    add where ``target`` went to ``replaced``."""
    with _signals_held():
        old = adopted = None
        if os.path.lexists(target):
            if not is_ours(target):  # empty, or built by MkDocs before the marker existed
                _mark(target)
                adopted = target / MARKER
            old = target.parent / f".{target.name}.old-{os.getpid()}-{uuid.uuid4().hex[:8]}"
            try:
                os.replace(target, old)
            except BaseException:
                if adopted:
                    adopted.unlink(missing_ok=True)
                raise
        try:
            os.replace(staging, target)
        except BaseException:
            if old is not None:
                os.replace(old, target)  # put the previous folder back
                if adopted:
                    (target / MARKER).unlink(missing_ok=True)
            raise
        if old is not None:
            replaced.append(old)


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (they arrive when this ends), so that no Ctrl-C
    can fall between the two renames of a swap.

    The signals are recorded by a handler of our own and raised again afterwards,
    rather than blocked with ``pthread_sigmask``: a mask holds only this thread,
    and a library's worker threads (OpenBLAS under numpy, say) would take the
    signal instead, so that Python would run the handler in the middle of the swap.
    """
    if not _in_main_thread():
        yield
        return
    held: list[int] = []
    names = [s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None]
    previous = {s: signal.signal(s, lambda signum, frame: held.append(signum)) for s in names}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        for signum in dict.fromkeys(held):
            signal.raise_signal(signum)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"stopped by signal {signum}")


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a CI job cancelled, ``kill``) raises KeyboardInterrupt, as Ctrl-C does,
    so that the same cleanup runs. A handler the host program set is left alone."""
    if not (_in_main_thread() and hasattr(signal, "SIGTERM")) or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
