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

from .outputs import Output, SiteFile


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


def collect(outputs: Iterable[Output]) -> dict[str, Output]:
    """Pages and files by path; two outputs on one path is an error, not an overwrite."""
    out: dict[str, Output] = {}
    for output in outputs:
        safe_relative(output.path)
        if output.path in out:
            raise WriteError(f"two pages would be written to {output.path}")
        out[output.path] = output
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


def write_tree(outputs: dict[str, Output], folder: Path) -> None:
    """Write ``outputs`` (path -> page or file) under ``folder``."""
    root = folder.resolve()
    for path, output in sorted(outputs.items()):
        dest = (root / safe_relative(path)).resolve()
        if root not in dest.parents:
            raise WriteError(f"refusing to write outside the output folder: {path!r}")
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            if isinstance(output, SiteFile):
                with open(dest, "xb") as out:  # never overwrite
                    out.write(output.content)
            else:
                with open(dest, "x", encoding="utf-8", newline="\n") as out:
                    out.write(output.text)
        except FileExistsError:
            raise WriteError(f"{path} already exists in the output (a page in docs/ has a generated page's path)") from None
