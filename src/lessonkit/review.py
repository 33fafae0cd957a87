"""The ``[[practice-review]]`` line: one review of the whole course, on one page.

A line of a page that holds only ``[[practice-review]]`` (outside fenced code
blocks) is replaced by the course's review: the list of practice sets, each a
link to its page with where the learner stands in it (as in the
``[[practice-progress]]`` list, :mod:`lessonkit.progresslist`), then, hidden
and left out of the site's search, every card and self-check question of the
course with its stable id, under the set and section it comes from and a link
to that section. The widgets' script opens one study session over everything
due in the course from it (the study dialog of the flashcards), kept in the
same progress record as the sets' pages: with JavaScript off the page is the
list of sets. The progress list links to the page holding the line: a course
has one. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .embedding import Slugify
from .fences import lines_outside_fences
from .problems import Problem
from .rendering import SetSource, page_path

if TYPE_CHECKING:
    from .loading import LoadedSet
    from .rendering import PageSlots, PracticeRenderer

__all__ = ["ReviewLine", "expand_review", "find_review_lines", "review_page", "review_problems"]

_MENTION = re.compile(r"\[\[\s*practice-review\b(?P<rest>[^\]]*)\]\]")
_TEMPLATE = "lessonkit/review.html"
_SIDES = {"cards": ("front", "back"), "questions": ("question", "answer")}
"""What the review shows of each progress kind's entries: its front, its back."""
_PAGE_MAX = 2**20
"""Pages larger than this are not read for the line (a course's pages are small)."""


@dataclass(frozen=True)
class ReviewLine:
    """A ``[[practice-review...]]`` of a page (``line`` is 1-based)."""

    line: int
    text: str
    option: str
    """What follows the name (the line takes none)."""
    alone: bool
    """Alone on its line, not indented: the only place it is expanded."""


def find_review_lines(markdown: str) -> list[ReviewLine]:
    """Every ``[[practice-review...]]`` of a page, outside fenced code blocks and code spans."""
    if "practice-review" not in markdown:
        return []
    found: list[ReviewLine] = []
    for number, line in lines_outside_fences(markdown):
        if line.startswith(("    ", "\t")):
            continue  # indented code
        unquoted = re.sub(r"(`+).*?\1", "", line)
        for match in _MENTION.finditer(unquoted):
            alone = match.group(0) == line.rstrip()
            found.append(ReviewLine(number, match.group(0), match.group("rest").strip(), alone))
    return found


def review_problems(markdown: str, page: str, elsewhere: Mapping[str, int] | None = None) -> list[Problem]:
    """What is wrong with a page's review lines: an option, a line not alone,
    a second line (on this page, or ``elsewhere``: other pages holding one, docs path -> line)."""
    problems = []
    lines = find_review_lines(markdown)
    for index, found in enumerate(lines):
        if found.option:
            problems.append(Problem(
                page, found.line, 1, "", f"'{found.text}': the review line takes no option",
                "write [[practice-review]] alone on its line: the review holds every set of the course",
            ))
        elif not found.alone:
            problems.append(Problem(
                page, found.line, 1, "", f"'{found.text}' is not alone on its line, so it would show as plain text",
                "put [[practice-review]] on a line of its own, not indented, nor in a list item, a quote or a sentence",
            ))
        elif index > 0:
            problems.append(Problem(
                page, found.line, 1, "", "[[practice-review]] is used twice on this page (first on line "
                f"{lines[0].line})", "keep one: the course has one review",
            ))
    if lines and elsewhere:
        other, line = sorted(elsewhere.items())[0]
        problems.append(Problem(
            page, lines[0].line, 1, "", f"[[practice-review]] is also on '{other}' (line {line})",
            "keep one: the course has one review, and the progress list links to it",
        ))
    return problems


def review_page(pages: Mapping[str, Path], skip: str | None = None) -> dict[str, int]:
    """Docs path -> line of each page (but ``skip``) that holds a well-formed review line."""
    found: dict[str, int] = {}
    for docs_path, path in sorted(pages.items()):
        if docs_path == skip:
            continue
        try:
            if path.stat().st_size > _PAGE_MAX:
                continue
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # the site reports unreadable pages itself
        lines = [line for line in find_review_lines(text) if line.alone and not line.option]
        if lines:
            found[docs_path] = lines[0].line
    return found


def expand_review(
    markdown: str,
    sets: Iterable[LoadedSet],
    renderer: PracticeRenderer,
    slots: PageSlots,
    href: Callable[[str], str],
    slugify: Slugify | None = None,
) -> str:
    """The page with its review line replaced by the course's review, its
    texts held in ``slots`` (check :func:`review_problems` first)."""
    from .progresslist import progress_entries, section_places

    lines = [found for found in find_review_lines(markdown) if found.alone and not found.option]
    if not lines:
        return markdown
    loaded_sets = list(sets)
    entries = progress_entries(loaded_sets, renderer, href, slugify)
    groups: list[dict[str, object]] = []
    texts: list[tuple[SetSource, list[str]]] = []
    for loaded, entry in zip(loaded_sets, entries):
        practice_set = loaded.practice_set
        source = SetSource(loaded.stem, page_path(loaded.stem, practice_set), practice_set)
        own: list[str] = []
        places = [str(entry["href"]) + place for place in section_places(loaded, slugify)]
        for section, (key, ids), place in zip(practice_set.sections, renderer.set_ids(loaded.stem, practice_set), places):
            sides = _SIDES.get(section.progress)
            if sides is None:
                continue
            shown = [(entry_id, getattr(item, sides[0]), getattr(item, sides[1]))
                     for entry_id, item in zip(ids, getattr(section, section.entries))]
            own.extend(text for _, front, back in shown for text in (front, back))
            groups.append({"set": practice_set.title, "section": section.title, "href": place,
                           "kind": section.progress, "items": shown})
        texts.append((source, own))

    def render() -> str:
        return renderer.environment.get_template(_TEMPLATE).render(
            entries=entries, groups=groups, strings=renderer.strings
        ).strip()

    placeholder = slots.made(texts, render) if texts else slots.ready(None, render())  # type: ignore[arg-type]
    result = markdown.splitlines()
    result[lines[0].line - 1] = f"\n{placeholder}\n"
    return "\n".join(result) + ("\n" if markdown.endswith("\n") else "")
