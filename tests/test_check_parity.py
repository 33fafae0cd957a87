"""`lessonkit check` and the build read the same configuration and give the
same verdict: whatever fails one fails the other, at the same file and line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import material
import pytest

from lessonkit.strings import UI_STRINGS, theme_languages
from sitebuild import build, copy_course, write_files


def check(project: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lessonkit.cli", "check"], cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, timeout=120, check=False,
    )


def test_env_tag_in_the_plugin_options_is_read_as_the_build_reads_it(tmp_path: Path) -> None:
    project = copy_course(tmp_path)
    (project / "quizzes").rename(project / "practice-sets")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      quizzes_dir: quizzes\n", "      quizzes_dir: !ENV [LK_QUIZZES, practice-sets]\n"
        ),
        encoding="utf-8",
    )
    done = check(project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 practice file(s) checked: no problems" in done.stdout
    assert build(project).returncode == 0
    # The variable, when set, wins in both.
    (project / "elsewhere").mkdir()
    done = check(project, {"LK_QUIZZES": "elsewhere"})
    assert done.returncode == 1 and "no practice files" in done.stdout + done.stderr


BROKEN_EMBEDS = {
    "indented": "  [[practice: video-generation#2]]",
    "in a list item": "- [[practice: video-generation#2]]",
    "in a sentence": "Try [[practice: video-generation#2]] now.",
}


@pytest.mark.parametrize("line", BROKEN_EMBEDS.values(), ids=BROKEN_EMBEDS.keys())
def test_a_misplaced_embed_line_fails_check_and_build_at_its_line(tmp_path: Path, line: str) -> None:
    project = copy_course(tmp_path)
    write_files(project, {"content/extra.md": f"# Extra\n\nSome text.\n\n{line}\n"})
    done = check(project)
    assert done.returncode == 1
    assert "content/extra.md:5:1:" in done.stdout and "put '[[practice: video-generation#2]]' on a line of its own" in done.stdout
    built = build(project)
    assert built.returncode != 0
    assert "content/extra.md:5:1:" in built.output and "on a line of its own" in built.output


def test_embed_lines_shown_as_code_are_left_alone(tmp_path: Path) -> None:
    project = copy_course(tmp_path)
    write_files(project, {"content/extra.md": "# Extra\n\nWrite `[[practice: video-generation#2]]` on a line.\n\n"
                          "    [[practice: nothing-here]]\n"})
    assert check(project).returncode == 0
    assert build(project).returncode == 0


def test_a_broken_link_in_a_text_fails_check_at_its_line(tmp_path: Path) -> None:
    project = copy_course(tmp_path)
    write_files(project, {"quizzes/linked.yml": (
        "title: Linked\nsections:\n  - type: flashcards\n    title: Cards\n    cards:\n"
        "      - front: Where?\n        back: \"In [the lesson](../lessons/video-generation.md#no-such-part).\"\n"
        "      - front: And?\n        back: \"[Home](../index.md) and [nowhere](../nowhere.md)\"\n"
    )})
    done = check(project)
    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if line.startswith("quizzes/linked.yml")]
    assert lines == [
        "quizzes/linked.yml:7:15: sections[0].cards[0].back: link '../lessons/video-generation.md#no-such-part': "
        "lessons/video-generation.md has no anchor '#no-such-part' (link to a heading's anchor of that page)",
        "quizzes/linked.yml:9:15: sections[0].cards[1].back: link '../nowhere.md' points to no page or file of the "
        "site (links in practice texts are relative to the set's page practice/linked.md: write the path from there)",
    ], done.stdout
    built = build(project)
    assert built.returncode != 0
    assert all(line in built.output for line in lines), built.output


def test_a_wrong_lesson_fails_check_and_build_alike(tmp_path: Path) -> None:
    project = copy_course(tmp_path)
    path = project / "quizzes" / "video-generation.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("lesson: lessons/", "lesson: lesson/"), encoding="utf-8")
    done = check(project)
    built = build(project)
    assert done.returncode == 1 and built.returncode != 0
    (line,) = [line for line in done.stdout.splitlines() if "lesson page" in line]
    assert line in built.output


# The configuration: check says what the build says, in its words, never a traceback.

STRINGS_TYPO = (
    "Config value 'plugins': Plugin 'lessonkit' option 'strings': unknown key(s) 'show_anser' "
    "(did you mean 'show_answer'?); known: " + ", ".join(UI_STRINGS)
)
LANGUAGES = ", ".join(sorted(theme_languages([Path(material.__file__).parent / "templates"])))
CONFIG_CASES = {
    "a strings key": (
        ("      quizzes_dir: quizzes\n", "      quizzes_dir: quizzes\n      strings: {show_anser: Show}\n"),
        STRINGS_TYPO,
        [],
    ),
    # A warning of the build (--strict stops on it): check reads the files too.
    "an option's name": (
        ("      quizzes_dir: quizzes\n", "      quizes_dir: quizzes\n"),
        "Config value 'plugins': Plugin 'lessonkit' option 'quizes_dir': Unrecognised configuration name: quizes_dir",
        ["1 practice file(s) checked: no problems; 1 problem(s) in mkdocs.yml"],
    ),
    "an unknown language": (
        ("  language: en\n", "  language: xx\n"),
        f"theme.language 'xx' is not a language of the theme; known: {LANGUAGES} "
        "(or add partials/languages/xx.html to the site's custom_dir)",
        [],
    ),
}


@pytest.mark.parametrize("case", CONFIG_CASES.values(), ids=CONFIG_CASES.keys())
def test_a_configuration_problem_is_said_by_check_as_by_the_build(tmp_path: Path, case) -> None:
    (old, new), message, after = case
    project = copy_course(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    done = check(project)
    assert (done.returncode, done.stdout.splitlines()) == (1, [f"mkdocs.yml: {message}", *after]), done.stderr
    built = build(project)
    assert built.returncode == 1
    assert message in built.output
    for output in (done.stdout + done.stderr, built.output):
        assert "Traceback" not in output and "TemplateNotFound" not in output


def test_a_regional_language_falls_back_with_one_line_in_check_and_build(tmp_path: Path) -> None:
    project = copy_course(tmp_path)
    (project / "zensical.yml").unlink(missing_ok=True)  # a course on MkDocs alone
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  language: en\n", "  language: es-MX\n"), encoding="utf-8")
    note = "lessonkit: theme.language 'es-MX': the theme has no 'es-MX'; the site is in 'es'"
    done = check(project)
    assert done.returncode == 0 and done.stderr.splitlines() == [note]
    built = build(project)
    assert built.returncode == 0, built.output
    assert built.output.count(note) == 1
    page = built.page("practice/video-generation.md")
    assert '<html lang="es"' in page and "Mostrar respuesta" in page  # Material's Spanish, and the widgets'


def test_check_says_a_regional_language_stops_the_zensical_build(tmp_path: Path) -> None:
    project = copy_course(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  language: en\n", "  language: es-MX\n"), encoding="utf-8")
    assert (project / "zensical.yml").is_file()  # the course's Zensical route
    done = check(project)
    assert done.returncode == 0
    assert done.stderr.splitlines()[1:] == [
        "lessonkit: zensical.yml: the Zensical build stops here: "
        "theme.language 'es-MX': the theme has no 'es-MX' (write theme.language: es)"
    ]


@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_a_missing_or_empty_quizzes_folder_is_said_by_check_and_build(tmp_path: Path, folder: str) -> None:
    write_files(tmp_path, {"mkdocs.yml": "site_name: Small\ndocs_dir: docs\nplugins:\n  - lessonkit\n", "docs/index.md": "# Home\n"})
    if folder == "empty":
        (tmp_path / "quizzes").mkdir()
        message = "no practice files (*.yml, *.yaml) in this folder"
    else:
        message = "no such folder: no practice pages are made (make it, or set the lessonkit plugin's quizzes_dir)"
    done = check(tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [f"quizzes:1:1: {message}", "0 practice file(s) checked: 1 problem(s) in 1 file(s)"]
    built = build(tmp_path)
    assert built.returncode == 1
    assert f"WARNING -  lessonkit: quizzes: {message}" in built.output
    assert "Aborted with 1 warnings in strict mode!" in built.output
