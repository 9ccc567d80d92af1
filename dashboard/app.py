"""Entry point: page config, the sidebar's search and filters, navigation, and the link kept in step.

Served by dashboard/server.py (st.App: the middleware in front of it); bash scripts/run.sh sets up and
runs that. Tests open this script directly with AppTest.
"""

import logging

import streamlit as st

from core.curation.mode import NO_GATE, curate_page_allowed, curator_mode
from ui import layout, state, store
from ui.chrome import PAGE_FAILED
from ui.navigation import page_sections

st.set_page_config(page_title="Central Asian mobilization dashboard", page_icon="🗺️", layout="wide")
layout.stylesheet()  # the phone rules (ui/layout.py)

store.refresh()  # the data as of now: read again only after a write, by any process
sections = page_sections()
if curate_page_allowed():  # decided when the server starts; a reader's session never has this page or its URL
    sections["Curator"] = [st.Page("views/curate.py", title="Curate", url_path="curate")]
elif curator_mode():  # asked for, but served without the sign-in of dashboard/server.py
    st.error(NO_GATE)
pages = [p for section in sections.values() for p in section]
overview, country, search = sections["Answers"]
page = st.navigation(pages)  # flat: Streamlit 1.67 draws section headings as <div>s inside the nav <ul> (an axe violation)
state.on_page(page.url_path)  # citations name the page in their link
state.sidebar_search(search)
state.sidebar_filters(country)
state.show_notices()
try:
    page.run()
except Exception:  # a bug must not show a traceback to a reader; the log keeps the details
    logging.getLogger("dashboard").exception("page %s failed", page.url_path)
    st.error(PAGE_FAILED)
state.sync_url()
