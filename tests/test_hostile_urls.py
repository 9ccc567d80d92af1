"""Hostile links: random query strings on every page never raise, are ignored with a notice, never
reach a file path and are never rendered as markup."""

from __future__ import annotations

import builtins
import io
import re

import pytest
import streamlit as st
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as s

from app_paths import PAGES, PAGE_FAILED, run_page
from core.filters import KEYS

TOKEN = "ZZPATH"  # planted in every value: no file the app opens may carry it in its path
NASTY = [
    "<script>alert(1)</script>", "**bold**", "[x](javascript:alert(1))", "$x^2$", "../../etc/passwd",
    "/etc/passwd", "%00", "KAZ,KAZ,XYZ", "1990", "2026", "99999", "-1", "fig-uwed-001", "uwed", "\u202e\u0000",
    "\U0001F600" * 20, "A" * 5000, " ", ",", "attack,plot", "iskp", "figures",
]
values = s.one_of(s.sampled_from(NASTY), s.text(max_size=60), s.text(min_size=400, max_size=2000),
                  s.from_regex(r"[A-Z]{3}(,[A-Z]{3}){0,4}", fullmatch=True))
keys = s.one_of(s.sampled_from(KEYS), s.text(min_size=1, max_size=20), s.sampled_from(["<b>", "../x", "page", "__x"]))
queries = s.dictionaries(keys, s.one_of(values.map(lambda v: v + TOKEN if len(v) < 100 else v),
                                        s.lists(values, min_size=2, max_size=3)), max_size=6)


@pytest.fixture(scope="module", autouse=True)
def _guard_file_access():
    """Fail if any file path the app opens while serving a hostile link contains the planted token."""
    real_open, real_io_open = builtins.open, io.open

    def guarded(file, *args, **kwargs):
        if TOKEN in str(file):
            raise AssertionError(f"a URL value reached a file path: {file!r}")
        return real_open(file, *args, **kwargs)

    builtins.open = io.open = guarded
    st.cache_resource.clear()
    yield
    builtins.open, io.open = real_open, real_io_open


def _markdown_is_escaped(at) -> None:
    for element in (*at.markdown, *at.warning, *at.error, *at.info, *at.caption):
        source = element.value
        assert not getattr(element.proto, "allow_html", False)
        assert not re.search(r"(?<!\\)<script", source), f"unescaped markup: {source[:120]}"
        assert not re.search(r"(?<!\\)\]\((?!https?:)", source.replace("](sources?", "")), f"a link from the URL: {source[:120]}"


@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(query=queries)
def test_random_query_strings(page, query):
    at = run_page(page, query)
    assert not any(PAGE_FAILED in e.value for e in at.error)
    _markdown_is_escaped(at)
    unknown = [k for k in query if k not in KEYS]
    if unknown:
        notices = " ".join(w.value for w in at.warning).replace("\\", "")
        assert "this dashboard has no such setting" in notices
