"""A reader searches the site from disk (file://, no network), in any language, by keyboard and by touch.

The multilingual corpus (tests/fixtures/site/multilingual) has briefs in Russian,
Arabic, Greek, Chinese and Czech. Each search types one word as a reader would,
clicks the result that should lead to an actor or claim page, and checks that
page. The ``reader`` fixture fails the test if anything was requested from the
network or a page logged an error.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from .site_reading import click_result, expect, expect_page, open_search, search

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from searchindex import BuiltIndex  # noqa: E402

from generator.search.tokens import fold  # noqa: E402

# (what the reader types, the page it must reach, the page to start from)
WORDS = [
    pytest.param("Орлова", "actors/elena-orlova.html", "index.html", id="cyrillic"),
    pytest.param("Орловым", "actors/elena-orlova.html", "index.html", id="cyrillic-inflection-not-in-the-corpus"),
    pytest.param("الأسمدة", "claims/fertiliser-prices-up-thirty-percent.html", "index.html", id="arabic"),
    pytest.param("Παπαδοπούλου", "actors/maria-papadopoulou.html", "index.html", id="greek"),
    pytest.param("παπαδοπουλου", "actors/maria-papadopoulou.html", "index.html", id="greek-without-accents"),
    pytest.param("Papadopoulou", "actors/maria-papadopoulou.html", "claims/wetlands-at-risk.html",
                 id="greek-name-in-latin-letters-from-a-sub-folder"),
    pytest.param("πελάτες", "claims/shops-losing-customers.html", "actors/tomas-dvorak.html", id="greek-claim"),
    pytest.param("湿地", "claims/wetlands-at-risk.html", "index.html", id="chinese"),
    pytest.param("Dvořák", "actors/tomas-dvorak.html", "index.html", id="accented-latin"),
    pytest.param("Dvorak", "actors/tomas-dvorak.html", "briefs/volga-water.html", id="accented-latin-typed-without"),
    pytest.param("Šťastná", "actors/jana-stastna.html", "index.html", id="czech"),
]


def _heading(site, page: str) -> str:
    kind, ident = page.removesuffix(".html").split("/")
    if kind == "actors":
        return site.corpus.actors[ident].actor.name
    return site.corpus.claims[ident].claim.statement


@pytest.mark.parametrize(("term", "target", "start"), WORDS)
def test_a_word_in_any_script_finds_its_actor_or_claim_page(built_sites, reader, term, target, start):
    site = built_sites("multilingual")
    page = reader.open(site.url(start))

    kind = click_result(page, term, target)

    expect_page(page, target, _heading(site, target))
    assert kind == ("Actor" if target.startswith("actors/") else "Claim")


def test_nothing_is_read_before_the_reader_searches_and_a_word_reads_one_term_shard(built_sites, reader):
    site = built_sites("multilingual")
    index = BuiltIndex(site.root)
    page = reader.open(site.url("briefs/prague-trams.html"))
    expect(page.locator("html[data-briefs-search=ready]")).to_have_count(1)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.mouse.wheel(0, 400)  # reading, not searching
    page.wait_for_timeout(300)  # time for any eager loading to show (there must be none)
    assert not [u for u in requested if "/search/" in u], requested

    box = open_search(page)
    box.fill("dvorak")
    results = page.locator("#briefs-search-results [role=option]")
    expect(page.locator("#briefs-search-results")).to_have_attribute("data-query", "dvorak")
    expect(results.first).to_be_visible()

    read = sorted(re.sub(r".*/search/", "", u) for u in requested if "/search/" in u)
    shown = len(results.all())
    hrefs = [re.sub(r"^.*?/site/", "", h) for h in results.evaluate_all("els => els.map(e => e.href)")]
    numbers = [next(i for i, d in enumerate(index.documents) if d["url"] == h) for h in hrefs]
    doc_files = sorted({f"d/{n // index.manifest['block']}.js" for n in numbers})
    assert read == sorted(["manifest.js", f"t/{index.shard_number(fold('dvorak'))}.js", *doc_files])
    assert 0 < shown <= 10


def test_results_say_what_they_are_and_the_guide_comes_after_entity_pages(built_sites, reader):
    site = built_sites("example")
    page = reader.open(site.url())
    results = search(page, "Iraq")
    expect(results.first).to_be_visible()
    page.locator(".briefs-search__more").click()  # the guide sections are past the first ten
    expect(results).to_have_count(20)
    kinds = results.locator(".briefs-search__kind").all_text_contents()
    assert set(kinds) <= {"Brief", "Actor", "Claim", "Implication", "Guide"}
    assert {"Actor", "Claim", "Brief"} <= set(kinds), kinds
    if "Guide" in kinds:
        first_guide = kinds.index("Guide")
        assert set(kinds[first_guide:]) == {"Guide"}, kinds
    # The matched word is marked in the title or snippet of every result shown.
    for result in results.all():
        marked = [fold(m) for m in result.locator("mark").all_inner_texts()]
        assert "iraq" in marked or any(m.startswith("iraq") for m in marked), result.inner_text()


def test_the_guide_is_searchable_and_the_security_page_is_not(built_sites, reader):
    site = built_sites("example")
    page = reader.open(site.url("actors/index.html"))
    results = search(page, "occurrence")
    expect(results.first).to_be_visible()
    assert set(results.locator(".briefs-search__kind").all_text_contents()) == {"Guide"}
    assert not [h for h in results.evaluate_all("els => els.map(e => e.href)") if "security.html" in h]
    results.first.click()
    expect(page).to_have_url(re.compile(r"/annotation-format\.html#[\w-]+$"))


def test_the_keyboard_opens_moves_through_and_closes_the_search(built_sites, reader):
    site = built_sites("multilingual")
    page = reader.open(site.url("actors/index.html"))
    dialog = page.get_by_role("dialog", name="Search the site")
    expect(dialog).to_be_hidden()

    page.keyboard.press("/")
    expect(dialog).to_be_visible()
    box = page.get_by_role("combobox", name="Search briefs")
    expect(box).to_be_focused()
    box.press_sequentially("Орлова")
    status = page.get_by_role("status")
    expect(status).to_have_text(re.compile(r"^\d+ results? for “Орлова”$"))
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()

    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("ArrowUp")
    first = options.first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id") or "?")
    href = first.get_attribute("href") or ""
    box.press("Enter")
    expect(page).to_have_url(href)
    expect(page.locator("html[data-briefs-search=ready]")).to_have_count(1)  # the new page's search is up

    page.keyboard.press("s")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator("button.briefs-search-open")).to_be_focused()
    page.keyboard.press("Enter")  # the focused button opens it again; typing "s" there types, not reopens
    expect(box).to_be_focused()
    box.press_sequentially("s")
    expect(box).to_have_value("s")


def test_search_works_by_touch_on_a_phone(built_sites, reader):
    site = built_sites("multilingual")
    page = reader.open(site.url(), phone=True)
    kind = click_result(page, "Παπαδοπούλου", "actors/maria-papadopoulou.html", tap=True)
    expect_page(page, "actors/maria-papadopoulou.html", "Μαρία Παπαδοπούλου")
    assert kind == "Actor"
    width = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert width <= 1


def test_hostile_text_in_titles_and_statements_stays_inert_in_results(built_sites, reader):
    site = built_sites("payloads")
    page = reader.open(site.url())
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    results = search(page, "alert")
    expect(results.first).to_be_visible()
    page.locator(".briefs-search__more").click()
    expect(results).to_have_count(20)

    tags = set(page.locator("#briefs-search-results *").evaluate_all("els => els.map(e => e.localName)"))
    assert tags <= {"a", "span", "mark"}, tags
    titles = results.locator(".briefs-search__title").all_inner_texts()
    assert any("<script>alert(1)</script>" in t or "<img src=x onerror=alert(1)>" in t for t in titles), titles
    page.wait_for_timeout(200)  # an injected handler would have fired by now
    assert dialogs == []
    assert page.evaluate("typeof window.alert") == "function"


def test_words_that_name_javascript_object_properties_are_ordinary_words(built_sites, reader):
    """Index lookups go through Maps: `constructor` or `__proto__` find nothing special (and no error)."""
    site = built_sites("example")
    page = reader.open(site.url())
    box = open_search(page)
    for word in ("constructor", "__proto__", "hasOwnProperty", "toString"):
        box.fill(word)
        expect(page.locator("#briefs-search-results")).to_have_attribute("data-query", word)
        expect(page.get_by_role("status")).to_have_text(f"No results for “{word}”")


_CONTRAST = """([fg, bg]) => {
    const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_matched_words_are_marked_visibly_in_both_schemes(built_sites, reader, scheme):
    """The mark's underline stands out from the result (>= 3:1, chosen or not) and its text reads (>= 4.5:1)."""
    site = built_sites("example")
    page = reader.open(site.url(), dark=scheme == "dark")
    expect(page.locator(f"body[data-md-color-scheme={'slate' if scheme == 'dark' else 'default'}]")).to_have_count(1)
    results = search(page, "Romanowski")
    page.get_by_role("combobox", name="Search briefs").press("ArrowDown")  # the first result is chosen
    for result in (results.nth(0), results.nth(1)):
        mark = result.locator("mark").first
        line, text, fill = mark.evaluate(
            "m => [getComputedStyle(m).borderBottomColor, getComputedStyle(m).color, getComputedStyle(m).backgroundColor]")
        behind = result.evaluate("""r => { for (let e = r; e; e = e.parentElement) {
            const c = getComputedStyle(e).backgroundColor; if (c !== 'rgba(0, 0, 0, 0)') return c; } }""")
        assert page.evaluate(_CONTRAST, [line, behind]) >= 3, (scheme, line, behind)
        assert page.evaluate(_CONTRAST, [text, fill]) >= 4.5, (scheme, text, fill)
