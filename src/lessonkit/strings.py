"""Every string a learner sees on a control or a mark: one table, to translate."""

from __future__ import annotations

__all__ = ["UI_STRINGS"]

UI_STRINGS: dict[str, str] = {
    "show_answer": "Show answer",
    "check": "Check answers",
    "reset": "Reset",
    "correct": "Correct",
    "incorrect": "Incorrect",
    "partly_right": "Partly right",
    "no_answer": "No answer",
    "score": "{correct} of {total} correct",
    "choose": "",
    "print_flashcards": "Print flashcards",
    "flip_hint": "Show answer",
    "card_front": "Q.",
    "back_to_lesson": "Back to the lesson",
    "labels_legend": "Labels",
    "your_match": "Your match",
}
