"""A contributor's path through a pull request, played in a temporary git repository:
new seed -> `briefs new` -> a claim with a wrong quote -> `briefs check --changed`
names that line with the closest passage -> fix -> green -> strict build with the
new pages and their edit links."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from generator.cli import main

REPO = Path(__file__).resolve().parents[1]
REPO_URL = "https://github.com/example/briefs"

SEED = """date 2024-05-02 The harbour authority of Port Vell said on Thursday that the new ferry terminal \
will open in September, three months later than planned. Mayor Ana Ruiz blamed the contractor.

Costs

The opposition councillor Tomás Berg said the delay would cost the city “at least two million euros”, \
a figure the mayor's office disputed.
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True,
                          env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                               "HOME": str(repo), "PATH": "/usr/bin:/bin"})
    return done.stdout


def briefs(repo: Path, capsys, *args: str) -> tuple[int, list[str], str]:
    capsys.readouterr()
    code = main([*args, "--root", str(repo)])
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err


def make_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "corpus"
    repo.mkdir()
    for name in ("briefs", "seeds", "docs", "overrides"):
        shutil.copytree(REPO / name, repo / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (repo / "mkdocs.yml").write_text(config.replace("# repo_url: https://github.com/OWNER/REPO",
                                                    f"repo_url: {REPO_URL}"), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "corpus")
    git(repo, "checkout", "-q", "-b", "new-brief")
    return repo


def fill_in(path: Path, quote: str) -> None:
    text = path.read_text(encoding="utf-8")
    text = text.replace('title: "TODO: a headline for this brief"', "title: Port Vell ferry terminal delayed")
    text = text.replace('summary: "TODO: one paragraph, in plain text, of what the article reports."',
                        "summary: The new terminal opens three months late; the cost is disputed.")
    text = text.replace("actors:\n", "actors:\n"
                        "  - id: tomas-berg\n    name: Tomás Berg\n    kind: person\n    aliases: [Berg]\n", 1)
    text = text.replace("claims:\n", "claims:\n"
                        "  - id: delay-costs-two-million\n"
                        "    by: tomas-berg\n"
                        "    statement: The delay will cost the city at least two million euros.\n"
                        f"    quote: \"{quote}\"\n", 1)
    path.write_text(text, encoding="utf-8")


def test_a_contributor_goes_from_an_article_to_a_green_pull_request(tmp_path, capsys):
    repo = make_repo(tmp_path)
    article = tmp_path / "port-vell.txt"
    article.write_text(SEED, encoding="utf-8")

    # 1. Scaffold a brief for the new article.
    code, _, err = briefs(repo, capsys, "new", str(article), "--id", "port-vell-terminal")
    assert code == 0, err
    brief = repo / "briefs" / "port-vell-terminal.yml"
    assert (repo / "seeds" / "port-vell.txt").read_text(encoding="utf-8") == SEED
    scaffold = brief.read_text(encoding="utf-8")
    assert scaffold.startswith("# yaml-language-server: $schema=../schema/brief.schema.json\n")
    assert "#   Ana Ruiz (1)" in scaffold  # a candidate actor found in the text

    # 2. One claim, with a quote that is not quite the article's words.
    fill_in(brief, "at least two millon euros")
    code, lines, _ = briefs(repo, capsys, "check", "--changed")
    quote_line = next(i for i, line in enumerate(brief.read_text().splitlines(), 1) if "millon" in line)
    assert code == 1
    assert lines == [
        f"briefs/port-vell-terminal.yml:{quote_line}:12: error: claim 'delay-costs-two-million': quote not "
        "found in seed port-vell.txt; closest passage: \"“at least two million euros”,\""
    ]

    # 3. Fixed, the check is green; it still advises naming the source's URL and licence.
    brief.write_text(brief.read_text(encoding="utf-8").replace("millon", "million"), encoding="utf-8")
    code, lines, _ = briefs(repo, capsys, "check", "--changed")
    assert code == 0
    assert [line.split(": warning: ")[0] for line in lines] == ["briefs/port-vell-terminal.yml:6:1"]

    # 4. The strict build passes; the new pages exist and their edit links open the YAML.
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                          cwd=repo, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    edit = f"{REPO_URL}/edit/main/briefs/port-vell-terminal.yml"
    for page in ("briefs/port-vell-terminal.html", "claims/delay-costs-two-million.html", "actors/tomas-berg.html"):
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        assert soup.find("a", attrs={"title": "Edit this page"})["href"] == edit, page
    soup = BeautifulSoup((site / "actors/isis.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("a", attrs={"title": "Edit this page"})["href"] == f"{REPO_URL}/edit/main/briefs/_actors.yml"


def test_briefs_new_never_overwrites(tmp_path, capsys):
    repo = make_repo(tmp_path)
    target = repo / "briefs" / "us-iraq-isis-threat.yml"
    before = target.read_bytes()

    code, _, err = briefs(repo, capsys, "new", "000_68e2756b5ebd4cdc.txt", "--id", "us-iraq-isis-threat")

    assert code == 1
    assert "already exists" in err
    assert target.read_bytes() == before


def test_briefs_new_suggests_the_actors_the_article_names(tmp_path, capsys):
    repo = make_repo(tmp_path)

    code, _, _ = briefs(repo, capsys, "new", "000_68e2756b5ebd4cdc.txt", "--id", "second-look")

    assert code == 0
    scaffold = yaml.safe_load((repo / "briefs" / "second-look.yml").read_text(encoding="utf-8"))
    text = (repo / "briefs" / "second-look.yml").read_text(encoding="utf-8")
    # Already declared actors are offered as references, with the names the article uses.
    assert "alina-romanowski" in scaffold["actors"]
    assert "mohammed-shia-al-sudani" in scaffold["actors"]
    assert '"Romanowski" (3)' in text
    assert '"al-Sudani" (1)' in text


def test_briefs_new_refuses_an_id_that_could_leave_the_briefs_folder(tmp_path, capsys):
    repo = make_repo(tmp_path)

    code, _, err = briefs(repo, capsys, "new", "000_68e2756b5ebd4cdc.txt", "--id", "../../escaped")

    assert code == 2
    assert "'../../escaped' is not a valid brief id" in err
    assert not (tmp_path / "escaped.yml").exists() and not (repo / "escaped.yml").exists()
