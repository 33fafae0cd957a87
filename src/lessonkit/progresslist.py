"""The ``[[practice-progress]]`` line: every practice set of the course, listed.

A line of a page that holds only ``[[practice-progress]]`` (outside fenced code
blocks) is replaced by a list of links, one to each practice set's page, in the
course's order. Each entry carries the stable ids of its set's sections and
entries (``data-lk-sections``), from which the widgets' script shows where the
learner stands in that set, from the progress kept in their browser; with
JavaScript off it is the plain list of links (the boxes the script fills,
:mod:`lessonkit.standing`, are hidden). Nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from .rendering import page_path
from .standing import first_visit_summary, standing_sections

if TYPE_CHECKING:
    from .loading import LoadedSet
    from .rendering import PracticeRenderer

__all__ = ["expand_progress_lists", "has_progress_list"]

_LINE = re.compile(r"^\[\[\s*practice-progress\s*\]\]\s*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_TEMPLATE = "lessonkit/progress.html"


def _lines(markdown: str) -> list[int]:
    """The 0-based numbers of the ``[[practice-progress]]`` lines, outside fenced code blocks."""
    found: list[int] = []
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines()):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1).startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
        elif opening:
            fence = opening.group(1)
        elif _LINE.match(line):
            found.append(number)
    return found


def has_progress_list(markdown: str) -> bool:
    return "practice-progress" in markdown and bool(_lines(markdown))


def expand_progress_lists(
    markdown: str,
    sets: Iterable[LoadedSet],
    renderer: PracticeRenderer,
    href: Callable[[str], str],
) -> str:
    """The page with each ``[[practice-progress]]`` line replaced by the list
    (``href``: the link to a docs path, from the page being rendered)."""
    numbers = _lines(markdown)
    if not numbers:
        return markdown
    entries = []
    for loaded in sets:
        practice_set = loaded.practice_set
        sections = standing_sections(loaded.stem, practice_set, renderer.set_ids(loaded.stem, practice_set))
        entries.append({
            "href": href(page_path(loaded.stem, practice_set)),
            "title": practice_set.title,
            "sections": sections,
            "summary": first_visit_summary(sections, renderer.strings),
        })
    html = renderer.environment.get_template(_TEMPLATE).render(entries=entries, strings=renderer.strings).strip()
    lines = markdown.splitlines()
    for number in numbers:
        lines[number] = f"\n{html}\n"
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")
