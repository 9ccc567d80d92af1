"""The briefing pack through AppTest: kept on the server under the key in the link, so a new session
with that link (a reload, a shared link) has it; each slide's title and takeaway are edited on the
Briefing page and go into the deck, which python-pptx reads back as a 16:9 deck with the title in
the title placeholder, no text under 14 pt, the quotes in the notes and a picture without a title.
'Cite this page' is on every page, and the Data page shows the data's version."""

from __future__ import annotations

import io
import re

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Pt

from app_paths import PAGES, SCRIPTS, open_tab, run_page, unfold
from conftest import repository_corpus
from core.data.paths import CURATED_DIR
from core.data.version import data_version
from core.render import cite, deck, export, pack

CORPUS = repository_corpus()
VERSION = data_version(CURATED_DIR)


@pytest.fixture(scope="module", autouse=True)
def _one_browser():
    export.start_image_server()
    yield
    export.stop_image_server()


def reload(at, page: str = "briefing"):
    """A new session opened with the address the old one shows (what a reload or a shared link does)."""
    return run_page(page, {k: at.query_params[k] for k in at.query_params})


def add(at, key: str):
    unfold(at)
    at.button(key=f"brief-{key}").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at


def pack_items(at) -> list[export.ChartExport]:
    return pack.PackStore().load(at.query_params["pack"])[1]


def test_the_pack_survives_a_reload_and_its_edits_go_into_the_deck():
    at = add(run_page("attacks", country="TJK"), "timeline")
    key = at.query_params["pack"]
    assert pack.valid_key(key) and at.query_params["country"] == "TJK"  # the link keeps both
    at = add(at.switch_page(SCRIPTS["recruitment"]).run(), "by-kind")
    assert at.query_params["pack"] == key and unfold(at).button(key="brief-by-kind").disabled  # in the pack already

    at = reload(at)  # a new session with the link finds the pack
    first, second = pack_items(at)
    assert at.text_input(key=f"title-{first.uid}").value == "Events over time"  # the filters have their own line
    assert "Tajikistan" in first.filters and at.text_input(key=f"title-{second.uid}").value
    at.text_input(key=f"title-{first.uid}").input("Attacks and plots involving Tajik nationals").run()
    at.text_input(key=f"takeaway-{first.uid}").input("Most were abroad, after 2015").run()
    at.text_input(key=f"title-{second.uid}").input("   ").run()  # an empty title keeps the old one
    at.button(key=f"down-{first.uid}").click().run()

    at = reload(at)
    second_now, first_now = pack_items(at)
    assert (first_now.uid, first_now.title, first_now.takeaway) == \
           (first.uid, "Attacks and plots involving Tajik nationals", "Most were abroad, after 2015")
    assert second_now.title == second.title
    assert at.text_input(key=f"takeaway-{first.uid}").value == "Most were abroad, after 2015"
    at.button(key="build-deck").click().run()
    assert not at.exception
    assert at.get("download_button")[0].proto.label.startswith("Download briefing.pptx")

    slides = list(Presentation(io.BytesIO(export.build_deck(pack_items(at), CORPUS["documents"]))).slides)
    assert slides[1].shapes.title.text == "Attacks and plots involving Tajik nationals"
    texts = [s.text_frame.text for s in slides[1].shapes if s.has_text_frame]
    assert "Most were abroad, after 2015" in texts and f"Filters: {first.filters}" in texts
    at.button(key=f"drop-{first.uid}").click().run()
    assert [i.uid for i in pack_items(at)] == [second.uid]
    assert not at.get("download_button")  # the deck built before the change is not offered


def test_the_deck_is_16_9_with_editable_titles_readable_text_and_quotes_in_the_notes():
    items = [export.ChartExport(**{**vars(i), "takeaway": "One line that says what the chart shows"}) for i in
             _items()]
    presentation = Presentation(io.BytesIO(export.build_deck(items, CORPUS["documents"])))
    assert (presentation.slide_width, presentation.slide_height) == (Pt(960), Pt(540))  # 13.333 x 7.5 in
    slides = list(presentation.slides)
    for slide, item in zip(slides, items):
        title = slide.shapes.title
        assert title.is_placeholder and title.placeholder_format.type == PP_PLACEHOLDER.TITLE
        assert title.text == item.title and title.width > Pt(800)  # across the slide, not a 4:3 box
        below = [s for s in slide.shapes if s.has_text_frame and not s.is_placeholder]
        assert all(s.top >= title.top + title.height for s in below)  # nothing overlaps the title
        assert below[0].text_frame.text == f"Filters: {item.filters}"
        assert below[0].top + below[0].height <= below[1].top  # filters, then the takeaway, apart
        picture = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
        pixels = (deck.PICTURE_PX, round(deck.PICTURE_PX * picture.height / picture.width))
        drawn = export.slide_figure(item, *pixels)
        # no title, filters or footnote inside: only the chart's own words (a range chart's labels)
        assert drawn.layout.title.text is None and drawn.layout.annotations == item.figure.layout.annotations
        assert picture.image.blob == export.image(drawn, "png")
        notes = slide.notes_slide.notes_text_frame.text
        assert all(f"\u201c{q}\u201d" in notes for q in item.rows["quote"]) and "Cite as: " in notes
    sizes = [run.font.size for slide in slides for shape in slide.shapes if shape.has_text_frame
             for p in shape.text_frame.paragraphs for run in p.runs]
    assert sizes and all(size is not None and size >= Pt(14) for size in sizes)
    assert slides[-1].shapes.title.text == "Sources"
    assert any("Makhmudov et al." in p.text for p in slides[-1].placeholders[1].text_frame.paragraphs)


def _items() -> list[export.ChartExport]:
    at = add(add(run_page("attacks"), "timeline").switch_page(SCRIPTS["groups"]).run(), "strength")
    return pack_items(at)


def test_a_link_with_a_bad_or_unknown_pack_says_so_and_starts_empty():
    at = run_page("briefing", pack="../../data/curated/figures")
    assert any("not one the dashboard makes" in w.value for w in at.warning)
    at = run_page("briefing", pack=pack.new_key())
    assert any("was not found" in w.value.replace("\\", "") for w in at.warning)
    assert "pack" not in at.query_params and any("The briefing is empty" in i.value for i in at.info)


def test_a_pack_key_never_reaches_another_session():
    """Citation links carry the session's pack (a new tab finds it), and pages cache their text: a
    session without that pack must never get a page with its key."""
    mine = add(run_page("attacks"), "timeline")
    key = mine.query_params["pack"]
    mine = mine.switch_page(SCRIPTS["overview"]).run()
    links = re.findall(r"\]\((sources\?[^ )]+)", "\n".join(m.value for m in mine.markdown))
    assert links and all(link.endswith(f"&pack={key}") for link in links)
    other = run_page("overview")
    assert "pack=" not in "\n".join(m.value for m in other.markdown)


def test_cite_this_is_on_every_page_with_the_view_its_filters_and_the_data_version():
    at = run_page("overview", country="TJK")
    for page in PAGES:
        if page != "overview":
            at.switch_page(SCRIPTS[page]).run()
        assert [e for e in at.get("expander") if e.proto.label == "Cite this page"], page
    at = run_page("attacks", country="TJK", **{"from": "2022"})
    at.session_state["folded-cite-attacks"] = True
    at.run()
    text, bib, ris = (c.value for c in at.code[:3])
    assert text.startswith(f"{cite.DASHBOARD}, \u201cAttacks and plots: Tajikistan, from 2022 (rows with no date left out)")
    assert f"data version of {VERSION.in_words}" in text and "attacks?country=TJK&from=2022" in text
    assert bib.startswith("@misc{") and "TY  - ELEC" in ris and "UR  - attacks?country=TJK&from=2022" in ris
    assert [b.proto.label for b in at.get("download_button")][:3] == ["Download as text", "Download .bib", "Download .ris"]


def test_the_data_page_shows_the_data_version():
    at = open_tab(run_page("data"), "Download")
    shown = "\n".join(m.value for m in (*at.markdown, *at.caption)).replace("\\", "")
    assert f"Data version: {VERSION.in_words}" in shown


def test_a_slides_source_line_names_its_first_sources_by_author_and_date():
    """'Sources: Tucker (late 2021 or later, inferred); The Soufan Center (autumn 2021, inferred) and 2
    more (in the notes)', never 'Sources: and 4 more': the long short citations of a pack's items
    (author, title, date) do not decide what fits."""
    import pandas as pd
    import plotly.graph_objects as go

    from core.analysis.documents import name_of

    documents = CORPUS["documents"]
    ids = list(documents["doc_id"])[:4]
    item = export.ChartExport(key="k", title="t", filters="all years", figure=go.Figure(),
                              rows=pd.DataFrame({"incident_id": ids, "doc_id": ids, "quote": ids}), id_column="incident_id",
                              sources=export.citations(ids, documents))
    line = deck.source_line(item, documents)
    assert len(line) <= 118 and not line.startswith("Sources: and")
    names = [name_of(r).short for r in documents.to_dict("records") if r["doc_id"] in ids]  # in documents.csv's order
    shown = line.removeprefix("Sources: ").split(" and ")[0].split("; ")
    assert shown and shown == names[:len(shown)]  # the first documents, each "Author (date)"
    assert line.endswith(f" and {len(ids) - len(shown)} more (in the notes)")
    assert deck.source_line(item, documents, limit=30) == "Sources: 4 documents, cited in full in the notes"
    one = export.ChartExport(**{**vars(item), "rows": item.rows.iloc[:1]})
    assert deck.source_line(one, documents) == f"Sources: {names[0]}"
