"""A session's filters and the link: the one module that reads and writes them.

The filters come from the address once per session (core.analysis.filters parses and checks it);
after that the session's state is canonical, the widgets in the sidebar are seeded from it, and the
address is written back after every run (sync_url), so a copied link reproduces the view on any page.

Why not Streamlit's `bind="query-params"` on the widgets: it writes each widget under its own key
with repeated parameters (?country=KAZ&country=TJK, and a slider as two values), which would break
every link shared so far (?country=KAZ,TJK&from=2015&to=2024), and it drops a value it does not know
without a word, where a reader should learn that part of a link was ignored."""

from __future__ import annotations

import streamlit as st

from core.analysis import filters as flt
from core.data.schema import CENTRAL_ASIA
from ui import store
from ui.chrome import safe_text

STATE = "_filters"  # the session's canonical Filters; widgets are seeded from it
PAGE_SCOPED = ("iso", "q")  # keys an in-app link (st.page_link) may carry to a page after the first run


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
        seeded = flt.parse_query(params, opts)
        st.session_state[STATE] = seeded
        st.session_state["_notices"] = seeded.notices
        return
    linked = flt.parse_query({k: v for k, v in params.items() if k in PAGE_SCOPED}, opts)
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


def sync_url() -> None:
    """Write the filters to the address bar, so a copied link reproduces the view."""
    wanted = flt.to_query(current())
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
