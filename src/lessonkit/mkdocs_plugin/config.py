"""Options of the ``lessonkit`` MkDocs plugin, declared with MkDocs' option
types: a wrong value is a configuration error that names the option."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..strings import UI_STRINGS, StringsError, check_strings


class _Strings(c.DictOfItems):
    """Overrides of learner-facing strings: known keys, text values (or texts
    by plural category)."""

    def __init__(self) -> None:
        super().__init__(c.Type((str, dict)), default={})

    def run_validation(self, value: object) -> dict[str, str]:
        if isinstance(value, dict):
            unknown = sorted(str(key) for key in value if key not in UI_STRINGS)
            if unknown:
                raise base.ValidationError(
                    f"unknown key(s): {', '.join(unknown)}; known: {', '.join(UI_STRINGS)}"
                )
            try:
                check_strings(value, "strings")
            except StringsError as error:
                raise base.ValidationError(str(error).removeprefix("strings: ")) from error
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

    strings = _Strings()
    """Overrides of the learner-facing strings of ``lessonkit.strings.UI_STRINGS``,
    e.g. ``{show_answer: "Antwort zeigen"}``, over the table of Material's
    ``theme.language`` (``src/lessonkit/locales/<language>.yml``). A string by
    count takes texts by CLDR plural category: ``{score: {one: ..., other: ...}}``."""
