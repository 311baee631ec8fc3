"""The same site through Zensical: ``briefs generate`` + ``zensical build`` of synthetic corpora.

    python benchmarks/bench_zensical.py [N ...]        (default: 100 1000)

For each N, a synthetic corpus (``synthetic.py``) gets the repository's
``mkdocs.yml``, ``zensical.yml``, ``overrides/`` and ``docs/``; the pages are
generated, Zensical builds them, and the built site is opened from ``file://``
in headless Chromium (network blocked) to run the reader's queries of
``bench_search.py``. It prints the generate and Zensical times, the pages
built, the largest page, and the search figures; it fails when Zensical fails
or a query shows no result.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from bench_search import measure, queries_for  # noqa: E402
from synthetic import write_corpus  # noqa: E402


def zensical() -> str:
    exe = shutil.which("zensical") or str(Path(sys.executable).with_name("zensical"))
    if not Path(exe).exists():
        raise SystemExit("zensical is not installed: pip install -e '.[test]'")
    return exe


def build(n: int, work: Path) -> tuple[Path, Path, float, float]:
    """(corpus, site, generate seconds, zensical seconds) for n synthetic briefs."""
    from generator.cli import main

    corpus = write_corpus(work / f"corpus-{n}", n)
    for name in ("mkdocs.yml", "zensical.yml", "overrides", "docs"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, corpus / name)
    start = time.perf_counter()
    assert main(["generate", "--root", str(corpus), "--out", str(corpus / "build" / "docs")]) == 0
    generated = time.perf_counter() - start
    start = time.perf_counter()
    done = subprocess.run([zensical(), "build", "-f", "zensical.yml"], cwd=corpus, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"zensical build failed for {n} briefs:\n{(done.stdout + done.stderr)[-3000:]}")
    return corpus, corpus / "site", generated, time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    args = parser.parse_args(argv)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1711238400")
    print(f"{'briefs':>7} {'generate s':>10} {'zensical s':>10} {'pages':>7} {'largest KB':>10} "
          f"{'results min':>11} {'KB/query':>9} {'first result ms':>15} {'max ms':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus, site, generated, built = build(n, Path(tmp))
            pages = [p.stat().st_size for p in site.rglob("*.html")]
            m = measure(site, queries_for(corpus))
            print(f"{n:>7} {generated:>10.1f} {built:>10.1f} {len(pages):>7} {max(pages) / 1024:>10.1f} "
                  f"{m['results_shown_min']:>11.0f} {m['index_bytes_per_query'] / 1024:>9.1f} "
                  f"{m['keystroke_to_first_result_ms']:>15.0f} {m['keystroke_to_first_result_ms_max']:>7.0f}",
                  flush=True)
            if not m["results_shown_min"]:
                raise SystemExit(f"a query showed no result on the Zensical build of {n} briefs")
            shutil.rmtree(corpus)


if __name__ == "__main__":
    main()
