"""The validator names file, row and column for every kind of fault, in plain words."""

from __future__ import annotations

import pytest

from core.data.loading import load_corpus
from validate import main as validate_main


def problems(scratch) -> list[str]:
    return [str(p) for p in load_corpus(scratch.curated, scratch.seeds).problems]


def test_clean_copy_has_no_problems(scratch):
    assert problems(scratch) == []


def test_missing_column(scratch):
    rows = scratch.rows("figures")
    fields = [f for f in rows[0] if f != "quote"]
    scratch.write("figures", rows, fields)
    assert "figures.csv:1:quote: required column is missing" in problems(scratch)


def test_bad_date(scratch):
    line = scratch.set("incidents", 0, "date", "2022-13-45")
    assert f"incidents.csv:{line}:date: '2022-13-45' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)" in problems(scratch)


def test_quote_not_in_document(scratch):
    line = scratch.set("figures", 2, "quote", "Nothing like this sentence appears anywhere.")
    doc = scratch.rows("figures")[2]["doc_id"]
    assert (
        f"figures.csv:{line}:quote: not found verbatim in document '{doc}': "
        f"\"Nothing like this sentence appears anywhere.\"" in problems(scratch)
    )


def test_unknown_place_id(scratch):
    line = scratch.set("incidents", 1, "place_id", "atlantis")
    assert f"incidents.csv:{line}:place_id: unknown place_id 'atlantis' (not in places.csv)" in problems(scratch)


def test_unknown_iso3(scratch):
    line = scratch.set("hotspots", 0, "country_iso3", "XYZ")
    assert f"hotspots.csv:{line}:country_iso3: unknown ISO3 code 'XYZ' (not in countries.csv)" in problems(scratch)


def test_latitude_out_of_range(scratch):
    line = scratch.set("places", 0, "lat", "123.4")
    assert f"places.csv:{line}:lat: latitude 123.4 is out of range (-90 to 90)" in problems(scratch)


def test_duplicate_id(scratch):
    rows = scratch.rows("figures")
    rows[3]["figure_id"] = rows[0]["figure_id"]
    scratch.write("figures", rows)
    assert f"figures.csv:5:figure_id: duplicate id '{rows[0]['figure_id']}' (first used on row 2)" in problems(scratch)


def test_low_above_high(scratch):
    rows = scratch.rows("figures")
    i = next(i for i, r in enumerate(rows) if r["qualifier"] == "range")
    rows[i]["low"], rows[i]["high"] = "900", "100"
    scratch.write("figures", rows)
    assert f"figures.csv:{i + 2}:low: low 900 is above high 100" in problems(scratch)


def test_value_outside_bounds(scratch):
    rows = scratch.rows("figures")
    i = next(i for i, r in enumerate(rows) if r["qualifier"] == "exact")
    rows[i]["high"] = str(float(rows[i]["value"]) - 1)
    scratch.write("figures", rows)
    assert any(p.startswith(f"figures.csv:{i + 2}:value: value ") and "is above high" in p for p in problems(scratch))


def test_empty_file(scratch):
    (scratch.curated / "channels.csv").write_text("", encoding="utf-8")
    assert any(
        p.startswith("channels.csv:1:-: file is empty; expected a header row: channel_id,name,") for p in problems(scratch)
    )


def test_file_not_utf8(scratch):
    path = scratch.curated / "groups.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2] + " caf\u00e9".encode("latin-1")
    path.write_bytes(b"\n".join(lines))
    assert "groups.csv:3:-: file is not UTF-8 (byte 0xe9 cannot be decoded); save it as UTF-8" in problems(scratch)


def test_missing_file(scratch):
    (scratch.curated / "hotspots.csv").unlink()
    assert any(p.startswith("hotspots.csv:-:-: file not found") for p in problems(scratch))


def test_bad_enum_and_number(scratch):
    line = scratch.set("figures", 0, "qualifier", "roughly")
    found = problems(scratch)
    assert any(p.startswith(f"figures.csv:{line}:qualifier: 'roughly' is not one of: exact, about") for p in found)
    line = scratch.set("incidents", 0, "killed", "many")
    assert f"incidents.csv:{line}:killed: 'many' is not a whole number" in problems(scratch)


def test_unknown_subject(scratch):
    line = scratch.set("figures", 0, "subject", "nowhere_land")
    assert (
        f"figures.csv:{line}:subject: unknown id (ISO3, group, place, channel or incident) 'nowhere_land' "
        "(not in any id table)" in problems(scratch)
    )


def test_unit_must_match_indicator(scratch):
    line = scratch.set("figures", 0, "unit", "bananas")
    assert any(p.startswith(f"figures.csv:{line}:unit: unit 'bananas' differs from the unit of indicator") for p in problems(scratch))


def test_missing_folders_say_how_to_fix(tmp_path):
    corpus = load_corpus(tmp_path / "nope", tmp_path / "no-seeds")
    text = "\n".join(map(str, corpus.problems))
    assert "data/curated/:-:-: folder not found" in text and "git checkout -- data/curated" in text
    assert "seeds/:-:-: folder not found" in text and "git checkout -- seeds" in text


@pytest.mark.parametrize("broken", [False, True])
def test_command_exit_status_and_output(scratch, capsys, broken):
    if broken:
        scratch.set("places", 0, "lon", "-500")
    status = validate_main(["--data", str(scratch.curated), "--seeds", str(scratch.seeds)])
    out = capsys.readouterr().out
    if broken:
        assert status == 1 and "places.csv:2:lon: longitude -500 is out of range (-180 to 180)" in out
    else:
        assert status == 0 and out.startswith("OK: ")


def test_the_whitespace_list_is_what_python_calls_whitespace():
    from core.data.quotes import WHITESPACE
    assert set(WHITESPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}


@pytest.mark.parametrize("text, norm", [
    ("", ""), ("   ", ""), ("  a \t\n b  ", "a b"), ("x\u00a0\u00a0y", "x y"), ("\u201cit\u2019s\u201d \u2013 ok", "\"it's\" - ok"),
    ("a\u2028\u3000b\x85", "a b"), ("\U0001F600 a", "\U0001F600 a"),
])
def test_a_normalised_text_keeps_the_offset_of_every_character(text, norm):
    from core.data.quotes import Document, normalise, normalise_with_offsets
    got, offsets = normalise_with_offsets(text)
    assert got == norm == normalise(text)
    assert len(offsets) == len(got) and offsets == sorted(set(offsets))
    for char, at in zip(got, offsets):  # each kept character comes from its place (a space from whitespace)
        assert char == " " and text[at].isspace() or normalise(text[at]) == char
    if norm:
        assert Document("d", text).find(norm) == [(offsets[0], offsets[-1] + 1)]
