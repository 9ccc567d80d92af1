"""The curator's server in front of strangers (issue 23): a request from a foreign Host or Origin
(what a DNS-rebinding page sends) is refused even with the token, one without a credential is
refused, scripts/run.sh binds it to 127.0.0.1, and in the browser: sign-in, a document over the
size limit refused in words, and proposing ended when the curator closes the tab. Each on a
scratch copy of the data; the data are unchanged by every refused request."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import websockets
from playwright.sync_api import expect

from core.curation.register import MAX_DOCUMENT_CHARS

from .conftest import new_page, CURATOR_TOKEN, ROOT, after_rerun, listening_addresses, poll, sign_in, until
from .test_reader_server import request, run

sys.path.insert(0, str(ROOT / "scripts"))
from protocol_load import Reader  # noqa: E402

BEARER = {"Authorization": f"Bearer {CURATOR_TOKEN}"}


@pytest.fixture(scope="module")
def curator(curator_server):
    return curator_server


def snapshot(scratch) -> dict[str, bytes]:
    return {f"{p.parent.name}/{p.name}": p.read_bytes() for folder in (scratch.curated, scratch.seeds)
            for p in sorted(folder.iterdir())}


def websocket_status(url: str, headers: dict, connect_to: tuple | None = None) -> int | str:
    """The HTTP status that refused the websocket, or "open" (and the Curate page then opens)."""
    async def attempt():
        reader = Reader(url, headers, timeout=60, connect_to=connect_to)
        try:
            await reader.open()
        except websockets.InvalidStatus as refused:
            return refused.response.status_code
        page = await reader.rerun("curate")
        await reader.close()
        return "open" if "Curate" in page.headings else f"opened, but: {page.headings[:3]} {page.alerts[:2]}"
    return run(attempt())


def test_a_foreign_host_or_origin_is_refused_even_with_the_token(curator):
    proc, url, scratch = curator
    before = snapshot(scratch)
    port = urlsplit(url).port
    evil = f"http://evil.example:{port}"
    # a page of evil.example whose name now points at this machine: Host and Origin are evil.example's
    assert websocket_status(evil, BEARER, connect_to=("127.0.0.1", port)) == 403
    assert websocket_status(url, {**BEARER, "Origin": "http://evil.example"}) == 403
    assert websocket_status(url, {**BEARER, "Origin": "null"}) == 403
    for headers in ({"Host": f"evil.example:{port}"}, {"Origin": "http://evil.example"}):
        status, _, body = request(url, path="/curate", headers={**BEARER, **headers})
        assert status == 403 and b"does not answer" in body, (headers, status)
        status, answer, _ = request(url, "POST", "/curator-sign-in", f"token={CURATOR_TOKEN}&next=/curate".encode(),
                                    {**headers, "Content-Type": "application/x-www-form-urlencoded"})
        assert status == 403 and "set-cookie" not in answer
    assert websocket_status(url, BEARER) == "open", "the same request from the curator's own page is answered"
    assert snapshot(scratch) == before


def test_a_request_without_credentials_is_refused(curator):
    proc, url, scratch = curator
    before = snapshot(scratch)
    assert websocket_status(url, {}) == 403
    assert websocket_status(url, {"Authorization": "Bearer not-the-token"}) == 403
    assert websocket_status(url, {"Cookie": "dashboard_curator=9999999999.0000"}) == 403
    status, headers, _ = request(url, path="/curate?doc=uwed")
    assert status == 303 and headers["location"] == "/curator-sign-in?next=/curate%3Fdoc%3Duwed"
    assert request(url, "PUT", "/_stcore/upload_file/a/b", b"x")[0] == 401
    assert request(url, "POST", "/curator-sign-in", b"token=guess&next=/curate",
                   {"Content-Type": "application/x-www-form-urlencoded"})[0] == 401
    status, headers, _ = request(url, "POST", "/curator-sign-in", f"token={CURATOR_TOKEN}&next=//evil.example/".encode(),
                                 {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 303 and headers["location"] == "/" and "HttpOnly" in headers["set-cookie"]
    cookie = headers["set-cookie"].split(";")[0]
    assert "SameSite=strict" in headers["set-cookie"] or "samesite=strict" in headers["set-cookie"].lower()
    assert websocket_status(url, {"Cookie": cookie}) == "open"
    assert request(url, path="/_stcore/health")[0] == 200, "health answers for monitoring, and says only ok"
    assert snapshot(scratch) == before


def test_scripts_run_sh_binds_the_curator_server_to_this_machine(curator):
    proc, url, scratch = curator
    assert listening_addresses(urlsplit(url).port) == {"0100007F"}, "listens on 127.0.0.1 only"
    assert "--server.address=127.0.0.1" in Path(f"/proc/{proc.pid}/cmdline").read_text().replace("\0", " ")


def _children(pid: int) -> set[int]:
    out = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return out


def _proposing(server_pid: int) -> set[int]:
    """Processes the fork server (a child of the server) has forked: the steps running now."""
    return {grandchild for child in _children(server_pid) for grandchild in _children(child)
            if "forkserver" in Path(f"/proc/{child}/cmdline").read_text(errors="replace")}


def test_a_curator_signs_in_a_long_document_is_refused_and_closing_the_tab_stops_proposing(browser, curator, tmp_path):
    proc, url, scratch = curator
    page = new_page(browser, viewport={"width": 1280, "height": 800})  # a laptop: in software rendering every pixel costs CPU
    page.goto(url + "/curate")
    expect(page.get_by_role("heading", name="Curator sign-in")).to_be_visible()
    sign_in(page, url)
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text("Curate")
    page.get_by_text("A new document").click()
    page.get_by_label("doc_id (lower case, e.g. ferghana_brief)").fill("long_report")
    after_rerun(page, lambda: page.keyboard.press("Enter"))  # each entry reruns the page: upload into the page it leaves
    page.get_by_label("Title as printed").fill("A long report")
    after_rerun(page, lambda: page.keyboard.press("Enter"))
    sentence = "In 2021 some 40 people from Osh returned from Syria, officials said. "
    too_long = tmp_path / "too-long.txt"
    too_long.write_text(sentence * (MAX_DOCUMENT_CHARS // len(sentence) + 50), encoding="utf-8")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(too_long))
    expect(page.get_by_text("a document may have at most 500,000 characters")).to_be_visible()
    # a long document within the limit: proposing takes seconds; the curator closes the tab meanwhile
    long = tmp_path / "long.txt"
    parts, length = [], 0
    while length < MAX_DOCUMENT_CHARS - 1000:  # just under the limit: every sentence its own
        parts.append(f"Report {len(parts)}. {sentence}")
        length += len(parts[-1])
    long.write_text("".join(parts), encoding="utf-8")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(long))
    expect(page.get_by_text("Proposing rows…")).to_be_visible()
    running = poll(lambda: _proposing(proc.pid), "a child proposing", page=page)
    page.close()
    started = time.monotonic()
    until(lambda: not (_proposing(proc.pid) & running), proc, "the proposing child to end once the tab is closed")
    assert time.monotonic() - started < 30, "ended when the tab closed, not when the work was done"
    assert not any("long_report" in p.read_text(encoding="utf-8") for p in scratch.curated.glob("*.csv"))
