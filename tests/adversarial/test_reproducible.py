"""Two builds of the same input are byte-identical, whatever differs on the build machine.

Each build is a separate ``python -m generator.cli build`` process (so that
PYTHONHASHSEED really differs), all started at once. The pairs differ in one
thing each: the hash seed, the order and times the corpus files were created,
the working directory, or nothing but SOURCE_DATE_EPOCH being unset in both.
Every file is compared, sitemap.xml and sitemap.xml.gz included.
"""

from __future__ import annotations

import calendar
import datetime as dt
import gzip
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .helpers import FIXTURES, REPO, SITE_FILES, tree_digest

BASELINE = FIXTURES / "site" / "baseline"
EPOCH = "1700000000"


@dataclass(frozen=True)
class Variant:
    hash_seed: str
    epoch: str | None = EPOCH
    reversed_files: bool = False  # create the corpus files in reverse order, with other mtimes
    cwd_is_root: bool = False  # run from inside the corpus with --root .


VARIANTS = {
    "reference": Variant("1"),
    "other-hash-seed": Variant("2"),
    "reversed-file-order": Variant("1", reversed_files=True),
    "other-working-directory": Variant("1", cwd_is_root=True),
    "no-epoch": Variant("3", epoch=None),
    "no-epoch-other-seed-and-order": Variant("4", epoch=None, reversed_files=True),
}


def _sources() -> list[tuple[Path, str]]:
    """(source file, path in the corpus) for everything a corpus holds, in sorted order."""
    out = []
    for name in SITE_FILES:
        src = REPO / name
        files = [src] if src.is_file() else sorted(p for p in src.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        out += [(f, f.relative_to(REPO).as_posix()) for f in files]
    for name in ("seeds", "briefs"):
        out += [(f, f.relative_to(BASELINE).as_posix()) for f in sorted((BASELINE / name).rglob("*")) if f.is_file()]
    return out


def _make(root: Path, reverse: bool) -> None:
    sources = _sources()
    if reverse:
        sources.reverse()
    for i, (src, rel) in enumerate(sources):
        dest = root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        if reverse:  # distinct, decreasing times: another "creation order" for anything that sorts by mtime
            stamp = 1_000_000_000 - i * 3_600
            os.utime(dest, (stamp, stamp))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("reproducible")
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    running = {}
    for name, v in VARIANTS.items():
        root = base / name / "corpus"
        _make(root, v.reversed_files)
        env = {k: val for k, val in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONHASHSEED")}
        env["PYTHONHASHSEED"] = v.hash_seed
        if v.epoch is not None:
            env["SOURCE_DATE_EPOCH"] = v.epoch
        argv = [sys.executable, "-m", "generator.cli", "build", "--root", "." if v.cwd_is_root else str(root)]
        running[name] = (root, subprocess.Popen(argv, cwd=root if v.cwd_is_root else elsewhere, env=env,
                                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    out = {}
    for name, (root, proc) in running.items():
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"build {name} failed:\n{stdout}\n{stderr}"
        out[name] = root / "site"
    return out


def differences(a: Path, b: Path) -> list[str]:
    da, db = tree_digest(a), tree_digest(b)
    only = sorted(set(da) ^ set(db))
    changed = sorted(f for f in set(da) & set(db) if da[f] != db[f])
    return [f"only in one: {f}" for f in only] + [f"differs: {f}" for f in changed]


@pytest.mark.parametrize("variant", ["other-hash-seed", "reversed-file-order", "other-working-directory"])
def test_the_site_is_byte_identical(sites, variant):
    assert differences(sites["reference"], sites[variant]) == []


def test_the_site_is_byte_identical_without_source_date_epoch(sites):
    assert differences(sites["no-epoch"], sites["no-epoch-other-seed-and-order"]) == []


def _gzip_time(path: Path) -> int:
    with open(path, "rb") as gz:
        return int.from_bytes(gz.read(8)[4:8], "little")  # MTIME field of the gzip header


def _midnight(day: str) -> int:
    return calendar.timegm(dt.date.fromisoformat(day).timetuple())


def test_the_sitemap_is_compared_too(sites):
    for name in ("reference", "no-epoch"):
        assert (sites[name] / "sitemap.xml").is_file() and (sites[name] / "sitemap.xml.gz").is_file()
        with gzip.open(sites[name] / "sitemap.xml.gz") as gz:
            assert gz.read() == (sites[name] / "sitemap.xml").read_bytes()
    # MkDocs stamps the gzip header with SOURCE_DATE_EPOCH, rounded down to its day.
    day = dt.datetime.fromtimestamp(int(EPOCH), dt.timezone.utc).date().isoformat()
    assert _gzip_time(sites["reference"] / "sitemap.xml.gz") == _midnight(day)


def test_without_source_date_epoch_the_date_of_the_newest_brief_is_used(sites):
    newest = "2024-05-02"  # both baseline briefs take the harbour seed's date
    assert _gzip_time(sites["no-epoch"] / "sitemap.xml.gz") == _midnight(newest)


def test_the_generated_scripts_are_compared_too(sites):
    """site-words.js (the scripts' words, from the catalogue) and the search shards are in every tree compared."""
    for name in ("reference", "no-epoch"):
        assert (sites[name] / "assets" / "javascripts" / "site-words.js").is_file()
        assert any((sites[name] / "search" / "d").glob("*.js"))


def test_the_maps_and_filter_data_are_among_the_compared_files(sites):
    """The new outputs of generator/maps are in the builds compared above: inline SVG maps on
    brief and actor pages, the timeline chart, the contested page, the filter data."""
    site = sites["reference"]
    for path in ("assets/filters/claims-1.js", "assets/filters/implications-1.js", "contested.html",
                 "assets/javascripts/filters.js", "assets/stylesheets/maps.css"):
        assert (site / path).is_file(), path
    briefs = sorted((site / "briefs").glob("*.html"))
    assert briefs and all('<svg class="map__svg"' in p.read_text(encoding="utf-8") for p in briefs)
    assert '<svg class="timeline-chart__svg"' in (site / "timeline.html").read_text(encoding="utf-8")
    assert "contested-pair" in (site / "contested.html").read_text(encoding="utf-8")


def test_the_open_data_files_are_compared_too(sites):
    """The feeds, the dataset and the Web Annotations (generator/opendata/) are among the files compared,
    and their dates are the briefs' own, whatever SOURCE_DATE_EPOCH says."""
    for name in ("reference", "no-epoch"):
        site = sites[name]
        for path in ("feed.xml", "data/briefs.json", "data/briefs.schema.json", "data/claims.csv",
                     "data/relations.csv", "data/annotations/terminal-audit.jsonld", "data.html"):
            assert (site / path).is_file(), f"{name}: {path}"
        assert b"<updated>2024-05-02T00:00:00Z</updated>" in (site / "feed.xml").read_bytes()
    assert (sites["reference"] / "feed.xml").read_bytes() == (sites["no-epoch"] / "feed.xml").read_bytes()
