"""Rendering practice sets into course pages.

A page is Markdown so that MkDocs treats it like any page: the H1 and the
section H2s feed the table of contents and the search index. Every practice
text (intro, question, answer, option, note, card face, explanation,
takeaway, credit) stands in the page's Markdown as a placeholder, and is
converted on its own, as the site's Markdown renders it alone
(:mod:`lessonkit.texts`), once the page's HTML is there: ``PageSlots.fill``
converts the page's texts in one go, renders each widget with its Jinja
template (autoescaped) and puts the HTML in place of the placeholders. So
whatever another plugin does to the page's Markdown or HTML is kept, and no
text sees the page's definitions or another text's.
"""

from __future__ import annotations

import posixpath
import re
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.ext import Extension
from markupsafe import Markup

from .standing import STANDING_TEMPLATE, first_visit_summary, standing_sections
from .strings import SCRIPT_STRINGS, UI_STRINGS
from .texts import Converted, LinkContext, TextConverter, prefix_ids

if TYPE_CHECKING:  # the model is only named here: a site without practice never imports it
    from .model import PracticeSet, Section

__all__ = ["PageSlots", "PracticeRenderer", "SetSource", "TEMPLATES_DIR", "page_path"]

TEMPLATES_DIR = Path(__file__).parent / "theme"
"""The package's template folder: append it to a theme's dirs, lowest priority."""

_SINGLE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)
_TAG = re.compile(r"<[^>]+>")


def page_path(stem: str, practice_set: PracticeSet) -> str:
    """Where a set's page lives in the docs: ``page:`` or ``practice/<stem>.md``."""
    return practice_set.page or f"practice/{stem}.md"


def section_template(section: Section) -> str:
    """A section type's template: ``lessonkit/<type>.html``."""
    return f"lessonkit/{section.type}.html"


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
                texts.extend(_section_texts(section))
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


class _CollapseBlockWhitespace(Extension):
    """Drops the line breaks a template's source puts before a block-level tag.

    They show nothing (white space next to a block box is not rendered), yet
    every one is a text node that the site's search indexer parses on every
    page. Only the template's own source is touched, never the texts it
    renders, and a break before an inline tag (a space between words) stays.
    """

    _BEFORE_BLOCK = re.compile(
        r">[ \t]*\n\s*(?=</?(?:div|p|ol|ul|li|details|summary|fieldset|legend)[\s>])"
    )

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return self._BEFORE_BLOCK.sub(">", source)


def _letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: letters for any number of items."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class _PlainConverter:
    """A text converter from a plain ``markdown_to_html`` callable (tests,
    tools): it has no element tree, so its HTML is read as text."""

    def __init__(self, markdown_to_html: Callable[[str], str]) -> None:
        self._markdown_to_html = markdown_to_html

    def convert_text(self, text: str, context: LinkContext | None = None, id_prefix: str = "") -> Converted:
        html = self._markdown_to_html(text).strip() if text else ""
        match = _SINGLE_PARAGRAPH.match(html)
        inline = match.group(1) if match and "<p>" not in match.group(1) else None
        has_ids = bool(id_prefix) and ' id="' in html
        if has_ids:
            html, inline = prefix_ids(html, id_prefix), inline and prefix_ids(inline, id_prefix)
        return Converted(html, inline, has_ids)


class PracticeRenderer:
    """Renders practice sets; make one per build, it compiles templates once.

    ``converter`` is a :class:`lessonkit.texts.TextConverter` (or any callable
    from Markdown to HTML, for tests and tools).
    """

    def __init__(
        self,
        converter: TextConverter | Callable[[str], str],
        template_dirs: Sequence[Path | str] = (TEMPLATES_DIR,),
        strings: dict[str, str] | None = None,
    ) -> None:
        self.converter = converter if hasattr(converter, "convert_text") else _PlainConverter(converter)  # type: ignore[arg-type]
        self.strings = {**UI_STRINGS, **(strings or {})}
        self.script_strings = {key: self.strings[key] for key in SCRIPT_STRINGS}
        self.environment = Environment(
            loader=FileSystemLoader([str(folder) for folder in template_dirs]),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            extensions=[_CollapseBlockWhitespace],
            auto_reload=False,  # one renderer per build: no stat of the template per widget
        )
        self.environment.filters.update(
            markdown=self.markdown,
            markdown_inline=self.markdown_inline,
            plain=self.plain_text,
            letter=_letter,
        )
        self.token = secrets.token_hex(8)
        """This renderer's placeholder token (see :class:`PageSlots`)."""
        self.id_token = f"lk{self.token}-"
        """The prefix of texts' ids until a page's use numbers them (``lk-t1-``...)."""
        self._converted: dict[str, Converted] = {}
        self._ids: dict[str, tuple[Any, list[tuple[str, list[str]]]]] = {}
        self.slots: PageSlots | None = None
        """The page being filled: its texts' ids are made unique on it."""

    # Text fields --------------------------------------------------------

    def markdown(self, text: str | None) -> Markup:
        """Markdown to block HTML, as the text alone gives."""
        converted = self._convert(text or "")
        return Markup(self._use(converted, converted.html.strip()))

    def markdown_inline(self, text: str | None) -> Markup:
        """Markdown to HTML, without the paragraph around a one-paragraph text."""
        converted = self._convert(text or "")
        return Markup(self._use(converted, converted.html.strip() if converted.inline is None else converted.inline))

    def plain_text(self, text: str | None) -> str:
        """Markdown to the text a learner reads, for attributes and select options."""
        return " ".join(unescape(_TAG.sub("", self._convert(text or "").html)).split())

    def _use(self, converted: Converted, html: str) -> str:
        if not converted.has_ids:
            return html
        return self.slots.prefix(html) if self.slots is not None else html.replace(self.id_token, "")

    def _convert(self, text: str) -> Converted:
        converted = self._converted.get(text)
        if converted is None:
            converted = self._converted[text] = self.converter.convert_text(text, None, self.id_token)
        return converted

    def add_converted(self, texts: Iterable[str], context: LinkContext | None = None) -> None:
        """Convert texts (each alone, links by ``context``) for the filters to use."""
        for text in dict.fromkeys(texts):
            self._converted[text] = self.converter.convert_text(text, context, self.id_token)

    def forget_texts(self) -> None:
        """Forget converted texts (their links depend on the page)."""
        self._converted = {}

    def start_page(self) -> PageSlots:
        """The slots of a new page: its practice parts go there, placeholders
        into its Markdown."""
        return PageSlots(self)

    # Ids ------------------------------------------------------------------

    def set_ids(self, stem: str, practice_set: PracticeSet) -> list[tuple[str, list[str]]]:
        """:func:`lessonkit.ids.set_ids`, worked out once per set in a build: its
        page, standing box, deck, entry in a progress list and embeds use them.
        Kept by stem, for the set object they were worked out from (a rebuild
        with the file changed brings a new one)."""
        from .ids import set_ids

        found = self._ids.get(stem)
        if found is None or found[0] is not practice_set:
            found = self._ids[stem] = (practice_set, set_ids(stem, practice_set))
        return found[1]

    # Pages ----------------------------------------------------------------

    def render_section(self, section: Section, anchor: str, key: str | None = None) -> str:
        """One section's widget as HTML. ``anchor`` makes its ids unique on the
        page; ``key`` is the section's stable id (:mod:`lessonkit.ids`), from
        which its entries' ids follow (default: the anchor)."""
        from .ids import entry_ids

        key = key or anchor
        template = self.environment.get_template(section_template(section))
        return template.render(
            section=section, anchor=anchor, strings=self.strings, section_id=key,
            entry_ids=entry_ids(key, section),
        ).strip()

    def section_html(self, section: Section, anchor: str, key: str | None = None) -> str:
        """A section's intro, widget and takeaway, as HTML."""
        parts = [self.markdown(section.intro)] if section.intro else []
        parts.append(self.render_section(section, anchor, key))
        if section.takeaway:
            parts.append(self.markdown(section.takeaway))
        return "\n".join(parts)

    def render_page(self, source: SetSource, slots: PageSlots) -> str:
        """The Markdown source of a practice set's page, its parts held in ``slots``."""
        practice_set, path = source.practice_set, source.page
        keys = [key for key, _ in self.set_ids(source.stem, practice_set)]
        parts = [f"# {practice_set.title}", slots.ready(source, self.render_standing(source.stem, practice_set))]
        if practice_set.lesson:
            link = posixpath.relpath(practice_set.lesson, posixpath.dirname(path) or ".")
            parts.append(f"[{_escape_link_text(self.strings['back_to_lesson'])}](<{link}>)")
        if practice_set.intro:
            parts.append(slots.text(source, practice_set.intro))
        for index, section in enumerate(practice_set.sections):
            parts.extend(self.section_blocks(source, section, f"lk-{index + 1}", slots, keys[index]))
        if practice_set.credit:
            parts.append(slots.text(source, practice_set.credit))
        return "\n\n".join(parts) + "\n"

    def render_standing(self, stem: str, practice_set: PracticeSet) -> str:
        """The box after a practice page's title, as HTML on one line (put in place of a slot of the page)."""
        sections = standing_sections(stem, practice_set, self.set_ids(stem, practice_set))
        html = self.environment.get_template(STANDING_TEMPLATE).render(
            sections=sections, summary=first_visit_summary(sections, self.strings), strings=self.strings
        )
        return " ".join(html.split("\n"))

    def section_blocks(
        self, source: SetSource, section: Section, anchor: str, slots: PageSlots, key: str, *, heading: bool = True
    ) -> list[str]:
        """A section as Markdown blocks: its heading, and its placeholder."""
        blocks = [f"## {section.title}"] if heading else []
        blocks.append(slots.section(source, section, anchor, key))
        return blocks


def _section_texts(section: Section) -> list[str]:
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


def _escape_link_text(text: str) -> str:
    return re.sub(r"([\[\]\\])", r"\\\1", text)
