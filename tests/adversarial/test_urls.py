"""Only http(s) URLs get into a page, and no text can display as something else: ``briefs check`` refuses.

One table row per (field, URL): the URL goes into ``source.url``, an evidence
``url`` or a review's ``sources`` of the minimal brief, and the exact diagnostic
is given. URLs that are valid http(s) but carry quotes or angle brackets are
accepted; ``test_content.py`` shows that they stay inside their attribute.
Bidirectional controls ("Trojan Source") are refused in every kind of text.
"""

from __future__ import annotations

import pytest

from .helpers import MINIMAL_BRIEF, SHARED_SEED, check, write_files

B = "briefs/terminal-delay.yml"
CLAIM = "claim 'terminal-cheaper-than-planned': "
NOT_HTTP = "is not an http(s) URL; only http:// and https:// links are allowed"
SPACES = "contains spaces or control characters; percent-encode them"


def in_source(url_yaml: str) -> dict[str, str]:
    return {B: MINIMAL_BRIEF.replace("actors:", f"source:\n  publisher: Port Vell Gazette\n  url: {url_yaml}\nactors:")}


def in_evidence(url_yaml: str) -> dict[str, str]:
    return {B: MINIMAL_BRIEF + f"    evidence:\n      - url: {url_yaml}\n        title: Council minutes\n"}


def in_review(url_yaml: str) -> dict[str, str]:
    return {B: MINIMAL_BRIEF + f"    review:\n      rating: disputed\n      sources:\n        - {url_yaml}\n"}


FIELDS = {"source.url": (in_source, "6:8", ""), "evidence url": (in_evidence, "15:14", CLAIM),
          "review source": (in_review, "17:11", CLAIM)}

URLS = [
    # (story, as written in YAML, the value as shown in the message, reason)
    ("javascript", "javascript:alert(1)", "javascript:alert(1)", NOT_HTTP),
    ("mixed-case javascript", "JaVaScRiPt:alert(1)", "JaVaScRiPt:alert(1)", NOT_HTTP),
    ("decimal entity", '"&#106;avascript:alert(1)"', "&#106;avascript:alert(1)", NOT_HTTP),
    ("hex entity", '"&#x6A;avascript:alert(1)"', "&#x6A;avascript:alert(1)", NOT_HTTP),
    ("named entity colon", '"javascript&colon;alert(1)"', "javascript&colon;alert(1)", NOT_HTTP),
    ("data", '"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="',
     "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", NOT_HTTP),
    ("vbscript", "vbscript:msgbox(1)", "vbscript:msgbox(1)", NOT_HTTP),
    ("leading spaces", '"  javascript:alert(1)"', "  javascript:alert(1)", NOT_HTTP),
    # Control characters are shown escaped: a diagnostic is one inert line.
    ("leading tab", '"\\tjavascript:alert(1)"', "\\tjavascript:alert(1)", NOT_HTTP),
    ("tab inside the scheme", '"java\\tscript:alert(1)"', "java\\tscript:alert(1)", NOT_HTTP),
    ("https scheme without a host", "https:javascript:alert(1)", "https:javascript:alert(1)", NOT_HTTP),
    ("protocol-relative", "//evil.example/x", "//evil.example/x", NOT_HTTP),
    ("a leading space before https", '" https://example.org/a"', " https://example.org/a", SPACES),
    ("a space inside", '"https://example.org/a b"', "https://example.org/a b", SPACES),
]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("story, written, shown, reason", URLS, ids=[u[0] for u in URLS])
def test_a_url_that_is_not_plain_http_is_refused(tmp_path, field, story, written, shown, reason):
    make, place, label = FIELDS[field]
    root = write_files(tmp_path / "corpus", {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(), **make(written)})

    code, lines = check(root)

    assert (code, lines) == (1, [f"{B}:{place}: error: {label}'{shown}' {reason}"])


@pytest.mark.parametrize("field", FIELDS)
def test_an_https_url_with_quotes_and_brackets_is_accepted(tmp_path, field):
    make, _, _ = FIELDS[field]
    url = '"https://example.org/?q=\\"><script>alert(1)</script>&x=\'y\'"'
    root = write_files(tmp_path / "corpus", {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(), **make(url)})

    assert check(root) == (0, [])


def test_a_right_to_left_override_in_an_actor_name_is_refused(tmp_path):
    """'Trojan Source': U+202E makes 'Ana \u202eziuR' display as 'Ana Ruiz'."""
    files = {B: MINIMAL_BRIEF.replace("name: Ana Ruiz", 'name: "Ana \\u202eziuR"')}
    root = write_files(tmp_path / "corpus", {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(), **files})

    code, lines = check(root)

    assert (code, lines) == (1, [  # at the escape itself: name: "Ana \u202eziuR"
        f"{B}:6:16: error: bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE is not allowed "
        "(it can make text display differently from what it is); delete it; annotations and seeds are plain text"])


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
                                  "\u200e", "\u200f", "\u061c"])
def test_every_bidirectional_control_is_refused_in_every_kind_of_text(tmp_path, char):
    text = f"x{char}y"
    brief = (MINIMAL_BRIEF.replace("title: Port Vell ferry terminal delayed again", f"title: {text}")
             .replace("    role: Mayor of Port Vell", f"    role: {text}")
             .replace("statement: The mayor says the terminal will cost less than planned.", f"statement: {text}"))
    root = write_files(tmp_path / "corpus", {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(), B: brief})

    code, lines = check(root)

    assert code == 1
    assert [line.split(": error: ")[0] for line in lines] == [f"{B}:2:9", f"{B}:8:12", f"{B}:12:17"]
    assert all(f"U+{ord(char):04X}" in line for line in lines)
