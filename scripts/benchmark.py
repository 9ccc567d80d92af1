"""Speed and size of every page, against a bare Streamlit page and the app's own frame, in one run.

Run: .venv/bin/python scripts/benchmark.py [--runs 5] [--no-browser]

Prints, per page (the reader pages of the app; the country and search pages opened with ?iso=TJK
and ?q=Aravan):
- new session ms: median server CPU time of a first script run (AppTest, caches warm), against the
  bare page's first run. AppTest compiles the page script on every run, which a server does once:
  these figures include 1 to 3 ms of compiling, an upper bound of what a server spends.
- rerun ms: median server CPU time of the rerun after a FILTER CHANGE. Target: under 50 ms. Two
  kinds: "years" (the year slider moved to a range not seen before: a new filter state, often with
  the same rows) and "country" (one country chosen after another: new rows, charts and maps built
  again).
- server ms: the same year change made in the browser, measured on the real `streamlit run` server:
  the CPU time its process spends from the key press to the run finished (every thread, from
  /proc/<pid>/task/*/schedstat). AppTest's figures above run without Streamlit's runtime, which
  costs extra work per element (Streamlit looks for a REPL on the stack) and compiles the page
  script on every run: this column is what a server spends.
- browser: median time in headless chromium from the key press that moves the year slider to the
  page settled again (script run finished, every chart and map drawn), for the FIRST change after
  the page opens (a new browser context, JavaScript cold). Target: at most 2x the app's frame (the
  `/frame` column). Also, for information: the later changes (the next LATER_CHANGES key presses,
  warm), the time to open the page, and the bytes it sends.
- the app's frame: the same browser figures for the app with each page's own content left out (its
  navigation, sidebar search and filters, the address kept in step, and a title). Target: at most
  1.5x the bare page (a title and a slider).
The browser figures are taken in rounds (one visit to the bare page, the frame and each page per
round), so that the ratios compare visits made at the same time.
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

from app_paths import APP, DEEP_LINKS, PAGE_FAILED, PAGES, SCRIPTS, frame_script, url_path  # noqa: E402
from e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server, wait_for_app  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

BARE = 'import streamlit as st\nst.title("bare")\nst.slider("Years", 1990, 2026, (1990, 2026))\n'
RERUN_TARGET_MS, PAGE_TO_FRAME, FRAME_TO_BARE = 50, 2, 1.5
COUNTRIES = ("KGZ", "TJK", "KAZ", "UZB", "AFG", "RUS", "TKM", "SYR")
YEARS = (1990, 2026)  # the year slider's bounds (ui.options: at least 1990 to 2026)
LATER_CHANGES = 3


def _timed(run) -> float:
    """CPU seconds the process spends on `run()`: what the server spends, whatever else the machine
    runs (wall time on a busy 2-core machine mostly measures waiting for a core). AppTest's own
    thread sleeps while the script runs, so nearly all of it is the script's."""
    start = time.process_time()
    run()
    return time.process_time() - start


def _check(at: AppTest) -> None:
    """A page that failed is caught by app.py and shows a message: a fast failure is not a fast page."""
    assert not at.exception, at.exception
    assert not any(PAGE_FAILED in e.value for e in at.error), [e.value for e in at.error]


def _open(page: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    for key, value in DEEP_LINKS.get(page, {}).items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(SCRIPTS[page])
    return at


def server_times(runs: int) -> dict[str, tuple[float, float, float]]:
    """(new session, rerun after a year change, rerun after a country change) median CPU seconds,
    for the bare page and each page."""
    out = {}
    fresh = statistics.median(_timed(AppTest.from_string(BARE, default_timeout=60).run) for _ in range(runs))
    bare = AppTest.from_string(BARE, default_timeout=60)
    bare.run()

    def bare_changes() -> list[float]:
        """The bare page's reruns: a few milliseconds that the machine's mood moves by a third, so
        measured often, before and after the pages, and the median of all taken."""
        return [_timed(bare.slider[0].set_value((YEARS[0] + 1 + i % 30, YEARS[1])).run) for i in range(3 * runs)]

    changes = bare_changes()
    AppTest.from_file(str(APP), default_timeout=120).run()  # a running server has its caches warm
    for n, page in enumerate(PAGES):
        samples = []
        for _ in range(runs + 1):
            at = _open(page)
            samples.append(_timed(at.run))
            _check(at)
        reruns = []
        for i in range(runs):  # a year range no earlier run has seen: a cold filter state
            at.slider(key="w_years").set_value((YEARS[0] + 1 + i, YEARS[1] - 1 - n % 3))
            reruns.append(_timed(at.run))
            _check(at)
        countries = []
        for iso in COUNTRIES[:runs]:  # another country: other rows, so charts and maps are rebuilt
            at.multiselect(key="w_country").set_value([iso])
            countries.append(_timed(at.run))
            _check(at)
        out[page] = (statistics.median(samples[1:]), statistics.median(reruns), statistics.median(countries))
    changes += bare_changes()
    out["bare"] = (fresh, statistics.median(changes), statistics.median(changes))
    return out


def server_cpu(pid: int) -> float:
    """CPU seconds the server process has used so far, to the nanosecond (every thread's schedstat)."""
    return sum(int((task / "schedstat").read_text().split()[0]) for task in Path(f"/proc/{pid}/task").iterdir()
               if (task / "schedstat").exists()) / 1e9


def browser_times(runs: int) -> dict[str, tuple[float, float, int, float, float]]:
    """(open s, first filter change to settled s, bytes sent, later changes s, the server's CPU s for a
    year change) medians for the bare page and each page."""
    from playwright.sync_api import sync_playwright

    def finished(payload) -> bool:
        """A websocket frame that says a script run (or a fragment's) has finished."""
        if isinstance(payload, str):
            return False
        msg = ForwardMsg()
        msg.ParseFromString(payload)
        return msg.WhichOneof("type") == "script_finished"

    def measure(page, url: str, pid: int) -> tuple[float, float, int, float, float]:
        received, sockets = [], []

        def on_ws(ws):
            sockets.append(ws)
            ws.on("framereceived", lambda payload: received.append(len(payload)))

        page.on("websocket", on_ws)
        start = time.perf_counter()
        page.goto(url)
        wait_for_app(page)
        opened = time.perf_counter() - start
        sent = sum(received)
        changes, cpu = [], []
        for key in ["ArrowRight" if i % 2 == 0 else "ArrowLeft" for i in range(1 + LATER_CHANGES)]:
            page.locator('input[type="range"]').first.focus()  # bare: its slider; app: the sidebar's year slider
            start, cpu_start = time.perf_counter(), server_cpu(pid)
            # React may batch 'running' and 'notRunning' into one render on a fast rerun, so the end of the
            # run is read from the websocket: the server's script_finished message.
            with sockets[-1].expect_event("framereceived", predicate=finished, timeout=120_000):
                page.keyboard.press(key)
            cpu.append(server_cpu(pid) - cpu_start)
            wait_for_app(page)
            changes.append(time.perf_counter() - start)
        return opened, changes[0], sent, statistics.median(changes[1:]), statistics.median(cpu)

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE)
        scripts = {"bare": bare_script, "frame": frame_script(Path(tmp) / "frame"), "app": APP}
        servers = {}
        try:
            for name, script in scripts.items():
                servers[name] = start_server(Path(tmp) / f"{name}.log", script=script)
            app_url = servers["app"][1]
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                targets = [("bare", servers["bare"]), ("frame", servers["frame"])] + [
                    (pg, (servers["app"][0], f"{app_url}/{url_path(pg)}" + (
                        "?" + "&".join(f"{k}={v}" for k, v in DEEP_LINKS[pg].items()) if pg in DEEP_LINKS else "")))
                    for pg in PAGES]
                # In rounds, each visiting the bare page, the frame and every page once: the targets are
                # ratios, and a machine that slows down during the run then slows all of them alike.
                samples: dict[str, list] = {name: [] for name, _ in targets}
                for round_number in range(runs + 1):
                    for name, (proc, url) in targets:
                        context = browser.new_context(viewport={"width": 1400, "height": 1800})
                        sample = measure(context.new_page(), url, proc.pid)
                        context.close()
                        if round_number:  # the first round also compiles the app's JavaScript
                            samples[name].append(sample)
                results = {name: tuple(statistics.median(s[i] for s in taken) for i in range(5))
                           for name, taken in samples.items()}
                browser.close()
        finally:
            for proc, _ in servers.values():
                stop_server(proc)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true", help="server-side figures only")
    parser.add_argument("--pages", help="comma-separated pages to measure (default: every reader page)")
    args = parser.parse_args()
    if args.pages:
        unknown = set(args.pages.split(",")) - set(PAGES)
        if unknown:
            parser.error(f"no such page: {', '.join(sorted(unknown))} (pages: {', '.join(PAGES)})")
        PAGES[:] = [p for p in PAGES if p in args.pages.split(",")]
    st.cache_data.clear()
    server = server_times(args.runs)
    browser = browser_times(args.runs) if not args.no_browser else None
    bare_fresh, bare_rerun, _ = server.pop("bare")
    print(f"bare page: server {bare_fresh * 1000:.1f} ms (new session), {bare_rerun * 1000:.1f} ms (rerun after its slider moves)"
          + (f"; browser: open {browser['bare'][0]:.2f} s, slider change to settled {browser['bare'][1] * 1000:.0f} ms "
             f"(later changes {browser['bare'][3] * 1000:.0f} ms), sent {browser['bare'][2]:,} B" if browser else ""))
    if browser:
        bare, frame = browser["bare"], browser["frame"]
        print(f"app frame (no page content): browser: open {frame[0]:.2f} s, year change to settled {frame[1] * 1000:.0f} ms "
              f"({frame[1] / bare[1]:.1f}x bare), later changes {frame[3] * 1000:.0f} ms ({frame[3] / bare[3]:.1f}x bare)")
    print(f"{'page':<14}{'new ms':>8}{'ratio':>7}{'years ms':>10}{'ratio':>7}{'country ms':>12}{'ratio':>7}"
          + (f"{'server ms':>10}{'open s':>8}{'change ms':>11}{'ratio':>7}{'/frame':>7}{'later ms':>10}{'ratio':>7}{'sent B':>11}"
             if browser else "")
          + "  target met?")
    missed = []
    if browser and browser["frame"][1] / browser["bare"][1] > FRAME_TO_BARE:
        missed.append(f"frame: browser change {browser['frame'][1] / browser['bare'][1]:.1f}x > {FRAME_TO_BARE}x bare")
        print(f"NO: {missed[-1]}")
    for page in PAGES:
        fresh, rerun, country = server[page]
        why = []
        for what, seconds in (("years", rerun), ("country", country)):
            if seconds * 1000 >= RERUN_TARGET_MS:
                why.append(f"{what} rerun {seconds * 1000:.0f} ms >= {RERUN_TARGET_MS} ms")
        line = (f"{page:<14}{fresh * 1000:>8.1f}{fresh / bare_fresh:>6.1f}x{rerun * 1000:>10.1f}{rerun / bare_rerun:>6.1f}x"
                f"{country * 1000:>12.1f}{country / bare_rerun:>6.1f}x")
        if browser:
            opened, change, sent, later, cpu = browser[page]
            b_ratio = change / browser["bare"][1]
            f_ratio = change / browser["frame"][1]
            if f_ratio > PAGE_TO_FRAME:
                why.append(f"browser change {f_ratio:.1f}x > {PAGE_TO_FRAME}x the frame")
            line += (f"{cpu * 1000:>10.1f}{opened:>8.2f}{change * 1000:>11.0f}{b_ratio:>6.1f}x{change / browser['frame'][1]:>6.1f}x{later * 1000:>10.0f}"
                     f"{later / browser['bare'][3]:>6.1f}x{sent:>11,}")
        print(line + ("  yes" if not why else "  NO: " + "; ".join(why)))
        missed += [f"{page}: {w}" for w in why]
    print("all targets met" if not missed else f"{len(missed)} target(s) missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
