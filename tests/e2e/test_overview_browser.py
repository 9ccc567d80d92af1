"""The Overview in a real browser: nothing cut off at laptop sizes, the situation (the region's key
points and the three waves) on one screen at 1440x900 with the country cards starting on it, and a
country card that opens the country's profile."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import screenshot, wait_for_app

# Every element in the main area that holds text of its own and whose text is wider than its box
# (a label cut off, or clipped with an ellipsis). Elements with no width of their own (inline) are skipped.
CUT_OFF = """() => {
  const out = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    const ownText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!ownText || el.clientWidth === 0) continue;
    if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName}: ${el.textContent.trim().slice(0, 60)}`);
  }
  return out;
}"""

# Bottom edges of the wave cards and top edges of the five country cards (the bordered block around
# each). A wave card's text names its wave before its first comma ("Wave 1: Afghanistan, ...").
CARD_EDGES = """() => {
  const block = el => el.closest('[data-testid="stVerticalBlock"]').getBoundingClientRect();
  const main = document.querySelector('[data-testid="stMain"]');
  const waves = [...main.querySelectorAll('[data-testid="stMarkdownContainer"]')]
    .filter(m => /^[^,]*\\bwave\\b/i.test(m.textContent.trim()));
  const cards = [...main.querySelectorAll('[data-testid="stPageLink"]')];
  return {waves: waves.map(m => block(m).bottom), cards: cards.map(c => block(c).top), height: window.innerHeight};
}"""


@pytest.mark.parametrize("width, height", [(1280, 720), (1440, 900)])
def test_no_label_is_cut_off(reader_page: Page, app_url: str, width: int, height: int):
    page = reader_page  # a tab in the reader's browser (conftest.reader_context)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(app_url)
    wait_for_app(page)
    expect(page.locator('[data-testid="stMain"] [data-testid="stPageLink"]')).to_have_count(5)
    screenshot(page, f"overview-{width}x{height}")
    assert page.evaluate(CUT_OFF) == []


def test_key_points_and_waves_fit_one_screen_at_1440x900(reader_page: Page, app_url: str):
    page = reader_page  # a tab in the reader's browser (conftest.reader_context)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(app_url)
    wait_for_app(page)
    expect(page.locator('[data-testid="stMain"] [data-testid="stPageLink"]')).to_have_count(5)
    found = page.evaluate(CARD_EDGES)
    assert len(found["waves"]) == 3 and len(found["cards"]) == 5
    assert max(found["waves"]) <= found["height"], found  # the waves end on the first screen
    assert max(found["cards"]) < found["height"], found  # and the country cards start on it


def test_a_country_card_opens_its_profile(reader_page: Page, app_url: str):
    page = reader_page  # a tab in the reader's browser (conftest.reader_context)
    page.goto(app_url)
    wait_for_app(page)
    page.locator('[data-testid="stMain"] [data-testid="stPageLink"]').filter(has_text="Tajikistan").click()
    page.wait_for_url(re.compile(r"/country\?(.*&)?iso=TJK"))
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
