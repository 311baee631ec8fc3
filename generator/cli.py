"""The ``briefs`` command: a thin adapter over the pipeline stages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from .diagnostics import Diagnostic
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


def _report(problems: list[Diagnostic], fmt: str) -> None:
    for problem in problems:
        print(problem.format_github() if fmt == "github" else problem.format_text())
    print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
