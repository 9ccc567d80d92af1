"""Sub-counts (issue 24, point 3): a figure that counts part of a total ("28 women", "of the 511") is
never drawn or summed as a total; charts and sentences total only totals and show the parts as parts."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app_paths import APP, open_tab
from core.analysis.query import totals_and_parts
from core.render.alt_text import repatriation_summary
from test_curation import cid, decide, run
from test_curation_news import NEWS


def figures(*rows: dict) -> pd.DataFrame:
    base = {"indicator": "repatriated_people", "subject": "KGZ", "counts": "", "part_of": "", "doc_id": "d", "period": ""}
    return pd.DataFrame([{**base, **r} for r in rows])


def test_totals_keep_their_parts_and_parts_are_never_totals():
    figs = figures({"figure_id": "f1", "display": "95"}, {"figure_id": "f2", "display": "24", "counts": "women", "part_of": "f1"},
                   {"figure_id": "f3", "display": "71", "counts": "children", "part_of": "f1"},
                   {"figure_id": "f4", "display": "43", "counts": "children", "subject": "TJK"},
                   {"figure_id": "f5", "display": "3", "part_of": "f1"})
    totals, parts = totals_and_parts(figs)
    assert list(totals["figure_id"]) == ["f1"]
    assert totals["parts"].iloc[0] == "of whom 24 women, 71 children, 3"
    assert list(zip(parts["figure_id"], parts["part"], parts["of_total"])) == [
        ("f2", "24 women", "95"), ("f3", "71 children", "95"), ("f4", "43 children", ""), ("f5", "3", "95")]
    totals, parts = totals_and_parts(figs[figs["figure_id"] != "f1"])
    assert totals.empty and set(parts["of_total"]) == {""}, "a part whose total is filtered out stays a part"


def test_the_repatriation_sentence_says_the_parts_after_their_total():
    table = pd.DataFrame([
        {"country": "Kyrgyzstan", "value": 511.0, "display": "511", "parts": "of whom 148 women, 363 children", "period": "since 2021"},
        {"country": "Tajikistan", "value": None, "display": "", "parts": "", "period": ""}])
    assert repatriation_summary(table) == ("Kyrgyzstan repatriated 511 people (of whom 148 women, 363 children) since 2021; "
                                           "Tajikistan: not reported.")


@pytest.fixture
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def test_after_writing_an_article_with_sub_counts_the_chart_draws_the_total(scratch, tmp_path, monkeypatch, _fresh_caches):
    """The issue's case: a report of 148 women, 363 children and 511 in all; the chart said 148."""
    out = tmp_path / "review"
    assert run(scratch, "propose", str(NEWS / "01-kyrgyz-flight.txt"), "--doc-id", "kgz_flight", "--out", str(out),
               "--kind", "news article", "--published", "2023-03-17") == 0
    frame = pd.read_csv(out / "candidates.csv", dtype=str, keep_default_na=False)
    women, children, total = (cid(frame, "figures", value_text=v) for v in ("148", "363", "511"))
    assert frame.set_index("candidate_id").loc[[women, children], "part_of"].tolist() == [total, total]
    decide(out / "candidates.csv", **{c: {"decision": "accept"} for c in (women, children, total)})  # the parts come first
    assert run(scratch, "apply", str(out / "candidates.csv")) == 0
    written = {r["value"]: r for r in scratch.rows("figures") if r["doc_id"] == "kgz_flight"}
    assert (written["148"]["counts"], written["148"]["part_of"]) == ("women", written["511"]["figure_id"])

    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(scratch.curated))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(scratch.seeds))
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    at.switch_page("views/repatriation.py").run()
    assert not at.exception, [e.value for e in at.exception]
    import json
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    reported = next(t for t in bars if t["type"] == "bar")
    assert dict(zip(reported["y"], reported["x"]))["Kyrgyzstan"] == 511, "the total, never a part"
    captions = "\n".join(c.value for c in at.caption).replace("\\", "")
    assert "Kyrgyzstan 511 (of whom 148 women, 363 children) since 2021" in captions
    lines = "\n".join(m.value for m in open_tab(at, "Women and children").markdown).replace("\\", "")
    assert "Kyrgyzstan**: 148 women repatriated, part of 511, since 2021" in lines
    at.switch_page("views/overview.py").run()  # the country card: the total, with its parts as parts
    assert not at.exception, [e.value for e in at.exception]
    cards = "\n".join(m.value for m in at.markdown).replace("\\", "")
    assert "Repatriated: **511** of whom 148 women, 363 children" in cards
    assert "Repatriated: **148**" not in cards and "Repatriated: **363**" not in cards
