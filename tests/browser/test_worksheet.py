"""The worksheet: the practice page printed with no answer, then its answer key from a new page."""

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


def printed(page: Page) -> list[str]:
    page.emulate_media(media="print")
    return [words(sheet.extract_text()) for sheet in PdfReader(io.BytesIO(page.pdf())).pages]


def hidden_answers(site: Site) -> list[str]:
    """Texts only an answer shows: self-check answers, card backs, the keys' explanations."""
    texts = [question["answer"] for question in site.sections("self-check")[0]["questions"]]
    texts += [card["back"] for card in site.sections("flashcards")[0]["cards"]]
    for kind in ("matching", "labeling"):
        texts += [item["explanation"] for item in site.sections(kind)[0]["items"] if item.get("explanation")]
    return texts


def key_answers(site: Site) -> list[str]:
    """Every answer the key gives, as it numbers them (a number or letter, then the answer)."""
    answers = [f"{n} {q['answer']}" for n, q in enumerate(site.sections("self-check")[0]["questions"], start=1)]
    answers += [f"{n} {card['back']}" for n, card in enumerate(site.sections("flashcards")[0]["cards"], start=1)]
    matching = site.sections("matching")[0]
    options = [option if isinstance(option, str) else option for option in matching["options"]]
    ids = [option if isinstance(option, str) else option["id"] for option in options]
    for index, item in enumerate(matching["items"]):
        number = ids.index(item["answer"])
        option = options[number]
        text = item.get("key") or (option if isinstance(option, str) else option["text"])
        answers.append(f"{chr(97 + index)} {number + 1} {text}")
    labeling = site.sections("labeling")[0]
    labels = {(label if isinstance(label, str) else label["id"]): (label if isinstance(label, str) else label["text"]) for label in labeling["labels"]}
    for index, item in enumerate(labeling["items"]):
        right = item["answer"] if isinstance(item["answer"], list) else [item["answer"]]
        answers.append(f"{chr(97 + index)} " + (item.get("key") or " ".join(labels[label] for label in right)))
    return [words(answer) for answer in answers]


def split_at_key(texts: list[str]) -> tuple[str, str]:
    starts = [number for number, text in enumerate(texts) if text.startswith("answer key")]
    assert len(starts) == 1, texts  # the key starts a page of its own, once
    return " ".join(texts[: starts[0]]), " ".join(texts[starts[0]:])


def check_worksheet(texts: list[str], site: Site) -> None:
    before, key = split_at_key(texts)
    assert "self check" in before  # the questions, with their sections' titles
    for text in hidden_answers(site):
        assert words(text) not in before, text
    for answer in key_answers(site):
        assert answer in key, (answer, key)
    for section in ("self-check", "matching", "labeling", "flashcards"):
        assert words(site.sections(section)[0]["title"]) in key


def test_print_worksheet_prints_the_questions_then_the_key(page: Page, site: Site):
    page.evaluate("() => { window.printCalls = 0; window.print = () => { window.printCalls += 1 } }")
    page.get_by_role("button", name="Print worksheet").click()
    assert page.evaluate("window.printCalls") == 1
    check_worksheet(printed(page), site)


def test_the_worksheet_mode_goes_after_printing(page: Page, site: Site):
    page.evaluate("() => { window.print = () => dispatchEvent(new Event('afterprint')) }")
    page.get_by_role("button", name="Print worksheet").click()
    texts = printed(page)
    assert not any(text.startswith("answer key") for text in texts)
    assert words(hidden_answers(site)[0]) in " ".join(texts)  # the normal print: every answer, in place


def test_the_normal_print_has_no_key(page: Page, site: Site):
    text = " ".join(printed(page))
    assert "answer key" not in text and "print worksheet" not in text
    for answer in hidden_answers(site):
        assert words(answer) in text, answer  # as before: every answer in place (Material opens the collapsibles)


def test_without_javascript_the_link_prints_the_worksheet(browser: Browser, site: Site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url(PRACTICE))
        expect(page.get_by_role("button", name="Print worksheet")).to_have_count(0)
        page.get_by_role("link", name="Print worksheet").click()
        expect(page.get_by_text("Print this page now")).to_be_visible()
        check_worksheet(printed(page), site)
    finally:
        context.close()


def test_the_key_is_not_on_screen(page: Page, site: Site):
    expect(page.get_by_text("Answer key", exact=True)).to_be_hidden()
    expect(page.get_by_role("button", name="Print worksheet")).to_be_visible()
