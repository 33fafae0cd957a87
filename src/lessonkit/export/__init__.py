"""Practice sets taken elsewhere: question banks for an LMS, decks for Anki.

- :mod:`.questions`: a practice set as LMS questions (essay, matching,
  multiple answers), texts rendered to HTML, whatever the format.
- :mod:`.moodle`: Moodle XML; :mod:`.qti`: a QTI 1.2 package as Canvas imports it.
- :mod:`.anki`: an Anki deck (``.apkg``) of a set's flashcards.

Each takes a ``markdown_to_html`` callable, configured like the site (see
:func:`.questions.markdown_converter`). Nothing here knows about MkDocs.
"""

from __future__ import annotations

__all__: list[str] = []
