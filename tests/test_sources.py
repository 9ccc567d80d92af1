"""The Sources page's passage links (?doc=..&passage=start-end): the passage shown in red, nonsense
offsets answered with a notice, row links unchanged."""

from __future__ import annotations

import re

from app_paths import run_page
from conftest import repository_corpus
from core.analysis.sources import check_passage, segments, surrounding

CORPUS = repository_corpus()


def unescaped(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def red(at) -> list[str]:
    """The passages the page shows on a red background, as plain text."""
    return [unescaped(m) for e in at.markdown for m in re.findall(r":red-background\[(.*?)(?<!\\)\]", e.value, re.S)]


def test_check_passage_clips_or_refuses_offsets_outside_the_text():
    assert check_passage("abcdef", (1, 4)) == ((1, 4), None)
    span, notice = check_passage("abcdef", (2, 60))
    assert span == (2, 6) and "ends after the end of the document" in notice
    span, notice = check_passage("abcdef", (6, 9))
    assert span is None and "has 6 characters" in notice


def test_surrounding_text_is_cut_at_spaces():
    text = "alpha beta gamma delta epsilon zeta"
    assert surrounding(text, 17, 22, around=8) == ("gamma ", "delta", " epsilon")


def test_segments_mark_every_selected_span():
    pieces = segments("one two three", [(0, 3, "a"), (4, 7, "b"), (8, 13, "c")], {"a", "c"})
    assert pieces == [("one", "selected"), (" ", None), ("two", "quote"), (" ", None), ("three", "selected")]


def test_a_passage_link_shows_that_passage_in_red():
    text = CORPUS.documents["williams"].text
    start = text.index("Moscow") - 40
    end = start + 200
    at = run_page("sources", doc="williams", passage=f"{start}-{end}")
    assert at.selectbox(key="w_doc").value == "williams"
    assert at.success[0].value == f"Passage at characters {start:,}\u2013{end:,} of this document"
    wanted = [p.strip() for p in text[start:end].split("\n\n") if p.strip()]
    assert red(at)[: len(wanted)] == wanted  # the passage itself, above the document
    assert all(w in red(at)[len(wanted):] for w in wanted)  # and red again in the full text
    assert at.query_params["passage"] in ([f"{start}-{end}"], f"{start}-{end}")


def test_a_passage_beyond_the_end_is_a_notice_not_an_error():
    length = len(CORPUS.documents["soufan"].text)
    at = run_page("sources", doc="soufan", passage=f"{length + 10}-{length + 50}")
    assert any("starts after the end of the document" in w.value for w in at.warning)
    assert not at.success and not red(at)
    at = run_page("sources", doc="soufan", passage=f"{length - 30}-{length + 50}")
    assert any("ends after the end of the document" in w.value for w in at.warning)
    assert red(at)[0] == CORPUS.documents["soufan"].text[length - 30:].strip()


def test_nonsense_passages_and_a_passage_without_its_document():
    at = run_page("sources", doc="tucker", passage="90-10")
    assert any("Ignored passage" in w.value for w in at.warning) and not at.success
    at = run_page("sources", passage="10-90")
    assert any("does not say in which document" in unescaped(w.value) for w in at.warning) and not at.success


def test_choosing_another_document_drops_the_passage():
    at = run_page("sources", doc="tucker", passage="100-300")
    assert at.success
    at.selectbox(key="w_doc").select("uwed").run()
    assert not at.success and "passage" not in at.query_params


def test_row_links_still_work_next_to_passage_links():
    row = CORPUS["incidents"].set_index("incident_id").loc["inc-tucker-001"]
    at = run_page("sources", doc="tucker", row="inc-tucker-001")
    assert "The passage this link points to" in unescaped(at.success[0].value)
    assert any(unescaped(row["quote"].split(" ... ")[0])[:60] in r for r in red(at))
