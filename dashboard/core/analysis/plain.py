"""Plain words for readers: a table as a reader sees it on a page or in a download. Columns get
labels (and help), ids become the names they stand for (places, groups, countries, indicators,
waves, channels, incidents), a document becomes its "Author (date)" citation, and the row ids,
which only the curated files need, are left out (the Sources section and the quote trace each row).
A missing value reads "not stated". No Streamlit here.

The open data package (the Data page's download) keeps the files as they are: it is the dataset."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from core.analysis.documents import short_citations
from core.analysis.events import date_text
from core.analysis.sources import without_markup
from core.data.loading import Corpus

NOT_STATED = "not stated"
# A casualty count is a number or blank: a document's words ("wounding several hundred") stay in the summary.
CASUALTY_HELP = ("Blank where no document gives a number (words such as \u2018several hundred\u2019 are in the summary) "
                 "or where the documents differ.")


def count_of(n: int, noun: str, plural: str | None = None) -> str:
    """A count and its noun in agreement: '1 incident', '3 incidents', 'no incidents'."""
    return f"{n if n else 'no'} {noun if n == 1 else (plural or noun + 's')}"
# Where a blank cell means the document does not say (elsewhere blank has a meaning: no qualifier is exact).
BLANK_IS_NOT_STATED = {"wave", "period", "date", "place", "base", "founded", "languages", "audience", "when",
                       "perpetrator_origin", "nationality", "targets", "relation_to_taliban", "group", "group_link"}

# Row ids and keys that only the curated files need (a reader follows a row by its quote and link).
ROW_IDS = {"figure_id", "incident_id", "hotspot_id", "channel_id", "key_point_id", "event_id", "row", "id",
           "incident_ids", "doc_ids", "sources", "start", "end", "countries", "origin_iso3", "target_iso3",
           "file", "boundary"}  # the document's file and a place's outline key: the app's own plumbing
DOCUMENT_COLUMNS = {"doc_id", "count_doc_id"}
# Columns whose values are ids of other rows (';'-separated lists allowed).
REFERENCE_COLUMNS = {"country_iso3", "nationality", "target_nationality", "spans", "place_id", "group_id", "indicator",
                     "subject", "related", "part_of", "used_by", "counted_by", "wave_id", "scope", "iso3", "base", "country"}

LIST_TEXT = {"aliases", "languages", "ethnicity"}  # ';'-separated words, not ids: read as a list ("IMU, Harakat")
CURATOR_TEXT = {"note", "reason", "definition"}  # the curator's own words, which may name rows by their ids

# Column -> (label, help). Help says what a reader may not guess; blank when the label says it all.
LABELS: dict[str, tuple[str, str]] = {
    "doc_id": ("Source", "The document the row comes from; its full reference is on the Sources page."),
    "count_doc_id": ("Source of the count", ""),
    "quote": ("Quote", "The document's own words, verbatim."),
    "note": ("Curator's note", "What the curator inferred or left out, where anything."),
    "spans": ("States it spans", "For a region across several states: the states a figure about it is found under."),
    "label": ("Indicator", ""), "indicator": ("Indicator", ""),
    "display": ("Figure", "As the document gives it: its qualifier (about, up to, at least) and range kept."),
    "value_text": ("As written", "The number as the document writes it."),
    "qualifier": ("Qualifier", "about, up to, at least, more than … as the document says; blank: exact."),
    "value": ("Value", ""), "low": ("Low", "Lower end of a range."), "high": ("High", "Upper end of a range."),
    "unit": ("Unit", ""), "period": ("Period", "The time the figure is about; blank: not stated."),
    "period_start": ("Period from", ""), "period_end": ("Period to", ""),
    "when": ("When", "The period the figure is about or, where it gives none, says so with the date of its document."),
    "subject": ("About", ""), "subject_label": ("About", ""), "related": ("Relative to", ""),
    "related_label": ("Relative to", ""), "related_as": ("How it relates", "in, share of, from, to ...: how the number bears on 'Relative to'."),
    "about": ("About", ""), "scope": ("Concerns", ""),
    "counts": ("Counts", "Whom the figure counts, where the document says."),
    "part_of": ("Part of", "The total this figure is a part of."),
    "topic": ("Topic", ""), "priority": ("Priority", "1: first in a profile or brief; 4: context."),
    "definition": ("Definition", ""),
    "date": ("Date", "As precise as the document allows."), "date_precision": ("Dated to", "day, month or year"),
    "kind": ("Kind", ""), "kinds": ("Kind", ""), "category": ("Category", ""),
    "place": ("Place", ""), "place_id": ("Place", ""), "name": ("Name", ""),
    "country_iso3": ("Country", ""), "iso3": ("Country", ""), "country": ("Country", ""),
    "group": ("Group", ""), "group_id": ("Group", ""),
    "group_link": ("Group (how involved)", "carried out, claimed, attributed by the source, inspired by …"),
    "involvement": ("How the group is involved", ""), "involvements": ("How the group is involved", ""),
    "perpetrator_origin": ("Those involved, as described", "The document's own words for who they were (citizenship, "
                           "origin or an ethnic label); a stated citizenship is also in \u201cNationality\u201d."),
    "nationality": ("Nationality", "Stated citizenship or origin."), "ethnicity": ("Ethnic label", "As the document writes it; not a nationality."),
    "targets": ("Targets", "Those attacked or acted against; never the doers."),
    "target_nationality": ("Nationality of the targets", ""),
    "killed": ("Killed", CASUALTY_HELP), "wounded": ("Wounded", CASUALTY_HELP),
    "killed_reports": ("Killed, by report", ""), "wounded_reports": ("Wounded, by report", ""),
    "summary": ("Summary", ""), "documents": ("Reported by", "Every document that reports it; where there are several, "
                                                    "'date and summary' follows the one they come from."),
    "reports": ("Reports", "How many reports (one per document) tell of it."),
    "differs": ("Where reports differ", "The date, kind, who did it or casualties, as each report gives them."), "relation": ("Concerns", ""),
    "place_inferred": ("Place inferred", "yes: the place is the curator's inference (see the note)."),
    "aliases": ("Also known as", ""), "base": ("Based in", ""), "base_when": ("Based there when", ""),
    "founded": ("Founded", ""), "relation_to_taliban": ("Relation to the Taliban", "As the quoted document describes it."),
    "wave": ("Wave", ""), "wave_id": ("Wave", ""), "geo_precision": ("How precise the place is", ""),
    "precision_label": ("How precise the place is", ""),
    "stance": ("Claim", "Whether the document says the channel is used for recruitment."),
    "languages": ("Languages", ""), "used_by": ("Used by (groups)", ""), "audience": ("Audience", ""),
    "why": ("Why it concerns the country", ""), "lat": ("Latitude", ""), "lon": ("Longitude", ""),
    "rank": ("Rank", ""), "statement": ("Key point", ""), "title": ("Title", ""), "when_text": ("When", ""),
    "year_start": ("From", ""), "year_end": ("To", ""), "authors": ("Authors", ""), "publisher": ("Publisher", ""),
    "published": ("Published", ""), "published_basis": ("Date basis", "stated in the document, or inferred"),
    "published_text": ("Date as cited", ""), "url": ("Link", ""), "file": ("File", ""),
    "admin_level": ("Level", ""), "parent": ("Within", ""), "adjective": ("Nationals", ""),
}


def label(column: str) -> str:
    """A column's label: the one above, else the name in words ('value_text' -> 'Value text')."""
    if column in LABELS:
        return LABELS[column][0]
    words = re.sub(r"_+", " ", str(column)).strip()
    return words[:1].upper() + words[1:]


def help_text(column: str) -> str:
    return LABELS.get(column, ("", ""))[1]


@dataclass(frozen=True)
class Names:
    """What every id stands for, in words, and every document's citation."""

    ids: dict[str, str]
    documents: dict[str, str]
    in_text: frozenset = frozenset()  # the ids a note may name (not indicators: "attacks" is also a word)

    @classmethod
    def of(cls, corpus: Corpus) -> "Names":
        ids: dict[str, str] = {"central_asia": "Central Asia"}
        pairs = (("countries", "iso3", "name"), ("places", "place_id", "name"), ("groups", "group_id", "name"),
                 ("channels", "channel_id", "name"), ("indicators", "indicator", "label"), ("waves", "wave_id", "label"))
        for table, key, name in pairs:
            if table in corpus.tables and name in corpus[table]:
                ids.update(zip(corpus[table][key].astype(str), corpus[table][name].astype(str)))
        if "hotspots" in corpus.tables:
            places = dict(zip(corpus["places"]["place_id"], corpus["places"]["name"]))
            ids.update((h, f"{places.get(p, p)} (hotspot claim)")
                       for h, p in zip(corpus["hotspots"]["hotspot_id"], corpus["hotspots"]["place_id"]))
        if "incidents" in corpus.tables:
            inc = corpus["incidents"]
            ids.update((i, _incident_words(p, d, s)) for i, p, d, s in
                       zip(inc["incident_id"], inc.get("place", inc["summary"]), inc["date"], inc["summary"]))
        if "figures" in corpus.tables:
            fig = corpus["figures"]
            labels = dict(zip(corpus["indicators"]["indicator"], corpus["indicators"]["label"]))
            ids.update((f, f"{labels.get(i, i)}: {v}") for f, i, v in zip(fig["figure_id"], fig["indicator"], fig["value_text"]))
        words = set(corpus["indicators"]["indicator"]) if "indicators" in corpus.tables else set()
        return cls(ids=ids, documents=short_citations(corpus), in_text=frozenset(i for i in ids if i not in words or "_" in i))

    def words(self, value) -> str:
        """An id, or a ';'-separated list of ids, in words (an unknown id is kept as written)."""
        if not isinstance(value, str):
            return value
        parts = [p.strip() for p in value.split(";")]
        return ", ".join(self.ids.get(p, p) for p in parts if p)


def _incident_words(place: str, date: str, summary: str) -> str:
    where = ", ".join(x for x in (str(place or ""), str(date or "")) if x)
    return where or str(summary)[:60]


def for_reader(frame: pd.DataFrame, names: Names, keep: tuple[str, ...] = ()) -> pd.DataFrame:
    """The frame as a reader sees it: row ids out (except the columns in `keep`), ids in words,
    documents as citations, columns labelled, a date the document implies marked "(inferred)" (the
    `date_inferred` column folded into `date`). Two columns with the same label keep the first."""
    out = frame.drop(columns=[c for c in frame.columns if c in ROW_IDS and c not in keep])
    if {"date", "date_inferred"} <= set(out.columns):  # an inferred date says so in its own cell
        out = out.assign(date=[date_text(d, i) for d, i in zip(out["date"], out["date_inferred"])]).drop(
            columns="date_inferred")
    if out.columns.empty:
        return out
    converted = {}
    for column in out.columns:
        values = out[column]
        if column in CURATOR_TEXT:
            values = values.map(lambda t: in_words(t, names))
        elif column in DOCUMENT_COLUMNS:
            values = values.map(lambda d: names.documents.get(d, d) if isinstance(d, str) else d)
        elif column in REFERENCE_COLUMNS:
            values = values.map(names.words)
        elif column == "quote":  # "30<sup>th</sup>" reads "30th": the document's markup, not its words
            values = values.map(lambda v: without_markup(v) if isinstance(v, str) else v)
        elif column in LIST_TEXT:
            values = values.map(lambda v: ", ".join(w.strip() for w in v.split(";") if w.strip()) if isinstance(v, str) else v)
        elif values.dtype == object and values.map(lambda v: isinstance(v, (tuple, list))).any():
            values = values.map(lambda v: ", ".join(map(str, v)) if isinstance(v, (tuple, list)) else v)
        if column in BLANK_IS_NOT_STATED and values.dtype == object:
            values = values.map(lambda v: NOT_STATED if v == "" else v)
        converted[column] = values
    result = pd.DataFrame(converted, index=out.index)
    labels = [label(c) for c in result.columns]
    keep_first = ~pd.Index(labels).duplicated()
    result = result.loc[:, keep_first]
    result.columns = [l for l, k in zip(labels, keep_first) if k]
    return result.reset_index(drop=True)


def column_help(frame_columns) -> dict[str, str]:
    """{label: help} for the labelled columns that have help."""
    return {label(c): help_text(c) for c in frame_columns if help_text(c)}



_ID_WORD = re.compile(r"\b(?:(?:fig|inc|hot|ch|kp|ev)-[a-z0-9_]+-\d+|[a-z][a-z0-9]*(?:_[a-z0-9]+)*|[A-Z]{3})\b")


def in_words(text: str, names: Names) -> str:
    """Free text of the curator (a note) with the ids it names written as what they stand for: a
    document as its citation, a row as its words, a place, group or country as its name."""
    def word(match: re.Match) -> str:
        token = match.group()
        if token in names.documents:
            return names.documents[token]
        if token in names.in_text:
            return names.ids[token]
        if "_" in token and token in LABELS:
            words = label(token)
            return words[:1].lower() + words[1:]
        return token

    return _ID_WORD.sub(word, str(text)) if isinstance(text, str) else text
