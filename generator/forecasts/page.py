"""The track record page (``track-record.md``): resolved implications, Brier scores
overall and by likelihood band, the calibration chart, and what is due for review.

The page is bounded whatever the corpus: each list shows the newest
``LIST_MAX`` entries and says how many more there are; the band table and the
chart have one row or point per likelihood band.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

from ..link import Site
from ..outputs import SiteOptions
from ..render import TRACK_RECORD, PageRenderer, RenderedPage
from .chart import calibration_chart
from .due import as_of, site_forecasts
from .score import SMALL_SAMPLE, track_record

LIST_MAX = 50  # entries per list on the page


def emit(site: Site, options: SiteOptions) -> Iterator[RenderedPage]:
    render = PageRenderer(site, options)
    today = as_of(site.corpus, options.as_of)  # from the whole corpus: an input of the page
    tracked = render.site  # what the page reads (recorded by `mkdocs serve`'s memo, options.memo)
    yield render.page(TRACK_RECORD, lambda: _page(render, tracked, today), today)


def _page(render: PageRenderer, site: Any, today: dt.date) -> RenderedPage:
    outlook = site_forecasts(site.implications, site.briefs, today)
    likelihoods = {imp_id: r.implication.likelihood for imp_id, r in site.implications.items()}
    record = track_record(outlook, likelihoods, today)
    return render(
        "track_record.md.j2", TRACK_RECORD,
        record=record, forecasts=outlook, chart=calibration_chart(record.bands), LIST_MAX=LIST_MAX,
        SMALL_SAMPLE=SMALL_SAMPLE,
    )
