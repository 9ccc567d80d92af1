"""Every reader page on a phone (390 x 844, touch), each of its tabs in turn: usable as it stands.

One browser context for the module, one visit per page (the session's server; opened by its link in
the app, conftest.open_page): the page must not be wider than the screen (only the boxes made to scroll sideways may be: a data table's grid and the
containers ui.layout.scrolling makes, found by their key), raise nothing, lead its tables with the
column that answers the question, keep every chart's words inside its edges, keep each heatmap at its readable width in a box that scrolls,
show no plotly toolbar over a legend, and draw its maps at the phone's width and height. Each page is
photographed whole to tests/artifacts/phone/<page>[-<tab>].png. Every wait is on a state (conftest)."""

from __future__ import annotations

import io
import os

import pytest

from app_paths import PAGES

from .conftest import (ARTIFACTS, CHART_WORDS_OVERLAPPING, COUNT_MESSAGES, SCREENSHOTS, WAIT_MS, WORDS_PAST_CHART_EDGES,
                       each_tab, open_page, poll)

PHONE = {"width": 390, "height": 844}
SCROLLERS = '[class*="st-key-scroll-x-"], [data-testid="stDataFrame"]'  # made to scroll sideways, nothing else
MAP_HEIGHT = 360  # ui.layout.MAP_HEIGHT_PHONE
# The first two columns a phone shows, where the page's question is plain (the rest: any key column).
FIRST_COLUMNS = {  # as the reader reads them (core.analysis.plain labels)
    "attacks": ("Date", "Summary"),
    "country": ("Date", "Summary"),  # its events; the figures lead the page as a list of headline figures
    "countries": ("Country", "People repatriated"),
    "hotspots": ("Indicator", "Figure"),
}
NOT_FIRST = ("row", "source", "document", "documents", "quote", "curator's note", "note", "reported by", "open")

# What a reader would see go wrong, measured in one pass over the page's main area.
MEASURE = """(allowed) => {
  const width = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const name = el => (el.getAttribute('data-testid') || el.tagName.toLowerCase()) +
                     (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '');
  const clippedInside = el => {  // an ancestor within the screen hides or scrolls what sticks out
    for (let a = el.parentElement; a && a !== main; a = a.parentElement) {
      const r = a.getBoundingClientRect();
      if (getComputedStyle(a).overflowX !== 'visible' && r.left >= -1 && r.right <= width + 1) return true;
    }
    return false;
  };
  const out = {page: document.documentElement.scrollWidth - width, main: main.scrollWidth - main.clientWidth,
               spilling: [], sideways: [], overlaps: [], legends: 0, boxes: [], maps: []};
  // Every element of the main area, but not inside a scroll box, a chart or a map: those are measured
  // as a whole (a chart's drawing is clipped to its element), and their insides are many.
  const whole = '[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"]';
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_ELEMENT, {acceptNode: el =>
    el.matches(allowed) ? NodeFilter.FILTER_REJECT
      : (el.parentElement && el.parentElement.closest(whole)) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  for (let el = walker.nextNode(); el; el = walker.nextNode()) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const style = getComputedStyle(el);
    if (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) out.sideways.push(name(el));
    if ((r.right > width + 1 || r.left < -1) && !clippedInside(el)) out.spilling.push(name(el) + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const meet = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  for (const chart of main.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    const legend = chart.querySelector('.legend');
    if (!legend || !legend.getBoundingClientRect().width) continue;
    out.legends += 1;
    const bar = chart.querySelector('.modebar-container');
    if (bar && bar.getBoundingClientRect().width && getComputedStyle(bar).display !== 'none' && meet(box(bar), box(legend)))
      out.overlaps.push(chart.getAttribute('aria-label') || 'a chart');
  }
  for (const scroller of main.querySelectorAll('[class*="st-key-scroll-x-"]')) {
    const frame = scroller.querySelector('[data-testid="stFullScreenFrame"]');
    const holder = frame.closest('[data-testid="stElementContainer"]');
    out.boxes.push({min: parseFloat(getComputedStyle(frame).minWidth) || 0,
                    drawn: frame.querySelector('.main-svg').getBoundingClientRect().width,
                    shown: holder.clientWidth, scrolls: getComputedStyle(holder).overflowX});
  }
  for (const map of main.querySelectorAll('[data-testid="stDeckGlJsonChart"]')) {
    const r = map.getBoundingClientRect(), canvas = map.querySelector('canvas').getBoundingClientRect();
    out.maps.push({left: r.left, right: r.right, height: r.height, canvas: [canvas.width, canvas.height]});
  }
  return out;
}"""


@pytest.fixture(scope="module")
def phone(browser):
    """One phone-sized page for the module (touch, the app's own meta viewport applies)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=1)
    context.set_default_timeout(WAIT_MS)
    context.set_default_navigation_timeout(WAIT_MS)
    context.add_init_script(COUNT_MESSAGES)
    page = context.new_page()
    yield page
    context.close()


SCROLL_TO = """(top) => {
  const main = document.querySelector('[data-testid="stMain"]');
  main.scrollTop = top;
  const header = document.querySelector('[data-testid="stHeader"]');
  return {top: main.scrollTop, height: main.scrollHeight, header: header ? Math.ceil(header.getBoundingClientRect().bottom) : 0};
}"""


FIRST_HEADERS = """(grid) => [...grid.querySelectorAll('[role="columnheader"]')]
  .sort((a, b) => (+a.getAttribute('aria-colindex') || 0) - (+b.getAttribute('aria-colindex') || 0))
  .slice(0, 2).map(h => h.textContent.trim())"""


def first_columns(page) -> list[tuple[str, ...]]:
    """The first two column headers of every table shown (not in a closed section). The grid writes
    its headers once it is on screen, so each is scrolled to first."""
    found = []
    grids = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]')
    for i in range(grids.count()):
        grid = grids.nth(i)
        if not grid.is_visible():
            continue
        grid.scroll_into_view_if_needed()
        found.append(tuple(poll(lambda: grid.evaluate(FIRST_HEADERS), "the table's column headers", page=page)))
    return found


def settled_screen(page) -> bytes:
    """A screenshot once two in a row are the same: a map scrolled into view is painted over a few
    frames in software rendering, and a picture taken before would show it half drawn."""
    last = [page.screenshot()]

    def same_twice():
        shot = page.screenshot()
        same, last[0] = shot == last[0], shot
        return same

    poll(same_twice, "the screen to stop changing", page=page)
    return last[0]


def photograph(page, name: str) -> None:
    """With DASHBOARD_SCREENSHOTS=1 (conftest.screenshot), the whole page as a phone shows it, for a
    person to look at: screen by screen down the main area (which is what scrolls in Streamlit) and
    put together, the fixed header kept once (a viewport as tall as the page would make the browser
    draw every map again)."""
    from PIL import Image

    if not os.environ.get(SCREENSHOTS):
        return
    out = ARTIFACTS / "phone"
    out.mkdir(parents=True, exist_ok=True)
    at = page.evaluate(SCROLL_TO, 0)
    step = PHONE["height"] - at["header"]
    whole = Image.new("RGB", (PHONE["width"], max(at["height"], PHONE["height"])), "white")
    shown = 0  # how far down the page the picture reaches
    while True:
        screen = Image.open(io.BytesIO(settled_screen(page))).convert("RGB")
        # What the screens before showed, and the fixed header over the top of this one, are left out.
        skip = 0 if shown == 0 else max(shown - at["top"], at["header"])
        if skip >= PHONE["height"]:
            break
        whole.paste(screen.crop((0, skip, PHONE["width"], PHONE["height"])), (0, at["top"] + skip))
        shown = at["top"] + PHONE["height"]
        if shown >= at["height"]:
            break
        at = page.evaluate(SCROLL_TO, at["top"] + step)
    whole.save(out / f"{name}.png")
    page.evaluate(SCROLL_TO, 0)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_fits_a_phone(phone, app_url: str, name: str):
    open_page(phone, app_url, name)
    tables, legends, maps, boxes = [], 0, [], []
    for tab in each_tab(phone):  # each part of the page, as a reader opens it
        where = f"{name} ({tab} tab)" if tab else name
        found = fits(phone, where, f"{name}-{tab.lower().replace(' ', '-')}" if tab else name)
        tables += found["tables"]
        legends += found["legends"]
        maps += found["maps"]
        boxes += found["boxes"]
        if name == "attacks" and found["maps"]:
            full_screen_map_fills_the_phone(phone)
    if name in FIRST_COLUMNS:
        assert FIRST_COLUMNS[name] in tables, f"{name}: the tables lead with {tables}"
    if name in ("attacks", "recruitment", "country", "groups", "repatriation"):
        assert legends >= 1, f"{name}: no legend found to check"
    if name in ("recruitment", "data"):
        assert boxes and any(b["drawn"] > b["shown"] for b in boxes), f"{name}: {boxes}"
    if name in ("hotspots", "attacks", "country"):
        assert maps, f"{name}: no map"


def fits(phone, where: str, photo: str) -> dict:
    """The checks on the page as it stands (`where` names it in a failure, `photo` its picture); what
    was measured, with the first columns of its tables."""
    assert phone.locator('[data-testid="stException"]').count() == 0
    found = phone.evaluate(MEASURE, SCROLLERS)
    found["tables"] = first_columns(phone)
    photograph(phone, photo)

    assert found["page"] <= 0 and found["main"] <= 0, f"{where}: the page is wider than the phone: {found}"
    assert not found["spilling"], f"{where}: past the screen's edge: {found['spilling'][:8]}"
    assert not found["sideways"], f"{where}: scrolls sideways outside a scroll box: {found['sideways'][:8]}"
    cut = phone.evaluate(WORDS_PAST_CHART_EDGES)
    assert not cut, f"{where}: a chart's words run past its edge: {cut[:6]}"
    overlapping = phone.evaluate(CHART_WORDS_OVERLAPPING)
    assert not overlapping, f"{where}: a chart's words are drawn over each other: {overlapping[:6]}"
    for first in found["tables"]:
        assert first[0].lower() not in NOT_FIRST and "Quote" not in first, f"{where}: a table leads with {first}"
    assert not found["overlaps"], f"{where}: the plotly toolbar covers a legend: {found['overlaps']}"
    for box in found["boxes"]:  # a heatmap keeps its width and scrolls in its box
        assert box["min"] >= 300 and box["drawn"] >= box["min"] - 1 and box["scrolls"] == "auto", f"{where}: {box}"
    for deck in found["maps"]:  # framed to the width, and low enough to scroll past with a thumb
        assert deck["left"] >= 0 and deck["right"] <= PHONE["width"] and deck["height"] == MAP_HEIGHT, f"{where}: {deck}"
        assert deck["canvas"] == [deck["right"] - deck["left"], MAP_HEIGHT], f"{where}: {deck}"
    return found


def full_screen_map_fills_the_phone(page) -> None:
    """The phone's lower map applies on the page only: opened full screen, the map takes the screen."""
    deck = page.locator('[data-testid="stDeckGlJsonChart"]').first
    deck.scroll_into_view_if_needed()
    deck.tap()
    page.get_by_role("button", name="Fullscreen").first.click()
    poll(lambda: deck.bounding_box()["height"] > PHONE["height"] * 0.8, "the map to fill the screen", page=page)
    page.get_by_role("button", name="Close fullscreen").first.click()
    poll(lambda: deck.bounding_box()["height"] == MAP_HEIGHT, "the map back at the phone's height", page=page)
