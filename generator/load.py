"""Read YAML safely and keep the position of every key and value.

PyYAML's constructors are bypassed entirely: we consume the parser's *events*
(the C parser when available) and build plain ``dict``/``list``/``str``/``None``
values ourselves. That gives us, in one streaming pass:

- no object-constructing tags (any explicit tag but ``!!str`` is an error),
- duplicate keys rejected (``id`` and ``"id"`` are the same key),
- scalars kept as the text the contributor wrote: ``2024-03-24``, ``no``,
  ``10:00`` and ``0555`` stay strings (the model decides what is valid),
- alias expansion bounded by a node budget (no "billion laughs"),
- nesting bounded without recursion (no ``RecursionError`` at 5,000 levels),
- a file-size cap checked before reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .diagnostics import Diagnostic
from .textpolicy import MAX_REPORTED, REFUSED, editor_pos, unparsable, yaml_file_refusals

try:  # the C parser is ~10x faster; marks and events are the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_NODES = 200_000

Path_ = tuple[str | int, ...]

_NULLS = {"", "~", "null", "Null", "NULL"}
_STR_TAGS = {"!", "tag:yaml.org,2002:str"}


class Pos(NamedTuple):
    line: int
    col: int


@dataclass(frozen=True)
class LoadedYAML:
    """A YAML document as plain data, with 1-based positions.

    ``values[path]`` is where the value at ``path`` starts; ``keys[path]`` is
    where the key naming ``path`` is written (for mapping entries). Both hold
    the parser's marks as they come (0-based); ``pos`` turns one into a
    ``Pos`` only when a diagnostic needs it.
    """

    path: str
    data: Any
    values: dict[Path_, Any] = field(repr=False)
    keys: dict[Path_, Any] = field(repr=False)
    scalars: dict[Path_, Any] = field(default_factory=dict, repr=False)  # the parser's scalar events
    text: str = field(default="", repr=False)  # the file as read

    def pos(self, path: Path_, *, key: bool = False) -> Pos:
        """The position of ``path``, falling back to its nearest located ancestor."""
        path = tuple(path)
        if key and path in self.keys:
            return _pos(self.keys[path])
        while path:
            if path in self.values:
                return _pos(self.values[path])
            path = path[:-1]
        return _pos(self.values[()]) if () in self.values else Pos(1, 1)

    def char_pos(self, path: Path_, nth: int) -> Pos:
        """Where the ``nth`` refused character (``textpolicy.REFUSED``) of the string at
        ``path`` is written: the character itself, or the escape (``\\x80``) that makes it.

        Folding and escapes change the length of a value but never produce or
        remove a refused character, so the nth one in the value is the nth one
        written in the scalar's source. Falls back to the value's start.
        """
        event = self.scalars.get(tuple(path))
        if event is None:
            return self.pos(path)
        start, end = event.start_mark.index, event.end_mark.index
        source = self.text[start:end]
        if event.style == '"':
            offsets = [i for i, char in _double_quoted(source) if REFUSED.fullmatch(char)]
        else:
            offsets = [m.start() for m in REFUSED.finditer(source)]
        if nth >= len(offsets):
            return self.pos(path)
        return Pos(*editor_pos(self.text, start + offsets[nth]))


class _Problem(Exception):
    def __init__(self, pos: Pos, message: str, hint: str = ""):
        super().__init__(message)
        self.pos, self.message, self.hint = pos, message, hint


def _pos(mark: Any) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


_BOM = b"\xef\xbb\xbf"
# YAML double-quoted escapes (YAML 1.1 as libyaml reads them): the character each one makes.
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
            "L": "\u2028", "P": "\u2029"}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def _double_quoted(source: str) -> Any:
    """(offset in ``source``, character) for each character a double-quoted scalar's
    source makes: raw characters stand for themselves, an escape for what it means."""
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            code = source[i + 1]
            if code in _HEX_ESCAPES:
                digits = source[i + 2 : i + 2 + _HEX_ESCAPES[code]]
                try:
                    yield i, chr(int(digits, 16))
                except ValueError:  # not an escape libyaml accepts: it reported a syntax error
                    pass
                i += 2 + len(digits)
                continue
            if code in _ESCAPES:
                yield i, _ESCAPES[code]
            i += 2  # an escaped line break makes nothing
            continue
        yield i, char
        i += 1


def read_text(path: Path, rel: str, *, max_bytes: int = MAX_FILE_BYTES,
              too_big_hint: str = "split it into smaller files") -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 file (BOM allowed) with a size cap; undecodable bytes are located.

    Symbolic links are refused unread: a pull request can add one, and following
    it would publish (or print in the CI log) any file of the build machine.
    """
    if path.is_symlink() or any(parent.is_symlink() for parent in path.parents[:2]):
        return None, [Diagnostic(rel, 1, 1, "symbolic links are not allowed in a corpus",
                                 "commit the file itself, not a link to it")]
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Diagnostic(rel, 1, 1, f"cannot read file: {exc.strerror}")]
    if size > max_bytes:
        return None, [
            Diagnostic(rel, 1, 1, f"file is {size:,} bytes; the limit is {max_bytes:,} bytes", too_big_hint)
        ]
    try:
        raw = path.read_bytes()
    except OSError as exc:  # unreadable (permissions), a folder, gone meanwhile...
        return None, [Diagnostic(rel, 1, 1, f"cannot read file: {exc.strerror or exc}",
                                 "make it a plain file readable by the user running briefs")]
    if raw.startswith(_BOM):  # columns count from the first visible character
        raw = raw[len(_BOM):]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return None, [
            Diagnostic(rel, line, col, f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                       "save the file as UTF-8")
        ]


def load_yaml_file(path: Path, rel: str) -> tuple[LoadedYAML | None, list[Diagnostic]]:
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    return load_yaml_text(text, rel)


def load_yaml_text(text: str, rel: str) -> tuple[LoadedYAML | None, list[Diagnostic]]:
    """Parse one YAML document. Returns the data (or None) and what is wrong with the file.

    The text policy (``textpolicy.py``) is checked on the raw text first, comments
    and keys included: every refused character is reported at its line and
    column. When one of them would change how YAML reads the file (a control
    character, a line separator that no editor shows as a line break), the
    file is not parsed: what the parser would find is not what the contributor
    sees. Otherwise parsing goes on, so that the file's other problems are
    reported in the same run.
    """
    problems, parsable = _character_problems(text, rel)
    if not parsable:
        return None, problems
    builder = _Builder(rel)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except _Problem as p:
        return None, problems + [Diagnostic(rel, p.pos.line, p.pos.col, p.message, p.hint)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark) if mark else Pos(1, 1)
        message = f"YAML syntax error: {exc.problem or exc.context}"
        if exc.context and exc.problem:
            message += f" ({exc.context}"
            opened = exc.context_mark
            if opened is not None and (opened.line, opened.column) != (mark.line, mark.column):
                message += f" at line {opened.line + 1}, column {opened.column + 1}"
            message += ")"
        return None, problems + [Diagnostic(rel, pos.line, pos.col, message, _syntax_hint(exc, text, mark))]
    except yaml.YAMLError as exc:  # any other reader error (characters are pre-checked above)
        return None, problems + [Diagnostic(rel, 1, 1, f"YAML error: {exc}")]
    if not builder.documents:
        return None, problems + [Diagnostic(rel, 1, 1, "file is empty")]
    return LoadedYAML(rel, builder.root, builder.values, builder.keys, builder.scalars, text), problems


def _character_problems(text: str, rel: str) -> tuple[list[Diagnostic], bool]:
    """Every refused character of a YAML file's raw text, as diagnostics (the first
    ``MAX_REPORTED``, then how many more), and whether the file can still be parsed."""
    found = list(yaml_file_refusals(text))
    problems = [Diagnostic(rel, *editor_pos(text, r.offset), r.message, r.hint) for r in found[:MAX_REPORTED]]
    if len(found) > MAX_REPORTED:
        more = found[MAX_REPORTED]
        problems.append(Diagnostic(rel, *editor_pos(text, more.offset),
                                   f"and {len(found) - MAX_REPORTED} more refused characters from here on",
                                   "is this really a text file?"))
    return problems, not any(unparsable(r.char) for r in found) and len(found) <= MAX_REPORTED


def _syntax_hint(exc: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    problem = (exc.problem or "") + (exc.context or "")
    if mark is not None and text[mark.index : mark.index + 1] == "\t" or "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "put text containing ': ' in quotes"
    return ""


class _Frame:
    __slots__ = ("container", "path", "key", "anchor", "size")

    def __init__(self, container: Any, path: Path_, anchor: str | None):
        self.container = container
        self.path = path
        self.key: str | None = None  # the key waiting for its value (mappings)
        self.anchor = anchor
        self.size = 1  # nodes in this subtree, aliases expanded


class _Builder:
    """Turns a stream of parser events into plain data without recursion."""

    def __init__(self, rel: str):
        self.rel = rel
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.values: dict[Path_, Any] = {}  # parser marks
        self.keys: dict[Path_, Any] = {}
        self.scalars: dict[Path_, Any] = {}  # scalar value events, to locate characters inside them
        self.root: Any = None
        self.documents = 0
        self.nodes = 0

    # -- events ---------------------------------------------------------------
    def feed(self, event: yaml.Event) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:  # the most common event first
            self._check_tag(event, _STR_TAGS)
            plain = event.implicit[0] and not event.style  # C parser: '', Python parser: None
            value = None if plain and event.value in _NULLS else event.value
            self._add(value, event, size=1)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _Problem(_pos(event.start_mark), "only one YAML document per file is allowed",
                               "remove the '---' line")
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise _Problem(_pos(event.start_mark), f"unknown alias '*{event.anchor}'")
            value, size = self.anchors[event.anchor]
            self._add(value, event, size=size)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            is_map = isinstance(event, yaml.MappingStartEvent)
            self._check_tag(event, {"tag:yaml.org,2002:map" if is_map else "tag:yaml.org,2002:seq"})
            if len(self.stack) >= MAX_DEPTH:
                raise _Problem(_pos(event.start_mark), f"nesting is deeper than {MAX_DEPTH} levels",
                               "annotations never need this much nesting")
            container: Any = {} if is_map else []
            path = self._child_path(event)
            self.stack.append(_Frame(container, path, event.anchor))
            self.values[path] = event.start_mark
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            if frame.anchor:
                self.anchors[frame.anchor] = (frame.container, frame.size)
            self._attach(frame.container, frame.size, event, located=False, count=1)

    # -- helpers --------------------------------------------------------------
    def _check_tag(self, event: Any, allowed: set[str]) -> None:
        tag = event.tag
        if tag is not None and tag not in allowed and tag != "!":
            raise _Problem(_pos(event.start_mark), f"YAML tag '{_short_tag(tag)}' is not allowed",
                           "annotations are plain text, lists and mappings; remove the tag")

    def _child_path(self, event: Any) -> Path_:
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if isinstance(parent.container, list):
            return parent.path + (len(parent.container),)
        if parent.key is None:
            raise _Problem(_pos(event.start_mark), "a mapping or list cannot be used as a key",
                           "keys are plain words such as 'id' or 'quote'")
        return parent.path + (parent.key,)

    def _add(self, value: Any, event: Any, size: int) -> None:
        if self.stack and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is None:
            # This scalar is a key.
            frame = self.stack[-1]
            if not isinstance(value, str) or isinstance(event, yaml.AliasEvent):
                raise _Problem(_pos(event.start_mark), "keys must be plain text")
            if value in frame.container:
                first = _pos(self.keys[frame.path + (value,)])
                raise _Problem(_pos(event.start_mark), f"duplicate key '{value}' (first defined at line {first.line})",
                               "each key may appear once per mapping")
            frame.key = value
            self.keys[frame.path + (value,)] = event.start_mark
            self._count(1, event)
            return
        if isinstance(event, yaml.ScalarEvent) and event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._attach(value, size, event, located=True, count=size)

    def _attach(self, value: Any, size: int, event: Any, located: bool, count: int) -> None:
        """Put ``value`` (a subtree of ``size`` nodes) into its parent.

        ``count`` is how many nodes this adds to the document budget: the
        children of a closing container were already counted one by one, an
        alias adds its whole expanded subtree.
        """
        self._count(count, event)
        scalar = located and type(event) is yaml.ScalarEvent
        if not self.stack:
            self.root = value
            if located:
                self.values[()] = event.start_mark
            if scalar:
                self.scalars[()] = event
            return
        parent = self.stack[-1]
        parent.size += size
        if isinstance(parent.container, list):
            if located:
                path = parent.path + (len(parent.container),)
                self.values[path] = event.start_mark
                if scalar:
                    self.scalars[path] = event
            parent.container.append(value)
        else:
            assert parent.key is not None
            if located:
                path = parent.path + (parent.key,)
                self.values[path] = event.start_mark
                if scalar:
                    self.scalars[path] = event
            parent.container[parent.key] = value
            parent.key = None

    def _count(self, size: int, event: Any) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            raise _Problem(_pos(event.start_mark),
                           f"document expands to more than {MAX_NODES:,} values (aliases expanding too far?)",
                           "avoid anchors and aliases in annotations")


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")
