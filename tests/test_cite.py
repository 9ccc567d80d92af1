"""'Cite this': the citation as text, BibTeX and RIS says the dashboard, the view and its filters, the
data's version, the link and the date accessed; reference managers can read it; the data's version
is recorded with the tables and kept current."""

from __future__ import annotations

import datetime as dt
import io
import re

import bibtexparser
import pandas as pd
import pytest

import validate
from core.data.paths import CURATED_DIR
from core.data.version import data_version, long_date, record_data_version, tables_digest
from core.render import cite, export

FILTERS = "Tajikistan, 2022\u20132024 (rows with no date left out), attacks & plots"


def example(link: str = "https://example.org/dash/attacks?country=TJK&from=2022&to=2024&kind=attack%2Cplot") -> cite.Citation:
    return cite.make("Attacks and plots", FILTERS, "2026-12-06", link, dt.date(2026, 12, 7))


def ris_fields(text: str) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for line in filter(None, text.splitlines()):
        assert re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line), line  # the tag, two spaces, a hyphen, a space
        tag, value = line[:2], line[6:]
        fields.setdefault(tag, []).append(value)
    return fields


def test_text_names_dashboard_view_filters_version_link_and_access_date():
    text = cite.text(example())
    assert text == (f"{cite.DASHBOARD}, \u201cAttacks and plots: {FILTERS}\u201d, data version of 6 December 2026. "
                    "https://example.org/dash/attacks?country=TJK&from=2022&to=2024&kind=attack%2Cplot "
                    "(accessed 7 December 2026).")


def test_bibtex_parses_with_every_field():
    library = bibtexparser.parse_string(cite.bibtex(example()))
    assert not library.failed_blocks and len(library.entries) == 1
    entry = library.entries[0]
    assert entry.entry_type == "misc" and entry.key == "camobilization-2026-12-06-attacks-and-plots"
    fields = {k: f.value for k, f in entry.fields_dict.items()}
    assert fields["title"] == "{Attacks and plots: Tajikistan, 2022--2024 (rows with no date left out), attacks \\& plots}"
    assert fields["howpublished"] == cite.DASHBOARD
    assert fields["version"] == "2026-12-06" and fields["year"] == "2026" and fields["urldate"] == "2026-12-07"
    assert fields["url"] == example().link


def test_bibtex_escapes_what_would_break_it():
    nasty = cite.make("Search {all} 100% of #rows_x ~ ^ \\ $", "", "2026-12-06", "search?q=a b{c}", "2026-12-07")
    entry = bibtexparser.parse_string(cite.bibtex(nasty)).entries[0]
    assert entry.fields_dict["title"].value == "{Search \\{all\\} 100\\% of \\#rows\\_x \\textasciitilde{} " \
                                               "\\textasciicircum{} \\textbackslash{} \\$}"
    assert entry.fields_dict["url"].value == "search?q=a%20b%7Bc%7D"


def test_ris_has_type_title_link_access_date_and_end():
    fields = ris_fields(cite.ris(example()))
    assert fields["TY"] == ["ELEC"] and list(fields)[0] == "TY" and list(fields)[-1] == "ER"
    assert fields["TI"] == [f"Attacks and plots: {FILTERS}"]
    assert fields["T2"] == [cite.DASHBOARD]
    assert fields["UR"] == [example().link]
    assert fields["Y2"] == ["2026/12/07"] and fields["DA"] == ["2026/12/06"] and fields["PY"] == ["2026"]
    assert fields["ET"] == ["Data version 2026-12-06"]
    assert cite.ris_file([example(), example()]).count(b"\r\nER  - \r\n") == 2


def test_a_citation_reads_the_same_after_a_round_trip_through_a_pack():
    assert cite.Citation.from_dict(example().to_dict()) == example()


def test_links_are_absolute_with_a_public_address_and_relative_without(monkeypatch):
    assert cite.view_link("https://example.org/dash/", "attacks", {"country": "TJK,KGZ"}) == \
        "https://example.org/dash/attacks?country=TJK%2CKGZ"
    assert cite.view_link("", "attacks", {"country": "TJK"}) == "attacks?country=TJK"
    assert cite.view_link("https://example.org", "", {}) == "https://example.org/"
    assert cite.with_query("http://127.0.0.1:8501/attacks", {"country": "TJK"}) == "http://127.0.0.1:8501/attacks?country=TJK"
    monkeypatch.setenv(cite.PUBLIC_URL_ENV, "https://example.org/dash/")
    assert cite.public_base() == "https://example.org/dash"


def test_the_data_version_is_recorded_for_the_tables_as_they_are():
    version = data_version(CURATED_DIR)
    assert version.date and version.current, (
        "data/curated changed without recording the data's version: run "
        "python dashboard/validate.py --record-version (writers call core.data.version.record_data_version)")


def test_recording_a_version_and_catching_a_change_not_recorded(scratch):
    record_data_version(scratch.curated, dt.date(2026, 11, 30))
    assert data_version(scratch.curated).date == "2026-11-30" and data_version(scratch.curated).current
    assert data_version(scratch.curated).in_words == "30 November 2026"
    before = tables_digest(scratch.curated)
    scratch.set("figures", 0, "notes", "changed by hand")
    assert tables_digest(scratch.curated) != before
    assert data_version(scratch.curated).in_words == "changed after 30 November 2026"
    assert validate.main(["--data", str(scratch.curated), "--record-version", "2026-12-01"]) == 0
    assert data_version(scratch.curated) == type(data_version(scratch.curated))("2026-12-01", current=True)
    assert validate.main(["--data", str(scratch.curated), "--record-version", "1 December"]) == 2


def test_a_missing_or_broken_version_file_reads_not_recorded(scratch):
    (scratch.curated / "version.json").unlink()
    assert data_version(scratch.curated).in_words == "not recorded"
    (scratch.curated / "version.json").write_text("{not json", encoding="utf-8")
    assert data_version(scratch.curated).date == ""
    assert long_date("2026-02-03") == "3 February 2026" and long_date("unknown") == "unknown"


def test_the_excel_of_a_table_says_how_to_cite_it():
    rows = pd.DataFrame({"figure_id": ["fig-x-001"], "doc_id": ["tucker"], "quote": ["a quote"]})
    documents = pd.DataFrame({"doc_id": ["tucker"], "title": ["A title"]})
    book = pd.read_excel(io.BytesIO(export.table_xlsx(rows, documents, "figures", example())), sheet_name=None)
    assert list(book) == ["figures", "documents cited", "how to cite"]
    sheet = book["how to cite"].set_index("how to cite")["citation"]
    assert sheet["Text"] == cite.text(example()) and sheet["BibTeX"].startswith("@misc{")
    assert sheet["RIS"].startswith("TY  - ELEC")


@pytest.mark.parametrize("title, filters, expected", [
    ("People repatriated (All countries, all years)", "All countries, all years", "People repatriated"),
    ("Events over time: Tajikistan, all years", "Tajikistan, all years", "Events over time"),
    ("Group strength", "All countries", "Group strength"),
    ("(All countries)", "All countries", "(All countries)"),
])
def test_a_slide_title_leaves_the_filters_to_their_own_line(title, filters, expected):
    assert export.slide_title(title, filters) == expected
