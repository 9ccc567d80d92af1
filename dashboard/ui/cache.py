"""What pages derive from the rows (figures, decks, tables, sentences), kept per server process.

Each value is built once per name and per what it depends on, which the caller names explicitly
(usually the ids of the rows it draws): the data do not change while the server runs (a curator's
write clears every cache), so a filter change that leaves the rows as they were costs a lookup.
The cache is Streamlit's own (st.cache_resource): shared by sessions, one thread builds a value
while the others wait, and st.cache_resource.clear() empties it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

ENTRIES = 1024  # values kept in all; the least recently used goes first


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def _kept(name: str, key: str, _build):
    return _build()


def cached(name: str, build, *depends):
    """`build()`, made once per `name` and `depends` (strings, numbers, None, and tuples of them: their
    repr is the key, which Streamlit hashes in microseconds). Callers must not change the result."""
    return _kept(name, repr(depends), build)


def ids(rows: pd.DataFrame, column: str) -> tuple:
    """The ids of the rows a chart or table shows: a cache key that changes only when they do."""
    return tuple(rows[column].tolist()) if column in rows else (len(rows),)
