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
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from markdown.extensions.toc import slugify as _toc_slugify

from .embedding import Slugify, heading_slug, section_slug
from .rendering import page_path
from .fences import lines_outside_fences
from .standing import first_visit_summary, standing_sections
from .strings import plural

if TYPE_CHECKING:
    from .loading import LoadedSet
    from .rendering import PracticeRenderer

__all__ = ["expand_progress_lists", "first_visit_next", "has_progress_list", "progress_entries", "section_places"]

_LINE = re.compile(r"^\[\[\s*practice-progress\s*\]\]\s*$")
_TEMPLATE = "lessonkit/progress.html"


def _lines(markdown: str) -> list[int]:
    """The 0-based numbers of the ``[[practice-progress]]`` lines, outside fenced code blocks."""
    found: list[int] = []
    for number, line in lines_outside_fences(markdown):
        if _LINE.match(line):
            found.append(number - 1)
    return found


def has_progress_list(markdown: str) -> bool:
    return "practice-progress" in markdown and bool(_lines(markdown))


def section_places(loaded: LoadedSet, slugify: Slugify | None = None) -> list[str]:
    """The anchor of each section's heading on its set's page (``#flashcards``),
    as the page's ``toc`` numbers a repeated heading (``_1``, ``_2``)."""
    slugify = slugify or _toc_slugify
    taken = {heading_slug(loaded.practice_set.title, slugify)}
    places = []
    for section in loaded.practice_set.sections:
        slug = base = section_slug(section, slugify)
        number = 0
        while slug in taken or not slug:
            number += 1
            slug = f"{base}_{number}"
        taken.add(slug)
        places.append(f"#{slug}")
    return places


def first_visit_next(entries: Iterable[Mapping[str, Any]], strings: Mapping[str, Any], language: str = "en") -> str:
    """What the script says to do next with no progress kept: every exercise
    left, every card new (the same words as ``nextSteps`` in lessonkit.js)."""
    left = fresh = 0
    for entry in entries:
        for _, kind, ids in entry["sections"]:
            left += kind == "exercises"
            fresh += len(ids) if kind == "cards" else 0
    parts = [
        plural(strings[name], count, language).replace("{count}", str(count))
        for name, count in (("next_exercises", left), ("next_new", fresh))
        if count
    ]
    return " \u00b7 ".join(parts) or str(strings["next_none"])


def progress_entries(
    sets: Iterable[LoadedSet],
    renderer: PracticeRenderer,
    href: Callable[[str], str],
    slugify: Slugify | None = None,
) -> list[dict[str, Any]]:
    """Each set's entry of a list: its link, title, sections' ids, the links to
    its sections, and the texts the script's boxes hold on a first visit."""
    entries = []
    for loaded in sets:
        practice_set = loaded.practice_set
        link = href(page_path(loaded.stem, practice_set))
        sections = standing_sections(loaded.stem, practice_set, renderer.set_ids(loaded.stem, practice_set))
        entry = {
            "href": link,
            "title": practice_set.title,
            "sections": sections,
            "places": section_places(loaded, slugify),  # after the link's URL, which the engine makes
            "summary": first_visit_summary(sections, renderer.strings),
        }
        entry["next"] = first_visit_next([entry], renderer.strings)
        entries.append(entry)
    return entries


def expand_progress_lists(
    markdown: str,
    sets: Iterable[LoadedSet],
    renderer: PracticeRenderer,
    href: Callable[[str], str],
    slugify: Slugify | None = None,
    review: str | None = None,
) -> str:
    """The page with each ``[[practice-progress]]`` line replaced by the list
    (``href``: the link to a docs path, from the page being rendered;
    ``review``: the docs path of the course's review page, if it has one)."""
    numbers = _lines(markdown)
    if not numbers:
        return markdown
    entries = progress_entries(sets, renderer, href, slugify)
    html = renderer.environment.get_template(_TEMPLATE).render(
        entries=entries, strings=renderer.strings, review=href(review) if review else "",
        next=first_visit_next(entries, renderer.strings),
    ).strip()
    lines = markdown.splitlines()
    for number in numbers:
        lines[number] = f"\n{html}\n"
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")
