"""Parse seed articles (``seeds/<name>.txt``) into headings and paragraphs.

The format (spec §1): an optional ``date YYYY-MM-DD`` header followed by the
first paragraph on the same line; paragraphs separated by blank lines; a short,
single-line paragraph without sentence-final punctuation is a section heading.
The text itself is never changed: a block's ``text`` is its lines joined by
single spaces, exactly what the brief page shows and what quotes anchor to.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .diagnostics import Diagnostic
from .load import read_text
from .textpolicy import MAX_REPORTED, refusals

SEED_SUFFIXES = (".txt",)
MAX_SEED_BYTES = 2 * 1024 * 1024
HEADING_MAX_CHARS = 100
# Sentence-final punctuation: a block ending in one of these is prose, not a heading.
_SENTENCE_END = tuple('.!?:;"\u201d\u2019\u00bb')
_DATE_HEADER = re.compile(r"\A[ \t\r\n\ufeff]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|[ \t]*(?=\n)|[ \t]*\Z)")
# "Date 2024-05-01", "date 01-05-2024", "date: 2024-05-01": meant as a header, but not one.
_LOOKS_LIKE_HEADER = re.compile(r"\A[ \t\r\n\ufeff]*((?i:date)\s*:?\s*[0-9][0-9./-]{5,9}[0-9])")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Block:
    kind: Literal["heading", "paragraph"]
    text: str
    line: int  # where the block starts in the seed file (1-based)


@dataclass(frozen=True)
class Seed:
    name: str  # file name, as briefs refer to it
    path: str  # relative to the corpus root
    date: dt.date | None
    blocks: tuple[Block, ...]

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == "paragraph")


def read_seed(path: Path, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """A seed's text, read safely (no links, size cap, UTF-8), or why it cannot be read."""
    return read_text(path, rel, max_bytes=MAX_SEED_BYTES,
                     too_big_hint="a seed holds one article; this is far longer than one")


def load_seed(path: Path, rel: str) -> tuple[Seed | None, list[Diagnostic]]:
    text, problems = read_seed(path, rel)
    if text is None:
        return None, problems
    return parse_seed(text, path.name, rel)


def parse_seed(text: str, name: str, rel: str) -> tuple[Seed | None, list[Diagnostic]]:
    """Split a seed's text into blocks; report a bad date header, refused characters or emptiness.

    Refused characters (``textpolicy.py``: controls, noncharacters, bidirectional
    controls) are reported one by one, at their line and column.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems: list[Diagnostic] = []
    for nth, refused in enumerate(refusals(text)):
        line, col = _line_col(text, refused.offset)
        if nth == MAX_REPORTED:
            problems.append(Diagnostic(rel, line, col, "and more refused characters from here on",
                                       "is this really a text file?"))
            break
        problems.append(Diagnostic(rel, line, col, refused.message, refused.hint))

    date: dt.date | None = None
    body_start = 0
    header = _DATE_HEADER.match(text)
    if header:
        body_start = header.end()
        try:
            date = dt.date.fromisoformat(header.group(1))
        except ValueError:
            line, col = _line_col(text, header.start(1))
            problems.append(Diagnostic(rel, line, col, f"seed date header '{header.group(1)}' is not a valid date",
                                       "write it as YYYY-MM-DD, e.g. 'date 2024-03-24'"))

    elif found := _LOOKS_LIKE_HEADER.match(text):
        line, col = _line_col(text, found.start(1))
        problems.append(Diagnostic(rel, line, col, f"seed starts with '{found.group(1)}', not a date header",
                                   "write the header as 'date YYYY-MM-DD' (lowercase 'date', ISO date), "
                                   "e.g. 'date 2024-03-24'"))

    blocks = tuple(_split_blocks(text, body_start))
    if not blocks:
        problems.append(Diagnostic(rel, 1, 1, "seed is empty", "a seed holds the article text"))
    if problems:
        return None, problems
    return Seed(name=name, path=rel, date=date, blocks=blocks), []


def _split_blocks(text: str, start: int):
    pos = start
    for separator in [*_BLANK_LINE.finditer(text, start), None]:
        end = separator.start() if separator else len(text)
        chunk = text[pos:end]
        lines = [line.strip() for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            first_line = text.count("\n", 0, pos + (len(chunk) - len(chunk.lstrip()))) + 1
            joined = " ".join(lines)
            yield Block(_kind(lines, joined), joined, first_line)
        if separator:
            pos = separator.end() - 1  # keep the newline so line counts stay right


def _kind(lines: list[str], joined: str) -> Literal["heading", "paragraph"]:
    if (
        len(lines) == 1
        and len(joined) < HEADING_MAX_CHARS
        and not joined.endswith(_SENTENCE_END)
    ):
        return "heading"
    return "paragraph"


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def discover_seeds(root: Path) -> list[Path]:
    seeds_dir = root / "seeds"
    if not seeds_dir.is_dir():
        return []
    return sorted(p for p in seeds_dir.iterdir() if p.is_file() and p.suffix in SEED_SUFFIXES)
