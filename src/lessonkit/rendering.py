"""Rendering practice sets into the Markdown source of course pages.

The page is Markdown so that MkDocs treats it like any page: the H1 and the
section H2s feed the table of contents and the search index, and intros and
takeaways are rendered by the site's own converter. Each widget is HTML
produced by a Jinja template (autoescaped) from the model, with the Markdown of
its text fields rendered by the site's converter too.

Without ``start_page`` a widget stands in the page's Markdown as a raw HTML
block, its texts rendered by ``markdown_to_html`` (a callable the adapter
supplies, configured like the site). During a page started with
``start_page``, a widget stands as a placeholder that ``WidgetSlots.fill``
replaces in the page's HTML; and the texts of a practice page ride in the
page's own Markdown, between markers, so that the site renders them in the
same pass as the page (one conversion per page, as for any page), and
``fill`` takes their HTML out again to build the widgets.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.ext import Extension
from markupsafe import Markup

from .strings import SCRIPT_STRINGS, UI_STRINGS

if TYPE_CHECKING:  # the model is only named here: a site without practice never imports it
    from .model import PracticeSet, Section

__all__ = ["PracticeRenderer", "TEMPLATES_DIR", "WidgetSlots", "page_path"]

TEMPLATES_DIR = Path(__file__).parent / "theme"
"""The package's template folder: append it to a theme's dirs, lowest priority."""

_SECTION_TEMPLATES = {
    "self-check": "lessonkit/self-check.html",
    "matching": "lessonkit/matching.html",
    "labeling": "lessonkit/labeling.html",
    "flashcards": "lessonkit/flashcards.html",
}
_SINGLE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)
_TAG = re.compile(r"<[^>]+>")
_CODE_SPAN = re.compile(r"(`+).*?\1", re.S)
_HTML_START = re.compile(r"<[A-Za-z/!?]")
_FIELD_WORD = "lessonkitfieldbreak"
"""A paragraph of its own between texts: Markdown passes it through as is."""
_FIELD_MARK = f"<p>{_FIELD_WORD}</p>"
_FIELD_SEPARATOR = f"\n\n{_FIELD_WORD}\n\n"
_HEADING = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$)", re.M)


def page_path(stem: str, practice_set: PracticeSet) -> str:
    """Where a set's page lives in the docs: ``page:`` or ``practice/<stem>.md``."""
    return practice_set.page or f"practice/{stem}.md"


class WidgetSlots:
    """The widgets of one page, from placeholders in its Markdown to its HTML.

    The page's Markdown holds one short placeholder per widget (so the site's
    converter never parses a widget's HTML); ``fill`` renders the widgets and
    puts them in the page's HTML. A practice page's Markdown also carries the
    widgets' texts (``share``): ``fill`` takes their HTML out of the page's.
    """

    _SLOT = re.compile(r'<div data-lk-slot="(\d+)"></div>')
    _ID = re.compile(r'\sid="([^"]+)"')

    def __init__(self, renderer: PracticeRenderer) -> None:
        self._renderer = renderer
        self._held: list[tuple[Section, str, str]] = []
        self._shared: list[str] = []
        self.page_alone: str | None = None
        """A practice page's Markdown without its texts (see ``share``)."""
        self.widgets: list[str] = []
        self.reconverted = False
        """Whether ``fill`` converted the page again (see ``fill``)."""

    def hold(self, section: Section, anchor: str, key: str) -> str:
        self._held.append((section, anchor, key))
        return f'<div data-lk-slot="{len(self._held) - 1}"></div>'

    def share(self, texts: list[str], page_alone: str) -> None:
        """Texts put in the page's Markdown after its title, each after a
        marker; ``page_alone`` is the page's Markdown without them."""
        self._shared = texts
        self.page_alone = page_alone

    def fill(self, html: str, reconvert: Callable[[str], str] | None = None) -> str:
        """The page's HTML with every placeholder replaced by its widget.

        If the markers do not come back one between every two texts (a text
        left a block open that took what follows; texts with raw HTML or a
        heading are kept out for that reason), the page's Markdown without its
        texts is converted again, by ``reconvert`` (default: the renderer's
        converter), and each text on its own; ``reconverted`` says so.
        """
        renderer = self._renderer
        if self._shared:
            pieces = html.split(_FIELD_MARK)
            if len(pieces) == len(self._shared) + 2:
                renderer.remember(zip(self._shared, pieces[1:-1]))
                html = pieces[0] + pieces[-1]
            else:
                html = (reconvert or renderer.convert)(self.page_alone or "")
                self.reconverted = True
        if not self._shared:  # embedded widgets: their texts in one pass of their own
            renderer.prefill(text for section, _, _ in self._held for text in _widget_texts(section))
        self.widgets = [renderer.render_section(section, anchor, key) for section, anchor, key in self._held]
        if not self.widgets:
            return html
        return self._SLOT.sub(lambda match: self.widgets[int(match.group(1))], html)

    def anchor_ids(self) -> set[str]:
        """The ids of the widgets' elements, which links may point to."""
        return {found for widget in self.widgets for found in self._ID.findall(widget)}


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


class PracticeRenderer:
    """Renders practice sets; make one per build, it compiles templates once."""

    def __init__(
        self,
        markdown_to_html: Callable[[str], str],
        template_dirs: Sequence[Path | str] = (TEMPLATES_DIR,),
        strings: dict[str, str] | None = None,
    ) -> None:
        self._markdown_to_html = markdown_to_html
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
        self._converted: dict[str, str] = {}
        self._slots: WidgetSlots | None = None

    # Text fields --------------------------------------------------------

    def markdown(self, text: str | None) -> Markup:
        """Markdown to block HTML."""
        return Markup(self._convert(text or "").strip())

    def markdown_inline(self, text: str | None) -> Markup:
        """Markdown to HTML, without the paragraph around a one-paragraph text."""
        html = self._convert(text or "").strip()
        match = _SINGLE_PARAGRAPH.match(html)
        return Markup(match.group(1) if match and "<p>" not in match.group(1) else html)

    def plain_text(self, text: str | None) -> str:
        """Markdown to the text a learner reads, for attributes and select options."""
        return " ".join(unescape(_TAG.sub("", self._convert(text or ""))).split())

    def _convert(self, text: str) -> str:
        html = self._converted.get(text)
        if html is None:
            html = self._converted[text] = self._markdown_to_html(text)
        return html

    def convert(self, text: str) -> str:
        """Markdown to HTML with the adapter's converter, not remembered."""
        return self._markdown_to_html(text)

    def remember(self, converted: Iterable[tuple[str, str]]) -> None:
        """Texts already converted (with the page): the filters use this HTML."""
        self._converted.update(converted)

    def clear_cache(self) -> None:
        """Forget rendered texts (their links depend on the page being built)."""
        self._converted.clear()

    def prefill(self, texts: Iterable[str]) -> None:
        """Convert many texts in one pass of the converter, not one pass each.

        The texts are joined with a marker paragraph (``_FIELD_SEPARATOR``).
        A text with raw HTML could leave a tag open over the marker and the
        texts after it: such texts are converted on their own. If the marker
        does not come back exactly once between every two texts, nothing is
        kept and each text is converted on its own when it is used.
        """
        pending = list(
            dict.fromkeys(
                text for text in texts if text and text not in self._converted and not _may_hold_html(text)
            )
        )
        if len(pending) < 2:
            return
        pieces = self._markdown_to_html(_FIELD_SEPARATOR.join(pending)).split(_FIELD_MARK)
        if len(pieces) == len(pending):
            self._converted.update(zip(pending, pieces))

    def start_page(self) -> WidgetSlots:
        """Start rendering for a new page: widgets go into the returned slots,
        their placeholders into the page's Markdown. Without it, widgets are
        inline in the Markdown as raw HTML blocks."""
        self.clear_cache()
        self._slots = WidgetSlots(self)
        return self._slots

    # Pages ----------------------------------------------------------------

    def render_section(self, section: Section, anchor: str, key: str | None = None) -> str:
        """One section's widget as HTML. ``anchor`` makes its ids unique on the
        page; ``key`` is the section's stable id (:mod:`lessonkit.ids`), from
        which its entries' ids follow (default: the anchor)."""
        from .ids import entry_ids

        key = key or anchor
        template = self.environment.get_template(_SECTION_TEMPLATES[section.type])
        return template.render(
            section=section, anchor=anchor, strings=self.strings, section_id=key, entry_ids=entry_ids(key, section)
        ).strip()

    def render_page(self, practice_set: PracticeSet, path: str, stem: str = "set") -> str:
        """The Markdown source of a practice set's page, to live at ``path``;
        ``stem`` is its file's, for the entries' stable ids."""
        from .ids import set_ids

        keys = [key for key, _ in set_ids(stem, practice_set)]
        title = f"# {practice_set.title}"
        parts = []
        if practice_set.lesson:
            link = posixpath.relpath(practice_set.lesson, posixpath.dirname(path) or ".")
            parts.append(f"[{_escape_link_text(self.strings['back_to_lesson'])}](<{link}>)")
        if practice_set.intro:
            parts.append(practice_set.intro.strip())
        for index, section in enumerate(practice_set.sections):
            parts.extend(self.section_blocks(section, f"lk-{index + 1}", key=keys[index]))
        if practice_set.credit:
            parts.append(practice_set.credit.strip())
        page = "\n\n".join([title, *parts]) + "\n"
        if self._slots is None:
            return page
        # The widgets' texts go with the page, right after its title (where
        # no text of the page can leave a block open over them).
        texts = []
        for section in practice_set.sections:
            _widget_texts(section, texts)
        shared = [text for text in dict.fromkeys(texts) if _shares_page(text)]
        self._slots.share(shared, page)
        if not shared:
            return page
        return "".join([title, _FIELD_SEPARATOR, _FIELD_SEPARATOR.join(shared), _FIELD_SEPARATOR, "\n\n".join(parts), "\n"])

    def section_blocks(self, section: Section, anchor: str, *, heading: bool = True, key: str | None = None) -> list[str]:
        """A section as Markdown blocks: heading, intro, widget, takeaway
        (``key``: the section's stable id, see ``render_section``)."""
        blocks = [f"## {section.title}"] if heading else []
        if section.intro:
            blocks.append(section.intro.strip())
        if self._slots is not None:
            blocks.append(self._slots.hold(section, anchor, key or anchor))
        else:
            self.prefill(_widget_texts(section))
            blocks.append(self.render_section(section, anchor, key))
        if section.takeaway:
            blocks.append(section.takeaway.strip())
        return blocks


# Keys, and the section's own texts, which are Markdown of the page itself.
_NOT_WIDGET_TEXT = frozenset({"id", "type", "title", "intro", "takeaway"})
# An item's `answer` names an option or labels (a self-check's is Markdown).
_KEYS_OF = {"MatchingItem": frozenset({"answer"}), "LabelingItem": frozenset({"answer"})}
_TEXT_FIELDS: dict[type, tuple[str, ...]] = {}


def _may_hold_html(text: str) -> bool:
    """Whether a text may hold raw HTML (a tag start outside code spans)."""
    return "<" in text and _HTML_START.search(_CODE_SPAN.sub("", text)) is not None


def _shares_page(text: str) -> bool:
    """Whether a text can ride in its page's Markdown: raw HTML could leave a
    block open over the texts after it, and a heading would join the page's
    table of contents and take an anchor from the page's own headings."""
    return not _may_hold_html(text) and not _HEADING.search(text) and _FIELD_WORD not in text


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
            skip = _NOT_WIDGET_TEXT | _KEYS_OF.get(kind.__name__, frozenset())
            names = _TEXT_FIELDS[kind] = tuple(name for name in getattr(kind, "model_fields", ()) if name not in skip)
        for name in names:
            _widget_texts(getattr(value, name), found)
    return found


def _escape_link_text(text: str) -> str:
    return re.sub(r"([\[\]\\])", r"\\\1", text)
