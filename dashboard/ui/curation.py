"""The Curate page's slow steps: reading an uploaded document and proposing rows for it. Each runs in
a child process (core.curation.worker) that the page ends when the curator leaves: closing the tab
stops the page's script at its next Streamlit call, which is the "Proposing…" line updated while it
waits. Proposals are kept per document text and data version (reruns are instant; a page script
cannot hold a cache itself: it runs on every rerun)."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

import pandas as pd
import streamlit as st

from core.curation import worker
from core.curation.register import read_document
from core.data import paths

KEPT = 16  # proposals kept (the least recently used goes first)
_KEPT: OrderedDict[tuple, tuple[pd.DataFrame, int]] = OrderedDict()
_LOCK = threading.Lock()
FAILED = "This step failed; the details are in the server log. Try again, or propose with dashboard/curate.py."


def _stoppable(function, args: tuple, label: str):
    """function(*args) in a child process, with a line saying how long it has been running."""
    line = st.empty()
    try:
        return worker.run_stoppable(function, args, poll=lambda elapsed: line.caption(f"{label} {elapsed:.0f} s"))
    except worker.StepFailed as failed:
        logging.getLogger("dashboard").error("%s %s\n%s", label, failed, failed.details)
        raise
    finally:
        line.empty()


def read_upload(name: str, data: bytes) -> str:
    """The text of an uploaded .txt, .md or .pdf (raises CurationError with the reason it is refused)."""
    return _stoppable(read_document, (name, data), "Reading the document…")


def proposals(doc_id: str, text_fingerprint: str, registered: bool, data_version: str, text: str) -> tuple[pd.DataFrame, int]:
    """Candidates for one document and how many the tables already hold, made once per document text
    and data version (callers copy before changing them)."""
    key = (doc_id, text_fingerprint, registered, data_version)
    with _LOCK:
        if key in _KEPT:
            _KEPT.move_to_end(key)
            return _KEPT[key]
    made = _stoppable(worker.propose_for, (doc_id, text, registered, str(paths.curated_dir()), str(paths.seeds_dir())),
                      "Proposing rows…")
    with _LOCK:
        _KEPT[key] = made
        while len(_KEPT) > KEPT:
            _KEPT.popitem(last=False)
    return made
