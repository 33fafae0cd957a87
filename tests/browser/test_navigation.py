"""Material's instant navigation: widgets work on a page reached without a
reload, are bound once however often the learner comes back, and nothing is
fetched from another host."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from servedsite import PRACTICE, Site

pytestmark = pytest.mark.browser

PRACTICE_LINK = "Practice: Transformers for video generation"
LESSON = "lessons/video-generation/"


def arrive(page: Page, site: Site, path: str) -> None:
    page.wait_for_url(site.url(path))
    if path == PRACTICE:
        page.wait_for_selector("[data-lk-widget=flashcards][data-lk-bound]")
    assert page.evaluate("window.sameDocument") is True, "the page was reloaded"


def use_every_widget_once(page: Page) -> None:
    """Each widget answers exactly once to each action: nothing is bound twice."""
    matching = page.locator("[data-lk-widget=matching]")
    expect(matching.get_by_role("combobox")).to_have_count(4)
    expect(page.get_by_role("button", name="Check answers")).to_have_count(2)
    expect(page.get_by_role("button", name="Print flashcards")).to_have_count(1)
    page.evaluate(
        """() => {
          window.statusChanges = 0;
          const status = document.querySelector("[data-lk-widget=matching] [role=status]");
          new MutationObserver((records) => { window.statusChanges += records.length })
            .observe(status, { childList: true, characterData: true, subtree: true });
        }"""
    )
    matching.get_by_role("combobox", name=re.compile(r"^A\. ")).select_option(label="Long-horizon coherence frontier")
    matching.get_by_role("button", name="Check answers").click()
    expect(matching.get_by_role("status")).to_have_text("1 of 4 correct")
    assert page.evaluate("window.statusChanges") == 1

    labeling = page.locator("[data-lk-widget=labeling]")
    group = labeling.get_by_role("group", name=re.compile(r"^E\. "))
    group.get_by_role("checkbox", name="likeness/consent", exact=True).check()
    labeling.get_by_role("button", name="Check answers").click()
    expect(group).to_have_accessible_description("Partly right: 1 of 2 labels")

    cards = page.locator("[data-lk-widget=flashcards]").get_by_role("button", expanded=False)
    expect(cards).to_have_count(10)
    card = cards.first
    back = page.locator("#" + card.get_attribute("aria-controls"))
    expect(back).to_be_hidden()  # the stylesheet is there
    card.click()
    expect(page.locator(f"[aria-controls='{back.get_attribute('id')}']")).to_have_attribute("aria-expanded", "true")
    expect(back).to_be_visible()


def test_widgets_work_after_instant_navigation_and_bind_once(page: Page, site: Site):
    page.goto(site.url())
    page.evaluate("() => { window.sameDocument = true }")
    page.locator("article").get_by_role("link", name=PRACTICE_LINK).click()
    arrive(page, site, PRACTICE)
    use_every_widget_once(page)

    page.locator("article").get_by_role("link", name=re.compile("^Back to the lesson")).click()
    arrive(page, site, LESSON)
    expect(page.locator("[data-lk-widget]")).to_have_count(0)
    page.locator("article").get_by_role("link", name=re.compile("practice", re.I)).first.click()
    arrive(page, site, PRACTICE)
    use_every_widget_once(page)

    page.go_back()
    arrive(page, site, LESSON)
    page.go_forward()
    arrive(page, site, PRACTICE)
    use_every_widget_once(page)


def test_no_request_goes_to_another_host(context: BrowserContext, site: Site):
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(site.url(LESSON))
    page.wait_for_load_state("networkidle")
    if site.engine == "mkdocs":  # Zensical loads them on every page (extra_javascript, extra_css)
        assert not [url for url in requests if site.assets in url], "a page without practice loads the assets"
    page.evaluate("() => { window.sameDocument = true }")
    page.locator("article").get_by_role("link", name=re.compile("practice", re.I)).first.click()
    arrive(page, site, PRACTICE)
    use_every_widget_once(page)
    page.evaluate("() => { window.print = () => {} }")
    page.get_by_role("button", name="Print flashcards").click()
    page.wait_for_load_state("networkidle")

    assert {url for url in requests if url.endswith(("/lessonkit.js", "/lessonkit.css"))} == {
        site.url(site.assets + "lessonkit.js"),
        site.url(site.assets + "lessonkit.css"),
    }
    elsewhere = [url for url in requests if urlsplit(url).scheme != "data" and urlsplit(url).netloc != site.host]
    assert not elsewhere, elsewhere
