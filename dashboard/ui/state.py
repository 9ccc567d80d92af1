"""A session's filters and the link: the one module that reads and writes them.

The filters come from the address once per session (core.analysis.filters parses and checks it);
after that the session's state is canonical, the widgets in the sidebar are seeded from it, and the
address is written back after every run (sync_url), so a copied link reproduces the view on any page.

Why not Streamlit's `bind="query-params"` on the widgets: it writes each widget under its own key
with repeated parameters (?country=KAZ&country=TJK, and a slider as two values), which would break
every link shared so far (?country=KAZ,TJK&from=2015&to=2024), and it drops a value it does not know
without a word, where a reader should learn that part of a link was ignored.

Beside the filters the link carries the session's briefing pack (?pack=<key>, core.render.pack): read
once per session like the filters, written back on every run and added to citation links, so a
reload, a new tab or a shared link finds the same pack. A page whose parts are tabs (page_tabs) keeps
the open one in the link too (?tab=map), on that page only."""

from __future__ import annotations

import streamlit as st

from core.analysis import filters as flt
from core.render import pack as packs
from core.data.schema import CENTRAL_ASIA
from ui import store
from ui.chrome import safe_text

STATE = "_filters"  # the session's canonical Filters; widgets are seeded from it
PAGE_SCOPED = ("iso", "q")  # keys an in-app link (st.page_link) may carry to a page after the first run
PACK = "_pack_key"  # the key of the session's briefing pack, kept in the link as ?pack=
PAGE = "_page_path"  # the url path of the page being drawn ('' for the Overview)
TABS = "tabs-"  # key prefix of a page's tabs (page_tabs); tests open a tab by setting its key to the label
TABS_PAGE = "_tabs_page"  # the page whose open tab the canonical filters hold (page_tabs)


def current() -> flt.Filters:
    return st.session_state[STATE]


def update(**changes) -> None:
    st.session_state[STATE] = flt.with_changes(current(), **changes)


def in_words(applies: tuple[str, ...] = ("countries", "years")) -> str:
    """The filters that apply to a view, in words, for titles and exports (and none that do not)."""
    return flt.describe(current(), store.options().countries, applies=applies, groups=store.options().groups)


def _widget(key: str, value):
    """Seed a widget's state from the canonical filters when it is (re)created."""
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def _seed_state(opts: flt.Options) -> None:
    """The filters come from the URL once per session; after that the session's state is canonical,
    except for the page-scoped keys that an in-app link may carry."""
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    if STATE not in st.session_state:
        pack_notice = _seed_pack(params.pop("pack", None))
        seeded = flt.parse_query(params, opts)
        st.session_state[STATE] = seeded
        st.session_state["_notices"] = seeded.notices + pack_notice
        return
    linked = flt.parse_query({k: v for k, v in params.items() if k in PAGE_SCOPED}, opts)
    if "iso" in params and linked.iso and linked.iso != current().iso:
        update(iso=linked.iso)
    if "q" in params and linked.search != current().search:
        update(search=linked.search)


def _seed_pack(values) -> tuple[str, ...]:
    """The briefing pack the link names, if the server has it (marked as used); else a notice."""
    key = values[-1] if values else None
    if not key:
        return ()
    store = packs.PackStore()
    if not packs.valid_key(key):
        return ("Ignored the briefing pack in the link: its key is not one the dashboard makes "
                "(was the link copied whole?).",)
    if not store.exists(key):
        return (f"The briefing pack in the link was not found: packs nobody opens for {store.limits.days} days are "
                "removed. Charts you add now start a new pack.",)
    store.touch(key)
    st.session_state[PACK] = key
    return ()


def pack_key() -> str | None:
    """The key of this session's briefing pack (None until a chart is added or a link names one)."""
    return st.session_state.get(PACK)


def set_pack_key(key: str | None) -> None:
    """Keep this pack in the session and the link (None: the session has no pack). The address is
    written now, not only by sync_url: a chart added from inside a fragment (the Attacks timeline)
    reruns only the fragment, and app.py's sync_url does not run until the next full run."""
    if key:
        st.session_state[PACK] = key
        if st.query_params.get("pack") != key:
            st.query_params["pack"] = key
    else:
        st.session_state.pop(PACK, None)
        if "pack" in st.query_params:
            del st.query_params["pack"]


def with_pack(link: str) -> str:
    """An in-app link that also carries the session's pack: a link that opens a new tab (a citation,
    a Sources passage) starts a new session, which finds the pack by its key."""
    key = pack_key()
    if not key or "pack=" in link:
        return link
    return f"{link}{'&' if '?' in link else '?'}pack={key}"


def on_page(url_path: str) -> None:
    """Note the page being drawn (app.py, before it runs): citations name it in their link."""
    st.session_state[PAGE] = url_path


def page_path() -> str:
    return st.session_state.get(PAGE, "")


def link_query() -> dict[str, str]:
    """The view's query string without the pack: what a citation's link carries."""
    return flt.to_query(current())


def sidebar_search(search_page) -> None:
    """A search box on every page: Enter (or the button) opens the Search page with ?q=."""
    with st.sidebar.form("sidebar-search", border=False, clear_on_submit=False):
        query = st.text_input("Search everything", key="w_sidebar_q", placeholder="e.g. Satpaev, ISKP, Telegram",
                              help="Places, groups, incidents, figures, channels and the full text of the documents")
        submitted = st.form_submit_button("Search")
    if submitted and query.strip():
        text = query.strip()[:flt.MAX_PARAM_LENGTH]
        if STATE in st.session_state:
            update(search=text)
        st.switch_page(search_page, query_params={"q": text})


def sidebar_filters(country_page=None) -> flt.Filters:
    """Global filters (countries, years) in the sidebar, seeded from the URL once per session."""
    opts = store.options()
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
        undated = st.checkbox("Also show rows with no date", key=_widget("w_undated", f.include_undated),
                              disabled=tuple(years) == (lo, hi),
                              help="With a year range set, rows the documents do not date are left out unless you tick "
                                   "this; they are then counted apart. With all years, every row is shown.")
        if country_page is not None:
            for iso in chosen[:5]:  # each chosen country's profile, one click away
                st.page_link(country_page, label=f"{names.get(iso, iso)}: country profile", query_params={"iso": iso})
    update(countries=tuple(chosen), year_from=years[0] if years[0] != lo else None,
           year_to=years[1] if years[1] != hi else None, include_undated=undated)
    return current()


def page_multiselect(label: str, field: str, choices: dict[str, str], help: str | None = None,
                     placeholder: str = "All") -> tuple[str, ...]:
    """A filter that belongs to one page; its value survives page changes through the canonical state.
    Left empty it means what `placeholder` says."""
    value = st.sidebar.multiselect(label, list(choices), format_func=lambda k: choices.get(k, k),
                                   key=_widget(f"w_{field}", list(getattr(current(), field))), help=help,
                                   placeholder=placeholder)
    update(**{field: tuple(value)})
    return tuple(value)


def page_tabs(page: str, parts: dict) -> None:
    """A page's parts as tabs, {label: function that draws the part}: only the open tab's part is
    built (a click on another tab reruns the page), so a filter change redraws one part, not the whole
    page. The open tab is kept in the link (?tab=map) when it is not the first, and stays open across
    filter changes; a link to a tab this page does not have opens the first."""
    labels = list(parts)
    by_slug = {flt.tab_slug(label): label for label in labels}
    key = TABS + page
    if key not in st.session_state:  # arriving: the link's tab, or the one this page had last run
        linked = current().tab if st.session_state.get(TABS_PAGE, page_path()) == page_path() else None
        st.session_state[key] = by_slug.get(linked, labels[0])
    tabs = st.tabs(labels, key=key, on_change="rerun")
    open_label = st.session_state[key]
    update(tab=None if open_label == labels[0] else flt.tab_slug(open_label))
    st.session_state[TABS_PAGE] = page_path()
    for tab, draw in zip(tabs, parts.values()):
        if tab.open:
            with tab:
                draw()


def sync_url() -> None:
    """Write the filters to the address bar, so a copied link reproduces the view (a page without
    tabs keeps no tab in it)."""
    if st.session_state.get(TABS_PAGE) != page_path() and current().tab:
        update(tab=None)
    wanted = flt.to_query(current())
    if pack_key():
        wanted["pack"] = pack_key()
    have = {k: st.query_params.get(k) for k in st.query_params.keys()}
    if have != wanted:
        st.query_params.from_dict(wanted)


def set_link(key: str, value: str) -> None:
    """Set one key of the address now (a page whose own control changes a page-scoped key)."""
    st.query_params[key] = value


def show_notices() -> None:
    """What the link asked for that made no sense: shown once, on arrival."""
    for notice in st.session_state.pop("_notices", ()):
        st.warning(safe_text(notice), icon="⚠️")
