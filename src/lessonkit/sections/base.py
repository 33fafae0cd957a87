"""What every section is made of: the field types, options and labels, and the
declarations each section type makes (:class:`SectionBase`).

Nothing here knows about MkDocs.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from ..lookalikes import lookalike_hint
from ..text_checks import text_problems

Markdown = Annotated[
    str,
    StringConstraints(min_length=1),
    Field(description="Markdown, rendered with the site's markdown_extensions."),
]
"""A non-empty Markdown text."""

Title = Annotated[
    str,
    StringConstraints(min_length=1, pattern=r"^[^\n]*$"),
    Field(description="One line of Markdown."),
]
"""A one-line heading text."""

ChoiceId = Annotated[
    str,
    StringConstraints(min_length=1, pattern=r"^[^\n]*$"),
    Field(description="A short key, unique in its section."),
]

EntryId = Annotated[
    str,
    StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"),
    Field(
        description="Optional stable id of this entry, unique in its file: a learner's progress on it "
        "survives edits of its text. Letters, digits, '-', '_' and '.'."
    ),
]
"""An entry's own id: what keeps a learner's progress when its text changes."""


def _flag(value: Any) -> Any:
    # The loader keeps every scalar as the text written: `true` and `false` are the flags.
    return _FLAGS.get(value, value) if isinstance(value, str) else value


_FLAGS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


Flag = Annotated[bool, BeforeValidator(_flag), Field(strict=True)]
"""``true`` or ``false`` (YAML 1.2's spellings, also ``True``, ``FALSE``...; not ``yes``, ``1`` or ``on``)."""

class Strict(BaseModel):
    """Base of every model: unknown fields are mistakes, not extras."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    key_fields: ClassVar[frozenset[str]] = frozenset()
    """Fields that hold keys (an answer naming an option's id), not text a widget shows."""


def choice_shorthand(value: Any) -> Any:
    # An option written as a plain string is short for {id: s, text: s}.
    if isinstance(value, str):
        return {"id": value, "text": value}
    return value


class Choice(Strict):
    """An option of a matching section, or a label of a labeling section."""

    id: ChoiceId = Field(description="Short key, unique in the section; what answers name.")
    text: Markdown = Field(description="What the learner sees.")
    note: Markdown | None = Field(None, description="Optional note shown after the text, in parentheses.")


ChoiceEntry = Annotated[Choice, BeforeValidator(choice_shorthand)]


class ReferenceProblem(BaseModel):
    """A mistake the schema cannot see: found by the model after it loads."""

    path: tuple[str | int, ...]
    message: str
    hint: str | None = None
    words: str | None = None
    """Words of the text at ``path`` where the problem is: the problem is
    reported at the file's line holding them (a text of several lines), else
    where the text starts."""


def did_you_mean(word: str, candidates: list[str]) -> str | None:
    twin = lookalike_hint(word, candidates)
    if twin is not None:
        return twin
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if candidates:
        return "one of: " + ", ".join(f"'{c}'" for c in candidates)
    return None


def text_reference_problems(model: BaseModel, skip: frozenset[str] = frozenset()) -> Iterator[ReferenceProblem]:
    """The problems of the Markdown texts of ``model`` (:mod:`lessonkit.text_checks`)."""
    for found in text_problems(model, skip):
        yield ReferenceProblem(**found._asdict())


def duplicate_texts(choices: list[Choice], field: str, noun: str) -> Iterator[ReferenceProblem]:
    """Two options (or labels) the learner cannot tell apart: the same text
    (spaces and case aside) and the same note. A warning: ``--strict`` stops."""
    seen: dict[tuple[str, str], int] = {}
    for index, choice in enumerate(choices):
        looks = (" ".join(choice.text.split()).casefold(), " ".join((choice.note or "").split()).casefold())
        if looks in seen:
            yield ReferenceProblem(
                path=(field, index, "text"),
                message=f"'{choice.text.strip()}' is also the text of {noun} {seen[looks] + 1}: the learner would see two identical choices",
                hint=f"give each {noun} its own text, or a note that tells them apart",
            )
        seen.setdefault(looks, index)


def duplicate_ids(choices: list[Choice], field: str) -> Iterator[ReferenceProblem]:
    seen: set[str] = set()
    for index, choice in enumerate(choices):
        if choice.id in seen:
            yield ReferenceProblem(
                path=(field, index, "id"),
                message=f"duplicate id '{choice.id}' in {field}",
                hint="give every entry its own id",
            )
        seen.add(choice.id)


ProgressKind = Literal["exercises", "questions", "cards"]
"""How the standing line counts a section: an exercise once (all right at its
last check), each question known, each card due."""

Export = Literal["lms", "anki"]
"""Where a section's entries can go: ``lms`` (the question banks written as
Moodle XML and QTI, :mod:`lessonkit.export.questions`), ``anki`` (a deck)."""


class SectionBase(Strict):
    """What every section type declares; the rest of lessonkit derives from it.

    The loader, its did-you-means, the JSON Schema, the ids, the standing line,
    the exports, ``lessonkit new`` and the renderer read these declarations
    (and the pydantic fields) and never name a type (CONTRIBUTING.md, "Adding a
    section type"). ``tests/test_section_types.py`` checks each type has them all.
    """

    entries: ClassVar[str]
    """The field holding the section's entries (questions, items, cards): what gets stable ids."""
    progress: ClassVar[ProgressKind]
    """How the learner's standing counts this section."""
    exports: ClassVar[frozenset[Export]] = frozenset()
    """Where its entries are exported (none: an export leaves it out, and says why)."""
    not_exported: ClassVar[str] = ""
    """Why an LMS export leaves it out (when ``lms`` is not in ``exports``), e.g.
    ``flashcards have no question type in an LMS``."""
    own_styles: ClassVar[bool] = True
    """Whether lessonkit.css has rules of its own (``[data-lk-widget="<type>"]`` or
    ``.lk-<type>``); a type that needs only ``.lk-widget``'s says False."""
    example: ClassVar[str]
    """A commented example of the section, as YAML list entry (two-space indented
    under ``sections:``): what ``lessonkit new`` writes, and what the tests build."""

    title: Title = Field(description="The section's H2 heading; it appears in the page's table of contents.")
    intro: Markdown | None = Field(None, description="Optional Markdown under the heading.")
    takeaway: Markdown | None = Field(None, description="Optional Markdown shown after the answers.")

    def answer_key(self) -> list[tuple[str, str]]:
        """The worksheet's answer key for this section (lessonkit/worksheet.py):
        ``(number or letter as on the page, answer as Markdown)`` for each entry;
        none (the default) leaves the section out of the key."""
        return []

    def reference_warnings(self) -> Iterator[ReferenceProblem]:
        """What the page shows, but likely not as meant (the build warns; ``--strict`` stops)."""
        return iter(())

    def reference_problems(self) -> Iterator[ReferenceProblem]:
        """Mistakes that only show once the whole section is read; a type that
        has its own yields these too (its texts': :mod:`lessonkit.text_checks`)."""
        return text_reference_problems(self)


