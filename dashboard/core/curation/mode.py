"""Reader or curator: the write path (the Curate page) exists only when the app is started for a curator.

Curator mode is switched on when the server starts, never from a browser:
    DASHBOARD_CURATOR=1 streamlit run dashboard/app.py
    streamlit run dashboard/app.py -- --curator
A reader's session has no Curate page, no URL that reaches it and no widget that writes.
"""

from __future__ import annotations

import os
import sys

CURATOR_ENV = "DASHBOARD_CURATOR"
CURATOR_FLAG = "--curator"


def curator_mode(argv: list[str] | None = None, environ: dict | None = None) -> bool:
    argv = sys.argv if argv is None else argv
    environ = os.environ if environ is None else environ
    return CURATOR_FLAG in argv[1:] or environ.get(CURATOR_ENV, "").strip().lower() in ("1", "true", "yes", "on")
