"""``lessonkit export``: the course's questions as a file an LMS imports.

``lessonkit export --format moodle PATH`` writes Moodle XML;
``lessonkit export --format qti PATH`` a QTI 1.2 package (zip) as Canvas
imports it. Run in the site's folder: the practice files are those of the
lessonkit plugin's ``quizzes_dir``, their Markdown rendered with the site's
``markdown_extensions`` (``mkdocs.yml`` read with MkDocs' own loader, as the
build reads it). Flashcards sections are left out, and the command says which. A bad
practice file gives the messages of ``lessonkit check`` and nothing is written.

It writes only its own files: the target's extension must fit the format
(``.xml``, ``.zip``); a file that exists is replaced only when lessonkit export
wrote it (the comment after the XML declaration, the zip's comment: see
``MARK`` in :mod:`lessonkit.export.moodle` and :mod:`lessonkit.export.qti`);
the site's configuration and the files of the docs and quizzes folders are
never targets. ``--force`` lifts the last two rules, never the first.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .sitelayout import SiteLayout

__all__ = ["FORMATS", "add_export_parser"]

FORMATS = {"moodle": "Moodle XML", "qti": "QTI 1.2 package for Canvas"}


def _run_export(args: argparse.Namespace) -> int:
    from .checking import check_practice_files
    from .sitelayout import UsageError, site_here
    from .course import find_practice_files
    from .export.moodle import UnsupportedGrade, moodle_xml
    from .export.qti import qti_package
    from .export.questions import banks, markdown_converter
    from .loading import load_practice_file

    site = site_here()
    if site is None:
        raise UsageError("no mkdocs.yml in this folder: run in the site's folder")
    output: Path = args.path
    if output.is_dir():
        raise UsageError(f"{output} is a folder: name the file to write, e.g. {output / ('questions.' + _suffix(args.format))}")
    refusal = _refusal(output, site, args.format, args.force)
    if refusal:
        raise UsageError(refusal)
    paths = find_practice_files(site.quizzes_dir)
    if not paths:
        raise UsageError(f"no practice files (*.yml, *.yaml) in {site.display(site.quizzes_dir)}")
    report = check_practice_files(paths, site)
    if not report.ok:  # exactly what `lessonkit check` prints; nothing is written
        for problem in report.problems:
            print(problem)
        print(report.summary())
        print(f"lessonkit export: nothing written to {output}", file=sys.stderr)
        return 1
    course, to_html = site.site_name, markdown_converter(site.markdown_extensions, site.mdx_configs)
    question_banks = banks((load_practice_file(path, site.display(path)) for path in paths), to_html)
    for bank in question_banks:
        for note in bank.left_out:
            print(note)
    try:
        data = moodle_xml(course, question_banks) if args.format == "moodle" else qti_package(course, question_banks)
    except UnsupportedGrade as error:
        print(f"lessonkit export: {error}; nothing written to {output}", file=sys.stderr)
        return 1
    _write_whole(output, data)
    count = sum(len(bank.questions) for bank in question_banks)
    print(f"wrote {output}: {count} question(s) from {len(question_banks)} practice set(s), {FORMATS[args.format]}")
    return 0


def _suffix(kind: str) -> str:
    return "xml" if kind == "moodle" else "zip"


_CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml", "zensical.yml", "zensical.toml")


def _refusal(output: Path, site: SiteLayout, kind: str, force: bool) -> str | None:
    """Why ``output`` is not a file to write, or None."""
    example = f"questions.{_suffix(kind)}"
    target = output.resolve()
    if not force:
        if target in {site.config_file.resolve(), *((site.root / name).resolve() for name in _CONFIG_NAMES)}:
            return f"{output} is the site's configuration: name the file to write, e.g. {example}"
        for folder, holds in ((site.quizzes_dir, "the practice files"), (site.docs_dir, "the site's pages")):
            if target.is_relative_to(folder.resolve()):
                return (f"{output} is in the {'quizzes' if folder == site.quizzes_dir else 'docs'} folder "
                        f"({site.display(folder)}), which holds {holds}: write it elsewhere, e.g. {example}, "
                        "or add --force")
    suffix = _suffix(kind)
    if output.suffix.lower() != f".{suffix}":
        other = next(name for name in FORMATS if name != kind)
        hint = f", or use --format {other} for a .{_suffix(other)} file" if output.suffix.lower() == f".{_suffix(other)}" else ""
        return f"{output}: --format {kind} writes a .{suffix} file: name it {output.with_suffix('.' + suffix)}{hint}"
    if not force and (output.exists() or output.is_symlink()) and not _written_by_export(output, kind):
        return f"{output} exists and was not written by lessonkit export: name another file, or add --force to replace it"
    return None


def _written_by_export(path: Path, kind: str) -> bool:
    """Whether ``path`` is a file lessonkit export wrote in this format (its mark is read, not the whole file)."""
    import zipfile

    from .export import moodle, qti

    if not path.is_file():
        return False
    try:
        if kind == "moodle":
            with path.open("rb") as stream:
                return moodle.MARK in stream.read(len(moodle.MARK) + 64)
        with zipfile.ZipFile(path) as package:
            return package.comment.startswith(qti.MARK)
    except (OSError, zipfile.BadZipFile):
        return False


def _write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` at once: a reader never sees half a file."""
    from .sitelayout import UsageError

    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}") from None


def add_export_parser(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add ``lessonkit export`` to the command line's subcommands."""
    parser = subparsers.add_parser(
        "export",
        help="write the course's questions for Moodle (XML) or Canvas (QTI 1.2)",
        description=(
            "Write every practice set's questions to PATH: Moodle XML (--format moodle) or a QTI 1.2 zip as "
            "Canvas imports it (--format qti). Self-check questions become essay questions, matching sections "
            "matching questions, each labeling statement a multiple-answer question with partial credit; "
            "flashcards are left out. A bad practice file stops it before anything is written (exit status 1). "
            "It replaces only a file it wrote itself, and never writes the site's configuration or into the "
            "docs or quizzes folder, unless --force; PATH ends in .xml (moodle) or .zip (qti)."
        ),
    )
    parser.add_argument("--format", choices=tuple(FORMATS), required=True, help="moodle: Moodle XML; qti: QTI 1.2 zip")
    parser.add_argument("path", type=Path, help="the file to write, e.g. questions.xml or questions.zip")
    parser.add_argument(
        "--force", action="store_true",
        help="replace PATH even if lessonkit export did not write it, or write into the docs or quizzes folder",
    )
    parser.set_defaults(run=_run_export)
