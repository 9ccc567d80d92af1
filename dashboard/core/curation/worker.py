"""A slow step of curation (reading a PDF, proposing rows for a long document) run in a child process
that whoever asked for it can stop: the Curate page stops it when the curator closes the tab.

A page script cannot be interrupted while it computes in Python: Streamlit stops a script only at
its next Streamlit call. So the work runs in a child process, and the caller waits for it in short
steps, calling `poll(seconds_so_far)` between them (the page updates a "Proposing…" line there,
which is where Streamlit stops a script whose session has gone). Whatever ends the wait (the
result, an error, `poll` raising, the time limit) the child is ended before this returns.

The children are made by a fork server (multiprocessing's "forkserver": one clean process, started
at the first use, that forks a child for each step), never by forking the server itself, whose
threads may hold locks at that moment. The fork server imports pandas, the proposer and the city
index once (core.curation.preload), so a child starts in milliseconds; Python 3.11's fork server does
not take its parent's sys.path, so the dashboard folder is put on PYTHONPATH for it.
"""

from __future__ import annotations

import multiprocessing
import os
import time
import traceback
from pathlib import Path
from typing import Any, Callable

from core.curation.register import CurationError

PRELOAD = ["core.curation.preload"]  # imported once by the fork server: pandas, the proposer, the city index
LIMIT_S = 300.0  # no step of curation should take longer than this (a 500,000-character document: about 10 s)


class StepFailed(Exception):
    """The child failed in a way the curator cannot act on (a bug): the details are in `details`."""

    def __init__(self, message: str, details: str = ""):
        super().__init__(message)
        self.details = details


DASHBOARD = str(Path(__file__).resolve().parents[2])  # where `core` is imported from


def propose_for(doc_id: str, text: str, registered: bool, curated_dir: str, seeds_dir: str):
    """The proposing step: candidates for a document against the tables in these folders, and for a
    registered document only what the tables lack (returns the candidates and how many were left out)."""
    from core.curation.review import drop_already_curated, propose_candidates
    from core.data.loading import load_corpus

    corpus = load_corpus(Path(curated_dir), Path(seeds_dir), validate=False)
    candidates = propose_candidates(doc_id, text, corpus.tables)
    if registered and doc_id in corpus.documents:
        return drop_already_curated(candidates, corpus.documents[doc_id], corpus.tables)
    return candidates, 0


def _context():
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if DASHBOARD not in paths:  # read by the fork server when it starts (it imports PRELOAD from there)
        os.environ["PYTHONPATH"] = os.pathsep.join([DASHBOARD, *paths])
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def _child(connection, function: Callable, args: tuple) -> None:
    try:
        connection.send(("ok", function(*args)))
    except CurationError as refused:
        connection.send(("refused", refused.messages))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it there
        connection.send(("failed", traceback.format_exc()))
    finally:
        connection.close()


def warm() -> None:
    """Start the fork server now (it imports pandas, the proposer and the city index, a few seconds)
    rather than at the curator's first proposal; the curator's server calls it at start."""
    run_stoppable(str, (), lambda elapsed: None)


def run_stoppable(function: Callable, args: tuple, poll: Callable[[float], None], every_s: float = 0.25,
                  limit_s: float = LIMIT_S) -> Any:
    """`function(*args)` in a child process (function and args must pickle). Between waits of
    `every_s`, `poll(elapsed)` is called: if it raises, the child is ended and the exception goes on.
    A CurationError in the child is raised here as it was; the time limit raises CurationError too."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args), daemon=True)
    started = time.monotonic()
    child.start()
    sender.close()
    try:
        while not receiver.poll(every_s):
            elapsed = time.monotonic() - started
            if not child.is_alive() and not receiver.poll():
                raise StepFailed(f"the step ended without an answer (exit code {child.exitcode})")
            if elapsed > limit_s:
                raise CurationError(f"-:-:-: this step took more than {limit_s:.0f} s and was stopped; "
                                    "try a shorter document")
            poll(elapsed)
        try:
            status, value = receiver.recv()
        except EOFError:  # the child ended without an answer (killed, or it could not start)
            raise StepFailed(f"the step ended without an answer (exit code {child.exitcode})") from None
    finally:
        if child.is_alive():
            child.terminate()
            child.join(5)
            if child.is_alive():
                child.kill()
        child.join()
        receiver.close()
    if status == "refused":
        raise CurationError(value)
    if status == "failed":
        raise StepFailed("the step failed", value)
    return value
