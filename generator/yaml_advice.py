"""Advice on how a YAML file is written: leftover ``TODO`` text from ``briefs new``,
and unquoted text cut short by `` #`` (YAML reads the rest of the line as a comment).

Both are warnings: the file is valid YAML that says something other than what
the contributor meant. Positions come from the loader's marks (``load.py``).
"""

from __future__ import annotations

import re

from .diagnostics import Diagnostic
from .load import LoadedYAML, Path_, Pos
from .textpolicy import editor_pos

TODO = re.compile(r"\bTODO\b")
# Keys whose value is prose, where a '#' belongs to the text (a hashtag, "#1"), not to a comment.
PROSE_KEYS = frozenset({"title", "summary", "statement", "quote", "note", "role", "description", "name",
                        "headline", "publisher", "author", "aliases"})
# After an unquoted value: a space, then '#' directly followed by a letter or digit ("#PeaceSpring",
# "#1"). A comment is written '# like this' (a space after the '#'), and is left alone.
_CUT = re.compile(r"[ \t]+#(?=[^\W_])([^\n\r]*)")
SHOWN = 60  # characters of a value or comment shown in a message


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1].rstrip() + "\u2026"


def _key(path: Path_) -> str:
    return next((str(p) for p in reversed(path) if isinstance(p, str)), "")


def file_warnings(loaded: LoadedYAML) -> list[Diagnostic]:
    """Leftover TODO text, and unquoted prose cut short by ' #word', in one pass over the
    file's scalar values (the loader keeps each one's parser event)."""
    out = []
    text = loaded.text
    for path, event in loaded.scalars.items():
        value = event.value
        if "TODO" in value and TODO.search(value):
            pos = loaded.pos(path)
            out.append(Diagnostic(loaded.path, pos.line, pos.col,
                                  f"'{_key(path)}' still holds TODO text from 'briefs new': \"{_clip(value)}\"",
                                  "replace it with your own text, or delete the key if it is optional",
                                  severity="warning"))
        end = event.end_mark.index
        if event.style or text[end : end + 1] not in (" ", "\t"):
            continue  # quoted, folded or literal text keeps its '#'; most values end their line
        m = _CUT.match(text, end)
        if m is None or _key(path) not in PROSE_KEYS:
            continue  # ids and choices may carry comments
        line, col = editor_pos(text, m.start(1) - 1)
        comment = "#" + m.group(1).rstrip()
        out.append(Diagnostic(loaded.path, line, col,
                              f"YAML reads \"{_clip(comment)}\" as a comment: the unquoted text of '{_key(path)}'"
                              f" stops before it, at \"{_clip(value)}\"",
                              "put the whole value in double quotes to keep the '#' and what follows",
                              severity="warning"))
    return out


def phrase_pos(loaded: LoadedYAML, path: Path_, value: str, start: int, end: int) -> Pos:
    """Where ``value[start:end]`` (words of a string value) is written in the file.

    The words are looked for in the scalar's source, whitespace and line
    folding allowed between them; the nth occurrence in the value is the nth in
    the source. Falls back to the value's start (e.g. words written with escapes).
    """
    event = loaded.scalars.get(tuple(path))
    if event is None:
        return loaded.pos(path)
    words = value[start:end].split()
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    if pattern is None:
        return loaded.pos(path)
    nth = sum(1 for m in pattern.finditer(value) if m.start() < start)
    source = loaded.text[event.start_mark.index : event.end_mark.index]
    found = list(pattern.finditer(source))
    if nth >= len(found):
        return loaded.pos(path)
    return Pos(*editor_pos(loaded.text, event.start_mark.index + found[nth].start()))
