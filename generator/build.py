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


def build_site(config_file: Path, site_dir: Path, *, corpus: Corpus | None = None, strict: bool = True) -> None:
    """``mkdocs build --strict`` into a temporary folder that then replaces ``site_dir``."""
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
            try:
                build(config)
            except MkDocsException as exc:
                raise BuildFailed(str(exc) or "MkDocs build failed") from None
            finally:
                config.plugins.on_shutdown() if hasattr(config.plugins, "on_shutdown") else None
            if strict and warnings.messages:
                raise BuildFailed(f"{len(warnings.messages)} warning(s) in strict mode: " + "; ".join(warnings.messages))
    except BuildFailed:
        raise
    except Exception as exc:  # anything else MkDocs raises: still leave the old site alone
        raise BuildFailed(f"{type(exc).__name__}: {exc}") from exc
    finally:
        logger.removeHandler(warnings)
