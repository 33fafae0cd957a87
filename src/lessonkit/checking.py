"""Checking practice files without building the site: every problem of every file.

Each file is checked on its own (YAML, the model, answers and ids); when the
site is known, the checks across files run on the good ones (a ``lesson:`` page
that does not exist, two files claiming one ``page:``), and the
``[[practice: ...]]`` lines of the site's pages are checked against the sets,
and the links of the sets' texts against the site's files, as the build does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from markdown.extensions.toc import slugify as _toc_slugify

from .course import cross_file_problems, find_practice_files, shared_stems, written_pages
from .embedding import directive_problems, find_directives, sets_by_stem
from .links import set_link_problems
from .loading import LoadedSet, load_practice_file
from .pipeline import quizzes_dir_problem
from .problems import PracticeFileError, Problem
from .rendering import page_path
from .sitelayout import SiteLayout

__all__ = ["CheckReport", "check_practice_files", "practice_paths"]

_ID = re.compile(r'\sid="([^"]+)"')


@dataclass
class CheckReport:
    """What ``check`` found: the files read and every problem, in file order."""

    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def bad_files(self) -> list[str]:
        return sorted({problem.file for problem in self.problems})

    def summary(self) -> str:
        checked = f"{len(self.files)} practice file(s) checked"
        if self.ok:
            return f"{checked}: no problems"
        return f"{checked}: {len(self.problems)} problem(s) in {len(self.bad_files)} file(s)"

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "bad_files": self.bad_files,
            "problems": [problem.as_dict() for problem in self.problems],
            "summary": self.summary(),
        }


def practice_paths(given: Iterable[Path], site: SiteLayout | None = None) -> tuple[list[Path], list[Problem]]:
    """The files named, folders expanded; a name that does not exist is a problem
    (the site's practice folder: in the build's words)."""
    paths: list[Path] = []
    problems: list[Problem] = []
    for path in given:
        display = site.display(path) if site else str(path)
        if site is not None and path == site.quizzes_dir:
            problem = quizzes_dir_problem(path)
            if problem:
                problems.append(Problem(display, 1, 1, "", problem))
            paths.extend(find_practice_files(path))
        elif path.is_dir():
            found = find_practice_files(path)
            if not found:
                problems.append(Problem(display, 1, 1, "", "no practice files (*.yml, *.yaml) in this folder"))
            paths.extend(found)
        elif path.exists():
            paths.append(path)
        else:
            problems.append(Problem(display, 1, 1, "", "no such file or folder"))
    return paths, problems


def check_practice_files(paths: Iterable[Path], site: SiteLayout | None = None) -> CheckReport:
    """Check every file; with ``site``, the cross-file and page checks too."""
    report = CheckReport()
    loaded: list[LoadedSet] = []
    failed: list[Path] = []
    for path in paths:
        display = site.display(path) if site else str(path)
        report.files.append(display)
        try:
            loaded.append(load_practice_file(path, display))
        except PracticeFileError as error:
            report.problems.extend(error.problems)
            failed.append(path)
        else:
            report.problems.extend(loaded[-1].warnings())  # what the build warns of: --strict stops it
    if site is not None:
        _check_across(report, loaded, failed, site)
    report.problems.sort(key=lambda problem: (problem.file, problem.line, problem.column))
    return report


def _check_across(report: CheckReport, loaded: list[LoadedSet], failed: list[Path], site: SiteLayout) -> None:
    inside = [entry for entry in loaded if _is_inside(entry.source, site.quizzes_dir)]
    pages = site.content_pages()
    report.problems.extend(cross_file_problems(inside, set(pages), written_pages(pages)))
    checked = {path.resolve() for path in (*(entry.source for entry in loaded), *failed)}
    if checked.issuperset(path.resolve() for path in find_practice_files(site.quizzes_dir)):
        # Every set of the site was read: the pages' directives can be checked.
        by_stem = sets_by_stem(inside)
        # Not judged against a file that failed, nor against one of two with one name:
        # their own problem is the one to tell.
        unknown = {path.stem for path in failed} | shared_stems(inside)
        for path in pages.values():
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # MkDocs reports unreadable pages itself
            if "[[" in text:
                report.problems.extend(
                    directive_problems(text, site.display(path), by_stem, site.slugify or _toc_slugify, unknown=unknown)
                )
    report.problems.extend(_link_problems(inside, site, pages))


def _link_problems(sets: list[LoadedSet], site: SiteLayout, pages: dict[str, Path]) -> list[Problem]:
    """Broken links in the sets' texts, as the build reports them."""
    practice_pages = {page_path(entry.stem, entry.practice_set): entry for entry in sets}
    known = site.docs_files() | set(practice_pages)
    converted: dict[str, set[str] | None] = {}

    def anchors_of(target: str) -> set[str] | None:
        if target not in converted:
            converted[target] = _page_anchors(pages.get(target), site)
        return converted[target]

    problems: list[Problem] = []
    for page, entry in practice_pages.items():
        problems.extend(set_link_problems(entry, page, known, anchors_of))
    return problems


def _page_anchors(path: Path | None, site: SiteLayout) -> set[str] | None:
    """The ids of a content page as the site's Markdown makes them (None: not
    a content page, or one whose embedded practice adds anchors of its own)."""
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if "[[" in text and find_directives(text):
        return None
    html = markdown.Markdown(extensions=list(site.markdown_extensions), extension_configs=site.mdx_configs).convert(text)
    return set(_ID.findall(html))


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True
