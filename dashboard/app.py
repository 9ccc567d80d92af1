"""Entry point: page config, shared data, global filters and navigation.

Run: streamlit run dashboard/app.py
"""

import copy
import logging

import streamlit as st

import ui
from core.mode import curator_mode

st.set_page_config(page_title="Central Asian mobilization dashboard", page_icon="🗺️", layout="wide")

corpus = ui.get_corpus()

PAGE_FAILED = ("Something went wrong while drawing this page. The other pages still work; "
               "the details are in the server log.")


@st.cache_resource(show_spinner=False)
def page_sections() -> dict[str, list]:
    """The reader pages by section, made once per server process (st.Page resolves and hashes its
    script's path: 3 ms a rerun for all of them). Each run takes its own copies (below):
    st.navigation marks the page it returns, and two sessions must not share that mark."""
    sections = {
        "Answers": [
            st.Page("views/overview.py", title="Overview", default=True),
            st.Page("views/country.py", title="Country profiles", url_path="country"),
            st.Page("views/search.py", title="Search", url_path="search"),
        ],
        "Explore": [
            st.Page("views/hotspots.py", title="Hotspots map", url_path="hotspots"),
            st.Page("views/attacks.py", title="Attacks and plots", url_path="attacks"),
            st.Page("views/repatriation.py", title="Repatriation", url_path="repatriation"),
            st.Page("views/recruitment.py", title="Recruitment", url_path="recruitment"),
            st.Page("views/groups.py", title="Groups", url_path="groups"),
            st.Page("views/countries.py", title="Country comparison", url_path="countries"),
        ],
        "Sources and exports": [
            st.Page("views/sources.py", title="Sources", url_path="sources"),
            st.Page("views/data.py", title="Data", url_path="data"),
            st.Page("views/briefing.py", title="Briefing", url_path="briefing"),
        ],
    }
    return sections


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
