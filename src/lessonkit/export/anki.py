"""A practice set's flashcards as an Anki deck (``.apkg``), made with genanki.

One deck per practice set, named ``<course>::<set title>`` (Anki shows it as
the set's deck inside the course's). What keeps a learner's reviews when a
new version of the deck is imported:

- the note type's id (:data:`MODEL_ID`) and the deck's id are fixed, never
  drawn at random per build;
- each note's GUID comes from the course's name and the card's stable id
  (:mod:`lessonkit.ids`), so an edited card updates its note;
- the notes' modification time is ``modified``, a date from the sources
  (the build passes :func:`lessonkit.source_dates.notes_dates`:
  ``SOURCE_DATE_EPOCH``, else the practice file's last commit, else a fixed
  date): Anki's default import updates a note only when the incoming one is
  newer, and two builds of the same sources give the same file.

The package's bytes depend on nothing else (no wall clock, no temporary
file's date): the same set and ``modified`` give the same file. Fields hold
the card's HTML as the page renders it; the note type's CSS is its own (no
reference to the site's stylesheet or to another host).
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from typing import TYPE_CHECKING

from .questions import inline, plain_text

if TYPE_CHECKING:
    from ..model import PracticeSet

__all__ = ["MODEL_ID", "anki_deck", "deck_id", "note_guid"]

MODEL_ID = 1_584_032_117
"""The lessonkit note type's id: the same in every course and every build. Never change it."""

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_CARD_CSS = """\
.card { font-family: system-ui, sans-serif; font-size: 20px; line-height: 1.5;
        text-align: left; max-width: 40em; margin: 0 auto; }
.card pre { overflow-x: auto; padding: .5em; font-size: 16px; }
.card code { font-size: .9em; }
.admonition, details { border-left: 4px solid #888; padding: 0 .8em; margin: 1em 0; }
.admonition-title { font-weight: bold; }
"""


def deck_id(course: str, stem: str) -> int:
    """The deck's id, from the course's name and the set's file stem (genanki's range: 2**30 to 2**31)."""
    digest = hashlib.blake2b(f"{course}\0{stem}".encode("utf-8"), digest_size=8).digest()
    return (1 << 30) + int.from_bytes(digest, "big") % (1 << 30)


def note_guid(course: str, card_id: str) -> str:
    """A note's GUID, from the course's name and the card's stable id."""
    import genanki

    return genanki.guid_for("lessonkit", course, card_id)


@functools.cache
def _model():  # type: ignore[no-untyped-def]
    """The note type, made once (genanki works out its required fields on first use)."""
    import genanki

    return genanki.Model(
        MODEL_ID,
        "lessonkit card",
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{
            "name": "Card",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}\n<hr id="answer">\n{{Back}}',
        }],
        css=_CARD_CSS + _code_css(),
    )


def _code_css() -> str:
    """Colours for highlighted code (pymdownx.highlight's ``highlight`` class), from Pygments."""
    try:
        from pygments.formatters import HtmlFormatter
    except ImportError:  # pragma: no cover - Pygments comes with pymdown-extensions
        return ""
    return HtmlFormatter().get_style_defs(".highlight") + "\n"


def anki_deck(
    course: str,
    stem: str,
    practice_set: PracticeSet,
    markdown_to_html: Callable[[str], str],
    modified: int,
    ids: list[tuple[str, list[str]]] | None = None,
) -> bytes | None:
    """The ``.apkg`` of a set's flashcards sections, or None when it has none.

    ``modified``: the notes' modification time, in seconds since the epoch;
    ``ids``: the set's :func:`lessonkit.ids.set_ids`, when known.
    """
    import genanki

    from ..ids import set_ids
    from ..model import section_entries

    cards = [
        (card, card_id)
        for section, (_, card_ids) in zip(practice_set.sections, ids or set_ids(stem, practice_set))
        if "anki" in section.exports
        for card, card_id in zip(section_entries(section)[1], card_ids)
    ]
    if not cards:
        return None
    model = _model()
    title = plain_text(markdown_to_html(practice_set.title))
    deck = genanki.Deck(deck_id(course, stem), f"{course}::{title}")
    for card, card_id in cards:
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[inline(markdown_to_html(card.front)), markdown_to_html(card.back)],
                guid=note_guid(course, card_id),
            )
        )
    return _package(genanki.Package(deck), modified)


def _database_bytes(connection: sqlite3.Connection) -> bytes:
    """The database as the bytes of its file."""
    if hasattr(connection, "serialize"):  # Python 3.11+
        return connection.serialize()
    handle, path = tempfile.mkstemp(suffix=".anki2")
    os.close(handle)
    try:
        target = sqlite3.connect(path)
        try:
            connection.backup(target)
        finally:
            target.close()
        with open(path, "rb") as stream:
            return stream.read()
    finally:
        os.unlink(path)


def _package(package, modified: int) -> bytes:  # type: ignore[no-untyped-def]
    """genanki's ``write_to_file``, in memory and with fixed dates in the zip
    (it writes a temporary file, synced at every commit, and dates members by the clock).

    Each deck starts from a copy of one empty collection (genanki's tables
    and collection row, made once per build): making them again per deck was
    a fifth of the time of a deck. Compressed at zlib's fastest level, which
    takes half the time of the default for a file a tenth larger (6 KB)."""
    connection = sqlite3.connect(":memory:")
    try:
        cursor = connection.cursor()
        empty = _empty_collection()
        if empty is None:  # Python before 3.11: no deserialize
            package.write_to_db(cursor, modified, itertools.count(modified * 1000))
        else:
            connection.deserialize(empty)
            ids = itertools.count(modified * 1000)
            for deck in package.decks:  # what Package.write_to_db does after making the tables
                deck.write_to_db(cursor, modified, ids)
        connection.commit()
        collection = _database_bytes(connection)
    finally:
        connection.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in (("collection.anki2", collection), ("media", json.dumps({}).encode("utf-8"))):
            info = zipfile.ZipInfo(name, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=1)
    return buffer.getvalue()


@functools.cache
def _empty_collection() -> bytes | None:
    """An Anki collection with genanki's tables and no deck, as the bytes of its file."""
    if not hasattr(sqlite3.Connection, "deserialize"):
        return None
    import genanki

    connection = sqlite3.connect(":memory:")
    try:
        genanki.Package([]).write_to_db(connection.cursor(), 0, itertools.count())
        connection.commit()
        return connection.serialize()
    finally:
        connection.close()
