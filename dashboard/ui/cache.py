"""What pages derive from the rows (figures, decks, tables, sentences), kept per server process.

Each value is built once per name and per what it depends on, which the caller names explicitly
(usually the ids of the rows it draws): the data do not change between writes, so a filter change
that leaves the rows as they were costs a lookup. Everything kept is dropped when the corpus is read
again (ui.store.generation changes after any write), and the least recently used value goes first
beyond ENTRIES. One thread builds a value while the others asking for it wait.

This is not Streamlit's st.cache_resource on purpose: any browser may send Streamlit a "clear cache"
message, which empties Streamlit's caches for every session; a reader must not be able to make every
other reader's next page build its charts again."""

from __future__ import annotations

import threading
from collections import OrderedDict

import pandas as pd

from ui import store

ENTRIES = 1024  # values kept in all; the least recently used goes first


class _Kept:
    def __init__(self):
        self.lock = threading.Lock()
        self.values: OrderedDict[tuple, object] = OrderedDict()
        self.building: dict[tuple, threading.Lock] = {}
        self.generation = None


_KEPT = _Kept()


def cached(name: str, build, *depends):
    """`build()`, made once per `name` and `depends` (strings, numbers, None, and tuples of them: their
    repr is the key) for the data as they are. Callers must not change the result."""
    key = (name, repr(depends))
    generation = store.generation()
    kept = _KEPT
    with kept.lock:
        if kept.generation != generation:
            kept.values.clear()
            kept.generation = generation
        if key in kept.values:
            kept.values.move_to_end(key)
            return kept.values[key]
        building = kept.building.setdefault(key, threading.Lock())
    with building:  # one thread builds; the others wait here and then find the value
        with kept.lock:
            if kept.generation == generation and key in kept.values:
                return kept.values[key]
        try:
            value = build()
            with kept.lock:
                if kept.generation == generation:
                    kept.values[key] = value
                    while len(kept.values) > ENTRIES:
                        kept.values.popitem(last=False)
        finally:
            with kept.lock:
                kept.building.pop(key, None)
    return value


def clear() -> None:
    """Forget every value (ui.store.reload calls it after a write)."""
    with _KEPT.lock:
        _KEPT.values.clear()


def ids(rows: pd.DataFrame, column: str) -> tuple:
    """The ids of the rows a chart or table shows: a cache key that changes only when they do."""
    return tuple(rows[column].tolist()) if column in rows else (len(rows),)
