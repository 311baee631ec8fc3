"""The pipeline's outputs: every emitter's pages and files reach the built tree, safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.outputs import SiteFile
from generator.render import RenderedPage
from generator.write import WriteError, collect, write_tree

from conftest import REPO


def test_an_emitters_files_are_written_byte_for_byte_beside_the_pages(tmp_path: Path) -> None:
    outputs = collect([RenderedPage("a/page.md", "# Page\n"), SiteFile("a/data.js", b"x=1;\x00\xff")])
    write_tree(outputs, tmp_path)
    assert (tmp_path / "a" / "page.md").read_text(encoding="utf-8") == "# Page\n"
    assert (tmp_path / "a" / "data.js").read_bytes() == b"x=1;\x00\xff"


@pytest.mark.parametrize("path", ["../escape.js", "/abs.js", "a/../../b.js", "a\\b.js", "c:x.js", ""])
def test_a_file_cannot_name_a_path_outside_the_output_folder(path: str) -> None:
    with pytest.raises(WriteError, match="outside the output folder"):
        collect([SiteFile(path, b"")])


def test_a_file_and_a_page_on_one_path_is_an_error_not_an_overwrite() -> None:
    with pytest.raises(WriteError, match="two pages would be written to index.md"):
        collect([RenderedPage("index.md", "a"), SiteFile("index.md", b"b")])


def test_every_emitter_runs_and_its_outputs_are_sorted_into_pages_and_files(monkeypatch) -> None:
    def extra(site, options):
        yield SiteFile("extra/count.txt", str(len(site.corpus.briefs)).encode())

    monkeypatch.setattr(pipeline, "EMITTERS", (*pipeline.EMITTERS, extra))
    generated = pipeline.generate(REPO)
    assert generated.files["extra/count.txt"].content == str(len(generated.corpus.briefs)).encode()
    assert "index.md" in generated.pages and "extra/count.txt" not in generated.pages
