"""A practice set as the questions an LMS imports, whatever the file format.

A self-check question becomes an essay question (its answer is the grader's
information), a matching section one matching question (each item with its
option; options no item takes are distractors), a labeling section one
multiple-answer question per statement (partial credit: each right label
earns its share), a multiple-choice question a single-answer question (one right
option) or a multiple-answer one. A section whose model's ``exports`` has no ``lms``
(flashcards) is left out, and :attr:`QuestionBank.left_out` says why, in its
model's ``not_exported`` words.

Texts are rendered to HTML by a ``markdown_to_html`` callable configured like
the site; each text is converted on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape, unescape
from typing import TYPE_CHECKING, Any, Union

from ..model import ExerciseSection, LabelingSection, MatchingSection, MultipleChoiceSection, SelfCheckSection

if TYPE_CHECKING:
    from ..loading import LoadedSet
    from ..model import Choice

Html = Callable[[str], str]
"""Markdown to HTML, configured like the site."""

__all__ = [
    "Essay",
    "Matching",
    "MultipleAnswer",
    "QuestionBank",
    "banks",
    "markdown_converter",
    "plain_text",
    "question_bank",
]

_TAG = re.compile(r"<[^>]+>")
_SINGLE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)


def markdown_converter(
    extensions: Sequence[Any], extension_configs: Mapping[str, Any] | None = None
) -> Callable[[str], str]:
    """Markdown to HTML with these extensions, each text converted alone as
    the site's practice texts are (:class:`lessonkit.texts.TextConverter`)."""
    from ..texts import TextConverter

    converter = TextConverter(extensions, extension_configs or {})
    return lambda text: converter.convert_one(text).strip()


def plain_text(html: str) -> str:
    """The text a reader sees in some HTML, on one line."""
    return " ".join(unescape(_TAG.sub("", html)).split())


def inline(html: str) -> str:
    """A one-paragraph text without its paragraph, as the page shows labels and items."""
    match = _SINGLE_PARAGRAPH.match(html)
    return match.group(1) if match and "<p>" not in match.group(1) else html


@dataclass(frozen=True)
class Essay:
    """A question answered in the learner's own words, graded by a person."""

    id: str
    name: str
    text: str
    grader_info: str


@dataclass(frozen=True)
class MatchingPair:
    text: str
    """The item, as HTML."""
    answer: str
    """Its option, as plain text (LMSes show options in a drop-down list)."""


@dataclass(frozen=True)
class Matching:
    """Items each matched with one option; ``distractors`` are options no item takes."""

    id: str
    name: str
    text: str
    pairs: tuple[MatchingPair, ...]
    distractors: tuple[str, ...]
    feedback: str


@dataclass(frozen=True)
class AnswerChoice:
    id: str
    text: str
    """HTML."""
    correct: bool
    feedback: str = ""
    """HTML shown when the learner chose it (multiple choice)."""


@dataclass(frozen=True)
class MultipleAnswer:
    """Tick every right choice: each right one earns 1/n of the marks, each wrong one loses as much.
    ``single``: one right choice, chosen with radio buttons (all or nothing)."""

    id: str
    name: str
    text: str
    choices: tuple[AnswerChoice, ...]
    feedback: str
    single: bool = False

    @property
    def right_count(self) -> int:
        return sum(choice.correct for choice in self.choices)


Question = Union[Essay, Matching, MultipleAnswer]


@dataclass(frozen=True)
class QuestionBank:
    """The questions of one practice set."""

    id: str
    """The set's file stem."""
    title: str
    """The set's title, as plain text."""
    questions: tuple[Question, ...]
    left_out: tuple[str, ...] = field(default=())
    """Why a section of the set is not in the bank, one sentence each."""


def question_bank(loaded: LoadedSet, markdown_to_html: Callable[[str], str]) -> QuestionBank:
    """The questions of a loaded practice set, in the file's order."""
    from ..ids import set_ids

    practice_set = loaded.practice_set
    html = markdown_to_html
    questions: list[Question] = []
    left_out: list[str] = []
    for section, (key, ids) in zip(practice_set.sections, set_ids(loaded.stem, practice_set)):
        title = plain_text(html(section.title))
        intro = html(section.intro) if section.intro else ""
        build = _BUILDERS.get(type(section)) if "lms" in section.exports else None
        if build is None:
            left_out.append(f"{loaded.display}: section '{section.title}' left out: {section.not_exported}")
        else:
            questions.extend(build(section, title, intro, key, ids, html))
    return QuestionBank(loaded.stem, plain_text(html(practice_set.title)), tuple(questions), tuple(left_out))


def _essays(section: SelfCheckSection, title: str, intro: str, key: str, ids: list[str], html: Html) -> list[Question]:
    """A self-check: an essay question per question, its answer the grader's note."""
    return [
        Essay(entry_id, f"{title} {number}", html(question.question), html(question.answer))
        for number, (question, entry_id) in enumerate(zip(section.questions, ids), start=1)
    ]


def _matching(section: MatchingSection, title: str, intro: str, key: str, ids: list[str], html: Html) -> list[Question]:
    """A matching section: one matching question, unused options as distractors."""
    options = {option.id: plain_text(_choice(option, html)) for option in section.options}
    taken = {item.answer for item in section.items}
    explanations = [html(item.explanation) for item in section.items if item.explanation]
    return [
        Matching(
            key,
            title,
            intro or f"<p>{escape(title, quote=False)}</p>",
            tuple(MatchingPair(inline(html(item.text)), options[item.answer]) for item in section.items),
            tuple(text for option_id, text in options.items() if option_id not in taken),
            _join(*explanations, html(section.takeaway) if section.takeaway else ""),
        )
    ]


def _multiple_answers(
    section: LabelingSection, title: str, intro: str, key: str, ids: list[str], html: Html
) -> list[Question]:
    """A labeling section: a multiple-answer question per statement."""
    labels = [(label.id, _choice(label, html)) for label in section.labels]
    return [
        MultipleAnswer(
            entry_id,
            f"{title} {number}",
            _join(intro, html(item.text)),
            tuple(AnswerChoice(label_id, text, label_id in set(item.answer)) for label_id, text in labels),
            html(item.explanation) if item.explanation else "",
        )
        for number, (item, entry_id) in enumerate(zip(section.items, ids), start=1)
    ]


def _multiple_choice(
    section: MultipleChoiceSection, title: str, intro: str, key: str, ids: list[str], html: Html
) -> list[Question]:
    """A multiple-choice section: a question per question, single or multiple answer."""
    return [
        MultipleAnswer(
            entry_id,
            f"{title} {number}",
            _join(intro if number == 1 else "", html(question.question)),
            tuple(
                AnswerChoice(str(position), inline(html(option.text)), option.correct, html(option.feedback) if option.feedback else "")
                for position, option in enumerate(question.options, start=1)
            ),
            html(question.explanation) if question.explanation else "",
            single=question.single,
        )
        for number, (question, entry_id) in enumerate(zip(section.questions, ids), start=1)
    ]


def _exercise_essays(section: ExerciseSection, title: str, intro: str, key: str, ids: list[str], html: Html) -> list[Question]:
    """An exercise: an essay question per task, its answer (if any) the grader's information."""
    return [
        Essay(entry_id, f"{title} {number}" if len(section.tasks) > 1 else title,
              _join(intro if number == 1 else "", html(task.prompt)), html(task.answer) if task.answer else "")
        for number, (task, entry_id) in enumerate(zip(section.tasks, ids), start=1)
    ]


_BUILDERS: dict[type, Callable[..., list[Question]]] = {
    SelfCheckSection: _essays,
    ExerciseSection: _exercise_essays,
    MatchingSection: _matching,
    LabelingSection: _multiple_answers,
    MultipleChoiceSection: _multiple_choice,
}
"""The questions of each section model whose ``exports`` has ``lms``, by model."""


def _choice(choice: Choice, html: Callable[[str], str]) -> str:
    """An option or label as the page shows it: its text, then its note in parentheses."""
    text = inline(html(choice.text))
    return f"{text} ({inline(html(choice.note))})" if choice.note else text


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def banks(sets: Iterable[LoadedSet], markdown_to_html: Callable[[str], str]) -> list[QuestionBank]:
    """A bank per set, in the order given."""
    return [question_bank(loaded, markdown_to_html) for loaded in sets]
