"""Write pages to disk: inside the output folder only, never two on one path, atomically.

A failed write or build never leaves a half-written folder: everything goes
to a temporary sibling first, which then replaces the target in two renames.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from .render import RenderedPage


class WriteError(Exception):
    pass


def safe_relative(path: str) -> PurePosixPath:
    """``path`` as a relative path that cannot leave its folder, or WriteError."""
    pure = PurePosixPath(path)
    if (
        not path
        or pure.is_absolute()
        or "\\" in path
        or "\x00" in path
        or any(part in ("", ".", "..") for part in path.split("/"))
        or ":" in path
    ):
        raise WriteError(f"refusing to write outside the output folder: {path!r}")
    return pure


def collect(pages: Iterable[RenderedPage]) -> dict[str, RenderedPage]:
    """Pages by path; two pages on one path is an error, not an overwrite."""
    out: dict[str, RenderedPage] = {}
    for page in pages:
        safe_relative(page.path)
        if page.path in out:
            raise WriteError(f"two pages would be written to {page.path}")
        out[page.path] = page
    return out


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield an empty temporary folder beside ``target``; on success it replaces ``target``.

    On any exception the temporary folder is removed and ``target`` is left
    exactly as it was.
    """
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        yield staging
        old = None
        if target.exists():
            old = target.parent / f".{target.name}.old-{os.getpid()}"
            if old.exists():
                shutil.rmtree(old)
            os.replace(target, old)
        try:
            os.replace(staging, target)
        except BaseException:
            if old is not None:
                os.replace(old, target)  # put the previous site back
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def write_tree(pages: dict[str, RenderedPage], folder: Path) -> None:
    """Write ``pages`` (path -> page) under ``folder``."""
    root = folder.resolve()
    for path, page in sorted(pages.items()):
        dest = (root / safe_relative(path)).resolve()
        if root not in dest.parents:
            raise WriteError(f"refusing to write outside the output folder: {path!r}")
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(dest, "x", encoding="utf-8", newline="\n") as out:  # never overwrite
                out.write(page.text)
        except FileExistsError:
            raise WriteError(f"{path} already exists in the output (a page in docs/ has a generated page's path)") from None
