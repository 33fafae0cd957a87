"""Authoring without surprises, in real strict builds: each text as it would
render alone, links that work wherever a text is shown, other plugins' work
kept, a hand-written nav, options checked by MkDocs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import build, copy_course, set_config, write_files

LINKED = """\
title: Linked
page: practice/linked.md
intro: "Read the [lesson](../lessons/video-generation.md#spacetime-patches) first."
sections:
  - type: self-check
    title: Linked questions
    questions:
      - question: "Where are [patches](../lessons/video-generation.md#spacetime-patches) explained?"
        answer: "In the lesson.[^1] See also [home](../index.md).\\n\\n[^1]: The first note."
      - question: Another?
        answer: "Yes.[^1]\\n\\n[^1]: The second note."
"""

EMBED_PAGES = {
    "content/embed-top.md": "# Top\n\n[[practice: linked]]\n",
    "content/one/embed.md": "# One deep\n\n[[practice: linked#1]]\n",
    "content/one/two/embed.md": "# Two deep\n\n[[practice: linked]]\n",
}


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def resolves(site: Path, page_html: Path, href: str) -> bool:
    """Whether a relative link of a built page leads to a built file (and its anchor)."""
    path, _, anchor = href.partition("#")
    target = (page_html.parent / path).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file() or site.resolve() not in target.parents:
        return False
    return not anchor or f'id="{anchor}"' in target.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def linked_build(tmp_path_factory: pytest.TempPathFactory):
    project = copy_course(tmp_path_factory.mktemp("linked"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("markdown_extensions:\n", "markdown_extensions:\n  - footnotes\n"), encoding="utf-8")
    write_files(project, {"quizzes/linked.yml": LINKED, **EMBED_PAGES})
    result = build(project)
    assert result.returncode == 0, result.output
    return result


@pytest.mark.parametrize("page", ["practice/linked.md", "embed-top.md", "one/embed.md", "one/two/embed.md"])
def test_a_link_in_a_text_works_on_its_page_and_embedded_at_any_depth(linked_build, page: str) -> None:
    html_path = linked_build.site / page.removesuffix(".md") / "index.html"
    soup = soup_of(html_path.read_text(encoding="utf-8"))
    links = [a["href"] for a in soup.select("article .lk-question a, article p a") if "patches" in a.get_text() or "lesson" == a.get_text() or a.get_text() == "home"]
    assert any("spacetime-patches" in href for href in links), links
    for href in links:
        assert resolves(linked_build.site, html_path, href), (page, href)


def test_footnotes_of_two_answers_stay_in_their_answers(linked_build) -> None:
    soup = soup_of(linked_build.page("practice/linked.md"))
    first, second = soup.select("article .lk-question > details")
    assert "The first note." in first.get_text() and "The second note." not in first.get_text()
    assert "The second note." in second.get_text() and "The first note." not in second.get_text()
    for answer in (first, second):
        (note_link,) = answer.select("a.footnote-ref")
        assert answer.select_one(f'[id="{note_link["href"][1:]}"]') is not None  # its note, in the same answer
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    article = soup.select_one("article")
    # In its answer, or in the worksheet's answer key (a copy of every answer, hidden but in print).
    assert all(note.find_parent(["details", "section"]) is not None for note in article.select("div.footnote"))
    key = article.select_one("section.lk-key-sheet")
    assert "The first note." in key.get_text() and "The second note." in key.get_text()


def test_a_broken_link_is_reported_at_the_yaml_file_and_line(tmp_path: Path) -> None:
    project = copy_course(tmp_path)
    broken = LINKED.replace("../index.md", "../lesons/video-generation.md")
    write_files(project, {"quizzes/linked.yml": broken, **EMBED_PAGES})
    result = build(project)
    assert result.returncode != 0
    lines = [line for line in result.output.splitlines() if "lesons" in line and "lessonkit:" in line]
    # Once, at the text's file and line, though the text is shown on four pages.
    assert len(lines) == 1 and "quizzes/linked.yml:9:17: sections[0].questions[0].answer:" in lines[0], result.output
    assert "did you mean '../lessons/video-generation.md'?" in lines[0]


HOOK = """\
from mkdocs.plugins import event_priority


@event_priority({priority})
def on_page_markdown(markdown, page, config, files):
    return markdown + "\\n\\nAdded by another plugin.\\n"


@event_priority({priority})
def on_page_content(html, page, config, files):
    return html + '<p class="other-plugin">HTML added too.</p>'
"""


@pytest.mark.parametrize("priority", [100, -100], ids=["before lessonkit", "after lessonkit"])
def test_another_plugins_markdown_and_html_are_kept_in_either_order(tmp_path: Path, priority: int) -> None:
    project = copy_course(tmp_path)
    write_files(project, {"hooks/other.py": HOOK.format(priority=priority)})
    set_config(project, hooks=["hooks/other.py"])
    result = build(project)
    assert result.returncode == 0, result.output
    for page in ("practice/video-generation.md", "index.md", "instructors.md"):
        soup = soup_of(result.page(page))
        assert "Added by another plugin." in soup.select_one("article").get_text(), page
        assert soup.select_one("article p.other-plugin") is not None, page
    practice = soup_of(result.page("practice/video-generation.md"))
    assert len(practice.select("[data-lk-widget]")) == 4


NAV = [
    {"Home": "index.md"},
    {"Lessons": ["lessons/video-generation.md"]},
    {"For instructors": "instructors.md"},
]


def nav_titles(html: str) -> list[str]:
    soup = soup_of(html)
    return [" ".join(link.get_text().split()) for link in soup.select("nav.md-nav--primary .md-nav__link")]


def test_a_practice_page_listed_in_nav_keeps_its_place(tmp_path: Path) -> None:
    project = copy_course(tmp_path)
    set_config(project, nav=[*NAV[:2], {"Drill": "practice/video-generation.md"}, NAV[2]])
    result = build(project)
    assert result.returncode == 0, result.output
    titles = nav_titles(result.page("index.md"))
    assert titles.index("Drill") < titles.index("For instructors")
    assert "not in nav" not in result.output


def test_a_practice_page_left_out_of_nav_is_added_and_the_log_says_where(tmp_path: Path) -> None:
    project = copy_course(tmp_path)
    set_config(project, nav=NAV)
    result = build(project)
    assert result.returncode == 0, result.output  # strict: no omitted_files warning
    titles = nav_titles(result.page("index.md"))
    assert titles[-2:] == ["Practice", "Practice: Transformers for video generation"]
    (line,) = [line for line in result.output.splitlines() if "not in nav" in line]
    assert "under 'Practice'" in line and "'- practice/video-generation.md'" in line


def test_a_wrong_option_is_a_config_error_naming_it(tmp_path: Path) -> None:
    project = copy_course(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      quizzes_dir: quizzes\n", "      quizzes_dir: quizzes\n      strings: {back_to_lesson: 42}\n"), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert re.search(r"lessonkit.*strings", result.output), result.output
    config.write_text(text.replace("      quizzes_dir: quizzes\n", "      quizzes_dir: quizzes\n      strings: {show_anser: Zeigen}\n"), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "unknown key(s) 'show_anser' (did you mean 'show_answer'?); known: show_answer, " in result.output
