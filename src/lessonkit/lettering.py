"""How items are lettered on a page (A, B, ..., Z, AA): the templates' ``letter``
filter and the answer keys' letters (one rule, no import of the model)."""

from __future__ import annotations

__all__ = ["letter"]


def letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: an item's letter on the page."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
