"""The site's words come from gettext catalogues, in the site's language; content carries its own.

- the French catalogue translates every message the templates and the code use
  (extracted as ``briefs translations`` does), none left empty or fuzzy;
- counts, dates and numbers follow the site's locale; a language without a
  catalogue falls back to English without a warning (``--strict`` builds);
- right-to-left languages are told from their script;
- a brief's language reaches its actors, claims and implications on every page
  that shows them (``lang``, and ``dir`` where the direction differs), and a
  brief without one takes the site's language;
- the scripts' words (``site-words.js``) carry the catalogue's plural rule, run
  by Node exactly as gettext runs it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import i18n, translations
from generator.outputs import SiteOptions
from generator.pipeline import generate
from generator.site_words import script

REPO = Path(__file__).resolve().parents[1]
MULTILINGUAL = REPO / "tests" / "fixtures" / "site" / "multilingual"


def test_the_french_catalogue_translates_every_message_of_the_templates_and_the_code() -> None:
    extracted = translations.messages()
    assert len(extracted) > 150  # the extraction found the templates' and the code's messages
    assert "Claims made" in extracted and ("%(num)s claim", "%(num)s claims") in extracted
    assert "Open the claim page" in extracted  # a script's word, from i18n.SCRIPT_WORDS
    assert i18n.missing_translations("fr", extracted) == []


def test_a_message_missing_from_a_catalogue_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, copy)
    po = copy / "fr" / "LC_MESSAGES" / "briefs.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgid "Claims made"\nmsgstr "Affirmations faites"', 'msgid "Claims made"\nmsgstr ""')
    text = text.replace('msgid "Related actors"\n', '#, fuzzy\nmsgid "Related actors"\n')
    po.write_text(text, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", copy)
    assert i18n.missing_translations("fr", ["Claims made", "Related actors", "Quote"]) == ["Claims made",
                                                                                          "Related actors"]


def test_updating_the_catalogues_changes_nothing_when_no_message_changed(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, copy)
    monkeypatch.setattr(i18n, "LOCALE_DIR", copy)
    before = (copy / "fr" / "LC_MESSAGES" / "briefs.po").read_bytes()
    translations.update("fr")
    assert (copy / "fr" / "LC_MESSAGES" / "briefs.po").read_bytes() == before


def test_counts_dates_and_numbers_follow_the_site_locale() -> None:
    en, fr = i18n.words("en"), i18n.words("fr")
    assert [en.count(n, "claim") for n in (0, 1, 2, 1500)] == ["0 claims", "1 claim", "2 claims", "1,500 claims"]
    assert [fr.count(n, "claim") for n in (0, 1, 2)] == ["0 affirmation", "1 affirmation", "2 affirmations"]
    assert fr.count(1500, "claim").replace("\u202f", " ").replace("\u00a0", " ") == "1 500 affirmations"
    assert en.date(dt.date(2024, 3, 2)) == "2 March 2024"  # day first, as the site always wrote it
    assert fr.date(dt.date(2024, 3, 2)) == "2 mars 2024"
    assert en.label("very-likely") == "Very likely" and fr.label("very-likely") == "Très probable"
    assert fr.place(3) == "Paragraphe 3" and fr.place(None) == "Intertitre"


def test_a_language_without_a_catalogue_gets_english_words_without_a_warning(caplog: pytest.LogCaptureFixture,
                                                                             ) -> None:
    i18n.translations.cache_clear()
    with caplog.at_level(logging.DEBUG, logger="mkdocs"):
        words = i18n.Words("sw")
    assert words.count(2, "claim") == "2 claims"
    assert words.gettext("Claims made") == "Claims made"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]  # `mkdocs build --strict` still passes
    assert any("no catalogue for theme.language 'sw'" in r.getMessage() for r in caplog.records)


def test_a_regional_or_scripted_language_uses_its_language_catalogue() -> None:
    assert i18n.catalogue_language("fr-CA") == "fr"
    assert i18n.catalogue_language("fr") == "fr"
    assert i18n.catalogue_language("de-AT") == "en"
    assert i18n.words("fr-CA").gettext("Claims made") == "Affirmations faites"


@pytest.mark.parametrize("tag", ["ar", "fa", "ur", "he", "ps", "sd", "yi", "dv", "ug", "ckb", "syr", "nqo",
                                 "az-Arab", "pa-Arab", "ff-Adlm", "ar-EG"])
def test_right_to_left_languages_are_told_from_their_script(tag: str) -> None:
    assert i18n.direction(tag) == "rtl"


@pytest.mark.parametrize("tag", ["en", "ru", "el", "zh-Hans", "ja", "az-Latn", "pa", "ku", "sr-Cyrl", "tr"])
def test_left_to_right_languages(tag: str) -> None:
    assert i18n.direction(tag) == "ltr"


@pytest.fixture(scope="module")
def multilingual():
    return generate(MULTILINGUAL, SiteOptions())


def _soup(generated, path: str) -> BeautifulSoup:
    return BeautifulSoup(generated.pages[path].text, "html.parser")


def test_claims_implications_and_actors_carry_their_brief_language(multilingual) -> None:
    claim = multilingual.pages["claims/record-date-harvest.md"].text
    assert "{: #page-title lang=\"ar\" dir=\"rtl\" }" in claim  # the heading: the statement, in Arabic
    soup = _soup(multilingual, "claims/record-date-harvest.md")
    quote = soup.select_one("blockquote.quote-context p")
    assert (quote["lang"], quote["dir"]) == ("ar", "rtl")
    speaker = soup.select_one(".claim-meta a.actor-link")
    assert (speaker["lang"], speaker["dir"]) == ("ar", "rtl")
    assert "lang" not in soup.select_one(".claim-meta a.badge").attrs  # the site's own words: no lang

    soup = _soup(multilingual, "implications/water-utility-audit.md")
    assert soup.select_one("a.actor-link")["lang"] == "ru"
    assert "dir" not in soup.select_one("a.actor-link").attrs  # Russian reads left to right, as the site
    heading = next(line for line in multilingual.pages["implications/water-utility-audit.md"].text.split("\n")
                   if line.startswith("# "))
    assert heading.endswith('{: #page-title lang="ru" }')

    soup = _soup(multilingual, "actors/sami-al-haddad.md")
    assert soup.select_one(".actor-profile__role")["lang"] == "ar"
    for link in soup.select("a.claim-link, a.brief-link"):
        assert (link["lang"], link["dir"]) == ("ar", "rtl"), link

    # Listings show each entity in its own language.
    listing = _soup(multilingual, "claims/index.md")
    links = {a["href"]: a.get("lang") for a in listing.select("a.claim-link")}
    assert links["record-date-harvest.html"] == "ar" and links["water-pipes-worn-out.html"] == "ru"
    assert links["electric-ferries-this-summer.html"] is None  # English, the site's language


def test_the_article_is_marked_with_its_language_and_the_chrome_inside_it_with_the_site_s(multilingual) -> None:
    soup = _soup(multilingual, "briefs/date-harvest.md")
    article = soup.select_one("div.brief-article")
    assert (article["lang"], article["dir"]) == ("ar", "rtl")
    spoken = soup.select_one(".speaker-chip .visually-hidden")
    assert (spoken["lang"], spoken["dir"]) == ("en", "ltr")
    assert spoken.get_text().startswith("Prediction by ")
    cards = json.loads(soup.select_one("#briefs-cards").get_text())
    assert (cards["lang"], cards["dir"]) == ("ar", "rtl")

    english = _soup(multilingual, "briefs/harbour-ferries.md").select_one("div.brief-article")
    assert english["lang"] == "en" and "dir" not in english.attrs


def test_a_brief_without_a_language_takes_the_site_s(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(MULTILINGUAL, corpus)
    brief = corpus / "briefs" / "volga-water.yml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("language: ru\n", ""), encoding="utf-8")
    generated = generate(corpus, SiteOptions(language="ru"))
    soup = BeautifulSoup(generated.pages["briefs/volga-water.md"].text, "html.parser")
    assert soup.select_one("div.brief-article")["lang"] == "ru"
    assert "lang" not in soup.select_one("p.brief-summary").attrs  # the site's language: nothing to say
    arabic = BeautifulSoup(generated.pages["briefs/date-harvest.md"].text, "html.parser")
    assert arabic.select_one("p.brief-summary")["lang"] == "ar"
    english = BeautifulSoup(generated.pages["briefs/harbour-ferries.md"].text, "html.parser")
    assert english.select_one("p.brief-summary")["lang"] == "en"  # on a Russian site, English is marked


def test_search_results_carry_their_document_language(multilingual) -> None:
    rows = []
    for path, file in sorted(multilingual.files.items()):
        if path.startswith("search/d/"):
            text = file.content.decode("utf-8")
            rows += json.loads(text[text.index(",") + 1 : text.rindex(")")])
    by_url = {row[2]: row for row in rows}
    assert by_url["claims/record-date-harvest.html"][5:] == ["ar", "rtl"]
    assert by_url["actors/elena-orlova.html"][5:] == ["ru", "ltr"]
    assert by_url["briefs/harbour-ferries.html"][5:] == ["en", "ltr"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_scripts_count_with_the_catalogue_s_plural_rule(tmp_path: Path, language: str) -> None:
    words = tmp_path / "site-words.js"
    words.write_text(script(language), encoding="utf-8")
    program = ("require(%s); const w = globalThis.BriefsWords;"
               "console.log(JSON.stringify([0, 1, 2, 5].map(n => w.counts.result[w.plural(n)].replace('%%(num)s', n))))"
               % json.dumps(str(words)))
    # site-words.js is a classic script: `var BriefsWords` becomes a global when run as one.
    wrapper = tmp_path / "run.js"
    wrapper.write_text("const vm = require('vm'); const fs = require('fs');"
                       f"vm.runInThisContext(fs.readFileSync({json.dumps(str(words))}, 'utf8'));"
                       + program.split(";", 1)[1], encoding="utf-8")
    out = subprocess.run(["node", str(wrapper)], capture_output=True, text=True, timeout=30, check=True).stdout
    w = i18n.words(language)
    assert json.loads(out) == [w.count(n, "result") for n in (0, 1, 2, 5)]
