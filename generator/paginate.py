"""Split a long listing into parts of bounded size, at stable paths.

A listing (every claim, every brief by date...) is a sequence of entries in the
order a reader browses them, each entry an item id with the key of the group it
is shown under (the brief of a claim, the year of a brief). ``paginate`` cuts
it into parts of at most ``per_part`` items, so no listing page grows with the
corpus. The first part keeps the listing's own path (``claims/index.md``), so
links to it keep working; part ``n`` is ``claims/index_n.md``. Ids never
contain ``_`` (``model.ID_PATTERN``), so a part can never take an entity's path.
"""

from __future__ import annotations

import math
import posixpath
from dataclasses import dataclass
from typing import Sequence

from .link import Page


@dataclass(frozen=True)
class Group:
    """Consecutive items of a part that share a group key (one heading on the page)."""

    key: str
    items: tuple[str, ...]
    continued: bool  # the group began on the previous part


@dataclass(frozen=True)
class Part:
    page: Page
    number: int  # 1-based
    count: int  # how many parts the listing has
    groups: tuple[Group, ...]
    first: int  # 1-based position of the part's first item in the whole listing
    total: int  # items in the whole listing

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(item for group in self.groups for item in group.items)

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1


def part_page(first: Page, number: int) -> Page:
    """The page of part ``number`` of the listing whose first part is ``first``."""
    if number == 1:
        return first
    stem, ext = posixpath.splitext(first.path)
    return Page(f"{stem}_{number}{ext}")


def paginate(first: Page, entries: Sequence[tuple[str, str]], per_part: int) -> tuple[Part, ...]:
    """``entries`` ((group key, item id), in reading order) cut into parts of at most ``per_part`` items.

    An empty listing still has one (empty) part: its first page always exists.
    """
    if per_part < 1:
        raise ValueError("per_part must be at least 1")
    count = max(1, math.ceil(len(entries) / per_part))
    parts = []
    for n in range(count):
        chunk = entries[n * per_part:(n + 1) * per_part]
        groups: list[Group] = []
        for i, (key, item) in enumerate(chunk):
            if groups and groups[-1].key == key:
                groups[-1] = Group(key, (*groups[-1].items, item), groups[-1].continued)
            else:
                start = n * per_part + i
                continued = i == 0 and start > 0 and entries[start - 1][0] == key
                groups.append(Group(key, (item,), continued))
        parts.append(Part(part_page(first, n + 1), n + 1, count, tuple(groups), n * per_part + 1, len(entries)))
    return tuple(parts)
