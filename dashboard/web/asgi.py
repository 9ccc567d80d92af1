"""Small helpers for the middleware of dashboard/web: reading a request's headers and answering it
without Streamlit (a plain-text page, a redirect, a websocket refused before it opens)."""

from __future__ import annotations

import ipaddress
from urllib.parse import quote

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


def header(scope, name: bytes) -> str | None:
    """The first value of a request header (name in lower case), or None."""
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def hostname(host: str | None) -> str:
    """'example.org' from 'example.org:8501', '::1' from '[::1]:8501' (lower case)."""
    if not host:
        return ""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def client_is_loopback(scope) -> bool:
    """The request comes from this machine (127.0.0.0/8 or ::1, also as ::ffff:127.0.0.1 on a
    dual-stack socket, which Streamlit binds when no address is set)."""
    client = scope.get("client")
    if not client:
        return False
    try:
        address = ipaddress.ip_address(client[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_loopback


async def answer(scope, send, status: int, text: str, headers: tuple[tuple[str, str], ...] = ()) -> None:
    """A plain-text answer to an HTTP request; a websocket is refused before it opens (the client
    sees HTTP 403 and nothing else)."""
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008, "reason": text[:120]})
        return
    body = text.encode("utf-8")
    raw = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
           (b"cache-control", b"no-store")]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


async def redirect(scope, send, location: str) -> None:
    await answer(scope, send, 303, f"See {location}", headers=(("location", quote(location, safe="/?=&%:-._~")),))
