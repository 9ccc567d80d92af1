"""What only a browser shows: pages render in chromium with no exception."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import screenshot, wait_for_app


def test_overview_loads_without_exception(page: Page, app_url: str):
    page.goto(app_url)
    wait_for_app(page)
    expect(page.locator('[data-testid="stMain"] h1').first).to_contain_text("Central Asian mobilization")
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "overview")
