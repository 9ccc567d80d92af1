"""Tables with their downloads, and the Sources section under every chart and table.

Sources sections, data tables and the download choices are folded: built only while a reader has
them open (an expander with on_change="rerun", ui.chrome.folded), so a page sends one element for each
instead of a table or four buttons on every filter change."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

from core.analysis.query import sources_for
from core.data.loading import Corpus
from core.render import export
from core.analysis import plain
from ui import cache, state, store
from ui import cite as ui_cite
from ui.chrome import CHOICES_WIDTH, folded

# A phone shows about two columns of a table: they must answer the question. A row's name, label or
# date and what it says lead (in the order the page gives them); what is there to check rather than
# read first (notes, documents, row ids, quotes) comes last, the long quotes at the very end.
LEAD = ("name", "label", "indicator", "subject_label", "date", "summary", "display", "figure", "value_text", "relation_to_taliban")
TRAIL = ("note", "doc_id", "document", "documents", "quote")
SOURCES_ORDER = ["document", "quote", "open"]  # the Sources section: where from and what it says first


def key_first(columns) -> list[str]:
    """The columns in the order a narrow screen should show them: LEAD, the rest, ids, then TRAIL."""
    columns = list(columns)
    trail = [c for c in TRAIL if c in columns]
    ids = [c for c in columns if str(c).endswith("_id") and c not in trail]
    lead = [c for c in columns if c in LEAD]
    middle = [c for c in columns if c not in lead and c not in ids and c not in trail]
    return lead + middle + ids + trail


def arrow(frame: pd.DataFrame):
    """The frame as the Arrow table st.dataframe sends (Streamlit converts a pandas frame on every
    run; a cached Arrow table is sent as it is). A frame Arrow cannot hold as it is stays pandas, which
    Streamlit converts with its own fixes."""
    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowException, TypeError, ValueError):
        return frame


def table(frame, key: str, rows=None, depends: tuple | None = None, column_config: dict | None = None,
          **dataframe_args) -> None:
    """A table in plain words (core.render.plain: labelled columns with help, ids as names, documents
    as citations, row ids left out, "not stated" for a missing value) with CSV and Excel downloads of
    its rows in the same words (core.render.export.reader_rows), behind one 'Download' button whose
    choices are built only while open.
    `frame` and `rows` may be functions that make them; with `depends` (what the frame is made from,
    e.g. its rows' ids) the frame is made, and converted for sending, once per key and depends.
    `column_config` is keyed by the frame's own column names."""
    make = frame if callable(frame) else lambda: frame

    def build():
        made = make()
        made = made[key_first(made.columns)]  # what a phone's two columns show first
        shown = plain.for_reader(made, store.reader_names())
        return shown, arrow(shown), plain.column_help(made.columns)

    if depends is not None:
        shown, sent, helps = cache.cached(f"table:{key}", build, tuple(getattr(frame, "columns", ())), *depends)
    else:
        shown, sent, helps = build()
    config = {label: st.column_config.Column(help=text) for label, text in helps.items()}
    config.update({plain.label(column): value for column, value in (column_config or {}).items()})
    st.dataframe(sent, hide_index=True, width="stretch", column_config=config, placeholder=plain.NOT_STATED,
                 **dataframe_args)
    box = folded("Download: CSV, Excel", f"download-{key}", icon=":material/download:", width=CHOICES_WIDTH)
    if box is None:
        return
    raw = rows() if callable(rows) else rows if rows is not None else make()
    cited = list(raw["doc_id"]) if "doc_id" in raw else []
    out = export.reader_rows(raw, store.reader_names())  # no internal flag, repeat or empty column; 'not stated'
    documents = store.corpus()["documents"]
    name = export.slug(f"{key} {state.in_words()}")
    box.download_button("CSV", lambda: export.table_csv(out), f"{name}.csv", "text/csv", key=f"tcsv-{key}",
                        on_click="ignore")
    citation = ui_cite.citation(ui_cite.table_view(key))
    box.download_button("Excel", lambda: export.table_xlsx(out, documents, key, citation, cited), f"{name}.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"txlsx-{key}",
                        on_click="ignore", help="Second sheet: the documents cited; third: how to cite the table")


def sources_section(rows: pd.DataFrame, id_column: str, corpus: Corpus, label: str = "Sources",
                    key: str | None = None) -> None:
    """The rows behind a chart or table, each with its document, quote and a link to the passage.
    `key` tells apart two sections of one page with the same label and id column."""
    count = len(dict.fromkeys(rows[id_column])) if id_column in rows else 0
    if not count:  # nothing is shown from the documents here, so there is nothing to trace
        return
    box = folded(f"{label}: {count} quoted passage{'' if count == 1 else 's'}", key or f"sources-{label}-{id_column}")
    if box is None:
        return
    with box:
        listed = sources_for(rows, id_column, corpus)
        if state.pack_key():  # a link opens a new tab, a new session: it finds the briefing pack by its key
            listed = listed.assign(open=listed["open"].map(state.with_pack))
        st.dataframe(
            listed.drop(columns="row"), hide_index=True, width="stretch", column_order=SOURCES_ORDER,
            column_config={
                "document": st.column_config.TextColumn("Source", width="medium"),
                "quote": st.column_config.TextColumn("Quote", width="large"),
                "open": st.column_config.LinkColumn("Passage", display_text="open in Sources", width="small"),
            },
        )
