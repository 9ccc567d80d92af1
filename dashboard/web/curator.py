"""The curator's server (the only one that can write) answers only where and to whom it should.

Every request, HTTP or websocket, passes four checks before Streamlit sees it:
1. the client: on a server started without an explicit address (Streamlit then listens on every
   interface), only this machine (127.0.0.1, ::1) is answered; scripts/run.sh binds 127.0.0.1;
2. Host: one of the names the server is meant to be reached by (localhost, 127.0.0.1, ::1, and any
   listed in the curator's settings): a page on another site whose name was made to point at this
   machine (DNS rebinding) sends its own name and is refused;
3. Origin, when the browser sends one: the same host as the request; another site's page cannot
   open the curator's websocket or post to it;
4. a credential: the signed cookie the sign-in page sets after the curator gives the token (or, for
   scripts, `Authorization: Bearer <token>`). Without it, a page asks the curator to sign in; any
   other request is refused. The token comes from Streamlit's secrets (`[curator] token` in
   .streamlit/secrets.toml) or DASHBOARD_CURATOR_TOKEN; without either, dashboard/server.py makes
   one at start and prints it once.
/_stcore/health (says "ok", nothing else) answers after checks 1-3 only, for monitoring.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import html
import time
from urllib.parse import parse_qs, quote, urlsplit

from web.asgi import LOOPBACK, answer, client_is_loopback, header, hostname, redirect

COOKIE = "dashboard_curator"
SIGN_IN = "/curator-sign-in"
LIFETIME_S = 12 * 3600  # a sign-in lasts a working day
MAX_FORM = 4096  # bytes of a sign-in form


def issue(token: str, now: float | None = None) -> str:
    """A cookie value valid for LIFETIME_S: its expiry, signed with the token (a new token ends it)."""
    expires = int((now or time.time()) + LIFETIME_S)
    return f"{expires}.{_sign(token, expires)}"


def _sign(token: str, expires: int) -> str:
    return hmac.new(token.encode("utf-8"), f"dashboard-curator:{expires}".encode(), hashlib.sha256).hexdigest()


def valid_cookie(token: str, value: str | None, now: float | None = None) -> bool:
    try:
        expires, signature = (value or "").split(".", 1)
        expires_at = int(expires)
    except ValueError:
        return False
    return expires_at > (now or time.time()) and hmac.compare_digest(signature, _sign(token, expires_at))


def _cookie(scope, name: str) -> str | None:
    for part in (header(scope, b"cookie") or "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


class CuratorGate:
    """ASGI middleware for the curator's server: the four checks of this module's docstring."""

    def __init__(self, app, token: str, hosts: frozenset[str] = frozenset(), remote: bool = False, base_path: str = ""):
        self.app = app
        self.token = token
        self.hosts = frozenset(h.lower() for h in hosts) | LOOPBACK
        self.remote = remote
        self.base = base_path.rstrip("/")
        self.sign_in = self.base + SIGN_IN
        self.health = self.base + "/_stcore/health"

    def refusal(self, scope) -> str | None:
        """Why this request is refused before any credential is looked at (None: it is not)."""
        if not self.remote and not client_is_loopback(scope):
            return "This curator server answers only on the machine it runs on."
        host = header(scope, b"host")
        if hostname(host) not in self.hosts:
            return f"This curator server does not answer to the name \u201c{(host or '')[:80]}\u201d."
        origin = header(scope, b"origin")
        if origin is not None and (origin == "null" or urlsplit(origin).netloc.lower() != (host or "").lower()):
            return "This curator server does not answer to pages of other sites."
        return None

    def signed_in(self, scope) -> bool:
        bearer = header(scope, b"authorization") or ""
        if bearer.startswith("Bearer ") and hmac.compare_digest(bearer[7:].strip().encode(), self.token.encode()):
            return True
        return valid_cookie(self.token, _cookie(scope, COOKIE))

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        refused = self.refusal(scope)
        if refused:
            await answer(scope, send, 403, refused)
            return
        path = scope["path"]
        if path in (self.sign_in, self.health) or self.signed_in(scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD") and not path.startswith(self.base + "/_stcore/"):
            target = path + ("?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else "")
            await redirect(scope, send, f"{self.sign_in}?next={quote(target, safe='/')}")
            return
        await answer(scope, send, 401, "Sign in first: this is the curator's server.")


def _page(base: str, next_path: str, message: str = "") -> str:
    note = f'<p role="alert">{html.escape(message)}</p>' if message else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Curator sign-in</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 34rem; margin: 4rem auto; color: #111">
<h1>Curator sign-in</h1>
<p>This is the curator's server of the dashboard: it can write to the data. Give the curator token
(from <code>.streamlit/secrets.toml</code>, <code>DASHBOARD_CURATOR_TOKEN</code>, or the line the server
printed when it started).</p>
{note}
<form method="post" action="{html.escape(base + SIGN_IN)}">
<input type="hidden" name="next" value="{html.escape(next_path)}">
<label for="token">Curator token</label><br>
<input id="token" name="token" type="password" autocomplete="current-password" required style="width: 100%">
<p><button type="submit">Sign in</button></p>
</form></body></html>"""


def _safe_next(value: str, base: str) -> str:
    """Only a path of this server (not //other.site/ or a full URL)."""
    home = (base or "") + "/"
    if not value or not value.startswith(home) or value.startswith("//") or "\\" in value:
        return home
    return value


def sign_in_route(gate_token: str, base_path: str = "", secure: bool = False):
    """The sign-in page (GET: the form; POST: check the token, set the cookie, go back to the page)."""
    from starlette.responses import HTMLResponse, RedirectResponse
    from starlette.routing import Route

    base = base_path.rstrip("/")

    async def sign_in(request):
        next_path = _safe_next(request.query_params.get("next", ""), base)
        if request.method == "GET":
            return HTMLResponse(_page(base, next_path))
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_FORM:
                return HTMLResponse(_page(base, next_path, "The form was too long."), status_code=413)
        form = {k: v[-1] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        next_path = _safe_next(form.get("next", ""), base)
        if not hmac.compare_digest(form.get("token", "").strip().encode(), gate_token.encode()):
            await asyncio.sleep(1.0)  # a guess costs a second
            return HTMLResponse(_page(base, next_path, "That is not the curator token."), status_code=401)
        response = RedirectResponse(next_path, status_code=303)
        https = secure or request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
        response.set_cookie(COOKIE, issue(gate_token), max_age=LIFETIME_S, path=base or "/", httponly=True,
                            samesite="strict", secure=https)
        return response

    return Route(base + SIGN_IN, sign_in, methods=["GET", "POST"])
