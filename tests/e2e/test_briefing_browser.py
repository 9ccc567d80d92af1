"""The briefing pack in a real browser: it survives a reload, and a citation link, which Streamlit
opens in a new tab (a new session), carries the pack's key, so the new tab has the same pack."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import after_rerun, wait_for_app

SLIDE_TITLE = "People repatriated by state programmes"  # the first chart of the Repatriation page
PACK = re.compile(r"[?&]pack=([A-Za-z0-9_-]{22})")


def go_to(page: Page, title: str, path: str) -> None:
    """Open a page from the sidebar's navigation (in the same session) and wait until it is drawn."""
    after_rerun(page, lambda: page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click())
    page.wait_for_url(re.compile(rf"/{path}\?(.*&)?pack="))
    wait_for_app(page)


def test_the_pack_survives_a_reload_and_a_citation_link_keeps_it(page: Page, app_url: str, context):
    page.goto(f"{app_url}/repatriation?country=KAZ")  # charts, no map: the maps have their own tests
    wait_for_app(page)
    box = page.get_by_test_id("stMain").get_by_test_id("stExpander").filter(has_text="Export: PNG, SVG, CSV").first
    after_rerun(page, lambda: box.locator("summary").click())
    add = box.get_by_test_id("stExpanderDetails").get_by_role("button", name="Add to briefing")
    after_rerun(page, add.click)
    page.wait_for_url(PACK)
    key = PACK.search(page.url).group(1)
    assert "country=KAZ" in page.url

    go_to(page, "Briefing", "briefing")
    expect(page.get_by_role("textbox", name="Slide 1: title")).to_have_value(SLIDE_TITLE)
    page.reload()
    wait_for_app(page)
    expect(page.get_by_role("textbox", name="Slide 1: title")).to_have_value(SLIDE_TITLE)  # still there after a reload
    assert PACK.search(page.url).group(1) == key

    go_to(page, "Overview", "")
    citation = page.get_by_test_id("stMain").locator('a[href*="sources?"]').first
    assert PACK.search(citation.get_attribute("href")).group(1) == key
    with context.expect_page() as opened:
        citation.click()  # Streamlit opens a Markdown link in a new tab: a new session
    tab = opened.value
    wait_for_app(tab)
    assert PACK.search(tab.url).group(1) == key
    go_to(tab, "Briefing", "briefing")
    expect(tab.get_by_role("textbox", name="Slide 1: title")).to_have_value(SLIDE_TITLE)
    tab.close()
