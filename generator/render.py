"""Render the site graph into Markdown pages with Jinja templates.

One template per page kind (``templates/*.md.j2``). Pages are Markdown with
front matter and raw HTML blocks. Escaping is the templates' job: the
environment autoescapes every value for HTML, and the ``md`` filter escapes
text that lands in a Markdown context (the page heading). No contributor
string is ever concatenated into markup in Python.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator

import jinja2
from mkdocs.utils.meta import get_data
from markupsafe import Markup, escape

from . import i18n, link
from .cards import brief_card_data
from .corpus import BriefRecord
from .forecasts.due import Forecast, as_of as forecast_day, forecasts
from .headline import cut, headline
from .licenses import license_name_and_url
from .maps.diagram import actor_map, brief_map
from .marks import mark
from .relations import actor_relations, claim_status
from .speakers import short_label, speaker_index
from .highlight import Segment, Span, first_mentions, segment_block
from .incremental import Reads
from .link import Page, Site
from .opendata import fragments, jsonld

if TYPE_CHECKING:
    from .outputs import SiteOptions

_MD_ESCAPABLE = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


# The id of every generated page's <h1>, set rather than derived from the heading's text:
# a slug of contributor text could equal another id of the page (claim-x, p-1, __search).
PAGE_TITLE_ID = "page-title"
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def front_matter_problem(page: "RenderedPage") -> str | None:
    """Why MkDocs would not read ``page``'s front matter back as written, or None.

    MkDocs (``mkdocs.utils.meta.get_data``, PyYAML's safe loader) shows a front
    matter it cannot parse as page text, Markdown and all: a ``javascript:``
    link or an attr_list ``onmouseover`` in a title would come alive. What was
    meant is known exactly: each value is plain text or a ``yaml_string``, which
    is JSON. The text policy keeps unreadable titles out; this check makes sure
    that nothing it missed is ever published that way.
    """
    block = _FRONT_MATTER.match(page.text)
    if block is None:
        return f"{page.path}: no front matter"
    meant: dict[str, str] = {}
    for line in block.group(1).split("\n"):
        key, _, value = line.partition(": ")
        meant[key] = json.loads(value) if value.startswith('"') else value
    _, read = get_data(page.text)
    if read != meant:
        return f"{page.path}: its front matter reads back as {read!r}, not {meant!r}"
    return None


@dataclass(frozen=True)
class RenderedPage:
    path: str  # Markdown path relative to the docs folder, e.g. "actors/isis.md"
    text: str
    source: str | None = None  # the YAML file that defines the page (for "edit" links)


def md_inline(value: Any) -> Markup:
    """Escape text for a Markdown inline context: Markdown syntax first, then HTML
    (in that order, so entities such as ``&#x27;`` are never broken by a backslash).

    Whitespace (including line and paragraph separators) collapses to single
    spaces so the text cannot start a new block.
    """
    text = " ".join(str(value).split())
    return Markup(html.escape(_MD_ESCAPABLE.sub(r"\\\1", text), quote=True))


def text_in(attrs: Markup, text: Any) -> Markup:
    """``text`` (escaped) in a ``<span>`` with ``attrs`` (``Words.attrs``: its lang and dir), or bare
    when there are none (text in the site's language)."""
    return Markup("<span%s>%s</span>") % (attrs, text) if attrs else escape(text)


def yaml_string(value: Any) -> Markup:
    """A YAML double-quoted scalar for front matter.

    Not ``tojson``: it writes characters outside the BMP as surrogate pairs
    (``\\ud83d\\ude00``), which YAML cannot read, and MkDocs would then show the
    whole front matter as page text. Line and paragraph separators are escaped
    because YAML would fold them.
    """
    text = json.dumps(str(value), ensure_ascii=False)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\u0085", "\\u0085")
    return Markup(text)


def count(n: int, word: str) -> str:
    """'1 claim', '2 claims', '1,500 claims' (in English; ``Words.count`` in the site's language)."""
    return i18n.words().count(n, word)


def thousands(n: int) -> str:
    """'1,500'."""
    return i18n.words().number(n)


def human_date(value: dt.date) -> str:
    """'2 March 2024' (in English; ``Words.date`` in the site's language)."""
    return i18n.words().date(value)


# How the environment reads templates, shared with the catalogue's extraction (``translations.py``).
TEMPLATE_OPTIONS: dict[str, Any] = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}


@functools.lru_cache(maxsize=None)
def environment(language: str = i18n.SOURCE_LANGUAGE) -> jinja2.Environment:
    """The templates' environment for a site in ``language``: its catalogue installed
    (``{% trans %}``, ``_()``, ``ngettext()``), dates, numbers and labels in its locale."""
    words = i18n.words(language)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,  # every value is HTML-escaped unless a template says otherwise
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # templates are package files: no stat() per page to see if they changed
        extensions=["jinja2.ext.i18n"],
        **TEMPLATE_OPTIONS,
    )
    env.policies["ext.i18n.trimmed"] = True  # a message's line breaks and indentation are not part of it
    env.install_gettext_translations(words.translations, newstyle=True)  # type: ignore[attr-defined]
    # The same semantics as the extension's newstyle callables (trusted message, escaped values), a
    # third of the time per call: a page makes dozens of these calls.
    env.globals.update(_=words.markup_gettext, gettext=words.markup_gettext, ngettext=words.markup_ngettext)
    env.filters["md"] = md_inline
    env.filters["human_date"] = words.date
    env.filters["yaml_string"] = yaml_string
    env.filters["count"] = words.count
    env.filters["thousands"] = words.number
    env.filters["label"] = words.label
    env.filters["state"] = words.state
    env.filters["kind_group"] = words.kind_group
    env.filters["page_kind"] = words.page_kind
    env.filters["groupby_year"] = _group_by_year
    env.filters["headline"] = headline
    env.filters["clip"] = lambda text: cut(" ".join(str(text).split()), DESCRIPTION_MAX)
    env.filters["license"] = license_name_and_url
    env.globals.update(
        words=words,
        lang_attrs=words.attrs,
        brief_language=i18n.brief_language,
        actor_language=i18n.actor_language,
        # Python, not macros: they run for nearly every link of every page.
        brief_lang=lambda site, brief_id: words.attrs(i18n.brief_language(site, brief_id)),
        actor_lang=lambda site, actor_id: words.attrs(i18n.actor_language(site, actor_id)),
        text_in=text_in,
        time_element=lambda date: Markup('<time datetime="%s">%s</time>') % (date.isoformat(), words.date(date)),
        PAGER=i18n.PAGER,
        PAGE_TITLE_ID=PAGE_TITLE_ID,
        brief_page=link.brief_page,
        actor_page=link.actor_page,
        claim_page=link.claim_page,
        implication_page=link.implication_page,
        quote_anchor=link.quote_anchor,
        tag_page=link.tag_page,
        HOME=link.HOME,
        ACTORS_INDEX=link.ACTORS_INDEX,
        CLAIMS_INDEX=link.CLAIMS_INDEX,
        IMPLICATIONS_INDEX=link.IMPLICATIONS_INDEX,
        TIMELINE=link.TIMELINE,
        TAGS=link.TAGS,
        LATEST_BRIEFS=link.LATEST_BRIEFS,
        HOW_TO_READ=HOW_TO_READ,
        TRACK_RECORD=TRACK_RECORD,
        CONTESTED=CONTESTED,
        claim_status=None,  # bound to the site per page (render_site)
        short_label=short_label,
        speaker_index=speaker_index,
    )
    return env


def _group_by_year(brief_ids: tuple[str, ...], site: Site) -> list[tuple[int, list[str]]]:
    groups: dict[int, list[str]] = {}
    for brief_id in brief_ids:
        groups.setdefault(site.briefs[brief_id].date.year, []).append(brief_id)
    return list(groups.items())


DESCRIPTION_MAX = 200  # characters of a page's meta description
HOW_TO_READ = Page("how-to-read.md")  # docs/how-to-read.md: every badge links to its definition there
TRACK_RECORD = Page("track-record.md")  # written by generator/forecasts/page.py
CONTESTED = Page("contested.md")  # written by generator/maps/contested.py
_ENV = environment(i18n.SOURCE_LANGUAGE)  # English (the message ids); the same object PageRenderer uses for "en"


# Fragments that are the same wherever they appear on pages of one folder (a claim's
# list item, an actor's link...): rendered once per folder, then reused.
_MEMOIZED = frozenset({"actor_link", "claim_link", "implication_link", "brief_link", "claim_item",
                       "implication_item", "brief_item", "badge", "actor_names"})


class _Fragments:
    """The macros of ``_macros.j2`` bound to one folder of the site, memoized.

    Relative links depend only on the folder a page is in, so a fragment
    rendered for ``claims/a.md`` is valid for every page under ``claims/``.
    This keeps generation linear in the corpus with a small constant. With
    ``reads`` (an incremental build), a fragment remembers what it read of the
    site, and every page that reuses it counts those reads as its own.
    """

    def __init__(self, site: Any, folder: str, reads: Reads | None = None, env: jinja2.Environment = _ENV):
        here = Page(f"{folder}/_.md" if folder else "_.md")
        self._module = env.get_template("_macros.j2").make_module({"here": here, "site": site})
        self._memo: dict[tuple[Any, ...], Any] = {}
        self._reads = reads

    def __getattr__(self, name: str) -> Any:
        macro = getattr(self._module, name)
        if name not in _MEMOIZED:
            return macro
        memo, reads = self._memo, self._reads

        def memoized(*args: Any) -> Any:
            key = (name, *args)
            if key not in memo:
                memo[key] = reads.record(lambda: macro(*args)) if reads else (macro(*args), None)
            elif reads:
                reads.replay(memo[key][1])
            return memo[key][0]

        return memoized


class PageRenderer:
    """Renders pages of one site: ``renderer(template, page, source, **context)``.

    Every template sees ``site``, ``site_name``, ``download_url``, ``here`` (the
    page being rendered) and ``m`` (the shared macros bound to its folder).
    With ``options.memo`` (``mkdocs serve``), ``page`` reuses a page rendered by
    an earlier build when nothing it read has changed (``incremental.py``);
    ``self.site`` is then the tracked view that page jobs must read from.
    """

    def __init__(self, site: Site, options: "SiteOptions | None" = None, *, site_name: str | None = None,
                 download_url: str | None = None):
        self._session = options.memo.session(site) if options is not None and options.memo is not None else None
        self.site: Any = self._session.site if self._session else site
        self.language = options.language if options is not None else i18n.SOURCE_LANGUAGE
        self.words = i18n.words(self.language)
        self._env = environment(self.language)
        self.common = {
            "site": self.site,
            "site_name": site_name if site_name is not None else (options.site_name if options else "Briefs"),
            "download_url": download_url if download_url is not None else (options.download_url if options else None),
            "claim_status": lambda claim_id: claim_status(self.site, claim_id),
        }
        self.site_url = options.site_url if options is not None else None  # absolute URLs in JSON-LD
        self._fragments: dict[str, _Fragments] = {}

    def __call__(self, template: str, page: Page, source: str | None = None, **context: Any) -> RenderedPage:
        folder = posixpath.dirname(page.path)
        if folder not in self._fragments:
            self._fragments[folder] = _Fragments(self.site, folder, self._session.reads if self._session else None,
                                                 self._env)
        text = self._env.get_template(template).render(here=page, m=self._fragments[folder], **self.common, **context)
        return RenderedPage(page.path, text, source)

    def page(self, page: Page, job: Callable[[], RenderedPage], inputs: Any = ()) -> RenderedPage:
        """``job()`` -- which renders ``page`` from ``self.site`` and ``inputs`` -- or, in an
        incremental build, the page it gave last time if ``inputs`` and every read are unchanged."""
        if self._session is None:
            return job()
        return self._session.get(("page", page.path), (self.common["site_name"], self.common["download_url"],
                                                      self.site_url, self.language, inputs), job)


def render_site(site: Site, options: "SiteOptions | None" = None, *, site_name: str | None = None,
                download_url: str | None = None) -> Iterator[RenderedPage]:
    """The home page and every entity page, in a stable order (listings: ``listings.py``)."""
    render = PageRenderer(site, options, site_name=site_name, download_url=download_url)
    s = render.site  # what page jobs read from (tracked in an incremental build)
    yield render.page(link.HOME, lambda: render("home.md.j2", link.HOME,
                                                jsonld=jsonld.home_page(render.common["site_name"], render.site_url)))
    for brief in site.corpus.briefs:
        yield render.page(link.brief_page(brief.id), lambda b=brief.id: _brief(render, s, b))
    ties = actor_relations(site)  # whole-site rankings: each actor page gets its own as an input
    for actor_id in site.actors:
        yield render.page(link.actor_page(actor_id), lambda a=actor_id: _actor(render, s, a, ties[a]), ties[actor_id])
    for claim_id in site.claims:
        yield render.page(link.claim_page(claim_id), lambda c=claim_id: _claim(render, s, c))
    # Whether an implication is due depends on the build's "today" (forecasts/due.py): an input of its page.
    outlook = forecasts(site.corpus, forecast_day(site.corpus, options.as_of if options is not None else None))
    for imp_id in site.implications:
        yield render.page(link.implication_page(imp_id), lambda i=imp_id: _implication(render, s, i, outlook[i]),
                          outlook[imp_id])


def _brief(render: PageRenderer, site: Any, brief_id: str) -> RenderedPage:
    brief = site.briefs[brief_id]
    page = link.brief_page(brief_id)
    words = render.words
    return render("brief.md.j2", page, brief.path, jsonld=jsonld.brief_page(site, brief_id, render.site_url),
                  brief=brief, links=site.brief_links[brief_id], cards=brief_card_data(site, brief_id, page, words),
                  speakers=list(dict.fromkeys(a for c in site.brief_links[brief_id].claims
                                              for a in site.claims[c].claim.by)),
                  article=[(block, [mark(site, seg, words) for seg in block.segments])
                           for block in article_blocks(site, brief)],
                  map=brief_map(site, brief_id))


def _actor(render: PageRenderer, site: Any, actor_id: str, rel: Any) -> RenderedPage:
    record = site.actors[actor_id]
    return render("actor.md.j2", link.actor_page(actor_id), record.path,
                  record=record, actor=record.actor, links=site.actor_links[actor_id], rel=rel,
                  jsonld=jsonld.actor_page(site, actor_id, render.site_url),
                  map=actor_map(site, actor_id, rel.related))


def _claim(render: PageRenderer, site: Any, claim_id: str) -> RenderedPage:
    record = site.claims[claim_id]
    brief = site.briefs[record.brief]
    return render("claim.md.j2", link.claim_page(claim_id), record.path,
                  record=record, claim=record.claim, brief=brief, links=site.claim_links[claim_id],
                  jsonld=jsonld.claim_page(site, claim_id, render.site_url),
                  context=quote_context(brief, record.anchor, "claim", claim_id, render.words),
                  evidence=[quote_context(brief, a, "evidence", claim_id, render.words) if a else None
                            for a in record.evidence_anchors])


def _implication(render: PageRenderer, site: Any, imp_id: str, forecast: Forecast) -> RenderedPage:
    record = site.implications[imp_id]
    brief = site.briefs[record.brief]
    context = quote_context(brief, record.anchor, "implication", imp_id, render.words) if record.anchor else None
    return render("implication.md.j2", link.implication_page(imp_id), record.path,
                  record=record, implication=record.implication, brief=brief, context=context, forecast=forecast,
                  jsonld=jsonld.implication_page(site, imp_id, render.site_url))


@dataclass(frozen=True)
class ArticleBlock:
    kind: str  # "heading" | "paragraph"
    number: int  # 1-based position in the article, for the paragraph's id
    segments: tuple[Segment, ...]


def article_blocks(site: Site, brief: BriefRecord) -> list[ArticleBlock]:
    """The seed's blocks cut into segments: claim and implication quotes, first actor mentions."""
    links = site.brief_links[brief.id]
    quotes: dict[int, list[Span]] = {}
    for claim_id in links.claims:
        a = site.claims[claim_id].anchor
        quotes.setdefault(a.block, []).append(Span("claim", claim_id, a.start, a.end))
    for imp_id in links.implications:
        a = site.implications[imp_id].anchor
        if a is not None:
            quotes.setdefault(a.block, []).append(Span("implication", imp_id, a.start, a.end))
    names = {
        actor_id: (site.actors[actor_id].actor.name, *site.actors[actor_id].actor.aliases)
        for actor_id in links.actors
    }
    texts = [b.text for b in brief.seed.blocks]
    taken = {block: [(s.start, s.end) for s in spans] for block, spans in quotes.items()}
    mentions = first_mentions(texts, names, taken)
    return [
        ArticleBlock(block.kind, n + 1, tuple(segment_block(block.text, quotes.get(n, []) + mentions.get(n, []))))
        for n, block in enumerate(brief.seed.blocks)
    ]


@dataclass(frozen=True)
class QuoteContext:
    """A quote shown inside its paragraph, with the paragraph's place in the article."""

    before: str
    quote: str
    after: str
    place: str  # "Paragraph 2" (headings not counted) or "Section heading"
    anchor_id: str  # where on the brief page the quote is highlighted
    original: str | None = None  # the source article opened at the quote (opendata/fragments.py)


def quote_context(brief: BriefRecord, anchor: Any, kind: str, owner_id: str,
                  words: i18n.Words | None = None) -> QuoteContext:
    words = words or i18n.words()
    blocks = brief.seed.blocks
    text = blocks[anchor.block].text
    anchor_id = link.quote_anchor(owner_id) if kind == "claim" else f"p-{anchor.block + 1}"
    if blocks[anchor.block].kind == "heading":
        place = words.place(None)
    else:
        place = words.place(sum(1 for b in blocks[: anchor.block + 1] if b.kind == 'paragraph'))
    source = brief.doc.source
    return QuoteContext(text[: anchor.start], text[anchor.start : anchor.end], text[anchor.end :],
                        place, anchor_id, fragments.original_link(source.url if source else None, brief.seed, anchor))
