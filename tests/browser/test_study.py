"""Studying flashcards on a schedule: the page's FSRS-6 agrees with py-fsrs, the
reference implementation, and the study panel is used as a learner would."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card, Rating, Scheduler
from playwright.sync_api import Browser, Locator, Page, expect

from conftest import open_practice
from servedsite import Site

pytestmark = pytest.mark.browser

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
MINUTE, DAY = 60_000, 86_400_000


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def _sequences() -> list[list[tuple[int, int]]]:
    """Rating sequences with their review times (ms): by hand, then at random
    (reviews on time, early, late, and months late)."""
    sequences = [
        [(3, 0), (3, 10 * MINUTE), (3, 4 * DAY), (3, 20 * DAY), (3, 80 * DAY)],
        [(1, 0), (1, MINUTE), (2, 2 * MINUTE), (3, 8 * MINUTE), (4, 20 * MINUTE), (1, 30 * DAY), (3, 30 * DAY + 10 * MINUTE)],
        [(4, 0), (2, 15 * DAY), (2, 40 * DAY), (1, 400 * DAY), (2, 400 * DAY + 5 * MINUTE), (3, 401 * DAY)],
        [(2, 0), (2, 6 * MINUTE), (2, 16 * MINUTE), (3, 2 * DAY), (1, 3 * DAY), (1, 3 * DAY + 10 * MINUTE)],
    ]
    rng = random.Random(11)
    for _ in range(40):
        moment, due, sequence = 0, 0, []
        for _ in range(rng.randint(3, 14)):
            interval = max(due - moment, MINUTE)
            moment = max(moment + 1000, round(due + interval * rng.choice([-0.5, 0, 0, 0.2, 1.5, 6]) * rng.random()))
            rating = rng.choice([1, 2, 3, 3, 3, 4])
            sequence.append((rating, moment))
            due = moment + {1: MINUTE, 2: 6 * MINUTE, 3: 10 * MINUTE, 4: 5 * DAY}[rating] * rng.randint(1, 30)
        sequences.append(sequence)
    return sequences


def _reference(sequence: list[tuple[int, int]]) -> list[int]:
    """py-fsrs's due dates (ms), fuzzing off (the page has none), default parameters (FSRS-6)."""
    scheduler = Scheduler(enable_fuzzing=False)
    card, dues = Card(card_id=1), []
    for rating, moment in sequence:
        card, _ = scheduler.review_card(card, Rating(rating), START + timedelta(milliseconds=moment))
        dues.append(_ms(card.due))
    return dues


def test_the_schedule_agrees_with_py_fsrs(page: Page):
    sequences = _sequences()
    start = _ms(START)
    pages = page.evaluate(
        """async ([sequences, start]) => {
            const { fsrs } = await import(new URL("lessonkit-study.js", document.querySelector("script[src$='lessonkit.js']").src));
            return sequences.map((sequence) => {
                let card = null;
                return sequence.map(([rating, moment]) => (card = fsrs(card, rating, start + moment)).u);
            });
        }""",
        [sequences, start],
    )
    compared = 0
    for sequence, got in zip(sequences, pages):
        for (_, moment), due, want in zip(sequence, got, _reference(sequence)):
            step = want - (start + moment)
            tolerance = MINUTE if step < DAY else DAY
            assert abs(due - want) <= tolerance, (sequence, due, want)
            compared += 1
    assert compared > 200
    # The sequences reach long intervals, and relearning after a lapse.
    assert max(max(due - start for due in _reference(sequence)) for sequence in sequences) > 100 * DAY


# The study panel ------------------------------------------------------------


@pytest.fixture
def clocked(browser: Browser, site: Site) -> Iterator[Page]:
    """The practice page with its clock under the test's hand, from START."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.clock.install(time=START)
    page, errors = open_practice(context, site)
    yield page
    context.close()
    assert not errors, errors


def panel(page: Page) -> Locator:
    return page.get_by_role("dialog", name="Study: Flashcards")


def open_panel(page: Page) -> Locator:
    page.get_by_role("button", name="Study these cards").click()
    expect(panel(page)).to_be_visible()
    return panel(page)


def fronts(site: Site) -> list[str]:
    return [" ".join(card["front"].split()) for card in site.sections("flashcards")[0]["cards"]]


def summary(page: Page) -> Locator:
    return page.locator(".lk-standing .lk-summary")


def reload(page: Page) -> None:
    page.reload()
    page.wait_for_selector("[data-lk-widget=flashcards][data-lk-bound]")


def rate(study: Locator, rating: str) -> None:
    study.get_by_role("button", name="Show answer").click()
    study.get_by_role("button", name=rating).click()


def test_rated_good_a_new_card_comes_back_in_the_session_then_in_days(clocked: Page, site: Site):
    page = clocked
    cards = fronts(site)
    expect(summary(page)).to_contain_text("0 of 10 cards due")
    study = open_panel(page)
    for front in cards:  # Good: a 10-minute step, within the 20-minute learn-ahead: still here
        expect(study.get_by_role("status")).to_have_text("Cards to study now: 10")
        expect(study).to_contain_text(front.rstrip("?"))
        rate(study, "Good")
    for number, front in enumerate(cards):  # the second Good: the card graduates, due in days
        expect(study.get_by_role("status")).to_have_text(f"Cards to study now: {10 - number}")
        expect(study).to_contain_text(front.rstrip("?"))
        rate(study, "Good")
    expect(study.get_by_role("status")).to_contain_text("Nothing is due now. Next card due:")
    expect(study.get_by_role("button", name="Show answer")).to_be_hidden()
    study.get_by_role("button", name="Close").click()
    expect(study).to_be_hidden()

    reload(page)
    expect(summary(page)).to_contain_text("0 of 10 cards due")
    page.clock.set_system_time(START + timedelta(days=1))
    reload(page)
    expect(summary(page)).to_contain_text("0 of 10 cards due")
    page.clock.set_system_time(START + timedelta(days=30))
    reload(page)
    expect(summary(page)).to_contain_text("10 of 10 cards due")
    study = open_panel(page)
    expect(study.get_by_role("status")).to_have_text("Cards to study now: 10")


def test_hard_and_good_on_new_cards_come_back_after_the_others(clocked: Page, site: Site):
    page = clocked
    cards = fronts(site)
    study = open_panel(page)
    rate(study, "Hard")  # a 5.5-minute step
    for front in cards[1:]:
        expect(study).to_contain_text(front.rstrip("?"))
        rate(study, "Good")
    expect(study.get_by_role("status")).to_have_text("Cards to study now: 10")
    expect(study).to_contain_text(cards[0].rstrip("?"))
    rate(study, "Good")  # after Hard, Good is the last step: 10 minutes, still in the session
    for front in cards[1:]:
        expect(study).to_contain_text(front.rstrip("?"))
        rate(study, "Good")
    expect(study.get_by_role("status")).to_have_text("Cards to study now: 1")
    expect(study).to_contain_text(cards[0].rstrip("?"))
    rate(study, "Good")
    expect(study.get_by_role("status")).to_contain_text("Nothing is due now.")
    study.get_by_role("button", name="Close").click()
    expect(summary(page)).to_contain_text("0 of 10 cards due")


def test_a_card_rated_again_comes_back_in_the_same_session(clocked: Page, site: Site):
    page = clocked
    cards = fronts(site)
    study = open_panel(page)
    rate(study, "Again")
    expect(study.get_by_role("status")).to_have_text("Cards to study now: 10")
    for front in cards[1:]:
        expect(study).to_contain_text(front.rstrip("?"))
        rate(study, "Easy")  # days: gone from the session
    expect(study.get_by_role("status")).to_have_text("Cards to study now: 1")
    expect(study).to_contain_text(cards[0].rstrip("?"))
    rate(study, "Easy")
    expect(study.get_by_role("status")).to_contain_text("Nothing is due now.")


def test_a_review_is_due_all_its_day_from_4_am(browser: Browser, site: Site):
    evening = START.replace(hour=21)  # day 0, 21:00 (the page's time zone: UTC)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="UTC")
    context.clock.install(time=evening)
    page, errors = open_practice(context, site)
    study = open_panel(page)
    rate(study, "Easy")  # 8 days: due on day 8, from 4 a.m., not from 21:00
    study.get_by_role("button", name="Close").click()
    expect(summary(page)).to_contain_text("0 of 10 cards due")
    day8 = (evening + timedelta(days=8)).replace(hour=0)
    page.clock.set_system_time(day8 + timedelta(hours=3, minutes=59))
    reload(page)
    expect(summary(page)).to_contain_text("0 of 10 cards due")
    page.clock.set_system_time(day8 + timedelta(hours=9))
    reload(page)
    expect(summary(page)).to_contain_text("1 of 10 cards due")
    study = open_panel(page)
    expect(study.get_by_role("status")).to_have_text("Cards to study now: 10")
    expect(study).to_contain_text(fronts(site)[0].rstrip("?"))  # due cards first, then new ones
    context.close()
    assert not errors, errors


def test_study_with_the_keyboard_alone(clocked: Page, site: Site):
    page = clocked
    cards = fronts(site)
    opener = page.get_by_role("button", name="Study these cards")
    opener.focus()
    page.keyboard.press("Enter")
    study = panel(page)
    expect(study).to_be_visible()
    answer = study.locator(".lk-study__back")
    expect(answer).to_be_hidden()
    page.keyboard.press("3")  # not turned yet: no rating
    expect(study.get_by_role("status")).to_have_text("Cards to study now: 10")
    page.keyboard.press("Space")
    expect(answer).to_be_visible()
    page.keyboard.press("1")  # Again
    expect(study).to_contain_text(cards[1].rstrip("?"))
    page.keyboard.press("Enter")
    expect(answer).to_be_visible()
    page.keyboard.press("4")  # Easy
    expect(study).to_contain_text(cards[2].rstrip("?"))
    expect(study.get_by_role("status")).to_have_text("Cards to study now: 9")
    page.keyboard.press("Escape")
    expect(study).to_be_hidden()
    expect(opener).to_be_focused()
    expect(summary(page)).to_contain_text("0 of 10 cards due")  # Easy: days; Again: a minute; the others new
