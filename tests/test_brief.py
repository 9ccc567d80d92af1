"""The one-page country brief: a valid A4 PDF printed by headless chromium (one page for a lightly
covered country, at most two for the best covered), a one-slide PPTX holding the same figures, and
data text with HTML in it shown literally. Each file is built once per module."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pptx import Presentation
from pypdf import PdfReader

from conftest import ScratchData
from core.render import brief, export
from core.data.loading import load_corpus
from core.analysis.profile import build_profile

FILTERS = "years: all years; rows with no date included"
TODAY = dt.date(2026, 11, 23)
HOSTILE = "<script>alert(1)</script><b>bold</b>"


def squeeze(text: str) -> str:
    """PDF text extraction breaks lines where the layout wraps; compare without whitespace."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(validate=False)


@pytest.fixture(scope="module")
def built(corpus):
    """For the best-covered (TJK) and a lightly covered (TKM) country: content, PDF and PPTX."""
    out = {}
    try:
        for iso in ("TJK", "TKM"):
            content = brief.brief_content(corpus, build_profile(corpus, iso), FILTERS, today=TODAY)
            out[iso] = (content, brief.brief_pdf(content), brief.brief_pptx(content))
    finally:
        export.stop_image_server()
    return out


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("iso, max_pages", [("TKM", 1), ("TJK", 2)])
def test_pdf_is_a4_and_short(built, iso, max_pages):
    reader = PdfReader(io.BytesIO(built[iso][1]))
    assert 1 <= len(reader.pages) <= max_pages
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


@pytest.mark.parametrize("iso", ["TJK", "TKM"])
def test_pdf_holds_name_date_filters_figures_and_citations(built, corpus, iso):
    content, pdf, _ = built[iso]
    text = squeeze(pdf_text(pdf))
    name = corpus["countries"].set_index("iso3").loc[iso, "name"]
    assert squeeze(f"{name}: country brief") in text
    assert squeeze("Generated 2026-11-23") in text and squeeze(FILTERS) in text
    for r in content.figures.itertuples():
        assert squeeze(r.display) in text and squeeze(r.label) in text and f"[{r.doc_id}]" in text
    assert content.citations
    for citation in content.citations:
        assert squeeze(citation) in text


def test_brief_figures_are_the_countrys_own(built, corpus):
    """Key figures: about Tajikistan, a place or event in it, or naming it; never Central Asia as a whole."""
    content = built["TJK"][0]
    figures = corpus["figures"].set_index("figure_id").loc[list(content.figures["figure_id"])]
    assert "fig-uwed-038" in set(content.figures["figure_id"])  # 720 criminal cases, Jan-Jun 2022
    assert not ((figures["subject"] == "central_asia") | (figures["related"] == "central_asia")).any()
    assert len(content.figures) <= brief.MAX_KEY_FIGURES


def test_lightly_covered_country_brief_says_so(built):
    content, pdf, _ = built["TKM"]
    assert content.figures.empty
    text = squeeze(pdf_text(pdf))
    assert squeeze("The documents barely cover Turkmenistan") in text
    assert squeeze("The documents give no figure for this country.") in text


@pytest.mark.parametrize("iso", ["TJK", "TKM"])
def test_pptx_is_one_slide_with_the_same_figures(built, iso):
    content, _, pptx = built[iso]
    deck = Presentation(io.BytesIO(pptx))
    assert len(deck.slides) == 1
    slide = deck.slides[0]
    text = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert content.title in text and content.generated in text
    for r in content.figures.itertuples():
        assert r.display in text and r.label in text
    pictures = [s for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == (content.map_png is not None) + (content.timeline_png is not None) >= 1


def test_html_in_the_data_is_printed_literally(tmp_path):
    scratch = ScratchData(tmp_path)
    docs = scratch.rows("documents")
    docs[[d["doc_id"] for d in docs].index("foreign_affairs")]["title"] = f"Title {HOSTILE}"
    scratch.write("documents", docs)
    groups = scratch.rows("groups")
    groups[[g["group_id"] for g in groups].index("irpt")]["name"] = f"Party {HOSTILE}"
    scratch.write("groups", groups)
    figures = scratch.rows("figures")
    figures[[f["figure_id"] for f in figures].index("fig-tucker-012")]["value_text"] = f"thousands {HOSTILE}"
    scratch.write("figures", figures)
    corpus = load_corpus(scratch.curated, scratch.seeds, validate=False)
    content = brief.brief_content(corpus, build_profile(corpus, "TJK"), FILTERS, today=TODAY, images=False)
    page = brief.brief_html(content)
    assert "<script>" not in page and "<b>bold</b>" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;") >= 3
    text = squeeze(pdf_text(brief.brief_pdf(content)))
    assert text.count(squeeze(HOSTILE)) >= 3  # shown as text, not run or rendered


def test_without_chromium_the_pdf_fails_with_a_sentence(monkeypatch):
    monkeypatch.setattr(brief, "chromium_path", lambda: None)
    with pytest.raises(brief.BriefError, match="needs Debian's chromium"):
        brief.print_pdf("<p>x</p>")
