"""The worksheet: a practice page printed with no answer, its answer key after.

Each practice page ends with the key, built here once from every section's
``answer_key()`` (numbered or lettered as on the page) and hidden on screen
and in a normal print. Under the title, a "Print worksheet" link to
``#lk-worksheet``: with JavaScript off, printing the page while that anchor
is the target prints the worksheet (``:target`` and ``:has()`` in
lessonkit.css); the script makes the link a button that sets ``lk-ws`` on
``<html>`` and prints. Worksheet mode hides every ``.lk-answer`` (and the
cards' backs) and shows the key from a new page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import PracticeSet

__all__ = ["WORKSHEET_TEMPLATE", "answer_keys", "worksheet_key", "worksheet_link"]

WORKSHEET_TEMPLATE = "lessonkit/worksheet.html"
"""The link and the key (the renderer renders it)."""


def worksheet_link(environment: Any, strings: Any) -> str:
    """The page's "Print worksheet" link, as HTML."""
    return str(environment.get_template(WORKSHEET_TEMPLATE).make_module({"strings": strings}).link()).strip()


def answer_keys(practice_set: PracticeSet) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each section's title and ``answer_key()``, for the sections that have one."""
    keys = [(section.title, section.answer_key()) for section in practice_set.sections]
    return [(title, entries) for title, entries in keys if entries]


def worksheet_key(environment: Any, keys: list[tuple[str, list[tuple[str, str]]]], strings: Any) -> str:
    """The page's answer key, as HTML (its texts converted first: see PageSlots.made)."""
    return str(environment.get_template(WORKSHEET_TEMPLATE).make_module({"strings": strings}).key(keys)).strip()
