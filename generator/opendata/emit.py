"""The open data capability's entry point (``pipeline.EMITTERS``): the Atom feeds, the
dataset (JSON, its schema, CSV), the W3C Web Annotations and the Data page.

The JSON-LD of each page and the "Read in the original" links are rendered with
the pages themselves (``render.py`` asks ``jsonld`` and ``fragments``): they
belong to one page each. Nothing here is embedded in the pages: every file is
a download of its own, so no page grows with the corpus.

``files`` is also what ``briefs export`` writes, without building the site.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from ..link import Page, Site
from ..outputs import SiteFile, SiteOptions
from ..render import PageRenderer, RenderedPage
from . import annotations, dataset, feeds, jsonld

DATA_PAGE = Page("data.md")
FORMATS = ("json", "csv", "w3c")


def emit(site: Site, options: SiteOptions) -> Iterator[RenderedPage | SiteFile]:
    yield from feeds.emit(site, options.site_name, options.site_url)
    yield from files(site, options, FORMATS)
    render = PageRenderer(site, options)
    tracked = render.site  # what the Data page reads (recorded by `mkdocs serve`'s memo, options.memo)
    yield render.page(DATA_PAGE, lambda: _data_page(render, tracked, options))


def files(site: Site, options: SiteOptions, formats: tuple[str, ...] = FORMATS) -> Iterator[SiteFile]:
    """The dataset's files under ``data/``, in the given formats."""
    if "json" in formats or "csv" in formats:
        data = dataset.build(site, options.site_name, options.site_url)
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


def _data_page(render: PageRenderer, site: Any, options: SiteOptions) -> RenderedPage:
    """The Data page: every file, its licence, and one example of each format (taken from
    the first brief that has a claim and a source.url, so the page stays the same size whatever
    the corpus)."""
    with_claims = [b for b in site.corpus.briefs if site.brief_links[b.id].claims]
    example = next((b for b in with_claims if b.doc.source and b.doc.source.url), with_claims[0] if with_claims else None)
    examples: dict[str, str] = {}
    if example is not None:
        claim_id = site.brief_links[example.id].claims[0]
        claim = dataset.claim_record(site, claim_id, options.site_url)
        examples["json"] = _pretty(claim.model_dump(mode="json"))
        one_row = dataset.Dataset(site_name=options.site_name, license=dataset.License(name="", url=None), counts={},
                                  briefs=[], actors=[], claims=[claim], implications=[], relations=[])
        examples["csv"] = dataset.to_csv(one_row)["claims.csv"].decode("utf-8").replace("\r\n", "\n")
        collection = annotations.collection(site, example.id, options.site_url)
        examples["w3c"] = _pretty(collection["first"]["items"][0])
        examples["jsonld"] = _pretty(json.loads(jsonld.claim_page(site, claim_id, options.site_url)))
        examples["fragment"] = claim.original_url or ""
        examples["atom"] = feeds.feed(site, [example.id], feeds.FEED_PATH, options.site_name, options.site_name,
                                      options.site_url).decode("utf-8")
        examples["claim_id"] = claim_id
    return render("data.md.j2", DATA_PAGE, examples=examples, counts=dict(site.counts), FEED_MAX=feeds.FEED_MAX,
                  site_url=options.site_url, tags=list(site.tags)[:1],
                  jsonld=jsonld.data_page(options.site_name, options.site_url), GUIDE=Page("annotation-format.md"),
                  file_link=lambda path: jsonld.file_url(DATA_PAGE, path, None))
