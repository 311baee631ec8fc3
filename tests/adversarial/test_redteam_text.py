"""Issue 10, red-team findings (text and markup half): one test per finding, named after it.

Finding 1 (tooltips) is proven in a real browser in ``test_browser_payloads.py``;
here its static guards. Findings 2, 7 and 8 are the text policy
(``generator/textpolicy.py``); finding 9 holds the low items of this half.
Every expected diagnostic was checked by hand: the line and column are where
an editor shows the offending character (or the escape that makes it).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from markupsafe import Markup

from generator import render
from generator.anchor import Anchor, find_quote
from generator.validate import check_corpus

from .helpers import (
    MINIMAL_BRIEF, SHARED_SEED, Site, build, check, make_corpus, run_cli, tree_digest, write_files,
)
from .payloads import FIELDS, PAYLOADS

B = "briefs/terminal-delay.yml"
S = "seeds/harbour.txt"
HARBOUR = SHARED_SEED.read_text(encoding="utf-8")
PLAIN = "; delete it; annotations and seeds are plain text"


def corpus(tmp_path: Path, brief: str = MINIMAL_BRIEF, seed: str = HARBOUR, **more: str) -> Path:
    return write_files(tmp_path / "corpus", {S: seed, B: brief, **more})


# -- finding 1: stored XSS through Material's tooltips ------------------------------------------


def test_finding_1_no_title_attribute_carries_contributor_text(payload_site: Site):
    """A theme may render a ``title`` as HTML (Material's content.tooltips did): no title in the
    built site holds any payload, nor any field's text (each carries its field's name)."""
    markers = [p.text for p in PAYLOADS] + [f"({field})" for field in FIELDS]
    titles: dict[str, set[str]] = {}
    for page in payload_site.pages():
        for el in payload_site.soup(page).find_all(title=True):
            titles.setdefault(str(el["title"]), set()).add(page)

    assert len(payload_site.pages()) > len(PAYLOADS) * 5
    assert titles, "the theme's own titles (edit button, permalinks) should be there"
    leaked = {title: sorted(pages)[:3] for title, pages in titles.items() if any(m in title for m in markers)}
    assert leaked == {}


def test_finding_1_highlights_name_their_quotes_by_id_only(payload_site: Site):
    """A highlight carries ids (``data-quotes="claim:x implication:y"``; ids are [a-z0-9-]), never
    text: what a reader reads about it comes from the card, built with textContent."""
    for p in PAYLOADS:
        soup = payload_site.soup(f"briefs/{p.slug}.html")
        highlights = soup.select(".brief-article a.claim-quote, .brief-article a.implication-quote")

        assert {a["data-quotes"] for a in highlights} == {
            f"claim:{p.slug}-claim", f"implication:{p.slug}-implication"}, p.slug
        assert {tuple(sorted(a.attrs)) for a in highlights} == {("class", "data-quotes", "href")}, p.slug


def test_finding_1_the_theme_tooltips_are_off():
    """The feature that turned titles into HTML stays off (the browser test proves the rest)."""
    config = (Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text(encoding="utf-8")

    assert "content.tooltips" not in config


# -- finding 2: C1 controls and noncharacters broke the front matter ----------------------------

REFUSED = [
    # (character, how it is described)
    ("\x80", "control character U+0080 is not allowed"),
    ("\x85", "control character U+0085 NEXT LINE is not allowed"),
    ("\x9f", "control character U+009F is not allowed"),
    ("\x1b", "control character U+001B ESCAPE is not allowed"),
    ("\ufffe", "U+FFFE is a Unicode noncharacter, not text"),
    ("\uffff", "U+FFFF is a Unicode noncharacter, not text"),
    ("\ufdd0", "U+FDD0 is a Unicode noncharacter, not text"),
    ("\U0001fffe", "U+1FFFE is a Unicode noncharacter, not text"),
    ("\U0010ffff", "U+10FFFF is a Unicode noncharacter, not text"),
    ("\u202e", "bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE is not allowed "
               "(it can make text display differently from what it is)"),
    ("\u2067", "bidirectional control character U+2067 RIGHT-TO-LEFT ISOLATE is not allowed "
               "(it can make text display differently from what it is)"),
    ("\u200f", "bidirectional control character U+200F RIGHT-TO-LEFT MARK is not allowed "
               "(it can make text display differently from what it is)"),
    ("\u061c", "bidirectional control character U+061C ARABIC LETTER MARK is not allowed "
               "(it can make text display differently from what it is)"),
]


@pytest.mark.parametrize("char, described", REFUSED, ids=[f"U+{ord(c):04X}" for c, _ in REFUSED])
def test_finding_2_a_refused_character_is_reported_where_it_is_written(tmp_path, char, described):
    """As a YAML escape in the title, in the statement and in a source URL (at the backslash),
    and raw in the seed (at the character): every one, in one run."""
    escape = f"\\U{ord(char):08x}"
    brief = (MINIMAL_BRIEF
             .replace("title: Port Vell ferry", f'title: "Port {escape}Vell{escape} ferry').replace("again\n", 'again"\n')
             .replace("statement: The mayor says", f'statement: "The {escape}mayor says')
             .replace("less than planned.\n", 'less than planned."\n')
             .replace("actors:", f'source:\n  url: "https://example.org/{escape}"\nactors:'))
    seed = HARBOUR.replace("Delays at the terminal", f"Delays at{char} the terminal")
    root = corpus(tmp_path, brief, seed)

    code, lines = check(root)

    assert code == 1
    assert lines == [
        f"{B}:2:14: error: {described}{PLAIN}",
        f"{B}:2:28: error: {described}{PLAIN}",
        f"{B}:5:29: error: {described}{PLAIN}",
        f"{B}:14:21: error: {described}{PLAIN}",
        f"{S}:3:10: error: {described}{PLAIN}",
    ]


def test_finding_2_a_raw_refused_character_is_reported_at_its_place(tmp_path):
    brief = MINIMAL_BRIEF.replace("name: Ana Ruiz", "name: Ana \u202eziuR \U0001fffe")
    root = corpus(tmp_path, brief)

    code, lines = check(root)

    assert (code, [line.split(": error: ")[0] for line in lines]) == (1, [f"{B}:6:15", f"{B}:6:21"])


def test_finding_2_a_front_matter_that_does_not_read_back_stops_the_build(tmp_path, monkeypatch):
    """Whatever the policy lets through, a front matter that MkDocs would not read back (and so
    would show as Markdown) is never published: the build fails and leaves the site as it was."""
    root = make_corpus(corpus(tmp_path, MINIMAL_BRIEF.replace(
        "title: Port Vell ferry terminal delayed again", 'title: "\U0001F600 [click](javascript:alert(1))"')),
        tmp_path / "site-corpus")
    assert build(root)[0] == 0
    before = tree_digest(root / "site")
    # The bug this guards against: JSON escapes (\ud83d\ude00) that YAML cannot read.
    monkeypatch.setitem(render._ENV.filters, "yaml_string", lambda value: Markup(json.dumps(str(value))))

    code, _, err = build(root)
    generated = run_cli("generate", "--root", str(root), "--out", str(tmp_path / "out"))

    assert code == 1
    assert "front matter that MkDocs would not read back: briefs/terminal-delay.md" in err
    assert tree_digest(root / "site") == before
    assert generated[0] == 1 and "front matter that MkDocs would not read back" in generated[2]
    assert not (tmp_path / "out").exists()


# -- finding 7: line numbers after raw U+2028, U+2029, U+0085 -----------------------------------


@pytest.mark.parametrize("char, name", [("\u2028", "U+2028 LINE SEPARATOR"), ("\u2029", "U+2029 PARAGRAPH SEPARATOR")])
def test_finding_7_a_raw_line_separator_is_reported_at_the_editors_line(tmp_path, char, name):
    """YAML reads a raw U+2028/U+2029 as a line break, editors do not: the file would not mean
    what it shows, so it is refused, at the editor's line and column (not one line further)."""
    brief = MINIMAL_BRIEF.replace("summary: Officials", f"summary: Offi{char}cials").replace("kind: person", "kind: persn")
    root = corpus(tmp_path, brief)

    code, lines = check(root)

    assert (code, lines) == (1, [
        f"{B}:3:14: error: {name} is a line break for YAML but not for editors, so the file would not read as it"
        " shows; replace it with a space or a new line"])


def test_finding_7_a_raw_next_line_in_a_comment_is_refused_not_a_syntax_error(tmp_path):
    brief = MINIMAL_BRIEF.replace("actors:", "# a comment with a\x85 next line\nactors:")
    root = corpus(tmp_path, brief)

    code, lines = check(root)

    assert (code, lines) == (1, [f"{B}:4:19: error: control character U+0085 NEXT LINE is not allowed{PLAIN}"])


def test_finding_7_a_line_separator_cannot_hide_a_key_in_a_comment(tmp_path):
    """'# note' LS 'seed: ...' shows as one comment line; YAML would read a second 'seed' key."""
    brief = MINIMAL_BRIEF.replace("seed: harbour.txt\n", "# note\u2028title: hidden\nseed: harbour.txt\n", 1)
    root = corpus(tmp_path, brief)

    code, lines = check(root)

    assert (code, [line.split(": error: ")[0] for line in lines]) == (1, [f"{B}:1:7"])


def test_finding_7_separators_written_as_escapes_are_text(tmp_path):
    brief = MINIMAL_BRIEF.replace("title: Port Vell ferry terminal delayed again",
                                  'title: "Port Vell\\u2028ferry\\Lterminal\\Pdelayed again"')
    root = corpus(tmp_path, brief)

    corpus_, problems = check_corpus(root)

    assert problems == []
    assert corpus_.briefs[0].title == "Port Vell\u2028ferry\u2028terminal\u2029delayed again"


def test_finding_7_line_separators_in_a_seed_shift_no_line(tmp_path):
    seed = HARBOUR.replace("Delays at the terminal", "Delays\u2028at\u2029the terminal").replace(
        "said the city’s numbers", "said the\u202e city’s numbers")
    root = corpus(tmp_path, seed=seed)

    code, lines = check(root)

    assert (code, [line.split(": error: ")[0] for line in lines]) == (1, [f"{S}:10:42"])


# -- finding 8: bidi overrides in seeds ----------------------------------------------------------


def test_finding_8_bidi_controls_in_a_seed_are_refused_at_their_place(tmp_path):
    """The article could display "no fires" where the quote matches "serif on"."""
    seed = HARBOUR.replace("called for an independent audit",
                           "called for an \u202eseirif on\u202c independent audit \u2066x\u2069")
    root = corpus(tmp_path, seed=seed)

    code, lines = check(root)

    assert code == 1
    assert [line.split(": error: ")[0] for line in lines] == [f"{S}:10:92", f"{S}:10:102", f"{S}:10:122", f"{S}:10:124"]
    assert [line.split(" character ")[1].split(" is ")[0] for line in lines] == [
        "U+202E RIGHT-TO-LEFT OVERRIDE", "U+202C POP DIRECTIONAL FORMATTING", "U+2066 LEFT-TO-RIGHT ISOLATE",
        "U+2069 POP DIRECTIONAL ISOLATE"]


# -- finding 9 (text half): the low items ---------------------------------------------------------


@pytest.mark.parametrize("words, quote", [
    pytest.param("대한민국 국회는 어제 예산안을 통과시켰다.", "국회는 어제", id="hangul-jamo"),
    pytest.param("সরকার জানিয়েছে যে কোনো বিলম্ব হবে না।", "কোনো বিলম্ব", id="bengali-vowel-signs"),
])
def test_finding_9_a_quote_matches_a_seed_written_decomposed(tmp_path, words, quote):
    seed = HARBOUR.replace("Delays at the terminal", unicodedata.normalize("NFD", words))
    assert unicodedata.normalize("NFD", quote) not in unicodedata.normalize("NFC", seed)  # really decomposed
    brief = MINIMAL_BRIEF.replace('quote: "the terminal would cost less than planned"', f"quote: {quote}")
    root = corpus(tmp_path, brief, seed)

    built, problems = check_corpus(root)

    assert problems == []
    record = built.claims["terminal-cheaper-than-planned"]
    block = built.briefs[0].seed.blocks[record.anchor.block].text
    assert unicodedata.normalize("NFC", block[record.anchor.start:record.anchor.end]) == quote


def test_finding_9_invisible_characters_are_shown_in_the_closest_passage(tmp_path):
    seed = HARBOUR.replace("called for an independent audit", "called for an inde\u00adpendent\u200b audit")
    brief = MINIMAL_BRIEF.replace('quote: "the terminal would cost less than planned"',
                                  "quote: called for an independent audit")
    root = corpus(tmp_path, brief, seed)

    code, lines = check(root)

    assert (code, lines) == (1, [
        f"{B}:13:12: error: claim 'terminal-cheaper-than-planned': quote not found in seed harbour.txt; "
        'closest passage: "called for an inde\\u00adpendent\\u200b audit." (it holds invisible characters, shown as '
        "\\uXXXX: U+00AD SOFT HYPHEN, U+200B ZERO WIDTH SPACE; write them the same way inside a double-quoted "
        "YAML string)"])


def test_finding_9_a_quote_may_not_start_or_end_inside_a_character(tmp_path):
    """Spain's flag (E S) is in 'Belgium, Sweden' (B E, S E) as code points, not as a flag."""
    seed = HARBOUR.replace("Delays at the terminal", "Flags \U0001F1E7\U0001F1EA\U0001F1F8\U0001F1EA flew")
    brief = MINIMAL_BRIEF.replace('quote: "the terminal would cost less than planned"',
                                  'quote: "\U0001F1EA\U0001F1F8"')
    root = corpus(tmp_path, brief, seed)

    code, lines = check(root)

    assert (code, lines) == (1, [
        f"{B}:13:12: error: claim 'terminal-cheaper-than-planned': quote not found in seed harbour.txt as whole "
        "characters: it occurs only inside characters made of several code points (a flag, an emoji sequence, a "
        'letter with its marks); quote whole characters; the article has "\U0001F1E7\U0001F1EA\U0001F1F8\U0001F1EA"'
        " there"])


def test_finding_9_whole_flags_and_letters_still_match():
    from generator.seeds import parse_seed

    seed, _ = parse_seed("Flags \U0001F1E7\U0001F1EA\U0001F1F8\U0001F1EA flew; q\u0303 too.", "s.txt", "seeds/s.txt")

    assert find_quote(seed, "\U0001F1E7\U0001F1EA") == Anchor(0, 6, 8)
    assert find_quote(seed, "\U0001F1F8\U0001F1EA flew") == Anchor(0, 8, 15)
    assert find_quote(seed, "q\u0303 too") == Anchor(0, 17, 23)
    assert find_quote(seed, "q").splits_characters  # the q of q + combining tilde is not a q


COLLIDING = {
    # Titles whose heading slug equals another id of the same page: a quote anchor, a
    # paragraph, Material's own controls.
    B: MINIMAL_BRIEF.replace("title: Port Vell ferry terminal delayed again",
                             "title: Claim terminal cheaper than planned")
                    .replace("name: Ana Ruiz", "name: __search")
                    .replace("statement: The mayor says the terminal will cost less than planned.",
                             "statement: __drawer"),
    "briefs/p-one.yml": "seed: harbour.txt\ntitle: P 1\nsummary: p 2\n",
    "briefs/quote-title.yml": "seed: harbour.txt\ntitle: __toc\nsummary: Quote.\n",
}


def duplicate_ids(site: Site) -> dict[str, list[str]]:
    out = {}
    for page in site.pages():
        seen: list[str] = [str(el["id"]) for el in site.soup(page).find_all(id=True)]
        dups = sorted({i for i in seen if seen.count(i) > 1})
        if dups:
            out[page] = dups
    return out


def test_finding_9_no_page_has_two_elements_with_one_id(tmp_path, payload_site: Site):
    src = write_files(tmp_path / "src", {S: HARBOUR, **COLLIDING})
    root = make_corpus(src, tmp_path / "corpus")
    code, out, err = build(root)
    assert code == 0, f"{out}\n{err}"
    site = Site(root / "site")
    assert site.soup("briefs/terminal-delay.html").find(id="claim-terminal-cheaper-than-planned") is not None
    assert site.soup("briefs/p-one.html").find(id="p-1") is not None

    assert duplicate_ids(site) == {}
    assert duplicate_ids(payload_site) == {}


@pytest.mark.parametrize("url, message", [
    ("https://example.org:99999999/a", "'https://example.org:99999999/a' has an invalid port '99999999'; "
                                       "a port is a number from 0 to 65535, or leave it out"),
    ("https://example.org:8o/a", "'https://example.org:8o/a' has an invalid port '8o'; "
                                 "a port is a number from 0 to 65535, or leave it out"),
    ('"https://[::1/a"', "'https://[::1/a' is not a valid URL (Invalid IPv6 URL); check the address"),
    ("https://:443/a", "'https://:443/a' has no host name; write it as https://example.org/..."),
])
@pytest.mark.parametrize("where, place, label", [
    ("source", "6:8", ""), ("evidence", "15:14", "claim 'terminal-cheaper-than-planned': "),
    ("review", "17:11", "claim 'terminal-cheaper-than-planned': "),
])
def test_finding_9_a_url_whose_address_does_not_parse_is_refused(tmp_path, url, message, where, place, label):
    brief = {
        "source": MINIMAL_BRIEF.replace("actors:", f"source:\n  publisher: Port Vell Gazette\n  url: {url}\nactors:"),
        "evidence": MINIMAL_BRIEF + f"    evidence:\n      - url: {url}\n        title: Council minutes\n",
        "review": MINIMAL_BRIEF + f"    review:\n      rating: disputed\n      sources:\n        - {url}\n",
    }[where]
    root = corpus(tmp_path, brief)

    assert check(root) == (1, [f"{B}:{place}: error: {label}{message}"])
