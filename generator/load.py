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

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .diagnostics import Diagnostic

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


class _Problem(Exception):
    def __init__(self, pos: Pos, message: str, hint: str = ""):
        super().__init__(message)
        self.pos, self.message, self.hint = pos, message, hint


def _pos(mark: Any) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


_BOM = b"\xef\xbb\xbf"
# What YAML accepts in a stream (YAML 1.1 "printable"); checked up front so that the
# error names the character and its exact line and column.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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
    """Parse one YAML document. Returns the data or the (single) reason it could not be read."""
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        line, col = _offset_to_pos(text, bad.start())
        return None, [Diagnostic(rel, line, col, f"character U+{ord(bad.group()):04X} is not allowed in YAML",
                                 "remove it; annotations are plain text")]
    builder = _Builder(rel)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except _Problem as p:
        return None, [Diagnostic(rel, p.pos.line, p.pos.col, p.message, p.hint)]
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
        return None, [Diagnostic(rel, pos.line, pos.col, message, _syntax_hint(exc, text, mark))]
    except yaml.YAMLError as exc:  # any other reader error (characters are pre-checked above)
        return None, [Diagnostic(rel, 1, 1, f"YAML error: {exc}")]
    if not builder.documents:
        return None, [Diagnostic(rel, 1, 1, "file is empty")]
    return LoadedYAML(rel, builder.root, builder.values, builder.keys), []


def _syntax_hint(exc: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    problem = (exc.problem or "") + (exc.context or "")
    if mark is not None and text[mark.index : mark.index + 1] == "\t" or "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "put text containing ': ' in quotes"
    return ""


def _offset_to_pos(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


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
        if not self.stack:
            self.root = value
            if located:
                self.values[()] = event.start_mark
            return
        parent = self.stack[-1]
        parent.size += size
        if isinstance(parent.container, list):
            if located:
                self.values[parent.path + (len(parent.container),)] = event.start_mark
            parent.container.append(value)
        else:
            assert parent.key is not None
            if located:
                self.values[parent.path + (parent.key,)] = event.start_mark
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
