"""Maintaining the catalogues of the site's words: ``briefs translations``.

Extraction reads every message of the page templates (``{% trans %}``,
``_()``, ``ngettext()``) and of the Python code (``N_()``, ``NP_()``, see
``i18n.py``) — the same rules as ``babel.cfg`` for ``pybabel extract`` — into
one template catalogue. Updating merges it into every
``generator/locale/<lang>/LC_MESSAGES/briefs.po``: new messages arrive
untranslated, changed ones fuzzy (gettext's rules), gone ones are dropped. A
translator then fills in every empty or fuzzy entry; ``--check`` (and
``tests/test_i18n.py``) lists those left.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from .i18n import DOMAIN, KEYWORDS, LOCALE_DIR, available_languages, catalogue_path, missing_translations

PACKAGE = Path(__file__).resolve().parent
# What is extracted, relative to the package (babel.cfg says the same for pybabel).
METHODS = [("templates/new_brief.yml.j2", "ignore"), ("templates/**.j2", "jinja2"), ("**.py", "python")]
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true", "trim_blocks": "true",
                 "lstrip_blocks": "true", "keep_trailing_newline": "true"}
HEADER = "The site's own words (page chrome) of briefs"


def extract() -> Catalog:
    """Every message the site's pages and scripts show, with where it is used."""
    catalog = Catalog(domain=DOMAIN, project="briefs", header_comment=f"# {HEADER}.", fuzzy=False)
    found = extract_from_dir(str(PACKAGE), METHODS, {"templates/**.j2": JINJA_OPTIONS}, KEYWORDS,
                             comment_tags=("Translators:",), strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(f"generator/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def messages(catalog: Catalog | None = None) -> list[str | tuple[str, str]]:
    """The message ids of ``catalog`` (default: extracted now), plural ones as (singular, plural)."""
    catalog = catalog if catalog is not None else extract()
    return [m.id for m in catalog if m.id]


def update(language: str, template: Catalog | None = None) -> Path:
    """Merge the extracted messages into ``language``'s catalogue (created when new)."""
    template = template if template is not None else extract()
    path = catalogue_path(language)
    if path.is_file():
        with path.open("rb") as source:
            catalog = read_po(source, locale=language.replace("-", "_"), domain=DOMAIN)
    else:
        catalog = Catalog(locale=language.replace("-", "_"), domain=DOMAIN, project="briefs",
                          header_comment=f"# {HEADER}, in {language}.", fuzzy=False)
    catalog.update(template, update_header_comment=False)
    catalog.obsolete.clear()
    write(catalog, path)
    return path


def write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    # No creation dates or line numbers: the file changes only when a message does.
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False,
             ignore_obsolete=True)
    text = buffer.getvalue().decode("utf-8")
    text = "\n".join(line for line in text.split("\n")
                     if not line.startswith(('"POT-Creation-Date:', '"PO-Revision-Date:')))
    path.write_text(text, encoding="utf-8")


def check() -> dict[str, list[str]]:
    """Per language with a catalogue, the messages it lacks or leaves fuzzy."""
    wanted = messages()
    return {language: missing_translations(language, wanted)
            for language in available_languages() if language != "en"}


def locale_dir() -> Path:
    return LOCALE_DIR
