"""The worksheet's answer key: every section type's answers, numbered as on the page."""

from __future__ import annotations

import pytest

from lessonkit import parse_practice_text
from lessonkit.model import SECTION_MODELS

SET = """\
title: Example
sections:
  - type: multiple-choice
    title: Choose
    questions:
      - question: Which is planning?
        options:
          - text: Decomposition
            correct: true
          - text: Retrieval
      - question: Which are colours?
        options:
          - text: Red
            correct: true
          - text: Seven
          - text: Blue
            correct: true
  - type: matching
    title: Match
    options: [one, two]
    items:
      - text: 1
        answer: one
      - text: 2
        answer: two
        key: the second
  - type: labeling
    title: Label
    labels: [in, out]
    items:
      - text: x
        answer: [in, out]
"""


def test_the_key_gives_the_right_options_numbers_and_labels():
    sections = parse_practice_text(SET, "example.yml").sections
    assert [section.answer_key() for section in sections] == [
        [("1", "Decomposition"), ("2", "Red; Blue")],
        [("A", "&rarr; 1: one"), ("B", "&rarr; 2: the second")],
        [("A", "in, out")],
    ]


@pytest.mark.parametrize("name", SECTION_MODELS)
def test_every_type_gives_one_answer_an_entry(name):
    model = SECTION_MODELS[name]
    (section,) = parse_practice_text("title: Example\nsections:\n" + model.example, "example.yml").sections
    # every entry with an answer (an exercise's task may have none: it is not in the key)
    answered = [entry for entry in getattr(section, section.entries) if getattr(entry, "answer", "") is not None]
    assert answered and len(section.answer_key()) == len(answered)


def test_an_exercise_key_holds_the_tasks_with_an_answer_numbered_as_on_the_page():
    text = (
        "title: Example\nsections:\n  - type: exercise\n    title: Try it\n    tasks:\n"
        "      - prompt: Plan it.\n        answer: A plan.\n"
        "      - prompt: Run it and watch.\n"
        "      - prompt: Say what you saw.\n        answer: It ran.\n"
    )
    (section,) = parse_practice_text(text, "example.yml").sections
    assert section.answer_key() == [("1", "A plan."), ("3", "It ran.")]
