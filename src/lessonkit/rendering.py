"""Rendering practice sets into course pages.

A page is Markdown so that MkDocs treats it like any page: the H1 and the
section H2s feed the table of contents and the search index. Every practice
text (intro, question, answer, option, note, card face, explanation,
takeaway, credit) stands in the page's Markdown as a placeholder, and is
converted on its own, as the site's Markdown renders it alone
(:mod:`lessonkit.texts`), once the page's HTML is there: ``PageSlots.fill`` (:mod:`lessonkit.page_slots`)
converts the page's texts in one go, renders each widget with its Jinja
template (autoescaped) and puts the HTML in place of the placeholders. So
whatever another plugin does to the page's Markdown or HTML is kept, and no
text sees the page's definitions or another text's.
"""

from __future__ import annotations

import functools
import posixpath
import re
import secrets
from collections.abc import Callable, Iterable, Sequence
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.ext import Extension
from markupsafe import Markup

from .lettering import letter
from .standing import STANDING_TEMPLATE, first_visit_summary, standing_sections
from .worksheet import answer_keys, worksheet_key, worksheet_link
from .strings import SCRIPT_STRINGS, UI_STRINGS
from .page_slots import PageSlots, SetSource
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
        search_answers: bool = False,
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
        # On each answer's collapsible (keys, explanations, card backs): out of the search index
        # (Material's search skips the element) unless the course keeps them in (search_answers).
        self.environment.globals["search_exclude"] = Markup("" if search_answers else " data-search-exclude")
        self.environment.filters.update(
            markdown=self.markdown,
            markdown_inline=self.markdown_inline,
            plain=self.plain_text,
            letter=letter,
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
        standing = self.render_standing(source.stem, practice_set) + self._worksheet_link
        parts = [f"# {practice_set.title}", slots.ready(source, standing)]
        if practice_set.lesson:
            link = posixpath.relpath(practice_set.lesson, posixpath.dirname(path) or ".")
            parts.append(f"[{_escape_link_text(self.strings['back_to_lesson'])}](<{link}>)")
        if practice_set.intro:
            parts.append(slots.text(source, practice_set.intro))
        for index, section in enumerate(practice_set.sections):
            parts.extend(self.section_blocks(source, section, f"lk-{index + 1}", slots, keys[index]))
        if practice_set.credit:
            parts.append(slots.text(source, practice_set.credit))
        parts.append(slots.ready(source, self.tools))  # below the practice, not first to Tab to
        sheet = answer_keys(practice_set)  # the worksheet's key, hidden but in print
        texts = [title for title, _ in sheet] + [answer for _, entries in sheet for _, answer in entries]
        parts.append(slots.made([(source, texts)], lambda: _one_line(worksheet_key(self.environment, sheet, self.strings))))
        return "\n\n".join(parts) + "\n"

    @functools.cached_property
    def tools(self) -> str:
        """The Forget / Save / Load tools' stand-in (the same on every page of a build)."""
        return _one_line(self.environment.get_template("lessonkit/tools.html").render(strings=self.strings))

    @functools.cached_property
    def _worksheet_link(self) -> str:
        """The "Print worksheet" link (the same on every page of a build)."""
        return _one_line(worksheet_link(self.environment, self.strings))

    def render_standing(self, stem: str, practice_set: PracticeSet) -> str:
        """The box after a practice page's title, as HTML on one line (put in place of a slot of the page)."""
        sections = standing_sections(stem, practice_set, self.set_ids(stem, practice_set))
        html = self.environment.get_template(STANDING_TEMPLATE).render(
            sections=sections, summary=first_visit_summary(sections, self.strings), strings=self.strings
        )
        return _one_line(html)

    def section_blocks(
        self, source: SetSource, section: Section, anchor: str, slots: PageSlots, key: str, *, heading: bool = True
    ) -> list[str]:
        """A section as Markdown blocks: its heading, and its placeholder."""
        blocks = [f"## {section.title}"] if heading else []
        blocks.append(slots.section(source, section, anchor, key))
        return blocks


def _one_line(html: str) -> str:
    """HTML for a slot, on one line: the page's Markdown never sees a blank line in it."""
    return " ".join(html.split("\n"))


def _escape_link_text(text: str) -> str:
    return re.sub(r"([\[\]\\])", r"\\\1", text)
