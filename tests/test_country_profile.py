"""Country profiles (/country?iso=...): each page holds exactly the figures, incidents and channels
the curated tables give for that country. The expected rows come from a query written here on the
raw CSVs with plain pandas and re, independently of core/analysis/profile.py."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import streamlit as st

from ui import store

from app_paths import each_tab, open_tab, run_page, source_rows, unfold
from core.data.loading import load_corpus
from core.data.paths import CURATED_DIR
from core.analysis.passages import find_passages, sentences, term_pattern
from core.analysis.profile import build_profile

CENTRAL_ASIA = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
BARELY = ["TKM", "SWE", "KWT"]


def csv(name: str) -> pd.DataFrame:
    return pd.read_csv(CURATED_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


COUNTRIES, PLACES, FIGURES = csv("countries"), csv("places"), csv("figures")
INCIDENTS, CHANNELS = csv("incidents"), csv("channels")


def names_of(iso: str) -> list[str]:
    row = COUNTRIES[COUNTRIES["iso3"] == iso].iloc[0]
    return [row["name"]] + [n for n in row["other_names"].split(";") if n]


def expected_figures(iso: str) -> set[str]:
    """Subject or related is the country, a place in it, an incident in it, or a region whose
    `spans` name it (Central Asia for the five states; Uzbekistan, Kyrgyzstan and Tajikistan)."""
    ids = {iso} | set(PLACES.loc[PLACES["country_iso3"] == iso, "place_id"])
    ids |= set(INCIDENTS.loc[INCIDENTS["country_iso3"] == iso, "incident_id"])
    ids |= {p for p, s in zip(PLACES["place_id"], PLACES["spans"]) if iso in s.split(";")}
    hit = FIGURES["subject"].isin(ids) | FIGURES["related"].isin(ids)
    return set(FIGURES.loc[hit, "figure_id"])


def expected_incidents(iso: str) -> set[str]:
    """Happened there, or those who did it are its citizens (nationality, not an ethnic label), or it
    targeted its citizens; for the five states also one whose doers are said only to be Central Asians,
    unless another report of the same event names their citizenship as another state's."""
    named: dict[str, set] = {}
    for r in INCIDENTS.itertuples():
        named.setdefault(r.event_id, set()).update(n for n in r.nationality.split(";") if n)
    out = set()
    for r in INCIDENTS.itertuples():
        if r.country_iso3 == iso or iso in r.nationality.split(";") or iso in r.target_nationality.split(";"):
            out.add(r.incident_id)
        elif iso in CENTRAL_ASIA and not r.nationality and "central asia" in r.perpetrator_origin.lower() and \
                (not named[r.event_id] or iso in named[r.event_id]):
            out.add(r.incident_id)
    return out


def expected_channels(iso: str) -> set[str]:
    """Audience names the country or its nationals (whole words), a language is named after them,
    or (five states) audience or languages say 'Central Asia(n)'."""
    names = names_of(iso)
    out = set()
    for r in CHANNELS.itertuples():
        languages = r.languages.split(";") if r.languages else []
        named = any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", r.audience) for n in names)
        spoken = any(l in names for l in languages)
        regional = iso in CENTRAL_ASIA and "central asia" in (r.audience + " " + r.languages).lower()
        if named or spoken or regional:
            out.add(r.channel_id)
    return out


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Caches are process-wide: clear them around each test (one test reads a scratch copy)."""
    st.cache_data.clear()
    store.reload()
    yield
    st.cache_data.clear()
    store.reload()


def table_with(at, *columns: str) -> pd.DataFrame:
    tables = [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]
    assert len(tables) == 1, f"expected one table with {columns}, found {len(tables)}"
    return tables[0]


TAB_OF = {"figures": "Figures", "hotspots": "Places", "events": "Events", "channels": "Recruitment",
          "groups": "Recruitment"}  # the profile's tab that holds each Sources section


def ids_shown(at, section: str) -> set[str]:
    """The rows a part of the profile rests on: what its Sources section lists (readers see each
    row's source and quote; its id is in the passage link), in the tab that holds it."""
    unfold(open_tab(at, TAB_OF[section]))
    sections = [e for e in at.expander if e.label.startswith(f"Sources of the {section}")]
    return set(source_rows(sections[0].dataframe[0].value).index) if sections else set()


def incidents_shown(at) -> set[str]:
    """The incident rows behind the profile's events: what its events' Sources section lists."""
    return ids_shown(at, "events")


@pytest.mark.parametrize("iso", CENTRAL_ASIA + ["SWE", "KWT", "AFG"])
def test_profile_holds_exactly_the_rows_of_the_tables(iso):
    at = run_page("country", iso=iso)
    name = COUNTRIES.set_index("iso3").loc[iso, "name"]
    assert at.title[0].value == f"Country profile: {name}"
    assert ids_shown(at, "figures") == expected_figures(iso)
    assert ids_shown(at, "channels") == expected_channels(iso)
    assert incidents_shown(at) == expected_incidents(iso)


def test_the_rules_pick_real_rows():
    """The expectations above are not empty where the documents say much (so the test can fail)."""
    assert len(expected_figures("TJK")) > 10 and len(expected_incidents("TJK")) > 10
    assert {"inc-foreign_affairs-002", "inc-uwed-036"} <= expected_incidents("TJK")  # Tajik nationals abroad
    assert "inc-foreign_affairs-001" not in expected_incidents("TJK")  # Crocus: the attackers' citizenship is not stated
    assert "ch-uwed-16" in expected_channels("TJK") and "ch-uwed-16" not in expected_channels("KAZ")
    assert "fig-tucker-006" in expected_figures("KAZ") and "fig-tucker-006" not in expected_figures("UZB")


def test_events_say_how_they_concern_the_country():
    profile = build_profile(load_corpus(validate=False), "TJK")
    relation = profile.incidents.set_index("incident_id")["relation"]
    assert relation["inc-uwed-014"] == "in Tajikistan"  # Khujand bombing
    assert relation["inc-foreign_affairs-002"] == "Tajik nationals abroad"  # the Crocus arrests: suspects from Tajikistan
    assert "inc-foreign_affairs-001" not in relation  # the attack itself: the document does not say who the attackers were
    assert relation["inc-uwed-035"] == "Central Asians, country not named"
    # St Petersburg 2017: one report says "immigrants from Central Asian countries", the other names a
    # citizen of Kyrgyzstan: the event is Kyrgyzstan's, not every Central Asian state's.
    assert "inc-uwed-031" not in relation
    assert relation["inc-foreign_affairs-007"] == "targeting Tajik nationals"  # the crackdown's targets, not its doers
    assert relation["inc-foreign_affairs-004"] == "concerning Tajik nationals"  # a visa exemption targets no one
    at = open_tab(run_page("country", iso="TJK"), "Events")
    events = table_with(at, "Concerns", "Those involved, as described")
    assert len(events) == profile.incidents["event_id"].nunique() == len(profile.events)
    kyrgyz = build_profile(load_corpus(validate=False), "KGZ").incidents.set_index("incident_id")["relation"]
    assert kyrgyz["inc-tucker-004"] == "Kyrgyz nationals abroad"  # an ethnic Uzbek citizen of Kyrgyzstan
    assert kyrgyz["inc-uwed-031"] == "Central Asians, country not named"  # the same event's other report
    kyrgyz_events = build_profile(load_corpus(validate=False), "KGZ").events.set_index("event_id")["relation"]
    assert kyrgyz_events["ev-2017-st-petersburg-metro"] == "Kyrgyz nationals abroad"  # the event: its precise report
    assert "inc-tucker-004" not in set(build_profile(load_corpus(validate=False), "UZB").incidents["incident_id"])


@pytest.mark.parametrize("iso", BARELY)
def test_barely_covered_country_says_so(iso):
    at = run_page("country", iso=iso)
    said = " ".join(i.value for i in at.info).replace("\\", "")
    assert "barely cover" in said and COUNTRIES.set_index("iso3").loc[iso, "name"] in said


def test_well_covered_country_does_not_say_barely():
    at = run_page("country", iso="TJK")
    assert not any("barely" in i.value for i in at.info)


def test_nonsense_iso_gives_a_notice_and_the_chooser():
    at = run_page("country", iso="<b>XX</b>")
    assert any("country profile" in w.value for w in at.warning)
    assert at.title[0].value == "Country profiles"
    listing = table_with(at, "profile")
    assert set(listing["profile"]) == {f"country?iso={c}" for c in COUNTRIES["iso3"]}


def test_choosing_a_country_opens_its_profile():
    at = run_page("country")
    at.selectbox(key="w_iso").select("UZB").run()
    assert not at.exception
    assert at.title[0].value == "Country profile: Uzbekistan"
    assert at.query_params["iso"] in ("UZB", ["UZB"])
    assert incidents_shown(at) == expected_incidents("UZB")


def test_year_filter_applies_to_dated_rows():
    at = run_page("country", iso="TJK", **{"from": "2022"})
    shown = incidents_shown(at)
    years = INCIDENTS.set_index("incident_id")["date"].str[:4]
    assert shown and all(years[i] and int(years[i]) >= 2022 for i in shown)
    assert shown == {i for i in expected_incidents("TJK") if years[i] and int(years[i]) >= 2022}


def test_country_comparison_links_each_country_to_its_profile():
    at = run_page("countries")
    table = table_with(at, "Profile")
    assert list(table["Profile"]) == [f"country?iso={c}" for c in CENTRAL_ASIA]


def test_profile_without_chromium_says_so_and_works(monkeypatch):
    from core.render import brief

    monkeypatch.setattr(brief, "chromium_path", lambda: None)
    at = run_page("country", iso="KGZ")
    assert any("need Debian's chromium" in c.value for c in at.caption)
    assert ids_shown(at, "figures") == expected_figures("KGZ")


# Pure functions --------------------------------------------------------------------------------

def test_passages_match_whole_words_as_written():
    pattern = term_pattern(["US", "U.S.", "Tajik", "Tajikistan"])
    assert [m.group() for m in pattern.finditer("Tajikistan and the U.S. told us; Tajiks; US forces")] == \
        ["Tajikistan", "U.S.", "US"]


def test_sentences_split_paragraphs_and_keep_offsets():
    text = "First one. Second one?\nThird line ends.\n"
    spans = sentences(text)
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one?", "Third line ends."]


def test_passages_point_at_the_text_that_names_the_country():
    corpus = load_corpus(validate=False)
    passages = find_passages(corpus, ["Turkmenistan", "Turkmen"])
    assert len(passages) > 0
    for r in passages.itertuples():
        text = corpus.documents[r.doc_id].text
        assert text[r.start:r.end].strip() == r.text
        assert re.search(r"Turkmen", r.text)
        assert r.link == f"sources?doc={r.doc_id}&passage={r.start}-{r.end}"


def test_a_documents_own_range_is_not_a_disagreement():
    """'at least hundreds and as many as several thousand' (fig-tucker-003/-004) is one document's
    range, and 'about 5,000,000' beside 'millions' agree: neither is listed where the documents differ."""
    profile = build_profile(load_corpus(validate=False), "TJK")
    listed = set(profile.contradictions["figure_id"])
    assert not {"fig-tucker-003", "fig-tucker-004", "fig-tucker-010", "fig-tucker-011", "fig-tucker-008",
                "fig-uwed-025"} & listed


def test_the_coverage_sentence_counts_the_documents_that_name_the_country():
    """Only Tucker names Turkmenistan: the sentence says one document, as the Overview card does."""
    profile = build_profile(load_corpus(validate=False), "TKM")
    naming = [d for d in profile.documents if re.search(r"Turkmen", load_corpus(validate=False).documents[d].text)]
    assert profile.naming == naming == ["tucker"]
    assert "1 document names it" in profile.coverage_sentence()


def test_every_country_profile_draws():
    """All the countries the data names, chosen one after the other in one session."""
    at = run_page("country")
    for iso, name in zip(COUNTRIES["iso3"], COUNTRIES["name"]):
        at.selectbox(key="w_iso").select(iso).run()
        assert not at.exception, (iso, [e.value for e in at.exception])
        assert not at.error, (iso, [e.value for e in at.error])
        assert at.title[0].value == f"Country profile: {name}"
        assert any(name in m.value for m in (*at.markdown, *at.info)), iso  # the coverage sentence


def test_hostile_text_in_the_data_shows_literally_on_the_profile(scratch, monkeypatch):
    """HTML and Markdown in a hotspot summary, an incident and a group name: written, never run."""
    hostile = "<script>alert('x')</script> **not bold** [click](javascript:alert(1))"
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(scratch.curated))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(scratch.seeds))
    store.reload()
    hotspots = scratch.rows("hotspots")
    hotspots[[h["hotspot_id"] for h in hotspots].index("hot-foreign_affairs-01")]["summary"] = hostile
    scratch.write("hotspots", hotspots)
    incidents = scratch.rows("incidents")
    incidents[[i["incident_id"] for i in incidents].index("inc-uwed-014")]["summary"] = hostile
    scratch.write("incidents", incidents)
    at = run_page("country", iso="TJK")
    markdown, specs = [], []
    for _, tab in each_tab(at):  # every part of the profile
        assert not any(m.proto.allow_html for m in tab.markdown)
        markdown += [m.value for m in tab.markdown]
        specs += [chart.proto.spec for chart in tab.get("plotly_chart")]
    markdown = "\n".join(markdown)
    assert "\\<script\\>alert" in markdown and "\\*\\*not bold\\*\\*" in markdown
    assert specs and all("<script>" not in spec and "&lt;script&gt;" in spec for spec in specs)
    events = table_with(open_tab(at, "Events"), "Concerns", "Those involved, as described")
    assert hostile in set(events["Summary"])  # a table cell is text, shown as is


@pytest.mark.parametrize("years", [None, (2022, 2026)])
def test_the_list_counts_what_each_profile_holds(years):
    """The list of countries builds each profile without what it does not show (full=False); its
    coverage, figures, incidents and documents are the profile's, for every country."""
    from conftest import repository_corpus
    from core.analysis.filters import Filters
    corpus = repository_corpus()  # loaded once per process: its views are built once for every module
    f = Filters(year_from=years[0], year_to=years[1]) if years else None
    for iso in COUNTRIES["iso3"]:
        full, counts = build_profile(corpus, iso, f), build_profile(corpus, iso, f, full=False)
        assert (counts.coverage, len(counts.key_figures), counts.own_incident_reports, counts.naming) == (
            full.coverage, len(full.key_figures), full.own_incident_reports, full.naming), iso
