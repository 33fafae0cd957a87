"""Browser tests: one strict build of the course, served on loopback, one Chromium.

The site is served from a subpath (``/course/``), as many sites are, with
``site_url`` matching, so that Material's instant navigation is on.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from servedsite import CHROMIUM, CHROMIUM_ARGS, PRACTICE, Site, served_course


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with served_course(tmp_path_factory.mktemp("browser-course")) as served:
        yield served


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def open_practice(context: BrowserContext, site: Site) -> tuple[Page, list[str]]:
    """A new page of ``context`` on the practice page, scripts bound, and the
    list its script errors go to (the caller asserts it stays empty)."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.url(PRACTICE))
    page.wait_for_selector("[data-lk-widget=flashcards][data-lk-bound]")
    return page, errors


@pytest.fixture
def page(context: BrowserContext, site: Site) -> Iterator[Page]:
    """A fresh page on the practice page, scripts bound."""
    page, errors = open_practice(context, site)
    yield page
    assert not errors, errors
