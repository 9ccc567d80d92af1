"""The proposer reads a table of counts (core.curation.tables): each number counts what its column's
header says, for what its row names; a Total row holds the others as parts. Tables written for these
tests (fictional); pure: the proposer on a text, no Streamlit."""

from __future__ import annotations

import pytest

from core.curation.proposals import Proposer
from core.curation.tables import read_table
from core.curation.vocab import build_vocab
from core.data.loading import load_corpus

REPORT = """Aid group counts returns

ALMATY, 3 May 2031 - A monitoring group gave its figures by country, as of 30 April 2031:

| State | Travelled to Syria and Iraq, 2013-2017 | Brought home, 2019-2030 | Still held in camps |
|:---|---:|---:|---:|
| Kyrgyzstan | 640 | 512 | 27 |
| Turkmenistan | n/a | 33 | n/a |
| Uzbekistan | 1,500-1,700 | 980 | 120 |
| Total | 2,140-2,340 | 1,525 | 147 |

The group said the figures come from the governments themselves.
"""


@pytest.fixture(scope="module")
def rows():
    proposer = Proposer(build_vocab(load_corpus(validate=False).tables))
    return proposer.propose("tables_test", REPORT, "2031-05-03")


def figure(rows, value_text: str, row_label: str) -> dict:
    found = [r for r in rows.to_dict("records") if r["table"] == "figures" and r["value_text"] == value_text
             and r["quote"].startswith(f"| {row_label} |")]
    assert len(found) == 1, (value_text, row_label, rows[rows["table"] == "figures"][["value_text", "quote"]])
    return found[0]


def test_a_number_in_a_table_counts_what_its_column_says_for_what_its_row_names(rows):
    left = figure(rows, "640", "Kyrgyzstan")
    assert (left["indicator"], left["subject"], left["period_start"], left["period_end"]) == (
        "conflict_migrants", "KGZ", "2013", "2017")
    home = figure(rows, "980", "Uzbekistan")
    assert (home["indicator"], home["subject"], home["period_start"], home["period_end"]) == (
        "repatriated_people", "UZB", "2019", "2030")
    held = figure(rows, "27", "Kyrgyzstan")  # no years in its header: the date stated before the table
    assert (held["indicator"], held["subject"], held["period_start"]) == ("detained_women_children", "KGZ", "2031-04-30")


def test_a_table_cell_keeps_its_range_and_says_which_column_it_came_from(rows):
    uzbeks = figure(rows, "1,500-1,700", "Uzbekistan")
    assert (uzbeks["qualifier"], uzbeks["low"], uzbeks["high"]) == ("range", "1500", "1700")
    assert "Travelled to Syria and Iraq, 2013-2017" in uzbeks["note"]
    assert uzbeks["quote"] == "| Uzbekistan | 1,500-1,700 | 980 | 120 |"  # the row, verbatim
    assert uzbeks["quote"] in REPORT


def test_the_total_row_counts_the_region_and_the_other_rows_are_its_parts(rows):
    total = figure(rows, "1,525", "Total")
    assert total["subject"] == "central_asia"
    assert figure(rows, "33", "Turkmenistan")["part_of"] == total["candidate_id"]
    assert figure(rows, "512", "Kyrgyzstan")["part_of"] == total["candidate_id"]
    assert figure(rows, "640", "Kyrgyzstan")["part_of"] == figure(rows, "2,140-2,340", "Total")["candidate_id"]
    assert total["part_of"] == ""


def test_a_cell_without_a_number_proposes_nothing(rows):
    turkmen = [r for r in rows.to_dict("records") if r["table"] == "figures" and r["quote"].startswith("| Turkmenistan |")]
    assert [r["value_text"] for r in turkmen] == ["33"]


def test_only_a_block_of_pipe_rows_of_equal_width_is_a_table():
    assert read_table("| A | B |\n|---|---|\n| Kyrgyzstan | 5 |") is not None
    assert read_table("| A | B |\n|---|---|\n| Kyrgyzstan | 5 | 6 |") is None  # ragged
    assert read_table("Officials said | not a table |") is None
    assert read_table("| A | B |") is None  # a header alone
