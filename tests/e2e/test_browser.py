"""What only a browser shows: real pages in Debian's chromium against `streamlit run`."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect

from core.data.loading import load_corpus
from core.analysis.query import source_link

from .conftest import (ROOT, new_page, WAIT_MS, after_rerun, screenshot, start_server, stop_server,
                       timeline_title, wait_for_app)


def test_filter_click_changes_url_and_chart_and_the_copied_url_reproduces_the_view(reader_page: Page, app_url: str):
    """On a page of charts (the maps are tested on their own; in software rendering each map costs seconds),
    then one of its tabs. Kazakhstan has a number to draw (Tajikistan's programme has none: a sentence, no chart)."""
    page = reader_page  # a tab in the reader's browser (conftest.reader_context)
    page.goto(f"{app_url}/repatriation")
    wait_for_app(page)
    expect(timeline_title(page, "People repatriated by state programmes (All countries")).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.click()
    page.keyboard.type("Kazakh")  # as a reader narrows a long list (its options below the first few are drawn on scroll)
    after_rerun(page, lambda: page.get_by_role("option", name="Kazakhstan").click())
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"country=KAZ"))
    expect(timeline_title(page, re.compile(r"People repatriated by state programmes \(Kazakhstan, all years"))).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    # The address a reader copies opens the same view in a new session (a new tab).
    heading = page.locator('[data-testid="stMain"] strong').first.inner_text()
    assert heading.startswith("People brought home: Kazakhstan, all years")
    other = page.context.new_page()
    other.goto(page.url)
    wait_for_app(other)
    assert other.locator('[data-testid="stMain"] strong').first.inner_text() == heading
    other.close()
    # A tab is part of the view: clicked, it is in the address, and the copied address opens it.
    after_rerun(page, lambda: page.get_by_role("tab", name="Women and children").click())
    page.wait_for_url(re.compile(r"country=KAZ.*tab=women-and-children|tab=women-and-children.*country=KAZ"))
    expect(page.get_by_role("heading", name="Women and children, and who else was held in the camps")).to_be_visible()
    other = page.context.new_page()
    other.goto(page.url)
    wait_for_app(other)
    expect(other.get_by_role("tab", name="Women and children")).to_have_attribute("aria-selected", "true")
    expect(other.get_by_role("heading", name="Women and children, and who else was held in the camps")).to_be_visible()
    other.close()


def test_sources_link_lands_on_its_passage(reader_page: Page, app_url: str):
    page = reader_page  # a tab in the reader's browser (conftest.reader_context)
    figure = load_corpus()["figures"].set_index("figure_id").loc["fig-uwed-041"]
    page.goto(f"{app_url}/recruitment")
    wait_for_app(page)
    page.goto(urljoin(page.url, source_link("uwed", "fig-uwed-041")))
    wait_for_app(page)
    expect(page.get_by_text("The passage this link points to")).to_be_visible()
    passage = page.locator('[data-testid="stMain"] [data-testid="stMarkdownContainer"]', has_text=figure["quote"][:40]).first
    expect(passage).to_be_visible()
    screenshot(page, "sources-passage")


def open_export(page: Page):
    """Open the first chart's Export box (its choices are built when it opens); its choices."""
    box = page.get_by_test_id("stMain").get_by_test_id("stExpander").filter(has_text="Export: PNG, SVG, CSV").first
    after_rerun(page, lambda: box.locator("summary").click())
    choices = box.get_by_test_id("stExpanderDetails")
    expect(choices.get_by_test_id("stDownloadButton").first).to_be_visible()
    return choices


def test_export_downloads_deliver_the_files(reader_page: Page, app_url: str):
    """One Export box: the CSV holds the rows behind the chart in words; the PNG is rendered on the
    server. On a page of charts (the maps are tested on their own; each costs seconds in software rendering)."""
    page = reader_page  # a tab in the reader's browser (conftest.reader_context)
    page.goto(f"{app_url}/repatriation?country=KAZ")
    wait_for_app(page)
    choices = open_export(page)
    with page.expect_download() as info:
        choices.get_by_test_id("stDownloadButton").filter(has_text="CSV").first.click()
    download = info.value
    assert download.suggested_filename.startswith("people-repatriated-by-state-programmes-kazakhstan"), download.suggested_filename
    text = open(download.path(), encoding="utf-8").read()
    rows = list(csv.reader(io.StringIO(text)))  # the rows behind the chart, in words
    assert {"Source", "Quote"} <= set(rows[0]) and len(rows) >= 2, rows[:3]
    assert any("654" in cell for row in rows[1:] for cell in row), rows  # Kazakhstan's 654, as the document gives it
    assert not any("_" in header for header in rows[0]), rows[0]  # labels, never column codes
    with page.expect_download() as info:
        choices.get_by_test_id("stDownloadButton").filter(has_text="PNG").first.click()
    data = open(info.value.path(), "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert info.value.suggested_filename.endswith(".png")
    # With the choices still open, a page link goes to its page, filters kept (as a Streamlit 1.67
    # popover, the choices' close reran the page they were on, and the link seemed dead: ui.chrome.folded).
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Overview").click()
    page.wait_for_url(re.compile(r"/\?country=KAZ$"))
    expect(page.get_by_role("heading", name="The situation at a glance")).to_be_visible()


def test_app_works_under_a_base_path(browser, tmp_path):
    """Behind a reverse proxy the app runs with --server.baseUrlPath; links and filters still work."""
    proc, url = start_server(tmp_path / "server.log", ["--server.baseUrlPath=briefings/dash"])
    try:
        assert url.endswith("/briefings/dash")
        page = new_page(browser)
        page.set_default_timeout(WAIT_MS)
        page.goto(f"{url}/repatriation?country=KAZ")
        wait_for_app(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        expect(timeline_title(page, re.compile(r"People repatriated by state programmes \(Kazakhstan"))).to_be_visible()
        after_rerun(page, lambda: page.get_by_test_id("stSidebarNav").get_by_role("link", name="Sources").click())
        page.wait_for_url(re.compile(r"/briefings/dash/sources\?country=KAZ"))
        page.goto(urljoin(page.url, source_link("uwed", "fig-uwed-041")))
        wait_for_app(page)
        expect(page.get_by_text("The passage this link points to")).to_be_visible()
        page.close()
    finally:
        stop_server(proc)


@pytest.mark.slow
def test_twenty_sessions_at_once_all_settle():
    """The load script: 20 concurrent browser sessions on every page, with a filter change; no failure
    (slow: run by scripts/test.sh --all)."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "load_test.py"), "--sessions", "20", "--rounds", "1",
                           "--linger", "0"], capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0 and "failures: 0" in done.stdout, done.stdout[-3000:] + done.stderr[-3000:]
