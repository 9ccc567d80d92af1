"""What a reader's server refuses before Streamlit sees it.

- Uploads: no reader page has a file uploader, yet Streamlit's /_stcore/upload_file stores what any
  client sends it (with an XSRF token the client can make up) until the session ends. On a reader's
  server it answers 403 without reading the body; Streamlit's own limit (server.maxUploadSize = 0 in
  .streamlit/config.toml) refuses it too.
- Links too long to pass on: Streamlit drops a query string of over 1,000 values or 512 KiB without
  a word, so the page would open as if the link were plain. A page asked for with more values than
  a link of this dashboard can have (core.analysis.filters.MAX_LINK_FIELDS) is sent to the same page
  with ?link=too-long instead, where the reader reads one notice saying so.
"""

from __future__ import annotations

from core.analysis.filters import MAX_LINK_FIELDS, TOO_LONG, link_fields
from web.asgi import answer, redirect


class ReaderLimits:
    """ASGI middleware for a reader's server: refuse uploads; redirect a link with too many values."""

    def __init__(self, app, base_path: str = ""):
        self.app = app
        base = base_path.rstrip("/")
        self.upload = base + "/_stcore/upload_file"
        self.core = base + "/_stcore/"

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            path = scope["path"]
            if path == self.upload or path.startswith(self.upload + "/"):
                await answer(scope, send, 403, "This server takes no uploads.")
                return
            query = scope.get("query_string", b"").decode("latin-1")
            if scope["method"] in ("GET", "HEAD") and not path.startswith(self.core) and link_fields(query) > MAX_LINK_FIELDS:
                await redirect(scope, send, f"{path}?link={TOO_LONG}")
                return
        await self.app(scope, receive, send)
