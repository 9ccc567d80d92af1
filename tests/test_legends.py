"""Legends say what the drawing shows, in the colours it shows them: a legend written in Streamlit's
named Markdown colours said "red" where the map drew vermilion #D55E00, and the country map's legend
named shaded districts on maps that shade none (the third audit)."""

from __future__ import annotations

import re

import pytest

from conftest import repository_corpus
from core.analysis.filters import Filters
from core.analysis.profile import build_profile
from core.render import country_map, maps
from core.render.charts import CATEGORY_COLOURS
from core.render.legend import css_colour, legend_html


@pytest.fixture(scope="module")
def corpus():
    return repository_corpus()


def test_a_legend_draws_each_mark_in_the_colour_given_and_escapes_its_words():
    page = legend_html([("dot", CATEGORY_COLOURS["attack"], "attack <b>"), ("square", [230, 159, 0, 150], "shaded")], "Key:")
    assert "background:#D55E00" in page and "background:rgba(230, 159, 0, 0.59)" in page
    assert "attack &lt;b&gt;" in page and "<b>" not in page
    assert page.count('aria-hidden="true"') == 2 and "<svg" not in page  # st.html drops SVG


def test_the_hotspot_legend_uses_the_maps_own_colours(corpus):
    parts = maps.hotspot_map_data(corpus["places"], corpus["hotspots"], corpus["hotspots"]["place_id"].value_counts())
    entries = maps.legend_entries(parts)
    colours = {css_colour(c) for _, c, _ in entries}
    assert css_colour(maps.POINT) in colours and css_colour(maps.SHADE) in colours
    page = legend_html(entries)
    assert not re.search(r":(red|blue|orange|gray|green|violet)\[", page)


def test_a_country_maps_legend_names_only_the_marks_it_draws(corpus):
    """Tajikistan's map shades nothing (its one hotspot is the whole country): its legend says no
    'shaded'; Gorno-Badakhshan, cited by rows but a hotspot of none, is not called 'shaded' either."""
    cmap = country_map.country_map(corpus, build_profile(corpus, "TJK", Filters()))
    assert cmap.parts["shaded"].empty
    words = " ".join(w for _, _, w in maps.legend_entries(cmap.parts))
    assert "shaded" not in words and "another place the documents cite" in words
    gorno = cmap.inside[cmap.inside["name"].str.contains("Gorno", na=False)]
    assert len(gorno) and not gorno["precision_label"].str.contains("shaded").any(), gorno["precision_label"].tolist()


def test_the_hotspot_map_names_its_hotspot_points_and_counts_a_place_once(corpus):
    """Moscow, Satpaev and Kandahar are hotspots drawn as points: the map names them (only areas were
    named); Central Kazakhstan, one of whose two claims places it by inference, is one place."""
    from core.analysis.query import hotspots_view
    from core.render.alt_text import hotspot_text_alternative

    parts = maps.hotspot_map_data(corpus["places"], corpus["hotspots"], corpus["hotspots"]["place_id"].value_counts())
    names, _ = maps.hotspot_labels(parts, maps.REGION_VIEW[2])
    assert {"Moscow", "Satpaev", "Kandahar"} <= set(names["name"]), names["name"].tolist()
    hot = hotspots_view(corpus)
    sentence, table = hotspot_text_alternative(hot, {})
    assert len(table) == hot["place_id"].nunique() and f"in {hot['place_id'].nunique()} places" in sentence
    assert "Central Kazakhstan (KAZ, 2 claims, 1 of them placed by the curator's inference)" in sentence


def test_a_timeline_coloured_by_group_or_relation_uses_no_colour_of_a_kind_of_event(corpus):
    """Vermilion means an attack on the Attacks map below: coloured by group, the timeline above it
    (and a profile's, by how events concern the country) uses other colours, each 3:1 on white."""
    from core.analysis.events import filter_events
    from core.analysis.profile import timeline_rows
    from core.analysis.query import incidents_view
    from core.render.charts import GROUP_COLOURS, incident_timeline

    from test_contrast import ratio

    assert not set(GROUP_COLOURS) & set(CATEGORY_COLOURS.values())
    assert all(ratio(c, "#FFFFFF") >= 3 for c in GROUP_COLOURS)  # WCAG 1.4.11, as the other marks
    events = filter_events(incidents_view(corpus), Filters())
    for fig in (incident_timeline(events, "group", "t"),
                incident_timeline(timeline_rows(build_profile(corpus, "TJK", Filters())), "group", "t")):
        used = {t.marker.color for t in fig.data if isinstance(t.marker.color, str)}
        assert used and not used & set(CATEGORY_COLOURS.values()), used


def test_the_hotspots_page_names_the_places_beyond_the_region_its_map_first_shows():
    """15 places are counted; Moscow, Russia, France, Germany and Turkey lie beyond the first view."""
    from app_paths import run_page

    text = " ".join(m.value for m in run_page("hotspots").markdown)
    assert "Beyond the region the map first shows" in text
    for name in ("Moscow", "France", "Germany", "Turkey"):
        assert name in text.split("Beyond the region the map first shows")[1]
