"""Advice for contributors: warnings that never fail a check or a build.

A brief without a source URL or a licence still builds, but readers cannot see
where the article comes from or whether it may be reprinted; ``briefs check``
says so (``warning:``) and exits 0 when there is nothing worse.
"""

from __future__ import annotations

from .diagnostics import Diagnostic
from .references import ParsedBrief

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
