"""Does generating the site grow linearly with the corpus?

    python benchmarks/bench_generate.py [N ...]     (default: 100 300 1000)

For each N: time to check, link and render every page of a synthetic corpus of
N briefs (best of three), the number of pages, and the time per brief — which
stays flat when generation is linear.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import best_of, write_corpus  # noqa: E402

from generator.pipeline import generate_pages  # noqa: E402


def main(sizes: list[int]) -> None:
    print(f"{'briefs':>8} {'pages':>8} {'generate (s)':>13} {'ms/brief':>9} {'median page (KB)':>17}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_corpus(Path(tmp), n)
            best, pages = best_of(lambda: generate_pages(root))
            median = statistics.median(len(p.text.encode()) for p in pages.values()) / 1024
            print(f"{n:>8} {len(pages):>8} {best:>13.3f} {1000 * best / n:>9.2f} {median:>17.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 300, 1000])
