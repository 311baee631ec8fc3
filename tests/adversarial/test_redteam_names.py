"""Red-team findings of issue 10, files half, item 9 (low): file names and unreadable files.

Every file under ``briefs/`` and ``seeds/`` that looks meant to be read is read or
reported, with a name that prints, and ``briefs new`` writes YAML its own check reads.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.load import load_yaml_file

from .helpers import MINIMAL_BRIEF, REPO, SHARED_SEED, check, run_cli, write_files

LINK = "error: symbolic links are not allowed in a corpus; commit the file itself, not a link to it"


def corpus(tmp_path: Path, files: dict[str, str | bytes] | None = None) -> Path:
    return write_files(tmp_path / "corpus", {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(),
                                             "briefs/terminal-delay.yml": MINIMAL_BRIEF, **(files or {})})


# -- non-UTF-8 file names ----------------------------------------------------------------------


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "utf-8"}, {"LC_ALL": "C", "PYTHONIOENCODING": ""}],
                         ids=["utf-8 output", "C locale"])
def test_finding_9_a_file_name_that_is_not_utf8_is_reported_printably(tmp_path, env):
    root = corpus(tmp_path)
    for folder in (b"seeds", b"briefs"):
        with open(os.path.join(os.fsencode(root), folder, b"caf\xe9.txt"), "wb") as f:
            f.write(b"date 2024-05-01 Text.\n")

    done = subprocess.run([sys.executable, "-m", "generator.cli", "check", "--root", str(root)], capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(REPO), **env})

    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1
    assert done.stdout.decode("ascii").splitlines() == [
        f"{folder}/caf\\xe9.txt:1:1: error: file name is not valid UTF-8; rename the file; save names in UTF-8 "
        "(git mv OLD NEW)" for folder in ("briefs", "seeds")]


# -- links, odd extensions, folders named like files --------------------------------------------


def test_finding_9_links_odd_extensions_and_folders_under_briefs_are_reported(tmp_path):
    root = corpus(tmp_path, {"briefs/upper.YML": MINIMAL_BRIEF, "briefs/long.YAML": MINIMAL_BRIEF,
                             "briefs/folder.yml/inside.yml": MINIMAL_BRIEF, "seeds/folder.txt/x.txt": "x",
                             "seeds/upper.TXT": "date 2024-05-01 Text.\n",
                             "briefs/_draft.yaml": "notes: never read\n", "briefs/README.md": "# notes\n",
                             "briefs/drafts/old.yml": "never read\n"})
    (root / "briefs" / "dangling.yml").symlink_to(root / "nowhere.yml")
    (root / "briefs" / "_notes.yml").symlink_to("/etc/passwd")
    (root / "briefs" / "linked-folder").symlink_to(root / "seeds", target_is_directory=True)
    (root / "seeds" / "dangling.txt").symlink_to("/nowhere")
    (root / "briefs" / "drafts" / "deep").mkdir()
    (root / "briefs" / "drafts" / "deep" / "leak.txt").symlink_to("/etc/passwd")

    code, lines = check(root)

    assert code == 1
    assert lines == [
        "briefs/_notes.yml:1:1: " + LINK,
        "briefs/dangling.yml:1:1: " + LINK,
        "briefs/drafts/deep/leak.txt:1:1: " + LINK,
        "briefs/folder.yml:1:1: error: briefs/folder.yml is a folder, not a YAML file; rename the folder, "
        "or move its files up into the folder above",
        "briefs/linked-folder:1:1: " + LINK,
        "briefs/long.YAML:1:1: error: brief files end in '.yml'; rename it to long.yml",
        "briefs/upper.YML:1:1: error: brief files end in '.yml'; rename it to upper.yml",
        "seeds/dangling.txt:1:1: " + LINK,
        "seeds/folder.txt:1:1: error: seeds/folder.txt is a folder, not a text file; rename the folder, "
        "or move its files up into the folder above",
        "seeds/upper.TXT:1:1: error: seed files end in '.txt' (lowercase); rename it to upper.txt",
    ]


# -- portable names ----------------------------------------------------------------------------

PORTABILITY = [
    ("aux.txt", "file name 'aux.txt' is the Windows device name 'aux', which cannot be a file there; "
                "rename it, e.g. 'aux-1.txt'"),
    ("COM1.report.txt", "file name 'COM1.report.txt' is the Windows device name 'com1', which cannot be a file "
                        "there; rename it, e.g. 'com1-1.report.txt'"),
    ("a:b.txt", "file name 'a:b.txt' contains ':', which Windows does not allow in file names (macOS shows it "
                "as '/'); rename it, e.g. 'a-b.txt'"),
    ('say "hi".txt', "file name 'say \"hi\".txt' contains '\"', which Windows does not allow in file names; "
                     "rename it, e.g. 'say -hi-.txt'"),
    ("what?.txt", "file name 'what?.txt' contains '?', which Windows does not allow in file names; "
                  "rename it, e.g. 'what-.txt'"),
    ("back\\slash.txt", "file name 'back\\slash.txt' contains '\\', which Windows does not allow in file names; "
                        "rename it, e.g. 'back-slash.txt'"),
    ("tab\there.txt", "file name 'tab\\there.txt' contains 'U+0009', which Windows does not allow in file "
                      "names; rename it, e.g. 'tab-here.txt'"),
    ("trailing.txt.", "file name 'trailing.txt.' ends with a dot, which Windows drops; rename it, "
                      "e.g. 'trailing.txt'"),
    ("space.txt ", "file name 'space.txt ' ends with a space, which Windows drops; rename it, e.g. 'space.txt'"),
]


@pytest.mark.parametrize("name, message", PORTABILITY, ids=[n for n, _ in PORTABILITY])
def test_finding_9_a_seed_name_windows_or_macos_cannot_check_out_is_an_error(tmp_path, name, message):
    root = corpus(tmp_path, {f"seeds/{name}": "date 2024-05-01 Text.\n"})

    code, lines = check(root)

    assert (code, lines) == (1, [f"seeds/{name}:1:1: error: {message}".replace("\t", "\\t")])


def test_finding_9_names_that_differ_only_in_case_or_accent_encoding_are_errors(tmp_path):
    root = corpus(tmp_path, {"seeds/Harbour.txt": SHARED_SEED.read_bytes(),
                             "seeds/caf\u00e9.txt": "date 2024-05-01 Text.\n",
                             "seeds/cafe\u0301.txt": "date 2024-05-01 Text.\n",
                             "briefs/_Notes.yml": "x\n", "briefs/_notes.yml": "x\n"})

    code, lines = check(root)

    assert code == 1
    assert lines == [
        "briefs/_notes.yml:1:1: error: file name differs from briefs/_Notes.yml only in letter case; "
        "Windows and macOS keep only one of the two; rename or remove one of them",
        "seeds/caf\u00e9.txt:1:1: error: file name differs from seeds/cafe\u0301.txt only in how its accents "
        "are encoded; Windows and macOS keep only one of the two; rename or remove one of them",
        "seeds/harbour.txt:1:1: error: file name differs from seeds/Harbour.txt only in letter case; "
        "Windows and macOS keep only one of the two; rename or remove one of them",
    ]


# -- unreadable files ----------------------------------------------------------------------------


@pytest.mark.parametrize("rel", ["seeds/harbour.txt", "briefs/terminal-delay.yml", "briefs/_actors.yml"])
def test_finding_9_an_unreadable_file_is_a_diagnostic_with_the_reason(tmp_path, monkeypatch, rel):
    """The tests run as root, where chmod 000 does not stop reading: the file is made
    unreadable at the OS boundary instead (io.open, which Path.read_bytes calls, raises
    the PermissionError the kernel gives another user), so the real error path runs."""
    root = corpus(tmp_path, {"briefs/_actors.yml": "- {id: port-vell, name: Port Vell, kind: government}\n"})
    locked = (root / rel).resolve()
    real_open = io.open

    def open_(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and Path(file).resolve() == locked:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", open_)

    code, out, err = run_cli("check", "--root", str(root))

    assert "Traceback" not in err
    assert code == 1
    assert f"{rel}:1:1: error: cannot read file: Permission denied; make it a plain file readable by the user " \
           "running briefs" in out.splitlines()


# -- briefs new ------------------------------------------------------------------------------------

ODD_SEED_NAMES = ["report #2.txt", "it's \"quoted\".txt".replace('"', "'"), "- dash.txt", "[x], {y}.txt",
                  "&anchor alias.txt", "!tag %pct @at `tick`.txt", "yes.txt", "null.txt", "~.txt",
                  "caf\u00e9 \u2014 \U0001f600.txt", "  leading.txt", "key: no.txt".replace(":", ";")]


@pytest.mark.parametrize("name", ODD_SEED_NAMES)
def test_finding_9_briefs_new_writes_a_seed_name_its_own_check_reads_back(tmp_path, name):
    root = corpus(tmp_path)
    article = tmp_path / name
    article.write_text("date 2024-05-01 The council met the harbour board.\n", encoding="utf-8")

    code, out, err = run_cli("new", "--root", str(root), str(article), "--id", "odd-name")

    assert code == 0, err
    scaffold = root / "briefs" / "odd-name.yml"
    loaded, problems = load_yaml_file(scaffold, "briefs/odd-name.yml")
    assert problems == [] and loaded is not None
    assert loaded.data["seed"] == name
    assert yaml.safe_load(scaffold.read_text(encoding="utf-8"))["seed"] == name
    code, lines = check(root)
    assert not [line for line in lines if "seed" in line], lines


def test_finding_9_briefs_new_explains_links_instead_of_crashing(tmp_path):
    root = corpus(tmp_path)
    article = tmp_path / "article.txt"
    article.write_text("date 2024-05-01 The council met.\n", encoding="utf-8")
    (root / "briefs" / "article.yml").symlink_to(tmp_path / "nowhere.yml")  # a dangling link where it writes
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (root / "seeds" / "planted.txt").symlink_to(tmp_path / "outside" / "planted.txt")
    (tmp_path / "outside").mkdir()
    (tmp_path / "planted.txt").write_text("date 2024-05-01 Planted.\n", encoding="utf-8")

    at_target = run_cli("new", "--root", str(root), str(article))
    dangling_source = run_cli("new", "--root", str(root), str(tmp_path / "gone.txt"))
    through_link = run_cli("new", "--root", str(root), str(tmp_path / "planted.txt"))
    not_portable = run_cli("new", "--root", str(root), str(tmp_path / "a:b.txt"))

    assert at_target[:2] == (1, "") and at_target[2] == (
        "error: briefs/article.yml is a symbolic link; remove it (use --id for another name)\n")
    assert dangling_source[0] == 2 and "gone.txt is a symbolic link to a file that does not exist" in dangling_source[2]
    assert through_link[0] == 2 and "seeds/planted.txt is a symbolic link" in through_link[2]
    assert not (tmp_path / "outside" / "planted.txt").exists(), "written through the link"
    assert not_portable[0] == 2 and "'a:b.txt' cannot be a seed's name" in not_portable[2]
    assert sorted(p.name for p in (root / "seeds").iterdir()) == ["harbour.txt", "planted.txt"]
    assert "Traceback" not in at_target[2] + dangling_source[2] + through_link[2] + not_portable[2]
