"""The flashcards section: cards that flip between front and back."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from .base import EntryId, Export, Markdown, ProgressKind, SectionBase, Strict


class Flashcard(Strict):
    id: EntryId | None = None

    @property
    def own_text(self) -> str:
        """The text that names this entry (its stable id comes from it)."""
        return self.front

    front: Markdown = Field(description="The question side.")
    back: Markdown = Field(description="The answer side.")


class FlashcardsSection(SectionBase):
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

    def answer_key(self) -> list[tuple[str, str]]:
        return [(str(number), card.back) for number, card in enumerate(self.cards, start=1)]
