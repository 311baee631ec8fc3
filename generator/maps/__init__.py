"""See the whole: relation maps, the contested-claims page, listing filters, the visual timeline.

- ``diagram.py``: the brief map and the actor map (networkx layouts), drawn by
  ``templates/_map.svg.j2`` inline on brief and actor pages (``render.py`` hands
  each page its ``Diagram``).
- ``contested.py``: ``contested.md``, every contradiction side by side and every
  claim rated disputed, false or misleading.
- ``filters.py``: the data the claims and implications indexes filter on, in
  small script files loaded only when a reader uses a filter (``filters.js``).
- ``timeline.py``: the chart at the top of the timeline (briefs and implication
  horizons by month).

``emit`` is this capability's emitter (``pipeline.EMITTERS``).
"""

from __future__ import annotations

from typing import Iterator


def emit(site, options) -> Iterator:  # type: ignore[no-untyped-def]
    """The contested page and the filter data (imported here: render.py imports diagram.py)."""
    from . import contested, filters

    yield from contested.emit(site, options)
    yield from filters.emit(site, options)
