"""Loading progress from a file: it says what it would change and asks; it
merges by the same rule as two tabs (the newer change of an entry wins);
Cancel changes nothing; a file of another course, or one that is not a sane
progress file, is refused before any of it is used."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from conftest import open_practice
from servedsite import Site
from test_accessibility import AXE_OPTIONS
from test_progress import COURSE, KEY, bound, item, load_progress, matching, save_progress, selfcheck

pytestmark = pytest.mark.browser

REFUSED = "This file is not progress of this course: nothing was loaded, your progress is unchanged."


def mark(page: Page, number: int, name: str) -> None:
    question = selfcheck(page).get_by_role("listitem").nth(number)
    if not question.get_by_role("button", name=name).is_visible():
        question.get_by_text("Show answer").click()
    question.get_by_role("button", name=name).click()
    expect(question.get_by_role("button", name=name)).to_have_attribute("aria-pressed", "true")


def pressed(page: Page, number: int, name: str):
    question = selfcheck(page).get_by_role("listitem").nth(number)
    if not question.get_by_role("button", name=name).is_visible():
        question.get_by_text("Show answer").click()
    return expect(question.get_by_role("button", name=name))


def stored(page: Page) -> str | None:
    return page.evaluate("(key) => localStorage.getItem(key)", KEY)


@pytest.fixture
def two_browsers(browser: Browser) -> Iterator[tuple[BrowserContext, BrowserContext]]:
    here, there = browser.new_context(), browser.new_context()
    yield here, there
    here.close()
    there.close()


def test_a_file_merges_after_saying_what_it_would_change(two_browsers, site: Site, tmp_path: Path):
    here_context, there_context = two_browsers
    here, here_errors = open_practice(here_context, site)
    there, there_errors = open_practice(there_context, site)
    mark(here, 0, "Not yet")  # older here than in the file
    mark(here, 2, "I knew it")  # here only
    mark(there, 0, "I knew it")
    mark(there, 3, "I knew it")
    mark(there, 4, "I knew it")
    item(there, "A").select_option(label="Long-horizon coherence frontier")
    matching(there).get_by_role("button", name="Check answers").click()
    saved = save_progress(there, tmp_path)
    mark(here, 4, "Not yet")  # newer here than in the file
    before = stored(here)

    # Cancel: nothing changes.
    said = load_progress(here, saved, "Cancel")
    assert said == "This file adds 3, updates 1 that are older here and keeps 1 that are newer here. Load it?"
    assert stored(here) == before
    pressed(here, 0, "Not yet").to_have_attribute("aria-pressed", "true")
    expect(item(here, "A")).to_have_value("")
    expect(here.locator(".lk-tools").get_by_role("status")).to_have_text("")

    load_progress(here, saved)
    expect(here.locator(".lk-tools").get_by_role("status")).to_have_text("Progress loaded.")
    for page in (here, here):  # as loaded, then after the reload at the end of the first round
        pressed(page, 0, "I knew it").to_have_attribute("aria-pressed", "true")  # the file's, newer
        pressed(page, 2, "I knew it").to_have_attribute("aria-pressed", "true")  # here's own, kept
        pressed(page, 3, "I knew it").to_have_attribute("aria-pressed", "true")  # added
        pressed(page, 4, "Not yet").to_have_attribute("aria-pressed", "true")  # here's, newer
        expect(item(page, "A").locator("option:checked")).to_have_text("Long-horizon coherence frontier")
        expect(matching(page).get_by_role("status")).to_have_text("1 of 4 correct")
        expect(page.locator(".lk-standing .lk-summary")).to_contain_text("3 of 7 questions known")
        page.reload()
        bound(page)
    assert not here_errors and not there_errors, here_errors + there_errors


def test_a_file_of_another_course_at_the_same_path_is_refused_naming_both(page: Page, tmp_path: Path):
    mark(page, 0, "I knew it")
    before = stored(page)
    question = page.locator("[data-lk-widget=self-check] [data-lk-id]").nth(1).get_attribute("data-lk-id")
    other = tmp_path / "physics-101-progress-2026-12-01.json"
    other.write_text(json.dumps({"v": 2, "course": "physics-101", "name": "Physics 101",
                                 "e": {question: {"w": 1, "k": 1}}, "x": {}}), encoding="utf-8")
    expect(load_progress(page, other, None)).to_have_text(
        "This file is progress of 'Physics 101', not of 'Generative video, in practice': nothing was loaded."
    )
    expect(page.get_by_role("dialog", name="Load progress from a file")).to_have_count(0)
    assert stored(page) == before


def _nested(depth: int) -> str:
    return '{"v": 2, "course": "%s", "e": {"q": {"w": 1, "k": 1, "more": %s1%s}}}' % (COURSE, "[" * depth, "]" * depth)


BAD_FILES = {
    "too-big": '{"v": 2, "course": "%s", "e": {}, "x": {}, "pad": "%s"}' % (COURSE, "x" * (2 * 1024 * 1024)),
    "not-json": "{'v': 2}",
    "deeply-nested": _nested(20),
    "very-deeply-nested": _nested(200_000),
    "proto-key": '{"v": 2, "course": "%s", "e": {"__proto__": {"w": 1, "k": 1, "polluted": 1}}, "x": {}}' % COURSE,
    "constructor-key": '{"v": 2, "course": "%s", "e": {}, "x": {"constructor": {"prototype": {"polluted": 1}}}}' % COURSE,
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_is_refused_and_progress_stays(page: Page, tmp_path: Path, name: str):
    mark(page, 0, "I knew it")
    before = stored(page)
    bad = tmp_path / "progress.json"
    bad.write_text(BAD_FILES[name], encoding="utf-8")
    expect(load_progress(page, bad, None)).to_have_text(REFUSED)
    expect(page.get_by_role("dialog", name="Load progress from a file")).to_have_count(0)
    assert stored(page) == before
    assert page.evaluate("() => ({}).polluted") is None
    page.reload()
    bound(page)
    pressed(page, 0, "I knew it").to_have_attribute("aria-pressed", "true")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_load_question(browser: Browser, site: Site, tmp_path: Path, scheme: str):
    context = browser.new_context(color_scheme=scheme)
    page, errors = open_practice(context, site)
    mark(page, 0, "I knew it")
    saved = save_progress(page, tmp_path)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Load progress from a file").click()
    chooser.value.set_files(str(saved))
    expect(page.get_by_role("dialog", name="Load progress from a file")).to_be_visible()
    page.wait_for_timeout(300)
    results = Axe().run(page, options=AXE_OPTIONS)
    context.close()
    assert results.violations_count == 0, results.generate_report()
    assert not errors, errors
