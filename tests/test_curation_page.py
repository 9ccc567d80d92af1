"""The Curate page through AppTest: absent for readers; for a curator, review -> diff -> write.

Runs on the `scratch` copy of the data (DASHBOARD_DATA_DIR / DASHBOARD_SEEDS_DIR), never the real tables.
"""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from ui import store
from streamlit.testing.v1 import AppTest

import curate as cli
from core.curation.mode import GATE, GATE_ENV, NO_GATE
from app_paths import APP, source_rows, unfold
from core.data.loading import load_corpus
from test_curation import BRIEF, cid, decide, snapshot


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    store.reload()
    yield
    st.cache_data.clear()
    store.reload()


def curator_session(scratch, monkeypatch, doc_id: str, view: str = "Table") -> AppTest:
    monkeypatch.setenv("DASHBOARD_CURATOR", "1")
    monkeypatch.setenv(GATE_ENV, GATE)  # as dashboard/server.py sets it; AppTest has no network to guard
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(scratch.curated))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(scratch.seeds))
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    at.switch_page("views/curate.py").run()
    at.selectbox(key="curate-doc").select(doc_id).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Curate"
    assert at.button_group(key="curate-mode").value == "One at a time", "the review opens one candidate at a time"
    if view == "Table":
        at.button_group(key="curate-mode").set_value("Table").run()
    return at


def test_a_reader_session_has_no_curate_page(monkeypatch):
    monkeypatch.delenv("DASHBOARD_CURATOR", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/curate.py")
    assert "Curate" not in [t.value for t in at.title]
    assert not any(b.label.startswith("Write") for b in at.button)


def register_brief(scratch, tmp_path) -> None:
    """Register the test brief with one row, through the command line."""
    out = tmp_path / "out"
    assert cli.main(["--data", str(scratch.curated), "--seeds", str(scratch.seeds), "propose", str(BRIEF),
                     "--doc-id", "ferghana_test", "--title", "Ferghana test brief", "--out", str(out)]) == 0
    frame = pd.read_csv(out / "candidates.csv", dtype=str, keep_default_na=False)
    decide(out / "candidates.csv", **{cid(frame, "figures", value_text="about 45"): {"decision": "accept"}})
    assert cli.main(["--data", str(scratch.curated), "--seeds", str(scratch.seeds), "apply", str(out / "candidates.csv")]) == 0


def channel_ids_on_the_data_page() -> list[str]:
    """The channels a new session sees on the Data page (in this server process, as another reader would)."""
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    at.switch_page("views/data.py").run()
    at.selectbox(key="w_table").select("channels").run()
    assert not at.exception, [e.value for e in at.exception]
    unfold(at)  # readers see names and quotes; each row's id is in its Sources link
    sources = [e for e in at.expander if e.label.startswith("Sources")][0].dataframe[0].value
    return list(source_rows(sources).index)


def test_a_curator_reviews_sees_the_diff_and_writes(scratch, tmp_path, monkeypatch):
    """Review, diff, write; then every page shows the new rows: what pages derived from the old rows
    (views, filtered rows, charts) is cached for the server process, and a write must drop it, or
    readers keep seeing the tables as they were."""
    register_brief(scratch, tmp_path)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(scratch.curated))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(scratch.seeds))
    assert "ch-ferghana_test-01" not in channel_ids_on_the_data_page()
    at = curator_session(scratch, monkeypatch, "ferghana_test")
    assert any("candidate rows for ferghana\\_test" in m.value for m in at.markdown)
    assert any("Accept or exclude candidates" in i.value for i in at.info), "no diff before a decision"
    at.button(key="curate-accept-channels").click().run()
    diff = "\n".join(c.value for c in at.code)
    assert "+ch-ferghana_test-01,Telegram,messaging app,used" in diff
    assert not any(r["doc_id"] == "ferghana_test" for r in scratch.rows("channels")), "nothing written before Write"
    at.button(key="curate-write").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Written: 1 row(s) to channels.csv" in s.value for s in at.success)
    assert any("The validator finds no problems" in i.value for i in at.info)
    assert any("ferghana_test: 14 numbers" in c.value for c in at.code), "the completeness report for the document"
    assert [r["channel_id"] for r in scratch.rows("channels") if r["doc_id"] == "ferghana_test"] == ["ch-ferghana_test-01"]
    assert not load_corpus(scratch.curated, scratch.seeds).problems
    assert "ch-ferghana_test-01" in channel_ids_on_the_data_page()  # a reader's new session sees the row


def test_accept_all_takes_only_complete_rows_and_a_write_the_validator_refuses_changes_nothing(scratch, tmp_path, monkeypatch):
    register_brief(scratch, tmp_path)
    at = curator_session(scratch, monkeypatch, "ferghana_test")
    before = snapshot(scratch)
    at.button(key="curate-accept-figures").click().run()  # some have no indicator yet: left proposed, and named
    warning = "\n".join(w.value for w in at.warning).replace("\\", "")
    assert "Not accepted, incomplete" in warning and "(no indicator)" in warning
    assert any("which is not accepted" in e.value for e in at.error), "a figure about an incident not accepted"
    assert not any(b.key == "curate-write" for b in at.button)
    at.button(key="curate-accept-incidents").click().run()
    at.button(key="curate-accept-places").click().run()
    # a complete row the validator refuses: a subject no table knows, set in the one-at-a-time view
    at.button_group(key="curate-mode").set_value("One at a time").run()
    # "a team of 12 analysts": no indicator, still proposed (the page's own candidate ids)
    def showing_twelve_analysts() -> bool:
        return any(":orange-background[**12**]" in m.value and "analysts" in m.value for m in at.markdown)

    seen: set[str] = set()
    while not showing_twelve_analysts():  # Back goes round every candidate once (from the end: it is the last sentence)
        shown = at.subheader[0].value.split(":")[0]
        if shown in seen:
            break
        seen.add(shown)
        at.button(key="curate-one-back").click().run()
    assert showing_twelve_analysts(), [s.value for s in at.subheader]
    target = at.subheader[0].value.split(":")[0]
    at.selectbox(key=next(w.key for w in at.selectbox if w.key.endswith(f":{target}:indicator"))).set_value("killed").run()
    at.text_input(key=next(w.key for w in at.text_input if w.key.endswith(f":{target}:subject"))).set_value("nowhere").run()
    at.button(key="curate-one-accept").click().run()
    at.button(key="curate-write").click().run()
    errors = "\n".join(e.value for e in at.error).replace("\\", "")
    assert "Nothing was written" in errors and f"candidate {target}" in errors and ":subject:" in errors
    assert "figures.csv:" not in errors.split(f"candidate {target}")[0].splitlines()[-1], "named by the candidate first"
    assert snapshot(scratch) == before


def test_after_a_write_the_old_rows_are_freed_and_the_new_ones_read(scratch, monkeypatch):
    """A write reloads the corpus for every session (ui.store.reload): nothing keeps the old rows
    alive, so the server's memory does not grow with each write."""
    import gc
    import weakref

    from ui import store

    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(scratch.curated))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(scratch.seeds))
    first = store.corpus()
    store.figures(), store.incidents()  # views derived from the old rows
    old = weakref.ref(first)
    del first
    store.reload()
    second = store.corpus()
    gc.collect()
    assert old() is None, "the old corpus is still referenced after a reload"
    assert second is store.corpus()


def test_one_candidate_at_a_time_with_its_sentence_marked(scratch, tmp_path, monkeypatch):
    """Review one row at a time (issue 24, point 6): the sentence with the number marked, the fields,
    accept / reject / exclude, a counter of what is left; the decisions are the table view's too."""
    register_brief(scratch, tmp_path)
    at = curator_session(scratch, monkeypatch, "ferghana_test", view="One at a time")
    counter = next(m.value for m in at.markdown if "left to review" in m.value)
    total = int(counter.split(" of ")[1].split()[0])
    assert counter.startswith(f"**{total} of {total} left to review")
    first = at.subheader[0].value.split(":")[0]
    assert any(":orange-background[" in m.value for m in at.markdown), "the number is marked in its sentence"
    labels = {b.key: b.label for b in at.button if b.key and b.key.startswith("curate-one-")}
    assert labels == {"curate-one-accept": "Accept", "curate-one-reject": "Reject", "curate-one-exclude": "Exclude",
                      "curate-one-skip": "Skip", "curate-one-back": "Back"}
    at.button(key="curate-one-reject").click().run()
    assert f"**{total - 1} of {total} left to review" in "\n".join(m.value for m in at.markdown)
    second = at.subheader[0].value.split(":")[0]
    assert second != first
    at.button(key="curate-one-exclude").click().run()  # no reason given: refused, and it stays
    assert any("give the reason" in e.value for e in at.error) and at.subheader[0].value.split(":")[0] == second
    at.button(key="curate-one-back").click().run()
    assert at.subheader[0].value.split(":")[0] == first and "(reject)" in at.subheader[0].value
    at.button_group(key="curate-mode").set_value("Table").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("1 reject" in c.value for c in at.caption), "the table view shows the decision taken one at a time"


def test_curator_mode_without_the_servers_sign_in_has_no_curate_page_and_says_why(monkeypatch):
    """`DASHBOARD_CURATOR=1 streamlit run dashboard/app.py` skips dashboard/server.py's sign-in and host
    checks: the app then has no Curate page, and says how to start the curator's server."""
    monkeypatch.setenv("DASHBOARD_CURATOR", "1")
    monkeypatch.delenv(GATE_ENV, raising=False)
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/curate.py")
    assert NO_GATE in [e.value for e in at.error]
