"""Incremental generation (``mkdocs serve``) gives exactly what a fresh build gives.

A ``Memo`` reuses a page when nothing it read of the site has changed. Each
scenario edits a copy of the multi-brief fixture the way a contributor would
(a title, an actor's name in ``_actors.yml``, a removed claim, a new brief, a
seed's text, a tag...), regenerates with the memo kept from the previous
build, and compares every output with a generation from scratch. It also
checks that the memo did reuse pages (otherwise the test would pass with no
caching at all) and re-rendered the ones the edit touches.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Callable

import pytest

from generator.incremental import Memo
from generator.outputs import SiteOptions
from generator.pipeline import Generated, generate
from generator.search import SearchIndex

REPO = Path(__file__).resolve().parents[1]
MULTI = REPO / "tests" / "fixtures" / "site" / "multi"
sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import write_corpus  # noqa: E402


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _retitle(root: Path) -> None:
    _edit(root / "briefs" / "quota-cut.yml", 'title: "Water board', 'title: "Revised: Water board')


def _rename_shared_actor(root: Path) -> None:
    _edit(root / "briefs" / "_actors.yml", "name: Helena Varga", "name: Helena Varga-Reil")


def _remove_claim(root: Path) -> None:
    path = root / "briefs" / "quota-cut.yml"
    text = path.read_text(encoding="utf-8")
    block = re.search(r"\n  - id: independent-review-by-june\n(?:    .*\n)+", text)
    assert block is not None
    path.write_text(text.replace(block.group(0), "\n"), encoding="utf-8")


def _add_brief(root: Path) -> None:
    seed = (root / "seeds" / "quota-cut.txt").read_text(encoding="utf-8")
    (root / "seeds" / "quota-copy.txt").write_text(seed.replace("2025-02-21", "2025-03-30", 1), encoding="utf-8")
    text = (root / "briefs" / "quota-cut.yml").read_text(encoding="utf-8")
    text = text.replace("seed: quota-cut.txt", "seed: quota-copy.txt").replace("date: 2025-02-21", "date: 2025-03-30")
    text = re.sub(r"(\n  - id: )([a-z0-9-]+)", r"\1copy-\2", text)
    text = re.sub(r"because: \[([a-z0-9-]+)\]", r"because: [copy-\1]", text)
    (root / "briefs" / "quota-copy.yml").write_text(text, encoding="utf-8")


def _retag(root: Path) -> None:
    _edit(root / "briefs" / "quota-cut.yml", "tags: [water, marren-valley, agriculture]", "tags: [water, drought]")


def _edit_seed(root: Path) -> None:
    seed = root / "seeds" / "quota-cut.txt"
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.rstrip("\n") + "\n\nA closing paragraph added by an editor.\n", encoding="utf-8")


def _restatement(root: Path) -> None:
    _edit(root / "briefs" / "quota-cut.yml", "Varga calls the 30 percent cut painful but unavoidable.",
          "Varga calls the cut painful, unavoidable and temporary.")


def _add_contradiction(root: Path) -> None:
    """A claim of one brief now contradicts a claim of another: that other claim's page says so."""
    _edit(root / "briefs" / "hydro-responds.yml", "    supports: [releases-within-licence]\n",
          "    supports: [releases-within-licence]\n    contradicts: [hydro-releases-drained-reservoir]\n")


def _resolve_implication(root: Path) -> None:
    """An outcome a year later: the implication's page, its listing, the track record, and the
    build's "today" (now that outcome's date) change; so every other implication that is now due."""
    _edit(root / "briefs" / "quota-cut.yml", '    quote: "seek compensation for growers in the lower valley"\n',
          '    quote: "seek compensation for growers in the lower valley"\n'
          "    outcome:\n      status: occurred\n      date: 2026-03-01\n"
          "      evidence: [https://example.org/compensation-claims]\n")


def _contradict_and_rate(root: Path) -> None:
    """A claim now contradicts one of another brief and is rated false: the contested page, both
    briefs' maps, and the filter data change."""
    _edit(root / "briefs" / "quota-cut.yml", "    supports: [spring-quotas-will-be-cut]\n",
          "    supports: [spring-quotas-will-be-cut]\n    contradicts: [releases-within-licence]\n"
          "    review:\n      rating: false\n")


SCENARIOS: dict[str, Callable[[Path], None]] = {
    "retitle a brief": _retitle,
    "rename a shared actor": _rename_shared_actor,
    "remove a claim": _remove_claim,
    "add a brief": _add_brief,
    "change tags": _retag,
    "edit a seed": _edit_seed,
    "restate a claim another brief's claim supports": _restatement,
    "resolve an implication": _resolve_implication,
    "add a contradiction across briefs": _add_contradiction,
    "contradict a claim of another brief, rate it false": _contradict_and_rate,
}

# Pages of *other* briefs that a scenario must change (a relation across briefs).
ELSEWHERE = {
    "rename a shared actor": ["briefs/reservoir-low.md", "briefs/hydro-responds.md"],
    "add a contradiction across briefs": ["claims/hydro-releases-drained-reservoir.md"],
}


def _outputs(generated: Generated) -> dict[str, str | bytes]:
    return {**{p: o.text for p, o in generated.pages.items()}, **{p: f.content for p, f in generated.files.items()}}


@pytest.mark.parametrize("scenario", list(SCENARIOS), ids=list(SCENARIOS))
def test_an_incremental_build_equals_a_fresh_one(tmp_path: Path, scenario: str) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(MULTI, root)
    memo = Memo()
    options = SiteOptions(site_name="Test", memo=memo)
    before = _outputs(generate(root, options))
    assert before == _outputs(generate(root, SiteOptions(site_name="Test")))  # the memo changes nothing at first
    generate(root, options)
    assert memo.misses == 0, "an unchanged corpus re-rendered pages"

    SCENARIOS[scenario](root)
    after = _outputs(generate(root, options))
    fresh = _outputs(generate(root, SiteOptions(site_name="Test")))
    assert after.keys() == fresh.keys()
    stale = [path for path in fresh if after[path] != fresh[path]]
    assert not stale, f"{scenario}: pages that kept their old content: {stale}"
    changed = [path for path in fresh if before.get(path) != fresh[path]]
    assert changed, "the edit changed nothing: the scenario tests nothing"
    assert set(ELSEWHERE.get(scenario, ())) <= set(changed), "a page of another brief should have changed"
    assert memo.hits > 0, "nothing was reused"
    assert memo.misses >= len([p for p in changed if p.endswith(".md")])


def test_an_unchanged_file_is_not_validated_again(tmp_path: Path) -> None:
    """The checked corpus is cached per file by content: an untouched brief gives the very
    same objects, a touched one is read again."""
    root = tmp_path / "corpus"
    shutil.copytree(MULTI, root)
    memo = Memo()
    first = generate(root, SiteOptions(memo=memo)).corpus
    _retitle(root)
    second = generate(root, SiteOptions(memo=memo)).corpus
    docs = {b.id: b.doc for b in first.briefs}
    assert all(b.doc is docs[b.id] for b in second.briefs if b.id != "quota-cut")
    assert next(b for b in second.briefs if b.id == "quota-cut").doc is not docs["quota-cut"]


def test_one_edit_in_a_larger_corpus_rewrites_only_what_it_touches(tmp_path: Path) -> None:
    """The ``mkdocs serve`` edit loop on a synthetic corpus (the benchmark's edit: one brief's
    title, then one word of an article): every output equals a fresh build's, search index
    included, and only the few pages and index files the edit touches change."""
    root = write_corpus(tmp_path / "corpus", 60)
    memo = Memo()
    options = SiteOptions(site_name="Test", memo=memo)
    before = _outputs(generate(root, options))
    brief, seed = root / "briefs" / "brief-000003.yml", root / "seeds" / "000007.txt"
    for edit in (lambda: _edit(brief, 'title: "Synthetic brief 3:', 'title: "Edited zebra brief 3:'),
                 lambda: _edit(seed, " the ", " the quokka ")):
        edit()
        after = _outputs(generate(root, options))
        fresh = _outputs(generate(root, SiteOptions(site_name="Test")))
        assert after.keys() == fresh.keys()
        assert [path for path in fresh if after[path] != fresh[path]] == []
        changed = [path for path in fresh if before.get(path) != fresh[path]]
        index = [path for path in fresh if path.startswith("search/")]
        assert 0 < len([p for p in changed if p.startswith("search/")]) < len(index) / 4, changed
        assert 0 < len([p for p in changed if p.endswith(".md")]) < 40, changed
        assert memo.misses < 40
        # The index scored again only the keys of the edited documents, not the corpus's.
        search = memo.keep("search", SearchIndex)
        assert 0 < search.terms.rescored < len(search.shards._key_set) / 10
        before = after
    shards = [content for path, content in after.items() if path.startswith("search/t/")]
    assert any(b'"zebra"' in content for content in shards) and any(b'"quokka"' in content for content in shards)
