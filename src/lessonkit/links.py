"""Links in practice texts: written relative to the set's own page, checked
against the site, and reported at the text's file and line.

The build rewrites each link for the page that shows the text
(:mod:`lessonkit.texts`) and hands the links here once every page is built;
``lessonkit check`` finds the same links in the texts without building.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from .problems import Problem

if TYPE_CHECKING:
    from .course import Course
    from .loading import LoadedSet
    from .rendering import SetSource
    from .texts import LinkTarget

__all__ = ["link_problems", "set_link_problems", "text_links"]

_CODE = re.compile(r"(`+).*?\1|^(?: {4}|\t).*$", re.S | re.M)
_INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)


def _relative(source_page: str, path: str) -> str:
    return posixpath.relpath(path, posixpath.dirname(source_page) or ".")


def _problem(
    loaded: LoadedSet, source_page: str, text: str, link: str, target: str | None, anchor: str,
    known: Collection[str], anchors_of: Callable[[str], Collection[str] | None],
) -> Problem | None:
    if target is None:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source_page), link.split("#")[0]))
        close = difflib.get_close_matches(resolved, list(known), n=1, cutoff=0.6)
        hint = (
            f"links in practice texts are relative to the set's page {source_page}: "
            + (f"did you mean '{_relative(source_page, close[0])}'?" if close else "write the path from there")
        )
        return loaded.text_problem(text, f"link '{link}' points to no page or file of the site", hint, words=link)
    if anchor:
        anchors = anchors_of(target)
        if anchors is not None and anchor not in anchors:
            close = difflib.get_close_matches(anchor, sorted(anchors), n=1, cutoff=0.6)
            hint = f"did you mean '#{close[0]}'?" if close else "link to a heading's anchor of that page"
            return loaded.text_problem(text, f"link '{link}': {target} has no anchor '#{anchor}'", hint, words=link)
    return None


def link_problems(course: Course, links: Iterable[tuple[str, SetSource, LinkTarget]], known: Collection[str]) -> list[Problem]:
    """The broken links among those the build found in practice texts.

    ``known``: the docs paths of the site's files (for suggestions).
    """
    problems: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()

    def anchors_of(file: Any) -> Collection[str] | None:
        page = getattr(file, "page", None)
        return None if page is None else page.present_anchor_ids

    by_stem = {loaded.stem: loaded for loaded in reversed(course.sets)}
    for _, source, found in links:
        key = (source.stem, found.text, found.link)
        if key in seen or (found.target is not None and not found.anchor):
            continue
        seen.add(key)
        loaded = by_stem.get(source.stem)
        if loaded is None:  # pragma: no cover - every source comes from the course
            continue
        target = found.target.src_uri if found.target is not None else None
        problem = _problem(
            loaded, source.page, found.text, found.link, target, found.anchor, known,
            lambda _: anchors_of(found.target),
        )
        if problem is not None:
            problems.append(problem)
    return problems


def text_links(text: str) -> Iterator[str]:
    """The link destinations written in a text's Markdown (code left out)."""
    plain = _CODE.sub("", text)
    yield from _INLINE.findall(plain)
    yield from _REFERENCE.findall(plain)


def _set_texts(value: Any, found: list[str]) -> list[str]:
    """Every text of a practice set's data (what ``model_dump`` gives)."""
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, dict):
        for key, entry in value.items():
            if key not in ("id", "type", "lesson", "page"):
                _set_texts(entry, found)
    elif isinstance(value, list):
        for entry in value:
            _set_texts(entry, found)
    return found


def set_link_problems(
    loaded: LoadedSet, source_page: str, known: Collection[str], anchors_of: Callable[[str], Collection[str] | None]
) -> list[Problem]:
    """The broken links of a set's texts, found without building (``lessonkit check``).

    ``known``: the docs path of every file of the site, generated pages too;
    ``anchors_of``: the anchors of a docs page, or None when they cannot be known.
    """
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for text in _set_texts(loaded.practice_set.model_dump(exclude_none=True), []):
        if "](" not in text and "]:" not in text:
            continue
        for link in text_links(text):
            scheme, netloc, path, _, anchor = urlsplit(link)
            if scheme or netloc or not path or link.startswith(("/", "\\")) or (text, link) in seen:
                continue
            seen.add((text, link))
            target: str | None = posixpath.normpath(posixpath.join(posixpath.dirname(source_page), unquote(path)))
            if target not in known:
                index = posixpath.join(target, "index.md")
                target = index if not posixpath.splitext(target)[1] and index in known else None
            problem = _problem(loaded, source_page, text, link, target, anchor, known, anchors_of)
            if problem is not None:
                problems.append(problem)
    return problems
