"""Hostile text in every field comes out of ``briefs build`` as visible, inert text.

The payload corpus (``fixtures/site/payloads/``, written from ``payloads.py``)
puts each payload into every text field of a brief and into its seed, quoted by
a claim, an evidence item and an implication. It is built once per session;
every HTML page is then parsed and checked: nothing runs, nothing loads from
elsewhere, nothing hides the page, and each payload reads exactly as written,
where it was written.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import installed_tool
from generator.headline import cut, first_sentence

from .helpers import (
    Site, article, content_violations, header_title, html_violations, norm, page_title, search_documents, search_files, text_of,
)
from .payloads import BREAKOUT_URLS, FIELDS, FIXTURE, PAYLOADS, PLAIN_VALUES, Payload, corpus_files, ids

EXACT, CONTAINS, TITLE, JOINED, CARD = "exact", "contains", "<title>", "joined", "card"
# Implication pages are titled by a headline: the statement's first sentence, cut at a word.
HEAD_EXACT, HEAD_TITLE = "headline", "headline <title>"
# ... and show the whole statement below it (or as the heading, when it is short enough).
STATEMENT = ".implication-statement"

# Where a reader sees each field: (page, CSS selector inside the article, how the text must match).
# Pages: brief, publisher_brief, actor, claim, implication (that payload's) or a fixed page.
WHERE: dict[str, list[tuple[str, str, str]]] = {
    "title": [("brief", "h1", EXACT), ("brief", "<title>", TITLE), ("brief", "header", EXACT),
              ("timeline.html", "ul.brief-list", CONTAINS)],
    "summary": [("brief", "p.brief-summary", EXACT)],
    "source title": [("brief", ".brief-meta__source", CONTAINS)],
    "source author": [("brief", ".brief-meta__source", CONTAINS)],
    "source publisher": [("publisher_brief", ".brief-meta__source", CONTAINS)],
    "actor name": [("actor", "h1", EXACT), ("actor", "<title>", TITLE), ("actor", "header", EXACT),
                   ("brief", "ul.actor-list a.actor-link", EXACT), ("brief", ".brief-article a.actor-mention", EXACT)],
    "actor role": [("actor", ".actor-profile__role", EXACT), ("brief", "ul.actor-list", CONTAINS)],
    "actor alias": [("actor", ".alias", EXACT)],
    "actor description": [("actor", ".actor-profile__description", EXACT)],
    "claim statement": [("claim", "h1", EXACT), ("claim", "<title>", TITLE), ("claim", "header", EXACT),
                        ("brief", "ul.claim-list a.claim-link", EXACT),
                        ("brief", "claims", CARD)],
    "claim quote": [("brief", ".brief-article a.claim-quote", JOINED),
                    ("claim", "blockquote.quote-context mark", EXACT)],
    "evidence quote": [("claim", ".evidence-list mark", EXACT)],
    "evidence title": [("claim", ".evidence-list a.external-link:not(.original-link)", EXACT)],
    "review note": [("claim", ".review__note", EXACT)],
    "implication statement": [("implication", "h1", HEAD_EXACT), ("implication", "<title>", HEAD_TITLE),
                              ("implication", "header", HEAD_EXACT),
                              ("implication", STATEMENT, EXACT),
                              ("brief", "ul.implication-list a.implication-link", HEAD_EXACT),
                              ("brief", "implications", CARD)],
    "implication quote": [("brief", ".brief-article a.implication-quote", EXACT),
                          ("implication", "blockquote.quote-context mark", EXACT)],
    "seed paragraph": [("brief", ".brief-article", CONTAINS)],
    "relay name": [("claim", ".claim-meta .relayed a.actor-link", EXACT), ("brief", "claims.via", CARD)],
    "outcome note": [("implication", ".outcome__note", EXACT)],
}
assert set(WHERE) == set(FIELDS)


def page_of(p: Payload, key: str) -> str:
    if key.endswith(".html"):
        return key
    folder = {"brief": "briefs", "publisher_brief": "briefs", "actor": "actors", "claim": "claims",
              "implication": "implications"}[key]
    return f"{folder}/{ids(p)[key]}.html"


def pages_of(p: Payload) -> list[str]:
    return [page_of(p, key) for key in ("brief", "publisher_brief", "actor", "claim", "implication")]


def test_the_payload_fixture_is_what_the_table_says():
    on_disk = {p.relative_to(FIXTURE).as_posix(): p.read_text(encoding="utf-8")
               for p in FIXTURE.rglob("*") if p.is_file()}

    assert on_disk == corpus_files(), "fixtures/site/payloads/ is stale: run python -m adversarial.payloads"


# -- nothing runs, loads or hides -------------------------------------------------------------


def test_every_page_is_inert(payload_site: Site):
    problems = []
    for page in payload_site.pages():
        soup = payload_site.soup(page)
        problems += html_violations(soup, page) + content_violations(soup, page)

    assert problems == []


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda p: p.slug)
def test_the_pages_of_each_payload_are_inert(payload_site: Site, payload: Payload):
    problems = []
    for page in pages_of(payload):
        soup = payload_site.soup(page)
        problems += html_violations(soup, page) + content_violations(soup, page)

    assert problems == []


def test_closing_script_tags_in_text_end_no_script(payload_site: Site):
    """Every page carries exactly the theme's scripts, as a hand-written page does: a '</script>'
    in the text cut none of them short, and none was added."""
    def scripts(page: str) -> list[str]:
        return [s.get("id") or ("src" if s.get("src") else "json-ld" if s.get("type") == "application/ld+json"
                else "inline") for s in payload_site.soup(page).find_all("script")]

    reference = scripts("annotation-format.html")
    assert reference, "the theme puts scripts on every page"
    themed = [page for page in payload_site.pages() if payload_site.soup(page).select_one("article.md-content__inner")]
    assert len(themed) > len(PAYLOADS) * 5

    def theirs(page: str) -> list[str]:  # a brief page also carries its card data, exactly once
        found = scripts(page)
        if page.startswith("briefs/") and found.count("briefs-cards") == 1:
            found.remove("briefs-cards")
        if found.count("json-ld") == 1:  # and a generated page its JSON-LD (opendata/jsonld.py), once
            found.remove("json-ld")
        return found

    assert {page: scripts(page) for page in themed if theirs(page) != reference} == {}


# -- every payload reads as written, where it was written -------------------------------------


def _actual(soup: BeautifulSoup, selector: str, mode: str) -> str:
    if mode in (TITLE, HEAD_TITLE):
        return page_title(soup)
    if mode == CARD:  # what the highlight card shows: the page's card data, one entry of `selector`
        data = json.loads(soup.find("script", id="briefs-cards").string)
        section, _, key = selector.partition(".")
        (entry,) = data[section].values()
        return norm(entry[key or "statement"])
    if selector == "header":
        return header_title(soup)
    found = article(soup).select(selector)
    if selector == STATEMENT and not found:
        found = article(soup).select("h1")
    assert found, f"nothing matches {selector!r}"
    if mode == JOINED:
        return norm("".join(el.get_text() for el in found))
    if mode == CONTAINS:
        return " ".join(text_of(el) for el in found)
    return text_of(found[0]).removesuffix("¶").rstrip()


@pytest.mark.parametrize("payload, field", [(p, f) for p in PAYLOADS for f in FIELDS],
                         ids=[f"{p.slug}-{f.replace(' ', '-')}" for p in PAYLOADS for f in FIELDS])
def test_the_payload_reads_as_written(payload_site: Site, payload: Payload, field: str):
    expected = norm(payload.value(field))
    wrong = []
    for key, selector, mode in WHERE[field]:
        want = cut(first_sentence(expected)) if mode in (HEAD_EXACT, HEAD_TITLE) else expected
        if "actor-mention" in selector and "\n" in payload.value(field):
            continue  # the seed cannot hold a name with a blank line in one paragraph: no mention to link
        page = page_of(payload, key)
        actual = _actual(payload_site.soup(page), selector, mode)
        ok = (want in actual if mode == CONTAINS
              else actual.startswith(want + " - ") if mode in (TITLE, HEAD_TITLE)
              else actual == want)
        if not ok:
            wrong.append(f"{page} {selector} ({mode}): {actual[:200]!r}")

    assert wrong == [], f"expected {expected!r}"


def test_jinja_syntax_is_shown_not_evaluated(payload_site: Site):
    for slug in ("jinja-expression", "jinja-raw"):
        p = next(p for p in PAYLOADS if p.slug == slug)
        for page in pages_of(p):
            text = text_of(article(payload_site.soup(page)))
            assert p.text in text, page
            assert "49" not in text, f"{page}: {{{{ 7*7 }}}} was evaluated"


def test_snippet_syntax_includes_no_file(payload_site: Site):
    passwd = Path("/etc/passwd")
    first_line = passwd.read_text(errors="replace").splitlines()[0] if passwd.is_file() else "root:x:0:0:"
    leaked = [page for page in payload_site.pages() if first_line in (payload_site.root / page).read_text()]

    assert leaked == []


def test_urls_that_try_to_leave_their_attribute_stay_inside_it(payload_site: Site):
    brief = article(payload_site.soup("briefs/url-breakout.html"))
    claim = article(payload_site.soup("claims/breakout-claim.html"))

    assert [a["href"] for a in brief.select(".brief-meta__source a")] == [BREAKOUT_URLS["source"]]
    assert [a["href"] for a in claim.select(".evidence-list a")] == [BREAKOUT_URLS["evidence"]]
    assert [a["href"] for a in claim.select(".review__sources a")] == [BREAKOUT_URLS["review"]]
    assert text_of(brief.select_one(".brief-meta__source a")) == BREAKOUT_URLS["source"]  # shown as its own text
    for a in brief.select("a.external-link") + claim.select("a.external-link"):
        assert set(a.attrs) == {"class", "href", "rel"}, a


def test_yaml_booleans_numbers_and_times_show_as_written(payload_site: Site):
    brief = payload_site.soup("briefs/plain-values.html")
    actor = payload_site.soup("actors/plain-actor.html")
    claim = payload_site.soup("claims/plain-claim.html")
    v = PLAIN_VALUES

    assert text_of(article(brief).h1).removesuffix("¶") == v["title"]
    assert page_title(brief).startswith(v["title"] + " - ")
    assert header_title(brief) == v["title"]
    assert text_of(article(brief).select_one("p.brief-summary")) == v["summary"]
    assert text_of(article(actor).h1).removesuffix("¶") == v["actor name"]
    assert text_of(article(actor).select_one(".actor-profile__role")) == v["actor role"]
    assert text_of(article(actor).select_one(".actor-profile__description")) == v["actor description"]
    assert [text_of(a) for a in article(actor).select(".alias")] == v["actor aliases"]
    assert text_of(article(claim).h1).removesuffix("¶") == v["claim statement"]
    assert text_of(article(claim).select_one(".review__note")) == v["review note"]


# -- the search index -------------------------------------------------------------------------


def test_the_search_index_files_are_scripts_whose_text_cannot_break_out(payload_site: Site):
    """Each index file is one registration call with JSON data, in which ``<``, ``>``, ``&``,
    U+2028 and U+2029 appear only escaped: no payload can end a string or the script."""
    files = search_files(payload_site.root)
    assert "search/manifest.js" in files and len(files) > 3
    for path in (payload_site.root / "search").rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert not set(text) & set("<>&\u2028\u2029"), path


def test_the_search_index_scripts_run_and_register_the_same_data(payload_site: Site):
    node = installed_tool("node", "apt-get install nodejs")
    program = ("const vm = require('vm'); const fs = require('fs'); const out = {};"
               "for (const file of process.argv.slice(1)) {"
               "  const ctx = {__briefsSearch: (name, data) => { out[file] = data; }};"
               "  vm.runInNewContext(fs.readFileSync(file, 'utf8'), ctx); }"
               "process.stdout.write(JSON.stringify(out));")
    files = sorted((payload_site.root / "search").rglob("*.js"))

    result = subprocess.run([node, "-e", program, *map(str, files)], capture_output=True, text=True,
                            encoding="utf-8", timeout=60)

    assert result.returncode == 0, result.stderr
    ran = {Path(k).relative_to(payload_site.root).as_posix(): v for k, v in json.loads(result.stdout).items()}
    assert ran == search_files(payload_site.root)


def test_search_results_hold_every_payload_as_text(payload_site: Site):
    """search.js shows titles and snippets with textContent: they must be the annotation's text
    exactly, not HTML (tests/browser/test_search.py shows them inert in a browser)."""
    rows = search_documents(payload_site.root)
    titles = {norm(row[1]) for row in rows}
    texts = "\n".join(norm(f"{row[1]} {row[3]}") for row in rows)

    assert [p.slug for p in PAYLOADS if norm(p.value("claim statement")) not in titles] == []
    assert [p.slug for p in PAYLOADS if norm(p.value("actor name")) not in titles] == []
    assert [p.slug for p in PAYLOADS if norm(p.value("summary")) not in texts] == []
