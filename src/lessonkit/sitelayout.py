"""Where a course site keeps its practice files and pages, read from ``mkdocs.yml``.

For the command line, which works without building the site. ``mkdocs.yml`` is
read by MkDocs' own config loader, as the build reads it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import display_path

__all__ = ["SiteConfigError", "SiteLayout", "UsageError", "docs_files", "find_site", "markdown_pages", "site_here"]

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


class SiteConfigError(Exception):
    """``mkdocs.yml`` cannot be read, or the build would stop on it: ``lines``
    are its problems, as the build says them, each naming the file."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


class UsageError(Exception):
    """A command cannot run as asked; the message says why (exit status 2)."""


@dataclass(frozen=True)
class SiteLayout:
    """A site's folders, absolute."""

    root: Path
    config_file: Path
    docs_dir: Path
    quizzes_dir: Path
    markdown_extensions: tuple[Any, ...] = ()
    mdx_configs: dict[str, Any] = field(default_factory=dict)
    slugify: Any = None
    """The site's ``toc`` slugify, if it sets one (embed lines name sections by it)."""
    site_name: str = ""
    """The course's name (exports name their decks and categories after it)."""
    notes: tuple[str, ...] = ()
    """What the build says of the configuration without stopping (a language it falls back from)."""
    config_problems: tuple[str, ...] = ()
    """Warnings of the build about lessonkit's options (``--strict`` stops on them), naming the file."""

    def docs_files(self) -> set[str]:
        """Docs path of every file of the docs folder (pages, images...)."""
        return docs_files(self.docs_dir)

    def content_pages(self) -> dict[str, Path]:
        """Docs path (``lessons/x.md``) -> file, for every Markdown page of the docs folder."""
        return markdown_pages(self.docs_dir)

    def display(self, path: Path) -> str:
        """A path as messages show it: relative to the site when inside it."""
        return display_path(path, self.root)


def docs_files(docs_dir: Path) -> set[str]:
    """Docs path of every file of a docs folder (pages, images...), hidden ones left out."""
    if not docs_dir.is_dir():
        return set()
    return {
        path.relative_to(docs_dir).as_posix()
        for path in docs_dir.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(docs_dir).parts)
    }


def markdown_pages(docs_dir: Path) -> dict[str, Path]:
    """Docs path (``lessons/x.md``) -> file, for every Markdown page of a docs folder."""
    pages: dict[str, Path] = {}
    if not docs_dir.is_dir():
        return pages
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir)
        if path.suffix.lower() not in _MARKDOWN_SUFFIXES or not path.is_file():
            continue
        if any(part.startswith(".") for part in relative.parts) or relative.parts[0] == "templates":
            continue  # MkDocs' default exclude_docs
        pages[relative.as_posix()] = path
    return pages


def find_site(directory: Path) -> SiteLayout | None:
    """The site whose ``mkdocs.yml`` is in ``directory``, or None when there is none.

    Read with MkDocs' own loader, as the build reads it: ``!ENV``, ``INHERIT:``
    and the plugin's options give the same answer here as in the build.
    """
    config_file = next((directory / name for name in CONFIG_NAMES if (directory / name).is_file()), None)
    if config_file is None:
        return None
    from mkdocs.config import load_config

    from .strings import StringsError, theme_language, theme_language_problem, theme_languages

    # What MkDocs says of the file as it reads it is kept to be said here, once.
    said = _Said()
    logger, config_logger = logging.getLogger("mkdocs"), logging.getLogger("mkdocs.config")
    saved = logger.level, config_logger.level, config_logger.propagate
    logger.setLevel(logging.CRITICAL)
    config_logger.setLevel(logging.WARNING)
    config_logger.propagate = False
    config_logger.addHandler(said)
    try:
        config = load_config(str(config_file))
    except SystemExit as exc:  # MkDocs' Abort, once it logged each problem
        raise SiteConfigError([f"{config_file.name}: {line}" for line in said.errors] or [f"{config_file.name}: {exc}"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteConfigError([f"cannot read {config_file}: {exc}"]) from None
    except Exception as exc:  # noqa: BLE001 - MkDocs' ConfigurationError (not YAML, ...): its words, never a traceback
        raise SiteConfigError([f"{config_file.name}: {exc}"]) from None
    finally:
        config_logger.removeHandler(said)
        logger.setLevel(saved[0])
        config_logger.setLevel(saved[1])
        config_logger.propagate = saved[2]
    # The theme's language, as the plugin checks it before Material reads it.
    try:
        _, note = theme_language(config.theme.get("language"), theme_languages(config.theme.dirs))
    except StringsError as exc:
        raise SiteConfigError([f"{config_file.name}: {exc}"]) from None
    notes = (note,) if note else ()
    if note and (directory / "zensical.yml").is_file():
        # The Zensical route cannot change the theme's language: its build stops there.
        stop = theme_language_problem(config.theme.get("language"), theme_languages(config.theme.dirs))
        notes += (f"lessonkit: zensical.yml: the Zensical build stops here: {stop}",)
    config_file = config_file.resolve()
    root = config_file.parent
    plugin = config.plugins.get("lessonkit")
    quizzes_dir = getattr(getattr(plugin, "config", None), "quizzes_dir", None) or "quizzes"
    mdx_configs = dict(config.mdx_configs or {})
    return SiteLayout(
        root,
        config_file,
        Path(config.docs_dir),
        root / quizzes_dir,
        tuple(config.markdown_extensions),
        mdx_configs,
        (mdx_configs.get("toc") or {}).get("slugify"),
        config.site_name,
        notes,
        tuple(f"{config_file.name}: {line}" for line in said.warnings if "Plugin 'lessonkit'" in line),
    )


class _Said(logging.Handler):
    """The errors and warnings MkDocs logs while it reads a configuration."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(record.getMessage())


def site_here() -> SiteLayout | None:
    """The site whose ``mkdocs.yml`` is in the current folder, if any (for the commands)."""
    try:
        return find_site(Path.cwd())
    except SiteConfigError as error:
        raise UsageError("\n".join(error.lines)) from None
