"""Views and filters over the curated tables, checked against the data itself."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd

from core.analysis.documents import short_citations
import pytest

from conftest import repository_corpus

from core.analysis.filters import Filters
from core.analysis.query import (display_value, figures_mask, figures_view, filter_figures, filter_incidents, ids_where,
                        incidents_mask, incidents_view, source_link, sources_for, take_rows)


@pytest.fixture(scope="module")
def corpus():
    return repository_corpus()


def test_nationality_is_the_stated_citizenship_not_an_ethnic_label(corpus):
    """'an ethnic Uzbek citizen of Kyrgyzstan' is a Kyrgyz national of Uzbek ethnicity: counted for
    Kyrgyzstan only; 'Uighur' names no country; migrants detained in a crackdown are its targets."""
    inc = incidents_view(corpus).set_index("incident_id")
    metro = inc.loc["inc-tucker-004"]
    assert metro["origin_iso3"] == ("KGZ",) and metro["ethnicity"] == "Uzbek"
    assert "UZB" not in metro["countries"]
    assert inc.loc["inc-uwed-001", "origin_iso3"] == () and "CHN" not in inc.loc["inc-uwed-001", "countries"]
    crackdown = inc.loc["inc-foreign_affairs-007"]
    assert "TJK" not in crackdown["origin_iso3"] and crackdown["target_iso3"] == ("TJK",)
    inspired = inc.loc["inc-tucker-001"]
    assert inspired["group_link"] == "Islamic State (inspired by)"


def test_country_filter_matches_place_or_origin(corpus):
    inc = incidents_view(corpus)
    tjk = filter_incidents(inc, Filters(countries=("TJK",)))
    crocus = inc[(inc["place_id"] == "crocus_city_hall") & (inc["category"] == "attack")]
    assert len(crocus) == 1 and crocus.iloc[0]["country_iso3"] == "RUS"
    assert crocus.index[0] not in tjk.index  # the document does not state the attackers' citizenship
    arrest = inc[inc["incident_id"] == "inc-foreign_affairs-002"]
    assert arrest.iloc[0]["country_iso3"] == "RUS" and arrest.index[0] in tjk.index  # in Russia, suspects from Tajikistan
    assert set(tjk.index) == {i for i, cs in inc["countries"].items() if "TJK" in cs}


def test_year_filter_and_undated_rows(corpus):
    inc = incidents_view(corpus)
    undated = inc[inc["start"].isna()]
    assert len(undated) > 0
    # With a year range, rows with no date are left out unless the reader asks for them...
    kept = filter_incidents(inc, Filters(year_from=2022, year_to=2022))
    assert set(kept["year"].dropna()) == {2022.0} and kept["start"].notna().all()
    asked = filter_incidents(inc, Filters(year_from=2022, year_to=2022, include_undated=True))
    assert set(undated.index) <= set(asked.index)
    # ...and with no year range every row is shown, dated or not.
    assert set(undated.index) <= set(filter_incidents(inc, Filters()).index)


def test_month_and_year_spans(corpus):
    inc = incidents_view(corpus).set_index("incident_id")
    shiraz = inc.loc[inc["summary"].str.contains("Shiraz")].iloc[0]
    assert (shiraz["end"] - shiraz["start"]) == pd.Timedelta(days=1)
    year_only = inc[inc["date_precision"] == "year"].iloc[0]
    assert (year_only["end"] - year_only["start"]).days in (365, 366)


def test_region_figures_count_for_each_central_asian_country(corpus):
    figs = figures_view(corpus)
    ca = figs[figs["subject"] == "central_asia"]
    assert len(ca) > 0
    assert set(ca.index) <= set(filter_figures(figs, Filters(countries=("TKM",))).index)


def test_a_joint_count_of_some_states_is_found_under_those_states_only(corpus):
    """Tucker's first wave counts people "from Uzbekistan, Kyrgyzstan and Tajikistan" (not all five);
    UWED's 2017 peak counts those who "fought in Syria and Iraq" (not Syria alone)."""
    figs = figures_view(corpus).set_index("figure_id")
    assert figs.loc["fig-tucker-011", "subject_label"] == "Uzbekistan, Kyrgyzstan and Tajikistan"
    assert figs.loc["fig-uwed-034", "related_label"] == "Syria and Iraq"
    for iso, shown in (("UZB", True), ("KGZ", True), ("TJK", True), ("KAZ", False), ("TKM", False)):
        found = set(filter_figures(figures_view(corpus), Filters(countries=(iso,)))["figure_id"])
        assert ({"fig-tucker-010", "fig-tucker-011"} <= found) is shown, iso
    assert "fig-uwed-034" in set(filter_figures(figures_view(corpus), Filters(countries=("IRQ",)))["figure_id"])


def test_display_value_keeps_qualifiers():
    base = {"value_text": "", "unit": "people"}
    assert display_value({**base, "qualifier": "range", "value": float("nan"), "low": 300.0, "high": 700.0}) == "300\u2013700"
    # "about 2-3 thousand" keeps its "about" (it once read "2,000–3,000")
    assert display_value({**base, "qualifier": "range", "value": float("nan"), "low": 2000.0, "high": 3000.0,
                          "value_text": "about 2-3 thousand"}) == "about 2,000\u20133,000"
    assert display_value({**base, "qualifier": "range", "value": float("nan"), "low": 80.0, "high": 110.0,
                          "value_text": "between 80 and 110 other countries"}) == "80\u2013110"
    assert display_value({**base, "qualifier": "up to", "value": 2000.0, "low": float("nan"), "high": 2000.0}) == "up to 2,000"
    assert display_value({**base, "qualifier": "magnitude", "value": float("nan"), "low": float("nan"),
                          "high": float("nan"), "value_text": "several thousand"}) == "several thousand"


def test_sources_link_to_the_passage(corpus):
    figs = corpus["figures"].head(3)
    table = sources_for(figs, "figure_id", corpus)
    assert list(table["row"]) == list(figs["figure_id"])
    assert table["open"].iloc[0] == source_link(figs["doc_id"].iloc[0], figs["figure_id"].iloc[0])
    assert table["open"].iloc[0].startswith("sources?doc=")


# --- The fast paths give what plain pandas gives ------------------------------------------------

FILTERS = [Filters(), Filters(countries=("TJK",)), Filters(countries=("KAZ", "RUS")), Filters(countries=("TKM",)),
           Filters(year_from=2014, year_to=2016), Filters(year_from=2021, include_undated=True),
           Filters(year_to=2010, include_undated=False), Filters(year_from=1990, year_to=1990, include_undated=False),
           Filters(countries=("TJK",), year_from=2015, kinds=("attack",), groups=("iskp",))]


def pandas_mask(frame: pd.DataFrame, start: str, end: str, f: Filters) -> pd.Series:
    """The filters as boolean Series, written the plain pandas way."""
    mask = frame["countries"].map(lambda cs: bool(set(f.countries) & set(cs))) if f.countries else True
    if not (f.year_from or f.year_to):
        return pd.Series(True, index=frame.index) & mask
    undated = frame[start].isna()
    dated = ~undated
    if f.year_from:
        dated &= frame[end].fillna(float("inf")) >= f.year_from
    if f.year_to:
        dated &= frame[start].fillna(float("-inf")) <= f.year_to
    return (dated | (undated & f.include_undated)) & mask


@pytest.mark.parametrize("f", FILTERS)
def test_filters_give_what_boolean_indexing_gives(corpus, f):
    inc, figs = incidents_view(corpus), figures_view(corpus)
    expected = inc[pandas_mask(inc, "year", "year", f) & inc["category"].isin(f.kinds or inc["category"])
                   & inc["group_id"].isin(f.groups or inc["group_id"])]
    pd.testing.assert_frame_equal(filter_incidents(inc, f), expected)
    pd.testing.assert_frame_equal(filter_incidents(inc, f, use_kind=False, use_group=False),
                                  inc[pandas_mask(inc, "year", "year", f)])
    pd.testing.assert_frame_equal(filter_figures(figs, f), figs[pandas_mask(figs, "year_start", "year_end", f)])
    assert ids_where(inc, incidents_mask(inc, f), "incident_id") == tuple(expected["incident_id"])
    assert ids_where(figs, figures_mask(figs, f), "figure_id") == tuple(filter_figures(figs, f)["figure_id"])


def test_take_rows_slices_consecutive_rows_and_never_changes_the_frame():
    frame = pd.DataFrame({"a": range(6), "b": list("uvwxyz")}, index=[10, 11, 12, 13, 14, 15])
    for positions in ([], [2], [1, 2, 3], [0, 1, 2, 3, 4, 5], [3, 1], [0, 2, 4], [2, 2]):
        pd.testing.assert_frame_equal(take_rows(frame, positions), frame.take(positions), check_index_type=True)
    sliced = take_rows(frame, [1, 2, 3])
    sliced.loc[11, "a"] = 99  # copy-on-write: the source keeps its values
    sliced["c"] = 1
    assert frame.loc[11, "a"] == 1 and list(frame.columns) == ["a", "b"]


def test_source_link_quotes_every_character():
    for doc, row in (("tucker", "fig-tucker-001"), ("a b&c", "r?=/#%"), ("Ünïcode", "тест")):
        assert source_link(doc, row) == "sources?" + urlencode({"doc": doc, "row": row})


def test_sources_list_each_row_once_in_first_order(corpus):
    figs = corpus["figures"]
    rows = pd.concat([figs.iloc[[3, 1]], figs.iloc[[1, 3, 0]]])
    table = sources_for(rows, "figure_id", corpus)
    assert list(table["row"]) == list(figs["figure_id"].iloc[[3, 1, 0]])
    assert list(table.index) == [0, 1, 2]
    cited = short_citations(corpus)  # documents as readers cite them: "Tucker (late 2021 or later, inferred)"
    assert list(table["document"]) == [cited[d] for d in figs["doc_id"].iloc[[3, 1, 0]]]
    assert list(sources_for(rows.iloc[0:0], "figure_id", corpus).columns) == ["row", "document", "quote", "open"]


def test_country_table_cells_list_every_figure_of_the_country(corpus):
    from core.analysis.comparison import COMPARABLE, DESTINATION_SHARE, country_table

    figs = figures_view(corpus)
    names = dict(zip(corpus["countries"]["iso3"], corpus["countries"]["name"]))
    labels = dict(zip(corpus["indicators"]["indicator"], corpus["indicators"]["label"]))
    countries = ["KAZ", "TJK", "UZB", "RUS"]
    wide, long = country_table(figs, incidents_view(corpus), countries, names, labels)
    assert list(wide["country"]) == [names[c] for c in countries]
    expected = figs[figs["indicator"].isin(COMPARABLE) & figs["subject"].isin(countries)]
    # then the destination shares ("Russia 61.5 %"), which the table shows in a column of their own
    shares = figs[(figs["indicator"] == DESTINATION_SHARE) & figs["subject"].isin(countries)]
    assert list(long["figure_id"]) == list(expected["figure_id"]) + list(shares["figure_id"])
    assert list(long["country"]) == [names[s] for s in list(expected["subject"]) + list(shares["subject"])]
    for iso, row in zip(countries, wide.to_dict("records")):
        for ind in COMPARABLE:
            mine = expected[(expected["indicator"] == ind) & (expected["subject"] == iso)]
            cell = row[labels[ind]]
            assert cell == "; ".join(f"{d}{' (' + p + ')' if p else ''} [{doc}]" for d, p, doc in
                                     zip(mine["display"], mine["period"], mine["doc_id"])) or "not reported"


def test_documents_differ_only_where_their_values_cannot_both_hold(corpus):
    """A row's own range is one claim; 'about 5,000,000' and 'millions' agree; only different
    documents on the same indicator, people and period can disagree."""
    from core.analysis.disagreements import differ, disagreements

    figs = figures_view(corpus)
    found = disagreements(figs)
    assert not {"fig-tucker-003", "fig-tucker-004", "fig-tucker-010", "fig-tucker-011"} & set(found["figure_id"])
    assert not {"fig-tucker-008", "fig-uwed-025"} & set(found["figure_id"])  # about five million / millions
    # Another document giving Kazakhstan's repatriations as 500 disagrees with Tucker's 654; a third
    # giving "about 650" agrees with it, and neither is listed against itself.
    kaz = figs[figs["figure_id"] == "fig-tucker-006"]
    other = kaz.assign(figure_id="fig-x-001", doc_id="x", value=500.0, display="500")
    close = kaz.assign(figure_id="fig-y-001", doc_id="y", value=650.0, qualifier="about", display="about 650")
    found = disagreements(pd.concat([figs, other, close]), {"x": "X (2024)"})
    assert list(found["figure_id"]) == ["fig-tucker-006", "fig-x-001", "fig-y-001"] and found["set"].nunique() == 1
    assert "X (2024)" in set(found["document"]) and found[["indicator", "about", "period"]].nunique().max() == 1
    row = {"value_text": "", "unit": "people", "low": float("nan"), "high": float("nan")}
    five_million = {**row, "qualifier": "about", "value": 5_000_000.0}
    millions = {**row, "qualifier": "magnitude", "value": float("nan"), "value_text": "Millions"}
    hundreds = {**row, "qualifier": "magnitude", "value": float("nan"), "value_text": "hundreds"}
    assert not differ(five_million, millions) and differ(five_million, hundreds)
    assert differ({**row, "qualifier": "exact", "value": 654.0}, {**row, "qualifier": "exact", "value": 512.0})


def test_a_figure_over_several_years_counts_for_every_year_of_its_period(corpus):
    """fig-uwed-012 covers 2015 to 2020: a filter on 2017 alone keeps it (it once ended in its first year)."""
    figs = figures_view(corpus).set_index("figure_id")
    assert (figs.loc["fig-uwed-012", "year_start"], figs.loc["fig-uwed-012", "year_end"]) == (2015, 2020)
    for year in (2015, 2017, 2020):
        kept = filter_figures(figures_view(corpus), Filters(year_from=year, year_to=year, include_undated=False))
        assert "fig-uwed-012" in set(kept["figure_id"]), year
    assert "fig-uwed-012" not in set(filter_figures(figures_view(corpus), Filters(year_from=2021, include_undated=False))["figure_id"])


def test_a_profile_for_years_with_no_figure_at_all_says_so_instead_of_failing(corpus):
    from core.analysis.profile import build_profile

    p = build_profile(corpus, "KAZ", Filters(year_from=1990, year_to=1990, include_undated=False))
    assert p.figures.empty and p.name == "Kazakhstan"


@pytest.mark.parametrize("filters", [Filters(), Filters(countries=("TJK",)), Filters(countries=("RUS", "UZB"), year_from=2015),
                                     Filters(kinds=("plot",)), Filters(groups=("iskp",), include_undated=False),
                                     Filters(year_from=2030)])
def test_events_taken_from_every_event_are_the_events_made_anew(corpus, filters):
    """An event is made of all its reports whatever the filters: the Attacks page takes the events
    the filters leave from every event, made once, and they must be those made for the filter."""
    from core.analysis.events import events_of, filter_events

    inc, citations = incidents_view(corpus), short_citations(corpus)
    made_anew = filter_events(inc, filters, citations)
    taken = filter_events(inc, filters, citations, every_event=events_of(inc, citations))
    assert taken.equals(made_anew)
    assert (filters.year_from == 2030) == made_anew.empty
