"""Write pages to disk: inside the output folder only, never two on one path, atomically.

A failed write or build never leaves a half-written folder: everything goes
to a temporary sibling first, which then replaces the target in two renames
(``output_folder.replacing``, re-exported here).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Iterable

from .output_folder import replacing
from .outputs import Output, SiteFile

__all__ = ["WriteError", "collect", "replacing", "safe_relative", "write_tree"]


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
