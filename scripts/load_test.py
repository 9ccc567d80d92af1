"""Many users at once: N concurrent headless-chromium sessions on loopback, each visiting every page
and changing a filter. Prints p50/p95 time-to-settled against one session alone, failures, and the
server's memory before and after.

Run: .venv/bin/python scripts/load_test.py [--sessions 20]
Traffic goes only to 127.0.0.1; every wait is bounded, and the script stops the server it started.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "dashboard")]

from app_paths import DEEP_LINKS, PAGES as READER_PAGES, url_path  # noqa: E402
from e2e.conftest import CHROMIUM, CHROMIUM_ARGS, SETTLED, start_server, stop_server  # noqa: E402

# Every reader page registered in app.py (the same list the tests use), with its deep link if it has one.
PAGES = [url_path(p) + (f"?{urlencode(DEEP_LINKS[p])}" if p in DEEP_LINKS else "") for p in READER_PAGES]
FAILED = "() => document.querySelectorAll('[data-testid=\"stException\"]').length + (document.body.innerText.includes('Something went wrong') ? 1 : 0)"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def session(browser, url: str, timings: list[float], failures: list[str], name: str) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1800})
    page = await context.new_page()
    try:
        for path in PAGES:
            start = time.perf_counter()
            await page.goto(f"{url}/{path}", timeout=120_000)
            await page.wait_for_function(SETTLED, timeout=120_000)
            timings.append(time.perf_counter() - start)
            if await page.evaluate(FAILED):
                failures.append(f"{name}: /{path} shows an exception")
        # change a filter on the Attacks page: pick a country in the sidebar
        await page.goto(f"{url}/attacks", timeout=120_000)
        await page.wait_for_function(SETTLED, timeout=120_000)
        start = time.perf_counter()
        box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
        await box.click(timeout=120_000)
        await page.keyboard.type("Tajikistan")
        await page.keyboard.press("Enter")
        await page.keyboard.press("Escape")
        await page.wait_for_url("**country=TJK**", timeout=120_000)
        await page.wait_for_function(SETTLED, timeout=120_000)
        timings.append(time.perf_counter() - start)
        if await page.evaluate(FAILED):
            failures.append(f"{name}: attacks with a filter shows an exception")
    except Exception as error:  # a timeout or a crash counts as a failure, the run goes on
        failures.append(f"{name}: {type(error).__name__}: {str(error)[:200]}")
    finally:
        await context.close()


async def run(url: str, sessions: int, memory: list[float], pid: int, rounds: int) -> tuple[list[float], list[float], list[str]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        single: list[float] = []
        failures: list[str] = []
        await session(browser, url, [], failures, "warm-up")  # fills the server's caches
        memory.append(rss_mb(pid))
        await session(browser, url, single, failures, "single")
        many: list[float] = []
        for r in range(rounds):  # the same load again: memory must settle, not keep growing
            await asyncio.gather(*(session(browser, url, many, failures, f"round {r + 1} session {i + 1}")
                                   for i in range(sessions)))
            await asyncio.sleep(2)
            memory.append(rss_mb(pid))
        await browser.close()
    return single, many, failures


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2, help="how many times the whole load runs")
    parser.add_argument("--linger", type=int, default=130,
                        help="seconds to wait after the load before the last memory reading (Streamlit keeps a "
                             "closed session for server.disconnectedSessionTTL, 120 s)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = start_server(Path(tmp) / "server.log")
        try:
            memory = [rss_mb(proc.pid)]
            single, many, failures = asyncio.run(run(url, args.sessions, memory, proc.pid, args.rounds))
            time.sleep(args.linger)
            memory.append(rss_mb(proc.pid))
        finally:
            stop_server(proc)
    print(f"sessions: {args.sessions} concurrent, each visiting {len(PAGES)} pages and changing a filter, "
          f"{args.rounds} round(s) ({len(many)} page loads settled)")
    print(f"time to settled, one session alone: p50 {pct(single, 50):.2f} s, p95 {pct(single, 95):.2f} s")
    print(f"time to settled, {args.sessions} at once:      p50 {pct(many, 50):.2f} s, p95 {pct(many, 95):.2f} s")
    started, cached, *rounds, later = memory
    print(f"server memory: {started:.0f} MB at start, {cached:.0f} MB with the data cached (one session)")
    for r, mb in enumerate(rounds, start=1):
        print(f"  after round {r} of {args.sessions} sessions: {mb:.0f} MB ({mb - cached:+.0f} MB beyond the cached data)")
    print(f"  {args.linger} s after the last round: {later:.0f} MB ({later - cached:+.0f} MB)")
    print(f"failures: {len(failures)}")
    for failure in failures:
        print(f"  {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
