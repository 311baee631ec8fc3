"""Red-team findings of issue 10, files and graphs half: findings 3 to 6.

Each test is named after the finding it closes (docs/security.md lists them):
3, ``briefs generate --out .`` deleted the repository; 4, the ``member_of`` loop
search was exponential; 5, dates before 1970 or after 2106 broke every build;
6, ``check --changed`` crashed on a link in the base tree and missed non-ASCII
file names.
"""

from __future__ import annotations

import calendar
import collections
import gzip
import hashlib
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

import generator.link
from generator.build import zip_site
from generator.graph import strongly_connected
from generator.link import RELATED_ACTORS, RELATED_PER_BRIEF, link_corpus
from generator.output_folder import MARKER
from generator.validate import check_corpus

from .helpers import FIXTURES, MINIMAL_BRIEF, REPO, SHARED_SEED, build, make_corpus, run_cli, write_files

BASELINE = FIXTURES / "site" / "baseline"


def whole_tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``, ``.git`` included: files by content and mode, links by target."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath, name)
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                out[rel] = "-> " + os.readlink(path)
            elif path.is_dir():
                out[rel] = "<dir>"
            else:
                out[rel] = f"{path.stat().st_mode:o} " + hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args], cwd=repo,
                          check=True, capture_output=True, text=True).stdout


def git_corpus(tmp_path: Path) -> Path:
    """The baseline corpus with its site configuration, committed, plus uncommitted work."""
    root = make_corpus(BASELINE, tmp_path / "repo")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "corpus")
    (root / "briefs" / "_draft-notes.yml").write_text("uncommitted work\n", encoding="utf-8")
    return root


# -- finding 3: output folders ----------------------------------------------------------------

UNSAFE = [
    ("generate", "--out", "."),
    ("generate", "--out", "briefs"),
    ("generate", "--out", "seeds/site"),
    ("generate", "--out", ".."),
    ("generate", "--out", ".git"),
    ("generate", "--out", "docs"),
    ("generate", "--out", "overrides/x"),
    ("generate", "--out", "linked-briefs"),  # a link to briefs/: real paths are compared
    ("build", "--site-dir", "."),
    ("build", "--site-dir", "briefs"),
    ("build", "--site-dir", "schema"),
]


@pytest.mark.parametrize("argv", UNSAFE, ids=[" ".join(a) for a in UNSAFE])
def test_finding_3_an_output_folder_that_is_or_holds_the_sources_is_refused(tmp_path, monkeypatch, argv):
    root = git_corpus(tmp_path)
    (root / "linked-briefs").symlink_to(root / "briefs", target_is_directory=True)
    before = whole_tree(tmp_path)
    monkeypatch.chdir(root)

    code, out, err = run_cli(*argv)

    assert code == 2, (out, err)
    assert f"error: {argv[1]} {argv[2]}: it is, or " in err
    assert "choose a folder of its own, such as site/ or build/docs" in err
    assert whole_tree(tmp_path) == before, "the repository changed"


def test_finding_3_generate_out_dot_in_a_git_repository_leaves_it_byte_identical(tmp_path):
    """The command of the finding, as a user types it: a real process in the repository."""
    root = git_corpus(tmp_path)
    before = whole_tree(root)

    done = subprocess.run([sys.executable, "-m", "generator.cli", "generate", "--out", "."], cwd=root,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})

    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"error: --out .: it is, or contains, the corpus folder ({root.resolve()})")
    assert whole_tree(root) == before
    assert git(root, "status", "--porcelain") == "?? briefs/_draft-notes.yml\n"


@pytest.mark.parametrize("command", [("generate", "--out"), ("build", "--site-dir")])
def test_finding_3_a_folder_briefs_did_not_make_is_never_replaced(tmp_path, command):
    root = make_corpus(BASELINE, tmp_path / "corpus")
    mine = write_files(tmp_path / "mine", {"thesis.txt": "years of work\n"})
    before = whole_tree(tmp_path)

    code, out, err = run_cli(command[0], "--root", str(root), command[1], str(mine))

    assert code == 2, (out, err)
    assert (f"error: {command[1]} {mine}: {mine} already exists and was not written by briefs "
            f"(it has no {MARKER} file), so it is not replaced; move it away or delete it yourself") in err
    assert whole_tree(tmp_path) == before


def test_finding_3_a_link_or_a_file_as_the_output_is_refused(tmp_path):
    root = make_corpus(BASELINE, tmp_path / "corpus")
    elsewhere = write_files(tmp_path / "elsewhere", {"keep.txt": "mine\n"})
    (tmp_path / "out-link").symlink_to(elsewhere, target_is_directory=True)
    (tmp_path / "out-file").write_text("a file\n")
    before = whole_tree(tmp_path)

    link = run_cli("generate", "--root", str(root), "--out", str(tmp_path / "out-link"))
    file = run_cli("generate", "--root", str(root), "--out", str(tmp_path / "out-file"))

    assert link[0] == 2 and "is a symbolic link; give the folder itself" in link[2]
    assert file[0] == 2 and "is a file, not a folder" in file[2]
    assert whole_tree(tmp_path) == before


def test_finding_3_its_own_output_is_marked_and_replaced(tmp_path):
    root = make_corpus(BASELINE, tmp_path / "corpus")
    out = tmp_path / "build" / "docs"
    (out).mkdir(parents=True)  # an empty folder may be used

    first = run_cli("generate", "--root", str(root), "--out", str(out))
    (out / "stale.md").write_text("from an older run\n")
    second = run_cli("generate", "--root", str(root), "--out", str(out))

    assert (first[0], second[0]) == (0, 0), (first, second)
    assert (out / MARKER).is_file() and not (out / "stale.md").exists()
    assert sorted(p.name for p in out.parent.iterdir()) == ["docs"]


def test_finding_3_a_site_built_before_the_marker_existed_is_still_replaced(tmp_path):
    """A user upgrading: site/ was built by MkDocs (or an older briefs) and has no marker."""
    root = make_corpus(BASELINE, tmp_path / "corpus")
    assert build(root)[0] == 0
    (root / "site" / MARKER).unlink()
    (root / "site" / "old-page.html").write_text("from the old version\n")

    code, out, err = build(root)

    assert code == 0, err
    assert (root / "site" / MARKER).is_file() and not (root / "site" / "old-page.html").exists()


# -- finding 4: member_of loops and other graph walks -------------------------------------------


def layered_actors(layers: int, *, loop: bool) -> str:
    """Two group actors per layer, each a member of both actors of the next layer (2**30 paths)."""
    lines = []
    for layer in range(layers):
        nxt = layer + 1 if layer + 1 < layers else (0 if loop else None)
        for side in "ab":
            lines += [f"- id: layer-{layer:02d}-{side}", f"  name: Layer {layer} {side}", "  kind: group"]
            if nxt is not None:
                lines.append(f"  member_of: [layer-{nxt:02d}-a, layer-{nxt:02d}-b]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("loop", [False, True], ids=["no loop", "loop back to the first layer"])
def test_finding_4_sixty_actors_in_thirty_layers_are_checked(tmp_path, loop):
    """The old search followed every path (2**30 here) and never finished; the answer is checked."""
    root = write_files(tmp_path / "corpus", {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(),
                                             "briefs/_actors.yml": layered_actors(30, loop=loop)})

    code, out, err = run_cli("check", "--root", str(root))

    if not loop:
        assert (code, out) == (0, ""), out
        assert "ok: 0 briefs, 60 actors" in err
        return
    way_round = " \u2192 ".join([f"layer-{n:02d}-a" for n in range(30)] + ["layer-00-a"])
    assert out.splitlines() == [
        f"briefs/_actors.yml:1:7: error: actor 'layer-00-a': member_of goes round in a loop: {way_round}; "
        "an actor cannot be, even indirectly, a member of itself"]


def test_finding_4_each_loop_is_reported_once_at_its_first_actor(tmp_path):
    actors = """\
- {id: c-group, name: C, kind: group, member_of: [a-group]}
- {id: a-group, name: A, kind: group, member_of: [b-group, c-group]}
- {id: b-group, name: B, kind: group, member_of: [c-group, a-group]}
- {id: x-one, name: X1, kind: group, member_of: [x-two]}
- {id: x-two, name: X2, kind: group, member_of: [x-one]}
- {id: outside, name: O, kind: group, member_of: [a-group, x-one]}
"""
    root = write_files(tmp_path / "corpus", {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(),
                                             "briefs/_actors.yml": actors})

    code, lines = run_cli("check", "--root", str(root))[:2]

    assert lines.splitlines() == [
        "briefs/_actors.yml:2:8: error: actor 'a-group': member_of goes round in a loop: a-group \u2192 b-group "
        "\u2192 a-group; an actor cannot be, even indirectly, a member of itself",
        "briefs/_actors.yml:4:8: error: actor 'x-one': member_of goes round in a loop: x-one \u2192 x-two "
        "\u2192 x-one; an actor cannot be, even indirectly, a member of itself",
    ]


class CountingGraph(dict):
    """A graph that counts how often each node's successors are read."""

    def __init__(self, *args):
        super().__init__(*args)
        self.reads: collections.Counter[str] = collections.Counter()

    def __getitem__(self, node):
        self.reads[node] += 1
        return super().__getitem__(node)


def test_finding_4_the_loop_search_reads_each_actor_once():
    """Linear whatever the shape: a walk that follows paths reads the deep layers millions of times."""
    graph = CountingGraph({f"{layer}{side}": [f"{layer + 1}a", f"{layer + 1}b"] if layer < 29 else []
                           for layer in range(30) for side in "ab"})

    components = strongly_connected(graph)

    assert sorted(len(c) for c in components) == [1] * 60
    assert max(graph.reads.values()) == 1


def test_finding_4_related_actors_cost_linear_work_for_a_brief_naming_thousands(tmp_path, monkeypatch):
    """Every pair of a brief's actors was counted: 5,000 actors, 25 million pairs."""
    n = 3000
    actors = "".join(f"- {{id: a{i:04d}, name: Actor {i}, kind: group}}\n" for i in range(n))
    brief = MINIMAL_BRIEF.replace("actors:\n", "actors:\n" + "".join(f"  - a{i:04d}\n" for i in range(n)), 1)
    root = write_files(tmp_path / "corpus", {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(),
                                             "briefs/_actors.yml": actors, "briefs/terminal-delay.yml": brief})
    corpus, problems = check_corpus(root)
    assert corpus is not None, problems[:3]
    counted = []

    class Counting(collections.Counter):
        def update(self, items=None, /, **kwargs):
            items = list(items or ())
            counted.append(len(items))
            return super().update(items, **kwargs)

    monkeypatch.setattr(generator.link, "Counter", Counting)

    site = link_corpus(corpus)

    assert sum(counted) <= (RELATED_PER_BRIEF + 1) * (n + 1)
    assert site.actor_links["a2999"].related == tuple((f"a{i:04d}", 1) for i in range(RELATED_ACTORS))
    assert site.actor_links["a0000"].related[0] == ("a0001", 1)


# -- finding 5: dates from 0001 to 9999 -------------------------------------------------------------


def dated_corpus(tmp_path: Path, date: str) -> Path:
    root = make_corpus(BASELINE, tmp_path / "corpus")
    seed = root / "seeds" / "harbour.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("date 2024-05-02", f"date {date}"), encoding="utf-8")
    return root


def assert_sitemap_dated(site: Path, day: str) -> None:
    """Every page's lastmod is ``day``; the .gz holds the same and is stamped with that day."""
    lastmods = set(re.findall(r"<lastmod>(.*?)</lastmod>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    assert lastmods == {day}
    with gzip.open(site / "sitemap.xml.gz") as sitemap:
        assert sitemap.read() == (site / "sitemap.xml").read_bytes()
    stamp = int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert stamp == calendar.timegm(time.strptime(day, "%Y-%m-%d"))


@pytest.mark.parametrize("date, sitemap_day, zip_year", [
    ("0001-01-01", "1970-01-01", 1980), ("1969-12-31", "1970-01-01", 1980),
    ("2106-02-08", "2106-02-07", 2106), ("9999-12-31", "2106-02-07", 2106)])
def test_finding_5_any_valid_date_builds(tmp_path, date, sitemap_day, zip_year):
    root = dated_corpus(tmp_path, date)

    code, out, err = build(root, "--zip", "site.zip", "--site-url", "https://briefs.example.org/")

    assert code == 0, err
    page = (root / "site" / "briefs" / "terminal-delay.html").read_text(encoding="utf-8")
    assert f'<time datetime="{date}">' in page, "the brief's own date, as written"
    assert_sitemap_dated(root / "site", sitemap_day)
    with zipfile.ZipFile(root / "site" / "site.zip") as archive:
        assert {info.date_time[0] for info in archive.infolist()} == {zip_year}
        assert archive.testzip() is None
        assert f"site/{MARKER}" not in archive.namelist()


@pytest.mark.parametrize("epoch, year", [(-62135596800, 1980), (-1, 1980), (2**32 - 1, 2106),
                                         (253402300799, 2107)],
                         ids=["0001-01-01", "1969-12-31", "2106-02-07", "9999-12-31 (a SOURCE_DATE_EPOCH)"])
def test_finding_5_the_zip_takes_any_epoch(tmp_path, epoch, year):
    """Zip dates run from 1980 to 2107: any epoch (the default, or one a user sets) is clamped."""
    site = write_files(tmp_path / "site", {"index.html": "<p>home</p>\n", MARKER: "marker\n"})

    archive_path = zip_site(site, "site.zip", epoch)

    with zipfile.ZipFile(archive_path) as archive:
        assert archive.testzip() is None
        assert [(i.filename, i.date_time[0]) for i in archive.infolist()] == [("site/index.html", year)]


def test_finding_5_plain_mkdocs_build_takes_the_same_default(tmp_path):
    root = dated_corpus(tmp_path, "0001-01-01")
    with open(root / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("\nsite_url: https://briefs.example.org/\n")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}

    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, env=env,
                          capture_output=True, text=True)

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert_sitemap_dated(root / "site", "1970-01-01")


# -- finding 6: check --changed ------------------------------------------------------------------


def test_finding_6_check_changed_reads_a_base_with_links_and_non_ascii_names(tmp_path):
    root = write_files(tmp_path / "repo", {f"seeds/{SHARED_SEED.name}": SHARED_SEED.read_bytes(),
                                           "briefs/terminal-delay.yml": MINIMAL_BRIEF,
                                           "seeds/caf\u00e9.txt": "date 2024-05-01 A caf\u00e9\x07 opened.\n"})
    (root / "briefs" / "_notes.yml").symlink_to("/etc/passwd")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base: a link, and a seed with a problem")
    git(root, "checkout", "-q", "-b", "topic")
    (root / "seeds" / "caf\u00e9.txt").write_text("date 2024-05-01 A caf\u00e9\x07 opened today.\n")
    brief = root / "briefs" / "terminal-delay.yml"
    brief.write_text(brief.read_text().replace("cost less than planned", "cost less than plannd"))

    code, out, err = run_cli("check", "--root", str(root), "--changed")

    assert "Traceback" not in err
    assert code == 1
    assert out.splitlines() == [
        "briefs/_notes.yml:1:1: error: symbolic links are not allowed in a corpus; "
        "commit the file itself, not a link to it",
        "briefs/terminal-delay.yml:13:12: error: claim 'terminal-cheaper-than-planned': quote not found in "
        'seed harbour.txt; closest passage: "the terminal would cost less than planned"',
        "seeds/caf\u00e9.txt:1:23: error: control character U+0007 BELL is not allowed; "
        "delete it; annotations and seeds are plain text",
    ]
    assert "root:" not in out + err, "the link was followed"
