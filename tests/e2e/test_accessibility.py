"""Every reader page, each of its tabs in turn, as a reader opens them: no exception (a screenshot of
each kept in tests/artifacts/), no chart's words past its edges or over each other, the Hotspots map
paints its shaded areas (one visit per page: a map costs seconds in software rendering), and axe-core
(bundled in axe-playwright-python; nothing downloaded) finds no violation of impact "serious" or
"critical" and headings in order (h1, then h2 for each section: "heading-order" is "moderate" to axe,
and a screen reader's list of headings is how its users skim a page). Everything axe reports is
written to tests/artifacts/axe/<page>[-<tab>].json, and the moderate and minor ones are printed, so
they can be read and fixed or explained."""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from app_paths import PAGES

from .conftest import (ARTIFACTS, CHART_WORDS_OVERLAPPING, WORDS_PAST_CHART_EDGES, drawn_canvas, each_tab, open_page, poll,
                       screenshot)

BLOCKING = ("serious", "critical")
BLOCKING_RULES = ("heading-order",)  # moderate, and fixed: it stays fixed


def violations(page: Page) -> list[dict]:
    """axe-core's violations on the page as it stands, each with its impact, rule, help and nodes."""
    results = Axe().run(page, options={"resultTypes": ["violations"]}).response
    return [{"rule": v["id"], "impact": v["impact"], "help": v["help"], "url": v["helpUrl"],
             "nodes": [{"target": n["target"], "html": n["html"][:300], "summary": n.get("failureSummary", "")}
                       for n in v["nodes"]]}
            for v in results["violations"]]


def map_paints_its_shaded_areas(page: Page) -> None:
    """The Hotspots map's canvas shows many colours, among them the orange of the shaded hotspot
    districts (a WebGL canvas cannot be read from JavaScript: the screenshot is the test)."""
    deck = page.locator('[data-testid="stDeckGlJsonChart"]').first

    def shaded_area_visible():
        colours = drawn_canvas(deck, min_colours=50)
        orange = sum(n for n, (r, g, b) in colours if r > 200 and 140 < g < 200 and b < 120)
        return orange if orange > 200 else None

    poll(shaded_area_visible, "a shaded hotspot area on the map", page=page)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_loads_without_exception_and_has_no_serious_accessibility_violation(reader_page: Page, app_url: str,
                                                                                      name: str):
    """One visit per page for both checks (a page in software rendering costs seconds), in a tab of
    the reader's browser (conftest.reader_context), opened by its link in the app as a reader moves
    between pages (conftest.open_page)."""
    page = reader_page
    open_page(page, app_url, name)
    for tab in each_tab(page):  # each part of the page, as a reader opens it
        check_view(page, f"{name}-{tab.lower().replace(' ', '-')}" if tab else name)


def check_view(page: Page, name: str) -> None:
    """The checks above on the page as it stands: `name` is the page, or the page and its open tab."""
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_text("Something went wrong while drawing this page").count() == 0
    cut = page.evaluate(WORDS_PAST_CHART_EDGES)
    assert not cut, f"{name}: a chart's words run past its edge: {cut[:6]}"
    overlapping = page.evaluate(CHART_WORDS_OVERLAPPING)
    assert not overlapping, f"{name}: a chart's words are drawn over each other: {overlapping[:6]}"
    screenshot(page, name)
    if name == "hotspots":  # what only a browser shows: the map has painted, with its orange shaded areas
        map_paints_its_shaded_areas(page)

    found = violations(page)
    out = ARTIFACTS / "axe"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(found, indent=1), encoding="utf-8")
    for v in found:
        if v["impact"] not in BLOCKING and v["rule"] not in BLOCKING_RULES:
            print(f"axe {name}: {v['impact']} {v['rule']} ({len(v['nodes'])} nodes): {v['help']}")
    blocking = [f"{v['impact']} {v['rule']}: {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
                for v in found if v["impact"] in BLOCKING or v["rule"] in BLOCKING_RULES]
    assert not blocking, f"{name}: " + "\n".join(blocking)
