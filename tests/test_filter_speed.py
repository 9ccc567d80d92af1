"""Filters that answer at once: what a filter change does not touch is not rebuilt (charts reused
under a new title, decks and tables made once per set of rows, Sources built only when opened), and
the chart-local control reruns only its fragment while still writing the link. Timings themselves
are in scripts/benchmark.py."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import pytest
import streamlit as st

from ui import store

from app_paths import run_page, title_above
from core.analysis.filters import Filters
from core.data import paths
from core.data.loading import load_corpus
from ui import cache, exports, graphics, state, tables


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(paths.curated_dir(), paths.seeds_dir())


@pytest.fixture(autouse=True)
def _fresh_cache():
    store.reload()
    yield
    store.reload()


def test_a_chart_is_built_once_for_the_same_rows_and_exported_under_the_filter_of_the_day():
    from core.render import export

    builds = []

    def build():
        builds.append(1)
        return go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"), layout_title_text="Incidents: 2015\u20132024")

    table = pd.DataFrame({"category": ["a", "b"], "value": [1, 2]})
    for title in ("Incidents: 2015\u20132024", "Incidents: 2016\u20132024", "Incidents: 2016\u20132024"):
        graphics.chart(build, "speed-test", ("row-1", "row-2"), title=title, summary="a 1; b 2.", data=table)
    assert len(builds) == 1
    drawing, built_title = cache.cached("chart:speed-test", lambda: None, ("row-1", "row-2"))
    assert built_title == "Incidents: 2015\u20132024" and not drawing.layout.title.text  # the title is written above
    slide = export.for_slide(export.ChartExport("speed-test", "Incidents: 2016\u20132024", "2016\u20132024", drawing,
                                                table, "category"))
    assert "Incidents: 2016\u20132024" in slide.layout.title.text
    assert list(slide.data[0].y) == ["a", "b"]  # the same drawing
    assert not drawing.layout.title.text  # the cached drawing is left as it was


def test_a_new_title_sends_the_same_figure_so_the_browser_keeps_its_chart():
    """The title states the filter; on the page it is a line above the chart, so a filter change
    that keeps the rows sends the same figure (Streamlit would otherwise replace the chart and the
    browser draw it from scratch). The title line and the exported figure follow the filter."""
    sent = {}
    for years in ("1991", "1992"):  # no incident is dated before 1992: the same rows
        at = run_page("attacks", **{"from": years})
        (chart,) = at.get("plotly_chart")
        sent[years] = (chart.proto.id, chart.proto.spec)
        assert f"from {years}" in title_above(at, chart)
    assert sent["1991"] == sent["1992"]
    assert not json.loads(sent["1991"][1])["layout"].get("title", {}).get("text")


def test_a_year_range_that_leaves_out_only_undated_events_keeps_the_timeline():
    """The timeline draws the dated events: setting a year range leaves out the undated ones, which
    it never drew, so the same figure and accessible name are sent (the same element to Streamlit);
    only its caption drops the sentence about the undated."""
    every = run_page("attacks")
    ranged = run_page("attacks", **{"from": "1991"})
    (before,), (after,) = every.get("plotly_chart"), ranged.get("plotly_chart")
    assert (before.proto.id, before.proto.spec) == (after.proto.id, after.proto.spec)
    captions = [c.value for c in every.caption], [c.value for c in ranged.caption]
    assert any("have no date and are only in the table" in c for c in captions[0])
    assert not any("no date and" in c for c in captions[1])
    assert "no date" not in before.proto.alt


def test_sources_and_data_tables_are_built_only_when_opened():
    """Closed, a Sources section says how many rows it holds and builds nothing; opened, it shows
    each row's quote."""
    from app_paths import unfold

    at = run_page("attacks")
    sources = [e for e in at.expander if e.label.startswith("Sources")]
    assert sources and all(len(e.dataframe) == 0 for e in sources)
    assert sum(len(e.dataframe) for e in at.expander) == 0
    unfold(at)
    opened = [e for e in at.expander if e.label.startswith("Sources")]
    assert all(len(e.dataframe) == 1 and "quote" in e.dataframe[0].value.columns for e in opened)
    assert len(opened[0].dataframe[0].value) == int(opened[0].label.split(": ")[1].split()[0])


def test_other_rows_build_the_chart_again():
    builds = []
    for ids in (("row-1",), ("row-2",)):
        graphics.chart(lambda: builds.append(1) or go.Figure(layout_title_text="t"), "speed-test-2", ids, title="t",
                 summary="s", data=pd.DataFrame({"a": [1]}))
    assert len(builds) == 2


def test_a_deck_is_built_once_per_set_of_rows():
    builds = []

    def build():
        builds.append(1)
        return pdk.Deck(layers=[pdk.Layer("ScatterplotLayer", data=[{"lon": 70, "lat": 40}])], map_provider=None)

    for _ in range(3):
        graphics.deck("speed-test", build, ("row-1",))
    graphics.deck("speed-test", build, ("row-2",))
    assert len(builds) == 2


def test_the_timeline_colour_control_writes_the_link_from_its_fragment():
    at = run_page("attacks")
    control = at.segmented_control(key="w_colour")
    assert control.value == "kind"
    control.set_value("group").run()
    assert at.query_params["colour"] == "group"
    assert not at.exception


def test_a_table_is_made_once_for_the_same_rows():
    made = []
    st.session_state[state.STATE] = Filters()  # the download names say the filters
    frame = pd.DataFrame({"row": ["r1", "r2"], "doc_id": ["d", "d"], "quote": ["q1", "q2"]})
    for _ in range(2):
        tables.table(lambda: made.append(2) or frame, "speed-table", depends=("r1", "r2"))
    assert made == [2]
    tables.table(lambda: made.append(1) or frame.iloc[:1], "speed-table", depends=("r1",))  # other rows: made again
    assert made == [2, 1]


def test_a_map_static_image_is_built_only_when_a_download_asks_for_it():
    builds = []
    st.session_state[state.STATE] = Filters()
    rows = pd.DataFrame({"row": ["r1"], "doc_id": ["tucker"], "quote": ["q"]})
    exports.export_controls("speed-map", lambda: builds.append(1) or go.Figure(), "A map", rows, "row")
    assert builds == []


def test_views_of_a_corpus_are_built_once_and_again_when_a_table_is_replaced(corpus):
    from dataclasses import replace

    from core.analysis.query import corpus_views

    first = corpus_views(corpus)
    assert corpus_views(corpus)[0] is first[0] and corpus_views(corpus)[1] is first[1]
    changed = replace(corpus, tables={**corpus.tables, "figures": corpus["figures"].head(3)})
    figures, incidents = corpus_views(changed)
    assert len(figures) == 3 and figures is not first[0]
    assert len(incidents) == len(first[1])


def test_no_cached_function_is_made_again_on_each_rerun():
    """app.py runs on every rerun of every page, and so does each page's script (the curator's too): a cached
    function defined there is made again each time, and Streamlit reads its source to key its cache
    (1 to 2 ms a rerun). Cached functions live in modules, imported once."""
    import ast

    from app_paths import APP, SCRIPTS

    scripts = [APP] + [APP.parent / path for path in SCRIPTS.values()]
    for script in scripts:
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names = [ast.unparse(d.func if isinstance(d, ast.Call) else d) for d in node.decorator_list]
                assert not any(n.startswith(("st.cache", "cache_")) for n in names), f"{script.name}: {node.name} is cached"


def test_the_benchmarks_frame_is_the_app_without_its_pages_content(tmp_path):
    """scripts/benchmark.py measures the app's frame (what every page pays before its content): the
    same navigation, search box and filters, and the address kept in step, with no page drawn."""
    from streamlit.testing.v1 import AppTest

    from app_paths import frame_script

    at = AppTest.from_file(str(frame_script(tmp_path / "frame")), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["frame"]
    assert [e.type for e in at.main.children.values()] == ["title"]
    assert at.text_input(key="w_sidebar_q").label == "Search everything"
    assert at.multiselect(key="w_country").label == "Countries"
    at.slider(key="w_years").set_value((2014, 2020)).run()
    assert not at.exception, [e.value for e in at.exception]
    assert (at.query_params.get("from"), at.query_params.get("to")) == ("2014", "2020")
