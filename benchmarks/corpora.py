"""A corpus folder the way a contributor's checkout looks, for benchmarks.

The repository's ``mkdocs.yml``, ``overrides/`` and ``docs/`` plus a synthetic
corpus's ``seeds/`` and ``briefs/``. ``search=False`` drops Material's search
and offline plugins from the copied ``mkdocs.yml`` (to measure what remains
without them).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def prepare_corpus(source: Path, dest: Path, *, search: bool = True) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("overrides", "docs"):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if not search:
        config = re.sub(r"(?m)^  - (search|offline)\n", "", config)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name in ("seeds", "briefs"):
        if (dest / name).exists():
            shutil.rmtree(dest / name)
        shutil.copytree(source / name, dest / name)
    return dest
