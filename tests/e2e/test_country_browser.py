"""The country profile in a real browser: the map framed to the country paints, the one-click PDF
brief downloads as a valid A4 page, and choosing a country puts it in the address bar."""

from __future__ import annotations

import io
import re

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from .conftest import after_rerun, drawn_canvas, poll, screenshot, wait_for_app


def test_profile_map_paints_the_country(reader_page: Page, app_url: str):
    page = reader_page  # a tab in the reader's browser (conftest.reader_context)
    page.goto(f"{app_url}/country?iso=KGZ")
    wait_for_app(page)
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("Country profile: Kyrgyzstan")
    deck = page.locator('[data-testid="stDeckGlJsonChart"]').first

    def aravan_shaded():  # Aravan district, a hotspot in Kyrgyzstan, is drawn in orange
        colours = drawn_canvas(deck, min_colours=50)
        orange = sum(n for n, (r, g, b) in colours if r > 200 and 140 < g < 200 and b < 120)
        return orange if orange > 30 else None

    poll(aravan_shaded, "the Aravan district shaded on the Kyrgyzstan map", page=page)
    screenshot(page, "country-KGZ")


def test_pdf_brief_downloads_in_one_click(reader_page: Page, app_url: str):
    page = reader_page  # a tab in the reader's browser (conftest.reader_context)
    page.goto(f"{app_url}/country?iso=TKM")
    wait_for_app(page)
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="Brief (PDF)").click()
    assert info.value.suggested_filename == "turkmenistan-brief.pdf"
    reader = PdfReader(io.BytesIO(open(info.value.path(), "rb").read()))
    assert len(reader.pages) == 1
    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == (595, 842)
    text = reader.pages[0].extract_text()
    assert "Turkmenistan: what the documents say" in text
    assert f"{app_url}/country?iso=TKM" in text.replace("\n", "")  # the passage links work from the paper


def test_choosing_a_country_puts_it_in_the_link(reader_page: Page, app_url: str):
    page = reader_page  # a tab in the reader's browser (conftest.reader_context)
    page.goto(f"{app_url}/country")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    main.get_by_test_id("stSelectbox").click()
    after_rerun(page, lambda: page.get_by_role("option", name="Uzbekistan").click())
    page.wait_for_url(re.compile(r"/country\?iso=UZB"))
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("Country profile: Uzbekistan")
    assert page.locator('[data-testid="stException"]').count() == 0
