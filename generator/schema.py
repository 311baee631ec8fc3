"""JSON Schemas for editors, generated from the model and committed in ``schema/``.

Editors with the YAML language server read the ``# yaml-language-server:
$schema=...`` modeline at the top of a brief and offer completion and
inline errors before ``briefs check`` even runs.
"""

from __future__ import annotations

import json
from pathlib import Path

from .model import actors_schema, brief_schema

SCHEMAS = {
    "brief.schema.json": brief_schema,
    "actors.schema.json": actors_schema,
}


def render_schemas() -> dict[str, str]:
    return {name: json.dumps(make(), indent=2, sort_keys=True, ensure_ascii=False) + "\n" for name, make in SCHEMAS.items()}


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema whose content changed; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def stale_schemas(folder: Path) -> list[str]:
    """Names of committed schemas that differ from what the model generates."""
    return [
        name for name, text in render_schemas().items()
        if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text
    ]
