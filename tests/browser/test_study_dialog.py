"""The study dialog says what it will do (issue 22 §2) and questions come back
(§3): the intervals on the ratings, the keys, the end of a session with
"Study ahead" and "Practise all", a self-check answer as a review, a turned
card's front kept in view; with the browser's clock, by role and name."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, Page, expect

from conftest import open_practice
from servedsite import PRACTICE, Site, served_course
from test_accessibility import AXE_OPTIONS
from test_study import DAY, MINUTE, START, _ms, fronts, open_panel, panel, rate, reload, summary

pytestmark = pytest.mark.browser

RATINGS = ["Again", "Hard", "Good", "Easy"]


@pytest.fixture
def clocked(browser: Browser, site: Site) -> Iterator[Page]:
    """The practice page in UTC with its clock under the test's hand, from START."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="UTC")
    context.clock.install(time=START)
    page, errors = open_practice(context, site)
    yield page
    context.close()
    assert not errors, errors


def stored(page: Page) -> dict:
    """The progress record as the page keeps it."""
    return page.evaluate(
        "() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.endsWith('.lessonkit'))))"
    )


def card_ids(page: Page) -> list[str]:
    return page.locator("[data-lk-widget=flashcards] .lk-card").evaluate_all("(cards) => cards.map((c) => c.dataset.lkId)")


UNITS = {"m": MINUTE, "h": 3_600_000, "d": DAY, "mth": 30 * DAY, "mths": 30 * DAY, "y": 365 * DAY}


def interval(label: str) -> tuple[float, int]:
    """A button's interval ("<10m", "8d", "1.5 mths") as (number, unit in ms)."""
    found = re.fullmatch(r"<?(\d+(?:\.\d)?) ?(m|h|d|mths?|y)", label)
    assert found, label
    return float(found[1]), UNITS[found[2]]


def shown_intervals(study: Locator) -> list[str]:
    return [study.get_by_role("button", name=name).locator(".lk-rate__in").inner_text() for name in RATINGS]


def agrees(label: str, step: int) -> bool:
    """Whether a due time ``step`` ms after the review is what the label said:
    "<6m" a step of at most 6 minutes (more than 5), "8d" eight days, "1.5 mths"
    45 days (to a tenth of a month)."""
    number, unit = interval(label)
    if label.startswith("<"):
        return math.ceil(step / unit) == number
    return round(step / unit, 1 if unit >= 30 * DAY else 0) == number


def test_the_intervals_on_the_buttons_are_the_due_times_the_ratings_give(clocked: Page, site: Site):
    page = clocked
    ids = card_ids(page)
    study = open_panel(page)
    for rating, card in zip(RATINGS, ids):  # four new cards, one rating each
        study.get_by_role("button", name="Show answer").click()
        labels = shown_intervals(study)
        assert labels[:3] == ["<1m", "<6m", "<10m"] and labels[3].endswith("d"), labels
        study.get_by_role("button", name=rating).click()
        label = labels[RATINGS.index(rating)]
        c = stored(page)["e"][card]["c"]
        step = c["u"] - c["l"]  # from the review
        assert agrees(label, step), (rating, label, step)
    # The Easy card, on the day it falls due (4 a.m.), not the day before: its label's days.
    easy_days, _ = interval(labels[3])
    study.get_by_role("button", name="Close").click()
    day = START.replace(hour=4) + timedelta(days=easy_days)
    page.clock.set_system_time(day - timedelta(minutes=1))
    reload(page)
    expect(summary(page)).to_contain_text("3 due now")  # the three steps, not yet the Easy card
    page.clock.set_system_time(day)
    reload(page)
    expect(summary(page)).to_contain_text("4 due now")
    # A review card's intervals: days (or months), each the due day its rating gives.
    before = stored(page)
    for rating in RATINGS[1:]:
        study = open_panel(page)
        expect(study.get_by_role("status")).to_have_text("Cards to study now: 10")
        for _ in range(3):  # the three steps, due first
            rate(study, "Easy")
        expect(study).to_contain_text(fronts(site)[3].rstrip("?"))  # then the Easy card, due today
        study.get_by_role("button", name="Show answer").click()
        labels = shown_intervals(study)
        assert not any(label.startswith("<") for label in labels[1:]), labels
        study.get_by_role("button", name=rating).click()
        c = stored(page)["e"][ids[3]]["c"]
        step = c["u"] - c["l"]
        assert agrees(labels[RATINGS.index(rating)], step), (rating, labels, step)
        study.get_by_role("button", name="Close").click()
        page.evaluate("(record) => localStorage.setItem(Object.keys(localStorage)[0], JSON.stringify(record))", before)
        reload(page)


def test_the_keys_are_shown_and_the_ratings_fit_one_row_on_a_phone(browser: Browser, site: Site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page, errors = open_practice(context, site)
    study = open_panel(page)
    expect(study).to_contain_text("Space or Enter shows the answer, 1 to 4 rate it")
    expect(study.get_by_role("button", name="Show answer")).to_have_attribute("aria-keyshortcuts", "Space Enter")
    study.get_by_role("button", name="Show answer").click()
    boxes = [study.get_by_role("button", name=name).bounding_box() for name in RATINGS]
    dialog = study.bounding_box()
    assert len({round(box["y"]) for box in boxes}) == 1, boxes  # one row
    assert all(dialog["x"] <= box["x"] and box["x"] + box["width"] <= dialog["x"] + dialog["width"] for box in boxes)
    for number, name in enumerate(RATINGS, 1):
        rating = study.get_by_role("button", name=name)
        expect(rating).to_have_attribute("aria-keyshortcuts", str(number))
        expect(rating.locator("kbd")).to_have_text(str(number))
    context.close()
    assert not errors, errors


def test_the_end_says_what_was_studied_then_study_ahead_and_practise_all(clocked: Page, site: Site):
    page = clocked
    cards, ids = fronts(site), card_ids(page)
    study = open_panel(page)
    rate(study, "Again")
    for _ in cards[1:]:
        rate(study, "Easy")  # days: gone from the session
    rate(study, "Good")  # the first card again: a 10-minute step, still here
    rate(study, "Good")  # graduated: due in a day or two
    expect(study.get_by_role("status")).to_contain_text("Nothing is due now. Next card due:")
    expect(study).to_contain_text("Studied: 10 \u00b7 Again: 1")
    first = stored(page)["e"][ids[0]]["c"]
    assert first["t"] == 2 and first["u"] - _ms(START) < 3 * DAY, first
    ahead = study.get_by_role("button", name="Study ahead")
    expect(ahead).to_be_focused()

    # Study ahead: the card due soonest (within the week), reviewed early as FSRS does.
    page.clock.run_for(60 * MINUTE)
    ahead.click()
    expect(study.get_by_role("status")).to_have_text("Cards to study now: 1")
    expect(study).to_contain_text(cards[0].rstrip("?"))
    rate(study, "Good")
    expect(study.get_by_role("status")).to_contain_text("Nothing is due now.")
    reviewed = stored(page)["e"][ids[0]]["c"]
    assert reviewed["l"] > first["l"] and reviewed["u"] > first["u"], (first, reviewed)
    expect(study).to_contain_text("Studied: 1 \u00b7 Again: 0")

    # Practise all: every card, the schedule left as it is; Again brings one back.
    record = stored(page)
    study.get_by_role("button", name="Practise all").click()
    expect(study.get_by_role("status")).to_have_text("Practice, the schedule unchanged: 10 to go")
    study.get_by_role("button", name="Show answer").click()
    expect(study.get_by_role("button", name="Good").locator(".lk-rate__in")).to_have_text("")
    study.get_by_role("button", name="Again").click()
    for number in range(10, 0, -1):
        expect(study.get_by_role("status")).to_have_text(f"Practice, the schedule unchanged: {number} to go")
        rate(study, "Good")
    expect(study).to_contain_text("Studied: 10 \u00b7 Again: 1")
    assert stored(page) == record
    study.get_by_role("button", name="Close").click()
    expect(summary(page)).to_contain_text("0 of 10 cards due")


def self_check(page: Page) -> Locator:
    return page.locator("[data-lk-widget=self-check]")


def test_not_yet_on_a_question_brings_it_back_the_next_day(clocked: Page, site: Site):
    page = clocked
    question = self_check(page).get_by_role("listitem").first
    asked = " ".join(site.sections("self-check")[0]["questions"][0]["question"].split())
    question.get_by_text("Show answer").click()
    question.get_by_role("button", name="Not yet").click()
    expect(question.get_by_role("button", name="Not yet")).to_have_attribute("aria-pressed", "true")
    entry = stored(page)["e"][question.get_attribute("data-lk-id")]
    assert entry["k"] == 0 and entry["c"]["u"] - entry["c"]["l"] == MINUTE, entry  # Again: a one-minute step
    expect(summary(page)).not_to_contain_text("due now")

    page.clock.set_system_time(START + timedelta(days=1))
    reload(page)
    expect(summary(page)).to_contain_text("0 of 7 questions known \u00b7 0 of 10 cards due \u00b7 1 due now")
    page.get_by_role("button", name="Review these questions").click()
    study = page.get_by_role("dialog", name="Study: Self-check")
    expect(study.get_by_role("status")).to_have_text("Cards to study now: 1")  # questions never answered: not due
    expect(study).to_contain_text(asked[:40])
    answer = study.locator(".lk-study__back")
    expect(answer).to_be_hidden()
    study.get_by_role("button", name="Show answer").click()
    expect(answer).to_be_visible()
    expect(study.get_by_role("button", name="I knew it")).to_have_count(0)  # the page's toggles stay on the page
    study.get_by_role("button", name="Good").click()  # relearning: a 10-minute step, still here
    expect(study.get_by_role("status")).to_have_text("Cards to study now: 1")
    rate(study, "Good")
    expect(study.get_by_role("status")).to_contain_text("Nothing is due now.")
    study.get_by_role("button", name="Close").click()
    # The rating is the question's answer on the page too.
    question.get_by_text("Show answer").click()
    expect(question.get_by_role("button", name="I knew it")).to_have_attribute("aria-pressed", "true")
    expect(summary(page)).to_contain_text("1 of 7 questions known \u00b7 0 of 10 cards due")
    expect(summary(page)).not_to_contain_text("due now")


def test_the_due_part_of_the_summary_moves_nothing(browser: Browser, site: Site):
    """The line keeps room for "· 10 due now": said or not, its box is the same."""
    context = browser.new_context(viewport={"width": 412, "height": 900})
    context.clock.install(time=START)
    page, errors = open_practice(context, site)
    line = summary(page)
    before = line.bounding_box()
    for number in range(3):
        question = self_check(page).get_by_role("listitem").nth(number)
        question.get_by_text("Show answer").click()
        question.get_by_role("button", name="Not yet").click()
    page.clock.run_for(2 * MINUTE)
    reload(page)
    expect(line).to_contain_text("3 due now")
    assert line.bounding_box()["height"] == before["height"]
    context.close()
    assert not errors, errors


def test_a_turned_card_keeps_its_front_in_view(clocked: Page, site: Site):
    page = clocked
    front = fronts(site)[0].rstrip("?")
    card = page.locator("[data-lk-widget=flashcards]").get_by_role("button", name=re.compile(re.escape(front[:30])))
    card.click()
    back = page.locator("#" + card.get_attribute("aria-controls"))
    page.wait_for_timeout(600)  # the card has turned
    expect(back).to_be_visible()
    expect(back).to_contain_text(front)
    study = open_panel(page)
    study.get_by_role("button", name="Show answer").click()
    shown, answer = study.locator(".lk-study__front"), study.locator(".lk-study__back")
    expect(shown).to_be_visible()
    expect(shown).to_contain_text(front)
    assert shown.bounding_box()["y"] < answer.bounding_box()["y"]


def test_a_study_file_that_fails_to_load_is_said_in_the_dialog(browser: Browser, site: Site):
    context = browser.new_context()
    context.route(re.compile(r".*lessonkit-study\.js$"), lambda route: route.abort())
    page, _ = open_practice(context, site)
    study = open_panel(page)
    expect(study.get_by_role("status")).to_have_text("The study panel could not be loaded. Reload the page to try again.")
    expect(study.get_by_role("button", name="Close")).to_be_focused()
    page.keyboard.press("Escape")
    expect(study).to_be_hidden()
    context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_violation_in_the_study_dialog(browser: Browser, site: Site, scheme: str):
    context = browser.new_context(color_scheme="dark" if scheme == "slate" else "light")
    page, errors = open_practice(context, site)
    try:
        study = open_panel(page)
        study.get_by_role("button", name="Show answer").click()
        expect(study.get_by_role("button", name="Good")).to_contain_text("<10m")
        page.wait_for_timeout(300)  # Material's colour transitions
        results = Axe().run(page, context=".lk-study[open]", options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{scheme}, a card turned:\n{results.generate_report()}"
        for _ in range(10):
            study.get_by_role("button", name="Easy").click()
            if study.get_by_role("button", name="Show answer").is_visible():
                study.get_by_role("button", name="Show answer").click()
        expect(study.get_by_role("button", name="Practise all")).to_be_visible()
        page.wait_for_timeout(300)
        results = Axe().run(page, context=".lk-study[open]", options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{scheme}, the end:\n{results.generate_report()}"
    finally:
        context.close()
    assert not errors, errors


@pytest.fixture(scope="module")
def midnight(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The course with its day starting at midnight (the plugin's option)."""
    with served_course(tmp_path_factory.mktemp("midnight"), lessonkit_options={"day_start": 0}) as served:
        yield served


def test_the_day_starts_at_the_courses_hour(browser: Browser, midnight: Site):
    page_html = (midnight.project / "site" / PRACTICE / "index.html").read_text(encoding="utf-8")
    assert 'data-lk-day-start="0"' in page_html
    evening = START.replace(hour=21)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="UTC")
    context.clock.install(time=evening)
    page, errors = open_practice(context, midnight)
    study = open_panel(page)
    study.get_by_role("button", name="Show answer").click()
    days, _ = interval(shown_intervals(study)[3])
    study.get_by_role("button", name="Easy").click()
    study.get_by_role("button", name="Close").click()
    due_day = (evening + timedelta(days=days)).replace(hour=0)
    page.clock.set_system_time(due_day - timedelta(minutes=1))
    reload(page)
    expect(summary(page)).to_contain_text("0 of 10 cards due")  # new cards are new, not due
    page.clock.set_system_time(due_day + timedelta(minutes=1))  # 0:01, before 4 a.m.: due from midnight here
    reload(page)
    expect(summary(page)).to_contain_text("1 of 10 cards due \u00b7 1 due now")
    context.close()
    assert not errors, errors
