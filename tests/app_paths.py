"""Shared by the AppTest and browser modules: where the app is, which pages a reader has, and how to
open one of them.

The page list is read from the st.Page(...) calls in dashboard/ui/navigation.py (the reader pages)
and dashboard/app.py (the curator's page), so a page added there is covered by every test that loops over PAGES (pages, hostile links, broken tables, browser, axe)."""

from __future__ import annotations

import ast
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
NAVIGATION = APP.parent / "ui" / "navigation.py"
PAGE_FAILED = "Something went wrong while drawing this page"


def _registered_pages(sources: tuple[Path, ...] = (NAVIGATION, APP)) -> tuple[dict[str, str], set[str]]:
    """{url name: script path} for every st.Page in these files, in order, and the names registered
    only under an `if curate_page_allowed():` (a reader never has those)."""
    pages: dict[str, str] = {}
    hidden: set[str] = set()
    for source in sources:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        _read_pages(tree, pages, hidden)
    return pages, hidden


def _read_pages(tree: ast.AST, pages: dict[str, str], hidden: set[str]) -> None:
    curator_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "curate_page_allowed" in ast.unparse(node.test):
            curator_only |= {id(n) for n in ast.walk(node)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and ast.unparse(node.func) in ("st.Page", "Page"):
            script = node.args[0].value
            kwargs = {k.arg: k.value for k in node.keywords}
            name = kwargs["url_path"].value if "url_path" in kwargs else Path(script).stem
            pages[name] = script
            if id(node) in curator_only:
                hidden.add(name)


SCRIPTS, CURATOR_PAGES = _registered_pages()
# The default page (Overview) first, as app.py lists them; its URL is the bare address.
PAGES = [name for name in SCRIPTS if name not in CURATOR_PAGES]
DEFAULT_PAGE = "overview"
# Pages that show most when the link names something; tests open them this way too.
DEEP_LINKS = {"country": {"iso": "TJK"}, "search": {"q": "Aravan"}}


def url_path(page: str) -> str:
    """The path of a page in the browser ('' for the default page)."""
    return "" if page == DEFAULT_PAGE else page


def frame_script(folder: Path) -> Path:
    """app.py with the page's own content left out (`page.run()` becomes a title "frame"), written in
    `folder` beside links to dashboard/'s modules and page scripts, so that its navigation and imports
    resolve as the app's. The benchmark measures it: what every page pays before its content."""
    text = APP.read_text(encoding="utf-8")
    body = "    page.run()\n"
    if text.count(body) != 1:
        raise RuntimeError(f"{APP} no longer calls page.run() once: update app_paths.frame_script")
    folder.mkdir(parents=True, exist_ok=True)
    for item in APP.parent.iterdir():
        if item.name not in (APP.name, "__pycache__"):
            (folder / item.name).symlink_to(item)
    script = folder / APP.name
    script.write_text(text.replace(body, '    st.title("frame")\n'), encoding="utf-8")
    return script


def run_page(page: str, query: dict | None = None, **params) -> AppTest:
    """Open a page in a new session with this query string; fail on an exception or a page failure."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    for key, value in {**(query or {}), **params}.items():
        at.query_params[key] = value
    if page != DEFAULT_PAGE:
        at.switch_page(SCRIPTS[page])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not any(PAGE_FAILED in e.value for e in at.error), f"{page} failed to draw"
    return at


def walk_pages(pages: list[str]):
    """Open each page in turn in one session, as a reader going through the sidebar, with the same
    checks as run_page; yield (page, AppTest) after each. One session for a walk saves Streamlit's
    scan of the installed packages that each new AppTest makes (about 0.2 s)."""
    at = None
    for page in pages:
        if at is None:
            at = run_page(page)
        else:
            at.switch_page(SCRIPTS[page]).run()
            assert not at.exception, [e.value for e in at.exception]
            assert not any(PAGE_FAILED in e.value for e in at.error), f"{page} failed to draw"
        yield page, at


FOLDED = "folded-"  # ui.chrome.FOLDED: expanders whose content is built only while open


def unfold(at: AppTest) -> AppTest:
    """Open every Sources section and data table of the page, as a reader who clicks each one, and
    rerun: their content is built only while they are open."""
    keys = [k for k in at.session_state.keys() if str(k).startswith(FOLDED)]
    for key in keys:
        at.session_state[key] = True
    if keys:
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    return at


TABS = "tabs-"  # ui.state.TABS: a page's tabs, of which only the open one is built


def tab_labels(at: AppTest) -> list[str]:
    """The labels of the page's tabs (its parts), in order; none on a page without tabs."""
    return [t.label for t in at.tabs]


def open_tab(at: AppTest, label: str) -> AppTest:
    """Open the page's tab with this label, as a reader who clicks it, and rerun: only the open tab's
    part is built."""
    assert label in tab_labels(at), f"no tab {label!r}: {tab_labels(at)}"
    keys = [k for k in at.session_state.keys() if str(k).startswith(TABS)]
    assert len(keys) == 1, keys
    at.session_state[keys[0]] = label
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not any(PAGE_FAILED in e.value for e in at.error), f"the {label} tab failed to draw"
    return at


def each_tab(at: AppTest):
    """Yield (label, at) for each of the page's tabs in turn, opened; ("", at) once for a page
    without tabs."""
    labels = tab_labels(at)
    if not labels:
        yield "", at
    for label in labels:
        yield label, open_tab(at, label)


def in_order(node):
    """Every element of an AppTest tree (or block), in the order the page draws them."""
    yield node
    for child in getattr(node, "children", {}).values():
        yield from in_order(child)


def title_above(at: AppTest, chart) -> str:
    """The title of a plotly chart: the bold line that ui.chart writes just above it."""
    last = None
    for element in in_order(at.main):
        if getattr(element, "type", None) == "markdown":
            last = element.value
        elif element is chart or getattr(element, "proto", None) is chart.proto:
            assert last and last.startswith("**") and last.endswith("**"), f"no title above the chart: {last!r}"
            return last.strip("*").replace("\\", "")
    raise AssertionError("the chart is not on the page")


def source_rows(sources) -> "pd.DataFrame":
    """A Sources section's table indexed by the row id each passage link carries (readers see the
    source and quote; the id is only in the link)."""
    from urllib.parse import parse_qs, urlparse

    rows = [parse_qs(urlparse(link).query).get("row", [""])[0] for link in sources["open"]]
    return sources.set_axis(rows, axis=0).rename_axis("row")
