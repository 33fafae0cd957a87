"""A build that fails for a practice file leaves the last good site as it was:
the practice files are read and checked before MkDocs cleans the site folder."""

from __future__ import annotations

from pathlib import Path

from sitebuild import build, copy_course, write_files

BAD = "title: Broken\nsections:\n  - type: flashcards\n    title: Cards\n    cards:\n      - front: Q\n        bakc: A\n"


def every_file(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_a_failed_build_leaves_the_previous_site_byte_for_byte(tmp_path: Path) -> None:
    project = copy_course(tmp_path / "course")
    first = build(project, extra_env={"LESSONKIT_CHECK_LINKS": "false"})
    assert first.returncode == 0, first.output
    before = every_file(first.site)
    assert "practice/video-generation/index.html" in before and len(before) > 20

    write_files(project, {"quizzes/broken.yml": BAD})
    second = build(project, extra_env={"LESSONKIT_CHECK_LINKS": "false"})
    assert second.returncode == 1
    assert "quizzes/broken.yml:7:9: sections[0].cards[0].bakc: unknown field 'bakc' (did you mean 'back'?)" in second.output
    assert "Cleaning site directory" not in second.output and "Traceback" not in second.output
    assert every_file(second.site) == before


def test_a_missing_lesson_page_fails_before_the_site_is_cleaned_too(tmp_path: Path) -> None:
    project = copy_course(tmp_path / "course")
    first = build(project, extra_env={"LESSONKIT_CHECK_LINKS": "false"})
    assert first.returncode == 0, first.output
    before = every_file(first.site)
    write_files(project, {"quizzes/other.yml": "title: Other\nlesson: lessons/nope.md\n" + BAD.split("\n", 1)[1].replace("bakc", "back")})
    second = build(project, extra_env={"LESSONKIT_CHECK_LINKS": "false"})
    assert second.returncode == 1
    assert "quizzes/other.yml:2:9: lesson: lesson page 'lessons/nope.md' does not exist in the docs folder" in second.output
    assert every_file(second.site) == before
