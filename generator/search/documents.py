"""What the search index holds: one search document per thing a reader looks for.

- a **brief**: its title (weighted highest), summary and tags; and one document
  per paragraph (or section heading) of its article, whose result jumps to that
  paragraph (``#p-N``) and whose snippet is that paragraph;
- an **actor**: name and aliases (weighted like a title), role, description;
- a **claim**: statement, quote, and the names of who makes it (lightly);
- an **implication**: statement and quote;
- a **guide** section: each ``##``/``###`` section of the hand-written pages in
  ``docs/``, ranked below the entity pages. A page whose front matter says
  ``search: {exclude: true}`` (the convention of Material for MkDocs and
  Zensical) is left out: developer documentation such as ``docs/security.md``
  is not in the reader's search.

The listing pages (home, indexes, timeline, tags) are not indexed: everything
they show is already indexed where it comes from.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator

import markdown
from mkdocs.utils.meta import get_data

from .. import link
from ..i18n import N_, words as site_words
from ..link import Site

# What a result says it is (the reader sees the label).
KINDS = {"brief": "Brief", "actor": "Actor", "claim": "Claim", "implication": "Implication", "guide": "Guide"}
# The guide explains the format; a reader searching a name wants the entity first.
KIND_BOOST = {"brief": 1.0, "actor": 1.0, "claim": 1.0, "implication": 1.0, "guide": 0.5}
MAX_TEXT = 1_200  # characters of a document kept for its snippet (a paragraph or guide section can be long)

TITLE, NAME, ALIAS, STATEMENT, SUMMARY, QUOTE, BODY, MINOR = 8.0, 8.0, 6.0, 5.0, 2.0, 2.0, 1.0, 0.5


def _snippet_source(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT].rsplit(" ", 1)[0] + " \u2026"


@dataclass(frozen=True)
class SearchDoc:
    """One search result: what it is, where it leads, what its snippet shows, what is indexed."""

    kind: str  # a key of KINDS
    title: str
    url: str  # relative to the site root, e.g. "briefs/x.html#p-3"
    text: str  # the snippet's source
    context: str  # a short line under the title: "Paragraph 3", "by Ana Ruiz · Harbour brief"
    fields: tuple[tuple[str, float], ...]  # (text, weight) pairs that are indexed
    language: str  # BCP 47 tag: picks the stemmer


def _html(page: link.Page, anchor: str = "") -> str:
    return page.html + (f"#{anchor}" if anchor else "")


def entity_documents(site: Site, default_language: str) -> Iterator[SearchDoc]:
    """The documents of every brief (with its paragraphs, claims and implications), then every actor."""
    words = site_words(default_language)  # the chrome of a result (its context line) is in the site's language
    actor_language: dict[str, str] = {}
    for brief in site.corpus.briefs:
        language = brief.doc.language or default_language
        for actor in brief.doc.declared_actors:
            actor_language[actor.id] = language
        page = link.brief_page(brief.id)
        doc = brief.doc
        yield SearchDoc(
            "brief", doc.title, _html(page), _snippet_source(doc.summary), brief.date.isoformat(),
            ((doc.title, TITLE), (doc.summary, SUMMARY), (" ".join(doc.tags), SUMMARY),
             (doc.source.publisher if doc.source and doc.source.publisher else "", MINOR)),
            language,
        )
        paragraph = 0
        for number, block in enumerate(brief.seed.blocks, start=1):
            if block.kind == "paragraph":
                paragraph += 1
                where = words.place(paragraph)
            else:
                where = words.place(None)
            yield SearchDoc("brief", doc.title, _html(page, f"p-{number}"), _snippet_source(block.text), where,
                            ((block.text, BODY if block.kind == "paragraph" else STATEMENT / 2),), language)
        for claim_id in site.brief_links[brief.id].claims:
            claim = site.claims[claim_id].claim
            speakers = ", ".join(site.actors[a].actor.name for a in claim.by)
            yield SearchDoc(
                "claim", claim.statement, _html(link.claim_page(claim_id)), _snippet_source(claim.quote),
                words.gettext(N_("by %(speakers)s · %(title)s"), speakers=speakers, title=doc.title),
                ((claim.statement, STATEMENT), (claim.quote, QUOTE), (speakers, MINOR)),
                language,
            )
        for imp_id in site.brief_links[brief.id].implications:
            imp = site.implications[imp_id].implication
            yield SearchDoc(
                "implication", imp.statement, _html(link.implication_page(imp_id)), _snippet_source(imp.quote or ""),
                f"{words.label(imp.likelihood)} · {doc.title}",
                ((imp.statement, STATEMENT), (imp.quote or "", QUOTE)),
                language,
            )
    for actor_id, record in site.actors.items():
        actor = record.actor
        about = " ".join(part for part in (actor.role, actor.description) if part)
        yield SearchDoc(
            "actor", actor.name, _html(link.actor_page(actor_id)), _snippet_source(about or ", ".join(actor.aliases)),
            words.label(actor.kind),
            ((actor.name, NAME), (" ".join(actor.aliases), ALIAS), (actor.role or "", SUMMARY),
             (actor.description or "", BODY)),
            actor_language.get(actor_id, default_language),
        )


# --- hand-written pages ---------------------------------------------------------------------

_HEADING = re.compile(r'<h([1-3])(?: id="([^"]*)")?[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def guide_documents(docs_dir: Path | None, language: str,
                    cache: dict[tuple[str, str, str], list[SearchDoc]] | None = None) -> Iterator[SearchDoc]:
    """One document per section (``#``, ``##``, ``###``) of every Markdown page under ``docs_dir``.

    ``cache`` (``mkdocs serve``) keeps each page's documents by its text: a page is converted
    again only when it changes."""
    if docs_dir is None or not docs_dir.is_dir():
        return
    kept: dict[tuple[str, str, str], list[SearchDoc]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        key = (rel, path.read_text(encoding="utf-8-sig"), language)
        found = cache.get(key) if cache is not None else None
        if found is None:
            found = list(_page_documents(rel, key[1], language))
        kept[key] = found
        yield from found
    if cache is not None:
        cache.clear()
        cache.update(kept)


def _page_documents(rel: str, text: str, language: str) -> Iterator[SearchDoc]:
    body, meta = get_data(text)
    search = meta.get("search") if isinstance(meta, dict) else None
    if isinstance(search, dict) and search.get("exclude"):
        return
    converter = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list", "admonition"])
    rendered = converter.convert(body)
    page = link.Page(rel)
    page_title = str(meta.get("title") or "") if isinstance(meta, dict) else ""
    sections: list[tuple[str, str, str]] = []  # (anchor, heading, html)
    position, anchor, heading = 0, "", ""
    for match in _HEADING.finditer(rendered):
        sections.append((anchor, heading, rendered[position : match.start()]))
        anchor, heading = match.group(2) or "", _text(match.group(3))
        if match.group(1) == "1" and not page_title:
            page_title = heading
        position = match.end()
    sections.append((anchor, heading, rendered[position:]))
    page_title = page_title or PurePosixPath(rel).stem.replace("-", " ").capitalize()
    for anchor, heading, fragment in sections:
        section = _text(fragment)
        if not section and not heading:
            continue
        title = heading or page_title
        yield SearchDoc("guide", title, _html(page, anchor), _snippet_source(section),
                        page_title if title != page_title else "",
                        ((title, STATEMENT), (section, BODY)), language)
