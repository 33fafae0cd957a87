"""The "Download for Anki" link: a download, with JavaScript on (Material's
instant navigation must let it through) and off."""

from __future__ import annotations

import zipfile

import pytest
from playwright.sync_api import Browser, Page

from servedsite import PRACTICE, Site

pytestmark = pytest.mark.browser


def download_deck(page: Page, tmp_path) -> zipfile.ZipFile:
    link = page.get_by_role("link", name="Download for Anki")
    assert link.count() == 1
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "video-generation.apkg"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return zipfile.ZipFile(path)


def test_the_link_downloads_the_deck_with_javascript(page: Page, site: Site, tmp_path):
    url = page.url
    deck = download_deck(page, tmp_path)
    assert "collection.anki2" in deck.namelist()
    assert page.url == url  # still on the practice page


def test_the_link_downloads_the_deck_without_javascript(browser: Browser, site: Site, tmp_path):
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(site.url(PRACTICE))
        deck = download_deck(page, tmp_path)
        assert "collection.anki2" in deck.namelist()
    finally:
        context.close()
