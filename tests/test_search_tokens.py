"""The index and the browser tokenise text the same way, in every script.

``tests/search_vectors.json`` holds the cases (accents, final sigma, Turkish i,
NFKC, Chinese bigrams, characters beyond the BMP...). This test checks them
against the index side (``generator/search/tokens.py``); ``node --test`` checks
the same file against ``search-engine.js`` (``tests/js/search_tokens.test.js``).
"""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import REPO, installed_tool
from generator.search.tokens import fold, index_tokens, query_tokens, transliterate

VECTORS = json.loads((REPO / "tests" / "search_vectors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("vector", VECTORS, ids=[v["why"] for v in VECTORS])
def test_the_index_tokenises_as_the_vectors_say(vector: dict) -> None:
    assert fold(vector["text"]) == vector["fold"]
    assert query_tokens(vector["text"]) == vector["tokens"]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["why"] for v in VECTORS])
def test_every_key_a_query_looks_up_is_indexed_for_the_same_text(vector: dict) -> None:
    words, grams = index_tokens(vector["text"])
    assert set(query_tokens(vector["text"])) <= set(words) | set(grams)


def test_the_browser_tokenises_as_the_vectors_say() -> None:
    node = installed_tool("node", "apt-get install nodejs")
    done = subprocess.run([node, "--test", str(REPO / "tests" / "js")], capture_output=True, text=True,
                          timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert f"# pass {len(VECTORS)}" in done.stdout, done.stdout[-2000:]


@pytest.mark.parametrize(("written", "latin"), [
    ("παπαδοπουλου", "papadopoulou"),  # ου is ou in every Greek romanisation
    ("θεσσαλονικη", "thessaloniki"),
    ("орлова", "orlova"),
    ("北京", "beijing"),
    ("straße", "strasse"),
    ("łodz", "lodz"),
])
def test_words_in_other_scripts_have_a_latin_spelling(written: str, latin: str) -> None:
    assert transliterate(written) == (latin,)


def test_latin_words_have_no_second_spelling() -> None:
    assert transliterate("dvorak") == ()
