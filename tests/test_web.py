"""The middleware of dashboard/web, called as plain ASGI apps (no server): which requests pass, which
are answered without Streamlit, and with what. The same checks against a real server are in
tests/e2e/test_reader_server.py and tests/e2e/test_curator_server.py."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
import re

import pytest

from core.analysis.filters import MAX_LINK_FIELDS
from core.curation.register import MAX_FILE_MB
from core.data.paths import ROOT
from web.asgi import client_is_loopback, hostname
from web.curator import COOKIE, CuratorGate, _safe_next, issue, valid_cookie
from web.headers import HEADERS, SecureResponses
from web.readers import ReaderLimits

TOKEN = "a-token-for-these-tests"


async def _inner(scope, receive, send):
    if scope["type"] == "websocket":
        await send({"type": "websocket.accept"})
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"referrer-policy", b"no-referrer")]})
    await send({"type": "http.response.body", "body": b"streamlit"})


def call(middleware, path="/", method="GET", kind="http", query=b"", headers=(), client=("127.0.0.1", 5000)):
    """(status or 'websocket.accept'/'websocket.close', headers, body, whether Streamlit was reached)."""
    scope = {"type": kind, "path": path, "method": method, "query_string": query, "client": client,
             "headers": [(k.lower().encode(), v.encode()) for k, v in dict(headers).items()]}
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    # In a thread of its own: a worker that ran the browser tests first has Playwright's event loop
    # running in this one, where asyncio.run refuses to start.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, middleware(scope, receive, send)).result()
    first = sent[0]
    if first["type"].startswith("websocket"):
        return first["type"], {}, b"", first["type"] == "websocket.accept"
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return first["status"], {k.decode(): v.decode() for k, v in first["headers"]}, body, body == b"streamlit"


def test_every_http_answer_gets_the_security_headers_and_metrics_are_hidden():
    secure = SecureResponses(_inner, base_path="/briefings/dash")
    status, headers, _, reached = call(secure, "/briefings/dash/attacks")
    assert status == 200 and reached
    for name, value in HEADERS:
        if name != "referrer-policy":
            assert headers[name] == value
    assert headers["referrer-policy"] == "no-referrer", "a header Streamlit set is left as it is"
    for path in ("/briefings/dash/_stcore/metrics", "/briefings/dash/_stcore/metrics/"):
        status, headers, _, reached = call(secure, path)
        assert (status, reached) == (404, False) and headers["x-content-type-options"] == "nosniff"
    assert call(secure, "/_stcore/metrics")[3], "only under the server's own base path"
    assert call(secure, "/x", kind="websocket")[0] == "websocket.accept"


def test_a_readers_server_refuses_uploads_and_sends_a_link_too_long_to_one_notice():
    limits = ReaderLimits(_inner)
    for method in ("PUT", "DELETE", "OPTIONS"):
        status, _, body, reached = call(limits, "/_stcore/upload_file/session/file", method)
        assert (status, body, reached) == (403, b"This server takes no uploads.", False)
    too_many = "&".join(f"k{i}=1" for i in range(MAX_LINK_FIELDS + 1)).encode()
    status, headers, _, reached = call(limits, "/attacks", query=too_many)
    assert (status, headers["location"], reached) == (303, "/attacks?link=too-long", False)
    just_enough = "&".join(f"k{i}=1" for i in range(MAX_LINK_FIELDS)).encode()
    assert call(limits, "/attacks", query=just_enough)[3]
    assert call(limits, "/_stcore/health", query=too_many)[3], "Streamlit's own endpoints are left alone"
    assert call(ReaderLimits(_inner, "/base"), "/base/_stcore/upload_file/a/b", "PUT")[0] == 403


def gate(remote=False, hosts=frozenset()):
    return CuratorGate(_inner, token=TOKEN, hosts=hosts, remote=remote)


def test_the_curator_server_answers_this_machine_only_unless_told_otherwise():
    local = {"Host": "127.0.0.1:8502", "Authorization": f"Bearer {TOKEN}"}
    assert call(gate(), headers=local)[3]
    assert call(gate(), headers=local, client=("::ffff:127.0.0.1", 1))[3], "IPv4 on a dual-stack socket"
    status, _, body, reached = call(gate(), headers=local, client=("10.0.0.7", 1))
    assert (status, reached) == (403, False) and b"only on the machine it runs on" in body
    assert call(gate(remote=True), headers=local, client=("10.0.0.7", 1))[3]
    assert call(gate(), kind="websocket", headers=local, client=("10.0.0.7", 1))[0] == "websocket.close"


def test_the_curator_server_answers_only_its_hosts_and_its_own_pages():
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    for host in ("localhost:8502", "127.0.0.1", "[::1]:8502", "LOCALHOST"):
        assert call(gate(), headers={**bearer, "Host": host})[3], host
    for headers in ({"Host": "evil.example:8502"}, {"Host": "127.0.0.1.evil.example"}, {},
                    {"Host": "localhost:8502", "Origin": "http://evil.example:8502"},
                    {"Host": "localhost:8502", "Origin": "http://localhost:9999"},
                    {"Host": "localhost:8502", "Origin": "null"}):
        for kind in ("http", "websocket"):
            status, _, _, reached = call(gate(), kind=kind, headers={**bearer, **headers})
            assert not reached and status in (403, "websocket.close"), (headers, kind, status)
    assert call(gate(), headers={**bearer, "Host": "localhost:8502", "Origin": "http://localhost:8502"})[3]
    listed = gate(remote=True, hosts=frozenset({"curate.example.org"}))
    assert call(listed, headers={**bearer, "Host": "curate.example.org", "Origin": "https://curate.example.org"})[3]


def test_the_curator_server_asks_for_a_credential():
    host = {"Host": "localhost:8502"}
    status, headers, _, reached = call(gate(), "/curate", query=b"doc=uwed&x=1", headers=host)
    assert (status, headers["location"], reached) == (303, "/curator-sign-in?next=/curate%3Fdoc%3Duwed%26x%3D1", False)
    assert call(gate(), "/_stcore/upload_file/a/b", "PUT", headers=host)[:2][0] == 401
    assert call(gate(), "/_stcore/stream", kind="websocket", headers=host)[0] == "websocket.close"
    assert call(gate(), "/_stcore/health", headers=host)[3] and call(gate(), "/curator-sign-in", headers=host)[3]
    assert not call(gate(), headers={**host, "Authorization": "Bearer wrong"})[3]
    assert call(gate(), headers={**host, "Cookie": f"other=1; {COOKIE}={issue(TOKEN)}"})[3]
    assert not call(gate(), headers={**host, "Cookie": f"{COOKIE}={issue('another token')}"})[3]


def test_a_sign_in_cookie_is_signed_with_the_token_and_expires():
    value = issue(TOKEN, now=1_000_000)
    assert valid_cookie(TOKEN, value, now=1_000_000 + 3600)
    assert not valid_cookie(TOKEN, value, now=1_000_000 + 13 * 3600), "expired after 12 hours"
    assert not valid_cookie("a new token", value, now=1_000_000 + 60)
    expires, signature = value.split(".")
    assert not valid_cookie(TOKEN, f"{int(expires) + 99999}.{signature}", now=1_000_000)
    for forged in ("", "x", "1.2.3", None, f"{expires}."):
        assert not valid_cookie(TOKEN, forged, now=1_000_000)


@pytest.mark.parametrize("given, kept", [("/curate", "/curate"), ("/curate?doc=uwed", "/curate?doc=uwed"), ("", "/"),
                                         ("//evil.example/", "/"), ("https://evil.example/", "/"), ("/\\evil", "/")])
def test_after_sign_in_only_a_page_of_this_server_is_opened(given, kept):
    assert _safe_next(given, "") == kept


def test_host_names_and_loopback_clients_are_read_as_browsers_send_them():
    assert hostname("Example.org:8501") == "example.org" and hostname("[::1]:8501") == "::1" and hostname("::1") == "::1"
    assert hostname(None) == ""
    assert client_is_loopback({"client": ("127.0.0.5", 1)}) and client_is_loopback({"client": ("::1", 1)})
    assert not client_is_loopback({"client": ("::ffff:10.0.0.1", 1)}) and not client_is_loopback({"client": None})


def test_the_curator_server_takes_documents_as_large_as_curation_accepts():
    run_sh = (ROOT / "scripts" / "run.sh").read_text()
    assert f"--server.maxUploadSize={MAX_FILE_MB}" in run_sh
    assert re.search(r"given --server.address \|\| args=\(--server.address=127.0.0.1", run_sh)
