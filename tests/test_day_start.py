"""The hour a learner's day starts (issue 22 §1): a course-wide option of the
plugin and of the Markdown extension, written on the page for the script
(``data-lk-day-start``); a wrong value stops the build naming the option."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import BuildResult, build, copy_course, zensical_build

PLUGIN = "  - lessonkit:\n      quizzes_dir: quizzes\n"
EXTENSION = "  - lessonkit.markdown:\n      quizzes_dir: quizzes\n"


def built_with(tmp_path: Path, engine: str, line: str) -> BuildResult:
    """The course built by ``engine`` with ``line`` added to lessonkit's options."""
    project = copy_course(tmp_path)
    for name, option in (("mkdocs.yml", PLUGIN), ("zensical.yml", EXTENSION)):
        config = project / name
        text = config.read_text(encoding="utf-8")
        assert option in text
        config.write_text(text.replace(option, option + f"      {line}\n"), encoding="utf-8")
    return zensical_build(project) if engine == "zensical" else build(project)


def day_start(result: BuildResult) -> str:
    (strings,) = BeautifulSoup(result.page("practice/video-generation.md"), "html.parser").select("[data-lk-strings]")
    return strings["data-lk-day-start"]


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_day_start_option_on_both_engines(tmp_path: Path, engine: str):
    result = built_with(tmp_path, engine, "day_start: 0")
    assert result.returncode == 0, result.output
    assert day_start(result) == "0"


def test_the_day_starts_at_4_by_default(tmp_path: Path):
    result = build(copy_course(tmp_path))
    assert result.returncode == 0, result.output
    assert day_start(result) == "4"


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
@pytest.mark.parametrize("value", ["25", "'4'"])
def test_a_day_start_that_is_no_hour_stops_the_build(tmp_path: Path, engine: str, value: str):
    result = built_with(tmp_path, engine, f"day_start: {value}")
    assert result.returncode != 0
    assert "day_start" in result.output and "expected an hour, 0 to 23" in result.output, result.output
    assert "Traceback" not in result.output, result.output
