"""Exports are deterministic files that open in the tools policy staff use."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

import pytest
from PIL import Image
from pptx import Presentation

from core.render import export
from core.render.charts import incident_timeline
from conftest import repository_corpus
from core.render.maps import hotspot_map_data
from core.render.static_maps import static_hotspot_figure
from core.analysis.documents import document_names, name_of
from core.analysis.query import figures_view, hotspots_view, incidents_view

CORPUS = repository_corpus()


@pytest.fixture(scope="module", autouse=True)
def _one_browser():
    export.start_image_server()
    yield
    export.stop_image_server()


def timeline_item() -> export.ChartExport:
    inc = incidents_view(CORPUS)
    rows = inc[["incident_id", "doc_id", "quote"]]
    return export.ChartExport("timeline", "Incidents over time", "All countries, all years", incident_timeline(inc, "kind", "t"),
                              rows, "incident_id", export.citations(rows["doc_id"], CORPUS["documents"]))


def figures_item() -> export.ChartExport:
    from core.render.charts import range_chart

    figs = figures_view(CORPUS)
    strength = figs[figs["indicator"] == "group_strength"]
    return export.ChartExport("strength", "Group strength", "All countries", range_chart(strength, "t", "people"),
                              strength[["figure_id", "doc_id", "quote"]], "figure_id",
                              export.citations(strength["doc_id"], CORPUS["documents"]))


def test_a_slide_is_drawn_on_a_white_template_and_leaves_the_chart_as_it_was():
    item = timeline_item()
    slide = export.for_slide(item)
    assert slide.layout.template.layout.paper_bgcolor == "white" and slide.layout.plot_bgcolor in (None, "white")
    assert "Incidents over time" in slide.layout.title.text
    assert not item.figure.layout.template.layout.paper_bgcolor  # the page's figure is not changed


def test_png_is_a_slide_sized_image():
    png = export.image(export.for_slide(timeline_item()), "png")
    picture = Image.open(io.BytesIO(png))
    assert picture.format == "PNG"
    assert picture.size == (export.SLIDE_SIZE[0] * 2, export.SLIDE_SIZE[1] * 2)


def test_svg_carries_title_filters_and_sources():
    svg = export.image(export.for_slide(timeline_item()), "svg").decode()
    assert svg.startswith("<svg") and "Incidents over time" in svg and "All countries, all years" in svg
    assert "Sources: Tucker, Foreign Fighters" in svg


def test_static_map_renders_offline():
    counts = pd.concat([CORPUS["figures"]["subject"], CORPUS["incidents"]["place_id"]]).value_counts()
    fig = static_hotspot_figure(hotspot_map_data(CORPUS["places"], hotspots_view(CORPUS), counts), "Hotspots")
    item = export.ChartExport("map", "Hotspots", "All countries", fig, CORPUS["hotspots"][["hotspot_id", "doc_id", "quote"]],
                              "hotspot_id", ["Tucker (n.d.)"])
    png = export.image(export.for_slide(item), "png")
    picture = Image.open(io.BytesIO(png)).convert("RGB")
    orange = sum(n for n, (r, g, b) in picture.getcolors(10_000_000) if r > 200 and 150 < g < 200 and b < 130)
    assert orange > 500, "the shaded hotspot areas are missing from the static map"


def test_the_toolbar_has_no_camera_that_would_save_a_chart_without_its_title_and_sources():
    config = export.toolbar_config()
    assert "toImage" in config["modeBarButtonsToRemove"] and "toImageButtonOptions" not in config


def test_csv_reads_back_to_the_same_rows():
    rows = timeline_item().rows
    back = pd.read_csv(io.BytesIO(export.table_csv(rows)), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(back, rows.reset_index(drop=True).astype(str))


def test_excel_has_rows_and_documents_cited():
    rows = figures_item().rows
    book = pd.read_excel(io.BytesIO(export.table_xlsx(rows, CORPUS["documents"])), sheet_name=None)
    assert list(book) == ["rows", "documents cited"]
    assert list(book["rows"]["figure_id"]) == list(rows["figure_id"])
    cited = book["documents cited"]  # as a reader cites them, never by internal id
    assert list(cited.columns) == ["Source", "Reference"]
    names = {d["doc_id"]: name_of(d) for d in CORPUS["documents"].to_dict("records")}
    assert set(cited["Source"]) == {names[d].short for d in rows["doc_id"]}
    assert set(cited["Reference"]) == {names[d].reference for d in rows["doc_id"]}


def test_deck_has_a_slide_per_chart_with_notes_and_a_sources_slide():
    items = [timeline_item(), figures_item()]
    deck = Presentation(io.BytesIO(export.build_deck(items, CORPUS["documents"])))
    slides = list(deck.slides)
    assert len(slides) == 3
    assert [s.shapes.title.text for s in slides] == ["Incidents over time", "Group strength", "Sources"]
    notes = slides[1].notes_slide.notes_text_frame.text
    names = {d: n.short for d, n in document_names(CORPUS).items()}
    for doc_id, quote in zip(items[1].rows["doc_id"], items[1].rows["quote"]):
        assert f"\u201c{quote}\u201d \u2014 {names[doc_id]}" in notes  # the words, then who says them
    assert any(p.text.startswith("Makhmudov et al.") for p in slides[2].placeholders[1].text_frame.paragraphs)


def test_zip_has_png_svg_csv_per_chart_and_sources():
    items = [timeline_item(), figures_item()]
    seen = []
    pack = zipfile.ZipFile(io.BytesIO(export.build_zip(items, CORPUS["documents"], progress=lambda s, t: seen.append(s))))
    names = sorted(pack.namelist())
    assert names == sorted(["01-incidents-over-time.png", "01-incidents-over-time.svg", "01-incidents-over-time.csv",
                            "02-group-strength.png", "02-group-strength.svg", "02-group-strength.csv", "sources.md",
                            "citations.bib", "citations.ris"])
    assert seen == [0.5, 1.0]
    sources = pack.read("sources.md").decode()
    assert "## Each chart: how to cite it, and the quotes behind it" in sources
    assert items[1].rows["quote"].iloc[0] in sources


def test_exports_are_deterministic():
    a = export.build_zip([figures_item()], CORPUS["documents"])
    b = export.build_zip([figures_item()], CORPUS["documents"])
    za, zb = zipfile.ZipFile(io.BytesIO(a)), zipfile.ZipFile(io.BytesIO(b))
    for name in ("01-group-strength.csv", "sources.md", "01-group-strength.svg"):
        assert za.read(name) == zb.read(name)


def test_every_deck_slide_holds_its_text_and_a_chart_no_filter_narrows_says_so():
    """The reviewer's pack: every filter and source line fits its box (37 px of text sat in 35 px
    boxes), and a chart that no filter narrows said 'Filters: ' with nothing after it."""
    from dataclasses import replace as with_

    from slide_preview import overflows

    items = [timeline_item(), with_(figures_item(), filters="")]
    pptx = export.build_deck(items, CORPUS["documents"])
    assert not overflows(pptx)
    texts = [s.text_frame.text for slide in Presentation(io.BytesIO(pptx)).slides for s in slide.shapes if s.has_text_frame]
    assert "Filters: none apply to this chart" in texts and "Filters: " not in texts
