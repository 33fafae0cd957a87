"""A real strict build of the course, read back: the seed, word for word."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import SEED, BuildResult, build, copy_course, write_files

PRACTICE = "practice/video-generation.md"


def without_permalinks(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.select("a.headerlink"):
        link.decompose()
    return soup


def text_of(node) -> str:
    return " ".join(node.get_text().split())


def without(node, selector: str):
    """A copy of ``node`` without the elements ``selector`` matches: the lean
    markup puts a question and its answer, or a letter and its item, side by side."""
    node = copy.copy(node)
    for found in node.select(selector):
        found.decompose()
    return node


def toc_links(soup: BeautifulSoup) -> list[str]:
    """The page's table of contents, as its links' targets, in order."""
    return list(dict.fromkeys(a["href"] for a in soup.select("nav.md-nav--secondary a.md-nav__link")))


def built_practice_page(tmp_path: Path, stem: str, practice_yaml: str) -> BeautifulSoup:
    """The course with one more practice file, built strictly: that file's page."""
    project = copy_course(tmp_path)
    write_files(project, {f"quizzes/{stem}.yml": practice_yaml})
    result = build(project)
    assert result.returncode == 0, result.output
    return without_permalinks(result.page(f"practice/{stem}.md"))


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def built(request: pytest.FixtureRequest) -> BuildResult:
    """The course built by MkDocs (the plugin), and by Zensical (the Markdown extension)."""
    return request.getfixturevalue("course_build" if request.param == "mkdocs" else "zensical_course_build")


@pytest.fixture(scope="module")
def practice(built: BuildResult) -> BeautifulSoup:
    return without_permalinks(built.page(PRACTICE))


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def widget(soup: BeautifulSoup, kind: str):
    (found,) = soup.select(f'[data-lk-widget="{kind}"]')
    return found


def test_page_title_and_toc(practice: BeautifulSoup):
    assert text_of(practice.select_one("article h1")) == "Practice: Transformers for video generation"
    headings = [(h["id"], text_of(h)) for h in practice.select("article h2")]
    assert headings == [
        ("self-check", "Self-check"),
        ("try-it-yourself-match-the-failure-to-its-cause", "Try it yourself: match the failure to its cause"),
        ("try-it-yourself-which-conversation-is-this", "Try it yourself: which conversation is this?"),
        ("flashcards", "Flashcards"),
    ]
    assert toc_links(practice) == ["#" + h[0] for h in headings]


def test_self_check_questions_and_answers(practice: BeautifulSoup, seed_lines: list[str]):
    # The seed: "N. question", "Show answer", the answer.
    expected = [
        (re.sub(r"^\d\. ", "", seed_lines[i]), seed_lines[i + 2])
        for i, line in enumerate(seed_lines)
        if re.match(r"^\d\. ", line) and seed_lines[i + 1] == "Show answer"
    ]
    assert len(expected) == 7
    section = widget(practice, "self-check")
    questions = section.select("li.lk-question")
    got = [(text_of(without(q, ":scope > details")), text_of(without(q.select_one("details"), "summary"))) for q in questions]
    assert got == expected
    assert all(text_of(q.select_one("details > summary")) == "Show answer" for q in questions)


def test_flashcards(practice: BeautifulSoup, seed_lines: list[str]):
    expected = [(line[3:], seed_lines[i + 1]) for i, line in enumerate(seed_lines) if line.startswith("Q. ")]
    assert len(expected) == 10
    cards = widget(practice, "flashcards").select(".lk-card")
    got = [(text_of(c.select_one(".lk-card__front")).removeprefix("Q. "), text_of(without(c.select_one("details"), "summary"))) for c in cards]
    assert got == expected


def key_lines(seed_lines: list[str], start: str, end: str) -> list[str]:
    first = next(i for i, line in enumerate(seed_lines) if line.startswith(start))
    last = next(i for i, line in enumerate(seed_lines) if line.startswith(end) and i > first)
    return [line[2:] for line in seed_lines[first:last] if line.startswith("- ")]


def test_matching_items_options_and_key(practice: BeautifulSoup, seed_lines: list[str]):
    section = widget(practice, "matching")
    key = [text_of(li) for li in section.select("details ul.lk-key > li")]
    assert key == key_lines(seed_lines, "Failure: Cause:", "The pattern:")
    assert len(key) == 4
    options = [text_of(li) for li in section.select("ol.lk-options > li")]
    assert options == [
        "1. Captioning pipeline limitation (caption did not describe what happens over time)",
        "2. Long-horizon coherence frontier (unsolved at present)",
        "3. Video tokenizer ceiling (per-frame quality bounded by tokenizer)",
        "4. Compute / context window (clip length exceeds well-trained durations)",
    ]
    # The seed prints items and options side by side; every word of each item,
    # in order, is in the seed's line once the option columns are taken out.
    grid = squash(next(line for line in seed_lines if line.startswith("Failure: Cause:")))
    items = [text_of(without(li, ".lk-letter")) for li in section.select("ol.lk-items > li")]
    assert len(items) == 4
    for letter, item in zip("ABCD", items):
        words = item.replace("physics-breaking", "physics- breaking").split()
        position = grid.index(f"{letter}. ")
        for word in words:
            position = grid.index(word, position) + len(word)
    assert [text_of(h) for h in section.select(".lk-column-title")] == ["Failure", "Cause"]
    takeaway = section.find_next_sibling("p")
    assert text_of(takeaway) == next(line for line in seed_lines if line.startswith("The pattern:"))


def test_labeling_statements_labels_and_key(practice: BeautifulSoup, seed_lines: list[str]):
    section = widget(practice, "labeling")
    statements_line = next(line for line in seed_lines if line.startswith("A. How spacetime patches"))
    statements_line = statements_line.split("Show answer")[0]
    expected = [s.strip() for s in re.split(r"(?:^|(?<=[.?]))[A-F]\. ", statements_line) if s.strip()]
    got = [text_of(li) for li in section.select("ol.lk-statements > li")]
    assert [re.sub(r"^[A-F]\. ", "", g) for g in got] == expected
    assert len(got) == 6
    labels = [text_of(li) for li in section.select("ul.lk-label-list > li")]
    assert len(labels) == 8 and labels[0] == "IN SCOPE (technical lesson territory)"
    key = [text_of(li) for li in section.select("details ul.lk-key > li")]
    assert key == key_lines(seed_lines, "A. How spacetime patches", "The discriminating test:")
    assert section.select_one('li[id$="-E"]')["data-lk-answer"].split() == ["7", "6"]
    takeaway = section.find_next_sibling("p")
    assert text_of(takeaway) == next(line for line in seed_lines if line.startswith("The discriminating test:"))


def test_intros_credit_and_lesson_links(built: BuildResult, practice: BeautifulSoup, seed_lines: list[str]):
    text = squash(practice.select_one("article").get_text(" "))
    for intro in ("Seven short questions.", "Match each described failure", "For each statement, label it",
                  "Ten cards. Click any card"):
        line = next(line for line in seed_lines if intro in line)
        assert squash(line.split("”", 1)[-1] if line.startswith("Section") else line) in text
    assert "clawless-io/clawdemy" in text and "CC BY-SA 4.0" in text
    back = practice.select_one('article a[href="../../lessons/video-generation/"]')
    assert back is not None
    lesson = BeautifulSoup(built.page("lessons/video-generation.md"), "html.parser")
    assert lesson.select_one('article a[href="../../practice/video-generation/"]') is not None


def test_works_without_javascript_markup(practice: BeautifulSoup):
    # No control that needs the script is in the markup: the script builds them.
    assert practice.select_one("article") is not None
    assert not practice.select("article select, article input, article button")
    # Behaviour comes from one script file: lessonkit adds no inline script
    # (on Zensical the page carries the script's strings as inert JSON data).
    assert not practice.select('article script:not([src]):not([type="application/json"])')


def test_the_instructors_page_embeds_the_flashcards(built: BuildResult, practice: BeautifulSoup):
    page = without_permalinks(built.page("instructors.md"))
    (embedded,) = page.select('article [data-lk-widget="flashcards"]')
    own = widget(practice, "flashcards")
    # The same section, the same cards and ids as on the set's page (progress is shared).
    assert embedded["data-lk-section"] == own["data-lk-section"]
    assert [c["data-lk-id"] for c in embedded.select(".lk-card")] == [c["data-lk-id"] for c in own.select(".lk-card")]
    assert [text_of(c) for c in embedded.select(".lk-card")] == [text_of(c) for c in own.select(".lk-card")]
    heading = embedded.find_previous("h2")
    assert text_of(heading) == "Flashcards" and "#" + heading["id"] in toc_links(page)
    assert not [p for p in page.select("article p") if text_of(p).startswith("[[practice:")]


def test_search_index_has_practice_sections(course_build: BuildResult):
    index = json.loads((course_build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {doc["location"]: doc["text"] for doc in index["docs"]}
    assert "What evaluation methods does video generation use" in entries["practice/video-generation/#self-check"]
    assert "Fréchet Video Distance" not in entries["practice/video-generation/#self-check"]  # an answer (search_answers)
    assert "real-person reanimation" in entries["practice/video-generation/#try-it-yourself-which-conversation-is-this"]
    # Each option and label once (no copy per item), explanations left out (search_answers), no control's text.
    matching = entries["practice/video-generation/#try-it-yourself-match-the-failure-to-its-cause"]
    assert matching.count("Video tokenizer ceiling") == 1
    assert "Identity drift over long horizons" not in matching
    labeling = entries["practice/video-generation/#try-it-yourself-which-conversation-is-this"]
    assert labeling.count("use-case policy") == 2  # the intro's list, the label list
    for location, text in entries.items():
        if location.startswith("practice/video-generation/"):
            assert "Check answers" not in text and "Show answer" not in text, location


TRICKY = """\
title: "Quotes \\"double\\" & 'single' — ünïcode ✓"
lesson: lessons/video-generation.md
intro: Compare `a < b && c > d` with <kbd>Ctrl</kbd>.
sections:
  - type: self-check
    title: Edge cases & `<angles>`
    questions:
      - question: What does `x->y < z` print, "quoted"?
        answer: |
          It prints `<tag attr="v">` & then **bold** — café.

          ```python
          if a < b and c > d:

              print("<&>")
          ```
  - type: matching
    title: Match `<these>`
    options:
      - id: lt
        text: "`<` less & more"
      - "plain 'quoted' \\"option\\""
    items:
      - text: "Item with `</details>` inside"
        answer: lt
        explanation: Because `<` & `>`.
  - type: labeling
    title: Labels
    labels: ["a & b", "`<c>`"]
    items:
      - text: Pick `<c>` "here"
        answer: "`<c>`"
  - type: flashcards
    title: Cards
    cards:
      - front: Front `<b>` & "q"
        back: Back — ✓ `</summary>`
"""


def test_tricky_text_shows_exactly_as_written(tmp_path: Path):
    soup = built_practice_page(tmp_path, "tricky", TRICKY)
    article = soup.select_one("article")
    assert text_of(article.select_one("h1")) == "Quotes \"double\" & 'single' — ünïcode ✓"
    assert [c.get_text() for c in article.select("p > code")][:1] == ["a < b && c > d"]
    h2 = [text_of(h) for h in article.select("h2")]
    assert h2 == ["Edge cases & <angles>", "Match <these>", "Labels", "Cards"]
    question = without(article.select_one(".lk-question"), ":scope > details")
    assert text_of(question) == 'What does x->y < z print, "quoted"?'
    assert question.select_one("code").get_text() == "x->y < z"
    answer = without(article.select_one(".lk-question > details"), "summary")
    assert answer.select_one("p code").get_text() == '<tag attr="v">'
    assert "& then bold — café." in text_of(answer)
    assert 'c > d:\n\n    print("<&>")' in answer.select_one("pre").get_text()
    # The structure survives a closing tag inside a code span.
    matching = article.select_one('[data-lk-widget="matching"]')
    assert matching.select_one(".lk-item code").get_text() == "</details>"
    # The options as listed (the script builds each item's select from these: tests/browser).
    options = [text_of(without(o, ".lk-number")) for o in matching.select(".lk-option")]
    assert options == ["< less & more", "plain 'quoted' \"option\""]
    assert text_of(matching.select_one("ul.lk-key li")) == "A → 1: < less & more. Because < & >."
    labeling = article.select_one('[data-lk-widget="labeling"]')
    assert [text_of(label) for label in labeling.select("ul.lk-label-list > li")] == ["a & b", "<c>"]
    card = article.select_one(".lk-card")
    assert text_of(card.select_one(".lk-card__front")) == 'Q. Front <b> & "q"'
    assert text_of(without(card.select_one("details"), "summary")) == "Back — ✓ </summary>"
    # It is in the navigation, with no edit of mkdocs.yml.
    nav = [text_of(a) for a in soup.select("nav.md-nav--primary a")]
    assert "Quotes \"double\" & 'single' — ünïcode ✓" in nav


def test_bad_file_stops_the_build_with_file_and_line(tmp_path: Path):
    project = copy_course(tmp_path)
    write_files(project, {
        "quizzes/bad.yml": "title: Bad\nsections:\n  - type: self-check\n    title: S\n    questions:\n      - question: q\n        answr: a\n",
        "quizzes/worse.yml": "title: [\n",
    })
    result = build(project)
    assert result.returncode != 0
    assert "quizzes/bad.yml:7:9: sections[0].questions[0].answr: unknown field 'answr' (did you mean 'answer'?)" in result.output
    assert "quizzes/worse.yml:2:1: YAML syntax error" in result.output
    assert "Traceback" not in result.output
    assert not (project / "site" / "practice" / "bad").exists()


def test_site_overrides_a_widget_template_from_its_theme_folder(tmp_path: Path):
    project = copy_course(tmp_path)
    write_files(project, {
        "theme/lessonkit/flashcards.html":
            '<div class="my-cards" data-lk-widget="flashcards">{% for card in section.cards %}'
            '<p class="my-card">{{ card.front | markdown_inline }}</p>{% endfor %}</div>\n',
    })
    result = build(project)
    assert result.returncode == 0, result.output
    soup = without_permalinks(result.page(PRACTICE))
    assert len(soup.select("article .my-card")) == 10
    assert not soup.select("article .lk-card")
    # The other widgets still come from the package.
    assert soup.select('article [data-lk-widget="matching"] .lk-item')


APART = """\
title: Apart
sections:
  - type: self-check
    title: Cards
    questions:
      - question: Which heading?
        answer: |
          #### Cards

          A heading in an answer stays in the answer.
      - question: Raw <span class="x">HTML</span> too?
        answer: "*Yes.*"
  - type: flashcards
    title: More
    cards:
      - front: c
        back: "*d*"
"""


def test_texts_with_a_heading_or_raw_html_leave_the_page_anchors_alone(tmp_path: Path):
    soup = built_practice_page(tmp_path, "apart", APART)
    assert [h["id"] for h in soup.select("article h2")] == ["cards", "more"]
    assert toc_links(soup) == ["#cards", "#more"]
    answer = soup.select("article .lk-question > details")[0]
    assert text_of(answer.select_one("h4")) == "Cards" and "stays in the answer" in text_of(answer)
    assert soup.select_one("article .lk-question span.x").get_text() == "HTML"
    assert "lessonkitfieldbreak" not in str(soup) and "data-lk-slot" not in str(soup)
