"""The maps, the contested page, the filter data and the timeline chart (generator/maps), as
generated (no browser: tests/browser/test_maps.py reads them in Chromium).

Every SVG stays under 100 KB and refers to nothing outside the page; contributor text in
an SVG is text; two layouts of the same corpus are the same bytes; the caps hold for an
actor present in every brief and for a brief with many claims.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.pipeline import generate

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import write_corpus  # noqa: E402

CORPORA = {
    "example": REPO,
    "multi": REPO / "tests" / "fixtures" / "site" / "multi",
    "syria": REPO / "tests" / "fixtures" / "site" / "syria-2019",
    "payloads": REPO / "tests" / "adversarial" / "fixtures" / "site" / "payloads",
}
SVG = re.compile(r"<svg\b.*?</svg>", re.S)
SVG_MAX = 100_000


@pytest.fixture(scope="module", params=sorted(CORPORA))
def generated(request):
    return generate(CORPORA[request.param])


def _svgs(generated):
    for path, page in sorted(generated.pages.items()):
        for svg in SVG.findall(page.text):
            yield path, svg


def test_every_brief_actor_with_ties_and_the_timeline_have_a_drawing(generated):
    pages = generated.pages
    for brief in generated.site.briefs:
        assert '<svg class="map__svg"' in pages[f"briefs/{brief}.md"].text, brief
    assert '<svg class="timeline-chart__svg"' in pages["timeline.md"].text


def test_no_svg_is_over_100_kb_or_refers_outside_the_page(generated):
    for path, svg in _svgs(generated):
        assert len(svg.encode("utf-8")) < SVG_MAX, path
        soup = BeautifulSoup(svg, "html.parser")
        assert not soup.find_all(["script", "foreignobject", "foreignObject", "image", "use", "style", "iframe"]), path
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.lower().startswith("on"), (path, name)
                if name.lower() in ("href", "xlink:href", "src"):
                    assert not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", value, re.I), (path, value)
                    assert value.endswith(".html") or ".html#" in value, (path, value)
        assert not re.search(r"url\((?!#)", svg), path  # only url(#marker) inside the SVG


def test_payloads_in_svg_text_stay_text():
    pages = generate(CORPORA["payloads"]).pages
    seen = 0
    for path, page in pages.items():
        for svg in SVG.findall(page.text):
            soup = BeautifulSoup(svg, "html.parser")
            assert not soup.find_all(["script", "img", "iframe", "foreignobject"]), path
            texts = " ".join(t.get_text() for t in soup.find_all(["title", "text"]))
            seen += "<script>" in texts or "<img" in texts
    assert seen, "the payload corpus should put hostile text into some map"


def test_two_generations_give_the_same_maps():
    a, b = generate(CORPORA["multi"]), generate(CORPORA["multi"])
    assert [s for _, s in _svgs(a)] == [s for _, s in _svgs(b)]
    assert {p: f.content for p, f in a.files.items()} == {p: f.content for p, f in b.files.items()}


def test_the_contested_page_pairs_the_cross_brief_contradiction():
    text = generate(CORPORA["multi"]).pages["contested.md"].text
    soup = BeautifulSoup(text, "html.parser")
    pairs = soup.select("ul.contested-pair")
    assert len(pairs) == 1
    hrefs = {a["href"] for a in pairs[0].select("a.claim-link")}
    assert hrefs == {"claims/decline-tracked-rainfall.html", "claims/hydro-releases-drained-reservoir.html"}
    assert [li.select_one("blockquote").get_text(strip=True) for li in pairs[0].find_all("li", recursive=False)] == [
        "“the reservoir's decline tracked rainfall, not turbine demand”",
        "“releases to the hydroelectric plant had drained the reservoir faster than rainfall could refill it”"]


def test_maps_stay_capped_for_a_crowded_corpus(tmp_path):
    """60 briefs sharing actors, 45 claims in each: every map and the timeline stay small."""
    root = write_corpus(tmp_path, 60, claims=45, implications=22)
    generated = generate(root)
    largest = max(len(svg.encode("utf-8")) for _, svg in _svgs(generated))
    assert largest < SVG_MAX
    brief = next(iter(generated.site.briefs))
    soup = BeautifulSoup(generated.pages[f"briefs/{brief}.md"].text, "html.parser")
    assert len(soup.select("svg a.map__node--claim")) <= 40
    assert "not drawn" in soup.select_one("figure.map figcaption").get_text()
    for actor in generated.site.actors:
        page = BeautifulSoup(generated.pages[f"actors/{actor}.md"].text, "html.parser")
        assert len(page.select("svg a.map__node--actor")) <= 12


def test_filter_data_cover_every_claim_and_implication_in_small_files():
    generated = generate(CORPORA["multi"])
    files = generated.files
    claims = files["assets/filters/claims-1.js"].content.decode()
    for claim_id in generated.site.claims:
        assert f'["{claim_id}",' in claims
    assert claims.startswith('__briefsFilter("claims",1,')
    imps = files["assets/filters/implications-1.js"].content.decode()
    for imp_id in generated.site.implications:
        assert f'["{imp_id}",' in imps


def test_filter_data_escape_what_could_end_a_script():
    files = generate(CORPORA["payloads"]).files
    data = b"".join(f.content for p, f in files.items() if p.startswith("assets/filters/"))
    assert data and b"<" not in data and b">" not in data and "\u2028".encode() not in data
