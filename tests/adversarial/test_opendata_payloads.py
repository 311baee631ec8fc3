"""The open data outputs of the payload corpus (every hostile string in every field):
JSON-LD stays data inside its script and reads back as written, the Atom feeds parse
and carry the text as text, no CSV cell runs as a spreadsheet formula, and the
dataset and the Web Annotations read back as written. (That no payload runs when
the pages are opened and pointed at is test_browser_payloads.py, the Data page
included.)
"""

from __future__ import annotations

import csv
import io
import json
import re

import feedparser

from generator.opendata.dataset import csv_cell

from .helpers import Site
from .payloads import PAYLOADS, ids


def test_every_pages_json_ld_is_inert_data_that_reads_back_as_written(payload_site: Site):
    seen = 0
    for page in payload_site.pages():
        for script in payload_site.soup(page).select('script[type="application/ld+json"]'):
            body = script.string or ""
            assert not re.search(r"[<>&\u2028\u2029]", body), page
            assert script.find_parent("head") is not None, page
            json.loads(body)
            seen += 1
    assert seen > len(PAYLOADS) * 5
    for p in PAYLOADS:
        claim = json.loads(payload_site.soup(f"claims/{ids(p)['claim']}.html").select_one(
            'script[type="application/ld+json"]').string)
        assert claim["claimReviewed"] == p.value("claim statement")
        assert claim["itemReviewed"]["author"][0]["name"] == p.value("actor name")
        assert claim["reviewBody"] == p.value("review note")


def test_the_feeds_parse_and_carry_the_titles_as_text(payload_site: Site):
    for path in ["feed.xml", "feeds/payloads.xml"]:
        feed = feedparser.parse((payload_site.root / path).read_bytes(),
                                response_headers={"content-type": "application/atom+xml"})
        assert not feed.bozo, (path, feed.bozo_exception)
        titles = {e.title for e in feed.entries}
        summaries = {e.summary for e in feed.entries}
        for p in PAYLOADS:
            assert p.value("title") in titles
            assert " ".join(p.value("summary").split()) in {" ".join(s.split()) for s in summaries}
        for entry in feed.entries:
            assert entry.title_detail.type == "text/plain" and entry.summary_detail.type == "text/plain"


def test_no_csv_cell_runs_as_a_formula_and_the_json_keeps_the_text(payload_site: Site):
    data = json.loads((payload_site.root / "data" / "briefs.json").read_text(encoding="utf-8"))
    formula = next(p for p in PAYLOADS if p.slug == "spreadsheet-formula")
    claims = {c["id"]: c for c in data["claims"]}
    assert claims[ids(formula)["claim"]]["statement"] == formula.value("claim statement")  # as written
    cells = 0
    for table in ("briefs", "actors", "claims", "implications", "relations"):
        text = (payload_site.root / "data" / f"{table}.csv").read_text(encoding="utf-8")
        for row in csv.reader(io.StringIO(text, newline="")):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (table, cell[:60])
                cells += 1
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        (payload_site.root / "data" / "claims.csv").read_text(encoding="utf-8"), newline=""))}
    assert rows[ids(formula)["claim"]]["statement"] == "'" + formula.value("claim statement")
    assert cells > 1000


def test_csv_cells_are_guarded_only_where_a_spreadsheet_would_compute():
    assert [csv_cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "a=1", "", None, ["=a", "b"])] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "a=1", "", "", "'=a|b"]


def test_the_web_annotations_read_back_as_written(payload_site: Site):
    for p in PAYLOADS:
        data = json.loads((payload_site.root / "data" / "annotations" / f"{ids(p)['brief']}.jsonld")
                          .read_text(encoding="utf-8"))
        claim = data["first"]["items"][0]
        exact = next(s for s in claim["target"]["selector"] if s["type"] == "TextQuoteSelector")["exact"]
        assert " ".join(exact.split()) == " ".join(p.value("claim quote").split())
        assert claim["body"][0]["value"] == p.value("claim statement")
