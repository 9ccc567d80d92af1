"""Chart and map builders: what they draw, checked on the figure and deck objects."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from core.render.charts import (LABEL_CHARS, bar_with_not_reported, count_bars, empty_figure, incident_timeline, matrix_heatmap,
                         range_chart, series_chart, small_multiples)
from core.data.loading import load_corpus
from core.render.alt_text import figure_items
from core.render.geo import (BORDERS_FILE, BORDERS_URL, OUTLINES_FILE, OUTLINES_URL, borders_json, boundary_segments,
                             outlines_geojson, split_by_view)
from core.render.maps import hotspot_deck, hotspot_map_data, incident_deck
from core.analysis.query import figures_view, hotspots_view, incidents_view
from core.analysis.recruitment import channels_by_kind, group_channel_matrix, languages


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_timeline_marks_precision_and_unknown_casualties(corpus):
    from core.analysis.events import events_of
    from core.render.charts import CATEGORY_COLOURS

    ev = events_of(incidents_view(corpus))
    fig = incident_timeline(ev, "kind", "t")
    markers = [t for t in fig.data if t.mode == "markers" and t.x is not None and len(t.x) and t.x[0] is not None]
    drawn = sum(len(t.x) for t in markers)
    assert drawn == ev["start"].notna().sum()
    symbols = [s for t in markers for s in t.marker.symbol]
    ids = [i for t in markers for i in t.customdata]
    killed = ev.set_index("event_id")["killed"]
    for event, symbol in zip(ids, symbols):
        assert symbol == ("circle" if pd.notna(killed[event]) else "diamond-open")
    bands = [t for t in fig.data if t.mode == "lines" and t.x is not None and len(t.x) > 1]
    assert sum(len(t.x) // 3 for t in bands) == (ev["date_precision"].isin(["month", "year"])).sum()
    assert {t.marker.color for t in markers} <= set(CATEGORY_COLOURS.values())  # one colour per category, everywhere


def test_timeline_empty_says_so():
    fig = incident_timeline(incidents_view(load_corpus()).iloc[0:0], "kind", "t")
    assert "No dated incidents" in fig.layout.annotations[0].text


def test_bars_with_no_number_at_all_are_said_in_words():
    table = pd.DataFrame({"country": ["Kazakhstan", "Turkmenistan"], "value": [None, None],
                          "text": ["programme, no number", "none in these years"]})
    fig = bar_with_not_reported(table, "country", "value", "text", "t", "People")
    assert not fig.data  # no frame with empty axes: the page shows the sentence
    assert fig.layout.annotations[0].text == ("No number to draw. Kazakhstan: programme, no number. "
                                              "Turkmenistan: none in these years.")


def test_not_reported_is_not_a_zero_bar():
    table = pd.DataFrame({"country": ["Kazakhstan", "Turkmenistan"], "value": [654.0, None], "text": ["654", ""]})
    fig = bar_with_not_reported(table, "country", "value", "text", "t", "People")
    bars = [t for t in fig.data if t.type == "bar"]
    assert list(bars[0].y) == ["Kazakhstan"]
    texts = [t for t in fig.data if t.type == "scatter"]
    assert list(texts[0].y) == ["Turkmenistan"] and list(texts[0].text) == ["not reported"]


def test_range_chart_draws_ranges_as_bars_and_bounds_as_arrows(corpus):
    figs = figures_view(corpus)
    strength = figs[figs["indicator"] == "group_strength"]
    fig = range_chart(strength, "t", "people")
    ranges = [t for t in fig.data if t.type == "bar"]
    assert ranges and all((b >= 0).all() for b in [pd.Series(ranges[0].x)])
    up_to = [t for t in fig.data if t.type == "scatter" and t.name == "up to"]
    if (strength["qualifier"] == "up to").any():
        assert up_to[0].marker.symbol == "triangle-left"


def test_range_chart_labels_are_written_above_their_bars_and_leave_room_for_the_words(corpus):
    """On a phone, 'Share of returnee children (undated, Tucker (2021 or later, inferred))' beside its
    bar ran past the screen's left edge, and 'around a third' past its right: each label (what, then
    when and whose, in short lines) is written above its own bar from the chart's left edge, and the axis leaves room right of the
    longest bar for its words. The hover and the text alternative still name each estimate."""
    figs = figures_view(corpus)
    shares = figs[figs["subject"] == "aravan"]
    fig = range_chart(shares, "t", "Percent of Kyrgyzstan", label_column="label")
    notes = fig.layout.annotations
    assert len(notes) == len(shares)
    assert all(n.text.count("<br>(") == 1 and n.xref == "paper" and n.x == 0 and n.xanchor == "left" for n in notes)
    assert all(len(line) <= LABEL_CHARS for n in notes for line in n.text.split("<br>"))  # about 300 px
    marks = {label: y for t in fig.data for label, y in zip(t.customdata, t.y)}
    for note in notes:  # the label stands just above its own mark, at any height the chart is drawn
        assert note.y == marks[note.text] and note.yanchor == "bottom" and note.yshift >= 10, note
    assert fig.layout.yaxis.autorange is None and fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]
    assert not fig.layout.yaxis.showticklabels
    top = max(v for v in list(shares["value"]) + list(shares["high"]) if pd.notna(v))
    assert fig.layout.xaxis.range[1] >= 1.8 * top
    items, table = figure_items(fig)
    assert set(table["category"]) == {re.sub(r"\s+", " ", n.text.replace("<br>", " ")) for n in notes}
    assert "around a third" in items


def test_small_multiples_write_not_reported():
    table = pd.DataFrame({"indicator": ["repatriated_people"], "country": ["Kazakhstan"], "value": [654.0], "display": ["654"]})
    fig = small_multiples(table, [("repatriated_people", "People repatriated")], ["Kazakhstan", "Tajikistan"], "t")
    assert list(fig.data[0].text) == ["654", "not reported"]
    assert fig.data[0].marker.color[1] != fig.data[0].marker.color[0]


def _every_chart(corpus) -> dict[str, go.Figure]:
    """Each builder's figure on the whole corpus, on a part of it, and on nothing, with text plotly would read as HTML."""
    inc, figs, ch = incidents_view(corpus), figures_view(corpus), corpus["channels"]
    groups = dict(zip(corpus["groups"]["group_id"], corpus["groups"]["name"]))
    repatriated = pd.DataFrame({"country": ["Kazakhstan", "<b>Turkmenistan</b>"], "value": [654.0, None],
                                "text": ["654 (tucker)", ""], "hover": ["a quote & more", ""]})
    telegram = figs[figs["indicator"] == "telegram_blocked_bots_channels"]
    panels = pd.DataFrame({"indicator": ["a", "b", "b"], "country": ["Kazakhstan", "Kazakhstan", "Tajikistan"],
                           "value": [654.0, 3.0, float("nan")], "display": ["654", "3", ""]})
    return {
        "timeline by kind": incident_timeline(inc, "kind", "Incidents & plots"),
        "timeline by group": incident_timeline(inc, "group", "t"),
        "timeline of one country": incident_timeline(inc[inc["country_iso3"] == "TJK"], "group", "t"),
        "timeline of nothing": incident_timeline(inc.iloc[0:0], "kind", "t"),
        "bars": bar_with_not_reported(repatriated, "country", "value", "text", "t", "People"),
        "bars, none reported": bar_with_not_reported(repatriated.iloc[1:], "country", "value", "text", "t", "People"),
        "ranges": range_chart(figs[figs["indicator"] == "group_strength"], "t", "people"),
        "shares": range_chart(figs[figs["subject"] == "aravan"], "t", "percent", label_column="label"),
        "ranges of nothing": range_chart(figs.iloc[0:0], "t", "people"),
        "stacked counts": count_bars(channels_by_kind(ch), "kind", "stance", "t", "claims"),
        "counts": count_bars(languages(ch), "language", None, "t", "channels"),
        "heatmap": matrix_heatmap(group_channel_matrix(ch, groups), "t", "claims"),
        "heatmap of nothing": matrix_heatmap(pd.DataFrame(), "t", "claims"),
        "series": series_chart(telegram.assign(period=telegram["period_start"]), "t", "blocked"),
        "small multiples": small_multiples(panels, [("a", "A <i>"), ("b", "B"), ("c", "C")], ["Kazakhstan", "Tajikistan"], "t"),
        "empty": empty_figure("t", "Nothing matches."),
    }


def _holds_arrays(value) -> bool:
    if isinstance(value, dict):
        return any(_holds_arrays(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_arrays(v) for v in value)
    return isinstance(value, (np.ndarray, pd.Series, pd.Index, pd.DataFrame))


def test_every_chart_is_valid_plotly(corpus):
    for name, fig in _every_chart(corpus).items():
        go.Figure(fig.to_dict())  # raises ValueError on any unknown property or invalid value
        assert not fig.layout.template.layout.paper_bgcolor, name  # no template: Streamlit's theme, or plotly_white in exports
        assert not any(_holds_arrays(trace.to_plotly_json()) for trace in fig.data), f"{name}: values must be plain lists"


def _layers(deck) -> dict:
    return {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}


def test_hotspot_map_draws_our_own_boundaries_and_no_basemap(corpus):
    hot = hotspots_view(corpus)
    counts = pd.concat([corpus["figures"]["subject"], corpus["incidents"]["place_id"], corpus["hotspots"]["place_id"]]).value_counts()
    parts = hotspot_map_data(corpus["places"], hot, counts)
    deck = hotspot_deck(parts)
    spec = json.loads(deck.to_json())
    assert spec.get("mapStyle") in (None, "__MAP_STYLE__") and spec.get("mapProvider") is None
    layers = _layers(deck)
    shaded = {f["properties"]["ref"] for f in layers["shaded"]["data"]["features"]}
    # Shading comes only from hotspot rows: Aravan and Afghan Badakhshan are hotspots; no row makes
    # Gorno-Badakhshan one (it is cited by an incident, so it is a small grey dot).
    hot_places = set(corpus["hotspots"]["place_id"])
    assert shaded == {"aravan_district", "admin1:AF-BDS"}
    assert {f["properties"]["place_id"] for f in layers["shaded"]["data"]["features"]} <= hot_places
    cited = {p["place_id"] for p in layers["cited-places"]["data"]}
    assert "gorno_badakhshan" in cited and "kabul" in cited and not cited & hot_places
    assert "admin1:KZ-KAR" in set(parts["outlined"]["boundary"])  # a hotspot city's region: outlined, not shaded
    assert layers["outlined"]["data"] == boundary_segments(list(parts["outlined"]["boundary"]))
    points = {p["place_id"] for p in layers["points"]["data"]}
    assert "satpaev" in points and "aravan" not in points  # Satpaev is a point, Aravan an outline
    # the browser loads the land and the borders once, from our own files
    assert layers["countries"]["data"] == OUTLINES_URL and layers["borders"]["data"] == BORDERS_URL
    assert len(deck.to_json()) < 300_000


def test_incident_map_keeps_to_the_region(corpus):
    inc = incidents_view(corpus).dropna(subset=["lat"])
    inside, outside = split_by_view(inc)
    assert "new_york" in set(outside["place_id"]) and "termez" in set(inside["place_id"])
    deck = incident_deck(inside, {"attack": "#E69F00"})
    assert sum(len(_layers(deck)[k]["data"]) for k in ("incidents", "incidents-vague")) == len(inside)


@pytest.mark.parametrize("panels", range(1, 25))
def test_small_multiples_grid_is_laid_out_as_make_subplots_lays_it_out(panels):
    from plotly.subplots import make_subplots

    from core.render.charts import _subplot_grid

    rows = -(-panels // 2)
    layout = make_subplots(rows=rows, cols=2, horizontal_spacing=0.22, vertical_spacing=0.5 / rows).layout
    expected = [(layout[f"xaxis{n if n > 1 else ''}"].domain, layout[f"yaxis{n if n > 1 else ''}"].domain)
                for n in range(1, rows * 2 + 1)]
    assert [(pytest.approx(x), pytest.approx(y)) for x, y in _subplot_grid(rows, 2)] == expected


def test_small_multiples_draw_no_bare_axes_in_the_spare_cell_of_an_odd_number_of_panels():
    table = pd.DataFrame({"indicator": ["a", "b", "c"], "country": ["Kazakhstan"] * 3, "value": [1.0, 2.0, 3.0],
                          "display": ["1", "2", "3"]})
    fig = small_multiples(table, [("a", "A"), ("b", "B"), ("c", "C")], ["Kazakhstan"], "t")
    assert fig.layout.xaxis4.visible is False and fig.layout.yaxis4.visible is False
    assert all(fig.layout[f"xaxis{s}"].visible is not False for s in ("", "2", "3"))


@pytest.mark.parametrize("panels", range(1, 25))
def test_small_multiples_of_any_number_of_panels_are_valid_plotly(panels):
    table = pd.DataFrame({"indicator": [f"i{n}" for n in range(panels)], "country": ["Kazakhstan"] * panels,
                          "value": [float(n) for n in range(panels)], "display": [str(n) for n in range(panels)]})
    fig = small_multiples(table, [(f"i{n}", f"I {n}") for n in range(panels)], ["Kazakhstan", "Tajikistan"], "t")
    go.Figure(fig.to_dict())  # validates every property: a domain a hair outside [0, 1] raises


def test_the_outline_files_the_maps_load_are_current():
    """dashboard/static/geo/countries.geojson and borders.json are made from data/geo/countries.geojson;
    after changing the boundaries, run: .venv/bin/python dashboard/validate.py --update-outlines"""
    assert OUTLINES_FILE.read_text(encoding="utf-8") == outlines_geojson() + "\n"
    assert BORDERS_FILE.read_text(encoding="utf-8") == borders_json() + "\n"
    names = {f["properties"]["iso_a3"] for f in json.loads(OUTLINES_FILE.read_text(encoding="utf-8"))["features"]}
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG"} <= names


def test_the_timeline_names_the_key_events_first_and_leaves_out_what_finds_no_room(corpus):
    """Names are placed most important first (events the curator marks as key, then the most killed),
    each by its own mark at every width (tests/test_timeline_labels.py measures them); a name that
    finds no room is left out, and the hover still gives it."""
    from core.analysis.documents import short_citations
    from core.analysis.events import events_of, filter_events
    from core.analysis.filters import DEFAULT_KINDS, Filters

    inc = incidents_view(corpus)
    fig = incident_timeline(filter_events(inc, Filters(kinds=DEFAULT_KINDS), short_citations(corpus)), "kind", "t")
    texts = [note.text for note in fig.layout.annotations]
    assert "Crocus City Hall, 145 killed" in texts and len(texts) == len(set(texts))
    assert not [t for t in fig.data if t.mode == "text"]  # annotations: a name keeps its distance in pixels from its mark
    every = events_of(inc)
    crowded = incident_timeline(every, "kind", "t")
    wanted = every[every["start"].notna() & ((every["key_event"] == "yes") | every["killed"].notna())]
    assert 0 < len(crowded.layout.annotations) < len(wanted)
    hovers = " ".join(h for t in crowded.data if t.hovertext is not None for h in t.hovertext)
    assert all(place in hovers for place in wanted["place"])