"""The same search in a Zensical build: `briefs generate` + `zensical build` of the bundled example
(with the multilingual corpus beside it), opened from disk."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

from .site_reading import click_result, expect_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from conftest import REPO, installed_tool  # noqa: E402


@pytest.fixture(scope="module")
def zensical_site(browser, tmp_path_factory: pytest.TempPathFactory) -> Path:
    exe = installed_tool("zensical", "pip install -e '.[test]'")
    corpus = tmp_path_factory.mktemp("zensical-search") / "corpus"
    corpus.mkdir()
    for name in ("docs", "overrides", "mkdocs.yml", "zensical.yml"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, corpus / name)
    for name in ("seeds", "briefs"):  # the bundled example, and the multilingual corpus beside it
        shutil.copytree(REPO / name, corpus / name)
        shutil.copytree(REPO / "tests" / "fixtures" / "site" / "multilingual" / name, corpus / name,
                        dirs_exist_ok=True)
    assert main(["generate", "--root", str(corpus), "--out", str(corpus / "build" / "docs")]) == 0
    done = subprocess.run([exe, "build", "-f", "zensical.yml"], cwd=corpus, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return corpus / "site"


@pytest.mark.parametrize(("term", "target", "heading"), [
    ("Romanowski", "actors/alina-romanowski.html", "Alina Romanowski"),
    ("Papadopoulou", "actors/maria-papadopoulou.html", "Μαρία Παπαδοπούλου"),
    ("Орлова", "actors/elena-orlova.html", "Елена Орлова"),
    ("湿地", "claims/wetlands-at-risk.html", "大规模建设可能破坏沿岸湿地"),
])
def test_search_works_from_disk_in_the_zensical_build(zensical_site: Path, reader, term, target, heading):
    page = reader.open((zensical_site / "claims" / "forty-new-trams.html").as_uri())
    assert click_result(page, term, target) in ("Actor", "Claim")
    expect_page(page, target, heading)
