"""Stable ids of a practice set's entries: what a learner's progress is kept under.

Every question, matching item, labeling statement and card has an id that stays
the same across rebuilds: its own ``id:`` when the file gives one, otherwise
one derived from the set's file stem, the section's title and the entry's own
text (``own_text``: a question's question, an item's text, a card's front). Reordering
entries or sections keeps their ids; editing an entry's text gives it a new
id (its progress starts over) and leaves every other entry's alone. An
explicit ``id:`` keeps an entry's progress through any edit.

The same ids name the entries in the page (``data-lk-id``), in the learner's
stored progress, and in exports (Anki notes' GUIDs). Nothing here knows about
MkDocs.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import PracticeSet, Section

__all__ = ["entry_ids", "section_id", "set_ids"]

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()


def section_id(stem: str, section: Section, taken: set[str] | None = None) -> str:
    """``<stem>/<slug of the section's title>``; a repeated title gets ``-2``, ``-3``..."""
    slug = _NOT_SLUG.sub("-", section.title.lower()).strip("-")[:40] or _digest(section.title)
    found = f"{stem}/{slug}"
    if taken is not None:
        number = 1
        while found in taken:
            number += 1
            found = f"{stem}/{slug}-{number}"
        taken.add(found)
    return found


def entry_ids(section_key: str, section: Section) -> list[str]:
    """The id of each entry of a section, in order.

    An entry with its own ``id:`` is ``<stem>/<id>`` (unique in the file, so in
    the course); others are ``<section id>/<digest of the entry's text>``, with
    ``-2``, ``-3``... for a text repeated in one section.
    """
    from .model import section_entries

    stem = section_key.split("/", 1)[0]
    ids: list[str] = []
    repeats: dict[str, int] = {}  # a count per text, not a search: 10,000 cards of one text stay linear
    for entry in section_entries(section)[1]:
        if entry.id is not None:
            ids.append(f"{stem}/{entry.id}")
            continue
        base = f"{section_key}/{_digest(' '.join(entry.own_text.split()))}"
        number = repeats[base] = repeats.get(base, 0) + 1
        ids.append(base if number == 1 else f"{base}-{number}")
    return ids


def set_ids(stem: str, practice_set: PracticeSet) -> list[tuple[str, list[str]]]:
    """Each section's id and its entries' ids, in the file's order."""
    taken: set[str] = set()
    result = []
    for section in practice_set.sections:
        key = section_id(stem, section, taken)
        result.append((key, entry_ids(key, section)))
    return result
