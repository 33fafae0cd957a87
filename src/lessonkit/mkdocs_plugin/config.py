"""Options of the ``lessonkit`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class LessonkitConfig(base.Config):
    """Options, under ``plugins: - lessonkit:`` in ``mkdocs.yml``."""

    quizzes_dir = c.Type(str, default="quizzes")
    """Folder of the practice-set files, relative to ``mkdocs.yml``."""

    strings = c.Type(dict, default={})
    """Overrides of the learner-facing strings of ``lessonkit.strings.UI_STRINGS``,
    e.g. ``{show_answer: "Antwort zeigen"}``, over the table of Material's
    ``theme.language`` (``src/lessonkit/locales/<language>.yml``). A string by
    count takes texts by CLDR plural category: ``{score: {one: ..., other: ...}}``."""
