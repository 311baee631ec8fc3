"""The search index stays small per file and per query whatever the corpus, and is deterministic.

A synthetic corpus of a few hundred briefs (``benchmarks/synthetic.py``: one brief
in four in another script) is generated with ``briefs generate``; the assertions
read the files a browser would load. Not timed: speed is in ``benchmarks/``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from generator.cli import main
from generator.search.shards import DOC_SHARD_BUDGET, MIN_PREFIX, TERM_SHARD_BUDGET
from searchindex import BuiltIndex
from sitebuild import REPO, make_corpus, tree_digest

sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import write_corpus  # noqa: E402

BRIEFS = 300
MANIFEST_BUDGET = 16 * 1024


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> BuiltIndex:
    base = tmp_path_factory.mktemp("search-scale")
    corpus = make_corpus(write_corpus(base / "src", BRIEFS), base / "corpus")
    assert main(["generate", "--root", str(corpus), "--out", str(base / "out")]) == 0
    return BuiltIndex(base / "out")


def test_no_index_file_exceeds_its_budget(index: BuiltIndex) -> None:
    sizes = {p.relative_to(index.folder).as_posix(): p.stat().st_size for p in index.files()}
    terms = {k: v for k, v in sizes.items() if k.startswith("t/")}
    docs = {k: v for k, v in sizes.items() if k.startswith("d/")}
    assert len(terms) > 10, "the index is not split"  # a few hundred briefs make tens of shards
    assert sizes["manifest.js"] <= MANIFEST_BUDGET
    assert max(terms.values()) <= TERM_SHARD_BUDGET, max(terms.items(), key=lambda kv: kv[1])
    assert max(docs.values()) <= DOC_SHARD_BUDGET, max(docs.items(), key=lambda kv: kv[1])
    assert len(docs) == -(-index.manifest["docs"] // index.manifest["block"])


def test_every_key_is_in_the_one_shard_the_manifest_sends_its_query_to(index: BuiltIndex) -> None:
    """So a one-word query reads one term shard: the key is where the manifest points, and
    the stems a form links to sit in the same shard."""
    misplaced, stray_links = [], []
    for n, shard in enumerate(index.shards()):
        keys = set(shard["k"])
        for key, entry in zip(shard["k"], shard["v"]):
            if index.shard_number(key) != n:
                misplaced.append((key, n, index.shard_number(key)))
            stray_links += [(key, stem) for stem in entry.get("s", []) if stem not in keys]
    assert misplaced == []
    assert stray_links == []


def test_a_word_being_typed_is_completed_from_its_own_shard(index: BuiltIndex) -> None:
    """Every prefix whose completions are not all in the prefix's own shard has a merged
    table there (``x``), so completing it reads that one shard too."""
    where: dict[str, set[int]] = defaultdict(set)
    for n, shard in enumerate(index.shards()):
        for key in shard["k"]:
            for length in range(MIN_PREFIX, len(key) + 1):
                where[key[:length]].add(n)
    tables = {n: {prefix for prefix, _ in shard["x"]} for n, shard in enumerate(index.shards())}
    missing = [prefix for prefix, shards in where.items()
               if shards != {index.shard_number(prefix)} and prefix not in tables[index.shard_number(prefix)]]
    assert missing == []
    assert sum(len(t) for t in tables.values()) > 0  # the corpus is big enough to need some


def test_common_words_are_capped_and_marked(index: BuiltIndex) -> None:
    entry = index.entry("the")
    assert entry is not None and entry["n"] > index.manifest["cap"]
    assert len(entry["p"]) == 2 * index.manifest["cap"]


def test_other_scripts_are_indexed_with_their_latin_spelling(index: BuiltIndex) -> None:
    docs = index.documents
    greek = next(d for d in docs if d["kind"] == "Actor" and any("\u0370" <= c <= "\u03ff" for c in d["title"]))
    from generator.search.tokens import fold, query_tokens, transliterate

    last = query_tokens(greek["title"])[-1]
    (latin,) = transliterate(fold(last))
    assert {docs[d]["url"] for d in index.finds(latin)} >= {greek["url"]}


def test_the_index_is_byte_identical_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    corpus = make_corpus(REPO / "tests" / "fixtures" / "site" / "multilingual", tmp_path / "corpus")
    digests = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = tmp_path / f"out-{seed}"
        done = subprocess.run([sys.executable, "-m", "generator.cli", "generate", "--root", str(corpus),
                               "--out", str(out)], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        digests.append(tree_digest(out / "search"))
    assert digests[0] == digests[1]
    assert len(digests[0]) > 3
