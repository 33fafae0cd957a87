"""Progress kept in the learner's browser: choices survive a reload and instant
navigation, Reset forgets them, and storage that is corrupt or blocked changes
nothing for the visit. Tabs: test_progress_tabs.py; files:
test_progress_file.py; failing storage, checked values and older or newer
records: test_progress_storage.py."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from servedsite import served_side_by_side, PRACTICE, Site, served_course
from sitebuild import build, copy_course

pytestmark = pytest.mark.browser

LESSON = "lessons/video-generation/"
KEY = "/course/.lessonkit"
COURSE = "generative-video-in-practice"  # a slug of the course's site_name
NOT_SAVED = "Your progress can't be saved in this browser; save it to a file to keep it."


def bound(page: Page) -> None:
    page.wait_for_selector("[data-lk-widget=flashcards][data-lk-bound]")


def to_the_lesson_and_back(page: Page, site: Site) -> None:
    """To the lesson by its link and back, by Material's instant navigation (no reload)."""
    page.evaluate("() => { window.sameDocument = true }")
    page.locator("article").get_by_role("link", name=re.compile("^Back to the lesson")).click()
    page.wait_for_url(site.url(LESSON))
    page.go_back()
    page.wait_for_url(site.url(PRACTICE))
    bound(page)
    assert page.evaluate("window.sameDocument") is True, "the page was reloaded"


def matching(page: Page) -> Locator:
    return page.locator("[data-lk-widget=matching]")


def labeling(page: Page) -> Locator:
    return page.locator("[data-lk-widget=labeling]")


def selfcheck(page: Page) -> Locator:
    return page.locator("[data-lk-widget=self-check]")


def item(page: Page, letter: str) -> Locator:
    return matching(page).get_by_role("combobox", name=re.compile(rf"^{letter}\. "))


def group(page: Page, letter: str) -> Locator:
    return labeling(page).get_by_role("group", name=re.compile(rf"^{letter}\. "))


def make_choices(page: Page, partly: str = "Partly right: 1 of 2 labels") -> None:
    """A matching choice checked (wrong), a label ticked and checked, a self-check answer known
    (``partly``: E's mark, as an older script says it)."""
    item(page, "A").select_option(label="Video tokenizer ceiling")
    item(page, "B").select_option(label="Captioning pipeline limitation")
    matching(page).get_by_role("button", name="Check answers").click()
    expect(matching(page).get_by_role("status")).to_have_text("1 of 4 correct")
    group(page, "E").get_by_role("checkbox", name="likeness/consent", exact=True).check()
    labeling(page).get_by_role("button", name="Check answers").click()
    expect(group(page, "E")).to_have_accessible_description(partly)
    questions = selfcheck(page).get_by_role("listitem")
    questions.nth(1).get_by_text("Show answer").click()
    questions.nth(1).get_by_role("button", name="I knew it").click()
    expect(questions.nth(1).get_by_role("button", name="I knew it")).to_have_attribute("aria-pressed", "true")
    questions.nth(2).get_by_text("Show answer").click()
    questions.nth(2).get_by_role("button", name="Not yet").click()


def expect_choices_kept(page: Page) -> None:
    expect(item(page, "A").locator("option:checked")).to_have_text("Video tokenizer ceiling")
    expect(item(page, "A")).to_have_accessible_description("Incorrect")
    expect(item(page, "B")).to_have_accessible_description("Correct")
    expect(item(page, "C")).to_have_value("")
    expect(item(page, "C")).to_have_accessible_description("No answer")
    expect(matching(page).get_by_role("status")).to_have_text("1 of 4 correct")
    expect(group(page, "E").get_by_role("checkbox", name="likeness/consent", exact=True)).to_be_checked()
    expect(group(page, "E").get_by_role("checkbox", checked=True)).to_have_count(1)
    expect(group(page, "E")).to_have_accessible_description("Partly right: 1 of 2 labels")
    questions = selfcheck(page).get_by_role("listitem")
    questions.nth(1).get_by_text("Show answer").click()
    expect(questions.nth(1).get_by_role("button", name="I knew it")).to_have_attribute("aria-pressed", "true")
    expect(questions.nth(1).get_by_role("button", name="Not yet")).to_have_attribute("aria-pressed", "false")
    questions.nth(2).get_by_text("Show answer").click()
    expect(questions.nth(2).get_by_role("button", name="Not yet")).to_have_attribute("aria-pressed", "true")
    questions.nth(0).get_by_text("Show answer").click()
    expect(questions.nth(0).get_by_role("button", name="I knew it")).to_have_attribute("aria-pressed", "false")


def test_choices_are_kept_over_a_reload(page: Page):
    make_choices(page)
    page.reload()
    bound(page)
    expect_choices_kept(page)


def test_choices_are_kept_over_instant_navigation_away_and_back(page: Page, site: Site):
    make_choices(page)
    to_the_lesson_and_back(page, site)
    expect_choices_kept(page)


def test_reset_forgets_a_section_and_only_that_one(page: Page):
    make_choices(page)
    matching(page).get_by_role("button", name="Reset").click()
    expect(item(page, "A")).to_have_value("")
    page.reload()
    bound(page)
    expect(item(page, "A")).to_have_value("")
    expect(item(page, "B")).to_have_accessible_description("")
    expect(matching(page).get_by_role("status")).to_have_text("")
    expect(group(page, "E")).to_have_accessible_description("Partly right: 1 of 2 labels")  # labeling kept
    labeling(page).get_by_role("button", name="Reset").click()
    page.reload()
    bound(page)
    expect(group(page, "E").get_by_role("checkbox", checked=True)).to_have_count(0)
    expect(group(page, "E")).to_have_accessible_description("")


def test_a_changed_answer_loses_its_kept_mark(page: Page):
    make_choices(page)
    item(page, "A").select_option(label="Long-horizon coherence frontier")
    page.reload()
    bound(page)
    expect(item(page, "A").locator("option:checked")).to_have_text("Long-horizon coherence frontier")
    expect(item(page, "A")).to_have_accessible_description("")
    expect(item(page, "B")).to_have_accessible_description("Correct")


def test_pressed_again_a_toggle_lets_go(page: Page):
    question = selfcheck(page).get_by_role("listitem").first
    question.get_by_text("Show answer").click()
    knew = question.get_by_role("button", name="I knew it")
    knew.click()
    knew.click()
    expect(knew).to_have_attribute("aria-pressed", "false")
    question.get_by_role("button", name="Not yet").click()
    page.reload()
    bound(page)
    question.get_by_text("Show answer").click()
    expect(knew).to_have_attribute("aria-pressed", "false")
    expect(question.get_by_role("button", name="Not yet")).to_have_attribute("aria-pressed", "true")


# Storage that is corrupt, throws, or is shared with another course -----------


def ours(errors: list) -> list[str]:
    """Page errors thrown by lessonkit's script (Material's own script throws
    when storage is blocked: that one is not ours)."""
    return [str(error) for error in errors if "lessonkit" in (getattr(error, "stack", "") or "") + str(error)]


@pytest.mark.parametrize(
    "stored",
    [
        "{not json",
        "[]",
        "null",
        '{"v": "2", "course": "generative-video-in-practice", "e": {}, "x": {}}',
        '{"v": 1, "course": "/elsewhere/", "e": {}, "x": {}}',
        '{"v": 1, "course": "/course/", "e": [], "x": 7}',
        '{"v": 2, "course": "generative-video-in-practice", "e": [], "x": 7}',
    ],
)
def test_corrupt_data_is_ignored_and_replaced(browser, site: Site, stored: str):
    context = browser.new_context()
    page = context.new_page()
    messages: list[str] = []
    page.on("pageerror", lambda error: messages.append(str(error)))
    page.on("console", lambda message: messages.append(message.text) if message.type in ("error", "warning") else None)
    page.goto(site.url(PRACTICE))
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, stored])
    reload_page = page.reload
    reload_page()
    bound(page)
    expect(page.locator(".lk-standing .lk-summary")).to_have_text(
        "0 of 2 exercises done \u00b7 0 of 7 questions known \u00b7 0 of 10 cards due"
    )
    make_choices(page)
    kept = page.evaluate("(key) => JSON.parse(localStorage.getItem(key))", KEY)
    assert kept["v"] == 2 and kept["course"] == COURSE and len(kept["e"]) == 5 and len(kept["x"]) == 2, kept
    reload_page()
    bound(page)
    expect_choices_kept(page)
    context.close()
    assert not messages, messages


def test_kept_values_are_data_never_html(browser, site: Site):
    """A value where a choice is kept is never inserted as HTML, and a mark that
    is not one of ours is not shown."""
    context = browser.new_context()
    page = context.new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(site.url(PRACTICE))
    ids = page.locator("[data-lk-widget=matching] [data-lk-id]").evaluate_all("els => els.map((el) => el.dataset.lkId)")
    section = page.locator("[data-lk-widget=matching]").get_attribute("data-lk-section")
    hostile = "<img src=x onerror=\"window.pwned=1\">"
    stored = {
        "v": 1, "course": "/course/",
        "e": {ids[0]: hostile, ids[1]: {"toString": hostile}},
        "x": {section: {"r": hostile, "m": {ids[0]: "constructor", ids[1]: hostile}}},
    }
    page.evaluate("([key, value]) => localStorage.setItem(key, JSON.stringify(value))", [KEY, stored])
    page.reload()
    bound(page)
    expect(item(page, "A")).to_have_value("")
    expect(item(page, "A")).to_have_accessible_description("")
    expect(item(page, "B")).to_have_accessible_description("")
    expect(page.locator(".md-content img[src=x]")).to_have_count(0)
    assert page.evaluate("window.pwned") is None
    context.close()
    assert not errors


BLOCKED = """
Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""
FULL = """
// Progress stored on an earlier visit (none of today's choices), then storage full.
Storage.prototype.setItem.call(localStorage, "/course/.lessonkit", '{"v": 1, "course": "/course/", "e": {}, "x": {}}');
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


@pytest.mark.parametrize("storage", [BLOCKED, FULL], ids=["blocked", "full"])
def test_with_storage_blocked_or_full_every_widget_works_for_the_visit(browser, site: Site, storage: str):
    context = browser.new_context()
    context.add_init_script(storage)
    page = context.new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(site.url(PRACTICE))
    bound(page)
    make_choices(page)
    study = page.get_by_role("button", name="Study these cards")
    study.click()
    dialog = page.get_by_role("dialog", name="Study: Flashcards")
    dialog.get_by_role("button", name="Show answer").click()
    dialog.get_by_role("button", name="Easy").click()
    expect(dialog.get_by_role("status")).to_have_text("Cards to study now: 9")
    dialog.get_by_role("button", name="Close").click()
    # Said once, with Save at hand (the tools, below the practice); no count a reload would contradict.
    tools = page.locator(".lk-tools")
    expect(tools).to_contain_text(NOT_SAVED)
    expect(page.get_by_text(NOT_SAVED)).to_have_count(1)
    expect(page.locator(".lk-standing .lk-summary")).to_have_text("")
    expect(tools.get_by_role("button", name="Save progress to a file")).to_be_visible()
    # Kept in memory for the visit: instant navigation away and back.
    to_the_lesson_and_back(page, site)
    expect_choices_kept(page)
    context.close()
    assert not ours(errors), ours(errors)


@pytest.fixture(scope="module")
def two_courses(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The course built twice, served on one origin under /course-a/ and /course-b/."""
    root = tmp_path_factory.mktemp("two-courses")
    with served_side_by_side(root) as (origin, sites):
        for name in ("course-a", "course-b"):
            project = copy_course(root / name, site_url=f"{origin}/{name}/")
            result = build(project)
            assert result.returncode == 0, result.output
            sites[f"/{name}/"] = project / "site"
        yield origin


def test_two_courses_on_one_origin_keep_their_own_progress(browser, two_courses: str):
    context = browser.new_context()
    page = context.new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{two_courses}/course-a/{PRACTICE}")
    bound(page)
    make_choices(page)

    page.goto(f"{two_courses}/course-b/{PRACTICE}")
    bound(page)
    expect(item(page, "A")).to_have_value("")
    expect(matching(page).get_by_role("status")).to_have_text("")
    item(page, "D").select_option(label="Compute / context window")
    page.get_by_role("button", name="Forget my progress").click()
    expect(item(page, "D")).to_have_value("")

    page.goto(f"{two_courses}/course-a/{PRACTICE}")
    bound(page)
    expect_choices_kept(page)
    keys = page.evaluate("() => Object.keys(localStorage).sort()")
    assert "/course-a/.lessonkit" in keys, keys
    forgotten = page.evaluate("() => JSON.parse(localStorage.getItem('/course-b/.lessonkit'))")
    assert forgotten["e"] == {} and forgotten["x"] == {} and forgotten["f"] > 0, forgotten
    assert {"/course-a/.__palette", "/course-b/.__palette"} <= set(keys), keys  # Material's own keys stay
    context.close()
    assert not errors


# Forget, Save and Load --------------------------------------------------------


def test_forget_asks_first_then_clears_this_course_only(page: Page):
    make_choices(page)
    palette = page.evaluate("() => localStorage.getItem('/course/.__palette')")  # Material's own key
    assert palette
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Forget my progress").click()
    expect(item(page, "A").locator("option:checked")).to_have_text("Video tokenizer ceiling")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Forget my progress").click()
    expect(page.locator(".lk-tools").get_by_role("status")).to_have_text("Your progress is forgotten.")
    expect(item(page, "A")).to_have_value("")
    expect(matching(page).get_by_role("status")).to_have_text("")
    expect(page.locator(".lk-standing .lk-summary")).to_contain_text("0 of 7 questions known")
    page.reload()
    bound(page)
    expect(item(page, "A")).to_have_value("")
    expect(group(page, "E").get_by_role("checkbox", checked=True)).to_have_count(0)
    assert page.evaluate("() => localStorage.getItem('/course/.__palette')") == palette


def save_progress(page: Page, folder: Path) -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name="Save progress to a file").click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def load_progress(page: Page, path: Path, answer: str | None = "Load and merge") -> Locator:
    """Chooses the file; when the page asks (a dialog with what it would change), answers
    ``answer``; the question asked, or the status after a refusal."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Load progress from a file").click()
    chooser.value.set_files(str(path))
    if answer is None:
        return page.locator(".lk-tools").get_by_role("status")
    ask = page.get_by_role("dialog", name="Load progress from a file")
    question = ask.locator("p")
    expect(question).to_contain_text("This file adds")
    said = question.text_content()
    ask.get_by_role("button", name=answer).click()
    expect(ask).to_be_hidden()
    return said


def test_save_then_load_in_another_browser(browser, page: Page, site: Site, tmp_path: Path):
    make_choices(page)
    saved = save_progress(page, tmp_path)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["v"] == 2 and data["course"] == COURSE and data["name"] == "Generative video, in practice"
    assert re.fullmatch(rf"{COURSE}-progress-\d{{4}}-\d\d-\d\d\.json", saved.name), saved.name

    other = browser.new_context()  # another browser: nothing kept yet
    elsewhere = other.new_page()
    elsewhere.goto(site.url(PRACTICE))
    bound(elsewhere)
    expect(item(elsewhere, "A")).to_have_value("")
    assert load_progress(elsewhere, saved) == (
        "This file adds 7, updates 0 that are older here and keeps 0 that are newer here. Load it?"
    )
    expect(elsewhere.locator(".lk-tools").get_by_role("status")).to_have_text("Progress loaded.")
    expect_choices_kept(elsewhere)
    elsewhere.reload()
    bound(elsewhere)
    expect_choices_kept(elsewhere)
    other.close()


@pytest.mark.parametrize(
    "content",
    [
        "not json at all",
        '{"v": 1, "course": "/another-course/", "e": {}, "x": {}}',
        '{"name": "some other app", "items": []}',
    ],
    ids=["not-json", "another-course", "not-lessonkit"],
)
def test_a_wrong_file_is_refused_and_progress_stays(page: Page, tmp_path: Path, content: str):
    make_choices(page)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(content, encoding="utf-8")
    expect(load_progress(page, wrong, None)).to_have_text(
        "This file is not progress of this course: nothing was loaded, your progress is unchanged."
    )
    expect(page.get_by_role("dialog", name="Load progress from a file")).to_have_count(0)
    page.reload()
    bound(page)
    expect_choices_kept(page)


# [[practice-progress]] on the home page ------------------------------------------


def test_the_home_page_list_reflects_a_choice_made_on_a_practice_page(page: Page, site: Site):
    page.goto(site.url())
    listing = page.locator("[data-lk-widget=progress]")
    entry = listing.get_by_role("listitem").filter(has=page.get_by_role("link", name="Practice: Transformers for video generation"))
    expect(entry).to_contain_text("0 of 2 exercises done \u00b7 0 of 7 questions known \u00b7 0 of 10 cards due")
    page.evaluate("() => { window.sameDocument = true }")
    entry.get_by_role("link", name="Practice: Transformers for video generation").click()
    page.wait_for_url(site.url(PRACTICE))
    bound(page)
    question = selfcheck(page).get_by_role("listitem").first
    question.get_by_text("Show answer").click()
    question.get_by_role("button", name="I knew it").click()
    for letter, option in {"A": "Long-horizon coherence frontier", "B": "Captioning pipeline limitation",
                           "C": "Video tokenizer ceiling", "D": "Compute / context window"}.items():
        item(page, letter).select_option(label=option)
    matching(page).get_by_role("button", name="Check answers").click()
    expect(page.locator(".lk-standing .lk-summary")).to_have_text(
        "1 of 2 exercises done \u00b7 1 of 7 questions known \u00b7 0 of 10 cards due"
    )
    page.go_back()  # instant navigation back to the home page
    page.wait_for_url(site.url())
    expect(entry).to_contain_text("1 of 2 exercises done \u00b7 1 of 7 questions known \u00b7 0 of 10 cards due")
    assert page.evaluate("window.sameDocument") is True
    page.reload()
    expect(entry).to_contain_text("1 of 2 exercises done \u00b7 1 of 7 questions known")
    expect(page.get_by_role("button", name="Forget my progress")).to_be_visible()


def test_without_javascript_the_list_is_plain_links(browser, site: Site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url())
    listing = page.locator("[data-lk-widget=progress]")
    expect(listing.get_by_role("link")).to_have_count(1)
    expect(listing).to_have_text("Practice: Transformers for video generation")
    expect(page.locator(".md-content").locator("button, input, select, [role=status]")).to_have_count(0)
    page.goto(site.url(PRACTICE))
    expect(page.locator(".md-content").locator("button, input, select, [role=status], dialog")).to_have_count(0)
    context.close()


# The new strings come from the strings table --------------------------------------

GERMAN = {
    "knew": "Gewusst",
    "study": "Karten lernen",
    "study_title": "Lernen: {title}",
    "study_left": "Noch {count} Karten",
    "good": "Gut",
    "summary_exercises": "{count}/{total} Übungen",
    "summary_questions": "{count}/{total} Fragen gewusst",
    "summary_cards": "{count}/{total} Karten fällig",
    "forget": "Fortschritt vergessen",
}


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with served_course(tmp_path_factory.mktemp("german-progress"), lessonkit_options={"strings": GERMAN}) as site:
        yield site


def test_the_progress_controls_say_the_courses_own_strings(browser, german: Site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(german.url(PRACTICE))
    bound(page)
    expect(page.locator(".lk-standing .lk-summary")).to_have_text(
        "0/2 \u00dcbungen \u00b7 0/7 Fragen gewusst \u00b7 0/10 Karten f\u00e4llig"
    )
    question = selfcheck(page).get_by_role("listitem").first
    question.locator("summary").click()
    question.get_by_role("button", name="Gewusst").click()
    expect(page.locator(".lk-standing .lk-summary")).to_contain_text("1/7 Fragen gewusst")
    page.get_by_role("button", name="Karten lernen").click()
    study = page.get_by_role("dialog", name="Lernen: Flashcards")
    expect(study.get_by_role("status")).to_have_text("Noch 10 Karten")
    expect(page.get_by_role("button", name="Fortschritt vergessen")).to_have_count(1)
    context.close()
