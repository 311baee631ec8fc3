"""The site's own search: an index built at build time, sharded, loadable from ``file://``.

Material's search loads one index of every page into every page (25.7 MB at
1,000 briefs, a 10 s freeze on ``file://``) and understands English only. This
index is split into small script files (``shards.py``) so that a query reads
one term shard plus the few document shards of the results it shows, and
nothing is read until the reader opens the search. Modules:

    tokens.py     folding and tokens, the same in Python and in search-engine.js
    documents.py  what is indexed: briefs and their paragraphs, actors,
                  claims, implications, sections of the hand-written guide
    terms.py      stems, transliterations, BM25 scores per key
    shards.py     the files: manifest, term shards, document shards

The browser side is ``overrides/assets/javascripts/search-engine.js`` (lookups)
and ``search.js`` (the interface).
"""

from __future__ import annotations

from typing import Iterator

from ..link import Site
from ..outputs import SiteFile, SiteOptions
from .documents import entity_documents, guide_documents
from .shards import ShardWriter
from .terms import TermIndex


class SearchIndex:
    """The index writer's state: one per build, or one for a whole ``mkdocs serve`` session
    (``Memo.keep``), where each rebuild scores and writes again only what an edit touched."""

    def __init__(self) -> None:
        self.terms = TermIndex()
        self.shards = ShardWriter()
        self.guide: dict = {}  # the guide's documents by page text (documents.guide_documents)

    def files(self, docs: list) -> dict[str, bytes]:
        return self.shards.files(docs, self.terms.update(docs))


def emit(site: Site, options: SiteOptions) -> Iterator[SiteFile]:
    """Every file of the search index (``search/...``)."""
    # Entity documents first: the guide's come last, and results list them last (manifest "guide").
    index = options.memo.keep("search", SearchIndex) if options.memo is not None else SearchIndex()
    docs = [*entity_documents(site, options.language), *guide_documents(options.docs_dir, options.language, index.guide)]
    for path, content in sorted(index.files(docs).items()):
        yield SiteFile(path, content)
