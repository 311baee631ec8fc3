"""Where does `briefs build` spend its time? CPU seconds by component.

    python benchmarks/profile_build.py [N] [--no-search] [--cprofile K]   (default: 1000 briefs)

Writes a synthetic corpus of N briefs and builds it once in this process, like
``briefs build``, with a CPU-time meter around each component: our check, our
page generation (link, render, listings), our search index, Python-Markdown, the theme's page
templates (Material's ``main.html``), Material's search plugin, writing files,
and MkDocs' own work (the rest of the build). The meters count exclusive time
(a component nested in another is subtracted from it) and read the process's
CPU clock, so other work on the machine does not distort them. ``--no-search``
builds with a copy of mkdocs.yml without Material's search and offline
plugins. ``--cprofile K`` also runs cProfile and prints the K functions with
the most own time (cProfile slows Python down unevenly: read its shares only).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from corpora import prepare_corpus  # noqa: E402
from synthetic import write_corpus  # noqa: E402


class Meters:
    """Exclusive CPU time per component: entering a component pauses the one it runs in."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._stack: list[list[Any]] = []  # [name, started]

    def wrap(self, owner: Any, attribute: str, name: str, skip_inside: str | None = None) -> None:
        original = getattr(owner, attribute)

        @functools.wraps(original)
        def metered(*args: Any, **kwargs: Any) -> Any:
            if self._stack and self._stack[-1][0] in (name, skip_inside):
                return original(*args, **kwargs)  # recursion, or counted by the enclosing component
            now = time.process_time()
            if self._stack:
                top = self._stack[-1]
                self.seconds[top[0]] += now - top[1]
            self._stack.append([name, now])
            try:
                return original(*args, **kwargs)
            finally:
                end = time.process_time()
                self.seconds[name] += end - self._stack.pop()[1]
                if self._stack:
                    self._stack[-1][1] = end

        setattr(owner, attribute, metered)


def install(meters: Meters) -> None:
    import jinja2
    import markdown
    import mkdocs.commands.build
    import mkdocs.utils

    import generator.cli
    import generator.pipeline
    import generator.plugin

    meters.wrap(generator.cli, "check_corpus", "briefs: check the corpus")
    meters.wrap(generator.pipeline, "check_corpus", "briefs: check the corpus")
    meters.wrap(generator.plugin.BriefsPlugin, "on_files", "briefs: link, render pages and listings")
    try:
        import generator.search as search
    except ImportError:  # before the search index existed
        pass
    else:
        for step in ("collect_terms", "index_files"):
            meters.wrap(search, step, "briefs: search index (terms, shards)")
    meters.wrap(markdown.Markdown, "convert", "Python-Markdown")
    meters.wrap(jinja2.Template, "render", "theme templates (Material main.html)",
                skip_inside="briefs: link, render pages and listings")
    meters.wrap(mkdocs.utils, "write_file", "writing files")
    meters.wrap(mkdocs.commands.build, "build", "MkDocs (everything else)")
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:  # pragma: no cover
        return
    for hook in ("on_page_context", "on_post_build", "on_page_content"):
        if hasattr(SearchPlugin, hook):
            meters.wrap(SearchPlugin, hook, "Material search plugin")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("briefs", nargs="?", type=int, default=1000)
    parser.add_argument("--no-search", action="store_true", help="build without Material's search and offline plugins")
    parser.add_argument("--cprofile", type=int, default=0, metavar="K",
                        help="also profile with cProfile and print the K functions with the most own time")
    args = parser.parse_args()
    from generator.cli import main as briefs

    meters = Meters()
    install(meters)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = prepare_corpus(write_corpus(Path(tmp) / "src", args.briefs), Path(tmp) / "corpus",
                                search=not args.no_search)
        profile = cProfile.Profile() if args.cprofile else None
        wall, cpu = time.perf_counter(), time.process_time()
        if profile:
            profile.enable()
        code = briefs(["build", "--root", str(corpus)])
        if profile:
            profile.disable()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        assert code == 0, f"briefs build exited with {code}"
        pages = sum(1 for _ in (corpus / "site").rglob("*.html"))
        material_search = "\n  - search\n" in (corpus / "mkdocs.yml").read_text(encoding="utf-8")
    print(f"{args.briefs:,} briefs, {pages:,} HTML pages, {'with' if material_search else 'without'} Material search: "
          f"{cpu:.1f} s CPU, {wall:.1f} s wall-clock{' (under cProfile)' if profile else ''}")
    print(f"{'component (exclusive CPU time)':<44} {'s':>7} {'share':>6}")
    for name, seconds in sorted(meters.seconds.items(), key=lambda kv: -kv[1]):
        print(f"{name:<44} {seconds:>7.1f} {100 * seconds / cpu:>5.0f}%")
    rest = cpu - sum(meters.seconds.values())
    print(f"{'outside the build (imports, corpus copy)':<44} {rest:>7.1f} {100 * rest / cpu:>5.0f}%")
    if profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.cprofile)


if __name__ == "__main__":
    main()
