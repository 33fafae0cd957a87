"""The labeling section: statements that each take one or more labels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field

from ..lettering import letter
from .base import (
    Choice,
    ChoiceEntry,
    ChoiceId,
    EntryId,
    Export,
    Markdown,
    ProgressKind,
    ReferenceProblem,
    SectionBase,
    Strict,
    Title,
    did_you_mean,
    duplicate_ids,
    duplicate_texts,

)


def _one_or_many(value: Any) -> Any:
    # `answer: x` is short for `answer: [x]`.
    if isinstance(value, str):
        return [value]
    return value


class LabelingItem(Strict):
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


class LabelingSection(SectionBase):
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

    def answer_key(self) -> list[tuple[str, str]]:
        return [
            (letter(index), item.key or ", ".join(self.label(answer).text for answer in item.answer))
            for index, item in enumerate(self.items)
        ]

    def reference_warnings(self) -> Iterator[ReferenceProblem]:
        yield from duplicate_texts(self.labels, "labels", "label")

    def reference_problems(self) -> Iterator[ReferenceProblem]:
        yield from super().reference_problems()
        yield from duplicate_ids(self.labels, "labels")
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
                        hint=f"for several labels write a list: answer: [{', '.join(parts)}]" if several else did_you_mean(answer, ids),
                    )
            if len(set(item.answer)) != len(item.answer):
                yield ReferenceProblem(
                    path=("items", index, "answer"),
                    message="the answer names the same label twice",
                    hint="list each label once",
                )
