"""Seeds (spec §1): the article text, split into headings and paragraphs, never changed."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.seeds import discover_seeds, load_seed, parse_seed

from conftest import FIXTURES, HARBOUR_SEED


def blocks(text):
    seed, problems = parse_seed(text, "s.txt", "seeds/s.txt")
    assert problems == [], problems
    return [(b.kind, b.text, b.line) for b in seed.blocks]


# -- the date header ------------------------------------------------------------------------

DATES = [
    # (story, seed text, date, first block text)
    ("header and first paragraph on one line", "date 2024-05-02 Harbour officials said so.", "2024-05-02",
     "Harbour officials said so."),
    ("leading whitespace and blank lines", " \n\n  date 2024-03-24 Despite claims.", "2024-03-24", "Despite claims."),
    ("tab after the date", "date 2024-05-02\tHarbour officials said so.", "2024-05-02", "Harbour officials said so."),
    ("header alone on its line", "date 2024-05-02\nHarbour officials said so.", "2024-05-02",
     "Harbour officials said so."),
    ("no header", "Harbour officials said so.", None, "Harbour officials said so."),
    ("a date later in the text is text", "Harbour officials said on date 2024-05-02 so.", None,
     "Harbour officials said on date 2024-05-02 so."),
]


@pytest.mark.parametrize("story, text, date, first", DATES, ids=[d[0] for d in DATES])
def test_the_date_header(story, text, date, first):
    seed, problems = parse_seed(text, "s.txt", "seeds/s.txt")

    assert problems == []
    assert seed.date == (dt.date.fromisoformat(date) if date else None)
    assert seed.blocks[0].text == first
    assert seed.blocks[0].line == text.count("\n", 0, text.index(first[:5])) + 1


@pytest.mark.parametrize("text, line, col", [
    ("date 2024-02-30 Harbour officials said so.", 1, 6),
    ("\n\n  date 2024-13-01 Harbour officials said so.", 3, 8),
])
def test_an_impossible_date_header_is_an_error_at_the_date(text, line, col):
    seed, problems = parse_seed(text, "s.txt", "seeds/s.txt")

    assert seed is None
    assert [(p.path, p.line, p.col) for p in problems] == [("seeds/s.txt", line, col)]
    assert problems[0].message.endswith("is not a valid date")


# -- blocks ---------------------------------------------------------------------------------

BLOCKS = [
    # (story, seed text, [(kind, text, line)])
    ("a heading between paragraphs", "One sentence.\n\nThe Heading\n\nTwo sentences here.",
     [("paragraph", "One sentence.", 1), ("heading", "The Heading", 3), ("paragraph", "Two sentences here.", 5)]),
    ("line breaks inside a paragraph are spaces", "First line\nsecond line.\n",
     [("paragraph", "First line second line.", 1)]),
    ("lines are stripped", "   indented line\t\n  and more.  \n", [("paragraph", "indented line and more.", 1)]),
    ("several blank lines, with spaces and tabs", "One.\n\n \n\t\n\nTwo.",
     [("paragraph", "One.", 1), ("paragraph", "Two.", 6)]),
    ("CRLF", "One.\r\n\r\nHeading\r\n\r\nTwo\r\nlines.\r\n",
     [("paragraph", "One.", 1), ("heading", "Heading", 3), ("paragraph", "Two lines.", 5)]),
    ("old Mac CR", "One.\r\rTwo.", [("paragraph", "One.", 1), ("paragraph", "Two.", 3)]),
    ("no trailing newline", "One.\n\nTwo.", [("paragraph", "One.", 1), ("paragraph", "Two.", 3)]),
    ("a short line ending in a full stop is prose", "Short.", [("paragraph", "Short.", 1)]),
    ("... or ! ? : ; or a straight quote", "Wait!\n\nWhy?\n\nAs follows:\n\nThus;\n\nHe said \"no\"",
     [("paragraph", "Wait!", 1), ("paragraph", "Why?", 3), ("paragraph", "As follows:", 5),
      ("paragraph", "Thus;", 7), ("paragraph", "He said \"no\"", 9)]),
    ("a closing curly quote is sentence-final", "He said \u201cno\u201d\n\nIt\u2019s \u2018fine\u2019",
     [("paragraph", "He said \u201cno\u201d", 1), ("paragraph", "It\u2019s \u2018fine\u2019", 3)]),
    ("a heading may end in a comma or a dash", "Iraq, Iran\n\nWhat now \u2014",
     [("heading", "Iraq, Iran", 1), ("heading", "What now \u2014", 3)]),
    ("two short lines are a paragraph", "Short\nlines", [("paragraph", "Short lines", 1)]),
    ("99 characters can be a heading, 100 cannot", "x" * 99 + "\n\n" + "y" * 100,
     [("heading", "x" * 99, 1), ("paragraph", "y" * 100, 3)]),
    ("curly quotes, dashes and non-Latin names are kept verbatim",
     "Tom\u00e1s Berg \u2014 \u201c\u0645\u062d\u0645\u062f\u201d said \u00ab\u00a0oui\u00a0\u00bb.",
     [("paragraph", "Tom\u00e1s Berg \u2014 \u201c\u0645\u062d\u0645\u062f\u201d said \u00ab\u00a0oui\u00a0\u00bb.", 1)]),
]


@pytest.mark.parametrize("story, text, expected", BLOCKS, ids=[b[0] for b in BLOCKS])
def test_blocks(story, text, expected):
    assert blocks(text) == expected


def test_the_harbour_seed():
    seed, problems = parse_seed(HARBOUR_SEED, "harbour.txt", "seeds/harbour.txt")

    assert problems == []
    assert (seed.name, seed.path, seed.date) == ("harbour.txt", "seeds/harbour.txt", dt.date(2024, 5, 2))
    assert [(b.kind, b.line) for b in seed.blocks] == [
        ("paragraph", 1), ("heading", 3), ("paragraph", 5), ("paragraph", 7), ("paragraph", 10),
    ]
    assert [b.text for b in seed.paragraphs][2] == (
        "Mayor Ana Ruiz \u2014 speaking to reporters at the quay \u2014 said the terminal "
        "would cost less than planned and that no further delays were expected."
    )


def test_crlf_and_lf_seeds_have_the_same_blocks():
    crlf = HARBOUR_SEED.replace("\n", "\r\n").rstrip("\r\n")
    assert blocks(crlf) == blocks(HARBOUR_SEED)


# -- seeds that cannot be used --------------------------------------------------------------

BAD = [
    # (story, text, [(line, col, message)])
    ("empty", "", [(1, 1, "seed is empty")]),
    ("only whitespace", " \n\t\n\r\n", [(1, 1, "seed is empty")]),
    ("only a date header", "date 2024-05-02\n", [(1, 1, "seed is empty")]),
    ("a NUL byte", "One.\n\nTw\x00o.", [(3, 3, "control character U+0000 NUL is not allowed")]),
    ("a form feed", "One.\x0c", [(1, 5, "control character U+000C FORM FEED is not allowed")]),
    # Meant as a header but not one: the article would silently have no date.
    ("'Date' with a capital", "Date 2024-05-02 Harbour officials said so.",
     [(1, 1, "seed starts with 'Date 2024-05-02', not a date header")]),
    ("a day-first date", "date 02-05-2024 Harbour officials said so.",
     [(1, 1, "seed starts with 'date 02-05-2024', not a date header")]),
    ("date glued to the text", "date 2024-05-02Harbour said so.",
     [(1, 1, "seed starts with 'date 2024-05-02', not a date header")]),
    ("a bad date and a control character", "date 2024-02-30 One\x07.",
     [(1, 20, "control character U+0007 BELL is not allowed"), (1, 6, "seed date header '2024-02-30' is not a valid date")]),
]


@pytest.mark.parametrize("story, text, expected", BAD, ids=[b[0] for b in BAD])
def test_seeds_that_cannot_be_used(story, text, expected):
    seed, problems = parse_seed(text, "s.txt", "seeds/s.txt")

    assert seed is None
    assert [(p.line, p.col, p.message) for p in problems] == expected
    assert all(p.path == "seeds/s.txt" and p.hint for p in problems)


@pytest.mark.parametrize("raw, line, col, byte", [
    (b"One.\n\nT\xe9l\xe9rama.", 3, 2, 0xE9),
    ("\u201cQuoted\u201d \u2014 ".encode() + b"\xff", 1, 12, 0xFF),  # 11 characters (17 bytes) before it
    (b"One.\n\xe2\x80", 2, 1, 0xE2),  # truncated multi-byte character at the end
])
def test_a_seed_that_is_not_utf8_names_the_file_and_the_place(tmp_path, raw, line, col, byte):
    path = tmp_path / "s.txt"
    path.write_bytes(raw)

    seed, problems = load_seed(path, "seeds/s.txt")

    assert seed is None
    assert [(p.path, p.line, p.col, p.message) for p in problems] == [
        ("seeds/s.txt", line, col, f"file is not valid UTF-8 (byte 0x{byte:02x})")
    ]


def test_a_byte_order_mark_is_not_part_of_the_text(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes("\ufeffdate 2024-05-02 One.".encode())

    seed, problems = load_seed(path, "seeds/s.txt")

    assert problems == []
    assert (seed.date, seed.blocks[0].text) == (dt.date(2024, 5, 2), "One.")


def test_only_txt_files_in_seeds_are_seeds():
    names = [p.name for p in discover_seeds(FIXTURES / "seed-empty")]

    assert names == ["blank.txt", "date-only.txt", "harbour.txt"]


def test_a_corpus_without_a_seeds_folder_has_no_seeds(tmp_path):
    assert discover_seeds(tmp_path) == []
