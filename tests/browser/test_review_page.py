"""The course's review (``[[practice-review]]``) and what the progress list says
to do next (issue 22 §4), in a course of three sets, as a learner uses them
over simulated days (the browser's clock)."""

from __future__ import annotations

import re
from urllib.parse import urljoin
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from servedsite import PRACTICE, Site, served_course
from test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
COURSE = "Generative video, in practice"
SECOND = """\
title: "Practice: Colour grading"
sections:
  - type: flashcards
    title: Grading cards
    cards:
      - front: What does a LUT map?
        back: Input colours to output colours.
      - front: What is a scope for?
        back: Reading levels without trusting the monitor.
  - type: self-check
    title: Grading check
    questions:
      - question: Why grade in a log space?
        answer: It keeps the highlights and shadows a display would clip.
"""
THIRD = """\
title: "Practice: Sound design"
sections:
  - type: flashcards
    title: Sound cards
    cards:
      - front: What is Foley?
        back: Everyday sounds recorded in sync with the picture.
      - front: What does a room tone cover?
        back: The silence between lines, so cuts do not drop out.
"""
FILES = {
    "quizzes/second.yml": SECOND,
    "quizzes/third.yml": THIRD,
    "content/review.md": "# Review\n\nEverything due in the course, in one session.\n\n[[practice-review]]\n",
}
SETS = {
    "Practice: Transformers for video generation": PRACTICE,
    "Practice: Colour grading": "practice/second/",
    "Practice: Sound design": "practice/third/",
}


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with served_course(tmp_path_factory.mktemp("three-sets"), files=FILES) as served:
        yield served


@pytest.fixture
def clocked(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.clock.install(time=START)
    yield context
    context.close()


def fronts(site: Site) -> set[str]:
    """Every card's front of the three sets."""
    found = {" ".join(card["front"].split()) for card in site.sections("flashcards")[0]["cards"]}
    return found | {"What does a LUT map?", "What is a scope for?", "What is Foley?", "What does a room tone cover?"}


def visit(context: BrowserContext, site: Site, path: str, errors: list[str]) -> Page:
    """The context's one page at ``path``, scripts bound (its script errors go to ``errors``)."""
    if not context.pages:
        context.new_page().on("pageerror", lambda error: errors.append(str(error)))
    page = context.pages[0]
    page.goto(site.url(path))
    page.wait_for_selector("[data-lk-widget][data-lk-bound]", state="attached")
    return page


def study_all_easy(page: Page, button: str, dialog: str) -> int:
    """Open a study dialog and rate every card in it Easy; how many it showed."""
    page.get_by_role("button", name=button).first.click()
    study = page.get_by_role("dialog", name=dialog)
    expect(study).to_be_visible()
    # The session fills the dialog once the study file has loaded: wait for it, not just the dialog.
    expect(study.get_by_role("status")).to_have_text(re.compile("^(Cards to study now|Nothing is due now)"))
    count = 0
    while study.get_by_role("button", name="Show answer").is_visible():
        study.get_by_role("button", name="Show answer").click()
        study.get_by_role("button", name=re.compile("^Easy")).click()
        count += 1
    expect(study.get_by_role("status")).to_contain_text("Nothing is due now")
    study.get_by_role("button", name="Close").click()
    return count


def studied_course(context: BrowserContext, site: Site, errors: list[str]) -> None:
    """Every card of the three sets studied (Easy) on its set's page, and the
    second set's question answered "Not yet", on day 0."""
    for path, heading in ((PRACTICE, "Flashcards"), ("practice/second/", "Grading cards"), ("practice/third/", "Sound cards")):
        page = visit(context, site, path, errors)
        study_all_easy(page, "Study these cards", f"Study: {heading}")
    page = visit(context, site, "practice/second/", errors)
    question = page.locator("[data-lk-widget=self-check]").get_by_role("listitem").first
    question.get_by_text("Show answer").click()
    question.get_by_role("button", name="Not yet").click()
    expect(question.get_by_role("button", name="Not yet")).to_have_attribute("aria-pressed", "true")


def course_line(page: Page) -> Locator:
    return page.locator(".lk-next--course")


def entry(page: Page, title: str) -> Locator:
    return page.locator(".lk-progress > li").filter(has=page.get_by_role("link", name=title, exact=True))


def review_dialog(page: Page) -> Locator:
    return page.get_by_role("dialog", name=f"Review: {COURSE}")


def test_the_review_shows_every_due_item_of_all_three_sets(clocked: BrowserContext, three: Site):
    errors: list[str] = []
    studied_course(clocked, three, errors)
    clocked.pages[0].clock.set_system_time(START + timedelta(days=40))  # every card due again
    home = visit(clocked, three, "", errors)
    # 14 cards and the question: the course's line links to the review page
    expect(course_line(home)).to_have_text("The whole course: 15 due now: Review \u00b7 2 exercises not done yet")
    expect(course_line(home).get_by_role("link", name="Review")).to_have_attribute("href", three.url("review/"))
    expect(entry(home, "Practice: Sound design").locator(".lk-next")).to_have_text("2 due now: Review")

    course_line(home).get_by_role("link", name="Review").click()
    home.wait_for_url(three.url("review/"))
    page = home
    page.wait_for_selector("[data-lk-widget=review][data-lk-bound]")
    page.get_by_role("button", name="Review what is due").click()
    study = review_dialog(page)
    expect(study.get_by_role("status")).to_have_text("Cards to study now: 15")
    shown, sources = set(), set()
    for _ in range(30):  # Good: the cards go for days; the question's step comes back in the session
        if not study.get_by_role("button", name="Show answer").is_visible():
            break
        source = study.locator(".lk-from")  # the set and section it comes from, a link to that section
        expect(source).to_have_count(1)
        sources.add((source.inner_text(), urljoin(page.url, source.get_attribute("href"))))
        shown.add(" ".join(study.locator(".lk-study__front").inner_text().split()))
        study.get_by_role("button", name="Show answer").click()
        study.get_by_role("button", name=re.compile("^Good")).click()
    expect(study.get_by_role("status")).to_contain_text("Nothing is due now")
    assert shown == fronts(three) | {"Why grade in a log space?"}
    assert sources == {
        ("Practice: Transformers for video generation › Flashcards", three.url("practice/video-generation/#flashcards")),
        ("Practice: Colour grading › Grading cards", three.url("practice/second/#grading-cards")),
        ("Practice: Colour grading › Grading check", three.url("practice/second/#grading-check")),
        ("Practice: Sound design › Sound cards", three.url("practice/third/#sound-cards")),
    }
    assert not errors, errors


def test_a_rating_on_the_review_page_updates_its_sets_page_and_the_list(clocked: BrowserContext, three: Site):
    errors: list[str] = []
    studied_course(clocked, three, errors)
    clocked.pages[0].clock.set_system_time(START + timedelta(days=40))
    due = {PRACTICE: 10, "practice/second/": 3, "practice/third/": 2}  # cards, and the question answered "Not yet"
    page = visit(clocked, three, "review/", errors)
    page.get_by_role("button", name="Review what is due").click()
    study = review_dialog(page)
    source = study.locator(".lk-from")
    title = source.inner_text().split(" › ")[0]
    path = SETS[title]
    assert urljoin(page.url, source.get_attribute("href")).startswith(three.url(path))
    study.get_by_role("button", name="Show answer").click()
    study.get_by_role("button", name=re.compile("^Easy")).click()  # not due for days
    left = due[path] - 1
    # the review page's own list, at once
    expect(entry(page, title).locator(".lk-next")).to_contain_text(f"{left} due now: Review")
    study.get_by_role("button", name="Close").click()

    page = visit(clocked, three, path, errors)
    expect(page.locator(".lk-standing .lk-summary")).to_contain_text(f"{left} due now")
    page = visit(clocked, three, "", errors)
    expect(course_line(page)).to_have_text("The whole course: 14 due now: Review \u00b7 2 exercises not done yet")
    listed = entry(page, title)
    expect(listed.locator(".lk-next")).to_contain_text(f"{left} due now: Review")
    others = [other for other in SETS if other != title]
    for other in others:
        expect(entry(page, other).locator(".lk-next")).to_contain_text(f"{due[SETS[other]]} due now: Review")
    # a set's "Review" is its due items, on its page
    sound = entry(page, "Practice: Sound design")
    expect(sound.get_by_role("link", name="Review")).to_have_attribute("href", three.url("practice/third/#sound-cards"))
    assert not errors, errors


def test_the_list_says_what_to_do_next_and_links_to_the_place(browser: Browser, three: Site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(three.url())
    page.wait_for_selector("[data-lk-widget=progress][data-lk-bound]")
    # never studied: new, not due; the exercises not done, linked to the first one
    expect(course_line(page)).to_have_text("The whole course: 2 exercises not done yet \u00b7 14 new cards")
    video = entry(page, "Practice: Transformers for video generation")
    expect(video.locator(".lk-summary")).to_have_text(
        "0 of 2 exercises done \u00b7 0 of 7 questions known \u00b7 0 of 10 cards due"
    )
    expect(video.locator(".lk-next")).to_have_text("2 exercises not done yet \u00b7 10 new cards")
    expect(entry(page, "Practice: Colour grading").locator(".lk-next")).to_have_text("2 new cards")
    expect(course_line(page).get_by_role("link", name="14 new cards")).to_have_attribute("href", three.url("review/"))
    first = "practice/video-generation/#try-it-yourself-match-the-failure-to-its-cause"
    expect(video.get_by_role("link", name="2 exercises not done yet")).to_have_attribute("href", three.url(first))
    course_line(page).get_by_role("link", name="2 exercises not done yet").click()
    page.wait_for_url(three.url(first))
    expect(page.get_by_role("heading", name=re.compile("^Try it yourself: match the failure"))).to_be_in_viewport()
    # the boxes held the same words before the script filled them: nothing moves
    built = BeautifulSoup((three.project / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert built.select_one(".lk-next--course")["data-lk-text"] == (
        "The whole course: 2 exercises not done yet \u00b7 14 new cards"
    )
    context.close()


def test_without_javascript_the_review_is_the_list_of_sets(browser: Browser, three: Site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(three.url("review/"))
    content = page.locator(".md-content")
    for title, path in SETS.items():
        expect(content.get_by_role("link", name=title, exact=True)).to_have_attribute("href", "../" + path)
    expect(content.get_by_role("button")).to_have_count(0)
    expect(content.get_by_text("What is Foley?")).to_be_hidden()  # the items are the script's
    expect(content.locator(".lk-summary, .lk-next").first).to_be_hidden()
    context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"], ids=["light", "dark"])
def test_axe_finds_no_violation_on_the_review_page(browser: Browser, three: Site, scheme: str):
    context = browser.new_context(color_scheme="dark" if scheme == "slate" else "light")
    page = context.new_page()
    try:
        page.goto(three.url("review/"))
        page.wait_for_selector("[data-lk-widget=review][data-lk-bound]")
        page.wait_for_timeout(300)  # Material animates colours for 125 ms
        results = Axe().run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, results.generate_report()
        page.get_by_role("button", name="Review what is due").click()
        study = review_dialog(page)
        study.get_by_role("button", name="Show answer").click()
        expect(study.get_by_role("button", name=re.compile("^Good"))).to_be_visible()
        page.wait_for_timeout(300)  # the focused rating's colours, animated too
        results = Axe().run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()
