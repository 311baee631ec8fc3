"""Open data (issue 14): "Read in the original" text-fragment links, Atom feeds, JSON-LD in
every page's head, W3C Web Annotations, the dataset (JSON, its schema, CSV) and
``briefs export``.

The site tests build ``tests/fixtures/site/opendata`` (a quote said twice, long
quotes with ``-``, ``,``, ``&`` and non-ASCII, a brief without ``source.url``,
reviewed claims, actors with Wikidata ids) with ``briefs build`` and read the
built files as their consumers do: a feed parser, a JSON-LD reader, a JSON
Schema validator, a CSV reader. The seed's text is recomputed here from the
seed files, as the contributor guide defines it, not taken from the generator.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup

from generator.opendata.fragments import LONG_WORDS
from generator.validate import check_corpus
from sitebuild import REPO, build_site_from, make_corpus

FIXTURES = REPO / "tests" / "fixtures" / "site"
OPENDATA = FIXTURES / "opendata"
CORPORA = ("opendata", "multi", "multilingual", "syria-2019")


# -- the seed's text, as docs/annotation-format.md defines it --------------------------------

def guide_seed_text(path: Path) -> str:
    """Blocks separated by a blank line, each block's lines joined by one space, no date header."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    text = re.sub(r"\A\s*date[ \t]+\d{4}-\d{2}-\d{2}[ \t]*", "", text)
    blocks = [" ".join(line.strip() for line in chunk.split("\n") if line.strip())
              for chunk in re.split(r"\n[ \t]*\n", text)]
    return "\n\n".join(b for b in blocks if b)


# -- text fragments, decoded independently of the generator ---------------------------------

def decode_directive(url: str) -> dict[str, str | None]:
    fragment = urlsplit(url).fragment
    assert fragment.startswith(":~:text="), url
    raw = fragment[len(":~:text="):].split(",")
    assert all(re.fullmatch(r"[A-Za-z0-9._~%-]+", part) for part in raw), f"unencoded syntax in {url}"
    prefix = unquote(raw.pop(0)[:-1]) if raw[0].endswith("-") else None
    suffix = unquote(raw.pop()[1:]) if raw[-1].startswith("-") else None
    assert 1 <= len(raw) <= 2, url
    for term in raw:
        assert "-" not in term.replace("%2D", ""), f"a raw '-' in a term of {url}"
    return {"prefix": prefix, "start": unquote(raw[0]), "end": unquote(raw[1]) if len(raw) == 2 else None,
            "suffix": suffix}


def _words(term: str) -> str:
    return r"\s+".join(re.escape(w) for w in term.split())


def browser_first_match(text: str, d: dict[str, str | None]) -> tuple[int, int] | None:
    """The spec's search, plainly: the first textStart (after its prefix) from which a textEnd
    (and suffix) can be found; terms at word boundaries; prefix/suffix within a paragraph."""
    flags = re.IGNORECASE
    bound = r"(?<![^\W_])"
    for start in re.finditer(bound + (_words(d["prefix"]) + r"[^\S\n]+" if d["prefix"] else "")
                             + f"({_words(d['start'])})" + r"(?![^\W_])", text, flags):
        s, e = start.span(1)
        if d["end"]:
            end = re.compile(bound + _words(d["end"]) + r"(?![^\W_])", flags).search(text, e)
            while end and d["suffix"] and not re.match(r"[^\S\n]+" + _words(d["suffix"]) + r"(?![^\W_])",
                                                       text[end.end():], flags):
                end = re.compile(bound + _words(d["end"]) + r"(?![^\W_])", flags).search(text, end.end())
            if end:
                return s, end.end()
            continue
        if not d["suffix"] or re.match(r"[^\S\n]+" + _words(d["suffix"]) + r"(?![^\W_])", text[e:], flags):
            return s, e
    return None


def _quoted(corpus_name: str):
    corpus, problems = check_corpus(FIXTURES / corpus_name)
    assert not problems
    from generator.opendata.fragments import original_link
    briefs = {b.id: b for b in corpus.briefs}
    for record in [*corpus.claims.values(), *corpus.implications.values()]:
        if getattr(record, "anchor", None) is None:
            continue
        brief = briefs[record.brief]
        url = brief.doc.source.url if brief.doc.source else None
        yield record, brief, original_link(url, brief.seed, record.anchor)


@pytest.mark.parametrize("corpus_name", CORPORA)
def test_every_text_fragment_decodes_to_its_quote_and_finds_it_first_in_the_seed(corpus_name):
    checked = 0
    for record, brief, url in _quoted(corpus_name):
        if url is None:
            assert not (brief.doc.source and brief.doc.source.url)
            continue
        text = guide_seed_text(FIXTURES / corpus_name / "seeds" / brief.seed.name)
        block = brief.seed.blocks[record.anchor.block].text
        quote = block[record.anchor.start:record.anchor.end]
        d = decode_directive(url)
        assert quote.lower().startswith(d["start"].lower()), (url, quote)
        assert quote.lower().endswith((d["end"] or d["start"]).lower()), (url, quote)
        if d["end"]:
            assert len(quote.split()) > LONG_WORDS
        if d["prefix"]:
            assert block[:record.anchor.start].rstrip().endswith(d["prefix"])
        if d["suffix"]:
            assert block[record.anchor.end:].lstrip().startswith(d["suffix"])
        where = browser_first_match(text, d)
        assert where is not None and text[where[0]:where[1]] == quote, (record.id, url, where)
        assert url.split("#")[0] == brief.doc.source.url.split("#")[0]
        checked += 1
    assert checked or corpus_name == "syria-2019"


def test_a_quote_said_twice_is_told_apart_by_its_context():
    links = {record.id: url for record, _, url in _quoted("opendata")}
    first, second = decode_directive(links["critics-delays-foreseeable"]), decode_directive(
        links["berg-delays-foreseeable"])
    assert first["start"] == second["start"] == "said the delays were foreseeable"
    assert (second["prefix"], second["suffix"]) != (None, None)  # the second needs context; the first is found first
    long = decode_directive(links["engineers-warned"])
    assert long["end"] and "€41,5" in long["end"] and "%2C" in links["engineers-warned"]
    assert "%E2%82%AC" in links["engineers-warned"]


def test_directive_terms_are_percent_encoded_as_the_spec_says():
    from generator.opendata.fragments import TextDirective

    assert TextDirective("a-b, c&d é", "100%", prefix="x-y", suffix="1,2").fragment() == (
        ":~:text=x%2Dy-,a%2Db%2C%20c%26d%20%C3%A9,100%25,-1%2C2")


# -- the built site -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site_from(OPENDATA, tmp_path_factory.mktemp("opendata") / "corpus")


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_claims_with_a_source_url_link_to_the_original_and_the_others_do_not(site):
    audit = _soup(site / "claims" / "berg-delays-foreseeable.html").select("a.original-link")
    assert [a.get_text() for a in audit] == ["Read in the original"]
    assert audit[0]["href"].startswith("https://news.example.org/port-vell/terminal?edition=2024-05-02#:~:text=")
    assert _soup(site / "implications" / "audit-follows-contract.html").select("a.original-link")
    assert _soup(site / "claims" / "audit-restored-trust.html").select("a.original-link") == []  # no source.url


def test_every_page_links_to_the_feed_and_the_feed_lists_every_brief(site):
    for page in _pages(site):
        links = _soup(page).select('head link[rel~="alternate"][type="application/atom+xml"]')
        assert len(links) == 1, page
        assert (page.parent / links[0]["href"]).resolve() == (site / "feed.xml").resolve()
    feed = feedparser.parse((site / "feed.xml").read_bytes(), response_headers={
        "content-location": "https://example.org/site/feed.xml", "content-type": "application/atom+xml"})
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    entries = {e.title: e for e in feed.entries}
    assert set(entries) == {"Port Vell ferry terminal delayed again; engineers had warned",
                            "Council funds a second bridge"}
    entry = entries["Port Vell ferry terminal delayed again; engineers had warned"]
    assert entry.link == "https://example.org/site/briefs/terminal-audit.html"
    assert entry.summary.endswith("foreseeable & critics want an audit.")
    assert entry.published.startswith("2024-05-02") and [t.term for t in entry.tags] == ["port-vell", "harbour"]
    assert feed.feed.updated.startswith("2024-06-10")  # the newest brief's date, not the clock
    (tag_link,) = _soup(site / "tags" / "harbour.html").select("a.feed-link")
    assert (site / "tags" / tag_link["href"]).resolve() == (site / "feeds" / "harbour.xml").resolve()
    tag_feed = feedparser.parse((site / "feeds" / "harbour.xml").read_bytes())
    assert not tag_feed.bozo and [e.title for e in tag_feed.entries] == [
        "Port Vell ferry terminal delayed again; engineers had warned"]


def _jsonld(page: Path) -> list[dict]:
    scripts = _soup(page).select('script[type="application/ld+json"]')
    for script in scripts:
        assert script.find_parent("head") is not None
    return [json.loads(s.string) for s in scripts]


def test_every_generated_page_has_json_ld_of_the_right_type(site):
    expected = {"briefs": "Article", "actors": None, "claims": None, "implications": "CreativeWork"}
    for folder, kind in expected.items():
        for page in sorted((site / folder).glob("*.html")):
            if page.name == "index.html":
                continue
            (data,) = _jsonld(page)
            assert data["@context"] == "https://schema.org"
            if kind:
                assert data["@type"] == kind, page
    assert _jsonld(site / "index.html")[0]["@type"] == "WebSite"
    assert _jsonld(site / "data.html")[0]["@type"] == "Dataset"


def test_json_ld_names_actors_claims_reviews_and_sources(site):
    ruiz = _jsonld(site / "actors" / "ana-ruiz.html")[0]
    assert (ruiz["@type"], ruiz["sameAs"]) == ("Person", "http://www.wikidata.org/entity/Q1000001")
    council = _jsonld(site / "actors" / "port-vell-council.html")[0]
    assert (council["@type"], council["sameAs"]) == ("GovernmentOrganization", "http://www.wikidata.org/entity/Q1000002")
    assert _jsonld(site / "actors" / "port-engineers.html")[0]["@type"] == "Organization"
    assert "sameAs" not in _jsonld(site / "actors" / "tomas-berg.html")[0]

    claim = _jsonld(site / "claims" / "terminal-cheaper.html")[0]
    assert claim["@type"] == "Claim" and [a["name"] for a in claim["author"]] == ["Ana Ruiz"]
    assert claim["author"][0]["sameAs"] == "http://www.wikidata.org/entity/Q1000001"
    assert claim["appearance"]["url"].startswith("https://news.example.org/port-vell/terminal?edition=2024-05-02#:~:text=")

    review = _jsonld(site / "claims" / "berg-delays-foreseeable.html")[0]
    assert review["@type"] == "ClaimReview" and review["itemReviewed"]["@type"] == "Claim"
    assert review["reviewRating"]["alternateName"] == "supported" and review["reviewRating"]["ratingValue"] == 5
    assert review["author"]["name"] == "Harbour Check" and review["datePublished"] == "2024-05-20"
    misleading = _jsonld(site / "claims" / "numbers-do-not-add-up.html")[0]
    assert misleading["reviewRating"]["alternateName"] == "misleading"

    brief = _jsonld(site / "briefs" / "terminal-audit.html")[0]
    assert brief["citation"]["url"] == "https://news.example.org/port-vell/terminal?edition=2024-05-02#top"
    assert brief["citation"]["publisher"]["name"] == "Port Vell Courier"
    assert {c["@type"] for c in brief["hasPart"]} == {"Claim"} and len(brief["hasPart"]) == 6
    assert "citation" in _jsonld(site / "briefs" / "bridge-vote.html")[0]  # a publisher, no url


def test_every_web_annotation_selects_its_quote_in_the_seed(site):
    corpus, _ = check_corpus(OPENDATA)
    quoted = {c.brief for c in corpus.claims.values()} | {i.brief for i in corpus.implications.values() if i.anchor}
    for brief in corpus.briefs:
        data = json.loads((site / "data" / "annotations" / f"{brief.id}.jsonld").read_text(encoding="utf-8"))
        assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationCollection"
        items = data["first"]["items"] if brief.id in quoted else []
        expected = [c for c in corpus.claims.values() if c.brief == brief.id] + [
            i for i in corpus.implications.values() if i.brief == brief.id and i.anchor]
        assert data["total"] == len(items) == len(expected)
        text = guide_seed_text(OPENDATA / "seeds" / brief.seed.name)
        for item in items:
            assert item["type"] == "Annotation"
            quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
            position = next(s for s in item["target"]["selector"] if s["type"] == "TextPositionSelector")
            assert text[position["start"]:position["end"]] == quote["exact"]
            assert quote["prefix"] + quote["exact"] + quote["suffix"] in text
            assert len(quote["prefix"]) == min(32, position["start"])
            source = brief.doc.source.url if brief.doc.source and brief.doc.source.url else None
            page = urljoin(f"https://x.example/data/annotations/{brief.id}.jsonld", item["target"]["source"])
            assert page == (source or f"https://x.example/briefs/{brief.id}.html")
            link = next(b for b in item["body"] if b.get("purpose") == "linking")["source"]
            assert (site / "data" / "annotations" / link.split("#")[0]).resolve().is_file()
    claim = json.loads((site / "data" / "annotations" / "terminal-audit.jsonld").read_text())["first"]["items"][2]
    assert {b["value"] for b in claim["body"] if b["type"] == "TextualBody"} == {
        "Berg says the delays were foreseeable.", "assertion", "supported"}


def test_the_json_export_validates_against_its_schema_and_counts_what_check_counts(site, run_briefs):
    data = json.loads((site / "data" / "briefs.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "briefs.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    broken = {**data, "claims": [{**data["claims"][0], "start": "0"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)

    result = run_briefs("check", "--root", str(OPENDATA))
    counted = dict((word.rstrip("s"), int(n)) for n, word in re.findall(r"(\d+) (\w+)", result.stderr.split("ok: ")[1]))
    assert {k: len(data[k + "s"]) for k in ("brief", "actor", "claim", "implication")} == counted
    assert data["counts"] == {k + "s": v for k, v in counted.items()}

    for entity in ("briefs", "actors", "claims", "implications"):
        for record in data[entity]:
            assert (site / record["url"]).is_file(), record["url"]
    claims = {c["id"]: c for c in data["claims"]}
    actors = {a["id"]: a for a in data["actors"]}
    for claim in claims.values():  # relations in both directions
        for actor in claim["by"]:
            assert claim["id"] in actors[actor]["claims_made"]
        for other in claim["supports"]:
            assert claim["id"] in claims[other]["supported_by"]
        for other in claim["contradicts"]:
            assert claim["id"] in claims[other]["contradicted_by"]
    assert {"subject": "engineers-warned", "relation": "supports", "object": "berg-delays-foreseeable"} in data[
        "relations"]


def test_the_csv_tables_hold_every_row(site):
    data = json.loads((site / "data" / "briefs.json").read_text(encoding="utf-8"))
    for table in ("briefs", "actors", "claims", "implications", "relations"):
        rows = list(csv.DictReader(io.StringIO((site / "data" / f"{table}.csv").read_text(encoding="utf-8"))))
        assert len(rows) == len(data[table]), table
    claims = {r["id"]: r for r in csv.DictReader(io.StringIO((site / "data" / "claims.csv").read_text("utf-8")))}
    assert claims["berg-delays-foreseeable"]["review_rating"] == "supported"
    assert claims["numbers-do-not-add-up"]["about"] == "port-vell-council"


def test_the_data_page_documents_every_file_and_shows_an_example_of_each_format(site):
    soup = _soup(site / "data.html")
    text = soup.get_text(" ")
    for name in ("briefs.json", "briefs.schema.json", "claims.csv", "relations.csv", "feed.xml", "annotations",
                 "Creative Commons Attribution 4.0"):
        assert name in text
    for a in soup.select("table.data-files a"):
        assert (site / a["href"]).is_file(), a["href"]
    examples = [pre.get_text() for pre in soup.select("article pre")]
    assert len(examples) == 6
    json.loads(examples[0]), json.loads(examples[2]), json.loads(examples[4])
    assert next(csv.reader(io.StringIO(examples[1])))[0] == "id"
    assert feedparser.parse(examples[3].encode()).entries
    assert examples[5].startswith("https://") and ":~:text=" in examples[5]
    nav = [a.get_text(strip=True) for a in _soup(site / "index.html").select("nav.md-nav--primary a")]
    assert "Data" in nav


# -- briefs export -------------------------------------------------------------------------

def test_export_writes_what_the_site_publishes_without_building(site, tmp_path, run_briefs):
    root = make_corpus(OPENDATA, tmp_path / "corpus")
    result = run_briefs("export", "--root", str(root), "--format", "json", "--format", "csv", "--format", "w3c",
                        "--out", str(tmp_path / "out"))
    assert result.code == 0, result.stderr
    assert not (root / "site").exists()
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")
                     if p.is_file() and p.name != ".briefs-output")
    published = sorted(p.relative_to(site / "data").as_posix() for p in (site / "data").rglob("*") if p.is_file())
    assert written == published
    for name in written:
        assert (tmp_path / "out" / name).read_bytes() == (site / "data" / name).read_bytes(), name

    only_csv = run_briefs("export", "--root", str(root), "--format", "csv", "--out", str(tmp_path / "out"))
    assert only_csv.code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        ".briefs-output", "actors.csv", "briefs.csv", "claims.csv", "implications.csv", "relations.csv"]


def test_export_refuses_the_sources_and_folders_it_did_not_make(tmp_path, run_briefs):
    root = make_corpus(OPENDATA, tmp_path / "corpus")
    refused = run_briefs("export", "--root", str(root), "--format", "json", "--out", str(root / "briefs"))
    assert refused.code == 2 and "briefs/" in refused.stderr
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    refused = run_briefs("export", "--root", str(root), "--format", "json", "--out", str(mine))
    assert refused.code == 2
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_export_reports_a_broken_corpus_and_writes_nothing(tmp_path, run_briefs):
    root = make_corpus(OPENDATA, tmp_path / "corpus")
    (root / "briefs" / "bridge-vote.yml").write_text("seed: bridge-vote.txt\ntitle: x\n", encoding="utf-8")
    result = run_briefs("export", "--root", str(root), "--format", "json", "--out", str(tmp_path / "out"))
    assert result.code == 1 and any("bridge-vote.yml" in line for line in result.lines)
    assert not (tmp_path / "out").exists()
