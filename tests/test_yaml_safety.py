"""YAML is loaded safely: nothing is constructed or executed, nothing explodes.

A contributor's brief is untrusted input (it arrives in a pull request). Every
hostile or odd file below must end in one clear error at the right place - or,
for the odd-but-harmless ones, load as plain text. Each test runs with both
the libyaml parser and PyYAML's pure-Python fallback, since ``generator.load``
uses whichever is available.
"""

from __future__ import annotations

import pytest
import yaml

import generator.load
from generator.load import load_yaml_text
from generator.validate import check_corpus

from conftest import FIXTURES, MINIMAL_BRIEF, write_corpus

PARSERS = {"libyaml": getattr(yaml, "CSafeLoader", yaml.SafeLoader), "pure-python": yaml.SafeLoader}
TAG_HINT = "annotations are plain text, lists and mappings; remove the tag"


@pytest.fixture(params=sorted(PARSERS))
def parser(request, monkeypatch):
    monkeypatch.setattr(generator.load, "_Loader", PARSERS[request.param])
    return request.param


@pytest.fixture
def check_brief(tmp_path, run_check):
    """Put one brief file (text or bytes) next to the harbour seed and run ``briefs check``."""

    def run(content, name="terminal-delay.yml"):
        root = write_corpus(tmp_path / "corpus", {f"briefs/{name}": content})
        return run_check(root)

    return run


# -- tags that would construct objects -----------------------------------------------------

TAGS = [
    # (story, brief with {pwned} as the file the payload would create, line, col, tag)
    ("apply as a value", 'seed: harbour.txt\ntitle: !!python/object/apply:os.system ["touch {pwned}"]\n',
     2, 8, "!!python/object/apply:os.system"),
    ("apply as the whole file", '!!python/object/apply:os.system ["touch {pwned}"]\n',
     1, 1, "!!python/object/apply:os.system"),
    ("name in a claim", MINIMAL_BRIEF.replace('quote: "the terminal', 'quote: !!python/name:os.system "the terminal'),
     13, 12, "!!python/name:os.system"),
    ("new in a list", "seed: harbour.txt\ntags:\n  - ferry\n  - !!python/object/new:os.system [\"touch {pwned}\"]\n",
     4, 5, "!!python/object/new:os.system"),
    ("apply as a mapping", "seed: harbour.txt\nsource: !!python/object/apply:os.system\n  args: [\"touch {pwned}\"]\n",
     2, 9, "!!python/object/apply:os.system"),
    ("a local tag", "seed: harbour.txt\ntitle: !include secrets.yml\n", 2, 8, "!include"),
    ("a binary blob", "seed: harbour.txt\ntitle: !!binary aGVsbG8=\n", 2, 8, "!!binary"),
    ("a set", "seed: harbour.txt\ntags: !!set {a, b}\n", 2, 7, "!!set"),
]


@pytest.mark.parametrize("story, brief, line, col, tag", TAGS, ids=[t[0] for t in TAGS])
def test_object_constructing_tags_are_refused_and_nothing_runs(parser, check_brief, tmp_path, story, brief, line, col, tag):
    pwned = tmp_path / "pwned"

    code, lines = check_brief(brief.replace("{pwned}", str(pwned)))

    assert code == 1
    assert lines == [f"briefs/terminal-delay.yml:{line}:{col}: error: YAML tag '{tag}' is not allowed; {TAG_HINT}"]
    assert not pwned.exists()


def test_tags_in_the_shared_actors_file_are_refused_too(parser, tmp_path, run_check):
    pwned = tmp_path / "pwned"
    root = write_corpus(tmp_path / "corpus", {
        "briefs/_actors.yml": f'- id: ana-ruiz\n  name: !!python/object/apply:os.system ["touch {pwned}"]\n  kind: person\n',
    })

    code, lines = run_check(root)

    assert (code, lines) == (1, [
        f"briefs/_actors.yml:2:9: error: YAML tag '!!python/object/apply:os.system' is not allowed; {TAG_HINT}"
    ])
    assert not pwned.exists()


def test_the_plain_string_tag_is_harmless_and_allowed(parser):
    loaded, problems = load_yaml_text("title: !!str no\nsummary: ! 10:00\n", "b.yml")

    assert problems == []
    assert loaded.data == {"title": "no", "summary": "10:00"}


# -- documents that try to exhaust memory or the stack -------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 [' + ", ".join(['"lol"'] * 9) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_stopped_at_the_alias_that_goes_too_far(parser, check_brief):
    bomb = billion_laughs(9)  # 9**9 = 387,420,489 strings once expanded

    code, lines = check_brief(bomb)

    assert code == 1
    assert lines == [
        "briefs/terminal-delay.yml:6:15: error: document expands to more than 200,000 values "
        "(aliases expanding too far?); avoid anchors and aliases in annotations"
    ]
    assert bomb.splitlines()[5][14:].startswith("*a4")  # 6:15 is an alias


def test_a_few_aliases_are_fine(parser):
    corpus_text = MINIMAL_BRIEF.replace("by: [ana-ruiz]", "by: &mayor [ana-ruiz]\n    about: *mayor")
    loaded, problems = load_yaml_text(corpus_text, "b.yml")

    assert problems == []
    assert loaded.data["claims"][0]["about"] == loaded.data["claims"][0]["by"] == ["ana-ruiz"]


DEEP = [
    ("flow sequences", "[" * 5000 + "]" * 5000 + "\n"),
    ("flow mappings", "{a: " * 5000 + "b" + "}" * 5000 + "\n"),
    ("block sequences", "- " * 5000 + "x\n"),
    ("block mappings", "".join(" " * i + "a:\n" for i in range(400)) + " " * 400 + "b\n"),
]


@pytest.mark.parametrize("story, text", DEEP, ids=[d[0] for d in DEEP])
def test_thousands_of_nesting_levels_end_in_one_clear_error(parser, check_brief, story, text):
    code, lines = check_brief(text)

    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith("briefs/terminal-delay.yml:")
    assert "nesting" in lines[0]  # ours: "nesting is deeper than 32 levels"; libyaml's: "maximum nesting depth"


def test_nesting_is_located_where_it_becomes_too_deep(parser):
    _, problems = load_yaml_text("- " * 5000 + "x\n", "b.yml")

    assert [(p.line, p.col, p.message) for p in problems] == [(1, 65, "nesting is deeper than 32 levels")]


def test_a_50_megabyte_brief_is_refused_before_it_is_read(parser, check_brief, tmp_path):
    size = 50 * 1024 * 1024
    big = b"seed: harbour.txt\ntitle: " + b"x" * (size - 26) + b"\n"
    assert len(big) == size

    code, lines = check_brief(big)

    assert (code, lines) == (1, [
        "briefs/terminal-delay.yml:1:1: error: file is 52,428,800 bytes; the limit is 1,048,576 bytes; "
        "split it into smaller files"
    ])


def test_a_50_megabyte_seed_is_refused_and_names_the_file(tmp_path, run_check):
    root = write_corpus(tmp_path, {"seeds/huge.txt": b"date 2024-05-02 " + b"word " * (10 * 1024 * 1024)})

    code, lines = run_check(root)

    assert code == 1
    assert lines == ["seeds/huge.txt:1:1: error: file is 52,428,816 bytes; the limit is 2,097,152 bytes; "
                     "a seed holds one article; this is far longer than one"]


# -- bytes and characters ------------------------------------------------------------------


def test_a_nul_byte_is_an_error_at_its_place(parser, check_brief):
    code, lines = check_brief("seed: harbour.txt\ntitle: Port Vell ferry\x00 terminal\n")

    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith("briefs/terminal-delay.yml:2:23: error: ")
    assert "not allowed" in lines[0]


def test_a_nul_byte_after_accents_and_curly_quotes_is_still_located_exactly(parser, check_brief):
    # BUG (libyaml only): ReaderError.position is a UTF-8 *byte* offset, and
    # load.py treats it as a character offset, so every non-ASCII character
    # before the NUL shifts the reported place (here to 2:30 instead of 2:25).
    code, lines = check_brief("seed: harbour.txt\ntitle: \u201cPort\u201d Tom\u00e1s Berg\x00 audit\n")

    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith("briefs/terminal-delay.yml:2:25: error: ")


def test_the_message_for_a_forbidden_character_names_it(parser):
    # Was a bug: the message came from PyYAML's reader error ("control characters are
    # not allowed"). The text policy (textpolicy.py) now checks the raw text first.
    _, problems = load_yaml_text("title: a\x07b\n", "b.yml")

    assert [(p.line, p.col) for p in problems] == [(1, 9)]
    assert "U+0007" in problems[0].message


def test_a_byte_order_mark_is_accepted_and_does_not_shift_columns(parser, check_brief):
    code, lines = check_brief("\ufeffseed: harbour.txt\nseed: harbour.txt\n")

    assert code == 1
    assert lines == ["briefs/terminal-delay.yml:2:1: error: duplicate key 'seed' (first defined at line 1); "
                     "each key may appear once per mapping"]
    corpus, problems = check_corpus(FIXTURES / "valid-byte-order-marks")
    assert problems == [] and corpus.briefs[0].seed.date is not None


def test_bytes_that_are_not_utf8_are_located_by_line_and_character(check_brief):
    # Line 3; "summary: “Port” Tom" is 19 characters (but 23 bytes) before the bad byte.
    raw = b"seed: harbour.txt\ntitle: ok\nsummary: \xe2\x80\x9cPort\xe2\x80\x9d Tom\xe1s\n"

    code, lines = check_brief(raw)

    assert (code, lines) == (1, [
        "briefs/terminal-delay.yml:3:20: error: file is not valid UTF-8 (byte 0xe1); save the file as UTF-8"
    ])


def test_bytes_that_are_not_utf8_after_a_byte_order_mark_are_located_exactly(check_brief):
    # BUG: read_text decodes with "utf-8-sig", whose error offsets do not count the
    # 3-byte BOM, so it reports the wrong byte (0x64, the 'd' of "seed") and column 5.
    raw = b"\xef\xbb\xbfseed: \xff\n"

    code, lines = check_brief(raw)

    assert (code, lines) == (1, [
        "briefs/terminal-delay.yml:1:7: error: file is not valid UTF-8 (byte 0xff); save the file as UTF-8"
    ])


# -- plain scalars keep the text the contributor wrote -------------------------------------

SCALARS = [
    # (YAML as written, value loaded)
    ("no", "no"), ("NO", "NO"), ("off", "off"), ("On", "On"), ("yes", "yes"), ("y", "y"),
    ("true", "true"), ("False", "False"),
    ("10:00", "10:00"), ("0555567", "0555567"), ("0o17", "0o17"), ("0x1F", "0x1F"), ("1_000", "1_000"),
    ("1e3", "1e3"), (".inf", ".inf"), (".NaN", ".NaN"), ("-0", "-0"),
    ("2024-05-02", "2024-05-02"), ("2024-05-02 10:00:00", "2024-05-02 10:00:00"),
    ("'null'", "null"), ('"~"', "~"), ("''", ""),
    ("null", None), ("~", None), ("", None),
]


@pytest.mark.parametrize("written, value", SCALARS, ids=[s[0] or "empty" for s in SCALARS])
def test_plain_scalars_stay_the_text_that_was_written(parser, written, value):
    loaded, problems = load_yaml_text(f"key: {written}\n", "b.yml")

    assert problems == []
    assert loaded.data == {"key": value}


def test_a_brief_titled_no_is_valid_text():
    corpus, problems = check_corpus(FIXTURES / "valid-plain-scalars-stay-text")

    assert problems == []
    brief = corpus.briefs[0]
    assert (brief.title, brief.doc.summary, brief.doc.tags) == ("no", "off", ("yes", "on", "null-island"))
    actor = corpus.actors["ana-ruiz"].actor
    assert (actor.name, actor.role, actor.aliases) == ("NO", "10:00", ("0555567", "Yes", "1e3", ".inf"))
    assert corpus.claims["terminal-cheaper-than-planned"].claim.statement == "0x1F"


# -- structure -----------------------------------------------------------------------------

STRUCTURE = [
    ("two documents", "seed: harbour.txt\n---\ntitle: x\n",
     "2:1: error: only one YAML document per file is allowed; remove the '---' line"),
    ("duplicate key", "seed: harbour.txt\ntitle: a\ntitle: b\n",
     "3:1: error: duplicate key 'title' (first defined at line 2); each key may appear once per mapping"),
    ("duplicate quoted key", "seed: harbour.txt\n'title': a\n\"title\": b\n",
     "3:1: error: duplicate key 'title' (first defined at line 2); each key may appear once per mapping"),
    ("duplicate nested key", "claims:\n  - id: a\n    by: x\n    id: b\n",
     "4:5: error: duplicate key 'id' (first defined at line 2); each key may appear once per mapping"),
    ("unknown alias", "seed: harbour.txt\ntitle: *nope\n", "2:8: error: unknown alias '*nope'"),
    ("list as a key", "seed: harbour.txt\n? [a, b]\n: c\n",
     "2:3: error: a mapping or list cannot be used as a key; keys are plain words such as 'id' or 'quote'"),
    ("null key", "seed: harbour.txt\n~: c\n", "2:1: error: keys must be plain text"),
]


@pytest.mark.parametrize("story, brief, expected", STRUCTURE, ids=[s[0] for s in STRUCTURE])
def test_structures_a_brief_cannot_have(parser, check_brief, story, brief, expected):
    code, lines = check_brief(brief)

    assert (code, lines) == (1, [f"briefs/terminal-delay.yml:{expected}"])


def test_a_leading_document_marker_and_an_end_marker_are_fine(parser):
    loaded, problems = load_yaml_text("---\nseed: harbour.txt\n...\n", "b.yml")

    assert problems == [] and loaded.data == {"seed": "harbour.txt"}


def test_merge_keys_are_not_expanded(parser, check_brief):
    # '<<' is just an unknown key: no hidden copying of another mapping's keys.
    code, lines = check_brief(MINIMAL_BRIEF + "<<: {date: 2024-05-02}\n")

    assert code == 1
    assert lines == ["briefs/terminal-delay.yml:14:1: error: unknown key '<<'; "
                     "known keys: seed, title, date, language, summary, source, tags, actors, claims, implications"]
