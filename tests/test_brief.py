"""The country brief an officer hands over: one A4 page per Central Asian state that opens with its key
points, then the headline figures, the hotspot map and the labelled timeline of attacks and plots,
and ends with the documents cited in full; slides in 16:9 with editable titles, nothing under 14 pt
and the quotes in the notes. Each brief is built once per module, and the PDFs and slides are drawn
to PNG in tests/artifacts/briefs/ for a reader's eye."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu
from pypdf import PdfReader

from conftest import ScratchData, repository_corpus
from core.analysis.headlines import key_points
from core.analysis.profile import build_profile
from core.data.loading import load_corpus
from core.render import brief, export
from plain_words import problems
from slide_preview import overflows, render

STATES = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
TODAY = dt.date(2026, 11, 23)
BASE = "https://dashboard.example.org/"
HOSTILE = "<script>alert(1)</script><b>bold</b>"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "briefs"
INTERFACE_WORDS = ("sidebar", "filter", "click", "page", "button", "curated row")


def squeeze(text: str) -> str:
    """PDF text extraction breaks lines where the layout wraps; compare without whitespace."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def corpus():
    return repository_corpus()


@functools.cache
def brief_of(iso: str) -> tuple:
    """A state's content, PDF and PPTX, built once per test process (a module fixture was built again
    each time the workers' scheduling came back to this module); its PDF pages and slides are drawn to
    PNG beside them for a reader's eye."""
    corpus = repository_corpus()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    content = brief.brief_content(corpus, build_profile(corpus, iso), "", today=TODAY, base_url=BASE)
    pdf, pptx = brief.brief_pdf(content), brief.brief_pptx(content)
    (ARTIFACTS / f"{iso}.pdf").write_bytes(pdf)
    (ARTIFACTS / f"{iso}.pptx").write_bytes(pptx)
    for i, page in enumerate(pdfium.PdfDocument(pdf), 1):
        page.render(scale=1.5).to_pil().save(ARTIFACTS / f"{iso}-pdf-page{i}.png")
    for i, image in enumerate(render(pptx), 1):
        image.save(ARTIFACTS / f"{iso}-slide{i}.png")
    return content, pdf, pptx


class Briefs:
    """built[iso]: that state's (content, PDF, PPTX), built when a test first asks for it."""

    def __getitem__(self, iso: str) -> tuple:
        return brief_of(iso)


@pytest.fixture(scope="module")
def built():
    yield Briefs()
    export.stop_image_server()  # the image server the briefs' charts used


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_links(data: bytes) -> list[str]:
    links = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                links.append(str(action["/URI"]))
    return links


@pytest.mark.parametrize("iso", STATES)
def test_each_brief_is_one_a4_page(built, iso):
    reader = PdfReader(io.BytesIO(built[iso][1]))
    assert len(reader.pages) == 1
    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == (595, 842)


@pytest.mark.parametrize("iso", STATES)
def test_a_brief_opens_with_the_key_points_then_headline_figures_and_ends_with_full_citations(built, corpus, iso):
    content, pdf, _ = built[iso]
    text = squeeze(pdf_text(pdf))
    points = key_points(corpus, iso)
    assert len(points) >= 3 and [c.text for c in content.key_points] == list(points["statement"])
    order = [text.find(squeeze(s)) for s in ("Key points", points["statement"].iloc[0], "Headline figures",
                                             "Places tied to mobilization", "Attacks and plots", "Sources")]
    assert -1 not in order and order == sorted(order)
    for cited in content.key_points + content.headline:
        assert squeeze(f"{cited.text}[{cited.source}]") in text
    names = corpus["countries"].set_index("iso3")["name"]
    assert squeeze(f"{names[iso]}: what the documents say") in text
    assert re.search(r"documentswritten\d{4}(to\d{4})?", text) or "documentwritten" in text  # the years they cover
    for number, reference in enumerate(content.sources, 1):  # author, title, publisher, date
        assert squeeze(reference) in text
    documents = corpus["documents"].set_index("doc_id")
    cited_docs = {documents.loc[d, "title"] for d in documents.index if squeeze(documents.loc[d, "title"]) in text}
    assert len(cited_docs) == len(content.sources)


@pytest.mark.parametrize("iso", STATES)
def test_every_statement_links_to_its_passage(built, iso):
    content, pdf, _ = built[iso]
    links = pdf_links(pdf)
    for cited in content.key_points + content.headline + content.events[:brief.MAX_EVENTS]:
        assert cited.link.startswith(BASE + "sources?doc=") and cited.link in links


@pytest.mark.parametrize("iso", STATES)
def test_a_brief_speaks_plainly(built, iso):
    content, pdf, pptx = built[iso]
    text = pdf_text(pdf)
    assert not [w for w in INTERFACE_WORDS if w in text.lower().replace("dashboard's profile", "")]
    assert not problems(text.replace(content.link, ""), f"{iso} PDF")
    slides = "\n".join(s.text_frame.text for slide in Presentation(io.BytesIO(pptx)).slides
                       for s in slide.shapes if s.has_text_frame)
    assert not problems(slides, f"{iso} slides")


def test_the_headline_figures_lead_with_what_a_reader_asks_first(built, corpus):
    """Mobilization, returns, violence, recruitment (and the migration behind it) before context."""
    tjk = built["TJK"][0]
    assert tjk.headline[0].text.startswith("People arrested (suspects): 12")
    assert not any(c.text.startswith(("Employment in agriculture", "Population under 25")) for c in tjk.headline)
    assert tjk.more_figures > 0
    kaz = [c.text for c in built["KAZ"][0].headline]
    assert kaz[0].startswith("Women and children per man: 5 to 1") and kaz[1].startswith("People repatriated: 654")


def test_attacks_and_plots_are_the_countrys_own_and_events_of_unnamed_central_asians_are_said_apart(built):
    kaz = built["KAZ"][0]
    assert kaz.events == [] and "Kazakh nationals" in kaz.events_sentence and "no attack or plot" in kaz.events_sentence
    assert "1 plot involves Central Asians whose country the documents do not name" in kaz.events_sentence  # Kaluga; St Petersburg is Kyrgyzstan's
    tjk = [c.text for c in built["TJK"][0].events]
    assert tjk[0].startswith("2023 (inferred) · Moscow region")  # the latest first; its year implied
    assert not any("Crocus City Hall" in t for t in tjk)  # the document does not state the attackers' citizenship
    assert any("Shiraz, 13 killed" in t for t in tjk)


def test_the_turkmenistan_brief_gives_what_there_is(built):
    content, pdf, _ = built["TKM"]
    text = squeeze(pdf_text(pdf))
    assert content.headline == [] and squeeze("No document gives a figure on mobilization") in text
    assert squeeze("1 document written 2021 or later (date inferred)") in text
    # near the top, before the key points: how thin the ground is (the profile's "1 document names it")
    said = text.find(squeeze("Only 1 of the 5 documents names Turkmenistan"))
    assert -1 < said < text.find("Keypoints")
    assert "otherevent" not in text and "arrest" not in text  # the arrests of unnamed Central Asians are not Turkmen's


@pytest.mark.parametrize("iso", STATES)
def test_the_sources_link_their_passages_and_the_brief_says_how_to_cite_it(built, iso):
    content, pdf, pptx = built[iso]
    links = pdf_links(pdf)
    assert content.source_links and all(link in links for link in content.source_links)  # in the list itself
    text = squeeze(pdf_text(pdf))
    assert content.cite and text.endswith(squeeze(content.cite))  # at the foot of the page
    last = Presentation(io.BytesIO(pptx)).slides[-1]
    assert content.cite in [s.text_frame.text for s in last.shapes if s.has_text_frame]
    assert content.cite in last.notes_slide.notes_text_frame.text
    addresses = [r.hyperlink.address for s in last.shapes if s.has_text_frame for p in s.text_frame.paragraphs
                 for r in p.runs if r.hyperlink.address]
    assert addresses == content.source_links


@pytest.mark.parametrize("iso", STATES)
def test_slides_are_16_9_with_editable_titles_nothing_under_14_pt_and_quotes_in_the_notes(built, corpus, iso):
    content, _, pptx = built[iso]
    deck = Presentation(io.BytesIO(pptx))
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)  # 13.333 x 7.5 inches
    assert [s.shapes.title.text for s in deck.slides] == [content.title, f"{content.name}: headline figures, attacks and plots",
                                                          f"{content.name}: sources"]
    for slide in deck.slides:
        title = slide.shapes.title
        assert title.is_placeholder and title.left + title.width <= deck.slide_width
    runs = [r.font.size for s in deck.slides for sh in s.shapes if sh.has_text_frame
            for p in sh.text_frame.paragraphs for r in p.runs]
    assert runs and all(size is not None and Emu(size).pt >= 14 for size in runs)  # every run sized: none inherits the layout's
    # The key points are the paragraphs of the layout's body placeholder: real bullets with its hanging
    # indent, not a "•" typed into a text box (whose wrapped lines start under the bullet).
    bodies = [sh for sh in deck.slides[0].shapes if sh.is_placeholder and sh.placeholder_format.type == PP_PLACEHOLDER.OBJECT]
    assert len(bodies) == 1
    assert [p.text for p in bodies[0].text_frame.paragraphs] == [f"{c.text} [{c.source}]" for c in content.key_points]
    assert all(p.level == 0 for p in bodies[0].text_frame.paragraphs)
    typed = [p.text for s in deck.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs
             if p.text.startswith("\u2022")]
    assert typed == []
    notes = deck.slides[0].notes_slide.notes_text_frame.text
    for quote in key_points(corpus, iso)["quote"]:
        assert quote in notes
    assert not overflows(pptx)


def test_html_in_the_data_is_printed_literally(tmp_path):
    scratch = ScratchData(tmp_path)
    points = scratch.rows("key_points")
    points[[p["key_point_id"] for p in points].index("kp-tjk-1")]["statement"] = f"Point {HOSTILE}"
    scratch.write("key_points", points)
    incidents = scratch.rows("incidents")
    incidents[[i["incident_id"] for i in incidents].index("inc-uwed-032")]["summary"] = f"Plot {HOSTILE}"
    scratch.write("incidents", incidents)
    corpus = load_corpus(scratch.curated, scratch.seeds, validate=False)
    content = brief.brief_content(corpus, build_profile(corpus, "TJK"), "", today=TODAY, images=False)
    page = brief.brief_html(content)
    assert "<script>" not in page and "<b>bold</b>" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;") >= 2
    text = squeeze(pdf_text(brief.brief_pdf(content)))
    assert text.count(squeeze(HOSTILE)) >= 2  # shown as text, not run or rendered


def test_a_year_filter_is_stated_and_none_is_not(corpus):
    profile = build_profile(corpus, "TJK")
    with_years = brief.brief_html(brief.brief_content(corpus, profile, "from 2022 (rows with no date left out)",
                                                      today=TODAY, images=False))
    without = brief.brief_html(brief.brief_content(corpus, profile, "", today=TODAY, images=False))
    assert "Years: from 2022 (rows with no date left out)" in with_years and "Years:" not in without


def test_without_chromium_the_pdf_fails_with_a_sentence(monkeypatch):
    monkeypatch.setattr(brief, "chromium_path", lambda: None)
    with pytest.raises(brief.BriefError, match="needs Debian's chromium"):
        brief.print_pdf("<p>x</p>")
