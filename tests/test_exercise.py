"""Exercises and reveal labels (issue 23 §1 and §2): the issue's example built,
the file's mistakes at their line, the progress line, both LMS exports read back."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile

import pytest
from bs4 import BeautifulSoup

from lessonkit import PracticeFileError, parse_practice_text
from lessonkit.cli import main
from sitebuild import build, copy_course, write_files

FILE = "quizzes/x.yml"

EXAMPLE = """\
title: Exercises
sections:
  - type: exercise
    title: "Try it yourself: decompose a goal at the right grain"
    intro: No tooling, no cost; this is design judgment.
    tasks:
      - prompt: |
          > **Goal:** "Onboard a new hire: get them a laptop, accounts, and a first-week schedule."
        answer: |
          Order the laptop first; accounts need it.
        answer_label: Show a sample plan
    takeaway: Plans are ordered sub-tasks.
  - type: exercise
    title: Drill
    counted: false
    answer_label: Check your work
    tasks:
      - prompt: Run `ls` and read the output.
      - prompt: Predict what `echo 1` prints.
        answer: It prints 1.
        answer_shown: true
      - prompt: Count the files.
        answer: Three.
  - type: self-check
    title: Self-check
    answer_label: What you'll see
    questions:
      - question: Section label?
        answer: Yes.
      - question: Own label?
        answer: Also yes.
        answer_label: Show one possible answer
"""


def problems_of(text: str) -> list:
    with pytest.raises(PracticeFileError) as caught:
        parse_practice_text(text, FILE)
    return caught.value.problems


BAD = """\
title: Bad
sections:
  - type: exercise
    title: Bad
    tasks:
      - prompt: Fine.
        answer_shown: true
      - prompt: ""
        answer: Something.
      - prompt: Third.
        anwser: Typo.
"""


def test_answer_shown_without_an_answer_is_named_at_its_line_with_a_fix():
    problems = problems_of(BAD.replace('      - prompt: ""\n        answer: Something.\n', "").replace("        anwser: Typo.\n", ""))
    [problem] = problems
    assert (problem.file, problem.line) == (FILE, 7)
    assert "answer_shown" in problem.message and "without an answer" in problem.message
    assert problem.hint == "add the task's `answer`, or remove `answer_shown`"


def test_an_empty_prompt_and_an_unknown_field_are_named_at_their_lines():
    problems = problems_of(BAD.replace("        answer_shown: true\n", ""))
    by_line = {problem.line: problem for problem in problems}
    assert set(by_line) == {7, 10}, [(p.line, p.message) for p in problems]
    assert all(problem.file == FILE and problem.hint for problem in problems)
    assert "anwser" in by_line[10].message and "answer" in by_line[10].hint


def test_the_example_loads():
    practice = parse_practice_text(EXAMPLE, FILE)
    first = practice.sections[0]
    assert first.tasks[0].answer_label == "Show a sample plan" and first.counted is True
    assert practice.sections[1].counted is False


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    project = copy_course(tmp_path_factory.mktemp("ex"))
    write_files(project, {"quizzes/exercises.yml": EXAMPLE})
    result = build(project)
    assert result.returncode == 0, result.output
    return project, result


def test_one_task_is_not_a_numbered_question_and_its_label_is_its_own(built):
    _, result = built
    html = BeautifulSoup(result.page("practice/exercises.md"), "html.parser")
    first, drill = html.select("[data-lk-widget=exercise]")
    assert first.name == "div" and not first.select("ol, li")
    assert first.select_one("details.lk-answer > summary").get_text() == "Show a sample plan"
    assert "Onboard a new hire" in first.select_one(".lk-task blockquote").get_text()
    assert drill.name == "ol" and len(drill.select(":scope > li.lk-task")) == 3


def test_a_task_without_answer_is_its_prompt_alone_and_a_shown_answer_has_no_collapsible(built):
    _, result = built
    html = BeautifulSoup(result.page("practice/exercises.md"), "html.parser")
    alone, shown, hidden = html.select("[data-lk-widget=exercise]")[1].select(".lk-task")
    assert alone.select(".lk-answer, details") == [] and "Run" in alone.get_text()
    assert shown.select("details") == [] and shown.select_one(".lk-answer").get_text().strip() == "It prints 1."
    assert hidden.select_one("details.lk-answer > summary").get_text() == "Check your work"  # the section's label


def test_self_check_labels_section_level_and_own(built):
    _, result = built
    html = BeautifulSoup(result.page("practice/exercises.md"), "html.parser")
    summaries = [s.get_text() for s in html.select("[data-lk-widget=self-check] details.lk-answer > summary")]
    assert summaries == ["What you'll see", "Show one possible answer"]


def test_counted_false_leaves_the_section_out_of_the_progress_line(built):
    _, result = built
    html = BeautifulSoup(result.page("practice/exercises.md"), "html.parser")
    widgets = {w["data-lk-section"]: w["data-lk-widget"] for w in html.select("[data-lk-widget]")}
    counted = [key for key, kind, _ in json.loads(html.select_one("[data-lk-sections]")["data-lk-sections"])]
    exercise_keys = [key for key, widget in widgets.items() if widget == "exercise"]
    assert exercise_keys[0] in counted and exercise_keys[1] not in counted
    assert "1 exercises done" not in html.get_text()  # one exercise counted: "0 of 1"


def test_moodle_and_qti_exports_are_essays_with_the_answer_for_the_grader(built, monkeypatch, capsys):
    project, _ = built
    monkeypatch.chdir(project)
    assert main(["export", "--format", "moodle", str(project / "ex.xml")]) == 0, capsys.readouterr()
    questions = {q.findtext("name/text"): q for q in ET.parse(project / "ex.xml").getroot().findall("question")}
    plan = questions["Try it yourself: decompose a goal at the right grain"]
    assert plan.get("type") == "essay"
    assert "Onboard a new hire" in plan.findtext("questiontext/text")
    assert "Order the laptop first" in plan.findtext("graderinfo/text")
    assert questions["Drill 3"].get("type") == "essay" and "Three." in questions["Drill 3"].findtext("graderinfo/text")

    assert main(["export", "--format", "qti", str(project / "ex.zip")]) == 0, capsys.readouterr()
    qti = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
    with zipfile.ZipFile(project / "ex.zip") as package:
        name = next(n for n in package.namelist() if n.endswith(".xml") and n != "imsmanifest.xml")
        root = ET.fromstring(package.read(name))
    items = {item.get("title"): item for item in root.iter(f"{qti}item")}
    item = items["Try it yourself: decompose a goal at the right grain"]
    fields = {f.findtext(f"{qti}fieldlabel"): f.findtext(f"{qti}fieldentry") for f in item.iter(f"{qti}qtimetadatafield")}
    assert fields["question_type"] == "essay_question"
    assert "Order the laptop first" in "".join("".join(f.itertext()) for f in item.iter(f"{qti}itemfeedback"))


def test_anki_leaves_exercises_out():
    from lessonkit.model import SECTION_MODELS

    assert SECTION_MODELS["exercise"].exports == frozenset({"lms"})  # no "anki": a deck has no exercise


def test_the_example_renders_on_the_zensical_route(tmp_path):
    from sitebuild import zensical_build

    project = copy_course(tmp_path)
    write_files(project, {"quizzes/exercises.yml": EXAMPLE, "content/practice/exercises.md": "[[practice: exercises]]\n"})
    result = zensical_build(project)
    assert result.returncode == 0, result.output
    html = BeautifulSoup(result.page("practice/exercises.md"), "html.parser")
    assert len(html.select("[data-lk-widget=exercise]")) == 2
    assert html.select_one("[data-lk-widget=exercise] details.lk-answer > summary").get_text() == "Show a sample plan"
