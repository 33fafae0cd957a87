"""Feedback that teaches (issue 22, section 5): right answers under wrong items,
a score out of date once an answer changes, labels counted. By role and name."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, Page, expect

from servedsite import PRACTICE, Site, served_course
from test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser

SET = """\
title: Feedback
sections:
  - type: labeling
    title: Label the fruit
    labels:
      - {id: red, text: Red}
      - {id: round, text: Round}
      - {id: sour, text: Sour}
    items:
      - text: An apple
        answer: [red, round]
        explanation: Apples are mostly red and round.
      - text: A lemon
        answer: [sour]
  - type: multiple-choice
    title: Choose
    questions:
      - question: Which is a fruit?
        options:
          - {text: Apple, correct: true}
          - {text: Stone}
"""
PAGE = "practice/feedback/"


@pytest.fixture(scope="module")
def fruit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with served_course(tmp_path_factory.mktemp("feedback"), {"quizzes/feedback.yml": SET}) as served:
        yield served


@pytest.fixture
def fruit_page(browser: Browser, fruit: Site) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(fruit.url(PAGE))
    page.wait_for_selector("[data-lk-widget=multiple-choice][data-lk-bound]")
    yield page
    context.close()


def item(widget: Locator, letter: str) -> Locator:
    return widget.get_by_role("combobox", name=re.compile(rf"^{letter}\. "))


def statement(widget: Locator, letter: str) -> Locator:
    return widget.get_by_role("group", name=re.compile(rf"^{letter}\. "))


@pytest.fixture
def matching(page: Page) -> Locator:
    return page.locator("[data-lk-widget=matching]")


@pytest.fixture
def labeling(page: Page) -> Locator:
    return page.locator("[data-lk-widget=labeling]")


def test_matching_two_wrong_items_each_show_their_right_answer(matching: Locator):
    item(matching, "A").select_option(label="Long-horizon coherence frontier")  # right
    item(matching, "B").select_option(label="Video tokenizer ceiling")  # wrong: captioning
    item(matching, "C").select_option(label="Compute / context window")  # wrong: tokenizer
    matching.get_by_role("button", name="Check answers").click()
    expect(matching.get_by_role("status")).to_have_text("1 of 4 correct")
    b, c, a = (matching.locator(".lk-item").nth(i) for i in (1, 2, 0))
    expect(b.get_by_text("Right answer: Captioning pipeline limitation")).to_be_visible()
    expect(b).to_contain_text("the model never learned")  # B's explanation
    expect(c.get_by_text("Right answer: Video tokenizer ceiling")).to_be_visible()
    expect(a).not_to_contain_text("Right answer")  # a right item shows no correction
    # D, left empty, shows its answer too.
    expect(matching.locator(".lk-item").nth(3)).to_contain_text("Right answer: Compute / context window")


def test_changing_an_answer_marks_the_score_out_of_date(page: Page, matching: Locator):
    item(matching, "A").select_option(label="Long-horizon coherence frontier")
    item(matching, "B").select_option(label="Video tokenizer ceiling")
    matching.get_by_role("button", name="Check answers").click()
    status = matching.get_by_role("status")
    expect(status).to_have_text("1 of 4 correct")
    item(matching, "B").select_option(label="Captioning pipeline limitation")
    expect(status).to_have_text("Answers changed: check again (last check: 1 of 4 correct)")
    expect(item(matching, "B")).to_have_accessible_description("")  # its mark was for the old answer
    expect(matching.locator(".lk-item").nth(1)).not_to_contain_text("Right answer")
    expect(item(matching, "A")).to_have_accessible_description("Correct")  # kept, shown out of date
    expect(matching).to_have_class(re.compile(r"\blk-stale\b"))
    page.reload()  # the same after a reload: the record says the answer is newer than the check
    expect(status).to_have_text("Answers changed: check again (last check: 1 of 4 correct)")
    matching.get_by_role("button", name="Check answers").click()
    expect(status).to_have_text("2 of 4 correct")
    expect(matching).not_to_have_class(re.compile(r"\blk-stale\b"))


def test_changing_a_label_or_a_choice_marks_the_score_out_of_date(page: Page, labeling: Locator):
    statement(labeling, "A").get_by_role("checkbox", name="IN SCOPE").check()
    labeling.get_by_role("button", name="Check answers").click()
    status = labeling.get_by_role("status")
    expect(status).not_to_have_text(re.compile("Answers changed"))
    statement(labeling, "B").get_by_role("checkbox", name="use-case policy").check()
    expect(status).to_have_text(re.compile(r"^Answers changed: check again \(last check: .+\)$"))


def test_changing_a_choice_marks_the_score_out_of_date(fruit_page: Page):
    choice = fruit_page.locator("[data-lk-widget=multiple-choice]")
    choice.get_by_role("radio", name="Stone").check()
    choice.get_by_role("button", name="Check answers").click()
    status = choice.get_by_role("status")
    expect(status).to_have_text("0 of 1 correct")
    choice.get_by_role("radio", name="Apple").check()
    expect(status).to_have_text("Answers changed: check again (last check: 0 of 1 correct)")
    choice.get_by_role("button", name="Check answers").click()
    expect(status).to_have_text("1 of 1 correct")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_checked_matching_and_labeling(browser: Browser, site: Site, scheme: str):
    """Right answers shown under wrong items, and a score out of date, in both schemes."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(site.url(PRACTICE))
        matching = page.locator("[data-lk-widget=matching]")
        labeling = page.locator("[data-lk-widget=labeling]")
        item(matching, "A").select_option(label="Video tokenizer ceiling")
        matching.get_by_role("button", name="Check answers").click()
        statement(labeling, "A").get_by_role("checkbox", name="use-case policy").check()
        labeling.get_by_role("button", name="Check answers").click()
        expect(matching.get_by_text("Right answer: Long-horizon coherence frontier")).to_be_visible()
        expect(labeling.locator(".lk-statement").first).to_contain_text("Right answer: IN SCOPE")
        page.wait_for_timeout(300)  # Material animates colours for 125 ms
        results = Axe().run(page, context=".md-content", options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{scheme}, checked:\n{results.generate_report()}"
        item(matching, "B").select_option(label="Video tokenizer ceiling")  # out of date
        expect(matching.get_by_role("status")).to_have_text(re.compile("^Answers changed"))
        page.wait_for_timeout(300)
        results = Axe().run(page, context=".md-content", options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{scheme}, out of date:\n{results.generate_report()}"
    finally:
        context.close()


def test_a_multi_label_item_says_how_many_and_earns_partial_credit(fruit_page: Page):
    labeling = fruit_page.locator("[data-lk-widget=labeling]")
    apple = statement(labeling, "A")
    expect(apple).to_have_accessible_name("A. An apple (choose all that apply: 2)")
    expect(statement(labeling, "B")).to_have_accessible_name("B. A lemon")  # one label: no count
    apple.get_by_role("checkbox", name="Red").check()
    apple.get_by_role("checkbox", name="Sour").check()
    statement(labeling, "B").get_by_role("checkbox", name="Sour").check()
    labeling.get_by_role("button", name="Check answers").click()
    expect(apple).to_have_accessible_description("Partly right: 1 of 2 labels, 1 wrong")
    expect(labeling.get_by_role("status")).to_have_text("Labels right: 1 of 3")  # A: 1 - 1, B: 1
    expect(labeling.locator(".lk-statement").first).to_contain_text("Right answer: Red, Round Apples are mostly red")
    apple.get_by_role("checkbox", name="Sour").uncheck()
    apple.get_by_role("checkbox", name="Round").check()
    labeling.get_by_role("button", name="Check answers").click()
    expect(labeling.get_by_role("status")).to_have_text("Labels right: 3 of 3")
    fruit_page.reload()  # the score in labels is kept
    expect(labeling.get_by_role("status")).to_have_text("Labels right: 3 of 3")


def test_every_control_shows_the_same_focus_ring(page: Page):
    """Tab through the practice page: each lessonkit control focused has one outline."""
    rings: dict[str, str] = {}
    for _ in range(120):
        page.keyboard.press("Tab")
        found = page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el.closest(".lk-widget, .lk-actions, .lk-tools, .lk-card")) return null;
              const style = getComputedStyle(el.matches(".lk-card__front") ? el.closest(".lk-card") : el);
              return [el.getAttribute("aria-label") || el.textContent.trim().slice(0, 40) || el.tagName, style.outlineStyle + " " + style.outlineWidth];
            }"""
        )
        if found:
            rings[found[0]] = found[1]
    assert {"Study these cards", "Print flashcards", "Check answers", "Reset"} <= set(rings), rings
    assert set(rings.values()) == {"solid 2px"}, rings


def test_the_tools_come_after_the_practice_in_tab_order(page: Page):
    """Forget, Save, Load stand below the practice: a keyboard reaches every
    exercise's controls first, and Forget is not the first lessonkit control."""
    reached: list[str] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        name = page.evaluate(
            """() => { const el = document.activeElement;
              return el.closest(".lk-widget, .lk-actions, .lk-tools") ? el.textContent.trim() || el.tagName : null }"""
        )
        if name:
            reached.append(name)
        if name == "Load progress from a file":
            break
    assert "Forget my progress" in reached, reached
    assert reached[0] != "Forget my progress"
    forget = reached.index("Forget my progress")
    last_check = max(i for i, name in enumerate(reached) if name == "Check answers")
    assert last_check < forget, reached
    tools = page.locator(".lk-tools").bounding_box()
    last_widget = page.locator("[data-lk-widget]").last.bounding_box()
    assert tools and last_widget and tools["y"] >= last_widget["y"] + last_widget["height"]


MEASURE = """els => els.map((el) => {
  const copy = el.cloneNode(true);  // the select at its own width: its longest option's
  copy.style.cssText = "width: auto; flex: none; min-width: 0; max-width: none";
  el.parentNode.append(copy);
  const need = copy.getBoundingClientRect().width;
  copy.remove();
  const box = el.getBoundingClientRect();
  return { width: box.width, need, right: box.right };
})"""


@pytest.mark.parametrize("width", [1280, 390])
def test_a_matching_select_fits_its_longest_option_and_wraps_on_a_phone(browser: Browser, site: Site, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(site.url(PRACTICE))
        matching = page.locator("[data-lk-widget=matching]")
        item(matching, "A").select_option(label="Video tokenizer ceiling")
        matching.get_by_role("button", name="Check answers").click()  # marks and right answers shown
        expect(matching.get_by_role("status")).to_have_text("0 of 4 correct")
        sizes = matching.locator("select").evaluate_all(MEASURE)
        assert len(sizes) == 4
        if width == 1280:
            assert all(size["width"] >= size["need"] - 0.5 for size in sizes), sizes  # no option cut
        assert all(size["right"] <= width for size in sizes), sizes
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no horizontal scroll
    finally:
        context.close()
