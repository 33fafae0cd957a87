"""The worksheet of a page already answered: a check's marks and the chosen
options' feedback (which quote the key's explanations) are not on the
worksheet's pages, its boxes and selects print blank (the choices stay on
screen); the key gives the right options, numbered as the questions."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from servedsite import Site, served_course

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
            feedback: Retrieval fetches facts without ordering the work.
        explanation: Planning puts the steps in sequence.
      - question: Which of these are tokenizer trade-offs?
        options:
          - text: Compression against detail
            correct: true
          - text: Speed against fidelity
            correct: true
          - text: Colour against sound
  - type: matching
    title: Match
    options: [one, two]
    items:
      - text: The first
        answer: one
      - text: The second
        answer: two
"""
PAGE = "practice/choices/"


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


@pytest.fixture(scope="module")
def choices(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with served_course(tmp_path_factory.mktemp("choices"), {"quizzes/choices.yml": SET}) as served:
        yield served


def test_a_checked_page_prints_a_worksheet_without_its_feedback(browser: Browser, choices: Site):
    page = browser.new_context().new_page()
    try:
        page.goto(choices.url(PAGE))
        page.wait_for_selector("[data-lk-widget=multiple-choice][data-lk-bound]")
        page.get_by_role("radio", name="Retrieval").check()
        page.get_by_role("checkbox", name="Colour against sound").check()
        page.get_by_role("combobox").first.select_option("one")
        for check in page.get_by_role("button", name="Check answers").all():
            check.click()
        expect(page.get_by_text("Planning puts the steps in sequence.").first).to_be_visible()
        expect(page.get_by_text("Retrieval fetches facts without ordering the work.").first).to_be_visible()
        expect(page.locator(".lk-fix").filter(has_text="Right answer").first).to_be_visible()  # the matching's missing item
        page.evaluate("() => { window.print = () => {} }")
        page.get_by_role("button", name="Print worksheet").click()
        page.emulate_media(media="print")
        # The controls print blank: no box checked, no option chosen (the learner's answers stay on screen).
        blank = """() => ({
            boxes: [...document.querySelectorAll('.lk-widget input')].map((box) => getComputedStyle(box).appearance),
            selects: [...document.querySelectorAll('.lk-select')].map((select) => getComputedStyle(select).color),
        })"""
        controls = page.evaluate(blank)
        assert set(controls["boxes"]) == {"none"} and len(controls["boxes"]) == 5, controls
        assert set(controls["selects"]) == {"rgba(0, 0, 0, 0)"}, controls
        assert page.get_by_role("combobox").first.input_value() == "1"
        texts = [words(sheet.extract_text()) for sheet in PdfReader(io.BytesIO(page.pdf())).pages]
        starts = [number for number, text in enumerate(texts) if text.startswith("answer key")]
        assert len(starts) == 1, texts
        before, key = " ".join(texts[: starts[0]]), " ".join(texts[starts[0]:])
        assert "which operation is planning at its core" in before
        for text in ("Planning puts the steps in sequence", "Retrieval fetches facts", "ordered sub tasks", "Right answer"):
            assert words(text) not in before, (text, before)
        controls = page.evaluate(blank)
        assert "none" not in controls["boxes"] and "rgba(0, 0, 0, 0)" not in controls["selects"], controls  # after printing (afterprint)
        assert "1 decomposition" in key and "2 compression against detail speed against fidelity" in key, key
    finally:
        page.context.close()
