"""Atom feeds (RFC 4287): ``feed.xml``, the latest ``FEED_MAX`` briefs, and
``feeds/<tag>.xml``, the latest ``FEED_MAX`` briefs with that tag.

Each entry: the brief's title, summary, date (``published`` and ``updated``: the
brief's date at midnight UTC), link to its page and its tags as categories. The
feed's ``updated`` is its newest entry's: a feed changes only with the corpus,
never with the clock. Written with ``xml.etree`` (text escaped as XML).

Atom wants IRIs: with ``site_url`` links are absolute and ids are the pages'
addresses; without it, links are relative to the feed (a feed reader resolves
them against the feed's own address, RFC 4287 §2 / xml:base) and ids are
``urn:uuid:`` names derived from the brief ids (stable across builds).
"""

from __future__ import annotations

import uuid
from typing import Any, Iterable, Iterator
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from .. import link
from ..outputs import SiteFile

FEED_PATH = "feed.xml"
FEED_MAX = 50  # entries per feed: the latest briefs (a feed is for news, the dataset has every brief)
ATOM = "http://www.w3.org/2005/Atom"
_NAMESPACE = uuid.UUID("5b6f9a0e-2a43-4d0b-9f0c-6b1d1a3c7e21")  # for urn:uuid ids without site_url


def tag_feed_path(tag: str) -> str:
    return f"feeds/{tag}.xml"


def emit(site: Any, site_name: str, site_url: str | None) -> Iterator[SiteFile]:
    yield SiteFile(FEED_PATH, feed(site, site.timeline[:FEED_MAX], FEED_PATH, site_name, site_name, site_url))
    for tag, brief_ids in site.tags.items():
        yield SiteFile(tag_feed_path(tag), feed(site, brief_ids[:FEED_MAX], tag_feed_path(tag),
                                                f"{site_name}: #{tag}", site_name, site_url))


def _href(feed_path: str, target: str, site_url: str | None) -> str:
    if site_url:
        return urljoin(site_url.rstrip("/") + "/", target)
    return link._relative(feed_path.rpartition("/")[0], target)


def _id(name: str, target: str, site_url: str | None) -> str:
    return urljoin(site_url.rstrip("/") + "/", target) if site_url else uuid.uuid5(_NAMESPACE, name).urn


def feed(site: Any, brief_ids: Iterable[str], path: str, title: str, site_name: str, site_url: str | None) -> bytes:
    brief_ids = list(brief_ids)
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")

    def sub(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
        if text is not None:
            element.text = text
        return element

    sub(root, "title", title)
    sub(root, "id", _id(f"feed:{path}", path, site_url))
    newest = site.briefs[brief_ids[0]].date if brief_ids else None
    sub(root, "updated", f"{newest.isoformat()}T00:00:00Z" if newest else "1970-01-01T00:00:00Z")
    sub(root, "link", rel="self", type="application/atom+xml", href=_href(path, path, site_url))
    sub(root, "link", rel="alternate", type="text/html", href=_href(path, link.HOME.html, site_url))
    author = sub(root, "author")
    sub(author, "name", site_name)
    for brief_id in brief_ids:
        brief = site.briefs[brief_id]
        page = link.brief_page(brief_id).html
        entry = sub(root, "entry")
        sub(entry, "title", brief.title)
        sub(entry, "id", _id(f"brief:{brief_id}", page, site_url))
        stamp = f"{brief.date.isoformat()}T00:00:00Z"
        sub(entry, "published", stamp)
        sub(entry, "updated", stamp)
        sub(entry, "link", rel="alternate", type="text/html", href=_href(path, page, site_url))
        sub(entry, "summary", brief.doc.summary, type="text")
        for tag in brief.doc.tags:
            sub(entry, "category", term=tag)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
