"""The boxes the script fills, as built: where a learner stands after a
practice page's title and in the progress list, and the tools' stand-in."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from lessonkit import load_practice_file
from lessonkit.ids import set_ids
from lessonkit.rendering import PracticeRenderer
from lessonkit.standing import first_visit_summary, standing_sections

ROOT = Path(__file__).resolve().parent.parent
LOADED = load_practice_file(ROOT / "quizzes" / "video-generation.yml")
SET = LOADED.practice_set


def test_sections_are_the_ids_the_script_counts_and_how_it_counts_them():
    sections = standing_sections("video-generation", SET)
    # one per section, in the file's order, each with its id, its kind and its entries' ids
    assert [kind for _, kind, _ in sections] == ["questions", "exercises", "exercises", "cards"]
    assert [len(ids) for _, _, ids in sections] == [7, 4, 6, 10]
    assert all(key.startswith("video-generation/") for key, _, _ in sections)
    assert len({key for key, _, _ in sections}) == 4
    # the ids are the ones the page's entries carry (data-lk-id), which the script looks up
    assert [ids for _, _, ids in sections] == [ids for _, ids in set_ids("video-generation", SET)]
    # ids given once are used: no second reckoning of them
    given = [["x/s", ["x/s/1"]]] * 4
    assert [ids for _, _, ids in standing_sections("x", SET, given)] == [["x/s/1"]] * 4


def test_first_visit_summary_counts_as_the_script_does_with_nothing_kept():
    strings = PracticeRenderer(str).strings
    sections = [
        ["s/a", "exercises", ["a1", "a2", "a3"]],
        ["s/b", "questions", ["b1", "b2"]],
        ["s/c", "exercises", ["c1"]],
        ["s/d", "cards", ["d1", "d2", "d3", "d4"]],
        ["s/e", "questions", ["e1"]],
    ]
    # an exercise counts once (all right at its last check), a question and a card each
    assert first_visit_summary(sections, strings) == (
        "0 of 2 exercises done \u00b7 0 of 3 questions known \u00b7 0 of 4 cards due"
    )
    assert first_visit_summary([["s/d", "cards", ["d1"]]], strings) == "0 of 1 cards due"
    german = {**strings, "summary_questions": "{count}/{total} Fragen gewusst"}
    assert first_visit_summary([["s/b", "questions", ["b1", "b2"]]], german) == "0/2 Fragen gewusst"


def test_the_box_holds_its_texts_in_attributes_and_no_control():
    renderer = PracticeRenderer(str, strings={"forget": 'Vergessen & "weg"'})
    block = renderer.render_standing("video-generation", SET)
    html = markdown.markdown(f"# Title\n\n{block}\n\nText.")
    page = BeautifulSoup(html, "html.parser")
    # Markdown keeps the box whole, as HTML, between the title and the text after it
    assert [tag.name for tag in page.find_all(recursive=False)] == ["h1", "div", "p"]
    assert page.find("p", recursive=False).get_text() == "Text."
    assert "&lt;" not in html
    box = page.select_one("div.lk-standing")
    assert json.loads(box["data-lk-sections"]) == standing_sections("video-generation", SET)
    summary = box.select_one(".lk-summary")
    assert summary["data-lk-text"] == "0 of 2 exercises done \u00b7 0 of 7 questions known \u00b7 0 of 10 cards due"
    assert box.select_one(".lk-tools") is None  # the tools are below the practice
    tools = BeautifulSoup(renderer.tools, "html.parser").select_one(".lk-tools")
    assert tools["aria-hidden"] == "true"
    assert [span["data-lk-text"] for span in tools.select(".md-button")] == [
        'Vergessen & "weg"', "Save progress to a file", "Load progress from a file"
    ]
    assert box.get_text(strip=True) == ""  # nothing for the search index or a screen reader
    assert box.find(["button", "input", "select", "a"]) is None
