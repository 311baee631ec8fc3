"""Advice for contributors: warnings that never fail a check or a build (unless
``briefs check --strict``, which makes them errors).

- a brief without a source URL or licence (readers cannot see where the
  article comes from or whether it may be reprinted);
- estimative words in an implication's statement that state another
  likelihood or confidence than its fields (``estimative.py``, ICD 203);
- an implication past its due date without an outcome (``forecasts/due.py``);
- leftover ``TODO`` text and unquoted text cut short by `` #`` (``yaml_advice.py``);
- a one-line seed paragraph that looks like a caption or a map legend
  (``seed_advice.py``).
"""

from __future__ import annotations

import datetime as dt

from .diagnostics import Diagnostic
from .estimative import mismatches
from .forecasts.due import HORIZON_MONTHS, due_date
from .forecasts.score import BANDS
from .references import ParsedBrief
from .yaml_advice import file_warnings, phrase_pos

GUIDE = "see 'Reprinting articles' in docs/annotation-format.md"


def source_warnings(brief: ParsedBrief) -> list[Diagnostic]:
    """A warning when the brief's ``source`` has no ``url`` or no ``license``."""
    if brief.doc is None:
        return []
    source = brief.doc.source
    missing = [key for key in ("url", "license") if source is None or getattr(source, key) is None]
    if not missing:
        return []
    where = brief.loaded.pos(("source",), key=True) if source is not None else brief.loaded.pos(("title",), key=True)
    what = " and no ".join(f"source.{key}" for key in missing)
    return [Diagnostic(brief.path, where.line, where.col,
                       f"brief '{brief.id}' has no {what}: readers cannot check where the article comes from"
                       " or whether it may be reprinted",
                       f"add {'them' if len(missing) > 1 else 'it'} under 'source:' ({GUIDE})", severity="warning")]


def _band(likelihood: str) -> str:
    low, high = BANDS[likelihood]
    return f"{round(low * 100)}\u2013{round(high * 100)} %"


def _label(value: str) -> str:
    return value.replace("-", " ")


def _months(n: int) -> str:
    return f"{n} month{'' if n == 1 else 's'}"


def implication_warnings(brief: ParsedBrief, brief_date: dt.date | None, today: dt.date) -> list[Diagnostic]:
    """Estimative words that contradict the fields; implications past due without an outcome."""
    out = []
    for i, imp in brief.implications:
        at = ("implications", i)
        for m in mismatches(imp.statement, imp.likelihood, imp.confidence):
            pos = phrase_pos(brief.loaded, at + ("statement",), imp.statement, m.start, m.start + len(m.words))
            if m.field == "likelihood":
                message = (f"implication '{imp.id}': the statement says \"{m.words}\" ({_label(m.said)}:"
                           f" {_band(m.said)}),"
                           f" but its likelihood is '{imp.likelihood}' ({_band(imp.likelihood)})")
            else:
                message = (f"implication '{imp.id}': the statement says \"{m.words}\", but its confidence is"
                           f" '{imp.confidence}'")
            out.append(Diagnostic(brief.path, pos.line, pos.col, message,
                                  f"make the words and '{m.field}' say the same (see 'Estimative language'"
                                  " in docs/annotation-format.md)", severity="warning"))
        if imp.outcome is None and brief_date is not None:
            due = due_date(brief_date, imp.horizon)
            if today > due:
                pos = brief.loaded.pos(at + ("horizon",))
                out.append(Diagnostic(
                    brief.path, pos.line, pos.col,
                    f"implication '{imp.id}' has been due for review since {due.isoformat()} ({imp.horizon}:"
                    f" {_months(HORIZON_MONTHS[imp.horizon])} after the brief's date {brief_date.isoformat()})"
                    " and has no outcome",
                    "say what happened: add 'outcome:' with status, date and evidence (see 'Resolving an"
                    " implication' in docs/annotation-format.md)", severity="warning"))
    return out


def brief_warnings(brief: ParsedBrief, brief_date: dt.date | None, today: dt.date) -> list[Diagnostic]:
    return source_warnings(brief) + implication_warnings(brief, brief_date, today) + file_warnings(brief.loaded)
