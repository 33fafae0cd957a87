"""The ``lessonkit`` command: a thin adapter over the core, like the plugin.

Each subcommand is registered by an ``add_parser(subparsers)`` function that adds
its parser and sets ``run`` (a function of the parsed arguments returning the
exit status). To add a command, write such a function (in its own module if it
is more than a few lines) and list it in ``COMMANDS``.

Exit status: 0 all is well, 1 a practice file is bad, 2 the command cannot run
(wrong arguments, no site here, a file in the way).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeAlias

from .checking import check_practice_files, practice_paths
from .problems import display_path
from .scaffold import ScaffoldError, write_scaffold
from .schema import schema_text
from .sitelayout import SiteConfigError, UsageError, find_site, site_here

__all__ = ["COMMANDS", "UsageError", "main", "site_here"]

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


# check ----------------------------------------------------------------------


def _run_check(args: argparse.Namespace) -> int:
    try:
        site = find_site(Path.cwd())
    except SiteConfigError as error:
        # The build stops on these before it reads a practice file: so does check.
        if args.format == "json":
            print(json.dumps({"configuration": error.lines, "files": [], "bad_files": [], "problems": []}, indent=2))
        else:
            for line in error.lines:
                print(line)
        return 1
    if args.paths:
        given = list(args.paths)
    elif site is not None:
        given = [site.quizzes_dir]
    else:
        raise UsageError("no mkdocs.yml in this folder: run in the site's folder, or name the files to check")
    for note in site.notes if site else ():
        print(note, file=sys.stderr)  # as the build logs it
    paths, problems = practice_paths(given, site)
    report = check_practice_files(paths, site)
    report.problems[:0] = problems
    config_problems = list(site.config_problems) if site else []
    if args.format == "json":
        print(json.dumps({**report.as_dict(), "configuration": config_problems}, indent=2, ensure_ascii=False))
    else:
        for line in config_problems:
            print(line)
        for problem in report.problems:
            print(problem)
        summary = report.summary()
        if config_problems and site is not None:
            summary += f"; {len(config_problems)} problem(s) in {site.config_file.name}"
        print(summary)
    return 0 if report.ok and not config_problems else 1


def add_check_parser(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="validate practice files without building the site",
        description=(
            "Validate practice files and print every problem as path:line:column: field: message (hint). "
            "In a site's folder, also check each 'lesson:' and 'page:' against the site's pages, and the "
            "[[practice: ...]] lines of its pages. Exit status 1 when any file is bad."
        ),
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, help="files or folders (default: the quizzes_dir of ./mkdocs.yml)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="json: for tools")
    parser.set_defaults(run=_run_check)


# schema ---------------------------------------------------------------------


def _run_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text())
    return 0


def add_schema_parser(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of practice files (for editors)",
        description=(
            "Print the JSON Schema of the practice-file format, generated from the model. "
            "Keep it next to the practice files: lessonkit schema > quizzes/lessonkit.schema.json"
        ),
    )
    parser.set_defaults(run=_run_schema)


# new ------------------------------------------------------------------------


def _run_new(args: argparse.Namespace) -> int:
    folder = args.dir
    if folder is None:
        site = site_here()
        folder = site.quizzes_dir if site else Path("quizzes")
    display_root = Path.cwd()
    try:
        made = write_scaffold(folder, args.name, args.title, display=display_path(folder / f"{args.name}.yml", display_root))
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"cannot write {folder / (args.name + '.yml')}: {error.strerror}") from None
    print(f"wrote {display_path(made.path, display_root)}")
    if made.schema_path is not None:
        print(f"wrote {display_path(made.schema_path, display_root)} (the schema its first line points to)")
    print(f"next: edit it, then run: lessonkit check {display_path(made.path, display_root)}")
    return 0


def add_new_parser(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "new",
        help="start a practice file with one example of each section type",
        description=(
            "Write QUIZZES/NAME.yml: a valid practice set with one commented example of each section "
            "type, ready to edit. Never replaces an existing file."
        ),
    )
    parser.add_argument("name", help="the file's name without .yml, e.g. video-generation (also the page's URL)")
    parser.add_argument("--title", help='the page title (default: "Practice: <Name>")')
    parser.add_argument(
        "--dir", type=Path, default=None, help="folder to write to (default: the quizzes_dir of ./mkdocs.yml)"
    )
    parser.set_defaults(run=_run_new)


# assets ---------------------------------------------------------------------

def _run_assets(args: argparse.Namespace) -> int:
    from .assets import ASSETS, SHIPPED, STUDY_SCRIPT, shipped

    folder: Path = args.dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in SHIPPED:
            (folder / name).write_bytes(shipped(name))
    except OSError as error:
        raise UsageError(f"cannot write to {folder}: {error.strerror}") from None
    for name, setting in ASSETS.items():
        print(f"wrote {display_path(folder / name, Path.cwd())} (list it under {setting})")
    print(f"wrote {display_path(folder / STUDY_SCRIPT, Path.cwd())} (loaded by lessonkit.js: list it nowhere)")
    return 0


def add_assets_parser(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "assets",
        help="write the widgets' script and stylesheet (for Zensical's extra_javascript/extra_css)",
        description=(
            "Write lessonkit.js, lessonkit.css and lessonkit-study.js, as this version of lessonkit ships them, into DIR "
            "(replacing older copies). On Zensical, list them under extra_javascript and extra_css; "
            "the build stops when they differ from this version's. The MkDocs plugin needs no copy."
        ),
    )
    parser.add_argument("dir", type=Path, help="a folder of the docs folder, e.g. docs/assets/lessonkit")
    parser.set_defaults(run=_run_assets)


# ----------------------------------------------------------------------------

from .ci_command import add_ci_parser  # noqa: E402  `lessonkit ci`: validate, strict build, link check
from .export_command import add_export_parser  # noqa: E402  `lessonkit export`: Moodle XML, QTI 1.2

COMMANDS: tuple[Callable[[Subparsers], None], ...] = (
    add_assets_parser,
    add_check_parser,
    add_ci_parser,
    add_export_parser,
    add_new_parser,
    add_schema_parser,
)
"""Every subcommand's ``add_parser``, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lessonkit", description="Practice sets for MkDocs course sites.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add_parser in COMMANDS:
        add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except UsageError as error:
        print(f"lessonkit {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
