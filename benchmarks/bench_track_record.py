"""Does the track record page stay bounded as the corpus grows?

    python benchmarks/bench_track_record.py [N ...]     (default: 100 1000 10000)

For each N: a synthetic corpus of N briefs with three implications each (the first
resolved, the others past their due date, likelihoods in every band), checked and
linked; then the track record page alone is emitted. Prints its size in KB (the
lists show at most 50 entries each, whatever N), the time to emit it, and the
Brier score it shows.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_corpus  # noqa: E402

from generator.forecasts import page  # noqa: E402
from generator.link import link_corpus  # noqa: E402
from generator.outputs import SiteOptions  # noqa: E402
from generator.validate import check_corpus  # noqa: E402


def main(sizes: list[int]) -> None:
    print(f"{'briefs':>8} {'implications':>13} {'check (s)':>10} {'emit (s)':>9} {'page (KB)':>10} {'Brier':>7}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_corpus(Path(tmp), n, claims=3, implications=3, outcomes=True)
            start = time.perf_counter()
            corpus, problems = check_corpus(root)
            checked = time.perf_counter() - start
            assert corpus is not None, problems[:3]
            site = link_corpus(corpus)
            start = time.perf_counter()
            (rendered,) = page.emit(site, SiteOptions())
            emitted = time.perf_counter() - start
            size = len(rendered.text.encode("utf-8")) / 1024
            brier = re.search(r'brier__score">([0-9.]+)<', rendered.text)
            print(f"{n:>8} {len(corpus.implications):>13} {checked:>10.2f} {emitted:>9.3f} {size:>10.1f} "
                  f"{brier.group(1) if brier else '-':>7}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 10000])
