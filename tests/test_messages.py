"""Every usual instructor mistake either loads exactly as written or stops with
file, line, column, field and the fix (issue 10, sections 2 and 3).

Each test writes the mistake into a small file, asserts where the problem is
reported and the words of the fix, and, where the fix is a corrected line,
that the corrected file loads with the text as the instructor wrote it.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit import PracticeFileError, parse_practice_text
from lessonkit.scaffold import scaffold_text
from lessonkit.yaml_mistakes import QUOTE_FIRST

FILE = "quizzes/x.yml"

CARDS = """\
title: A set
sections:
  - type: flashcards
    title: Cards
    cards:
      - front: {front}
        back: {back}
"""
"""A flashcards file: the front is on line 6, its text at column 16; the back on line 7, at column 15."""


def cards(front: str = "q", back: str = "a") -> str:
    return CARDS.format(front=front, back=back)


def problems_of(text: str) -> list:
    with pytest.raises(PracticeFileError) as caught:
        parse_practice_text(text, FILE)
    return caught.value.problems


def only_problem(text: str):
    found = problems_of(text)
    assert len(found) == 1, [str(p) for p in found]
    assert found[0].file == FILE
    return found[0]


def front_of(text: str) -> str:
    return parse_practice_text(text, FILE).sections[0].cards[0].front


# Section 2: nothing wrong is published in silence.


def test_a_yaml_tag_in_a_text_stops_with_the_quoted_line():
    problem = only_problem(cards(front="!important ETag"))
    assert (problem.line, problem.column, problem.path) == (6, 16, "sections[0].cards[0].front")
    assert "'!important' is read as a YAML tag" in problem.message
    assert problem.hint == 'put the text in double quotes: - front: "!important ETag"'
    assert front_of(cards(front='"!important ETag"')) == "!important ETag"


def test_a_yaml_anchor_in_a_text_stops_with_the_quoted_line():
    problem = only_problem(cards(back="&x ETag"))
    assert (problem.line, problem.column, problem.path) == (7, 15, "sections[0].cards[0].back")
    assert "'&x' is read as a YAML anchor" in problem.message
    assert problem.hint == 'put the text in double quotes: back: "&x ETag"'


LABELS_WITH_A_TAG = """\
title: T
sections:
  - type: labeling
    title: Label
    labels: [Safe, {labels}]
    items:
      - text: x
        answer: Safe
      - text: y
        answer:
          {answer}
"""


@pytest.mark.parametrize(
    ("labels", "answer", "where"),
    [
        ("!x Risky", "- Safe", (5, 20)),  # in a flow list, after ", "
        ("Risky", "!x Safe", (11, 11)),  # first on its line
        ("Risky", "- &a Safe", (11, 13)),  # after "- "
    ],
)
def test_a_tag_or_anchor_wherever_a_value_starts_is_found(labels, answer, where):
    problem = only_problem(LABELS_WITH_A_TAG.format(labels=labels, answer=answer))
    assert (problem.line, problem.column) == where
    assert "read as a YAML" in problem.message


def test_an_ampersand_or_bang_inside_words_is_text():
    assert front_of(cards(front="R&D teams say hello!", back="Q&A, no")) == "R&D teams say hello!"


def test_a_comment_that_cuts_a_text_stops_at_the_hash():
    problem = only_problem(cards(front="The ETag header #1 validator"))
    assert (problem.line, problem.column, problem.path) == (6, 32, "sections[0].cards[0].front")
    assert "the text stops before '#1'" in problem.message and "comment" in problem.message
    assert problem.hint.startswith('put the text in double quotes: - front: "The ETag header #1 validator"')
    assert "for a comment, put two spaces before '#' and one after" in problem.hint
    assert front_of(cards(front='"The ETag header #1 validator"')) == "The ETag header #1 validator"


def test_a_hash_right_after_one_space_is_read_as_part_of_the_text_too():
    problem = only_problem(cards(front="Use the header # not the body"))
    assert (problem.line, problem.column) == (6, 31)
    assert "put the text in double quotes" in problem.hint


def test_a_text_starting_with_a_hash_is_not_left_empty_in_silence():
    problem = only_problem(cards(front="#1 rule"))
    assert (problem.line, problem.path) == (6, "sections[0].cards[0].front")
    assert "starts with '#'" in problem.message
    assert problem.hint == 'put the text in double quotes: - front: "#1 rule"'


def test_a_comment_written_as_comments_are_stays_a_comment():
    # Two spaces before '#' and one after: how the scaffold and the old format's examples comment a line.
    assert front_of(cards(front="The ETag header  # the validator")) == "The ETag header"
    assert front_of(cards(front="'It has a # inside'  # and a comment")) == "It has a # inside"


def test_a_comment_cutting_a_text_over_several_lines_stops_too():
    text = cards(front="The ETag\n          header #1 validator")
    problem = only_problem(text)
    assert (problem.line, problem.column, problem.path) == (7, 18, "sections[0].cards[0].front")
    assert "double quotes" in problem.hint


def test_a_folded_block_holding_a_list_stops_and_advises_the_literal_block():
    problem = only_problem(cards(back=">-\n          Steps:\n          - one\n          - two"))
    assert (problem.line, problem.column, problem.path) == (9, 11, "sections[0].cards[0].back")
    assert "joined to the line before" in problem.message and "'>'" in problem.message
    assert "'|' instead of '>'" in problem.hint
    assert "empty line" in problem.hint


def test_a_folded_block_that_is_only_a_list_stops_at_its_second_item():
    problem = only_problem(cards(back=">\n          - one\n          - two\n          - three"))
    assert (problem.line, problem.path) == (9, "sections[0].cards[0].back")


def test_a_list_in_a_literal_block_or_with_blank_lines_loads_as_written():
    back = parse_practice_text(cards(back="|\n          Steps:\n\n          - one\n          - two"), FILE).sections[0].cards[0].back
    assert back == "Steps:\n\n- one\n- two\n"
    folded = ">-\n          - one\n\n          - two"
    assert parse_practice_text(cards(back=folded), FILE).sections[0].cards[0].back == "- one\n- two"


def test_a_folded_paragraph_with_a_dash_in_a_sentence_loads():
    back = ">-\n          Clips run 5\n          - 10 seconds, and the numbers\n          1. and 2. are fine mid-sentence."
    assert parse_practice_text(cards(back=back), FILE).sections[0].cards[0].back.startswith("Clips run 5 - 10 seconds")


def test_a_list_written_as_plain_lines_stops_too():
    problem = only_problem(cards(back="Steps are\n          - one\n          - two"))
    assert (problem.line, problem.path) == (9, "sections[0].cards[0].back")
    assert "'|'" in problem.hint


# Section 3: messages an instructor can act on.


def test_a_tab_used_for_indentation_says_tab_and_spaces():
    text = cards().replace("        back: a", "\tback: a")
    problem = only_problem(text)
    assert (problem.line, problem.column) == (7, 1)
    assert "tab" in problem.message
    assert problem.hint == "indent with spaces"


def test_a_tab_after_spaces_points_at_the_tab():
    problem = only_problem(cards().replace("        back: a", "      \t  back: a"))
    assert (problem.line, problem.column) == (7, 7)
    assert "tab" in problem.message and problem.hint == "indent with spaces"


def test_an_unclosed_quote_points_where_it_opened():
    text = cards(front='"What is it') + "      - front: c\n        back: d\n      - front: e\n        back: f\n"
    problem = only_problem(text)
    assert (problem.line, problem.column, problem.path) == (6, 16, "front")
    assert "not closed" in problem.message
    assert 'end the text with " on this line' in problem.hint


def test_an_unclosed_quote_closed_by_a_later_text_still_points_where_it_opened():
    text = cards(front='"What is it') + '      - front: "c"\n        back: d\n      - front: e\n        back: f\n'
    problem = only_problem(text)
    assert (problem.line, problem.column) == (6, 16)
    assert "not closed" in problem.message


def test_an_unclosed_single_quote_points_where_it_opened():
    problem = only_problem(cards(front="'What is it") + "      - front: c\n        back: d\n")
    assert (problem.line, problem.column) == (6, 16)
    assert "end the text with ' on this line" in problem.hint and "''" in problem.hint


def test_an_apostrophe_inside_single_quotes_suggests_double_quotes():
    problem = only_problem(cards(front="'It's mine'"))
    assert (problem.line, problem.column, problem.path) == (6, 19, "front")
    assert problem.hint.startswith('put the text in double quotes: - front: "It\'s mine"')


@pytest.mark.parametrize(
    "lost",
    [
        "      front: c\n        back: d\n",  # at the dashes' indentation
        "      front: c\n      back: d\n",
    ],
)
def test_an_item_that_lost_its_dash_points_at_that_item(lost):
    text = cards() + lost + "      - front: e\n        back: f\n"
    problem = only_problem(text)
    assert (problem.line, problem.column) == (8, 7)
    assert "does not start with '- '" in problem.message
    assert problem.hint.endswith("- front: c")


def test_an_item_that_lost_its_dash_in_a_list_at_the_fields_indentation():
    # `cards:` and its dashes at the same indentation: YAML reports the line after the mistake.
    text = (
        "title: A set\nsections:\n  - type: flashcards\n    title: Cards\n    cards:\n"
        "    - front: a\n      back: b\n    front: c\n      back: d\n    - front: e\n      back: f\n"
    )
    problem = only_problem(text)
    assert (problem.line, problem.column) == (8, 5)
    assert problem.hint.endswith("- front: c")


def test_an_item_that_lost_its_dash_at_the_fields_indentation_is_a_field_given_twice():
    problem = only_problem(cards() + "        front: c\n        back: d\n")
    assert (problem.line, problem.path) == (8, "sections[0].cards[0].front")
    assert "given twice" in problem.message and "begin it with '- '" in problem.hint


def test_a_field_indented_more_than_the_one_above():
    problem = only_problem("title: x\nsections:\n- type: self-check\n  title: a\n    questions: []\n")
    assert (problem.line, problem.column, problem.path) == (5, 5, "questions")
    assert "indented more than the line above" in problem.message
    assert problem.hint == "indent 'questions:' like the fields beside it"


def test_colon_space_inside_a_text_says_put_it_in_double_quotes():
    problem = only_problem(cards(front="What is X: a thing?"))
    assert (problem.line, problem.column, problem.path) == (6, 25, "front")
    assert "': ' inside a text" in problem.message
    assert problem.hint == 'put the text in double quotes: - front: "What is X: a thing?"'
    assert front_of(cards(front='"What is X: a thing?"')) == "What is X: a thing?"


def test_colon_space_inside_an_option_written_as_a_plain_string():
    text = (
        "title: x\nsections:\n  - type: matching\n    title: M\n    options:\n      - What is X: a thing\n"
        "    items:\n      - text: t\n        answer: a\n"
    )
    found = problems_of(text)
    first = found[0]
    assert (first.line, first.column, first.path) == (6, 9, "sections[0].options[0].What is X")
    assert "': ' inside a text" in first.message
    assert first.hint == 'put the text in double quotes: - "What is X: a thing"'
    assert not any("missing" in problem.message for problem in found), [str(p) for p in found]


TEXTS_THAT_NEED_QUOTES = {
    "`": "`code` here",
    "*": "*bold* here",
    "@": "@user here",
    "&": "&amp; here",
    "!": "!important here",
    "%": "%50 off",
    "[": "[TOC] here",
    "{": "{x} here",
    ">": "> a quote",
    "|": "| a | b |",
}


def test_every_character_that_needs_quotes_is_tried():
    assert sorted(TEXTS_THAT_NEED_QUOTES) == sorted(QUOTE_FIRST)


@pytest.mark.parametrize("first", sorted(TEXTS_THAT_NEED_QUOTES))
def test_a_text_starting_with_a_yaml_character_says_put_it_in_double_quotes(first):
    text = TEXTS_THAT_NEED_QUOTES[first]
    problem = only_problem(cards(front=text))
    assert (problem.line, problem.column) == (6, 16)
    assert problem.path.endswith("front")
    assert problem.hint == f'put the text in double quotes: - front: "{text}"'
    # ... and the corrected line loads with the text as written.
    assert front_of(cards(front=f'"{text}"')) == text


def test_a_text_that_is_only_brackets_is_not_taken_for_a_list_in_silence():
    problem = only_problem(cards(front="[TOC]"))
    assert (problem.line, problem.column, problem.path) == (6, 16, "sections[0].cards[0].front")
    assert problem.message == "expected text, got a list"
    assert problem.hint == 'if it is a text, put the text in double quotes: - front: "[TOC]"'


def test_quotes_and_backslashes_are_escaped_in_the_corrected_line():
    problem = only_problem(cards(front='`a\\b` says "hi"'))
    assert problem.hint == 'put the text in double quotes: - front: "`a\\\\b` says \\"hi\\""'
    assert front_of(cards(front='"`a\\\\b` says \\"hi\\""')) == '`a\\b` says "hi"'


LABELING = """\
title: x
sections:
  - type: labeling
    title: L
    labels: [browser, cdn, origin]
    items:
      - text: Where is the response cached?
        answer: {answer}
"""


def test_a_labeling_answer_with_a_comma_suggests_the_list():
    problem = only_problem(LABELING.format(answer='"browser, cdn"'))
    assert (problem.line, problem.path) == (8, "sections[0].items[0].answer[0]")
    assert problem.hint == "for several labels write a list: answer: [browser, cdn]"
    assert parse_practice_text(LABELING.format(answer="[browser, cdn]"), FILE).sections[0].items[0].answer == ["browser", "cdn"]


def test_a_labeling_answer_with_a_comma_that_names_no_labels_still_suggests_the_nearest():
    problem = only_problem(LABELING.format(answer='"browsr"'))
    assert problem.hint == "did you mean 'browser'?"


def test_an_empty_text_must_not_be_empty():
    problem = only_problem(cards(front='""'))
    assert (problem.line, problem.path) == (6, "sections[0].cards[0].front")
    assert problem.message == "must not be empty"
    assert problem.hint == "write the text"


def test_an_empty_optional_text_may_be_left_out():
    problem = only_problem(cards().replace("    title: Cards\n", "    title: Cards\n    intro: ''\n"))
    assert (problem.line, problem.path, problem.message) == (5, "sections[0].intro", "must not be empty")
    assert problem.hint == "write the text, or leave the field out"


@pytest.mark.parametrize("word", ["null", "~", "Null", "NULL"])
def test_null_in_a_required_text_says_write_the_text_or_quote_the_word(word):
    problem = only_problem(cards(back=word))
    assert (problem.line, problem.column, problem.path) == (7, 15, "sections[0].cards[0].back")
    assert f"'{word}' means no value" in problem.message
    assert problem.hint == f'write the text; to show the word {word} itself, put it in double quotes: back: "{word}"'


def test_null_in_an_optional_text_says_write_it_or_leave_the_field_out():
    problem = only_problem("title: x\nintro: ~\n" + cards().split("\n", 1)[1])
    assert (problem.line, problem.path) == (2, "intro")
    assert problem.hint.startswith("write the text, or leave the field out")


def test_a_field_with_nothing_after_it_has_no_text():
    problem = only_problem(cards(back=""))
    assert (problem.line, problem.path, problem.message) == (7, "sections[0].cards[0].back", "has no text")
    assert problem.hint == "write the text on the same line as 'back:', or use '|' for several lines"


def test_an_empty_list_entry():
    problem = only_problem(cards().replace("      - front: q", "      -\n      - front: q"))
    assert (problem.line, problem.path, problem.message) == (6, "sections[0].cards[0]", "this entry is empty")
    assert "delete the line" in problem.hint


def test_one_column_heading_says_two_are_needed():
    text = (
        "title: x\nsections:\n  - type: matching\n    title: M\n    columns: [Failure]\n    options: [a]\n"
        "    items:\n      - text: t\n        answer: a\n"
    )
    problem = only_problem(text)
    assert (problem.line, problem.path) == (5, "sections[0].columns")
    assert "two headings" in problem.message
    assert problem.hint == "write both: columns: [Failure, Option]"
    three = only_problem(text.replace("[Failure]", "[A, B, C]"))
    assert "two headings" in three.message


@pytest.mark.parametrize(
    ("text", "several"),
    [
        ("title:\n  - a\n" + cards().split("\n", 1)[1], False),  # the page title: one line
        (cards(front="\n          - a"), True),  # a card's front: Markdown
        (cards().replace("    title: Cards\n", "    title: Cards\n    intro:\n      - a\n"), True),
        ("title: x\nsections:\n  - type: matching\n    title: M\n    options:\n      - id:\n          - a\n        text: A\n"
         "    items:\n      - text: t\n        answer: a\n", False),  # an option's id
    ],
)
def test_the_several_lines_hint_only_where_several_lines_are_allowed(text, several):
    found = [problem for problem in problems_of(text) if problem.message == "expected text, got a list"]
    assert len(found) == 1, [str(p) for p in problems_of(text)]
    assert ("or use '|' for several lines" in found[0].hint) is several


def test_a_title_written_over_lines_says_single_line_without_the_hint():
    problem = only_problem(cards().replace("    title: Cards", "    title: |\n      Two\n      lines"))
    assert problem.message == "must be a single line"
    assert "|" not in (problem.hint or "")


# No message shows a sentence of the validation library (pydantic).

PYDANTIC_WORDS = ("Input should", "should have", "should be", "Field required", "Extra inputs", "String should", "Tuple should", "valid dictionary")

FIELDS = st.sampled_from(
    ["title", "lesson", "page", "intro", "credit", "sections", "type", "questions", "question", "answer",
     "options", "items", "labels", "cards", "front", "back", "id", "text", "note", "columns", "key",
     "explanation", "takeaway"]
)
VALUES = st.recursive(
    st.one_of(st.none(), st.sampled_from(["", "x", "a\nb", "self-check", "matching", "labeling", "flashcards", "x.md"])),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(FIELDS, children, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(FIELDS, VALUES, max_size=6))
def test_no_message_is_a_validation_library_sentence(document):
    try:
        parse_practice_text(yaml.safe_dump(document), FILE)
    except PracticeFileError as error:
        for problem in error.problems:
            text = f"{problem.message} {problem.hint or ''}"
            assert not any(words in text for words in PYDANTIC_WORDS), problem


# What was valid stays valid.


def test_the_scaffold_and_the_old_formats_commented_examples_load():
    parse_practice_text(scaffold_text("demo"), FILE)
    old = """\
title: "Practice: Transformers for video generation"   # required, page title (H1)
lesson: lessons/video-generation.md    # optional: the lesson page in content/ this set belongs to
page: practice/video-generation.md     # optional: where the generated page lives in the site;
                                       # default practice/<file stem>.md
intro: |                               # optional Markdown under the title
  Some *intro*.
sections:                              # required, at least one
  - type: matching
    title: "Try it yourself: match the failure to its cause"
    columns: [Failure, Cause]          # optional headings of the two columns
    options:
      - id: captioning                 # short key, unique in the section
        text: Captioning pipeline limitation
        note: caption did not describe what happens over time   # optional
    items:
      - text: Generated 8-second clip shows a character whose hair color subtly drifts ...
        answer: captioning             # an option id
    takeaway: |                        # optional Markdown shown after the answers
      **The pattern:** ...
  - type: labeling
    title: "Try it yourself: which conversation is this?"
    labels:                            # strings, or {id, text, note} as for options
      - IN SCOPE
      - likeness/consent
    items:
      - text: How spacetime patches reduce a 5-second clip from millions of tokens to thousands ...
        answer: IN SCOPE               # one label id, or a list of them
      - text: Whether a generated short film whose actors resemble real celebrities required their consent.
        answer: [IN SCOPE, likeness/consent]
"""
    practice_set = parse_practice_text(old, FILE)
    assert practice_set.sections[0].options[0].note == "caption did not describe what happens over time"
    assert practice_set.sections[1].items[0].answer == ["IN SCOPE"]


@pytest.mark.parametrize("text", ["- item", "? why", ": so"])
def test_a_text_starting_like_a_list_entry_or_a_key_says_put_it_in_double_quotes(text):
    problem = only_problem(cards(front=text))
    assert (problem.line, problem.column, problem.path) == (6, 16, "front")
    assert problem.hint == f'put the text in double quotes: - front: "{text}"'
    assert front_of(cards(front=f'"{text}"')) == text


def test_a_text_starting_with_a_quoted_word_says_quote_the_whole_text():
    problem = only_problem(cards(front='"Hello" she said'))
    assert (problem.line, problem.column, problem.path) == (6, 22, "front")
    assert problem.hint.endswith('- front: "\\"Hello\\" she said"')
    assert front_of(cards(front='"\\"Hello\\" she said"')) == '"Hello" she said'


def test_the_editor_schema_offers_no_null_either():
    import json
    from pathlib import Path

    import jsonschema

    schema = json.loads((Path(__file__).resolve().parent.parent / "quizzes" / "lessonkit.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    document = yaml.safe_load("title: x\nintro: ~\n" + cards().split("\n", 1)[1])
    assert any("None is not of type" in error.message for error in validator.iter_errors(document))
    del document["intro"]
    assert list(validator.iter_errors(document)) == []


def test_a_line_indented_between_two_levels_is_told_as_indentation():
    # The mapping began on a line whose value starts with '[': that line is not blamed.
    problem = only_problem(cards(front="[x]") + "       oops: c\n")
    assert (problem.line, problem.column, problem.path) == (8, 8, "oops")
    assert "indentation" in problem.message
    assert problem.hint == "indent 'oops:' with spaces, like the fields beside it"


def test_the_first_item_that_lost_its_dash_points_at_that_item():
    # Without its dash the first card is a mapping: YAML stops only at the second card.
    text = cards().replace("      - front: q\n        back: a\n", "        front: q\n        back: a\n") + (
        "      - front: c\n        back: d\n"
    )
    problem = only_problem(text)
    assert (problem.line, problem.column) == (6, 7)
    assert "does not start with '- '" in problem.message
    assert problem.hint.endswith("- front: q")


def test_a_text_starting_with_a_bracket_never_closed_points_at_the_bracket():
    problem = only_problem(cards(front="[see the lesson") + "      - front: c\n        back: d\n")
    assert (problem.line, problem.column, problem.path) == (6, 16, "front")
    assert problem.hint == 'put the text in double quotes: - front: "[see the lesson"'


def test_a_list_left_open_points_at_its_bracket():
    problem = only_problem(LABELING.format(answer="[browser, cdn") + "      - text: t\n        answer: cdn\n")
    assert (problem.line, problem.column, problem.path) == (8, 17, "answer")
    assert "not closed" in problem.message and problem.hint == "end it with ']' on the same line"


def test_a_line_of_a_block_indented_less_than_the_text_points_at_that_line():
    text = cards(back=">-\n          First line of the back\n        second line, indented less")
    problem = only_problem(text)
    assert (problem.line, problem.column) == (9, 9)
    assert "finds no ':'" in problem.message
    assert "indent it like that text" in problem.hint


def test_a_section_type_left_empty_names_the_types():
    problem = only_problem(cards().replace("type: flashcards", "type:"))
    assert (problem.line, problem.path, problem.message) == (3, "sections[0].type", "the section has no type")
    assert problem.hint == "write one of: self-check, matching, labeling, flashcards, multiple-choice, exercise"


def test_the_file_s_cross_checks_come_with_a_text_yaml_read_otherwise():
    text = cards(front="!x q") + "        id: same\n      - front: c\n        back: d\n        id: same\n"
    found = {(p.line, p.path) for p in problems_of(text)}
    assert (6, "sections[0].cards[0].front") in found
    assert any(path == "sections[0].cards[1].id" for _, path in found), found


def test_a_one_line_field_written_over_lines_is_folded_as_meant():
    # A title is one line: its lines joined are what it shows, a '- ' in it included.
    text = cards().replace("    title: Cards", "    title: Steps\n      - one\n      - two")
    assert parse_practice_text(text, FILE).sections[0].title == "Steps - one - two"
    # ... while a Markdown text written so stops (test_a_list_written_as_plain_lines_stops_too).
