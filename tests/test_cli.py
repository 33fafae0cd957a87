"""The ``lessonkit`` command: check, new, schema, as an instructor runs them."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import lessonkit.cli
from lessonkit.cli import COMMANDS, build_parser, main
from sitebuild import build, copy_course, write_files

HEAD = "# yaml-language-server: $schema=lessonkit.schema.json\n"
CARDS = "  - {type: flashcards, title: F, cards: [{front: a, back: b}]}\n"

# One bad file per kind of mistake, and the exact line `check` prints for it.
BAD_FILES: dict[str, tuple[str, list[str]]] = {
    "syntax": (
        HEAD + "title: t\nsections:\n  - type: flashcards\n    title: F\n   cards: []\n",
        ["quizzes/syntax.yml:6:4: cards: this line's indentation does not fit the lines above "
         "(indent 'cards:' with spaces, like the fields beside it)"],
    ),
    "typo": (
        HEAD + "title: t\nsections:\n  - type: flashcards\n    title: F\n    cards:\n      - front: a\n        bakc: b\n",
        ["quizzes/typo.yml:7:9: sections[0].cards[0].back: required field 'back' is missing (add 'back:')",
         "quizzes/typo.yml:8:9: sections[0].cards[0].bakc: unknown field 'bakc' (did you mean 'back'?)"],
    ),
    "missing": (
        HEAD + "title: t\nsections:\n  - type: self-check\n    questions:\n      - question: Why?\n        answer: So.\n",
        ["quizzes/missing.yml:4:5: sections[0].title: required field 'title' is missing (add 'title:')"],
    ),
    "wrong-type": (
        HEAD + "title: t\nsections:\n  - type: self-check\n    title: S\n    questions: Why?\n",
        ["quizzes/wrong-type.yml:6:16: sections[0].questions: expected a list, got text "
         "(start each entry on its own line with '- ')"],
    ),
    "section-type": (
        HEAD + "title: t\nsections:\n  - type: matchng\n    title: M\n",
        ["quizzes/section-type.yml:4:11: sections[0].type: unknown section type 'matchng' (did you mean 'matching'?)"],
    ),
    "answer": (
        HEAD + "title: t\nsections:\n  - type: matching\n    title: M\n    options:\n      - id: coherence\n"
        "        text: Coherence\n      - compute\n    items:\n      - text: Hair drifts\n        answer: coherense\n",
        ["quizzes/answer.yml:12:17: sections[0].items[0].answer: 'coherense' is not the id of an option of this "
         "section (did you mean 'coherence'?)"],
    ),
    "label": (
        HEAD + "title: t\nsections:\n  - type: labeling\n    title: L\n    labels: [in-scope, likeness]\n"
        "    items:\n      - text: S\n        answer: [in-scope, likenes]\n",
        ["quizzes/label.yml:9:28: sections[0].items[0].answer[1]: 'likenes' is not the id of a label of this "
         "section (did you mean 'likeness'?)"],
    ),
    "duplicate-id": (
        HEAD + "title: t\nsections:\n  - type: labeling\n    title: L\n    labels:\n      - in-scope\n"
        "      - likeness\n      - in-scope\n    items:\n      - text: S\n        answer: in-scope\n",
        ["quizzes/duplicate-id.yml:9:9: sections[0].labels[2].id: duplicate id 'in-scope' in labels "
         "(give every entry its own id)"],
    ),
    "label-twice": (
        HEAD + "title: t\nsections:\n  - type: labeling\n    title: L\n    labels: [a, b]\n    items:\n"
        "      - text: S\n        answer: [a, a]\n",
        ["quizzes/label-twice.yml:9:17: sections[0].items[0].answer: the answer names the same label twice "
         "(list each label once)"],
    ),
    "empty-list": (
        HEAD + "title: t\nsections:\n  - type: flashcards\n    title: F\n    cards: []\n",
        ["quizzes/empty-list.yml:6:12: sections[0].cards: must not be an empty list (add at least one entry)"],
    ),
    "empty": (
        "# nothing yet\n",
        ["quizzes/empty.yml:1:1: the file is empty (start with 'title:' and 'sections:')"],
    ),
    "lesson": (
        HEAD + "title: t\nlesson: lessons/video-generaton.md\nsections:\n" + CARDS,
        ["quizzes/lesson.yml:3:9: lesson: lesson page 'lessons/video-generaton.md' does not exist in the docs "
         "folder (did you mean 'lessons/video-generation.md'?)"],
    ),
    "claims-page": (
        HEAD + "title: t\npage: practice/video-generation.md\nsections:\n" + CARDS,
        # The course's page practice/video-generation.md holds that set's line: it is that set's page.
        ["quizzes/claims-page.yml:3:7: page: page 'practice/video-generation.md' is the page of "
         "'video-generation': it holds [[practice: video-generation]] (choose another 'page:')"],
    ),
}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the course, as the current folder."""
    project = copy_course(tmp_path / "course")
    monkeypatch.chdir(project)
    return project


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


def test_check_the_course_as_committed(site, capsys):
    status, out, _ = run(capsys, "check")
    assert (status, out) == (0, ["1 practice file(s) checked: no problems"])


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_check_one_bad_file(site, capsys, name):
    text, expected = BAD_FILES[name]
    write_files(site, {f"quizzes/{name}.yml": text})
    status, out, err = run(capsys, "check")
    assert status == 1
    assert out[:-1] == expected
    assert out[-1] == f"2 practice file(s) checked: {len(expected)} problem(s) in 1 file(s)"
    assert "Traceback" not in err


def test_check_reports_every_bad_file_at_once(site, capsys):
    write_files(site, {f"quizzes/{name}.yml": text for name, (text, _) in BAD_FILES.items()})
    (site / "quizzes" / "latin1.yml").write_bytes(b"title: caf\xe9\n")
    status, out, _ = run(capsys, "check")
    expected = [line for _, lines in BAD_FILES.values() for line in lines]
    expected.append(
        "quizzes/latin1.yml:1:11: the file is not UTF-8 text (byte 0xe9) (save the file as UTF-8 in your editor)"
    )
    assert status == 1
    assert sorted(out[:-1]) == sorted(expected)
    files = len(BAD_FILES) + 2
    assert out[-1] == f"{files} practice file(s) checked: {len(expected)} problem(s) in {files - 1} file(s)"


def test_check_json(site, capsys):
    write_files(site, {"quizzes/answer.yml": BAD_FILES["answer"][0]})
    status, out, _ = run(capsys, "check", "--format", "json")
    report = json.loads("\n".join(out))
    assert status == 1
    assert report["files"] == ["quizzes/answer.yml", "quizzes/video-generation.yml"]
    assert report["bad_files"] == ["quizzes/answer.yml"]
    assert report["problems"] == [
        {
            "file": "quizzes/answer.yml",
            "line": 12,
            "column": 17,
            "path": "sections[0].items[0].answer",
            "message": "'coherense' is not the id of an option of this section",
            "hint": "did you mean 'coherence'?",
        }
    ]


def test_check_named_files_and_missing_ones(site, capsys):
    write_files(site, {"elsewhere/typo.yml": BAD_FILES["typo"][0]})
    status, out, _ = run(capsys, "check", "elsewhere/typo.yml", "quizzes/video-generation.yml", "nope.yml")
    assert status == 1
    assert out == [
        "nope.yml:1:1: no such file or folder",
        "elsewhere/typo.yml:7:9: sections[0].cards[0].back: required field 'back' is missing (add 'back:')",
        "elsewhere/typo.yml:8:9: sections[0].cards[0].bakc: unknown field 'bakc' (did you mean 'back'?)",
        "2 practice file(s) checked: 3 problem(s) in 2 file(s)",
    ]


def test_check_follows_quizzes_dir_and_docs_dir_of_mkdocs_yml(site, capsys):
    # Material's !!python/name tags must not stop mkdocs.yml from being read.
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("quizzes_dir: quizzes", "quizzes_dir: practice-sets").replace(
        "docs_dir: content", "docs_dir: pages"
    )
    config = config.replace(
        "markdown_extensions:\n",
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
    )
    assert "!!python/name" in config
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    (site / "quizzes").rename(site / "practice-sets")
    (site / "content").rename(site / "pages")
    status, out, _ = run(capsys, "check")
    assert (status, out) == (0, ["1 practice file(s) checked: no problems"])
    (site / "pages" / "lessons" / "video-generation.md").unlink()
    status, out, _ = run(capsys, "check")
    assert status == 1
    assert out[0].startswith("practice-sets/video-generation.yml:3:9: lesson: lesson page 'lessons/video-generation.md'")


def test_check_finds_embed_lines_naming_nothing(site, capsys):
    lesson = site / "content" / "lessons" / "video-generation.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8") + "\n[[practice: video-generation#3]]\n\n[[practice: video-generation#flash]]\n",
        encoding="utf-8",
    )
    lines = len(lesson.read_text(encoding="utf-8").splitlines())
    status, out, _ = run(capsys, "check")
    assert status == 1
    assert out == [
        f"content/lessons/video-generation.md:{lines}:1: 'video-generation' has no section 'flash' "
        "(did you mean 'video-generation#flashcards'?)",
        "1 practice file(s) checked: 1 problem(s) in 1 file(s)",
    ]


def test_check_without_a_site_or_paths_says_what_to_do(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "check")
    assert status == 2 and out == []
    assert "no mkdocs.yml in this folder" in err


def test_check_as_a_command_prints_no_traceback(site):
    write_files(site, {f"quizzes/{name}.yml": text for name, (text, _) in BAD_FILES.items()})
    completed = subprocess.run(
        [sys.executable, "-m", "lessonkit.cli", "check"], cwd=site, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stdout + completed.stderr
    assert completed.stdout.count("\n") == sum(len(lines) for _, lines in BAD_FILES.values()) + 1


# new ------------------------------------------------------------------------


def test_new_passes_check_and_builds(site, capsys):
    status, out, _ = run(capsys, "new", "attention", "--title", 'Practice: "Attention" & masks')
    assert status == 0
    assert out[0] == "wrote quizzes/attention.yml"
    text = (site / "quizzes" / "attention.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=lessonkit.schema.json"
    for kind in ("self-check", "matching", "labeling", "flashcards"):
        assert f"  - type: {kind}\n" in text
    assert run(capsys, "check")[:2] == (0, ["2 practice file(s) checked: no problems"])
    result = build(site)
    assert result.returncode == 0, result.output
    page = result.page("practice/attention.md")
    assert "Practice: &quot;Attention&quot; &amp; masks" in page or 'Practice: "Attention" &amp; masks' in page
    for widget in ("matching", "labeling", "flashcards"):
        assert f'data-lk-widget="{widget}"' in page


def test_new_refuses_to_overwrite(site, capsys):
    before = (site / "quizzes" / "video-generation.yml").read_bytes()
    status, out, err = run(capsys, "new", "video-generation")
    assert status == 2 and out == []
    assert "quizzes/video-generation.yml already exists" in err
    assert (site / "quizzes" / "video-generation.yml").read_bytes() == before


def test_new_in_an_empty_folder_writes_the_schema_too(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "new", "first-set")
    assert status == 0
    assert out[:2] == [
        "wrote quizzes/first-set.yml",
        "wrote quizzes/lessonkit.schema.json (the schema its first line points to)",
    ]
    schema = json.loads((tmp_path / "quizzes" / "lessonkit.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Lessonkit practice set"
    assert 'title: "Practice: First set"' in (tmp_path / "quizzes" / "first-set.yml").read_text(encoding="utf-8")
    assert run(capsys, "check", "quizzes")[:2] == (0, ["1 practice file(s) checked: no problems"])


@pytest.mark.parametrize("name", ["Bad Name", "../escape", "x.yml", ""])
def test_new_rejects_names_that_are_not_file_stems(tmp_path, monkeypatch, capsys, name):
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "new", name)
    assert status == 2 and "is not a usable name" in err
    assert not (tmp_path / "quizzes").exists()


# structure --------------------------------------------------------------------


def test_every_command_is_registered_through_add_parser():
    names = []
    for add_parser in COMMANDS:  # each adds one command, which runs something
        subparsers = argparse.ArgumentParser().add_subparsers()
        add_parser(subparsers)
        (name, parser), = subparsers.choices.items()
        assert callable(parser.get_default("run")), name
        names.append(name)
    assert names == ["assets", "check", "ci", "export", "new", "schema"]
    listed = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert list(listed) == names
    # A command in a module of its own is in COMMANDS too.
    package = Path(lessonkit.cli.__file__).parent
    for path in sorted(package.glob("*_command.py")):
        module = importlib.import_module(f"lessonkit.{path.stem}")
        adders = [getattr(module, name) for name in dir(module) if name.startswith("add_") and name.endswith("_parser")]
        assert adders and all(adder in COMMANDS for adder in adders), path.name


def test_console_script_runs(site):
    script = Path(sys.executable).with_name("lessonkit")
    completed = subprocess.run(
        [str(script), "check"], cwd=site, capture_output=True, text=True, timeout=120,
        env={**os.environ},
    )
    assert (completed.returncode, completed.stdout) == (0, "1 practice file(s) checked: no problems\n")
