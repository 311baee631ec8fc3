"""Advice on how a YAML file is written: leftover ``TODO`` text from ``briefs new``,
and unquoted text cut short by `` #`` (YAML reads the rest of the line as a comment).

Both are warnings: the file is valid YAML that says something other than what
the contributor meant. Positions come from the loader's marks (``load.py``).
"""

from __future__ import annotations

import re
from typing import Any, Iterator

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


def _strings(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every string value with its path (iterative: the loader bounds depth, but never recurse on input)."""
    stack: list[tuple[Path_, Any]] = [(path, data)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, str):
            yield here, value
        elif isinstance(value, dict):
            stack.extend((here + (k,), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((here + (i,), v) for i, v in reversed(list(enumerate(value))))


def todo_warnings(loaded: LoadedYAML) -> list[Diagnostic]:
    """A warning for each value that still holds ``TODO`` (the placeholders of ``briefs new``)."""
    out = []
    for path, value in _strings(loaded.data):
        if TODO.search(value):
            pos = loaded.pos(path)
            out.append(Diagnostic(loaded.path, pos.line, pos.col,
                                  f"'{_key(path)}' still holds TODO text from 'briefs new': \"{_clip(value)}\"",
                                  "replace it with your own text, or delete the key if it is optional",
                                  severity="warning"))
    return out


def cut_warnings(loaded: LoadedYAML) -> list[Diagnostic]:
    """A warning for each unquoted prose value followed by `` #word`` on its line."""
    out = []
    for path, event in loaded.scalars.items():
        if event.style or _key(path) not in PROSE_KEYS:
            continue  # quoted, folded or literal text keeps its '#'; ids and choices may carry comments
        m = _CUT.match(loaded.text, event.end_mark.index)
        if m is None:
            continue
        hash_at = m.start(1) - 1
        line, col = editor_pos(loaded.text, hash_at)
        comment = "#" + m.group(1).rstrip()
        out.append(Diagnostic(loaded.path, line, col,
                              f"YAML reads \"{_clip(comment)}\" as a comment: the unquoted text of '{_key(path)}'"
                              f" stops before it, at \"{_clip(event.value)}\"",
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
