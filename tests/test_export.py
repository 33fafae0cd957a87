"""``lessonkit export``: Moodle XML and QTI 1.2, read back as an LMS would read them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from lessonkit.cli import main
from lessonkit.export.moodle import GRADE_FRACTIONS
from sitebuild import copy_course, write_files

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"

# One section of each type; Markdown that only the site's extensions render
# (admonition, pymdownx.highlight), and text that must stay escaped.
PRACTICE = """\
title: "Practice: Export"
sections:
  - type: self-check
    title: Self-check
    questions:
      - question: What does `x < y` test?
        answer: |
          !!! note
              Whether x is **less** than y.
      - question: Second?
        answer: Two.
  - type: matching
    title: Match them
    intro: Match each failure to its cause.
    options:
      - {id: coherence, text: Temporal coherence}
      - {id: compute, text: Compute}
      - {id: data, text: Training data, note: "*not* shown"}
    items:
      - {text: Hair drifts, answer: coherence, explanation: Frames disagree.}
      - {text: Too slow, answer: compute}
      - {text: Flicker, answer: coherence}
  - type: labeling
    title: Label them
    labels: [in-scope, likeness, provenance]
    items:
      - {text: A deepfake of a real person, answer: [likeness, provenance], explanation: Both.}
      - {text: Frame flicker, answer: in-scope}
  - type: flashcards
    title: Cards
    cards:
      - {front: Front, back: Back}
"""

CONFIG = """\
site_name: Export course
docs_dir: content
plugins:
  - lessonkit
markdown_extensions:
  - admonition
  - pymdownx.highlight
  - pymdownx.superfences
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_files(tmp_path, {"mkdocs.yml": CONFIG, "content/index.md": "# Home\n", "quizzes/export.yml": PRACTICE})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def export(capsys: pytest.CaptureFixture[str], kind: str, path: Path) -> tuple[int, list[str], str]:
    status = main(["export", "--format", kind, str(path)])
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


def text_of(element: ET.Element | None) -> str:
    assert element is not None
    found = element.find("text")
    assert found is not None
    return found.text or ""


# Moodle XML -----------------------------------------------------------------


def test_moodle_xml_question_types_answers_and_fractions(site, capsys):
    status, out, err = export(capsys, "moodle", site / "bank.xml")
    assert status == 0, err
    assert out == [
        "quizzes/export.yml: section 'Cards' left out: flashcards have no question type in an LMS",
        "wrote " + str(site / "bank.xml") + ": 5 question(s) from 1 practice set(s), Moodle XML",
    ]
    quiz = ET.parse(site / "bank.xml").getroot()
    assert quiz.tag == "quiz"
    questions = quiz.findall("question")
    assert [q.get("type") for q in questions] == ["category", "essay", "essay", "matching", "multichoice", "multichoice"]
    assert text_of(questions[0].find("category")) == "$course$/top/Export course/Practice: Export"

    essay = questions[1]
    assert text_of(essay.find("name")) == "Self-check 1"
    # Rendered like the page: code, escaping, and the site's admonition extension.
    assert text_of(essay.find("questiontext")) == "<p>What does <code>x &lt; y</code> test?</p>"
    grader = text_of(essay.find("graderinfo"))
    assert '<div class="admonition note">' in grader and "<strong>less</strong>" in grader
    assert essay.findtext("idnumber", "").startswith("export/self-check/")

    matching = questions[3]
    pairs = [(text_of(sub), text_of(sub.find("answer"))) for sub in matching.findall("subquestion")]
    assert pairs == [
        ("Hair drifts", "Temporal coherence"),
        ("Too slow", "Compute"),
        ("Flicker", "Temporal coherence"),
        ("", "Training data (not shown)"),  # the option no item takes: a distractor
    ]
    assert text_of(matching.find("questiontext")) == "<p>Match each failure to its cause.</p>"
    assert "Frames disagree." in text_of(matching.find("generalfeedback"))

    two_right, one_right = questions[4], questions[5]
    for question in (two_right, one_right):
        assert question.findtext("single") == "false"
        fractions = [float(answer.get("fraction")) for answer in question.findall("answer")]
        # Moodle's import stops on a grade it does not offer.
        assert all(any(abs(abs(f) - g) < 1e-6 for g in GRADE_FRACTIONS) for f in fractions)
        assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=1e-4)
    assert [(text_of(a), a.get("fraction")) for a in two_right.findall("answer")] == [
        ("in-scope", "-50"), ("likeness", "50"), ("provenance", "50"),
    ]
    assert [a.get("fraction") for a in one_right.findall("answer")] == ["100", "-100", "-100"]
    assert text_of(two_right.find("questiontext")) == "<p>A deepfake of a real person</p>"


def test_moodle_refuses_a_share_moodle_has_no_grade_for(site, capsys):
    labels = ", ".join(f"l{n}" for n in range(11))
    write_files(site, {"quizzes/export.yml": (
        "title: t\nsections:\n  - type: labeling\n    title: L\n"
        f"    labels: [{labels}]\n    items:\n      - {{text: S, answer: [{labels}]}}\n")})
    status, _, err = export(capsys, "moodle", site / "bank.xml")
    assert status == 1
    assert "'L 1' has 11 right labels" in err and "nothing written" in err
    assert not (site / "bank.xml").exists()


# QTI 1.2 --------------------------------------------------------------------


def score(item: ET.Element, responses: dict[str, set[str]]) -> float:
    """Run an item's response processing (QTI 1.2 ASI, the parts it uses) on a learner's responses."""
    processing = item.find(f"{QTI}resprocessing")
    assert processing is not None
    decvar = processing.find(f"{QTI}outcomes/{QTI}decvar")
    assert decvar is not None and decvar.get("varname") == "SCORE"
    low, high = float(decvar.get("minvalue", "0")), float(decvar.get("maxvalue", "100"))

    def holds(test: ET.Element) -> bool:
        tag = test.tag.removeprefix(QTI)
        if tag == "varequal":
            return (test.text or "") in responses.get(test.get("respident", ""), set())
        if tag == "and":
            return all(holds(child) for child in test)
        if tag == "or":
            return any(holds(child) for child in test)
        if tag == "not":
            return not holds(test[0])
        if tag == "other":
            return True
        raise AssertionError(f"unexpected condition {tag}")

    value = 0.0
    for condition in processing.findall(f"{QTI}respcondition"):
        conditionvar = condition.find(f"{QTI}conditionvar")
        assert conditionvar is not None
        if not all(holds(test) for test in conditionvar):
            continue
        for setvar in condition.findall(f"{QTI}setvar"):
            amount = float(setvar.text or "0")
            action = setvar.get("action", "Set")
            value = {"Set": amount, "Add": value + amount, "Subtract": value - amount}[action]
        if condition.get("continue", "No") == "No":
            break
    return min(max(value, low), high)


def response_labels(item: ET.Element, respident: str) -> dict[str, str]:
    """The choices of one response, as ident -> text the learner sees."""
    lid = next(r for r in item.iter(f"{QTI}response_lid") if r.get("ident") == respident)
    return {
        label.get("ident", ""): "".join(label.itertext()).strip()
        for label in lid.iter(f"{QTI}response_label")
    }


def test_qti_package_manifest_and_response_processing(site, capsys):
    status, out, err = export(capsys, "qti", site / "bank.zip")
    assert status == 0, err
    assert out[0] == "quizzes/export.yml: section 'Cards' left out: flashcards have no question type in an LMS"
    with zipfile.ZipFile(site / "bank.zip") as package:
        names = set(package.namelist())
        manifest = ET.fromstring(package.read("imsmanifest.xml"))
        assert manifest.tag == f"{CP}manifest"
        resources = manifest.findall(f"{CP}resources/{CP}resource")
        assert len(resources) == 1 and resources[0].get("type") == "imsqti_xmlv1p2"
        href = resources[0].find(f"{CP}file").get("href")
        assert href in names and names == {"imsmanifest.xml", href}
        root = ET.fromstring(package.read(href))
    assessment = root.find(f"{QTI}assessment")
    assert assessment is not None and assessment.get("title") == "Practice: Export"
    items = list(assessment.iter(f"{QTI}item"))
    types = [
        field.findtext(f"{QTI}fieldentry")
        for item in items
        for field in item.iter(f"{QTI}qtimetadatafield")
        if field.findtext(f"{QTI}fieldlabel") == "question_type"
    ]
    assert types == ["essay_question", "essay_question", "matching_question",
                     "multiple_answers_question", "multiple_answers_question"]
    essay, _, matching, two_right, one_right = items

    # An essay is graded by hand: nothing scores; the answer is its general feedback.
    assert score(essay, {"response1": {"anything"}}) == 0
    feedback = essay.find(f"{QTI}itemfeedback/{QTI}flow_mat/{QTI}material/{QTI}mattext")
    assert feedback is not None and "<strong>less</strong>" in (feedback.text or "")
    assert essay.find(f"{QTI}presentation/{QTI}material/{QTI}mattext").text == "<p>What does <code>x &lt; y</code> test?</p>"

    # Matching: each item's response offers every option; right ones score their share.
    options = response_labels(matching, "response_1")
    assert sorted(options.values()) == ["Compute", "Temporal coherence", "Training data (not shown)"]
    by_text = {text: ident for ident, text in options.items()}
    right = {"response_1": {by_text["Temporal coherence"]}, "response_2": {by_text["Compute"]},
             "response_3": {by_text["Temporal coherence"]}}
    assert score(matching, right) == 100
    assert score(matching, {key: {by_text["Training data (not shown)"]} for key in right}) == 0
    assert score(matching, {**right, "response_3": {by_text["Compute"]}}) == pytest.approx(200 / 3, abs=0.02)

    # Labeling: the right set scores 100, a wrong label alone 0, a subset part.
    labels = {text: ident for ident, text in response_labels(two_right, "response1").items()}
    assert set(labels) == {"in-scope", "likeness", "provenance"}
    assert score(two_right, {"response1": {labels["likeness"], labels["provenance"]}}) == 100
    assert score(two_right, {"response1": {labels["in-scope"]}}) == 0
    assert score(two_right, {"response1": {labels["likeness"]}}) == 50
    assert score(two_right, {"response1": {labels["likeness"], labels["in-scope"]}}) == 0
    assert score(two_right, {"response1": set(labels.values())}) < 100
    single = {text: ident for ident, text in response_labels(one_right, "response1").items()}
    assert score(one_right, {"response1": {single["in-scope"]}}) == 100
    assert score(one_right, {"response1": {single["likeness"]}}) == 0
    lid = next(one_right.iter(f"{QTI}response_lid"))
    assert lid.get("rcardinality") == "Multiple"


def test_qti_package_is_the_same_bytes_twice(site, capsys):
    assert export(capsys, "qti", site / "one.zip")[0] == 0
    assert export(capsys, "qti", site / "two.zip")[0] == 0
    assert (site / "one.zip").read_bytes() == (site / "two.zip").read_bytes()


# Errors ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["moodle", "qti"])
def test_a_bad_file_gives_checks_messages_and_writes_nothing(site, capsys, kind):
    previous = site / ("bank.xml" if kind == "moodle" else "bank.zip")
    assert export(capsys, kind, previous)[0] == 0
    earlier = previous.read_bytes()
    write_files(site, {"quizzes/bad.yml": "title: t\nsections:\n  - type: matchng\n    title: M\n"})
    assert main(["check"]) == 1
    check_out = capsys.readouterr().out
    status, out, err = export(capsys, kind, previous)
    assert status == 1
    assert "\n".join(out) + "\n" == check_out
    assert "sections[0].type: unknown section type 'matchng'" in check_out
    assert "nothing written" in err and "Traceback" not in err
    assert previous.read_bytes() == earlier
    assert sorted(path.name for path in site.iterdir()) == [previous.name, "content", "mkdocs.yml", "quizzes"]


def test_export_without_a_site_or_to_a_folder_says_what_to_do(tmp_path, monkeypatch, capsys, site):
    status, _, err = export(capsys, "moodle", site / "content")
    assert status == 2 and "is a folder" in err
    monkeypatch.chdir(tmp_path / "content")
    status, _, err = export(capsys, "moodle", tmp_path / "bank.xml")
    assert status == 2 and "no mkdocs.yml in this folder" in err


def test_the_course_as_committed_exports(tmp_path, monkeypatch, capsys):
    project = copy_course(tmp_path / "course")
    monkeypatch.chdir(project)
    for kind, name in (("moodle", "bank.xml"), ("qti", "bank.zip")):
        status, out, err = export(capsys, kind, project / name)
        assert status == 0, err
        assert "left out" in out[0] and out[-1].startswith(f"wrote {project / name}: ")


# What export may write (issue 21, section 4) ----------------------------------


def refused(capsys: pytest.CaptureFixture[str], args: list[str], path: Path) -> str:
    """Run export with ``args``; it must refuse, leaving ``path`` as it was (or absent)."""
    before = path.read_bytes() if path.exists() else None
    status = main(["export", *args])
    captured = capsys.readouterr()
    assert status == 2, captured.out + captured.err
    assert captured.out == ""
    assert (path.read_bytes() if path.exists() else None) == before
    return captured.err.strip()


def test_export_never_writes_the_sites_configuration(site, capsys):
    assert refused(capsys, ["--format", "moodle", "mkdocs.yml"], site / "mkdocs.yml") == (
        "lessonkit export: mkdocs.yml is the site's configuration: name the file to write, e.g. questions.xml"
    )
    # --force does not make XML a configuration: the extension is still wrong.
    assert refused(capsys, ["--format", "moodle", "--force", "mkdocs.yml"], site / "mkdocs.yml") == (
        "lessonkit export: mkdocs.yml: --format moodle writes a .xml file: name it mkdocs.xml"
    )
    (site / "zensical.toml").write_text("[project]\n", encoding="utf-8")
    assert refused(capsys, ["--format", "qti", "zensical.toml"], site / "zensical.toml") == (
        "lessonkit export: zensical.toml is the site's configuration: name the file to write, e.g. questions.zip"
    )


def test_export_refuses_the_quizzes_and_docs_folders_unless_forced(site, capsys):
    assert refused(capsys, ["--format", "qti", "quizzes/export.yml"], site / "quizzes/export.yml") == (
        "lessonkit export: quizzes/export.yml is in the quizzes folder (quizzes), which holds the practice files: "
        "write it elsewhere, e.g. questions.zip, or add --force"
    )
    assert refused(capsys, ["--format", "moodle", "content/bank.xml"], site / "content/bank.xml") == (
        "lessonkit export: content/bank.xml is in the docs folder (content), which holds the site's pages: "
        "write it elsewhere, e.g. questions.xml, or add --force"
    )
    assert not (site / "content/bank.xml").exists()
    # Forced, the practice file is still safe: its extension does not fit.
    assert refused(capsys, ["--format", "qti", "--force", "quizzes/export.yml"], site / "quizzes/export.yml") == (
        "lessonkit export: quizzes/export.yml: --format qti writes a .zip file: name it quizzes/export.zip"
    )
    assert main(["export", "--format", "moodle", "--force", "content/bank.xml"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("wrote content/bank.xml: ")


def test_export_names_the_extension_its_format_writes(site, capsys):
    assert refused(capsys, ["--format", "moodle", "bank.zip"], site / "bank.zip") == (
        "lessonkit export: bank.zip: --format moodle writes a .xml file: name it bank.xml, "
        "or use --format qti for a .zip file"
    )
    assert refused(capsys, ["--format", "qti", "bank.xml"], site / "bank.xml") == (
        "lessonkit export: bank.xml: --format qti writes a .zip file: name it bank.zip, "
        "or use --format moodle for a .xml file"
    )
    assert refused(capsys, ["--format", "qti", "bank"], site / "bank") == (
        "lessonkit export: bank: --format qti writes a .zip file: name it bank.zip"
    )
    assert sorted(path.name for path in site.iterdir()) == ["content", "mkdocs.yml", "quizzes"]


@pytest.mark.parametrize("kind, name", [("moodle", "bank.xml"), ("qti", "bank.zip")])
def test_export_replaces_its_own_file_and_no_other(site, capsys, kind, name):
    target = site / name
    foreign = b"<?xml version='1.0'?>\n<quiz/>\n" if kind == "moodle" else _foreign_zip()
    target.write_bytes(foreign)
    assert refused(capsys, ["--format", kind, name], target) == (
        f"lessonkit export: {name} exists and was not written by lessonkit export: "
        "name another file, or add --force to replace it"
    )
    assert main(["export", "--format", kind, "--force", name]) == 0
    forced = target.read_bytes()
    assert forced != foreign
    capsys.readouterr()
    # Now it is lessonkit's own: replaced without --force, after an edit too.
    text = (site / "quizzes/export.yml").read_text(encoding="utf-8").replace("Second?", "Second question?")
    (site / "quizzes/export.yml").write_text(text, encoding="utf-8")
    status, out, err = export(capsys, kind, Path(name))
    assert status == 0, err
    assert target.read_bytes() != forced and b"Second question?" in _export_text(target, kind)


def _foreign_zip() -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("imsmanifest.xml", "<manifest/>")
    return buffer.getvalue()


def _export_text(path: Path, kind: str) -> bytes:
    if kind == "moodle":
        return path.read_bytes()
    with zipfile.ZipFile(path) as package:
        return b"".join(package.read(name) for name in package.namelist())
