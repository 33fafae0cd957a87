"""The build's Anki decks: one ``.apkg`` per practice set with flashcards, beside its page.

A set whose page is ``practice/x.md`` gets ``practice/x.apkg``, a file of the
site like any other (so links to it are checked). The flashcards template
links to it with ``anki_deck(section_id)``, a URL relative to the page being
rendered, or nothing when the set has no deck.
"""

from __future__ import annotations

import os
import posixpath
import time
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, Files

from ..export.anki import anki_deck
from ..export.questions import markdown_converter
from ..rendering import page_path

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from ..course import Course
    from ..rendering import PracticeRenderer

__all__ = ["AnkiDecks", "add_anki_decks"]


def add_anki_decks(config: MkDocsConfig, files: Files, course: Course, renderer: PracticeRenderer) -> AnkiDecks:
    """This build's decks, added to ``files``; the renderer's templates get ``anki_deck``."""
    decks = AnkiDecks(config)
    decks.add_to(files, course)
    renderer.environment.globals["anki_deck"] = decks.url
    return decks


class AnkiDecks:
    """Made in ``on_files``, once per build."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.by_stem: dict[str, File] = {}
        self.page: File | None = None
        """The page being rendered: links are relative to it."""

    def add_to(self, files: Files, course: Course) -> None:
        """Make every set's deck and add it to the site's files."""
        self.by_stem.clear()
        sets = [loaded for loaded in course.sets if any(s.type == "flashcards" for s in loaded.practice_set.sections)]
        if not sets:
            return
        to_html = markdown_converter(self.config.markdown_extensions, self.config.mdx_configs)
        # The notes' modification time: the last commit's when the build says
        # it (a later commit imports as newer), else now.
        given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        modified = int(given) if given.isdigit() else int(time.time())
        for loaded in sets:
            data = anki_deck(self.config.site_name, loaded.stem, loaded.practice_set, to_html, modified)
            if data is None:
                continue
            folder = posixpath.dirname(page_path(loaded.stem, loaded.practice_set))
            file = File.generated(self.config, posixpath.join(folder, f"{loaded.stem}.apkg"), content=data)
            files.append(file)
            self.by_stem[loaded.stem] = file

    def url(self, section_id: str) -> str | None:
        """The deck of the set a section belongs to, relative to the page being rendered."""
        file = self.by_stem.get(section_id.split("/", 1)[0])
        if file is None or self.page is None:
            return None
        return file.url_relative_to(self.page)
