"""Multiple choice in Chromium against a real build (issue 23 §3): radio buttons
for one right option, checkboxes for several, marks and the chosen options'
feedback after "Check answers", kept after a reload, a shuffled order that
holds while the page is open, axe in both schemes, and the key without
JavaScript."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from servedsite import Site, served_course
from test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser

SET = """\
title: Choices
sections:
  - type: multiple-choice
    title: Check your understanding
    questions:
      - question: Which operation is planning, at its core?
        options:
          - text: Decomposition
            correct: true
            feedback: "Yes: one goal broken into ordered sub-tasks."
          - text: Retrieval
            feedback: Retrieval fetches facts; it does not order work.
          - text: Summarising
        explanation: Planning orders the work.
      - question: Which of these are video tokenizers' trade-offs?
        options:
          - text: Compression against detail
            correct: true
          - text: Speed against fidelity
            correct: true
          - text: Colour against sound
            feedback: Sound is not in a video tokenizer.
  - type: multiple-choice
    title: Shuffled
    shuffle: true
    questions:
      - question: Pick the first letter.
        options: [{text: Alpha, correct: true}, {text: Bravo}, {text: Charlie}, {text: Delta}, {text: Echo}, {text: Foxtrot}, {text: Golf}, {text: Hotel}]
"""
PAGE = "practice/choices/"


@pytest.fixture(scope="module")
def choices(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with served_course(tmp_path_factory.mktemp("choices"), {"quizzes/choices.yml": SET}) as served:
        yield served


def open_page(browser: Browser, site: Site, scheme: str = "light") -> tuple[Page, list[str]]:
    page = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.url(PAGE))
    page.wait_for_selector("[data-lk-widget=multiple-choice][data-lk-bound]")
    return page, errors



def test_one_right_option_is_radio_buttons_several_are_checkboxes(browser: Browser, choices: Site):
    page, errors = open_page(browser, choices)
    first = page.get_by_role("group", name="Which operation is planning, at its core?")
    second = page.get_by_role("group", name="Which of these are video tokenizers' trade-offs?")
    expect(first.get_by_role("radio")).to_have_count(3)
    expect(first.get_by_role("checkbox")).to_have_count(0)
    expect(second.get_by_role("checkbox")).to_have_count(3)
    expect(page.get_by_text("Choose all that apply.")).to_be_visible()
    # A keyboard chooses: Tab into the group, arrows move between radio buttons.
    first.get_by_role("radio", name="Retrieval").focus()
    page.keyboard.press("ArrowDown")
    expect(first.get_by_role("radio", name="Summarising")).to_be_checked()
    page.context.close()
    assert not errors, errors


def test_check_marks_each_question_and_shows_the_chosen_options_feedback(browser: Browser, choices: Site):
    page, errors = open_page(browser, choices)
    first = page.get_by_role("group", name="Which operation is planning, at its core?")
    second = page.get_by_role("group", name="Which of these are video tokenizers' trade-offs?")
    first.get_by_role("radio", name="Retrieval").check()
    second.get_by_role("checkbox", name="Compression against detail").check()
    widget = page.locator("[data-lk-widget=multiple-choice]").first
    widget.get_by_role("button", name="Check answers").click()
    expect(widget.get_by_role("status")).to_have_text("0 of 2 correct")
    question = widget.locator(".lk-mc-question").first
    expect(question.locator(".lk-mark")).to_have_text("Incorrect")
    # The chosen option's feedback, then the explanation, under the question.
    expect(question.locator(".lk-mc-feedback")).to_contain_text("Retrieval: Retrieval fetches facts; it does not order work.")
    expect(question.locator(".lk-mc-feedback")).to_contain_text("Planning orders the work.")
    expect(question.locator(".lk-mc-feedback")).not_to_contain_text("Yes: one goal")
    expect(widget.locator(".lk-mc-question").nth(1).locator(".lk-mark")).to_have_text("Partly right")
    # Right answers: all right, and the right option's feedback instead.
    first.get_by_role("radio", name="Decomposition").check()
    second.get_by_role("checkbox", name="Speed against fidelity").check()
    widget.get_by_role("button", name="Check answers").click()
    expect(widget.get_by_role("status")).to_have_text("2 of 2 correct")
    expect(question.locator(".lk-mc-feedback")).to_contain_text("Yes: one goal broken into ordered sub-tasks.")
    # Kept after a reload: the choices, the marks and the summary.
    page.reload()
    page.wait_for_selector("[data-lk-widget=multiple-choice][data-lk-bound]")
    expect(first.get_by_role("radio", name="Decomposition")).to_be_checked()
    expect(second.get_by_role("checkbox", name="Speed against fidelity")).to_be_checked()
    expect(page.locator(".lk-mc-question").first.locator(".lk-mark")).to_have_text("Correct")
    expect(page.locator(".lk-standing .lk-summary")).to_contain_text("1 of 2 exercises done")
    page.context.close()
    assert not errors, errors


def test_a_wrong_option_among_several_right_ones_is_incorrect(browser: Browser, choices: Site):
    page, errors = open_page(browser, choices)
    second = page.get_by_role("group", name="Which of these are video tokenizers' trade-offs?")
    second.get_by_role("checkbox", name="Compression against detail").check()
    second.get_by_role("checkbox", name="Colour against sound").check()
    widget = page.locator("[data-lk-widget=multiple-choice]").first
    widget.get_by_role("button", name="Check answers").click()
    item = widget.locator(".lk-mc-question").nth(1)
    expect(item.locator(".lk-mark")).to_have_text("Incorrect")
    expect(item.locator(".lk-mc-feedback")).to_have_text("Colour against sound: Sound is not in a video tokenizer.")
    page.context.close()
    assert not errors, errors


def order(page: Page) -> list[str]:
    return page.get_by_role("group", name="Pick the first letter.").get_by_role("radio").evaluate_all(
        "boxes => boxes.map((box) => box.labels[0].textContent.trim())"
    )


def test_shuffled_options_keep_their_order_while_the_page_is_open(browser: Browser, choices: Site):
    page, errors = open_page(browser, choices)
    seen = order(page)
    assert sorted(seen) == sorted(["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"])
    # Away and back by Material's instant navigation: the same order.
    page.locator("a.md-logo").first.click()  # the header's link home
    page.wait_for_url("**/course/")
    expect(page.locator("[data-lk-widget=multiple-choice]")).to_have_count(0)
    page.go_back()
    page.wait_for_selector("[data-lk-widget=multiple-choice][data-lk-bound]")
    assert order(page) == seen
    # A new visit may show another order: over a few loads, at least two orders,
    # and the right option is judged by what it is, not where it stands.
    orders = {tuple(seen)}
    for _ in range(6):
        page.reload()
        page.wait_for_selector("[data-lk-widget=multiple-choice][data-lk-bound]")
        orders.add(tuple(order(page)))
    assert len(orders) > 1
    group = page.get_by_role("group", name="Pick the first letter.")
    group.get_by_role("radio", name="Alpha").check()
    widget = page.locator("[data-lk-widget=multiple-choice]").nth(1)
    widget.get_by_role("button", name="Check answers").click()
    expect(widget.get_by_role("status")).to_have_text("1 of 1 correct")
    page.context.close()
    assert not errors, errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_multiple_choice(browser: Browser, choices: Site, scheme: str):
    page, errors = open_page(browser, choices, scheme)
    page.get_by_role("radio", name="Retrieval").check()
    page.locator("[data-lk-widget=multiple-choice]").first.get_by_role("button", name="Check answers").click()
    page.mouse.move(0, 0)  # not hovering: Material's hover colour is its own
    page.wait_for_timeout(300)  # Material animates colours for 125 ms
    results = Axe().run(page, context=".md-content", options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    page.context.close()
    assert not errors, errors


def test_without_javascript_the_options_are_a_list_and_the_key_a_collapsible(browser: Browser, choices: Site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(choices.url(PAGE))
    first = page.locator(".lk-mc-question").first
    expect(first.get_by_role("listitem")).to_have_text(["Decomposition", "Retrieval", "Summarising"])
    expect(page.locator("[data-lk-widget=multiple-choice]").get_by_role("radio")).to_have_count(0)
    key = page.locator("[data-lk-widget=multiple-choice] details").first
    key.locator("summary").click()
    expect(key).to_contain_text("Decomposition. Planning orders the work.")
    expect(key).to_contain_text("Retrieval: Retrieval fetches facts; it does not order work.")
    expect(key).to_contain_text("Compression against detail; Speed against fidelity")
    context.close()
