"""What the pipeline emits, besides Markdown pages: the site's other files.

Every capability (search index, feeds, data exports, maps...) is an *emitter*:
a function ``emit(site, options) -> Iterable[RenderedPage | SiteFile]`` in its
own module or sub-package, listed once in ``pipeline.EMITTERS``. The adapters
never know what a capability writes: the MkDocs plugin adds every output as a
virtual file, ``briefs generate`` writes every output to disk, and Zensical
copies the non-Markdown files as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Union

from .link import Site
from .render import RenderedPage

if TYPE_CHECKING:
    from .incremental import Memo


@dataclass(frozen=True)
class SiteOptions:
    """Site-wide settings the pages depend on, read from mkdocs.yml by the adapters."""

    site_name: str = "Briefs"
    download_url: str | None = None  # a zip of the site, linked from the home page
    site_url: str | None = None  # where the site is published, when known
    language: str = "en"  # theme.language: the site's own language (BCP 47)
    docs_dir: Path | None = None  # the hand-written pages (docs/), indexed for search
    # "Today" for implications due for review: SOURCE_DATE_EPOCH's date, read by the adapters;
    # None: the newest date written in the corpus (generator/forecasts/due.py). Never the clock.
    as_of: dt.date | None = None
    # `mkdocs serve`: what earlier builds computed, reused where its inputs are unchanged
    # (incremental.py). An emitter may ignore it; one that uses it must read the site only
    # through `memo.session(site).site` so that every read is recorded.
    memo: "Memo | None" = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class SiteFile:
    """A file of the built site that is not a page (JavaScript, JSON, SVG, XML...).

    ``path`` is relative to the docs folder, with forward slashes; it is checked
    like a page's path before anything is written.
    """

    path: str
    content: bytes


Output = Union[RenderedPage, SiteFile]
Emitter = Callable[[Site, SiteOptions], Iterable[Output]]
