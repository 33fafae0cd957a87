"""MkDocs hooks: load practice files, add their pages, render them. Nothing more."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.pages import Page

from ..assets import ASSETS_DIR, SHIPPED, shipped
from ..course import Course, load_course, written_pages
from ..pipeline import PracticePage, PracticeSite, quizzes_dir_problem, resolve_in_files, root_url, text_extensions
from ..problems import PracticeFileError, display_path
from ..rendering import TEMPLATES_DIR, PracticeRenderer
from ..source_dates import page_dates
from ..strings import StringsError, strings_for, theme_language, theme_languages
from ..texts import TextConverter
from .anki_decks import AnkiDecks
from .config import LessonkitConfig
from .lastgood import LastGoodSite
from .navigation import add_to_nav

if TYPE_CHECKING:  # names for annotations only: `mkdocs build` never loads the server
    from mkdocs.livereload import LiveReloadServer

    from ..loading import LoadCache, LoadedSet

log = logging.getLogger("mkdocs.plugins.lessonkit")

_WIDGET = re.compile(r"<[a-z][^>]*\sdata-lk-widget=")
"""A lessonkit widget in a page's HTML (not its text shown in a code block)."""
_STYLESHEET, _SCRIPT = "lessonkit/assets/lessonkit.css", "lessonkit/assets/lessonkit.js"


@dataclass
class _BuildState:
    site: PracticeSite
    quizzes_dir: Path
    root: Path
    """The folder of mkdocs.yml: messages name files relative to it."""
    pages: dict[str, LoadedSet] = field(default_factory=dict)
    """Docs path of each generated page -> its practice set."""
    parts: dict[str, PracticePage] = field(default_factory=dict)
    """Docs path of a page -> its practice parts, until its HTML is made."""
    stylesheets: dict[str, str] = field(default_factory=dict)
    """Docs path of a page with widgets -> the URL of their stylesheet from it, for its head."""
    course: Course = field(default_factory=lambda: Course(()))
    """This build's course, read in on_pre_build."""
    written: dict[str, str] = field(default_factory=dict)
    """Pages holding only ``[[practice: stem]]`` (docs path -> stem)."""


@dataclass
class _PageHost:
    """The core's view of one MkDocs page (:class:`lessonkit.pipeline.Host`)."""

    file: File
    files: Files
    display: str
    serving: bool

    @property
    def page(self) -> str:
        return self.file.src_uri

    @property
    def root(self) -> str:
        return root_url(self.file.url)

    def resolve(self, path: str) -> tuple[str, File] | None:
        return resolve_in_files(self.files, self.file, path)

    def pages(self) -> dict[str, Path]:
        return {f.src_uri: Path(f.abs_src_path) for f in self.files.documentation_pages() if f.abs_src_path}

    def warn(self, message: str) -> None:
        log.warning(message)

    def stop(self, message: str) -> None:
        if not self.serving:
            raise PluginError(message)
        log.error(message)


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
        self._dirty = False
        self._last_good_site: LastGoodSite | None = None  # under `mkdocs serve`, from on_serve

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"
        self._dirty = dirty

    # First: the theme's language is checked (a regional code the theme lacks
    # becomes its language) before Material's search plugin loads its partial here.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Lowest priority: a file of the same name under the site's custom_dir wins.
        if str(TEMPLATES_DIR) not in config.theme.dirs:
            config.theme.dirs.append(str(TEMPLATES_DIR))
        try:
            language, note = theme_language(config.theme.get("language"), theme_languages(config.theme.dirs))
        except StringsError as error:
            raise PluginError(f"lessonkit: {error}") from None
        if note:
            log.info(note)
            config.theme["language"] = language
        return config

    def _start_build(self, config: MkDocsConfig) -> _BuildState:
        """This build's state, once every plugin's on_config ran (the Markdown
        extensions another plugin adds are in)."""
        # Not lessonkit's Markdown extension, if listed too: the plugin expands the lines.
        converter = TextConverter(text_extensions(config.markdown_extensions), config.mdx_configs or {})
        # The widgets speak Material's theme.language; `strings` overrides any one.
        try:
            strings, note = strings_for(config.theme.get("language"), self.config.strings)
        except StringsError as error:
            raise PluginError(f"lessonkit: {error}") from error
        if note:
            log.info(note)
        renderer = PracticeRenderer(converter, config.theme.dirs, strings, self.config.search_answers)
        root = Path(config.config_file_path or ".").parent
        slugify = (config.mdx_configs or {}).get("toc", {}).get("slugify")
        site = PracticeSite(renderer, config.site_name or "", self.config.course_id, slugify, day_start=self.config.day_start)
        self._state = _BuildState(site, root / self.config.quizzes_dir, root)
        return self._state

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """The practice files are read and checked here, before MkDocs cleans
        the site folder: a build that fails for one leaves the last site as it was."""
        state = self._start_build(config)
        problem = quizzes_dir_problem(state.quizzes_dir)
        if problem:  # as `lessonkit check` says it
            log.warning(f"lessonkit: {display_path(state.quizzes_dir, state.root)}: {problem}")
        with _quiet(logging.getLogger("mkdocs.structure.files")):  # MkDocs says it again in its walk
            pages = {f.src_uri: f for f in get_files(config).documentation_pages()}
        state.written = written_pages({uri: Path(f.abs_src_path) for uri, f in pages.items() if f.abs_src_path})
        try:
            course = load_course(
                state.quizzes_dir,
                set(pages),
                display_root=state.root,
                cache=self._loaded,
                written=state.written,
            )
        except PracticeFileError as error:
            if not (self._serving and self._last_good is not None):
                raise PluginError(f"lessonkit: {error}") from None
            # Under `mkdocs serve`: keep serving the last good practice pages (and
            # the site's other pages as they are now), and say so.
            log.error(f"lessonkit: {error}\nServing the last good version of the practice pages until this is fixed.")
            course = self._last_good
        else:
            self._last_good = course
        state.course = course
        if self._last_good_site is not None and not self._dirty:
            self._last_good_site.set_aside()

    # Before any other plugin's on_files: a link checker or a navigation
    # plugin that copies the file list sees the practice pages.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        state = self._require_state()
        course, written = state.course, state.written
        state.site.use_course(course)
        state.pages = course.pages()
        state.parts = {}
        for path, loaded in state.pages.items():
            # The page's Markdown is its source, as a page written by hand:
            # every plugin's on_page_markdown sees it, in any order.
            markdown, state.parts[path] = state.site.set_page(path, loaded)
            if written.get(path) == loaded.stem:  # that page's file gives way to the set's page
                files.remove(files.get_file_from_path(path))
            files.append(File.generated(config, path, content=markdown))
        add_to_nav(config, state.pages, str(state.site.renderer.strings["nav_practice"]))
        self._anki = AnkiDecks(config, course, state.site.renderer)
        self._anki.add_to(files)
        _ship_minified(files, config)
        return files

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):  # noqa: ANN001, ANN201 - MkDocs' Navigation
        """Each page is dated by its source (a practice page by its practice file),
        not by the build day: the site map (``lastmod``, and its ``.gz``) is the same
        for the same sources. Every page exists now; the site map is written later."""
        sources = _page_sources(files, self._require_state().pages)
        days = page_dates({source for _, source in sources})
        for page, source in sources:
            page.update_date = days.get(source, page.update_date)
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self._anki is not None:  # "Download for Anki" links are relative to this page
            self._anki.start_page(page.file, self._require_state().pages)
        return page

    # Last: lines that another plugin's on_page_markdown adds are expanded too.
    @event_priority(-50)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        state = self._require_state()
        if page.file.src_uri in state.pages:
            return markdown
        markdown, parts = state.site.expand(markdown, self._host(page, files))
        if parts is not None:
            state.parts[page.file.src_uri] = parts
        return markdown

    # First: other plugins' on_page_content see the widgets, and keep what they change.
    @event_priority(50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        state = self._require_state()
        parts = state.parts.pop(page.file.src_uri, None)
        host = self._host(page, files)
        if parts is not None:
            html = state.site.fill(parts, html, host)
            if page.present_anchor_ids is not None:
                page.present_anchor_ids |= parts.slots.anchor_ids()
        if (parts is not None and parts.has_widget) or ("data-lk-widget" in html and _WIDGET.search(html)):
            html = _widget_assets(host, state.site) + html
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
        state.site.report_links(lambda: [file.src_uri for file in files], log.warning)
        return env

    # Last: another plugin's on_serve may still hand MkDocs' own builder to server.watch.
    @event_priority(-100)
    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        state = self._require_state()
        if state.quizzes_dir.is_dir():
            server.watch(str(state.quizzes_dir))
        # Every rebuild from now on: a failure keeps the last good site, and the server answers.
        self._last_good_site = LastGoodSite(server.builder, Path(config.site_dir))
        server.builder = self._last_good_site
        return server

    def on_shutdown(self) -> None:
        if self._last_good_site is not None:
            self._last_good_site.discard()

    def _host(self, page: Page, files: Files) -> _PageHost:
        display = display_path(Path(page.file.abs_src_path or page.file.src_path), self._require_state().root)
        return _PageHost(page.file, files, display, self._serving)

    def _require_state(self) -> _BuildState:
        if self._state is None:  # pragma: no cover - MkDocs always calls on_pre_build first
            raise PluginError("lessonkit: on_pre_build did not run")
        return self._state


def _widget_assets(host: _PageHost, site: PracticeSite) -> str:
    """The widgets' stylesheet and script, for a page that has a widget.

    In the page content: Material's instant navigation swaps the content and
    runs the scripts in it, so a page reached without a reload gets them too,
    and a page without widgets gets nothing (``on_post_page`` links the
    stylesheet in the head too, for a page loaded in full). The script's tag carries
    the strings its controls say, the course's root and id, once per page.
    """
    stylesheet, script = (host.files.get_file_from_path(path) for path in (_STYLESHEET, _SCRIPT))
    if stylesheet is None or script is None:  # pragma: no cover - shipped with the package
        raise PluginError(f"lessonkit: the theme has no {_STYLESHEET} or {_SCRIPT}")
    tags = Markup('<link rel="stylesheet" href="{}">\n<script src="{}" defer{}></script>\n')
    return str(tags.format(stylesheet.url_relative_to(host.file), script.url_relative_to(host.file), site.strings_attributes(host)))


def _ship_minified(files: Files, config: MkDocsConfig) -> None:
    """The theme's copies of the widgets' files give way to the minified ones;
    a file of the same name in the site's custom_dir is the site's and stays."""
    for name in SHIPPED:
        file = files.get_file_from_path(f"lessonkit/assets/{name}")
        if file is not None and file.abs_src_path and Path(file.abs_src_path).parent == ASSETS_DIR:
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=shipped(name)))


def _page_sources(files: Files, sets: dict[str, LoadedSet]) -> list[tuple[Page, Path]]:
    """Each page and the file it is made from; a page another plugin generates has none."""
    sources = []
    for file in files.documentation_pages():
        loaded = sets.get(file.src_uri)
        source = loaded.source if loaded is not None else file.abs_src_path
        if file.page is not None and source:
            sources.append((file.page, Path(source)))
    return sources


@contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    """``logger`` says nothing for a while."""
    disabled = logger.disabled
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = disabled
