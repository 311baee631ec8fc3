"""What each key of the index finds: stems link the forms of a word, names rank above text.

Small hand-made documents, run through the real index writer and read back
the way the browser reads it (``searchindex.BuiltIndex``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.search.documents import SearchDoc
from generator.search.shards import index_files
from generator.search.terms import collect_terms, stemmer_name
from generator.search.tokens import fold
from searchindex import BuiltIndex


def doc(title: str, body: str = "", *, kind: str = "brief", language: str = "en") -> SearchDoc:
    return SearchDoc(kind, title, f"{kind}s/{fold(title)[:10]}.html", body, "", ((title, 8.0), (body, 1.0)), language)


def built(tmp_path: Path, docs: list[SearchDoc]) -> BuiltIndex:
    for path, content in index_files(docs, collect_terms(docs)).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(content)
    return BuiltIndex(tmp_path)


def test_a_form_finds_the_documents_of_every_form_of_its_word(tmp_path: Path) -> None:
    index = built(tmp_path, [
        doc("Заявление Орловой", "Елена Орлова заявила", language="ru"),
        doc("Интервью", "Журналисты спросили Орлову о тарифах", language="ru"),
        doc("Other", "Orlov is someone else entirely", language="en"),
    ])
    assert index.finds("орлова") == {0, 1}
    assert index.finds("орлову") == {0, 1}
    assert index.finds("running") == set()  # absent words find nothing


@pytest.mark.parametrize(("language", "algorithm"), [
    ("en", "english"), ("ru", "russian"), ("pt-BR", "portuguese"), ("el", "greek"), ("ar", "arabic"),
    ("zh-Hans", None), ("ja", None),
])
def test_the_stemmer_follows_the_language_tag(language: str, algorithm: str | None) -> None:
    assert stemmer_name(language) == algorithm


def test_a_language_without_a_stemmer_keeps_its_words_as_written(tmp_path: Path) -> None:
    index = built(tmp_path, [doc("Running", "runs", language="ja"), doc("Run", "", language="en")])
    assert index.finds("running") == {0}
    assert index.finds("run") == {1}


def test_a_name_in_a_title_ranks_above_the_same_word_in_a_paragraph(tmp_path: Path) -> None:
    index = built(tmp_path, [
        doc("Harbour news", "the mayor Ana Ruiz said the terminal opens in June " * 3),
        doc("Ana Ruiz", "Mayor of Port Vell", kind="actor"),
    ])
    entry = index.entry("ruiz")
    scores = dict(zip(_ids(entry["p"]), entry["p"][1::2]))
    assert scores[1] > scores[0]


def test_the_guide_weighs_less_than_an_entity_with_the_same_text(tmp_path: Path) -> None:
    index = built(tmp_path, [doc("Quotes", "a quote", kind="guide"), doc("Quotes", "a quote", kind="claim")])
    entry = index.entry("quot")  # the English stem of "quotes" and "quote"
    scores = dict(zip(_ids(entry["p"]), entry["p"][1::2]))
    assert scores[1] > scores[0]
    assert index.manifest["guide"] == 0  # numbering, not ranking: the writer keeps the caller's order


def test_writing_the_same_documents_twice_gives_the_same_bytes() -> None:
    docs = [doc("Παπαδοπούλου", "Η δήμαρχος", language="el"), doc("北京", "中国的首都", language="zh-Hans")]
    assert index_files(docs, collect_terms(docs)) == index_files(docs, collect_terms(docs))


def _ids(postings: list[int]) -> list[int]:
    out, doc_id = [], 0
    for gap in postings[0::2]:
        doc_id += gap
        out.append(doc_id)
    return out
