"""Search in a real browser: the sidebar box on another page opens /search?q=..., the matches are
highlighted, and a result's link opens its passage on the Sources page (relative links resolve)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import screenshot, wait_for_app


def test_sidebar_search_to_a_highlighted_result_and_its_passage(reader_page: Page, app_url: str):
    page = reader_page  # a tab in the reader's browser (conftest.reader_context)
    page.goto(f"{app_url}/recruitment")  # a page without a map: the maps have their own tests
    wait_for_app(page)
    box = page.get_by_test_id("stSidebar").locator("input[aria-label='Search everything']")
    box.fill("Satpayev")
    expect(box).to_have_value("Satpayev")  # the widget took the text before the form is submitted
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?(.+&)?q=Satpayev(&|$)"))
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    expect(main.locator("h1")).to_have_text("Search")
    expect(main.locator("input[aria-label='Search for']")).to_have_value("Satpayev")
    expect(main.get_by_text(re.compile(r"results for .Satpayev."))).to_be_visible()
    marked = main.locator("span", has_text=re.compile(r"^Satpaev$")).first  # the documents' spelling, highlighted
    expect(marked).to_be_visible()
    assert marked.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    screenshot(page, "search-satpayev")

    link = main.get_by_role("link", name="passage in Sources").last  # the last result: a document paragraph
    href = link.evaluate("a => a.href")
    assert re.fullmatch(re.escape(app_url) + r"/sources\?doc=\w+&passage=\d+-\d+", href), href
    page.goto(href)
    wait_for_app(page)
    expect(page.get_by_test_id("stMain").get_by_text(re.compile(r"^Passage at characters"))).to_be_visible()
    expect(page.get_by_test_id("stMain").locator("span", has_text="Satpaev").first).to_be_visible()
