"""What only a browser shows: real pages in Debian's chromium against `streamlit run`."""

from __future__ import annotations

import io
import re
from urllib.parse import urljoin

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from core.loading import load_corpus
from core.query import source_link

from .conftest import screenshot, wait_for_app

PAGES = ["", "hotspots", "attacks", "repatriation", "recruitment", "groups", "countries", "sources", "data"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads_without_exception(page: Page, app_url: str, path: str):
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Page not found").count() == 0
    screenshot(page, path or "overview")


def test_hotspot_map_canvas_draws(page: Page, app_url: str):
    page.goto(f"{app_url}/hotspots")
    wait_for_app(page)
    deck = page.locator('[data-testid="stDeckGlJsonChart"]').first
    expect(deck.locator("canvas").first).to_be_visible()
    page.wait_for_timeout(2500)
    image = Image.open(io.BytesIO(deck.screenshot())).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50, "the map looks blank"
    orange = sum(n for n, (r, g, b) in colours if r > 200 and 140 < g < 200 and b < 120)
    assert orange > 200, "no shaded hotspot area is visible"


def test_filter_click_changes_url_and_chart(page: Page, app_url: str):
    page.goto(f"{app_url}/attacks")
    wait_for_app(page)
    expect(page.get_by_text("Incidents over time: All countries")).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.click()
    page.get_by_role("option", name="Tajikistan").click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"country=TJK"))
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"Incidents over time: Tajikistan, all years"))).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0


def test_copied_url_reproduces_the_view(page: Page, app_url: str, browser):
    page.goto(f"{app_url}/attacks?country=UZB&kind=attack")
    wait_for_app(page)
    heading = page.locator('[data-testid="stMain"] strong').first.inner_text()
    assert heading.startswith("Uzbekistan, all years")
    other = browser.new_page()
    other.goto(page.url)
    wait_for_app(other)
    assert other.locator('[data-testid="stMain"] strong').first.inner_text() == heading
    other.close()


def test_sources_link_lands_on_its_passage(page: Page, app_url: str):
    figure = load_corpus()["figures"].set_index("figure_id").loc["fig-uwed-041"]
    page.goto(f"{app_url}/recruitment")
    wait_for_app(page)
    page.goto(urljoin(page.url, source_link("uwed", "fig-uwed-041")))
    wait_for_app(page)
    expect(page.get_by_text("Passage quoted by row")).to_be_visible()
    passage = page.locator('[data-testid="stMain"] [data-testid="stMarkdownContainer"]', has_text=figure["quote"][:40]).first
    expect(passage).to_be_visible()
    screenshot(page, "sources-passage")


def test_download_button_delivers_the_file(page: Page, app_url: str):
    page.goto(f"{app_url}/attacks?country=TJK")
    wait_for_app(page)
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="CSV").first.click()
    download = info.value
    assert download.suggested_filename.startswith("incidents-over-time-tajikistan")
    text = open(download.path(), encoding="utf-8").read()
    assert text.splitlines()[0] == "incident_id,doc_id,quote" and len(text.splitlines()) > 2


def test_png_download_is_rendered_on_the_server(page: Page, app_url: str):
    page.goto(f"{app_url}/repatriation")
    wait_for_app(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="PNG").first.click()
    data = open(info.value.path(), "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert info.value.suggested_filename.endswith(".png")


def test_app_works_under_a_base_path(browser, tmp_path):
    """Behind a reverse proxy the app runs with --server.baseUrlPath; links and filters still work."""
    from .conftest import start_server, stop_server

    proc, url = start_server(tmp_path / "server.log", ["--server.baseUrlPath=briefings/dash"])
    try:
        assert url.endswith("/briefings/dash")
        page = browser.new_page()
        page.goto(f"{url}/attacks?country=TJK")
        wait_for_app(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        expect(page.get_by_text(re.compile(r"Incidents over time: Tajikistan"))).to_be_visible()
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Sources").click()
        page.wait_for_url(re.compile(r"/briefings/dash/sources\?country=TJK"))
        wait_for_app(page)
        page.goto(urljoin(page.url, source_link("uwed", "fig-uwed-041")))
        wait_for_app(page)
        expect(page.get_by_text("Passage quoted by row")).to_be_visible()
        page.close()
    finally:
        stop_server(proc)
