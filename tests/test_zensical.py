"""Ready for Zensical: `briefs generate` + zensical.yml (which inherits mkdocs.yml)
builds the same pages without any MkDocs plugin."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.cli import main
from generator.validate import check_corpus

REPO = Path(__file__).resolve().parents[1]


def _zensical() -> str:
    exe = shutil.which("zensical") or str(Path(sys.executable).parent / "zensical")
    if not Path(exe).exists():
        message = "zensical is not installed (pip install -e '.[test]'): the Zensical build was NOT tested"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return exe


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    exe = _zensical()
    corpus = tmp_path_factory.mktemp("zensical") / "corpus"
    corpus.mkdir()
    for name in ("briefs", "seeds", "docs", "overrides"):
        shutil.copytree(REPO / name, corpus / name)
    for name in ("mkdocs.yml", "zensical.yml"):
        shutil.copy(REPO / name, corpus / name)
    assert main(["generate", "--root", str(corpus), "--out", str(corpus / "build" / "docs")]) == 0
    done = subprocess.run([exe, "build", "-f", "zensical.yml"], cwd=corpus, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return corpus / "site"


def test_zensical_builds_every_page_of_the_layout(zensical_site):
    corpus, problems = check_corpus(REPO)
    assert not problems
    expected = ["index.html", "actors/index.html", "claims/index.html", "implications/index.html",
                "timeline.html", "tags.html"]
    expected += [f"briefs/{b.id}.html" for b in corpus.briefs]
    expected += [f"actors/{a}.html" for a in corpus.actors]
    expected += [f"claims/{c}.html" for c in corpus.claims]
    expected += [f"implications/{i}.html" for i in corpus.implications]
    missing = [page for page in expected if not (zensical_site / page).is_file()]
    assert missing == []


def test_zensical_pages_keep_highlights_styles_and_the_offline_shim(zensical_site):
    corpus, _ = check_corpus(REPO)
    brief = corpus.briefs[0]
    soup = BeautifulSoup((zensical_site / f"briefs/{brief.id}.html").read_text(encoding="utf-8"), "html.parser")
    quotes = {a["href"] for a in soup.select("a.claim-quote")}
    assert {f"../claims/{c}.html" for c in corpus.claims if corpus.claims[c].brief == brief.id} <= quotes
    assert soup.find("link", href="../assets/stylesheets/briefs.css") is not None
    assert soup.find("p", class_="page-kind") is not None  # overrides/partials are used
    scripts = [s.get("src", "") for s in soup.find_all("script")]
    assert not [s for s in scripts if s.startswith(("http:", "https:", "//"))]
