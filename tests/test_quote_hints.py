"""What `briefs check` says about a quote that is not where it should be: the first
difference (in words, and a caret in the text format), only accents, a paragraph break,
text between quote marks it does not hold; and a quote mark that ends a YAML value early."""

from __future__ import annotations

import pytest

from generator.anchor import NotFound, find_quote
from generator.diagnostics import Diagnostic
from generator.load import load_yaml_text
from generator.quote_hints import difference, quoted
from generator.seeds import parse_seed

from conftest import HARBOUR_SEED


def make_seed(text):
    seed, problems = parse_seed(text, "s.txt", "seeds/s.txt")
    assert problems == []
    return seed


HARBOUR = make_seed(HARBOUR_SEED)


@pytest.mark.parametrize("text, shown", [
    ("plain words", '"plain words"'),
    ('ends with a quote mark."', '\u201cends with a quote mark."\u201d'),
    ('"both" and \u201ccurly\u201d', '\u00ab"both" and \u201ccurly\u201d\u00bb'),
])
def test_text_is_shown_between_quote_marks_it_does_not_hold(text, shown):
    assert quoted(text) == shown
    assert not shown.endswith('""') and not shown.endswith("\u201d\u201d")


@pytest.mark.parametrize("quote, passage, following, words, caret_under", [
    ("the terminal will cost", "the terminal would cost", "", 'where the quote has "will", the article has "would"',
     "o"),
    # The passage starts earlier than the quote: compared from where the quote starts.
    ('had arrived "three weeks late"', "frame had arrived \u201cthree months late\u201d.", "",
     'where the quote has "weeks", the article has "months"', "m"),
    # A quote mark the quote leaves out is a difference too (only their kind is folded).
    ("had arrived three months late", "frame had arrived \u201cthree months late\u201d.", "",
     'where the quote has "three", the article has "\u201cthree"', "\u201c"),
    # The difference lies past the passage's end: the rest of the paragraph is compared too.
    ("a stab in the front", "a stab in the", 'back". Its commander',
     'where the quote has "front", the article has \u201cback".\u201d', "b"),
    # Quote marks and dashes are not differences (matching folds them).
    ('open "before the winter"', "open \u201cbefore the summer\u201d", "",
     'where the quote has \u201cwinter"\u201d, the article has "summer\u201d"', "s"),
])
def test_the_first_difference_is_named_and_marked(quote, passage, following, words, caret_under):
    said, lines = difference(quote, passage, following)

    assert said == words
    quote_line, article_line, caret_line = lines
    assert quote_line.startswith("quote:   ") and article_line.startswith("article: ")
    assert set(caret_line) == {" ", "^"} and caret_line.endswith("^")
    assert article_line[len(caret_line) - 1] == caret_under


def test_the_caret_counts_wide_characters_as_two_columns():
    _, lines = difference("東京の港は遅れた", "東京の港は開いた")
    article, caret = lines[1], lines[2]
    # 9 columns of "article: " and the opening mark, then 5 wide characters (10 columns).
    assert article.index("開") == 15 and len(caret) - 1 == 10 + 10


def test_the_text_format_prints_the_caret_lines_indented_and_github_one_line():
    problem = Diagnostic("briefs/a.yml", 3, 12, "quote not found", "closest passage: ...", detail=("x", "  ^"))

    assert problem.format_text().splitlines() == [
        "briefs/a.yml:3:12: error: quote not found; closest passage: ...", "  x", "    ^"]
    assert problem.format_github() == "::error file=briefs/a.yml,line=3,col=12::quote not found; closest passage: ..."


def test_detail_lines_are_escaped_like_the_problem_line():
    problem = Diagnostic("a.yml", 1, 1, "m", detail=("article: \x1b[31mred\u202e",))
    assert problem.format_text().splitlines()[1] == "  article: \\x1b[31mred\\u202e"


@pytest.mark.parametrize("quote, article", [
    ("President Recep Tayyip Erdogan", "President Recep Tayyip Erdo\u011fan"),
    ("Lars Lokke Rasmussen", "Lars L\u00f8kke Rasmussen"),  # a letter with a stroke does not decompose
    ("Lech Walesa", "Lech Wa\u0142\u0119sa"),
    ("Ibrahim Kalin", "\u0130brahim Kal\u0131n"),  # dotted capital, dotless small i
])
def test_only_accents_differ(quote, article):
    seed = make_seed(f"date 2024-05-02 Officials said {article} spoke on Thursday.\n")

    assert find_quote(seed, quote) == NotFound(article, accents_only=True)


def test_a_transliteration_is_not_an_accent():
    seed = make_seed("date 2024-05-02 Officials in \u041c\u043e\u0441\u043a\u0432\u0430 said so.\n")
    result = find_quote(seed, "Officials in Moskva")
    assert isinstance(result, NotFound) and not result.accents_only


def test_a_paragraph_break_is_named_by_the_words_on_both_sides():
    result = find_quote(HARBOUR, "no further delays were expected. Opposition councillor")

    assert result.spans_blocks and result.crossing == ("further delays were expected.", "Opposition councillor Tom\u00e1s Berg")


def test_a_quote_that_skips_a_heading_crosses_the_break_between_the_paragraphs():
    result = find_quote(HARBOUR, "a promise they have made twice before. The city\u2019s transport office")

    assert result.spans_blocks and result.crossing == ("have made twice before.", "The city\u2019s transport office")


# -- a quote mark that ends a quoted YAML value ----------------------------------------------------


@pytest.mark.parametrize("line, col, begun, style", [
    ('statement: "He said "no" to it"', 21, 12, "straight \""),
    ('statement: "Peace Spring" is its name', 25, 12, "straight \""),
    ("statement: 'the president's decision'", 26, 12, "'"),
    ('tags: ["a"b, c]', 10, 8, "straight \""),
])
def test_a_quote_mark_that_ends_the_text_early_is_named_with_the_fix(line, col, begun, style):
    loaded, problems = load_yaml_text(f"seed: a.txt\n{line}\n", "briefs/x.yml")

    assert loaded is None
    [problem] = problems
    assert (problem.line, problem.col) == (2, col)
    assert problem.message.startswith(f"YAML syntax error: this {style} ends the")
    assert f"begun at column {begun}" in problem.message
    assert ("\\\"" in problem.hint) if style.startswith("straight") else ("''" in problem.hint)


def test_other_syntax_errors_keep_their_own_message():
    _, problems = load_yaml_text("seed: a.txt\ntitle: a: b\n", "briefs/x.yml")
    assert problems[0].message.startswith("YAML syntax error: mapping values are not allowed")


def test_a_quoted_text_left_open_is_named_where_it_starts():
    text = 'seed: a.txt\nclaims:\n  - statement: "ISIS remains a danger.\n    quote: "ongoing danger"\n'
    _, [problem] = load_yaml_text(text, "briefs/x.yml")

    assert (problem.line, problem.col) == (3, 16)
    assert "has no closing \" on its line, so it runs on to the \" at line 4, column 12" in problem.message
    assert problem.hint.startswith("close the text on its own line")
