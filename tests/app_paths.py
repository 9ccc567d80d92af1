"""Shared by the AppTest modules: where the app is and how to open one of its pages."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
PAGES = ["overview", "hotspots", "attacks", "repatriation", "recruitment", "groups", "countries", "sources", "data",
         "briefing"]
PAGE_FAILED = "Something went wrong while drawing this page"


def run_page(page: str, query: dict | None = None, **params) -> AppTest:
    """Open a page in a new session with this query string; fail on an exception or a page failure."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    for key, value in {**(query or {}), **params}.items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not any(PAGE_FAILED in e.value for e in at.error), f"{page} failed to draw"
    return at
