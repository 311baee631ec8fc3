"""MkDocs adapter: maps MkDocs events to the pipeline, nothing else.

``on_files`` adds every generated page as a virtual file (nothing is written
into ``docs/``); ``on_serve`` watches ``briefs/`` and ``seeds/`` so that
``mkdocs serve`` rebuilds when an annotation or article changes.

Under ``mkdocs serve`` the plugin lives across rebuilds (it has ``on_startup``)
and keeps a ``Memo``: an unchanged file is not validated again and a page
whose inputs are unchanged is not rendered again (``incremental.py``). With
``mkdocs serve --dirty``, generated files are also backed by files in a
temporary folder that are rewritten only when their content changes, so
MkDocs (which compares modification times) rebuilds only those pages: one
edited brief shows in seconds even in a corpus of thousands.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .diagnostics import CorpusError
from .build import default_epoch
from .forecasts.due import epoch_date
from .incremental import Memo
from .outputs import Output, SiteFile, SiteOptions
from .pipeline import generate
from .write import WriteError


class BriefsConfig(Config):
    root = c.Optional(c.Dir(exists=True))
    """The corpus folder (holding seeds/ and briefs/); default: the folder of mkdocs.yml."""
    download_url = c.Optional(c.Type(str))
    """Where a zip of the built site can be downloaded, linked from the home page."""


def _relative_prefix(folder: Path, root: Path) -> str | None:
    try:
        rel = folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    return "" if rel == "." else rel + "/"


log = logging.getLogger("mkdocs.plugins.briefs")


def site_options(config: MkDocsConfig, download_url: str | None, memo: Memo | None = None) -> SiteOptions:
    """The pipeline's site settings from MkDocs' loaded configuration (and SOURCE_DATE_EPOCH)."""
    try:
        as_of = epoch_date(os.environ.get("SOURCE_DATE_EPOCH"))
    except ValueError as exc:
        raise PluginError(f"briefs: {exc}") from None
    return SiteOptions(
        site_name=config.site_name,
        download_url=download_url,
        site_url=config.site_url or None,
        language=str(config.theme.get("language") or "en"),
        docs_dir=Path(config.docs_dir),
        memo=memo,
        as_of=as_of,
    )


class BriefsPlugin(BasePlugin[BriefsConfig]):
    _memo: Memo | None = None  # mkdocs serve: what earlier builds computed
    _staging: Path | None = None  # mkdocs serve --dirty: generated files, rewritten only when changed
    _previous: dict[str, Output] = {}  # what the last build generated, by path
    _sources: dict[str, str] = {}  # mkdocs serve --dirty: each generated file's path in the staging folder

    def on_startup(self, *, command: str, dirty: bool) -> None:
        if command != "serve":
            return
        self._memo = Memo()
        self._previous = {}
        self._sources = {}
        if dirty:
            self._staging = Path(tempfile.mkdtemp(prefix="briefs-serve-"))
        else:
            log.info("briefs: 'mkdocs serve --dirty' rebuilds only the pages a change touches (seconds, not minutes)")

    def on_shutdown(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

    def _root(self, config: MkDocsConfig) -> Path:
        if self.config.root:
            return Path(self.config.root)
        return Path(config.config_file_path).resolve().parent

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Edit links need repo_url; without it, edit_uri alone makes MkDocs warn
        # (and --strict fail) on every page.
        if not config.repo_url:
            config.edit_uri = None
            config.edit_uri_template = None
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        try:
            generated = generate(self._root(config), site_options(config, self.config.download_url, self._memo))
        except CorpusError as exc:
            raise PluginError(f"briefs: {len(exc.diagnostics)} problem(s) in the corpus:\n{exc}") from None
        except WriteError as exc:
            raise PluginError(f"briefs: {exc}") from None
        # Plain `mkdocs build` is reproducible too: MkDocs stamps the sitemap with
        # SOURCE_DATE_EPOCH (read when the build ends); unset, use the newest brief's date.
        if "SOURCE_DATE_EPOCH" not in os.environ:
            os.environ["SOURCE_DATE_EPOCH"] = default_epoch(generated.corpus)
            self._set_epoch = True
        root = self._root(config)
        docs_prefix = _relative_prefix(Path(config.docs_dir), root)
        for file in files:  # hand-written pages: edit links relative to the repository root
            if file.generated_by is None and docs_prefix is not None:
                file.edit_uri = docs_prefix + file.src_uri
        for path, page in generated.pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"briefs: docs/{path} collides with a generated page; rename or remove it")
            file = self._file(config, path, page)
            # The "edit" button opens the YAML that defines the page (edit_uri: .../edit/main/).
            file.edit_uri = page.source
            files.append(file)
        for path, site_file in generated.files.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"briefs: docs/{path} collides with a generated file; rename or remove it")
            files.append(self._file(config, path, site_file))
        if self._staging is not None:
            self._forget(config, set(self._previous) - set(generated.pages) - set(generated.files))
        if self._memo is not None:
            self._previous = {**generated.pages, **generated.files}
        return files

    def _file(self, config: MkDocsConfig, path: str, output: Output) -> File:
        content = output.content if isinstance(output, SiteFile) else output.text
        if self._staging is None:
            return File.generated(config, path, content=content)
        # mkdocs serve --dirty: MkDocs rebuilds a page when its source is newer than its
        # output, so the source is rewritten only when the content changed.
        previous = self._previous.get(path)
        source = self._sources.get(path)
        if source is None:
            source = self._sources[path] = str(self._staging / path)
        if previous is not output and (previous is None or previous != output or not os.path.isfile(source)):
            os.makedirs(os.path.dirname(source), exist_ok=True)
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            Path(source).write_bytes(data)
        return File.generated(config, path, abs_src_path=source)

    def _forget(self, config: MkDocsConfig, gone: set[str]) -> None:
        """Pages that the corpus no longer makes (a claim removed): delete their sources and
        outputs, which a --dirty build would otherwise keep serving."""
        for path in sorted(gone):
            (self._staging / path).unlink(missing_ok=True)  # type: ignore[operator]
            Path(File.generated(config, path, content="").abs_dest_path).unlink(missing_ok=True)

    _set_epoch = False

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._set_epoch:  # leave the environment as it was
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self._set_epoch = False

    def on_build_error(self, *, error: Exception) -> None:
        self.on_post_build(config=None)  # type: ignore[arg-type]

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        root = self._root(config)
        for folder in ("briefs", "seeds"):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server
