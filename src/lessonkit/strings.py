"""Every string a learner sees on a control or a mark: one table, to translate.

The templates print what works without JavaScript (headings of lists, "Show
answer"); the widgets' script reads the rest from each widget's
``data-lk-strings`` (the controls it builds, marks, the score, the flashcards'
hint), so a course that overrides one under the plugin's ``strings`` option
sees it everywhere.
"""

from __future__ import annotations

__all__ = ["SCRIPT_STRINGS", "UI_STRINGS"]

UI_STRINGS: dict[str, str] = {
    "show_answer": "Show answer",  # the collapsible holding an answer or the key
    "check": "Check answers",
    "reset": "Reset",
    "correct": "Correct",  # marks, after "Check answers"
    "incorrect": "Incorrect",
    "partly_right": "Partly right",  # labeling: some of the right labels, no wrong one
    "no_answer": "No answer",
    "score": "{correct} of {total} correct",  # the live region after "Check answers"
    "choose": "",  # the empty first choice of a matching select
    "print_flashcards": "Print flashcards",
    "anki_download": "Download for Anki",  # the link to the set's Anki deck, under each flashcards section
    "flip_hint": "Show answer",  # a card's collapsible without JavaScript; the hint on its front with it
    "card_front": "Q.",  # before a card's front (hidden from screen readers: the card is named by its front)
    "back_to_lesson": "Back to the lesson",
    "labels_legend": "Labels",
    # Progress, kept in the learner's browser
    "knew": "I knew it",  # toggles under a self-check answer
    "not_yet": "Not yet",
    "study": "Study these cards",  # flashcards: opens the study panel
    "study_title": "Study: {title}",  # the panel's name; {title}: the section's title
    "study_left": "Cards to study now: {count}",
    "study_done": "Nothing is due now. Next card due: {when}.",  # {when}: a date and time
    "again": "Again",  # the four ratings of a card, worst to best
    "hard": "Hard",
    "good": "Good",
    "easy": "Easy",
    "close": "Close",
    "summary_exercises": "{count} of {total} exercises done",  # a page's summary, parts joined by " · "
    "summary_questions": "{count} of {total} questions known",
    "summary_cards": "{count} of {total} cards due",
    "progress_note": "Your progress is kept in this browser only.",
    "forget": "Forget my progress",
    "forget_confirm": "Forget your progress in this whole course? This cannot be undone.",
    "forgotten": "Your progress is forgotten.",
    "save": "Save progress to a file",
    "load": "Load progress from a file",
    "loaded": "Progress loaded.",
    "load_refused": "This file is not progress of this course: nothing was loaded, your progress is unchanged.",
}

SCRIPT_STRINGS: tuple[str, ...] = (
    "check", "reset", "correct", "incorrect", "partly_right", "no_answer",
    "score", "choose", "print_flashcards", "flip_hint",
    "knew", "not_yet", "study", "study_title", "study_left", "study_done", "again", "hard", "good", "easy",
    "close", "summary_exercises", "summary_questions", "summary_cards", "progress_note", "forget",
    "forget_confirm", "forgotten", "save", "load", "loaded", "load_refused",
)
"""The strings the widgets' script prints: each widget carries these, no more."""
