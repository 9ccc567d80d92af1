"""The server: the dashboard (app.py) behind the middleware of dashboard/web, through Streamlit's st.App.

    streamlit run dashboard/server.py                      a reader's server
    DASHBOARD_CURATOR=1 streamlit run dashboard/server.py  the curator's server (bash scripts/run.sh
                                                           starts both; see docs/production.md)

Both servers: security headers on every answer and /_stcore/metrics hidden (web.headers); a failure
before or outside a page's own error handling (a widget value of the wrong type sent by a client)
shows the page's sentence, not Streamlit's message (on_script_error). A reader's server refuses
uploads and answers a link too long to read with one notice (web.readers). The curator's server
answers only on this machine unless started with an explicit --server.address, only to its hosts,
and only after sign-in with the curator token (web.curator).
"""

from __future__ import annotations

import logging
import os
import secrets
import sys
import threading
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

sys.path.insert(0, str(Path(__file__).resolve().parent))

from core.curation import worker  # noqa: E402
from core.curation.mode import GATE, GATE_ENV, curator_mode  # noqa: E402
from ui.chrome import PAGE_FAILED  # noqa: E402
from web.curator import CuratorGate, sign_in_route  # noqa: E402
from web.headers import SecureResponses  # noqa: E402
from web.readers import ReaderLimits  # noqa: E402

os.environ[GATE_ENV] = GATE  # app.py, run by this process, is behind the middleware below (core.curation.mode)
TOKEN_ENV = "DASHBOARD_CURATOR_TOKEN"
HOSTS_ENV = "DASHBOARD_CURATOR_HOSTS"  # comma-separated names the curator's server is reached by
LOG = logging.getLogger("dashboard")


def page_failed(error: Exception) -> bool:
    """A script failed outside app.py's own try (before the page ran): the page's sentence instead of
    Streamlit's, the details in the server log. (A widget value a client sent that cannot be read
    fails that session's later runs too, with the same sentence; no other session is touched.)"""
    LOG.error("a page failed outside its own error handling", exc_info=error)
    st.error(PAGE_FAILED)
    return True  # Streamlit shows nothing else


def _curator_settings() -> dict:
    """`[curator]` of Streamlit's secrets (.streamlit/secrets.toml), if there is one."""
    try:
        return dict(st.secrets.get("curator", {}))
    except FileNotFoundError:  # no secrets file at all
        return {}


def curator_token(settings: dict) -> str:
    token = os.environ.get(TOKEN_ENV) or str(settings.get("token", ""))
    if token.strip():
        return token.strip()
    token = secrets.token_urlsafe(24)
    print(f"\n  Curator mode: sign in with the token {token}\n  (made for this run; set [curator] token in "
          f".streamlit/secrets.toml or {TOKEN_ENV} to choose one)\n", file=sys.stderr, flush=True)
    return token


def curator_hosts(settings: dict) -> frozenset[str]:
    configured = settings.get("hosts", [])
    listed = os.environ.get(HOSTS_ENV, "").split(",") + (configured.split(",") if isinstance(configured, str) else list(configured))
    return frozenset(h.strip().lower() for h in listed if h.strip())


def middleware_and_routes() -> tuple[list, list]:
    base = "/" + st.get_option("server.baseUrlPath").strip("/") if st.get_option("server.baseUrlPath") else ""
    middleware = [Middleware(SecureResponses, base_path=base)]
    routes = []
    if curator_mode():
        settings = _curator_settings()
        token = curator_token(settings)
        address = st.get_option("server.address") or ""
        remote = address not in ("", "127.0.0.1", "localhost", "::1")  # told to listen beyond this machine
        middleware.append(Middleware(CuratorGate, token=token, hosts=curator_hosts(settings), remote=remote,
                                     base_path=base))
        routes.append(sign_in_route(token, base))
        threading.Thread(target=worker.warm, name="warm-curation-worker", daemon=True).start()
    else:
        middleware.append(Middleware(ReaderLimits, base_path=base))
    return middleware, routes


MIDDLEWARE, ROUTES = middleware_and_routes()
# `streamlit run` serves this script as an ASGI app when it finds `app = st.App(...)` written out here.
app = st.App("app.py", routes=ROUTES, middleware=MIDDLEWARE, on_script_error=page_failed)
