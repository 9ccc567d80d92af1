"""The country profile in a real browser, as a reader uses it: choosing a country puts it in the
address bar, the map framed to the country (in its Places tab) paints its hotspot district, and the one-click PDF brief
downloads as a valid A4 page. One journey on one page load: in software rendering each load of a
page with a map costs seconds of CPU."""

from __future__ import annotations

import io
import re

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from .conftest import after_rerun, drawn_canvas, poll, screenshot, wait_for_app


def test_choose_a_country_see_its_map_and_download_its_brief(reader_page: Page, app_url: str):
    page = reader_page  # a tab in the reader's browser (conftest.reader_context)
    page.goto(f"{app_url}/country")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    main.get_by_test_id("stSelectbox").click()
    after_rerun(page, lambda: page.get_by_role("option", name="Kyrgyzstan").click())
    page.wait_for_url(re.compile(r"/country\?iso=KGZ"))
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("Country profile: Kyrgyzstan")
    assert page.locator('[data-testid="stException"]').count() == 0

    assert page.locator('[data-testid="stDeckGlJsonChart"]').count() == 0  # the Figures tab is open first
    after_rerun(page, lambda: page.get_by_role("tab", name="Places").click())
    deck = page.locator('[data-testid="stDeckGlJsonChart"]').first

    def aravan_shaded():  # Aravan district, a hotspot in Kyrgyzstan, is drawn in orange
        colours = drawn_canvas(deck, min_colours=50)
        orange = sum(n for n, (r, g, b) in colours if r > 200 and 140 < g < 200 and b < 120)
        return orange if orange > 30 else None

    poll(aravan_shaded, "the Aravan district shaded on the Kyrgyzstan map", page=page)
    screenshot(page, "country-KGZ")

    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="Brief (PDF)").click()
    assert info.value.suggested_filename == "kyrgyzstan-brief.pdf"
    reader = PdfReader(io.BytesIO(open(info.value.path(), "rb").read()))
    assert len(reader.pages) == 1
    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == (595, 842)
    text = reader.pages[0].extract_text()
    assert "Kyrgyzstan: what the documents say" in text
    assert f"{app_url}/country?iso=KGZ" in text.replace("\n", "")  # the passage links work from the paper
