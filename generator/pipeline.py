"""The stages end to end, for the adapters: check -> link -> emit (pages and files)."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from . import listings, maps, search, site_words, speakers
from .forecasts import page as track_record
from .opendata import emit as opendata
from .corpus import Corpus
from .diagnostics import CorpusError
from .link import Site, link_corpus
from .outputs import Emitter, SiteFile, SiteOptions
from .render import RenderedPage, front_matter_problem, render_site
from .validate import check_corpus, gc_paused
from .write import WriteError, collect


def _pages(site: Site, options: SiteOptions):
    return render_site(site, options)


# Every capability's entry point, in the order its outputs are collected.
EMITTERS: tuple[Emitter, ...] = (_pages, listings.emit, speakers.emit, search.emit, track_record.emit,
                                 site_words.emit, opendata.emit, maps.emit)


@dataclass(frozen=True)
class Generated:
    corpus: Corpus
    site: Site
    pages: dict[str, RenderedPage]  # Markdown pages by path
    files: dict[str, SiteFile]  # every other file by path


def generate(root: Path, options: SiteOptions | None = None) -> Generated:
    """The validated corpus under ``root`` and everything the site is built from.

    Raises CorpusError, listing every problem, when the corpus does not validate;
    WriteError when two outputs would share a path or one would leave the folder,
    or when a page's front matter would not read back as written.
    """
    options = options or SiteOptions()
    # mkdocs serve: the collector would scan the whole heap the site lives in several
    # times per rebuild (about a second at 1,000 briefs); what a rebuild discards is
    # collected after it.
    with gc_paused() if options.memo is not None else nullcontext():
        corpus, problems = check_corpus(root, options.memo.files if options.memo else None)
        if problems:
            raise CorpusError(problems)
        assert corpus is not None
        return emit(corpus, options)


def emit(corpus: Corpus, options: SiteOptions) -> Generated:
    """Link a validated corpus and run every emitter over it."""
    site = link_corpus(corpus)
    if options.memo is not None:
        options.memo.start()
    outputs = collect(output for emitter in EMITTERS for output in emitter(site, options))
    if options.memo is not None:
        options.memo.finish()
    pages = {path: o for path, o in outputs.items() if isinstance(o, RenderedPage)}
    files = {path: o for path, o in outputs.items() if isinstance(o, SiteFile)}
    unreadable = [problem for page in pages.values() if (problem := _front_matter_problem(page, options))]
    if unreadable:  # MkDocs would show such a front matter as page text: never publish it
        raise WriteError("front matter that MkDocs would not read back: " + "; ".join(unreadable))
    return Generated(corpus, site, pages, files)


def _front_matter_problem(page: RenderedPage, options: SiteOptions) -> str | None:
    """``render.front_matter_problem``, checked once per page text under ``mkdocs serve``."""
    if options.memo is None:
        return front_matter_problem(page)
    readable = options.memo.keep("readable front matter", dict)
    if readable.get(page.path) is page.text:
        return None
    problem = front_matter_problem(page)
    if problem is None:
        readable[page.path] = page.text
    else:
        readable.pop(page.path, None)
    return problem


def generate_pages(root: Path, *, site_name: str = "Briefs", download_url: str | None = None) -> dict[str, RenderedPage]:
    """Markdown pages (by path) for the corpus under ``root``; CorpusError lists every problem."""
    return generate(root, SiteOptions(site_name=site_name, download_url=download_url)).pages
