"""Every chart and map has a text alternative: one sentence built from the same rows, then the data
as a table one click away. Sentences are checked against counts made here from the CSV files."""

from __future__ import annotations

import csv
import re
from collections import Counter

import pandas as pd

from core.analysis.documents import document_names
import pytest

from conftest import repository_corpus

from app_paths import DEEP_LINKS, PAGES, each_tab, open_tab, run_page, unfold
from core.render.alt_text import (comparison_summary, counts_summary, estimates_summary, figure_text_alternative, incident_map_summary,
                           matrix_summary, repatriation_summary, series_summary, timeline_summary)
from core.render.charts import bar_with_not_reported
from core.render.geo import VIEW_BOUNDS
from core.data.paths import CURATED_DIR
from core.analysis.query import figures_view, incidents_view
from core.data.schema import CENTRAL_ASIA, INCIDENT_KINDS

CHARTS = ("plotly_chart", "deck_gl_json_chart")


def csv_rows(table: str) -> list[dict]:
    with open(CURATED_DIR / f"{table}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def plain(markdown: str) -> str:
    """A caption as a reader sees it (ui.safe_text escapes Markdown characters with a backslash)."""
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.fixture(scope="module")
def corpus():
    return repository_corpus()


# -- sentences, compared with counts made directly from the CSV files ------------------------------

def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def expected_repatriation_sentence(programmes: bool = False) -> str:
    """From the CSV files; with `programmes`, as the page says it: a state whose repatriation
    programme is reported without a number is said so, not "not reported"."""
    names = {r["iso3"]: r["name"] for r in csv_rows("countries")}
    ran = {r["country_iso3"] for r in csv_rows("incidents") if r["kind"] == "repatriation programme"} if programmes else set()
    figures = {r["subject"]: r for r in csv_rows("figures") if r["indicator"] == "repatriated_people"}
    reported = [f"{names[c]} {int(float(figures[c]['value'])):,}" for c in CENTRAL_ASIA if c in figures]
    missing = [names[c] for c in CENTRAL_ASIA if c not in figures and c not in ran]
    no_number = [names[c] for c in CENTRAL_ASIA if c not in figures and c in ran]
    assert reported and missing, "the test expects both reported and unreported countries in the data"
    first, *others = reported
    first = first.replace(" ", " repatriated ", 1) + " people"
    totals = "this total" if not others else "these totals"
    programme = f"; {_joined(no_number)}: no number given (a programme is reported)" if no_number else ""
    return "; ".join([first, *others]) + f"; no period given for {totals}{programme}; {_joined(missing)}: not reported."


def test_repatriation_sentence_names_every_country_and_says_not_reported(corpus):
    figs = figures_view(corpus)
    people = figs[figs["indicator"] == "repatriated_people"].set_index("subject")
    names = dict(zip(corpus["countries"]["iso3"], corpus["countries"]["name"]))
    table = pd.DataFrame([{"country": names[c], "value": people["value"].get(c),
                           "display": people["display"].get(c, ""), "period": people["period"].get(c, "")}
                          for c in CENTRAL_ASIA])
    assert repatriation_summary(table) == expected_repatriation_sentence()


def test_repatriation_page_caption_is_that_sentence():
    at = run_page("repatriation")
    assert expected_repatriation_sentence(programmes=True) in [plain(c.value) for c in at.caption]
    assert "Kyrgyzstan and Tajikistan: no number given" in expected_repatriation_sentence(programmes=True)


def test_repatriation_sentence_keeps_a_period_and_a_qualifier():
    table = pd.DataFrame([{"country": "Kazakhstan", "value": 600.0, "display": "about 600", "period": "2019 to 2020"},
                          {"country": "Tajikistan", "value": None, "display": "", "period": ""}])
    assert repatriation_summary(table) == "Kazakhstan repatriated about 600 people in 2019 to 2020; Tajikistan: not reported."


def test_timeline_sentence_counts_dated_incidents_by_category_and_deaths(corpus):
    rows = csv_rows("incidents")
    dated = [r for r in rows if r["date"]]
    categories = Counter(INCIDENT_KINDS[r["kind"]] for r in dated)
    years = sorted(int(r["date"][:4]) for r in dated)
    killed = [int(r["killed"]) for r in dated if r["killed"]]
    sentence = timeline_summary(incidents_view(corpus))
    assert sentence.startswith(f"{len(dated)} dated incidents from {years[0]} to {years[-1]} (")
    for category, n in categories.items():
        assert f"{category} {n}" in sentence
    assert f"{sum(r['date_precision'] == 'day' for r in dated)} known to the day" in sentence
    assert f"{len(killed)} state how many people were killed ({sum(killed):,} in all)" in sentence
    assert f"{len(rows) - len(dated)} more have no date" in sentence


def test_incident_map_sentence_counts_places_on_and_off_the_map(corpus):
    places = {r["place_id"]: r for r in csv_rows("places")}
    west, south, east, north = VIEW_BOUNDS
    on_map, off_map, unplaced = Counter(), Counter(), 0
    for r in csv_rows("incidents"):
        p = places.get(r["place_id"])
        name = p["name"] if p else ""  # a place once, however its rows name it (its inferred ones said beside it)
        if not p:
            unplaced += 1
        elif west <= float(p["lon"]) <= east and south <= float(p["lat"]) <= north:
            on_map[name] += 1
        else:
            off_map[name] += 1
    inc = incidents_view(corpus)
    placed = inc.dropna(subset=["lat"])
    inside = placed[placed["place"].str.removesuffix(" (inferred)").isin(on_map)]
    outside = placed[placed["place"].str.removesuffix(" (inferred)").isin(off_map)]
    sentence = incident_map_summary(inc, inside, outside)
    top, n = sorted(on_map.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    assert "Kabul 4 (1 placed by the curator's inference)" in sentence  # inc-uwed-022, Kabul by inference
    assert sentence.startswith(f"Map of {sum(on_map.values())} incidents at {len(on_map)} places: {top} {n}")
    for name, count in off_map.items():
        assert f"{name} {count}" in sentence.split("Outside the map:")[1]
    assert sentence.endswith(f"{unplaced} incidents have no stated place.")


def test_group_strength_sentence_keeps_ranges_qualifiers_periods_and_documents(corpus):
    rows = [r for r in csv_rows("figures") if r["indicator"] == "group_strength"]
    figs = figures_view(corpus)
    strength = figs[figs["indicator"] == "group_strength"]
    sentence = estimates_summary(strength, "Group strength", "people")
    for r in rows:
        number = f"{int(float(r['low'])):,}\u2013{int(float(r['high'])):,}" if r["qualifier"] == "range" else \
            ("" if r["qualifier"] == "exact" else r["qualifier"] + " ") + f"{int(float(r['value'])):,}"
        assert f"{number} people (" in sentence, number
    cited = {r["doc_id"] for r in rows}
    names = {d: n.compact for d, n in document_names(corpus).items()}
    for doc_id in cited:  # each estimate names its document as readers cite it, never by its id
        assert f"; {names[doc_id]})" in sentence
    assert not any(f"; {d})" in sentence for d in cited)
    assert "no period given" in sentence  # the 1990s Chechen estimate has no period


def test_counts_sentence_is_largest_first_with_its_parts():
    counts = pd.DataFrame({"kind": ["website", "messaging app", "messaging app"],
                           "stance": ["used", "not used", "used"], "count": [2, 1, 5]})
    assert counts_summary(counts, "kind", "Claims by kind", "stance") == \
        "Claims by kind: messaging app 6 (5 used, 1 not used); website 2 (used)."


def test_channel_kinds_sentence_matches_the_csv(corpus):
    from core.analysis.recruitment import channels_by_kind
    by_kind = Counter(r["kind"] for r in csv_rows("channels"))
    sentence = counts_summary(channels_by_kind(corpus["channels"]), "kind", "Claims", "stance")
    for kind, n in by_kind.items():
        assert re.search(rf"{re.escape(kind)} {n}( \(|;|\.)", sentence), (kind, n)


def test_matrix_and_series_sentences():
    matrix = pd.DataFrame({"Telegram": [3, 0], "YouTube": [1, 2]}, index=["ISKP", "IMU"])
    assert matrix_summary(matrix, "Claims") == "Claims: ISKP: Telegram 3, YouTube 1; IMU: YouTube 2."
    points = pd.DataFrame({"period": ["2022-01", "2023-01"], "display": ["25,749", "13,279"]})
    assert series_summary(points, "Blocked") == "Blocked: 25,749 in 2022-01; 13,279 in 2023-01."


def test_generic_sentence_writes_not_reported_and_never_a_zero():
    table = pd.DataFrame({"country": ["Kazakhstan", "Kyrgyzstan", "Uzbekistan"], "value": [654, None, 512],
                          "text": ["654 (tucker)", "", "512 (tucker)"]})
    sentence, data = figure_text_alternative(bar_with_not_reported(table, "country", "value", "text", "People", "people"))
    assert sentence == "People. Kazakhstan: 654; Uzbekistan: 512; Kyrgyzstan: not reported."
    assert len(data) == 3


# -- every reader page: each chart and map is followed by its sentence and its data table -----------

def chart_followers(node, found: list) -> list:
    """(kind, next sibling, the one after) for every chart or map in the element tree."""
    children = list(getattr(node, "children", {}).values())
    for i, child in enumerate(children):
        if getattr(child, "type", None) in CHARTS:
            found.append((child.type, children[i + 1] if i + 1 < len(children) else None,
                          children[i + 2] if i + 2 < len(children) else None))
        chart_followers(child, found)
    return found


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_and_map_is_followed_by_a_sentence_and_a_data_table(page):
    for tab, at in each_tab(run_page(page, DEEP_LINKS.get(page))):
        where = f"{page} ({tab} tab)" if tab else page
        for kind, caption, expander in chart_followers(at.main, []):  # closed: the table is not built yet
            assert expander is not None and expander.type == "expander" and len(expander.dataframe) == 0
        for kind, caption, expander in chart_followers(unfold(at).main, []):  # each opened, as a reader would
            assert caption is not None and caption.type == "caption", f"{where}: a {kind} has no caption after it"
            assert len(plain(caption.value)) > 30, f"{where}: the {kind}'s summary is too short: {caption.value!r}"
            assert expander is not None and expander.type == "expander" and expander.label == "Data table", \
                f"{where}: a {kind} ('{plain(caption.value)[:60]}') has no 'Data table' after its summary"
            assert len(expander.dataframe) == 1 and len(expander.dataframe[0].value) > 0, f"{where}: empty data table"


def test_pages_with_charts_are_covered():
    """The loop above must see charts and maps in every tab (a test that finds none proves nothing)."""
    kinds = Counter(kind for page in ("attacks", "recruitment") for _, at in each_tab(run_page(page))
                    for kind, _, _ in chart_followers(at.main, []))
    assert kinds["plotly_chart"] >= 4 and kinds["deck_gl_json_chart"] >= 1, kinds


def test_comparison_sentence_says_not_reported_and_never_zero():
    plotted = pd.DataFrame({"indicator": ["repatriated_people", "repatriated_people", "migrants_departed"],
                            "country": ["Kazakhstan", "Uzbekistan", "Tajikistan"],
                            "display": ["654", "512", "more than 322,000"]})
    panels = [("repatriated_people", "People repatriated (people)"), ("migrants_departed", "Labour migrants departed (people)")]
    assert comparison_summary(plotted, panels, ["Kazakhstan", "Tajikistan", "Uzbekistan"]) == (
        "People repatriated (people): Kazakhstan 654, Uzbekistan 512; not reported for Tajikistan. "
        "Labour migrants departed (people): Tajikistan more than 322,000; not reported for Kazakhstan and Uzbekistan.")


def test_country_comparison_caption_reads_the_figures_as_the_documents_give_them(corpus):
    """A chart writes "not reported" beside a country with no figure; its sentence says "not reported"
    and gives each figure as displayed, with its qualifier (one chart and one sentence per indicator)."""
    captions = [plain(c.value) for c in open_tab(run_page("countries"), "Charts").caption]
    repatriated = [c for c in captions if c.startswith("People repatriated")][0]
    # Kyrgyzstan's and Tajikistan's programmes are reported with no number (inc-tucker-009/-010): said so, never "not reported"
    assert ("Kazakhstan 654, Uzbekistan 512; no number given (a programme is reported) for Kyrgyzstan and Tajikistan; "
            "not reported for Turkmenistan.") in repatriated
    migrants = [c for c in captions if c.startswith("Labour migrants abroad")][0]
    assert "Tajikistan almost 1,000,000" in migrants
    assert not any(re.search(r"\b0\b", c) for c in (repatriated, migrants))
