"""The open data capability's entry point (``pipeline.EMITTERS``): the Atom feeds, the
dataset (JSON, its schema, CSV), the W3C Web Annotations and the Data page.

The JSON-LD of each page and the "Read in the original" links are rendered with
the pages themselves (``render.py`` asks ``jsonld`` and ``fragments``): they
belong to one page each. Nothing here is embedded in the pages: every file is
a download of its own, so no page grows with the corpus.

``files`` is also what ``briefs export`` writes, without building the site.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Iterator

from ..link import Page, Site
from ..outputs import SiteFile, SiteOptions
from ..render import PageRenderer, RenderedPage
from . import annotations, dataset, feeds, jsonld

DATA_PAGE = Page("data.md")
FORMATS = ("json", "csv", "w3c")


def emit(site: Site, options: SiteOptions) -> Iterator[RenderedPage | SiteFile]:
    data = dataset.build(site, options.site_name, options.site_url)
    yield from feeds.emit(site, options.site_name, options.site_url)
    yield from files(site, options, FORMATS, data)
    yield _data_page(site, options, data)


def files(site: Site, options: SiteOptions, formats: tuple[str, ...] = FORMATS,
          data: dataset.Dataset | None = None) -> Iterator[SiteFile]:
    """The dataset's files under ``data/``, in the given formats."""
    if "json" in formats or "csv" in formats:
        data = data or dataset.build(site, options.site_name, options.site_url)
    if "json" in formats:
        yield SiteFile(dataset.JSON_PATH, dataset.to_json(data))
        yield SiteFile(dataset.SCHEMA_PATH, dataset.schema_json())
    if "csv" in formats:
        for name, content in dataset.to_csv(data).items():
            yield SiteFile(f"data/{name}", content)
    if "w3c" in formats:
        for brief in site.corpus.briefs:
            collection = annotations.collection(site, brief.id, options.site_url)
            yield SiteFile(annotations.annotations_path(brief.id),
                           (json.dumps(collection, ensure_ascii=False) + "\n").encode("utf-8"))


def _pretty(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _data_page(site: Site, options: SiteOptions, data: dataset.Dataset) -> RenderedPage:
    """The Data page: every file, its licence, and one example of each format (taken from
    the first brief that has a claim and a source.url, so the page stays the same size whatever the corpus)."""
    render = PageRenderer(site, dataclasses.replace(options, memo=None))
    with_claims = [b for b in site.corpus.briefs if site.brief_links[b.id].claims]
    example = next((b for b in with_claims if b.doc.source and b.doc.source.url), with_claims[0] if with_claims else None)
    examples: dict[str, str] = {}
    if example is not None:
        claim_id = site.brief_links[example.id].claims[0]
        claim = next(c for c in data.claims if c.id == claim_id)
        examples["json"] = _pretty(claim.model_dump(mode="json"))
        csv_lines = dataset.to_csv(data.model_copy(update={"briefs": [], "actors": [], "claims": [claim],
                                                             "implications": [], "relations": []}))
        examples["csv"] = csv_lines["claims.csv"].decode("utf-8").replace("\r\n", "\n")
        collection = annotations.collection(site, example.id, options.site_url)
        examples["w3c"] = _pretty(collection["first"]["items"][0])
        examples["jsonld"] = _pretty(json.loads(jsonld.claim_page(site, claim_id, options.site_url)))
        examples["fragment"] = claim.original_url or ""
        entry = feeds.feed(site, [example.id], feeds.FEED_PATH, options.site_name, options.site_name,
                           options.site_url).decode("utf-8")
        examples["atom"] = entry
        examples["claim_id"] = claim_id
    return render("data.md.j2", DATA_PAGE, examples=examples, data=data, FEED_MAX=feeds.FEED_MAX,
                  site_url=options.site_url, tags=list(site.tags)[:1],
                  jsonld=jsonld.data_page(options.site_name, options.site_url), GUIDE=Page("annotation-format.md"),
                  file_link=lambda path: jsonld.file_url(DATA_PAGE, path, None))
