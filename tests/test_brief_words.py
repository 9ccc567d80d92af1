"""What a country brief says in words, read as a policy officer reads it (the content and its HTML;
no chromium needed): the documents in the list of sources in full, as documents.csv gives them, each
entry linked to its passage; how many documents name the country, as the profile counts them; the
events that concern the country told apart from those of Central Asians whose country no document
names; and the line to cite the brief by."""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import ScratchData, repository_corpus
from core.analysis.profile import build_profile
from core.data.loading import load_corpus
from core.data.paths import CURATED_DIR
from core.data.version import data_version, long_date
from core.render import brief, cite

STATES = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
TODAY = dt.date(2026, 11, 23)
BASE = "https://dashboard.example.org/"
CORPUS = repository_corpus()
with open(CURATED_DIR / "documents.csv", newline="", encoding="utf-8") as _f:
    DOCUMENTS = {r["doc_id"]: r for r in csv.DictReader(_f)}  # the file itself, as a curator wrote it


def content_of(iso: str, corpus=CORPUS) -> brief.BriefContent:
    return brief.brief_content(corpus, build_profile(corpus, iso), "", today=TODAY, images=False, base_url=BASE)


def source_entries(page: str) -> list[str]:
    """The <li> entries of the page's list of sources, as HTML."""
    listed = re.search(r"<ol class=\"sources\">(.*?)</ol>", page, re.S)
    assert listed
    return re.findall(r"<li>(.*?)</li>", listed.group(1), re.S)


@pytest.mark.parametrize("iso", STATES)
def test_each_source_is_given_in_full_as_documents_csv_has_it_and_links_its_passage(iso):
    content = content_of(iso)
    entries = source_entries(brief.brief_html(content))
    assert len(entries) == len(content.sources) == len(content.source_links) > 0
    for entry, link in zip(entries, content.source_links):
        doc_id = parse_qs(urlparse(link).query)["doc"][0]
        row = DOCUMENTS[doc_id]
        text = html.unescape(re.sub(r"<[^>]+>", "", entry))
        for author in filter(None, (a.strip() for a in row["authors"].split(";"))):
            assert author in text  # every author by full name, not "Makhmudov et al."
        assert f"\u201c{row['title']}\u201d" in text
        if row["publisher"]:
            assert row["publisher"] in text
        assert (row["published_text"] or row["published"]) in text
        assert not re.search(r"\b(None|nan|NaN)\b", text) and ", ," not in text and not text.startswith(",")
        # the entry itself links to the first passage the brief cites of that document
        assert link.startswith(f"{BASE}sources?doc={doc_id}&") and f"href='{html.escape(link)}'" in entry
        cited = [c.link for c in content.key_points + content.headline + content.events
                 if c.source == content.source_links.index(link) + 1]
        assert not cited or cited[0] == link


def test_a_document_without_author_or_publisher_reads_without_a_gap():
    assert cite.document_reference({"title": "A New Recruiting Ground for ISIS", "authors": "", "publisher": "Foreign Affairs",
                                    "published": "2024", "published_basis": "inferred", "published_text": ""}) == \
        "\u201cA New Recruiting Ground for ISIS\u201d, Foreign Affairs, 2024 (inferred)."
    assert cite.document_reference({"title": "T", "authors": "Ann Lee; Bo Chen", "publisher": float("nan"),
                                    "published": "", "published_basis": "", "published_text": ""}) == \
        "Ann Lee and Bo Chen, \u201cT\u201d, date not known."


@pytest.mark.parametrize("iso", STATES)
def test_a_brief_says_how_many_documents_name_the_country_as_its_profile_counts_them(iso):
    profile = build_profile(CORPUS, iso)
    named = len(profile.naming)
    assert f"{named} document{'s' if named != 1 else ''} name{'s' if named == 1 else ''} it" in profile.coverage_sentence()
    content = content_of(iso)
    total = len(CORPUS["documents"])
    assert re.search(rf"\b(All {total} documents name|Only {named} of the {total} documents names|{named} of the {total} "
                     rf"documents name) {profile.name}\b", content.coverage), content.coverage
    assert named == total or f"{named} of the {total}" in content.coverage
    page = brief.brief_html(content)
    assert page.index(html.escape(content.coverage)) < page.index("Key points")  # near the top


def test_turkmenistans_brief_says_only_one_document_names_it_and_counts_it_from_the_texts(tmp_path):
    assert content_of("TKM").coverage.startswith("Only 1 of the 5 documents names Turkmenistan")
    scratch = ScratchData(tmp_path)  # a second document that names Turkmenistan
    text = scratch.seeds / DOCUMENTS["williams"]["file"]
    text.write_text(text.read_text(encoding="utf-8") + "\nTurkmenistan is also a state of Central Asia.\n", encoding="utf-8")
    corpus = load_corpus(scratch.curated, scratch.seeds, validate=False)
    assert content_of("TKM", corpus).coverage.startswith("2 of the 5 documents name Turkmenistan")


@pytest.mark.parametrize("iso", STATES)
def test_other_events_are_those_that_concern_the_country_never_those_of_unnamed_central_asians(iso):
    profile = build_profile(CORPUS, iso)
    ev = profile.events
    own = ev[(ev["relation"] != profile.regional_relation) & ~ev["category"].isin(brief.ATTACKS_AND_PLOTS)]
    sentence = content_of(iso).events_sentence
    if own.empty:
        assert "other event" not in sentence and "dashboard's profile" not in sentence
    else:
        counted = re.search(r"(\d+) (?:other events|[a-z ]+) concerning", sentence)
        assert counted and int(counted.group(1)) == len(own), sentence


def test_turkmenistan_has_no_other_events_and_no_arrests_of_people_who_are_not_turkmen():
    sentence = content_of("TKM").events_sentence
    assert "other event" not in sentence and "arrest" not in sentence
    assert sentence.startswith("The documents describe no attack or plot in Turkmenistan")
    assert "1 plot involves Central Asians whose country the documents do not name" in sentence  # not "1 more"


@pytest.mark.parametrize("iso", STATES)
def test_the_brief_says_how_to_cite_it_at_its_foot(iso):
    content = content_of(iso)
    version = data_version(CURATED_DIR).date
    assert content.cite.startswith(f"Cite this brief: {cite.DASHBOARD}, \u201c{content.title}\u201d, country brief, all years, ")
    assert f"data version of {long_date(version)}" in content.cite
    assert f"{BASE}country?iso={iso} (accessed 23 November 2026)." in content.cite
    page = brief.brief_html(content)
    assert page.rindex(html.escape(content.cite)) > page.index("<ol class=\"sources\">")
    with_years = brief.brief_content(CORPUS, build_profile(CORPUS, iso), "from 2022 (rows with no date left out)",
                                     today=TODAY, images=False, version="2026-01-02")
    assert ", country brief, from 2022 (rows with no date left out), data version of 2 January 2026." in with_years.cite


def test_a_briefs_places_name_each_place_once_and_its_legend_every_mark_drawn():
    """Kazakhstan's brief listed 'Central Kazakhstan' twice (two claims, one placing it by inference),
    and its map's blue outline was in no legend."""
    from core.analysis.profile import build_profile
    from core.analysis.filters import Filters
    from core.render import brief, country_map
    from conftest import repository_corpus

    corpus = repository_corpus()
    profile = build_profile(corpus, "KAZ", Filters())
    content = brief.brief_content(corpus, profile, "", images=False)
    assert content.hotspots.count("Central Kazakhstan") == 1 and not any("(inferred)" in h for h in content.hotspots)
    cmap = country_map.country_map(corpus, profile)
    assert not cmap.parts["outlined"].empty and "blue outline" in brief.map_legend(cmap)
