"""Hostile links: any query string is ignored with a notice, never raises, never reaches a file path
and is never rendered as markup.

The bulk runs on the pure layer (core.analysis.filters, core.analysis.query): thousands of random query strings cost
milliseconds there. Every reader page then gets a fixed, varied sample through AppTest (every
parameter at once with the worst characters, the longest values, repeated keys, valid edge values),
proving that the page shows the notices the pure layer computed and no exception. The old soak
(hundreds of random links per page through AppTest) is kept behind the `slow` marker."""

from __future__ import annotations

import builtins
import io
import re

import pytest

from ui import store
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as s

from app_paths import PAGES, PAGE_FAILED, run_page
from core.analysis.filters import KEYS, MAX_PARAM_LENGTH, Filters, describe, parse_query, to_query
from conftest import repository_corpus
from core.analysis.query import (figures_view, filter_figures, filter_hotspots, filter_incidents, hotspots_view,
                        incidents_view, rows_in_countries)
from core.analysis.filters import options
from ui.chrome import safe_text

TOKEN = "ZZPATH"  # planted in every value: no file the app opens may carry it in its path
NASTY = [
    "<script>alert(1)</script>", "**bold**", "[x](javascript:alert(1))", "$x^2$", "../../etc/passwd",
    "/etc/passwd", "%00", "KAZ,KAZ,XYZ", "1990", "2026", "99999", "-1", "fig-uwed-001", "uwed", "\u202e\u0000",
    "\U0001F600" * 20, "A" * 5000, " ", ",", "attack,plot", "iskp", "figures", "0-10", "10-0", "TJK",
]
long_values = s.builds(lambda head, n: (head or "x") * n, s.text(min_size=1, max_size=3), s.integers(200, 1000))
values = s.one_of(s.sampled_from(NASTY), s.text(max_size=60), long_values,
                  s.from_regex(r"[A-Z]{3}(,[A-Z]{3}){0,4}", fullmatch=True))
keys = s.one_of(s.sampled_from(KEYS), s.text(min_size=1, max_size=20), s.sampled_from(["<b>", "../x", "page", "__x"]))
queries = s.dictionaries(keys, s.one_of(values.map(lambda v: v + TOKEN if len(v) < 100 else v),
                                        s.lists(values, min_size=2, max_size=3)), max_size=6)

CORPUS = repository_corpus()
OPTIONS = options(CORPUS)
INCIDENTS, FIGURES, HOTSPOTS = incidents_view(CORPUS), figures_view(CORPUS), hotspots_view(CORPUS)
MARKUP = re.compile(r"(?<!\\)[<>\[\]()*_`$]")  # a Markdown/HTML/LaTeX character left unescaped


# ---- pure layer: thousands of links in milliseconds ------------------------------------------------

@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
          database=None)
@given(query=queries)
def test_any_link_parses_to_valid_filters_with_plain_notices(query):
    parses_to_valid_filters(query)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(query=queries)
def test_many_random_links_parse_to_valid_filters_soak(query):
    """The same check on 5,000 links, new ones each run (slow: run by scripts/test.sh --all)."""
    parses_to_valid_filters(query)


def parses_to_valid_filters(query) -> None:
    """The filters a link gives are valid, its notices are plain and few, and the link the app writes
    back for them reproduces them exactly."""
    f = parse_query(query, OPTIONS)
    assert set(f.countries) <= set(OPTIONS.countries) and len(set(f.countries)) == len(f.countries)
    assert set(f.kinds) <= set(OPTIONS.kinds) and set(f.groups) <= set(OPTIONS.groups)
    assert f.doc in (None, *OPTIONS.documents) and f.row in (None, *OPTIONS.row_ids)
    assert f.indicator in (None, *OPTIONS.indicators) and f.hotspot in (None, *OPTIONS.hotspots)
    assert f.table in (None, *OPTIONS.tables) and f.iso in (None, *OPTIONS.countries)
    assert f.colour in ("kind", "group") and len(f.search) <= MAX_PARAM_LENGTH
    lo, hi = OPTIONS.year_bounds
    for year in (f.year_from, f.year_to):
        assert year is None or lo <= year <= hi
    if f.year_from and f.year_to:
        assert f.year_from <= f.year_to
    if f.passage:
        assert 0 <= f.passage[0] < f.passage[1]
    unknown = [k for k in query if k not in KEYS or k == "link"]  # `link` only carries the server's too-long
    assert len([n for n in f.notices if "no such setting" in n]) == (1 if unknown else 0), "one notice for them all"
    for notice in f.notices:
        assert len(notice) < 200, "a notice repeats a long value"
        assert not MARKUP.search(safe_text(notice)), f"markup survives escaping: {notice!r}"
    # The link the app writes back reproduces these filters exactly, with nothing to complain about.
    again = parse_query(to_query(f), OPTIONS)
    assert again == f and again.notices == ()


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
          database=None)
@given(query=queries)
def test_any_link_filters_the_tables_to_a_subset(query):
    f = parse_query(query, OPTIONS)
    for frame, kept in ((INCIDENTS, filter_incidents(INCIDENTS, f)), (FIGURES, filter_figures(FIGURES, f)),
                        (HOTSPOTS, filter_hotspots(HOTSPOTS, f)),
                        (CORPUS["figures"], rows_in_countries(CORPUS["figures"], f.countries, CORPUS))):
        assert set(kept.index) <= set(frame.index)
    assert describe(f, OPTIONS.countries, len(INCIDENTS), "incidents")


# ---- every page through AppTest: a fixed, varied sample ---------------------------------------------

def _every_key(value: str) -> dict:
    return {key: value for key in KEYS}


SAMPLE = {
    "script in every parameter": {**_every_key("<script>alert(1)</script>" + TOKEN), "<b>": "1"},
    "markdown and latex": {**_every_key("**bold** [x](javascript:alert(1)) $x^2$" + TOKEN), "../x": "y"},
    "paths": {**_every_key("../../etc/passwd" + TOKEN), "page": "/etc/passwd" + TOKEN},
    "longest values": {**_every_key("A" * 5000), "q": "q" * MAX_PARAM_LENGTH, "B" * 300: "1"},
    "control and wide characters": {**_every_key("\u202e\u0000%00" + "\U0001F600" * 20 + TOKEN), "__x": "\u0000"},
    "repeated keys and lists": {"country": ["KAZ", "XYZ" + TOKEN], "from": ["1990", "99999"], "to": "-1",
                                "kind": "attack,plot,picnic" + TOKEN, "group": ["iskp", "iskp"], "passage": "9999999-1",
                                "undated": "maybe", "colour": "<i>red</i>", "iso": "KAZ,TJK"},
    "valid edge values": {"country": "KAZ,KAZ,TJK", "from": "2026", "to": "1990", "undated": "0", "kind": "attack",
                          "group": "iskp", "indicator": "repatriated_people", "colour": "group", "doc": "uwed",
                          "row": "fig-uwed-001", "hotspot": "aravan", "table": "figures", "q": "Aravan", "iso": "TJK",
                          "passage": "0-10"},
    "blanks": {**_every_key(" "), ",": ","},
}
for turn in range(4):  # every key meets several of the NASTY values, and every value several keys
    SAMPLE[f"mixed values {turn + 1}"] = {key: NASTY[(i + turn * len(KEYS)) % len(NASTY)] + TOKEN
                                          for i, key in enumerate(KEYS)}


@pytest.fixture(scope="module", autouse=True)
def _guard_file_access():
    """Fail if any file path the app opens while serving a hostile link contains the planted token."""
    real_open, real_io_open = builtins.open, io.open

    def guarded(file, *args, **kwargs):
        if TOKEN in str(file):
            raise AssertionError(f"a URL value reached a file path: {file!r}")
        return real_open(file, *args, **kwargs)

    builtins.open = io.open = guarded
    store.reload()  # the corpus is read again, under the guard (st.cache_resource no longer holds it)
    yield
    builtins.open, io.open = real_open, real_io_open


# A link the app writes: to one of its pages, with a query of plain characters, and the title a citation
# shows on hover (the document's reference, which holds no double quote).
IN_APP_LINK = re.compile(r'\]\((?:%s)(?:\?[\w%%=&.,+~-]*)?(?: "[^"]*")?\)' % "|".join(map(re.escape, PAGES)))


def _markdown_is_escaped(at) -> None:
    for element in (*at.markdown, *at.warning, *at.error, *at.info, *at.caption):
        source = element.value
        assert not getattr(element.proto, "allow_html", False)
        assert not re.search(r"(?<!\\)<script", source), f"unescaped markup: {source[:120]}"
        assert not re.search(r"(?<!\\)\]\((?!https?:)", IN_APP_LINK.sub("", source)), f"a link from the URL: {source[:120]}"


def _check_page(page: str, query: dict) -> None:
    at = run_page(page, query)
    _markdown_is_escaped(at)
    shown = " ".join(w.value for w in at.warning).replace("\\", "")
    expected = parse_query(query, OPTIONS).notices
    for notice in expected:
        assert notice in shown, f"{page}: the notice {notice!r} is not shown"


# Every sample names every parameter. The default suite opens every sample on the pages that read
# the most parameters of their own, and the samples that try markup and length on every page; the
# whole matrix (every sample on every page) runs behind `slow`.
DEEP_PAGES = [p for p in ("overview", "sources", "country", "data", "hotspots") if p in PAGES]
EVERY_PAGE_SAMPLES = ("script in every parameter", "markdown and latex", "longest values")
MATRIX = [(page, name) for page in PAGES for name in SAMPLE]
DEFAULT = [(page, name) for page, name in MATRIX if page in DEEP_PAGES or name in EVERY_PAGE_SAMPLES]


@pytest.mark.parametrize("page, name", DEFAULT)
def test_hostile_link_shows_notices_and_no_error(page, name):
    _check_page(page, SAMPLE[name])


@pytest.mark.slow
@pytest.mark.parametrize("page, name", [m for m in MATRIX if m not in DEFAULT])
def test_hostile_link_on_every_page_soak(page, name):
    """The rest of the matrix: every sample on every page (slow: run by scripts/test.sh --all)."""
    _check_page(page, SAMPLE[name])


def test_sample_covers_every_parameter_and_gives_notices():
    """The fixed sample is not empty-handed: it names every key and most of it must be rejected."""
    assert all(k in SAMPLE["script in every parameter"] for k in KEYS)
    assert all(len(parse_query(q, OPTIONS).notices) >= 3 for name, q in SAMPLE.items()
               if name not in ("valid edge values", "longest values"))
    longest = parse_query(SAMPLE["longest values"], OPTIONS)  # every value too long: one notice for them all
    assert len(longest.notices) == 2 and longest == Filters(search="q" * MAX_PARAM_LENGTH)
    assert "the values are too long" in longest.notices[1] and f"and {len(KEYS) - 2 - 3} more" in longest.notices[1]  # all but q and link; 3 named
    valid = parse_query(SAMPLE["valid edge values"], OPTIONS)
    assert valid.notices == ("Swapped the years in the link: 2026 is after 1990.",)
    assert valid.countries == ("KAZ", "TJK") and valid.passage == (0, 10) and valid.iso == "TJK"


@pytest.mark.parametrize("query", [{f"k{i}": "1" for i in range(999)}, {"country": ["KAZ"] * 60}, {"link": "too-long"}],
                         ids=["999 unknown keys", "60 values", "too long for the server"])
def test_a_link_with_many_or_huge_parameters_gets_one_notice(query):
    at = run_page("attacks", query)
    notices = [w.value for w in at.warning if "link" in w.value]
    assert len(notices) == 1, notices[:3]


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
          database=None)
@given(query=queries)
def test_random_query_strings_soak(page, query):
    """The old soak: 300 random links per page through AppTest (slow: run by scripts/test.sh --all)."""
    at = run_page(page, query)
    assert not any(PAGE_FAILED in e.value for e in at.error)
    _markdown_is_escaped(at)
    unknown = [k for k in query if k not in KEYS]
    if unknown:
        notices = " ".join(w.value for w in at.warning).replace("\\", "")
        assert "this dashboard has no such setting" in notices
