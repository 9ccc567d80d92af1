"""The app stays up and says what is wrong: broken tables, missing folders, hostile text."""

from __future__ import annotations

import csv
import json
import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app_paths import APP, PAGES, run_page

# Which pages read which table (and so must show its problems).
USES = {
    "figures": {"overview", "hotspots", "repatriation", "recruitment", "groups", "countries", "sources", "data"},
    "incidents": {"overview", "hotspots", "attacks", "repatriation", "groups", "countries", "sources"},
    "places": {"overview", "hotspots", "attacks"},
    "channels": {"overview", "recruitment", "sources"},
    "groups": {"overview", "attacks", "recruitment", "groups", "sources"},
    "hotspots": {"overview", "hotspots", "sources"},
}


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _write(path, rows, fields=None):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields or list(rows[0]), extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def missing_column(d):
    rows = _rows(d / "figures.csv")
    _write(d / "figures.csv", rows, [k for k in rows[0] if k != "quote"])


def bad_date(d):
    rows = _rows(d / "incidents.csv")
    rows[0]["date"] = "2022-13-45"
    _write(d / "incidents.csv", rows)


def quote_not_in_document(d):
    rows = _rows(d / "figures.csv")
    rows[0]["quote"] = "A sentence that no document contains."
    _write(d / "figures.csv", rows)


def unknown_place(d):
    rows = _rows(d / "incidents.csv")
    rows[1]["place_id"] = "atlantis"
    _write(d / "incidents.csv", rows)


def latitude_out_of_range(d):
    rows = _rows(d / "places.csv")
    rows[0]["lat"] = "123.4"
    _write(d / "places.csv", rows)


def duplicate_id(d):
    rows = _rows(d / "groups.csv")
    rows[3]["group_id"] = rows[0]["group_id"]
    _write(d / "groups.csv", rows)


def empty_file(d):
    (d / "channels.csv").write_text("", encoding="utf-8")


def not_utf8(d):
    path = d / "hotspots.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] += " caf\u00e9".encode("latin-1")
    path.write_bytes(b"\n".join(lines))


def missing_file(d):
    (d / "channels.csv").unlink()


def low_above_high(d):
    rows = _rows(d / "figures.csv")
    i = next(i for i, r in enumerate(rows) if r["qualifier"] == "range")
    rows[i]["low"], rows[i]["high"] = "900", "100"
    _write(d / "figures.csv", rows)


FAULTS = [
    (missing_column, "figures", "figures.csv:1:quote: required column is missing"),
    (bad_date, "incidents", "incidents.csv:2:date: '2022-13-45' is not a date"),
    (quote_not_in_document, "figures", "figures.csv:2:quote: not found verbatim"),
    (unknown_place, "incidents", "incidents.csv:3:place_id: unknown place_id 'atlantis'"),
    (latitude_out_of_range, "places", "places.csv:2:lat: latitude 123.4 is out of range"),
    (duplicate_id, "groups", "groups.csv:5:group_id: duplicate id"),
    (empty_file, "channels", "channels.csv:1:-: file is empty"),
    (not_utf8, "hotspots", "hotspots.csv:3:-: file is not UTF-8"),
    (missing_file, "channels", "channels.csv:-:-: file not found"),
    (low_above_high, "figures", "figures.csv:"),
]


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    from core.paths import CURATED_DIR, SEEDS_DIR

    shutil.copytree(CURATED_DIR, tmp_path / "curated")
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / "curated"))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(tmp_path / "seeds"))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield tmp_path
    st.cache_resource.clear()
    st.cache_data.clear()


def banners(at) -> str:
    return "\n".join(e.value for e in at.error).replace("\\", "")


@pytest.mark.parametrize("fault, table, message", FAULTS, ids=[f[0].__name__ for f in FAULTS])
def test_a_broken_table_is_named_where_it_is_used_and_nothing_else_breaks(data_copy, fault, table, message):
    fault(data_copy / "curated")
    for page in PAGES:
        at = run_page(page)
        assert at.title, f"{page} did not render"
        shown = banners(at)
        if page in USES[table]:
            assert message in shown, f"{page} does not name the fault"
        else:
            assert message not in shown, f"{page} shows a fault of a table it does not use"


def test_missing_data_folder_says_how_to_fix(data_copy, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy / "nowhere"))
    for page in PAGES:
        at = run_page(page)
        assert "git checkout -- data/curated" in banners(at), page


def test_missing_seeds_folder_says_how_to_fix(data_copy, monkeypatch):
    shutil.rmtree(data_copy / "seeds")
    at = run_page("sources")
    assert "git checkout -- seeds" in banners(at)


HOSTILE = {
    "script": "<script>alert('x')</script>",
    "markdown": "**not bold** [click](javascript:alert(1))",
    "latex": "$E = mc^2$ costs $5",
    "long": "W" * 400,
}


def test_hostile_text_renders_literally_everywhere(data_copy):
    """Names, summaries and quotes with HTML, Markdown links, LaTeX and very long words."""
    hostile_line = " ".join(HOSTILE.values())
    seeds, curated = data_copy / "seeds", data_copy / "curated"
    (seeds / "hostile.txt").write_text(f"A test document.\n\n{hostile_line}\n", encoding="utf-8")
    docs = _rows(curated / "documents.csv")
    docs.append({**docs[0], "doc_id": "hostile", "title": HOSTILE["script"] + " " + HOSTILE["latex"],
                 "authors": HOSTILE["markdown"], "file": "hostile.txt", "published": "unknown"})
    _write(curated / "documents.csv", docs)
    incidents = _rows(curated / "incidents.csv")
    incidents.append({**incidents[-1], "incident_id": "inc-hostile-001", "summary": hostile_line, "doc_id": "hostile",
                      "quote": hostile_line, "date": "2023", "date_precision": "year", "date_inferred": "",
                      "country_iso3": "TJK", "place_id": "khujand", "group_id": "", "note": ""})
    _write(curated / "incidents.csv", incidents)
    groups = _rows(curated / "groups.csv")
    groups.append({**groups[0], "group_id": "hostile_group", "name": HOSTILE["markdown"], "doc_id": "hostile",
                   "quote": hostile_line, "relation_to_taliban": "", "note": HOSTILE["latex"]})
    _write(curated / "groups.csv", groups)
    for page in PAGES:
        at = run_page(page, country="TJK") if page != "sources" else run_page(page, doc="hostile")
        assert not banners(at).count("Something went wrong"), page
        for element in at.markdown:
            assert not element.proto.allow_html, f"{page}: Markdown with HTML allowed"
        for chart in at.get("plotly_chart"):
            assert "<script>" not in chart.proto.spec, f"{page}: raw <script> in a chart"
        for deck in at.get("deck_gl_json_chart"):
            assert "<script>" not in json.dumps(json.loads(deck.proto.json).get("tooltip", "")), page
        if page == "sources":
            text = "\n".join(m.value for m in at.markdown)
            assert "\\<script\\>alert" in text and "\\$E = mc^2\\$" in text and "\\[click\\]\\(javascript\\:" in text
