"""The renderer as plain functions: Markdown in, page Markdown and HTML out."""

from __future__ import annotations

from pathlib import Path

import markdown

from lessonkit import PracticeRenderer, parse_practice_text
from lessonkit.ids import entry_ids
from lessonkit.rendering import TEMPLATES_DIR, SetSource

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


SOURCE = SetSource("demo", "practice/deep/demo.md", SET)


def test_a_page_is_its_headings_and_parts_in_order():
    renderer = PracticeRenderer(convert)
    slots = renderer.start_page()
    page = renderer.render_page(SOURCE, slots)
    html = slots.fill(convert(page))
    assert "data-lk-slot" not in html and slots.missing == []
    standing, intro, widget, tools, key = slots.html
    assert standing.startswith('<div class="lk-standing" data-lk-sections=') and "\n" not in standing
    assert '<a class="md-button" href="#lk-worksheet">Print worksheet</a>' in standing  # the worksheet's link
    assert tools.startswith('<div class="lk-actions lk-tools" aria-hidden="true">') and "\n" not in tools
    assert key.startswith('<section class="lk-key-sheet"') and "Answer key" in key
    assert intro == "<p>Intro <em>text</em>.</p>"
    assert widget.startswith('<div class="lk-widget lk-matching" id="lk-1"')
    assert widget.endswith("<p><strong>Done.</strong></p>")
    order = ['<h1>Demo &amp; "friends"</h1>', standing, "Back to the lesson", intro, "<h2>Match</h2>", widget, tools, key]
    places = [html.index(part) for part in order]
    assert places == sorted(places)


def test_a_placeholder_another_plugin_removed_is_reported():
    renderer = PracticeRenderer(convert)
    slots = renderer.start_page()
    page = renderer.render_page(SOURCE, slots)
    intro_slot = page.split("\n\n")[3]  # title, standing box, back link, intro
    assert "Intro" not in intro_slot and intro_slot != page
    slots.fill(convert(page.replace(intro_slot, "")))
    assert slots.missing == [SOURCE]


def test_no_text_can_write_a_placeholder():
    forged = parse_practice_text(
        'title: \'Hello <div data-lk-slot="0"></div> and <div data-lk-slot="99"></div>\'\n'
        "intro: '<div data-lk-slot=\"1\"></div>'\n"
        "sections:\n  - type: self-check\n    title: S\n    questions:\n      - question: Q\n        answer: A\n",
        "forged.yml",
    )
    source = SetSource("forged", "practice/forged.md", forged)
    renderer = PracticeRenderer(convert)
    slots = renderer.start_page()
    html = slots.fill(convert(renderer.render_page(source, slots)))
    assert '<div data-lk-slot="99"></div>' in html and '<div data-lk-slot="0"></div>' in html
    assert '<div data-lk-slot="1"></div>' in html  # the intro, as written
    assert html.count('data-lk-widget="self-check"') == 1 and slots.missing == []


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
    assert "<strong>B &rarr; 1</strong>: the first one. <span class=\"lk-why\">Because.</span></li>" in html
    assert '<span class="lk-note">(a note)</span>' in html


def test_letters_go_past_z():
    from lessonkit.lettering import letter as _letter

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


def test_a_sets_ids_are_worked_out_again_for_a_changed_set_of_the_same_stem():
    """The renderer keeps a set's ids for the build; a rebuild that brings the
    file changed (a new set object, as ``serve`` does) gets the new set's ids."""
    from lessonkit.ids import set_ids

    renderer = PracticeRenderer(convert)
    assert renderer.set_ids("demo", SET) == set_ids("demo", SET)
    changed = SET.model_copy(update={"sections": [SET.sections[0].model_copy(update={"title": "Pairs"})]})
    assert renderer.set_ids("demo", changed) == set_ids("demo", changed) != set_ids("demo", SET)
    assert renderer.set_ids("demo", changed)[0][0] == "demo/pairs"
