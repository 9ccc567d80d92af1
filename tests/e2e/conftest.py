"""Browser tests: a real `streamlit run` server and Debian's chromium driven by Playwright.

Never flaky by construction: every wait is on a state of the page (Streamlit's script-run state,
elements attached and sized, a canvas with pixels on it), with one generous deadline (WAIT_MS) that
only a real failure reaches, never a fixed sleep. Under pytest-xdist each worker starts its own
server once (session fixtures are per worker)."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from app_paths import DEEP_LINKS, url_path
from conftest import ScratchData

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"
SERVER = ROOT / "dashboard" / "server.py"  # what scripts/run.sh starts: app.py behind the middleware of dashboard/web
CURATOR_TOKEN = "curator-token-for-the-tests"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# One upper bound for every wait: far above a page's worst time on a loaded 2-core machine (about
# 20 s), so only a page that never gets there fails.
WAIT_MS = int(os.environ.get("E2E_WAIT_MS", "120000"))
expect.set_options(timeout=WAIT_MS)  # Playwright's own default (5 s) is the flaky kind of timeout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(log_path: Path, extra_args: list[str] = (), env: dict | None = None, script: Path = SERVER,
                 timeout_s: float = WAIT_MS / 1000):
    """Start `streamlit run` on a free loopback port; return (process, url) once /_stcore/health says ok."""
    port = free_port()
    base_path = next((a.split("=", 1)[1] for a in extra_args if a.startswith("--server.baseUrlPath=")), "")
    url = f"http://127.0.0.1:{port}" + (f"/{base_path.strip('/')}" if base_path else "")
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless=true",
             f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false",
             *extra_args],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
        )
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=5).read() == b"ok":
                return proc, url
        except OSError:
            pass
        try:  # wait on the process itself between polls: returns at once if it died
            proc.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("streamlit did not start:\n" + log_path.read_text())


def stop_server(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """A reader's server (dashboard/server.py, as scripts/run.sh starts it): (process, url)."""
    proc, url = start_server(tmp_path_factory.mktemp("server") / "streamlit.log")
    yield proc, url
    stop_server(proc)


@pytest.fixture(scope="session")
def app_url(app_server):
    return app_server[1]


@pytest.fixture(scope="session")
def curator_server(tmp_path_factory):
    """The curator's server as scripts/run.sh starts it (DASHBOARD_CURATOR=1), on a scratch copy of
    the data: (process, url, scratch)."""
    root = tmp_path_factory.mktemp("curator")
    scratch = ScratchData(root / "data")
    port = free_port()
    env = {**os.environ, "DASHBOARD_CURATOR": "1", "DASHBOARD_CURATOR_TOKEN": CURATOR_TOKEN,
           "DASHBOARD_DATA_DIR": str(scratch.curated), "DASHBOARD_SEEDS_DIR": str(scratch.seeds)}
    with open(root / "run.log", "w") as log:  # run.sh ends in `exec streamlit`: this process is the server
        proc = subprocess.Popen(["bash", "scripts/run.sh", f"--server.port={port}", "--server.headless=true"],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"

    def ready():
        if proc.poll() is not None:
            pytest.fail("scripts/run.sh stopped:\n" + (root / "run.log").read_text())
        return bool(listening_addresses(port)) and _answers(url + "/_stcore/health")

    until(ready, proc, "the curator server to answer")
    yield proc, url, scratch
    stop_server(proc)


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on this port, from /proc/net/tcp and tcp6."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def until(check, proc, what: str, timeout_s: float = WAIT_MS / 1000):
    """Wait for `check()` to be true, paced by waiting on the server process (which returns at once
    if it has died), as conftest.start_server does."""
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}")
        try:
            proc.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            pass


def _answers(url: str) -> bool:
    try:
        return urllib.request.urlopen(url, timeout=5).status == 200
    except OSError:
        return False


def sign_in(page, url: str, next_path: str = "/curate", token: str = CURATOR_TOKEN) -> None:
    """Open a page of the curator's server: it asks for the token first, then shows the page."""
    page.goto(url + next_path)
    page.get_by_label("Curator token").fill(token)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(url + next_path)
    wait_for_app(page)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is missing at {CHROMIUM}: apt-get install chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A laptop's screen. Software rendering paints every pixel on the CPU: a 1400 x 1800 window (the
    whole page at once) made the browser tests a quarter slower; tests that need another size set it."""
    return {**browser_context_args, "viewport": {"width": 1280, "height": 800}}


# Every plotly text (labels, values, titles, legends) whose box runs past its chart's left or right
# edge: the chart clips nothing, so such words are cut off or drawn over the page (a phone's 358 px
# first). Each as "its words, from..to of the chart's width".
WORDS_PAST_CHART_EDGES = """() => {
  const out = [];
  for (const chart of document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"]')) {
    const edge = chart.getBoundingClientRect();
    if (!edge.width) continue;
    for (const t of chart.querySelectorAll('.main-svg text')) {
      const r = t.getBoundingClientRect();
      if (r.width && t.textContent.trim() && (r.right > edge.right + 1 || r.left < edge.left - 1))
        out.push(t.textContent.slice(0, 40) + ' ' + Math.round(r.left - edge.left) + '..' +
                 Math.round(r.right - edge.left) + ' of ' + Math.round(edge.width));
    }
  }
  return out;
}"""


# Every pair of a chart's text marks (the timeline's event names, drawn as annotations; a chart's labels) that overlap on
# screen, each as "first / second": words drawn over words cannot be read.
CHART_WORDS_OVERLAPPING = """() => {
  const out = [];
  for (const chart of document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"]')) {
    const boxes = [...chart.querySelectorAll('.textpoint text, text.annotation-text')].filter(t => t.textContent.trim())
      .map(t => [t.textContent.slice(0, 30), t.getBoundingClientRect()]).filter(([, r]) => r.width);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, r] = boxes[i], [b, q] = boxes[j];
        if (r.left < q.right - 1 && q.left < r.right - 1 && r.top < q.bottom - 1 && q.top < r.bottom - 1) out.push(a + ' / ' + b);
      }
  }
  return out;
}"""


# Counts the messages Streamlit's server sends over its websocket, and notes when two frames have
# been drawn since the last one, so that after_rerun can tell that a rerun happened even when React
# shows it in a single render. Frames are asked for only after a message: a loop asking for every
# frame kept each open page drawing 60 times a second, which costs CPU in software rendering.
COUNT_MESSAGES = """(() => {
  if (window.__wsIn !== undefined) return;
  window.__wsIn = 0; window.__paintedAfter = 0;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => {
        const n = ++window.__wsIn;
        requestAnimationFrame(() => requestAnimationFrame(() => { window.__paintedAfter = n; }));
      });
    }
  };
})();"""


@pytest.fixture
def context(context):
    """Every page of a test waits up to WAIT_MS (Playwright's default is 30 s) and counts messages."""
    context.set_default_timeout(WAIT_MS)
    context.set_default_navigation_timeout(WAIT_MS)
    context.add_init_script(COUNT_MESSAGES)
    return context


@pytest.fixture(scope="session")
def reader_context(browser, browser_context_args):
    """One browser context for the tests that only read pages, as one reader's browser: a context per
    test would download and compile the app's scripts again for every page (2-3 s each in software
    rendering). Nothing a test leaves in it matters to another: each opens its page anew."""
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(WAIT_MS)
    context.set_default_navigation_timeout(WAIT_MS)
    context.add_init_script(COUNT_MESSAGES)
    yield context
    context.close()


@pytest.fixture(scope="session")
def reader_tab(reader_context):
    return reader_context.new_page()


@pytest.fixture
def reader_page(reader_tab, browser_context_args):
    """The reader's tab (conftest.reader_context), at the usual window size: each test opens its
    page anew (a new Streamlit session); a tab opened per test measured slower than one reused. The
    pointer starts at rest in the top left corner: left where the last test clicked, it would hover
    whatever the next page draws there (a hovered button is styled apart, and axe checks it so)."""
    reader_tab.set_viewport_size(browser_context_args["viewport"])
    reader_tab.mouse.move(0, 0)
    return reader_tab


def new_page(browser, **kwargs):
    """A page a test opens itself (outside the `page` fixture), with the same timeout and message counter."""
    page = browser.new_page(**kwargs)
    page.set_default_timeout(WAIT_MS)
    page.set_default_navigation_timeout(WAIT_MS)
    page.add_init_script(COUNT_MESSAGES)
    return page


# The page is settled when: Streamlit is connected and its script run has finished, nothing on the
# page is stale (left over from the previous run) or a loading skeleton, the page has its title,
# every plotly chart has drawn its SVG and every deck.gl map has a sized canvas (those on screen: a
# chart in a closed tab or expander has no size until it is opened).
SETTLED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testConnectionState !== 'CONNECTED') return false;
  if (app.dataset.testScriptState !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  if (!document.querySelector('[data-testid="stMain"] h1')) return false;
  if (document.querySelector('[data-testid="stMain"] [data-stale="true"]')) return false;
  // Streamlit loads element code lazily and shows a grey skeleton until it has arrived
  if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"], [data-testid="stAppSkeleton"]')) return false;
  const sized = el => !!el && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
  const shown = selector => [...document.querySelectorAll(selector)].filter(sized);  // not in a closed tab or expander
  if (!shown('[data-testid="stPlotlyChart"]').every(c => sized(c.querySelector('.main-svg')))) return false;
  // A canvas is 300 x 150 until deck.gl sizes it to its frame: wait for the frame's width.
  const fitted = d => { const c = d.querySelector('canvas');
    return sized(c) && Math.abs(c.getBoundingClientRect().width - d.getBoundingClientRect().width) <= 1; };
  if (!shown('[data-testid="stDeckGlJsonChart"]').every(fitted)) return false;
  return true;
}"""
NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


def wait_for_app(page, timeout: int = WAIT_MS, settle_ms: int = 0) -> None:
    """Wait until the page has content, no script run is in flight and every chart has drawn.

    `settle_ms` is accepted for old callers and ignored: the waits are on states now, and after the
    state is reached the page gets two animation frames to paint (a frame, not a fixed time)."""
    # Checked ten times a second, not every frame: the check measures elements, which makes the
    # browser lay the page out, and doing that every frame slowed the very rendering it waits for.
    page.wait_for_function(SETTLED, timeout=timeout, polling=100)
    page.evaluate(NEXT_FRAMES)


def after_rerun(page, action, timeout: int = WAIT_MS) -> None:
    """Do `action()` (a click, a key press, an upload) that makes Streamlit rerun the script, and wait
    until that rerun has started and finished, so a stale page cannot be mistaken for the new one.
    Evidence of the rerun: a MutationObserver sees the script state change, or (pages opened through
    the fixtures) the server has sent messages since the action and two frames have been drawn since
    the last one."""
    sent_before = page.evaluate("""() => {
      window.__rerunSeen = false;
      const app = document.querySelector('[data-testid="stApp"]');
      if (window.__rerunObserver) window.__rerunObserver.disconnect();
      window.__rerunObserver = new MutationObserver(() => { window.__rerunSeen = true; });
      window.__rerunObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
      return window.__wsIn === undefined ? -1 : window.__wsIn;
    }""")
    action()
    page.wait_for_function(
        """before => window.__rerunSeen === true
             || (before >= 0 && window.__wsIn > before && window.__paintedAfter === window.__wsIn)""",
        arg=sent_before, timeout=timeout, polling="raf")
    wait_for_app(page, timeout=timeout)


def poll(check, what: str, timeout_s: float = WAIT_MS / 1000, page=None):
    """Call `check()` until it returns something truthy (returned) or the deadline passes (fail with
    `what`). Between tries the page renders one more frame: the pace is the browser's, not a sleep."""
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        if page is not None:
            page.evaluate(NEXT_FRAMES)
    raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what} (last: {last!r})")


def drawn_canvas(locator, min_colours: int = 50, timeout_s: float = WAIT_MS / 1000):
    """A screenshot of a canvas-drawn element (deck.gl map, data grid) once it shows at least
    `min_colours` distinct colours, i.e. once it has painted; a WebGL canvas cannot be read back
    reliably from JavaScript, so the screenshot is the test of what a reader sees."""
    from PIL import Image

    def colours():
        image = Image.open(io.BytesIO(locator.screenshot())).convert("RGB")
        found = image.getcolors(maxcolors=1_000_000) or []
        return found if len(found) >= min_colours else None

    return poll(colours, f"the canvas to show {min_colours} colours", timeout_s, page=locator.page)


def page_url(app_url: str, page: str) -> str:
    """A reader page's address, with its deep link (country?iso=TJK, search?q=Aravan) where it has one."""
    query = DEEP_LINKS.get(page)
    return f"{app_url}/{url_path(page)}" + (f"?{urlencode(query)}" if query else "")


# A page's link in the sidebar's navigation (hidden, but there, while a phone keeps the sidebar closed).
NAV_LINK = '[data-testid="stSidebarNavLink"]'


def open_page(page, app_url: str, name: str) -> None:
    """Open a reader page as a reader moves between them: by its link in the app already loaded in
    this tab (a rerun), or by its address when the tab is elsewhere or the page has a deep link
    (country?iso=TJK). A load by address makes the browser fetch and start Streamlit's scripts again:
    about 1.6 CPU-s a page in software rendering, against 0.9 for following the link."""
    target = page_url(app_url, name)
    here = page.url.split("?")[0].rstrip("/")
    links = page.locator(NAV_LINK) if here.startswith(app_url) else None
    link = None
    if links is not None and name not in DEEP_LINKS and here != target.rstrip("/"):
        hrefs = links.evaluate_all("els => els.map(a => a.href.split('?')[0].replace(/\\/$/, ''))")
        if target.rstrip("/") in hrefs:
            link = links.nth(hrefs.index(target.rstrip("/")))
    if link is None:
        page.goto(target)
        wait_for_app(page)
        return
    # The element's own click: a phone's closed sidebar keeps the link off screen, where a pointer
    # cannot reach it; what follows (Streamlit's page switch) is the same.
    after_rerun(page, lambda: link.evaluate("a => a.click()"))
    poll(lambda: page.url.split("?")[0].rstrip("/") == target.rstrip("/"), f"the address of {name}", page=page)


TABS = '[data-testid="stMain"] [data-testid="stTabs"] [role="tab"]'  # a page's parts (ui.layout.sections)


OPEN_PANEL_DRAWN = """(i) => {
  const panel = document.querySelector('[data-testid="stMain"] [data-testid="stTabs"] [role="tabpanel"]');
  return !!panel && panel.id.endsWith('-tabpanel-' + i) && panel.querySelector('[data-testid="stElementContainer"]') !== null;
}"""


def each_tab(page):
    """Yield the label of each of the page's tabs in turn, opened as a reader clicks it (the first is
    open when the page opens: only the open tab is built, so each click is a rerun); "" once on a page
    without tabs."""
    tabs = page.locator(TABS)
    labels = [t.strip() for t in tabs.all_inner_texts()]
    if not labels:
        yield ""
    for i, label in enumerate(labels):
        if i:
            after_rerun(page, lambda: tabs.nth(i).click())
            # Only the open tab's panel is in the page, and it is drawn by the rerun: wait for this tab's
            # panel with content, not a page that settled before the rerun's elements arrived.
            poll(lambda: page.evaluate(OPEN_PANEL_DRAWN, i), f"the {label} tab drawn", page=page)
            wait_for_app(page)
        yield label


def timeline_title(page, text):
    """The title of the first chart: the line of text just above it (ui.chart writes it there, outside
    the drawing; its text alternative below says the same in a paragraph)."""
    chart = '(//*[@data-testid="stElementContainer"][.//*[@data-testid="stPlotlyChart"]])[1]'
    return page.locator(f"xpath={chart}/preceding-sibling::*[1]//strong").get_by_text(text)


SCREENSHOTS = "DASHBOARD_SCREENSHOTS"  # =1: the browser tests photograph pages into tests/artifacts/


def screenshot(page, name: str) -> Path | None:
    """A picture of the page for a person to look at (tests/artifacts/<name>.png), taken only with
    DASHBOARD_SCREENSHOTS=1: a page with a map takes seconds to capture in software rendering, and no
    test reads the pictures."""
    if not os.environ.get(SCREENSHOTS):
        return None
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
