"""A reader's server (dashboard/server.py, as scripts/run.sh starts it) in front of people (issue 23):
security headers on every answer, no metrics, no uploads stored, memory flat however often a client
clears the caches, a widget value of the wrong type answered with the page's sentence, and a link
too long for Streamlit answered with one notice. Spoken to over HTTP and Streamlit's own websocket
protocol (scripts/protocol_load.py), no browser needed."""

from __future__ import annotations

import asyncio
import http.client
import random
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from core.analysis.filters import MAX_LINK_FIELDS, too_long_notice
from ui.chrome import PAGE_FAILED

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from protocol_load import Reader, rss_mb  # noqa: E402

SECURITY_HEADERS = {
    "content-security-policy": "frame-ancestors 'self'; object-src 'none'; base-uri 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "SAMEORIGIN",
}


def request(url: str, method: str = "GET", path: str = "/", body: bytes = b"", headers: dict | None = None):
    """(status, headers, body) of one request; status "closed" if the server closed the connection
    before answering (it may, when it refuses a body without reading it)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request(method, parts.path.rstrip("/") + path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    except (ConnectionResetError, BrokenPipeError):
        return "closed", {}, b""
    finally:
        connection.close()


def run(coroutine):
    """asyncio.run in a thread of its own: Playwright's sync API keeps an event loop running in this
    one once a browser test has run in the process."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_every_answer_carries_the_security_headers_and_metrics_are_not_public(app_url):
    _, _, index = request(app_url)
    script = next(part.split('"')[0] for part in index.decode().split('src="')[1:] if part.startswith("./static/"))
    for path in ("/", "/attacks?country=TJK", "/" + script[2:], "/_stcore/health", "/_stcore/host-config",
                 "/app/static/geo/countries.geojson", "/no-such-page"):
        status, headers, _ = request(app_url, path=path)
        assert status == 200, (path, status)
        for name, value in SECURITY_HEADERS.items():
            assert headers.get(name) == value, f"{path}: {name} is {headers.get(name)!r}"
    status, headers, body = request(app_url, path="/_stcore/metrics")
    assert status == 404 and b"streamlit" not in body.lower()
    assert headers.get("x-content-type-options") == "nosniff"


def upload(url: str, session: str, size: int, token: str):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + random.randbytes(size) + \
        f"\r\n--{boundary}--\r\n".encode()
    return request(url, "PUT", f"/_stcore/upload_file/{session}/{uuid.uuid4()}", body, {
        "Content-Type": f"multipart/form-data; boundary={boundary}", "X-Xsrftoken": token,
        "Cookie": f"_streamlit_xsrf={token}"})


def test_a_reader_upload_is_refused_and_nothing_is_stored(app_server):
    """An open session's id and an XSRF token the client makes up itself were all Streamlit asked for."""
    proc, url = app_server

    async def uploads():
        reader = Reader(url)
        await reader.open()
        await reader.rerun("")  # the session stays open while it uploads
        token = uuid.uuid4().hex  # a "version 1" XSRF token: the same made-up value as cookie and header
        before = rss_mb(proc.pid)
        answers = [await asyncio.to_thread(upload, url, reader.session_id, size, token)
                   for size in (1024, *[8 * 1024 * 1024] * 4)]
        grown = rss_mb(proc.pid) - before
        await reader.close()
        return answers, grown

    answers, grown = run(uploads())
    assert answers[0][0] == 403 and answers[0][2] == b"This server takes no uploads.", answers[0]
    assert all(status in (403, "closed") for status, _, _ in answers), [a[0] for a in answers]
    assert grown < 16, f"32 MB sent: the server grew by {grown:.0f} MB"


def test_clearing_the_caches_again_and_again_keeps_memory_flat(app_server):
    """Streamlit empties st.cache_data and st.cache_resource for everyone on any client's clear_cache
    message; 40 clear-and-change cycles must leave the server's memory where it was after 10."""
    proc, url = app_server

    async def cycles() -> list[float]:
        reader = Reader(url)
        await reader.open()
        assert (await reader.rerun("attacks")).status == "ok"
        rng, memory = random.Random(3), []
        for cycle in range(50):
            await reader.clear_cache()
            reader.random_filters(rng)
            assert (await reader.rerun("attacks")).status == "ok", cycle
            memory.append(rss_mb(proc.pid))
        await reader.close()
        return memory

    memory = run(cycles())
    assert max(memory[10:]) - memory[9] < 6, f"RSS after cycle 10: {memory[9]:.0f} MB, then up to {max(memory[10:]):.0f} MB"


def test_a_widget_value_of_the_wrong_type_gets_the_pages_sentence(app_url):
    async def wrong_type():
        reader = Reader(url=app_url)
        await reader.open()
        await reader.rerun("attacks")
        reader.values = {reader.ids["w_country"]: ("json_value", "{not json")}  # a multiselect sends strings
        failed = await reader.rerun("attacks")
        await reader.close()
        other = Reader(app_url)  # another session is not touched
        await other.open()
        fine = await other.rerun("attacks")
        await other.close()
        return failed, fine

    failed, fine = run(wrong_type())
    assert PAGE_FAILED in failed.alerts and not any(a.startswith("exception:") for a in failed.alerts), failed.alerts
    assert fine.status == "ok" and PAGE_FAILED not in fine.alerts


def test_a_link_too_long_for_streamlit_gets_one_notice(app_url):
    """Streamlit drops a query string of over 1,000 values without a word: the server sends such a
    link (anything over MAX_LINK_FIELDS values) to ?link=too-long, which the page says in one notice."""
    query = "&".join(f"k{i}=1" for i in range(1001))
    status, headers, _ = request(app_url, path=f"/attacks?{query}")
    assert status == 303 and headers["location"].endswith("/attacks?link=too-long")
    assert request(app_url, path="/attacks?" + "&".join(["country=KAZ"] * MAX_LINK_FIELDS))[0] == 200

    async def open_link():
        reader = Reader(app_url)
        await reader.open()
        page = await reader.rerun("attacks", query="link=too-long")
        await reader.close()
        return page

    page = run(open_link())
    notices = [a for a in page.alerts if "link" in a]
    assert len(notices) == 1 and notices[0].replace("\\", "") == too_long_notice(), page.alerts
