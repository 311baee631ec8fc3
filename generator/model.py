"""Typed, immutable records of the annotation format (spec §2).

These pydantic models are both the validator of a single file and the source
of the JSON Schema that editors use (``schema/*.schema.json``). Corpus-wide
rules (unique ids, references, quotes) live in ``validate.py``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import langcodes
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    TypeAdapter,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .textpolicy import refusals

from .licenses import LICENSES

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX = 80
# Names Windows will not create as files, whatever the extension.
RESERVED_IDS = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)

ActorKind = Literal["person", "organization", "government", "state", "armed-group", "coalition", "group", "other"]
ClaimType = Literal["assertion", "assessment", "prediction", "proposal", "commitment", "denial"]
Rating = Literal["supported", "disputed", "unverified", "misleading", "false"]
Likelihood = Literal["almost-certain", "very-likely", "likely", "even-chance", "unlikely", "very-unlikely", "remote"]
Confidence = Literal["low", "moderate", "high"]
Horizon = Literal["immediate", "near-term", "long-term"]
OutcomeStatus = Literal["occurred", "partly", "did-not-occur", "unresolvable"]
# How a relayed claim reached the article (``Claim.medium``): a closed list, in the guide.
Medium = Literal["statement", "interview", "speech", "briefing", "press-conference", "post", "report", "letter",
                 "testimony", "document"]


def _check_id(value: str) -> str:
    if value == "index":
        raise ValueError("'index' is the name of the index pages; choose another id")
    if value in RESERVED_IDS:
        raise ValueError(f"'{value}' is a reserved name on Windows (it cannot name a file); choose another")
    return value


def _refuse_characters(value: Any) -> Any:
    """The text policy (``textpolicy.py``), applied to the value as written (before
    stripping), so that the error can point at the very character in the file.

    The error carries every refused character's offset; ``messages.py`` turns each
    into a diagnostic at its line and column.
    """
    if isinstance(value, str):
        found = tuple(refusals(value))
        if found:
            raise PydanticCustomError("refused_character", "{message}", {
                "message": found[0].message, "refusals": tuple((r.offset, r.char) for r in found)})
    return value


def _compose(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def _check_url(value: str) -> str:
    try:
        parts = urlsplit(value)
        scheme, netloc = parts.scheme, parts.netloc
    except ValueError as exc:  # e.g. an unclosed IPv6 bracket
        raise ValueError(f"'{value}' is not a valid URL ({exc}); check the address") from None
    if scheme not in ("http", "https") or not netloc:
        raise ValueError(f"'{value}' is not an http(s) URL; only http:// and https:// links are allowed")
    if any(c.isspace() or ord(c) < 32 for c in value) or "\\" in value:
        raise ValueError(f"'{value}' contains spaces or control characters; percent-encode them")
    try:
        parts.port  # noqa: B018 - urlsplit parses (and range-checks) the port only when asked
    except ValueError:
        port_text = netloc.rpartition(":")[2]
        raise ValueError(f"'{value}' has an invalid port '{port_text}'; a port is a number from 0 to 65535,"
                         " or leave it out") from None
    if not parts.hostname:
        raise ValueError(f"'{value}' has no host name; write it as https://example.org/...")
    return value


_LANGUAGE_EXAMPLES = "such as 'en', 'ru', 'ar', 'zh-Hans' or 'pt-BR'"


def _check_language(value: str) -> str:
    """A valid BCP 47 tag, written the standard way (``pt-BR``, not ``pt_br``): it
    becomes a ``lang`` attribute and picks the search index's stemmer."""
    if not langcodes.tag_is_valid(value):
        raise ValueError(f"'{value}' is not a BCP 47 language tag; write a language code {_LANGUAGE_EXAMPLES}")
    standard = langcodes.standardize_tag(value)
    if standard != value:
        raise ValueError(f"'{value}' is written '{standard}' in BCP 47; write language: {standard}")
    return value


def _one_paragraph(value: str) -> str:
    if re.search(r"\n\s*\n", value):
        raise ValueError("'summary' is one paragraph: remove the blank line")
    return value


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD: no timestamps, no numbers (pydantic would accept both)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError(f"'{value}' is not a valid date; write it as YYYY-MM-DD, e.g. 2024-03-24")
    return value


def _whole_number(value: Any) -> Any:
    """Digits only: '2.0' or '1_0' are typos, not 2 and 10."""
    if isinstance(value, str) and not re.fullmatch(r"[0-9]+", value.strip()):
        raise ValueError(f"'occurrence' should be a whole number such as 2, found '{value}'")
    return value


def _check_license(value: str) -> str:
    if value in LICENSES:
        return value
    from difflib import get_close_matches  # only on the error path

    near = get_close_matches(value, LICENSES, n=1, cutoff=0.6) or [
        k for k in LICENSES if k.lower() == value.lower().replace(" ", "-")]
    suggestion = f"did you mean '{near[0]}'? " if near else ""
    raise ValueError(f"'{value}' is not a licence id briefs knows; {suggestion}write an SPDX id such as "
                     "CC-BY-4.0 or CC-BY-SA-3.0, 'public-domain', or a mapping with 'name:' and 'url:'")


def _short_headline(value: str) -> str:
    if len(value) > HEADLINE_MAX:
        raise ValueError(f"'headline' is {len(value)} characters long, at most {HEADLINE_MAX} fit in a title;"
                         " shorten it (the full statement is shown on the page)")
    return value


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _none_as_empty(value: Any) -> Any:
    """``claims:`` with nothing under it means no claims (as a contributor would expect)."""
    return () if value is None else value


def _section(item: Any) -> Any:
    return Annotated[tuple[item, ...], BeforeValidator(_none_as_empty, json_schema_input_type=list[item] | None)]


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX),
    AfterValidator(_check_id),
    Field(description="Lowercase letters, digits and single hyphens; at most 80 characters."),
]
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), BeforeValidator(_refuse_characters),
    AfterValidator(_compose),
]
Url = Annotated[
    str, BeforeValidator(_refuse_characters), AfterValidator(_check_url), Field(description="An http:// or https:// URL.")
]
Ids = tuple[Id, ...]
IdOrIds = Annotated[tuple[Id, ...], BeforeValidator(_one_or_many, json_schema_input_type=Id | list[Id])]
Occurrence = Annotated[
    int,
    BeforeValidator(_whole_number),
    Field(ge=1, description="Which match (1-based) when the quote occurs more than once."),
]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date, json_schema_input_type=str)]
LanguageTag = Annotated[
    str,
    AfterValidator(_check_language),
    Field(description="A BCP 47 language tag such as en, ru, ar, zh-Hans or pt-BR.", examples=["en", "ru", "pt-BR"]),
]
HEADLINE_MAX = 100
LicenseId = Annotated[
    str,
    AfterValidator(_check_license),
    Field(description="An SPDX licence id (" + ", ".join(sorted(LICENSES)[:4]) + ", ...) or 'public-domain'."),
]


def _license_kind(value: Any) -> str:
    return "named" if isinstance(value, (dict, LicenseRef)) else "spdx"


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


class Actor(Record):
    """A person, government, armed group, coalition... declared once in the corpus."""

    id: Id
    name: Text
    kind: ActorKind
    role: Text | None = None
    member_of: Ids = ()
    aliases: tuple[Text, ...] = Field(default=(), description="How articles name this actor.")
    description: Text | None = None
    wikidata: Annotated[str, StringConstraints(pattern=r"^Q[0-9]+$")] | None = None


class Evidence(Record):
    """A supporting quote from the same seed, or a link."""

    quote: Text | None = None
    occurrence: Occurrence | None = None
    url: Url | None = None
    title: Text | None = None

    @model_validator(mode="after")
    def _quote_or_url(self) -> "Evidence":
        if (self.quote is None) == (self.url is None):
            raise ValueError("evidence needs exactly one of 'quote' or 'url'")
        if self.occurrence is not None and self.quote is None:
            raise ValueError("'occurrence' only goes with 'quote'")
        return self


class Review(Record):
    """A fact-check of the claim."""

    rating: Rating
    note: Text | None = None
    sources: tuple[Url, ...] = ()
    by: Text | None = Field(default=None, description="Who reviewed the claim: a name or a handle.")
    date: IsoDate | None = Field(default=None, description="When the review was written (YYYY-MM-DD).")


class Claim(Record):
    id: Id
    by: Annotated[IdOrIds, Field(min_length=1, description="Actor id(s) making the claim.")]
    statement: Text
    quote: Text
    occurrence: Occurrence | None = None
    type: ClaimType = "assertion"
    via: Id | None = Field(default=None, description="The actor who relayed the claim: an office, a spokesperson,"
                                                     " another outlet.")
    medium: Medium | None = Field(default=None, description="How the claim was made or relayed: statement,"
                                                            " interview, post, briefing, report...")
    about: Ids = ()
    supports: Ids = ()
    contradicts: Ids = ()
    evidence: tuple[Evidence, ...] = ()
    review: Review | None = None


class Outcome(Record):
    """What became of an implication, written when it is resolved (see ``generator/forecasts``)."""

    status: OutcomeStatus
    date: IsoDate = Field(description="When it happened, or when it was judged (YYYY-MM-DD).")
    note: Text | None = None
    evidence: tuple[Url, ...] = Field(default=(), description="http(s) links that show what happened.")

    @model_validator(mode="after")
    def _evidence_or_reason(self) -> "Outcome":
        if self.status == "unresolvable":
            if self.note is None:
                raise ValueError("an 'unresolvable' outcome needs a 'note' saying why it cannot be decided")
        elif not self.evidence:
            article = "an" if self.status == "occurred" else "a"
            raise ValueError(f"{article} '{self.status}' outcome needs 'evidence': at least one http(s) link that"
                             " shows what happened")
        return self


class Implication(Record):
    id: Id
    statement: Text
    headline: Annotated[Text, AfterValidator(_short_headline), Field(max_length=HEADLINE_MAX)] | None = Field(
        default=None, description="A short title (at most 100 characters); default: the statement's first sentence.")
    because: Annotated[IdOrIds, Field(min_length=1, description="Claim id(s) this follows from.")]
    affects: Ids = ()
    likelihood: Likelihood
    confidence: Confidence
    horizon: Horizon
    quote: Text | None = None
    occurrence: Occurrence | None = None
    outcome: Outcome | None = Field(default=None, description="What became of it, once it can be told.")

    @model_validator(mode="after")
    def _occurrence_needs_quote(self) -> "Implication":
        if self.occurrence is not None and self.quote is None:
            raise ValueError("'occurrence' only goes with 'quote'")
        return self


class LicenseRef(Record):
    """A licence without an SPDX id: its name and where its text is."""

    name: Text
    url: Url


License = Annotated[
    Annotated[LicenseId, Tag("spdx")] | Annotated[LicenseRef, Tag("named")],
    Discriminator(_license_kind),
    Field(description="An SPDX id such as CC-BY-4.0, 'public-domain', or {name, url}."),
]


class Source(Record):
    publisher: Text | None = None
    url: Url | None = None
    author: Text | None = None
    title: Text | None = None
    license: License | None = None


def _actor_entry_kind(value: Any) -> str:
    return "ref" if isinstance(value, str) else "decl"


ActorEntry = Annotated[
    Annotated[Id, Tag("ref")] | Annotated[Actor, Tag("decl")],
    Discriminator(_actor_entry_kind),
]


class BriefFile(Record):
    """The content of ``briefs/<brief-id>.yml``."""

    seed: Annotated[
        str, StringConstraints(pattern=r"^[^/\\\x00]+$"), BeforeValidator(_refuse_characters),
        Field(description="A file name in seeds/."),
    ]
    title: Text
    date: IsoDate | None = Field(default=None, description="YYYY-MM-DD; optional when the seed has a date header.")
    language: LanguageTag | None = Field(
        default=None, description="The language of the article and the annotation (BCP 47); default: the site's.")
    summary: Annotated[Text, AfterValidator(_one_paragraph)]
    source: Source | None = None
    tags: _section(Id) = ()
    actors: _section(ActorEntry) = Field(default=(), description="Declarations (mappings) or references (ids).")
    claims: _section(Claim) = ()
    implications: _section(Implication) = ()

    @property
    def declared_actors(self) -> tuple[Actor, ...]:
        return tuple(a for a in self.actors if isinstance(a, Actor))

    @property
    def actor_refs(self) -> tuple[str, ...]:
        return tuple(a for a in self.actors if isinstance(a, str))


ActorsFile = TypeAdapter(tuple[Actor, ...])
"""The content of ``briefs/_actors.yml``: a list of actor declarations."""

# Which record a mapping at a given place holds; used to suggest the closest key.
SECTION_RECORDS: dict[str, type[Record]] = {
    "actors": Actor,
    "claims": Claim,
    "implications": Implication,
    "evidence": Evidence,
    "review": Review,
    "outcome": Outcome,
    "source": Source,
    "license": LicenseRef,
}


def record_at(loc: tuple[str | int, ...], top: type[Record] | None) -> type[Record] | None:
    """The record type of the mapping at ``loc`` (a path of keys and list indexes)."""
    if loc and isinstance(loc[-1], str) and loc[-1] not in SECTION_RECORDS:
        return None  # a list of ids such as 'by', or a plain field: not a mapping of keys
    names = [part for part in loc if isinstance(part, str)]
    return SECTION_RECORDS.get(names[-1]) if names else top


def _min_items_for_lists(node: Any) -> None:
    """pydantic puts ``minLength: 1`` beside ``anyOf: [id, list of ids]``, where it
    only constrains the string; editors should also flag an empty list."""
    if isinstance(node, dict):
        if "anyOf" in node and node.get("minLength") == 1:
            del node["minLength"]
            for branch in node["anyOf"]:
                if branch.get("type") == "array":
                    branch["minItems"] = 1
        for value in node.values():
            _min_items_for_lists(value)
    elif isinstance(node, list):
        for value in node:
            _min_items_for_lists(value)


def brief_schema() -> dict[str, Any]:
    schema = BriefFile.model_json_schema()
    _min_items_for_lists(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Brief annotation (briefs/<brief-id>.yml)"
    return schema


def actors_schema() -> dict[str, Any]:
    schema = ActorsFile.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Shared actors (briefs/_actors.yml)"
    return schema
