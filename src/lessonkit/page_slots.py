"""A page's practice parts: placeholders in its Markdown, HTML in its HTML.

:class:`PageSlots` holds, for one page, each part (a section, a text of the
set's own, ready HTML, the course's review) behind a placeholder the page's
Markdown carries; once the page is converted, ``fill`` converts the page's
texts in one go (each alone, see :mod:`lessonkit.texts`), renders each part
with the renderer (:class:`lessonkit.rendering.PracticeRenderer`) and puts its
HTML in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .texts import LinkContext

if TYPE_CHECKING:
    from .model import PracticeSet, Section
    from .rendering import PracticeRenderer

__all__ = ["PageSlots", "SetSource", "section_texts"]


@dataclass(frozen=True)
class SetSource:
    """Where a practice set comes from: its file's stem and its page's docs
    path (what the links of its texts are relative to)."""

    stem: str
    page: str
    practice_set: PracticeSet


class PageSlots:
    """The practice parts of one page: placeholders in its Markdown, HTML in its HTML.

    ``section`` and ``text`` return a placeholder block for the page's
    Markdown; ``fill`` replaces each with its HTML once the page is converted.
    """

    _ID = re.compile(r'\sid="([^"]+)"')

    def __init__(self, renderer: PracticeRenderer) -> None:
        self._renderer = renderer
        # A placeholder holds the renderer's token, drawn at random for each
        # build: no text or page can spell one, so none is taken for a part.
        self._slot = re.compile(f'<div data-lk-slot="{renderer.token}-(\\d+)"></div>')
        self._parts: list[tuple[SetSource, Section | None, str, str]] = []
        self.html: list[str] = []
        """Each part's HTML, once filled."""
        self.has_widget = False
        self.links: list[tuple[SetSource, Any]] = []
        """Each link of the page's texts (a :class:`lessonkit.texts.LinkTarget`), with its set."""
        self.missing: list[SetSource] = []
        """Sets whose placeholder was gone from the page's HTML (another plugin took it out)."""
        self._uses = 0
        self._ready: dict[int, str] = {}
        self._made: dict[int, tuple[list[tuple[SetSource, list[str]]], Callable[[], str]]] = {}

    def _hold(self, source: SetSource, section: Section | None, anchor: str, key: str) -> str:
        self._parts.append((source, section, anchor, key))
        return f'<div data-lk-slot="{self._renderer.token}-{len(self._parts) - 1}"></div>'

    def section(self, source: SetSource, section: Section, anchor: str, key: str) -> str:
        """A section's intro, widget and takeaway (``key``: its stable id)."""
        self.has_widget = True
        return self._hold(source, section, anchor, key)

    def text(self, source: SetSource, text: str) -> str:
        """A text of the set's own (intro, credit), as a block."""
        return self._hold(source, None, text, "")

    def ready(self, source: SetSource, html: str) -> str:
        """HTML put in place as it is (the standing box): Markdown never parses it."""
        self._ready[len(self._parts)] = html
        return self._hold(source, None, "", "")

    def made(self, texts: list[tuple[SetSource, list[str]]], render: Callable[[], str]) -> str:
        """A part of several sets (the course's review): ``render`` makes its
        HTML once ``texts`` (each set's texts it shows) are converted, each with
        its set's links."""
        self.has_widget = True
        self._made[len(self._parts)] = (texts, render)
        return self._hold(texts[0][0] if texts else SetSource("", "", None), None, "", "")  # type: ignore[arg-type]

    def prefix(self, html: str) -> str:
        """A text's HTML for one use on this page: its ids made unique (the
        converter prefixed them with the renderer's token, on the tree)."""
        self._uses += 1
        return html.replace(self._renderer.id_token, f"lk-t{self._uses}-")

    def fill(
        self,
        html: str,
        context: Callable[[SetSource], LinkContext | None] | None = None,
        put: Callable[[str], str] | None = None,
    ) -> str:
        """The page's HTML with every placeholder replaced by its HTML.

        ``context`` gives the link context of a set's texts on this page (see
        :class:`lessonkit.texts.LinkContext`); without it links stay as written.
        ``put`` gives what stands for a part's HTML (default: the HTML itself;
        a Markdown extension stashes it before the page is converted).
        """
        renderer = self._renderer
        renderer.forget_texts()  # a text's links depend on the page that shows it
        by_set: dict[int, tuple[SetSource, list[str]]] = {}
        for index, (source, section, anchor, _) in enumerate(self._parts):
            if index in self._ready:
                continue
            if index in self._made:
                for made_source, made_texts in self._made[index][0]:
                    by_set.setdefault(id(made_source.practice_set), (made_source, [made_source.practice_set.title]))[1].extend(made_texts)
                continue
            # The title too: the set's Anki deck is named by it, made right after this page.
            texts = by_set.setdefault(id(source.practice_set), (source, [source.practice_set.title]))[1]
            if section is None:
                texts.append(anchor)
            else:
                texts.extend(section_texts(section))
        for source, texts in by_set.values():
            link_context = context(source) if context else None
            renderer.add_converted(texts, link_context)
            if link_context is not None:
                self.links.extend((source, found) for found in link_context.found)
        previous, renderer.slots = renderer.slots, self
        try:
            self.html = [
                self._ready[index] if index in self._ready
                else self._made[index][1]() if index in self._made
                else renderer.markdown(anchor) if section is None
                else renderer.section_html(section, anchor, key)
                for index, (source, section, anchor, key) in enumerate(self._parts)
            ]
        finally:
            renderer.slots = previous
        seen: set[int] = set()

        def place(match: re.Match[str]) -> str:
            index = int(match.group(1))
            if index >= len(self.html):  # pragma: no cover - the token is this build's
                return match.group(0)
            seen.add(index)
            return put(self.html[index]) if put is not None else self.html[index]

        html = self._slot.sub(place, html)
        self.missing = [
            self._parts[index][0] for index in range(len(self._parts)) if index not in seen and index not in self._ready
        ]
        return html

    def anchor_ids(self) -> set[str]:
        """The ids of the elements put in the page, which links may point to."""
        return {found for part in self.html for found in self._ID.findall(part)}


def section_texts(section: Section) -> list[str]:
    """A section's texts: intro, takeaway, and every text its widget shows."""
    texts = [text for text in (section.intro, section.takeaway) if text]
    return _widget_texts(section, texts)


# Keys, and the section's own texts, which are Markdown of the page itself.
_NOT_WIDGET_TEXT = frozenset({"id", "type", "title", "intro", "takeaway"})
_TEXT_FIELDS: dict[type, tuple[str, ...]] = {}


def _widget_texts(value: object, found: list[str] | None = None) -> list[str]:
    """Every text a section's widget may show, in order (into ``found``)."""
    if found is None:
        found = []
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, (list, tuple)):
        for entry in value:
            _widget_texts(entry, found)
    elif value is not None:
        kind = type(value)
        names = _TEXT_FIELDS.get(kind)
        if names is None:
            # an entry's `key_fields` name options or labels (a self-check's answer is Markdown)
            skip = _NOT_WIDGET_TEXT | getattr(kind, "key_fields", frozenset())
            names = _TEXT_FIELDS[kind] = tuple(name for name in getattr(kind, "model_fields", ()) if name not in skip)
        for name in names:
            _widget_texts(getattr(value, name), found)
    return found
