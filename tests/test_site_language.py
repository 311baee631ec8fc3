"""A site published in French: no English chrome on its brief, claim, actor and implication pages.

The corpus is the multilingual fixture (briefs in Arabic, Russian, Greek,
Czech, Chinese and English), built with ``theme.language: fr`` in mkdocs.yml.
Every brief declares its language, none is French, so every piece of
contributor text on a page is marked with ``lang``: what is left once those
elements are removed is the site's own chrome. The English strings looked for
are the message ids of the catalogue (``briefs translations`` extracts them),
cut at their placeholders and markup; a message whose French translation is
the same word (``Article``, ``Source``...) is not looked for.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import i18n, translations
from sitebuild import REPO, build_site_in_language, content, text_of

MULTILINGUAL = REPO / "tests" / "fixtures" / "site" / "multilingual"
PLACEHOLDER_OR_TAG = re.compile(r"%\(\w+\)s|%%|<[^>]+>")


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site_in_language(MULTILINGUAL, tmp_path_factory.mktemp("site-fr"), "fr")


def english_strings() -> list[str]:
    """Every piece of English text of the catalogue's messages that French words replace."""
    french = i18n.words("fr").translations
    found: set[str] = set()
    french_words: set[str] = set()  # a single word French uses too ("implications", "page") is no leak
    for message in translations.messages():
        forms = message if isinstance(message, tuple) else (message,)
        translated = french.ngettext(*forms, 2) if isinstance(message, tuple) else french.gettext(message)
        kept = set(pieces(translated.replace("\u00a0", " ").replace("\u202f", " ")))
        prose = re.sub(r"<code>.*?</code>", " ", translated)  # file and key names are not French words
        french_words.update(word for piece in pieces(prose) for word in re.findall(r"\w+", piece))
        found.update(piece for form in forms for piece in pieces(form) if piece not in kept)
    return sorted(piece for piece in found if " " in piece or piece not in french_words)


def pieces(message: str) -> list[str]:
    """The runs of words of a message between its placeholders and its markup."""
    cut = (piece.strip(" .,:;·()“”«»—") for piece in PLACEHOLDER_OR_TAG.split(message))
    return [piece for piece in cut if re.search(r"[A-Za-z]{2}", piece)]


def chrome(page: Path) -> str:
    """The text of the page's content area that is not contributor text (elements with ``lang``)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    area = content(soup)
    # An SVG <title> cannot hold an element with its own lang: a map's link title mixes the site's
    # words with contributor text ("X affirme : <statement>"); the maps test checks its words.
    for el in area.select("[lang], script, a.headerlink, svg a > title"):
        el.decompose()
    return text_of(area)


def test_the_english_strings_of_the_catalogue_are_many_and_cover_the_page_chrome() -> None:
    strings = english_strings()
    assert {"Claims made", "Related claims", "Implications that follow", "How to read the highlights",
            "Not fact-checked yet", "Actors affected", "Very likely", "claims"} <= set(strings)


@pytest.mark.parametrize("kind", ["briefs", "claims", "actors", "implications"])
def test_a_french_site_shows_no_english_chrome(french_site: Path, kind: str) -> None:
    pages = sorted(p for p in (french_site / kind).glob("*.html") if p.name != "index.html")
    assert pages
    strings = english_strings()
    patterns = [(s, re.compile(rf"(?<![\w-]){re.escape(s)}(?![\w-])")) for s in strings]
    leaks = []
    for page in pages:
        text = chrome(page)
        assert text, page
        leaks += [f"{page.relative_to(french_site)}: {s!r} in …{text[max(0, m.start() - 40):m.end() + 40]}…"
                  for s, pattern in patterns if (m := pattern.search(text))]
    assert not leaks, "\n".join(leaks)


def test_the_french_chrome_is_there(french_site: Path) -> None:
    soup = BeautifulSoup((french_site / "claims" / "pensioners-cannot-pay.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert soup.html["lang"] == "fr"
    assert text_of(content(soup).select_one(".page-kind")) == "Affirmation"
    headings = [text_of(h).rstrip("¶").strip() for h in content(soup).find_all("h2")]
    assert headings == ["Citation", "Affirmations liées", "Conséquences qui en découlent"]
    words = (french_site / "assets" / "javascripts" / "site-words.js").read_text(encoding="utf-8")
    assert "Ouvrir la page de l\\u2019affirmation" in words


def test_the_maps_of_a_french_site_name_their_links_in_french(french_site: Path) -> None:
    soup = BeautifulSoup((french_site / "briefs" / "harbour-ferries.html").read_text(encoding="utf-8"), "html.parser")
    titles = [t.get_text() for t in soup.select("svg a > title")]
    assert any(" affirme : " in t for t in titles), titles
    assert not any(" claims: " in t or t.startswith(("Claim:", "Speaker:", "Actor:")) for t in titles), titles
    caption = soup.select_one("figure.map figcaption").get_text()
    assert caption.startswith("De gauche à droite"), caption
