"""The renderer as plain functions: Markdown in, page Markdown and HTML out."""

from __future__ import annotations

from pathlib import Path

import markdown

from lessonkit import PracticeRenderer, parse_practice_text
from lessonkit.ids import entry_ids
from lessonkit.rendering import TEMPLATES_DIR

SET = parse_practice_text(
    """\
title: Demo & "friends"
lesson: lessons/demo.md
page: practice/deep/demo.md
intro: Intro *text*.
sections:
  - type: matching
    title: Match
    columns: [Left, Right]
    options:
      - id: one
        text: One & only
        note: a note
      - two
    items:
      - text: First
        answer: two
      - text: Second
        answer: one
        key: the first one
        explanation: Because.
    takeaway: "**Done.**"
""",
    "demo.yml",
)


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=["fenced_code"])


def test_page_markdown_has_headings_intro_widget_and_lesson_link():
    page = PracticeRenderer(convert).render_page(SET, "practice/deep/demo.md")
    blocks = page.rstrip("\n").split("\n\n")
    assert blocks[0] == '# Demo & "friends"'
    assert blocks[1] == "[Back to the lesson](<../../lessons/demo.md>)"
    assert blocks[2] == "Intro *text*."
    assert blocks[3] == "## Match"
    assert blocks[4].startswith('<div class="lk-widget lk-matching" id="lk-1"')
    assert blocks[5] == "**Done.**"


def test_matching_markup_letters_numbers_and_key():
    html = PracticeRenderer(convert).render_section(SET.sections[0], "x", "demo/match")
    first, second = entry_ids("demo/match", SET.sections[0])
    assert 'data-lk-widget="matching" data-lk-section="demo/match">' in html
    assert f'<li class="lk-item" id="x-A" data-lk-id="{first}" data-lk-answer="2"><span class="lk-letter">A.</span> First</li>' in html
    assert f'<li class="lk-item" id="x-B" data-lk-id="{second}" data-lk-answer="1"><span class="lk-letter">B.</span> Second</li>' in html
    # The options list only: the script builds each item's select from it.
    assert '<span class="lk-number">1.</span> One &amp; only <span class="lk-note">(a note)</span></li>' in html
    assert "<select" not in html and "<option" not in html
    assert "<strong>A &rarr; 2</strong>: two</li>" in html
    assert "<strong>B &rarr; 1</strong>: the first one. Because.</li>" in html
    assert '<span class="lk-note">(a note)</span>' in html


def test_letters_go_past_z():
    from lessonkit.rendering import _letter

    assert [_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_site_template_overrides_the_package_one(tmp_path: Path):
    override = tmp_path / "lessonkit" / "matching.html"
    override.parent.mkdir()
    override.write_text('<div class="mine">{{ section.title }} {{ strings.check }}</div>', encoding="utf-8")
    renderer = PracticeRenderer(convert, [tmp_path, TEMPLATES_DIR], {"check": "Prüfen"})
    assert renderer.render_section(SET.sections[0], "x") == '<div class="mine">Match Prüfen</div>'


def test_plain_text_for_attributes():
    renderer = PracticeRenderer(convert)
    assert renderer.plain_text("Use `<b>` & *this*") == "Use <b> & this"
    assert str(renderer.markdown_inline("one *two*")) == "one <em>two</em>"
    assert str(renderer.markdown_inline("a\n\nb")) == "<p>a</p>\n<p>b</p>"


BROKEN = parse_practice_text(
    "title: t\nsections:\n  - type: flashcards\n    title: F\n    cards:\n"
    "      - {front: \"<div>\\nopen\", back: '*b*'}\n      - {front: c, back: '*d*'}\n",
    "x.yml",
)


def counting_converter(calls: list[str]):
    def counting(text: str) -> str:
        calls.append(text)
        return convert(text)

    return counting


def test_embedded_widget_texts_are_converted_in_one_pass_with_a_safe_fallback():
    calls: list[str] = []
    one_by_one = PracticeRenderer(convert).render_section(SET.sections[0], "x")
    renderer = PracticeRenderer(counting_converter(calls))
    slots = renderer.start_page()
    blocks = renderer.section_blocks(SET.sections[0], "x")
    assert calls == []  # nothing converted until the page's HTML is there
    html = slots.fill(convert("\n\n".join(blocks)))
    assert len(calls) == 1  # every text of the widget in one conversion
    assert slots.widgets == [one_by_one]  # and the same HTML as one by one
    assert one_by_one in html and "data-lk-slot" not in html

    # Raw HTML left open would swallow the texts after it: such a text is
    # converted on its own, and the others are still Markdown.
    calls.clear()
    slots = renderer.start_page()
    blocks = renderer.section_blocks(BROKEN.sections[0], "y")
    html = slots.fill(convert("\n\n".join(blocks)))
    assert "<div>\nopen" not in calls[0]  # the batch leaves it out
    assert "<em>b</em>" in html and "<em>d</em>" in html


def test_practice_page_texts_are_converted_with_the_page():
    calls: list[str] = []
    one_by_one = PracticeRenderer(convert).render_section(SET.sections[0], "lk-1", "set/match")
    renderer = PracticeRenderer(counting_converter(calls))
    slots = renderer.start_page()
    page = renderer.render_page(SET, "practice/deep/demo.md")
    assert page.startswith('# Demo & "friends"\n\nlessonkitfieldbreak\n\n')
    html = slots.fill(convert(page))
    assert calls == []  # the page's own conversion did it all
    assert slots.widgets == [one_by_one] and not slots.reconverted
    assert "lessonkitfieldbreak" not in html and "First" not in html.split(one_by_one)[0]
    assert html.startswith("<h1>Demo &amp; \"friends\"</h1>\n")
    assert "<p>Intro <em>text</em>.</p>" in html and "<strong>Done.</strong>" in html


def test_a_text_that_swallows_the_markers_makes_the_page_convert_again(monkeypatch):
    import lessonkit.rendering as rendering

    # Texts with raw HTML stay out of the page's Markdown; let one in, to see
    # that a page whose markers did not come back is still right.
    monkeypatch.setattr(rendering, "_shares_page", lambda text: True)
    calls: list[str] = []
    renderer = PracticeRenderer(counting_converter(calls))
    slots = renderer.start_page()
    page = renderer.render_page(BROKEN, "practice/x.md")
    html = slots.fill(convert(page))
    assert slots.reconverted
    assert "lessonkitfieldbreak" not in html
    assert html.startswith("<h1>t</h1>") and "<h2>F</h2>" in html
    assert "<em>b</em>" in html and "<em>d</em>" in html and 'data-lk-widget="flashcards"' in html

ASCII_SET = parse_practice_text(
    """\
title: Plain
sections:
  - type: self-check
    title: Q
    questions: [{question: Why?, answer: Because.}]
  - type: matching
    title: M
    columns: [Left, Right]
    options: [{id: a, text: One, note: n}]
    items: [{text: First, answer: a, explanation: E.}]
  - type: labeling
    title: L
    labels: [x, y]
    items: [{text: S, answer: [x, y]}]
  - type: flashcards
    title: F
    cards: [{front: f, back: b}]
""",
    "plain.yml",
)


def test_widgets_add_no_character_beyond_ascii():
    # One non-ASCII character makes Python keep a page's whole HTML in two
    # bytes a character, for the rest of the build (issue #6: memory).
    renderer = PracticeRenderer(convert)
    for index, section in enumerate(ASCII_SET.sections):
        html = renderer.render_section(section, f"lk-{index}")
        assert html.isascii(), [c for c in html if not c.isascii()]
