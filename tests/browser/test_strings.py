"""Every string a learner sees comes from one table: a course translates it
with the plugin's ``strings`` option, and the widgets say it, with the script
and without."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from servedsite import PRACTICE, Site, served_course

GERMAN = {
    "show_answer": "Antwort zeigen",
    "check": "Antworten prüfen",
    "reset": "Zurücksetzen",
    "correct": "Richtig",
    "incorrect": "Falsch",
    "no_answer": "Keine Antwort",
    # Quotes, an ampersand and angle brackets: the strings ride in an attribute.
    "score": "{correct} von {total} richtig – 'gut' & \"<mehr>\"",
    "print_flashcards": "Karten drucken",
    "flip_hint": "Rückseite",
}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with served_course(tmp_path_factory.mktemp("german"), lessonkit_options={"strings": GERMAN}) as site:
        yield site


def test_a_translated_course_says_its_own_strings(browser: Browser, german: Site) -> None:
    page = browser.new_page()
    try:
        page.goto(german.url(PRACTICE))
        page.wait_for_selector("[data-lk-widget=flashcards][data-lk-bound]")
        matching = page.locator("[data-lk-widget=matching]")
        matching.get_by_role("combobox").first.select_option(index=2)  # A → 2, right
        matching.get_by_role("button", name="Antworten prüfen").click()
        expect(matching.get_by_role("status")).to_have_text("1 von 4 richtig – 'gut' & \"<mehr>\"")
        expect(matching.locator(".lk-item").first).to_contain_text("Richtig")
        expect(matching.locator(".lk-item").nth(1)).to_contain_text("Keine Antwort")
        expect(matching.get_by_role("button", name="Zurücksetzen")).to_be_visible()
        expect(page.get_by_role("button", name="Karten drucken")).to_be_visible()
        assert page.locator("summary", has_text=re.compile("^Antwort zeigen$")).count() >= 3
        assert page.get_by_text("Check answers").count() == 0
    finally:
        page.close()


def test_without_javascript_the_collapsibles_are_translated(browser: Browser, german: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(german.url(PRACTICE))
        summaries = page.locator("article summary")
        texts = summaries.all_inner_texts()
        assert texts and set(texts) == {"Antwort zeigen", "Rückseite"}, texts
    finally:
        context.close()


def test_an_unknown_string_key_stops_the_build(tmp_path: Path) -> None:
    from sitebuild import build, copy_course

    project = copy_course(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("      quizzes_dir: quizzes\n", "      quizzes_dir: quizzes\n      strings:\n        chek: Prüfen\n"),
        encoding="utf-8",
    )
    result = build(project)
    assert result.returncode != 0
    assert "Plugin 'lessonkit' option 'strings': unknown key(s) 'chek' (did you mean 'check'?)" in result.output
    assert "Traceback" not in result.output
