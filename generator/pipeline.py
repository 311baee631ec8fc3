"""The stages end to end, for the adapters: check -> link -> render."""

from __future__ import annotations

from pathlib import Path

from .corpus import Corpus
from .diagnostics import CorpusError
from .link import link_corpus
from .render import RenderedPage, render_site
from .validate import check_corpus
from .write import collect


def generate(root: Path, *, site_name: str = "Briefs",
             download_url: str | None = None) -> tuple[Corpus, dict[str, RenderedPage]]:
    """The validated corpus under ``root`` and its Markdown pages (by path).

    Raises CorpusError, listing every problem, when the corpus does not validate.
    """
    corpus, problems = check_corpus(root)
    if problems:
        raise CorpusError(problems)
    assert corpus is not None
    return corpus, collect(render_site(link_corpus(corpus), site_name=site_name, download_url=download_url))


def generate_pages(root: Path, *, site_name: str = "Briefs", download_url: str | None = None) -> dict[str, RenderedPage]:
    """Markdown pages (by path) for the corpus under ``root``; CorpusError lists every problem."""
    return generate(root, site_name=site_name, download_url=download_url)[1]
