"""The engine running a Markdown conversion, as the practice core sees it.

:func:`host_of` tells, from a ``Markdown`` instance, who runs it: Zensical
(its ``rendering_context`` preprocessor gives the page and configuration),
MkDocs (its link processor gives the page, files and config) or plain
Python-Markdown, and makes the :class:`Host` the extension in
:mod:`lessonkit.markdown` hands the core (:mod:`lessonkit.pipeline`): the
folders, the page, the extensions a text is converted with, how to warn and
how to stop the build.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Markdown

from .pipeline import page_url, resolve_in_files, root_url, text_extensions
from .problems import display_path
from .sitelayout import markdown_pages

__all__ = ["Host", "LessonkitError", "host_of"]


class LessonkitError(Exception):
    """Practice that cannot be rendered: the message names every file and line."""


class _ProblemsOnly:
    """On Zensical: how the exception that stops the build is printed.

    Zensical 0.0.7x fails the build on an exception from an extension (``zensical
    build`` exits 1): its Rust side raises ``RuntimeError("Python error:
    LessonkitError: ...")`` out of ``zensical build``, with the Python traceback
    in its text, and Python prints that. The exception still ends the build;
    this ``sys.excepthook`` only prints the problems in place of that text (any
    other uncaught exception is printed as before).
    """

    def __init__(self, previous: Any, message: str) -> None:
        self.previous, self.message = previous, message

    def __call__(self, kind: type[BaseException], error: BaseException, trace: Any) -> None:
        if issubclass(kind, RuntimeError) and "LessonkitError" in str(error):
            sys.stderr.write(self.message + "\n")
        else:
            self.previous(kind, error, trace)

    @classmethod
    def install(cls, message: str) -> None:
        if isinstance(sys.excepthook, cls):
            sys.excepthook.message = message
        else:
            sys.excepthook = cls(sys.excepthook, message)


@dataclass
class Host:
    """What the engine running the conversion tells about the site and page
    (a :class:`lessonkit.pipeline.Host`, and how to make the site's renderer)."""

    engine: str  # "zensical", "mkdocs" or "markdown"
    folder: Path
    """The config file's folder: practice files and messages are relative to it."""
    docs_dir: Path
    page: str | None
    extensions: list[Any]
    configs: dict[str, Any]
    template_dirs: list[str]
    language: str | None = None
    site_name: str = ""
    plugin: bool = False
    """MkDocs with the lessonkit plugin on: the plugin expands the lines."""
    root: str = "./"
    files: Any = None
    file: Any = None
    zensical_config: dict[str, Any] | None = None

    @property
    def display(self) -> str:
        return display_path(self.docs_dir / self.page, self.folder) if self.page else "<page>"

    def resolve(self, path: str) -> tuple[str, Any] | None:
        if self.files is not None:
            return resolve_in_files(self.files, self.file, path)
        if self.engine != "zensical" or self.page is None:
            return None  # links stay as written
        # A docs-relative link from the page; Zensical turns it into the URL.
        for candidate in (path, posixpath.join(path, "index.md")):
            if (self.docs_dir / candidate).is_file():
                return posixpath.relpath(candidate, posixpath.dirname(self.page) or "."), _DocsFile(candidate)
        return None

    def pages(self) -> dict[str, Path]:
        if self.files is not None:
            return {f.src_uri: Path(f.abs_src_path) for f in self.files.documentation_pages() if f.abs_src_path}
        return markdown_pages(self.docs_dir) if self.engine == "zensical" else {}

    def warn(self, message: str) -> None:
        if self.engine == "mkdocs":
            logging.getLogger("mkdocs.plugins.lessonkit").warning(message)
        else:
            sys.stderr.write(f"Warning: {message}\n")

    def stop(self, message: str) -> None:
        if self.engine == "mkdocs":
            from mkdocs.exceptions import PluginError

            raise PluginError(message)
        if self.engine == "zensical":
            _ProblemsOnly.install(message)
        raise LessonkitError(message)

    def key(self) -> str:
        """Same key, same site: one renderer and course for every page of a build."""
        return json.dumps(
            [self.engine, str(self.folder), str(self.docs_dir), [repr(e) for e in self.extensions],
             self.configs, self.template_dirs, self.language, self.site_name],
            sort_keys=True, default=repr,
        )


@dataclass(frozen=True)
class _DocsFile:
    """A file of the docs folder a text links to (its anchors are not known here)."""

    src_uri: str


def host_of(md: Markdown, own: type) -> Host:
    """The host of a conversion of ``md``: Zensical, MkDocs or plain
    Python-Markdown (``own``: the lessonkit extension's class, left out of
    the extensions a text is converted with)."""
    if "rendering_context" in md.preprocessors:
        context = md.preprocessors["rendering_context"]
        config = getattr(context, "config", None)
        if isinstance(config, dict) and "root_dir" in config:
            return _zensical_host(context.page, config)
    if "relpath" in md.treeprocessors:
        relpath = md.treeprocessors["relpath"]
        if hasattr(relpath, "files") and hasattr(relpath, "config"):
            return _mkdocs_host(relpath.file, relpath.files, relpath.config)
    return _markdown_host(md, own)


def _zensical_host(page: Any, config: dict[str, Any]) -> Host:
    folder = Path(config["root_dir"])
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    page_path = str(page.path).replace(os.sep, "/")
    return Host(
        "zensical",
        folder,
        folder / config.get("docs_dir", "docs"),
        page_path,
        text_extensions(name for name in config["markdown_extensions"] if isinstance(name, str)),
        config.get("mdx_configs") or {},
        [str(folder / custom_dir)] if custom_dir else [],
        language=(config.get("theme") or {}).get("language"),
        site_name=str(config.get("site_name") or ""),
        root=root_url(page_url(page_path, config.get("use_directory_urls", True) is not False)),
        zensical_config=config,
    )


def _mkdocs_host(file: Any, files: Any, config: Any) -> Host:
    return Host(
        "mkdocs",
        Path(config.config_file_path or ".").parent,
        Path(config.docs_dir),
        file.src_uri,
        text_extensions(config.markdown_extensions),
        dict(config.mdx_configs or {}),
        list(config.theme.dirs),
        language=config.theme.get("language"),
        site_name=config.site_name or "",
        plugin="lessonkit" in (config.plugins or {}),
        root=root_url(file.url),
        files=files,
        file=file,
    )


def _markdown_host(md: Markdown, own: type) -> Host:
    """Plain Python-Markdown: the page's own extensions, made again."""
    extensions: list[Any] = []
    for extension in md.registeredExtensions:
        if isinstance(extension, own):
            continue
        try:
            extensions.append(type(extension)(**extension.getConfigs()))
        except Exception:  # noqa: BLE001 - one that cannot be made again is left out
            continue
    folder = Path.cwd()
    return Host("markdown", folder, folder, None, extensions, {}, [])
