"""Shared helpers: run ``briefs check`` in-process and build small corpora."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Callable, NamedTuple

import pytest

from generator.cli import main

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures" / "check"

# The seed most fixtures share: a date header with the first paragraph on the
# same line, a heading, curly quotes, em dashes, a non-Latin name, a paragraph
# wrapped over two lines and a sentence that occurs twice.
HARBOUR_SEED = (FIXTURES / "valid-minimal" / "seeds" / "harbour.txt").read_text(encoding="utf-8")
MINIMAL_BRIEF = (FIXTURES / "valid-minimal" / "briefs" / "terminal-delay.yml").read_text(encoding="utf-8")


def installed_tool(name: str, how: str) -> str:
    """The path of command ``name`` in the environment; if missing, skip loudly, or fail under CI."""
    exe = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(exe).exists():
        message = f"{name} is not installed ({how}): this was NOT tested"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return exe


class Run(NamedTuple):
    code: int
    lines: list[str]  # stdout, one problem per line
    stderr: str


def scenarios() -> list[str]:
    return sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def copy_fixture(name: str, dest: Path) -> Path:
    """A writable copy of ``tests/fixtures/check/<name>`` at ``dest``."""
    root = dest / name
    shutil.copytree(FIXTURES / name, root)
    return root


def write_corpus(root: Path, files: dict[str, str | bytes], *, seed: bool = True) -> Path:
    """Write ``{relative path: content}`` under ``root``; add the harbour seed unless told not to."""
    if seed:
        files = {"seeds/harbour.txt": HARBOUR_SEED, **files}
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    (root / "briefs").mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    return root


@pytest.fixture
def run_briefs(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run ``briefs ARGS...`` in-process; usage errors (argparse) become exit code 2.

    SOURCE_DATE_EPOCH is unset (a test sets it when it means to): "today" for implications
    past their due date is then the newest date written in the corpus, whatever the clock.
    """
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)

    def run(*argv: str) -> Run:
        capsys.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out = capsys.readouterr()
        return Run(code, out.out.splitlines(), out.err)

    return run


@pytest.fixture
def run_check(run_briefs: Callable[..., Run]) -> Callable[..., tuple[int, list[str]]]:
    """``run_check(root, *extra) -> (exit_code, stdout_lines)`` for ``briefs check --root ROOT``."""

    def run(root: Path, *extra: str) -> tuple[int, list[str]]:
        result = run_briefs("check", "--root", str(root), *extra)
        return result.code, result.lines

    return run


@pytest.fixture(scope="session")
def synthetic_sites(tmp_path_factory: pytest.TempPathFactory):
    """Built sites of synthetic corpora (``benchmarks/synthetic.py``), by number of briefs,
    built on first use and shared by the scale and listing tests: ``synthetic_sites(300)``."""
    from sitebuild import BuiltSite, build_site_from

    sys.path.insert(0, str(REPO / "benchmarks"))
    from synthetic import write_corpus

    built: dict[int, BuiltSite] = {}

    def site(n: int) -> BuiltSite:
        if n not in built:
            base = tmp_path_factory.mktemp(f"synthetic-{n}")
            built[n] = BuiltSite(build_site_from(write_corpus(base / "src", n), base / "corpus"))
        return built[n]

    return site
