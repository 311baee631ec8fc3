"""The ``briefs`` command: a thin adapter over the pipeline stages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from .diagnostics import Diagnostic
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
    check.set_defaults(run=_run_check)

    schema = sub.add_parser("schema", help="write the JSON Schemas for editors into schema/")
    _common(schema)
    schema.add_argument("--check", action="store_true", help="only check that schema/ is up to date")
    schema.set_defaults(run=_run_schema)
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", default=".", metavar="DIR", help="the corpus folder (default: .)")


def _run_check(args: argparse.Namespace, root: Path) -> int:
    corpus, problems = check_corpus(root)
    if problems:
        _report(problems, args.format)
        return EXIT_PROBLEMS
    assert corpus is not None
    print(f"ok: {len(corpus.briefs)} briefs, {len(corpus.actors)} actors, {len(corpus.claims)} claims, "
          f"{len(corpus.implications)} implications", file=sys.stderr)
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


def _report(problems: list[Diagnostic], fmt: str) -> None:
    for problem in problems:
        print(problem.format_github() if fmt == "github" else problem.format_text())
    print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
