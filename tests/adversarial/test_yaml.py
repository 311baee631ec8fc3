"""Hostile YAML (and seed bytes) end in one clear diagnostic at file:line:col, or load as plain text.

Every case is a folder under ``fixtures/check/`` (``yaml-*``, ``seed-*``) holding
the files of a corpus and ``expected.txt``, the exact output of ``briefs check``
(empty: the corpus is valid). Cases that would be silly as files (50 MB, 5,000
levels of nesting) are generated here, one table row each.
"""

from __future__ import annotations

import pytest
import yaml

from generator.validate import check_corpus

from .helpers import CHECK_CASES, SHARED_SEED, case_names, check, copy_case, expected_lines, write_files

PWNED = "adversarial-pwned"  # the file the os.system payloads would create in the working directory
TAG_HINT = "annotations are plain text, lists and mappings; remove the tag"


@pytest.mark.parametrize("case", case_names("yaml-") + case_names("seed-"))
def test_check_reports_exactly(run_case, case):
    expected = expected_lines(case)

    code, lines = run_case(case)

    assert lines == expected
    assert code == (1 if expected else 0)


OBJECT_TAG_CASES = ["yaml-python-object-apply", "yaml-python-object-apply-whole-file",
                    "yaml-python-object-apply-in-shared-actors"]


@pytest.mark.parametrize("case", OBJECT_TAG_CASES)
def test_a_python_object_tag_runs_nothing(tmp_path, monkeypatch, case):
    root = copy_case(CHECK_CASES / case, tmp_path / "corpus")
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)  # the payload runs "touch adversarial-pwned" here

    code, lines = check(root)

    assert not (workdir / PWNED).exists()
    assert (code, lines) == (1, expected_lines(case))
    assert TAG_HINT in lines[0]


@pytest.mark.parametrize("case", OBJECT_TAG_CASES)
def test_the_payload_is_live_when_yaml_is_loaded_unsafely(tmp_path, monkeypatch, case):
    """The control experiment: the same file through yaml.unsafe_load does run the command,
    so the test above proves something."""
    brief = next(p for p in (CHECK_CASES / case / "briefs").iterdir() if "pwned" in p.read_text())
    monkeypatch.chdir(tmp_path)

    yaml.unsafe_load(brief.read_text(encoding="utf-8"))

    assert (tmp_path / PWNED).exists()


def _deep_block_mappings(levels: int) -> str:
    return "".join(" " * i + "a:\n" for i in range(levels)) + " " * levels + "b\n"


B = "briefs/terminal-delay.yml"
NESTING = "nesting is deeper than 32 levels; annotations never need this much nesting"
GENERATED = [
    # (story, files, expected stdout)
    ("5,000 nested flow sequences", {B: "[" * 5000 + "]" * 5000 + "\n"},
     # libyaml stops flow nesting at 1,000 levels by itself, while scanning ahead.
     [f"{B}:1:1001: error: YAML syntax error: exceeded maximum nesting depth (while increasing flow level)"]),
    ("5,000 nested flow mappings", {B: "{a: " * 5000 + "b" + "}" * 5000 + "\n"},
     [f"{B}:1:129: error: {NESTING}"]),
    ("5,000 nested block sequences", {B: "- " * 5000 + "x\n"},
     [f"{B}:1:65: error: {NESTING}"]),
    # 5,000 levels of block mappings take 12.5 MB of indentation (over the size cap): 1,000 levels.
    ("1,000 nested block mappings", {B: _deep_block_mappings(1000)},
     [f"{B}:33:33: error: {NESTING}"]),
    ("deep nesting inside a valid brief", {B: "seed: harbour.txt\ntitle: " + "[" * 5000 + "]" * 5000 + "\n"},
     [f"{B}:2:1007: error: YAML syntax error: exceeded maximum nesting depth (while increasing flow level)"]),
    ("a 50 MB brief", {B: b"seed: harbour.txt\ntitle: " + b"x" * (50 * 1024 * 1024 - 26) + b"\n"},
     [f"{B}:1:1: error: file is 52,428,800 bytes; the limit is 1,048,576 bytes; split it into smaller files"]),
    ("a 50 MB seed", {"seeds/huge.txt": b"date 2024-05-02 " + b"word " * (10 * 1024 * 1024)},
     ["seeds/huge.txt:1:1: error: file is 52,428,816 bytes; the limit is 2,097,152 bytes; "
      "a seed holds one article; this is far longer than one"]),
]


@pytest.mark.parametrize("story, files, expected", GENERATED, ids=[g[0] for g in GENERATED])
def test_generated_monsters_end_in_one_diagnostic(tmp_path, story, files, expected):
    root = write_files(tmp_path / "corpus", {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(), **files})

    code, lines = check(root)

    assert (code, lines) == (1, expected)


def test_booleans_numbers_and_times_stay_the_text_written(tmp_path):
    root = copy_case(CHECK_CASES / "yaml-booleans-numbers-and-times-stay-text", tmp_path / "corpus")

    corpus, problems = check_corpus(root)

    assert problems == []
    brief = corpus.briefs[0]
    actor = corpus.actors["ana-ruiz"].actor
    claim = corpus.claims["terminal-cheaper-than-planned"].claim
    assert (brief.doc.title, brief.doc.summary) == ("no", "off")
    assert (actor.name, actor.role, actor.description) == ("yes", "10:00", "0555567")
    assert actor.aliases == ("NO", "On", "y", "1e3", "0x1F", ".inf")
    assert (claim.statement, claim.review.note) == ("Off", "12:30:45")


def test_a_byte_order_mark_is_accepted_in_briefs_and_seeds(tmp_path):
    for case in ("yaml-byte-order-mark", "seed-byte-order-mark"):
        corpus, problems = check_corpus(copy_case(CHECK_CASES / case, tmp_path / case))

        assert problems == []
        assert corpus.briefs[0].doc.seed == "harbour.txt"
        first = corpus.briefs[0].seed.blocks[0].text
        assert first.startswith("Harbour officials"), first  # the BOM is not part of the text


def test_the_nul_escape_never_reaches_a_page(tmp_path):
    """"\\0" in a double-quoted string is a real NUL character once parsed: the model refuses it."""
    text = (CHECK_CASES / "yaml-nul-escape" / "briefs" / "terminal-delay.yml").read_text(encoding="utf-8")
    assert "\x00" not in text and "\\0" in text  # the file itself is clean ASCII

    corpus, problems = check_corpus(copy_case(CHECK_CASES / "yaml-nul-escape", tmp_path / "corpus"))

    assert corpus is None
    assert [(p.line, p.col, p.message) for p in problems] == [
        (2, 18, "control character U+0000 NUL is not allowed")]
