"""Names are a namespace (issue 21, section 2): two practice files with one name
are an error naming both; a ``page:`` MkDocs would not build, or the file system
could not hold, is a problem at its line, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lessonkit import PracticeFileError, parse_practice_text
from lessonkit.cli import main
from sitebuild import build, copy_course, write_files, zensical_build

FILE = "quizzes/x.yml"
CARDS = "sections:\n  - type: flashcards\n    title: Cards\n    cards:\n      - front: q\n        back: a\n"


def check_lines(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    status = main(["check"])
    return status, capsys.readouterr().out.splitlines()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    project = copy_course(tmp_path / "course")
    monkeypatch.chdir(project)
    return project


def test_a_file_in_a_subfolder_with_the_name_of_another_is_an_error_naming_both(site, capsys):
    write_files(site, {"quizzes/sub/video-generation.yml": "title: Another\npage: practice/extra.md\n" + CARDS})
    status, lines = check_lines(site, capsys)
    assert status == 1
    assert (
        "quizzes/sub/video-generation.yml:1:1: quizzes/video-generation.yml has the same name, 'video-generation': "
        "two practice files cannot share a name, in any folder, as .yml or .yaml (the name is the set's page, "
        "its learners' progress and its Anki deck) "
        "(rename one of them, e.g. quizzes/sub/video-generation.yml to quizzes/sub/sub-video-generation.yml)"
    ) in lines


def test_a_yml_and_a_yaml_with_one_name_stop_the_build(tmp_path: Path):
    write_files(
        tmp_path,
        {
            "mkdocs.yml": "site_name: Twins\ndocs_dir: content\nplugins:\n  - lessonkit\n",
            "content/index.md": "# Home\n",
            "quizzes/a.yml": "title: One\n" + CARDS,
            "quizzes/a.yaml": "title: Two\n" + CARDS,
        },
    )
    result = build(tmp_path)
    assert result.returncode == 1
    assert (
        "quizzes/a.yml:1:1: quizzes/a.yaml has the same name, 'a': two practice files cannot share a name"
        in result.output
    )
    assert "(rename one of them, e.g. quizzes/a.yml to quizzes/a-2.yml)" in result.output
    assert "Traceback" not in result.output



TWINS = {  # the two files, the one told of first, and the rename it is given
    "subfolder": ("quizzes/twin.yml", "quizzes/sub/twin.yml", "quizzes/sub/sub-twin.yml"),
    "yml and yaml": ("quizzes/twin.yaml", "quizzes/twin.yml", "quizzes/twin-2.yml"),
}


def one_card_set(title: str, section: str) -> str:
    return f"title: {title}\nsections:\n  - type: flashcards\n    title: {section}\n    cards:\n      - front: q\n        back: a\n"


@pytest.mark.parametrize("engine", ["check", "mkdocs", "zensical"])
@pytest.mark.parametrize("twins", list(TWINS))
def test_two_files_with_one_name_are_the_only_problem_said(site, capsys, twins: str, engine: str):
    """A page embedding a section of each twin: whichever file would have answered for
    the name, the other's section is not "missing" (that would be a follow-on of the
    real problem, which renaming one file fixes); check and both builds say only that."""
    other, told, renamed = TWINS[twins]
    write_files(site, {
        other: one_card_set("One", "Cards"),
        told: one_card_set("Two", "Other"),
        "content/twins.md": "# Twins\n\n[[practice: twin#cards]]\n\n[[practice: twin#other]]\n",
    })
    expected = (
        f"{told}:1:1: {other} has the same name, 'twin': two practice files cannot share a name, in any folder, "
        "as .yml or .yaml (the name is the set's page, its learners' progress and its Anki deck) "
        f"(rename one of them, e.g. {told} to {renamed})"
    )
    if engine == "check":
        status, lines = check_lines(site, capsys)
        assert status == 1
        assert lines == [expected, "3 practice file(s) checked: 1 problem(s) in 1 file(s)"]
        return
    result = zensical_build(site) if engine == "zensical" else build(site)
    assert result.returncode == 1, result.output
    said = [line.strip() for line in result.output.splitlines() if re.match(r"^\s*(?:quizzes|content)/\S+:\d+:\d+: ", line)]
    assert said == [expected]
    assert "has no section" not in result.output and "Traceback" not in result.output

PAGES = {
    "../x.md": (
        "'../x.md' has a '..' segment, which leaves the docs folder",
        "write the path from the docs folder down, e.g. x.md",
    ),
    "practice/.x.md": (
        "'.x.md' starts with '.': MkDocs leaves out files and folders named so, and the page would not be built",
        "remove the leading '.': practice/x.md",
    ),
    ".drafts/x.md": (
        "'.drafts' starts with '.': MkDocs leaves out files and folders named so, and the page would not be built",
        "remove the leading '.': drafts/x.md",
    ),
    '"practice/a\\0b.md"': (
        "the page path holds the control character U+0000",
        "remove it: a page path is a relative path ending in .md, e.g. practice/my-set.md",
    ),
    "practice/" + "x" * 300 + ".md": (
        "'xxxxxxxxxxxxxxxxxxxxxxxx...' is 303 bytes long, and a file or folder name may hold at most 255",
        "shorten it",
    ),
    "/practice/x.md": (
        "'/practice/x.md' is not relative: a page path starts in the docs folder",
        "leave out the start: practice/x.md",
    ),
    "C:/practice/x.md": (
        "'C:/practice/x.md' is not relative: a page path starts in the docs folder",
        "write a relative path, e.g. practice/my-set.md",
    ),
    "practice/./x.md": ("'practice/./x.md' has a '.' segment", "leave it out: practice/x.md"),
    "practice//x.md": (
        "'practice//x.md' has an empty folder name (two '/' in a row, or a '/' at its end)",
        "write one '/' between folders: practice/x.md",
    ),
    "practice\\x.md": ("'practice\\x.md' uses '\\' between folders", "write '/' instead: practice/x.md"),
    "practice/x.html": ("'practice/x.html' does not end in .md", "write the path of a Markdown page: practice/x.md"),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_a_page_path_that_would_not_be_built_is_a_problem_at_its_line(page: str):
    with pytest.raises(PracticeFileError) as caught:
        parse_practice_text(f"title: A set\npage: {page}\n{CARDS}", FILE)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.column, problem.path) == (FILE, 2, 7, "page")
    assert (problem.message, problem.hint) == PAGES[page]


def test_a_page_path_in_folders_with_any_letters_loads():
    assert parse_practice_text(f"title: A set\npage: práctica/vídeo.v2.md\n{CARDS}", FILE).page == "práctica/vídeo.v2.md"


def test_a_page_with_a_nul_stops_check_and_build_without_a_traceback(site, capsys):
    write_files(site, {"quizzes/nul.yml": 'title: N\npage: "practice/a\\0b.md"\n' + CARDS})
    status, lines = check_lines(site, capsys)
    assert status == 1
    assert lines[0] == (
        "quizzes/nul.yml:2:7: page: the page path holds the control character U+0000 "
        "(remove it: a page path is a relative path ending in .md, e.g. practice/my-set.md)"
    )
    result = build(site)
    assert result.returncode == 1 and "Traceback" not in result.output
    assert "quizzes/nul.yml:2:7: page: the page path holds the control character U+0000" in result.output
