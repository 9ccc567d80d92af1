"""Many readers at once, spoken in Streamlit's own websocket protocol (no browser): each reader opens a
page and changes the sidebar filters, and the time from its BackMsg to the server's script_finished
is measured, at a human pace and in a burst. Prints p50/p95, errors and the server's memory (RSS).

    .venv/bin/python scripts/protocol_load.py [--readers 1,10,50,100] [--patterns pace,burst]
    .venv/bin/python scripts/protocol_load.py --clear-cycles 60      # a reader clearing the caches
    .venv/bin/python scripts/protocol_load.py --url http://127.0.0.1:8501 --pid 1234   # a running server

Without --url it starts the dashboard itself on a free loopback port (--script, default
dashboard/server.py) and stops it at the end. A reader is what a browser tab is to the server: one
websocket on /_stcore/stream, BackMsg protobufs up (rerun_script with the page, the link and the
widget values), ForwardMsg protobufs down (the page's elements, then script_finished). The widgets it
changes are found in the elements the server sends (the sidebar's country list and year slider).
`pace`: once every reader has its page, each changes a filter after a think time of --think seconds,
--changes times.
`burst`: every reader changes a filter at the same instant, --rounds times.
Traffic goes only to the server given or started; every wait is bounded (--timeout).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Common_pb2 import DoubleArray, StringArray
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["", "attacks", "hotspots", "repatriation", "recruitment", "groups", "countries"]  # "" = Overview
FAILED_SENTENCE = "Something went wrong"


def rss_mb(pid: int | None) -> float:
    """The resident memory of a process in MB (nan when unknown)."""
    if not pid:
        return float("nan")
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def cpu_seconds(pid: int | None) -> float:
    """CPU time (user + system) a process has used so far: the server's work, whatever else the
    machine runs at the same time (nan when unknown)."""
    if not pid:
        return float("nan")
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def ws_url(url: str) -> str:
    parts = urlsplit(url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"


@dataclass
class Run:
    """What one script run sent back."""

    seconds: float
    status: str  # "ok", "error" (the page said it failed), "timeout", "closed"
    messages: int = 0
    alerts: list[str] = field(default_factory=list)  # text of warnings and errors on the page
    headings: list[str] = field(default_factory=list)  # the page's titles and headers


class Reader:
    """One browser tab's worth of protocol: a websocket, the widgets the page has drawn, reruns."""

    def __init__(self, url: str, headers: dict | None = None, timeout: float = 120.0, connect_to: tuple | None = None):
        """`headers` are sent with the websocket's opening request (Origin: the server's own by default);
        `connect_to` = (host, port) opens the connection there while `url` names another host (the
        Host header a page of another site would send after DNS rebinding)."""
        self.url = url.rstrip("/")
        self.headers = {"Origin": f"{urlsplit(url).scheme}://{urlsplit(url).netloc}", **(headers or {})}
        self.timeout = timeout
        self.connect_to = connect_to
        self.ws = None
        self.session_id = ""
        self.widgets: dict[str, object] = {}  # user key -> the widget's element proto (multiselect, slider...)
        self.ids: dict[str, str] = {}  # user key -> widget id
        self.values: dict[str, tuple[str, object]] = {}  # widget id -> (value field, value) to send

    async def open(self) -> None:
        where = {"host": self.connect_to[0], "port": self.connect_to[1]} if self.connect_to else {}
        self.ws = await websockets.connect(ws_url(self.url), subprotocols=["streamlit"], max_size=None,
                                          additional_headers=self.headers, open_timeout=self.timeout, **where)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def send(self, msg: BackMsg) -> None:
        await self.ws.send(msg.SerializeToString())

    def _rerun_msg(self, page: str, query: str) -> BackMsg:
        widgets = []
        for widget_id, (kind, value) in self.values.items():
            if kind == "string_array_value":
                value = StringArray(data=value)
            elif kind == "double_array_value":
                value = DoubleArray(data=value)
            widgets.append(WidgetState(id=widget_id, **{kind: value}))
        state = ClientState(query_string=query, page_name=page, widget_states=WidgetStates(widgets=widgets))
        return BackMsg(rerun_script=state)

    async def rerun(self, page: str = "", query: str = "") -> Run:
        """Send rerun_script and read until script_finished; the time between the two."""
        started = time.perf_counter()
        await self.send(self._rerun_msg(page, query))
        return await self.until_finished(started)

    async def until_finished(self, started: float) -> Run:
        run = Run(0.0, "ok")
        deadline = started + self.timeout
        while True:
            try:
                data = await asyncio.wait_for(self.ws.recv(), max(0.01, deadline - time.perf_counter()))
            except asyncio.TimeoutError:
                run.status = "timeout"
                break
            except websockets.ConnectionClosed:
                run.status = "closed"
                break
            run.messages += 1
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id or self.session_id
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._element(msg.delta.new_element, run)
            elif kind == "page_not_found":
                run.status = "error"
                run.alerts.append("page not found")
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    run.status = "error"
                break
        run.seconds = time.perf_counter() - started
        return run

    def _element(self, element, run: Run) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            run.status = "error"
            run.alerts.append("exception: " + element.exception.message)
        elif kind == "heading":
            run.headings.append(element.heading.body)
        elif kind == "alert":
            run.alerts.append(element.alert.body)
            if FAILED_SENTENCE in element.alert.body:
                run.status = "error"
        elif kind in ("multiselect", "slider", "checkbox", "selectbox", "text_input"):
            widget = getattr(element, kind)
            key = widget.id.rsplit("-", 1)[-1] if "-" in widget.id else widget.id
            self.widgets[key] = widget
            self.ids[key] = widget.id

    def set_countries(self, names: list[str]) -> None:
        self.values[self.ids["w_country"]] = ("string_array_value", list(names))

    def set_years(self, low: float, high: float) -> None:
        self.values[self.ids["w_years"]] = ("double_array_value", [float(low), float(high)])

    def random_filters(self, rng: random.Random) -> None:
        """A change a reader could make: some Central Asian countries and a year range."""
        options = list(self.widgets["w_country"].options)[:5]
        self.set_countries(rng.sample(options, rng.randint(0, 2)))
        slider = self.widgets["w_years"]
        low = rng.randint(int(slider.min), int(slider.max) - 1)
        self.set_years(low, rng.randint(low + 1, int(slider.max)))

    async def clear_cache(self) -> None:
        await self.send(BackMsg(clear_cache=True))


# ------------------------------------------------------------------------------------------ patterns


@dataclass
class Result:
    readers: int
    pattern: str
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss_before: float = float("nan")
    rss_peak: float = float("nan")
    rss_after: float = float("nan")
    cpu: float = float("nan")  # server CPU seconds spent while the readers changed filters

    @property
    def cpu_ms(self) -> float:
        return self.cpu / len(self.times) * 1000 if self.times else float("nan")


async def _sample_rss(pid, result: Result, stop: asyncio.Event) -> None:
    while not stop.is_set():
        result.rss_peak = max(result.rss_peak, rss_mb(pid)) if result.rss_peak == result.rss_peak else rss_mb(pid)
        try:
            await asyncio.wait_for(stop.wait(), 0.25)
        except asyncio.TimeoutError:
            pass


async def _open_reader(url, page, headers, timeout, result: Result) -> Reader | None:
    reader = Reader(url, headers, timeout)
    try:
        await reader.open()
        first = await reader.rerun(page)
        if first.status != "ok" or "w_country" not in reader.ids:
            result.errors.append(f"opening /{page}: {first.status} {first.alerts[:1]}")
            await reader.close()
            return None
        return reader
    except (OSError, websockets.WebSocketException) as err:
        result.errors.append(f"opening /{page}: {type(err).__name__}: {err}")
        return None


async def measure(url: str, readers: int, pattern: str, pid: int | None, args, seed: int = 1) -> Result:
    result = Result(readers, pattern, rss_before=rss_mb(pid))
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_rss(pid, result, stop))
    rng = random.Random(seed)
    pages = [PAGES[i % len(PAGES)] for i in range(readers)]
    opened: list[Reader] = []
    for start in range(0, readers, 10):  # connect ten at a time, as readers arriving
        batch = await asyncio.gather(*(_open_reader(url, p, args.headers, args.timeout, result) for p in pages[start:start + 10]))
        opened += [r for r in batch if r is not None]

    async def change(reader: Reader, page: str) -> None:
        reader.random_filters(rng)
        run = await reader.rerun(page)
        if run.status == "ok":
            result.times.append(run.seconds)
        else:
            result.errors.append(f"/{page}: {run.status} {run.alerts[:1]}")

    cpu_before = cpu_seconds(pid)
    if pattern == "pace":  # every reader is on its page first; then each changes filters at its own pace
        lo, hi = args.think

        async def human(reader: Reader, page: str) -> None:
            for _ in range(args.changes):
                await asyncio.sleep(rng.uniform(lo, hi))
                await change(reader, page)

        await asyncio.gather(*(human(r, p) for r, p in zip(opened, pages)))
    else:
        for _ in range(args.rounds):
            await asyncio.gather(*(change(r, p) for r, p in zip(opened, pages)))
    result.cpu = cpu_seconds(pid) - cpu_before
    await asyncio.gather(*(r.close() for r in opened))
    stop.set()
    await sampler
    result.rss_after = rss_mb(pid)
    return result


async def clear_cycles(url: str, cycles: int, pid: int | None, args) -> list[tuple[int, float, float]]:
    """One reader: clear the caches, change a filter, wait for the page; (cycle, seconds, RSS) each time."""
    reader = Reader(url, args.headers, args.timeout)
    await reader.open()
    first = await reader.rerun("attacks")
    if first.status != "ok":
        raise RuntimeError(f"the page did not open: {first.status} {first.alerts[:1]}")
    rng = random.Random(7)
    rows = []
    for cycle in range(1, cycles + 1):
        await reader.clear_cache()
        reader.random_filters(rng)
        run = await reader.rerun("attacks")
        if run.status != "ok":
            raise RuntimeError(f"cycle {cycle}: {run.status} {run.alerts[:1]}")
        rows.append((cycle, run.seconds, rss_mb(pid)))
    await reader.close()
    return rows


def pct(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def table(results: list[Result]) -> str:
    lines = ["| readers | pattern | changes | p50 (s) | p95 (s) | errors | server CPU per change (ms) | RSS before (MB) "
             "| RSS peak (MB) | RSS after (MB) |", "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r.readers} | {r.pattern} | {len(r.times)} | {pct(r.times, 50):.3f} | {pct(r.times, 95):.3f} | "
                     f"{len(r.errors)} | {r.cpu_ms:.0f} | {r.rss_before:.0f} | {r.rss_peak:.0f} | {r.rss_after:.0f} |")
    return "\n".join(lines)


def start_server(script: Path, log: Path, env: dict) -> tuple[object, str]:
    """`streamlit run script` on a free loopback port; (process, url) once /_stcore/health says ok."""
    import socket
    import subprocess

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.headless=true",
                                 f"--server.port={port}", "--server.address=127.0.0.1"],
                                cwd=script.parents[1], stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **env})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=5).read() == b"ok":
                return proc, url
        except OSError:
            pass
        if proc.poll() is not None:
            break
        try:
            proc.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            pass
    proc.kill()
    raise RuntimeError("the server did not start:\n" + log.read_text())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--pid", type=int, help="the running server's process id, for its memory")
    default_script = ROOT / "dashboard" / ("server.py" if (ROOT / "dashboard" / "server.py").exists() else "app.py")
    parser.add_argument("--script", type=Path, default=default_script, help="what `streamlit run` starts")
    parser.add_argument("--readers", default="1,10,50,100", help="comma-separated numbers of readers")
    parser.add_argument("--patterns", default="pace,burst", help="pace, burst or both")
    parser.add_argument("--changes", type=int, default=4, help="filter changes per reader at a human pace")
    parser.add_argument("--think", default="3,8", help="seconds between a reader's changes at a human pace (low,high)")
    parser.add_argument("--rounds", type=int, default=3, help="bursts per measurement")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a reader waits for a page at most")
    parser.add_argument("--clear-cycles", type=int, default=0, help="instead: one reader clearing the caches N times")
    parser.add_argument("--token", help="a curator server's credential (sent as Authorization: Bearer)")
    args = parser.parse_args(argv)
    args.think = tuple(float(x) for x in args.think.split(","))
    args.headers = {"Authorization": f"Bearer {args.token}"} if args.token else {}
    proc = None
    tmp = tempfile.TemporaryDirectory()
    try:
        if args.url:
            url, pid = args.url, args.pid
        else:
            proc, url = start_server(args.script, Path(tmp.name) / "server.log", {})
            pid = proc.pid
        # the first page load fills the server's caches: not part of any measurement
        asyncio.run(measure(url, 1, "burst", pid, argparse.Namespace(**{**vars(args), "rounds": 1})))
        if args.clear_cycles:
            rows = asyncio.run(clear_cycles(url, args.clear_cycles, pid, args))
            print("| cycle | rerun after the clear (s) | server RSS (MB) |\n|---:|---:|---:|")
            for cycle, seconds, mb in rows:
                if cycle <= 3 or cycle % 10 == 0 or cycle == len(rows):
                    print(f"| {cycle} | {seconds:.3f} | {mb:.0f} |")
            times = [s for _, s, _ in rows]
            print(f"\nrerun after a clear: p50 {pct(times, 50):.3f} s, p95 {pct(times, 95):.3f} s; "
                  f"RSS {rows[0][2]:.0f} MB after cycle 1, {rows[-1][2]:.0f} MB after cycle {len(rows)}")
            return 0
        results = []
        for n in [int(x) for x in args.readers.split(",")]:
            for pattern in args.patterns.split(","):
                results.append(asyncio.run(measure(url, n, pattern, pid, args, seed=n)))
                r = results[-1]
                print(f"{n} readers, {pattern}: p50 {pct(r.times, 50):.3f} s, p95 {pct(r.times, 95):.3f} s, "
                      f"{len(r.errors)} errors, server CPU {r.cpu_ms:.0f} ms per change", flush=True)
                for error in r.errors[:5]:
                    print(f"  {error}")
        print()
        print(table(results))
        return 1 if any(r.errors for r in results) else 0
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except Exception:
                proc.kill()
        tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
