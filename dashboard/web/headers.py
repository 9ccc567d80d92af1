"""Security headers on every answer of the server, and the endpoints nobody outside may reach.

Every HTTP answer (pages, scripts, data, health, errors) gets:
- Content-Security-Policy "frame-ancestors 'self'" (and X-Frame-Options SAMEORIGIN for older
  browsers): no other site can show the dashboard in a frame and trick a reader into clicks;
  "object-src 'none'; base-uri 'self'": no plug-ins, no <base> pointing elsewhere;
- X-Content-Type-Options nosniff: a file is only ever what its type says;
- Referrer-Policy same-origin: a link the reader follows away from the dashboard does not carry the
  address of the view (its filters and search words) to the other site.
A header Streamlit already set is left as it is.

Streamlit's own /_stcore/metrics (session counts and per-user analytics) answers 404: the dashboard
has no use for it, and no one outside should read it.
"""

from __future__ import annotations

from web.asgi import answer

HEADERS = (
    ("content-security-policy", "frame-ancestors 'self'; object-src 'none'; base-uri 'self'"),
    ("x-frame-options", "SAMEORIGIN"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
)
HIDDEN = ("/_stcore/metrics",)


class SecureResponses:
    """ASGI middleware: the headers above on every HTTP answer; the HIDDEN endpoints answer 404."""

    def __init__(self, app, base_path: str = ""):
        self.app = app
        self.hidden = tuple(base_path.rstrip("/") + path for path in HIDDEN)
        self.headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in HEADERS]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"].rstrip("/")

        async def with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                  *((k, v) for k, v in self.headers if k not in present)]}
            await send(message)

        if any(path == hidden or path.startswith(hidden + "/") for hidden in self.hidden):
            await answer(scope, with_headers, 404, "Not found")
            return
        await self.app(scope, receive, with_headers)
