"""Keyboard only: a reader who cannot use a mouse reaches the country filter, chooses Kazakhstan and
opens a chart's Export box and reaches its PNG download, then downloads it; only Tab, typing, Enter and Escape are used (the
page is read, never clicked)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import after_rerun, timeline_title, wait_for_app

MAX_TABS = 300  # far more stops than the page has: only a focus trap or a missing control reaches it

IN_COUNTRY_FILTER = """() => {
  const box = document.activeElement && document.activeElement.closest('[data-testid="stSidebar"] [data-testid="stMultiSelect"]');
  return !!box && box.innerText.includes('Countries') && document.activeElement.tagName === 'INPUT';
}"""
ON_EXPORT = """() => {
  const button = document.activeElement && document.activeElement.closest('[data-testid="stMain"] [data-testid="stExpander"] summary');
  return !!button && button.innerText.includes('Export');
}"""
ON_PNG_DOWNLOAD = """() => {
  const button = document.activeElement && document.activeElement.closest('[data-testid="stExpanderDetails"] [data-testid="stDownloadButton"]');
  return !!button && button.innerText.trim() === 'PNG';
}"""
FOCUSED = "() => document.activeElement ? (document.activeElement.outerHTML || '').slice(0, 160) : 'nothing'"


def tab_until(page: Page, predicate: str, what: str) -> int:
    """Press Tab until the focused element satisfies `predicate`; return how many presses it took."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return presses
    raise AssertionError(f"{what} is not reachable with Tab ({MAX_TABS} presses; focus on {page.evaluate(FOCUSED)})")


def test_keyboard_only_filter_and_png_download(reader_page: Page, app_url: str):
    page = reader_page  # a tab in the reader's browser (conftest.reader_context)
    page.goto(f"{app_url}/repatriation")  # a page of charts: its maps have their own tests
    wait_for_app(page)
    tab_until(page, IN_COUNTRY_FILTER, "the Countries filter")
    page.keyboard.type("Kazakh")
    after_rerun(page, lambda: page.keyboard.press("Enter"))
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"country=KAZ"))
    expect(timeline_title(page, re.compile(r"People repatriated by state programmes \(Kazakhstan"))).to_be_visible()
    assert page.evaluate(IN_COUNTRY_FILTER), "focus left the filter after choosing a country"

    tab_until(page, ON_EXPORT, "a chart's Export button")
    after_rerun(page, lambda: page.keyboard.press("Enter"))  # opens its choices
    tab_until(page, ON_PNG_DOWNLOAD, "the PNG download among the chart's export choices")
    focused = page.locator(":focus")
    expect(focused).to_have_text("PNG")
    expect(focused).to_be_visible()  # focused and on screen (Streamlit scrolls it into view)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.startswith("people-repatriated-by-state-programmes-kazakhstan"), info.value.suggested_filename
    assert open(info.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
