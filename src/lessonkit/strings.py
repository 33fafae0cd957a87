"""Every string a learner sees on a control or a mark: one table, to translate.

The templates print what works without JavaScript (headings of lists, "Show
answer"); the widgets' script reads the rest from each widget's
``data-lk-strings`` (the controls it builds, marks, the score, the flashcards'
hint), so a course that overrides one under the plugin's ``strings`` option
sees it everywhere.

English is here; every other language is one YAML file in ``locales/``
(``de.yml``, ``ar.yml``, ...), picked by Material's ``theme.language``
(:func:`strings_for`). A string that depends on a count (the score) is either
one text, or a mapping of CLDR plural categories (``one``, ``few``, ``other``,
...) to texts: the script picks one with ``Intl.PluralRules``, Python with
Babel (:func:`plural`), the same CLDR rules.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Union

import yaml
from babel import Locale, UnknownLocaleError

__all__ = [
    "LOCALES_DIR",
    "SCRIPT_STRINGS",
    "UI_STRINGS",
    "StringsError",
    "check_strings",
    "check_strings_option",
    "bundled_languages",
    "load_locale",
    "plural",
    "strings_for",
    "theme_language",
    "theme_language_problem",
    "theme_languages",
]

Text = Union[str, dict[str, str]]
"""One text, or texts by CLDR plural category (``one``, ``other``, ...)."""

UI_STRINGS: dict[str, Text] = {
    "show_answer": "Show answer",  # the collapsible holding an answer or the key
    "check": "Check answers",
    "reset": "Reset",
    "correct": "Correct",  # marks, after "Check answers"
    "incorrect": "Incorrect",
    "partly_right": "Partly right",  # labeling: some of the right labels, no wrong one
    "no_answer": "No answer",
    "right_answer": "Right answer: {answer}",  # under a wrong or missing item after a check, before its explanation
    "stale": "Answers changed: check again (last check: {score})",  # the score once an answer changed after a check
    "choose_labels": "choose all that apply: {count}",  # labeling: in the name of an item with several labels
    "partly_labels": "Partly right: {right} of {total} labels",  # labeling's mark: some right labels
    "partly_labels_wrong": "Partly right: {right} of {total} labels, {wrong} wrong",  # ... and some wrong ones
    "score_labels": "Labels right: {correct} of {total}",  # labeling's score: right labels less wrong ones, per item
    "score": "{correct} of {total} correct",  # the live region after "Check answers"
    "choose": "Choose…",  # the first choice of a matching select, which leaves the item unanswered
    "print_flashcards": "Print flashcards",
    "print_worksheet": "Print worksheet",  # prints the page with no answer, then its answer key
    "worksheet_hint": "Print this page now: it prints as a worksheet, its answer key at the end.",  # JavaScript off, after the link
    "answer_key": "Answer key",  # the worksheet's last pages
    "anki_download": "Download for Anki",  # the link to the set's Anki deck, under each flashcards section
    "flip_hint": "Show answer",  # a card's collapsible without JavaScript; the hint on its front with it
    "card_front": "Q.",  # before a card's front (hidden from screen readers: the card is named by its front)
    "back_to_lesson": "Back to the lesson",
    "labels_legend": "Labels",
    "choose_all": "Choose all that apply.",  # multiple choice: under a question with several right options
    # Progress, kept in the learner's browser
    "knew": "I knew it",  # toggles under a self-check answer
    "not_yet": "Not yet",
    "task_done": "Done",  # a toggle under an exercise task's open answer
    "study": "Study these cards",  # flashcards: opens the study panel
    "study_title": "Study: {title}",  # the panel's name; {title}: the section's title
    "study_left": "Cards to study now: {count}",
    "study_done": "Nothing is due now. Next card due: {when}.",  # {when}: a date and time
    "again": "Again",  # the four ratings of a card, worst to best
    "hard": "Hard",
    "good": "Good",
    "easy": "Easy",
    "study_questions": "Review these questions",  # self-check: opens the study panel over its questions
    "study_keys": "Keys: Space or Enter shows the answer, 1 to 4 rate it",  # under the panel's buttons
    "study_summary": "Studied: {count} \u00b7 Again: {again}",  # at a session's end
    "study_ahead": "Study ahead",  # at the end: what falls due in the next days, soonest first
    "study_all": "Practise all",  # at the end: every item, the schedule left as it is
    "study_practice": "Practice, the schedule unchanged: {count} to go",
    "study_failed": "The study panel could not be loaded. Reload the page to try again.",
    "close": "Close",
    "summary_exercises": "{count} of {total} exercises done",  # a page's summary, parts joined by " · "
    "summary_questions": "{count} of {total} questions known",
    "summary_cards": "{count} of {total} cards due",
    "summary_due": "{count} due now",  # questions and cards that came back, after the parts
    "progress_note": "Your progress is kept in this browser only.",
    # What to do next, after each set of a progress list and first for the whole course
    "next_course": "The whole course",  # before the course's line: "The whole course: 6 due now: Review"
    "next_due": "{count} due now: {review}",  # {review}: a link to the due cards, saying review
    "review": "Review",  # the link in next_due
    "next_exercises": {"one": "{count} exercise not done yet", "other": "{count} exercises not done yet"},
    "next_new": {"one": "{count} new card", "other": "{count} new cards"},  # cards never studied
    "next_none": "Nothing due now",
    "review_start": "Review what is due",  # the review page's button: one session over the course
    "review_title": "Review: {course}",  # its panel's name; {course}: the course's name
    "forget": "Forget my progress",
    "forget_confirm": "Forget your progress in this whole course? This cannot be undone.",
    "forgotten": "Your progress is forgotten.",
    "save": "Save progress to a file",
    "load": "Load progress from a file",
    "loaded": "Progress loaded.",
    "load_refused": "This file is not progress of this course: nothing was loaded, your progress is unchanged.",
    # asked before a file is loaded: what it would change ({added} entries new here, ...)
    "load_preview": "This file adds {added}, updates {updated} that are older here and keeps {kept} that are newer here. Load it?",
    "load_merge": "Load and merge",  # the buttons of that question
    "cancel": "Cancel",
    "load_other_course": "This file is progress of '{file}', not of '{course}': nothing was loaded.",
    # in place of progress_note when the progress cannot be stored ({course}: another course's name)
    "held_failed": "Your progress can't be saved in this browser; save it to a file to keep it.",
    "held_newer": "Your progress here was saved by a newer version of this course: this page works from memory for this visit and leaves it as it is.",
    "held_other": "This browser keeps the progress of '{course}' at this address: this page works from memory for this visit and leaves it as it is (Forget my progress replaces it).",
    # the navigation's section that gathers the practice pages a hand-written nav: leaves out
    "nav_practice": "Practice",
}

SCRIPT_STRINGS: tuple[str, ...] = (
    "check", "reset", "correct", "incorrect", "partly_right", "no_answer",
    "right_answer", "stale", "choose_labels", "partly_labels", "partly_labels_wrong", "score_labels",
    "score", "choose", "print_flashcards", "flip_hint",
    "knew", "not_yet", "task_done", "study", "study_title", "study_left", "study_done", "again", "hard", "good", "easy",
    "study_questions", "study_keys", "study_summary", "study_ahead", "study_all", "study_practice", "study_failed",
    "close", "summary_exercises", "summary_questions", "summary_cards", "summary_due", "progress_note", "forget",
    "next_course", "next_due", "review", "next_exercises", "next_new", "next_none", "review_start", "review_title",
    "forget_confirm", "forgotten", "save", "load", "loaded", "load_refused", "load_preview", "load_merge", "cancel",
    "load_other_course", "held_failed", "held_newer", "held_other",
)
"""The strings the widgets' script prints: each widget carries these, no more."""


LOCALES_DIR = Path(__file__).parent / "locales"
"""One YAML file per language, named by its code in Material's ``theme.language``."""
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


class StringsError(ValueError):
    """Strings that cannot be used (a language file, or the plugin's
    ``strings``): the message names where, the key and the fix."""


def bundled_languages() -> list[str]:
    """Every language with strings: English and one per file in ``locales/``."""
    return sorted({"en", *(path.stem for path in LOCALES_DIR.glob("*.yml"))})


def load_locale(path: Path) -> dict[str, Text]:
    """A language file's strings, checked (:func:`check_strings`). Keys it
    lacks stay English."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise StringsError(f"{path}: not valid YAML ({error})") from error
    check_strings(data, str(path))
    return data


def check_strings(table: object, where: str) -> None:
    """Each string of ``table`` is a text, or texts by plural category with
    ``other`` among them; raises :class:`StringsError` naming ``where``, the
    key and the fix."""
    if not isinstance(table, dict):
        raise StringsError(f"{where}: expected 'key: text' lines, as in de.yml")
    for key, value in table.items():
        if key not in UI_STRINGS:
            raise StringsError(f"{where}: unknown key '{key}'; known: {', '.join(UI_STRINGS)}")
        problem = _value_problem(key, value)
        if problem:
            raise StringsError(f"{where}: {problem}")


def check_strings_option(value: object) -> None:
    """The ``strings`` option, of the MkDocs plugin or of the Markdown extension
    (one check for both): raises :class:`StringsError` saying what is wrong and
    the fix; the adapter says which option it is."""
    if not isinstance(value, dict):
        raise StringsError('expected \'key: text\' lines, e.g. {show_answer: "Antwort zeigen"}')
    unknown = [str(key) for key in value if key not in UI_STRINGS]
    if unknown:
        described = []
        for key in unknown:
            close = difflib.get_close_matches(key, list(UI_STRINGS), n=1, cutoff=0.7)
            described.append(f"'{key}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
        raise StringsError(f"unknown key(s) {', '.join(described)}; known: {', '.join(UI_STRINGS)}")
    for key, text in value.items():
        problem = _value_problem(key, text)
        if problem:
            raise StringsError(problem)


def _value_problem(key: str, value: object) -> str | None:
    if isinstance(value, dict):
        wrong = [name for name in value if name not in PLURAL_CATEGORIES or not isinstance(value[name], str)]
        if wrong or "other" not in value:
            return (
                f"'{key}' by count takes texts under {', '.join(PLURAL_CATEGORIES)} "
                f"(and always 'other'); found {', '.join(map(str, value))}"
            )
    elif not isinstance(value, str):
        return f"'{key}' must be a text (put it in quotes)"
    return None


def theme_languages(template_dirs: Iterable[str | Path]) -> set[str]:
    """The languages a theme can show: one ``partials/languages/<code>.html``
    each in Material for MkDocs (a site's ``custom_dir`` may add one). Empty
    for a theme without them."""
    return {path.stem for folder in template_dirs for path in Path(folder).glob("partials/languages/*.html")}


def theme_language(language: str | None, known: Collection[str]) -> tuple[str | None, str | None]:
    """The theme's language as the theme can show it, and a line to log when it
    is not the one asked for: a regional code it lacks (``es-MX``) falls back
    to the language (``es``). Raises :class:`StringsError` naming the known
    ones for a language it does not have. ``known`` empty: not checked."""
    if not language or not known or language in known:
        return language, None
    code = language.replace("_", "-")
    by_case = {name.lower(): name for name in known}
    base = code.split("-")[0].lower()
    candidates = [code.lower()]
    if base == "zh" and code.lower() != "zh" and code.lower().split("-")[1] in ("hant", "hk", "mo", "tw"):
        candidates.append("zh-hant")  # traditional script: never the simplified zh
    candidates.append(base)
    for candidate in candidates:
        if candidate in by_case:
            found = by_case[candidate]
            return found, f"lessonkit: theme.language '{language}': the theme has no '{language}'; the site is in '{found}'"
    raise StringsError(
        f"theme.language '{language}' is not a language of the theme; known: {', '.join(sorted(known))} "
        f"(or add partials/languages/{language}.html to the site's custom_dir)"
    )


def theme_language_problem(language: str | None, known: Collection[str]) -> str | None:
    """What is wrong with the theme's language where it cannot be changed (the
    Markdown extension: Zensical, or MkDocs without the plugin, render the theme
    in the language the configuration says), by :func:`theme_language`'s rule:
    None when the theme has it; a regional code it lacks names the one to write."""
    try:
        found, note = theme_language(language, known)
    except StringsError as error:
        return str(error)
    if note is None:
        return None
    return f"theme.language '{language}': the theme has no '{language}' (write theme.language: {found})"


def _locale_file(language: str) -> Path | None:
    """The file for ``language`` (``pt-BR`` falls back to ``pt``; Chinese in
    traditional script never falls back to the simplified ``zh``)."""
    code = language.replace("_", "-")
    candidates = [code]
    base = code.split("-")[0]
    if base != code and base != "zh":
        candidates.append(base)
    for candidate in candidates:
        path = LOCALES_DIR / f"{candidate}.yml"
        if path.is_file():
            return path
    return None


def strings_for(language: str | None, overrides: dict[str, Text] | None = None) -> tuple[dict[str, Text], str | None]:
    """Every string in ``language`` (English for what its file lacks), with
    ``overrides`` (the plugin's ``strings``) on top; and a note to log when
    the language has no file and the overrides do not cover every string."""
    overrides = overrides or {}
    check_strings_option(overrides)
    language = language or "en"
    table: dict[str, Text] = {}
    note = None
    if language.split("-")[0].split("_")[0] != "en":
        path = _locale_file(language)
        if path is not None:
            table = load_locale(path)
        elif set(UI_STRINGS) - set(overrides):
            note = (
                f"lessonkit: no bundled widget strings for theme.language '{language}'; the widgets are in "
                f"English. Translate them under the plugin's 'strings' option, or add "
                f"src/lessonkit/locales/{language}.yml to lessonkit (a copy of de.yml, translated)."
            )
    return {**UI_STRINGS, **table, **overrides}, note


def plural(text: Text, count: int, language: str) -> str:
    """The text for ``count`` by the language's CLDR plural rules (Babel's, as
    the script's ``Intl.PluralRules``), or the text itself when it has one form."""
    if isinstance(text, str):
        return text
    try:
        category = Locale.parse(language.replace("-", "_")).plural_form(count)
    except (ValueError, UnknownLocaleError):
        category = "other"
    return text.get(category, text["other"])
