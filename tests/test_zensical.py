"""Ready for Zensical: `briefs generate` + zensical.yml (which inherits mkdocs.yml)
builds the same pages without any MkDocs plugin."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import installed_tool
from generator.cli import main
from sitebuild import layout_pages
from generator.validate import check_corpus

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    exe = installed_tool("zensical", "pip install -e '.[test]'")
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
    missing = [page for page in layout_pages(corpus) if not (zensical_site / page).is_file()]
    assert missing == []


def test_zensical_pages_keep_highlights_styles_and_our_search(zensical_site):
    corpus, _ = check_corpus(REPO)
    brief = corpus.briefs[0]
    soup = BeautifulSoup((zensical_site / f"briefs/{brief.id}.html").read_text(encoding="utf-8"), "html.parser")
    quotes = {a["href"] for a in soup.select("a.claim-quote")}
    assert {f"../claims/{c}.html" for c in corpus.claims if corpus.claims[c].brief == brief.id} <= quotes
    assert soup.find("link", href="../assets/stylesheets/briefs.css") is not None
    assert soup.find("link", href="../assets/stylesheets/search.css") is not None
    assert soup.find("p", class_="page-kind") is not None  # overrides/partials are used
    scripts = [s.get("src", "") for s in soup.find_all("script")]
    assert not [s for s in scripts if s.startswith(("http:", "https:", "//"))]
    assert {"../assets/javascripts/search-engine.js", "../assets/javascripts/search.js"} <= set(scripts)
    # The index `briefs generate` wrote is shipped; Zensical's own search is off (an empty index,
    # no search field of its own in the header).
    assert (zensical_site / "search" / "manifest.js").is_file()
    assert list((zensical_site / "search" / "t").glob("*.js"))
    own = zensical_site / "search.json"
    assert not own.exists() or json.loads(own.read_text(encoding="utf-8"))["items"] == []
    assert soup.select(".md-search") == []


def test_zensical_pages_carry_their_json_ld_the_feed_link_and_the_data_files(zensical_site):
    """The open data hooks live in generated files and overrides/main.html, so Zensical shows them too."""
    soup = BeautifulSoup((zensical_site / "claims" / "isis-remains-a-danger.html").read_text("utf-8"), "html.parser")
    (script,) = soup.select('head script[type="application/ld+json"]')
    assert json.loads(script.string)["@type"] in ("Claim", "ClaimReview")
    (feed,) = soup.select('head link[rel~="alternate"][type="application/atom+xml"]')
    assert (zensical_site / "claims" / feed["href"]).resolve() == (zensical_site / "feed.xml").resolve()
    for path in ("feed.xml", "data.html", "data/briefs.json", "data/claims.csv", "data/briefs.schema.json"):
        assert (zensical_site / path).is_file(), path
