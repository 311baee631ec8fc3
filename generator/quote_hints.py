"""What ``briefs check`` says when a quote is not where it should be.

A quote that is not found gets the closest passage of the article, the first
character where the two differ (in words, and in the text format a caret
under it), and what kind of difference it is when that is known: only the
letter case, only accents, a paragraph break crossed, characters cut in two.
Text is shown between quote marks it does not contain, so a passage ending
in a quote mark never shows a doubled closing mark.
"""

from __future__ import annotations

import unicodedata

from wcwidth import wcwidth

from .anchor import _FOLD, Ambiguous, Anchor, AnchorResult, NotFound, OccurrenceOutOfRange
from .diagnostics import Diagnostic, visible
from .load import Pos
from .textpolicy import invisible_names

ELLIPSIS = "\u2026"
# Delimiters for text shown in a message, first one the text does not contain.
_DELIMITERS = (('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u2039", "\u203a"), ("\u300c", "\u300d"))


def quoted(text: str) -> str:
    """``text`` between quote marks that do not occur in it ("…", then “…”, «…»…)."""
    for opening, closing in _DELIMITERS:
        if opening not in text and closing not in text:
            return f"{opening}{text}{closing}"
    return f"\u300c{text}\u300d"  # a passage holding every kind of quote mark: the last resort


def _comparable(text: str) -> str:
    """One character for one: composed, quote marks and dashes folded (as matching folds them)."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _common(a: str, b: str) -> int:
    """Length of the common start of ``a`` and ``b``, quote marks and dashes folded."""
    n = 0
    for x, y in zip(a.translate(_FOLD), b.translate(_FOLD)):
        if x != y:
            break
        n += 1
    return n


_OPENING = "\"'\u201c\u2018\u00ab\u2039(["
ALIGN_MIN = 12  # characters a later start of the passage must share with the quote to be where it starts


def first_difference(quote: str, passage: str, following: str = "") -> tuple[str, int] | None:
    """Where ``quote`` parts from the article: (the article's text from the word where the quote
    starts in ``passage``, index of the first differing character in it); None when they agree.

    The passage may start a few words before the quote: the comparison starts at the word of
    ``passage`` that shares the longest start with the quote, and runs on into ``following``
    (the rest of the paragraph), so the difference is found even past the passage's end.
    """
    q = _comparable(quote)
    p = _comparable(passage)
    text = _comparable(f"{passage} {following}") if following else p
    opening = len(p) - len(p.lstrip(_OPENING))  # an article's quote mark the quote left out
    first = max((0, opening), key=lambda i: (_common(q, text[i:]), -i))
    starts = [i + 1 for i, c in enumerate(p) if c == " "]
    best = max(starts, key=lambda i: (_common(q, text[i:]), -i), default=first)
    if _common(q, text[best:]) < max(min(ALIGN_MIN, len(q)), _common(q, text[first:]) + 1):
        best = first  # no later word shares enough with the quote's start: they part from the start
    at = _common(q, text[best:])
    if at >= len(q):
        return None
    return text[best:], at


def _word_at(text: str, i: int) -> str:
    if i >= len(text):
        return ""
    start = text.rfind(" ", 0, i) + 1
    end = text.find(" ", i)
    return text[start : end if end != -1 else len(text)]


def _width(text: str) -> int:
    """Terminal columns ``text`` takes once printed (escapes included, marks counting zero)."""
    return sum(max(wcwidth(c), 0) for c in visible(text))


SHOWN_MAX = 160  # characters of the quote and of the article shown above the caret


def difference(quote: str, passage: str, following: str = "") -> tuple[str, tuple[str, ...]]:
    """(words for the hint, detail lines with a caret) for a quote and its closest passage."""
    found = first_difference(quote, passage, following)
    if found is None:
        return "", ()
    text, at = found
    q = _comparable(quote)
    passage_end = len(text) - len(_comparable(following)) - 1 if following else len(text)
    ours, theirs = _word_at(q, at), _word_at(text, at)
    if theirs:
        words = f"where the quote has {quoted(ours)}, the article has {quoted(theirs)}"
    else:
        words = f"the quote goes on with {quoted(ours)} where the article's paragraph ends"
    end = text.find(" ", at + 1)
    shown = text[: max(passage_end, end if end != -1 else len(text))]
    if len(shown) > SHOWN_MAX or len(q) > SHOWN_MAX:
        return words, ()  # too long to line up on a terminal: the words say it
    shown_q, shown_p = quoted(q), quoted(shown)
    lead = "article: " + shown_p[0]
    return words, ("quote:   " + shown_q, "article: " + shown_p, " " * _width(lead + shown[:at]) + "^")


def quote_problem(path: str, pos: Pos, label: str, seed_name: str, result: AnchorResult, quote: str,
                  occurrence: int | None, occurrence_pos: Pos) -> Diagnostic:
    """The diagnostic for a quote that does not anchor (``label``: "claim 'x': quote")."""
    detail: tuple[str, ...] = ()
    if isinstance(result, NotFound):
        if result.spans_blocks:
            if result.crossing:
                before, after = result.crossing
                message = (f"{label} crosses a paragraph break of seed {seed_name}, between "
                           f"{quoted(ELLIPSIS + before)} and {quoted(after + ELLIPSIS)}")
            else:
                message = f"{label} spans more than one paragraph of seed {seed_name}"
            hint = "a quote must lie within one paragraph; quote the words on one side of the break, or split the claim"
        elif result.splits_characters:
            message = (f"{label} not found in seed {seed_name} as whole characters: it occurs only inside"
                       " characters made of several code points (a flag, an emoji sequence, a letter with its marks)")
            hint = f"quote whole characters; the article has {quoted(result.closest)} there"
        elif result.accents_only:
            what = "accents and letter case differ" if result.case_only else "accents differ"
            message = f"{label} not found in seed {seed_name}: only {what}"
            hint = f"quote the article's letters as they are; it has {quoted(result.closest)}"
        elif result.case_only:
            message = f"{label} not found in seed {seed_name}: only the letter case differs"
            hint = f"matching is case-sensitive; the article has {quoted(result.closest)}"
        else:
            message = f"{label} not found in seed {seed_name}"
            hint = f"closest passage: {quoted(result.closest)}" if result.closest else ""
            hidden = invisible_names(result.closest)
            if hidden:
                hint += (f" (it holds invisible characters, shown as \\uXXXX: {', '.join(hidden)};"
                         " write them the same way inside a double-quoted YAML string)")
            if result.closest:
                words, detail = difference(quote, result.closest, result.following)
                if words:
                    hint += f"; {words}"
    elif isinstance(result, Ambiguous):
        message = f"{label} occurs {result.count} times in seed {seed_name}"
        hint = f"add 'occurrence: N' (1 to {result.count}) to pick one, or quote more words"
    else:
        assert isinstance(result, OccurrenceOutOfRange)
        pos = occurrence_pos
        message = (f"{label} occurs {result.count} time{'s' if result.count != 1 else ''},"
                   f" so occurrence {occurrence} does not exist")
        hint = (f"use an occurrence from 1 to {result.count}" if result.count > 1
                else "remove 'occurrence': the quote occurs once")
    return Diagnostic(path, pos.line, pos.col, message, hint, detail=detail)


__all__ = ["Anchor", "difference", "first_difference", "quote_problem", "quoted"]
