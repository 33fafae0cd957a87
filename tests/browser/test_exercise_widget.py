"""Exercises in Chromium against a real build (issue 23 §1, §2): one task not
numbered, its own label, "Done" only once the answer is open and kept after a
reload, a task without answer alone, a shown answer, axe in both schemes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from servedsite import Site, served_course
from test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser

SET = """\
title: Exercises
sections:
  - type: exercise
    title: "Try it yourself: decompose a goal at the right grain"
    tasks:
      - prompt: |
          > **Goal:** "Onboard a new hire: get them a laptop, accounts, and a first-week schedule."
        answer: Order the laptop first; accounts need it.
        answer_label: Show a sample plan
  - type: exercise
    title: Drill
    tasks:
      - prompt: Run the command and read the output.
      - prompt: Predict what it prints.
        answer: It prints one.
        answer_shown: true
"""
PAGE = "practice/exercises/"


@pytest.fixture(scope="module")
def exercises(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with served_course(tmp_path_factory.mktemp("exercises"), {"quizzes/exercises.yml": SET}) as served:
        yield served


def open_page(browser: Browser, site: Site, scheme: str = "light") -> tuple[Page, list[str]]:
    page = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.url(PAGE))
    page.wait_for_selector("[data-lk-widget=exercise][data-lk-bound]")
    return page, errors


def test_done_appears_once_the_answer_is_open_and_is_kept_after_reload(browser: Browser, exercises: Site):
    page, errors = open_page(browser, exercises)
    widget = page.locator("[data-lk-widget=exercise]").first
    expect(widget.locator("ol")).to_have_count(0)
    done = widget.get_by_role("button", name="Done")
    expect(done).to_be_hidden()
    widget.get_by_text("Show a sample plan").click()
    expect(done).to_be_visible()
    expect(done).to_have_attribute("aria-pressed", "false")
    done.click()
    expect(done).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_text("1 of 2 exercises done")).to_be_visible()
    page.reload()
    page.wait_for_selector("[data-lk-widget=exercise][data-lk-bound]")
    widget.get_by_text("Show a sample plan").click()
    expect(widget.get_by_role("button", name="Done")).to_have_attribute("aria-pressed", "true")
    page.context.close()
    assert not errors, errors


def test_a_task_without_answer_has_no_done_and_a_shown_answer_no_collapsible(browser: Browser, exercises: Site):
    page, errors = open_page(browser, exercises)
    drill = page.locator("[data-lk-widget=exercise]").nth(1)
    expect(drill.get_by_text("It prints one.")).to_be_visible()
    expect(drill.locator("details")).to_have_count(0)
    expect(drill.get_by_role("button")).to_have_count(0)
    page.context.close()
    assert not errors, errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_an_exercise(browser: Browser, exercises: Site, scheme: str):
    page, errors = open_page(browser, exercises, scheme)
    page.get_by_text("Show a sample plan").click()
    page.get_by_role("button", name="Done").click()
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)  # Material animates colours for 125 ms
    results = Axe().run(page, context=".md-content", options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    page.context.close()
    assert not errors, errors
