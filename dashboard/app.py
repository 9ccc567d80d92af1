"""Entry point: page config, shared data, global filters and navigation.

Run: streamlit run dashboard/app.py
"""

import copy
import logging

import streamlit as st

import ui
from core.curation.mode import curator_mode
from navigation import page_sections

st.set_page_config(page_title="Central Asian mobilization dashboard", page_icon="🗺️", layout="wide")

corpus = ui.get_corpus()

PAGE_FAILED = ("Something went wrong while drawing this page. The other pages still work; "
               "the details are in the server log.")

SECTIONS = {name: [copy.copy(p) for p in pages] for name, pages in page_sections().items()}
if curator_mode():  # decided when the server starts; a reader's session never has this page or its URL
    SECTIONS["Curator"] = [st.Page("views/curate.py", title="Curate", url_path="curate")]
PAGES = [p for pages in SECTIONS.values() for p in pages]
OVERVIEW, COUNTRY, SEARCH = SECTIONS["Answers"]
page = st.navigation(PAGES)  # flat: Streamlit 1.67 draws section headings as <div>s inside the nav <ul> (an axe violation)
ui.sidebar_search(SEARCH)
ui.sidebar_filters(corpus, COUNTRY)
ui.show_notices()  # what the link asked for that made no sense: shown once, on arrival
try:
    page.run()
except Exception:  # a bug must not show a traceback to a reader; the log keeps the details
    logging.getLogger("dashboard").exception("page %s failed", page.url_path)
    st.error(PAGE_FAILED)
ui.sync_url()
