"""The practice pipeline: a page from its Markdown to its HTML, for any engine.

The core owns a practice page from start to end: which sets and sections it
shows (a set's own page, ``[[practice: ...]]`` lines, ``[[practice-progress]]``),
its texts and their HTML, the links and anchors to check, the problems found.
An engine gives it a small :class:`Host` for each page: how to resolve a docs
path to a URL from the page, how to report a warning, how to stop the build.
The adapters (:mod:`lessonkit.mkdocs_plugin`, :mod:`lessonkit.markdown`) do
nothing but make a host and hand the page over at the engine's hooks.

Nothing here imports MkDocs: a host's files are used through the two methods
every engine's file list has (``get_file_from_path``, ``url_relative_to``).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from markupsafe import Markup, escape

from .course import Course, find_practice_files
from .embedding import expand_page, find_directives, sets_by_stem
from .links import link_problems
from .problems import PracticeFileError
from .progresslist import expand_progress_lists, has_progress_list
from .rendering import PageSlots, PracticeRenderer, SetSource
from .review import expand_review, find_review_lines, review_page, review_problems
from .texts import LinkContext, LinkTarget

if TYPE_CHECKING:
    from .loading import LoadedSet
    from .model import PracticeSet

__all__ = [
    "Host",
    "PracticePage",
    "PracticeSite",
    "course_slug",
    "quizzes_dir_problem",
    "resolve_in_files",
    "root_url",
    "strings_attribute",
]

EXTENSION = "lessonkit.markdown"
"""The Markdown extension's name in ``markdown_extensions``."""


def text_extensions(extensions: Iterable[Any]) -> list[Any]:
    """The site's Markdown extensions for practice texts: all but lessonkit's own."""
    return [name for name in extensions if not (str(name) == EXTENSION or str(name).startswith(EXTENSION + ":"))]


def quizzes_dir_problem(folder: Path) -> str | None:
    """What is wrong with a site's practice folder, in the words ``lessonkit
    check`` and the build both use (None: it holds practice files)."""
    if not folder.is_dir():
        return "no such folder: no practice pages are made (make it, or set the lessonkit plugin's quizzes_dir)"
    if not find_practice_files(folder):
        return "no practice files (*.yml, *.yaml) in this folder"
    return None


class Host(Protocol):
    """What an engine tells the core about the page being built."""

    page: str | None
    """The page's docs path (``lessons/x.md``), when known."""
    display: str
    """The page's file as messages name it."""
    root: str
    """The course's root URL relative to this page (``../../``, ``./``)."""

    def resolve(self, path: str) -> tuple[str, Any] | None:
        """The URL from this page of the docs file at ``path``, and that file; None: no such file."""

    def warn(self, message: str) -> None:
        """Report a problem that does not stop the build."""

    def stop(self, message: str) -> None:
        """Stop the build with ``message`` (raise). Returning keeps the page as
        written (``serve``: the problem is reported, the server goes on)."""

    def pages(self) -> Mapping[str, Path]:
        """Docs path -> file of each Markdown page of the site (where the review is)."""


def resolve_in_files(files: Any, page_file: Any, path: str) -> tuple[str, Any] | None:
    """The URL, from ``page_file``, of the file of ``files`` at ``path`` (or its
    ``index.md``), and that file: for any engine whose files are MkDocs-like."""
    file = files.get_file_from_path(path)
    if file is None and not posixpath.splitext(path)[1]:
        file = files.get_file_from_path(posixpath.join(path, "index.md"))
    if file is None:
        return None
    return file.url_relative_to(page_file), file


def root_url(page_url: str) -> str:
    """The site's root relative to a page at ``page_url`` (relative to the root:
    ``lessons/x/``, ``lessons/x.html``, ``''``)."""
    path = page_url.lstrip("/")
    path = "" if path in (".", "./") else path.removeprefix("./")
    return "../" * path.count("/") or "./"


def page_url(docs_path: str, use_directory_urls: bool = True) -> str:
    """The URL of a docs page relative to the site's root, as MkDocs and Zensical make it."""
    stem, _ = posixpath.splitext(docs_path)
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    if not use_directory_urls:
        return f"{stem}.html"
    return f"{stem}/"


def course_slug(site_name: str | None) -> str:
    """A course id from the site's name: lowercase, runs of other characters to ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", (site_name or "").lower()).strip("-") or "course"


def strings_attribute(strings: Mapping[str, Any]) -> str:
    """JSON in a single-quoted attribute: its quotes stay as they are, the rest is escaped."""
    text = json.dumps(strings, separators=(",", ":"))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")


@dataclass
class PracticePage:
    """A page's practice parts, between its Markdown and its HTML."""

    slots: PageSlots
    has_widget: bool
    """Whether the page needs the widgets' script and strings."""


@dataclass
class PracticeSite:
    """The practice of one site, for one build: its renderer, course and links."""

    renderer: PracticeRenderer
    site_name: str = ""
    course_id: str | None = None
    slugify: Callable[..., str] | None = None
    day_start: int = 4
    """The hour a learner's day starts at (reviews are due from it)."""
    course: Course = field(default_factory=lambda: Course(()))
    links: list[tuple[str, SetSource, LinkTarget]] = field(default_factory=list)
    """Each link of a practice text (page shown on, set, link), until reported."""
    _reported: set[str] = field(default_factory=set)
    _by_stem: dict[str, PracticeSet] | None = None
    _warned: bool = False

    def __post_init__(self) -> None:
        self._strings = strings_attribute(self.renderer.script_strings)
        self.course_id = self.course_id or course_slug(self.site_name)

    def use_course(self, course: Course) -> None:
        """The course of this build (a new build: nothing reported yet)."""
        self.course, self._by_stem, self.links, self._reported = course, None, [], set()
        self._warned = False

    def set_page(self, path: str, loaded: LoadedSet) -> tuple[str, PracticePage]:
        """The Markdown of a set's page generated at ``path``, and its parts."""
        slots = self.renderer.start_page()
        markdown = self.renderer.render_page(SetSource(loaded.stem, path, loaded.practice_set), slots)
        return markdown, PracticePage(slots, True)

    def expand(self, markdown: str, host: Host) -> tuple[str, PracticePage | None]:
        """A written page's Markdown with its progress lists and practice lines
        expanded, and its parts (None: it has none)."""
        progress = has_progress_list(markdown)
        directives = "[[" in markdown and bool(find_directives(markdown))
        review = bool(find_review_lines(markdown))
        if not progress and not directives and not review:
            return markdown, None
        slots = self.renderer.start_page()
        href = lambda path: _href(host, path)  # noqa: E731 - a link from this page
        if review:
            # A second review page is said on the later one (by path): one message, whichever engine's order.
            earlier = {path: line for path, line in review_page(host.pages(), host.page).items()
                       if host.page is None or path < host.page}
            problems = review_problems(markdown, host.display, earlier)
            if problems:
                host.stop("lessonkit: [[practice-review]] line(s):\n" + "\n".join(f"  {p}" for p in problems))
                return markdown, None
            markdown = expand_review(markdown, self.course.sets, self.renderer, slots, href, self.slugify)
        try:
            if progress:
                reviews = review_page(host.pages()) if not review else {host.page: 0} if host.page else {}
                markdown = expand_progress_lists(
                    markdown, self.course.sets, self.renderer, href, self.slugify, next(iter(reviews), None)
                )
            if directives:
                if self._by_stem is None:
                    self._by_stem = sets_by_stem(self.course.sets)
                markdown = expand_page(markdown, host.display, host.page, self._by_stem, self.renderer, slots, self.slugify)
        except PracticeFileError as error:
            host.stop("lessonkit: [[practice: ...]] line(s) naming nothing:\n" + "\n".join(f"  {p}" for p in error.problems))
            return markdown, None
        return markdown, PracticePage(slots, slots.has_widget or progress or review)

    def fill(self, page: PracticePage, html: str, host: Host, put: Callable[[str], str] | None = None) -> str:
        """The page's HTML with its practice parts in place of their placeholders
        (``put``: see :meth:`lessonkit.page_slots.PageSlots.fill`)."""
        slots = page.slots
        html = slots.fill(html, lambda source: LinkContext(source.page, host.resolve), put)
        self.links.extend((host.page or "", source, found) for source, found in slots.links)
        for source in dict.fromkeys(slots.missing):
            host.warn(
                f"lessonkit: a practice part of {source.page} is missing from '{host.page}': "
                "another plugin removed its placeholder"
            )
        return html

    def report_links(self, known: Any, warn: Callable[[str], None]) -> None:
        """Warn of each broken link of a text, at its YAML file and line, once a
        build; and of what the sets' files hold that the page shows but likely
        not as meant (two options with one text: :meth:`LoadedSet.warnings`)."""
        if not self._warned:
            self._warned = True
            for loaded in self.course.sets:
                for problem in loaded.warnings():
                    warn(f"lessonkit: {problem}")
        if not self.links:
            return
        if not any(found.target is None or found.anchor for _, _, found in self.links):
            self.links = []
            return
        for problem in link_problems(self.course, self.links, known() if callable(known) else known):
            if str(problem) not in self._reported:
                self._reported.add(str(problem))
                warn(f"lessonkit: {problem}")
        self.links = []

    def strings_attributes(self, host: Host) -> Markup:
        """The attributes of the element carrying the widgets' strings: the
        strings, the course's root from this page, its id, name and day start."""
        return Markup(
            " data-lk-strings='{}' data-lk-root=\"{}\" data-lk-course=\"{}\" data-lk-course-name=\"{}\""
            " data-lk-day-start=\"{}\""
        ).format(Markup(self._strings), host.root, self.course_id, escape(self.site_name), self.day_start)


def _href(host: Host, path: str) -> str:
    """A link to a docs path from the page (as written when it is not a file of the site)."""
    resolved = host.resolve(path)
    return resolved[0] if resolved is not None else path
