"""A Python-Markdown extension that stashes the generator's raw HTML blocks without parsing them.

Python-Markdown finds raw HTML blocks by running the whole page through
``html.parser`` (``HtmlBlockPreprocessor``): every tag of every block goes
through Python callbacks. On generated pages, which are mostly HTML (an
article with its highlighted quotes, lists of linked claims), that was a third
of the build's time. This preprocessor runs first and takes the blocks it can
delimit with certainty -- a block-level tag at the start of a line after a
blank line, closed by the same tag at the end of a line followed by a blank
line, with its nesting counted -- and stores each one exactly as the standard
preprocessor would (same stash text, same placeholder lines). Anything else is
left to the standard preprocessor. So the HTML is the same with or without the
extension (``tests/test_rawhtml.py`` compares both on whole corpora), which
matters because Zensical loads the extensions listed in ``mkdocs.yml`` too.

The nesting count looks only at the outer tag's name. That is exact for
well-formed HTML in which ``<`` never starts text -- true of the generator's
templates, which escape every value. A block whose count never closes, or
that closes mid-line, is left alone.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(?=[\s>/])")
_OPENING: dict[str, re.Pattern[str]] = {}


class RawHtmlBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i, n = 0, len(lines)
        while i < n:
            end = self._block_end(lines, i) if (i == 0 or not lines[i - 1].strip()) else None
            if end is None:
                out.append(lines[i])
                i += 1
                continue
            # As HtmlBlockPreprocessor: a line break, the placeholder, a blank line; the
            # block's text with the newline that ends it.
            placeholder = self.md.htmlStash.store("\n".join(lines[i:end + 1]) + "\n")
            out += ["", placeholder, ""]
            i = end + 1
        return out

    def _block_end(self, lines: list[str], start: int) -> int | None:
        """The index of the block's last line, or None when it is not one this can take."""
        match = _START.match(lines[start])
        if match is None or not self.md.is_block_level(match.group(1).lower()):
            return None
        tag = match.group(1)
        opening = _OPENING.get(tag) or _OPENING.setdefault(tag, re.compile(rf"<{tag}(?=[\s>/])"))
        closing = f"</{tag}>"
        depth = 0
        for j in range(start, len(lines)):
            line = lines[j]
            depth += len(opening.findall(line)) - line.count(closing)
            if depth <= 0:
                # Closed: only at the end of the line, then a blank line that is not the last.
                if depth == 0 and line.endswith(closing) and j + 2 < len(lines) and not lines[j + 1].strip(" "):
                    return j
                return None
        return None


class RawHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Before 'html_block' (priority 20); after 'normalize_whitespace' (30) and after fenced
        # code blocks ('fenced_code_block', 25, which Zensical always adds), whose HTML is code.
        md.preprocessors.register(RawHtmlBlocks(md), "briefs_raw_html", 22)


def makeExtension(**kwargs: object) -> RawHtmlExtension:  # noqa: N802 (Python-Markdown's entry point)
    return RawHtmlExtension(**kwargs)
