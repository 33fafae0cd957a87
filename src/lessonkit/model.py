"""The practice-set file format, as typed models: the one source of truth.

The loader validates YAML against these models; the JSON Schema for editors is
generated from them; the checks that a schema cannot express (an answer that
names no option, a duplicate id) are the ``reference_problems`` methods below.
Nothing here knows about MkDocs.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

__all__ = [
    "Choice",
    "Flashcard",
    "FlashcardsSection",
    "LabelingItem",
    "LabelingSection",
    "MatchingItem",
    "MatchingSection",
    "PracticeSet",
    "ReferenceProblem",
    "Section",
    "SelfCheckQuestion",
    "SelfCheckSection",
]

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


class _Strict(BaseModel):
    """Base of every model: unknown fields are mistakes, not extras."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    key_fields: ClassVar[frozenset[str]] = frozenset()
    """Fields that hold keys (an answer naming an option's id), not text a widget shows."""


def _choice_shorthand(value: Any) -> Any:
    # An option written as a plain string is short for {id: s, text: s}.
    if isinstance(value, str):
        return {"id": value, "text": value}
    return value


class Choice(_Strict):
    """An option of a matching section, or a label of a labeling section."""

    id: ChoiceId = Field(description="Short key, unique in the section; what answers name.")
    text: Markdown = Field(description="What the learner sees.")
    note: Markdown | None = Field(None, description="Optional note shown after the text, in parentheses.")


ChoiceEntry = Annotated[Choice, BeforeValidator(_choice_shorthand)]


class ReferenceProblem(BaseModel):
    """A mistake the schema cannot see: found by the model after it loads."""

    path: tuple[str | int, ...]
    message: str
    hint: str | None = None


def _did_you_mean(word: str, candidates: list[str]) -> str | None:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if candidates:
        return "one of: " + ", ".join(f"'{c}'" for c in candidates)
    return None


def _duplicate_ids(choices: list[Choice], field: str) -> Iterator[ReferenceProblem]:
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


class _SectionBase(_Strict):
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

    def reference_problems(self) -> Iterator[ReferenceProblem]:
        """Mistakes that only show once the whole section is read."""
        return iter(())


class SelfCheckQuestion(_Strict):
    id: EntryId | None = None

    @property
    def own_text(self) -> str:
        """The text that names this entry (its stable id comes from it)."""
        return self.question

    question: Markdown = Field(description="The question.")
    answer: Markdown = Field(description="The answer, shown in a 'Show answer' collapsible.")


class SelfCheckSection(_SectionBase):
    """Numbered questions, each with its answer in a collapsible."""

    entries: ClassVar[str] = "questions"
    own_styles: ClassVar[bool] = False  # .lk-widget and Material's collapsible are all it needs
    progress: ClassVar[ProgressKind] = "questions"
    exports: ClassVar[frozenset[Export]] = frozenset({"lms"})
    example: ClassVar[str] = """\
  # self-check: numbered questions, each answer in a "Show answer" collapsible.
  - type: self-check
    title: Self-check
    questions:
      - question: What does this question ask?
        answer: >-
          The answer, in Markdown. Use `>-` to fold long lines into one paragraph,
          or `|` to keep line breaks (for lists and code).
"""

    type: Literal["self-check"]
    questions: list[SelfCheckQuestion] = Field(min_length=1, description="At least one question.")


class MatchingItem(_Strict):
    id: EntryId | None = None

    @property
    def own_text(self) -> str:
        """The text that names this entry (its stable id comes from it)."""
        return self.text

    key_fields: ClassVar[frozenset[str]] = frozenset({"answer"})

    text: Markdown = Field(description="The item (left column).")
    answer: ChoiceId = Field(description="The id of the option this item matches.")
    explanation: Markdown | None = Field(None, description="Why; shown in the answer key.")
    key: Title | None = Field(
        None,
        description="How the answer key names this item's answer (default: the option's text).",
    )


class MatchingSection(_SectionBase):
    """Items (lettered) matched to options (numbered); options may be shared or unused."""

    entries: ClassVar[str] = "items"
    progress: ClassVar[ProgressKind] = "exercises"
    exports: ClassVar[frozenset[Export]] = frozenset({"lms"})
    example: ClassVar[str] = """\
  # matching: items (A, B, ...) matched to options (1, 2, ...). Options may be
  # shared by several items, and some may be used by none.
  - type: matching
    title: "Try it yourself: match each item to its option"
    intro: Match each item (left) to its option (right).
    columns: [Item, Option]           # optional headings of the two columns
    options:
      - id: first                      # short key, unique in the section
        text: The first option
        note: an optional remark         # optional
      - Second option                  # a plain string is short for {id: ..., text: ...}
    items:
      - text: An item that matches the first option.
        answer: first                  # the id of an option
        explanation: Why it is the first option.    # optional, shown in the answer key
      - text: An item that matches the second option.
        answer: Second option
    takeaway: "**The pattern:** what the learner should take away."   # optional
"""

    type: Literal["matching"]
    columns: tuple[Title, Title] | None = Field(
        None, description="Optional headings of the item and option columns."
    )
    options: list[ChoiceEntry] = Field(min_length=1, description="The right column.")
    items: list[MatchingItem] = Field(min_length=1, description="The left column.")

    def answer_numbers(self) -> list[int]:
        """The 1-based number of each item's option, in the items' order."""
        numbers = {option.id: number for number, option in enumerate(self.options, start=1)}
        return [numbers[item.answer] for item in self.items]

    def reference_problems(self) -> Iterator[ReferenceProblem]:
        yield from _duplicate_ids(self.options, "options")
        ids = [option.id for option in self.options]
        for index, item in enumerate(self.items):
            if item.answer not in ids:
                yield ReferenceProblem(
                    path=("items", index, "answer"),
                    message=f"'{item.answer}' is not the id of an option of this section",
                    hint=_did_you_mean(item.answer, ids),
                )


def _one_or_many(value: Any) -> Any:
    # `answer: x` is short for `answer: [x]`.
    if isinstance(value, str):
        return [value]
    return value


class LabelingItem(_Strict):
    id: EntryId | None = None

    @property
    def own_text(self) -> str:
        """The text that names this entry (its stable id comes from it)."""
        return self.text

    key_fields: ClassVar[frozenset[str]] = frozenset({"answer"})

    text: Markdown = Field(description="The statement to label.")
    answer: Annotated[list[ChoiceId], BeforeValidator(_one_or_many), Field(min_length=1)] = Field(
        description="One label id, or a list of them: the exact set of right labels."
    )
    explanation: Markdown | None = Field(None, description="Why; shown in the answer key.")
    key: Title | None = Field(
        None,
        description="How the answer key names this item's labels (default: the labels' texts).",
    )


class LabelingSection(_SectionBase):
    """Statements (lettered) that each take one or more labels from a fixed list."""

    entries: ClassVar[str] = "items"
    progress: ClassVar[ProgressKind] = "exercises"
    exports: ClassVar[frozenset[Export]] = frozenset({"lms"})
    example: ClassVar[str] = """\
  # labeling: each item (A, B, ...) takes one or more labels from a fixed list.
  - type: labeling
    title: "Try it yourself: label each statement"
    labels:                            # strings, or {id, text, note} as for options
      - id: in-scope
        text: IN SCOPE
      - out of scope
    items:
      - text: A statement with one label.
        answer: in-scope               # one label id...
        explanation: Why this label.
      - text: A statement with two labels.
        answer: [in-scope, out of scope]   # ...or a list of them: the exact set
        explanation: Why both labels.
"""

    type: Literal["labeling"]
    labels: list[ChoiceEntry] = Field(min_length=1, description="The fixed list of labels.")
    items: list[LabelingItem] = Field(min_length=1, description="The statements to label.")

    def label(self, label_id: str) -> Choice:
        return next(label for label in self.labels if label.id == label_id)

    def label_numbers(self, item: LabelingItem) -> list[int]:
        """The 1-based numbers of an item's right labels, in the item's order."""
        ids = [label.id for label in self.labels]
        return [1 + ids.index(answer) for answer in item.answer]

    def reference_problems(self) -> Iterator[ReferenceProblem]:
        yield from _duplicate_ids(self.labels, "labels")
        ids = [label.id for label in self.labels]
        for index, item in enumerate(self.items):
            for position, answer in enumerate(item.answer):
                if answer not in ids:
                    parts = [part.strip() for part in answer.split(",")]
                    several = len(parts) > 1 and all(part in ids for part in parts)
                    yield ReferenceProblem(
                        path=("items", index, "answer", position),
                        message=f"'{answer}' is not the id of a label of this section",
                        # "a, b" in one string is one id; the list of two is [a, b].
                        hint=f"for several labels write a list: answer: [{', '.join(parts)}]" if several else _did_you_mean(answer, ids),
                    )
            if len(set(item.answer)) != len(item.answer):
                yield ReferenceProblem(
                    path=("items", index, "answer"),
                    message="the answer names the same label twice",
                    hint="list each label once",
                )


class Flashcard(_Strict):
    id: EntryId | None = None

    @property
    def own_text(self) -> str:
        """The text that names this entry (its stable id comes from it)."""
        return self.front

    front: Markdown = Field(description="The question side.")
    back: Markdown = Field(description="The answer side.")


class FlashcardsSection(_SectionBase):
    """Cards that flip between front and back; printable one per page."""

    entries: ClassVar[str] = "cards"
    progress: ClassVar[ProgressKind] = "cards"
    exports: ClassVar[frozenset[Export]] = frozenset({"anki"})
    not_exported: ClassVar[str] = "flashcards have no question type in an LMS"
    example: ClassVar[str] = """\
  # flashcards: cards that flip between front and back; printable, one per page.
  - type: flashcards
    title: Flashcards
    cards:
      - front: A question or a term
        back: Its answer or definition
"""

    type: Literal["flashcards"]
    cards: list[Flashcard] = Field(min_length=1, description="At least one card.")


SECTION_MODELS: dict[str, type[_SectionBase]] = {
    "self-check": SelfCheckSection,
    "matching": MatchingSection,
    "labeling": LabelingSection,
    "flashcards": FlashcardsSection,
}
"""The section types, in the order the docs list them: the one table. A new
type is a model here (its ``type`` literal and the declarations of
:class:`_SectionBase`), its template ``theme/lessonkit/<type>.html``, its part
of the script if it is interactive, and its styles; the loader, its messages,
the JSON Schema, the ids, the standing line, the exports, the scaffold and the
renderer follow from this table (CONTRIBUTING.md, "Adding a section type";
tests/test_section_types.py says what a type lacks)."""

SECTION_TYPES: tuple[str, ...] = tuple(SECTION_MODELS)

Section = Annotated[Union[tuple(SECTION_MODELS.values())], Field(discriminator="type")]  # type: ignore[valid-type]


class PracticeSet(_Strict):
    """One practice-set file: a page of the course."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        defer_build=True,
        title="Lessonkit practice set",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    title: Title = Field(description="The page title (H1).")
    lesson: str | None = Field(
        None,
        description="Optional: the lesson page this set belongs to, relative to the docs folder, e.g. lessons/video-generation.md.",
    )
    page: str | None = Field(
        None,
        pattern=r"^[^/].*\.md$",
        description="Optional: where the generated page lives in the site; default practice/<file stem>.md.",
    )
    intro: Markdown | None = Field(None, description="Optional Markdown under the title.")
    credit: Markdown | None = Field(
        None, description="Optional Markdown at the foot of the page: source and licence of the content."
    )
    sections: list[Section] = Field(min_length=1, description="At least one section.")

    def reference_problems(self) -> Iterator[ReferenceProblem]:
        seen: dict[str, tuple[str | int, ...]] = {}
        for index, section in enumerate(self.sections):
            for problem in section.reference_problems():
                yield problem.model_copy(update={"path": ("sections", index, *problem.path)})
            field, entries = section_entries(section)
            for position, entry in enumerate(entries):
                if entry.id is None:
                    continue
                path = ("sections", index, field, position, "id")
                if entry.id in seen:
                    yield ReferenceProblem(
                        path=path,
                        message=f"id '{entry.id}' is also the id of {format_entry(seen[entry.id])}",
                        hint="give every entry of the file its own id",
                    )
                seen.setdefault(entry.id, path)


def section_entries(section: Section) -> tuple[str, list[Any]]:
    """The field of a section that holds its entries, and the entries."""
    return section.entries, getattr(section, section.entries)


def format_entry(path: tuple[str | int, ...]) -> str:
    """``('sections', 1, 'items', 0, 'id')`` -> ``sections[1].items[0]``."""
    return "".join(f"[{part}]" if isinstance(part, int) else ("." if i else "") + part for i, part in enumerate(path[:-1]))
