"""The ``briefs`` command: a thin adapter over the pipeline stages."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Sequence

from .diagnostics import CorpusError, Diagnostic
from .outputs import SiteOptions
from .schema import stale_schemas, write_schemas
from .validate import check_corpus

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    root = Path(args.root)
    if not (root / "briefs").is_dir() and not (root / "seeds").is_dir():
        parser.error(f"{root} is not a corpus: it has no briefs/ or seeds/ folder (use --root DIR)")
    return args.run(args, root)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefs", description="Annotated news briefs: check, generate, build.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="validate seeds and annotations; report every problem")
    _common(check)
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="'github' prints workflow commands that annotate pull requests")
    check.add_argument("--changed", nargs="?", const="", default=None, metavar="BASE",
                       help="report only problems in files changed since BASE (default: the merge base "
                            "with main) and problems those changes cause elsewhere")
    check.add_argument("--strict", action="store_true",
                       help="treat warnings as errors: print them as errors, with every other problem, and exit 1")
    check.set_defaults(run=_run_check)

    generate = sub.add_parser("generate", help="check, then write the site's Markdown tree (no MkDocs needed)")
    _common(generate)
    generate.add_argument("--out", required=True, metavar="DIR", help="the folder to write (replaced as a whole)")
    generate.add_argument("--site-name", default=None, help="default: site_name from mkdocs.yml")
    generate.set_defaults(run=_run_generate)

    build = sub.add_parser("build", help="check, then build the site with MkDocs into site/ atomically")
    _common(build)
    build.add_argument("--site-dir", default=None, metavar="DIR", help="default: site/ in the corpus folder")
    build.add_argument("--config-file", default=None, metavar="FILE", help="default: mkdocs.yml in the corpus folder")
    build.add_argument("--zip", default=None, metavar="NAME",
                       help="also write a zip of the site as NAME inside it, linked from the home page")
    build.add_argument("--site-url", default=None, metavar="URL",
                       help="where the site will be published (overrides site_url in mkdocs.yml)")
    build.set_defaults(run=_run_build)

    export = sub.add_parser("export", help="check, then write the open data files (no site build)")
    _common(export)
    export.add_argument("--format", choices=("json", "csv", "w3c"), action="append", required=True,
                        help="json: data/briefs.json and its schema; csv: the tables; w3c: the Web Annotations"
                             " (repeat for several)")
    export.add_argument("--out", required=True, metavar="DIR", help="the folder to write (replaced as a whole)")
    export.add_argument("--site-url", default=None, metavar="URL",
                        help="where the site is published, for absolute URLs (default: site_url in mkdocs.yml)")
    export.set_defaults(run=_run_export)

    new = sub.add_parser("new", help="scaffold briefs/<id>.yml for a seed (never overwrites)")
    _common(new)
    new.add_argument("seed", metavar="SEED", help="a file name in seeds/, or a text file to copy into seeds/")
    new.add_argument("--id", default=None, help="the brief id (default: from the seed's name)")
    new.set_defaults(run=_run_new)

    schema = sub.add_parser("schema", help="write the JSON Schemas for editors into schema/")
    _common(schema)
    schema.add_argument("--check", action="store_true", help="only check that schema/ is up to date")
    schema.set_defaults(run=_run_schema)

    words = sub.add_parser("translations", help="update the catalogues of the site's words from the templates"
                                                " and code (generator/locale/)")
    _common(words)
    words.add_argument("--check", action="store_true",
                       help="only list the messages a catalogue lacks or marks fuzzy; exit 1 if any")
    words.add_argument("--add", default=None, metavar="LANG", help="start a catalogue for LANG (BCP 47, e.g. de)")
    words.set_defaults(run=_run_translations)
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", default=".", metavar="DIR", help="the corpus folder (default: .)")


def _as_of() -> tuple[dt.date | None, bool]:
    """SOURCE_DATE_EPOCH's date ("today" for implications due for review); (None, False) and a
    message on stderr when it is set to something else than a number of seconds."""
    from .forecasts.due import epoch_date

    try:
        return epoch_date(os.environ.get("SOURCE_DATE_EPOCH")), True
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None, False


def _run_check(args: argparse.Namespace, root: Path) -> int:
    as_of, ok = _as_of()
    if not ok:
        return EXIT_USAGE
    if args.changed is not None:
        from .changes import GitError, check_changed

        try:
            problems = check_changed(root, args.changed or None, as_of=as_of, strict=args.strict)
        except GitError as exc:
            print(f"error: --changed: {exc}", file=sys.stderr)
            return EXIT_USAGE
        if problems:
            _report(problems, args.format)
            if any(p.is_error for p in problems):
                return EXIT_PROBLEMS
        print("ok: no problems in the changed files", file=sys.stderr)
        return EXIT_OK
    corpus, problems = check_corpus(root, as_of=as_of, strict=args.strict)
    if problems:
        _report(problems, args.format)
        return EXIT_PROBLEMS
    assert corpus is not None
    if corpus.warnings:
        _report(list(corpus.warnings), args.format)
    print("ok: " + ", ".join(_count(n, word) for n, word in (
        (len(corpus.briefs), "brief"), (len(corpus.actors), "actor"), (len(corpus.claims), "claim"),
        (len(corpus.implications), "implication"))), file=sys.stderr)
    return EXIT_OK


def _output_folder(option: str, given: str, target: Path, root: Path) -> bool:
    """Refuse an output folder that would replace sources or a folder briefs did not
    make (message on stderr); put back what an interrupted run left aside."""
    from .output_folder import UnsafeOutput, prepare

    try:
        done = prepare(target, root)
    except UnsafeOutput as exc:
        print(f"error: {option} {given}: {exc}", file=sys.stderr)
        return False
    for note in done:
        print(f"note: {note}", file=sys.stderr)
    return True


def _write_output(given: str, out: Path, outputs: dict, docs: Path | None = None) -> int:
    """Write ``outputs`` (and the hand-written ``docs`` folder, if any) into ``out`` through a
    staging folder swapped in on success; the exit code, with the reason on stderr."""
    from .output_folder import UnsafeOutput
    from .write import WriteError, replacing, write_tree

    try:
        with replacing(out) as staging:
            if docs is not None and docs.is_dir():
                shutil.copytree(docs, staging, dirs_exist_ok=True)
            write_tree(outputs, staging)
    except UnsafeOutput as exc:
        print(f"error: --out {given}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except WriteError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _run_generate(args: argparse.Namespace, root: Path) -> int:
    from .pipeline import generate
    from .write import WriteError

    out = Path(args.out)
    if not _output_folder("--out", args.out, out, root):
        return EXIT_USAGE
    options = read_site_options(root / "mkdocs.yml")
    as_of, ok = _as_of()
    if not ok:
        return EXIT_USAGE
    options = dataclasses.replace(options, as_of=as_of)
    if args.site_name:
        options = dataclasses.replace(options, site_name=args.site_name)
    try:
        generated = generate(root, options)
    except CorpusError as exc:
        _report(exc.diagnostics, "text")
        return EXIT_PROBLEMS
    except WriteError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    # the hand-written pages (e.g. the contributor guide) come along
    code = _write_output(args.out, out, {**generated.pages, **generated.files}, docs=root / "docs")
    if code != EXIT_OK:
        return code
    print(f"wrote {len(generated.pages)} pages and {len(generated.files)} other files to {out}", file=sys.stderr)
    return EXIT_OK


def _run_export(args: argparse.Namespace, root: Path) -> int:
    """The dataset's files, as the site publishes them under data/, without building it."""
    from .link import link_corpus
    from .opendata.emit import files

    out = Path(args.out)
    if not _output_folder("--out", args.out, out, root):
        return EXIT_USAGE
    options = read_site_options(root / "mkdocs.yml")
    if args.site_url:
        options = dataclasses.replace(options, site_url=args.site_url)
    as_of, ok = _as_of()
    if not ok:
        return EXIT_USAGE
    corpus, problems = check_corpus(root, as_of=as_of)
    if problems:
        _report(problems, "text")
        return EXIT_PROBLEMS
    assert corpus is not None
    written = {f.path.removeprefix("data/"): f for f in
               files(link_corpus(corpus), options, tuple(dict.fromkeys(args.format)))}
    code = _write_output(args.out, out, written)
    if code != EXIT_OK:
        return code
    print(f"wrote {len(written)} files to {out}", file=sys.stderr)
    return EXIT_OK


def _run_build(args: argparse.Namespace, root: Path) -> int:
    from .build import BuildFailed, build_site
    from .output_folder import UnsafeOutput

    if args.zip is not None and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*\.zip", args.zip):
        print(f"error: --zip takes a file name ending in .zip, such as briefs-site.zip, not {args.zip!r}",
              file=sys.stderr)
        return EXIT_USAGE
    site_dir = Path(args.site_dir) if args.site_dir else root / "site"
    if not _output_folder("--site-dir", args.site_dir or str(site_dir), site_dir, root):
        return EXIT_USAGE
    as_of, ok = _as_of()  # the plugin reads it again; a bad value stops the build before it starts
    if not ok:
        return EXIT_USAGE
    corpus, problems = check_corpus(root, as_of=as_of)
    if problems:
        _report(problems, "text")
        print("build stopped: the previous site is unchanged", file=sys.stderr)
        return EXIT_PROBLEMS
    config_file = Path(args.config_file) if args.config_file else root / "mkdocs.yml"
    try:
        build_site(config_file, site_dir, corpus=corpus, zip_name=args.zip, site_url=args.site_url)
    except UnsafeOutput as exc:
        print(f"error: --site-dir {args.site_dir or site_dir}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BuildFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("build stopped: the previous site is unchanged", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"built {site_dir}", file=sys.stderr)
    return EXIT_OK


def read_site_options(config_file: Path) -> SiteOptions:
    """The settings pages depend on, from mkdocs.yml, without loading MkDocs.

    The file is read with the corpus's own safe loader; a file it cannot read
    (e.g. one using MkDocs' ``!!python/name`` tags) gives the defaults.
    """
    from .load import load_yaml_file

    loaded, _ = load_yaml_file(config_file, config_file.name) if config_file.is_file() else (None, [])
    data = loaded.data if loaded and isinstance(loaded.data, dict) else {}
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}

    def text(value: object, default: str | None) -> str | None:
        return value if isinstance(value, str) and value else default

    return SiteOptions(
        site_name=text(data.get("site_name"), "Briefs") or "Briefs",
        site_url=text(data.get("site_url"), None),
        language=text(theme.get("language"), "en") or "en",
        docs_dir=config_file.parent / (text(data.get("docs_dir"), "docs") or "docs"),
    )


def _run_new(args: argparse.Namespace, root: Path) -> int:
    from .scaffold import brief_target, candidate_actors, person_stubs, render_scaffold, seed_for_new, slugify
    from .seeds import load_seed
    from .validate import brief_id_problem

    brief_id = args.id or slugify(Path(args.seed).stem)
    problem = brief_id_problem(brief_id)
    if problem:  # also what keeps --id from naming a path outside briefs/
        print(f"error: {problem[0]}; {problem[1]}", file=sys.stderr)
        return EXIT_USAGE
    target, message = brief_target(root, brief_id)  # checked before the seed is copied
    if target is None:
        print(f"error: {message}", file=sys.stderr)
        return EXIT_PROBLEMS
    seed_path, message = seed_for_new(root, args.seed)
    if seed_path is None:
        print(f"error: {message}", file=sys.stderr)
        return EXIT_USAGE
    if message:
        print(message, file=sys.stderr)
    seed, problems = load_seed(seed_path, f"seeds/{seed_path.name}")
    if seed is None:
        _report(problems, "text")
        return EXIT_PROBLEMS
    corpus, _ = check_corpus(root)
    target.parent.mkdir(exist_ok=True)
    with open(target, "x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(render_scaffold(seed, candidate_actors(seed, corpus), person_stubs(seed, corpus)))
    print(f"wrote briefs/{target.name}; fill it in, then run: briefs check", file=sys.stderr)
    return EXIT_OK


def _run_schema(args: argparse.Namespace, root: Path) -> int:
    folder = root / "schema"
    if args.check:
        stale = stale_schemas(folder)
        for name in stale:
            print(f"schema/{name}: error: out of date; run 'briefs schema' and commit the result")
        return EXIT_PROBLEMS if stale else EXIT_OK
    for path in write_schemas(folder):
        print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK


def _run_translations(args: argparse.Namespace, root: Path) -> int:
    from . import i18n, translations  # Babel's extraction: only for this command

    if args.check:
        missing = translations.check()
        for language, messages in missing.items():
            path = i18n.catalogue_path(language).relative_to(i18n.LOCALE_DIR.parent.parent)
            for message in messages:
                print(f"{path}: error: no translation of {message!r} (empty or fuzzy)")
        return EXIT_PROBLEMS if any(missing.values()) else EXIT_OK
    template = translations.extract()
    languages = [lang for lang in i18n.available_languages() if lang != i18n.SOURCE_LANGUAGE]
    if args.add:
        from .model import _check_language

        try:
            _check_language(args.add)
        except ValueError as exc:
            print(f"briefs translations: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        languages.append(args.add)
    for language in dict.fromkeys(languages):
        print(f"wrote {translations.update(language, template)}", file=sys.stderr)
    return EXIT_OK


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _report(problems: list[Diagnostic], fmt: str) -> None:
    for problem in problems:
        print(problem.format_github() if fmt == "github" else problem.format_text())
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if errors:
        print(f"{errors} problem{'s' if errors != 1 else ''} found", file=sys.stderr)
    if warnings:
        print(f"{warnings} warning{'s' if warnings != 1 else ''}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
