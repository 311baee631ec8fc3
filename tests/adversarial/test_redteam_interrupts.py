"""Red-team findings of issue 10, files half, item 9 (low): interrupted builds.

A real ``briefs build`` process is stopped at a chosen moment: while MkDocs writes
pages, or between the two renames that swap the new site in. The process is
driven by ``DRIVER`` (test code): it wraps one function of MkDocs or ``os.replace``
to print a word and wait for a line on stdin there, so the test signals it at
exactly that point (no sleeps). SIGTERM must clean up like Ctrl-C; SIGKILL
cannot be caught, so the next run must recover: put back a previous site left
aside, and remove staging folders it can prove a dead run of its own left.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.output_folder import MARKER

from .helpers import FIXTURES, REPO, build, listing, make_corpus, tree_digest

BASELINE = FIXTURES / "site" / "baseline"
DRIVER = r"""
import os, sys
import mkdocs.commands.build as mkdocs_build

stage, argv = sys.argv[1], sys.argv[2:]

def pause(word):
    print(word, flush=True)
    sys.stdin.readline()  # the test signals this process now, then (maybe) lets it go on

if stage == "pages":
    real_page, built = mkdocs_build._build_page, []
    def page(*args, **kwargs):
        built.append(1)
        if len(built) == 3:
            pause("PAGES")
        return real_page(*args, **kwargs)
    mkdocs_build._build_page = page
elif stage == "swap":
    real_replace = os.replace
    def replace(src, dst, *args, **kwargs):
        real_replace(src, dst, *args, **kwargs)
        if os.path.basename(dst).startswith(".site.old-"):
            pause("ASIDE")
    os.replace = replace

from generator.cli import main
sys.exit(main(argv))
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_corpus(BASELINE, tmp_path_factory.mktemp("interrupts") / "corpus")
    code, out, err = build(root)
    assert code == 0, err
    return root


@pytest.fixture
def corpus(built: Path, tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(built, root, symlinks=True)
    return root


def start_build(root: Path, stage: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.Popen([sys.executable, "-c", DRIVER, stage, "build", "--root", str(root)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**env, "PYTHONPATH": str(REPO)}, start_new_session=True)


def wait_for(process: subprocess.Popen, word: str) -> None:
    line = process.stdout.readline()  # the driver prints the word, or exits (EOF)
    if line.strip() != word:
        process.kill()
        raise AssertionError(f"the build did not reach {word}: {line!r}\n{process.communicate()[1]}")


def finish(process: subprocess.Popen) -> tuple[int, str]:
    _, err = process.communicate(timeout=120)
    return process.returncode, err


def siblings(root: Path) -> list[str]:
    return [name for name in listing(root) if name.startswith(".site.")]


def edit_title(root: Path, new: str) -> None:
    brief = root / "briefs" / "terminal-delay.yml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("Port Vell ferry terminal delayed again", new),
                     encoding="utf-8")


def test_finding_9_sigterm_while_pages_are_written_cleans_up_like_ctrl_c(corpus):
    before = tree_digest(corpus / "site")
    edit_title(corpus, "A title that must not be published")
    process = start_build(corpus, "pages")
    wait_for(process, "PAGES")
    assert siblings(corpus), "the build was not writing into a staging folder"

    process.send_signal(signal.SIGTERM)
    code, err = finish(process)

    assert code != 0 and "KeyboardInterrupt" in err, err
    assert tree_digest(corpus / "site") == before
    assert siblings(corpus) == []


def test_finding_9_a_build_killed_while_pages_are_written_leaves_what_the_next_run_removes(corpus):
    before = tree_digest(corpus / "site")
    process = start_build(corpus, "pages")
    wait_for(process, "PAGES")

    process.kill()  # SIGKILL: nothing can clean up
    finish(process)
    left = siblings(corpus)
    assert len(left) == 1 and left[0].startswith(f".site.new-{process.pid}-")
    assert tree_digest(corpus / "site") == before

    code, out, err = build(corpus)

    assert code == 0, err
    assert "note: removed 1 folder(s) that interrupted runs left beside site/" in err
    assert siblings(corpus) == []


def test_finding_9_a_build_killed_between_the_two_renames_gets_its_site_back(corpus):
    """No site/ at all after the kill; the next run, even one that fails its check, puts it back."""
    before = tree_digest(corpus / "site")
    process = start_build(corpus, "swap")
    wait_for(process, "ASIDE")

    process.kill()
    finish(process)
    assert not (corpus / "site").exists()
    assert sorted(n.split("-")[0] for n in siblings(corpus)) == [".site.new", ".site.old"]

    brief = corpus / "briefs" / "terminal-delay.yml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("quote: \"", "quote: \"xx", 1), encoding="utf-8")
    code, out, err = build(corpus)

    assert code == 1 and "build stopped: the previous site is unchanged" in err
    assert "note: put back site/, which an interrupted run had moved aside" in err
    assert tree_digest(corpus / "site") == before
    assert siblings(corpus) == []


def test_finding_9_sigterm_between_the_two_renames_waits_for_the_swap(corpus):
    """SIGINT and SIGTERM are held back while the new site is moved into place."""
    edit_title(corpus, "The new title")
    process = start_build(corpus, "swap")
    wait_for(process, "ASIDE")

    process.send_signal(signal.SIGTERM)  # arrives while the swap is half done...
    process.stdin.write("go on\n")  # ...which then finishes before the signal is handled
    process.stdin.flush()
    code, err = finish(process)

    assert code != 0 and "KeyboardInterrupt" in err, err
    page = (corpus / "site" / "briefs" / "terminal-delay.html").read_text(encoding="utf-8")
    assert "The new title" in page
    assert siblings(corpus) == []


def test_finding_9_only_folders_a_dead_run_of_briefs_left_are_removed(corpus):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = os.getpid()
    ours_dead = corpus / f".site.new-{dead.pid}-abc123"
    ours_alive = corpus / f".site.new-{alive}-def456"  # another build running now (this process)
    unmarked = corpus / f".site.new-{dead.pid}-ghi789"  # no marker: not provably ours
    lookalike = corpus / ".site.new-notapid"
    (corpus / f".site.new-{dead.pid}-jkl000").mkdir()  # killed before it was marked: empty, removed
    for folder in (ours_dead, ours_alive, unmarked, lookalike):
        (folder / "briefs").mkdir(parents=True)
        (folder / "briefs" / "page.html").write_text("x")
    for folder in (ours_dead, ours_alive):
        (folder / MARKER).write_text("marker")

    code, out, err = build(corpus)

    assert code == 0, err
    assert siblings(corpus) == sorted(p.name for p in (ours_alive, unmarked, lookalike))
