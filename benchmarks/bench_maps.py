"""What do the maps add to `briefs generate`?

    python benchmarks/bench_maps.py [N ...]     (default: 100 1000)

For each N: a synthetic corpus of N briefs (6 claims, 3 implications each) is checked
once; then every output is generated from it (link, render, listings, search index,
maps...) three ways (CPU seconds, the best of three of each, alternated): as it is;
without the drawings (the brief and actor maps empty, no timeline chart); and without
anything of generator/maps (no contested page, no filter data either). Prints the times, what
the drawings and all of generator/maps add, and the largest SVG of the site with its page. The issue's budget (under 10 %) is for
the drawings.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_corpus  # noqa: E402

from generator import listings, pipeline, render  # noqa: E402
from generator.maps.diagram import Diagram  # noqa: E402
from generator.outputs import SiteOptions  # noqa: E402
from generator.validate import check_corpus  # noqa: E402

SVG = re.compile(r"<svg\b.*?</svg>", re.S)
ROUNDS = 3


@contextmanager
def without_maps(pages_too: bool) -> Iterator[None]:
    """No drawings (brief and actor maps empty, no timeline chart); with ``pages_too``,
    no contested page and no filter data either."""
    saved = (render.brief_map, render.actor_map, listings.timeline_chart, pipeline.EMITTERS)
    empty = Diagram("map", 0, 0, (), ())
    render.brief_map = lambda site, brief_id: empty  # type: ignore[assignment]
    render.actor_map = lambda site, actor_id, ties: empty  # type: ignore[assignment]
    listings.timeline_chart = lambda site, per_part: None  # type: ignore[assignment]
    if pages_too:
        pipeline.EMITTERS = tuple(e for e in pipeline.EMITTERS if e is not pipeline.maps.emit)
    try:
        yield
    finally:
        render.brief_map, render.actor_map, listings.timeline_chart, pipeline.EMITTERS = saved


def main(sizes: list[int]) -> None:
    print(f"{'briefs':>8} {'with maps (CPU s)':>18} {'no drawings':>16} {'no maps at all':>16} {'drawings add':>13}"
          f" {'all maps add':>12} {'largest SVG (KB)':>17}  page")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_corpus(Path(tmp), n)
            corpus, problems = check_corpus(root)
            assert corpus is not None, problems[:3]
            pipeline.emit(corpus, SiteOptions())  # warm up: imports (numpy for the layouts), template compilation
            with_maps = no_drawings = without = float("inf")
            for _ in range(ROUNDS):  # alternated, so that a busy machine weighs on all alike
                start = time.process_time()
                generated = pipeline.emit(corpus, SiteOptions())
                with_maps = min(with_maps, time.process_time() - start)
                with without_maps(pages_too=False):
                    start = time.process_time()
                    pipeline.emit(corpus, SiteOptions())
                    no_drawings = min(no_drawings, time.process_time() - start)
                with without_maps(pages_too=True):
                    start = time.process_time()
                    pipeline.emit(corpus, SiteOptions())
                    without = min(without, time.process_time() - start)
            size, page = max((len(svg.encode("utf-8")), path) for path, p in generated.pages.items()
                             for svg in SVG.findall(p.text))
            drawings = (with_maps - no_drawings) / no_drawings
            everything = (with_maps - without) / without
            print(f"{n:>8} {with_maps:>18.2f} {no_drawings:>16.2f} {without:>16.2f} {drawings:>13.1%} {everything:>12.1%}"
                  f" {size / 1024:>17.1f}  {page}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
