"""Options of the ``lessonkit`` MkDocs plugin, declared with MkDocs' option
types: a wrong value is a configuration error that names the option."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..strings import StringsError, check_strings_option


class _Strings(c.DictOfItems):
    """Overrides of learner-facing strings: known keys, text values (or texts
    by plural category)."""

    def __init__(self) -> None:
        super().__init__(c.Type((str, dict)), default={})

    def run_validation(self, value: object) -> dict[str, str]:
        # The Markdown extension's option is checked by the same function.
        try:
            check_strings_option(value)
        except StringsError as error:
            raise base.ValidationError(str(error)) from error
        return super().run_validation(value)


class _Hour(c.Type):
    """An hour of the day, 0 to 23."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 23:
            raise base.ValidationError(f"expected an hour, 0 to 23 (4: 4 a.m., as Anki), not {value!r}")
        return value


class LessonkitConfig(base.Config):
    """Options, under ``plugins: - lessonkit:`` in ``mkdocs.yml``."""

    quizzes_dir = c.Type(str, default="quizzes")
    """Folder of the practice-set files, relative to ``mkdocs.yml``."""

    course_id = c.Optional(c.Type(str))
    """The course's id, which keeps its learners' progress apart from another
    course's on the same host (default: a slug of ``site_name``)."""

    day_start = _Hour(default=4)
    """The hour (0-23, the learner's time zone) a learner's day starts at: a card or
    question due on a day is due from that hour of it (default 4, as Anki)."""

    search_answers = c.Type(bool, default=False)
    """Keep answers, keys, explanations and card backs in the site's search index
    (default: left out, so a search snippet does not give an answer away)."""

    strings = _Strings()
    """Overrides of the learner-facing strings of ``lessonkit.strings.UI_STRINGS``,
    e.g. ``{show_answer: "Antwort zeigen"}``, over the table of Material's
    ``theme.language`` (``src/lessonkit/locales/<language>.yml``). A string by
    count takes texts by CLDR plural category: ``{score: {one: ..., other: ...}}``."""
