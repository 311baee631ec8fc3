"""How fast is the search for a reader, and how much of the index does a query read?

    python benchmarks/bench_search.py [N ...]        (default: 100 1000 10000)
    python benchmarks/bench_search.py --full 100 1000 --index-only 10000

For each N, a synthetic corpus (``synthetic.py``) is built and opened in
headless Chromium from ``file://`` (network blocked), and ``measure`` reports:

- ``load_to_interactive_ms``: from navigation start until the search button
  is in the header and listening (search.js's ``briefs-search-ready`` mark);
  nothing of the index is read by then;
- ``keystroke_to_first_result_ms``: from the last keystroke of a query (the
  search just opened, so the manifest is read too) until its results are on
  screen, median and max over the queries, each in a fresh page;
- ``index_bytes_per_query``: bytes of ``search/`` files the query made the
  page load (manifest, term shards, document shards of the results shown);
- ``js_heap_mb``: the page's JS heap after the query (CDP ``Performance.getMetrics``);
- ``longest_task_ms``: the longest task (over 50 ms) that blocked the page during a
  query, 0 when there was none.

Sizes built in full run ``briefs build`` (MkDocs). Index-only sizes (default:
10,000, whose MkDocs build does not fit this machine) run the search emitter
alone on the corpus and put its ``search/`` folder into the pages of the
smallest full build: the browser then reads the large index exactly as it
would on the large site (only the result links lead nowhere).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from synthetic import write_corpus  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

_QUERY = """async (q) => {
    const tasks = [];
    const observer = new PerformanceObserver(list => list.getEntries().forEach(e => tasks.push(e.duration)));
    observer.observe({type: "longtask"});
    const box = document.getElementById("briefs-search-input");
    const list = document.getElementById("briefs-search-results");
    const status = document.getElementById("briefs-search-status");
    const start = performance.now();
    box.value = q;
    box.dispatchEvent(new Event("input", {bubbles: true}));
    await new Promise(done => {
        const check = () => (list.dataset.query === q && (list.querySelector("[role=option]") || status.textContent))
            ? done() : requestAnimationFrame(check);
        check();
    });
    const elapsed = performance.now() - start;
    await new Promise(done => setTimeout(done, 50));  // long tasks are reported a little later
    observer.disconnect();
    return [elapsed, list.querySelectorAll("[role=option]").length, Math.max(0, ...tasks)];
}"""


def measure(site: Path, queries: list[str]) -> dict[str, float]:
    """Search timings and index bytes for ``queries`` on the built ``site`` (a folder), from file://."""
    from playwright.sync_api import sync_playwright

    index_root = (site / "search").resolve().as_uri() + "/"
    loads, firsts, read, heaps, shown, longest = [], [], [], [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for query in queries:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.route("**/*", lambda route: route.fallback() if route.request.url.startswith(("file:", "data:"))
                          else route.abort())
            page = context.new_page()
            requested: list[str] = []
            page.on("request", lambda r: requested.append(r.url))
            page.goto((site / "index.html").resolve().as_uri())
            page.wait_for_selector("html[data-briefs-search=ready]", state="attached")
            loads.append(page.evaluate("performance.getEntriesByName('briefs-search-ready')[0].startTime"))
            assert not [u for u in requested if u.startswith(index_root)], "the index was read before a search"
            page.keyboard.press("/")
            elapsed, count, task = page.evaluate(_QUERY, query)
            firsts.append(elapsed)
            longest.append(task)
            shown.append(count)
            files = {u for u in requested if u.startswith(index_root)}
            read.append(sum((site / "search" / u[len(index_root):]).stat().st_size for u in files))
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            heaps.append(metrics["JSHeapUsedSize"] / 2**20)
            context.close()
        browser.close()
    return {
        "load_to_interactive_ms": statistics.median(loads),
        "keystroke_to_first_result_ms": statistics.median(firsts),
        "keystroke_to_first_result_ms_max": max(firsts),
        "index_bytes_per_query": statistics.median(read),
        "index_bytes_per_query_max": max(read),
        "js_heap_mb": max(heaps),
        "longest_task_ms": max(longest),  # the longest the page was blocked during a query (0: no task over 50 ms)
        "results_shown_min": min(shown),
    }


def queries_for(corpus: Path) -> list[str]:
    """What a reader of the synthetic corpus would type: names in several scripts, a common
    word, a rare word, a word half typed, two words, a Chinese word, a transliteration."""
    from generator.search.tokens import fold, transliterate
    from generator.validate import check_corpus

    loaded, problems = check_corpus(corpus)
    assert loaded is not None, problems
    briefs = loaded.briefs
    name = lambda i: loaded.actors[f"person-{i:06d}"].actor.name  # noqa: E731
    latin, cyrillic, greek, chinese = name(5), name(8), name(10), name(14)
    article = [w.strip(".,") for w in briefs[3].seed.paragraphs[2].text.split()]
    long_words = [w for w in article if len(w) >= 6]
    return [
        latin.split()[-1],                    # a surname
        cyrillic.split()[-1],                 # a surname in Cyrillic
        "".join(transliterate(fold(greek.split()[-1]))),  # a Greek surname typed in Latin letters
        chinese[:2],                          # two Chinese characters
        "ministry",                           # a common word
        max(article, key=len),                # a rarer word of an article
        long_words[0][:3],                    # a word being typed
        f"{long_words[1]} {long_words[2]}",   # two words
    ]


def build_full(n: int, work: Path) -> tuple[Path, Path, float]:
    """(corpus, built site, seconds) for ``briefs build`` of n synthetic briefs."""
    from generator.cli import main

    corpus = write_corpus(work / f"corpus-{n}", n)
    for name in ("mkdocs.yml", "overrides", "docs"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, corpus / name)
    start = time.perf_counter()
    assert main(["build", "--root", str(corpus)]) == 0
    return corpus, corpus / "site", time.perf_counter() - start


def build_index_only(n: int, work: Path, pages: Path) -> tuple[Path, Path, float]:
    """(corpus, site, seconds of the search emitter): n briefs' index inside ``pages``' site."""
    from generator.outputs import SiteOptions
    from generator.validate import check_corpus
    from generator import search
    from generator.link import link_corpus

    corpus = write_corpus(work / f"corpus-{n}", n)
    loaded, problems = check_corpus(corpus)
    assert loaded is not None, problems
    site = link_corpus(loaded)
    start = time.perf_counter()
    files = list(search.emit(site, SiteOptions(docs_dir=REPO / "docs")))
    seconds = time.perf_counter() - start
    target = work / f"site-{n}"
    shutil.copytree(pages, target, ignore=shutil.ignore_patterns("search"))
    for f in files:
        path = target / f.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f.content)
    return corpus, target, seconds


def index_figures(site: Path) -> dict[str, float]:
    files = [p for p in (site / "search").rglob("*.js")]
    terms = [p.stat().st_size for p in files if p.parent.name == "t"]
    docs = [p.stat().st_size for p in files if p.parent.name == "d"]
    return {"index_mb": sum(p.stat().st_size for p in files) / 1e6, "files": len(files), "term_shards": len(terms),
            "largest_term_kb": max(terms) / 1024, "largest_doc_kb": max(docs) / 1024}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, help="sizes, built in full below 10,000 and index-only above")
    parser.add_argument("--full", nargs="*", type=int, default=None)
    parser.add_argument("--index-only", nargs="*", type=int, default=None)
    args = parser.parse_args(argv)
    full = args.full if args.full is not None else [n for n in (args.sizes or [100, 1000, 10000]) if n < 10000]
    index_only = args.index_only if args.index_only is not None else [
        n for n in (args.sizes or [100, 1000, 10000]) if n >= 10000]
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1711238400")
    print(f"{'briefs':>7} {'how':>10} {'build s':>8} {'index MB':>9} {'files':>6} {'shards':>6} "
          f"{'max shard KB':>12} {'KB/query':>9} {'max KB':>7} {'ready ms':>9} {'first result ms':>15} "
          f"{'max ms':>7} {'heap MB':>8} {'long task ms':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        smallest: Path | None = None
        runs = [(n, "full") for n in sorted(full)] + [(n, "index-only") for n in sorted(index_only)]
        for n, how in runs:
            if how == "full":
                corpus, site, seconds = build_full(n, work)
                smallest = smallest or site
            else:
                if smallest is None:
                    _, smallest, _ = build_full(100, work)
                corpus, site, seconds = build_index_only(n, work, smallest)
            figures = index_figures(site)
            m = measure(site, queries_for(corpus))
            print(f"{n:>7} {how:>10} {seconds:>8.1f} {figures['index_mb']:>9.1f} {figures['files']:>6} "
                  f"{figures['term_shards']:>6} {figures['largest_term_kb']:>12.1f} "
                  f"{m['index_bytes_per_query'] / 1024:>9.1f} {m['index_bytes_per_query_max'] / 1024:>7.1f} "
                  f"{m['load_to_interactive_ms']:>9.0f} {m['keystroke_to_first_result_ms']:>15.0f} "
                  f"{m['keystroke_to_first_result_ms_max']:>7.0f} {m['js_heap_mb']:>8.1f} "
                  f"{m['longest_task_ms']:>12.0f}", flush=True)


if __name__ == "__main__":
    main()
