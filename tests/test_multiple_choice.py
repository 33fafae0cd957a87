"""Multiple choice (issue 23 §3): the file's mistakes at their line, the page
without JavaScript, and both LMS exports read back."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from lessonkit import PracticeFileError, parse_practice_text
from lessonkit.cli import main
from sitebuild import build, copy_course, write_files

FILE = "quizzes/x.yml"

SET = """\
title: Choices
sections:
  - type: multiple-choice
    title: Check
    questions:
      - question: Which is planning?
        options:
          - text: Decomposition
            correct: {correct}
            feedback: "Yes: ordered sub-tasks."
          - text: {second}
            feedback: Retrieval fetches facts.
        explanation: Planning orders work.
      - question: Which two?
        options:
          - {{text: One, correct: true}}
          - {{text: Two, correct: true}}
          - {{text: Three}}
"""
"""``correct`` of the first option on line 9; the second option's text on line 11."""


def choices(correct: str = "true", second: str = "Retrieval") -> str:
    return SET.format(correct=correct, second=second)


def problems_of(text: str) -> list:
    with pytest.raises(PracticeFileError) as caught:
        parse_practice_text(text, FILE)
    return caught.value.problems


@pytest.mark.parametrize("true", ["true", "True", "TRUE"])  # YAML 1.2's three spellings
def test_a_valid_set_loads_with_its_flags_read_as_written(true):
    practice = parse_practice_text(choices(correct=true), FILE)
    first, second = practice.sections[0].questions
    assert first.right_numbers == [1] and first.single
    assert second.right_numbers == [1, 2] and not second.single
    assert practice.sections[0].shuffle is False


@pytest.mark.parametrize(("written", "read"), [("yes", "yes"), ("1", "1"), ("on", "on"), ('"right"', "right")])
def test_a_correct_that_is_not_true_or_false_is_named_at_its_line(written, read):
    [problem] = problems_of(choices(correct=written))
    assert (problem.file, problem.line) == (FILE, 9)
    assert problem.path.endswith(".options[0].correct")
    assert problem.message == f"'{read}' is neither true nor false"
    assert problem.hint == "write correct: true or correct: false"


def test_a_question_with_no_correct_option_is_named_at_its_options():
    [problem] = problems_of(choices(correct="false"))
    assert (problem.file, problem.line) == (FILE, 8)  # the options, from their first line
    assert problem.message.endswith("no option of this question is correct")
    assert problem.hint == "mark the right option (or options) with `correct: true`"


def test_two_options_with_one_text_are_named_at_the_second():
    [problem] = problems_of(choices(second="Decomposition"))
    assert (problem.file, problem.line) == (FILE, 11)
    assert problem.message.endswith("option 2 has the same text as option 1")
    assert problem.hint == "give every option of a question its own text"


def test_a_question_needs_two_options():
    text = choices().replace("          - {text: Two, correct: true}\n          - {text: Three}\n", "")
    [problem] = problems_of(text)
    assert (problem.file, problem.line) == (FILE, 16)  # the options, from their first line
    assert problem.path.endswith("questions[1].options")
    assert (problem.message, problem.hint) == ("needs at least 2 entries, has 1", "add 1 more")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    project = copy_course(tmp_path_factory.mktemp("mc"))
    write_files(project, {"quizzes/choices.yml": choices()})
    result = build(project)
    assert result.returncode == 0, result.output
    return project, result


def test_the_page_without_javascript_lists_the_options_and_keeps_the_key_in_a_collapsible(built):
    _, result = built
    html = BeautifulSoup(result.page("practice/choices.md"), "html.parser")
    widget = html.select_one("[data-lk-widget=multiple-choice]")
    questions = widget.select(".lk-mc-question")
    assert [q["data-lk-answer"] for q in questions] == ["1", "1 2"]
    assert [li.get_text() for li in questions[0].select(".lk-mc-option")] == ["Decomposition", "Retrieval"]
    assert questions[1].select_one(".lk-mc-all").get_text() == "Choose all that apply."
    assert questions[0].select_one(".lk-mc-all") is None
    key = widget.select_one("details.lk-answer")
    assert key.summary.get_text() == "Show answer"
    entries = key.select("[data-lk-key]")
    assert " ".join(entries[0].get_text().split()) == (
        "Decomposition. Planning orders work. Decomposition: Yes: ordered sub-tasks. Retrieval: Retrieval fetches facts."
    )
    assert " ".join(entries[1].get_text().split()) == "One; Two"


def test_moodle_and_qti_exports_read_back(built, monkeypatch, capsys):
    project, _ = built
    monkeypatch.chdir(project)
    assert main(["export", "--format", "moodle", str(project / "mc.xml")]) == 0, capsys.readouterr()
    questions = [q for q in ET.parse(project / "mc.xml").getroot().findall("question") if q.findtext("name/text", "").startswith("Check ")]
    single, several = questions
    assert single.findtext("single") == "true"
    assert [(a.findtext("text"), a.get("fraction"), a.find("feedback").findtext("text")) for a in single.findall("answer")] == [
        ("Decomposition", "100", "<p>Yes: ordered sub-tasks.</p>"),
        ("Retrieval", "0", "<p>Retrieval fetches facts.</p>"),
    ]
    assert "Planning orders work." in single.find("generalfeedback").findtext("text")
    assert several.findtext("single") == "false"
    assert [a.get("fraction") for a in several.findall("answer")] == ["50", "50", "-50"]

    assert main(["export", "--format", "qti", str(project / "mc.zip")]) == 0, capsys.readouterr()
    qti = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
    with zipfile.ZipFile(project / "mc.zip") as package:
        name = next(n for n in package.namelist() if n.endswith(".xml") and n != "imsmanifest.xml")
        root = ET.fromstring(package.read(name))
    items = root.iter(f"{qti}item")
    kinds = {}
    for item in items:
        fields = {f.findtext(f"{qti}fieldlabel"): f.findtext(f"{qti}fieldentry") for f in item.iter(f"{qti}qtimetadatafield")}
        kinds[item.get("title")] = (fields["question_type"], item)
    kind, item = kinds["Check 1"]
    assert kind == "multiple_choice_question"
    assert item.find(f".//{qti}response_lid").get("rcardinality") == "Single"
    feedback = {f.get("ident"): "".join(f.itertext()).strip() for f in item.iter(f"{qti}itemfeedback")}
    assert feedback["1_fb"] == "<p>Yes: ordered sub-tasks.</p>" and feedback["2_fb"] == "<p>Retrieval fetches facts.</p>"
    assert kinds["Check 2"][0] == "multiple_answers_question"
