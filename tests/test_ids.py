"""Stable ids: the same across rebuilds and reorderings, new only for an edited entry."""

from __future__ import annotations

import pytest

from lessonkit.ids import set_ids
from lessonkit.loading import parse_practice_text
from lessonkit.problems import PracticeFileError

SET = """\
title: T
sections:
  - type: flashcards
    title: Cards
    cards:
      - {front: One, back: "1"}
      - {front: Two, back: "2"}
      - {front: Three, back: "3", id: third}
  - type: self-check
    title: Questions
    questions:
      - {question: Why?, answer: Because.}
"""


def ids(text: str) -> list[tuple[str, list[str]]]:
    return set_ids("demo", parse_practice_text(text, "demo.yml"))


def test_ids_are_stable_and_named_by_set_and_section() -> None:
    first = ids(SET)
    assert first == ids(SET)
    (cards, card_ids), (questions, question_ids) = first
    assert cards == "demo/cards" and questions == "demo/questions"
    assert all(found.startswith("demo/cards/") for found in card_ids[:2])
    assert card_ids[2] == "demo/third"
    assert len(set(card_ids)) == 3


def test_reordering_keeps_ids_and_editing_changes_only_that_entry() -> None:
    (_, before), _ = ids(SET)
    reordered = SET.replace('      - {front: One, back: "1"}\n      - {front: Two, back: "2"}\n',
                            '      - {front: Two, back: "2"}\n      - {front: One, back: "1"}\n')
    (_, after), _ = ids(reordered)
    assert after == [before[1], before[0], before[2]]
    edited = SET.replace("front: One", "front: Uno").replace("front: Three", "front: Tres")
    (_, changed), _ = ids(edited)
    assert changed[0] != before[0]
    assert changed[1:] == before[1:]  # the edited card with its own id keeps it


def test_sections_moved_keep_their_ids_and_repeated_texts_differ() -> None:
    (_, cards), (_, questions) = ids(SET)
    head, first, second = SET.split("  - type: ")
    swapped = head + "  - type: " + second + "  - type: " + first
    (_, questions2), (_, cards2) = ids(swapped if swapped.endswith("\n") else swapped + "\n")
    assert (cards2, questions2) == (cards, questions)
    twice = SET.replace("front: Two", "front: One")
    (_, repeated), _ = ids(twice)
    assert len(set(repeated)) == 3


def test_duplicate_own_id_is_reported_with_its_line() -> None:
    text = SET.replace("{question: Why?, answer: Because.}", "{question: Why?, answer: Because., id: third}")
    with pytest.raises(PracticeFileError) as error:
        parse_practice_text(text, "demo.yml")
    (problem,) = error.value.problems
    assert (problem.line, problem.path) == (12, "sections[1].questions[0].id")
    assert "also the id of sections[0].cards[2]" in problem.message


def test_an_id_with_spaces_is_refused() -> None:
    with pytest.raises(PracticeFileError) as error:
        parse_practice_text(SET.replace("id: third", "id: my card"), "demo.yml")
    assert error.value.problems[0].path == "sections[0].cards[2].id"
