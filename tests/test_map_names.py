"""A place's name on a map belongs to its own mark: it is nearer to its own point than to any other
mark (on the Attacks map 'Termez' was drawn beside the Kabul dot, on the Hotspots map 'North
Waziristan' under Kandahar's), and a place is named once however its rows name it."""

from __future__ import annotations

import pytest

from conftest import repository_corpus
from core.analysis.events import filter_events
from core.analysis.filters import DEFAULT_KINDS, Filters
from core.analysis.query import incidents_view
from core.render import maps

from core.render.labels import OWN_MARGIN, _gap, placed_labels, project


@pytest.fixture(scope="module")
def corpus():
    return repository_corpus()


def nearest_own(names: list[dict], markers: list[tuple], zoom: float) -> list[str]:
    """The names whose box is not clearly nearer their own point than every other marker."""
    wrong = []
    for n in names:
        own = project(n["lon"], n["lat"], zoom)
        for lon, lat, _ in markers:
            if abs(lon - n["lon"]) < 1e-6 and abs(lat - n["lat"]) < 1e-6:
                continue
            if _gap(n["box"], project(lon, lat, zoom)) < _gap(n["box"], own) + OWN_MARGIN:
                wrong.append(f"{n['name']} nearer ({lon}, {lat})")
    return wrong


def test_two_close_points_each_keep_their_own_name():
    markers = [(65.2, 36.7, 7), (65.5, 36.2, 7), (66.0, 36.5, 7)]  # three dots a few pixels apart at this zoom
    names, _ = placed_labels([("Termez", 65.2, 36.7), ("Kabul", 65.5, 36.2), ("Balkh", 66.0, 36.5)], (), 5.0, (), markers)
    assert names and not nearest_own(names, markers, 5.0)


def test_the_attacks_and_hotspot_maps_name_each_place_beside_its_own_mark(corpus):
    events = filter_events(incidents_view(corpus), Filters(kinds=DEFAULT_KINDS))
    deck = maps.incident_deck(events[events["lat"].notna()], {})
    layer = next(l for l in deck.layers if l.id == "incident-places")
    shown = [r["name"] for r in layer.data]
    assert len(shown) == len(set(shown)) and not any(n.endswith("(inferred)") for n in shown), shown
    parts = maps.hotspot_map_data(corpus["places"], corpus["hotspots"], corpus["hotspots"]["place_id"].value_counts())
    zoom = maps.REGION_VIEW[2]
    names, _ = maps.hotspot_labels(parts, zoom)
    solid = parts["points"][~parts["points"]["geo_precision"].isin(["region", "country"])]  # hollow rings are not dots
    markers = [(lon, lat, maps.marker_radius(r)) for lon, lat, r in zip(solid["lon"], solid["lat"], solid["rows"])]
    assert not nearest_own(names.to_dict("records"), markers, zoom)
