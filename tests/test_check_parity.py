"""`lessonkit check` and the build read the same configuration and give the
same verdict: whatever fails one fails the other, at the same file and line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
