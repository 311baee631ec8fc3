"""The listing pages (indexes of claims, implications, actors, tags; the timeline), split into parts.

An emitter: ``emit(site, options)`` yields every part of every listing. Each
listing is its entries in reading order (``paginate``), rendered by its own
template; every part shows at most ``PER_PART`` items, links to its neighbours
and to the listing's first page, which lists all the parts. So a listing page
stays the same size however large the corpus grows (see README, "Scale").

Markup is regular for scripts that filter a listing in the browser: one
``<li class="listing-item">`` per entity, its facts in ``data-*`` attributes.
"""

from __future__ import annotations

from typing import Callable, Iterator, Sequence

from . import link
from .link import Page, Site
from .maps.timeline import timeline_chart
from .outputs import SiteOptions
from .paginate import Part, paginate
from .render import PageRenderer, RenderedPage

PER_PART = 100  # items per listing page; see tests/test_listings.py for the size budget this gives
ACTOR_KINDS = ("person", "government", "state", "organization", "armed-group", "coalition", "group", "other")


def emit(site: Site, options: SiteOptions) -> Iterator[RenderedPage]:
    render = PageRenderer(site, options)
    human_date = render.words.date
    yield from _listing(render, "timeline.md.j2", link.TIMELINE, "briefs",
                        [(str(site.briefs[b].date.year), b) for b in site.timeline],
                        lambda b: human_date(site.briefs[b].date), chart=timeline_chart(render.site, PER_PART))
    yield from _listing(render, "actors_index.md.j2", link.ACTORS_INDEX, "actors", _actor_entries(site),
                        lambda a: site.actors[a].actor.name)
    yield from _listing(render, "claims_index.md.j2", link.CLAIMS_INDEX, "claims",
                        [(b, c) for b in site.timeline for c in site.brief_links[b].claims],
                        lambda c: human_date(site.briefs[site.claims[c].brief].date))
    yield from _listing(render, "implications_index.md.j2", link.IMPLICATIONS_INDEX, "implications",
                        [(b, i) for b in site.timeline for i in site.brief_links[b].implications],
                        lambda i: human_date(site.briefs[site.implications[i].brief].date))
    yield from _listing(render, "tags.md.j2", link.TAGS, "tags", [("", tag) for tag in site.tags],
                        lambda t: f"#{t}")
    for tag, brief_ids in site.tags.items():
        yield from _listing(render, "tag.md.j2", link.tag_page(tag), "briefs",
                            [(str(site.briefs[b].date.year), b) for b in brief_ids],
                            lambda b: human_date(site.briefs[b].date), tag=tag)


def _actor_entries(site: Site) -> list[tuple[str, str]]:
    """Actors grouped by kind (in ``ACTOR_KINDS`` order), then by name."""
    order = {kind: n for n, kind in enumerate(ACTOR_KINDS)}
    records = sorted(site.actors.values(), key=lambda r: (order.get(r.actor.kind, len(order)), r.actor.name, r.id))
    return [(r.actor.kind, r.id) for r in records]


def _listing(render: PageRenderer, template: str, first: Page, noun: str, entries: Sequence[tuple[str, str]],
             label: Callable[[str], str], **context: object) -> Iterator[RenderedPage]:
    parts = paginate(first, entries, PER_PART)
    ranges = tuple(_range(label, part) for part in parts)
    for part in parts:
        # What the page shows besides the entities it reads: its items, its neighbours and,
        # on the first page, the list of parts.
        inputs = (template, part, ranges if part.number == 1 else None, tuple(sorted(context.items())))
        yield render.page(part.page, lambda part=part: render(
            template, part.page, part=part, parts=parts, ranges=ranges, noun=noun, first_page=first, **context),
            inputs)


def _range(label: Callable[[str], str], part: Part) -> str:
    """What a part holds, for the list of parts: '3 March 2024 – 1 March 2024', 'Aziz – Bello'."""
    items = part.items
    if not items:
        return ""
    start, end = label(items[0]), label(items[-1])
    return start if start == end else f"{start} – {end}"
