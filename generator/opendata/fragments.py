""""Read in the original": a link that opens the source article at the quote, through a
text fragment (``https://outlet.example/article#:~:text=...``, WICG "URL Fragment Text
Directives", supported by every major browser since late 2024).

A directive is ``text=[prefix-,]textStart[,textEnd][,-suffix]``; each term is
percent-encoded, ``-``, ``,`` and ``&`` included (they are the directive's own
syntax), and every non-ASCII character as UTF-8. The browser highlights the
*first* passage of the page that matches, so the directive is checked against
the seed (our copy of the article) before it is written:

- a quote of more than ``LONG_WORDS`` words is written ``textStart,textEnd``
  (its first and last ``EDGE_WORDS`` words): shorter links, and a small
  difference of wording in the middle of the outlet's page does not lose it;
- when the first match is not the quote (its words occur earlier, or an earlier
  passage starts and ends with the same words), the words just before it
  (``prefix-,``) and then just after it (``,-suffix``) are added, one at a time,
  up to ``CONTEXT_WORDS``, until the first match is the quote;
- a quote that cannot be made to match first (e.g. it starts inside a word)
  gets a link to the article without a fragment.

The matching mirrors the specification's: case-insensitive, terms start and end
at word boundaries, a prefix or suffix is separated from its term by whitespace
only and never crosses a paragraph, and a start..end range may.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlsplit, urlunsplit

from ..anchor import Anchor
from ..seeds import Seed

LONG_WORDS = 10  # a quote of more words is written textStart,textEnd
EDGE_WORDS = 4  # words in textStart and in textEnd (more when that is not enough)
CONTEXT_WORDS = 5  # at most this many words of prefix, and of suffix
BLOCK_SEPARATOR = "\n\n"  # between the seed's blocks in its text (``seed_text``)


def seed_text(seed: Seed) -> str:
    """The seed's text as the contributor guide defines it: its blocks (paragraphs and
    headings, each its lines joined by single spaces) separated by a blank line. The
    annotations' TextPositionSelector offsets count characters (code points) in it."""
    return _joined(seed)[0]


def seed_offsets(seed: Seed, anchor: Anchor) -> tuple[int, int]:
    """``anchor`` as (start, end) in ``seed_text(seed)``."""
    base = _joined(seed)[1][anchor.block]
    return base + anchor.start, base + anchor.end


@lru_cache(maxsize=256)
def _joined(seed: Seed) -> tuple[str, tuple[int, ...]]:
    starts, at = [], 0
    for block in seed.blocks:
        starts.append(at)
        at += len(block.text) + len(BLOCK_SEPARATOR)
    return BLOCK_SEPARATOR.join(b.text for b in seed.blocks), tuple(starts)


@dataclass(frozen=True)
class TextDirective:
    start: str
    end: str | None = None
    prefix: str | None = None
    suffix: str | None = None

    def fragment(self) -> str:
        """``:~:text=...``, each term percent-encoded."""
        parts = [_encode(self.start)] + ([_encode(self.end)] if self.end else [])
        if self.prefix:
            parts.insert(0, _encode(self.prefix) + "-")
        if self.suffix:
            parts.append("-" + _encode(self.suffix))
        return ":~:text=" + ",".join(parts)


def _encode(term: str) -> str:
    """Percent-encode everything but ASCII letters, digits and ``._~`` (``-`` too: it
    marks a prefix or suffix)."""
    return quote(term, safe="").replace("-", "%2D")


def original_link(url: str | None, seed: Seed, anchor: Anchor) -> str | None:
    """The source ``url`` opened at the quote at ``anchor``; None without a url."""
    if not url:
        return None
    directive = directive_for(seed, anchor)
    parts = urlsplit(url)
    fragment = directive.fragment() if directive else ""
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, fragment))


@lru_cache(maxsize=8192)  # a claim's link is on its page, its brief's JSON-LD and the dataset
def directive_for(seed: Seed, anchor: Anchor) -> TextDirective | None:
    """The shortest directive (in the order tried) whose first match in the seed is the quote."""
    text, starts = _joined(seed)
    target = (starts[anchor.block] + anchor.start, starts[anchor.block] + anchor.end)
    block = seed.blocks[anchor.block].text
    words = block[anchor.start:anchor.end].split()
    before = block[: anchor.start].split()[-CONTEXT_WORDS:]
    after = block[anchor.end:].split()[:CONTEXT_WORDS]
    for start, end in _terms(words):
        for n_prefix, n_suffix in _contexts(len(before), len(after)):
            directive = TextDirective(
                start, end,
                " ".join(before[len(before) - n_prefix:]) if n_prefix else None,
                " ".join(after[:n_suffix]) if n_suffix else None,
            )
            if first_match(text, directive) == target:
                return directive
    return None


def _terms(words: list[str]) -> list[tuple[str, str | None]]:
    if len(words) <= LONG_WORDS:
        return [(" ".join(words), None)]
    tries = []
    for edge in (EDGE_WORDS, 2 * EDGE_WORDS):
        if 2 * edge < len(words):
            tries.append((" ".join(words[:edge]), " ".join(words[-edge:])))
    return tries + [(" ".join(words), None)]


def _contexts(before: int, after: int) -> list[tuple[int, int]]:
    """(prefix words, suffix words): none, then prefixes, then suffixes, then both."""
    out = [(0, 0)] + [(p, 0) for p in range(1, before + 1)] + [(0, s) for s in range(1, after + 1)]
    return out + [(p, s) for p in range(1, before + 1) for s in range(1, after + 1)]


def _term(text: str) -> str:
    """A term as a pattern: its words, separated by any whitespace, case-insensitive."""
    return r"\s+".join(re.escape(word) for word in text.split())


_WORD = r"[^\W_]"  # a letter or digit: terms must not start or end inside a word


def first_match(text: str, directive: TextDirective) -> tuple[int, int] | None:
    """Where a browser would put ``directive`` in ``text`` (blocks separated by blank
    lines): (start, end) of the highlighted passage, or None."""
    inline = r"[^\S\n]+"  # whitespace inside one block
    pattern = f"(?<!{_WORD})"
    if directive.prefix:
        pattern += _term(directive.prefix) + inline
    pattern += f"(?P<hit>{_term(directive.start)}"
    if directive.end:
        pattern += f"(?!{_WORD}).*?(?<!{_WORD}){_term(directive.end)}"
    pattern += f")(?!{_WORD})"
    if directive.suffix:
        pattern += inline + _term(directive.suffix) + f"(?!{_WORD})"
    found = re.search(pattern, text, re.IGNORECASE | re.DOTALL)
    return found.span("hit") if found else None
