"""The build's Anki decks: one ``.apkg`` per practice set with flashcards, beside its page.

A set whose page is ``practice/x.md`` gets ``practice/x.apkg``, a file of the
site like any other (so links to it are checked). The flashcards template
links to it with ``anki_deck(section_id)``, a URL relative to the page being
rendered, or nothing when the set has no deck.

A deck's cards hold the HTML the page shows: a deck is made right after its
set's page is rendered, from the renderer's ``markdown`` filter (the texts
the page has just converted, not converted again); a deck whose page was not
rendered (``mkdocs serve --dirty``) is made with a converter of its own
before the site's files are written.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, Files

from ..export.anki import anki_deck
from ..export.questions import markdown_converter
from ..rendering import page_path
from ..source_dates import notes_dates

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig

    from ..course import Course
    from ..loading import LoadedSet
    from ..rendering import PracticeRenderer

__all__ = ["AnkiDecks"]


class AnkiDecks:
    """Made in ``on_files``, once per build: :meth:`add_to` there,
    :meth:`start_page` in ``on_pre_page``, :meth:`finish` in ``on_env``."""

    def __init__(self, config: MkDocsConfig, course: Course, renderer: PracticeRenderer) -> None:
        self.config = config
        self.renderer = renderer
        self.sets = {
            loaded.stem: loaded
            for loaded in course.sets
            if any("anki" in section.exports for section in loaded.practice_set.sections)
        }
        self.files: dict[str, File] = {}
        self.made: set[str] = set()
        self.page: File | None = None
        """The page being rendered: links are relative to it."""
        self._rendered: str | None = None
        """The stem of the set whose page is being rendered."""
        self._dates: dict[str, int] | None = None
        """Each deck's notes' date (from its practice file, never the clock): made when first needed."""

    def modified(self, stem: str) -> int:
        """The date of a deck's notes: ``SOURCE_DATE_EPOCH``, else its file's last commit, else a fixed date
        (:func:`lessonkit.source_dates.notes_dates`): a later commit imports as newer, a rebuild as the same."""
        if self._dates is None:
            dates = notes_dates([loaded.source for loaded in self.sets.values()])
            self._dates = {stem: dates[loaded.source] for stem, loaded in self.sets.items()}
        return self._dates[stem]

    def add_to(self, files: Files) -> None:
        """Add every deck to the site's files (made later), and ``anki_deck`` to the templates."""
        for stem, loaded in self.sets.items():
            folder = posixpath.dirname(page_path(stem, loaded.practice_set))
            file = File.generated(self.config, posixpath.join(folder, f"{stem}.apkg"), content=b"")
            files.append(file)
            self.files[stem] = file
        self.renderer.environment.globals["anki_deck"] = self.url

    def url(self, section_id: str) -> str | None:
        """The deck of the set a section belongs to, relative to the page being rendered."""
        file = self.files.get(section_id.split("/", 1)[0])
        if file is None or self.page is None:
            return None
        return file.url_relative_to(self.page)

    def start_page(self, page: File, set_pages: dict[str, LoadedSet]) -> None:
        """A page is about to be rendered: the page before it is done."""
        self._make_rendered()
        self.page = page
        loaded = set_pages.get(page.src_uri)
        self._rendered = loaded.stem if loaded is not None and loaded.stem in self.files else None

    def finish(self) -> None:
        """Every page is rendered: make the decks not made yet."""
        self._make_rendered()
        missing = [stem for stem in self.files if stem not in self.made]
        if missing:
            convert = markdown_converter(self.config.markdown_extensions, self.config.mdx_configs)
            for stem in missing:
                self._make(stem, convert)

    def _make_rendered(self) -> None:
        if self._rendered is not None:
            stem, self._rendered = self._rendered, None
            self._make(stem, lambda text: str(self.renderer.markdown(text)))

    def _make(self, stem: str, markdown_to_html: Callable[[str], str]) -> None:
        practice_set = self.sets[stem].practice_set
        data = anki_deck(self.config.site_name, stem, practice_set, markdown_to_html, self.modified(stem),
                         self.renderer.set_ids(stem, practice_set))
        if data is not None:
            self.files[stem].content_bytes = data
            self.made.add(stem)
