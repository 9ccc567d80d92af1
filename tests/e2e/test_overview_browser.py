"""The Overview in a real browser: nothing cut off at laptop sizes, the situation on one screen at
1440x900, and a country card that opens the country's profile."""

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

# Bottom edges of the three wave cards and the five country cards (the bordered block around each).
CARD_BOTTOMS = """() => {
  const block = el => el.closest('[data-testid="stVerticalBlock"]').getBoundingClientRect().bottom;
  const main = document.querySelector('[data-testid="stMain"]');
  const waves = [...main.querySelectorAll('[data-testid="stMarkdownContainer"]')]
    .filter(m => /^Wave \\d/.test(m.textContent.trim()));
  const cards = [...main.querySelectorAll('[data-testid="stPageLink"]')];
  return {waves: waves.map(block), cards: cards.map(block), height: window.innerHeight};
}"""


@pytest.mark.parametrize("width, height", [(1280, 720), (1440, 900)])
def test_no_label_is_cut_off(page: Page, app_url: str, width: int, height: int):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(app_url)
    wait_for_app(page)
    expect(page.locator('[data-testid="stMain"] [data-testid="stPageLink"]')).to_have_count(5)
    screenshot(page, f"overview-{width}x{height}")
    assert page.evaluate(CUT_OFF) == []


def test_waves_and_country_cards_fit_one_screen_at_1440x900(page: Page, app_url: str):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(app_url)
    wait_for_app(page)
    expect(page.locator('[data-testid="stMain"] [data-testid="stPageLink"]')).to_have_count(5)
    found = page.evaluate(CARD_BOTTOMS)
    assert len(found["waves"]) == 3 and len(found["cards"]) == 5
    assert max(found["waves"] + found["cards"]) <= found["height"], found


def test_a_country_card_opens_its_profile(page: Page, app_url: str):
    page.goto(app_url)
    wait_for_app(page)
    page.locator('[data-testid="stMain"] [data-testid="stPageLink"]').filter(has_text="Tajikistan").click()
    page.wait_for_url(re.compile(r"/country\?(.*&)?iso=TJK"))
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
