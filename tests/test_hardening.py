"""The app stays up and says what is wrong: broken tables, missing folders, hostile text."""

from __future__ import annotations

import json
import shutil

import pytest
import streamlit as st

from ui import store

from app_paths import PAGES, each_tab, run_page, walk_pages

# Which pages read which table (and so must show its problems). A country profile and Search read
# every table below.
USES = {
    "figures": {"overview", "hotspots", "repatriation", "recruitment", "groups", "countries", "sources", "data"},
    "incidents": {"overview", "hotspots", "attacks", "repatriation", "groups", "countries", "sources"},
    "places": {"overview", "hotspots", "attacks"},
    "channels": {"overview", "recruitment", "sources"},
    "groups": {"overview", "attacks", "recruitment", "groups", "sources"},
    "hotspots": {"overview", "hotspots", "sources"},
}
for pages in USES.values():
    pages |= {"country", "search"}
assert set().union(*USES.values()) <= set(PAGES), "USES names a page navigation.py does not register"


def missing_column(data):
    rows = data.rows("figures")
    data.write("figures", rows, [k for k in rows[0] if k != "quote"])


def bad_date(data):
    data.set("incidents", 0, "date", "2022-13-45")


def quote_not_in_document(data):
    data.set("figures", 0, "quote", "A sentence that no document contains.")


def unknown_place(data):
    data.set("incidents", 1, "place_id", "atlantis")


def latitude_out_of_range(data):
    data.set("places", 0, "lat", "123.4")


def duplicate_id(data):
    data.set("groups", 3, "group_id", data.rows("groups")[0]["group_id"])


def empty_file(data):
    (data.curated / "channels.csv").write_text("", encoding="utf-8")


def not_utf8(data):
    path = data.curated / "hotspots.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] += " caf\u00e9".encode("latin-1")
    path.write_bytes(b"\n".join(lines))


def missing_file(data):
    (data.curated / "channels.csv").unlink()


def low_above_high(data):
    rows = data.rows("figures")
    i = next(i for i, r in enumerate(rows) if r["qualifier"] == "range")
    rows[i]["low"], rows[i]["high"] = "900", "100"
    data.write("figures", rows)


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
def data_copy(scratch, monkeypatch):
    """The app reading a scratch copy of the data (see conftest.ScratchData) that a test may break."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(scratch.curated))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(scratch.seeds))
    store.reload()
    st.cache_data.clear()
    yield scratch
    store.reload()
    st.cache_data.clear()


def banners(at) -> str:
    return "\n".join(e.value for e in at.error).replace("\\", "")


# Which pages show a table's faults depends on the table, not on the fault. So every page is walked
# once with the first fault of each table at the same time: each page must name exactly the broken
# tables it uses, and still draw. Each fault's own message is then checked on a page that uses its
# table and one that does not.
FIRST_PER_TABLE = list({table: (fault, table, message) for fault, table, message in reversed(FAULTS)}.values())


def test_every_page_names_exactly_the_broken_tables_it_uses_and_still_draws(data_copy):
    for fault, _, _ in FIRST_PER_TABLE:
        fault(data_copy)
    for page, at in walk_pages(PAGES):
        assert at.title, f"{page} did not render"
        shown = banners(at)
        for _, table, message in FIRST_PER_TABLE:
            if page in USES[table]:
                assert message in shown, f"{page} does not name the fault of {table}"
            else:
                assert message not in shown, f"{page} shows a fault of {table}, which it does not use"


@pytest.mark.parametrize("fault, table, message", FAULTS, ids=[f[0].__name__ for f in FAULTS])
def test_a_broken_table_is_named_where_it_is_used_and_nothing_else_breaks(data_copy, fault, table, message):
    fault(data_copy)
    for page, at in walk_pages([next(p for p in PAGES if p in USES[table]), next(p for p in PAGES if p not in USES[table])]):
        assert at.title, f"{page} did not render"
        shown = banners(at)
        if page in USES[table]:
            assert message in shown, f"{page} does not name the fault"
        else:
            assert message not in shown, f"{page} shows a fault of a table it does not use"


def test_missing_data_folder_says_how_to_fix(data_copy, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy.curated.parent / "nowhere"))
    for page, at in walk_pages(PAGES):
        assert "git checkout -- data/curated" in banners(at), page


def test_missing_seeds_folder_says_how_to_fix(data_copy, monkeypatch):
    shutil.rmtree(data_copy.seeds)
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
    (data_copy.seeds / "hostile.txt").write_text(f"A test document.\n\n{hostile_line}\n", encoding="utf-8")
    docs = data_copy.rows("documents")
    docs.append({**docs[0], "doc_id": "hostile", "title": HOSTILE["script"] + " " + HOSTILE["latex"],
                 "authors": HOSTILE["markdown"], "file": "hostile.txt", "published": "unknown"})
    data_copy.write("documents", docs)
    incidents = data_copy.rows("incidents")
    incidents.append({**incidents[-1], "incident_id": "inc-hostile-001", "summary": hostile_line, "doc_id": "hostile",
                      "quote": hostile_line, "date": "2023", "date_precision": "year", "date_inferred": "",
                      "country_iso3": "TJK", "place_id": "khujand", "group_id": "", "note": ""})
    data_copy.write("incidents", incidents)
    groups = data_copy.rows("groups")
    groups.append({**groups[0], "group_id": "hostile_group", "name": HOSTILE["markdown"], "doc_id": "hostile",
                   "quote": hostile_line, "relation_to_taliban": "", "note": HOSTILE["latex"]})
    data_copy.write("groups", groups)
    for page in PAGES:
        opened = run_page(page, country="TJK") if page != "sources" else run_page(page, doc="hostile")
        for tab, at in each_tab(opened):
            assert not banners(at).count("Something went wrong"), (page, tab)
            for element in at.markdown:
                assert not element.proto.allow_html, f"{page} ({tab}): Markdown with HTML allowed"
        for chart in at.get("plotly_chart"):
            assert "<script>" not in chart.proto.spec, f"{page}: raw <script> in a chart"
        for deck in at.get("deck_gl_json_chart"):
            assert "<script>" not in json.dumps(json.loads(deck.proto.json).get("tooltip", "")), page
        if page == "sources":
            text = "\n".join(m.value for m in at.markdown)
            assert "\\<script\\>alert" in text and "\\$E = mc^2\\$" in text and "\\[click\\]\\(javascript\\:" in text
