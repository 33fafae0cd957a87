"""Nothing wrong in silence (issue 21, section 5): each text the page would show
wrong is a problem at the line of the YAML file that holds it, with the fix.

Each test writes the mistake into a small file and asserts the file, line,
column, field and words of the message, as tests/test_messages.py does; the
texts the page shows right (void elements, optional end tags, code) load.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import build, copy_course, write_files, zensical_build

from lessonkit import PracticeFileError, parse_practice_text
from lessonkit.loading import load_practice_file
from lessonkit.model import SECTION_MODELS

FILE = "quizzes/x.yml"

CARDS = """\
title: A set
sections:
  - type: flashcards
    title: Cards
    cards:
      - front: q
        back: {back}
"""
"""A flashcards file: the back is on line 7, its text at column 15 (a block's lines from line 8)."""


def cards(back: str) -> str:
    return CARDS.format(back=back)


def block(*lines: str, style: str = "|") -> str:
    """A block text for ``back``: its header, then each line (from line 8) indented under it."""
    return style + "".join("\n" + (" " * 10 + line if line else "") for line in lines)


def only_problem(text: str):
    with pytest.raises(PracticeFileError) as caught:
        parse_practice_text(text, FILE)
    found = caught.value.problems
    assert len(found) == 1, [str(p) for p in found]
    assert found[0].file == FILE
    return found[0]


def back_of(text: str) -> str:
    return parse_practice_text(text, FILE).sections[0].cards[0].back


# Blank texts.


def test_a_card_back_of_only_spaces_is_a_problem_at_its_line():
    problem = only_problem(cards('"   "'))
    assert (problem.line, problem.column, problem.path) == (7, 15, "sections[0].cards[0].back")
    assert problem.message == "holds only spaces: the learner would see nothing"
    assert problem.hint == "write the text"


def test_an_optional_text_of_only_line_breaks_says_leave_it_out():
    text = 'title: A set\nintro: "\\n\\t\\n"\nsections:\n  - type: flashcards\n    title: Cards\n    cards:\n      - {front: q, back: a}\n'
    problem = only_problem(text)
    assert (problem.line, problem.column, problem.path) == (2, 8, "intro")
    assert problem.message == "holds only spaces: the learner would see nothing"
    assert problem.hint == "write the text, or leave the field out"


# Embed lines in texts.


def test_a_practice_line_in_a_text_is_a_problem_at_its_line():
    problem = only_problem(cards(block("See the drill:", "", "[[practice: x#1]]")))
    assert (problem.line, problem.column, problem.path) == (10, 11, "sections[0].cards[0].back")
    assert problem.message == (
        "'[[practice: x#1]]' would be shown as written: a [[practice: ...]] line works in a page of the docs folder, not in a practice text"
    )
    assert problem.hint == "put the line in a Markdown page such as the lesson, or write it in backquotes to show it as code"


def test_a_progress_line_in_a_text_is_a_problem_at_its_line():
    text = "title: A set\ncredit: |\n  Made by us.\n\n  [[practice-progress]]\nsections:\n  - type: flashcards\n    title: Cards\n    cards:\n      - {front: q, back: a}\n"
    problem = only_problem(text)
    assert (problem.line, problem.column, problem.path) == (5, 3, "credit")
    assert problem.message.startswith("'[[practice-progress]]' would be shown as written: a [[practice-progress]] line works in a page")


def test_a_practice_line_shown_as_code_in_a_text_loads():
    back = block("Write `[[practice: x#1]]` in a page:", "", "```", "[[practice: x#2]]", "```", "", "    [[practice-progress]]")
    assert "[[practice: x#2]]" in back_of(cards(back))


def test_a_practice_line_after_a_code_span_at_the_line_start_is_a_problem():
    # The line starts with a code span: it is not indented code once the span is read.
    problem = only_problem(cards(block("`[[practice: x#1]]` shows it; this uses it: [[practice: x#2]]")))
    assert problem.path == "sections[0].cards[0].back"
    assert problem.message.startswith("'[[practice: x#2]]' would be shown as written")


# HTML that escapes its widget, or swallows what follows.


def test_an_answer_closing_its_widget_is_a_problem_at_the_tag():
    text = (
        "title: A set\nsections:\n  - type: self-check\n    title: Check\n    questions:\n      - question: q\n"
        "        answer: |\n          Fine so far.\n          Then</details></li></ol><h2>Out</h2>\n"
    )
    problem = only_problem(text)
    assert (problem.line, problem.column, problem.path) == (9, 11, "sections[0].questions[0].answer")
    assert problem.message == "'</details>' closes an element this text did not open: the rest of the text would fall out of its widget"
    assert problem.hint == "remove '</details>', or open <details> in the same text"


@pytest.mark.parametrize(("tag", "name"), [('<div class="note">', "div"), ("<details>", "details")])
def test_an_element_left_open_is_a_problem_at_its_tag(tag, name):
    problem = only_problem(cards(block("One paragraph.", "", tag, "More.")))
    assert (problem.line, problem.column, problem.path) == (10, 11, "sections[0].cards[0].back")
    assert problem.message == f"'{tag}' is not closed in this text: it would swallow what follows it on the page"
    assert problem.hint == f"close it in the same text with '</{name}>'"


def test_a_word_in_angle_brackets_is_read_as_a_tag():
    problem = only_problem(cards("A List<T> holds items of type T"))
    assert (problem.line, problem.column) == (7, 15)
    assert problem.message == "'<T>' is read as an HTML tag: the page would not show it"
    assert problem.hint == "to show it, write it in backquotes as code (`<T>`) or as &lt;T&gt;"


@pytest.mark.parametrize(
    "back",
    [
        '"Line<br>break, <img src=x.png alt=x> and <hr/>"',
        '"<p>One<p>Two"',
        '"<ul><li>a<li>b</ul>"',
        '"<table><tr><td>a<td>b<tr><td>c</table>"',
        '"<details><summary>Why</summary>Because.</details>"',
        '"The tag `<div>` opens a block"',
        '"<https://example.org> is a link"',
        '"x < y and y > z, a <= b, <3"',
        '"<kbd>Ctrl</kbd>+<kbd>C</kbd> <!-- a comment -->"',
        '"Math: $a<b$ and $c>d$, \\\\(x<y\\\\) and \\\\(y>z\\\\)"',
        block("```html", "<div>", "</details>", "```"),
        block("Code:", "", "    <div>"),
    ],
)
def test_html_the_page_shows_right_loads(back):
    assert back_of(cards(back))


# A list written right after a line: one paragraph with dashes on the page.

LITERAL = ("this list item is joined to the line before: a list needs an empty line before it, "
           "or the page shows one paragraph with the dashes in it")
FOLDED_BLANK = ("this list item is joined to the line before: YAML makes one line break of the empty line before it, "
                "and a list needs an empty line before it")
TO_LITERAL = "write '|' after the field name and the text on the lines below, one item a line, with an empty line before the list"


@pytest.mark.parametrize("style", ["|", "|-", "|+"])
def test_a_list_right_after_a_line_in_a_literal_block_is_a_problem_at_the_item(style):
    problem = only_problem(cards(block("Line one.", "Two causes:", "- captions", "- horizon", style=style)))
    assert (problem.line, problem.column, problem.path) == (10, 11, "sections[0].cards[0].back")
    assert problem.message == LITERAL
    assert problem.hint == "leave an empty line between the line before and the list"


def test_a_numbered_list_from_one_right_after_a_line_is_a_problem_too():
    problem = only_problem(cards(block("Steps:", "1. open", "2. close")))
    assert (problem.line, problem.message) == (9, LITERAL)


@pytest.mark.parametrize(
    ("back", "line"),
    [
        (block("Two causes:", "", "- captions", "", "- horizon", style=">-"), 10),  # the empty line is one line break
        ("The causes are\n\n          - captions\n\n          - horizon", 9),  # plain, over several lines
        ('"Two causes:\n\n          - captions\n\n          - horizon"', 9),  # double quotes, over several lines
        ("'Two causes:\n\n          - captions'", 9),  # single quotes
    ],
    ids=["folded", "plain", "double-quoted", "single-quoted"],
)
def test_a_list_after_an_empty_line_of_a_folded_text_is_a_problem_at_the_item(back, line):
    problem = only_problem(cards(back))
    assert (problem.line, problem.column, problem.path) == (line, 11, "sections[0].cards[0].back")
    assert problem.message == FOLDED_BLANK
    assert problem.hint == TO_LITERAL


def test_a_list_folded_into_a_quoted_text_is_a_problem_at_the_item():
    problem = only_problem(cards('"Two causes:\n          - captions\n          - horizon"'))
    assert (problem.line, problem.column) == (8, 11)
    assert problem.message == "this list item is joined to the line before: YAML makes one line of a quoted text written over several lines"
    assert problem.hint == TO_LITERAL


def test_a_list_after_a_written_line_break_is_a_problem_at_the_text():
    problem = only_problem(cards('"Two causes:\\n- captions\\n- horizon"'))
    assert (problem.line, problem.column) == (7, 15)
    assert problem.message == LITERAL
    assert problem.hint == TO_LITERAL


@pytest.mark.parametrize(
    "back",
    [
        block("Two causes:", "", "- captions", "- horizon"),
        block("- an item", "  its second line", "lazily continued", "- the next item"),
        block("## Causes", "- captions", "- horizon"),
        block("It came out in", "2023. It was trained on clips", "of ten seconds."),
        block("Code:", "", "```", "x = 1", "- not a list", "```"),
        block("Code:", "", "    x = 1", "    - not a list"),
        block("A rule below", "", "---", "", "* * *"),
        block("Clips run 5", "- 10 seconds", style=">-"),
    ],
)
def test_lists_markdown_reads_as_lists_and_prose_load(back):
    assert back_of(cards(back))


# A problem inside a block, at the line that holds it.


def test_a_problem_deep_in_a_literal_block_is_at_its_line_not_the_first():
    back = block(*(f"Line {number}." for number in range(1, 30)), "Then <div> here.", style="|-")
    problem = only_problem(cards(back))
    assert (problem.line, problem.column) == (37, 11)


def test_a_problem_in_a_folded_block_is_at_its_line():
    back = block("A long paragraph", "folded over", "several lines </div> and", "more.", style=">-")
    problem = only_problem(cards(back))
    assert (problem.line, problem.column) == (10, 11)
    assert problem.message.startswith("'</div>' closes an element")


# check and the build alike, on a copy of the course.


def check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lessonkit.cli", "check"], cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=120, check=False,
    )


def test_check_and_build_report_a_link_and_a_practice_line_deep_in_a_block_at_their_lines(tmp_path: Path) -> None:
    project = copy_course(tmp_path)
    write_files(project, {"quizzes/deep.yml": (
        "title: Deep\nsections:\n  - type: flashcards\n    title: Cards\n    cards:\n      - front: Where?\n        back: |\n"
        + "".join(f"          Line {number}.\n" for number in range(1, 9))
        + "          See [nowhere](../nowhere.md).\n"
        + "      - front: And?\n        back: |\n          Here:\n\n          [[practice: video-generation#1]]\n"
    )})
    embed = (
        "quizzes/deep.yml:21:11: sections[0].cards[1].back: '[[practice: video-generation#1]]' would be shown as written: "
        "a [[practice: ...]] line works in a page of the docs folder, not in a practice text "
        "(put the line in a Markdown page such as the lesson, or write it in backquotes to show it as code)"
    )
    done, built = check(project), build(project)
    assert done.returncode == 1 and built.returncode != 0
    assert [line for line in done.stdout.splitlines() if line.startswith("quizzes/deep.yml")] == [embed], done.stdout
    assert embed in built.output, built.output
    # A file that loads has its links checked: the broken one is reported at its line too.
    path = project / "quizzes" / "deep.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("[[practice: video-generation#1]]", "the drill"), encoding="utf-8")
    link = (
        "quizzes/deep.yml:16:11: sections[0].cards[0].back: link '../nowhere.md' points to no page or file of the "
        "site (links in practice texts are relative to the set's page practice/deep.md: write the path from there)"
    )
    done, built = check(project), build(project)
    assert done.returncode == 1 and built.returncode != 0
    assert [line for line in done.stdout.splitlines() if line.startswith("quizzes/deep.yml")] == [link], done.stdout
    assert link in built.output, built.output


# Two options or labels the learner cannot tell apart: a warning, which --strict stops.

DUPLICATES = """\
title: Twins
sections:
  - type: matching
    title: Match
    options:
      - id: first
        text: The first option
      - id: again
        text: "The  first option"
    items:
      - {text: An item, answer: first}
  - type: labeling
    title: Label
    labels: [Safe, Risky, safe]
    items:
      - {text: A statement, answer: Safe}
"""


def test_two_options_or_labels_with_one_text_are_warnings_at_the_second(tmp_path: Path) -> None:
    path = tmp_path / "twins.yml"
    path.write_text(DUPLICATES, encoding="utf-8")
    loaded = load_practice_file(path, "quizzes/twins.yml")  # the file loads: a warning is not an error
    assert [str(problem) for problem in loaded.warnings()] == [
        "quizzes/twins.yml:9:15: sections[0].options[1].text: 'The  first option' is also the text of option 1: "
        "the learner would see two identical choices (give each option its own text, or a note that tells them apart)",
        "quizzes/twins.yml:14:27: sections[1].labels[2].text: 'safe' is also the text of label 1: "
        "the learner would see two identical choices (give each label its own text, or a note that tells them apart)",
    ]


def test_options_told_apart_by_their_notes_are_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "notes.yml"
    path.write_text(DUPLICATES.replace('        text: "The  first option"\n', '        text: The first option\n        note: the other one\n')
                    .replace("[Safe, Risky, safe]", "[Safe, Risky]"), encoding="utf-8")
    assert load_practice_file(path).warnings() == []


def test_duplicate_texts_fail_check_and_the_strict_build_not_the_build(tmp_path: Path) -> None:
    project = copy_course(tmp_path)
    write_files(project, {"quizzes/twins.yml": DUPLICATES})
    done = check(project)
    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if line.startswith("quizzes/twins.yml")]
    assert [line.split(": ", 2)[0] for line in lines] == ["quizzes/twins.yml:9:15", "quizzes/twins.yml:14:27"], done.stdout
    strict = build(project)
    assert strict.returncode != 0
    assert all(f"lessonkit: {line}" in strict.output for line in lines), strict.output
    relaxed = build(project, strict=False)
    assert relaxed.returncode == 0, relaxed.output
    assert all(f"WARNING -  lessonkit: {line}" in relaxed.output for line in lines), relaxed.output


@pytest.mark.parametrize("kind", list(SECTION_MODELS))
def test_every_section_type_checks_its_texts(kind):
    # A type with reference problems of its own must keep the checks of every text (super()).
    section = parse_practice_text("title: T\nsections:\n" + SECTION_MODELS[kind].example, FILE).sections[0]
    blank = section.model_copy(update={"intro": "  "})
    assert [(problem.path, problem.message) for problem in blank.reference_problems()] == [
        (("intro",), "holds only spaces: the learner would see nothing")
    ]


def test_duplicate_texts_are_warned_of_once_on_zensical(tmp_path: Path) -> None:
    project = copy_course(tmp_path)
    write_files(project, {"quizzes/twins.yml": DUPLICATES, "content/practice/twins.md": "[[practice: twins]]\n"})
    result = zensical_build(project)
    warnings = [line for line in result.output.splitlines() if "identical choices" in line]
    assert [line.split(": '")[0] for line in warnings] == [
        "Warning: lessonkit: quizzes/twins.yml:9:15: sections[0].options[1].text",
        "Warning: lessonkit: quizzes/twins.yml:14:27: sections[1].labels[2].text",
    ], result.output
