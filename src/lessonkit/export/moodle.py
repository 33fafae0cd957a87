"""Question banks as Moodle XML, the format Moodle imports natively.

Follows the Moodle XML format of Moodle 4.x and 5.0 (docs.moodle.org, "Moodle
XML format"); Moodle's core cannot import QTI. Each practice set is a
category ``<course>/<set title>`` holding its questions: ``essay`` (the answer
as the grader's information), ``matching`` (options no item takes as extra
answers), and ``multichoice`` with ``single`` false for each labeling
statement: each right label earns 1/n of the marks, each wrong one loses
1/n (Moodle keeps a question's mark between 0 and full).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from .questions import Essay, Matching, MultipleAnswer, Question, QuestionBank

__all__ = ["GRADE_FRACTIONS", "MARK", "UnsupportedGrade", "moodle_xml"]

MARK = b"<!-- Written by lessonkit export"
"""The comment that opens every file this module writes, after the XML declaration:
``lessonkit export`` replaces a file that starts with it and no other (Moodle ignores comments)."""

GRADE_FRACTIONS = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                   16.66667, 14.28571, 12.5, 11.11111, 10, 5)
"""The grades (percent) Moodle accepts for an answer; an import stops on any other."""

_MAX_IDNUMBER = 100  # Moodle's question idnumber column


class UnsupportedGrade(Exception):
    """A labeling statement with a number of right labels that Moodle's grades cannot share out."""


def moodle_xml(course: str, banks: Sequence[QuestionBank]) -> bytes:
    """A Moodle XML file of every bank's questions, each bank in its own category.

    Raises :class:`UnsupportedGrade` when a statement has a number of right
    labels whose share (100/n) is not one of Moodle's grades (n = 1-10 or 20).
    """
    quiz = ET.Element("quiz")
    for bank in banks:
        category = ET.SubElement(quiz, "question", type="category")
        _text(ET.SubElement(category, "category"), f"$course$/top/{_category(course)}/{_category(bank.title)}")
        _text(ET.SubElement(category, "info", format="html"), "")
        for question in bank.questions:
            quiz.append(_question(question))
    ET.indent(quiz)
    mark = MARK + b" (Moodle XML); it replaces this file when run again. -->\n"
    return b"<?xml version='1.0' encoding='UTF-8'?>\n" + mark + ET.tostring(quiz, encoding="UTF-8") + b"\n"


def fraction(share: float) -> str:
    """A grade as Moodle writes it: ``33.33333``, ``50``, ``-25``."""
    return f"{share:.5f}".rstrip("0").rstrip(".")


def _question(question: Question) -> ET.Element:
    kind = {Essay: "essay", Matching: "matching", MultipleAnswer: "multichoice"}[type(question)]
    element = ET.Element("question", type=kind)
    _text(ET.SubElement(element, "name"), question.name)
    _html(element, "questiontext", question.text)
    _html(element, "generalfeedback", getattr(question, "feedback", ""))
    _value(element, "defaultgrade", "1")
    _value(element, "penalty", "0")
    _value(element, "hidden", "0")
    _value(element, "idnumber", question.id if len(question.id) <= _MAX_IDNUMBER else "")
    if isinstance(question, Essay):
        for name, value in (("responseformat", "editor"), ("responserequired", "1"), ("responsefieldlines", "10"),
                            ("attachments", "0"), ("attachmentsrequired", "0")):
            _value(element, name, value)
        _html(element, "graderinfo", question.grader_info)
        _html(element, "responsetemplate", "")
    elif isinstance(question, Matching):
        _value(element, "shuffleanswers", "true")
        for pair in question.pairs:
            sub = ET.SubElement(element, "subquestion", format="html")
            _text(sub, pair.text)
            _text(ET.SubElement(sub, "answer"), pair.answer)
        for distractor in question.distractors:
            # An option no item takes: a subquestion without text (Moodle's own way).
            sub = ET.SubElement(element, "subquestion", format="html")
            _text(sub, "")
            _text(ET.SubElement(sub, "answer"), distractor)
    elif question.single:
        _value(element, "single", "true")
        _value(element, "shuffleanswers", "false")
        _value(element, "answernumbering", "abc")
        for choice in question.choices:
            answer = ET.SubElement(element, "answer", fraction="100" if choice.correct else "0", format="html")
            _text(answer, choice.text)
            _html(answer, "feedback", choice.feedback)
    else:
        right = question.right_count
        share = 100 / right
        if not any(abs(share - grade) < 1e-4 for grade in GRADE_FRACTIONS):
            raise UnsupportedGrade(
                f"'{question.name}' has {right} right labels: Moodle can share marks out among 1-10 or 20 answers only"
            )
        _value(element, "single", "false")
        _value(element, "shuffleanswers", "false")
        _value(element, "answernumbering", "abc")
        for choice in question.choices:
            answer = ET.SubElement(element, "answer", fraction=fraction(share if choice.correct else -share), format="html")
            _text(answer, choice.text)
            _html(answer, "feedback", choice.feedback)
    return element


def _category(name: str) -> str:
    # A '/' separates categories in the path: one inside a name is doubled.
    return name.replace("/", "//")


def _text(parent: ET.Element, text: str) -> None:
    ET.SubElement(parent, "text").text = text


def _html(parent: ET.Element, name: str, html: str) -> None:
    _text(ET.SubElement(parent, name, format="html"), html)


def _value(parent: ET.Element, name: str, value: str) -> None:
    ET.SubElement(parent, name).text = value
