"""Words that fit (issue 21, section 7): the id rule is stated where it is broken,
and look-alike letters (a Cyrillic 'е' in 'mеdia') are named."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from lessonkit import PracticeFileError, parse_practice_text
from lessonkit.lookalikes import latin_twin, lookalike_hint
from sitebuild import build, copy_course, set_config

FILE = "quizzes/x.yml"
RULE = "an id is 1 to 64 characters: letters a-z and A-Z, digits, '-', '_' and '.', starting with a letter or digit"

CARD_WITH_ID = """\
title: A set
sections:
  - type: flashcards
    title: Cards
    cards:
      - front: q
        back: a
        id: {id}
"""
"""The id's value is at line 8, column 13."""


def only_problem(text: str):
    with pytest.raises(PracticeFileError) as caught:
        parse_practice_text(text, FILE)
    [problem] = caught.value.problems
    assert problem.file == FILE
    return problem


IDS = {
    "my card/1": (f"'my card/1' holds a space, and {RULE}", "e.g. 'my-card-1'"),
    "tarj\u0435ta": (f"'tarj\u0435ta' has a Cyrillic '\u0435', and {RULE}", "did you mean 'tarjeta'?"),
    "v\u03bfice": (f"'v\u03bfice' has a Greek '\u03bf', and {RULE}", "did you mean 'voice'?"),
    "vídeo": (f"'vídeo' holds 'í' (LATIN SMALL LETTER I WITH ACUTE), and {RULE}", "e.g. 'video'"),
    "card#2": (f"'card#2' holds '#', and {RULE}", "e.g. 'card-2'"),
    "-first": (f"'-first' starts with '-', and {RULE}", "start it with a letter or digit, e.g. 'first'"),
    "x" * 300: (
        f"is 300 characters long, and {RULE}",
        "shorten it to 64 characters or fewer: an id is a key, which learners never see",
    ),
}


@pytest.mark.parametrize("entry_id", list(IDS), ids=lambda value: value[:12])
def test_an_id_that_breaks_the_rule_says_the_rule_and_the_character(entry_id: str):
    problem = only_problem(CARD_WITH_ID.format(id=entry_id))
    assert (problem.line, problem.column, problem.path) == (8, 13, "sections[0].cards[0].id")
    assert (problem.message, problem.hint) == IDS[entry_id]


def test_the_suggested_ids_are_valid():
    for message, hint in IDS.values():
        if "'" in hint:
            suggested = hint.split("'")[1]
            assert parse_practice_text(CARD_WITH_ID.format(id=suggested), FILE).sections[0].cards[0].id == suggested


MATCHING = """\
title: A set
sections:
  - type: matching
    title: Which medium?
    options: [{options}]
    items:
      - text: A film
        answer: {answer}
"""
"""The answer is at line 8, column 17."""


def test_an_answer_with_a_cyrillic_letter_names_it_and_the_option_meant():
    problem = only_problem(MATCHING.format(options="media, text", answer="m\u0435dia"))
    assert (problem.line, problem.column, problem.path) == (8, 17, "sections[0].items[0].answer")
    assert problem.message == "'m\u0435dia' is not the id of an option of this section"
    assert problem.hint == "'m\u0435dia' has a Cyrillic '\u0435'; did you mean 'media'?"


def test_an_option_id_with_a_cyrillic_letter_is_named_at_the_answer_that_misses_it():
    problem = only_problem(MATCHING.format(options="m\u0435dia, text", answer="media"))
    assert (problem.line, problem.column) == (8, 17)
    assert problem.message == "'media' is not the id of an option of this section"
    assert problem.hint == "did you mean 'm\u0435dia'? It has a Cyrillic '\u0435': write it as 'media' there, and here"


LABELING = """\
title: A set
sections:
  - type: labeling
    title: Safe or not?
    labels: [Safe, Unsafe]
    items:
      - text: A knife
        answer: Uns\u0430fe
"""


def test_a_label_answer_with_a_cyrillic_letter_names_it():
    problem = only_problem(LABELING)
    assert (problem.line, problem.column) == (8, 17)
    assert problem.hint == "'Uns\u0430fe' has a Cyrillic '\u0430'; did you mean 'Unsafe'?"


def test_several_look_alikes_are_named_each_once():
    assert lookalike_hint("\u0440\u0430ss\u0430ge", ["passage"]) == (
        "'\u0440\u0430ss\u0430ge' has a Cyrillic '\u0440' and a Cyrillic '\u0430'; did you mean 'passage'?"
    )


def test_words_of_other_scripts_are_left_alone():
    # A Russian option and a Russian answer: nothing looks like anything.
    text = MATCHING.format(options="\u043c\u0435\u0434\u0438\u0430, \u0442\u0435\u043a\u0441\u0442", answer="\u043c\u0435\u0434\u0438\u0430")
    assert parse_practice_text(text, FILE).sections[0].items[0].answer == "\u043c\u0435\u0434\u0438\u0430"
    assert latin_twin("\u043c\u0435\u0434\u0438\u0430") != "media"
    assert lookalike_hint("cat", ["dog"]) is None


def test_a_latin_letter_in_a_cyrillic_word_is_the_look_alike():
    # 'медиа' typed with a Latin 'e': the Latin letter is the odd one.
    problem = only_problem(MATCHING.format(options="\u043c\u0435\u0434\u0438\u0430, \u0442\u0435\u043a\u0441\u0442", answer="\u043ce\u0434\u0438\u0430"))
    assert problem.hint == "'\u043ce\u0434\u0438\u0430' has a Latin 'e'; did you mean '\u043c\u0435\u0434\u0438\u0430'?"
    problem = only_problem(MATCHING.format(options="\u043ce\u0434\u0438\u0430, \u0442\u0435\u043a\u0441\u0442", answer="\u043c\u0435\u0434\u0438\u0430"))
    assert problem.hint == (
        "did you mean '\u043ce\u0434\u0438\u0430'? It has a Latin 'e': write it as '\u043c\u0435\u0434\u0438\u0430' there, and here"
    )


NAV = [{"Home": "index.md"}, {"Lessons": ["lessons/video-generation.md"]}, {"For instructors": "instructors.md"}]


def nav_titles(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [" ".join(link.get_text().split()) for link in soup.select("nav.md-nav--primary .md-nav__link")]


def test_the_section_gathering_sets_left_out_of_nav_speaks_the_course_language(tmp_path: Path):
    project = copy_course(tmp_path)
    set_config(project, nav=NAV)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  language: en\n", "  language: es\n"), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    assert nav_titles(result.page("index.md"))[-2] == "Práctica"
    (line,) = [line for line in result.output.splitlines() if "not in nav" in line]
    assert "under 'Práctica'" in line and "strings: {nav_practice: ...}" in line


def test_the_section_gathering_sets_left_out_of_nav_is_named_by_the_strings_option(tmp_path: Path):
    project = copy_course(tmp_path)
    set_config(project, nav=[*NAV, {"Drills": ["index.md"]}])
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      quizzes_dir: quizzes\n" in text
    config.write_text(
        text.replace("      quizzes_dir: quizzes\n", "      quizzes_dir: quizzes\n      strings: {nav_practice: Drills}\n"),
        encoding="utf-8",
    )
    result = build(project)
    assert result.returncode == 0, result.output
    titles = nav_titles(result.page("index.md"))
    # The course's own section of that name gathers them: no second one.
    assert titles.count("Drills") == 1 and titles[-1] == "Practice: Transformers for video generation"
