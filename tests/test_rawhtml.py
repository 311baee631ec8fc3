"""``generator.rawhtml`` changes how fast Markdown is rendered, never what it renders.

MkDocs and Zensical both load the extensions listed in ``mkdocs.yml``; a site
built where the extension is missing must look the same. So every generated
page of several corpora (the bundled brief, the multi-brief fixture, the
hostile-payload fixture, synthetic briefs in five scripts) and every
hand-written page is converted with and without it, and the HTML compared.
"""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
import pytest

from generator.pipeline import generate_pages
from generator.rawhtml import RawHtmlBlocks, RawHtmlExtension

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import write_corpus  # noqa: E402

EXTENSIONS = ["toc", "attr_list", "admonition"]  # as in mkdocs.yml
CONFIGS = {"toc": {"permalink": True}}


def _convert(text: str, fast: bool) -> str:
    extensions = EXTENSIONS + ([RawHtmlExtension()] if fast else [])
    return markdown.Markdown(extensions=extensions, extension_configs=CONFIGS).convert(text)


def _body(page: str) -> str:
    """The Markdown after the front matter (MkDocs strips it before converting)."""
    return page.split("---\n", 2)[2] if page.startswith("---\n") else page


def _corpora(tmp: Path) -> dict[str, Path]:
    return {
        "bundled": REPO,
        "multi": REPO / "tests" / "fixtures" / "site" / "multi",
        "payloads": REPO / "tests" / "adversarial" / "fixtures" / "site" / "payloads",
        "synthetic": write_corpus(tmp / "synthetic", 16),
    }


@pytest.mark.parametrize("corpus", ["bundled", "multi", "payloads", "synthetic"])
def test_every_generated_page_renders_the_same_with_and_without_the_extension(tmp_path: Path, corpus: str) -> None:
    pages = generate_pages(_corpora(tmp_path)[corpus])
    assert pages
    different = [path for path, page in pages.items()
                 if _convert(_body(page.text), fast=True) != _convert(_body(page.text), fast=False)]
    assert not different, different[:10]


def test_hand_written_pages_render_the_same() -> None:
    for path in sorted((REPO / "docs").rglob("*.md")):
        text = _body(path.read_text(encoding="utf-8"))
        assert _convert(text, fast=True) == _convert(text, fast=False), path


def test_the_extension_takes_the_raw_blocks_of_a_generated_page() -> None:
    """Otherwise the comparisons above would hold trivially."""
    page = generate_pages(REPO)["briefs/us-iraq-isis-threat.md"]
    md = markdown.Markdown(extensions=EXTENSIONS)
    RawHtmlBlocks(md).run(_body(page.text).split("\n"))
    stashed = md.htmlStash.rawHtmlBlocks
    assert len(stashed) >= 5
    assert any(str(block).startswith('<div class="brief-article"') for block in stashed)


@pytest.mark.parametrize("text", [
    '<div class="a">\n<p>one</p>\n\n<p>two</p>\n</div>\n\nafter\n',  # a blank line inside the block
    '<div>\n<div>nested</div>\n</div>\n\n# Heading\n',
    "<ul>\n<li>a</li>\n</ul> tail on the closing line\n\nnext\n",  # closes mid-line: left alone
    "<ul>\n<li>a</li>\n</ul>\nno blank line after\n",
    "<div>\nnever closed\n\ntext\n",
    "text right before\n<div>block</div>\n\nafter\n",
    "<DIV>upper case</DIV>\n\nafter\n",
    "<span>inline at the start</span> of a paragraph\n\nafter\n",
    "<hr>\n\n<p>after a rule</p>\n\nend\n",
    "<p>last block</p>\n",
    "<p>a</p>\n\n<p>b</p>\n\n",
    "    <div>indented: code</div>\n\nafter\n",
])
def test_edge_cases_render_the_same(text: str) -> None:
    assert _convert(text, fast=True) == _convert(text, fast=False)


def test_html_inside_a_fenced_code_block_stays_code() -> None:
    """Zensical adds fenced code blocks (pymdownx.superfences) to every site: HTML shown as code
    in a hand-written page must not be taken as a raw block."""
    text = "Example:\n\n```html\n\n<div class=\"x\">\n<p>shown</p>\n</div>\n\n```\n\nafter\n"
    for fences in ("fenced_code", "pymdownx.superfences"):
        plain = markdown.Markdown(extensions=[*EXTENSIONS, fences]).convert(text)
        fast = markdown.Markdown(extensions=[*EXTENSIONS, RawHtmlExtension(), fences]).convert(text)
        assert fast == plain
        assert '<div class="x">' not in fast  # shown as code, not live HTML
