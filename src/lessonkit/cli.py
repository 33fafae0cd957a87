"""The ``lessonkit`` command: a thin adapter over the core, like the plugin."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .course import find_practice_files
from .loading import load_practice_files
from .problems import PracticeFileError, Problem

__all__ = ["main"]


def _check(args: argparse.Namespace) -> int:
    paths: list[Path] = []
    for given in args.paths or [Path("quizzes")]:
        paths.extend(find_practice_files(given) if given.is_dir() else [given])
    problems: list[Problem] = []
    try:
        load_practice_files(paths)
    except PracticeFileError as error:
        problems = error.problems
    if args.format == "json":
        print(json.dumps({"files": len(paths), "problems": [p.as_dict() for p in problems]}, indent=2))
    else:
        for problem in problems:
            print(problem)
        bad = len({problem.file for problem in problems})
        print(f"{len(paths)} file(s) checked: " + (f"{len(problems)} problem(s) in {bad} file(s)" if problems else "all good"))
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lessonkit", description="Practice sets for MkDocs course sites.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate practice files without building the site")
    check.add_argument("paths", nargs="*", type=Path, help="files or folders (default: quizzes/)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(run=_check)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
