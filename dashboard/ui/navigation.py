"""The reader pages, by section, for st.navigation in app.py (paths are relative to app.py)."""

import streamlit as st


def page_sections() -> dict[str, list]:
    """The reader pages by section, made for each run (st.navigation marks the page it returns, so
    sessions must not share st.Page objects). tests/app_paths.py reads this list too."""
    return {
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
