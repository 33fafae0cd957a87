"""Two tabs of one course (two pages of one browser context): each change is a
merge into what is stored, never an overwrite, and each tab hears the other's
changes (the storage event) without a reload."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from conftest import open_practice
from servedsite import Site
from test_progress import KEY, bound, group, item, labeling, matching, selfcheck

# The scheduler, from the file the study dialog loads beside lessonkit.js.
FSRS = """(await import(new URL("lessonkit-study.js", document.querySelector("script[src$='lessonkit.js']").src))).fsrs"""

pytestmark = pytest.mark.browser

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
RIGHT = {"A": "Long-horizon coherence frontier", "B": "Captioning pipeline limitation",
         "C": "Video tokenizer ceiling", "D": "Compute / context window"}


def summary(page: Page) -> Locator:
    return page.locator(".lk-standing .lk-summary")


def question(page: Page, number: int) -> Locator:
    found = selfcheck(page).get_by_role("listitem").nth(number)
    found.locator("summary").first.click()
    return found


def study(page: Page, ratings: list[str]) -> None:
    """Opens the study dialog and rates the cards it shows, in turn; then closes it."""
    page.get_by_role("button", name="Study these cards").click()
    dialog = page.get_by_role("dialog", name="Study: Flashcards")
    for rating in ratings:
        dialog.get_by_role("button", name="Show answer").click()
        dialog.get_by_role("button", name=rating).click()
    dialog.get_by_role("button", name="Close").click()


def test_interleaved_changes_in_two_tabs_are_all_kept(browser: Browser, site: Site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    one, one_errors = open_practice(context, site)
    two, two_errors = open_practice(context, site)
    home = context.new_page()
    home.goto(site.url())
    listed = home.locator("[data-lk-widget=progress] .lk-summary")
    expect(listed).to_have_text("0 of 2 exercises done \u00b7 0 of 7 questions known \u00b7 0 of 10 cards due")

    study(one, ["Easy"] * 5)  # tab 1: half the cards
    question(two, 0).get_by_role("button", name="I knew it").click()  # tab 2, which has not reloaded
    # Each tab shows the other's change at once, and so does the home page's list.
    expect(summary(one)).to_have_text("0 of 2 exercises done \u00b7 1 of 7 questions known \u00b7 0 of 10 cards due")
    expect(summary(two)).to_have_text("0 of 2 exercises done \u00b7 1 of 7 questions known \u00b7 0 of 10 cards due")
    expect(listed).to_have_text("0 of 2 exercises done \u00b7 1 of 7 questions known \u00b7 0 of 10 cards due")
    expect(question(one, 0).get_by_role("button", name="I knew it")).to_have_attribute("aria-pressed", "true")

    for letter, option in RIGHT.items():  # tab 1: matching, all right
        item(one, letter).select_option(label=option)
    matching(one).get_by_role("button", name="Check answers").click()
    study(two, ["Easy"] * 5)  # tab 2 studies what is left: the five tab 1 did not
    group(two, "E").get_by_role("checkbox", name="likeness/consent", exact=True).check()
    labeling(two).get_by_role("button", name="Check answers").click()
    question(one, 2).get_by_role("button", name="Not yet").click()
    expect(item(two, "A")).to_have_accessible_description("Correct")  # tab 1's check, shown in tab 2
    expect(group(one, "E")).to_have_accessible_description("Partly right: 1 of 2 labels")  # and tab 2's in tab 1

    everything = "1 of 2 exercises done \u00b7 1 of 7 questions known \u00b7 0 of 10 cards due"
    expect(listed).to_have_text(everything)
    for page in (one, two):
        page.reload()
        bound(page)
        expect(summary(page)).to_have_text(everything)
        expect(item(page, "D").locator("option:checked")).to_have_text(RIGHT["D"])
        expect(matching(page).get_by_role("status")).to_have_text("4 of 4 correct")
        expect(group(page, "E").get_by_role("checkbox", name="likeness/consent", exact=True)).to_be_checked()
        expect(question(page, 2).get_by_role("button", name="Not yet")).to_have_attribute("aria-pressed", "true")
    stored = one.evaluate("(key) => JSON.parse(localStorage.getItem(key))", KEY)
    # every review kept: the 10 cards' and the 2 questions' ("I knew it", "Not yet": reviews too)
    assert sum("c" in entry for entry in stored["e"].values()) == 12, stored
    context.close()
    assert not one_errors and not two_errors, one_errors + two_errors


def test_a_card_reviewed_in_two_tabs_keeps_both_reviews_in_order(browser: Browser, site: Site):
    """Tab 1 rates the first card Again; two minutes later tab 2, not reloaded, finds it
    due and rates it Good: the schedule is both reviews', in their order."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.clock.install(time=START)
    one, one_errors = open_practice(context, site)
    two, two_errors = open_practice(context, site)
    card = one.locator("[data-lk-widget=flashcards] [data-lk-id]").first.get_attribute("data-lk-id")
    study(one, ["Again"])
    first = one.evaluate("([key, id]) => JSON.parse(localStorage.getItem(key)).e[id].c", [KEY, card])
    context.clock.fast_forward("02:00")
    two.get_by_role("button", name="Study these cards").click()
    dialog = two.get_by_role("dialog", name="Study: Flashcards")
    expect(dialog.get_by_role("status")).to_have_text("Cards to study now: 10")  # the due one first, then 9 new
    dialog.get_by_role("button", name="Show answer").click()
    dialog.get_by_role("button", name="Good").click()
    kept = two.evaluate("([key, id]) => JSON.parse(localStorage.getItem(key)).e[id].c", [KEY, card])
    assert kept["l"] > first["l"], (first, kept)
    both = two.evaluate("async ([first, at]) => " + FSRS + "(first, 3, at)", [first, kept["l"]])
    alone = two.evaluate("async (at) => " + FSRS + "(null, 3, at)", kept["l"])
    assert kept == both and kept != alone, (kept, both, alone)
    context.close()
    assert not one_errors and not two_errors, one_errors + two_errors


def test_a_forget_in_one_tab_clears_the_other(browser: Browser, site: Site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    one, one_errors = open_practice(context, site)
    two, two_errors = open_practice(context, site)
    question(one, 0).get_by_role("button", name="I knew it").click()
    expect(summary(two)).to_contain_text("1 of 7 questions known")
    two.once("dialog", lambda dialog: dialog.accept())
    two.get_by_role("button", name="Forget my progress").click()
    expect(summary(one)).to_contain_text("0 of 7 questions known")
    # Tab 1's next change does not bring back what tab 2 forgot.
    item(one, "A").select_option(label=RIGHT["A"])
    two.reload()
    bound(two)
    expect(summary(two)).to_contain_text("0 of 7 questions known")
    expect(item(two, "A").locator("option:checked")).to_have_text(RIGHT["A"])
    context.close()
    assert not one_errors and not two_errors, one_errors + two_errors
