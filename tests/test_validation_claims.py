"""The validator's checks of what rows claim beyond their cells: rows about one event agree, a group's
link says how it is known, documents say how their date is known, a wave no figure counts quotes the
passage that says so, key points hold no number their quote does not, parts name their total, one
channel is one kind, an inferred place says how. Each message names file, row and column."""

from __future__ import annotations

from conftest import ScratchData
from core.data.loading import load_corpus
from core.data.schema import TABLES


def problems(scratch: ScratchData) -> list[str]:
    return [str(p) for p in load_corpus(scratch.curated, scratch.seeds).problems]


def edit(scratch: ScratchData, table: str, ident: str, **values) -> int:
    """Set cells of the row whose key is `ident`; returns its line in the file."""
    rows = scratch.rows(table)
    key = TABLES[table].key
    index = next(i for i, r in enumerate(rows) if r[key] == ident)
    rows[index].update(values)
    scratch.write(table, rows)
    return index + 2


def test_rows_about_one_event_must_agree_on_when_where_and_what(scratch):
    line = edit(scratch, "incidents", "inc-uwed-031", date="2019", country_iso3="KAZ", kind="arrest")
    found = problems(scratch)
    first = edit(scratch, "incidents", "inc-tucker-004")  # the other row of the St Petersburg bombing
    assert f"incidents.csv:{line}:event_id: its date 2019 cannot be the date of the same event on row {first} (2017)" in found
    assert f"incidents.csv:{line}:event_id: its country KAZ differs from the same event's on row {first} (RUS)" in found
    assert f"incidents.csv:{line}:event_id: a arrest cannot be the same event as the attack on row {first}" in found


def test_a_group_link_says_how_it_is_known(scratch):
    blank = edit(scratch, "incidents", "inc-uwed-014", involvement="")
    orphan = edit(scratch, "incidents", "inc-tucker-005", involvement="claimed")
    found = problems(scratch)
    assert (f"incidents.csv:{blank}:involvement: required when group_id is set "
            "(carried out, claimed, attributed, inspired by, joined or targeted)") in found
    assert f"incidents.csv:{orphan}:involvement: says how a group is involved, but group_id is blank" in found


def test_a_document_says_how_its_date_is_known(scratch):
    no_basis = edit(scratch, "documents", "tucker", published_basis="")
    wrong_year = edit(scratch, "documents", "uwed", published_text="spring 2019")
    no_reason = edit(scratch, "documents", "soufan", note="")
    found = problems(scratch)
    assert f"documents.csv:{no_basis}:published_basis: required with a date: stated or inferred" in found
    assert f"documents.csv:{wrong_year}:published_text: 'spring 2019' does not name the year of published (2023)" in found
    assert f"documents.csv:{no_reason}:note: say how the date was inferred" in found


def test_a_wave_no_figure_counts_quotes_the_passage_that_says_so(scratch):
    uncounted = edit(scratch, "waves", "afghanistan_2021", count_quote="")
    backwards = edit(scratch, "waves", "syria_2012", year_end="2010")
    found = problems(scratch)
    assert (f"waves.csv:{uncounted}:count_quote: no figure counts this wave: quote the passage that says so "
            "(count_doc_id, count_quote)") in found
    assert f"waves.csv:{backwards}:year_end: the wave ends (2010) before it starts (2012)" in found
    edit(scratch, "waves", "afghanistan_2021", count_quote="Nobody ever counted anyone.")
    assert any(p.startswith(f"waves.csv:{uncounted}:count_quote: not found verbatim in document 'uwed'") for p in problems(scratch))


def test_a_key_point_is_short_and_holds_no_number_its_quote_does_not(scratch):
    quote = "In March, terrorists affiliated with Islamic State Khorasan, also known as ISIS-K, attacked Moscow’s Crocus City Hall, killing 145 people"
    base = {"scope": "TJK", "doc_id": "foreign_affairs", "quote": quote, "note": ""}
    rows = [
        {**base, "key_point_id": "kp-1", "rank": "1", "statement": "ISIS-K affiliates killed 145 people at Crocus City Hall."},
        {**base, "key_point_id": "kp-2", "rank": "2", "statement": "ISIS-K affiliates killed 150 people at Crocus City Hall in 2024."},
        {**base, "key_point_id": "kp-3", "rank": "2", "statement": " ".join(["word"] * 26)},
        {**base, "key_point_id": "kp-4", "rank": "1", "scope": "XYZ", "statement": "A point about nowhere."},
    ]
    scratch.write("key_points", rows, TABLES["key_points"].column_names)
    found = [p for p in problems(scratch) if p.startswith("key_points.csv")]
    assert "key_points.csv:3:statement: the number '150' is not in its quote" in found
    assert "key_points.csv:3:statement: the number '2024' is not in its quote" in found
    assert "key_points.csv:4:statement: 26 words; a key point has at most 25" in found
    assert "key_points.csv:4:rank: rank 2 of 'TJK' is also on row 3" in found
    assert "key_points.csv:5:scope: 'XYZ' is not an ISO3 code in countries.csv, a wave_id or 'region'" in found
    assert not any(p.startswith("key_points.csv:2:") for p in found)  # the first point is sound


def test_a_part_names_its_total(scratch):
    itself = edit(scratch, "figures", "fig-tucker-006", part_of="fig-tucker-006")
    other_doc = edit(scratch, "figures", "fig-tucker-007", part_of="fig-uwed-039")
    other_indicator = edit(scratch, "figures", "fig-tucker-002", part_of="fig-tucker-006")
    found = problems(scratch)
    assert f"figures.csv:{itself}:part_of: a figure cannot be part of itself" in found
    assert f"figures.csv:{other_doc}:part_of: fig-uwed-039 comes from another document" in found
    assert (f"figures.csv:{other_indicator}:part_of: fig-tucker-006 counts repatriated_people, "
            "not women_children_to_men_ratio") in found


def test_one_channel_is_one_kind_of_channel(scratch):
    first = edit(scratch, "channels", "ch-uwed-36", kind="audio/radio")
    later = edit(scratch, "channels", "ch-foreign_affairs-04")  # the same channel, Movarounnahr, in another document
    assert (f"channels.csv:{later}:kind: 'media outlet' differs from the kind of the same channel on row {first} "
            "('audio/radio')") in problems(scratch)


def test_an_inferred_place_says_how(scratch):
    line = edit(scratch, "incidents", "inc-uwed-022", note="")
    assert f"incidents.csv:{line}:note: say how the place was inferred" in problems(scratch)
