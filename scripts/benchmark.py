"""Speed and size of every page, against a bare one-line Streamlit page.

Run: .venv/bin/python scripts/benchmark.py [--runs 5]

Prints, per page:
- server: median time of a full script run (AppTest, same process, caches warm as on a running
  server), as a ratio to a bare one-line page: for a new session (opening a link) and for a rerun
  of an open session (changing a filter). Target: within 3x.
- browser: median time from navigation to settled (no run in flight, charts drawn) in headless
  chromium, against the bare page served the same way.
- sent: bytes the page sends over the websocket (what differs per page; the shared JavaScript
  bundle is listed once). Target for the map page: under 1 MB.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "dashboard"), str(ROOT / "tests")]

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server, wait_for_app  # noqa: E402

APP = ROOT / "dashboard" / "app.py"
PAGES = ["overview", "hotspots", "attacks", "repatriation", "recruitment", "groups", "countries", "sources", "data"]
BARE = 'import streamlit as st\nst.title("bare")\n'


def _timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def server_times(runs: int) -> dict[str, tuple[float, float]]:
    """(fresh session, rerun) median seconds of a full script run, for the bare page and each page."""
    out = {}
    bare = AppTest.from_string(BARE, default_timeout=60)
    bare.run()
    fresh = statistics.median(_timed(AppTest.from_string(BARE, default_timeout=60).run) for _ in range(runs))
    out["bare"] = (fresh, statistics.median(_timed(bare.run) for _ in range(runs)))
    AppTest.from_file(str(APP), default_timeout=120).run()  # a running server has its caches warm
    for page in PAGES:
        def fresh_run():
            at = AppTest.from_file(str(APP), default_timeout=120)
            at.switch_page(f"views/{page}.py")
            return _timed(at.run), at

        samples = [fresh_run() for _ in range(runs + 1)][1:]
        at = samples[-1][1]
        assert not at.exception, at.exception
        at.switch_page(f"views/{page}.py")
        rerun = statistics.median(_timed(at.run) for _ in range(runs))
        out[page] = (statistics.median(s[0] for s in samples), rerun)
    return out


def browser_times(runs: int) -> tuple[tuple[float, int], dict[str, tuple[float, int]]]:
    from playwright.sync_api import sync_playwright

    def measure(page, url: str) -> tuple[float, int]:
        received = []

        def on_ws(ws):
            ws.on("framereceived", lambda payload: received.append(len(payload)))

        page.on("websocket", on_ws)
        start = time.perf_counter()
        page.goto(url)
        wait_for_app(page, timeout=120_000, settle_ms=0)
        elapsed = time.perf_counter() - start
        page.remove_listener("websocket", on_ws)
        return elapsed, sum(received)

    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE)
        bare_proc, bare_url = start_server(Path(tmp) / "bare.log", script=bare_script)
        app_proc, app_url = start_server(Path(tmp) / "app.log")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                results = {}
                for name, url in [("bare", bare_url)] + [(pg, f"{app_url}/{'' if pg == 'overview' else pg}") for pg in PAGES]:
                    samples = []
                    for _ in range(runs + 1):
                        context = browser.new_context(viewport={"width": 1400, "height": 1800})
                        samples.append(measure(context.new_page(), url))
                        context.close()
                    samples = samples[1:]  # the first visit also compiles the app's JavaScript
                    results[name] = (statistics.median(s[0] for s in samples), int(statistics.median(s[1] for s in samples)))
                browser.close()
        finally:
            stop_server(bare_proc)
            stop_server(app_proc)
    bare = results.pop("bare")
    return bare, results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true", help="server-side figures only")
    args = parser.parse_args()
    st.cache_data.clear()
    server = server_times(args.runs)
    browser = browser_times(args.runs) if not args.no_browser else None
    bare_fresh, bare_rerun = server.pop("bare")
    print(f"bare page: server {bare_fresh * 1000:.1f} ms (new session), {bare_rerun * 1000:.1f} ms (rerun)"
          + (f"; browser {browser[0][0]:.2f} s; sent {browser[0][1]:,} B" if browser else ""))
    print(f"{'page':<14}{'new session ms':>15}{'ratio':>8}{'rerun ms':>10}{'ratio':>8}{'browser s':>11}{'ratio':>8}{'sent bytes':>13}")
    failures = []
    for page in PAGES:
        fresh, rerun = server[page]
        ratio = fresh / bare_fresh
        line = f"{page:<14}{fresh * 1000:>15.1f}{ratio:>7.1f}x{rerun * 1000:>10.1f}{rerun / bare_rerun:>7.1f}x"
        if browser:
            seconds, sent = browser[1][page]
            line += f"{seconds:>11.2f}{seconds / browser[0][0]:>7.1f}x{sent:>13,}"
            if page == "hotspots" and sent >= 1_000_000:
                failures.append(f"map page sends {sent:,} B (target < 1 MB)")
        if ratio > 3:
            failures.append(f"{page}: new-session run {ratio:.1f}x the bare page (target 3x)")
        if rerun / bare_rerun > 3:
            failures.append(f"{page}: rerun {rerun / bare_rerun:.1f}x the bare page's rerun (target 3x)")
        print(line)
    print("targets met" if not failures else "targets missed:\n  " + "\n  ".join(failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
