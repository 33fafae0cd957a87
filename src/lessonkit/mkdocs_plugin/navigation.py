"""Practice pages in a hand-written ``nav:``.

Without ``nav:`` MkDocs lists every page, practice pages included. With one, a
practice page listed by its path keeps its place; one left out is added at the
end, under a "Practice" section in the course's language (the string
``nav_practice`` of :mod:`lessonkit.strings`, which the plugin's ``strings``
option overrides; the course's own section of that name, if its nav has one),
and one line in the build's log says so and gives the line that places it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.lessonkit")

SECTION = "Practice"
"""The section's name in English (``UI_STRINGS["nav_practice"]``)."""


def nav_paths(nav: Any) -> Iterable[str]:
    """Every docs path a ``nav:`` lists."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_paths(value)
    elif isinstance(nav, list):
        for entry in nav:
            yield from nav_paths(entry)


def add_to_nav(config: MkDocsConfig, pages: Mapping[str, object], section_name: str = SECTION) -> list[str]:
    """Add the practice pages a hand-written ``nav:`` leaves out, under ``section_name``; return them."""
    nav = config.nav
    if nav is None or not pages:
        return []
    listed = set(nav_paths(nav))
    missing = [path for path in pages if path not in listed]
    if not missing:
        return []
    section = next(
        (
            entry
            for entry in nav
            if isinstance(entry, dict) and list(entry) == [section_name] and isinstance(entry[section_name], list)
        ),
        None,
    )
    if section is None:
        section = {section_name: []}
        nav.append(section)
    section[section_name].extend(missing)
    log.info(
        "lessonkit: practice page(s) not in nav: added at its end under '%s': %s. To place one, "
        "list it in nav: in mkdocs.yml, e.g. '- %s'; to name that section otherwise, set the plugin's "
        "strings: {nav_practice: ...}",
        section_name,
        ", ".join(missing),
        missing[0],
    )
    return missing
