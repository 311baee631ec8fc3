"""Ids and file names can never name a path outside the output folder, nor one Windows cannot create.

Table rows change one value of the minimal brief (``fixtures/briefs/``) and give
the exact output of ``briefs check``. The properties then try any text as an
id: validation rejects it, or every page path made from it stays inside the
output folder when it is written.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from generator import link
from generator.model import ID_MAX, RESERVED_IDS, Id
from generator.pipeline import generate_pages
from generator.render import RenderedPage
from generator.validate import check_corpus
from generator.write import WriteError, safe_relative, write_tree

from .helpers import MINIMAL_BRIEF, PROFILE, SHARED_SEED, check, run_cli, write_files

B = "briefs/terminal-delay.yml"
ID_GRAMMAR = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
PAGES = (link.brief_page, link.actor_page, link.claim_page, link.implication_page)


def with_actor_id(yaml_value: str) -> dict[str, str]:
    """The minimal brief with the actor declared and referred to as ``yaml_value``."""
    return {B: MINIMAL_BRIEF.replace("  - id: ana-ruiz", f"  - id: {yaml_value}")
                            .replace("by: [ana-ruiz]", f"by: [{yaml_value}]")}


def bad_actor_id(label: str, message: str) -> list[str]:
    """Where a bad actor id is reported: its declaration (5:9) and the claim's 'by' (11:10)."""
    return [f"{B}:5:9: error: actor '{label}': {message}",
            f"{B}:11:10: error: claim 'terminal-cheaper-than-planned': {message}"]


def not_an_id(shown: str, example_id: str) -> str:
    return f"{shown} is not a valid id; use lowercase letters, digits and single hyphens, e.g. '{example_id}'"


def reserved(name: str) -> str:
    return f"'{name}' is a reserved name on Windows (it cannot name a file); choose another"


BAD_FILE_NAME = ("is not a valid brief id; name brief files with lowercase letters, digits and single hyphens "
                 "(at most 80), e.g. us-iraq-talks.yml")
NOT_A_FILE_NAME = "is not a file name; name a file in seeds/ without a folder"

ROWS = [
    # (story, files replacing the minimal brief, exact stdout)
    ("../x", with_actor_id("../x"), bad_actor_id("../x", not_an_id("'../x'", "x"))),
    ("/etc/passwd", with_actor_id("/etc/passwd"), bad_actor_id("/etc/passwd", not_an_id("'/etc/passwd'", "etc-passwd"))),
    ("a backslash", with_actor_id('"a\\\\b"'), bad_actor_id("a\\b", not_an_id("'a\\b'", "a-b"))),
    ("con", with_actor_id("con"), bad_actor_id("con", reserved("con"))),
    ("nul", with_actor_id("nul"), bad_actor_id("nul", reserved("nul"))),
    ("com1", with_actor_id("com1"), bad_actor_id("com1", reserved("com1"))),
    ("lpt1", with_actor_id("lpt1"), bad_actor_id("lpt1", reserved("lpt1"))),
    ("Isis next to isis (differing only in case)",
     {B: MINIMAL_BRIEF.replace("claims:", "  - id: isis\n    name: Islamic State\n    kind: armed-group\n"
                                          "  - id: Isis\n    name: ISIS\n    kind: armed-group\nclaims:")},
     [f"{B}:12:9: error: actor 'Isis': {not_an_id(repr('Isis'), 'isis')}"]),
    ("café, composed (NFC)", with_actor_id("caf\u00e9"), bad_actor_id("caf\u00e9", not_an_id("'caf\u00e9'", "caf"))),
    ("café, decomposed (NFD)", with_actor_id("cafe\u0301"),
     bad_actor_id("cafe\u0301", not_an_id("'cafe\u0301'", "cafe"))),
    ("fullwidth letters", with_actor_id("\uff49\uff53\uff49\uff53"),
     bad_actor_id("\uff49\uff53\uff49\uff53", not_an_id("'\uff49\uff53\uff49\uff53'", "my-id"))),
    ("a trailing newline", with_actor_id('"ana-ruiz\\n"'),
     bad_actor_id("ana-ruiz\\n", not_an_id("'ana-ruiz\\n'", "ana-ruiz"))),
    ("81 characters", with_actor_id("a" * 81),
     bad_actor_id("a" * 81, f"'{'a' * 57}...' is longer than 80 characters; ids are at most 80 characters")),
    ("80 characters are fine", with_actor_id("a" * 80), []),
    ("../../x as a claim id",
     {B: MINIMAL_BRIEF.replace("  - id: terminal-cheaper-than-planned", "  - id: ../../x")},
     [f"{B}:10:9: error: claim '../../x': {not_an_id(repr('../../x'), 'x')}"]),
    ("../x as a tag", {B: MINIMAL_BRIEF.replace("actors:", "tags: [ferry, ../x]\nactors:")},
     [f"{B}:4:15: error: '../x' is not a valid tag; use lowercase letters, digits and single hyphens, e.g. 'x'"]),
    ("a brief file named CON.yml", {"briefs/CON.yml": MINIMAL_BRIEF},
     [f"briefs/CON.yml:1:1: error: file name 'CON' {BAD_FILE_NAME}"]),
    ("a brief file named nul.yml", {"briefs/nul.yml": MINIMAL_BRIEF},
     [f"briefs/nul.yml:1:1: error: file name 'nul' {BAD_FILE_NAME}"]),
    ("a brief file named lpt1.yml", {"briefs/lpt1.yml": MINIMAL_BRIEF},
     [f"briefs/lpt1.yml:1:1: error: file name 'lpt1' {BAD_FILE_NAME}"]),
    # BUG: the brief-id check uses re.match with '$', which also matches before a final
    # newline, so briefs/terminal-delay\n.yml is accepted and makes briefs/terminal-delay\n.html.
    ("a brief file name ending in a newline", {"briefs/terminal-delay\n.yml": MINIMAL_BRIEF},
     [f"briefs/terminal-delay\\n.yml:1:1: error: file name 'terminal-delay\\n' {BAD_FILE_NAME}"]),
    ("seed: ../seeds/harbour.txt", {B: MINIMAL_BRIEF.replace("seed: harbour.txt", "seed: ../seeds/harbour.txt")},
     [f"{B}:1:7: error: '../seeds/harbour.txt' {NOT_A_FILE_NAME}, e.g. 'harbour.txt'"]),
    ("seed: /etc/passwd", {B: MINIMAL_BRIEF.replace("seed: harbour.txt", "seed: /etc/passwd")},
     [f"{B}:1:7: error: '/etc/passwd' {NOT_A_FILE_NAME}, e.g. 'passwd'"]),
    ("seed: ..\\seeds\\harbour.txt",
     {B: MINIMAL_BRIEF.replace("seed: harbour.txt", 'seed: "..\\\\seeds\\\\harbour.txt"')},
     [f"{B}:1:7: error: '..\\seeds\\harbour.txt' {NOT_A_FILE_NAME}, e.g. 'harbour.txt'"]),
    ("seed: ..", {B: MINIMAL_BRIEF.replace("seed: harbour.txt", "seed: ..")},
     [f"{B}:1:7: error: seed '..' not found in seeds/; add the article to seeds/ first; seeds: harbour.txt"]),
]


@pytest.mark.parametrize("story, files, expected", ROWS, ids=[r[0] for r in ROWS])
def test_ids_and_file_names_are_checked_exactly(tmp_path, story, files, expected):
    root = write_files(tmp_path / "corpus", {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(), **files})

    code, lines = check(root)

    assert lines == expected
    assert code == (1 if expected else 0)


CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x9b]")  # what a terminal or a CI log could act on (tab is fine)


CONTROL_ROWS = [
    # (story, files, where the diagnostics must be)
    ("a NUL character in an actor id", with_actor_id('"a\\0b"'), [f"{B}:5:9", f"{B}:11:10"]),
    ("an escape sequence in an actor id", with_actor_id('"\\e[2J\\e[1;1Hok: 1 briefs"'), [f"{B}:5:9", f"{B}:11:10"]),
    # The seed is not found (at the value), and the escape is refused (at the escape itself).
    ("an escape sequence in a seed name", {B: MINIMAL_BRIEF.replace("seed: harbour.txt", 'seed: "\\e[2Jx.txt"')},
     [f"{B}:1:7", f"{B}:1:8"]),
    ("an escape sequence in a key", {B: MINIMAL_BRIEF.replace("    role:", '    "\\e[31mrole":')}, [f"{B}:8:5"]),
    ("a control character in a URL", {B: MINIMAL_BRIEF.replace("actors:", 'source:\n  url: "\\x01https://x"\nactors:')},
     [f"{B}:5:9"]),
]


@pytest.mark.parametrize("story, files, places", CONTROL_ROWS, ids=[r[0] for r in CONTROL_ROWS])
def test_diagnostics_never_print_control_characters(tmp_path, story, files, places):
    """A crafted value could otherwise clear the maintainer's terminal or fake an 'ok' line in the
    CI log: diagnostics show control characters escaped, never raw."""
    root = write_files(tmp_path / "corpus", {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(), **files})

    for fmt in ("text", "github"):
        code, out, err = run_cli("check", "--root", str(root), "--format", fmt)

        assert code == 1
        if fmt == "text":
            assert [line.split(": error: ")[0] for line in out.splitlines()] == places
        found = sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(out.replace("\n", "")) + CONTROL.findall(err.replace("\n", ""))})
        assert found == [], f"--format {fmt} printed control characters {found}:\n{out!r}"


# -- ids that name a page the site already has -------------------------------------------------

INDEX_ROWS = [
    # (kind, the minimal brief with an 'index' id, where the id is written)
    ("actor", with_actor_id("index")[B], [f"{B}:5:9", f"{B}:11:10"]),  # declared, and referred to by the claim
    ("claim", MINIMAL_BRIEF.replace("  - id: terminal-cheaper-than-planned", "  - id: index"), [f"{B}:10:9"]),
    ("implication", MINIMAL_BRIEF + "implications:\n  - id: index\n    statement: More delays.\n"
     "    because: terminal-cheaper-than-planned\n    likelihood: likely\n    confidence: low\n"
     "    horizon: near-term\n", [f"{B}:15:9"]),
]


@pytest.mark.parametrize("kind, brief, places", INDEX_ROWS, ids=[r[0] for r in INDEX_ROWS])
def test_an_id_that_names_an_index_page_is_refused_by_check(tmp_path, kind, brief, places):
    """actors/index.md, claims/index.md and implications/index.md are the section indexes: an
    'index' id would need the same page. check must say so; generate and build must not crash."""
    root = write_files(tmp_path / "corpus", {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(), B: brief})

    code, out, err = run_cli("check", "--root", str(root))
    gen_code, _, gen_err = run_cli("generate", "--root", str(root), "--out", str(tmp_path / "out"))

    assert [line.split(": error: ")[0] for line in out.splitlines()] == places, out
    assert code == 1
    assert gen_code == 1 and "Traceback" not in gen_err


# -- files that are links to somewhere else ----------------------------------------------------

SECRET = "SECRET-TOKEN-4242"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the corpus holding a 'secret' a build machine could have."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(f"date 2024-05-02 The deploy key is {SECRET} and must stay private.\n")
    (folder / "secret.yml").write_text(f"{SECRET}\n")
    return folder


def _linked_corpus(tmp_path: Path) -> Path:
    return write_files(tmp_path / "corpus", {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(), B: MINIMAL_BRIEF})


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="symbolic links need a POSIX file system")
@pytest.mark.parametrize("link_path, target", [("seeds/leak.txt", "secret.txt"), ("briefs/leak.yml", "secret.yml")])
def test_a_seed_or_brief_that_links_outside_the_corpus_is_refused_unread(tmp_path, outside, link_path, target):
    """A pull request can add a symbolic link (git stores it as one). Followed, it would publish
    (or print in the public CI log) any file of the build machine."""
    root = _linked_corpus(tmp_path)
    (root / link_path).symlink_to(outside / target)
    if link_path.startswith("seeds/"):  # a brief that quotes it, as an attacker would
        (root / "briefs" / "uses-leak.yml").write_text(
            MINIMAL_BRIEF.replace("seed: harbour.txt", "seed: leak.txt")
                         .replace("ana-ruiz", "someone").replace("terminal-cheaper-than-planned", "leaked")
                         .replace('"the terminal would cost less than planned"', '"deploy key is"'))

    code, out, err = run_cli("check", "--root", str(root))

    assert SECRET not in out + err, f"the linked file was read and printed:\n{out}{err}"
    assert code == 1, "the linked file was accepted: its content would be published on the site"
    assert [line.split(": error: ")[0] for line in out.splitlines()] == [f"{link_path}:1:1"]


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="symbolic links need a POSIX file system")
def test_a_seeds_folder_that_links_outside_the_corpus_is_refused_unread(tmp_path, outside):
    root = _linked_corpus(tmp_path)
    (root / "seeds" / SHARED_SEED.name).unlink()
    (root / "seeds").rmdir()
    (root / "seeds").symlink_to(outside, target_is_directory=True)
    (root / "briefs" / "terminal-delay.yml").write_text(
        MINIMAL_BRIEF.replace("seed: harbour.txt", "seed: secret.txt")
                     .replace('"the terminal would cost less than planned"', '"deploy key is"'))

    code, out, err = run_cli("check", "--root", str(root))

    assert SECRET not in out + err, f"the linked folder was read and printed:\n{out}{err}"
    assert code == 1, "the linked folder was accepted: its content would be published on the site"


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="symbolic links need a POSIX file system")
def test_write_tree_never_follows_a_link_out_of_the_output_folder(tmp_path):
    """Defence in depth behind safe_relative: a folder inside the output that is a link to
    somewhere else is not written through."""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "actors").symlink_to(elsewhere, target_is_directory=True)

    with pytest.raises(WriteError):
        write_tree({"actors/ana-ruiz.md": RenderedPage("actors/ana-ruiz.md", "x")}, out)

    assert list(elsewhere.iterdir()) == []


# -- properties -----------------------------------------------------------------------------

# Texts an attacker would try first, then anything.
NASTY = ["../x", "..", ".", "/etc/passwd", "a\\b", "a\x00b", "con", "CON", "nul", "com1", "lpt9", "x/../../y",
         "C:x", "c:\\x", "~", "%2e%2e", "a\n", "ana-ruiz\n", "\u2024\u2024", "\uff0e\uff0e", "a" * 81, "a" * 80,
         "isis", "Isis", "caf\u00e9", "cafe\u0301", " x", "x ", "-x", "x-", "x--y", "x.md", "index", "\u202eabc"]
id_texts = st.one_of(st.sampled_from(NASTY), st.text(max_size=90),
                     st.from_regex(r"\A[a-z0-9./\\:-]{1,12}\Z"))


def _accepted(text: str) -> bool:
    try:
        TypeAdapter(Id).validate_python(text)
    except ValidationError:
        return False
    return True


def _write_inside(paths: list[str]) -> None:
    """write_tree the pages into a fresh folder; assert every file landed inside it and nothing beside it."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        out.mkdir()
        write_tree({p: RenderedPage(p, "x") for p in paths}, out)
        written = sorted(q.relative_to(out).as_posix() for q in out.rglob("*") if q.is_file())
        assert written == sorted(paths)
        assert sorted(q.name for q in Path(tmp).iterdir()) == ["out"]
        for q in out.rglob("*"):
            assert q.resolve().is_relative_to(out.resolve())


@PROFILE
@given(text=id_texts)
@example(text="../x")
@example(text="a\n")
@example(text="con")
def test_an_id_is_rejected_or_all_its_pages_stay_inside_the_output_folder(text):
    if not _accepted(text):
        return
    assert ID_GRAMMAR.fullmatch(text) and len(text) <= ID_MAX and text not in RESERVED_IDS, \
        f"validation accepted {text!r}, which breaks the documented id rule"
    paths = [page(text).path for page in PAGES]
    for path in paths:
        assert safe_relative(path).as_posix() == path
    _write_inside(paths)


@PROFILE
@given(text=id_texts)
@example(text="../x")
@example(text="/etc/passwd")
@example(text="a\\b")
@example(text="..")
@example(text="C:x")
def test_the_write_guard_alone_keeps_any_page_path_inside(text):
    """Defence in depth: even for an id that validation would reject, safe_relative refuses the
    path or write_tree writes it inside the output folder."""
    paths = []
    for page in PAGES:
        path = page(text).path
        try:
            safe_relative(path)
        except WriteError:
            continue
        paths.append(path)
    with contextlib.suppress(WriteError, OSError):  # refusing (or the OS refusing) is fine; escaping is not
        _write_inside(paths)


file_stems = st.one_of(
    st.sampled_from(["terminal-delay\n", "CON", "con", "a" * 81, "..", ".x", "x ", "terminal-delay", "a\r"]),
    st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=40),
)


@PROFILE
@given(stem=file_stems)
@example(stem="terminal-delay\n")
def test_a_brief_is_accepted_only_under_a_valid_id(stem):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        try:
            write_files(root, {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(), f"briefs/{stem}.yml": MINIMAL_BRIEF})
        except (OSError, ValueError):
            return  # a name this file system cannot hold
        corpus, problems = check_corpus(root)
        if corpus is None:
            return
        for brief in corpus.briefs:
            assert ID_GRAMMAR.fullmatch(brief.id) and len(brief.id) <= ID_MAX and brief.id not in RESERVED_IDS, \
                f"briefs/{stem!r}.yml was accepted as brief {brief.id!r}"
        for path in generate_pages(root):
            safe_relative(path)
