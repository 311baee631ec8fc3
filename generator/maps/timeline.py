"""The chart at the top of the timeline: briefs by month of their article, and below the
axis the implications by the month they fall due (the brief's date plus the horizon:
``forecasts.due``). Static SVG (``templates/_timeline.svg.j2``), each bar a link: to the
brief or implication when it holds one, else to the listing part that holds its first.

Bounded whatever the corpus: a bar per month while the span is at most ``MAX_BARS``
months, else a bar per year (and at most the last ``MAX_BARS`` years).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .. import link
from ..forecasts.due import due_date
from ..paginate import part_page

MAX_BARS = 120
WIDTH = 800
LEFT = 8
BAR_MAX = 56  # pixels of the tallest bar
AXIS_Y = 84
HEIGHT = 160
_MONTHS = "January February March April May June July August September October November December".split()


@dataclass(frozen=True)
class Bar:
    label: str  # "March 2025" or "2025"
    briefs: int
    due: int
    brief_href: str
    due_href: str
    x: float
    width: float
    brief_height: float
    due_height: float

    @property
    def brief_top(self) -> float:
        return round(AXIS_Y - self.brief_height, 1)


@dataclass(frozen=True)
class TimelineChart:
    bars: tuple[Bar, ...]
    by_year: bool
    ticks: tuple[tuple[float, str], ...]  # (x, year) where a year starts
    width: int = WIDTH
    height: int = HEIGHT
    axis_y: int = AXIS_Y


def timeline_chart(site: Any, per_part: int) -> TimelineChart | None:
    """The chart, or None for an empty corpus. ``per_part``: items per listing part."""
    if not site.timeline:
        return None
    here = link.TIMELINE
    imp_order = [i for b in site.timeline for i in site.brief_links[b].implications]
    dates = [site.briefs[b].date for b in site.timeline]
    dues = {i: due_date(site.briefs[site.implications[i].brief].date, site.implications[i].implication.horizon)
            for i in imp_order}
    first, last = min(dates), max([*dates, *dues.values()])
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    by_year = span > MAX_BARS

    def key(day: dt.date) -> tuple[int, int]:
        return (day.year, 0) if by_year else (day.year, day.month)

    keys: list[tuple[int, int]] = []
    if by_year:
        keys = [(y, 0) for y in range(max(first.year, last.year - MAX_BARS + 1), last.year + 1)]
    else:
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            keys.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    briefs: dict[tuple[int, int], list[int]] = {}
    for pos, b in enumerate(site.timeline):
        briefs.setdefault(key(site.briefs[b].date), []).append(pos)
    due: dict[tuple[int, int], list[int]] = {}
    for pos, i in enumerate(imp_order):
        due.setdefault(key(dues[i]), []).append(pos)
    top = max([len(v) for v in (*briefs.values(), *due.values())] or [1])
    width = (WIDTH - 2 * LEFT) / len(keys)
    bars, ticks = [], []
    for n, k in enumerate(keys):
        x = round(LEFT + n * width, 1)
        if by_year or n == 0 or k[1] == 1:
            ticks.append((x, str(k[0])))
        b, d = briefs.get(k, []), due.get(k, [])
        brief_href = (here.link(link.brief_page(site.timeline[b[0]])) if len(b) == 1
                      else here.link(part_page(link.TIMELINE, b[0] // per_part + 1)) if b else "")
        due_href = (here.link(link.implication_page(imp_order[d[0]])) if len(d) == 1
                    else here.link(part_page(link.IMPLICATIONS_INDEX, d[0] // per_part + 1)) if d else "")
        bars.append(Bar(str(k[0]) if by_year else f"{_MONTHS[k[1] - 1]} {k[0]}", len(b), len(d), brief_href, due_href,
                        x, round(max(1.0, width - 1), 1),
                        round(max(3.0, BAR_MAX * len(b) / top), 1) if b else 0.0,
                        round(max(3.0, BAR_MAX * len(d) / top), 1) if d else 0.0))
    if len(ticks) > 24:  # at most about two dozen year labels
        every = -(-len(ticks) // 24)
        ticks = ticks[::every]
    return TimelineChart(tuple(bars), by_year, tuple(ticks))
