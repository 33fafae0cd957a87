"""Browser tests: one strict build of the course, served on loopback, one Chromium.

The site is served from a subpath (``/course/``), as many sites are, with
``site_url`` matching, so that Material's instant navigation is on.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from servedsite import BASE, CHROMIUM, CHROMIUM_ARGS, PRACTICE, Site, SubpathHandler
from sitebuild import build, copy_course


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = tmp_path_factory.mktemp("browser-course")
    handler = functools.partial(SubpathHandler, directory=str(project / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    host = f"127.0.0.1:{server.server_address[1]}"
    copy_course(project, site_url=f"http://{host}{BASE}")
    result = build(project)
    assert result.returncode == 0, result.output
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(f"http://{host}{BASE}", host, project)
    finally:
        server.shutdown()
        server.server_close()


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


@pytest.fixture
def page(context: BrowserContext, site: Site) -> Iterator[Page]:
    """A fresh page on the practice page, scripts bound."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.url(PRACTICE))
    page.wait_for_selector("[data-lk-widget=flashcards][data-lk-bound]")
    yield page
    assert not errors, errors
