"""Curation workbench (issue 10): proposals, the two commands, and the safety of every write.

Every test that writes works on the `scratch` copy of data/curated and seeds/ (never the real ones).
The test document tests/curation_docs/ferghana-returnees-brief.md is fictional, written for these tests.
"""

from __future__ import annotations

import csv
import json
import zlib
from pathlib import Path

import pandas as pd
import pytest

import curate as cli
from core.curation.plan import plan_apply
from core.curation.register import CurationError, DocumentMeta, check_new_document, read_document
from core.curation.review import load_proposal, number_coverage
from core.data.loading import load_corpus
from core.curation.proposals import CANDIDATE_COLUMNS, Proposer
from core.curation.reading import find_dates, split_sentences
from core.curation.vocab import build_vocab
from core.data.quotes import Document

DOCS = Path(__file__).parent / "curation_docs"
BRIEF = DOCS / "ferghana-returnees-brief.md"
CONTRACT = ["candidate_id", "table", "decision", "value", "low", "high", "qualifier", "unit", "indicator", "subject",
            "place_id", "group_id", "date", "date_precision", "killed", "wounded", "name", "quote", "reason"]


def snapshot(scratch) -> dict[str, bytes]:
    files = list(scratch.curated.iterdir()) + list(scratch.seeds.iterdir())
    return {f"{p.parent.name}/{p.name}": p.read_bytes() for p in files}


def run(scratch, *args) -> int:
    return cli.main(["--data", str(scratch.curated), "--seeds", str(scratch.seeds), *args])


def propose_brief(scratch, out: Path, doc_id="ferghana_test", path=BRIEF) -> pd.DataFrame:
    assert run(scratch, "propose", str(path), "--doc-id", doc_id, "--title", "Returnees in the Ferghana Valley",
               "--out", str(out)) == 0
    return pd.read_csv(out / "candidates.csv", dtype=str, keep_default_na=False)


def decide(path: Path, **decisions: dict) -> None:
    """decisions: candidate_id -> {column: value}."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for cid, values in decisions.items():
        for column, value in values.items():
            frame.loc[frame["candidate_id"] == cid, column] = value
    frame.to_csv(path, index=False)


def cid(frame: pd.DataFrame, table: str, **match) -> str:
    rows = frame[frame["table"] == table]
    for column, value in match.items():
        rows = rows[rows[column] == value]
    assert len(rows) >= 1, f"no {table} candidate with {match}"
    return rows["candidate_id"].iloc[0]


@pytest.fixture(scope="module")
def proposer() -> Proposer:
    return Proposer(build_vocab(load_corpus(validate=False).tables))


# ---------------------------------------------------------------- proposals


def test_sentences_keep_abbreviations_and_split_after_footnote_markers():
    text = "Attacks in St. Petersburg rose.<sup>3</sup> Officials in the U.S. disagreed. A third view.\n\n# Heading\nNext."
    assert [s.text for s in split_sentences(text)] == [
        "Attacks in St. Petersburg rose.<sup>3</sup>", "Officials in the U.S. disagreed.", "A third view.",
        "# Heading", "Next."]
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


def test_dates_are_read_with_their_precision():
    found = [(iso, precision) for _, _, iso, precision in find_dates(
        "On October 26, 2022 and 20 August 2022, in March 2023 and in 1997; not 3,2001 nor 2022.5.")]
    assert found == [("2022-10-26", "day"), ("2022-08-20", "day"), ("2023-03", "month"), ("1997", "year")]


def test_figure_candidates_keep_qualifiers_ranges_and_magnitudes(proposer):
    text = ("Officials counted more than 300 fighters of Jamaat Ansarullah in 2022. Up to 40 percent of returnees "
            "came from Tajikistan. Between 80 and 110 women were held. Hundreds of Uzbek migrants left.")
    rows = proposer.propose("t", text)
    figures = rows[rows["table"] == "figures"].set_index("value_text")
    assert figures.loc["more than 300", ["value", "low", "high", "qualifier"]].tolist() == ["300", "300", "", "more than"]
    assert figures.loc["more than 300", ["subject", "indicator", "period_start", "period_end"]].tolist() == [
        "jamaat_ansarullah", "group_strength", "2022", "2022"]
    assert figures.loc["Up to 40 percent", ["value", "high", "qualifier", "unit"]].tolist() == ["40", "40", "up to", "percent"]
    assert figures.loc["Between 80 and 110", ["value", "low", "high", "qualifier"]].tolist() == ["", "80", "110", "range"]
    assert figures.loc["Hundreds", ["value", "low", "high", "qualifier", "subject"]].tolist() == ["", "", "", "magnitude", "UZB"]
    assert (rows["decision"] == "proposed").all() and rows["reason"].str.len().gt(0).all()


def test_incidents_places_channels_and_groups_from_the_test_brief(proposer):
    text = BRIEF.read_text(encoding="utf-8")
    rows = proposer.propose("brief", text)
    doc = Document("brief", text)
    assert all(doc.find(q) for q in rows["quote"]), "every quote is verbatim"
    incident = rows[(rows["table"] == "incidents") & (rows["date"] == "2024-05-14")].iloc[0]
    assert (incident["kind"], incident["date_precision"], incident["killed"], incident["wounded"]) == ("attack", "day", "3", "7")
    namangan = rows[(rows["table"] == "places") & (rows["name"] == "Namangan")].iloc[0]
    assert incident["place_id"] == namangan["candidate_id"], "the incident points at the looked-up place"
    assert (namangan["country_iso3"], namangan["place_id"]) == ("UZB", "namangan")
    assert abs(float(namangan["lat"]) - 41.0) < 0.1 and abs(float(namangan["lon"]) - 71.67) < 0.1
    assert "looked up" in namangan["reason"] and "confirm" in namangan["note"]
    assert "March" not in set(rows.loc[rows["table"] == "places", "name"]), "a month is not a place"
    killed = rows[(rows["table"] == "figures") & (rows["indicator"] == "killed")].iloc[0]
    assert killed["subject"] == incident["candidate_id"]
    assert set(rows.loc[rows["table"] == "channels", "name"]) == {"Telegram"}
    assert set(rows.loc[rows["table"] == "groups", "name"]) == {"Imam Bukhari Brigade"}, "known groups are not proposed again"
    covered, total = number_coverage("brief", text, rows)
    assert covered == total == 14


# ---------------------------------------------------------------- the two commands


def test_propose_writes_only_the_out_folder(scratch, tmp_path, capsys):
    before = snapshot(scratch)
    frame = propose_brief(scratch, tmp_path / "out")
    assert list(frame.columns[:len(CONTRACT)]) == CONTRACT and list(frame.columns) == list(CANDIDATE_COLUMNS)
    assert set(frame["decision"]) == {"proposed"}
    printed = capsys.readouterr().out
    assert "figures" in printed and "14 of 14 numbers" in printed
    assert snapshot(scratch) == before
    meta = json.loads((tmp_path / "out" / "document.json").read_text())
    assert (meta["doc_id"], meta["registered"], meta["file"]) == ("ferghana_test", False, "ferghana-returnees-brief.txt")


def test_apply_appends_rows_with_ids_and_reports(scratch, tmp_path, capsys):
    before = snapshot(scratch)
    frame = propose_brief(scratch, tmp_path / "out")
    attack = cid(frame, "incidents", date="2024-05-14")
    decide(tmp_path / "out" / "candidates.csv", **{
        cid(frame, "figures", value_text="about 45"): {"decision": "accept"},
        cid(frame, "figures", indicator="killed"): {"decision": "accept"},
        attack: {"decision": "accept", "summary": "An attack on a police post in Namangan killed three people."},
        cid(frame, "places", name="Namangan"): {"decision": "accept"},
        cid(frame, "figures", value_text="12"): {"decision": "exclude", "exclude_reason": "size of the team that wrote the brief"},
        cid(frame, "places", name="Idlib"): {"decision": "reject"},
    })
    capsys.readouterr()
    assert run(scratch, "apply", str(tmp_path / "out" / "candidates.csv")) == 0
    printed = capsys.readouterr().out
    assert "+fig-ferghana_test-001,repatriated_people,KGZ" in printed, "the diff is shown"
    assert "validator: no problems" in printed and "ferghana_test: 14 numbers" in printed
    figures = {r["figure_id"]: r for r in scratch.rows("figures")}
    assert figures["fig-ferghana_test-002"]["subject"] == "inc-ferghana_test-001", "candidate ids become row ids"
    incident = next(r for r in scratch.rows("incidents") if r["doc_id"] == "ferghana_test")
    assert (incident["incident_id"], incident["place_id"], incident["killed"]) == ("inc-ferghana_test-001", "namangan", "3")
    assert scratch.rows("excluded")[-1] == {"doc_id": "ferghana_test", "number": "12",
                                             "context": "The brief was prepared by a team of 12 analysts.",
                                             "reason": "size of the team that wrote the brief"}
    assert (scratch.seeds / "ferghana-returnees-brief.txt").read_text() == BRIEF.read_text()
    after = snapshot(scratch)
    for name, old in before.items():  # existing rows never change or renumber: every old file is a prefix
        if name.endswith(".csv") or name.startswith("seeds/"):
            assert after[name].startswith(old), name
    assert not load_corpus(scratch.curated, scratch.seeds).problems
    if (scratch.curated / "datapackage.json").exists():  # the new source is in the data package too
        from core.data import datapackage
        assert (scratch.curated / "datapackage.json").read_text() == datapackage.descriptor_text(scratch.curated)
        assert "doc_id: ferghana_test" in (scratch.curated / "datapackage.json").read_text()


def test_applying_a_review_twice_adds_nothing(scratch, tmp_path, capsys):
    seed = scratch.seeds / "williams-radicalisation-enigma-migrant-extremism.txt"
    assert run(scratch, "propose", str(seed), "--doc-id", "williams", "--out", str(tmp_path / "out")) == 0
    frame = pd.read_csv(tmp_path / "out" / "candidates.csv", dtype=str, keep_default_na=False)
    decide(tmp_path / "out" / "candidates.csv", **{c: {"decision": "accept"} for c in frame.loc[frame["table"] == "channels", "candidate_id"]})
    assert run(scratch, "apply", str(tmp_path / "out" / "candidates.csv")) == 0
    written = snapshot(scratch)
    capsys.readouterr()
    assert run(scratch, "apply", str(tmp_path / "out" / "candidates.csv")) == 1
    assert "is already in channels.csv as ch-williams-" in capsys.readouterr().err
    assert snapshot(scratch) == written


def test_a_registered_document_gets_only_what_is_not_curated_yet(scratch, tmp_path, capsys):
    seed = scratch.seeds / "soufan-taliban-resurgence-militancy-central-asia.txt"
    assert run(scratch, "propose", str(seed), "--doc-id", "soufan", "--out", str(tmp_path / "out")) == 0
    printed = capsys.readouterr().out
    assert "already curated were left out" in printed
    frame = pd.read_csv(tmp_path / "out" / "candidates.csv", dtype=str, keep_default_na=False)
    assert not (frame["table"] == "figures").any(), "soufan's numbers are all curated or excluded"


# ---------------------------------------------------------------- safety


def test_empty_and_non_utf8_documents_are_refused(scratch, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Officials in Kyrgyzstan\ncounted 45 returnees \u2013 caf\u00e9".encode("latin-1", "replace"))
    assert run(scratch, "propose", str(empty), "--doc-id", "e", "--title", "E", "--out", str(tmp_path / "o1")) == 1
    assert run(scratch, "propose", str(latin), "--doc-id", "l", "--title", "L", "--out", str(tmp_path / "o2")) == 1
    errors = capsys.readouterr().err
    assert "empty.txt:-:-: the document is empty" in errors
    assert "latin.txt:2:-: the file is not UTF-8" in errors
    assert not (tmp_path / "o1").exists() and not (tmp_path / "o2").exists()


def test_a_duplicate_document_or_a_taken_doc_id_is_refused(scratch, tmp_path, capsys):
    copy = tmp_path / "copy-of-soufan.txt"
    copy.write_text((scratch.seeds / "soufan-taliban-resurgence-militancy-central-asia.txt").read_text().upper())
    assert run(scratch, "propose", str(copy), "--doc-id", "soufan_again", "--title", "Again", "--out", str(tmp_path / "o")) == 1
    assert "the same as document 'soufan'" in capsys.readouterr().err
    assert run(scratch, "propose", str(BRIEF), "--doc-id", "uwed", "--title", "X", "--out", str(tmp_path / "o")) == 1
    assert "doc_id 'uwed' is already used" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_an_edited_quote_is_refused_naming_the_candidate(scratch, tmp_path, capsys):
    frame = propose_brief(scratch, tmp_path / "out")
    target = cid(frame, "figures", value_text="about 45")
    quote = frame.loc[frame["candidate_id"] == target, "quote"].iloc[0]
    decide(tmp_path / "out" / "candidates.csv", **{target: {"decision": "accept", "quote": quote.replace("45", "54")}})
    before = snapshot(scratch)
    capsys.readouterr()
    assert run(scratch, "apply", str(tmp_path / "out" / "candidates.csv")) == 1
    error = capsys.readouterr().err
    assert f"candidate {target}: the quote is not verbatim" in error and "candidates.csv:" in error and ":quote:" in error
    assert snapshot(scratch) == before


def test_exclusion_needs_a_reason_and_decisions_are_checked(scratch, tmp_path, capsys):
    frame = propose_brief(scratch, tmp_path / "out")
    decide(tmp_path / "out" / "candidates.csv", **{
        cid(frame, "figures", value_text="12"): {"decision": "exclude"},
        cid(frame, "figures", value_text="about 45"): {"decision": "maybe"}})
    capsys.readouterr()
    assert run(scratch, "apply", str(tmp_path / "out" / "candidates.csv")) == 1
    error = capsys.readouterr().err
    assert ":exclude_reason: candidate" in error and "'maybe' is not one of" in error


def test_a_validation_failure_leaves_every_table_unchanged(scratch, tmp_path, capsys):
    frame = propose_brief(scratch, tmp_path / "out")
    decide(tmp_path / "out" / "candidates.csv", **{
        cid(frame, "figures", value_text="about 45"): {"decision": "accept", "indicator": "no_such_indicator"}})
    before = snapshot(scratch)
    capsys.readouterr()
    assert run(scratch, "apply", str(tmp_path / "out" / "candidates.csv")) == 1
    error = capsys.readouterr().err
    assert "Nothing was written" in error and "unknown indicator 'no_such_indicator'" in error
    assert snapshot(scratch) == before


def test_a_candidate_may_not_point_at_a_rejected_candidate(scratch, tmp_path):
    frame = propose_brief(scratch, tmp_path / "out")
    decide(tmp_path / "out" / "candidates.csv", **{cid(frame, "figures", indicator="killed"): {"decision": "accept"}})
    meta, text, candidates = load_proposal(tmp_path / "out" / "candidates.csv")
    with pytest.raises(CurationError, match="which is not accepted"):
        plan_apply(candidates, meta, text, scratch.curated, scratch.seeds)


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF showing `text` in Helvetica (written by hand: no PDF library needed)."""
    stream = zlib.compress(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_pdf_is_read_as_text_and_a_broken_one_is_refused(tmp_path):
    text = read_document(Path("brief.pdf"), _tiny_pdf("In 2023 Kazakhstan repatriated 38 women."))
    assert "In 2023 Kazakhstan repatriated 38 women." in text
    with pytest.raises(CurationError, match="brief.pdf:-:-: the PDF cannot be read"):
        read_document(Path("brief.pdf"), b"%PDF-1.4 this is not a pdf")
    with pytest.raises(CurationError, match="only .txt, .md and .pdf"):
        read_document(Path("brief.docx"), b"x")


def test_the_keyword_vocabulary_covers_every_indicator():
    indicators = set(load_corpus(validate=False).tables["indicators"]["indicator"])
    with open(Path(__file__).parents[1] / "data" / "vocab" / "indicator_keywords.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["indicator"] for r in rows} == indicators
    assert all(r["keywords"].strip() for r in rows)


def test_a_registered_seed_is_not_mistaken_for_a_new_document(scratch):
    corpus = load_corpus(scratch.curated, scratch.seeds, validate=False)
    meta = DocumentMeta("brand_new", "Title", file="x.txt")
    problems = check_new_document(meta, corpus.documents["williams"].text + "\n", corpus["documents"].astype(str),
                                           corpus.documents, scratch.seeds)
    assert any("the same as document 'williams'" in p for p in problems)
