"""The practice-set file format, as typed models: the one source of truth.

The loader validates YAML against these models; the JSON Schema for editors is
generated from them; the checks that a schema cannot express (an answer that
names no option, a duplicate id) are the ``reference_problems`` methods below.
Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Union

from pydantic import AfterValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from .page_paths import PAGE_PATTERN, page_path_problem

from .sections.base import (
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
    text_reference_problems,
)
from .sections.flashcards import Flashcard, FlashcardsSection
from .sections.labeling import LabelingItem, LabelingSection
from .sections.matching import MatchingItem, MatchingSection
from .sections.exercise import ExerciseSection, ExerciseTask
from .sections.multiple_choice import ChoiceOption, ChoiceQuestion, MultipleChoiceSection
from .sections.self_check import SelfCheckQuestion, SelfCheckSection

__all__ = [
    "Choice",
    "ChoiceEntry",
    "ChoiceOption",
    "ChoiceQuestion",
    "ChoiceId",
    "EntryId",
    "Export",
    "Markdown",
    "ProgressKind",
    "SectionBase",
    "Strict",
    "Title",
    "Flashcard",
    "FlashcardsSection",
    "LabelingItem",
    "LabelingSection",
    "MatchingItem",
    "MatchingSection",
    "MultipleChoiceSection",
    "ExerciseSection",
    "ExerciseTask",
    "PracticeSet",
    "ReferenceProblem",
    "Section",
    "SelfCheckQuestion",
    "SelfCheckSection",
]





def _checked_page(value: str) -> str:
    problem = page_path_problem(value)
    if problem is not None:
        raise PydanticCustomError("page_path", "{message}", {"message": problem[0], "hint": problem[1]})
    return value


PagePath = Annotated[str, AfterValidator(_checked_page), Field(json_schema_extra={"pattern": PAGE_PATTERN})]
"""A set's ``page:``: a relative Markdown path inside the docs folder (:mod:`lessonkit.page_paths`)."""


SECTION_MODELS: dict[str, type[SectionBase]] = {
    "self-check": SelfCheckSection,
    "matching": MatchingSection,
    "labeling": LabelingSection,
    "flashcards": FlashcardsSection,
    "multiple-choice": MultipleChoiceSection,
    "exercise": ExerciseSection,
}
"""The section types, in the order the docs list them: the one table. A new
type is a model here (its ``type`` literal and the declarations of
:class:`SectionBase`), its template ``theme/lessonkit/<type>.html``, its part
of the script if it is interactive, and its styles; the loader, its messages,
the JSON Schema, the ids, the standing line, the exports, the scaffold and the
renderer follow from this table (CONTRIBUTING.md, "Adding a section type";
tests/test_section_types.py says what a type lacks)."""

SECTION_TYPES: tuple[str, ...] = tuple(SECTION_MODELS)

Section = Annotated[Union[tuple(SECTION_MODELS.values())], Field(discriminator="type")]  # type: ignore[valid-type]


class PracticeSet(Strict):
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
    page: PagePath | None = Field(
        None,
        description="Optional: where the generated page lives in the site; default practice/<file stem>.md.",
    )
    intro: Markdown | None = Field(None, description="Optional Markdown under the title.")
    credit: Markdown | None = Field(
        None, description="Optional Markdown at the foot of the page: source and licence of the content."
    )
    sections: list[Section] = Field(min_length=1, description="At least one section.")

    def reference_problems(self) -> Iterator[ReferenceProblem]:
        yield from text_reference_problems(self, skip=frozenset({"sections"}))  # each section checks its own
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

    def reference_warnings(self) -> Iterator[ReferenceProblem]:
        """What the build warns of (``--strict`` stops), e.g. two options with one text."""
        for index, section in enumerate(self.sections):
            for problem in section.reference_warnings():
                yield problem.model_copy(update={"path": ("sections", index, *problem.path)})


def section_entries(section: Section) -> tuple[str, list[Any]]:
    """The field of a section that holds its entries, and the entries."""
    return section.entries, getattr(section, section.entries)


def format_entry(path: tuple[str | int, ...]) -> str:
    """``('sections', 1, 'items', 0, 'id')`` -> ``sections[1].items[0]``."""
    return "".join(f"[{part}]" if isinstance(part, int) else ("." if i else "") + part for i, part in enumerate(path[:-1]))
