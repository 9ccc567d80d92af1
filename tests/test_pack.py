"""Briefing packs on the server: what goes in comes back the same, as plain JSON; the store is
bounded and says so in words; a bad or unknown key is a sentence, never a traceback."""

from __future__ import annotations

import json
import os
import time

import pandas as pd
import plotly.graph_objects as go
import pytest

from core.analysis.query import incidents_view
from conftest import repository_corpus
from core.render import cite, export, pack
from core.render.charts import incident_timeline

CORPUS = repository_corpus()


def item(n: int = 0, takeaway: str = "") -> export.ChartExport:
    inc = incidents_view(CORPUS)
    rows = inc[["incident_id", "doc_id", "quote"]].drop_duplicates("incident_id").head(5 + n).reset_index(drop=True)
    citation = cite.make("Events over time", "All countries, all years", "2026-12-06", "attacks", "2026-12-06")
    return export.ChartExport(f"timeline-{n}", f"Events over time {n}", "All countries, all years",
                              incident_timeline(inc, "kind", "t"), rows, "incident_id",
                              export.citations(rows["doc_id"], CORPUS["documents"]), takeaway=takeaway,
                              citation=citation, uid=f"u{n}")


@pytest.fixture
def store(tmp_path) -> pack.PackStore:
    return pack.PackStore(tmp_path / "packs")


def test_a_pack_comes_back_as_it_went_in(store):
    key = pack.new_key()
    items = [item(0, takeaway="Arrests rose after 2022"), item(1)]
    store.save(key, items, revision=3)
    revision, back = store.load(key)
    assert revision == 3 and len(back) == 2
    for a, b in zip(items, back):
        assert (a.key, a.title, a.takeaway, a.filters, a.id_column, a.sources, a.citation, a.uid) == \
               (b.key, b.title, b.takeaway, b.filters, b.id_column, b.sources, b.citation, b.uid)
        pd.testing.assert_frame_equal(b.rows, a.rows.astype(str).astype(object))
        assert b.figure.to_json() == a.figure.to_json()  # plotly's own JSON, read back by plotly
    assert export.for_slide(back[0]).to_json() == export.for_slide(items[0]).to_json()


def test_a_pack_is_plain_json_in_its_own_folder(store):
    key = pack.new_key()
    store.save(key, [item()], revision=1)
    files = list(store.folder.iterdir())
    assert [f.name for f in files] == [f"{key}.json"]  # nothing else left behind (no temporary file)
    data = json.loads(files[0].read_text(encoding="utf-8"))
    assert data["format"] == pack.FORMAT and data["items"][0]["figure"]["data"][0]["type"] == "scatter"


def test_the_default_folder_is_outside_the_curated_data(monkeypatch):
    monkeypatch.delenv(pack.DIR_ENV)
    folder = pack.default_folder()
    assert folder.name == "packs" and "curated" not in folder.parts
    monkeypatch.setenv(pack.DIR_ENV, "/srv/packs")
    assert str(pack.PackStore().folder) == "/srv/packs"


def test_keys_are_unguessable_and_checked_before_any_file_is_touched(store):
    keys = {pack.new_key() for _ in range(100)}
    assert len(keys) == 100 and all(pack.valid_key(k) for k in keys)
    for bad in ("../../data/curated/figures", "a" * 21, "a" * 23, "key with spaces xxxxxx", "", None, 5):
        assert not pack.valid_key(bad)
        assert not store.exists(bad)
    with pytest.raises(pack.PackError, match="not one the dashboard makes"):
        store.load("../../data/curated/figures")


def test_an_unknown_or_broken_pack_is_a_sentence(store):
    with pytest.raises(pack.PackError, match="was not found: packs nobody opens for 180 days are removed"):
        store.load(pack.new_key())
    key = pack.new_key()
    store.folder.mkdir(parents=True)
    store.path(key).write_text('{"items": [{"title": 1}]}', encoding="utf-8")
    with pytest.raises(pack.PackError, match="could not be read"):
        store.load(key)


def test_a_pack_holds_a_bounded_number_of_charts_and_bytes(tmp_path):
    small = pack.PackStore(tmp_path, pack.Limits(items=2, pack_bytes=10_000_000))
    key = pack.new_key()
    small.save(key, [item(0), item(1)], 1)
    with pytest.raises(pack.PackError, match="at most 2 charts: remove one"):
        small.save(key, [item(0), item(1), item(2)], 2)
    assert len(small.load(key)[1]) == 2  # as it was
    tight = pack.PackStore(tmp_path, pack.Limits(pack_bytes=20_000))
    with pytest.raises(pack.PackError, match="larger than 0 MB|larger than"):
        tight.save(pack.new_key(), [item(0)], 1)


def test_old_packs_expire_and_a_full_store_refuses_a_chart_rather_than_remove_a_pack_in_use(tmp_path):
    """Packs unused for `days` go; when the store is full, adding a chart is refused in words and no
    other reader's pack (a shared link) is removed: one client adding charts cannot empty the store."""
    store = pack.PackStore(tmp_path, pack.Limits(days=10))
    old, recent = pack.new_key(), pack.new_key()
    store.save(old, [item()], 1)
    store.save(recent, [item()], 1)
    now = time.time()
    os.utime(store.path(old), (now - 11 * 86_400, now - 11 * 86_400))
    assert store.prune(now=now) == [old] and store.exists(recent)
    size = store.path(recent).stat().st_size
    keys = [pack.new_key() for _ in range(2)]
    full = pack.PackStore(tmp_path, pack.Limits(store_bytes=int(size * 3.5)))  # room for three
    for key in keys:
        full.save(key, [item()], 1)
    with pytest.raises(pack.PackError, match="store of briefing packs is full.*every shared link"):
        full.save(pack.new_key(), [item()], 1)
    assert full.exists(recent) and all(full.exists(k) for k in keys)
    full.save(keys[0], [item(1)], 2)  # a pack already kept may still change within the room it has
    full.touch(keys[1])
    assert full.path(keys[1]).stat().st_mtime >= now


def test_rows_with_blanks_and_numbers_come_back_as_text(store):
    odd = item()
    odd.rows = pd.DataFrame({"incident_id": ["a", "b"], "doc_id": ["tucker", "tucker"], "quote": ["x", None],
                             "count": [1, 2]})
    key = pack.new_key()
    store.save(key, [odd], 1)
    rows = store.load(key)[1][0].rows
    assert rows.to_dict("list") == {"incident_id": ["a", "b"], "doc_id": ["tucker", "tucker"], "quote": ["x", ""],
                                    "count": ["1", "2"]}
    assert isinstance(store.load(key)[1][0].figure, go.Figure)
