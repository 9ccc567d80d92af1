"""Reader or curator: the write path (the Curate page) exists only when the app is started for a curator.

Curator mode is switched on when the server starts, never from a browser, and only behind the
curator's sign-in and host checks of dashboard/server.py:
    DASHBOARD_CURATOR=1 bash scripts/run.sh
dashboard/app.py served alone (`streamlit run dashboard/app.py`) has no such checks, so there
curator mode stays off and the app says why. A reader's session has no Curate page, no URL that
reaches it and no widget that writes.
"""

from __future__ import annotations

import os
import sys

CURATOR_ENV = "DASHBOARD_CURATOR"
CURATOR_FLAG = "--curator"
# Set by dashboard/server.py in its own process before it serves app.py (tests that open app.py
# through AppTest, where no network reaches it, set it themselves).
GATE_ENV = "DASHBOARD_SERVED_BY"
GATE = "server.py"
NO_GATE = ("Curator mode is off: dashboard/app.py was started on its own, without the curator's sign-in. "
           "Start the curator's server with: DASHBOARD_CURATOR=1 bash scripts/run.sh")


def curator_mode(argv: list[str] | None = None, environ: dict | None = None) -> bool:
    argv = sys.argv if argv is None else argv
    environ = os.environ if environ is None else environ
    return CURATOR_FLAG in argv[1:] or environ.get(CURATOR_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def behind_gate(environ: dict | None = None) -> bool:
    """Whether the app is served by dashboard/server.py, which signs the curator in and checks hosts."""
    environ = os.environ if environ is None else environ
    return environ.get(GATE_ENV) == GATE


def curate_page_allowed(argv: list[str] | None = None, environ: dict | None = None) -> bool:
    """Curator mode, behind the gate: the only case in which the Curate page exists."""
    return curator_mode(argv, environ) and behind_gate(environ)
