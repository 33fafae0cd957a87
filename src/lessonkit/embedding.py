"""Embedding practice sections in any Markdown page: the ``[[practice: ...]]`` line.

A line of a page that holds only::

    [[practice: video-generation]]                  the whole set (every section)
    [[practice: video-generation#matching-drill]]   one section, by its heading's anchor
    [[practice: video-generation#2]]                one section, by its position (1-based)

is replaced by that section (or the whole set) rendered exactly as on the set's
own page: its H2 heading, intro, widget and takeaway. The set's ``credit`` goes
with it. Without the plugin the line stays on the page as plain, visible text,
never as answers shown in the clear, so a missing plugin is seen at once.

Lines inside fenced code blocks are left alone (so docs can show the syntax).
Nothing here knows about MkDocs.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass

from markdown.extensions.toc import slugify as _toc_slugify

from typing import TYPE_CHECKING

from .fences import lines_outside_fences
from .problems import PracticeFileError, Problem
from .rendering import SetSource, page_path

if TYPE_CHECKING:  # the model is only named here: importing this module stays cheap
    from .loading import LoadedSet
    from .model import PracticeSet, Section
    from .rendering import PageSlots, PracticeRenderer

__all__ = [
    "EmbedDirective",
    "directive_problems",
    "expand_directives",
    "expand_page",
    "find_directives",
    "heading_slug",
    "section_slug",
    "sets_by_stem",
    "sole_directive",
]

Slugify = Callable[[str, str], str]

_DIRECTIVE = re.compile(r"^\[\[\s*practice\s*:(?P<target>.*)\]\]\s*$")
_TARGET = re.compile(r"^(?P<stem>[^#\s]+)(?:#(?P<section>\S+))?$")
_MARKUP = re.compile(r"[*_`~]|<[^>]+>")
_MENTION = re.compile(r"\[\[\s*practice\s*:", re.I)
_CODE_SPAN = re.compile(r"(`+).*?\1")
_INDENTED_CODE = re.compile(r"^(?: {4}|\t)")


@dataclass(frozen=True)
class EmbedDirective:
    """One ``[[practice: ...]]`` line of a page (``line`` is 1-based)."""

    line: int
    text: str
    stem: str | None
    section: str | None
    misplaced: bool = False
    """Indented, in a list item or a quote, or inside a sentence: the line
    would stay on the page as plain text."""

    @property
    def well_formed(self) -> bool:
        return self.stem is not None and not self.misplaced


def find_directives(markdown: str) -> list[EmbedDirective]:
    """Every directive line of a page, outside fenced code blocks."""
    found: list[EmbedDirective] = []
    for number, line in lines_outside_fences(markdown):
        match = _DIRECTIVE.match(line)
        if match:
            target = _TARGET.match(match.group("target").strip())
            found.append(
                EmbedDirective(
                    number,
                    line.strip(),
                    target.group("stem") if target else None,
                    target.group("section") if target else None,
                )
            )
        elif "[[" in line and not _INDENTED_CODE.match(line) and _MENTION.search(_CODE_SPAN.sub("", line)):
            found.append(EmbedDirective(number, line.strip(), None, None, misplaced=True))
    return found


def section_slug(section: Section, slugify: Slugify = _toc_slugify) -> str:
    """The anchor of a section's heading, as the site's ``toc`` makes it."""
    return heading_slug(section.title, slugify)


def heading_slug(title: str, slugify: Slugify = _toc_slugify) -> str:
    """The anchor of a heading of this title, as the site's ``toc`` makes it."""
    return slugify(_MARKUP.sub("", title), "-")


class _Unresolved(Exception):
    def __init__(self, message: str, hint: str | None) -> None:
        self.message = message
        self.hint = hint


def _resolve(
    directive: EmbedDirective, sets: Mapping[str, PracticeSet], slugify: Slugify
) -> tuple[PracticeSet, list[tuple[int, Section]]]:
    if directive.misplaced:
        mention = _MENTION.search(directive.text)
        shown = directive.text[mention.start():].split("]]")[0] + "]]" if mention else directive.text
        raise _Unresolved(
            f"'{shown}' is not alone at the start of its line, so it would show as plain text",
            f"put '{shown}' on a line of its own, not indented, nor in a list item, a quote or a sentence "
            "(in code, as `...`, it is shown as written)",
        )
    if directive.stem is None:
        raise _Unresolved(
            f"'{directive.text}' is not a practice directive",
            "write [[practice: FILE]] or [[practice: FILE#SECTION]], e.g. [[practice: video-generation#2]]",
        )
    practice_set = sets.get(directive.stem)
    if practice_set is None:
        close = difflib.get_close_matches(directive.stem, sorted(sets), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else (
            "practice files: " + ", ".join(sorted(sets)) if sets else "there are no practice files"
        )
        raise _Unresolved(f"no practice file named '{directive.stem}'", hint)
    sections = list(enumerate(practice_set.sections, start=1))
    if directive.section is None:
        return practice_set, sections
    wanted = directive.section
    if wanted.isdigit():
        if 1 <= int(wanted) <= len(sections):
            return practice_set, [sections[int(wanted) - 1]]
        raise _Unresolved(
            f"'{directive.stem}' has no section {wanted}",
            f"it has {len(sections)} section(s): use 1 to {len(sections)}, or a section's anchor",
        )
    slugs = {section_slug(section, slugify): (index, section) for index, section in sections}
    if wanted in slugs:
        return practice_set, [slugs[wanted]]
    close = difflib.get_close_matches(wanted, list(slugs), n=1, cutoff=0.5)
    hint = f"did you mean '{directive.stem}#{close[0]}'?" if close else "sections: " + ", ".join(slugs)
    raise _Unresolved(f"'{directive.stem}' has no section '{wanted}'", hint)


def _problem(page: str, directive: EmbedDirective, error: _Unresolved) -> Problem:
    return Problem(page, directive.line, 1, "", error.message, error.hint)


def directive_problems(
    markdown: str,
    page: str,
    sets: Mapping[str, PracticeSet],
    slugify: Slugify = _toc_slugify,
    *,
    unknown: Collection[str] = (),
) -> list[Problem]:
    """Every directive of a page that names no file or no section (for ``check``).

    Directives naming a stem in ``unknown`` (files that failed to load, reported
    on their own) are skipped.
    """
    problems = []
    for directive in find_directives(markdown):
        if directive.stem in unknown:
            continue
        try:
            _resolve(directive, sets, slugify)
        except _Unresolved as error:
            problems.append(_problem(page, directive, error))
    return problems


def expand_directives(
    markdown: str,
    page: str,
    sets: Mapping[str, PracticeSet],
    renderer: PracticeRenderer,
    slots: PageSlots,
    slugify: Slugify | None = None,
) -> str:
    """The page with every directive replaced by what it names, its practice
    parts held in ``slots`` (``slugify``: the site's ``toc`` slugify, default
    Markdown's).

    Raise :class:`PracticeFileError` naming the page, the line and the likely fix
    for every directive that names no file or no section.
    """
    slugify = slugify or _toc_slugify
    directives = find_directives(markdown)
    if not directives:
        return markdown
    problems = directive_problems(markdown, page, sets, slugify)
    if problems:
        raise PracticeFileError(problems)
    lines = markdown.splitlines()
    for ordinal, directive in reversed(list(enumerate(directives, start=1))):
        practice_set, sections = _resolve(directive, sets, slugify)
        stem = directive.stem or ""
        source = SetSource(stem, page_path(stem, practice_set), practice_set)
        keys = [key for key, _ in renderer.set_ids(stem, practice_set)]
        blocks = list(_blocks(source, sections, renderer, slots, f"lk-embed-{ordinal}", keys, whole=directive.section is None))
        lines[directive.line - 1] = "\n\n" + "\n\n".join(blocks) + "\n\n"
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")


def _blocks(
    source: SetSource,
    sections: list[tuple[int, Section]],
    renderer: PracticeRenderer,
    slots: PageSlots,
    anchor: str,
    keys: list[str],
    *,
    whole: bool,
) -> Iterator[str]:
    practice_set = source.practice_set
    if whole and practice_set.intro:
        yield slots.text(source, practice_set.intro)
    for index, section in sections:
        # Ids unique on the host page, even when it embeds several sections;
        # the same stable ids as on the set's own page: progress is shared.
        yield from renderer.section_blocks(source, section, f"{anchor}-{index}", slots, keys[index - 1])
    if practice_set.credit:
        yield slots.text(source, practice_set.credit)


def sole_directive(markdown: str) -> EmbedDirective | None:
    """The line of a page that holds nothing but ``[[practice: stem]]``: that
    page is the set's own page, written out (on Zensical, the way to place it)."""
    if markdown.count("[[") != 1:
        return None
    found = find_directives(markdown)
    if len(found) == 1 and found[0].well_formed and found[0].section is None and markdown.strip() == found[0].text:
        return found[0]
    return None


def expand_page(
    markdown: str,
    page: str,
    docs_path: str | None,
    sets: Mapping[str, PracticeSet],
    renderer: PracticeRenderer,
    slots: PageSlots,
    slugify: Slugify | None = None,
) -> str:
    """A page's Markdown with its directives expanded (:func:`expand_directives`);
    a page holding only ``[[practice: stem]]`` becomes that set's page, as the
    plugin generates it (title, back link, every section, credit).

    ``docs_path`` is the page's path in the docs (None: not known): such a page
    must be at the set's page path, which its texts' links are relative to.
    """
    sole = sole_directive(markdown)
    if sole is None or sole.stem not in sets:
        return expand_directives(markdown, page, sets, renderer, slots, slugify)
    stem, practice_set = sole.stem, sets[sole.stem]
    path = page_path(stem, practice_set)
    if docs_path is not None and docs_path != path:
        raise PracticeFileError([
            Problem(
                page, sole.line, 1, "",
                f"this page holds only '{sole.text}', so it is that set's page, which is '{path}'",
                f"move this page to '{path}', or give the set 'page: {docs_path}'",
            )
        ])
    return renderer.render_page(SetSource(stem, path, practice_set), slots)


def sets_by_stem(sets: list[LoadedSet] | tuple[LoadedSet, ...]) -> dict[str, PracticeSet]:
    """Practice sets by the stem of their file, the name directives use."""
    by_stem: dict[str, PracticeSet] = {}
    for loaded in sets:
        by_stem.setdefault(loaded.stem, loaded.practice_set)
    return by_stem
