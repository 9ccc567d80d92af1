"""Entry point: page config, shared data, navigation. Run: streamlit run dashboard/app.py"""

import streamlit as st

from ui import get_corpus, problem_banner

st.set_page_config(page_title="Central Asian mobilization dashboard", page_icon="🗺️", layout="wide")

corpus = get_corpus()
problem_banner(corpus)

page = st.navigation(
    [
        st.Page("views/overview.py", title="Overview", default=True),
    ]
)
page.run()
