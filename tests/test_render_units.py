"""Table-driven tests of the pure functions behind the pages: escaping for Markdown,
cutting a paragraph into quote segments, finding first mentions, relative URLs."""

from __future__ import annotations

import html
import posixpath
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import link
from generator.highlight import Segment, Span, first_mentions, segment_block
from generator.link import Page
from generator.render import md_inline

# --- md_inline: Markdown syntax escaped first, then HTML ---------------------

MD_INLINE = [
    ("plain text", "plain text"),
    ("a *b* _c_", r"a \*b\* \_c\_"),
    ("`code`", r"\`code\`"),
    ("# not a heading", r"\# not a heading"),
    ("1. not a list", r"1\. not a list"),
    ("- not a list", r"\- not a list"),
    ("+ not a list", r"\+ not a list"),
    ("a | b", r"a \| b"),
    ("back\\slash", "back\\\\slash"),
    ("wow!", r"wow\!"),
    ("[x](javascript:alert(1))", r"\[x\]\(javascript:alert\(1\)\)"),
    ("{: onclick=\"alert(1)\" }", r"\{: onclick=&quot;alert\(1\)&quot; \}"),
    ("<script>alert(1)</script>", r"&lt;script&gt;alert\(1\)&lt;/script&gt;"),
    ("<img src=x onerror=alert(1)>", r"&lt;img src=x onerror=alert\(1\)&gt;"),
    ("it's \"quoted\"", "it&#x27;s &quot;quoted&quot;"),
    ("Tom & Jerry", "Tom &amp; Jerry"),
    # An entity typed as text stays text: the & is escaped, never a backslash inside an entity.
    ("&lt;b&gt;", "&amp;lt;b&amp;gt;"),
    ("&#x27;", "&amp;\\#x27;"),
    ("{{ 7*7 }}", r"\{\{ 7\*7 \}\}"),
    ("one\ntwo\n\nthree", "one two three"),
    ("  padded\t ", "padded"),
    ("line\u2028sep\u2029para", "line sep para"),
    ("Наталья Орлова — “quoted” ’s", "Наталья Орлова — “quoted” ’s"),
    ("a~b^c=d", "a~b^c=d"),
    (42, "42"),
]


@pytest.mark.parametrize(("value", "expected"), MD_INLINE)
def test_md_inline(value: object, expected: str) -> None:
    assert str(md_inline(value)) == expected


def test_md_inline_is_markup_and_not_escaped_twice_by_jinja() -> None:
    from markupsafe import Markup, escape

    out = md_inline("<b>")
    assert isinstance(out, Markup)
    assert str(escape(out)) == "&lt;b&gt;"


# As MkDocs renders pages: its default extensions (toc, tables, fenced_code) plus mkdocs.yml's.
_MD = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list", "admonition"])


def _heading_text(value: str) -> str:
    _MD.reset()
    out = _MD.convert("# " + str(md_inline(value)))
    match = re.fullmatch(r'<h1[^>]*>(.*)</h1>', out, re.S)
    assert match, out  # one heading, no attributes smuggled in by attr_list beyond the id
    assert re.fullmatch(r'<h1 id="[^"]*">', out[: out.index(">") + 1]), out
    return html.unescape(match.group(1))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(list("ab <>&\"'`*_{}[]()#+-.!|\\:=~;/\n\t1") + ["&lt;", "{:", "7*7", "&#x27;"]),
                max_size=20).map("".join))
def test_md_inline_heading_shows_exactly_the_text(value: str) -> None:
    """Whatever a title holds, the rendered heading shows those characters (whitespace collapsed)."""
    if not value.split():
        return
    assert _heading_text(value) == " ".join(value.split())


# --- segment_block: quotes cut at every boundary ------------------------------

A = Span("claim", "a", 0, 10)
B = Span("claim", "b", 5, 15)
N = Span("claim", "n", 3, 6)
M = Span("mention", "actor", 16, 20)
TEXT = "0123456789ABCDEFGHIJ"  # 20 characters: offsets are easy to read

SEGMENTS = [
    ("no spans", [], [Segment(TEXT)]),
    ("one quote in the middle", [Span("claim", "q", 4, 8)], [
        Segment("0123"),
        Segment("4567", (Span("claim", "q", 4, 8),), None, (Span("claim", "q", 4, 8),)),
        Segment("89ABCDEFGHIJ"),
    ]),
    ("crossing quotes", [A, B], [
        Segment("01234", (A,), None, (A,)),
        Segment("56789", (A, B), None, (B,)),
        Segment("ABCDE", (B,)),
        Segment("FGHIJ"),
    ]),
    ("nested quote", [A, N], [
        Segment("012", (A,), None, (A,)),
        Segment("345", (A, N), None, (N,)),
        Segment("6789", (A,)),
        Segment("ABCDEFGHIJ"),
    ]),
    ("same start: the longer quote is outermost", [Span("claim", "s", 0, 4), A], [
        Segment("0123", (A, Span("claim", "s", 0, 4)), None, (A, Span("claim", "s", 0, 4))),
        Segment("456789", (A,)),
        Segment("ABCDEFGHIJ"),
    ]),
    ("same range: ordered by id", [Span("claim", "z", 2, 4), Span("claim", "y", 2, 4)], [
        Segment("01"),
        Segment("23", (Span("claim", "y", 2, 4), Span("claim", "z", 2, 4)), None,
                (Span("claim", "y", 2, 4), Span("claim", "z", 2, 4))),
        Segment("456789ABCDEFGHIJ"),
    ]),
    ("quote to the end, mention before", [Span("mention", "x", 0, 2), Span("claim", "e", 15, 20)], [
        Segment("01", (), Span("mention", "x", 0, 2)),
        Segment("23456789ABCDE"),
        Segment("FGHIJ", (Span("claim", "e", 15, 20),), None, (Span("claim", "e", 15, 20),)),
    ]),
    ("a mention is not a quote", [A, M], [
        Segment("0123456789", (A,), None, (A,)),
        Segment("ABCDEF"),
        Segment("GHIJ", (), M),
    ]),
    ("implication quotes count as quotes", [Span("implication", "i", 0, 20)], [
        Segment(TEXT, (Span("implication", "i", 0, 20),), None, (Span("implication", "i", 0, 20),)),
    ]),
]


@pytest.mark.parametrize(("spans", "expected"), [c[1:] for c in SEGMENTS], ids=[c[0] for c in SEGMENTS])
def test_segment_block(spans: list[Span], expected: list[Segment]) -> None:
    assert segment_block(TEXT, spans) == expected


def test_segment_block_of_empty_text() -> None:
    assert segment_block("", []) == []


@st.composite
def _spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(st.text(alphabet="abc “”—", min_size=1, max_size=25))
    spans = []
    for i in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append(Span(draw(st.sampled_from(["claim", "implication"])), f"q{i}", start, end))
    return text, spans


@settings(max_examples=200, deadline=None, derandomize=True)
@given(_spans())
def test_segments_rebuild_the_text_and_each_quote(case: tuple[str, list[Span]]) -> None:
    text, spans = case
    segments = segment_block(text, spans)
    assert "".join(s.text for s in segments) == text
    assert all(s.text for s in segments)
    for span in spans:
        covered = [s for s in segments if span in s.quotes]
        assert "".join(s.text for s in covered) == text[span.start:span.end]
        # consecutive, and the quote starts (gets its anchor) exactly once, at its first segment
        first = segments.index(covered[0])
        assert segments[first:first + len(covered)] == covered
        assert [s for s in segments if span in s.starts] == [covered[0]]


# --- first_mentions: one link per actor, longest name, never inside a quote ---

MENTIONS = [
    ("longest alias wins at the same place",
     ["Ambassador Romanowski spoke. Romanowski left."],
     {"r": ["Romanowski", "Ambassador Romanowski"]}, {},
     {0: [Span("mention", "r", 0, 21)]}),
    ("only the first mention",
     ["Iran and Iran.", "Iran again."], {"iran": ["Iran"]}, {},
     {0: [Span("mention", "iran", 0, 4)]}),
    ("the first mention outside quotes",
     ["He said Iran was ready.", "Iran denied it."], {"iran": ["Iran"]}, {0: [(3, 22)]},
     {1: [Span("mention", "iran", 0, 4)]}),
    ("a name partly inside a quote is skipped",
     ["the US embassy in Baghdad said"], {"e": ["US embassy in Baghdad"]}, {0: [(0, 6)]},
     {}),
    ("whole words only",
     ["Iranian officials, not Iran."], {"iran": ["Iran"]}, {},
     {0: [Span("mention", "iran", 23, 27)]}),
    ("a longer name of another actor takes the place",
     ["US embassy in Baghdad staff and the US."], {"us": ["US"], "e": ["US embassy in Baghdad"]}, {},
     {0: [Span("mention", "e", 0, 21), Span("mention", "us", 36, 38)]}),
    ("an alias is never linked inside a longer name of another actor, even one linked before",
     ["The Greek Orthodox Church said so.", "The Greek Orthodox Church and Greek officials disagree."],
     {"greece": ["Greece", "Greek"], "church": ["The Greek Orthodox Church"]}, {},
     {0: [Span("mention", "church", 0, 25)], 1: [Span("mention", "greece", 30, 35)]}),
    ("a longer name partly inside a quote still hides the shorter alias in it",
     ["They said The Greek Orthodox Church agreed."],
     {"greece": ["Greek"], "church": ["The Greek Orthodox Church"]}, {0: [(0, 14)]},
     {}),
    ("one-letter names are ignored",
     ["X marks it."], {"x": ["X"]}, {}, {}),
    ("non-Latin names",
     ["Инженер Наталья Орлова сказала."], {"o": ["Наталья Орлова", "Орлова"]}, {},
     {0: [Span("mention", "o", 8, 22)]}),
    ("earlier block first",
     ["Heading about Varga", "Helena Varga spoke."], {"v": ["Helena Varga", "Varga"]}, {},
     {0: [Span("mention", "v", 14, 19)]}),
    ("unknown names: nothing",
     ["Nobody here."], {"a": ["Somebody"]}, {}, {}),
]


@pytest.mark.parametrize(("blocks", "names", "taken", "expected"), [c[1:] for c in MENTIONS],
                         ids=[c[0] for c in MENTIONS])
def test_first_mentions(blocks, names, taken, expected) -> None:
    result = first_mentions(blocks, names, taken)
    assert {b: sorted(spans, key=lambda s: s.start) for b, spans in result.items()} == expected
    for block, spans in result.items():
        for span in spans:
            assert blocks[block][span.start:span.end] in names[span.target]


# --- Page.link: relative URLs between page kinds ------------------------------

LINKS = [
    (link.HOME, link.brief_page("b"), "", False, "briefs/b.html"),
    (link.HOME, link.CLAIMS_INDEX, "", False, "claims/index.html"),
    (link.HOME, link.TIMELINE, "", False, "timeline.html"),
    (link.brief_page("b"), link.claim_page("c"), "", False, "../claims/c.html"),
    (link.brief_page("b"), link.HOME, "", False, "../index.html"),
    (link.brief_page("b"), link.TAGS, "tag-water", False, "../tags.html#tag-water"),
    (link.brief_page("b"), link.brief_page("b"), "claim-c", False, "b.html#claim-c"),
    (link.claim_page("c"), link.claim_page("d"), "", False, "d.html"),
    (link.claim_page("c"), link.brief_page("b"), "claim-c", False, "../briefs/b.html#claim-c"),
    (link.actor_page("a"), link.ACTORS_INDEX, "", False, "index.html"),
    (link.actor_page("a"), link.implication_page("i"), "", False, "../implications/i.html"),
    (link.implication_page("i"), link.actor_page("a"), "", False, "../actors/a.html"),
    (link.TIMELINE, link.TAGS, "tag-x", False, "tags.html#tag-x"),
    (link.TAGS, link.brief_page("b"), "", False, "briefs/b.html"),
    (link.IMPLICATIONS_INDEX, link.HOME, "", False, "../index.html"),
    (link.brief_page("b"), link.actor_page("a"), "", True, "../actors/a.md"),
    (link.HOME, link.ACTORS_INDEX, "", True, "actors/index.md"),
]


@pytest.mark.parametrize(("here", "target", "anchor", "as_markdown", "expected"), LINKS,
                         ids=[f"{c[0].path}->{c[1].path}{'#' + c[2] if c[2] else ''}{' md' if c[3] else ''}"
                              for c in LINKS])
def test_page_link(here: Page, target: Page, anchor: str, as_markdown: bool, expected: str) -> None:
    assert here.link(target, anchor, markdown=as_markdown) == expected


def test_every_link_between_page_kinds_resolves_to_the_target() -> None:
    pages = [*link.INDEX_PAGES, link.brief_page("b"), link.actor_page("a"), link.claim_page("c"),
             link.implication_page("i")]
    for here in pages:
        for target in pages:
            url = here.link(target)
            assert not url.startswith("/") and "://" not in url
            assert posixpath.normpath(posixpath.join(posixpath.dirname(here.html), url)) == target.html


@pytest.mark.parametrize(("path", "html_path"), [
    ("index.md", "index.html"), ("actors/isis.md", "actors/isis.html"), ("claims/index.md", "claims/index.html"),
])
def test_page_html_path(path: str, html_path: str) -> None:
    assert Page(path).html == html_path


def test_quote_anchor_is_the_id_the_brief_page_uses() -> None:
    assert link.quote_anchor("isis-remains-a-danger") == "claim-isis-remains-a-danger"
