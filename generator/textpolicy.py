"""The one text policy for every string a contributor writes: YAML values and seeds.

Refused everywhere (``refusals``):

- control characters (Unicode category Cc) except tab and line feed: C0,
  DEL and C1 (``\\x80``-``\\x9f``, NEXT LINE ``\\x85`` included). Terminals
  act on them, and YAML cannot read most of them back (a generated front
  matter holding one is not YAML any more);
- noncharacters (U+FDD0-U+FDEF, and the last two code points of every plane:
  U+FFFE, U+FFFF, U+1FFFE... U+10FFFF): not text, and YAML cannot read
  U+FFFE/U+FFFF either;
- bidirectional controls: the embeddings, overrides and isolates
  (U+202A-U+202E, U+2066-U+2069) and the marks (U+200E, U+200F, U+061C).
  They make text display differently from what it is ("Trojan Source": a
  quote that matches "serif on" can display as "no fires"). The marks are
  refused too: they cannot reverse letters, but they do reorder numbers and
  punctuation ("10-20" can display as "20-10"), and the site is written
  left to right (``lang="en"``), where they have no honest use;
- surrogates (a YAML ``"\\ud800"`` escape, were a parser to let one through).

A YAML file additionally may not hold a raw U+2028 or U+2029
(``yaml_file_refusals``): YAML reads them as line breaks, editors and review
tools do not, so a line could hold a key that nobody sees ("# note" LS
"seed: other.txt"). Written as the escape ``"\\u2028"`` inside a
double-quoted string, they are allowed (they count as spaces).

Messages and hints come from here, so that a character is described the same
way wherever it is found (and two stages that find the same character at the
same place produce one diagnostic).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_SURROGATES = "\ud800-\udfff"

REFUSED = re.compile(f"[{_CONTROLS}{_NONCHARACTERS}{_BIDI}{_SURROGATES}]")
# In a YAML file: the same, but carriage returns are line breaks (CRLF files), and raw
# line/paragraph separators are refused (YAML reads them as line breaks, editors do not).
_YAML_FILE_REFUSED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_NONCHARACTERS}{_BIDI}\u2028\u2029]")
# Characters a YAML parser cannot read, or reads as a line break where an editor
# shows none: a file holding one is not parsed at all (its other problems would be
# about a different file from the one the contributor sees).
_UNPARSABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u2028\u2029]")

# Invisible characters that are allowed (soft hyphen, zero-width space and joiners,
# word joiner, variation selectors...), plus every refused one: shown as \\uXXXX in
# diagnostics, so that a contributor sees what a passage really holds.
INVISIBLE = re.compile(
    f"[{_CONTROLS}\t\n{_NONCHARACTERS}{_BIDI}{_SURROGATES}\u2028\u2029\u00ad\u034f\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200d\u2060-\u2064\u206a-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\U000e0000-\U000e0fff]"
)

MAX_REPORTED = 20  # per file: a file full of junk gets this many diagnostics and a count of the rest

_NAMES = {  # control characters have no Unicode name
    "\x00": "NUL", "\x07": "BELL", "\x08": "BACKSPACE", "\x0b": "VERTICAL TAB", "\x0c": "FORM FEED",
    "\r": "CARRIAGE RETURN", "\x1b": "ESCAPE", "\x7f": "DELETE", "\x85": "NEXT LINE",
}


def char_name(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE'; 'U+0085 NEXT LINE'; 'U+0090' when unnamed."""
    name = _NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


@dataclass(frozen=True)
class Refusal:
    """A refused character at ``offset`` in the text that was checked."""

    offset: int
    char: str

    @property
    def message(self) -> str:
        return refusal_message(self.char)

    @property
    def hint(self) -> str:
        return refusal_hint(self.char)


def refusal_message(char: str) -> str:
    what = char_name(char)
    if char in "\u2028\u2029":
        return f"{what} is a line break for YAML but not for editors, so the file would not read as it shows"
    if REFUSED.fullmatch(char) is None:
        raise ValueError(f"{what} is not refused")
    category = unicodedata.category(char)
    if category == "Cc":
        return f"control character {what} is not allowed"
    if category == "Cs":
        return f"{what} is half of a character (a lone surrogate), not text"
    if category == "Cf":
        return (f"bidirectional control character {what} is not allowed"
                " (it can make text display differently from what it is)")
    return f"{what} is a Unicode noncharacter, not text"


def refusal_hint(char: str) -> str:
    if char in "\u2028\u2029":
        return "replace it with a space or a new line"
    if char == "\r":
        return "delete it; write a new line as a real line break"
    return "delete it; annotations and seeds are plain text"


def refusals(text: str) -> Iterator[Refusal]:
    """Every refused character of a string (a YAML value, a seed), in order."""
    for m in REFUSED.finditer(text):
        yield Refusal(m.start(), m.group())


def first_refusal(text: str) -> Refusal | None:
    m = REFUSED.search(text)
    return Refusal(m.start(), m.group()) if m else None


def yaml_file_refusals(text: str) -> Iterator[Refusal]:
    """Every character refused in the raw text of a YAML file (comments and keys included)."""
    for m in _YAML_FILE_REFUSED.finditer(text):
        yield Refusal(m.start(), m.group())


def unparsable(char: str) -> bool:
    """A character that a YAML parser cannot read or reads as a line break no editor shows."""
    return _UNPARSABLE.fullmatch(char) is not None


def editor_pos(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of ``offset`` as an editor counts: lines end at LF, CRLF or CR.

    Columns count code points, like YAML parsers and most editors' status bars.
    """
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    if "\r" in text:  # lone carriage returns (old Mac files) end lines too
        lone = [i for i in range(start, offset) if text[i] == "\r"]
        line += text.count("\r", 0, start) - text.count("\r\n", 0, start) + len(lone)
        if lone:
            start = lone[-1] + 1
    return line, offset - start + 1


def show_invisible(text: str) -> str:
    """``text`` with every invisible character written as ``\\uXXXX`` (``\\n``, ``\\t`` for those two)."""

    def show(m: re.Match[str]) -> str:
        char = m.group()
        if char == "\n":
            return "\\n"
        if char == "\t":
            return "\\t"
        if char == "\r":
            return "\\r"
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 and unicodedata.category(char) == "Cc" else (
            f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")

    return INVISIBLE.sub(show, text)


def invisible_names(text: str) -> list[str]:
    """The distinct invisible characters of ``text``, named, in order of appearance."""
    seen: dict[str, None] = {}
    for m in INVISIBLE.finditer(text):
        seen.setdefault(m.group(), None)
    return [char_name(c) for c in seen]
