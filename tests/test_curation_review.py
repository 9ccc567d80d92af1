"""A review that never loses work and hides no error (issue 24, point 5): the review folder, the dry
run, refusals that name the candidate, the unit that follows the indicator, complete rows, semicolon
CSV files, binary content and documents not in English. Every write goes to the `scratch` copy."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from core.curation.register import CurationError, read_document
from core.curation.review import incomplete, read_candidates
from test_curation import BRIEF, cid, decide, propose_brief, run, snapshot

NEWS = Path(__file__).parent / "curation_docs" / "news"


def test_a_reviewed_candidates_file_is_never_overwritten(scratch, tmp_path, capsys):
    out = tmp_path / "out"
    frame = propose_brief(scratch, out)
    assert run(scratch, "propose", str(BRIEF), "--doc-id", "ferghana_test", "--out", str(out)) == 0, \
        "a candidates.csv nobody touched may be proposed again"
    decide(out / "candidates.csv", **{cid(frame, "figures", value_text="about 45"): {"decision": "accept"}})
    reviewed = (out / "candidates.csv").read_bytes()
    capsys.readouterr()
    assert run(scratch, "propose", str(BRIEF), "--doc-id", "ferghana_test", "--out", str(out)) == 1
    error = capsys.readouterr().err
    assert "already holds a reviewed candidates.csv (1 decision(s) made); nothing was overwritten" in error
    assert "propose into a new folder (--out)" in error
    assert (out / "candidates.csv").read_bytes() == reviewed
    decide(out / "candidates.csv", **{cid(frame, "figures", value_text="about 45"): {"decision": "proposed", "note": "mine"}})
    edited = (out / "candidates.csv").read_bytes()
    assert run(scratch, "propose", str(BRIEF), "--doc-id", "ferghana_test", "--out", str(out)) == 1
    assert "edited since it was proposed" in capsys.readouterr().err, "an edit without a decision is work too"
    assert (out / "candidates.csv").read_bytes() == edited


def test_a_dry_run_runs_the_full_validation_and_names_the_candidate(scratch, tmp_path, capsys):
    frame = propose_brief(scratch, tmp_path / "out")
    target = cid(frame, "figures", value_text="about 45")
    decide(tmp_path / "out" / "candidates.csv", **{target: {"decision": "accept", "subject": "nowhere"}})
    before = snapshot(scratch)
    capsys.readouterr()
    assert run(scratch, "apply", str(tmp_path / "out" / "candidates.csv"), "--dry-run") == 1, \
        "a subject no table knows: the dry run refuses as the write would"
    error = capsys.readouterr().err
    line = frame.index[frame["candidate_id"] == target][0] + 2
    assert f"candidates.csv:{line}:subject: candidate {target}: unknown id" in error and "'nowhere'" in error
    assert "(it would be figures.csv:" in error and not error.splitlines()[1].startswith("figures.csv")
    assert run(scratch, "apply", str(tmp_path / "out" / "candidates.csv")) == 1
    assert f"candidates.csv:{line}:subject: candidate {target}:" in capsys.readouterr().err, "the write names it too"
    assert snapshot(scratch) == before
    decide(tmp_path / "out" / "candidates.csv", **{target: {"subject": "KGZ"}})
    assert run(scratch, "apply", str(tmp_path / "out" / "candidates.csv"), "--dry-run") == 0
    assert "dry run: the validator finds no problems; nothing written" in capsys.readouterr().out
    assert snapshot(scratch) == before


def test_a_changed_indicator_brings_its_unit(scratch, tmp_path, capsys):
    frame = propose_brief(scratch, tmp_path / "out")
    target = cid(frame, "figures", value_text="at least 30")
    assert frame.loc[frame["candidate_id"] == target, "unit"].iloc[0] == ""
    decide(tmp_path / "out" / "candidates.csv", **{target: {"decision": "accept", "indicator": "propaganda_outlets",
                                                           "unit": "people"}})
    assert run(scratch, "apply", str(tmp_path / "out" / "candidates.csv")) == 0, capsys.readouterr().err
    written = [r for r in scratch.rows("figures") if r["doc_id"] == "ferghana_test"]
    assert [(r["indicator"], r["unit"]) for r in written] == [("propaganda_outlets", "outlets")]


def test_a_placeholder_summary_never_reaches_the_tables(scratch, tmp_path, capsys):
    frame = propose_brief(scratch, tmp_path / "out")
    attack = cid(frame, "incidents", date="2024-05-14")
    place = cid(frame, "places", name="Namangan")
    decide(tmp_path / "out" / "candidates.csv", **{attack: {"decision": "accept", "summary": "Attack (2024-05-14). [Draft: rewrite]"},
                                                   place: {"decision": "accept"}})
    capsys.readouterr()
    assert run(scratch, "apply", str(tmp_path / "out" / "candidates.csv")) == 1
    assert f":summary: candidate {attack}: the summary is a placeholder ('[Draft: rewrite]')" in capsys.readouterr().err


def test_a_semicolon_csv_is_read_and_a_broken_one_refused_with_the_reason(scratch, tmp_path, capsys):
    frame = propose_brief(scratch, tmp_path / "out")
    path = tmp_path / "out" / "candidates.csv"
    namangan = cid(frame, "places", name="Namangan")
    frame.loc[frame["candidate_id"] == cid(frame, "figures", value_text="about 45"), "decision"] = "accept"
    frame.loc[frame["candidate_id"] == namangan, ["decision", "lat"]] = ["accept", "40,9983"]
    frame.to_csv(path, sep=";", index=False)  # as European Excel saves "CSV"
    assert read_candidates(path).loc[lambda f: f["candidate_id"] == namangan, "lat"].iloc[0] == "40.9983"
    assert run(scratch, "apply", str(path)) == 0, capsys.readouterr().err
    assert [r["lat"] for r in scratch.rows("places") if r["place_id"] == "namangan"] == ["40.9983"]
    path.write_text("candidate_id;table;decision\nc0001;figures;accept\n", encoding="utf-8")
    with pytest.raises(CurationError, match=r"candidates.csv:1:value: required column is missing .* separated by ';'"):
        read_candidates(path)
    path.write_bytes("candidate_id\ttable\n".encode("utf-16"))
    with pytest.raises(CurationError, match="UTF-16"):
        read_candidates(path)


def test_nul_bytes_and_binary_content_are_refused(tmp_path):
    with pytest.raises(CurationError, match=r"report.txt:2:-: the file holds NUL bytes \(2,048 of them\)"):
        read_document(Path("report.txt"), b"Kazakhstan repatriated 37 citizens.\n" + b"\x00" * 2048)
    with pytest.raises(CurationError, match="control characters"):
        read_document(Path("report.txt"), bytes(range(1, 9)) * 50 + b"Kazakhstan repatriated 37 citizens.")
    assert read_document(Path("report.txt"), b"Tabs\tand\nnew lines are text.") == "Tabs\tand\nnew lines are text."


def test_a_document_not_in_english_is_flagged_before_proposing(scratch, tmp_path, capsys):
    assert run(scratch, "propose", str(NEWS / "07-kazakhstan-russian.txt"), "--doc-id", "kaz_ru", "--out",
               str(tmp_path / "out"), "--published", "2023-02-10") == 0
    printed = capsys.readouterr().out
    flag = printed.index("check language: the document is mostly in Cyrillic")
    assert flag < printed.index("wrote "), "said before the candidates are written"
    frame = pd.read_csv(tmp_path / "out" / "candidates.csv", dtype=str, keep_default_na=False)
    figures = frame[frame["table"] == "figures"].set_index("value_text")
    assert figures.loc["около 300", "qualifier"] == "about" and figures.loc["более 500", "qualifier"] == "more than"
    assert "exact" not in set(figures.loc[["38", "11"], "qualifier"]), "a word we cannot read before the number"


def test_a_row_is_complete_when_it_has_what_the_tables_need():
    figure = {"table": "figures", "indicator": "killed", "subject": "KGZ", "qualifier": "exact", "value_text": "3", "value": "3"}
    assert incomplete(figure) == []
    assert incomplete({**figure, "indicator": "", "value": ""}) == ["indicator", "value"]
    assert incomplete({**figure, "qualifier": "magnitude", "value": "", "value_text": "hundreds"}) == []
    incident = {"table": "incidents", "kind": "attack", "summary": "Gunmen attacked a post.", "date": "2024", "date_precision": "year"}
    assert incomplete(incident) == []
    assert incomplete({**incident, "summary": "Attack (2024). [Draft: rewrite as one plain sentence.]"}) == ["summary"]
    assert incomplete({"table": "excluded", "exclude_reason": ""}) == ["exclude_reason"]
