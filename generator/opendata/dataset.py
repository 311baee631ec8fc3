"""The dataset download: the whole corpus as one JSON file (``data/briefs.json``, with its
JSON Schema ``data/briefs.schema.json``) and as CSV tables (``data/*.csv``).

Every entity has its stable id (the one contributors write) and the address of its
page (absolute under ``site_url``, else relative to the site's root). Relations are
given in both directions on the entities (``claims_made`` and ``by``, ``supports`` and
``supported_by``...) and once as rows of ``relations`` (subject, relation, object).

The records below are the schema: ``dataset_schema()`` is generated from them, so
the file and its schema cannot drift apart.

CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) are written with a leading ``'``
(OWASP's advice against CSV injection); the JSON keeps the text as written.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import link
from ..licenses import license_name_and_url
from ..link import Page
from .fragments import original_link, seed_offsets
from .jsonld import file_url, page_url, wikidata_uri

FORMAT_VERSION = 1
DATA_LICENSE = ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/")
JSON_PATH = "data/briefs.json"
SCHEMA_PATH = "data/briefs.schema.json"
CSV_TABLES = ("briefs", "actors", "claims", "implications", "relations")
_ROOT = Page("index.md")  # URLs relative to the site's root


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class License(_Record):
    name: str
    url: str | None = None


class Source(_Record):
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    license: License | None = Field(default=None, description="The article's own licence, when recorded.")


class Brief(_Record):
    id: str
    url: str = Field(description="The brief's page.")
    title: str
    date: str = Field(description="YYYY-MM-DD")
    language: str | None = None
    summary: str
    tags: list[str]
    source: Source | None = None
    seed: str = Field(description="The article's file in seeds/.")
    annotations_url: str = Field(description="The brief's W3C Web Annotations (JSON-LD).")
    actors: list[str]
    claims: list[str]
    implications: list[str]


class Actor(_Record):
    id: str
    url: str
    name: str
    kind: str
    role: str | None = None
    description: str | None = None
    aliases: list[str]
    wikidata: str | None = Field(default=None, description="Wikidata id, e.g. Q42")
    wikidata_uri: str | None = None
    member_of: list[str]
    members: list[str]
    briefs: list[str]
    claims_made: list[str]
    claims_about: list[str]
    implications: list[str] = Field(description="Implications affecting the actor.")


class Review(_Record):
    rating: str
    note: str | None = None
    by: str | None = None
    date: str | None = None
    sources: list[str]


class Evidence(_Record):
    quote: str | None = None
    url: str | None = None
    title: str | None = None


class Claim(_Record):
    id: str
    url: str
    brief: str
    statement: str
    quote: str = Field(description="The words of the article, as the seed writes them.")
    start: int = Field(description="Where the quote starts in the seed's text (code points).")
    end: int
    original_url: str | None = Field(default=None, description="The source opened at the quote (text fragment).")
    type: str
    by: list[str]
    via: str | None = None
    medium: str | None = None
    about: list[str]
    supports: list[str]
    supported_by: list[str]
    contradicts: list[str]
    contradicted_by: list[str]
    implications: list[str] = Field(description="Implications that follow from the claim.")
    evidence: list[Evidence]
    review: Review | None = None


class Outcome(_Record):
    status: str
    date: str
    note: str | None = None
    evidence: list[str]


class Implication(_Record):
    id: str
    url: str
    brief: str
    statement: str
    headline: str | None = None
    likelihood: str
    confidence: str
    horizon: str
    because: list[str]
    affects: list[str]
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    original_url: str | None = None
    outcome: Outcome | None = None


class Relation(_Record):
    subject: str
    relation: Literal["in-brief", "by", "via", "about", "supports", "contradicts", "because", "affects", "member-of"]
    object: str


class Dataset(_Record):
    """The whole corpus (data/briefs.json)."""

    format: Literal["briefs-dataset"] = "briefs-dataset"
    version: int = FORMAT_VERSION
    site_name: str
    site_url: str | None = Field(default=None, description="Without it, entity URLs are relative to the site's root.")
    license: License
    counts: dict[str, int]
    briefs: list[Brief]
    actors: list[Actor]
    claims: list[Claim]
    implications: list[Implication]
    relations: list[Relation]


def dataset_schema() -> dict[str, Any]:
    schema = Dataset.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "briefs dataset (data/briefs.json)"
    return schema


def _url(target: Page, site_url: str | None) -> str:
    return page_url(_ROOT, target, site_url)


def _license(value: Any) -> License | None:
    if value is None:
        return None
    name, url = license_name_and_url(value)
    return License(name=name, url=url or None)


def build(site: Any, site_name: str, site_url: str | None) -> Dataset:
    """The corpus as a Dataset record, in a stable order (briefs by id, then each kind by id)."""
    return Dataset(
        site_name=site_name, site_url=site_url, license=License(name=DATA_LICENSE[0], url=DATA_LICENSE[1]),
        counts=dict(site.counts),
        briefs=[brief_record(site, brief.id, site_url) for brief in site.corpus.briefs],
        actors=[actor_record(site, actor_id, site_url) for actor_id in sorted(site.actors)],
        claims=[claim_record(site, claim_id, site_url) for claim_id in sorted(site.claims)],
        implications=[implication_record(site, imp_id, site_url) for imp_id in sorted(site.implications)],
        relations=list(_relations(site)))


def brief_record(site: Any, brief_id: str, site_url: str | None) -> Brief:
    brief = site.briefs[brief_id]
    s = brief.doc.source
    links = site.brief_links[brief_id]
    return Brief(
        id=brief_id, url=_url(link.brief_page(brief_id), site_url), title=brief.title,
        date=brief.date.isoformat(), language=brief.doc.language, summary=brief.doc.summary,
        tags=list(brief.doc.tags), seed=brief.seed.name,
        source=Source(url=s.url, title=s.title, publisher=s.publisher, author=s.author,
                      license=_license(s.license)) if s else None,
        annotations_url=file_url(_ROOT, f"data/annotations/{brief_id}.jsonld", site_url),
        actors=list(links.actors), claims=list(links.claims), implications=list(links.implications))


def actor_record(site: Any, actor_id: str, site_url: str | None) -> Actor:
    a = site.actors[actor_id].actor
    al = site.actor_links[actor_id]
    return Actor(
        id=actor_id, url=_url(link.actor_page(actor_id), site_url), name=a.name, kind=a.kind, role=a.role,
        description=a.description, aliases=list(a.aliases), wikidata=a.wikidata,
        wikidata_uri=wikidata_uri(a.wikidata), member_of=list(a.member_of), members=list(al.members),
        briefs=sorted(al.briefs), claims_made=list(al.claims_made), claims_about=list(al.claims_about),
        implications=list(al.implications))


def claim_record(site: Any, claim_id: str, site_url: str | None) -> Claim:
    r = site.claims[claim_id]
    c = r.claim
    cl = site.claim_links[claim_id]
    brief = site.briefs[r.brief]
    start, end = seed_offsets(brief.seed, r.anchor)
    rv = c.review
    return Claim(
        id=claim_id, url=_url(link.claim_page(claim_id), site_url), brief=r.brief, statement=c.statement,
        quote=brief.seed.blocks[r.anchor.block].text[r.anchor.start:r.anchor.end], start=start, end=end,
        original_url=original_link(_source_url(brief), brief.seed, r.anchor), type=c.type,
        by=list(c.by), via=c.via, medium=c.medium, about=list(c.about), supports=list(c.supports),
        supported_by=list(cl.supported_by), contradicts=list(c.contradicts),
        contradicted_by=list(cl.contradicted_by), implications=list(cl.implications),
        evidence=[Evidence(quote=e.quote, url=e.url, title=e.title) for e in c.evidence],
        review=Review(rating=rv.rating, note=rv.note, by=rv.by, date=rv.date.isoformat() if rv.date else None,
                      sources=list(rv.sources)) if rv else None)


def implication_record(site: Any, imp_id: str, site_url: str | None) -> Implication:
    r = site.implications[imp_id]
    i = r.implication
    brief = site.briefs[r.brief]
    start, end = seed_offsets(brief.seed, r.anchor) if r.anchor else (None, None)
    o = i.outcome
    return Implication(
        id=imp_id, url=_url(link.implication_page(imp_id), site_url), brief=r.brief, statement=i.statement,
        headline=i.headline, likelihood=i.likelihood, confidence=i.confidence, horizon=i.horizon,
        because=list(i.because), affects=list(i.affects),
        quote=brief.seed.blocks[r.anchor.block].text[r.anchor.start:r.anchor.end] if r.anchor else None,
        start=start, end=end,
        original_url=original_link(_source_url(brief), brief.seed, r.anchor) if r.anchor else None,
        outcome=Outcome(status=o.status, date=o.date.isoformat(), note=o.note, evidence=list(o.evidence))
        if o else None)


def _source_url(brief: Any) -> str | None:
    return brief.doc.source.url if brief.doc.source else None


def _relations(site: Any) -> Iterator[Relation]:
    """Every relation once, from the side that writes it (the reverse is on the entities)."""
    for claim_id in sorted(site.claims):
        r = site.claims[claim_id]
        c = r.claim
        yield Relation(subject=claim_id, relation="in-brief", object=r.brief)
        yield from (Relation(subject=claim_id, relation="by", object=a) for a in c.by)
        if c.via:
            yield Relation(subject=claim_id, relation="via", object=c.via)
        yield from (Relation(subject=claim_id, relation="about", object=a) for a in c.about)
        yield from (Relation(subject=claim_id, relation="supports", object=o) for o in c.supports)
        yield from (Relation(subject=claim_id, relation="contradicts", object=o) for o in c.contradicts)
    for imp_id in sorted(site.implications):
        r = site.implications[imp_id]
        yield Relation(subject=imp_id, relation="in-brief", object=r.brief)
        yield from (Relation(subject=imp_id, relation="because", object=c) for c in r.implication.because)
        yield from (Relation(subject=imp_id, relation="affects", object=a) for a in r.implication.affects)
    for actor_id in sorted(site.actors):
        yield from (Relation(subject=actor_id, relation="member-of", object=g)
                    for g in site.actors[actor_id].actor.member_of)


def to_json(dataset: Dataset) -> bytes:
    # One line: the C encoder (an indented dump takes Python's, several times slower at 10,000 briefs).
    return (json.dumps(dataset.model_dump(mode="json"), ensure_ascii=False) + "\n").encode("utf-8")


def schema_json() -> bytes:
    return (json.dumps(dataset_schema(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """A cell's text: lists joined by ``|``, nothing for None, and a leading ``'`` before
    anything a spreadsheet would read as a formula."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "|".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _columns(dataset: Dataset) -> dict[str, tuple[list[str], list[dict[str, Any]]]]:
    def rows(records: list[Any], flatten: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        out = []
        for record in records:
            row = record.model_dump(mode="json")
            for key, fn in (flatten or {}).items():
                row.update(fn(row.pop(key)))
            out.append(row)
        return out

    def source(value: Any) -> dict[str, Any]:
        value = value or {}
        lic = value.get("license") or {}
        return {"source_url": value.get("url"), "source_title": value.get("title"),
                "source_publisher": value.get("publisher"), "source_author": value.get("author"),
                "source_license": lic.get("name"), "source_license_url": lic.get("url")}

    def review(value: Any) -> dict[str, Any]:
        value = value or {}
        return {"review_rating": value.get("rating"), "review_note": value.get("note"),
                "review_by": value.get("by"), "review_date": value.get("date"),
                "review_sources": value.get("sources")}

    def evidence(value: Any) -> dict[str, Any]:
        return {"evidence_urls": [e["url"] for e in value if e.get("url")],
                "evidence_quotes": [e["quote"] for e in value if e.get("quote")]}

    def outcome(value: Any) -> dict[str, Any]:
        value = value or {}
        return {"outcome_status": value.get("status"), "outcome_date": value.get("date"),
                "outcome_note": value.get("note"), "outcome_evidence": value.get("evidence")}

    tables = {
        "briefs": rows(dataset.briefs, {"source": source}),
        "actors": rows(dataset.actors),
        "claims": rows(dataset.claims, {"review": review, "evidence": evidence}),
        "implications": rows(dataset.implications, {"outcome": outcome}),
        "relations": rows(dataset.relations),
    }
    examples = {"briefs": Brief, "actors": Actor, "claims": Claim, "implications": Implication,
                "relations": Relation}
    out = {}
    for name, table in tables.items():
        header = list(table[0]) if table else _empty_header(examples[name], name)
        out[name] = (header, table)
    return out


def _empty_header(model: type[BaseModel], name: str) -> list[str]:
    flat = {"source": ["source_url", "source_title", "source_publisher", "source_author", "source_license",
                       "source_license_url"],
            "review": ["review_rating", "review_note", "review_by", "review_date", "review_sources"],
            "evidence": ["evidence_urls", "evidence_quotes"],
            "outcome": ["outcome_status", "outcome_date", "outcome_note", "outcome_evidence"]}
    header: list[str] = []
    for field in model.model_fields:
        header.extend(flat.get(field, [field]) if field in flat and name != "relations" else [field])
    return header


def to_csv(dataset: Dataset) -> dict[str, bytes]:
    """``name.csv`` -> content, for each table (UTF-8, CRLF line ends as RFC 4180 says)."""
    out = {}
    for name, (header, table) in _columns(dataset).items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(header)
        for row in table:
            writer.writerow([csv_cell(row.get(column)) for column in header])
        out[f"{name}.csv"] = buffer.getvalue().encode("utf-8")
    return out
