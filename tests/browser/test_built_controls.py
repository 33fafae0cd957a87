"""The controls the script builds from the markup: each matching select holds the
options' texts as written (no note), each labeling checkbox is named by its label's
text; the static page holds none of them."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from servedsite import PRACTICE, Site, served_course

pytestmark = pytest.mark.browser

TRICKY = """\
title: Tricky controls
lesson: lessons/video-generation.md
sections:
  - type: matching
    title: Match
    options:
      - id: lt
        text: "`<` less & more"
        note: a note, not part of the choice
      - "plain 'quoted' \\"option\\""
      - id: mixed
        text: "**bold** `a&amp;b` <kbd>Ctrl</kbd>"
    items:
      - text: "Item with `</details>` & more"
        answer: lt
      - text: Second "item"
        answer: mixed
  - type: labeling
    title: Labels
    labels:
      - "a & b"
      - id: angle
        text: "`<c>`"
        note: the note stays out
      - id: linked
        text: "see [the lesson](../lessons/video-generation.md) 'here'"
    items:
      - text: Pick `<c>`
        answer: angle
      - text: Pick both others
        answer: ["a & b", linked]
"""
OPTIONS = ["< less & more", "plain 'quoted' \"option\"", "bold a&amp;b Ctrl"]
LABELS = ["a & b", "<c>", "see the lesson 'here'"]


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with served_course(tmp_path_factory.mktemp("tricky-controls"), {"quizzes/tricky-controls.yml": TRICKY}) as site:
        yield site


@pytest.fixture
def tricky_page(browser: Browser, tricky: Site) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(tricky.url("practice/tricky-controls/"))
    page.wait_for_selector("[data-lk-widget=labeling][data-lk-bound]")
    yield page
    context.close()
    assert not errors, errors


def option_texts(page: Page, name: str) -> list[str]:
    select = page.locator("[data-lk-widget=matching]").get_by_role("combobox", name=name, exact=True)
    return select.locator("option").evaluate_all("options => options.map((o) => o.textContent)")


def test_select_options_are_the_options_texts_as_written(tricky_page: Page):
    matching = tricky_page.locator("[data-lk-widget=matching]")
    expect(matching.get_by_role("combobox")).to_have_count(2)
    for name in ("A. Item with </details> & more", 'B. Second "item"'):
        assert option_texts(tricky_page, name) == ["Choose…", *OPTIONS]
    values = matching.get_by_role("combobox").first.locator("option").evaluate_all("os => os.map((o) => o.value)")
    assert values == ["", "1", "2", "3"]
    # The listed option still shows its note; the choice does not.
    expect(matching.locator(".lk-options li").first).to_contain_text("(a note, not part of the choice)")

    matching.get_by_role("combobox", name=re.compile(r"^A\. ")).select_option(label=OPTIONS[0])
    matching.get_by_role("combobox", name=re.compile(r"^B\. ")).select_option(label=OPTIONS[2])
    matching.get_by_role("button", name="Check answers").click()
    expect(matching.get_by_role("status")).to_have_text("2 of 2 correct")


def test_checkboxes_are_named_by_the_labels_texts(tricky_page: Page):
    labeling = tricky_page.locator("[data-lk-widget=labeling]")
    for letter in "AB":
        group = labeling.get_by_role("group", name=re.compile(rf"^{letter}\. "))
        boxes = group.get_by_role("checkbox")
        expect(boxes).to_have_count(len(LABELS))
        for index, label in enumerate(LABELS):
            expect(boxes.nth(index)).to_have_accessible_name(label)
    # A link in a label stays in the list, but not inside a checkbox's label.
    expect(labeling.locator(".lk-label-list a")).to_have_count(1)
    expect(labeling.locator("label a")).to_have_count(0)
    expect(labeling.locator(".lk-label-list")).to_contain_text("(the note stays out)")

    labeling.get_by_role("group", name=re.compile(r"^A\. ")).get_by_role("checkbox", name="<c>", exact=True).check()
    group_b = labeling.get_by_role("group", name=re.compile(r"^B\. "))
    group_b.get_by_role("checkbox", name="a & b", exact=True).check()
    group_b.get_by_role("checkbox", name=LABELS[2], exact=True).check()
    labeling.get_by_role("button", name="Check answers").click()
    expect(labeling.get_by_role("status")).to_have_text("Labels right: 3 of 3")  # A: 1 label, B: 2


def test_seed_selects_hold_the_seed_options(page: Page, site: Site):
    """On the course's page: every item's select lists the file's options, in order, without notes."""
    (section,) = site.sections("matching")
    texts = [option["text"] if isinstance(option, dict) else option for option in section["options"]]
    assert any(isinstance(option, dict) and option.get("note") for option in section["options"])
    selects = page.locator("[data-lk-widget=matching]").get_by_role("combobox")
    expect(selects).to_have_count(len(section["items"]))
    for index in range(selects.count()):
        got = selects.nth(index).locator("option").evaluate_all("options => options.map((o) => o.textContent)")
        assert got == ["Choose…", *texts]


def test_static_page_holds_no_control(browser: Browser, site: Site):
    """The page as served, before any script: no select, checkbox or button in the content."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url(PRACTICE))
    expect(page.locator(".md-content [data-lk-widget]")).to_have_count(4)
    expect(page.locator(".md-content").locator("select, input, button, .lk-mark, [role=status]")).to_have_count(0)
    context.close()
