"""Storage that fails, values out of range, and records of other versions or
courses: the learner sees what is kept, and nothing of theirs is overwritten."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from servedsite import PRACTICE, Site
from test_progress import (COURSE, KEY, NOT_SAVED, bound, expect_choices_kept, make_choices, matching, labeling,
                           selfcheck, ours)

pytestmark = pytest.mark.browser

ISSUE_11_SCRIPT = Path(__file__).parent.parent / "fixtures" / "lessonkit-issue-11.js"
"""The script of issue 11 (format v:1), as the course shipped it before issue 20."""
DAY = 86_400_000


def summary(page: Page):
    return page.locator(".lk-standing .lk-summary")


def note(page: Page):
    return page.locator(".lk-tools > p").first


def know(page: Page, number: int, name: str = "I knew it") -> None:
    question = selfcheck(page).get_by_role("listitem").nth(number)
    if not question.get_by_role("button", name=name).is_visible():
        question.get_by_text("Show answer").click()
    question.get_by_role("button", name=name).click()
    expect(question.get_by_role("button", name=name)).to_have_attribute("aria-pressed", "true")


def ids(page: Page, kind: str) -> list[str]:
    return page.locator(f"[data-lk-widget={kind}] [data-lk-id]").evaluate_all("els => els.map((el) => el.dataset.lkId)")


def section(page: Page, kind: str) -> str:
    return page.locator(f"[data-lk-widget={kind}]").get_attribute("data-lk-section")


def stored(page: Page) -> str | None:
    return page.evaluate("(key) => localStorage.getItem(key)", KEY)


def seeded(browser: Browser, site: Site, record: object):
    """A new browser whose storage holds ``record`` (JSON text as is) for the course; its practice page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(site.url(PRACTICE))
    text = record if isinstance(record, str) else json.dumps(record)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, text])
    page.reload()
    bound(page)
    return context, page, errors


# A write that fails -------------------------------------------------------------

FAILS_AFTER_THE_FIRST = """
// The first write of the progress is stored, every later one throws (storage full).
const setItem = Storage.prototype.setItem;
let writes = 0;
Storage.prototype.setItem = function (key, value) {
  if (key.endsWith(".lessonkit") && ++writes > 1) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  return setItem.call(this, key, value);
};
"""


def test_a_failing_write_is_said_once_and_no_count_is_shown_that_a_reload_contradicts(browser: Browser, site: Site,
                                                                                       tmp_path: Path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(FAILS_AFTER_THE_FIRST)
    page = context.new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(site.url(PRACTICE))
    bound(page)
    know(page, 0)  # stored
    expect(summary(page)).to_have_text("0 of 2 exercises done \u00b7 1 of 7 questions known \u00b7 0 of 10 cards due")
    expect(note(page)).to_have_text("Your progress is kept in this browser only.")
    know(page, 1)  # not stored
    expect(note(page)).to_have_text(NOT_SAVED)
    expect(page.get_by_text(NOT_SAVED)).to_have_count(1)
    expect(summary(page)).to_have_text("")
    expect(page.locator(".lk-tools").get_by_role("button", name="Save progress to a file")).to_be_visible()
    # Loading a file while nothing can be stored: never "Progress loaded."
    saved = tmp_path / "progress.json"
    saved.write_text(json.dumps({"v": 2, "course": COURSE, "e": {ids(page, "self-check")[2]: {"w": 5, "k": 1}}}))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Load progress from a file").click()
    chooser.value.set_files(str(saved))
    page.get_by_role("dialog", name="Load progress from a file").get_by_role("button", name="Load and merge").click()
    expect(page.locator(".lk-tools").get_by_role("status")).to_have_text("")
    expect(note(page)).to_have_text(NOT_SAVED)
    expect(page.get_by_text("Progress loaded.")).to_have_count(0)
    # The widgets go on working for the visit.
    expect(selfcheck(page).get_by_role("listitem").nth(1).get_by_role("button", name="I knew it")).to_have_attribute(
        "aria-pressed", "true")
    page.reload()
    bound(page)
    expect(summary(page)).to_have_text("0 of 2 exercises done \u00b7 1 of 7 questions known \u00b7 0 of 10 cards due")
    context.close()
    assert not ours(errors), ours(errors)


# Values out of range ------------------------------------------------------------


def out_of_range(page: Page) -> tuple[dict, dict]:
    """Progress with a bad value of each kind beside good ones: the record, and what the good ones are."""
    now = int(time.time() * 1000)
    questions, cards, items = ids(page, "self-check"), ids(page, "flashcards"), ids(page, "matching")
    good_card = {"t": 2, "p": 0, "s": 8.2956, "d": 2.1, "l": now - DAY, "u": now + 7 * DAY}
    record = {
        "v": 2, "course": COURSE, "name": "Generative video, in practice",
        "e": {
            questions[0]: {"w": now, "k": 1},  # good
            questions[1]: {"w": now, "k": 5},  # not a mark
            questions[2]: {"w": "yesterday", "k": 1},  # no time
            questions[3]: {"w": 1e300, "k": 1},  # no plausible time
            cards[0]: {"w": now, "c": good_card},  # good: not due for a week
            cards[1]: {"w": now, "c": {**good_card, "s": -3}},  # negative stability
            cards[2]: {"w": now, "c": {**good_card, "u": 1e300}},  # never due
            cards[3]: {"w": now, "c": {**good_card, "d": 11}},  # difficulty beyond the model's
            cards[4]: {"w": now, "c": {**good_card, "s": 1e9}},  # stability beyond it
            items[0]: {"w": now, "a": "<img src=x onerror=alert(1)>"},
            "a-later-build/question": {"w": now, "k": 1},  # unknown here: kept, unseen
        },
        "x": {
            section(page, "matching"): {"w": now, "r": -5, "m": {}},
            section(page, "labeling"): {"w": now, "r": 1e21, "m": {}},
        },
    }
    return record, {"unknown": "a-later-build/question", "card": cards[0]}


def expect_only_the_good_values(page: Page) -> None:
    expect(summary(page)).to_have_text("0 of 2 exercises done \u00b7 1 of 7 questions known \u00b7 0 of 10 cards due")
    expect(matching(page).get_by_role("status")).to_have_text("")
    expect(labeling(page).get_by_role("status")).to_have_text("")
    expect(matching(page).get_by_role("combobox").first).to_have_value("")
    page.get_by_role("button", name="Study these cards").click()
    dialog = page.get_by_role("dialog", name="Study: Flashcards")
    expect(dialog.get_by_role("status")).to_have_text("Cards to study now: 9")  # the bad cards are new
    for _ in range(9):
        dialog.get_by_role("button", name="Show answer").click()
        dialog.get_by_role("button", name="Easy").click()
    expect(dialog.get_by_role("status")).to_contain_text("Nothing is due now. Next card due: ")
    expect(dialog.get_by_role("status")).not_to_contain_text("Invalid")
    dialog.get_by_role("button", name="Close").click()


def test_stored_values_out_of_range_are_dropped_alone(browser: Browser, site: Site):
    context, page, errors = seeded(browser, site, "{}")
    record, good = out_of_range(page)
    context.close()
    context, page, errors = seeded(browser, site, record)
    expect_only_the_good_values(page)
    kept = json.loads(stored(page))
    assert kept["e"][good["unknown"]]["k"] == 1 and kept["e"][good["card"]]["c"] == record["e"][good["card"]]["c"]
    assert all(entry.get("c", {}).get("u", 0) < 1e13 for entry in kept["e"].values()), kept
    context.close()
    assert not errors, errors


def test_loaded_values_out_of_range_are_dropped_alone(browser: Browser, site: Site, tmp_path: Path):
    context, page, errors = seeded(browser, site, "{}")
    record, good = out_of_range(page)
    path = tmp_path / "progress.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Load progress from a file").click()
    chooser.value.set_files(str(path))
    ask = page.get_by_role("dialog", name="Load progress from a file")
    # The good: a question, a card, the unknown id (and the blocked answer's id, never a count of the bad).
    expect(ask).to_contain_text("This file adds 3, updates 0")
    ask.get_by_role("button", name="Load and merge").click()
    expect(page.locator(".lk-tools").get_by_role("status")).to_have_text("Progress loaded.")
    expect_only_the_good_values(page)
    assert json.loads(stored(page))["e"][good["unknown"]]["k"] == 1
    context.close()
    assert not errors, errors


# Records of other versions and courses --------------------------------------------


def test_progress_of_issue_11_is_carried_over(browser: Browser, site: Site):
    """Written by issue 11's own script (v:1), read by this one."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    old = ISSUE_11_SCRIPT.read_text(encoding="utf-8")
    context.route("**/lessonkit/assets/lessonkit.js", lambda route: route.fulfill(body=old, content_type="text/javascript"))
    page = context.new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(site.url(PRACTICE))
    bound(page)
    make_choices(page, partly="Partly right")  # issue 11's mark
    page.get_by_role("button", name="Study these cards").click()
    dialog = page.get_by_role("dialog", name="Study: Flashcards")
    dialog.get_by_role("button", name="Show answer").click()
    dialog.get_by_role("button", name="Easy").click()
    old_record = json.loads(stored(page))
    assert old_record["v"] == 1 and old_record["course"] == "/course/", old_record
    context.unroute("**/lessonkit/assets/lessonkit.js")
    page.reload()
    bound(page)
    expect_choices_kept(page)
    expect(summary(page)).to_have_text("0 of 2 exercises done \u00b7 1 of 7 questions known \u00b7 0 of 10 cards due")
    # The next change writes today's format, with everything carried over.
    labeling(page).get_by_role("button", name="Check answers").click()
    record = json.loads(stored(page))
    assert record["v"] == 2 and record["course"] == COURSE and len(record["e"]) == 6, record
    page.reload()
    bound(page)
    expect_choices_kept(page)
    expect(summary(page)).to_contain_text("0 of 10 cards due")
    context.close()
    assert not errors, errors


NEWER = '{"v": 99, "course": "generative-video-in-practice", "e": {"something": ["new"]}, "q": 1}'


def test_a_record_of_a_newer_version_is_kept_as_it_was(browser: Browser, site: Site):
    context, page, errors = seeded(browser, site, NEWER)
    expect(note(page)).to_have_text(
        "Your progress here was saved by a newer version of this course: this page works from memory for this "
        "visit and leaves it as it is."
    )
    expect(summary(page)).to_have_text("")
    make_choices(page)  # every widget works, from memory
    page.get_by_role("button", name="Study these cards").click()
    dialog = page.get_by_role("dialog", name="Study: Flashcards")
    dialog.get_by_role("button", name="Show answer").click()
    dialog.get_by_role("button", name="Good").click()
    dialog.get_by_role("button", name="Close").click()
    expect(selfcheck(page).get_by_role("listitem").nth(1).get_by_role("button", name="I knew it")).to_have_attribute(
        "aria-pressed", "true")
    assert stored(page) == NEWER
    page.reload()
    bound(page)
    assert stored(page) == NEWER
    context.close()
    assert not errors, errors


OTHER = json.dumps({"v": 2, "course": "physics-101", "name": "Physics 101", "e": {}, "x": {}})


def test_another_courses_record_at_this_address_is_not_overwritten(browser: Browser, site: Site):
    context, page, errors = seeded(browser, site, OTHER)
    expect(note(page)).to_have_text(
        "This browser keeps the progress of 'Physics 101' at this address: this page works from memory for this "
        "visit and leaves it as it is (Forget my progress replaces it)."
    )
    know(page, 0)
    assert stored(page) == OTHER
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Forget my progress").click()  # the learner's choice: replaced
    expect(note(page)).to_have_text("Your progress is kept in this browser only.")
    know(page, 0)
    assert json.loads(stored(page))["course"] == COURSE
    expect(summary(page)).to_contain_text("1 of 7 questions known")
    context.close()
    assert not errors, errors


def test_a_change_wins_over_a_forget_dated_by_a_clock_ahead(browser: Browser, site: Site):
    """A Forget stamped in the future (another machine's clock, a file) does not swallow what is marked now."""
    ahead = int(time.time() * 1000) + 30 * DAY
    context, page, errors = seeded(browser, site, {"v": 2, "course": COURSE, "f": ahead, "e": {}, "x": {}})
    know(page, 0)
    page.reload()
    bound(page)
    expect(summary(page)).to_contain_text("1 of 7 questions known")
    context.close()
    assert not errors, errors
