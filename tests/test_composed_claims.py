"""Sentences the app composes say no more than their rows: the corrections of the second audit of
composed sentences (inferred dates in tables, repatriation reported without a number, migrants "in
Russia", audiences in a country, "or later" dates, "other countries", events whose place is not
stated, former citizens, counts in agreement). Pure functions over the repository's tables."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from app_paths import open_tab, run_page
from conftest import repository_corpus
from core.analysis.comparison import NO_NUMBER, country_table, programme_only
from core.analysis.coverage import coverage_summary
from core.analysis.documents import document_names
from core.analysis.filters import Filters
from core.analysis.overview import country_cards
from core.analysis.plain import Names, count_of, for_reader
from core.analysis.profile import build_profile, timeline_summary
from core.analysis.query import country_names, filter_figures, incidents_view
from core.data.loading import load_corpus
from core.render import brief
from core.render.alt_text import comparison_summary, incident_map_summary
from core.render.charts import small_multiples


@pytest.fixture(scope="module")
def corpus():
    return repository_corpus()


def test_an_inferred_date_says_so_in_every_table(corpus):
    """The events tables (Attacks, profile, Groups) fold `date_inferred` into the date a reader sees."""
    inc = incidents_view(corpus)
    inferred = inc[inc["date_inferred"] == "yes"]
    assert len(inferred) >= 3  # Crocus and the Russian arrests, among others
    shown = for_reader(inc[["date", "date_inferred", "kind", "summary"]], Names.of(corpus))
    assert "Date inferred" not in shown.columns and "date_inferred" not in shown.columns
    for position in [inc.index.get_loc(i) for i in inferred.index]:
        assert shown["Date"].iloc[position] == f"{inc['date'].iloc[position]} (inferred)"
    stated = (inc["date_inferred"] != "yes") & (inc["date"] != "")
    assert not shown["Date"][stated.to_numpy()].str.contains("inferred").any()


def test_a_figure_about_an_incident_marks_its_inferred_date(corpus):
    """'People arrested (suspects): 12 (arrest in Russia (inferred), 2024-03 (inferred) ...)'."""
    about = build_profile(corpus, "TJK").figures.set_index("figure_id")["about"]
    arrested = about[about.str.startswith("arrest in")]
    assert len(arrested) and all("(inferred)" in a.split(",", 1)[1] for a in arrested), arrested.tolist()


def test_repatriation_reported_without_a_number_is_said_so_on_the_comparison(corpus):
    figs, inc = filter_figures(corpus_views_figures(corpus), Filters()), incidents_view(corpus)
    names = country_names(corpus)
    labels = dict(zip(corpus["indicators"]["indicator"], corpus["indicators"]["label"]))
    states = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    wide, long = country_table(figs, inc, states, names, labels)
    column = wide.set_index("country")[labels["repatriated_people"]]
    with_programme = programme_only(inc)
    assert {"KGZ", "TJK"} <= with_programme  # inc-tucker-009/-010: programmes, no number of people
    assert column["Kyrgyzstan"] == column["Tajikistan"] == NO_NUMBER
    assert column["Turkmenistan"] == "not reported"  # no programme and no figure
    plotted = long.drop_duplicates(["indicator", "country"])
    said = {"repatriated_people": ({names[c] for c in with_programme}, NO_NUMBER)}
    shown = [names[c] for c in states]
    sentence = comparison_summary(plotted, [("repatriated_people", "People repatriated")], shown, said)
    assert f"{NO_NUMBER} for Kyrgyzstan and Tajikistan" in sentence and "not reported for Turkmenistan" in sentence
    slide = small_multiples(plotted, [("repatriated_people", "People repatriated")], shown, "t", said)
    texts = dict(zip(slide.data[0].y, slide.data[0].text))
    assert texts["Tajikistan"] == NO_NUMBER and texts["Turkmenistan"] == "not reported"
    # Labour migrants counted in one destination say where, in the chart as in the table
    migrants = plotted[plotted["indicator"] == "labour_migrants"].set_index("country")["display"]
    assert migrants["Tajikistan"].endswith(" in Russia")


def corpus_views_figures(corpus):
    from core.analysis.query import corpus_views
    return corpus_views(corpus)[0]


def test_audiences_in_a_country_are_not_called_its_audiences(corpus):
    """Russia's profile: the channels aimed at recruits *in* Russia are not 'aimed at Russian audiences'."""
    why = " ".join(build_profile(corpus, "RUS").groups["why"])
    assert "Russian audiences" not in why
    assert "whose audience or language concerns Russia" in why


def test_a_lower_bound_date_keeps_or_later(corpus):
    names = document_names(corpus)
    assert names["tucker"].compact == "Tucker (2021 or later, inferred)"
    assert names["foreign_affairs"].compact == "Foreign Affairs (2024, inferred)"  # no lower bound: none said
    assert brief.document_years(names, ["tucker"]) == "written 2021 or later (date inferred)"
    assert brief.document_years(names, ["williams", "tucker"]) == "written 2020 to 2021 or later (dates inferred)"


def test_other_countries_with_detained_citizens_say_other(corpus):
    """fig-tucker-005: 'alongside citizens of between 80 and 110 other countries'."""
    label = corpus["indicators"].set_index("indicator").loc["countries_with_detained_citizens", "label"]
    assert label.lower().startswith("other countries")
    assert "other countries" in corpus["figures"].set_index("figure_id").loc["fig-tucker-005", "quote"]


def test_an_event_with_no_stated_place_is_not_elsewhere(corpus):
    cards = {c.iso: c for c in country_cards(corpus, Filters())}
    tjk = cards["TJK"]
    khalimov = corpus["incidents"].set_index("incident_id").loc["inc-williams-001"]
    assert khalimov["country_iso3"] == "" and khalimov["event_id"] in set(tjk.events["event_id"])
    assert tjk.unplaced >= 1
    assert tjk.in_country + tjk.abroad + tjk.former + tjk.unplaced == len(tjk.events)


def test_former_citizens_are_said_as_former_and_not_counted_as_nationals(corpus):
    """inc-tucker-001..003: 'a former citizen of Uzbekistan' (Istanbul, Stockholm, New York)."""
    former = {"ev-tucker-001", "ev-tucker-002", "ev-tucker-003"}
    relation = build_profile(corpus, "UZB").events.set_index("event_id")["relation"]
    assert all(relation[e] == "former citizens of Uzbekistan abroad" for e in former)
    assert (relation == "Uzbek nationals abroad").sum() >= 1  # the others stay nationals
    card = {c.iso: c for c in country_cards(corpus, Filters())}["UZB"]
    assert card.former == 3
    inc = incidents_view(corpus)
    names = country_names(corpus)
    wide, _ = country_table(filter_figures(corpus_views_figures(corpus), Filters()), inc, ["UZB"], names, {})
    stated = [o for o, f in zip(inc["origin_iso3"], inc["origin_former"]) if "UZB" in o and not f]
    assert wide["Incidents naming its nationals (reports)"].iloc[0] == str(len(stated))
    profile = build_profile(corpus, "UZB")  # the brief's sentence on its attacks and plots (as brief_content picks them)
    ev = profile.events
    attacks = ev[ev["category"].isin(brief.ATTACKS_AND_PLOTS) & (ev["relation"] != profile.regional_relation)]
    assert "involving Uzbek nationals or former citizens" in brief.events_sentence(profile, attacks)
    assert set(ev.loc[ev["by_former_citizens"], "event_id"]) == former  # read from the rows, not the label's words
    tjk = build_profile(corpus, "TJK")
    tjk_attacks = tjk.events[tjk.events["category"].isin(brief.ATTACKS_AND_PLOTS)
                             & (tjk.events["relation"] != tjk.regional_relation)]
    assert not tjk.events["by_former_citizens"].any()
    assert "former citizens" not in brief.events_sentence(tjk, tjk_attacks)


def test_counts_and_nouns_agree():
    assert [count_of(n, "incident") for n in (0, 1, 2)] == ["no incidents", "1 incident", "2 incidents"]
    one = pd.DataFrame({"place": ["Kabul"], "start": [pd.Timestamp("2021-01-01")]})
    sentence = incident_map_summary(pd.concat([one, one.assign(place="")]), one, one.iloc[0:0])
    assert "1 incident has no stated place" in sentence
    matrix = pd.DataFrame({"Several states together": [1]}, index=["Tucker (2021)"])
    assert coverage_summary(matrix, "country") == (
        "Claims by document and country (a claim about two countries is counted under each). "
        "Tucker (2021): 1 claim, most about several states together (1).")


def test_timeline_summary_marks_inferred_first_and_last_dates(corpus):
    """Tajikistan's latest dated event is the arrests after Crocus, dated 2024-03 by inference."""
    profile = build_profile(corpus, "TJK")
    last = profile.events.dropna(subset=["start"]).sort_values("start").iloc[-1]
    assert (last["date"], last["date_inferred"]) == ("2024-03", "yes")
    assert "to 2024-03 (inferred) (" in timeline_summary(profile)


def test_page_headers_count_in_words():
    """Repatriation under Tajikistan: no figure counts those brought home (a programme is reported),
    and no empty 'Sources: 0 quoted passages' box; the Data page says how its country filter chooses."""
    at = run_page("repatriation", country="TJK")
    header = " ".join(c.value for c in at.caption) + " ".join(m.value for m in at.markdown)
    assert "no figure counts them" in header and "0 figures" not in header
    assert not [e.label for e in at.expander if e.label.startswith("Sources: 0")]
    data = run_page("data", country="TJK", table="figures")
    said = " ".join(c.value for c in data.caption)
    assert "The country filter keeps the rows whose \u201cAbout\u201d is a chosen country or a place in it." in said


def test_a_related_id_is_said_with_its_role_never_an_arrow(corpus):
    """'12 young men (arrest in Russia …, from Tajikistan)', 'Aravan district, share of Kyrgyzstan',
    'Tajikistan, in Russia': the row's `related_as` says how the number bears on `related`; a
    `related` that only repeats the incident's own place is not said twice."""
    tjk = build_profile(corpus, "TJK").figures.set_index("figure_id")["about"]
    assert tjk["fig-foreign_affairs-003"].endswith(", from Tajikistan")
    assert tjk["fig-foreign_affairs-007"] == "Tajikistan, in Russia"
    kgz = build_profile(corpus, "KGZ").figures.set_index("figure_id")["about"]
    assert kgz["fig-tucker-015"] == "Aravan district, share of Kyrgyzstan"
    for iso in ("KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS"):
        about = build_profile(corpus, iso).figures["about"]
        assert not about.str.contains("\u2192").any(), iso
    kaluga = build_profile(corpus, "RUS").figures.set_index("figure_id")["about"]["fig-uwed-035"]
    assert kaluga.count("Kaluga") == 1, kaluga  # the plot's own place, not said again
    figures = corpus["figures"]
    assert ((figures["related_as"] == "") | (figures["related"] != "")).all()


def test_a_role_without_a_related_id_is_refused(scratch):
    rows = scratch.rows("figures")
    rows[0] = {**rows[0], "related": "", "related_as": "in"}
    scratch.write("figures", rows)
    problems = [p for p in load_corpus(scratch.curated, scratch.seeds).problems if p.column == "related_as"]
    assert problems and "figures.csv" in str(problems[0]) and "leave both blank" in str(problems[0])


def test_a_figure_about_an_incident_marks_its_inferred_date_on_the_overview_too(corpus):
    """The Overview's 'about' names an incident by place and date: the Crocus arrests' 2024-03 is inferred."""
    from core.analysis.overview import with_about
    about = with_about(corpus_views_figures(corpus), corpus).set_index("figure_id")["about"]
    assert about["fig-foreign_affairs-003"].startswith("Russia (inferred), 2024-03 (inferred)"), about["fig-foreign_affairs-003"]


def test_search_says_whom_a_figure_counts_as_the_profile_does(corpus):
    """Search names a figure's subject and related id with the row's role ('Aravan district, share of
    Kyrgyzstan'), never joined by a bare ' / ', in the same words as the country profile."""
    from core.analysis.search_index import build_index
    index = build_index(corpus)
    abouts = {r.key: dict(r.fields)["about"] for r in index.records if r.kind == "figures"}
    assert abouts["fig-tucker-015"] == "Aravan district, share of Kyrgyzstan"
    assert abouts["fig-foreign_affairs-007"] == "Tajikistan, in Russia"
    assert not any(" / " in a for a in abouts.values())
    for iso in ("KGZ", "TJK"):
        for r in build_profile(corpus, iso).figures.itertuples():
            assert abouts[r.figure_id] == r.about, r.figure_id


def _page_words(at) -> str:
    """Everything a page writes: its text elements and the cells of its tables."""
    texts = [e.value for kind in ("markdown", "caption", "info", "header", "subheader") for e in getattr(at, kind)]
    texts += [frame.value.to_string() for frame in at.dataframe]
    texts += [chart.proto.spec for chart in at.get("plotly_chart")]  # the words drawn in the charts
    return "\n".join(map(str, texts))


@pytest.mark.parametrize("page", ["overview", "repatriation", "countries"])
def test_a_year_range_never_calls_an_undated_figure_not_reported(page):
    """With ?from=2022 the repatriation totals (654, 512, 59: undated) are left out: a country without
    one is 'none in these years', never 'not reported' (which says no document gives the number)."""
    words = _page_words(run_page(page, {"from": "2022"}))
    assert "not reported" not in words
    assert "none in these years" in words and "with no date" in words
    unfiltered = _page_words(run_page(page))
    assert "none in these years" not in unfiltered and "not reported" in unfiltered


def test_an_event_told_by_several_documents_cites_the_report_its_date_comes_from(corpus):
    """Operation Zhusan: Tucker's row has no date, Williams's says late 2019. The Kazakhstan card's
    'latest 2019' links to Williams's row, and the events tables mark whose date and summary they show;
    St Petersburg 2017's reports agree on who did it (a citizen of Kyrgyzstan is one of the "immigrants
    from Central Asian countries"), so no difference is claimed.""" 
    card = {c.iso: c for c in country_cards(corpus, Filters())}["KAZ"]
    assert card.latest["date"].startswith("2019") and card.latest["incident_id"] == "inc-williams-002"
    text = "\n".join(m.value for m in run_page("overview").markdown)
    assert "row=inc-williams-002" in text and "latest 2019" in text
    events = build_profile(corpus, "KAZ").events.set_index("event_id")
    zhusan = events.loc["ev-kazakhstan-repatriation-programme"]
    assert "Williams (2020 or later, inferred): date and summary" in zhusan["documents"]
    assert "Tucker (late 2021 or later, inferred): date" not in zhusan["documents"]
    metro = build_profile(corpus, "KGZ").events.set_index("event_id").loc["ev-2017-st-petersburg-metro"]
    assert "who did it" not in metro["differs"] and len(metro["doc_ids"]) == 2
    assert "kinds" not in metro["differs"]  # a bombing is an attack: the curator's finer word, not a disagreement


def test_a_group_is_tied_to_a_country_by_its_name_not_by_a_word_in_its_quote(corpus):
    """Jund al-Khilafah's quote names the 'Uzbek-led' IMU, the Taliban special units' quote names
    Tajikistan's law enforcement as the source: neither group is tied to that country; a group whose
    name says it is, in words that claim no nationals."""
    uzb = build_profile(corpus, "UZB").groups.set_index("name")["why"]
    tjk = build_profile(corpus, "TJK").groups.set_index("name")["why"]
    assert "Jund al-Khilafah" not in uzb.index and "Taliban special units" not in tjk.index
    assert uzb["Islamic Movement of Uzbekistan"] == "its name says \u201cUzbekistan\u201d"
    assert not any("nationals" in why for why in uzb if why.startswith("its name"))
    kgz = open_tab(run_page("country", {"iso": "KGZ"}), "Recruitment")
    headings = [m.value for m in kgz.markdown if m.value.startswith("**Groups")]
    assert headings == ["**Groups whose channels are aimed at Central Asians in general (no document ties a group to "
                        "Kyrgyzstan itself)**"]


def test_the_latest_dated_event_keeps_its_inferred_mark(corpus):
    from core.analysis.profile import incidents_summary
    assert "the latest dated: 2024-03 (inferred)" in incidents_summary(build_profile(corpus, "TJK"))


def test_a_timeline_span_ending_on_inferred_dates_says_so(corpus):
    """Every 2024 event is dated by inference from its document (Crocus, the arrests): the span says
    '2024 (inferred)'; one death count reads 'states'."""
    from core.render.alt_text import timeline_summary
    inc = incidents_view(corpus)
    assert "to 2024 (inferred)" in timeline_summary(inc)
    assert "1 states how many people were killed" in timeline_summary(inc[inc["country_iso3"] == "TJK"])


def test_languages_count_only_the_channels_in_use(corpus):
    """Abdulloh Zufar's sermons (ch-tucker-02, -08) 'no longer advocate': stance 'not used', so their
    Uzbek is not counted among the languages of channels in use, on Recruitment or the profile."""
    from core.analysis.recruitment import languages
    ch = corpus["channels"]
    counted = languages(ch).set_index("language")["count"]
    used = ch[ch["stance"] == "used"]
    assert counted["Uzbek"] == used.loc[used["languages"].str.contains("Uzbek"), "name"].nunique()  # channels, once each
    assert counted["Uzbek"] < ch.loc[ch["languages"].str.contains("Uzbek"), "name"].nunique()
    uzb = build_profile(corpus, "UZB")
    assert uzb.languages.set_index("language")["claims"]["Uzbek"] == (
        uzb.channels[uzb.channels["stance"] == "used"]["languages"].str.contains("Uzbek").sum())


def test_grey_places_are_not_said_to_be_untied_to_mobilization():
    """A grey dot is a place no hotspot claim names; figures and events may still tie it to mobilization
    (Syria, Central Asia): the caption and the legend say only the first."""
    words = _page_words(run_page("hotspots"))
    assert "not tied to mobilization" not in words
    assert "named as a hotspot by no row" in words


def test_lists_in_a_table_read_as_lists(corpus):
    shown = for_reader(corpus["groups"][["name", "aliases"]], Names.of(corpus))
    assert not shown["Also known as"].str.contains(";").any()


def test_the_comparison_counts_and_cites_the_destination_shares_it_shows():
    """'Russia 61.5 %' and the other destinations are cells of the table: the header counts their
    figures and the Sources section quotes them."""
    at = run_page("countries")
    shown = [m.value for m in at.markdown if "figures across" in m.value][0]
    cited = [e.label for e in at.expander if e.label.startswith("Sources")][0]
    n = int(shown.split(", ")[-1].split()[0])
    assert cited == f"Sources: {n} quoted passages"
    corpus = repository_corpus()
    shares = corpus["figures"][(corpus["figures"]["indicator"] == "labour_migrant_destination_share")
                               & corpus["figures"]["subject"].isin(["KAZ", "KGZ", "TJK", "TKM", "UZB"])]
    assert len(shares) and n >= 7 + len(shares)


def test_the_attacks_map_caption_says_which_places_are_inferred_or_only_a_country():
    caption = next(c.value for c in open_tab(run_page("attacks"), "Map").caption if "events have a place" in c.value)
    assert "placed by the curator's inference" in caption and "known only to their country" in caption
    assert "stated place" not in caption


def test_a_documents_own_markup_reads_as_words(corpus):
    """The UWED report's '# Policy Report', '**bold**' and '<sup>46</sup>' footnote marks are shown as
    words on the Sources page and in quotes ('30th of August'), never as code."""
    at = run_page("sources", {"doc": "uwed"})
    text = "\n".join(m.value for m in at.markdown)
    assert "sup&gt;" not in text and "sup>" not in text and "sup\\>" not in text and not re.search(r"(?m)^\\#", text)
    assert "Policy Report" in text
    shown = for_reader(corpus["incidents"][["quote"]], Names.of(corpus))
    assert not shown["Quote"].str.contains("<sup>").any()
    assert shown["Quote"].str.contains("30th of August").any()


def test_an_inferred_period_says_so_wherever_it_is_shown(corpus, scratch):
    """'for 6 months of last year' in a report of 2023 (fig-uwed-039) and 'during and after the fall of
    the former government' (fig-uwed-014) give periods the curator inferred: they read '2022 (inferred)'
    and '2021 (inferred)', never a bare year and never 'period not stated'; the validator wants the
    period and a note that says how."""
    figs = corpus_views_figures(corpus).set_index("figure_id")
    assert figs.loc["fig-uwed-039", "when"] == "2022 (inferred)"
    assert figs.loc["fig-uwed-014", "period"] == "2021 (inferred)"
    uzb = build_profile(corpus, "UZB").figures.set_index("figure_id")
    assert uzb.loc["fig-uwed-039", "when"] == "2022 (inferred)"
    rows = scratch.rows("figures")
    rows[0] = {**rows[0], "period_start": "", "period_end": "", "period_inferred": "yes"}
    scratch.write("figures", rows)
    problems = [p for p in load_corpus(scratch.curated, scratch.seeds).problems if p.column == "period_inferred"]
    assert problems and "period_start and period_end are blank" in str(problems[0])
