"""What every session of a server shares (ui.store, ui.cache): a reader's "clear cache" message does
not make the server read the tables again or rebuild its charts, and a write by another process (a
curator's server beside the readers' one, or the command line) is seen on the next page run, with
nothing derived from the old rows shown again."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import curate as cli
from app_paths import APP
from test_curation import BRIEF, cid, decide
from ui import cache, store


@pytest.fixture(autouse=True)
def _fresh():
    store.reload()
    yield
    store.reload()


def test_a_clear_cache_message_keeps_the_corpus_and_what_pages_built_from_it(scratch, monkeypatch):
    """Streamlit handles a client's clear_cache message with st.cache_data.clear() and
    st.cache_resource.clear() (streamlit/runtime/app_session.py); neither reaches our data."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(scratch.curated))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(scratch.seeds))
    corpus, figures, options = store.refresh(), store.figures(), store.options()
    builds = []
    chart = cache.cached("test-chart", lambda: builds.append(1) or object(), ("row-1",))
    st.cache_data.clear()
    st.cache_resource.clear()
    assert store.refresh() is corpus, "the tables were read again"
    assert store.figures() is figures and store.options() is options
    assert cache.cached("test-chart", lambda: builds.append(1) or object(), ("row-1",)) is chart and builds == [1]


def test_a_write_by_another_process_is_seen_on_the_next_run_and_old_charts_are_dropped(scratch, tmp_path, monkeypatch):
    """A reader's server and a curator's server side by side on the same data: the reader's open
    session shows the curator's new rows on its next run, without anyone calling store.reload()."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(scratch.curated))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(scratch.seeds))
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    at.switch_page("views/data.py").run()
    at.selectbox(key="w_table").select("channels").run()
    channels_before = len(at.dataframe[0].value)  # the table shows names, never row ids
    first, generation = store.corpus(), store.generation()
    kept = cache.cached("test-chart", object, ("row-1",))
    # the curator's write, by another process's code path (the command line), not through this server
    out = tmp_path / "out"
    assert cli.main(["--data", str(scratch.curated), "--seeds", str(scratch.seeds), "propose", str(BRIEF),
                     "--doc-id", "ferghana_test", "--title", "Ferghana test brief", "--out", str(out)]) == 0
    frame = pd.read_csv(out / "candidates.csv", dtype=str, keep_default_na=False)
    decide(out / "candidates.csv", **{cid(frame, "channels", name="Telegram"): {"decision": "accept"}})
    assert cli.main(["--data", str(scratch.curated), "--seeds", str(scratch.seeds), "apply", str(out / "candidates.csv")]) == 0
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.dataframe[0].value) == channels_before + 1, "the curator's new channel is shown"
    assert store.corpus() is not first and store.generation() != generation
    assert cache.cached("test-chart", object, ("row-1",)) is not kept, "a chart of the old rows is not shown again"
