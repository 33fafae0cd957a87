"""The ``[[practice-review]]`` line: found as written, refused with its line and
the fix when it cannot be the course's one review, and built (MkDocs and
Zensical) into the review page the progress list links to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from lessonkit import load_practice_file
from lessonkit.ids import set_ids
from lessonkit.review import find_review_lines, review_page, review_problems
from sitebuild import ROOT, BuildResult, build, copy_course, write_files, zensical_build

LOADED = load_practice_file(ROOT / "quizzes" / "video-generation.yml")
REVIEW = "# Review\n\n[[practice-review]]\n"


def test_the_line_is_found_as_written_outside_code():
    page = (
        "# R\n\n[[practice-review]]\n\n```markdown\n[[practice-review]]\n```\n\n"
        "Say `[[practice-review]]` in a sentence.\n\n    [[practice-review]]\n"
    )
    (found,) = find_review_lines(page)
    assert (found.line, found.alone, found.option) == (3, True, "")
    assert find_review_lines("No review here.\n") == []
    assert review_problems(page, "content/r.md") == []


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("[[practice-review: cards]]\n", "content/r.md:1:1: '[[practice-review: cards]]': the review line takes no option"),
        ("[[practice-review sets]]\n", "content/r.md:1:1: '[[practice-review sets]]': the review line takes no option"),
        ("See [[practice-review]] here.\n", "content/r.md:1:1: '[[practice-review]]' is not alone on its line"),
        ("[[practice-review]]\n\n[[practice-review]]\n", "content/r.md:3:1: [[practice-review]] is used twice on this page (first on line 1)"),
    ],
    ids=["option", "word", "in a sentence", "twice"],
)
def test_a_line_that_cannot_be_the_review_is_refused_at_its_line(page: str, message: str):
    (problem,) = review_problems(page, "content/r.md")
    assert str(problem).startswith(message)
    assert problem.hint  # the fix


def test_a_second_page_with_the_line_is_refused(tmp_path: Path):
    (tmp_path / "a.md").write_text(REVIEW, encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\n```\n[[practice-review]]\n```\n", encoding="utf-8")  # shown, not used
    pages = {"a.md": tmp_path / "a.md", "b.md": tmp_path / "b.md"}
    assert review_page(pages) == {"a.md": 3}
    assert review_page(pages, skip="a.md") == {}
    (problem,) = review_problems(REVIEW, "content/c.md", review_page(pages))
    assert str(problem).startswith("content/c.md:3:1: [[practice-review]] is also on 'a.md' (line 3)")


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = copy_course(tmp_path_factory.mktemp("review"))
    write_files(project, {"content/review.md": REVIEW})
    result = build(project)
    assert result.returncode == 0, result.output
    return result


def _review(result: BuildResult) -> BeautifulSoup:
    (widget,) = BeautifulSoup(result.page("review.md"), "html.parser").select("article [data-lk-widget=review]")
    return widget


def test_the_review_holds_every_card_and_question_with_where_it_comes_from(reviewed: BuildResult):
    widget = _review(reviewed)
    (link,) = widget.select(".lk-progress > li > a")  # with JavaScript off: the list of sets
    assert link["href"] == "../practice/video-generation/"
    items = widget.select_one(".lk-review__items")
    assert items.has_attr("hidden") and items.has_attr("data-search-exclude")
    ids = dict(set_ids("video-generation", LOADED.practice_set))
    groups = items.select(".lk-review__group")
    assert [g.select_one(".lk-from").get_text() for g in groups] == [
        "Practice: Transformers for video generation \u203a Self-check",
        "Practice: Transformers for video generation \u203a Flashcards",
    ]
    assert [g.select_one(".lk-from")["href"] for g in groups] == [
        "../practice/video-generation/#self-check", "../practice/video-generation/#flashcards",
    ]
    assert [q["data-lk-id"] for q in groups[0].select(".lk-question")] == ids["video-generation/self-check"]
    assert [c["data-lk-id"] for c in groups[1].select(".lk-card")] == ids["video-generation/flashcards"]
    card = LOADED.practice_set.sections[3].cards[0]
    assert groups[1].select_one(".lk-card__text").get_text() == card.front
    # lean: a card is its front and back, nothing the page does not need
    assert groups[1].select_one(".lk-card").attrs.keys() == {"class", "data-lk-id"}
    assert widget.find(["button", "input", "select"]) is None
    # the anchors exist on the set's page (the build's link check passed too)
    practice = BeautifulSoup(reviewed.page("practice/video-generation.md"), "html.parser")
    assert practice.find(id="self-check") and practice.find(id="flashcards")


def test_the_review_is_left_out_of_search(reviewed: BuildResult):
    index = json.loads((reviewed.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    back = " ".join(LOADED.practice_set.sections[3].cards[0].back.split()[:4])
    on_review = [doc["text"] for doc in index["docs"] if doc["location"].startswith("review/")]
    assert on_review and not any(back in text for text in on_review)
    # nor on the set's page: answers are out of the index there too (search_answers: false)
    assert not any(back in doc["text"] for doc in index["docs"] if doc["location"].startswith("practice/"))


def test_the_progress_list_links_to_the_review_page(reviewed: BuildResult):
    home = BeautifulSoup(reviewed.page("index.md"), "html.parser")
    line = home.select_one(".lk-next--course")
    assert line.select_one("a[hidden]")["href"] == "review/"  # a link: the engine makes its URL
    assert line["data-lk-text"] == "The whole course: 2 exercises not done yet \u00b7 10 new cards"
    (listed,) = home.select("ul.lk-progress > li")
    assert listed.select_one("a")["href"] == "practice/video-generation/"
    assert json.loads(listed["data-lk-places"])[1] == "#try-it-yourself-match-the-failure-to-its-cause"


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_wrong_or_second_line_stops_the_build_at_its_line(tmp_path: Path, engine: str):
    project = copy_course(tmp_path / "wrong")
    write_files(project, {"content/review.md": "# Review\n\n[[practice-review: cards]]\n"})
    result = build(project) if engine == "mkdocs" else zensical_build(project)
    assert result.returncode != 0
    assert "content/review.md:3:1: '[[practice-review: cards]]': the review line takes no option" in result.output
    assert "Traceback" not in result.output
    write_files(project, {"content/review.md": REVIEW, "content/again.md": REVIEW})
    result = build(project) if engine == "mkdocs" else zensical_build(project)
    assert result.returncode != 0
    # Said once, on the later page by path, whichever order the engine builds them in.
    assert "content/review.md:3:1: [[practice-review]] is also on 'again.md' (line 3)" in result.output
    assert "content/again.md:3" not in result.output
    assert "Traceback" not in result.output


def test_on_zensical_the_review_is_the_plugins(tmp_path: Path, reviewed: BuildResult):
    project = copy_course(tmp_path / "zensical")
    write_files(project, {"content/review.md": REVIEW})
    result = zensical_build(project)
    assert result.returncode == 0, result.output
    ours = BeautifulSoup(result.page("review.md"), "html.parser").select_one("article [data-lk-widget=review]")
    theirs = _review(reviewed)
    assert [c["data-lk-id"] for c in ours.select("[data-lk-id]")] == [c["data-lk-id"] for c in theirs.select("[data-lk-id]")]
    assert [a.get_text() for a in ours.select(".lk-from")] == [a.get_text() for a in theirs.select(".lk-from")]
    home = BeautifulSoup(result.page("index.md"), "html.parser")
    assert home.select_one(".lk-next--course a[hidden]")["href"] == "review/"
