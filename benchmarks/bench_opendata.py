"""How big are the open data downloads, and how long do they take, as the corpus grows?

    python benchmarks/bench_opendata.py [N ...]     (default: 100 1000)

For each N: a synthetic corpus of N briefs (6 claims and 3 implications each, sources
with URLs), checked and linked; then the open data emitter alone runs
(``generator/opendata/emit.py``: feeds, dataset JSON + schema, CSV tables, Web
Annotations, the Data page). Prints the time it takes, the size of the biggest files
and of the largest single annotation file and page (these must not grow with N: the
pages embed none of the downloads), and the time to compute every claim's text-fragment
link (done while the claim pages render).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_corpus  # noqa: E402

from generator.link import link_corpus  # noqa: E402
from generator.opendata.fragments import original_link  # noqa: E402
from generator.opendata.emit import emit  # noqa: E402
from generator.outputs import SiteFile, SiteOptions  # noqa: E402
from generator.validate import check_corpus  # noqa: E402


def kb(n: int) -> str:
    return f"{n / 1024:,.0f}"


def main(sizes: list[int]) -> None:
    print(f"{'briefs':>7} {'emit (s)':>9} {'briefs.json KB':>15} {'CSV KB':>7} {'annotations KB':>15} "
          f"{'largest .jsonld KB':>19} {'feed.xml KB':>12} {'data.html src KB':>17} {'fragments (s)':>14}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_corpus(Path(tmp), n)
            corpus, problems = check_corpus(root)
            assert corpus is not None, problems[:3]
            site = link_corpus(corpus)
            start = time.perf_counter()
            out = list(emit(site, SiteOptions(site_url="https://briefs.example.org/")))
            took = time.perf_counter() - start
            files = {o.path: o.content for o in out if isinstance(o, SiteFile)}
            page = next(o for o in out if not isinstance(o, SiteFile))
            csv_size = sum(len(c) for p, c in files.items() if p.endswith(".csv"))
            notes = [len(c) for p, c in files.items() if p.startswith("data/annotations/")]
            # The synthetic sources have no URL: time every claim's text-fragment link as if they had.
            start = time.perf_counter()
            for record in site.claims.values():
                original_link("https://outlet.example/a", site.briefs[record.brief].seed, record.anchor)
            fragments = time.perf_counter() - start
            print(f"{n:>7} {took:>9.2f} {kb(len(files['data/briefs.json'])):>15} {kb(csv_size):>7} "
                  f"{kb(sum(notes)):>15} {max(notes) / 1024:>19.1f} {kb(len(files['feed.xml'])):>12} "
                  f"{len(page.text.encode()) / 1024:>17.1f} {fragments:>14.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
