"""The ``[[practice: ...]]`` line: a section (or a whole set) embedded in any page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from lessonkit import PracticeFileError, load_practice_file
from lessonkit.ids import set_ids
from lessonkit.embedding import expand_directives, find_directives
from lessonkit.rendering import PracticeRenderer
from sitebuild import build, copy_course

ROOT = Path(__file__).resolve().parent.parent
SEED = load_practice_file(ROOT / "quizzes" / "video-generation.yml").practice_set
SETS = {"video-generation": SEED}
LESSON = "content/lessons/video-generation.md"
MATCHING = "try-it-yourself-match-the-failure-to-its-cause"


def renderer() -> PracticeRenderer:
    return PracticeRenderer(lambda text: f"<p>{text}</p>")


def test_directives_are_found_outside_code_only():
    page = (
        "# Page\n\n[[practice: video-generation#2]]\n\n```markdown\n[[practice: video-generation]]\n```\n\n"
        "~~~~\n[[practice: nope]]\n~~~~\n\nText with `[[practice: video-generation]]` inline.\n"
        "[[ practice : video-generation ]]\n"
    )
    found = find_directives(page)
    assert [(d.line, d.stem, d.section) for d in found] == [(3, "video-generation", "2"), (14, "video-generation", None)]


def test_one_section_renders_as_on_its_page_with_unique_ids():
    key = set_ids("video-generation", SEED)[1][0]
    alone = renderer()
    expected = alone.render_section(SEED.sections[1], "lk-embed-1-2", key)
    page = f"# Lesson\n\n[[practice: video-generation#{MATCHING}]]\n\n[[practice: video-generation#2]]\n"
    embedding = renderer()
    slots = embedding.start_page()
    markdown = expand_directives(page, "content/x.md", SETS, embedding, slots)
    assert f"## {SEED.sections[1].title}" in markdown and "## Self-check" not in markdown
    expanded = slots.fill(markdown)
    assert expected in expanded
    assert f'data-lk-section="{key}"' in expanded  # the same stable ids as on the set's page
    assert SEED.credit.strip() in expanded
    ids = re.findall(r'\sid="([^"]+)"', expanded)
    assert ids and len(ids) == len(set(ids))
    assert "lk-embed-1-2" in ids and "lk-embed-2-2" in ids


def test_whole_set_renders_every_section_without_its_title():
    embedding = renderer()
    expanded = expand_directives("[[practice: video-generation]]\n", "content/x.md", SETS, embedding, embedding.start_page())
    headings = re.findall(r"^(#+) (.*)$", expanded, re.M)
    assert headings == [("##", section.title) for section in SEED.sections]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[[practice: video-generaton]]", "no practice file named 'video-generaton' (did you mean 'video-generation'?)"),
        (
            "[[practice: video-generation#try-it-yourself-match]]",
            f"'video-generation' has no section 'try-it-yourself-match' (did you mean 'video-generation#{MATCHING}'?)",
        ),
        ("[[practice: video-generation#5]]", "'video-generation' has no section 5 (it has 4 section(s): use 1 to 4, or a section's anchor)"),
        ("[[practice: two words]]", "'[[practice: two words]]' is not a practice directive"),
    ],
)
def test_a_directive_naming_nothing_is_an_error_with_page_and_line(line, message):
    with pytest.raises(PracticeFileError) as caught:
        expand_directives(f"# Lesson\n\nSome text.\n\n{line}\n", "content/lessons/x.md", SETS, renderer(), renderer().start_page())
    [problem] = caught.value.problems
    assert str(problem).startswith(f"content/lessons/x.md:5:1: {message}")


# In a real build ----------------------------------------------------------------


@pytest.fixture(scope="module")
def embedded_build(tmp_path_factory: pytest.TempPathFactory):
    project = copy_course(tmp_path_factory.mktemp("embed"))
    lesson = project / LESSON
    lesson.write_text(
        lesson.read_text(encoding="utf-8")
        + f"\n## Try it here\n\n[[practice: video-generation#{MATCHING}]]\n\n[[practice: video-generation#4]]\n"
        "\n```text\n[[practice: video-generation#1]]\n```\n",
        encoding="utf-8",
    )
    result = build(project)
    assert result.returncode == 0, result.output
    return result


def test_embedded_sections_in_a_build(embedded_build):
    html = embedded_build.page("lessons/video-generation.md")
    soup = BeautifulSoup(html, "html.parser")
    content = soup.select_one("article") or soup
    widgets = [element["data-lk-widget"] for element in content.select("[data-lk-widget]")]
    assert widgets == ["matching", "flashcards"]
    headings = [h2.get_text(" ", strip=True).rstrip("¶").strip() for h2 in content.select("h2")]
    assert "Try it yourself: match the failure to its cause" in headings and "Flashcards" in headings
    ids = [element["id"] for element in content.select("[id]")]
    assert len(ids) == len(set(ids))
    # The widgets' stylesheet and script come with them, as on the practice page.
    assert "lessonkit/assets/lessonkit.js" in html and "lessonkit/assets/lessonkit.css" in html
    # Inside a code block the line is shown, not expanded.
    assert "[[practice: video-generation#1]]" in content.select_one("pre").get_text()


def test_embedded_section_matches_the_practice_page(embedded_build):
    lesson = BeautifulSoup(embedded_build.page("lessons/video-generation.md"), "html.parser")
    practice = BeautifulSoup(embedded_build.page("practice/video-generation.md"), "html.parser")
    embedded = lesson.select_one('[data-lk-widget="matching"]')
    original = practice.select_one('[data-lk-widget="matching"]')
    # Same markup, ids aside (each page makes its own).
    normalise = lambda tag: re.sub(r"lk-(embed-\d+-)?\d+", "ID", str(tag))  # noqa: E731
    assert normalise(embedded) == normalise(original)


def test_a_missing_section_stops_the_build_with_page_and_line(tmp_path):
    project = copy_course(tmp_path / "course")
    lesson = project / LESSON
    text = lesson.read_text(encoding="utf-8") + "\n[[practice: video-generation#flashcard]]\n"
    lesson.write_text(text, encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    line = len(text.splitlines())
    assert (
        f"{LESSON}:{line}:1: 'video-generation' has no section 'flashcard' "
        "(did you mean 'video-generation#flashcards'?)"
    ) in result.output
    assert "Traceback" not in result.output
