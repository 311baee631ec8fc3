"""A brief at a glance (issue 12), in the built HTML: who says what, what is contested,
where the article comes from, what every badge means, and each page's metadata.

The browser tests (tests/browser/test_reading.py) prove the same points as a reader
sees them: cards on hover, focus and tap, the phone's first screen, axe-core.
"""

from __future__ import annotations

import json
import re

import pytest

from generator.headline import cut
from generator.link import link_corpus
from generator.render import DESCRIPTION_MAX
from generator.relations import claim_status
from generator.speakers import short_label, speaker_index
from generator.validate import check_corpus
from sitebuild import MULTI, REPO, BuiltSite, build_site_from, content, run_build, make_corpus, text_of

CORPORA = {"example": REPO, "multi": MULTI}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[BuiltSite, object]]:
    out = {}
    for name, src in CORPORA.items():
        corpus, problems = check_corpus(src)
        assert corpus is not None, problems
        out[name] = (BuiltSite(build_site_from(src, tmp_path_factory.mktemp(name) / "corpus")), corpus)
    return out


@pytest.fixture(params=sorted(CORPORA))
def built(request, sites):
    return sites[request.param]


def cards_of(site: BuiltSite, brief_id: str) -> dict:
    raw = (site.root / "briefs" / f"{brief_id}.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="briefs-cards">(.*?)</script>', raw, re.S)
    assert found, f"no card data on briefs/{brief_id}.html"
    assert not re.search(r"[<>&\u2028\u2029]", found.group(1)), "card data must be escaped for a <script> block"
    return json.loads(found.group(1))


def test_every_claim_quote_names_its_speaker_and_shows_rating_and_contest(built) -> None:
    site, corpus = built
    linked = link_corpus(corpus)
    for claim_id, record in corpus.claims.items():
        soup = site.soup(f"briefs/{record.brief}.html")
        chip = soup.select_one(f'.brief-article span.speaker-chip[data-claim="{claim_id}"]')
        assert chip is not None, claim_id
        spoken = text_of(chip.select_one(".visually-hidden"))
        names = [corpus.actors[a].actor.name for a in record.claim.by]
        assert all(name in spoken for name in names), (claim_id, spoken)
        shown = chip.select_one('[aria-hidden="true"]')
        assert text_of(shown).startswith(short_label(corpus.actors[record.claim.by[0]].actor)), claim_id
        status = claim_status(linked, claim_id)
        assert ("speaker-chip--contested" in chip["class"]) == status.contested, claim_id
        if status.rating:
            assert text_of(shown).endswith(f"· {status.rating}"), claim_id
        elif status.contested:
            assert text_of(shown).endswith("· contradicted"), claim_id
        assert f"speaker-{speaker_index(record.claim.by[0])}" in chip["class"]
        first = soup.find(id=f"claim-{claim_id}").find_next_sibling("a")
        if "claim-quote" in first["class"] and first["href"].endswith(f"/{claim_id}.html"):
            assert ("claim-quote--contested" in first["class"]) == status.contested, claim_id
    if corpus is sites_multi_corpus(built):
        assert any(claim_status(linked, c).contested for c in corpus.claims)


def sites_multi_corpus(built):
    return built[1] if "hydro-responds" in {b.id for b in built[1].briefs} else None


def test_a_speaker_has_one_colour_on_every_brief(built) -> None:
    site, corpus = built
    seen: dict[str, set[str]] = {}
    for brief in corpus.briefs:
        for chip in site.soup(f"briefs/{brief.id}.html").select(".brief-article span.speaker-chip"):
            speaker = corpus.claims[chip["data-claim"]].claim.by[0]
            seen.setdefault(speaker, set()).update(c for c in chip["class"] if re.fullmatch(r"speaker-\d+", c))
    assert seen and all(len(colours) == 1 for colours in seen.values()), seen
    css = (site.root / "assets" / "stylesheets" / "speakers.css").read_text(encoding="utf-8")
    for colours in seen.values():
        assert f".{next(iter(colours))} {{ --speaker: #" in css


def test_the_card_data_says_who_what_rating_and_relations(built) -> None:
    site, corpus = built
    linked = link_corpus(corpus)
    for brief in corpus.briefs:
        data = cards_of(site, brief.id)
        for claim_id in linked.brief_links[brief.id].claims:
            card, claim = data["claims"][claim_id], corpus.claims[claim_id].claim
            assert card["statement"] == claim.statement
            assert [s["name"] for s in card["speakers"]] == [corpus.actors[a].actor.name for a in claim.by]
            assert card["rating"] == (claim.review.rating.capitalize() if claim.review else None)
            assert card["url"] == f"../claims/{claim_id}.html"
            contradicted = [i["url"] for r in card["relations"] if r["label"] == "Contradicted by" for i in r["items"]]
            assert contradicted == [f"../claims/{c}.html" for c in linked.claim_links[claim_id].contradicted_by]
        for imp_id in linked.brief_links[brief.id].implications:
            assert data["implications"][imp_id]["statement"] == corpus.implications[imp_id].implication.statement


def test_an_implication_quote_nested_in_a_claim_quote_is_a_link_and_keeps_the_claim_mark(sites) -> None:
    site, corpus = sites["multi"]
    soup = site.soup("briefs/reservoir-low.html")
    nested = soup.select_one('a.implication-quote[href="../implications/dry-autumns-return.html"]')
    assert nested is not None and text_of(nested) == "driest autumn in forty years"
    speaker = speaker_index("helena-varga")
    assert {"in-claim", f"speaker-{speaker}"} <= set(nested["class"])
    assert nested["data-quotes"].split() == ["claim:shortfall-caused-by-dry-autumn", "implication:dry-autumns-return"]
    around = [a for a in soup.select("a.claim-quote") if a["href"].endswith("/shortfall-caused-by-dry-autumn.html")]
    assert [a.get_text() for a in around] == ["the direct result of the "]


def test_the_article_is_attributed_with_its_licence_and_the_footer_names_the_site_licence(sites) -> None:
    site, _ = sites["multi"]
    attribution = content(site.soup("briefs/hydro-responds.html")).select_one("p.attribution")
    licence = attribution.select_one(".attribution__license a")
    assert text_of(licence) == "Creative Commons Attribution 2.5"
    assert licence["href"] == "https://creativecommons.org/licenses/by/2.5/"
    # The attribution stands above the article.
    assert attribution.find_next_sibling("div")["class"] == ["brief-article"]
    unlicensed = content(site.soup("briefs/quota-cut.html")).select_one("p.attribution")
    assert "Licence: not recorded" in text_of(unlicensed)
    for page in ("index.html", "briefs/hydro-responds.html", "actors/orsa-hydro.html", "how-to-read.html"):
        footer = site.soup(page).select_one(".md-copyright")
        assert "CC BY 4.0" in text_of(footer), page
        assert footer.a["href"] == "https://creativecommons.org/licenses/by/4.0/"


def test_the_claim_page_gives_the_verdict_first_with_reviewer_and_date(sites) -> None:
    site, _ = sites["multi"]
    article = content(site.soup("claims/hydro-releases-drained-reservoir.html"))
    verdict = article.select_one("div.verdict")
    assert " ".join(text_of(verdict.select_one(".verdict__line")).split()) == (
        "rated Disputed by Fixture reviewer on 12 February 2025 · contested: another claim contradicts it")
    quote_heading = article.find("h2", id="quote")
    assert verdict.find_next("h2") is quote_heading  # before the quote, the relations and the evidence
    unrated = content(site.soup("claims/releases-within-licence.html")).select_one("div.verdict")
    assert text_of(unrated) == "Not fact-checked yet."


def test_every_badge_links_to_its_definition(built) -> None:
    site, _ = built
    guide_ids = site.ids("how-to-read.html")
    badges = 0
    for page in site.pages():
        for badge in content(site.soup(page)).select("a.badge"):
            kind, value = next((c.split("--")[1].split("-", 1) for c in badge["class"]
                                if c.count("--") == 1 and "-" in c.split("--")[1]))
            assert badge["href"].endswith(f"how-to-read.html#{kind}-{value}"), (page, badge)
            assert f"{kind}-{value}" in guide_ids, (page, kind, value)
            badges += 1
    assert badges > 20


def test_the_how_to_read_page_is_in_the_nav_and_gives_the_icd_203_bands(sites) -> None:
    site, _ = sites["example"]
    nav = [text_of(a) for a in site.soup("index.html").select("nav.md-nav--primary a.md-nav__link")]
    assert "How to read" in nav
    rows = {text_of(tr.td): text_of(tr.find_all("td")[1])
            for tr in content(site.soup("how-to-read.html")).select("table tbody tr")}
    assert {k: rows[k] for k in ("Remote", "Very unlikely", "Unlikely", "Even chance", "Likely", "Very likely",
                                 "Almost certain")} == {
        "Remote": "01–05 %", "Very unlikely": "05–20 %", "Unlikely": "20–45 %", "Even chance": "45–55 %",
        "Likely": "55–80 %", "Very likely": "80–95 %", "Almost certain": "95–99 %"}


def test_actor_pages_roll_up_members_rank_ties_and_label_wikidata(sites) -> None:
    site, corpus = sites["example"]
    romanowski = content(site.soup("actors/alina-romanowski.html"))
    related = [a["href"] for a in romanowski.select("ul.related-actors > li > a.actor-link")]
    assert related[:2] == ["us-embassy-baghdad.html", "us-government.html"]  # membership first
    assert len(related) == len(set(related)) and "alina-romanowski.html" not in related
    aliases = [text_of(a) for a in romanowski.select("span.alias")]
    assert "Alina Romanowski" not in aliases and aliases == sorted(set(aliases), key=aliases.index)
    us = content(site.soup("actors/united-states.html"))
    assert text_of(us.select_one('a[href="https://www.wikidata.org/wiki/Q30"]')) == "United States on Wikidata (Q30)"
    rolled = {a["href"] for a in us.select("ul.member-claims a.claim-link")}
    assert "../claims/isis-remains-a-danger.html" in rolled  # Romanowski -> embassy -> government -> state
    assert "By members of United States:" in text_of(us)


def test_each_page_has_its_own_description_and_opengraph_tags(sites) -> None:
    site, corpus = sites["multi"]
    brief = next(b for b in corpus.briefs if b.id == "quota-cut")

    def meta(page: str, key: str, attr: str = "name") -> str:
        tag = site.soup(page).find("meta", attrs={attr: key})
        return tag["content"] if tag else ""

    assert meta("briefs/quota-cut.html", "description") == cut(" ".join(brief.doc.summary.split()), DESCRIPTION_MAX)
    assert len(meta("briefs/reservoir-low.html", "description")) <= DESCRIPTION_MAX
    claim = corpus.claims["cut-painful-but-unavoidable"].claim
    assert meta("claims/cut-painful-but-unavoidable.html", "description") == claim.statement
    assert meta("claims/cut-painful-but-unavoidable.html", "og:title", "property") == claim.statement
    assert meta("claims/cut-painful-but-unavoidable.html", "og:type", "property") == "article"
    imp = corpus.implications["dry-autumns-return"].implication
    assert text_of(site.soup("implications/dry-autumns-return.html").title) == f"{imp.headline} - Annotated briefs"
    assert meta("implications/dry-autumns-return.html", "og:description", "property") == imp.statement
    descriptions = {meta(p, "description") for p in ("briefs/quota-cut.html", "briefs/reservoir-low.html",
                                                     "actors/orsa-hydro.html", "index.html")}
    assert len(descriptions) == 4
    assert text_of(site.soup("index.html").title) == "Annotated briefs"
    assert meta("index.html", "og:title", "property") == "Annotated briefs"


def test_a_published_site_has_canonical_urls_and_its_404_links_home(tmp_path) -> None:
    corpus = make_corpus(MULTI, tmp_path / "corpus")
    assert run_build(corpus, "--site-url", "https://example.org/briefs/") == 0
    site = BuiltSite(corpus / "site")
    soup = site.soup("briefs/quota-cut.html")
    assert soup.find("link", rel="canonical")["href"] == "https://example.org/briefs/briefs/quota-cut.html"
    assert soup.find("meta", property="og:url")["content"] == "https://example.org/briefs/briefs/quota-cut.html"
    missing = site.soup("404.html")
    assert missing.find("a", id="home")["href"] == "index.html"  # from file:// and at the site's root
    assert '"https://example.org/briefs/"' in missing.find("script").string  # at any depth on a host
