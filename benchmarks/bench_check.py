"""How long does `briefs check` take as the corpus grows?

    python benchmarks/bench_check.py [N ...]     (default: 100 1000)

Prints, for each N, the time to validate a synthetic corpus of N briefs
(best of three runs) and the time per brief.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import best_of, write_corpus  # noqa: E402

from generator.validate import check_corpus  # noqa: E402


def main(sizes: list[int]) -> None:
    print(f"{'briefs':>8} {'claims':>8} {'check (s)':>10} {'ms/brief':>9}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_corpus(Path(tmp), n)
            best, (corpus, problems) = best_of(lambda: check_corpus(root))
            assert corpus is not None, problems[:5]
            print(f"{n:>8} {len(corpus.claims):>8} {best:>10.3f} {1000 * best / n:>9.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
