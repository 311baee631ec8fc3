"""Where does `briefs build` spend its time? A cProfile breakdown by component.

    python benchmarks/profile_build.py [N] [--no-search] [--top K]   (default: 1000 briefs)

Writes a synthetic corpus of N briefs, builds it once under cProfile (in this
process, like ``briefs build``) and prints the cumulative time of each
component: our generator (check, link, render), Python-Markdown, the theme's
Jinja templates, Material's search plugin, writing files, and MkDocs' own work
(the rest). ``--no-search`` builds with a copy of mkdocs.yml without the search
and offline plugins, to see what remains without them. cProfile slows Python
code down (about 1.5-2x here), so read the shares, not the seconds. The clock is
the process's CPU time, so other work on the machine does not distort the shares.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
from synthetic import write_corpus  # noqa: E402
from corpora import prepare_corpus  # noqa: E402

from generator.cli import main as briefs  # noqa: E402

# (label, file-path pattern, function name): cumulative time of the outermost calls.
COMPONENTS = (
    ("briefs: check corpus", "generator/validate.py", "check_corpus"),
    ("briefs: link + render pages (plugin on_files)", "generator/plugin.py", "on_files"),
    ("MkDocs: read + render Markdown (_populate_page)", "mkdocs/commands/build.py", "_populate_page"),
    ("  of which Python-Markdown (convert)", "markdown/core.py", "convert"),
    ("MkDocs: template + write (_build_page)", "mkdocs/commands/build.py", "_build_page"),
    ("  of which Material's base.html", "material/templates/base.html", "root"),
    ("Material search plugin (per page)", "material/plugins/search/plugin.py", "on_page_context"),
    ("Material search plugin (index)", "material/plugins/search/plugin.py", "on_post_build"),
    ("Material offline plugin", "material/plugins/offline/plugin.py", "on_post_build"),
    ("  of which writing files (write_file)", "mkdocs/utils/__init__.py", "write_file"),
    ("whole build (mkdocs build)", "mkdocs/commands/build.py", "build"),
)


def cumulative(stats: pstats.Stats, path: str, name: str) -> float:
    total = 0.0
    for (filename, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if func == name and filename.replace("\\", "/").endswith(path):
            total += ct
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("briefs", nargs="?", type=int, default=1000)
    parser.add_argument("--no-search", action="store_true", help="build without Material's search and offline plugins")
    parser.add_argument("--top", type=int, default=0, help="also print the K functions with the most own time")
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder instead of a temporary one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        corpus = prepare_corpus(write_corpus(base / "src", args.briefs), base / "corpus", search=not args.no_search)
        profile = cProfile.Profile(time.process_time)
        start = time.perf_counter()
        profile.enable()
        code = briefs(["build", "--root", str(corpus)])
        profile.disable()
        wall = time.perf_counter() - start
        assert code == 0, f"briefs build exited with {code}"
        pages = sum(1 for _ in (corpus / "site").rglob("*.html"))
    stats = pstats.Stats(profile)
    total = cumulative(stats, "generator/cli.py", "main")
    print(f"{args.briefs} briefs, {pages} HTML pages, {'without' if args.no_search else 'with'} Material search: "
          f"{wall:.1f} s wall-clock under cProfile (seconds below: CPU)")
    print(f"{'component':<48} {'s':>8} {'share':>6}")
    for label, path, name in COMPONENTS:
        seconds = cumulative(stats, path, name)
        print(f"{label:<48} {seconds:>8.1f} {100 * seconds / total:>5.0f}%")
    print(f"{'total (briefs build)':<48} {total:>8.1f}")
    if args.top:
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
