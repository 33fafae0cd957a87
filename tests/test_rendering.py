"""The renderer as plain functions: Markdown in, page Markdown and HTML out."""

from __future__ import annotations

from pathlib import Path

import markdown

from lessonkit import PracticeRenderer, parse_practice_text
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
    html = PracticeRenderer(convert).render_section(SET.sections[0], "x")
    assert '<li class="lk-item" id="x-A" data-lk-answer="2"><span class="lk-letter">A.</span> First</li>' in html
    assert '<li class="lk-item" id="x-B" data-lk-answer="1"><span class="lk-letter">B.</span> Second</li>' in html
    # The options list only: the script builds each item's select from it.
    assert '<span class="lk-number">1.</span> One &amp; only <span class="lk-note">(a note)</span></li>' in html
    assert "<select" not in html and "<option" not in html
    assert "<strong>A → 2</strong>: two</li>" in html
    assert "<strong>B → 1</strong>: the first one. Because.</li>" in html
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


def test_fields_are_converted_in_one_pass_per_section_with_a_safe_fallback():
    calls: list[str] = []

    def counting(text: str) -> str:
        calls.append(text)
        return convert(text)

    one_by_one = PracticeRenderer(convert).render_section(SET.sections[0], "x")
    renderer = PracticeRenderer(counting)
    slots = renderer.start_page()
    renderer.section_blocks(SET.sections[0], "x")
    assert len(calls) == 1  # every text of the widget in one conversion
    assert slots.widgets == [one_by_one]  # and the same HTML as one by one

    # Raw HTML left open would swallow the texts after it: such a text is
    # converted on its own, and the others are still Markdown.
    broken = parse_practice_text(
        "title: t\nsections:\n  - type: flashcards\n    title: F\n    cards:\n"
        "      - {front: \"<div>\\nopen\", back: '*b*'}\n      - {front: c, back: '*d*'}\n",
        "x.yml",
    ).sections[0]
    calls.clear()
    renderer.start_page()
    renderer.section_blocks(broken, "y")
    assert "<div>\nopen" not in calls[0]  # the batch leaves it out
    html = renderer.render_section(broken, "y")
    assert "<em>b</em>" in html and "<em>d</em>" in html
