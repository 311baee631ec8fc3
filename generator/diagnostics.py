"""Diagnostics are data: collected by every stage, printed once at the edge."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]

from .textpolicy import show_invisible

# Characters that a terminal or a log viewer would act on (escape sequences, NUL,
# line breaks), that reorder text (bidi controls) or that cannot be seen (soft
# hyphens, zero-width spaces): shown as \xNN / \uNNNN, so a diagnostic is always
# one inert line that shows what the text really holds.
# A file name that is not UTF-8 reaches Python with each bad byte as a lone surrogate
# (U+DC80-U+DCFF); printed raw it is a traceback or a raw byte in the CI log.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _surrogate(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def _visible(text: str) -> str:
    return show_invisible(_SURROGATE.sub(_surrogate, text))


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, at a place a contributor can jump to.

    ``line`` and ``col`` are 1-based, like editors and compilers count them.
    ``path`` is relative to the corpus root and uses forward slashes.
    """

    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    severity: Severity = "error"  # a "warning" is advice: it never fails a check or a build

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format_text(self) -> str:
        """One line, always: control characters from the input are shown escaped (\\x0a)."""
        text = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        if self.hint:
            text += f"; {self.hint}"
        return _visible(text)

    def format_github(self) -> str:
        # GitHub workflow commands: '%', CR and LF must be escaped in the message,
        # and ',' / ':' additionally in property values.
        message = _visible(self.message + (f"; {self.hint}" if self.hint else ""))
        return (
            f"::{self.severity} file={_escape_property(_visible(self.path))},line={self.line},col={self.col}"
            f"::{_escape_data(message)}"
        )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, line and column; exact duplicates dropped."""
    return sorted(set(diagnostics))


class CorpusError(Exception):
    """Raised at the edge when a corpus has problems; carries all of them."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sort_diagnostics(diagnostics)
        super().__init__("\n".join(d.format_text() for d in self.diagnostics))
