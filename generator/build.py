"""Build the site with MkDocs, atomically: a failed build leaves the previous site as it was."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from .corpus import Corpus
from .write import replacing


class BuildFailed(Exception):
    pass


class _CountWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def default_epoch(corpus: Corpus | None) -> str:
    """SOURCE_DATE_EPOCH when none is set: midnight UTC of the newest brief's date.

    MkDocs stamps the sitemap with the build date; deriving it from the
    content keeps two builds of the same corpus byte-identical.
    """
    import calendar

    if corpus is None or not corpus.briefs:
        return "0"
    newest = max(b.date for b in corpus.briefs)
    return str(calendar.timegm(newest.timetuple()))


def zip_site(folder: Path, name: str) -> Path:
    """A reproducible zip of ``folder`` (sorted entries, timestamps from SOURCE_DATE_EPOCH), saved inside it."""
    import time
    import zipfile

    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), 315532800)  # zip dates start in 1980
    stamp = time.gmtime(epoch)[:6]
    target = folder / name
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p != target)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"site/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return target


def build_site(config_file: Path, site_dir: Path, *, corpus: Corpus | None = None, strict: bool = True,
               zip_name: str | None = None) -> None:
    """``mkdocs build --strict`` into a temporary folder that then replaces ``site_dir``.

    With ``zip_name``, the home page links a zip of the whole site (for offline
    reading), written into the site under that name.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("SOURCE_DATE_EPOCH", default_epoch(corpus))
    warnings = _CountWarnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        with replacing(site_dir) as staging:
            config = load_config(config_file=str(config_file), site_dir=str(staging), strict=strict)
            if zip_name:
                plugin = config.plugins.get("briefs")
                if plugin is None:
                    raise BuildFailed("--zip needs the briefs plugin in mkdocs.yml")
                plugin.config["download_url"] = zip_name
            try:
                build(config)
            except MkDocsException as exc:
                raise BuildFailed(str(exc) or "MkDocs build failed") from None
            if strict and warnings.messages:
                raise BuildFailed(f"{len(warnings.messages)} warning(s) in strict mode: " + "; ".join(warnings.messages))
            if zip_name:
                zip_site(staging, zip_name)
    except BuildFailed:
        raise
    except Exception as exc:  # anything else MkDocs raises: still leave the old site alone
        raise BuildFailed(f"{type(exc).__name__}: {exc}") from exc
    finally:
        logger.removeHandler(warnings)
