"""The multiple-choice section: questions with options, one or several of them right."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import Field

from .base import EntryId, Export, Flag, Markdown, ProgressKind, ReferenceProblem, SectionBase, Strict


class ChoiceOption(Strict):
    """An option of a multiple-choice question."""

    text: Markdown = Field(description="What the learner sees.")
    correct: Flag = Field(False, description="Whether choosing it is right (true or false; default false).")
    feedback: Markdown | None = Field(None, description="Optional: shown when the learner has chosen it, after a check.")


class ChoiceQuestion(Strict):
    id: EntryId | None = None

    @property
    def own_text(self) -> str:
        """The text that names this entry (its stable id comes from it)."""
        return self.question

    question: Markdown = Field(description="The question.")
    options: list[ChoiceOption] = Field(min_length=2, description="At least two options, one or more of them correct.")
    explanation: Markdown | None = Field(None, description="Optional: shown after a check, and in the answer key.")

    @property
    def right_numbers(self) -> list[int]:
        """The 1-based numbers of the right options, in the file's order."""
        return [number for number, option in enumerate(self.options, start=1) if option.correct]

    @property
    def single(self) -> bool:
        """One right option: radio buttons; several: checkboxes."""
        return len(self.right_numbers) == 1


class MultipleChoiceSection(SectionBase):
    """Questions, each with options to choose from: one right (radio buttons) or several (checkboxes)."""

    entries: ClassVar[str] = "questions"
    progress: ClassVar[ProgressKind] = "exercises"
    exports: ClassVar[frozenset[Export]] = frozenset({"lms"})
    example: ClassVar[str] = """\
  # multiple-choice: questions with options; one right option gives radio
  # buttons, several give checkboxes ("choose all that apply").
  - type: multiple-choice
    title: Check your understanding
    shuffle: true                      # optional: the options in a new order on each visit
    questions:
      - question: Which operation is planning, at its core?
        options:
          - text: Decomposition
            correct: true
            feedback: "Yes: one goal broken into ordered sub-tasks."   # optional, shown when chosen
          - text: Retrieval
            feedback: Retrieval fetches facts; it does not order work.
        explanation: Why, shown after a check.   # optional
"""

    type: Literal["multiple-choice"]
    shuffle: Flag = Field(False, description="Optional: show the options in a new order on each visit.")
    questions: list[ChoiceQuestion] = Field(min_length=1, description="At least one question.")

    def answer_key(self) -> list[tuple[str, str]]:
        return [
            (str(number), "; ".join(question.options[right - 1].text for right in question.right_numbers))
            for number, question in enumerate(self.questions, start=1)
        ]

    def reference_problems(self) -> Iterator[ReferenceProblem]:
        yield from super().reference_problems()
        for index, question in enumerate(self.questions):
            if not question.right_numbers:
                yield ReferenceProblem(
                    path=("questions", index, "options"),
                    message="no option of this question is correct",
                    hint="mark the right option (or options) with `correct: true`",
                )
            seen: dict[str, int] = {}
            for position, option in enumerate(question.options):
                text = " ".join(option.text.split())
                if text in seen:
                    yield ReferenceProblem(
                        path=("questions", index, "options", position, "text"),
                        message=f"option {position + 1} has the same text as option {seen[text] + 1}",
                        hint="give every option of a question its own text",
                    )
                seen.setdefault(text, position)
