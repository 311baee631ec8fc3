"""Fixtures for the browser tests: Chromium, built sites, a reader per test, a sub-path server.

Each site (the bundled example, the multi-brief fixture) is built once per
session. Every test gets a ``reader`` whose browser contexts are fresh
profiles; after the test it asserts that no request left the site, that no
page logged an error and that nothing failed to load (HTTP >= 400 included).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest

from generator.corpus import Corpus
from generator.validate import check_corpus

from .site_reading import Reader, screenshot

try:
    from sitebuild import MULTI, REPO, build_site_from
except ImportError:  # tests/sitebuild.py not there: the same steps, in short
    REPO = Path(__file__).resolve().parents[2]
    MULTI = REPO / "tests" / "fixtures" / "site" / "multi"

    def build_site_from(corpus_src: Path, dest: Path) -> Path:
        from generator.cli import main

        for name in ("mkdocs.yml", "overrides", "docs", "seeds", "briefs"):
            src = (corpus_src if name in ("seeds", "briefs") else REPO) / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)
        assert main(["build", "--root", str(dest)]) == 0, f"briefs build --root {dest} failed"
        return dest / "site"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions",
]
CORPORA = {"example": REPO, "multi": MULTI}  # every reading test runs on each of these
# Built on demand by the tests that name them (built_sites(name)):
MORE_CORPORA = {
    "multilingual": REPO / "tests" / "fixtures" / "site" / "multilingual",  # briefs in five scripts
    "payloads": REPO / "tests" / "adversarial" / "fixtures" / "site" / "payloads",  # hostile text everywhere
    "syria": REPO / "tests" / "fixtures" / "site" / "syria-2019",  # forecasts with outcomes, relayed claims
}
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
SUB_PATH = "briefs-site"
_SHOTS = pytest.StashKey[list[Path]]()


@dataclass(frozen=True)
class Site:
    name: str
    root: Path  # the built site folder
    corpus_dir: Path  # the corpus it was built from (a copy, with mkdocs.yml and docs/)
    corpus: Corpus

    def url(self, page: str = "index.html") -> str:
        return (self.root / page).as_uri()


def _unavailable(reason: str) -> None:
    """Skip loudly on a developer's machine; fail in CI, where a missing browser is a broken setup."""
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"{reason} (CI is set: the browser tests must run)", pytrace=False)
    pytest.skip(f"{reason}: browser tests NOT run")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (Playwright's own download is not used)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"Playwright is not installed ({exc}); install it with pip install -e '.[test]'")
    if not CHROMIUM.is_file():
        _unavailable(f"Chromium not found at {CHROMIUM}; install it with apt-get install chromium")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def built_sites(browser: object, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Site]:
    """``built_sites(name)``: the site of ``CORPORA[name]`` (or ``MORE_CORPORA``), built on first use
    (after the browser is found)."""
    cache: dict[str, Site | Exception] = {}

    def get(name: str) -> Site:
        if name not in cache:
            dest = tmp_path_factory.mktemp(f"site-{name}")
            try:
                root = build_site_from({**CORPORA, **MORE_CORPORA}[name], dest)
                corpus, problems = check_corpus(root.parent)
                assert corpus is not None, f"{name}: {problems}"
                cache[name] = Site(name, root, root.parent, corpus)
            except Exception as exc:  # a broken build fails every test of that site, built once
                cache[name] = exc
        value = cache[name]
        if isinstance(value, Exception):
            raise value
        return value

    return get


@pytest.fixture(params=sorted(CORPORA))
def site(request: pytest.FixtureRequest, built_sites: Callable[[str], Site]) -> Site:
    return built_sites(request.param)


@pytest.fixture
def reader(browser: object) -> Iterator[Reader]:
    """Fresh browser profiles for one test; afterwards, no request left the site and nothing went wrong."""
    r = Reader(browser)  # type: ignore[arg-type]
    yield r
    r.close()
    problems = r.problems()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def shoot(site: Site, request: pytest.FixtureRequest) -> Callable[[object, str], Path]:
    """``shoot(page, "brief")`` writes ``test-artifacts/screenshots/<site>-brief.png``."""

    def take(page: object, name: str) -> Path:
        path = screenshot(page, SCREENSHOTS, f"{site.name}-{name}")  # type: ignore[arg-type]
        request.config.stash.setdefault(_SHOTS, []).append(path)
        return path

    return take


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[Site], str]]:
    """``served(site)``: the URL of ``site`` served by ``python -m http.server`` under /briefs-site/."""
    servers: dict[str, tuple[subprocess.Popen[bytes], str]] = {}

    def serve(site: Site) -> str:
        if site.name not in servers:
            root = tmp_path_factory.mktemp(f"served-{site.name}")
            shutil.copytree(site.root, root / SUB_PATH)
            port = _free_port()
            process = subprocess.Popen(
                [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(root)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            base = f"http://127.0.0.1:{port}/{SUB_PATH}/"
            servers[site.name] = (process, base)
            _wait_until_up(process, base + "index.html")
        return servers[site.name][1]

    yield serve
    for process, _ in servers.values():
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(process: subprocess.Popen[bytes], url: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            pytest.fail(f"python -m http.server exited with {process.returncode} before serving {url}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"python -m http.server did not answer {url} within {timeout:.0f} s")
            time.sleep(0.05)  # polling a starting server, not waiting for the page


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    shots = config.stash.get(_SHOTS, [])
    if shots:
        terminalreporter.write_line(f"screenshots: {SCREENSHOTS} ({len(set(shots))} files)")
