"""Streamlit glue shared by the pages: the cached corpus, the filters in the sidebar and the URL,
and the pieces every page repeats (header sentence, empty states, Sources sections)."""

from __future__ import annotations

import gc
import re
import textwrap
import threading

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pyarrow as pa
import streamlit as st

from core.data import paths
from core.render import charts, export
from core.render.charts import esc
from core.render.alt_text import figure_items, titled_summary
from core.analysis import filters as flt
from core.data.loading import Corpus, load_corpus
from core.analysis.query import country_names, figures_view, hotspots_view, incidents_view, sources_for
from core.data.schema import CENTRAL_ASIA, INCIDENT_KINDS, QUOTED_TABLES, TABLES

STATE = "_filters"  # canonical Filters for the session; widgets are seeded from it


@st.cache_resource(show_spinner="Reading the curated tables…")
def get_corpus() -> Corpus:
    """Loaded and validated once per server process; every session shares it read-only."""
    corpus = load_corpus(paths.curated_dir(), paths.seeds_dir())
    _freeze()
    return corpus


def reload_data() -> None:
    """After a curator's write: every session reads the tables again, and nothing derived from the
    old rows (views, filtered rows, charts, maps, tables: `memo`) is shown again. What was frozen goes
    back to the garbage collector, so the old rows can be freed; the next load freezes the new ones."""
    get_corpus.clear()
    _memo_store.clear()
    _memo.clear()
    gc.unfreeze()


def _freeze() -> None:
    """Move what is loaded so far (libraries, the corpus) out of the garbage collector's way, after
    each load: it lives as long as the server (or until a curator's write), and a full collection
    that walks it again takes 50 to 150 ms, long enough to be felt when it lands inside a rerun.
    (Streamlit's own collection after every run is off in .streamlit/config.toml,
    runner.postScriptGC, for the same reason.)"""
    gc.collect()
    gc.freeze()


def problem_banner(corpus: Corpus, *tables: str) -> None:
    """List data problems in plain words (all of them, or those of the given tables)."""
    problems = corpus.problems_for(*tables) if tables else corpus.problems
    if not problems:
        return
    shown = problems[:30]
    lines = "\n".join(f"- {safe_text(str(p))}" for p in shown)
    more = f"\n- … and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
    st.error(
        f"**The curated data has {len(problems)} problem(s).** What is shown may be incomplete until "
        f"they are fixed (run python dashboard/validate.py for the full list):\n{lines}{more}"
    )


_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>$~:"
_MD_SPECIAL_RE = re.compile("([" + re.escape(_MD_SPECIAL) + "])")


def safe_text(text: str) -> str:
    """Text shown through st.markdown literally: Markdown, HTML and LaTeX characters are escaped."""
    return _MD_SPECIAL_RE.sub(r"\\\1", str(text))


def options(corpus: Corpus) -> flt.Options:
    years = pd.concat([corpus["incidents"]["date"].str[:4], corpus["figures"]["period_start"].str[:4],
                       corpus["figures"]["period_end"].str[:4]])
    years = pd.to_numeric(years, errors="coerce").dropna()
    low = int(years.min()) if len(years) else flt.YEAR_BOUNDS[0]
    high = int(years.max()) if len(years) else flt.YEAR_BOUNDS[1]
    row_ids = set().union(*(set(corpus[name][TABLES[name].key]) for name in QUOTED_TABLES))
    return flt.Options(
        countries=country_names(corpus),
        kinds=tuple(dict.fromkeys(INCIDENT_KINDS.values())),
        groups=dict(zip(corpus["groups"]["group_id"], corpus["groups"]["name"])),
        indicators=dict(zip(corpus["indicators"]["indicator"], corpus["indicators"]["label"])),
        documents=dict(zip(corpus["documents"]["doc_id"], corpus["documents"]["title"])),
        row_ids=frozenset(row_ids),
        hotspots=tuple(corpus["hotspots"]["place_id"].unique()),
        tables=tuple(TABLES),
        year_bounds=(min(low, 1990), max(high, 2026)),
    )


def current() -> flt.Filters:
    return st.session_state[STATE]


def update(**changes) -> None:
    st.session_state[STATE] = flt.with_changes(current(), **changes)


def _widget(key: str, value):
    """Seed a widget's state from the canonical filters when it is (re)created."""
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def _seed_state(opts: flt.Options) -> None:
    """The filters come from the URL once per session; after that the session's state is canonical,
    except for the page-scoped keys (?iso=, ?q=) that an in-app link (st.page_link) may carry."""
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    if STATE not in st.session_state:
        seeded = flt.parse_query(params, opts)
        st.session_state[STATE] = seeded
        st.session_state["_notices"] = seeded.notices
        return
    linked = flt.parse_query({k: v for k, v in params.items() if k in ("iso", "q")}, opts)
    if "iso" in params and linked.iso and linked.iso != current().iso:
        update(iso=linked.iso)
    if "q" in params and linked.search != current().search:
        update(search=linked.search)


def sidebar_search(search_page) -> None:
    """A search box on every page: Enter (or the button) opens the Search page with ?q=."""
    with st.sidebar.form("sidebar-search", border=False, clear_on_submit=False):
        query = st.text_input("Search everything", key="w_sidebar_q", placeholder="e.g. Satpaev, ISKP, Telegram",
                              help="Places, groups, incidents, figures, channels and the full text of the documents")
        submitted = st.form_submit_button("Search")
    if submitted and query.strip():
        if STATE in st.session_state:
            update(search=query.strip()[:flt.MAX_PARAM_LENGTH])
        st.switch_page(search_page, query_params={"q": query.strip()[:flt.MAX_PARAM_LENGTH]})


def sidebar_filters(corpus: Corpus, country_page=None) -> flt.Filters:
    """Global filters (countries, years) in the sidebar, seeded from the URL once per session."""
    opts = memo("options", lambda: options(corpus))  # depends on the data only
    _seed_state(opts)
    f = current()
    names = opts.countries
    central = [c for c in names if c in CENTRAL_ASIA]
    ordered = central + sorted((c for c in names if c not in central), key=names.get)
    with st.sidebar:
        st.markdown("**Filters** (kept in the link: copy the address to share this view)")
        chosen = st.multiselect("Countries", ordered, format_func=lambda c: names.get(c, c),
                                key=_widget("w_country", list(f.countries)), placeholder="All countries",
                                help="The five Central Asian states first, then every other country the documents name.")
        lo, hi = opts.year_bounds
        years = st.slider("Years", lo, hi, key=_widget("w_years", (f.year_from or lo, f.year_to or hi)))
        undated = st.checkbox("Include rows with no date", key=_widget("w_undated", f.include_undated))
        if country_page is not None:
            for iso in chosen[:5]:  # each chosen country's profile, one click away
                st.page_link(country_page, label=f"{names.get(iso, iso)}: country profile", query_params={"iso": iso})
    year_from = years[0] if years[0] != lo else None
    year_to = years[1] if years[1] != hi else None
    update(countries=tuple(chosen), year_from=year_from, year_to=year_to, include_undated=undated)
    return current()


def page_multiselect(label: str, field: str, choices: dict[str, str], help: str | None = None) -> tuple[str, ...]:
    """A filter that belongs to one page; its value survives page changes through the canonical state."""
    value = st.sidebar.multiselect(label, list(choices), format_func=lambda k: choices.get(k, k),
                                   key=_widget(f"w_{field}", list(getattr(current(), field))), help=help,
                                   placeholder="All")
    update(**{field: tuple(value)})
    return tuple(value)


def page_select(label: str, field: str, choices: dict[str, str], none_label: str | None = None) -> str | None:
    keys = ([None] if none_label else []) + list(choices)
    default = getattr(current(), field)
    if default not in keys:
        default = keys[0]
    value = st.sidebar.selectbox(label, keys, format_func=lambda k: none_label if k is None else choices.get(k, k),
                                 key=_widget(f"w_{field}", default))
    update(**{field: value})
    return value


def sync_url() -> None:
    """Write the filters to the address bar, so a copied link reproduces the view."""
    wanted = flt.to_query(current())
    have = {k: st.query_params.get(k) for k in st.query_params.keys()}
    if have != wanted:
        st.query_params.from_dict(wanted)


def show_notices() -> None:
    for notice in st.session_state.pop("_notices", ()):
        st.warning(safe_text(notice), icon="⚠️")


def header(title: str, description: str) -> None:
    st.title(title)
    st.markdown(f"**{safe_text(description)}**")


def empty_state(what: str, suggestion: str) -> None:
    st.info(f"No {what} match these filters. {suggestion}")


def widen_suggestion(f: flt.Filters) -> str:
    tips = []
    if f.countries:
        tips.append("add countries or clear the country filter")
    if f.year_from or f.year_to:
        tips.append("widen the year range")
    if not f.include_undated:
        tips.append("include rows with no date")
    if f.kinds or f.groups:
        tips.append("clear the kind or group filter")
    return ("Try to " + ", or ".join(tips) + ".") if tips else "The documents hold nothing of this kind."


def arrow(frame: pd.DataFrame):
    """The frame as an Arrow table for st.dataframe (index left out, as every table here hides it).
    Streamlit converts a pandas frame on every rerun (about 2 ms for 80 rows); an Arrow table that a
    memo holds is sent as it is (0.1 ms). Frames Arrow cannot hold as they are stay pandas, which
    Streamlit converts with its own fixes. An Arrow table is returned as it is."""
    if isinstance(frame, pa.Table):
        return frame
    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowException, TypeError, ValueError):
        return frame


def _row_count(data) -> int:
    return data.num_rows if isinstance(data, pa.Table) else len(data)


FOLDED = "folded-"  # key prefix of every expander and popover whose content is built only while open


def folded(label: str, key: str):
    """An expander whose content is built only while a reader has it open: the container, or None
    when it is closed. Opening it reruns the page (one click, as before), and it stays open across
    filter changes. Sources sections and data tables sit in closed expanders on every page; building
    and sending them on every rerun cost more than the charts above them."""
    box = st.expander(label, key=FOLDED + key, on_change="rerun")
    return box if box.open else None


def sources_section(rows: pd.DataFrame, id_column: str, corpus: Corpus, label: str = "Sources",
                    key: str | None = None) -> None:
    """The rows behind a chart or table, each with its document, quote and a link to the passage.
    `key` tells apart two sections of one page with the same label and id column."""
    count = len(dict.fromkeys(rows[id_column])) if id_column in rows else 0
    box = folded(f"{label}: {count} curated row(s), with their quotes", key or f"sources-{label}-{id_column}")
    if box is None:
        return
    table = memo("sources", lambda: arrow(sources_for(rows, id_column, corpus)), id_column, ids(rows, id_column))
    with box:
        if not _row_count(table):
            st.caption("No rows.")
            return
        st.dataframe(
            table, hide_index=True, width="stretch",
            column_config={
                "row": st.column_config.TextColumn("Row", width="small"),
                "document": st.column_config.TextColumn("Document", width="medium"),
                "quote": st.column_config.TextColumn("Quote", width="large"),
                "open": st.column_config.LinkColumn("Passage", display_text="open in Sources", width="small"),
            },
        )


@st.cache_resource(max_entries=512, show_spinner=False)
def _memo(name: str, key: tuple, _build):
    return _build()


@st.cache_resource(show_spinner=False)
def _memo_store() -> dict:
    """Every memo's values, by name then exact key, for the server process. One Streamlit cache
    call without arguments per memo: a Streamlit cache keyed on the memo's arguments hashes them and
    inspects its function on every call (0.1 to 1 ms; a page makes dozens). st.cache_resource.clear()
    still empties everything."""
    return {}


MEMO_ENTRIES = 256  # values kept per memo name; the oldest goes first (a year range is a new key)
_MEMO_LOCK = threading.Lock()
_MISSING = object()


def ids(rows: pd.DataFrame, column: str) -> tuple:
    """The ids of the rows a chart or table shows: a cache key that changes only when they do."""
    return tuple(rows[column]) if column in rows else (len(rows),)


def memo(name: str, build, *key):
    """Build once per (name, key) per server process: figures and views depend only on the data
    (fixed while the server runs) and on the filters given in `key`. Callers must not mutate results."""
    try:
        hash(key)
    except TypeError:  # a key that Python cannot hash: Streamlit's hashing handles it
        return _memo(name, key, build)
    bucket = _memo_store().setdefault(name, {})
    value = bucket.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        with _MEMO_LOCK:
            if len(bucket) >= MEMO_ENTRIES:
                bucket.pop(next(iter(bucket)))
            bucket[key] = value
    return value


def deck(name: str, build, *key, **pydeck_chart_args):
    """st.pydeck_chart of a deck built once per (name, key), its JSON serialised once too: Streamlit
    otherwise re-serialises every layer (outlines included) on every rerun."""
    def frozen():
        built = build()
        text = built.to_json()
        built.to_json = lambda: text  # the deck is cached read-only; its JSON cannot change
        return built

    return st.pydeck_chart(memo(f"deck:{name}", frozen, *key), **pydeck_chart_args)


def plain_title(fig) -> str:
    """The figure's title without markup (kept on a frozen figure: read on every rerun)."""
    known = getattr(fig, "_plain_title", None)
    if known is None:
        known = re.sub(r"<[^>]+>", " ", str(fig.layout.title.text or "")).replace("  ", " ").strip()
    return known


def filters_in_words() -> str:
    return flt.describe(current(), country_names(get_corpus()))


def text_alternative(summary: str, data, key: str) -> None:
    """What a screen reader reaches for a chart or map: one sentence built from the same rows, and
    the data as a table one click away. `data` is the table, or a function that builds it when the
    reader opens it (its expander is then always shown)."""
    st.caption(safe_text(summary))
    if data is not None and (callable(data) or _row_count(data)):
        box = folded("Data table", f"alt-{key}")
        if box is not None:
            table = data() if callable(data) else data
            with box:
                if _row_count(table):
                    st.dataframe(table, hide_index=True, width="stretch", key=f"alt-{key}")
                else:
                    st.caption("No rows.")


class _FrozenSpec(dict):
    """A cached figure's dict with its JSON already written (see `frozen`)."""

    __slots__ = ("json",)


def frozen(fig) -> go.Figure:
    """The figure (or a figure's dict) as a real plotly figure with its dict and JSON made once: for
    cached figures that exports render (charts on the page are sent through `sent`, which needs no
    plotly figure). Callers must not mutate the figure or its dict."""
    spec = _FrozenSpec(fig.to_dict() if isinstance(fig, go.Figure) else fig)
    spec.json = _plotly_to_json(spec, validate=False)
    figure = fig if isinstance(fig, go.Figure) else go.Figure(spec, _validate=False)
    figure.to_dict = lambda: spec
    figure._plain_title = plain_title(figure)
    return figure


class _Sent(go.Figure):
    """A figure as st.plotly_chart reads it: its dict, already encoded, and nothing else (see `sent`).
    The plotly machinery of a real figure is not set up: building it from the dict costs 2 to 5 ms."""

    def __init__(self, spec: _FrozenSpec):  # noqa: go.Figure.__init__ is skipped on purpose
        object.__setattr__(self, "_sent", spec)

    def to_dict(self) -> _FrozenSpec:
        return self._sent


def sent(spec: dict) -> go.Figure:
    """A figure's dict, encoded once, in the form st.plotly_chart takes (for cached on-screen drawings)."""
    spec = _FrozenSpec(spec)
    spec.json = _plotly_to_json(spec, validate=False)
    return _Sent(spec)


def _to_json(fig, *args, **kwargs):
    return fig.json if isinstance(fig, _FrozenSpec) else _plotly_to_json(fig, *args, **kwargs)


_plotly_to_json = pio.to_json
pio.to_json = _to_json  # what st.plotly_chart calls: a frozen figure's JSON is returned as written


def _retitled(fig: go.Figure, title: str) -> dict:
    """A cached figure's dict with another title, wrapped as core.render.charts wraps titles. Only the title
    is new; the rest is shared read-only with the cached figure (copying the figure costs 5 to 30 ms)."""
    spec = charts.spec(fig)
    layout = {**spec["layout"], "title": {**spec["layout"].get("title", {}),
                                          "text": "<br>".join(esc(line) for line in textwrap.wrap(title, 95))}}
    return {**spec, "layout": layout}


def _read_off(fig) -> tuple:
    """What a figure draws, read off it for its text alternative (see core.render.alt_text.figure_items),
    its table ready to send."""
    items, data = figure_items(fig)
    return items, (arrow(data) if data is not None else None)


def chart(build, key: str, *depends, rows: pd.DataFrame | None = None, id_column: str | None = None,
          summary=None, data=None, title: str | None = None) -> None:
    """A plotly chart built by `build()`, cached on the chart key and what it `depends` on, with
    its text alternative (`summary` and `data`, or functions returning them, cached like the chart;
    read from the figure when not given; a `data` function runs only when its table is opened), and
    PNG/SVG downloads and 'Add to briefing' when the rows behind it are given.

    With `title`, `depends` need only name what the drawing depends on (e.g. `ids(rows, "figure_id")`):
    a filter change that leaves those rows as they were reuses the figure under the new title.

    On the page the title is a line of text above the drawing, not part of it: the title states the
    filter, and a figure that changes at all is a new element to Streamlit, which the browser then
    draws from scratch (80 to 250 ms a chart). A year change that leaves the rows as they were now
    sends the same figure, and the browser keeps the chart it has. Exports keep the title inside."""
    drawing = memo(f"chart:{key}", build, *depends) if callable(build) else build
    title = plain_title(drawing) if title is None else re.sub(r"\s+", " ", title).strip()
    screen = memo(f"chart-screen:{key}", lambda: sent(_on_screen(drawing)), *depends) if callable(build) \
        else sent(_on_screen(drawing))

    if callable(summary):
        summary = memo(f"summary:{key}", summary, *depends)
    if callable(data):
        build_data = data
        data = lambda: memo(f"data:{key}", lambda: arrow(build_data()), *depends)  # noqa: E731
    if summary is None or data is None:
        items, auto_data = memo(f"alt:{key}", lambda: _read_off(drawing), *depends)
        data = data if data is not None else auto_data
    # The chart's accessible name: what it draws, which stays the same while its rows do (a name
    # with the filter in it would make it a new element on every filter change, as a title would).
    name = summary if summary is not None else titled_summary("Chart", items)
    st.markdown(f"**{safe_text(title)}**")
    st.plotly_chart(screen, width="stretch", key=key, config=export.toolbar_config(), alt=name)
    text_alternative(summary if summary is not None else titled_summary(title, items), data, key)
    if rows is not None:
        export_controls(key, lambda: exported_figure(key, drawing, title, *depends), title, rows, id_column)


def exported_figure(key: str, drawing, title: str, *depends):
    """The chart as exported (images, briefing): the drawing with its title inside, stating the filter.
    Built when an export asks for it, once per title."""
    if plain_title(drawing) == title:
        return drawing
    return memo(f"chart-titled:{key}", lambda: frozen(_retitled(drawing, title)), *depends, title)


def _on_screen(fig) -> dict:
    """The drawing as the page shows it: without its title (chart() writes the title above it), and
    with the top margin the title took given back to the drawing (a legend above the plot still
    pushes the margin out as far as it needs)."""
    spec = charts.spec(fig)
    layout = {name: value for name, value in spec["layout"].items() if name != "title"}
    layout["margin"] = {**layout.get("margin", {}), "t": SCREEN_TOP_MARGIN}
    return {**spec, "layout": layout}


SCREEN_TOP_MARGIN = 24


def export_controls(key: str, fig, title: str, rows: pd.DataFrame, id_column: str) -> None:
    """Download the chart as a slide-sized image with its citations, or add it to the briefing: one
    'Export' button under the chart that opens the choices (built only while open: four buttons
    under every chart cost more on each filter change than most charts do).
    `fig` may be a function returning the figure (e.g. a map's static rendering): it is then built
    only when a download or the briefing asks for it."""
    # No tooltip: after a click the pointer rests on the button, and its tooltip would cover the choices.
    box = st.popover("Export: PNG, SVG, CSV, briefing", key=f"{FOLDED}export-{key}", on_change="rerun",
                     icon=":material/download:")
    if not box.open:
        return
    filters = filters_in_words()
    in_pack = any(i.key == key and i.filters == filters for i in briefing())
    corpus = get_corpus()
    keep = [c for c in (id_column, "doc_id", "quote") if c in rows.columns]
    behind, sources = memo("export-rows", lambda: (rows[keep].drop_duplicates(id_column).reset_index(drop=True),
                                                   export.citations(rows["doc_id"], corpus["documents"])),
                           id_column, ids(rows, id_column))

    def item() -> export.ChartExport:
        return export.ChartExport(key=key, title=title, filters=filters, figure=fig() if callable(fig) else fig,
                                  rows=behind, id_column=id_column, sources=list(sources))

    name = export.slug(title)
    can_render = export.renderer_available()
    with box:
        if not can_render:
            st.caption("Image downloads need Debian's chromium on the server: apt-get install chromium")
        st.download_button("PNG", lambda: export.image(export.for_slide(item()), "png"), f"{name}.png", "image/png",
                           key=f"png-{key}", on_click="ignore", help="Slide-sized image with title, filters and sources",
                           disabled=not can_render)
        st.download_button("SVG", lambda: export.image(export.for_slide(item()), "svg"), f"{name}.svg", "image/svg+xml",
                           key=f"svg-{key}", on_click="ignore", disabled=not can_render)
        st.download_button("CSV", lambda: export.table_csv(behind), f"{name}.csv", "text/csv", key=f"csv-{key}",
                           on_click="ignore", help="The rows behind the chart, with doc_id and quote")
        if st.button("In the briefing ✓" if in_pack else "Add to briefing", key=f"brief-{key}", disabled=in_pack):
            briefing().append(item())
            st.toast(f"Added to the briefing: {safe_text(title)}")
            st.rerun()


def briefing() -> list:
    """Charts added to the briefing pack: kept for the session, across page changes."""
    return st.session_state.setdefault("_briefing", [])


def table(frame, key: str, rows=None, depends: tuple | None = None, **dataframe_args) -> None:
    """A table with CSV and Excel downloads of its rows (with doc_id and quote where the rows have them),
    behind one 'Download' button whose choices are built only while open.
    With `depends` (what the frame's content is made from, e.g. ids of its rows) the table is
    converted for sending once per `key` and `depends`, not on every rerun; `frame` and `rows` may
    then be functions that make them, called only when needed."""
    if depends is not None:
        make = frame if callable(frame) else lambda: frame
        columns = () if callable(frame) else tuple(frame.columns)
        shown = memo(f"table:{key}", lambda: arrow(make()), columns, *depends)
    else:
        shown = frame() if callable(frame) else frame
    st.dataframe(shown, hide_index=True, width="stretch", **dataframe_args)
    box = st.popover("Download: CSV, Excel", key=f"{FOLDED}download-{key}", on_change="rerun",
                     icon=":material/download:")
    if not box.open:
        return
    out = rows() if callable(rows) else rows if rows is not None else frame() if callable(frame) else frame
    documents = get_corpus()["documents"]
    name = export.slug(f"{key} {filters_in_words()}")
    box.download_button("CSV", lambda: export.table_csv(out), f"{name}.csv", "text/csv", key=f"tcsv-{key}",
                        on_click="ignore")
    box.download_button("Excel", lambda: export.table_xlsx(out, documents, key), f"{name}.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"txlsx-{key}",
                        on_click="ignore", help="Second sheet: the documents cited")


def incidents():
    return memo("incidents_view", lambda: incidents_view(get_corpus()))


def view_rows(view: str, rows: pd.DataFrame, columns: list[str]):
    """`rows[columns]` as an Arrow table, for rows filtered from a cached view ("incidents" or
    "hotspots"), which keep the view's row labels (its positions). The view's columns are
    converted to Arrow once; each filter then takes its rows from them (0.05 ms, where converting
    the rows cost about 1.5 ms on each change of rows)."""
    whole_view = _VIEWS[view]()
    whole = memo("view-arrow", lambda: arrow(whole_view[columns]), view, tuple(columns))
    if not isinstance(whole, pa.Table):  # a view Arrow cannot hold as it is: taken in pandas
        return whole.loc[rows.index]
    positions = rows.index.to_numpy()
    if len(positions) and (positions.min() < 0 or positions.max() >= whole.num_rows):
        raise ValueError(f"view_rows: these rows are not rows of the {view} view")
    return whole.take(pa.array(positions, type=pa.int64()))


def group_names() -> dict[str, str]:
    return memo("group-names", lambda: dict(zip(get_corpus()["groups"]["group_id"], get_corpus()["groups"]["name"])))


def indicator_column(column: str) -> dict[str, str]:
    """{indicator: its label or unit}, from indicators.csv."""
    return memo("indicator-column", lambda: dict(zip(get_corpus()["indicators"]["indicator"],
                                                      get_corpus()["indicators"][column])), column)


def figures():
    return memo("figures_view", lambda: figures_view(get_corpus()))


def hotspots():
    return memo("hotspots_view", lambda: hotspots_view(get_corpus()))


_VIEWS = {"incidents": incidents, "hotspots": hotspots}  # the views whose rows pages show as tables
