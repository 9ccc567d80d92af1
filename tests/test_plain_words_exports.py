"""Plain words in what a reader takes away (issue 22, point 4): a table's downloads (CSV and every
Excel sheet), a chart's files (its CSV, the briefing ZIP's CSVs and sources.md), the briefing deck
(slides and speaker notes) and "Cite this" carry no internal id, snake_case name, ISO3 code or
None / nan (tests/plain_words.py says what counts). The briefs are checked in tests/test_brief.py."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from pptx import Presentation

from core.analysis import plain
from core.analysis.query import figures_view, hotspots_view, incidents_view
from conftest import repository_corpus
from core.render import cite, export
from core.render.charts import incident_timeline, range_chart
from plain_words import frame_texts, problems

CORPUS = repository_corpus()
NAMES = plain.Names.of(CORPUS)
DOCUMENTS = CORPUS["documents"]
# What the pages' tables are made from: the views, and the tables the Data page shows as they are.
TABLE_ROWS = {"figures": figures_view, "incidents": incidents_view, "hotspots": hotspots_view,
              **{name: (lambda c, n=name: c[n]) for name in ("places", "groups", "channels", "key_points", "documents",
                                                             "indicators", "waves", "countries")}}


def found_in(frame: pd.DataFrame, where: str) -> list[str]:
    return [p for column, text, verbatim in frame_texts(frame) for p in problems(text, f"{where} {column}", verbatim)]


@pytest.mark.parametrize("table", list(TABLE_ROWS))
def test_a_table_download_is_in_plain_words(table):
    raw = TABLE_ROWS[table](CORPUS)
    words = export.reader_rows(raw, NAMES)  # what the pages hand to the downloads
    found = found_in(pd.read_csv(io.BytesIO(export.table_csv(words)), dtype=str, keep_default_na=False), "CSV")
    cited = list(raw["doc_id"]) if "doc_id" in raw else []
    book = pd.read_excel(io.BytesIO(export.table_xlsx(words, DOCUMENTS, table, None, cited)), sheet_name=None,
                         dtype=str, keep_default_na=False)
    assert list(book) == [table, "documents cited"]
    for sheet, frame in book.items():
        found += found_in(frame, f"Excel sheet {sheet!r}")
    if cited:
        assert len(book["documents cited"]) == len(set(cited))  # every document the rows quote, by name
    assert not found, "\n".join(dict.fromkeys(found))


def chart_items() -> list[export.ChartExport]:
    inc = incidents_view(CORPUS)
    figs = figures_view(CORPUS)
    strength = figs[figs["indicator"] == "group_strength"]
    citation = cite.make("Events over time", "All countries, all years", "2026-12-01", "https://example.org/attacks")
    return [
        export.ChartExport("timeline", "Events over time", "All countries, all years", incident_timeline(inc, "kind", "t"),
                           inc[["incident_id", "doc_id", "quote"]], "incident_id",
                           export.citations(inc["doc_id"], DOCUMENTS), citation=citation),
        export.ChartExport("strength", "Group strength", "All countries", range_chart(strength, "Group strength", "people"),
                           strength[["figure_id", "doc_id", "quote"]], "figure_id",
                           export.citations(strength["doc_id"], DOCUMENTS), takeaway="Estimates differ widely."),
    ]


def test_a_chart_csv_and_the_briefing_zip_are_in_plain_words():
    items = chart_items()
    inc = incidents_view(CORPUS)
    csv = export.table_csv(export.reader_rows(inc.drop_duplicates("incident_id"), NAMES))  # the Attacks page's
    found = found_in(pd.read_csv(io.BytesIO(csv), dtype=str, keep_default_na=False), "chart CSV")
    for item in items:
        found += found_in(export.passages(item, DOCUMENTS), f"passages of {item.title}")
    found += problems(export.sources_markdown(items, DOCUMENTS), "sources.md")
    found += problems(cite.text(items[0].citation), "Cite this")
    assert not found, "\n".join(dict.fromkeys(found))


def test_the_briefing_zip_and_deck_are_in_plain_words():
    items = chart_items()
    found = []
    with zipfile.ZipFile(io.BytesIO(export.build_zip(items, DOCUMENTS))) as z:
        for name in z.namelist():
            if name.endswith(".csv"):
                found += found_in(pd.read_csv(z.open(name), dtype=str, keep_default_na=False), name)
    deck = Presentation(io.BytesIO(export.build_deck(items, DOCUMENTS)))
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if shape.has_text_frame:
                found += problems(shape.text_frame.text, f"slide {number}")
        if slide.has_notes_slide:
            found += problems(slide.notes_slide.notes_text_frame.text, f"notes of slide {number}", verbatim=True)
    assert not found, "\n".join(dict.fromkeys(found))
