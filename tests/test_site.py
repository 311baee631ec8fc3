"""The built site, read back as HTML: every page of the URL layout (spec §4) exists,
every link resolves, quotes are highlighted where they stand, relations show on
both sides, search finds what a reader types, nothing loads from another host,
and builds are reproducible and atomic.

Two corpora: the repository's own (``seeds/`` + ``briefs/``) and
``tests/fixtures/site/multi`` (three briefs sharing actors, with cross-brief
``contradicts`` and ``supports``, crossing and nested quotes, evidence and reviews).
Each is built once per module, with ``briefs build``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator.cli import main
from generator.search.tokens import fold
from generator.corpus import Corpus
from generator.headline import headline
from generator.output_folder import MARKER
from generator.validate import check_corpus
from searchindex import BuiltIndex
from sitebuild import (
    MULTI, REPO, BuiltSite, build_site_from, content, layout_pages, is_external, make_corpus, normalise, quote_segments,
    relation, resolve, run_build, section, LOADING_RELS, quoted_in, text_of, tree_digest, url_references,
)

CORPORA = {"example": REPO, "multi": MULTI}
# A word of each corpus that only its article text holds (not in any annotation).
ARTICLE_ONLY_WORD = {"example": "intricate", "multi": "representatives"}


@dataclass(frozen=True)
class Built:
    name: str  # "example" or "multi"
    src: Path  # the folder holding the corpus's seeds/ and briefs/
    site: BuiltSite
    corpus: Corpus  # as generator.validate.check_corpus reads it: the ids every page is expected for


def _build(name: str, tmp_path_factory: pytest.TempPathFactory) -> Built:
    src = CORPORA[name]
    corpus, problems = check_corpus(src)
    assert not problems and corpus is not None, [p.format_text() for p in problems]
    site = build_site_from(src, tmp_path_factory.mktemp(f"site-{name}") / "corpus")
    return Built(name, src, BuiltSite(site), corpus)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build("example", tmp_path_factory)


@pytest.fixture(scope="module")
def multi(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build("multi", tmp_path_factory)


@pytest.fixture(params=sorted(CORPORA))
def built(request: pytest.FixtureRequest) -> Built:
    """Each corpus in turn (each is built once per module)."""
    return request.getfixturevalue(request.param)


# --- 1. the URL layout -------------------------------------------------------


def test_every_page_of_the_url_layout_exists(built: Built) -> None:
    corpus = built.corpus
    missing = [page for page in layout_pages(corpus) if not built.site.exists(page)]
    assert not missing
    assert corpus.briefs and corpus.actors and corpus.claims and corpus.implications


def test_each_entity_page_is_about_its_entity(built: Built) -> None:
    """The page at claims/<id>.html is the claim's page (not another one's), and so on."""
    site, corpus = built.site, built.corpus
    for brief in corpus.briefs:
        assert text_of(content(site.soup(f"briefs/{brief.id}.html")).h1).rstrip("¶") == brief.title
    for actor_id, record in corpus.actors.items():
        assert text_of(content(site.soup(f"actors/{actor_id}.html")).h1).rstrip("¶") == record.actor.name
    for claim_id, record in corpus.claims.items():
        assert text_of(content(site.soup(f"claims/{claim_id}.html")).h1).rstrip("¶") == record.claim.statement
    for imp_id, record in corpus.implications.items():
        soup = site.soup(f"implications/{imp_id}.html")
        h1 = text_of(content(soup).h1).rstrip("¶")
        assert h1 == headline(record.implication) and len(h1) <= 100
        shown = text_of(content(soup).select_one(".implication-statement") or content(soup).h1).rstrip("¶")
        assert shown == " ".join(record.implication.statement.split())


# --- 2. links ----------------------------------------------------------------


def test_every_internal_link_resolves_to_a_file_and_an_element(built: Built) -> None:
    site = built.site
    broken: list[str] = []
    checked = 0
    for page in site.pages():
        if page == "404.html":
            continue  # see test_the_404_page_works_under_a_sub_path
        for el, attr, url in url_references(site.soup(page)):
            if is_external(url):
                continue
            target, fragment = resolve(page, url)
            checked += 1
            if target.startswith(("/", "../")) or not site.exists(target):
                broken.append(f"{page}: <{el.name} {attr}={url!r}>: no file {target}")
            elif fragment and target.endswith(".html") and fragment not in site.ids(target):
                broken.append(f"{page}: <{el.name} {attr}={url!r}>: no id {fragment!r} in {target}")
    assert not broken, "\n".join(broken)
    assert checked > 100


SUB_PATH = "/briefs-site/"  # as on GitHub Pages, where a project site lives under /<repository>/


def test_the_404_page_works_under_a_sub_path(built: Built) -> None:
    """The host serves 404.html for a missing URL, e.g. /briefs-site/missing.html. Its styles,
    scripts and links must then stay inside the site (spec §4: the site works from any
    sub-path), or the reader gets an unstyled page whose links lead off the site."""
    if not built.site.exists("404.html"):
        return  # no 404 page of its own: the host's default page is shown
    outside = []
    for el, attr, url in url_references(built.site.soup("404.html")):
        if is_external(url) or url.startswith("#"):
            continue
        served = urljoin(SUB_PATH + "missing.html", url)
        path = urlsplit(served).path
        if not path.startswith(SUB_PATH) or not built.site.exists(resolve("index.html", path[len(SUB_PATH):])[0]):
            outside.append(f"<{el.name} {attr}={url!r}> -> {served}")
    assert not outside, "\n".join(outside)


def test_links_to_other_sites_are_http_only(built: Built) -> None:
    """Where a reader can follow a link off the site, it is http(s) (or mailto:), nothing else.
    (What pages load is test_no_page_loads_anything_from_another_host.)"""
    site = built.site
    bad, external = [], 0
    for page in site.pages():
        for el, attr, url in url_references(site.soup(page)):
            if el.name not in ("a", "area", "form") or not is_external(url):
                continue
            external += 1
            scheme = url.strip().split(":", 1)[0].lower()
            if scheme not in ("http", "https", "mailto"):
                bad.append(f"{page}: <{el.name} {attr}={url!r}>")
    assert not bad, "\n".join(bad)
    assert external  # the sources, evidence and review links


def test_source_review_and_evidence_urls_are_linked(built: Built) -> None:
    """Every URL of the annotations is an outside link on the page that shows it."""
    site, corpus = built.site, built.corpus
    for brief in corpus.briefs:
        source = brief.doc.source
        if source and source.url:
            hrefs = {a.get("href") for a in content(site.soup(f"briefs/{brief.id}.html")).select("a.external-link")}
            assert source.url in hrefs
    for claim_id, record in corpus.claims.items():
        claim = record.claim
        urls = [e.url for e in claim.evidence if e.url] + list(claim.review.sources if claim.review else ())
        hrefs = {a.get("href") for a in content(site.soup(f"claims/{claim_id}.html")).select("a.external-link")}
        assert set(urls) <= hrefs, claim_id


# --- 3. quotes highlighted on the brief page ---------------------------------


def test_every_claim_quote_is_highlighted_and_linked_on_its_brief_page(built: Built) -> None:
    site, corpus = built.site, built.corpus
    problems = []
    for claim_id, record in corpus.claims.items():
        claim, page = record.claim, f"briefs/{record.brief}.html"
        anchor, segments = quote_segments(site.soup(page), claim_id)
        assert anchor.name == "span" and "quote-anchor" in anchor.get("class", []), claim_id
        if not segments:
            problems.append(f"{claim_id}: no a.claim-quote right after #claim-{claim_id}")
            continue
        seed_block = record.anchor.block
        shown = "".join(seg.get_text() for seg in segments)
        if normalise(shown) != normalise(claim.quote):
            problems.append(f"{claim_id}: highlighted {shown!r}, quote is {claim.quote!r}")
        if normalise(shown) not in normalise(brief_seed_block(corpus, record.brief, seed_block)):
            problems.append(f"{claim_id}: {shown!r} is not in paragraph {seed_block + 1} of the seed")
        if {seg.find_parent(["p", "h3"]).get("id") for seg in segments} != {f"p-{seed_block + 1}"}:
            problems.append(f"{claim_id}: not highlighted in #p-{seed_block + 1}")
        targets = {resolve(page, seg["href"])[0] for seg in segments}
        if f"claims/{claim_id}.html" not in targets:
            problems.append(f"{claim_id}: no highlighted word links to claims/{claim_id}.html "
                            f"(the quote's segments link to {sorted(targets)})")
        if not all(t.startswith(("claims/", "implications/")) for t in targets):
            problems.append(f"{claim_id}: segments link to {sorted(targets)}")
    assert not problems, "\n".join(problems)


def brief_seed_block(corpus: Corpus, brief_id: str, block: int) -> str:
    brief = next(b for b in corpus.briefs if b.id == brief_id)
    return brief.seed.blocks[block].text


def test_the_brief_page_shows_the_whole_article_text(built: Built) -> None:
    """Highlighting never drops or duplicates text: each block reads as in the seed,
    besides the speaker labels printed before claim quotes."""
    site = built.site
    for brief in built.corpus.briefs:
        soup = site.soup(f"briefs/{brief.id}.html")
        article = content(soup).select_one("div.brief-article")
        chips = article.select("span.speaker-chip")
        assert len(chips) == len(site_claims_of(built.corpus, brief.id))  # one label per claim quote
        for chip in chips:
            chip.decompose()
        blocks = article.find_all(["p", "h3"], recursive=False)
        assert [b.name for b in blocks] == ["h3" if b.kind == "heading" else "p" for b in brief.seed.blocks]
        for shown, block in zip(blocks, brief.seed.blocks):
            assert shown.get_text() == block.text


def site_claims_of(corpus: Corpus, brief_id: str) -> list[str]:
    return [c for c, r in corpus.claims.items() if r.brief == brief_id]


def test_overlapping_quotes_are_cut_into_segments_of_both_claims(built: Built) -> None:
    """Two claims quoting overlapping words: the shared words carry both claims (for the card)."""
    overlaps = 0
    for brief in built.corpus.briefs:
        soup = built.site.soup(f"briefs/{brief.id}.html")
        for seg in soup.select("a.claim-quote--overlap"):
            claims = quoted_in(seg)
            assert len(claims) >= 2
            assert set(claims) <= set(site_claims_of(built.corpus, brief.id))
            overlaps += 1
    if built.name == "multi":
        assert overlaps >= 1  # the fixture has one: reservoir-below-a-third / spring-quotas-will-be-cut


def test_implication_quotes_are_marked_on_the_brief_page(built: Built) -> None:
    for imp_id, record in built.corpus.implications.items():
        if record.implication.quote is None:
            continue
        soup = built.site.soup(f"briefs/{record.brief}.html")
        paragraph = soup.find(id=f"p-{record.anchor.block + 1}")
        marked = [m for m in paragraph.select("a.implication-quote, a.claim-quote")
                  if imp_id in quoted_in(m, "implication")]
        # Every word of the quote is marked; the innermost quote gets the link (a claim
        # quote nested in the implication's keeps its own link), and at least one links here.
        covered = "".join(m.get_text() for m in marked)
        assert normalise(covered) == normalise(record.implication.quote), imp_id
        assert f"../implications/{imp_id}.html" in {m["href"] for m in marked}, imp_id


# --- 4. relations, both directions ------------------------------------------


def _linked_claims(dd) -> set[str]:
    return {Path(a["href"]).stem for a in dd.select("a.claim-link")} if dd is not None else set()


def test_contradictions_show_on_both_claim_pages(built: Built) -> None:
    pairs = [(c, other) for c, r in built.corpus.claims.items() for other in r.claim.contradicts]
    assert pairs
    for a, b in pairs:
        assert b in _linked_claims(relation(built.site.soup(f"claims/{a}.html"), "Contradicts")), (a, b)
        assert a in _linked_claims(relation(built.site.soup(f"claims/{b}.html"), "Contradicts")), (b, a)
    if built.name == "multi":
        claims = built.corpus.claims
        assert any(claims[a].brief != claims[b].brief for a, b in pairs)  # the fixture's point


def test_supports_show_as_supported_by_on_the_other_claim(built: Built) -> None:
    pairs = [(c, other) for c, r in built.corpus.claims.items() for other in r.claim.supports]
    assert pairs
    for a, b in pairs:
        assert b in _linked_claims(relation(built.site.soup(f"claims/{a}.html"), "Supports")), (a, b)
        assert a in _linked_claims(relation(built.site.soup(f"claims/{b}.html"), "Supported by")), (b, a)
    if built.name == "multi":
        claims = built.corpus.claims
        assert any(claims[a].brief != claims[b].brief for a, b in pairs)


def _stems(elements, selector: str) -> set[str]:
    return {Path(a["href"]).stem for el in elements for a in el.select(selector)}


def _descendants(corpus: Corpus, actor_id: str) -> set[str]:
    """Every actor whose member_of chain leads to ``actor_id``."""
    found: set[str] = set()
    level = {actor_id}
    while level:
        level = {a for a, r in corpus.actors.items() if set(r.actor.member_of) & level} - found - {actor_id}
        found |= level
    return found


def test_actor_pages_gather_claims_implications_and_briefs_from_every_brief(built: Built) -> None:
    corpus = built.corpus
    for actor_id in corpus.actors:
        soup = built.site.soup(f"actors/{actor_id}.html")
        made = {c for c, r in corpus.claims.items() if actor_id in r.claim.by}
        about = {c for c, r in corpus.claims.items() if actor_id in r.claim.about}
        affecting = {i for i, r in corpus.implications.items() if actor_id in r.implication.affects}
        assert _stems(section(soup, "Claims made"), "ul.claim-list:not(.member-claims) a.claim-link") == made, actor_id
        below = _descendants(corpus, actor_id)
        by_members = {c for c, r in corpus.claims.items() if below & set(r.claim.by)} - made
        assert _stems(section(soup, "Claims made"), "ul.member-claims a.claim-link") == by_members, actor_id
        assert _stems(section(soup, "Claims about"), "a.claim-link") == about, actor_id
        assert _stems(section(soup, "Implications affecting"), "a.implication-link") == affecting, actor_id
        briefs = {r.brief for r in corpus.claims.values() if actor_id in (*r.claim.by, *r.claim.about)}
        assert briefs <= _stems(section(soup, "Briefs"), "a.brief-link"), actor_id
    if built.name == "multi":  # a shared actor, declared in _actors.yml, in all three briefs
        soup = built.site.soup("actors/marren-valley-water-board.html")
        assert _stems(section(soup, "Briefs"), "a.brief-link") == {b.id for b in corpus.briefs}


def test_claim_pages_show_speakers_review_and_implications(built: Built) -> None:
    corpus = built.corpus
    for claim_id, record in corpus.claims.items():
        claim = record.claim
        soup = built.site.soup(f"claims/{claim_id}.html")
        meta = content(soup).select_one(".claim-meta")
        assert set(claim.by) <= {Path(a["href"]).stem for a in meta.select("a.actor-link")}, claim_id
        assert {Path(a["href"]).stem for a in meta.select("a.brief-link")} == {record.brief}
        follows = {i for i, r in corpus.implications.items() if claim_id in r.implication.because}
        assert _stems(section(soup, "Implications that follow"), "a.implication-link") == follows, claim_id
        review = content(soup).select_one(".review")
        assert (review is None) == (claim.review is None), claim_id
        if claim.review:
            assert f"review--{claim.review.rating}" in review["class"]
            if claim.review.note:
                assert text_of(review.select_one(".review__note")) == " ".join(claim.review.note.split())


def test_implication_pages_show_the_claims_behind_them_and_who_is_affected(built: Built) -> None:
    for imp_id, record in built.corpus.implications.items():
        imp = record.implication
        soup = built.site.soup(f"implications/{imp_id}.html")
        assert _stems(section(soup, "Because"), "a.claim-link") == set(imp.because), imp_id
        assert _stems(section(soup, "Actors affected"), "a.actor-link") == set(imp.affects), imp_id
        estimate = text_of(content(soup).select_one(".estimate")).lower()
        for value in (imp.likelihood, imp.confidence, imp.horizon):
            assert value.replace("-", " ") in estimate, (imp_id, value)


def test_tags_page_links_each_tag_to_the_briefs_that_carry_it(built: Built) -> None:
    """tags.html lists every tag (its entry keeps the id tag-<tag> that older links point to);
    each tag's own page lists its briefs, and a brief's tag links go there."""
    soup = built.site.soup("tags.html")
    for brief in built.corpus.briefs:
        for tag in brief.doc.tags:
            entry = soup.find(id=f"tag-{tag}")
            assert entry is not None, tag
            assert [resolve("tags.html", a["href"])[0] for a in entry.select("a.tag")] == [f"tags/{tag}.html"]
            listing = content(built.site.soup(f"tags/{tag}.html"))
            assert brief.id in {Path(a["href"]).stem for a in listing.select("a.brief-link")}, (tag, brief.id)
        page = f"briefs/{brief.id}.html"
        links = {resolve(page, a["href"])[0] for a in content(built.site.soup(page)).select("a.tag")}
        assert links == {f"tags/{tag}.html" for tag in brief.doc.tags}, brief.id


def test_counts_read_as_english(built: Built) -> None:
    """"1 claim", "2 claims": a count of one is never followed by a plural noun."""
    wrong = []
    for page in built.site.pages():
        if page in ("404.html", "annotation-format.html"):
            continue  # not generated
        text = text_of(content(built.site.soup(page)))
        wrong += [f"{page}: {text[max(0, m.start() - 40):m.end()]!r}" for m in
                  re.finditer(r"(?<![\d.,])\b1 (briefs|actors|claims|implications)\b", text)]
    assert not wrong, "\n".join(wrong)


# --- 5. search ---------------------------------------------------------------


def _search_text(site: BuiltSite) -> str:
    """Every title and text of the search index's documents (what results show)."""
    docs = BuiltIndex(site.root).documents
    return normalise(" ".join(f"{d['title']} {d['text']}" for d in docs))


def test_search_index_holds_actor_names_claim_statements_and_article_words(built: Built) -> None:
    text = _search_text(built.site)
    for record in built.corpus.actors.values():
        assert normalise(record.actor.name) in text, record.actor.name
    for record in built.corpus.claims.values():
        assert normalise(record.claim.statement) in text, record.claim.id
    word = ARTICLE_ONLY_WORD[built.name]
    annotations = "".join(p.read_text(encoding="utf-8") for p in (built.src / "briefs").glob("*.yml"))
    assert word not in annotations  # the word is only in the article
    assert word in text
    index = BuiltIndex(built.site.root)
    found = {index.documents[d]["url"].split("#")[0] for d in index.finds(fold(word))}
    assert found and all(url.startswith("briefs/") for url in found), found


def test_search_results_say_what_they_are_and_leave_developer_pages_out(built: Built) -> None:
    docs = BuiltIndex(built.site.root).documents
    kinds = {d["url"].split("/")[0].split("#")[0]: d["kind"] for d in docs if "/" in d["url"]}
    assert kinds == {"briefs": "Brief", "actors": "Actor", "claims": "Claim", "implications": "Implication"}
    guide = [d for d in docs if d["url"].startswith("annotation-format.html")]
    assert len(guide) > 10 and {d["kind"] for d in guide} == {"Guide"}
    assert any(d["url"] == "annotation-format.html#claims" and d["title"] == "Claims" for d in guide)
    assert not [d["url"] for d in docs if d["url"].startswith("security.html")]  # search: exclude: true
    for d in guide:  # each result leads to a section that exists
        page, _, anchor = d["url"].partition("#")
        assert not anchor or anchor in built.site.ids(page), d["url"]


# --- 6. nothing from another host -------------------------------------------

_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"]*))\s*\)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""", re.I)


def _is_local(url: str) -> bool:
    url = url.strip()
    return not is_external(url) or url.lower().startswith("data:")


def test_no_page_loads_anything_from_another_host(built: Built) -> None:
    site = built.site
    remote = []
    for page in site.pages():
        soup = site.soup(page)
        for el, attr, url in url_references(soup):
            if el.name == "a" or el.name == "form":
                continue  # navigation, not loading
            if el.name == "link" and not {r.lower() for r in (el.get("rel") or [])} & LOADING_RELS:
                continue  # e.g. rel=canonical: names a URL, loads nothing
            if not _is_local(url):
                remote.append(f"{page}: <{el.name} {attr}={url!r}>")
        for style in soup.find_all("style"):
            remote += [f"{page}: <style> {u}" for u in _css_urls(style.get_text()) if not _is_local(u)]
        for el in soup.find_all(style=True):
            remote += [f"{page}: style= {u}" for u in _css_urls(el["style"]) if not _is_local(u)]
        for config in soup.select('script[type="application/json"]'):
            remote += [f"{page}: theme config {u}" for u in re.findall(r'"((?:https?:)?//[^"]+)"', config.get_text())]
    for css in sorted(site.root.rglob("*.css")):
        remote += [f"{css.relative_to(site.root)}: {u}" for u in _css_urls(css.read_text(encoding="utf-8"))
                   if not _is_local(u)]
    assert not remote, "\n".join(remote)


def _css_urls(css: str) -> list[str]:
    urls = [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(css)]
    return urls + _CSS_IMPORT.findall(css)


def test_every_page_has_the_search_script_and_loads_scripts_from_the_site(built: Built) -> None:
    """The search (search.js, which reads the index under search/) is on every page, like every
    script served from the site; Material's search and its iframe-worker shim are gone."""
    site = built.site
    for page in site.pages():
        srcs = [str(s["src"]) for s in site.soup(page).find_all("script", src=True)]
        if page == "404.html":  # self-contained: served at any depth (test_the_404_page_works_under_a_sub_path)
            assert srcs == []
            continue
        assert [s for s in srcs if s.endswith("assets/javascripts/search-engine.js")], page
        assert [s for s in srcs if s.endswith("assets/javascripts/search.js")], page
        assert not [s for s in srcs if "iframe-worker" in s or "workers/search" in s], page
        for src in srcs:
            assert not is_external(src), (page, src)
            assert site.exists(resolve(page, src)[0]), (page, src)
    assert not (site.root / "search" / "search_index.json").exists()
    assert (site.root / "search" / "manifest.js").is_file()


# --- 9. determinism ----------------------------------------------------------


def test_two_builds_with_different_hash_seeds_are_byte_identical(example: Built, tmp_path: Path) -> None:
    """The example corpus built here (in this process) and again in a fresh interpreter with
    another PYTHONHASHSEED, in another folder: every file, sitemap included, is the same."""
    built = example
    corpus = make_corpus(built.src, tmp_path / "again")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONHASHSEED"] = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--root", str(corpus)],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    first, second = tree_digest(built.site.root), tree_digest(corpus / "site")
    assert first.keys() == second.keys()
    differing = sorted(path for path in first if first[path] != second[path])
    assert not differing
    assert "sitemap.xml" in first and "sitemap.xml.gz" in first


# --- 10. atomic builds -------------------------------------------------------


def test_a_corpus_problem_leaves_the_previous_site_unchanged(built: Built, tmp_path: Path) -> None:
    corpus = make_corpus(built.src, tmp_path / "corpus")
    shutil.copytree(built.site.root, corpus / "site")
    before = tree_digest(corpus / "site")
    brief = sorted((corpus / "briefs").glob("[!_]*.yml"))[0]
    text = brief.read_text(encoding="utf-8")
    quote = re.search(r"^(\s+quote: ).+$", text, re.M)
    assert quote
    brief.write_text(text.replace(quote.group(0), quote.group(1) + '"words the article never says"', 1),
                     encoding="utf-8")
    assert run_build(corpus) == 1
    assert tree_digest(corpus / "site") == before
    assert sorted(p.name for p in corpus.iterdir()) == ["briefs", "docs", "mkdocs.yml", "overrides", "seeds", "site"]


def test_a_failed_mkdocs_build_leaves_the_previous_site_unchanged(tmp_path: Path) -> None:
    """A clean corpus, but MkDocs fails in strict mode (a hand-written page with a broken link):
    the failure happens after the staging folder has been filled, and still nothing changes."""
    corpus = make_corpus(MULTI, tmp_path / "corpus")
    old = corpus / "site"
    (old / "briefs").mkdir(parents=True)
    (old / "index.html").write_text("<!doctype html><title>previous site</title>", encoding="utf-8")
    (old / "briefs" / "gone.html").write_bytes(b"\x00previous\xff")
    (old / MARKER).write_text("written by briefs\n", encoding="utf-8")  # a site it built: one it may replace
    before = tree_digest(old)
    (corpus / "docs" / "broken.md").write_text("# Broken\n\nSee [nowhere](nowhere.md).\n", encoding="utf-8")
    assert run_build(corpus) == 1
    assert tree_digest(old) == before
    assert not [p.name for p in corpus.iterdir() if p.name.startswith(".site")]  # no staging left behind


def test_a_failed_build_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """When MkDocs stops the build (here: docs/tags.md collides with the generated tags page),
    ``briefs build`` prints the reason, not only MkDocs' "Aborted with a BuildError!"."""
    corpus = make_corpus(MULTI, tmp_path / "corpus")
    (corpus / "docs" / "tags.md").write_text("# Tags, by hand\n", encoding="utf-8")
    capsys.readouterr()
    assert run_build(corpus) == 1
    out = capsys.readouterr()
    assert "tags.md" in out.out + out.err, out.err


@pytest.mark.parametrize(("kind", "yaml_path", "old", "new"), [
    ("actor", "_actors.yml", "- id: orsa-hydro", "- id: index"),
    ("claim", "quota-cut.yml", "- id: independent-review-by-june", "- id: index"),
    ("implication", "quota-cut.yml", "- id: compensation-claims-from-lower-valley", "- id: index"),
], ids=["actor", "claim", "implication"])
def test_an_id_that_would_overwrite_an_index_page_is_a_check_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, yaml_path: str, old: str, new: str) -> None:
    """actors/index.html is the actors index: an actor (claim, implication) with the id 'index'
    would need the same page. ``briefs check`` must say so; the build must not be the first to
    notice (it stops with "two pages would be written to ...")."""
    root = tmp_path / "corpus"
    shutil.copytree(MULTI, root)
    path = root / "briefs" / yaml_path
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new)
    if kind == "actor":
        for brief in (root / "briefs").glob("[!_]*.yml"):
            brief.write_text(re.sub(r"\borsa-hydro\b", "index", brief.read_text(encoding="utf-8")), encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--root", str(root)]) == 1
    assert "index" in capsys.readouterr().out


def test_a_build_leaves_the_process_environment_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``build_site`` derives SOURCE_DATE_EPOCH from the corpus (the sitemap.xml.gz header
    carries it). It must not leave it in ``os.environ``: the next build in the same process
    (a test run, a tool building several corpora) would be stamped with this corpus's date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")  # absent now; monkeypatch restores "absent" afterwards
    corpus = tmp_path / "corpus"
    make_corpus(MULTI, corpus)
    for brief in ("hydro-responds.yml", "quota-cut.yml"):  # one brief is enough here: a quicker build
        (corpus / "briefs" / brief).unlink()
    assert main(["build", "--root", str(corpus)]) == 0
    stamp = struct.unpack("<I", (corpus / "site" / "sitemap.xml.gz").read_bytes()[4:8])[0]
    assert stamp == calendar.timegm(dt.date(2025, 2, 3).timetuple())  # the brief's date, not the clock
    assert os.environ.get("SOURCE_DATE_EPOCH") is None


# --- 12. the repository itself ----------------------------------------------


def test_mkdocs_build_strict_from_the_repository_root(tmp_path: Path) -> None:
    """What a contributor runs first: plain ``mkdocs build --strict`` in a checkout."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "site" / "briefs" / "us-iraq-isis-threat.html").is_file()
    assert (tmp_path / "site" / "annotation-format.html").is_file()


def test_the_source_line_names_title_publisher_and_author(multi: Built) -> None:
    """A reader sees where the article came from: its title (linked), publisher and author."""
    titled = content(multi.site.soup("briefs/hydro-responds.html")).select_one(".brief-meta__source")
    assert " ".join(titled.get_text().split()) == (
        "Source: Hydro operator rejects blame for low reservoir, Marren Valley Courier, 10 February 2025.")
    assert titled.a["href"] == "https://example.org/courier/2025/02/10/hydro"
    untitled = content(multi.site.soup("briefs/reservoir-low.html")).select_one(".brief-meta__source")
    assert " ".join(untitled.get_text().split()) == "Source: Marren Valley Courier, by Staff reporter, 3 February 2025."


def test_a_plain_mkdocs_build_is_stamped_with_the_newest_brief_date(tmp_path) -> None:
    """Without SOURCE_DATE_EPOCH, `mkdocs build` (not only `briefs build`) dates the sitemap
    from the content, so rebuilding the same commit another day gives the same bytes."""
    import gzip
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
                          cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with gzip.open(tmp_path / "site" / "sitemap.xml.gz") as sitemap:
        sitemap.read()
        stamp = sitemap.mtime
    import datetime as dt
    assert dt.datetime.fromtimestamp(stamp, dt.timezone.utc).date() == dt.date(2024, 3, 24)
