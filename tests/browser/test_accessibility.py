"""axe-core in both colour schemes, and the page with JavaScript off."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from servedsite import PRACTICE, Site

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}


def use_the_widgets(page: Page) -> None:
    """Put every mark and state on screen: right, wrong, partly right, a turned card."""
    matching = page.locator("[data-lk-widget=matching]")
    matching.get_by_role("combobox", name=re.compile(r"^A\. ")).select_option(label="Long-horizon coherence frontier")
    matching.get_by_role("combobox", name=re.compile(r"^B\. ")).select_option(label="Video tokenizer ceiling")
    matching.get_by_role("button", name="Check answers").click()
    labeling = page.locator("[data-lk-widget=labeling]")
    labeling.get_by_role("group", name=re.compile(r"^A\. ")).get_by_role("checkbox", name="IN SCOPE").check()
    labeling.get_by_role("group", name=re.compile(r"^E\. ")).get_by_role("checkbox", name="likeness/consent").check()
    labeling.get_by_role("button", name="Check answers").click()
    page.locator("[data-lk-widget=flashcards]").get_by_role("button").nth(1).click()
    page.wait_for_timeout(600)  # the card has turned


PAGES = {"home": "", "lesson": "lessons/video-generation/", "practice": PRACTICE, "instructors": "instructors/"}


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violation_on_the_whole_page(browser: Browser, site: Site, name: str, scheme: str):
    """The whole page (header, search dialog, navigation, footer, content), as
    loaded and, on the practice page, with every mark and state on screen."""
    context = browser.new_context(color_scheme="dark" if scheme == "slate" else "light")
    page = context.new_page()
    page.goto(site.url(PAGES[name]))
    if name == "practice":
        page.wait_for_selector("[data-lk-widget=flashcards][data-lk-bound]")
    assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
    page.wait_for_timeout(300)  # Material animates colours for 125 ms
    try:
        for state in ("as loaded", "after use") if name == "practice" else ("as loaded",):
            if state == "after use":
                use_the_widgets(page)
            results = Axe().run(page, options=AXE_OPTIONS)
            assert results.violations_count == 0, f"{name}, {scheme}, {state}:\n{results.generate_report()}"
    finally:
        context.close()


def test_the_palette_toggle_switches_the_scheme_axe_checks(browser: Browser, site: Site):
    """The other scheme, reached by the header's toggle (as a learner switches),
    is as clean as the one the system asks for."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(site.url(PRACTICE))
    page.get_by_title("Switch to dark mode").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.wait_for_timeout(300)
    try:
        results = Axe().run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()


def test_every_answer_is_reachable_without_javascript(browser: Browser, site: Site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url(PRACTICE))
    content = page.locator(".md-content")
    # No control that would do nothing.
    for role in ("button", "combobox", "checkbox"):
        expect(content.get_by_role(role)).to_have_count(0)

    answers = [q["answer"] for q in site.sections("self-check")[0]["questions"]]
    answers += [card["back"] for card in site.sections("flashcards")[0]["cards"]]
    answers += ["A → 2", "B → 1", "C → 3", "D → 4"]
    answers += [item["explanation"] for item in site.sections("labeling")[0]["items"]]
    snippets = [" ".join(answer.split())[:50] for answer in answers]
    for snippet in snippets:
        expect(content.get_by_text(snippet).first).to_be_hidden()

    show = content.locator("summary", has_text=re.compile(r"^Show answer$"))
    expect(show).to_have_count(7 + 1 + 1 + 10)
    for index in range(show.count()):
        show.nth(index).click()
    for snippet in snippets:
        expect(content.get_by_text(snippet).first).to_be_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_violation_in_the_progress_controls(browser: Browser, site: Site, scheme: str):
    """The summary and tools, "I knew it" pressed, the study panel open with a
    card turned, and the home page's progress list."""
    context = browser.new_context(color_scheme="dark" if scheme == "slate" else "light")
    page = context.new_page()
    try:
        page.goto(site.url(PRACTICE))
        page.wait_for_selector("[data-lk-widget=flashcards][data-lk-bound]")
        question = page.locator("[data-lk-widget=self-check]").get_by_role("listitem").first
        question.get_by_text("Show answer").click()
        question.get_by_role("button", name="I knew it").click()
        page.evaluate("() => document.activeElement.blur()")
        page.wait_for_timeout(300)  # Material's colour transitions
        results = Axe().run(page, context=".md-content", options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{scheme}, a toggle pressed:\n{results.generate_report()}"
        page.get_by_role("button", name="Study these cards").click()
        study = page.get_by_role("dialog", name="Study: Flashcards")
        study.get_by_role("button", name="Show answer").click()
        expect(study.get_by_role("button", name="Good")).to_be_focused()
        page.wait_for_timeout(300)  # Material's colour transitions
        results = Axe().run(page, context=".md-content", options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{scheme}, studying:\n{results.generate_report()}"
        page.keyboard.press("Escape")
        page.goto(site.url())
        page.wait_for_selector("[data-lk-widget=progress][data-lk-bound]")
        results = Axe().run(page, context=".md-content", options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{scheme}, progress list:\n{results.generate_report()}"
    finally:
        context.close()
