"""A course: every practice set of a site, and the checks across files."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from typing import TYPE_CHECKING

from .problems import PracticeFileError, Problem
from .rendering import page_path

if TYPE_CHECKING:
    from .loading import LoadCache, LoadedSet

__all__ = ["Course", "find_practice_files", "load_course", "shared_stems", "stem_problems", "written_pages"]

_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?^(?:-{3}|\.{3})[ \t]*$", re.S | re.M)
_WRITTEN_MAX = 1024
"""A page holding only ``[[practice: stem]]`` (and front matter) is small: larger ones are not read."""


def written_pages(pages: Mapping[str, Path]) -> dict[str, str]:
    """Docs path -> stem, for each page that holds only ``[[practice: stem]]``:
    the set's page, written out (see :func:`lessonkit.embedding.sole_directive`)."""
    from .embedding import sole_directive

    written: dict[str, str] = {}
    for docs_path, path in pages.items():
        try:
            if path.stat().st_size > _WRITTEN_MAX:
                continue
            text = _FRONT_MATTER.sub("", path.read_text(encoding="utf-8-sig"), count=1)
        except (OSError, UnicodeDecodeError):
            continue  # the site reports unreadable pages itself
        sole = sole_directive(text)
        if sole is not None and sole.stem:
            written[docs_path] = sole.stem
    return written


def find_practice_files(folder: Path) -> list[Path]:
    """The practice files of a folder, sorted: ``*.yml`` and ``*.yaml``, recursively."""
    if not folder.is_dir():
        return []
    return sorted(
        path
        for pattern in ("*.yml", "*.yaml")
        for path in folder.rglob(pattern)
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


@dataclass(frozen=True)
class Course:
    """The practice sets of a site, each with the docs path of its page."""

    sets: tuple[LoadedSet, ...]

    def pages(self) -> dict[str, LoadedSet]:
        """Docs path of each generated page -> the set it shows."""
        return {page_path(loaded.stem, loaded.practice_set): loaded for loaded in self.sets}

    def by_stem(self, stem: str) -> LoadedSet | None:
        return next((loaded for loaded in self.sets if loaded.stem == stem), None)


def _stem_twins(sets: Collection[LoadedSet]) -> list[tuple[LoadedSet, LoadedSet]]:
    """Each file whose name an earlier one has, with that one: the one in the deeper folder is the twin."""
    first: dict[str, LoadedSet] = {}
    twins = []
    for loaded in sorted(sets, key=lambda loaded: (len(PurePosixPath(loaded.display).parts), loaded.display)):
        other = first.setdefault(loaded.stem, loaded)
        if other is not loaded:
            twins.append((loaded, other))
    return twins


def stem_problems(sets: Collection[LoadedSet]) -> list[Problem]:
    """Two practice files with one name (in any folder, ``.yml`` or ``.yaml``): the name is
    the set's page, its progress in the learner's browser and its Anki deck, so one would
    replace the other in silence."""
    problems = []
    for loaded, other in _stem_twins(sets):
        source = PurePosixPath(loaded.display)
        folder = source.parent.name
        same_folder = source.parent == PurePosixPath(other.display).parent
        renamed = source.with_name((f"{loaded.stem}-2" if same_folder or not folder else f"{folder}-{loaded.stem}") + source.suffix)
        problems.append(
            loaded.problem(
                (),
                f"{other.display} has the same name, '{loaded.stem}': two practice files cannot share a name, "
                "in any folder, as .yml or .yaml (the name is the set's page, its learners' progress and its Anki deck)",
                f"rename one of them, e.g. {loaded.display} to {renamed}",
            )
        )
    return problems


def shared_stems(sets: Collection[LoadedSet]) -> set[str]:
    """The names two practice files share (:func:`stem_problems` says so): a page's
    ``[[practice: name#section]]`` cannot be judged by either file until one is renamed."""
    return {loaded.stem for loaded, _ in _stem_twins(sets)}


def cross_file_problems(
    sets: Collection[LoadedSet], content_pages: Collection[str], written: Mapping[str, str] | None = None
) -> list[Problem]:
    """What no single file shows: a missing lesson, two files claiming one page.

    ``written``: pages that are their set's page written out (docs path -> stem,
    :func:`written_pages`); such a page is not "already" there.
    """
    written = written or {}
    problems: list[Problem] = stem_problems(sets)
    claimed: dict[str, LoadedSet] = {}
    pages = sorted(content_pages)
    twins = {id(loaded) for loaded, _ in _stem_twins(sets)}
    for loaded in sets:
        if id(loaded) in twins:
            continue  # told once, as a name given twice
        practice_set = loaded.practice_set
        path = page_path(loaded.stem, practice_set)
        where = ("page",) if practice_set.page else ()
        if written.get(path) == loaded.stem:
            pass  # its page, written out
        elif path in written:
            problems.append(
                loaded.problem(
                    where,
                    f"page '{path}' is the page of '{written[path]}': it holds [[practice: {written[path]}]]",
                    "choose another 'page:'",
                )
            )
        elif path in claimed:
            problems.append(
                loaded.problem(
                    where,
                    f"page '{path}' is also the page of {claimed[path].display}",
                    "give one of them its own 'page:'",
                )
            )
        elif path in content_pages:
            problems.append(
                loaded.problem(where, f"page '{path}' already exists in the docs folder", "choose another 'page:'")
            )
        claimed.setdefault(path, loaded)
        if practice_set.lesson and practice_set.lesson not in content_pages:
            close = difflib.get_close_matches(practice_set.lesson, pages, n=1, cutoff=0.6)
            problems.append(
                loaded.problem(
                    ("lesson",),
                    f"lesson page '{practice_set.lesson}' does not exist in the docs folder",
                    f"did you mean '{close[0]}'?" if close else "give the path of a Markdown page, relative to the docs folder",
                )
            )
    return problems


def load_course(
    folder: Path,
    content_pages: Collection[str] | None = None,
    display_root: Path | None = None,
    cache: LoadCache | None = None,
    written: Mapping[str, str] | None = None,
) -> Course:
    """Load every practice file of ``folder``; raise one error naming every problem.

    With ``content_pages`` (docs paths of the site's Markdown pages), the
    cross-file checks run too. ``cache``: see :func:`load_practice_files`.
    """
    paths = find_practice_files(folder)
    if not paths:  # nothing to validate: the model (and pydantic) is not even imported
        return Course(())
    from .loading import load_practice_files

    sets = load_practice_files(paths, display_root, cache)
    problems = cross_file_problems(sets, content_pages, written) if content_pages is not None else stem_problems(sets)
    if problems:
        raise PracticeFileError(problems)
    return Course(tuple(sets))
