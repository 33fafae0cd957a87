"""The self-check section: numbered questions, each answer in a collapsible."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from .base import EntryId, Export, Markdown, ProgressKind, SectionBase, Strict, Title


class SelfCheckQuestion(Strict):
    id: EntryId | None = None

    @property
    def own_text(self) -> str:
        """The text that names this entry (its stable id comes from it)."""
        return self.question

    question: Markdown = Field(description="The question.")
    answer: Markdown = Field(description="The answer, shown in a 'Show answer' collapsible.")
    answer_label: Title | None = Field(None, description="Optional: the collapsible's label (default 'Show answer').")


class SelfCheckSection(SectionBase):
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
    answer_label: Title | None = Field(None, description="Optional: the label of every question's collapsible.")

    def answer_key(self) -> list[tuple[str, str]]:
        return [(str(number), question.answer) for number, question in enumerate(self.questions, start=1)]
