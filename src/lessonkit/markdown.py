"""lessonkit as a Python-Markdown extension: practice on any engine that runs
Markdown extensions (Zensical, MkDocs without the plugin).

In ``markdown_extensions``::

    - lessonkit.markdown:
        quizzes_dir: quizzes        # relative to the config file
        strings: {show_answer: ...} # as the plugin's option

Each ``[[practice: stem]]`` / ``[[practice: stem#section]]`` line of a page is
expanded as the plugin expands it (:mod:`lessonkit.embedding`), and a page
holding nothing but ``[[practice: stem]]`` is that set's page, as the plugin
generates it. One renderer: the headings go into the page's Markdown (its
table of contents gets them), every practice part is rendered by
:class:`lessonkit.rendering.PageSlots` (the same templates, ids and strings,
each text converted on its own with the site's other extensions) and stashed
as raw HTML, so the page's own conversion leaves it as it is.

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

import functools
import html
import json
import logging
import os
import posixpath
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .course import Course, cross_file_problems, load_course
from .embedding import expand_page, find_directives, sets_by_stem
from .links import link_problems
from .progresslist import expand_progress_lists, has_progress_list
from .problems import PracticeFileError, display_path
from .rendering import TEMPLATES_DIR, PracticeRenderer, SetSource
from .strings import StringsError, strings_for
from .texts import LinkContext, TextConverter

if TYPE_CHECKING:
    from .loading import LoadCache

__all__ = ["ASSETS", "LessonkitExtension", "makeExtension"]

NAME = "lessonkit.markdown"
ASSETS_DIR = TEMPLATES_DIR / "lessonkit" / "assets"
ASSETS = {"lessonkit.css": "extra_css", "lessonkit.js": "extra_javascript"}
"""The widgets' files, and the setting that loads each on Zensical."""

_SLOT = re.compile(r'^<div data-lk-slot="(\d+)"></div>$', re.M)


class LessonkitExtension(Extension):
    """``[[practice: ...]]`` lines to practice widgets (see the module's doc)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "quizzes_dir": ["quizzes", "Folder of the practice files, relative to the config file"],
            "strings": [{}, "Overrides of learner-facing strings (lessonkit.strings.UI_STRINGS)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After whitespace is normalized (30), before fenced code (25) and raw
        # HTML (20) are stashed: the lines are seen as written.
        md.preprocessors.register(_EmbedPreprocessor(md, self), "lessonkit", 29)
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> LessonkitExtension:  # noqa: N802 - Python-Markdown's name
    return LessonkitExtension(**kwargs)


class LessonkitError(Exception):
    """Practice that cannot be rendered: the message names every file and line."""


# The engine ----------------------------------------------------------------


@dataclass
class _Host:
    """What the engine running the conversion tells about the site and page."""

    engine: str  # "zensical", "mkdocs" or "markdown"
    root: Path
    docs_dir: Path
    page: str | None
    """The page's docs path (``lessons/x.md``), when known."""
    extensions: list[Any]
    configs: dict[str, Any]
    template_dirs: list[str]
    key: Any
    """Same key, same site: the course and renderer are made once per build."""
    plugin: bool = False
    resolve: Callable[[str], tuple[str, Any] | None] | None = None
    zensical_config: dict[str, Any] | None = None
    language: str | None = None
    """The theme's language (Material's ``theme.language``): the widgets' strings."""


def _host(md: Markdown) -> _Host:
    if "rendering_context" in md.preprocessors:
        context = md.preprocessors["rendering_context"]
        config = getattr(context, "config", None)
        if isinstance(config, dict) and "root_dir" in config:
            return _zensical_host(context.page, config)
    if "relpath" in md.treeprocessors:
        relpath = md.treeprocessors["relpath"]
        if hasattr(relpath, "files") and hasattr(relpath, "config"):
            return _mkdocs_host(relpath.file, relpath.files, relpath.config)
    return _markdown_host(md)


def _zensical_host(page: Any, config: dict[str, Any]) -> _Host:
    root = Path(config["root_dir"])
    docs_dir = root / config.get("docs_dir", "docs")
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    page_path = str(page.path).replace(os.sep, "/")
    extensions = [name for name in config["markdown_extensions"] if isinstance(name, str) and not _is_ours(name)]

    def resolve(path: str) -> tuple[str, Any] | None:
        # A docs-relative link from the page; Zensical turns it into the URL.
        for candidate in (path, posixpath.join(path, "index.md")):
            if (docs_dir / candidate).is_file():
                return posixpath.relpath(candidate, posixpath.dirname(page_path) or "."), _DocsFile(candidate)
        return None

    return _Host(
        "zensical",
        root,
        docs_dir,
        page_path,
        extensions,
        config.get("mdx_configs") or {},
        [str(root / custom_dir)] if custom_dir else [],
        ("zensical", id(config)),
        resolve=resolve,
        zensical_config=config,
        language=(config.get("theme") or {}).get("language"),
    )


@dataclass(frozen=True)
class _DocsFile:
    """A file of the docs folder a text links to (its anchors are not known here)."""

    src_uri: str


def _mkdocs_host(file: Any, files: Any, config: Any) -> _Host:
    from .mkdocs_plugin.plugin import _resolve

    root = Path(config.config_file_path or ".").parent
    plugins = config.plugins or {}
    return _Host(
        "mkdocs",
        root,
        Path(config.docs_dir),
        file.src_uri,
        [name for name in config.markdown_extensions if not _is_ours(str(name))],
        dict(config.mdx_configs or {}),
        list(config.theme.dirs),
        ("mkdocs", id(config)),
        plugin="lessonkit" in plugins,
        resolve=lambda path: _resolve(files, file, path),
        language=config.theme.get("language"),
    )


def _markdown_host(md: Markdown) -> _Host:
    """Plain Python-Markdown: the page's own extensions, made again."""
    extensions: list[Any] = []
    for extension in md.registeredExtensions:
        if isinstance(extension, LessonkitExtension):
            continue
        try:
            extensions.append(type(extension)(**extension.getConfigs()))
        except Exception:  # noqa: BLE001 - one that cannot be made again is left out
            continue
    root = Path.cwd()
    return _Host("markdown", root, root, None, extensions, {}, [], ("markdown", tuple(map(type, extensions))))


def _is_ours(name: str) -> bool:
    return name == NAME or name.startswith(NAME + ":")


# The site ------------------------------------------------------------------


@dataclass
class _Site:
    renderer: PracticeRenderer
    quizzes_dir: Path
    strings_json: str
    assets_checked: bool = False
    reported: set[str] = field(default_factory=set)
    """Broken links of texts already reported in this build (a text may show on several pages)."""


_site_cache: tuple[Any, _Site] | None = None
_loaded: LoadCache = {}
"""Parsed practice files by path and content, across builds (``zensical serve``)."""


def _site(host: _Host, options: Mapping[str, Any]) -> _Site:
    """The renderer of this build (one per build: it compiles the templates once)."""
    global _site_cache
    overrides = options.get("strings") or {}
    quizzes_dir = host.root / str(options.get("quizzes_dir") or "quizzes")
    key = (host.key, str(quizzes_dir), json.dumps(overrides, sort_keys=True, default=str))
    if _site_cache is not None and _site_cache[0] == key:
        return _site_cache[1]
    # As the plugin: the widgets speak the theme's language; `strings` overrides any one.
    try:
        strings, _ = strings_for(host.language, overrides)
    except StringsError as error:
        raise _error(host, f"lessonkit.markdown: option 'strings': {error}") from None
    converter = TextConverter(host.extensions, host.configs)
    renderer = PracticeRenderer(converter, [*host.template_dirs, str(TEMPLATES_DIR)], strings)
    site = _Site(renderer, quizzes_dir, json.dumps(renderer.script_strings, separators=(",", ":")))
    _site_cache = (key, site)
    return site


def _content_pages(host: _Host) -> set[str]:
    if not host.docs_dir.is_dir():
        return set()
    return {
        path.relative_to(host.docs_dir).as_posix()
        for path in host.docs_dir.rglob("*.md")
        if not any(part.startswith(".") for part in path.relative_to(host.docs_dir).parts)
    }


def _load(host: _Host, site: _Site) -> Course:
    """Every practice file, as the plugin loads them (cached by content)."""
    course = load_course(site.quizzes_dir, None, display_root=host.root, cache=_loaded)
    if host.engine != "markdown":
        # Each `lesson:` must be a page. No page is generated here (a set's page
        # is one written out, or none): the checks of claimed pages do not apply.
        problems = [
            problem
            for problem in cross_file_problems(course.sets, _content_pages(host), {p: l.stem for p, l in course.pages().items()})
            if problem.path == "lesson"
        ]
        if problems:
            raise PracticeFileError(problems)
    return course


def _check_assets(host: _Host, site: _Site) -> None:
    """On Zensical: the widgets' files are listed and are this version's."""
    config = host.zensical_config
    if site.assets_checked or config is None:
        return
    places = [host.docs_dir, *(Path(folder) for folder in host.template_dirs)]
    for name, setting in ASSETS.items():
        listed = [_asset_path(entry) for entry in config.get(setting) or []]
        mine = [path for path in listed if posixpath.basename(path) == name]
        if not mine:
            raise _error(
                host,
                f"lessonkit.markdown: the widgets need {name}: list it under {setting} "
                f"(e.g. `lessonkit assets {host.docs_dir.relative_to(host.root).as_posix()}/lessonkit` "
                f"writes it, then `{setting}: [lessonkit/{name}]`)",
            )
        wanted = (ASSETS_DIR / name).read_bytes()
        for path in mine:
            found = next((folder / path for folder in places if (folder / path).is_file()), None)
            if found is None:
                raise _error(host, f"lessonkit.markdown: {setting} lists '{path}', which is in neither the docs folder nor custom_dir (write it with `lessonkit assets DIR`)")
            if found.read_bytes() != wanted:
                raise _error(
                    host,
                    f"lessonkit.markdown: {display_path(found, host.root)} is not the {name} of this lessonkit "
                    f"(run `lessonkit assets {display_path(found.parent, host.root)}`)",
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
        progress = has_progress_list(text)  # [[practice-progress]]
        if not progress and ("[[" not in text or not find_directives(text)):
            return lines
        host = _host(self.md)
        if host.plugin:
            return lines  # the MkDocs plugin renders them
        site = _site(host, self.extension.getConfigs())
        _check_assets(host, site)
        display = display_path(host.docs_dir / host.page, host.root) if host.page else "<page>"
        slugify = (host.configs.get("toc") or {}).get("slugify")
        slots = site.renderer.start_page()
        try:
            course = _load(host, site)
            if progress:
                text = expand_progress_lists(text, course.sets, site.renderer, functools.partial(_href, host))
            expanded = expand_page(text, display, host.page, sets_by_stem(course.sets), site.renderer, slots, slugify)
        except PracticeFileError as error:
            raise _error(host, f"lessonkit: {error}") from None

        def context(source: SetSource) -> LinkContext | None:
            return LinkContext(source.page, host.resolve) if host.resolve is not None else None

        slots.fill("", context)
        _report_links(host, site, course, slots.links)
        stash = self.md.htmlStash
        expanded = _SLOT.sub(lambda match: stash.store(slots.html[int(match.group(1))]), expanded)
        if slots.has_widget or progress:  # the script's strings, once per page, first
            strings = site.strings_json.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
            # The course's identity for the learner's progress (task A's contract, minimal here):
            # the root URL from this page (directory URLs), an id (a slug of site_name), its name.
            parts = (host.page or "index.md").removesuffix(".md").split("/")
            root = "../" * (len(parts) - (parts[-1] in ("index", "README"))) or "./"
            name = str((host.zensical_config or {}).get("site_name") or "")
            course = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "course"
            identity = f'data-lk-root="{root}" data-lk-course="{course}" data-lk-course-name="{html.escape(name)}"'
            expanded = stash.store(f"<script type=\"application/json\" data-lk-strings='{strings}' {identity}></script>") + "\n\n" + expanded
        return expanded.split("\n")


def _href(host: _Host, path: str) -> str:
    """A link to a docs path from the page (as written when it is not a file of the site)."""
    resolved = host.resolve(path) if host.resolve is not None else None
    return resolved[0] if resolved is not None else path


def _report_links(host: _Host, site: _Site, course: Course, links: list[tuple[SetSource, Any]]) -> None:
    """A link of a text to no file of the site: a warning at the text's YAML file and line."""
    if host.resolve is None or not any(found.target is None for _, found in links):
        return
    known = {path.relative_to(host.docs_dir).as_posix() for path in host.docs_dir.rglob("*") if path.is_file()}
    for problem in link_problems(course, [(host.page or "", source, found) for source, found in links], known):
        if str(problem) in site.reported:
            continue
        site.reported.add(str(problem))
        if host.engine == "mkdocs":
            logging.getLogger("mkdocs.plugins.lessonkit").warning(f"lessonkit: {problem}")
        else:
            sys.stderr.write(f"Warning: lessonkit: {problem}\n")


def _error(host: _Host, message: str) -> Exception:
    """The engine's way to stop a build with a message alone."""
    if host.engine == "mkdocs":
        from mkdocs.exceptions import PluginError

        return PluginError(message)
    if host.engine == "zensical":
        # Zensical 0.0.7x prints an extension's exception inside a Python
        # traceback, and stops (`serve` too): stop here with the problems alone.
        sys.stdout.flush()
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
        os._exit(1)
    return LessonkitError(message)

