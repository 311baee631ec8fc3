"""A failed ``briefs build`` leaves the previous site byte for byte as it was, and nothing beside it.

The baseline corpus (``fixtures/site/baseline/``) is built once per module. Each
test copies it (with its built ``site/``), injects a failure at one stage of the
build - validation, rendering, writing, MkDocs - runs ``briefs build`` and
compares every file of ``site/`` and the corpus folder's listing with before.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import mkdocs.commands.build
import pytest

import generator.output_folder
import generator.render
import generator.write
from generator.write import WriteError

from .helpers import FIXTURES, build, listing, make_corpus, run_cli, tree_digest

BASELINE = FIXTURES / "site" / "baseline"
UNCHANGED = "build stopped: the previous site is unchanged"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_corpus(BASELINE, tmp_path_factory.mktemp("atomic") / "corpus")
    code, out, err = build(root)
    assert code == 0, f"the baseline corpus does not build:\n{out}\n{err}"
    return root


@pytest.fixture
def corpus(built: Path, tmp_path: Path) -> Path:
    """A private copy of the built baseline corpus."""
    root = tmp_path / "corpus"
    shutil.copytree(built, root, symlinks=True)
    return root


class Snapshot:
    def __init__(self, root: Path):
        self.root = root
        self.site = tree_digest(root / "site")
        self.beside = listing(root)

    def assert_unchanged(self) -> None:
        assert listing(self.root) == self.beside, "temporary folders were left beside site/"
        assert (self.root / "site").is_dir(), "site/ is gone"
        now = tree_digest(self.root / "site")
        assert sorted(now) == sorted(self.site), "files were added to or removed from site/"
        assert [f for f in now if now[f] != self.site[f]] == [], "files of site/ changed"


def fails_and_leaves_the_site(root: Path, *extra: str) -> tuple[str, str]:
    before = Snapshot(root)
    code, out, err = build(root, *extra)
    assert code == 1, f"expected the build to fail:\n{out}\n{err}"
    before.assert_unchanged()
    return out, err


def test_a_successful_build_does_replace_the_site(corpus):
    """The control experiment: the assertions below would notice a change."""
    before = Snapshot(corpus)
    brief = corpus / "briefs" / "terminal-audit.yml"
    brief.write_text(brief.read_text().replace("Councillor calls", "Councillor demands"))

    code, out, err = build(corpus)

    assert code == 0, err
    assert listing(corpus) == before.beside
    assert tree_digest(corpus / "site") != before.site


# -- validation ---------------------------------------------------------------------------------


def test_a_validation_failure_touches_nothing(corpus):
    brief = corpus / "briefs" / "terminal-audit.yml"
    brief.write_text(brief.read_text().replace('quote: "do not add up"', 'quote: "does not add up"'))

    out, err = fails_and_leaves_the_site(corpus)

    assert out.splitlines() == [
        "briefs/terminal-audit.yml:11:12: error: claim 'numbers-do-not-add-up': quote not found in seed harbour.txt; "
        'closest passage: "“do not add up”"; where the quote has "does", the article has "do"',
        '  quote:   "does not add up"',
        '  article: "do not add up”"',
        "              ^"]
    assert UNCHANGED in err


# -- rendering ----------------------------------------------------------------------------------


def test_a_rendering_failure_touches_nothing(corpus, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("a template exploded")

    monkeypatch.setattr("generator.pipeline.render_site", explode)

    out, err = fails_and_leaves_the_site(corpus)

    assert "a template exploded" in err and UNCHANGED in err


def test_a_template_failing_halfway_through_the_pages_touches_nothing(corpus, monkeypatch):
    real = generator.render.PageRenderer.__call__
    calls = []

    def third_page_explodes(self, *args, **kwargs):
        calls.append(args[0])
        if len(calls) == 3:
            raise RuntimeError(f"template {args[0]} exploded")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(generator.render.PageRenderer, "__call__", third_page_explodes)

    out, err = fails_and_leaves_the_site(corpus)

    assert len(calls) == 3 and "exploded" in err and UNCHANGED in err


# -- writing ------------------------------------------------------------------------------------


def _failing_replace(monkeypatch, fails_when) -> list[tuple[str, str]]:
    """Make os.replace (as generator.output_folder calls it) fail for the renames ``fails_when`` picks."""
    real = os.replace
    seen: list[tuple[str, str]] = []

    def replace(src, dst, *args, **kwargs):
        seen.append((Path(src).name, Path(dst).name))
        if fails_when(Path(src), Path(dst)):
            raise OSError(28, "No space left on device")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(generator.output_folder.os, "replace", replace)
    return seen


def test_failing_to_move_the_old_site_aside_touches_nothing(corpus, monkeypatch):
    seen = _failing_replace(monkeypatch, lambda src, dst: src.name == "site")

    out, err = fails_and_leaves_the_site(corpus)

    assert [s for s, _ in seen] == ["site"]
    assert UNCHANGED in err


def test_failing_to_move_the_new_site_into_place_touches_nothing(corpus, monkeypatch):
    """The last step swaps two folders; if the second rename fails, the first must be undone."""
    seen = _failing_replace(monkeypatch, lambda src, dst: src.name.startswith(".site.new-"))

    out, err = fails_and_leaves_the_site(corpus)

    assert [s for s, _ in seen][:2] == ["site", seen[1][0]] and seen[1][0].startswith(".site.new-")
    assert UNCHANGED in err


def test_a_writing_failure_halfway_through_generate_touches_nothing(corpus, monkeypatch):
    """``briefs generate --out DIR`` writes the Markdown tree with write_tree: same promise."""
    out_dir = corpus / "build" / "docs"
    assert run_cli("generate", "--root", str(corpus), "--out", str(out_dir))[0] == 0
    before = tree_digest(out_dir), listing(out_dir.parent)
    real = generator.write.write_tree

    def half(pages, folder):
        real(dict(list(sorted(pages.items()))[:3]), folder)
        raise WriteError("disk full after three pages")

    monkeypatch.setattr(generator.write, "write_tree", half)

    code, out, err = run_cli("generate", "--root", str(corpus), "--out", str(out_dir))

    assert code == 1 and "disk full after three pages" in err
    assert (tree_digest(out_dir), listing(out_dir.parent)) == before


# -- MkDocs -------------------------------------------------------------------------------------


def test_a_broken_theme_template_touches_nothing(corpus):
    main = corpus / "overrides" / "main.html"
    main.write_text(main.read_text() + "\n{% block footer %}{{ this_is_not_defined.at_all() }}{% endblock %}\n")

    out, err = fails_and_leaves_the_site(corpus)

    assert UNCHANGED in err


def test_mkdocs_failing_after_writing_some_files_touches_nothing(corpus, monkeypatch):
    staged: list[Path] = []

    def build_then_fail(config, *args, **kwargs):
        site_dir = Path(config["site_dir"])
        (site_dir / "index.html").write_text("half a site")
        (site_dir / "briefs").mkdir(exist_ok=True)
        (site_dir / "briefs" / "terminal-delay.html").write_text("half a page")
        staged.append(site_dir)
        raise RuntimeError("MkDocs crashed halfway")

    monkeypatch.setattr(mkdocs.commands.build, "build", build_then_fail)

    out, err = fails_and_leaves_the_site(corpus)

    assert staged and staged[0].parent == corpus and staged[0].name != "site"
    assert not staged[0].exists()
    assert "MkDocs crashed halfway" in err and UNCHANGED in err


def test_a_page_failing_halfway_through_the_mkdocs_build_touches_nothing(corpus, monkeypatch):
    real = mkdocs.commands.build._build_page
    built_pages = []

    def fifth_page_fails(file, config, *args, **kwargs):
        built_pages.append(file)
        if len(built_pages) == 5:
            raise OSError(5, "Input/output error")
        return real(file, config, *args, **kwargs)

    monkeypatch.setattr(mkdocs.commands.build, "_build_page", fifth_page_fails)

    out, err = fails_and_leaves_the_site(corpus)

    assert len(built_pages) == 5 and UNCHANGED in err


def test_a_warning_in_strict_mode_touches_nothing(corpus):
    (corpus / "docs" / "broken-link.md").write_text("# Broken\n\nSee [nowhere](no-such-page.md).\n")

    out, err = fails_and_leaves_the_site(corpus)

    assert "warning" in err and UNCHANGED in err


def test_an_interrupted_build_touches_nothing(corpus, monkeypatch):
    """Ctrl-C (or a CI job cancelled) in the middle of writing pages."""
    real = mkdocs.commands.build._build_page
    built_pages = []

    def interrupted(file, config, *args, **kwargs):
        built_pages.append(file)
        if len(built_pages) == 4:
            raise KeyboardInterrupt
        return real(file, config, *args, **kwargs)

    monkeypatch.setattr(mkdocs.commands.build, "_build_page", interrupted)
    before = Snapshot(corpus)

    with pytest.raises(KeyboardInterrupt):
        build(corpus)

    before.assert_unchanged()
