"""`mkdocs serve` builds the whole site from a clean corpus and rebuilds when a brief changes.

With ``--dirty`` the plugin regenerates only what an edit touches and MkDocs
rebuilds only those pages (generator/incremental.py): the edited brief's page
and the pages that show its title change, a removed claim's page goes away.
How fast that is belongs to benchmarks/bench_scale.py, not here.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE = "briefs/us-iraq-isis-threat.html"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, deadline: float) -> str:
    """Poll ``url`` until its body contains ``text``; fail with what was served last."""
    body = None
    while time.monotonic() < deadline:
        body = _fetch(url)
        if body is not None and text in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {text!r}; last body: {(body or '')[:300]!r}")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def _serve(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen, int]:
    for name in ("briefs", "seeds", "docs", "overrides"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *extra],
                              cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return server, port


def test_serve_rebuilds_when_a_brief_changes(tmp_path):
    server, port = _serve(tmp_path)
    try:
        url = f"http://127.0.0.1:{port}/{PAGE}"
        _wait_for(url, "US ambassador warns ISIS remains a danger", time.monotonic() + 90)

        brief = tmp_path / "briefs" / "us-iraq-isis-threat.yml"
        brief.write_text(brief.read_text(encoding="utf-8").replace(
            'title: "US ambassador warns', 'title: "Revised: US ambassador warns'), encoding="utf-8")

        _wait_for(url, "Revised: US ambassador warns", time.monotonic() + 90)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_dirty_rebuilds_the_pages_an_edit_touches(tmp_path):
    server, port = _serve(tmp_path, "--dirty")
    try:
        base = f"http://127.0.0.1:{port}/"
        claim = base + "claims/isis-remains-a-danger.html"  # shows its brief's title
        removed = base + "claims/washington-talks-significant.html"
        _wait_for(base + PAGE, "US ambassador warns ISIS remains a danger", time.monotonic() + 90)
        assert _status(removed) == 200

        brief = tmp_path / "briefs" / "us-iraq-isis-threat.yml"
        text = brief.read_text(encoding="utf-8")
        text = text.replace('title: "US ambassador warns', 'title: "Revised: US ambassador warns')
        start = text.index("  - id: washington-talks-significant")
        text = text[:start] + text[text.index("  - id: washington-talks-april-15-agenda"):]
        brief.write_text(text, encoding="utf-8")

        _wait_for(base + PAGE, "Revised: US ambassador warns", time.monotonic() + 90)
        _wait_for(claim, "Revised: US ambassador warns", time.monotonic() + 30)
        assert "washington-talks-significant" not in _fetch(base + PAGE)
        assert _status(removed) == 404
    finally:
        server.terminate()
        server.wait(timeout=10)
