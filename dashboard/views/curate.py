"""Curate: propose rows for a document, review them, see the change, write it (curator mode only).

app.py registers this page only when the server starts in curator mode; the check below is a
second lock. The logic lives in core.curation (register, review, proposals, plan, write); this script
only lays out the steps.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from core.curation.plan import name_candidates, plan_apply
from core.curation.register import (CurationError, DOC_KINDS, MAX_DOCUMENT_CHARS, MAX_FILE_MB, DocumentMeta,
                                    check_new_document, fingerprint, new_document)
from core.curation.worker import StepFailed
from core.curation.review import incomplete, number_status
from core.curation import write as curation_write
from core.data import paths
from core.curation.mode import curate_page_allowed
from core.data.quotes import Document
from core.curation.proposals import CANDIDATE_COLUMNS, DECISIONS
from core.data.schema import INCIDENT_KINDS, QUALIFIERS, TABLES
from ui import cache, chrome, store
from ui.curation import FAILED, proposals, read_upload
from ui.review import one_at_a_time

chrome.header("Curate", "Propose rows for a document, review them, see the change as a diff, then write it. "
          "Proposals are suggestions: nothing is written until you accept rows and press Write.")
if not curate_page_allowed():  # never reached by a reader (the page is not registered), kept as a second lock
    st.error("This page is available only when the dashboard is started in curator mode.")
    st.stop()

STATE = "_curate"
TABS = [("figures", "Figures"), ("incidents", "Incidents"), ("places", "New places"), ("channels", "Channels"),
        ("groups", "New groups"), ("excluded", "Other numbers")]
COLUMNS = {
    "figures": ["candidate_id", "decision", "exclude_reason", "value_text", "value", "low", "high", "qualifier",
                "indicator", "unit", "subject", "related", "related_as", "counts", "part_of", "period_start", "period_end", "period_inferred", "quote",
                "reason", "note"],
    "incidents": ["candidate_id", "decision", "date", "date_precision", "date_inferred", "kind", "place_id",
                  "place_inferred", "country_iso3", "group_id", "involvement", "killed", "wounded", "summary", "event_id",
                  "quote", "reason", "note"],
    "places": ["candidate_id", "decision", "name", "place_id", "country_iso3", "kind", "lat", "lon", "quote", "reason", "note"],
    "channels": ["candidate_id", "decision", "name", "kind", "stance", "group_id", "quote", "reason", "note"],
    "groups": ["candidate_id", "decision", "name", "group_id", "place_id", "quote", "reason", "note"],
    "excluded": ["candidate_id", "decision", "value_text", "exclude_reason", "quote", "reason"],
}
READ_ONLY = ["candidate_id", "reason", "unit"]  # the unit follows the indicator


def data_version() -> str:
    """Changes whenever a table or document changes, so cached proposals never outlive a write."""
    parts = [f"{p.name}:{p.stat().st_mtime_ns}" for folder in (paths.curated_dir(), paths.seeds_dir())
             if folder.is_dir() for p in sorted(folder.iterdir())]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()


def choose_document() -> tuple[DocumentMeta, str] | None:
    corpus = store.corpus()
    written = st.session_state.pop("_curate_show", None)
    if written:  # a new document was just registered: show it as registered (what is left to curate)
        st.session_state["curate-source"] = "A registered document"
        st.session_state["curate-doc"] = written
    source = st.radio("Document", ["A registered document", "A new document"], horizontal=True, key="curate-source")
    if source == "A registered document":
        docs = corpus["documents"].astype(str)
        titles = dict(zip(docs["doc_id"], docs["title"]))
        doc_id = st.selectbox("Registered document", list(titles), format_func=lambda d: f"{d}: {titles[d]}",
                              key="curate-doc")
        if doc_id is None or doc_id not in corpus.documents:
            st.info("Choose a document whose file is in seeds/.")
            return None
        row = docs[docs["doc_id"] == doc_id].iloc[0].to_dict()
        meta = DocumentMeta(**{k: row[k] for k in TABLES["documents"].column_names}, registered=True)
        return meta, corpus.documents[doc_id].text
    if st.get_option("server.maxUploadSize") < 1:  # the readers' setting: this server was not started for a curator
        st.warning("This server takes no uploads (server.maxUploadSize is 0). Start it with "
                   "`DASHBOARD_CURATOR=1 bash scripts/run.sh`, which takes documents of up to "
                   f"{MAX_FILE_MB} MB, or propose rows with `dashboard/curate.py propose`.")
        return None
    upload = st.file_uploader("A .txt, .md or .pdf file", type=["txt", "md", "pdf"], key="curate-upload",
                              help=f"Up to {MAX_FILE_MB} MB and {MAX_DOCUMENT_CHARS:,} characters of text (about 200 "
                                   "pages); split a longer document into parts.")
    cols = st.columns(3)
    doc_id = cols[0].text_input("doc_id (lower case, e.g. ferghana_brief)", key="curate-new-id").strip()
    title = cols[1].text_input("Title as printed", key="curate-new-title", placeholder="blank: the document's first line")
    kind = cols[2].selectbox("Kind", DOC_KINDS, index=None, key="curate-new-kind", placeholder="blank: read from the document")
    cols = st.columns(3)
    authors = cols[0].text_input("Authors (';'-separated)", key="curate-new-authors")
    publisher = cols[1].text_input("Publisher", key="curate-new-publisher")
    # Blank title and date: read from the document, as `curate.py propose` does, and marked for review
    # (the date resolves "on Tuesday" and "last month" in a news report).
    published = cols[2].text_input("Published (YYYY, YYYY-MM, YYYY-MM-DD or unknown)", key="curate-new-published",
                                   placeholder="blank: the date of its dateline")
    if upload is None or not doc_id:
        st.info("Upload the document and give its doc_id.")
        return None
    try:
        text = read_upload(upload.name, upload.getvalue())
    except CurationError as err:
        st.error(chrome.safe_text("\n".join(err.messages)))
        return None
    except StepFailed:
        st.error(FAILED)
        return None
    try:
        meta = new_document(doc_id, text, upload.name, title, published, authors=authors, publisher=publisher, kind=kind)
    except CurationError as err:
        st.error(chrome.safe_text("\n".join(err.messages)))
        return None
    problems = check_new_document(meta, text, corpus["documents"].astype(str), corpus.documents, paths.seeds_dir())
    if problems:
        st.error("This document cannot be added:\n" + "\n".join(f"- {chrome.safe_text(p)}" for p in problems))
        return None
    if meta.to_review:
        st.info("Check before you write:\n" + "\n".join(f"- {chrome.safe_text(item)}" for item in meta.to_review))
    return meta, text


def column_config(table: str) -> dict:
    corpus = store.corpus()
    config = {
        "decision": st.column_config.SelectboxColumn("Decision", options=list(DECISIONS), required=True, width="small"),
        "quote": st.column_config.TextColumn("Quote (verbatim)", width="large"),
        "reason": st.column_config.TextColumn("Why proposed", width="medium"),
        "exclude_reason": st.column_config.TextColumn("Reason to exclude", width="medium"),
        "candidate_id": st.column_config.TextColumn("Candidate", width="small"),
        **{c: st.column_config.TextColumn(c.replace("_", " ").capitalize()) for c in
           ("name", "group_id", "place_id", "subject", "related", "country_iso3", "value_text", "summary", "note")},
    }
    if table == "figures":
        config["qualifier"] = st.column_config.SelectboxColumn("Qualifier", options=list(QUALIFIERS))
        config["indicator"] = st.column_config.SelectboxColumn("Indicator", options=list(corpus["indicators"]["indicator"]))
        config["related_as"] = st.column_config.SelectboxColumn(
            "Related as", options=[""] + list(TABLES["figures"].column("related_as").allowed),
            help="How the number bears on Related: in Russia, share of Kyrgyzstan, from Tajikistan. Blank: Related is not said.")
    if table == "incidents":
        config["kind"] = st.column_config.SelectboxColumn("Kind", options=list(INCIDENT_KINDS))
        config["date_precision"] = st.column_config.SelectboxColumn("Precision", options=["day", "month", "year"])
    if table == "channels":
        config["kind"] = st.column_config.SelectboxColumn("Kind", options=list(TABLES["channels"].column("kind").allowed))
        config["stance"] = st.column_config.SelectboxColumn("Stance", options=["used", "not used"])
    return config


def with_edits(base: pd.DataFrame, editor_keys: dict[str, str]) -> pd.DataFrame:
    """The candidates with the edits each table's editor holds (st.data_editor keeps them as
    {"edited_rows": {row: {column: value}}} under its key)."""
    out = base.copy()
    for table, editor_key in editor_keys.items():
        ids = list(out.loc[out["table"] == table, "candidate_id"])
        for row, changes in (st.session_state.get(editor_key) or {}).get("edited_rows", {}).items():
            for column, value in changes.items():
                out.loc[out["candidate_id"] == ids[int(row)], column] = "" if value is None else str(value)
    return out


def accept_all(table: str, base_key: str, version_key: str, editor_keys: dict[str, str]) -> None:
    """Button callback (runs before the page): keep the edits made so far, accept the proposed rows of
    one table that are complete, and say which are not (they stay proposed)."""
    merged = with_units(with_edits(st.session_state[base_key], editor_keys))
    proposed = (merged["table"] == table) & (merged["decision"] == "proposed")
    lacking = {r["candidate_id"]: incomplete(r) for r in merged[proposed].to_dict("records")}
    complete = merged["candidate_id"].isin([c for c, missing in lacking.items() if not missing])
    merged.loc[proposed & complete, "decision"] = "accept"
    st.session_state[base_key] = merged
    st.session_state[f"{base_key}:incomplete"] = {c: m for c, m in lacking.items() if m}
    st.session_state[version_key] += 1  # new editor keys: the tables redraw from the updated candidates


def keep_table_edits(base_key: str, version_key: str) -> None:
    """Switching views: the edits the tables hold become part of the candidates (else they would be lost
    with the tables' widgets)."""
    editors = st.session_state.pop(f"{base_key}:editors", None)
    if editors:
        st.session_state[base_key] = with_units(with_edits(st.session_state[base_key], editors))
        st.session_state[version_key] += 1


def with_units(candidates: pd.DataFrame) -> pd.DataFrame:
    """A figure's unit is its indicator's: a changed indicator brings its unit."""
    units = store.indicator_column("unit")
    out = candidates.copy()
    figures = (out["table"] == "figures") & out["indicator"].isin(list(units))
    out.loc[figures, "unit"] = out.loc[figures, "indicator"].map(units)
    return out


@st.fragment
def review(meta: DocumentMeta, text: str, candidates: pd.DataFrame, version_token: str) -> None:
    """One candidate at a time or the editable tables, then the diff and the Write button: edits rerun
    only this part of the page."""
    key = f"{meta.doc_id}:{fingerprint(text)[:12]}:{version_token[:12]}"
    base_key, version_key = f"_curate_base:{key}", f"_curate_version:{key}"
    st.session_state.setdefault(base_key, candidates.copy())
    version = st.session_state.setdefault(version_key, 0)
    mode = st.segmented_control("Review", ["One at a time", "Table"], default="One at a time", key="curate-mode",
                                required=True, on_change=keep_table_edits, args=(base_key, version_key))
    edited: dict[str, pd.DataFrame] = {}
    if mode == "Table":
        edited = review_tables(base_key, version_key, f"{key}-{version}")
    else:
        one_at_a_time(base_key, version_key, f"one-{key}-{version}", store.indicator_column("unit"),
                      list(store.corpus()["indicators"]["indicator"]))
    base: pd.DataFrame = st.session_state[base_key]
    merged = base.set_index("candidate_id")
    for frame in edited.values():
        changes = frame.set_index("candidate_id").astype(str)
        merged.loc[changes.index, changes.columns] = changes
    merged = with_units(merged.reset_index()[list(CANDIDATE_COLUMNS)])
    decided = merged["decision"].value_counts()
    st.caption(chrome.safe_text(", ".join(f"{decided.get(d, 0)} {d}" for d in DECISIONS)))
    write_section(meta, text, merged)


def review_tables(base_key: str, version_key: str, suffix: str) -> dict[str, pd.DataFrame]:
    """One editable table per kind of candidate (the edits each editor holds)."""
    base: pd.DataFrame = st.session_state[base_key]
    editor_keys = {table: f"curate-editor-{table}-{suffix}" for table, _ in TABS}
    st.session_state[f"{base_key}:editors"] = editor_keys
    edited: dict[str, pd.DataFrame] = {}
    labels = [f"{label} ({int((base['table'] == t).sum())})" for t, label in TABS]
    for (table, label), tab in zip(TABS, st.tabs(labels)):
        rows = base[base["table"] == table][COLUMNS[table]].reset_index(drop=True)
        with tab:
            if rows.empty:
                st.caption("No candidates of this kind.")
                continue
            st.button(f"Accept every complete proposed row in {label.lower()}", key=f"curate-accept-{table}",
                      on_click=accept_all, args=(table, base_key, version_key, editor_keys))
            left = {c: m for c, m in st.session_state.get(f"{base_key}:incomplete", {}).items()
                    if c in set(rows["candidate_id"])}
            if left:
                st.warning(chrome.safe_text(f"Not accepted, incomplete ({len(left)}): " + "; ".join(
                    f"{c} (no {', '.join(m)})" for c, m in left.items()) + ". Fill them in, then accept them."))
            edited[table] = st.data_editor(rows, key=editor_keys[table], hide_index=True, width="stretch",
                                           disabled=READ_ONLY, column_config=column_config(table), num_rows="fixed")
    return edited


def write_section(meta: DocumentMeta, text: str, merged: pd.DataFrame) -> None:
    """The review as CSV, the change as a diff, and the Write button."""
    st.download_button("Download the review as CSV (for a spreadsheet; write it with `curate.py apply`)",
                       merged.to_csv(index=False).encode("utf-8"), f"{meta.doc_id}-candidates.csv", "text/csv",
                       key="curate-download", on_click="ignore")

    st.header("Change")
    try:
        plan = plan_apply(merged, meta, text, paths.curated_dir(), paths.seeds_dir(), source_name="review")
    except CurationError as err:
        st.error("Not ready to write:\n" + "\n".join(f"- {chrome.safe_text(m)}" for m in err.messages))
        return
    if not plan.files:
        st.info("Accept or exclude candidates to see the change they make.")
        return
    st.code(curation_write.diff(plan, paths.ROOT), language="diff")
    if st.button("Write these rows", type="primary", key="curate-write"):
        try:
            outcome = curation_write.apply_plan(plan, paths.curated_dir(), paths.seeds_dir())
        except CurationError as err:  # told of the candidates, not of the tables' lines
            st.error("\n".join(f"- {chrome.safe_text(m)}" for m in name_candidates(plan, err.messages)))
            return
        store.reload()  # every page reads the new rows from now on
        st.session_state[STATE] = {"written": outcome, "doc_id": meta.doc_id}
        st.session_state["_curate_show"] = meta.doc_id
        st.rerun(scope="app")


def show_outcome() -> None:
    done = st.session_state.get(STATE)
    if not done:
        return
    outcome: curation_write.Outcome = done["written"]
    st.success("Written: " + ", ".join(f"{n} row(s) to {t}.csv" for t, n in outcome.written.items()))
    if outcome.problems:
        st.error(f"The validator finds {len(outcome.problems)} problem(s):\n"
                 + "\n".join(f"- {chrome.safe_text(p)}" for p in outcome.problems[:30]))
    else:
        st.info("The validator finds no problems.")
    st.markdown(f"**Completeness of {chrome.safe_text(done['doc_id'])}**: every number curated or excluded?")
    st.code(outcome.coverage, language="text")


show_outcome()
chosen = choose_document()
if chosen is not None:
    meta, text = chosen
    token = data_version()
    try:
        candidates, left_out = proposals(meta.doc_id, fingerprint(text), meta.registered, token, text)
    except CurationError as err:
        st.error(chrome.safe_text("\n".join(err.messages)))
        st.stop()
    except StepFailed:
        st.error(FAILED)
        st.stop()
    corpus = store.corpus()
    status = cache.cached("curate-status", lambda: number_status(
        Document(meta.doc_id, text), corpus.tables if meta.registered else None, candidates), meta.doc_id,
        fingerprint(text), token)
    st.markdown(chrome.safe_text(
        f"{len(candidates)} candidate rows for {meta.doc_id}"
        + (f" ({left_out} candidate(s) the tables already hold were left out)" if left_out else "") + f"; {status}."))
    review(meta, text, candidates, token)
