"""``paginate``: a listing cut into parts at stable paths, groups carried across parts."""

from __future__ import annotations

import pytest

from generator.link import Page
from generator.paginate import Group, paginate, part_page


@pytest.mark.parametrize(("first", "number", "expected"), [
    ("claims/index.md", 1, "claims/index.md"),
    ("claims/index.md", 2, "claims/index_2.md"),
    ("timeline.md", 12, "timeline_12.md"),
    ("tags/water.md", 3, "tags/water_3.md"),
])
def test_part_paths(first: str, number: int, expected: str) -> None:
    assert part_page(Page(first), number) == Page(expected)


def test_parts_hold_at_most_their_share_and_groups_continue_across_parts() -> None:
    entries = [("b1", "c1"), ("b1", "c2"), ("b1", "c3"), ("b2", "c4"), ("b3", "c5")]
    parts = paginate(Page("claims/index.md"), entries, 2)
    assert [p.page.path for p in parts] == ["claims/index.md", "claims/index_2.md", "claims/index_3.md"]
    assert [p.groups for p in parts] == [
        (Group("b1", ("c1", "c2"), False),),
        (Group("b1", ("c3",), True), Group("b2", ("c4",), False)),
        (Group("b3", ("c5",), False),),
    ]
    assert [(p.first, p.last, p.number, p.count, p.total) for p in parts] == [
        (1, 2, 1, 3, 5), (3, 4, 2, 3, 5), (5, 5, 3, 3, 5)]
    assert [item for p in parts for item in p.items] == [item for _, item in entries]


def test_an_empty_listing_still_has_its_first_page() -> None:
    (only,) = paginate(Page("tags.md"), [], 100)
    assert only.page == Page("tags.md") and only.items == () and only.count == 1


def test_an_exact_multiple_makes_no_empty_part() -> None:
    parts = paginate(Page("timeline.md"), [("2024", str(i)) for i in range(200)], 100)
    assert [len(p.items) for p in parts] == [100, 100]
