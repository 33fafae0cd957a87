"""The ``[[practice-progress]]`` line: Markdown in, the list of practice sets out."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from lessonkit import load_practice_file
from lessonkit.ids import set_ids
from lessonkit.progresslist import expand_progress_lists, has_progress_list
from lessonkit.rendering import PracticeRenderer
from sitebuild import build, copy_course

ROOT = Path(__file__).resolve().parent.parent
LOADED = load_practice_file(ROOT / "quizzes" / "video-generation.yml")


def expand(page: str) -> str:
    renderer = PracticeRenderer(lambda text: f"<p>{text}</p>")
    return expand_progress_lists(page, [LOADED], renderer, lambda path: f"../{path.removesuffix('.md')}/")


def test_the_line_is_found_outside_code_only():
    page = (
        "# Home\n\n[[practice-progress]]\n\n```markdown\n[[practice-progress]]\n```\n\n"
        "~~~~\n[[practice-progress]]\n~~~~\n\nText with `[[practice-progress]]` inline.\n"
        "[[ practice-progress ]]\n"
    )
    expanded = expand(page)
    assert expanded.count('data-lk-widget="progress"') == 2
    assert "```markdown\n[[practice-progress]]\n```" in expanded
    assert "~~~~\n[[practice-progress]]\n~~~~" in expanded
    assert "Text with `[[practice-progress]]` inline." in expanded
    assert has_progress_list(page)
    assert not has_progress_list("```\n[[practice-progress]]\n```\n")
    assert expand("# No list\n\n[[practice: x]]\n") == "# No list\n\n[[practice: x]]\n"


def test_each_set_is_a_link_with_its_sections_and_entries_ids():
    soup = BeautifulSoup(expand("[[practice-progress]]\n"), "html.parser")
    (entry,) = soup.select("ul.lk-progress > li")
    link = entry.find("a")
    assert link["href"] == "../practice/video-generation/"
    assert link.get_text() == LOADED.practice_set.title
    sections = json.loads(entry["data-lk-sections"])
    assert [key for key, _, _ in sections] == [key for key, _ in set_ids("video-generation", LOADED.practice_set)]
    assert [ids for _, _, ids in sections] == [ids for _, ids in set_ids("video-generation", LOADED.practice_set)]
    # how the script counts each section: its model's progress kind, not its type's name
    assert [kind for _, kind, _ in sections] == ["questions", "exercises", "exercises", "cards"]
    assert entry.find(["button", "input", "select"]) is None  # nothing dead without the script
    # the boxes the script fills, at their size, their texts in attributes (lessonkit.standing)
    assert entry.select_one(".lk-summary")["data-lk-text"].startswith("0 of 2 exercises done")
    tools = soup.select_one("ul.lk-progress + div.lk-tools")
    assert tools["aria-hidden"] == "true" and tools.get_text(strip=True) == ""
    assert tools.find(["button", "input", "select"]) is None


def test_built_home_page_lists_the_practice_page_and_gets_the_script(tmp_path: Path):
    project = copy_course(tmp_path / "course")
    result = build(project)
    assert result.returncode == 0, result.output
    soup = BeautifulSoup(result.page("index.md"), "html.parser")
    (link,) = soup.select("[data-lk-widget=progress] a")
    assert link["href"] == "practice/video-generation/"
    assert soup.select('script[src$="lessonkit/assets/lessonkit.js"]')
    assert "[[practice-progress]]" not in soup.get_text()
    lesson = BeautifulSoup(result.page("lessons/video-generation.md"), "html.parser")
    assert not lesson.select('script[src$="lessonkit.js"], link[href$="lessonkit.css"]')
