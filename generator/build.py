"""Build the site with MkDocs, atomically: a failed build leaves the previous site as it was."""

from __future__ import annotations

import calendar
import logging
import os
import sys
import time
import zipfile
from pathlib import Path

from .corpus import Corpus
from .output_folder import MARKER, UnsafeOutput, replacing

# gzip (MkDocs' sitemap.xml.gz) stores a time as 32-bit unsigned seconds since 1970.
GZIP_EPOCHS = (0, 2**32 - 1)
# A zip stores local dates from 1980 to 2107 (two-second steps).
ZIP_EPOCHS = (calendar.timegm((1980, 1, 1, 0, 0, 0)), calendar.timegm((2107, 12, 31, 23, 59, 58)))


class BuildFailed(Exception):
    pass


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors (to explain a failure) and shows them as they come."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.messages.append(message)
        print(f"{record.levelname}: {message}", file=sys.stderr)


def default_epoch(corpus: Corpus | None) -> str:
    """SOURCE_DATE_EPOCH when none is set: midnight UTC of the newest brief's date.

    MkDocs stamps the sitemap with the build date; deriving it from the
    content keeps two builds of the same corpus byte-identical. Dates outside
    what gzip can store (before 1970, after 2106-02-07: history, or a typo such
    as 2204) are clamped to its range; pages still show each brief's own date.
    """
    if corpus is None or not corpus.briefs:
        return "0"
    newest = max(b.date for b in corpus.briefs)
    return str(_clamp(calendar.timegm(newest.timetuple()), GZIP_EPOCHS))


def _clamp(seconds: int, bounds: tuple[int, int]) -> int:
    return min(max(seconds, bounds[0]), bounds[1])


def zip_site(folder: Path, name: str, epoch: int) -> Path:
    """A reproducible zip of ``folder`` (sorted entries, every timestamp ``epoch``,
    clamped to the years a zip can store), saved inside it."""
    stamp = time.gmtime(_clamp(epoch, ZIP_EPOCHS))[:6]
    target = folder / name
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p not in (target, folder / MARKER))
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"site/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return target


def build_site(config_file: Path, site_dir: Path, *, corpus: Corpus | None = None, strict: bool = True,
               zip_name: str | None = None, site_url: str | None = None) -> None:
    """``mkdocs build --strict`` into a temporary folder that then replaces ``site_dir``.

    With ``zip_name``, the home page links a zip of the whole site (for offline
    reading), written into the site under that name. ``site_url`` is where the
    site will be published (it makes the 404 page's home link absolute).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collected = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)

    def failed(reason: str) -> BuildFailed:
        details = [m for m in collected.messages if m not in reason]
        return BuildFailed("; ".join([reason, *details]))

    try:
        # SOURCE_DATE_EPOCH for the MkDocs part is the plugin's job (plugin.py on_files).
        with replacing(site_dir) as staging:
            overrides = {"site_url": site_url} if site_url else {}
            config = load_config(config_file=str(config_file), site_dir=str(staging), strict=strict, **overrides)
            if zip_name:
                plugin = config.plugins.get("briefs")
                if plugin is None:
                    raise BuildFailed("--zip needs the briefs plugin in mkdocs.yml")
                plugin.config["download_url"] = zip_name
            try:
                build(config)
            except MkDocsException as exc:
                raise failed(str(exc) or "MkDocs build failed") from None
            if strict and collected.messages:
                raise failed(f"{len(collected.messages)} warning(s) in strict mode")
            if zip_name:
                zip_site(staging, zip_name, int(os.environ.get("SOURCE_DATE_EPOCH") or default_epoch(corpus)))
    except (BuildFailed, UnsafeOutput):
        raise
    except Exception as exc:  # anything else MkDocs raises: still leave the old site alone
        raise failed(f"{type(exc).__name__}: {exc}") from exc
    finally:
        logger.removeHandler(collected)
