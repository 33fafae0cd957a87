"""Nothing on a page moves once it is shown (issue 13: Lighthouse's cumulative
layout shift). The page as built already holds, at their size, the boxes the
widgets' script fills: where the learner stands (after a practice page's title,
in each entry of the ``[[practice-progress]]`` list) and the Forget / Save /
Load tools; the script fills them instead of inserting new ones."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from servedsite import PRACTICE, Site

pytestmark = pytest.mark.browser

# Every layout shift of the page so far (buffered), once two frames have been
# drawn after the script's work; sources named, for the failure message.
SHIFTS = """async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  await frame();
  await frame();
  const shifts = [];
  const observer = new PerformanceObserver((list) => shifts.push(...list.getEntries()));
  observer.observe({ type: "layout-shift", buffered: true });
  await new Promise((done) => setTimeout(done, 300));
  shifts.push(...observer.takeRecords());
  observer.disconnect();
  const name = (node) => node ? `${node.nodeName.toLowerCase()}${node.id ? "#" + node.id : ""}.${node.className || ""}` : "(gone)";
  return shifts.filter((shift) => !shift.hadRecentInput).map((shift) => ({
    value: shift.value,
    moved: shift.sources.map((source) => `${name(source.node)} ${source.previousRect.y}->${source.currentRect.y}`),
  }));
}"""

PAGES = ["", "lessons/video-generation/", PRACTICE, "instructors/"]


@pytest.mark.parametrize("width", [1350, 412], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", PAGES, ids=["home", "lesson", "practice", "instructors"])
def test_nothing_moves_once_the_page_is_shown(browser: Browser, site: Site, path: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 940})
    page = context.new_page()
    page.goto(site.url(path))
    if path in ("", PRACTICE):  # the script has filled the boxes
        expect(page.get_by_role("button", name="Forget my progress")).to_be_visible()
        expect(page.locator(".lk-summary").first).to_contain_text("of")
    shifts = page.evaluate(SHIFTS)
    context.close()
    assert sum(shift["value"] for shift in shifts) < 0.001, shifts


def test_a_returning_learners_standing_moves_nothing(browser: Browser, site: Site):
    """With progress kept, the summary says other numbers in the same space."""
    context = browser.new_context(viewport={"width": 1350, "height": 940})
    page = context.new_page()
    page.goto(site.url(PRACTICE))
    question = page.locator("[data-lk-widget=self-check]").get_by_role("listitem").first
    question.locator("summary").click()
    question.get_by_role("button", name="I knew it").click()
    expect(page.locator(".lk-standing .lk-summary")).to_contain_text("1 of 7 questions known")
    for path in (PRACTICE, ""):
        page.goto(site.url(path))
        expect(page.locator(".lk-summary").first).to_contain_text("1 of 7 questions known")
        shifts = page.evaluate(SHIFTS)
        assert sum(shift["value"] for shift in shifts) < 0.001, (path, shifts)
    context.close()
