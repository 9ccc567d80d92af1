"""The corpus every session shares (loaded and validated once per server process), the views of it
that pages filter, and the reload after a write.

The corpus and its views are held by this module, not by Streamlit's caches: any browser may send
Streamlit a "clear cache" message, which empties st.cache_data and st.cache_resource for every
session, and a reader must not make every other reader's next page read and validate the tables
again. They change only when the data do: app.py calls `refresh()` at the start of every page run,
which compares a cheap version of the data folders (core.data.transaction.version: the name, size,
time and inode of each file), so a write by this server (`reload()`), by a curator's server beside
it or by the command line is seen on the next run, read under the data's lock (never half a
write). Within a run every call sees the same corpus."""

from __future__ import annotations

import threading

import pandas as pd
import streamlit as st

from core.analysis import documents, filters as flt
from core.analysis.plain import Names
from core.analysis.query import figures_view, hotspots_view, incidents_view
from core.data import paths, transaction
from core.data.loading import Corpus, load_corpus


class _Held:
    """The one corpus of this process, what is derived from it, and the version it was read at."""

    def __init__(self):
        self.lock = threading.Lock()
        self.key = None  # (data folder, seeds folder, version)
        self.corpus: Corpus | None = None
        self.derived: dict[str, object] = {}
        self.generation = 0  # bumped at every new corpus: ui.cache keys what it keeps on it


_HELD = _Held()


def _folders() -> tuple:
    return paths.curated_dir(), paths.seeds_dir()


def _load(folders: tuple) -> Corpus:
    """Read the data under the data's lock (one thread reads, the others wait for it)."""
    held = _HELD
    with held.lock:
        if held.corpus is None or held.key is None or held.key[:2] != folders:
            curated, seeds = folders
            with st.spinner("Reading the curated tables…"):
                with transaction.read_lock(curated, seeds):
                    version = transaction.version(curated, seeds)  # the version read, under the lock
                    loaded = load_corpus(curated, seeds)
            held.corpus, held.key, held.derived = loaded, (curated, seeds, version), {}
            held.generation += 1
        return held.corpus


def refresh() -> Corpus:
    """Once per page run: read the data again if a file of the data folders changed since (a write
    by any process), or if DASHBOARD_DATA_DIR / DASHBOARD_SEEDS_DIR name other folders."""
    folders = _folders()
    held = _HELD
    if held.key is not None and held.key != (*folders, transaction.version(*folders)):
        with held.lock:
            held.key = None  # stale: the next read loads it again
    return corpus()


def corpus() -> Corpus:
    """The data as read at the start of this page run (see refresh). Sessions share it read-only."""
    folders = _folders()
    held = _HELD
    data, key = held.corpus, held.key
    if data is not None and key is not None and key[:2] == folders:
        return data
    return _load(folders)


def generation() -> int:
    """Changes whenever the corpus is read again: what is derived from rows must be derived again.
    Reads the corpus first if no one has (else the first value derived would be of no generation)."""
    corpus()
    return _HELD.generation


def reload() -> None:
    """After a curator's write: every session reads the tables again, and nothing derived from the
    old rows (views, charts, maps, tables, proposals) is shown again."""
    with _HELD.lock:
        _HELD.key, _HELD.corpus, _HELD.derived = None, None, {}
        _HELD.generation += 1
    st.cache_resource.clear()


def _derived(name: str, build):
    """A value made from the current corpus once, kept until the corpus changes."""
    data = corpus()
    held = _HELD
    value = held.derived.get(name)
    if value is None:
        with held.lock:
            value = held.derived.get(name)
            if value is None and held.corpus is data:
                value = held.derived[name] = build(data)
    return value if value is not None else build(data)


def figures() -> pd.DataFrame:
    """figures_view of the corpus: every figure with its countries, labels, period and display text."""
    return _derived("figures", figures_view)


def incidents() -> pd.DataFrame:
    """incidents_view of the corpus: every incident with its dates, category, countries and place."""
    return _derived("incidents", incidents_view)


def hotspots() -> pd.DataFrame:
    """hotspots_view of the corpus: every hotspot claim with its place."""
    return _derived("hotspots", hotspots_view)


def document_names() -> dict:
    """{doc_id: DocumentName}: how each document is cited ('Tucker (late 2021 or later, inferred)')."""
    return _derived("document_names", documents.document_names)


def group_names() -> dict[str, str]:
    return _derived("group_names", lambda c: dict(zip(c["groups"]["group_id"], c["groups"]["name"])))


def indicator_column(column: str) -> dict[str, str]:
    """{indicator: its label or unit}, from indicators.csv."""
    return _derived(f"indicator:{column}", lambda c: dict(zip(c["indicators"]["indicator"], c["indicators"][column])))


def options() -> flt.Options:
    """What a link may ask for, read from the data."""
    return _derived("options", flt.options)


def reader_names():
    """core.analysis.plain.Names of the corpus: every id in words, every document as its citation."""
    return _derived("reader_names", Names.of)
