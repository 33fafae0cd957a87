"""Matching and labeling, used as a learner would: by role and accessible name."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

# The seed's matching key: item letter -> the option's text.
MATCHES = {
    "A": "Long-horizon coherence frontier",
    "B": "Captioning pipeline limitation",
    "C": "Video tokenizer ceiling",
    "D": "Compute / context window",
}


def item(widget: Locator, letter: str) -> Locator:
    """An item's select, by its accessible name: its letter, then its text."""
    return widget.get_by_role("combobox", name=re.compile(rf"^{letter}\. Generated"))


def statement(widget: Locator, letter: str) -> Locator:
    return widget.get_by_role("group", name=re.compile(rf"^{letter}\. "))


@pytest.fixture
def matching(page: Page) -> Locator:
    return page.locator("[data-lk-widget=matching]")


@pytest.fixture
def labeling(page: Page) -> Locator:
    return page.locator("[data-lk-widget=labeling]")


def test_matching_all_right(matching: Locator):
    for letter, option in MATCHES.items():
        item(matching, letter).select_option(label=option)
    matching.get_by_role("button", name="Check answers").click()
    expect(matching.get_by_role("status")).to_have_text("4 of 4 correct")
    for letter in MATCHES:
        expect(item(matching, letter)).to_have_accessible_description("Correct")
        expect(matching.locator(f"[id$=-{letter}]")).to_contain_text("Correct")


def test_matching_one_wrong_marks_exactly_that_item_and_reset_clears(matching: Locator):
    for letter, option in MATCHES.items():
        item(matching, letter).select_option(label=MATCHES["A"] if letter == "C" else option)
    matching.get_by_role("button", name="Check answers").click()
    expect(matching.get_by_role("status")).to_have_text("3 of 4 correct")
    for letter in MATCHES:
        expect(item(matching, letter)).to_have_accessible_description("Incorrect" if letter == "C" else "Correct")

    # An item left empty counts as wrong and says so.
    item(matching, "D").select_option(label="Choose…")  # the first choice, named
    matching.get_by_role("button", name="Check answers").click()
    expect(matching.get_by_role("status")).to_have_text("2 of 4 correct")
    expect(item(matching, "D")).to_have_accessible_description("No answer")

    matching.get_by_role("button", name="Reset").click()
    expect(matching.get_by_role("status")).to_have_text("")
    for letter in MATCHES:
        expect(item(matching, letter)).to_have_value("")
        expect(item(matching, letter)).to_have_accessible_description("")
    expect(matching.get_by_text("Show answer", exact=True)).to_be_visible()


def test_matching_with_the_keyboard_alone(page: Page, matching: Locator):
    options = [matching.locator(".lk-options li").nth(i).inner_text() for i in range(4)]
    focused = page.locator("*:focus")
    for _ in range(300):  # Tab from the top of the page to item A
        page.keyboard.press("Tab")
        if item(matching, "A").evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reaches item A's select")
    for letter, option in MATCHES.items():
        expect(item(matching, letter)).to_be_focused()
        number = next(i for i, text in enumerate(options, start=1) if option in text)
        for _ in range(number):  # from the empty first choice down to the option
            page.keyboard.press("ArrowDown")
        expect(item(matching, letter).locator("option:checked")).to_have_text(option)
        page.keyboard.press("Tab")
    expect(focused).to_have_accessible_name("Check answers")
    page.keyboard.press("Enter")
    expect(matching.get_by_role("status")).to_have_text("4 of 4 correct")
    page.keyboard.press("Tab")
    expect(focused).to_have_accessible_name("Reset")
    page.keyboard.press("Enter")
    expect(matching.get_by_role("status")).to_have_text("")
    expect(item(matching, "A")).to_have_value("")


def test_labeling_statement_e(labeling: Locator):
    group = statement(labeling, "E")
    expect(group).to_have_accessible_name(re.compile(r"^E\. Whether a generated short film.*\(choose all that apply: 2\)$"))
    check = labeling.get_by_role("button", name="Check answers")
    status = labeling.get_by_role("status")

    group.get_by_role("checkbox", name="real-person reanimation", exact=True).check()
    group.get_by_role("checkbox", name="likeness/consent", exact=True).check()
    check.click()
    expect(group).to_have_accessible_description("Correct")
    expect(status).to_have_text("Labels right: 2 of 7")  # the score counts labels
    expect(statement(labeling, "A")).to_have_accessible_description("No answer")

    group.get_by_role("checkbox", name="likeness/consent", exact=True).uncheck()
    check.click()
    expect(group).to_have_accessible_description("Partly right: 1 of 2 labels")
    expect(status).to_have_text("Labels right: 1 of 7")  # partial credit

    group.get_by_role("checkbox", name="likeness/consent", exact=True).check()
    group.get_by_role("checkbox", name="IN SCOPE", exact=True).check()
    check.click()
    expect(group).to_have_accessible_description("Partly right: 2 of 2 labels, 1 wrong")
    expect(status).to_have_text("Labels right: 1 of 7")  # a wrong label takes one back

    for label in ("likeness/consent", "real-person reanimation"):
        group.get_by_role("checkbox", name=label, exact=True).uncheck()
    check.click()
    expect(group).to_have_accessible_description("Incorrect")  # only a wrong label
    expect(status).to_have_text("Labels right: 0 of 7")

    labeling.get_by_role("button", name="Reset").click()
    expect(status).to_have_text("")
    expect(group).to_have_accessible_description("")
    expect(group.get_by_role("checkbox", checked=True)).to_have_count(0)


def test_labeling_all_right(labeling: Locator):
    key = {"A": ["IN SCOPE"], "B": ["sector-specific policy"], "C": ["IN SCOPE"],
           "D": ["video provenance with temporal-coherence requirements"],
           "E": ["real-person reanimation", "likeness/consent"], "F": ["training-data licensing"]}
    for letter, labels in key.items():
        for label in labels:
            statement(labeling, letter).get_by_role("checkbox", name=label, exact=True).check()
    labeling.get_by_role("button", name="Check answers").click()
    expect(labeling.get_by_role("status")).to_have_text("Labels right: 7 of 7")


def test_a_changed_answer_loses_its_mark(matching: Locator):
    item(matching, "A").select_option(label=MATCHES["A"])
    matching.get_by_role("button", name="Check answers").click()
    expect(item(matching, "A")).to_have_accessible_description("Correct")
    item(matching, "A").select_option(label=MATCHES["B"])
    expect(item(matching, "A")).to_have_accessible_description("")
