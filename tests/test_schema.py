"""The JSON Schemas in schema/ let editors flag mistakes before ``briefs check`` runs.

They are generated from the model; the committed copies must not drift from it.
"""

from __future__ import annotations

import json
import shutil
import typing

from generator import model
from generator.schema import render_schemas, stale_schemas

from conftest import REPO

SCHEMA = REPO / "schema"


def test_the_committed_schemas_match_the_model():
    assert stale_schemas(SCHEMA) == []


def test_briefs_schema_check_agrees(run_briefs):
    result = run_briefs("schema", "--check", "--root", str(REPO))

    assert (result.code, result.lines) == (0, [])


def test_a_drifted_schema_is_reported_and_rewritten(run_briefs, tmp_path):
    shutil.copytree(SCHEMA, tmp_path / "schema")
    (tmp_path / "briefs").mkdir()
    brief = tmp_path / "schema" / "brief.schema.json"
    brief.write_text(brief.read_text(encoding="utf-8").replace('"person"', '"persona"'), encoding="utf-8")
    (tmp_path / "schema" / "actors.schema.json").unlink()

    assert stale_schemas(tmp_path / "schema") == ["brief.schema.json", "actors.schema.json"]
    checked = run_briefs("schema", "--check", "--root", str(tmp_path))
    assert (checked.code, checked.lines) == (1, [
        "schema/brief.schema.json: error: out of date; run 'briefs schema' and commit the result",
        "schema/actors.schema.json: error: out of date; run 'briefs schema' and commit the result",
    ])

    assert run_briefs("schema", "--root", str(tmp_path)).code == 0
    assert stale_schemas(tmp_path / "schema") == []


def test_the_example_brief_points_editors_at_the_schema():
    brief = (REPO / "briefs" / "us-iraq-isis-threat.yml").read_text(encoding="utf-8")
    actors = (REPO / "briefs" / "_actors.yml").read_text(encoding="utf-8")

    assert brief.splitlines()[0] == "# yaml-language-server: $schema=../schema/brief.schema.json"
    assert actors.splitlines()[0] == "# yaml-language-server: $schema=../schema/actors.schema.json"
    assert (REPO / "briefs" / "../schema/brief.schema.json").resolve().is_file()
    assert (REPO / "briefs" / "../schema/actors.schema.json").resolve().is_file()


def _defs():
    return json.loads(render_schemas()["brief.schema.json"])


def test_the_schema_rejects_unknown_keys_and_requires_what_the_checker_requires():
    schema = _defs()
    defs = schema["$defs"]

    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"seed", "title", "summary"}
    for name in ("Actor", "Claim", "Implication", "Evidence", "Review", "Source"):
        assert defs[name]["additionalProperties"] is False, name
    assert set(defs["Claim"]["required"]) == {"id", "by", "statement", "quote"}
    assert set(defs["Implication"]["required"]) == {"id", "statement", "because", "likelihood", "confidence", "horizon"}
    assert set(defs["Actor"]["required"]) == {"id", "name", "kind"}


def test_the_schema_offers_the_same_choices_as_the_checker():
    defs = _defs()["$defs"]
    choices = {
        ("Actor", "kind"): model.ActorKind,
        ("Claim", "type"): model.ClaimType,
        ("Review", "rating"): model.Rating,
        ("Implication", "likelihood"): model.Likelihood,
        ("Implication", "confidence"): model.Confidence,
        ("Implication", "horizon"): model.Horizon,
    }
    for (record, field), literal in choices.items():
        assert defs[record]["properties"][field]["enum"] == list(typing.get_args(literal)), (record, field)


def test_the_schema_knows_the_id_rule():
    text = render_schemas()["brief.schema.json"]

    assert json.dumps(model.ID_PATTERN) in text
    assert '"maxLength": 80' in text


def test_the_editor_schema_flags_an_empty_list_of_speakers_or_reasons():
    # `by: []` and `because: []` are errors for `briefs check`; editors should say so too.
    import json

    schema = json.loads((REPO / "schema" / "brief.schema.json").read_text(encoding="utf-8"))
    for record, field in (("Claim", "by"), ("Implication", "because")):
        branches = schema["$defs"][record]["properties"][field]["anyOf"]
        assert {"type": "array", "minItems": 1}.items() <= next(b for b in branches if b.get("type") == "array").items()
