"""Fixtures of the adversarial suite: the payload site (built once per session) and check cases.

This folder is a package (``__init__.py``) so that this conftest and the helpers
never shadow ``tests/conftest.py``, which other test modules import by name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import CHECK_CASES, FIXTURES, Site, build, check, copy_case, make_corpus

PAYLOAD_CORPUS = FIXTURES / "site" / "payloads"


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The payload corpus (every hostile string in every field), built once with ``briefs build``."""
    root = make_corpus(PAYLOAD_CORPUS, tmp_path_factory.mktemp("payload-site") / "corpus")
    code, out, err = build(root)
    assert code == 0, f"briefs build of the payload corpus exited with {code}:\n{out}\n{err}"
    return Site(root / "site")


@pytest.fixture
def run_case(tmp_path: Path):
    """Copy a check case into a fresh folder and run ``briefs check`` on it: (exit status, stdout lines)."""

    def run(case: str) -> tuple[int, list[str]]:
        root = copy_case(CHECK_CASES / case, tmp_path / case)
        return check(root)

    return run
