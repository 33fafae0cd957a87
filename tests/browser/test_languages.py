"""The widgets speak Material's ``theme.language``: German with and without
the script, Arabic right to left and clean under axe, and the script's plural
rules are Python's (Babel's) for every bundled language."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from babel import Locale
from playwright.sync_api import Browser, Page, expect

from lessonkit.strings import bundled_languages
from servedsite import PRACTICE, Site, served_course
from test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser


def turn_of_a_card(page: Page) -> list[str]:
    """Where the first card's turn is heading, read from its running transition."""
    page.locator("[data-lk-widget=flashcards]").get_by_role("button").first.click()
    return page.locator(".lk-card__turn").first.evaluate(
        "el => el.getAnimations().map((a) => a.effect.getKeyframes().at(-1).transform)"
    )


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with served_course(tmp_path_factory.mktemp("de"), language="de") as site:
        yield site


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with served_course(tmp_path_factory.mktemp("ar"), language="ar") as site:
        yield site


def test_german_with_javascript(browser: Browser, german: Site) -> None:
    page = browser.new_page()
    try:
        page.goto(german.url(PRACTICE))
        page.wait_for_selector("[data-lk-widget=flashcards][data-lk-bound]")
        matching = page.locator("[data-lk-widget=matching]")
        select = matching.get_by_role("combobox").first
        expect(select.locator("option").first).to_have_text("Bitte wählen …")
        select.select_option(index=2)  # A → 2, right
        matching.get_by_role("button", name="Antworten prüfen").click()
        expect(matching.get_by_role("status")).to_have_text("1 von 4 richtig")
        expect(select).to_have_accessible_description("Richtig")
        expect(matching.get_by_role("combobox").nth(1)).to_have_accessible_description("Keine Antwort")
        expect(matching.get_by_role("button", name="Zurücksetzen")).to_be_visible()
        expect(page.get_by_role("button", name="Lernkarten drucken")).to_be_visible()
        expect(page.get_by_role("link", name="Zurück zur Lektion")).to_be_visible()
        expect(page.get_by_text("Wusste ich", exact=True).first).to_be_attached()  # progress strings too (under each answer)
        expect(page.get_by_role("button", name="Diese Karten lernen")).to_be_visible()
        expect(page.get_by_role("button", name="Meinen Fortschritt löschen")).to_be_visible()
        assert page.locator(".lk-card__hint").first.inner_text() == "Antwort anzeigen"
        assert turn_of_a_card(page) == ["rotateY(180deg)"]  # left to right, the page's way
        assert page.locator("article").get_by_text(re.compile("Check answers|Show answer|Correct")).count() == 0
    finally:
        page.close()


def test_german_without_javascript(browser: Browser, german: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(german.url(PRACTICE))
        assert set(page.locator("article summary").all_inner_texts()) == {"Antwort anzeigen"}
        expect(page.get_by_role("link", name="Zurück zur Lektion")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_arabic_lays_the_widgets_right_to_left_and_axe_finds_nothing(browser: Browser, arabic: Site, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(arabic.url(PRACTICE))
        page.wait_for_selector("[data-lk-widget=flashcards][data-lk-bound]")
        matching = page.locator("[data-lk-widget=matching]")
        items, options = matching.locator(".lk-items").bounding_box(), matching.locator(".lk-options").bounding_box()
        assert items and options
        # The items (the first column) on the right, the options to their left.
        assert options["x"] + options["width"] <= items["x"], (items, options)
        # An item's letter stands right of its text; the check bar starts on the right.
        item = matching.locator(".lk-item").first
        assert item.locator(".lk-letter").bounding_box()["x"] > item.locator(".lk-item__text").bounding_box()["x"]
        check = matching.get_by_role("button", name="التحقق من الإجابات")
        reset = matching.get_by_role("button", name="إعادة تعيين")
        assert check.bounding_box()["x"] > reset.bounding_box()["x"]

        select = matching.get_by_role("combobox").first
        expect(select.locator("option").first).to_have_text("اختر…")
        select.select_option(index=2)  # right
        matching.get_by_role("combobox").nth(1).select_option(index=2)  # wrong
        check.click()
        expect(matching.get_by_role("status")).to_have_text("إجابة صحيحة واحدة من أصل 4")
        assert turn_of_a_card(page) == ["rotateY(-180deg)"]  # a card turns right to left
        page.wait_for_timeout(600)  # the card has turned
        results = Axe().run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()


def test_the_scripts_plural_rules_are_pythons(browser: Browser) -> None:
    """Intl.PluralRules in Chromium and Babel choose the same form, for every
    bundled language and the counts a score can take."""
    counts = [*range(0, 230), 1000, 1001, 1_000_000]
    page = browser.new_page()
    try:
        for language in bundled_languages():
            script = page.evaluate(
                "([lang, counts]) => { const rules = new Intl.PluralRules(lang); return counts.map((n) => rules.select(n)); }",
                [language, counts],
            )
            python = [Locale.parse(language).plural_form(n) for n in counts]
            assert script == python, language
    finally:
        page.close()
