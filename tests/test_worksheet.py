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
    assert len(section.answer_key()) == len(getattr(section, section.entries))
