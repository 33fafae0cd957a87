"""MkDocs hooks: load practice files, add their pages, render them. Nothing more."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import markdown
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc

from ..course import Course, load_course
from ..embedding import expand_directives, find_directives, sets_by_stem
from ..problems import PracticeFileError, display_path
from ..rendering import TEMPLATES_DIR, PracticeRenderer, WidgetSlots
from ..strings import UI_STRINGS, StringsError, strings_for
from .config import LessonkitConfig

if TYPE_CHECKING:  # names for annotations only: `mkdocs build` never loads the server
    from mkdocs.livereload import LiveReloadServer

    from ..loading import LoadCache, LoadedSet
    from ..model import PracticeSet

log = logging.getLogger("mkdocs.plugins.lessonkit")

_WIDGET = re.compile(r"<[a-z][^>]*\sdata-lk-widget=")
"""A lessonkit widget in a page's HTML (not its text shown in a code block)."""
_ANY_ID = re.compile(r'\sid="([^"]+)"')
_STYLESHEET, _SCRIPT = "lessonkit/assets/lessonkit.css", "lessonkit/assets/lessonkit.js"


class _PageMarkdown:
    """The site's Markdown converter, made once a build needs it (a practice
    page's texts are converted with the page itself; this converts only what
    cannot ride along, and embedded sections), and reused for every text.

    Links in a text are resolved as MkDocs resolves them on the page being
    rendered, so ``[lesson](../lessons/x.md)`` works and a broken link warns.
    """

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self._md: markdown.Markdown | None = None
        self._page: tuple[File, Files] | None = None
        self.links: _RelativePathTreeprocessor | None = None

    def start_page(self, file: File, files: Files) -> None:
        self._page = (file, files)
        self.links = None

    def __call__(self, text: str) -> str:
        if self._md is None:
            self._md = markdown.Markdown(
                extensions=self.config.markdown_extensions, extension_configs=self.config.mdx_configs or {}
            )
        if self.links is None and self._page is not None:
            self.links = _RelativePathTreeprocessor(*self._page, self.config)
            self._md.treeprocessors.register(self.links, "relpath", 0)
        self._md.reset()
        return self._md.convert(text)

    def toc_tokens(self) -> list:
        """The headings of the last conversion, for a page's table of contents."""
        return getattr(self._md, "toc_tokens", [])


@dataclass
class _BuildState:
    course: Course
    renderer: PracticeRenderer
    converter: _PageMarkdown
    quizzes_dir: Path
    root: Path
    """The folder of mkdocs.yml: messages name files relative to it."""
    pages: dict[str, LoadedSet] = field(default_factory=dict)
    """Docs path of each generated page -> its practice set."""
    by_stem: dict[str, PracticeSet] | None = None
    """Practice sets by file stem, for embed lines: made at the first one."""
    slots: dict[str, WidgetSlots] = field(default_factory=dict)
    """Docs path of a page being rendered -> its widgets, until its HTML is made."""
    strings_attribute: str = ""
    """The script's strings as JSON, escaped for a single-quoted attribute."""


class LessonkitPlugin(BasePlugin[LessonkitConfig]):
    """Turns the YAML practice sets of ``quizzes_dir`` into pages of the site."""

    def __init__(self) -> None:
        self._state: _BuildState | None = None
        # Parsed practice files by path and content: under `mkdocs serve` an
        # edit to one file does not re-parse the others.
        self._loaded: LoadCache = {}
        # Kept across the rebuilds of `mkdocs serve` (MkDocs keeps a plugin with
        # on_startup alive): the last course that loaded, to keep serving it.
        self._serving = False
        self._last_good: Course | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        unknown = sorted(set(self.config.strings) - set(UI_STRINGS))
        if unknown:
            raise PluginError(
                f"lessonkit: unknown key(s) under 'strings': {', '.join(unknown)}; known: {', '.join(UI_STRINGS)}"
            )
        # Lowest priority: a file of the same name under the site's custom_dir wins.
        if str(TEMPLATES_DIR) not in config.theme.dirs:
            config.theme.dirs.append(str(TEMPLATES_DIR))
        converter = _PageMarkdown(config)
        # The widgets speak Material's theme.language; `strings` overrides any one.
        try:
            strings, note = strings_for(config.theme.get("language"), self.config.strings)
        except StringsError as error:
            raise PluginError(f"lessonkit: {error}") from error
        if note:
            log.info(note)
        renderer = PracticeRenderer(converter, config.theme.dirs, strings)
        root = Path(config.config_file_path or ".").parent
        self._state = _BuildState(
            Course(()),
            renderer,
            converter,
            root / self.config.quizzes_dir,
            root,
            strings_attribute=_strings_attribute(renderer.script_strings),
        )
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        state = self._require_state()
        content_pages = {file.src_uri for file in files.documentation_pages()}
        try:
            state.course = load_course(
                state.quizzes_dir,
                content_pages,
                display_root=state.root,
                cache=self._loaded,
            )
        except PracticeFileError as error:
            if not (self._serving and self._last_good is not None):
                raise PluginError(f"lessonkit: {error}") from None
            # MkDocs' server would stall every request until the next good build;
            # keep serving the last good practice pages, and say so.
            log.error(f"lessonkit: {error}\nServing the last good version of the practice pages until this is fixed.")
            state.course = self._last_good
        else:
            self._last_good = state.course
        state.pages = state.course.pages()
        for path in state.pages:
            files.append(File.generated(config, path, content=""))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        state = self._require_state()
        loaded = state.pages.get(page.file.src_uri)
        if loaded is None:
            return self._embed(markdown, page, config, files)
        state.converter.start_page(page.file, files)
        state.slots[page.file.src_uri] = state.renderer.start_page()
        return state.renderer.render_page(loaded.practice_set, page.file.src_uri)

    def _embed(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A content page with its ``[[practice: ...]]`` lines expanded."""
        if "[[" not in markdown or not find_directives(markdown):
            return markdown
        state = self._require_state()
        state.converter.start_page(page.file, files)
        state.slots[page.file.src_uri] = state.renderer.start_page()
        display = display_path(Path(page.file.abs_src_path or page.file.src_path), state.root)
        slugify = (config.mdx_configs or {}).get("toc", {}).get("slugify")
        if state.by_stem is None:
            state.by_stem = sets_by_stem(state.course.sets)
        try:
            return expand_directives(markdown, display, state.by_stem, state.renderer, slugify)
        except PracticeFileError as error:
            message = "lessonkit: [[practice: ...]] line(s) naming nothing:\n" + "\n".join(
                f"  {problem}" for problem in error.problems
            )
            if self._serving:
                log.error(message)
                return markdown
            raise PluginError(message) from None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        state = self._require_state()
        slots = state.slots.pop(page.file.src_uri, None)
        if slots is not None:

            def reconvert(markdown: str) -> str:
                # The page converted again, without its texts: its table of
                # contents is that of this conversion.
                html = state.converter(markdown)
                page.toc = get_toc(state.converter.toc_tokens())
                return html

            html = slots.fill(html, reconvert)
            if slots.page_alone is not None:
                # The page's source is its Markdown without the texts that rode
                # along: the texts are in its HTML, and a build keeps every
                # page's source until it ends.
                page.markdown = slots.page_alone
            if slots.reconverted:
                page.present_anchor_ids = set(_ANY_ID.findall(html))
            elif page.present_anchor_ids is not None:
                page.present_anchor_ids |= slots.anchor_ids()
        links = state.converter.links
        if links is not None and links.file is page.file and links.links_to_anchors:
            # Anchors linked from texts converted on their own are validated like the page's own.
            merged = page.links_to_anchors if page.links_to_anchors is not None else {}
            for target, anchors in links.links_to_anchors.items():
                merged.setdefault(target, {}).update(anchors)
            page.links_to_anchors = merged
        if (slots is not None and slots.widgets) or ("data-lk-widget" in html and _WIDGET.search(html)):
            html = _widget_assets(page, files, state.strings_attribute) + html
        return html

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        state = self._require_state()
        if state.quizzes_dir.is_dir():
            server.watch(str(state.quizzes_dir))
        return server

    def _require_state(self) -> _BuildState:
        if self._state is None:  # pragma: no cover - MkDocs always calls on_config first
            raise PluginError("lessonkit: on_config did not run")
        return self._state


def _strings_attribute(strings: dict[str, str]) -> str:
    """JSON in a single-quoted attribute: its quotes stay as they are, the rest is escaped."""
    text = json.dumps(strings, separators=(",", ":"))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")


def _widget_assets(page: Page, files: Files, strings_attribute: str) -> str:
    """The widgets' stylesheet and script, for a page that has a widget.

    In the page content, not the head: Material's instant navigation swaps the
    content and runs the scripts in it, so a page reached without a reload gets
    them too, and a page without widgets gets nothing. The script's tag carries
    the strings its controls say, once per page.
    """
    stylesheet, script = (files.get_file_from_path(path) for path in (_STYLESHEET, _SCRIPT))
    if stylesheet is None or script is None:  # pragma: no cover - shipped with the package
        raise PluginError(f"lessonkit: the theme has no {_STYLESHEET} or {_SCRIPT}")
    tags = Markup('<link rel="stylesheet" href="{}">\n<script src="{}" defer data-lk-strings=\'{}\'></script>\n')
    return str(
        tags.format(stylesheet.url_relative_to(page.file), script.url_relative_to(page.file), Markup(strings_attribute))
    )
