"""The site's own words in the site's language, and the direction of every language.

Two languages meet on a page. The *site's* language (``theme.language`` in
``mkdocs.yml``, ``SiteOptions.language``) is the language of its chrome:
headings, labels, badges, the legend, empty-state sentences, dates and
numbers. A *brief's* language (its ``language`` field, default the site's) is
the language of its article and of everything annotated in it: title,
summary, statements, quotes, names; its actors, claims and implications
inherit it. Content in another language than the site's carries ``lang`` (and
``dir`` when its direction differs) on the element that holds it
(:meth:`Words.attrs`), so browsers lay out Arabic right to left inside an
English page and screen readers read Russian with Russian rules.

The chrome comes from gettext catalogues: ``generator/locale/<lang>/LC_MESSAGES/
briefs.po``, one per language, read with Babel at start-up and compiled in
memory (no compiled ``.mo`` file is committed or needed). The message ids are
the English text, so English needs no catalogue. A site language without a
catalogue falls back to English silently (a build warning would fail
``mkdocs build --strict``); ``briefs translations --check`` and the
contributor guide say which languages exist. ``briefs translations`` extracts
every message of the templates and of the Python code and updates the
catalogues (``babel.cfg``).

Python code marks its messages with :func:`N_` (one message) and :func:`NP_`
(a singular and its plural) so that extraction finds them; they are
translated when a page is rendered, in the site's language.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import logging
import re
from pathlib import Path
from typing import Any, Iterable

import langcodes
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

log = logging.getLogger("mkdocs.plugins.briefs")

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "briefs"
SOURCE_LANGUAGE = "en"  # the language of the message ids

# Scripts written right to left (ISO 15924), and languages whose usual script is one of them
# when langcodes cannot tell (a bare tag is maximised first: 'ur' -> 'ur-Arab-PK').
RTL_SCRIPTS = frozenset({
    "Adlm", "Arab", "Aran", "Armi", "Avst", "Cprt", "Hebr", "Hung", "Khar", "Lydi", "Mand", "Mani", "Mend",
    "Nbat", "Nkoo", "Narb", "Orkh", "Palm", "Phli", "Phlp", "Phnx", "Prti", "Rohg", "Samr", "Sarb", "Sogd",
    "Sogo", "Syrc", "Thaa", "Yezi",
})
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku-Arab", "pnb", "ps", "sd", "syr", "ug",
                           "ur", "yi"})


def N_(message: str) -> str:
    """Marks ``message`` for extraction; translated where it is shown (``Words.gettext``)."""
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message with a plural for extraction; ``Words.ngettext`` picks the form."""
    return singular, plural


# Extraction keywords: gettext's usual ones (Babel's defaults) plus the two markers above.
KEYWORDS: dict[str, Any] = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "NP_": (1, 2)}


@functools.lru_cache(maxsize=256)
def direction(language: str) -> str:
    """'rtl' or 'ltr': from the language's script (written, or its likely script)."""
    try:
        tag = langcodes.Language.get(language)
        script = tag.script or tag.maximize().script
    except (ValueError, LookupError):
        script = None
    if script in RTL_SCRIPTS:
        return "rtl"
    if script is None and (language in RTL_LANGUAGES or language.split("-")[0] in RTL_LANGUAGES):
        return "rtl"
    return "ltr"


# --- Words that Python code puts on pages -------------------------------------------------------

# Counted nouns: ``Words.count(n, noun)`` -> '1 claim', '2 claims', '1 500 affirmations'.
COUNTS: dict[str, tuple[str, str]] = {
    "actor": NP_("%(num)s actor", "%(num)s actors"),
    "brief": NP_("%(num)s brief", "%(num)s briefs"),
    "claim": NP_("%(num)s claim", "%(num)s claims"),
    "implication": NP_("%(num)s implication", "%(num)s implications"),
    "forecast": NP_("%(num)s forecast", "%(num)s forecasts"),
    "month": NP_("%(num)s month", "%(num)s months"),
    "more claim": NP_("%(num)s more claim", "%(num)s more claims"),
    "more actor": NP_("%(num)s more actor", "%(num)s more actors"),
    "more item": NP_("%(num)s more item", "%(num)s more items"),
    "resolved implication": NP_("%(num)s resolved implication", "%(num)s resolved implications"),
    "scored forecast": NP_("%(num)s scored forecast", "%(num)s scored forecasts"),
    "result": NP_("%(num)s result", "%(num)s results"),
}

# The enumerated values of the format, as badges and facts show them.
LABELS: dict[str, str] = {
    # actor kinds
    "person": N_("Person"), "organization": N_("Organization"), "government": N_("Government"),
    "state": N_("State"), "armed-group": N_("Armed group"), "coalition": N_("Coalition"), "group": N_("Group"),
    "other": N_("Other"),
    # claim types
    "assertion": N_("Assertion"), "assessment": N_("Assessment"), "prediction": N_("Prediction"),
    "proposal": N_("Proposal"), "commitment": N_("Commitment"), "denial": N_("Denial"),
    # ratings
    "supported": N_("Supported"), "disputed": N_("Disputed"), "unverified": N_("Unverified"),
    "misleading": N_("Misleading"), "false": N_("False"),
    # likelihood
    "almost-certain": N_("Almost certain"), "very-likely": N_("Very likely"), "likely": N_("Likely"),
    "even-chance": N_("Even chance"), "unlikely": N_("Unlikely"), "very-unlikely": N_("Very unlikely"),
    "remote": N_("Remote"),
    # confidence
    "low": N_("Low"), "moderate": N_("Moderate"), "high": N_("High"),
    # horizon
    "immediate": N_("Immediate"), "near-term": N_("Near term"), "long-term": N_("Long term"),
    # outcomes
    "occurred": N_("Occurred"), "partly": N_("Partly"), "did-not-occur": N_("Did not occur"),
    "unresolvable": N_("Unresolvable"),
    # media
    "statement": N_("Statement"), "interview": N_("Interview"), "speech": N_("Speech"), "briefing": N_("Briefing"),
    "press-conference": N_("Press conference"), "post": N_("Post"), "report": N_("Report"), "letter": N_("Letter"),
    "testimony": N_("Testimony"), "document": N_("Document"),
}
# Ratings and states in running text (a speaker chip: "Romanowski · disputed").
STATES: dict[str, str] = {
    "supported": N_("supported"), "disputed": N_("disputed"), "unverified": N_("unverified"),
    "misleading": N_("misleading"), "false": N_("false"), "contradicted": N_("contradicted"),
}
# Headings of the actors index, one per actor kind.
KIND_GROUPS: dict[str, str] = {
    "person": N_("People"), "organization": N_("Organizations"), "government": N_("Governments"),
    "state": N_("States"), "armed-group": N_("Armed groups"), "coalition": N_("Coalitions"), "group": N_("Groups"),
    "other": N_("Other"),
}
# The small header above an entity page's title (overrides/partials/page-kind.html) and a search result's kind.
PAGE_KINDS: dict[str, str] = {
    "brief": N_("Brief"), "actor": N_("Actor"), "claim": N_("Claim"), "implication": N_("Implication"),
    "guide": N_("Guide"),
}
# A listing part's place: "Claims 101–200 of 1,500 · part 2 of 15".
PAGER: dict[str, str] = {
    "briefs": N_("Briefs %(first)s–%(last)s of %(total)s · part %(number)s of %(count)s"),
    "actors": N_("Actors %(first)s–%(last)s of %(total)s · part %(number)s of %(count)s"),
    "claims": N_("Claims %(first)s–%(last)s of %(total)s · part %(number)s of %(count)s"),
    "implications": N_("Implications %(first)s–%(last)s of %(total)s · part %(number)s of %(count)s"),
    "tags": N_("Tags %(first)s–%(last)s of %(total)s · part %(number)s of %(count)s"),
    "entries": N_("Entries %(first)s–%(last)s of %(total)s · part %(number)s of %(count)s"),
}

# The words of the site's scripts (briefs.js, search.js), written to assets/javascripts/site-words.js.
SCRIPT_WORDS: dict[str, str] = {
    "cardLabel": N_("About this highlight"),
    "via": N_("via %(name)s"),
    "rated": N_("Rated %(rating)s"),
    "ratedBy": N_("Rated %(rating)s by %(reviewer)s"),
    "contested": N_("Contested"),
    "relation": N_("%(relation)s:"),
    "andMore": N_("and %(num)s more"),
    "openClaim": N_("Open the claim page"),
    "implication": N_("Implication"),
    "estimate": N_("Likelihood: %(likelihood)s · Confidence: %(confidence)s · Horizon: %(horizon)s"),
    "outcome": N_("Outcome: %(outcome)s, %(date)s"),
    "openImplication": N_("Open the implication page"),
    "example": N_("Example %(num)s (scrolls sideways)"),
    "table": N_("Table %(num)s (scrolls sideways)"),
    "searchTitle": N_("Search (press / or s)"),
    "search": N_("Search"),
    "searchLabel": N_("Search briefs, actors, claims, implications and the guide"),
    "searchPlaceholder": N_("Search briefs, actors, claims…"),
    "closeSearch": N_("Close search"),
    "searchHelp": N_("Type a word or a name in any language. Arrow keys choose a result, Enter opens it,"
                     " Escape closes."),
    "searchResults": N_("Search results"),
    "showMore": N_("Show more results"),
    "searchDialog": N_("Search the site"),
    "unavailable": N_("Search is unavailable: %(error)s"),
    "noResults": N_("No results for “%(query)s”"),
    "partial": N_("matching some of the words of “%(query)s”"),
    "found": N_("for “%(query)s”"),
}
SCRIPT_COUNTS = ("result",)  # plural forms the scripts need: COUNTS keys


# --- Catalogues ---------------------------------------------------------------------------------


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


def available_languages() -> tuple[str, ...]:
    """The languages with a catalogue, as BCP 47 tags, English (the message ids) first."""
    found = sorted(p.parent.parent.name.replace("_", "-") for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANGUAGE, *(tag for tag in found if tag != SOURCE_LANGUAGE))


def catalogue_language(language: str) -> str:
    """The catalogue that serves ``language``: itself, else its language without region or
    script ('fr-CA' -> 'fr'), else English."""
    candidates = [language]
    try:
        tag = langcodes.Language.get(language)
        if tag.language:
            if tag.script:
                candidates.append(f"{tag.language}-{tag.script}")
            candidates.append(tag.language)
    except (ValueError, LookupError):
        pass
    for candidate in candidates:
        if candidate == SOURCE_LANGUAGE or catalogue_path(candidate).is_file():
            return candidate
    return SOURCE_LANGUAGE


_PLURAL_EXPRESSION = re.compile(r"[n0-9\s()<>=!&|?:%+*/-]+")


@functools.lru_cache(maxsize=None)
def plural_expression(language: str) -> str:
    """The C expression of the catalogue's ``Plural-Forms`` (``(n > 1)`` in French): the index of the
    form for ``n``. Only ``n``, numbers and operators: it is also valid JavaScript (``site_words.py``)."""
    found = catalogue_language(language)
    if found == SOURCE_LANGUAGE:
        return "(n != 1)"
    with catalogue_path(found).open("rb") as source:
        expression = read_po(source, locale=found.replace("-", "_"), domain=DOMAIN).plural_expr
    if not _PLURAL_EXPRESSION.fullmatch(expression):
        raise ValueError(f"{catalogue_path(found)}: Plural-Forms 'plural={expression}' is not a plural expression")
    return expression


@functools.lru_cache(maxsize=None)
def translations(language: str) -> NullTranslations:
    """The compiled catalogue for ``language`` (fuzzy entries left out, as gettext does)."""
    found = catalogue_language(language)
    if found == SOURCE_LANGUAGE:
        if language.split("-")[0] != SOURCE_LANGUAGE:
            log.info("briefs: no catalogue for theme.language '%s'; the site's own words are in English"
                     " (see \"The site's language and its translations\" in docs/annotation-format.md)", language)
        return NullTranslations()
    with catalogue_path(found).open("rb") as source:
        catalog = read_po(source, locale=found.replace("-", "_"), domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def _locale(language: str) -> Locale:
    """Babel's locale for dates and numbers; English dates stay day-first ('2 March 2024')."""
    if language == SOURCE_LANGUAGE:
        return Locale("en", "GB")
    try:
        return Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(language.split("-")[0])
        except (UnknownLocaleError, ValueError):
            return Locale("en", "GB")


class Words:
    """The site's words in one language: messages, counts, labels, dates, numbers, and the
    ``lang``/``dir`` attributes of content written in another language."""

    def __init__(self, language: str = SOURCE_LANGUAGE):
        self.language = language
        self.direction = direction(language)
        self.translations = translations(language)
        self.locale = _locale(language)
        # Babel formats a date or a number in ~30 µs; a site shows the same few thousand many times.
        self._dates: dict[dt.date, str] = {}
        self._numbers: dict[int, str] = {}
        self._markup: dict[str, Markup] = {}

    def markup_gettext(self, message: str, **values: Any) -> Markup:
        """The templates' ``_()`` and ``gettext()``: as Jinja's i18n extension does it with autoescape
        (the message is trusted markup, every value is escaped), without its per-call overhead."""
        text = self._markup.get(message)
        if text is None:
            text = self._markup[message] = Markup(self.translations.gettext(message))
        return text % values

    def markup_ngettext(self, singular: str, plural: str, n: int, **values: Any) -> Markup:
        """The templates' ``ngettext()``: ``%(num)s`` is ``n`` unless given."""
        values.setdefault("num", n)
        return Markup(self.translations.ngettext(singular, plural, n)) % values

    def gettext(self, message: str, **values: Any) -> str:
        text = self.translations.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        return self.translations.ngettext(singular, plural, n) % {"num": self.number(n), **values}

    def count(self, n: int, noun: str) -> str:
        """'1 claim', '2 claims', '1,500 claims' (in French: '1 500 affirmations')."""
        return self.ngettext(*COUNTS[noun], n)

    def number(self, n: int) -> str:
        found = self._numbers.get(n)
        if found is None:
            found = self._numbers[n] = format_decimal(n, locale=self.locale)
        return found

    def date(self, value: dt.date) -> str:
        found = self._dates.get(value)
        if found is None:
            found = self._dates[value] = format_date(value, "long", locale=self.locale)
        return found

    def label(self, value: str) -> str:
        """A badge's text: 'very-likely' -> 'Very likely'."""
        message = LABELS.get(value)
        return self.gettext(message) if message else value.replace("-", " ").capitalize()

    def state(self, value: str) -> str:
        message = STATES.get(value)
        return self.gettext(message) if message else value

    def kind_group(self, kind: str) -> str:
        message = KIND_GROUPS.get(kind)
        return self.gettext(message) if message else self.label(kind)

    def page_kind(self, kind: str) -> str:
        return self.gettext(PAGE_KINDS[kind])

    def place(self, paragraph: int | None) -> str:
        """Where a quote is: 'Paragraph 2', or 'Section heading' (``None``)."""
        if paragraph is None:
            return self.gettext(N_("Section heading"))
        return self.gettext(N_("Paragraph %(num)s"), num=self.number(paragraph))

    def _plural_forms(self, message: tuple[str, str]) -> list[str]:
        """The catalogue's forms of a counted message, in the order its plural expression numbers them."""
        rule = getattr(self.translations, "plural", lambda n: int(n != 1))
        forms: dict[int, str] = {}
        for n in range(0, 1000):  # a sample number of every form the rule has
            forms.setdefault(rule(n), self.ngettext(*message, n, num="%(num)s"))
        return [forms[i] for i in sorted(forms)]

    def attrs(self, language: str | None) -> Markup:
        """`` lang="ar" dir="rtl"`` for an element holding content in ``language``; nothing when
        that is the site's language (``None`` means the site's)."""
        if not language or language == self.language:
            return Markup("")
        text = f' lang="{escape(language)}"'
        own = direction(language)
        if own != self.direction:
            text += f' dir="{own}"'
        return Markup(text)

    def content_dir(self, language: str | None) -> str:
        """The direction of content in ``language`` if it differs from the site's, else ''."""
        own = direction(language or self.language)
        return own if own != self.direction else ""

    def script_words(self) -> dict[str, Any]:
        """What ``site-words.js`` holds: the scripts' messages and plural forms, translated."""
        words: dict[str, Any] = {key: self.gettext(message) for key, message in SCRIPT_WORDS.items()}
        # Plural forms, numbered by the catalogue's plural expression (site_words.py writes it as a function).
        words["counts"] = {noun: self._plural_forms(COUNTS[noun]) for noun in SCRIPT_COUNTS}
        words["kinds"] = {kind: self.page_kind(kind) for kind in PAGE_KINDS}
        words["language"] = self.language
        words["dir"] = self.direction
        return words


@functools.lru_cache(maxsize=None)
def words(language: str = SOURCE_LANGUAGE) -> Words:
    return Words(language)


def brief_language(site: Any, brief_id: str) -> str | None:
    """The language of a brief's content as written (``None``: the site's)."""
    return site.briefs[brief_id].doc.language


def actor_language(site: Any, actor_id: str) -> str | None:
    """An actor's names are in the language of the brief that declares it (``briefs/_actors.yml``:
    the site's)."""
    brief = site.actors[actor_id].brief
    return site.briefs[brief].doc.language if brief is not None else None


def missing_translations(language: str, messages: Iterable[str | tuple[str, str]]) -> list[str]:
    """The messages (ids) that ``language``'s catalogue lacks, leaves empty or marks fuzzy."""
    with catalogue_path(language).open("rb") as source:
        catalog = read_po(source, locale=language.replace("-", "_"), domain=DOMAIN)
    missing = []
    for message in messages:
        entry = catalog.get(message)
        strings = entry.string if entry is not None else None
        if entry is None or entry.fuzzy or not strings or (isinstance(strings, tuple) and not all(strings)):
            missing.append(message if isinstance(message, str) else message[0])
    return missing
