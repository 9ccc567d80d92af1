"""The shipped data: valid, complete, and documented exactly."""

from __future__ import annotations

import csv

from core.data.completeness import coverage, format_report
from core.data.dictionary import render, section_of
from conftest import repository_corpus
from core.data.paths import CURATED_DIR, DATA_DOC, SEEDS_DIR
from core.data.schema import TABLES


def test_validator_reports_nothing():
    corpus = repository_corpus()
    assert [str(p) for p in corpus.problems] == []


def test_every_number_in_the_documents_is_curated_or_excluded():
    corpus = repository_corpus()
    report = coverage(corpus.tables, corpus.documents)
    text = format_report(report, corpus.documents)
    print("\n" + text)  # shown with -s or -rA: the coverage figures
    total = sum(len(c.occurrences) for c in report.values())
    assert total > 200, "the scanner found suspiciously few numbers"
    assert all(not c.missing for c in report.values()), text


def test_every_document_in_seeds_is_listed_and_cited():
    corpus = repository_corpus()
    files = sorted(p.name for p in SEEDS_DIR.glob("*.txt"))
    assert sorted(corpus["documents"]["file"]) == files
    cited = set().union(*(set(corpus[t]["doc_id"]) for t in ("figures", "incidents", "hotspots", "channels", "groups")))
    assert set(corpus["documents"]["doc_id"]) <= cited


def test_the_data_dictionary_is_generated_from_the_schema():
    assert section_of(DATA_DOC.read_text(encoding="utf-8")) == render(), (
        "docs/data.md's data dictionary is out of date: run `python dashboard/validate.py --update-docs`"
    )


def test_the_dictionary_names_exactly_the_columns_of_each_file():
    section = section_of(DATA_DOC.read_text(encoding="utf-8"))
    for table in TABLES.values():
        with open(CURATED_DIR / table.file, newline="", encoding="utf-8") as f:
            header = next(csv.reader(f))
        block = section.split(f"#### `data/curated/{table.file}`")[1].split("####")[0]
        documented = [line.split("|")[1].strip().strip("`") for line in block.splitlines() if line.startswith("| `")]
        assert documented == header, table.file


def test_ranges_keep_both_ends_and_qualifiers_are_honest():
    figures = repository_corpus()["figures"]
    ranges = figures[figures["qualifier"] == "range"]
    assert len(ranges) > 0 and ranges["low"].notna().all() and ranges["high"].notna().all()
    chechens = figures[figures["quote"].str.contains("300-700", regex=False)]
    assert set(zip(chechens["low"], chechens["high"])) == {(300.0, 700.0)}
    up_to = figures[figures["qualifier"] == "up to"]
    assert (up_to["high"] == up_to["value"]).all()


def test_badakhshan_and_gorno_badakhshan_are_two_places():
    places = repository_corpus()["places"].set_index("place_id")
    assert places.loc["badakhshan_afg", "country_iso3"] == "AFG"
    assert places.loc["gorno_badakhshan", "country_iso3"] == "TJK"
    assert places.loc["badakhshan_afg", "boundary"] != places.loc["gorno_badakhshan", "boundary"]


def test_disagreeing_claims_are_kept_as_separate_rows():
    channels = repository_corpus()["channels"]
    mosques = channels[channels["name"] == "Mosques"]
    assert set(mosques["stance"]) == {"used", "not used"}
    assert mosques["doc_id"].nunique() >= 2
