"""Properties of the two places where contributor text is not inside a raw HTML block.

1. The page heading: ``# {{ title | md }}`` is Markdown. For any text the model
   accepts, it must render as one <h1> holding exactly that text.
2. The front matter: ``title: {{ title | e | tojson }}``. MkDocs must read it
   back as the (escaped) title; if it cannot, the front matter falls into the
   page as Markdown and its link syntax becomes live.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from hypothesis import assume, example, given
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from pydantic import TypeAdapter, ValidationError

from generator.diagnostics import CorpusError
from generator.model import Text
from generator.pipeline import generate_pages
from generator.render import md_inline

from .helpers import MINIMAL_BRIEF, PROFILE, SHARED_SEED, norm, write_files
from .payloads import PAYLOADS, yaml_string

TEXT = TypeAdapter(Text)
TRICKY = [p.text for p in PAYLOADS] + [
    "# x #", "x \\", "`code`", "*a* _b_ **c**", "<https://evil.example>", "[a]: https://evil.example",
    "&#106;avascript:", "&amp;", "1. list", "- item", "> quote", "---", "=== x", "{: #id .cls }", "x  ", "\\#",
    "a\u00a0b", "next\x85line", "one\u2028two\u2029three", "\U0001F600", "\U0001D400bold", "\u2028", "<", "&", "x{{ 7*7 }}", "¶",
]
texts = st.one_of(st.sampled_from(TRICKY), st.text(min_size=1, max_size=60),
                  st.lists(st.sampled_from(TRICKY + ["x", " ", "\n"]), min_size=1, max_size=6).map("".join))


def accepted(text: str) -> str | None:
    """The text as the model stores it, or None when the model refuses it."""
    try:
        return TEXT.validate_python(text)
    except ValidationError:
        return None


@PROFILE
@given(text=texts)
@example(text="[click](javascript:alert(1)) {: onclick=alert(1) }")
def test_a_heading_renders_any_accepted_text_literally(text):
    stored = accepted(text)
    assume(stored is not None)
    md = markdown.Markdown(extensions=["toc", "attr_list", "admonition"], extension_configs={"toc": {"permalink": True}})

    soup = BeautifulSoup(md.convert("# " + md_inline(stored)), "html.parser")

    elements = [el.name for el in soup.find_all(True)]
    assert elements in (["h1"], ["h1", "a"]), soup
    h1 = soup.h1
    assert set(h1.attrs) <= {"id"}, h1.attrs
    if h1.a is not None:
        assert h1.a.get("class") == ["headerlink"] and str(h1.a["href"]).startswith("#")
        h1.a.extract()
    assert norm(h1.get_text()) == norm(stored)


def _front_matter_title(title_yaml: str) -> tuple[dict, str] | None:
    with tempfile.TemporaryDirectory() as tmp:
        brief = MINIMAL_BRIEF.replace("title: Port Vell ferry terminal delayed again", f"title: {title_yaml}")
        root = write_files(Path(tmp), {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(),
                                       "briefs/terminal-delay.yml": brief})
        try:
            pages = generate_pages(root)
        except CorpusError:  # a corpus rule refused the title
            return None
    body, meta = get_data(pages["briefs/terminal-delay.md"].text)
    return meta, body


@PROFILE
@given(title=texts)
@example(title="\U0001F600 [click](javascript:alert(1))")
def test_mkdocs_reads_the_front_matter_back_for_any_accepted_title(title):
    stored = accepted(title)
    assume(stored is not None)

    result = _front_matter_title(yaml_string(title))
    assume(result is not None)  # refused by a corpus rule
    meta, body = result

    assert meta.get("page_kind") == "brief", f"front matter not understood; the page starts:\n{body[:300]}"
    assert html.unescape(meta["title"]) == stored
