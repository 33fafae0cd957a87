"""The exercise section: open tasks ("Try it yourself"), each with an optional sample answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import Field

from .base import EntryId, Export, Flag, Markdown, ProgressKind, ReferenceProblem, SectionBase, Strict, Title


class ExerciseTask(Strict):
    id: EntryId | None = None

    @property
    def own_text(self) -> str:
        """The text that names this entry (its stable id comes from it)."""
        return self.prompt

    prompt: Markdown = Field(description="What to do: Markdown (a quote, a code block, a table...).")
    answer: Markdown | None = Field(
        None, description="Optional: a sample answer, a solution or what the learner will see, in a collapsible."
    )
    answer_label: Title | None = Field(None, description="Optional: the collapsible's label (default 'Show answer').")
    answer_shown: Flag = Field(False, description="Optional: true shows the answer in the page, not in a collapsible.")


class ExerciseSection(SectionBase):
    """Open tasks: a prompt each, its sample answer in a collapsible (or shown, or none).
    A task with an answer offers "Done" once the answer is open; the section is
    done when every task with an answer is (tasks without one do not count)."""

    entries: ClassVar[str] = "tasks"
    progress: ClassVar[ProgressKind] = "exercises"
    exports: ClassVar[frozenset[Export]] = frozenset({"lms"})
    example: ClassVar[str] = """\
  # exercise: open tasks ("Try it yourself"), each with an optional sample answer.
  - type: exercise
    title: "Try it yourself: decompose a goal"
    tasks:
      - prompt: |
          > **Goal:** "Onboard a new hire: a laptop, accounts, a first-week schedule."
        answer: A sample plan, in Markdown.   # optional
        answer_label: Show a sample plan     # optional (default "Show answer")
    counted: true                            # optional: false leaves it out of the progress line
"""

    type: Literal["exercise"]
    tasks: list[ExerciseTask] = Field(min_length=1, description="At least one task.")
    answer_label: Title | None = Field(None, description="Optional: the label of every task's collapsible.")
    counted: Flag = Field(True, description="Optional: false leaves the section out of the progress line.")

    def answer_key(self) -> list[tuple[str, str]]:
        """The sample answers, numbered as the tasks (a task without one is not in the key)."""
        return [(str(number), task.answer) for number, task in enumerate(self.tasks, start=1) if task.answer]

    def reference_problems(self) -> Iterator[ReferenceProblem]:
        yield from super().reference_problems()
        for index, task in enumerate(self.tasks):
            if task.answer_shown and task.answer is None:
                yield ReferenceProblem(
                    path=("tasks", index, "answer_shown"),
                    message="`answer_shown: true` on a task without an answer",
                    hint="add the task's `answer`, or remove `answer_shown`",
                )
            if task.answer_label is not None and task.answer is None:
                yield ReferenceProblem(
                    path=("tasks", index, "answer_label"),
                    message="`answer_label` on a task without an answer",
                    hint="add the task's `answer`, or remove `answer_label`",
                )
