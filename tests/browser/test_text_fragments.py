""""Read in the original" in a real browser: the generated text-fragment link, opened in
Chromium against a local copy of the article served on 127.0.0.1, scrolls the quoted
passage into view (and not the same words said earlier in the article).

The copy is the seed as an HTML page, one ``<p>`` per block, each far below the one
before (a tall margin), so that a passage is visible only when the browser scrolled
to it. The links are the ones the generator writes (``original_link``) with the
article's address replaced by the local copy's.
"""

from __future__ import annotations

import functools
import html
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

from generator.opendata.fragments import original_link
from generator.validate import check_corpus

from .conftest import REPO

OPENDATA = REPO / "tests" / "fixtures" / "site" / "opendata"
VIEWPORT = {"width": 1000, "height": 700}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def corpus():
    corpus, problems = check_corpus(OPENDATA)
    assert not problems
    return corpus


@pytest.fixture(scope="module")
def article(corpus, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The terminal-audit seed as a page, served on 127.0.0.1; its URL."""
    folder = tmp_path_factory.mktemp("outlet")
    seed = next(b for b in corpus.briefs if b.id == "terminal-audit").seed
    paragraphs = "\n".join(f'<p id="p-{n}">{html.escape(block.text)}</p>' for n, block in enumerate(seed.blocks))
    (folder / "article.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Outlet</title>'
        "<style>p { margin: 0 0 1500px; font: 16px/1.5 sans-serif; }</style></head>"
        f"<body><main>{paragraphs}</main></body></html>", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/article.html"
    finally:
        server.shutdown()
        server.server_close()


def _link(corpus, claim_id: str, article: str) -> tuple[str, int]:
    record = corpus.claims[claim_id]
    seed = next(b for b in corpus.briefs if b.id == record.brief).seed
    return original_link(article, seed, record.anchor), record.anchor.block


IN_VIEW = """id => {
  const r = document.getElementById(id).getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight;
}"""


@pytest.mark.parametrize("claim_id, earlier_block", [
    ("berg-delays-foreseeable", 2),  # said twice: the link carries the words before it
    ("engineers-warned", None),  # long, with "&", "," and "€": textStart,textEnd
    ("contract-in-full", None),  # long, its first words also start the sentence before it
])
def test_a_text_fragment_scrolls_the_quote_into_view(browser, corpus, article, claim_id, earlier_block):
    url, block = _link(corpus, claim_id, article)
    assert ":~:text=" in url
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        # From a page of the site, as a reader does: a click on the link (a user activation).
        page.set_content(f'<a id="go" href="{html.escape(url)}">Read in the original</a>')
        page.click("#go")
        page.wait_for_url(article + "*")
        page.wait_for_function("window.scrollY > 0", timeout=5000)
        assert page.evaluate(IN_VIEW, f"p-{block}"), f"{url}: paragraph {block} is not in view"
        if earlier_block is not None:
            assert not page.evaluate(IN_VIEW, f"p-{earlier_block}")
        # Without the fragment, the page opens at its top: the scroll is the fragment's doing.
        page.goto(article)
        assert page.evaluate("window.scrollY") == 0
    finally:
        context.close()


def test_the_control_without_its_prefix_the_repeated_quote_opens_at_its_first_occurrence(browser, corpus, article):
    """What the prefix is for (and proof that the test above can fail): the same words alone
    scroll to where the article first says them."""
    url, block = _link(corpus, "berg-delays-foreseeable", article)
    bare = url.replace("He-,", "")
    assert bare != url
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.set_content(f'<a id="go" href="{html.escape(bare)}">Read in the original</a>')
        page.click("#go")
        page.wait_for_url(article + "*")
        page.wait_for_function("window.scrollY > 0", timeout=5000)
        assert page.evaluate(IN_VIEW, "p-2") and not page.evaluate(IN_VIEW, f"p-{block}")
    finally:
        context.close()
