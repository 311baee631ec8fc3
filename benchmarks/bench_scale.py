"""How does the whole site scale? One command, one table.

    python benchmarks/bench_scale.py [N ...] [--generate-only N ...] [--serve N ...] [--no-material-search]

Default: full builds of 100 and 1,000 briefs, ``briefs generate`` only for
10,000 (see benchmarks/README.md for what a full 10,000-brief build takes),
and the ``mkdocs serve --dirty`` edit loop at 1,000. For each size it writes a
synthetic corpus (``synthetic.py``), runs ``briefs build`` (or ``briefs
generate``) as a child process and prints:

- build: wall-clock seconds, CPU seconds, peak memory (maximum resident set of
  the build process: the build runs in one process);
- pages (HTML; Markdown for generate-only), the largest page and the largest
  listing page (bytes, path);
- index: bytes of the search index (every file under a ``search`` folder of
  the site, outside the theme's own ``assets/``);
- search, from ``bench_search.measure()`` in headless Chromium from file://
  when that module exists: load-to-interactive, keystroke-to-first-result
  and bytes of index read per query; "n/a" otherwise (never estimated);
- serve: seconds for ``mkdocs serve --dirty`` to serve the site, and from
  saving an edit to one brief to its page showing it (wall clock, and the CPU
  seconds the server used meanwhile, which the machine's load does not inflate).

Timings depend on the machine's load: the table says what else ran.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from corpora import prepare_corpus  # noqa: E402
from synthetic import write_corpus  # noqa: E402

LISTING = re.compile(r"^(claims/index|implications/index|actors/index|timeline|tags)(_\d+)?\.(html|md)$|^tags/")


@dataclass
class Row:
    briefs: int
    mode: str  # "build" or "generate"
    wall: float = 0.0
    cpu: float = 0.0
    rss_mb: float = 0.0
    pages: int = 0
    largest: tuple[int, str] = (0, "")
    largest_listing: tuple[int, str] = (0, "")
    index_bytes: int | None = None
    search: dict[str, float] = field(default_factory=dict)
    serve_start: float | None = None
    edit_to_page: float | None = None
    edit_cpu: float | None = None  # CPU seconds the server spent from the edit to the page


def run_measured(argv: list[str], cwd: Path | None = None) -> tuple[float, float, float]:
    """Run ``argv``; (wall seconds, CPU seconds, peak RSS in MB) of the child process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(argv)} failed:\n{process.stderr.read().decode()[-3000:]}")  # type: ignore[union-attr]
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def sizes(folder: Path, suffix: str) -> tuple[int, tuple[int, str], tuple[int, str]]:
    """(pages, largest page, largest listing page) of the files ending in ``suffix``."""
    pages = [(p.stat().st_size, p.relative_to(folder).as_posix()) for p in folder.rglob(f"*{suffix}")]
    listings = [p for p in pages if LISTING.match(p[1])]
    return len(pages), max(pages, default=(0, "")), max(listings, default=(0, ""))


def index_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*")
               if p.is_file() and "search" in p.relative_to(site).parts[:-1]
               and p.relative_to(site).parts[0] != "assets")


def search_figures(site: Path, queries: list[str]) -> dict[str, float]:
    try:
        from bench_search import measure  # type: ignore[import-not-found]
    except ImportError:
        return {}
    return measure(site, queries)


def queries_for(corpus: Path) -> list[str]:
    """A common word, a Latin-script name, and names in Cyrillic and accented Latin (synthetic briefs 8 and 15)."""
    names = []
    for n in (3, 8, 15):
        path = corpus / "briefs" / f"brief-{n:06d}.yml"
        if path.is_file():
            found = re.search(r'^    name: "(.+)"$', path.read_text(encoding="utf-8"), re.M)
            if found:
                names.append(found.group(1).split()[-1])
    return ["ministry", *names]


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by process ``pid`` (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve_edit_loop(corpus: Path) -> tuple[float, float, float]:
    """Seconds until ``mkdocs serve --dirty`` serves a brief page; then, from saving an edit to
    it showing, wall-clock seconds and the CPU seconds the server used."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/briefs/brief-000003.html"
    log = open(corpus / "serve.log", "wb")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=corpus, stdout=log, stderr=subprocess.STDOUT)
    try:
        start = time.perf_counter()
        _wait(url, "Synthetic brief 3:", 3600, server)
        started = time.perf_counter() - start
        time.sleep(2)  # let the watcher settle
        brief = corpus / "briefs" / "brief-000003.yml"
        text = brief.read_text(encoding="utf-8")
        brief.write_text(text.replace('title: "Synthetic brief 3:', 'title: "Edited brief 3:'), encoding="utf-8")
        cpu = _cpu_seconds(server.pid)
        edited = time.perf_counter()
        _wait(url, "Edited brief 3:", 600, server)
        return started, time.perf_counter() - edited, _cpu_seconds(server.pid) - cpu
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _wait(url: str, text: str, timeout: float, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve exited with {server.returncode}; see serve.log in the corpus folder")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{url} never showed {text!r}")


def measure(n: int, mode: str, serve: bool, material_search: bool, base: Path) -> Row:
    source = write_corpus(base / f"src-{n}", n)
    corpus = prepare_corpus(source, base / f"corpus-{n}", search=material_search)
    row = Row(n, mode)
    briefs = [sys.executable, "-m", "generator.cli"]
    if mode == "generate":
        out = base / f"generated-{n}"
        row.wall, row.cpu, row.rss_mb = run_measured([*briefs, "generate", "--root", str(corpus), "--out", str(out)])
        row.pages, row.largest, row.largest_listing = sizes(out, ".md")
        return row
    row.wall, row.cpu, row.rss_mb = run_measured([*briefs, "build", "--root", str(corpus)])
    site = corpus / "site"
    row.pages, row.largest, row.largest_listing = sizes(site, ".html")
    row.index_bytes = index_bytes(site)
    row.search = search_figures(site, queries_for(corpus))
    if serve:
        row.serve_start, row.edit_to_page, row.edit_cpu = serve_edit_loop(corpus)
    return row


def _kb(value: tuple[int, str]) -> str:
    return f"{value[0] / 1024:,.0f} KB {value[1]}" if value[1] else "-"


def table(rows: list[Row]) -> str:
    head = ("briefs", "mode", "wall s", "CPU s", "peak MB", "pages", "largest page", "largest listing page",
            "index MB", "load→interactive ms", "keystroke→result ms", "index KB/query", "serve start s",
            "edit→page s (CPU s)")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        s = r.search
        cells = (
            f"{r.briefs:,}", r.mode, f"{r.wall:.0f}", f"{r.cpu:.0f}", f"{r.rss_mb:,.0f}", f"{r.pages:,}",
            _kb(r.largest), _kb(r.largest_listing),
            "-" if r.index_bytes is None else f"{r.index_bytes / 2**20:.1f}",
            f"{s['load_to_interactive_ms']:.0f}" if s else "n/a",
            f"{s['keystroke_to_first_result_ms']:.0f}" if s else "n/a",
            f"{s['index_bytes_per_query'] / 1024:.0f}" if s else "n/a",
            "-" if r.serve_start is None else f"{r.serve_start:.0f}",
            "-" if r.edit_to_page is None else f"{r.edit_to_page:.1f} ({r.edit_cpu:.1f})",
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, help="full builds (default: 100 1000)")
    parser.add_argument("--generate-only", nargs="*", type=int, default=None, metavar="N",
                        help="sizes to generate only, without MkDocs (default: 10000)")
    parser.add_argument("--serve", nargs="*", type=int, default=None, metavar="N",
                        help="sizes whose mkdocs serve --dirty edit loop is timed (default: 1000)")
    parser.add_argument("--no-material-search", action="store_true",
                        help="build with a mkdocs.yml without Material's search and offline plugins")
    args = parser.parse_args()
    full = args.sizes or ([] if args.generate_only else [100, 1000])
    generate_only = [10000] if args.generate_only is None and not args.sizes else (args.generate_only or [])
    serve = set([1000] if args.serve is None else args.serve)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in full:
            rows.append(measure(n, "build", n in serve, not args.no_material_search, Path(tmp)))
            print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
        for n in generate_only:
            rows.append(measure(n, "generate", False, not args.no_material_search, Path(tmp)))
    load = os.getloadavg()
    print(table(rows))
    print(f"\n{os.cpu_count()} CPUs; load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min)")
    if not any(r.search for r in rows if r.mode == "build"):
        print("search columns: n/a (benchmarks/bench_search.py, from the search branch, is not here yet)")


if __name__ == "__main__":
    main()
