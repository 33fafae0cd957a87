"""Flashcards: flipping by click and keyboard, and printing one card per page."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from servedsite import PRACTICE, Site

pytestmark = pytest.mark.browser


def words(text: str) -> str:
    """Text reduced to its words: what a PDF's text and the source share."""
    return " ".join(re.findall(r"\w+", text.lower()))


def test_a_card_flips_on_click_enter_and_space(page: Page, site: Site):
    cards = site.sections("flashcards")[0]["cards"]
    card = page.get_by_role("button", name=cards[0]["front"], exact=True)
    back = page.locator("#" + card.get_attribute("aria-controls"))
    expect(card).to_have_attribute("aria-expanded", "false")
    expect(back).to_be_hidden()

    # A click on the card, whichever face is up, turns it over.
    face_up = page.locator(".lk-card").filter(has=card)
    face_up.click()
    expect(card).to_have_attribute("aria-expanded", "true")
    expect(back).to_be_visible()
    expect(back).to_contain_text(cards[0]["back"][:40])
    face_up.click()
    expect(card).to_have_attribute("aria-expanded", "false")
    expect(back).to_be_hidden()
    card.click()  # the button itself, as when the front is up
    expect(card).to_have_attribute("aria-expanded", "true")
    back.click()  # the back, as when it is up
    expect(card).to_have_attribute("aria-expanded", "false")

    card.focus()
    page.keyboard.press("Enter")
    expect(card).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Enter")
    expect(card).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Space")
    expect(card).to_have_attribute("aria-expanded", "true")
    expect(back).to_be_visible()
    page.keyboard.press("Space")
    expect(card).to_have_attribute("aria-expanded", "false")

    # The other cards did not move.
    expect(page.locator("[data-lk-widget=flashcards]").get_by_role("button", expanded=True)).to_have_count(0)


def test_every_card_is_a_button_named_by_its_front(page: Page, site: Site):
    cards = site.sections("flashcards")[0]["cards"]
    widget = page.locator("[data-lk-widget=flashcards]")
    expect(widget.get_by_role("button", expanded=False)).to_have_count(len(cards))
    for card in cards:
        expect(widget.get_by_role("button", name=card["front"], exact=True)).to_have_count(1)


def test_the_flip_respects_reduced_motion(browser: Browser, site: Site):
    durations = {}
    for motion in ("no-preference", "reduce"):
        context = browser.new_context(reduced_motion=motion)
        page = context.new_page()
        page.goto(site.url(PRACTICE))
        page.wait_for_selector(".lk-card__turn")
        durations[motion] = page.eval_on_selector(".lk-card__turn", "el => getComputedStyle(el).transitionDuration")
        context.close()
    assert durations == {"no-preference": "0.45s", "reduce": "0s"}


def test_print_flashcards_prints_one_card_per_page(page: Page, site: Site):
    cards = site.sections("flashcards")[0]["cards"]
    page.evaluate("() => { window.printCalls = 0; window.print = () => { window.printCalls += 1 } }")
    page.get_by_role("button", name="Print flashcards").click()
    assert page.evaluate("window.printCalls") == 1

    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf()))
    texts = [words(sheet.extract_text()) for sheet in pdf.pages]
    assert len(texts) == len(cards), texts
    for text, card in zip(texts, cards):
        assert words(card["front"]) in text and words(card["back"]) in text, (card, text)
    # Nothing else of the page: not the title, not another section.
    assert not any("self check" in text or "practice transformers" in text for text in texts)


def test_the_print_copy_goes_after_printing(page: Page):
    page.evaluate("() => { window.print = () => dispatchEvent(new Event('afterprint')) }")
    page.get_by_role("button", name="Print flashcards").click()
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf()))
    assert "Self-check" in pdf.pages[0].extract_text()  # the whole page again


def test_printing_the_whole_page_shows_every_card_back(page: Page, site: Site):
    cards = site.sections("flashcards")[0]["cards"]
    page.get_by_role("button", name=cards[0]["front"], exact=True).click()  # one turned over, the others not
    page.emulate_media(media="print")
    text = words(" ".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(page.pdf())).pages))
    for card in cards:
        assert words(card["front"]) in text and words(card["back"]) in text, card
