"""The matching section: items matched to options."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import Field

from ..lettering import letter
from .base import (
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


class MatchingItem(Strict):
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


class MatchingSection(SectionBase):
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

    def answer_key(self) -> list[tuple[str, str]]:
        numbers = self.answer_numbers()
        return [
            (letter(index), f"&rarr; {numbers[index]}: {item.key or self.options[numbers[index] - 1].text}")
            for index, item in enumerate(self.items)
        ]

    def reference_warnings(self) -> Iterator[ReferenceProblem]:
        yield from duplicate_texts(self.options, "options", "option")

    def reference_problems(self) -> Iterator[ReferenceProblem]:
        yield from super().reference_problems()
        yield from duplicate_ids(self.options, "options")
        ids = [option.id for option in self.options]
        for index, item in enumerate(self.items):
            if item.answer not in ids:
                yield ReferenceProblem(
                    path=("items", index, "answer"),
                    message=f"'{item.answer}' is not the id of an option of this section",
                    hint=did_you_mean(item.answer, ids),
                )
