"""Where a course site keeps its practice files and pages, read from ``mkdocs.yml``.

For the command line, which works without building the site. ``mkdocs.yml`` is
read as plain YAML: tags such as Material's ``!!python/name:`` or ``!ENV`` are
ignored rather than run, and MkDocs itself is not imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import display_path

__all__ = ["SiteConfigError", "SiteLayout", "find_site"]

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


class SiteConfigError(Exception):
    """``mkdocs.yml`` cannot be read."""


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads any unknown tag as nothing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteLayout:
    """A site's folders, absolute."""

    root: Path
    config_file: Path
    docs_dir: Path
    quizzes_dir: Path

    def content_pages(self) -> dict[str, Path]:
        """Docs path (``lessons/x.md``) -> file, for every Markdown page of the docs folder."""
        pages: dict[str, Path] = {}
        if not self.docs_dir.is_dir():
            return pages
        for path in sorted(self.docs_dir.rglob("*")):
            relative = path.relative_to(self.docs_dir)
            if path.suffix.lower() not in _MARKDOWN_SUFFIXES or not path.is_file():
                continue
            if any(part.startswith(".") for part in relative.parts) or relative.parts[0] == "templates":
                continue  # MkDocs' default exclude_docs
            pages[relative.as_posix()] = path
        return pages

    def display(self, path: Path) -> str:
        """A path as messages show it: relative to the site when inside it."""
        return display_path(path, self.root)


def _lessonkit_options(plugins: Any) -> dict[str, Any] | None:
    entries = plugins.items() if isinstance(plugins, dict) else (
        (next(iter(entry.items())) if isinstance(entry, dict) and entry else (entry, {}))
        for entry in (plugins if isinstance(plugins, list) else [])
    )
    for name, options in entries:
        if name == "lessonkit":
            return options if isinstance(options, dict) else {}
    return None


def find_site(directory: Path) -> SiteLayout | None:
    """The site whose ``mkdocs.yml`` is in ``directory``, or None when there is none."""
    config_file = next((directory / name for name in CONFIG_NAMES if (directory / name).is_file()), None)
    if config_file is None:
        return None
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 - safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SiteConfigError(f"cannot read {config_file}: {exc}") from None
    if not isinstance(data, dict):
        raise SiteConfigError(f"{config_file} is not a mapping of settings")
    options = _lessonkit_options(data.get("plugins")) or {}
    root = config_file.parent.resolve()
    docs_dir = data.get("docs_dir") if isinstance(data.get("docs_dir"), str) else "docs"
    quizzes_dir = options.get("quizzes_dir") if isinstance(options.get("quizzes_dir"), str) else "quizzes"
    return SiteLayout(root, config_file, root / docs_dir, root / quizzes_dir)
