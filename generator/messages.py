"""Turn pydantic validation errors into messages a contributor can act on."""

from __future__ import annotations

import difflib
import re
from typing import Any, Iterable

from pydantic import ValidationError

from .diagnostics import Diagnostic
from .load import LoadedYAML
from .model import ID_MAX, Actor, Record, record_at
from .textpolicy import refusal_hint, refusal_message

_TAGS = {"decl", "ref", "spdx", "named"}  # discriminator tags pydantic puts into locations
_ID_LISTS = {"member_of", "by", "about", "supports", "contradicts", "because", "affects", "tags", "actors"}
_SINGULAR = {"actors": "actor", "claims": "claim", "implications": "implication", "evidence": "evidence"}


def closest(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The closest choices to ``word``: fuzzy matches first, then ids that contain it."""
    choices = sorted(set(choices))
    found = difflib.get_close_matches(word, choices, n=n, cutoff=0.6)
    if len(found) < n and word:
        # Shared words count when they say something: 'romanowski', not 'al' or 'us'.
        parts = {part for part in word.split("-") if len(part) >= 4}
        for choice in choices:
            if choice not in found and (word in choice or parts & set(choice.split("-"))):
                found.append(choice)
            if len(found) >= n:
                break
    return found


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    found = closest(word, choices)
    if not found:
        return ""
    return "did you mean " + " or ".join(f"'{f}'" for f in found) + "?"


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return "'" + (text if len(text) <= 60 else text[:57] + "...") + "'"


def context_label(data: Any, loc: tuple[str | int, ...]) -> str:
    """'claim 'x': ' for a location inside the claims list, so a message names what it is about."""
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int) and loc[0] in _SINGULAR:
        item = _get(data, loc[:2])
        kind = _SINGULAR[loc[0]]
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return f"{kind} '{item['id']}': "
        return f"{kind} #{loc[1] + 1}: "
    return ""


def _get(data: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _dotted(loc: tuple[str | int, ...]) -> str:
    """claims[2].quote: 1-based, as a person counts list items."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def validation_diagnostics(
    error: ValidationError, loaded: LoadedYAML, top: type[Record] | None, prefix: tuple[str | int, ...] = ()
) -> list[Diagnostic]:
    """One diagnostic per pydantic error; ``prefix`` locates the validated value in the file."""
    errors = [(err, prefix + tuple(p for p in err["loc"] if p not in _TAGS)) for err in error.errors(include_url=False)]
    # A misspelt key shows up twice: as unknown ('statment') and as missing
    # ('statement'). Report it once, as the unknown key with its correction.
    misspelt = set()
    for err, loc in errors:
        if err["type"] == "extra_forbidden":
            record = record_at(loc[:-1], top)
            for near in closest(str(loc[-1]), record.model_fields if record else ()):
                misspelt.add(loc[:-1] + (near,))
    out: list[Diagnostic] = []
    for err, loc in errors:
        if err["type"] == "refused_character":
            out += _refused(err, loc, loaded)
        elif not (err["type"] == "missing" and loc in misspelt):
            out.append(_one(err, loc, loaded, top))
    return out


def _refused(err: dict[str, Any], loc: tuple[str | int, ...], loaded: LoadedYAML) -> list[Diagnostic]:
    """One diagnostic per refused character, at the character itself (an escape such as
    ``\\x80`` counts as where it is written). No label: the position says which value, and
    the loader, which checks the raw file, reports a raw character with the very same words."""
    out = []
    for nth, (_, char) in enumerate(err["ctx"]["refusals"]):
        where = loaded.char_pos(loc, nth)
        out.append(Diagnostic(loaded.path, where.line, where.col, refusal_message(char), refusal_hint(char)))
    return out


def _one(err: dict[str, Any], loc: tuple[str | int, ...], loaded: LoadedYAML, top: type[Record] | None) -> Diagnostic:
    kind, value = err["type"], err.get("input")
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    where = loaded.pos(loc)
    if top is Actor and loc and isinstance(loc[0], int):  # briefs/_actors.yml: a list of actors
        prefix = context_label({"actors": loaded.data}, ("actors", *loc))
    else:
        prefix = context_label(loaded.data, loc)
    hint = ""
    if kind == "missing":
        where = loaded.pos(loc[:-1])
        message = f"missing required key '{loc[-1]}'"
        if loc[:-1] and not prefix:
            message += f" in '{_dotted(loc[:-1])}'"
    elif kind == "extra_forbidden":
        where = loaded.pos(loc, key=True)
        record = record_at(loc[:-1], top)
        message = f"unknown key '{loc[-1]}'"
        if record is not None:
            known = list(record.model_fields)
            hint = did_you_mean(str(loc[-1]), known) or "known keys: " + ", ".join(known)
    elif kind == "literal_error":
        expected = [e.strip(" '") for e in err["ctx"]["expected"].replace(" or ", ", ").split(",")]
        message = f"{describe(value)} is not a valid {field}"
        hint = "expected one of: " + ", ".join(expected)
        if isinstance(value, str):
            suggestion = did_you_mean(value, expected)
            hint = f"{suggestion} ({hint})" if suggestion else hint
    elif kind == "string_pattern_mismatch":
        message, hint = _pattern_message(field, loc, value)
    elif kind == "string_too_long":
        message = f"{describe(value)} is longer than {err['ctx']['max_length']} characters"
        hint = (f"ids are at most {ID_MAX} characters" if field != "headline"
                else "shorten it; the full statement is shown on the page anyway")
    elif kind == "string_too_short":
        message = f"'{field}' is empty"
        hint = _empty_hint(loc, top)
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        what = f"'{_dotted(loc)}'" if loc else "the file"
        if len(loc) == 1 and isinstance(loc[0], int):
            what = "this entry"
        message = f"{what} should be a mapping (key: value), found {describe(value)}"
        if not loc:
            hint = "a brief starts with keys such as seed:, title: and summary:"
    elif kind in ("tuple_type", "list_type"):
        what = f"'{_dotted(loc)}'" if loc else "the file"
        message = f"{what} should be a list, found {describe(value)}"
        if isinstance(value, str):
            hint = f"write it as [{value}]"
        elif not loc:
            hint = "briefs/_actors.yml is a list of actors, each starting with '- id:'"
            if isinstance(value, dict) and "actors" in value:
                hint += "; remove the 'actors:' line and un-indent the list"
    elif kind in ("string_type", "int_type") or kind.endswith("_type") and value is None:
        expected = {"string_type": "text", "int_type": "a whole number"}.get(kind, kind.removesuffix("_type"))
        message = f"'{_dotted(loc)}' should be {expected}, found {describe(value)}"
        if kind == "string_type" and value is None:
            message, hint = f"'{_dotted(loc)}' is empty", _empty_hint(loc, top)
    elif kind in ("int_parsing", "int_from_float"):
        message = f"'{field}' should be a whole number, found {describe(value)}"
    elif kind in ("greater_than_equal", "greater_than"):
        message = f"'{field}' must be 1 or more, found {describe(value)}"
    elif kind == "too_short":
        message = f"'{field}' needs at least one id"
    elif kind.startswith("date"):
        message = f"{describe(value)} is not a valid date"
        hint = "write it as YYYY-MM-DD, e.g. 2024-03-24"
    elif kind == "value_error":
        message = str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
    else:
        message = f"'{_dotted(loc)}': {err['msg']}"
    return Diagnostic(loaded.path, where.line, where.col, prefix + message, hint)


def _empty_hint(loc: tuple[str | int, ...], top: type[Record] | None) -> str:
    if loc and isinstance(loc[-1], int):
        return "write a value or remove the empty item"
    record = record_at(loc[:-1], top)
    field = record.model_fields.get(str(loc[-1])) if record is not None else None
    if field is not None and field.is_required():
        return "write some text; this key is required"
    return "write some text or remove the key"


def _pattern_message(field: str, loc: tuple[str | int, ...], value: Any) -> tuple[str, str]:
    if field == "wikidata":
        return f"{describe(value)} is not a Wikidata id", "write it as Q followed by digits, e.g. Q796"
    if field == "seed":
        name = re.split(r"[/\\]", str(value))[-1] or "article.txt"
        return f"{describe(value)} is not a file name", f"name a file in seeds/ without a folder, e.g. '{name}'"
    what = "tag" if field == "tags" else "id"
    example = "-".join(re.findall(r"[a-z0-9]+", str(value).lower()))[:ID_MAX] or "my-id"
    return (
        f"{describe(value)} is not a valid {what}",
        f"use lowercase letters, digits and single hyphens, e.g. '{example}'",
    )
