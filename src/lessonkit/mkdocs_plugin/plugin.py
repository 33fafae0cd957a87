"""MkDocs hooks: load practice files, add their pages, render them. Nothing more."""

from __future__ import annotations

import functools
import json
import logging
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..course import Course, load_course, written_pages
from ..embedding import expand_page, find_directives, sets_by_stem
from ..problems import PracticeFileError, display_path
from ..links import link_problems
from ..progresslist import expand_progress_lists, has_progress_list
from ..rendering import TEMPLATES_DIR, PageSlots, PracticeRenderer, SetSource
from ..strings import StringsError, strings_for
from ..texts import LinkContext, LinkTarget, TextConverter
from .anki_decks import AnkiDecks
from .config import LessonkitConfig
from .navigation import add_to_nav

if TYPE_CHECKING:  # names for annotations only: `mkdocs build` never loads the server
    from mkdocs.livereload import LiveReloadServer

    from ..loading import LoadCache, LoadedSet
    from ..model import PracticeSet

log = logging.getLogger("mkdocs.plugins.lessonkit")

_WIDGET = re.compile(r"<[a-z][^>]*\sdata-lk-widget=")
"""A lessonkit widget in a page's HTML (not its text shown in a code block)."""
_STYLESHEET, _SCRIPT = "lessonkit/assets/lessonkit.css", "lessonkit/assets/lessonkit.js"


@dataclass
class _BuildState:
    course: Course
    renderer: PracticeRenderer
    quizzes_dir: Path
    root: Path
    """The folder of mkdocs.yml: messages name files relative to it."""
    pages: dict[str, LoadedSet] = field(default_factory=dict)
    """Docs path of each generated page -> its practice set."""
    by_stem: dict[str, PracticeSet] | None = None
    """Practice sets by file stem, for embed lines: made at the first one."""
    slots: dict[str, PageSlots] = field(default_factory=dict)
    """Docs path of a page -> its practice parts, until its HTML is made."""
    links: list[tuple[str, SetSource, LinkTarget]] = field(default_factory=list)
    """Each link of a practice text (page shown on, set, link), checked once every page is built."""
    strings_attribute: str = ""
    """The script's strings as JSON, escaped for a single-quoted attribute."""
    stylesheets: dict[str, str] = field(default_factory=dict)
    """Docs path of a page with widgets -> the URL of their stylesheet from it, for its head."""


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
        self._anki: AnkiDecks | None = None  # this build's Anki decks, made in on_files

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Lowest priority: a file of the same name under the site's custom_dir wins.
        if str(TEMPLATES_DIR) not in config.theme.dirs:
            config.theme.dirs.append(str(TEMPLATES_DIR))
        # Not lessonkit's Markdown extension, if listed too: the plugin expands the lines.
        extensions = [name for name in config.markdown_extensions if not str(name).startswith("lessonkit.markdown")]
        converter = TextConverter(extensions, config.mdx_configs or {})
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
            root / self.config.quizzes_dir,
            root,
            strings_attribute=_strings_attribute(renderer.script_strings),
        )
        return config

    # Before any other plugin's on_files: a link checker or a navigation
    # plugin that copies the file list sees the practice pages.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        state = self._require_state()
        content_pages = {file.src_uri for file in files.documentation_pages()}
        # A page holding only `[[practice: stem]]` is that set's page: none is generated.
        written = written_pages({f.src_uri: Path(f.abs_src_path) for f in files.documentation_pages() if f.abs_src_path})
        try:
            state.course = load_course(
                state.quizzes_dir,
                content_pages,
                display_root=state.root,
                cache=self._loaded,
                written=written,
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
        state.slots, state.links, state.by_stem = {}, [], None
        for path, loaded in state.pages.items():
            # The page's Markdown is its source, as a page written by hand:
            # every plugin's on_page_markdown sees it, in any order.
            slots = state.slots[path] = state.renderer.start_page()
            markdown = state.renderer.render_page(SetSource(loaded.stem, path, loaded.practice_set), slots)
            if written.get(path) == loaded.stem:  # that page's file gives way to the set's page
                files.remove(files.get_file_from_path(path))
            files.append(File.generated(config, path, content=markdown))
        add_to_nav(config, state.pages)
        self._anki = AnkiDecks(config, state.course, state.renderer)
        self._anki.add_to(files)
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self._anki is not None:  # "Download for Anki" links are relative to this page
            self._anki.start_page(page.file, self._require_state().pages)
        return page

    # Last: lines that another plugin's on_page_markdown adds are expanded too.
    @event_priority(-50)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        state = self._require_state()
        if page.file.src_uri not in state.pages and has_progress_list(markdown):  # [[practice-progress]]
            markdown = expand_progress_lists(markdown, state.course.sets, state.renderer,
                                             lambda path: files.get_file_from_path(path).url_relative_to(page.file))
        if page.file.src_uri in state.pages or "[[" not in markdown or not find_directives(markdown):
            return markdown
        slots = state.renderer.start_page()
        display = display_path(Path(page.file.abs_src_path or page.file.src_path), state.root)
        slugify = (config.mdx_configs or {}).get("toc", {}).get("slugify")
        if state.by_stem is None:
            state.by_stem = sets_by_stem(state.course.sets)
        try:
            expanded = expand_page(markdown, display, page.file.src_uri, state.by_stem, state.renderer, slots, slugify)
        except PracticeFileError as error:
            message = "lessonkit: [[practice: ...]] line(s) naming nothing:\n" + "\n".join(
                f"  {problem}" for problem in error.problems
            )
            if self._serving:
                log.error(message)
                return markdown
            raise PluginError(message) from None
        state.slots[page.file.src_uri] = slots
        return expanded

    # First: other plugins' on_page_content see the widgets, and keep what they change.
    @event_priority(50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        state = self._require_state()
        slots = state.slots.pop(page.file.src_uri, None)
        if slots is not None:

            def context(source: SetSource) -> LinkContext:
                return LinkContext(source.page, functools.partial(_resolve, files, page.file))

            html = slots.fill(html, context)
            state.links.extend((page.file.src_uri, source, found) for source, found in slots.links)
            for source in dict.fromkeys(slots.missing):
                log.warning(
                    f"lessonkit: a practice part of {source.page} is missing from '{page.file.src_uri}': "
                    "another plugin removed its placeholder"
                )
            if page.present_anchor_ids is not None:
                page.present_anchor_ids |= slots.anchor_ids()
        if (slots is not None and slots.has_widget) or ("data-lk-widget" in html and _WIDGET.search(html)):
            html = _widget_assets(page, files, state.strings_attribute, config.site_name) + html
            state.stylesheets[page.file.src_uri] = files.get_file_from_path(_STYLESHEET).url_relative_to(page.file)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """The widgets' stylesheet in the head too, on a page that has them. The
        link in the content is for a page reached by instant navigation; on a
        page loaded in full, a stylesheet linked in the body holds back the
        content after it, which then paints late and moves the page (Lighthouse's
        LCP and layout shift). From the head the content paints at once, styled."""
        href = self._require_state().stylesheets.pop(page.file.src_uri, None)
        if href is None or "</head>" not in output:
            return output
        return output.replace("</head>", str(Markup('<link rel="stylesheet" href="{}">\n</head>').format(href)), 1)

    def on_env(self, env, *, config: MkDocsConfig, files: Files):  # noqa: ANN001 - Jinja's Environment
        """Every page is rendered now: check the links of practice texts, with
        the file and line of the text (MkDocs would name the page showing it)."""
        state = self._require_state()
        if self._anki is not None:  # before the site's files are written
            self._anki.finish()
        problems = link_problems(state.course, state.links, [file.src_uri for file in files])
        for problem in problems:
            log.warning(f"lessonkit: {problem}")
        state.links = []
        return env

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        state = self._require_state()
        if state.quizzes_dir.is_dir():
            server.watch(str(state.quizzes_dir))
        return server

    def _require_state(self) -> _BuildState:
        if self._state is None:  # pragma: no cover - MkDocs always calls on_config first
            raise PluginError("lessonkit: on_config did not run")
        return self._state


def _resolve(files: Files, page_file: File, path: str) -> tuple[str, File] | None:
    """The URL, from ``page_file``, of the docs file at ``path``, and that file."""
    file = files.get_file_from_path(path)
    if file is None and not posixpath.splitext(path)[1]:
        file = files.get_file_from_path(posixpath.join(path, "index.md"))
    if file is None:
        return None
    return file.url_relative_to(page_file), file


def _strings_attribute(strings: dict[str, str]) -> str:
    """JSON in a single-quoted attribute: its quotes stay as they are, the rest is escaped."""
    text = json.dumps(strings, separators=(",", ":"))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")


def _widget_assets(page: Page, files: Files, strings_attribute: str, site_name: str = "") -> str:
    """The widgets' stylesheet and script, for a page that has a widget.

    In the page content: Material's instant navigation swaps the content and
    runs the scripts in it, so a page reached without a reload gets them too,
    and a page without widgets gets nothing (``on_post_page`` links the
    stylesheet in the head too, for a page loaded in full). The script's tag carries
    the strings its controls say, once per page.
    """
    stylesheet, script = (files.get_file_from_path(path) for path in (_STYLESHEET, _SCRIPT))
    if stylesheet is None or script is None:  # pragma: no cover - shipped with the package
        raise PluginError(f"lessonkit: the theme has no {_STYLESHEET} or {_SCRIPT}")
    # The course's identity for the learner's progress (task A's contract, minimal here):
    # its root URL from this page, its id (a slug of site_name) and its name.
    folder = posixpath.dirname(page.url) if not page.url.endswith("/") else page.url.rstrip("/")
    root = "../" * len(folder.split("/")) if folder else "./"
    course = re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-") or "course"
    tags = Markup(
        '<link rel="stylesheet" href="{}">\n<script src="{}" defer data-lk-strings=\'{}\' '
        'data-lk-root="{}" data-lk-course="{}" data-lk-course-name="{}"></script>\n'
    )
    return str(
        tags.format(stylesheet.url_relative_to(page.file), script.url_relative_to(page.file), Markup(strings_attribute),
                    root, course, site_name)
    )
