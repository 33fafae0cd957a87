"""The model and its validation: every kind of bad input names file, line and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessonkit import PracticeFileError, load_practice_file, load_practice_files, parse_practice_text
from lessonkit.course import cross_file_problems, find_practice_files
from lessonkit.model import LabelingSection, MatchingSection

ROOT = Path(__file__).resolve().parent.parent
SEED_YAML = ROOT / "quizzes" / "video-generation.yml"

GOOD = """\
title: A set
sections:
  - type: matching
    title: Match
    options:
      - id: coherence
        text: Long-horizon coherence frontier
      - plain option
    items:
      - text: Hair colour drifts
        answer: coherence
"""


def problems_of(text: str, name: str = "quizzes/x.yml") -> list:
    with pytest.raises(PracticeFileError) as caught:
        parse_practice_text(text, name)
    return caught.value.problems


def only_problem(text: str):
    found = problems_of(text)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_seed_file_loads_with_every_section():
    loaded = load_practice_file(SEED_YAML)
    sections = loaded.practice_set.sections
    assert [s.type for s in sections] == ["self-check", "matching", "labeling", "flashcards"]
    assert len(sections[0].questions) == 7
    assert (len(sections[1].options), len(sections[1].items)) == (4, 4)
    assert (len(sections[2].labels), len(sections[2].items)) == (8, 6)
    assert sections[2].items[4].answer == ["reanimation", "likeness"]
    assert len(sections[3].cards) == 10


def test_option_shorthand_and_single_answer():
    practice_set = parse_practice_text(GOOD, "x.yml")
    section = practice_set.sections[0]
    assert isinstance(section, MatchingSection)
    assert section.options[1].id == section.options[1].text == "plain option"
    labeled = parse_practice_text(
        "title: t\nsections:\n  - type: labeling\n    title: L\n    labels: [a, b]\n"
        "    items:\n      - text: s\n        answer: b\n",
        "x.yml",
    ).sections[0]
    assert isinstance(labeled, LabelingSection)
    assert labeled.items[0].answer == ["b"]


def test_scalars_stay_text_as_written():
    practice_set = parse_practice_text(
        "title: 3.10\nsections:\n  - type: flashcards\n    title: no\n    cards:\n      - {front: yes, back: 0x10}\n",
        "x.yml",
    )
    card = practice_set.sections[0].cards[0]
    assert (practice_set.title, practice_set.sections[0].title, card.front, card.back) == ("3.10", "no", "yes", "0x10")


def test_yaml_syntax_error_names_line():
    # YAML notices the list left open on line 5; the message points where it opened (more in test_messages).
    problem = only_problem("title: x\nsections:\n  - type: self-check\n    questions: [unclosed\n")
    assert problem.file == "quizzes/x.yml"
    assert (problem.line, problem.column) == (4, 16) and "not closed" in problem.message


def test_unknown_field_points_at_key_with_suggestion():
    problem = only_problem(GOOD.replace("    options:", "    optons: []\n    options:"))
    assert (problem.line, problem.column) == (5, 5)
    assert problem.path == "sections[0].optons"
    assert problem.message == "unknown field 'optons'"
    assert problem.hint == "did you mean 'options'?"
    assert str(problem).startswith("quizzes/x.yml:5:5: sections[0].optons: unknown field 'optons'")


def test_missing_field_points_at_its_mapping():
    problem = only_problem(GOOD.replace("        answer: coherence\n", ""))
    assert problem.path == "sections[0].items[0].answer"
    assert problem.line == 10
    assert "required field 'answer' is missing" in problem.message


def test_missing_title_of_file():
    problem = only_problem(GOOD.replace("title: A set\n", ""))
    assert problem.path == "title" and problem.line == 1


def test_wrong_type():
    problem = only_problem(GOOD.replace("text: Hair colour drifts", "text: [a, b]"))
    assert (problem.line, problem.column, problem.path) == (10, 15, "sections[0].items[0].text")
    assert problem.message == "expected text, got a list"


def test_list_expected():
    problem = only_problem("title: A set\nsections: oops\n")
    assert problem.path == "sections"
    assert problem.message == "expected a list, got text"


def test_unknown_section_type_suggests():
    problem = only_problem(GOOD.replace("type: matching", "type: matchign"))
    assert problem.line == 3 and problem.path == "sections[0].type"
    assert "unknown section type 'matchign'" in problem.message
    assert problem.hint == "did you mean 'matching'?"


def test_answer_naming_no_option_suggests():
    problem = only_problem(GOOD.replace("answer: coherence", "answer: coherense"))
    assert (problem.line, problem.column) == (11, 17)
    assert problem.path == "sections[0].items[0].answer"
    assert "'coherense' is not the id of an option" in problem.message
    assert problem.hint == "did you mean 'coherence'?"


def test_label_answer_naming_no_label():
    problem = only_problem(
        "title: t\nsections:\n  - type: labeling\n    title: L\n    labels: [IN SCOPE, likeness/consent]\n"
        "    items:\n      - text: s\n        answer: [IN SCOPE, likeness]\n"
    )
    assert problem.path == "sections[0].items[0].answer[1]"
    assert problem.line == 8
    assert problem.hint == "did you mean 'likeness/consent'?"


def test_duplicate_ids():
    problem = only_problem(GOOD.replace("      - plain option", "      - id: coherence\n        text: again"))
    assert problem.path == "sections[0].options[1].id"
    assert problem.line == 8
    assert "duplicate id 'coherence'" in problem.message


def test_duplicate_key_in_mapping():
    problem = only_problem("title: a\ntitle: b\nsections: []\n")
    assert problem.line == 2 and "given twice" in problem.message


def test_empty_list():
    problem = only_problem(GOOD.replace(
        "    items:\n      - text: Hair colour drifts\n        answer: coherence\n", "    items: []\n"))
    assert problem.path == "sections[0].items"
    assert problem.message == "must not be an empty list"


def test_empty_file_and_not_a_mapping():
    assert "empty" in only_problem("# just a comment\n").message
    problem = only_problem("- a\n- b\n")
    assert "must be a mapping" in problem.message and problem.line == 1


def test_not_utf8(tmp_path: Path):
    path = tmp_path / "latin.yml"
    path.write_bytes(b"title: caf\xe9\nsections: []\n")
    with pytest.raises(PracticeFileError) as caught:
        load_practice_file(path, "quizzes/latin.yml")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("quizzes/latin.yml", 1, 11)
    assert "not UTF-8" in problem.message


def test_every_problem_of_a_file_is_reported():
    text = GOOD.replace("type: matching", "type: matching\n    colour: red").replace("text: Hair colour drifts", "text: {}")
    found = problems_of(text)
    assert {p.path for p in found} == {"sections[0].colour", "sections[0].items[0].text"}


def test_every_bad_file_is_reported(tmp_path: Path):
    (tmp_path / "a.yml").write_text(GOOD.replace("answer: coherence", "answer: nope"), encoding="utf-8")
    (tmp_path / "b.yml").write_text("title: [\n", encoding="utf-8")
    (tmp_path / "c.yml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(PracticeFileError) as caught:
        load_practice_files(find_practice_files(tmp_path), display_root=tmp_path)
    assert sorted({p.file for p in caught.value.problems}) == ["a.yml", "b.yml"]
    assert "a.yml:11:17" in str(caught.value)


def test_cross_file_problems(tmp_path: Path):
    for name in ("one", "two"):
        (tmp_path / f"{name}.yml").write_text(
            GOOD.replace("title: A set\n", "title: A set\npage: practice/same.md\nlesson: lessons/vide.md\n"),
            encoding="utf-8",
        )
    sets = load_practice_files(find_practice_files(tmp_path), display_root=tmp_path)
    found = cross_file_problems(sets, {"lessons/video.md", "index.md"})
    messages = [str(p) for p in found]
    assert any("two.yml:2:7: page: page 'practice/same.md' is also the page of one.yml" in m for m in messages)
    lesson = [p for p in found if p.path == "lesson"]
    assert len(lesson) == 2 and lesson[0].line == 3 and lesson[0].hint == "did you mean 'lessons/video.md'?"


def test_cache_rereads_only_changed_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import os

    from lessonkit import loading

    for name in ("a", "b"):
        (tmp_path / f"{name}.yml").write_text(GOOD, encoding="utf-8")
    read: list[str] = []
    original = loading._load_bytes
    monkeypatch.setattr(loading, "_load_bytes", lambda path, raw, name: read.append(path.name) or original(path, raw, name))
    cache: loading.LoadCache = {}
    first = load_practice_files(find_practice_files(tmp_path), cache=cache)
    assert sorted(read) == ["a.yml", "b.yml"]
    read.clear()
    b = tmp_path / "b.yml"
    stat = b.stat()
    b.write_text(GOOD.replace("A set", "B set"), encoding="utf-8")  # same size...
    os.utime(b, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # ...and the same time
    second = load_practice_files(find_practice_files(tmp_path), cache=cache)
    assert read == ["b.yml"]
    assert second[0] is first[0] and second[1].practice_set.title == "B set"
    b.unlink()
    load_practice_files(find_practice_files(tmp_path), cache=cache)
    assert list(cache) == [tmp_path / "a.yml"]


def test_cross_checks_of_sound_sections_come_with_other_sections_mistakes():
    text = GOOD.replace("answer: coherence", "answer: coherense") + (
        "  - type: flashcards\n    title: F\n    cards:\n      - front: q\n"
    )
    found = {(p.path, p.line) for p in problems_of(text)}
    assert found == {("sections[0].items[0].answer", 11), ("sections[1].cards[0].back", 15)}
