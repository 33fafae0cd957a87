"""Progress kept in the learner's browser: choices survive a reload and instant
navigation, Reset forgets them, and storage that is corrupt, blocked or another
course's changes nothing for the visit."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from servedsite import PRACTICE, Site

pytestmark = pytest.mark.browser

LESSON = "lessons/video-generation/"
KEY = "/course/.lessonkit"


def bound(page: Page) -> None:
    page.wait_for_selector("[data-lk-widget=flashcards][data-lk-bound]")


def matching(page: Page) -> Locator:
    return page.locator("[data-lk-widget=matching]")


def labeling(page: Page) -> Locator:
    return page.locator("[data-lk-widget=labeling]")


def selfcheck(page: Page) -> Locator:
    return page.locator("[data-lk-widget=self-check]")


def item(page: Page, letter: str) -> Locator:
    return matching(page).get_by_role("combobox", name=re.compile(rf"^{letter}\. "))


def group(page: Page, letter: str) -> Locator:
    return labeling(page).get_by_role("group", name=re.compile(rf"^{letter}\. "))


def make_choices(page: Page) -> None:
    """A matching choice checked (wrong), a label ticked and checked, a self-check answer known."""
    item(page, "A").select_option(label="Video tokenizer ceiling")
    item(page, "B").select_option(label="Captioning pipeline limitation")
    matching(page).get_by_role("button", name="Check answers").click()
    expect(matching(page).get_by_role("status")).to_have_text("1 of 4 correct")
    group(page, "E").get_by_role("checkbox", name="likeness/consent", exact=True).check()
    labeling(page).get_by_role("button", name="Check answers").click()
    expect(group(page, "E")).to_have_accessible_description("Partly right")
    questions = selfcheck(page).get_by_role("listitem")
    questions.nth(1).get_by_text("Show answer").click()
    questions.nth(1).get_by_role("button", name="I knew it").click()
    expect(questions.nth(1).get_by_role("button", name="I knew it")).to_have_attribute("aria-pressed", "true")
    questions.nth(2).get_by_text("Show answer").click()
    questions.nth(2).get_by_role("button", name="Not yet").click()


def expect_choices_kept(page: Page) -> None:
    expect(item(page, "A").locator("option:checked")).to_have_text("Video tokenizer ceiling")
    expect(item(page, "A")).to_have_accessible_description("Incorrect")
    expect(item(page, "B")).to_have_accessible_description("Correct")
    expect(item(page, "C")).to_have_value("")
    expect(item(page, "C")).to_have_accessible_description("No answer")
    expect(matching(page).get_by_role("status")).to_have_text("1 of 4 correct")
    expect(group(page, "E").get_by_role("checkbox", name="likeness/consent", exact=True)).to_be_checked()
    expect(group(page, "E").get_by_role("checkbox", checked=True)).to_have_count(1)
    expect(group(page, "E")).to_have_accessible_description("Partly right")
    questions = selfcheck(page).get_by_role("listitem")
    questions.nth(1).get_by_text("Show answer").click()
    expect(questions.nth(1).get_by_role("button", name="I knew it")).to_have_attribute("aria-pressed", "true")
    expect(questions.nth(1).get_by_role("button", name="Not yet")).to_have_attribute("aria-pressed", "false")
    questions.nth(2).get_by_text("Show answer").click()
    expect(questions.nth(2).get_by_role("button", name="Not yet")).to_have_attribute("aria-pressed", "true")
    questions.nth(0).get_by_text("Show answer").click()
    expect(questions.nth(0).get_by_role("button", name="I knew it")).to_have_attribute("aria-pressed", "false")


def test_choices_are_kept_over_a_reload(page: Page):
    make_choices(page)
    page.reload()
    bound(page)
    expect_choices_kept(page)


def test_choices_are_kept_over_instant_navigation_away_and_back(page: Page, site: Site):
    make_choices(page)
    page.evaluate("() => { window.sameDocument = true }")
    page.locator("article").get_by_role("link", name=re.compile("^Back to the lesson")).click()
    page.wait_for_url(site.url(LESSON))
    page.go_back()
    page.wait_for_url(site.url(PRACTICE))
    bound(page)
    assert page.evaluate("window.sameDocument") is True, "the page was reloaded"
    expect_choices_kept(page)


def test_reset_forgets_a_section_and_only_that_one(page: Page):
    make_choices(page)
    matching(page).get_by_role("button", name="Reset").click()
    expect(item(page, "A")).to_have_value("")
    page.reload()
    bound(page)
    expect(item(page, "A")).to_have_value("")
    expect(item(page, "B")).to_have_accessible_description("")
    expect(matching(page).get_by_role("status")).to_have_text("")
    expect(group(page, "E")).to_have_accessible_description("Partly right")  # labeling kept
    labeling(page).get_by_role("button", name="Reset").click()
    page.reload()
    bound(page)
    expect(group(page, "E").get_by_role("checkbox", checked=True)).to_have_count(0)
    expect(group(page, "E")).to_have_accessible_description("")


def test_a_changed_answer_loses_its_kept_mark(page: Page):
    make_choices(page)
    item(page, "A").select_option(label="Long-horizon coherence frontier")
    page.reload()
    bound(page)
    expect(item(page, "A").locator("option:checked")).to_have_text("Long-horizon coherence frontier")
    expect(item(page, "A")).to_have_accessible_description("")
    expect(item(page, "B")).to_have_accessible_description("Correct")


def test_pressed_again_a_toggle_lets_go(page: Page):
    question = selfcheck(page).get_by_role("listitem").first
    question.get_by_text("Show answer").click()
    knew = question.get_by_role("button", name="I knew it")
    knew.click()
    knew.click()
    expect(knew).to_have_attribute("aria-pressed", "false")
    question.get_by_role("button", name="Not yet").click()
    page.reload()
    bound(page)
    question.get_by_text("Show answer").click()
    expect(knew).to_have_attribute("aria-pressed", "false")
    expect(question.get_by_role("button", name="Not yet")).to_have_attribute("aria-pressed", "true")
