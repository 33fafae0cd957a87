"""lessonkit as a Python-Markdown extension: practice on any engine that runs
Markdown extensions (Zensical, MkDocs without the plugin).

In ``markdown_extensions``::

    - lessonkit.markdown:
        quizzes_dir: quizzes        # relative to the config file
        strings: {show_answer: ...} # as the plugin's option
        course_id: my-course        # as the plugin's option (default: from site_name)
        day_start: 4                # as the plugin's option: the hour a learner's day starts
        search_answers: false       # as the plugin's option: answers kept in the search index

An adapter over :mod:`lessonkit.pipeline`, as the MkDocs plugin is: this module
makes the core's host from the engine's context and hands it each page. Each
``[[practice: stem]]`` / ``[[practice: stem#section]]`` line is expanded as on
MkDocs, and a page holding nothing but ``[[practice: stem]]`` is that set's
page. The headings go into the page's Markdown (its table of contents gets
them); every practice part is rendered by the core and stashed as raw HTML,
so the page's own conversion leaves it as it is.

Where it runs:

- **Zensical** gives each conversion its page and configuration (its
  ``rendering_context`` preprocessor): the config file's folder, the docs
  folder, ``custom_dir`` (its ``lessonkit/*.html`` override the templates),
  the extensions, the page's docs path. Links in practice texts are rewritten
  for the page showing them; Zensical makes them URLs.
- **MkDocs**: its link processor gives the page, the site's files and its
  config. When the ``lessonkit`` plugin is on, the extension does nothing: the
  plugin expands the lines (a site listing both renders each set once).
- Anywhere else, paths are relative to the working folder and links stay as
  written.

The widgets' script and stylesheet come from ``extra_javascript`` /
``extra_css`` (``lessonkit assets DIR`` writes them); on Zensical the build
stops if they are missing or differ from this version's. The script's strings
come with the page, once, on an inert ``<script type="application/json">``.

A bad practice file, or a line naming nothing, stops the build with the same
``file:line:column: field: message (fix)`` lines as the plugin's.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .course import Course, cross_file_problems, find_practice_files, load_course
from .assets import ASSETS, shipped
from .pipeline import PracticeSite
from .problems import PracticeFileError, Problem, display_path
from .rendering import TEMPLATES_DIR, PracticeRenderer
from .sitelayout import docs_files, markdown_pages
from .strings import StringsError, check_strings_option, strings_for, theme_language_problem, theme_languages
from .markdown_host import Host, LessonkitError, host_of
from .texts import TextConverter

__all__ = ["LessonkitError", "LessonkitExtension", "makeExtension"]


class LessonkitExtension(Extension):
    """``[[practice: ...]]`` lines to practice widgets (see the module's doc)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "quizzes_dir": ["quizzes", "Folder of the practice files, relative to the config file"],
            "strings": [{}, "Overrides of learner-facing strings (lessonkit.strings.UI_STRINGS)"],
            "course_id": ["", "The course's id, keeping its progress apart (default: a slug of site_name)"],
            "day_start": [4, "The hour (0-23) a learner's day starts at: reviews are due from it (default 4)"],
            "search_answers": [False, "Keep answers, keys and card backs in the search index (default: left out)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After whitespace is normalized (30), before fenced code (25) and raw
        # HTML (20) are stashed: the lines are seen as written.
        md.preprocessors.register(_EmbedPreprocessor(md, self), "lessonkit", 29)
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> LessonkitExtension:  # noqa: N802 - Python-Markdown's name
    return LessonkitExtension(**kwargs)


# The site ------------------------------------------------------------------


@dataclass
class _Site:
    practice: PracticeSite
    quizzes_dir: Path
    files_seen: tuple[Any, ...] | None = None
    """The practice files (path, size, time) the course was loaded from."""
    assets_checked: bool = False


_site_cache: dict[str, _Site] = {}
_loaded: dict[Any, Any] = {}
"""Parsed practice files by path and content, across builds (``zensical serve``)."""


def _site(host: Host, options: dict[str, Any]) -> _Site:
    """The practice site of this build: one renderer (it compiles the templates once)."""
    quizzes_dir = host.folder / str(options.get("quizzes_dir") or "quizzes")
    key = json.dumps([host.key(), str(quizzes_dir), options], sort_keys=True, default=repr)
    site = _site_cache.get(key)
    if site is not None:
        return site
    # The theme's language, by the plugin's rule (the theme's own folders: Zensical's theme_dirs).
    theme_dirs = (host.zensical_config or {}).get("theme_dirs") or host.template_dirs
    language = theme_language_problem(host.language, theme_languages(theme_dirs))
    if language:
        host.stop(f"lessonkit.markdown: {language}")
    # As the plugin: the widgets speak the theme's language; `strings` overrides any one.
    try:
        check_strings_option(options.get("strings") or {})  # the plugin's option is checked by the same
    except StringsError as error:
        host.stop(f"lessonkit.markdown: option 'strings': {error}")
        raise
    try:
        strings, _ = strings_for(host.language, options.get("strings") or {})
    except StringsError as error:
        host.stop(f"lessonkit.markdown: {error}")
        raise
    search_answers = options.get("search_answers", False)
    if not isinstance(search_answers, bool):
        host.stop(f"lessonkit.markdown: option 'search_answers': expected true or false, not {search_answers!r}")
        raise LessonkitError(f"search_answers: {search_answers!r}")
    renderer = PracticeRenderer(
        TextConverter(host.extensions, host.configs), [*host.template_dirs, str(TEMPLATES_DIR)], strings, search_answers
    )
    slugify = (host.configs.get("toc") or {}).get("slugify")
    day_start = options.get("day_start", 4)
    if isinstance(day_start, bool) or not isinstance(day_start, int) or not 0 <= day_start <= 23:
        host.stop(f"lessonkit.markdown: option 'day_start': expected an hour, 0 to 23 (4: 4 a.m., as Anki), not {day_start!r}")
        raise LessonkitError(f"day_start: {day_start!r}")
    practice = PracticeSite(
        renderer, host.site_name, str(options.get("course_id") or "") or None, slugify, day_start=day_start
    )
    _site_cache.clear()  # one site at a time: a new build, or the config changed
    site = _site_cache[key] = _Site(practice, quizzes_dir)
    return site


def _load(host: Host, site: _Site) -> None:
    """Every practice file, as the plugin loads them: again only when one changed."""
    paths = find_practice_files(site.quizzes_dir) if site.quizzes_dir.is_dir() else []
    seen = tuple((str(path), *_stat(path)) for path in paths)
    if seen == site.files_seen:
        return
    course: Course = load_course(site.quizzes_dir, None, display_root=host.folder, cache=_loaded)
    if host.engine != "markdown":
        # Each `lesson:` must be a page. No page is generated here (a set's page
        # is one written out, or none): the checks of claimed pages do not apply.
        docs = markdown_pages(host.docs_dir)
        pages = {p: loaded.stem for p, loaded in course.pages().items()}
        problems = [p for p in cross_file_problems(course.sets, set(docs), pages) if p.path == "lesson"]
        problems += _pages_to_write(host, course, docs)
        if problems:
            raise PracticeFileError(sorted(problems, key=lambda p: (p.file, p.line, p.column)))
    site.practice.use_course(course)
    site.files_seen = seen


def _pages_to_write(host: Host, course: Course, docs: dict[str, Path]) -> list[Problem]:
    """A set whose page is not written out: no engine but the MkDocs plugin makes
    one, and the progress list and the links to it would lead nowhere."""
    engine = "Zensical" if host.engine == "zensical" else "the Markdown extension"
    problems = []
    for path, loaded in course.pages().items():
        if path not in docs:
            page = display_path(host.docs_dir / path, host.folder)
            problems.append(loaded.problem(
                ("page",) if loaded.practice_set.page else (),
                f"no page shows this set: {engine} makes none",
                f"create {page} holding only the line [[practice: {loaded.stem}]]",
            ))
    return problems


def _stat(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def _check_assets(host: Host, site: _Site) -> None:
    """On Zensical: the widgets' files are listed and are this version's."""
    config = host.zensical_config
    if site.assets_checked or config is None:
        return
    places = [host.docs_dir, *(Path(folder) for folder in host.template_dirs)]
    for name, setting in ASSETS.items():
        listed = [_asset_path(entry) for entry in config.get(setting) or []]
        mine = [path for path in listed if posixpath.basename(path) == name]
        if not mine:
            host.stop(
                f"lessonkit.markdown: the widgets need {name}: list it under {setting} "
                f"(e.g. `lessonkit assets {host.docs_dir.relative_to(host.folder).as_posix()}/lessonkit` "
                f"writes it, then `{setting}: [lessonkit/{name}]`)",
            )
        wanted = shipped(name)
        for path in mine:
            found = next((folder / path for folder in places if (folder / path).is_file()), None)
            if found is None:
                host.stop(f"lessonkit.markdown: {setting} lists '{path}', which is in neither the docs folder nor custom_dir (write it with `lessonkit assets DIR`)")
            elif found.read_bytes() != wanted:
                host.stop(
                    f"lessonkit.markdown: {display_path(found, host.folder)} is not the {name} of this lessonkit "
                    f"(run `lessonkit assets {display_path(found.parent, host.folder)}`)",
                )
    site.assets_checked = True


def _asset_path(entry: Any) -> str:
    return str(entry.get("path", "") if isinstance(entry, dict) else entry).split("?")[0]


# The conversion ------------------------------------------------------------


class _EmbedPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: LessonkitExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "practice" not in text or "[[" not in text:
            return lines
        host = host_of(self.md, LessonkitExtension)
        if host.plugin:
            return lines  # the MkDocs plugin renders them
        site = _site(host, self.extension.getConfigs())
        try:
            _load(host, site)
        except PracticeFileError as error:
            host.stop(f"lessonkit: {error}")
            return lines
        practice = site.practice
        expanded, page = practice.expand(text, host)
        if page is None:
            return expanded.split("\n")
        _check_assets(host, site)
        stash = self.md.htmlStash
        # Each part a block of its own: Markdown puts it back in place of its paragraph.
        expanded = practice.fill(page, expanded.rstrip("\n"), host, lambda html: f"\n\n{stash.store(html)}\n\n")
        practice.report_links(lambda: docs_files(host.docs_dir), host.warn)
        if page.has_widget:  # the script's strings, once per page, first
            strings = stash.store(f'<script type="application/json"{practice.strings_attributes(host)}></script>')
            expanded = strings + "\n\n" + expanded
        return expanded.split("\n")
