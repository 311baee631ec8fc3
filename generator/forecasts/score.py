"""How well the likelihoods held: Brier scores overall and by likelihood band.

Each likelihood stands for a band of probability (ICD 203, as on the "How to
read" page); a forecast is scored at the band's midpoint. An outcome counts as
1 when it occurred, 0 when it did not, and 0.5 when it partly occurred; an
*unresolvable* outcome is not scored (it is counted, so readers see how many
forecasts could not be told). The Brier score is the mean of
``(probability - outcome)²``: 0 is perfect, and always answering "even chance"
scores 0.25.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Mapping

from .due import Forecast

# likelihood -> (lowest, highest) probability of its band (ICD 203).
BANDS: Mapping[str, tuple[float, float]] = {
    "remote": (0.01, 0.05),
    "very-unlikely": (0.05, 0.20),
    "unlikely": (0.20, 0.45),
    "even-chance": (0.45, 0.55),
    "likely": (0.55, 0.80),
    "very-likely": (0.80, 0.95),
    "almost-certain": (0.95, 0.99),
}
OUTCOME_VALUES: Mapping[str, float] = {"occurred": 1.0, "partly": 0.5, "did-not-occur": 0.0}
SMALL_SAMPLE = 10  # fewer scored forecasts than this in a band: its frequency says little


def probability(likelihood: str) -> float:
    """The probability a likelihood stands for when scored: its band's midpoint."""
    low, high = BANDS[likelihood]
    return round((low + high) / 2, 4)


def brier(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Mean squared difference of (probability, outcome) pairs; None when there are none."""
    pairs = list(pairs)
    if not pairs:
        return None
    return sum((p - o) ** 2 for p, o in pairs) / len(pairs)


@dataclass(frozen=True)
class BandRow:
    """One likelihood band of the track record."""

    likelihood: str
    low: float
    high: float
    probability: float
    occurred: int
    partly: int
    did_not_occur: int
    unresolvable: int

    @property
    def scored(self) -> int:
        return self.occurred + self.partly + self.did_not_occur

    @property
    def observed(self) -> float | None:
        """How often it happened (partly counting half), or None with nothing scored."""
        if not self.scored:
            return None
        return sum(self.outcomes) / self.scored

    @property
    def outcomes(self) -> list[float]:
        """Each scored outcome as a number (``OUTCOME_VALUES``)."""
        return ([OUTCOME_VALUES["occurred"]] * self.occurred + [OUTCOME_VALUES["partly"]] * self.partly
                + [OUTCOME_VALUES["did-not-occur"]] * self.did_not_occur)

    @property
    def brier(self) -> float | None:
        return brier((self.probability, o) for o in self.outcomes)

    @property
    def small(self) -> bool:
        return 0 < self.scored < SMALL_SAMPLE


@dataclass(frozen=True)
class TrackRecord:
    as_of: dt.date
    bands: tuple[BandRow, ...]  # every band, from remote to almost certain
    resolved: tuple[str, ...]  # implication ids with an outcome, newest outcome first
    due: tuple[str, ...]  # past their due date without an outcome, most recently due first
    open: int  # not due yet

    @property
    def scored(self) -> int:
        return sum(b.scored for b in self.bands)

    @property
    def unresolvable(self) -> int:
        return sum(b.unresolvable for b in self.bands)

    @property
    def brier(self) -> float | None:
        return brier((b.probability, o) for b in self.bands for o in b.outcomes)


def track_record(forecasts: Mapping[str, Forecast], likelihoods: Mapping[str, str], as_of: dt.date) -> TrackRecord:
    """The track record of ``forecasts`` (by implication id), with each one's likelihood."""
    counts = {band: {"occurred": 0, "partly": 0, "did-not-occur": 0, "unresolvable": 0} for band in BANDS}
    for imp_id, f in forecasts.items():
        if f.outcome is not None:
            counts[likelihoods[imp_id]][f.outcome.status] += 1
    bands = tuple(
        BandRow(band, low, high, probability(band), c["occurred"], c["partly"], c["did-not-occur"], c["unresolvable"])
        for band, (low, high) in BANDS.items() for c in (counts[band],)
    )
    resolved = sorted((f for f in forecasts.values() if f.outcome is not None),
                      key=lambda f: (-f.outcome.date.toordinal(), f.id))  # type: ignore[union-attr]
    due = sorted((f for f in forecasts.values() if f.state == "due"), key=lambda f: (-f.due.toordinal(), f.id))
    return TrackRecord(
        as_of=as_of,
        bands=bands,
        resolved=tuple(f.id for f in resolved),
        due=tuple(f.id for f in due),
        open=sum(1 for f in forecasts.values() if f.state == "open"),
    )
