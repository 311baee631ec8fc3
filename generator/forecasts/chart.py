"""The calibration chart's geometry: stated probability (x) against how often it happened (y).

Pure numbers for ``templates/_calibration.svg.j2``, which writes the SVG: no
annotation text ever reaches the chart (its labels are band names and counts),
and it draws with ``currentColor`` so it reads in the light and the dark scheme.
"""

from __future__ import annotations

from dataclasses import dataclass

from .score import BandRow

WIDTH, HEIGHT = 480, 360
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 64
TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)


def _number(value: float) -> float | int:
    """One decimal at most, and none when it is a whole number: 64, 156.5."""
    value = round(value, 1)
    return int(value) if value == int(value) else value


def x(p: float) -> float | int:
    return _number(LEFT + p * (WIDTH - LEFT - RIGHT))


def y(p: float) -> float | int:
    return _number(HEIGHT - BOTTOM - p * (HEIGHT - TOP - BOTTOM))


@dataclass(frozen=True)
class Point:
    likelihood: str
    cx: float | int
    cy: float | int
    x1: float | int  # the band's range, drawn as a bar through the point
    x2: float | int
    n: int
    observed: float  # how often it happened, 0 to 1
    label_x: float | int
    label_y: float | int
    small: bool


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: float | int
    right: float | int
    top: float | int
    bottom: float | int
    ticks: tuple[tuple[str, float | int, float | int], ...]  # (label, x position, y position) for 0 %, 25 %...
    points: tuple[Point, ...]


def calibration_chart(bands: tuple[BandRow, ...]) -> Chart:
    points = []
    for band in bands:
        observed = band.observed
        if observed is None:
            continue
        cx, cy = x(band.probability), y(observed)
        # The count goes above the point, or below it at the top of the chart.
        label_y = _number(cy - 10 if cy - 10 > TOP + 8 else cy + 18)
        points.append(Point(band.likelihood, cx, cy, x(band.low), x(band.high), band.scored, observed, cx, label_y, band.small))
    ticks = tuple((f"{round(t * 100)} %", x(t), y(t)) for t in TICKS)
    return Chart(WIDTH, HEIGHT, x(0), x(1), y(1), y(0), ticks, tuple(points))
