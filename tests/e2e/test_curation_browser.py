"""The Curate page in a real browser: a reader's server has no /curate; the curator's server (as
scripts/run.sh starts it, on a scratch copy of the data: conftest.curator_server) asks for the token,
reviews one candidate at a time from the keyboard or in tables, and accepting rows shows the diff;
an uploaded document is written."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

from .conftest import new_page, after_rerun, screenshot, sign_in, wait_for_app


def upload_new_document(page, url: str, path, doc_id: str) -> None:
    """Sign in, choose 'A new document', upload the file and give its doc_id (the rest left as it is)."""
    sign_in(page, url)
    after_rerun(page, lambda: page.get_by_text("A new document").click())
    after_rerun(page, lambda: page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path)))
    after_rerun(page, lambda: (page.get_by_label("doc_id (lower case, e.g. ferghana_brief)").fill(doc_id),
                               page.keyboard.press("Enter")))


def test_a_reader_cannot_reach_the_curate_page(page: Page, app_url: str):
    page.goto(app_url + "/curate")
    wait_for_app(page)
    assert page.locator('[data-testid="stMain"] h1').first.inner_text() != "Curate"
    assert page.get_by_role("button", name="Write these rows").count() == 0
    assert page.get_by_test_id("stSidebarNav").get_by_role("link", name="Curate").count() == 0


def test_a_curator_reviews_and_sees_the_diff(browser, curator_server):
    proc, url, scratch = curator_server
    page = new_page(browser, viewport={"width": 1280, "height": 800})  # a laptop: in software rendering every pixel costs CPU
    try:
        sign_in(page, url)
        expect(page.locator('[data-testid="stMain"] h1').first).to_have_text("Curate")
        expect(page.get_by_text("candidate rows for tucker")).to_be_visible()
        # One candidate at a time, from the keyboard: X rejects it and the next one comes up.
        first = page.get_by_test_id("stMain").locator("h3").first.inner_text()
        expect(page.get_by_text(re.compile(r"left to review \(0 accepted, 0 rejected"))).to_be_visible()
        after_rerun(page, lambda: page.keyboard.press("x"))
        expect(page.get_by_text(re.compile(r"left to review \(0 accepted, 1 rejected"))).to_be_visible()
        expect(page.get_by_test_id("stMain").locator("h3").first).not_to_have_text(first)
        # The tables, for those who prefer them.
        after_rerun(page, lambda: page.get_by_test_id("stButtonGroup").get_by_text("Table", exact=True).click())
        page.get_by_role("tab", name="Channels").click()  # switching tabs does not rerun the script
        started = time.perf_counter()
        after_rerun(page, lambda: page.get_by_role("button", name="Accept every complete proposed row in channels").click())
        accept_s = time.perf_counter() - started
        expect(page.locator('[data-testid="stCode"]').filter(has_text="+ch-tucker-").first).to_be_visible()
        expect(page.get_by_role("button", name="Write these rows")).to_be_visible()
        screenshot(page, "curate-diff")
        print(f"\naccept all channels -> diff shown: {accept_s:.2f} s")
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()


def test_a_curator_uploads_a_document_and_writes_its_rows(browser, curator_server):
    from pathlib import Path

    brief = Path(__file__).parents[1] / "curation_docs" / "ferghana-returnees-brief.md"
    proc, url, scratch = curator_server  # the shared server's scratch data: no other test writes there
    page = new_page(browser, viewport={"width": 1280, "height": 800})  # a laptop: in software rendering every pixel costs CPU
    try:
        upload_new_document(page, url, brief, "ferghana_test")
        after_rerun(page, lambda: (page.get_by_label("Title as printed").fill("Ferghana test brief"),
                                   page.keyboard.press("Enter")))
        expect(page.get_by_text("14 of 14 numbers of the document are in a candidate")).to_be_visible()
        after_rerun(page, lambda: page.get_by_test_id("stButtonGroup").get_by_text("Table", exact=True).click())
        page.get_by_role("tab", name="Channels").click()
        after_rerun(page, lambda: page.get_by_role("button", name="Accept every complete proposed row in channels").click())
        expect(page.locator('[data-testid="stCode"]').filter(has_text="+ferghana_test,Ferghana test brief").first).to_be_visible()
        after_rerun(page, lambda: page.get_by_role("button", name="Write these rows").click())
        expect(page.get_by_text("Written: 1 row(s) to documents.csv")).to_be_visible()
        expect(page.get_by_text("The validator finds no problems")).to_be_visible()
        expect(page.get_by_text("candidate rows for ferghana_test")).to_be_visible()  # now a registered document
        screenshot(page, "curate-written")
        assert (scratch.seeds / "ferghana-returnees-brief.txt").read_text() == brief.read_text()
        assert any("ferghana_test,Telegram" in line or ",Telegram,messaging app,used,,,,ferghana_test," in line
                   for line in (scratch.curated / "channels.csv").read_text().splitlines())
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()


def test_an_uploaded_news_report_is_dated_and_titled_from_its_own_lines(browser, curator_server):
    """With the title and the date left blank, the page reads them from the report, as `curate.py
    propose` does, and says what to check; the date resolves the report's weekdays."""
    from pathlib import Path

    report = Path(__file__).parents[1] / "curation_docs" / "news" / "03-tashkent-afghanistan.txt"
    proc, url, scratch = curator_server
    page = new_page(browser, viewport={"width": 1280, "height": 800})
    try:
        upload_new_document(page, url, report, "tashkent_news")
        expect(page.get_by_text("title: taken from the document's first line")).to_be_visible()
        expect(page.get_by_text("published: 2021-06-14, read from the dateline '14.06.2021'")).to_be_visible()
        expect(page.get_by_text("kind: policy report, the default, as it does not open with a city's dateline")).to_be_visible()
        expect(page.get_by_text("numbers of the document are in a candidate")).to_be_visible()
        assert page.get_by_text("cannot be added").count() == 0
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()
