"""When an implication is due for review, and what "today" is for a build.

A horizon names a window counted from the brief's date; at its end the
implication is *due for review*: an annotator should say what happened
(``outcome``). The spans follow the definitions readers see on the "How to
read" page: *immediate* is "days to a few weeks" (1 month), *near term*
"within about a year" (12 months), *long term* "more than about a year"
(reviewed after 24 months; an annotator may resolve it earlier).

"Today" never comes from the clock (pages must be byte-identical for the same
input): it is the date of ``SOURCE_DATE_EPOCH`` when set (the publish
workflow passes the commit's time), otherwise the newest date written in the
corpus (a brief's date, a review's, an outcome's).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal, Mapping

from ..corpus import BriefRecord, Corpus, ImplicationRecord
from ..model import Outcome

HORIZON_MONTHS: Mapping[str, int] = {"immediate": 1, "near-term": 12, "long-term": 24}

State = Literal["resolved", "due", "open"]


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole calendar months; 31 January + 1 month is 28 (or 29) February."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(brief_date: dt.date, horizon: str) -> dt.date:
    """The day an implication of ``horizon`` written on ``brief_date`` is due for review."""
    return add_months(brief_date, HORIZON_MONTHS[horizon])


def epoch_date(value: str | None) -> dt.date | None:
    """The UTC date of a ``SOURCE_DATE_EPOCH`` value (seconds since 1970); None when unset.

    Raises ValueError, with the fix, for anything but a whole number of seconds.
    """
    if value is None or value.strip() == "":
        return None
    try:
        seconds = int(value.strip())
        return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, found {value!r};"
                         " e.g. SOURCE_DATE_EPOCH=$(date +%s) for today") from None


def newest_date(corpus: Corpus) -> dt.date | None:
    """The newest date written in the corpus: brief dates, review dates, outcome dates."""
    dates = [b.date for b in corpus.briefs]
    dates += [r.claim.review.date for r in corpus.claims.values() if r.claim.review and r.claim.review.date]
    dates += [r.implication.outcome.date for r in corpus.implications.values() if r.implication.outcome]
    return max(dates, default=None)


def as_of(corpus: Corpus, given: dt.date | None) -> dt.date:
    """The build's "today": ``given`` (from SOURCE_DATE_EPOCH), else the corpus's newest date."""
    return given or newest_date(corpus) or dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Forecast:
    """An implication seen as a forecast, as of a date."""

    id: str
    brief_date: dt.date
    horizon: str
    due: dt.date
    outcome: Outcome | None
    state: State  # resolved (has an outcome), due (past its due date without one), open

    @property
    def months(self) -> int:
        return HORIZON_MONTHS[self.horizon]


def forecast(record: ImplicationRecord, brief_date: dt.date, today: dt.date) -> Forecast:
    imp = record.implication
    due = due_date(brief_date, imp.horizon)
    state: State = "resolved" if imp.outcome else ("due" if today > due else "open")
    return Forecast(record.id, brief_date, imp.horizon, due, imp.outcome, state)


def forecasts(corpus: Corpus, today: dt.date) -> dict[str, Forecast]:
    """Every implication's forecast, by id (in the corpus's order)."""
    return site_forecasts(corpus.implications, {b.id: b for b in corpus.briefs}, today)


def site_forecasts(implications: Mapping[str, ImplicationRecord], briefs: Mapping[str, BriefRecord],
                   today: dt.date) -> dict[str, Forecast]:
    """Every implication's forecast, from a site's mappings (a ``Site``, or its tracked view)."""
    return {imp_id: forecast(r, briefs[r.brief].date, today) for imp_id, r in implications.items()}
