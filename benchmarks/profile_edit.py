"""Where does a ``mkdocs serve --dirty`` rebuild after one edit spend its time?

    python benchmarks/profile_edit.py [N] [--corpus DIR] [--edits K] [--cprofile K] [--dirty/--no-dirty]

Runs what ``mkdocs serve --dirty`` runs, in this process and without the web
server: load ``mkdocs.yml``, start the plugins for ``serve``, build once, then
K times: edit one brief's title (``brief-000003``, as ``bench_scale.py`` does),
build again and check that its page shows the edit. Prints, per rebuild, the
CPU seconds (the process's clock: the machine's load does not inflate them)
and wall seconds (with the share of the briefs plugin: everything the
generator does), and the pages MkDocs rebuilt. ``--cprofile K`` profiles the
last rebuild and prints the K functions with the most cumulative and own time
(cProfile slows call-heavy code: read its shares only).

``--corpus DIR`` reuses (or writes once) a corpus folder prepared by
``corpora.prepare_corpus``; default: a fresh synthetic corpus in a temporary
folder. The edit is undone at the end, so the folder can be reused.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import pstats
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from corpora import prepare_corpus  # noqa: E402
from synthetic import write_corpus  # noqa: E402

TITLE = 'title: "Synthetic brief 3:'


def corpus_at(folder: Path | None, n: int, tmp: Path) -> Path:
    if folder is not None and (folder / "mkdocs.yml").is_file():
        return folder
    dest = folder or tmp / "corpus"
    return prepare_corpus(write_corpus(tmp / "src", n), dest)


class _Counter:
    """Counts the pages MkDocs renders (``Page.render``: only modified pages under --dirty)."""

    def __init__(self) -> None:
        from mkdocs.structure.pages import Page

        self.pages = 0
        render = Page.render

        def counted(page, *args, **kwargs):
            self.pages += 1
            return render(page, *args, **kwargs)

        Page.render = counted  # type: ignore[method-assign]

        from generator.plugin import BriefsPlugin

        self.ours = 0.0  # CPU seconds in the briefs plugin (check, link, render, search index, staging)
        on_files = BriefsPlugin.on_files

        def timed(plugin, *args, **kwargs):
            start = time.process_time()
            try:
                return on_files(plugin, *args, **kwargs)
            finally:
                self.ours += time.process_time() - start

        BriefsPlugin.on_files = timed  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("briefs", nargs="?", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--edits", type=int, default=2)
    parser.add_argument("--cprofile", type=int, default=0, metavar="K")
    parser.add_argument("--no-dirty", action="store_true", help="plain mkdocs serve (rebuilds every page)")
    args = parser.parse_args()

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    counter = _Counter()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # not the --dirty warning on every build

    with tempfile.TemporaryDirectory() as tmp:
        corpus = corpus_at(args.corpus, args.briefs, Path(tmp))
        brief = corpus / "briefs" / "brief-000003.yml"
        original = brief.read_text(encoding="utf-8")
        site_dir = Path(tmp) / "site"
        dirty = not args.no_dirty

        def get_config():
            return load_config(config_file=str(corpus / "mkdocs.yml"), site_dir=str(site_dir))

        config = get_config()
        config.plugins.on_startup(command="serve", dirty=dirty)
        serve_url = "http://127.0.0.1:8000/"
        config.site_url = serve_url
        try:
            start, cpu = time.perf_counter(), time.process_time()
            build(config, serve_url=serve_url, dirty=dirty)
            print(f"first build: {time.process_time() - cpu:.1f} s CPU, {time.perf_counter() - start:.1f} s wall,"
                  f" {counter.pages:,} pages", flush=True)
            for edit in range(1, args.edits + 1):
                brief.write_text(original.replace(TITLE, f'title: "Edited {edit} brief 3:'), encoding="utf-8")
                counter.pages, counter.ours = 0, 0.0
                profile = cProfile.Profile() if args.cprofile and edit == args.edits else None
                start, cpu = time.perf_counter(), time.process_time()
                if profile:
                    profile.enable()
                config = get_config()  # what mkdocs serve's builder does on every change
                config.site_url = serve_url
                build(config, serve_url=serve_url, dirty=dirty)
                if profile:
                    profile.disable()
                cpu, wall = time.process_time() - cpu, time.perf_counter() - start
                shown = f"Edited {edit} brief 3:" in (site_dir / "briefs" / "brief-000003.html").read_text("utf-8")
                print(f"edit {edit}: {cpu:.2f} s CPU (briefs plugin {counter.ours:.2f}, MkDocs {cpu - counter.ours:.2f}),"
                      f" {wall:.2f} s wall, {counter.pages:,} pages rebuilt, page shows the edit: {shown}", flush=True)
                if profile:
                    for order in ("cumulative", "tottime"):
                        out = io.StringIO()
                        pstats.Stats(profile, stream=out).sort_stats(order).print_stats(args.cprofile)
                        print(out.getvalue())
        finally:
            brief.write_text(original, encoding="utf-8")
            config.plugins.on_shutdown()


if __name__ == "__main__":
    main()
