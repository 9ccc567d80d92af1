"""What the documents cover: curated rows per document and topic, and per document and country,
under the country and year filters (the grids the Data page shows to curators). No Streamlit here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analysis.documents import short_citations
from core.analysis.plain import count_of
from core.analysis.filters import Filters
from core.analysis.query import corpus_views, derived, figures_mask, incidents_mask, region_spans
from core.data.loading import Corpus
from core.data.schema import CENTRAL_ASIA, TOPICS

REGION = "Several states together"  # the grid's column for figures about a region (places.spans), not one state
INCIDENT_TOPIC = {"attack": "violence", "plot": "violence", "arrest": "violence", "group event": "groups", "policy": "context",
                  "state strike": "violence", "court case": "violence"}


@dataclass(frozen=True)
class _CoverageRows:
    """Per row of figures_view and incidents_view, the (doc_id, topic, country) records it adds to
    the coverage grid and its (row, doc_id, quote); the same for the tables no filter narrows. Found
    once per corpus, so a filter only picks rows."""

    figures: list[list[tuple]]
    incidents: list[list[tuple]]
    figure_sources: list[tuple]
    incident_sources: list[tuple]
    hotspots: list[tuple[str, tuple, tuple]]  # (country_iso3, record, source)
    unfiltered: list[tuple]  # records of channels and groups
    unfiltered_sources: list[tuple]


def _sources(frame: pd.DataFrame, key: str) -> list[tuple]:
    return list(zip(frame[key].tolist(), frame["doc_id"].tolist(), frame["quote"].tolist()))


def _figure_countries(figs: pd.DataFrame, spans: dict) -> list[tuple]:
    """The grid's countries of each figure: the states it names itself; a figure about a region that
    spans several states (Central Asia) is counted once, under REGION, never under each state."""
    out = []
    for subject, related, countries in zip(figs["subject"], figs["related"], figs["countries"]):
        via_region = set(spans.get(subject, ())) | set(spans.get(related, ()))
        own = tuple(c for c in countries if c not in via_region or c in (subject, related))
        out.append(own + ((REGION,) if via_region else ()))
    return out


def _coverage_rows(corpus: Corpus) -> _CoverageRows:
    figs, inc = corpus_views(corpus)
    hot, channels, groups = corpus["hotspots"], corpus["channels"], corpus["groups"]
    topics = ["repatriation" if kind == "repatriation programme" else INCIDENT_TOPIC.get(category, "context")
              for kind, category in zip(inc["kind"], inc["category"])]
    return _CoverageRows(
        figures=[[(d, t, c) for c in cs or ("none",)]
                 for d, t, cs in zip(figs["doc_id"], figs["topic"], _figure_countries(figs, region_spans(corpus)))],
        incidents=[[(d, t, c) for c in cs or ("none",)] for d, t, cs in zip(inc["doc_id"], topics, inc["countries"])],
        figure_sources=_sources(figs, "figure_id"),
        incident_sources=_sources(inc, "incident_id"),
        hotspots=[(iso, (d, "mobilization", iso), source)
                  for iso, d, source in zip(hot["country_iso3"], hot["doc_id"], _sources(hot, "hotspot_id"))],
        unfiltered=([(d, "recruitment", "none") for d in channels["doc_id"]]
                    + [(d, "groups", "none") for d in groups["doc_id"]]),
        unfiltered_sources=_sources(channels, "channel_id") + _sources(groups, "group_id"),
    )


def _undated_in(filters: Filters) -> bool:
    """Whether the rows that have no date (places tied to mobilization, channels, groups) are counted:
    always without a year range; with one, only when the reader includes rows with no date."""
    return (filters.year_from is None and filters.year_to is None) or filters.include_undated


def _coverage_kept(corpus: Corpus, filters: Filters) -> tuple[list[int], list[int], list[tuple]]:
    """(figure positions, incident positions, hotspot entries) the filters leave for the coverage grid."""
    figs, inc = corpus_views(corpus)
    parts = derived(corpus, "coverage_rows", _coverage_rows)
    hotspots = [h for h in parts.hotspots if not filters.countries or h[0] in filters.countries] if _undated_in(filters) else []
    return (np.flatnonzero(figures_mask(figs, filters)).tolist(),
            np.flatnonzero(incidents_mask(inc, filters, use_kind=False, use_group=False)).tolist(), hotspots)


def coverage_rows(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """One record per (document, topic, country) a curated row touches."""
    parts = derived(corpus, "coverage_rows", _coverage_rows)
    figures, incidents, hotspots = _coverage_kept(corpus, filters)
    records = [r for p in figures for r in parts.figures[p]] + [r for p in incidents for r in parts.incidents[p]]
    records += [record for _, record, _ in hotspots] + (parts.unfiltered if _undated_in(filters) else [])
    return pd.DataFrame(records, columns=["doc_id", "topic", "country"])


def coverage_sources(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """The quoted rows the coverage grid counts: row id, doc_id, quote (the tables' text columns, so object)."""
    parts = derived(corpus, "coverage_rows", _coverage_rows)
    figures, incidents, hotspots = _coverage_kept(corpus, filters)
    rows = ([parts.figure_sources[p] for p in figures] + [parts.incident_sources[p] for p in incidents]
            + [source for _, _, source in hotspots] + (parts.unfiltered_sources if _undated_in(filters) else []))
    return pd.DataFrame(rows, columns=["row", "doc_id", "quote"], dtype=object)


def coverage_matrix(rows: pd.DataFrame, corpus: Corpus, axis: str, filters: Filters) -> pd.DataFrame:
    """Counts of curated rows per document and topic (or country); 0 means 'not covered'."""
    docs = list(corpus["documents"]["doc_id"])
    if axis == "topic":
        columns = list(TOPICS)
    else:
        named = [c for c in rows["country"].unique() if c not in ("none", REGION)]
        wanted = list(filters.countries) or list(CENTRAL_ASIA) + sorted(c for c in named if c not in CENTRAL_ASIA)
        columns = wanted + ([REGION] if REGION in set(rows["country"]) else [])
    if rows.empty or not docs or not columns:  # pandas' rules for the names and types of empty axes, as they were
        counts = rows.groupby(["doc_id", axis]).size().unstack(fill_value=0) if not rows.empty else pd.DataFrame()
        counts = counts.reindex(index=docs, columns=columns, fill_value=0).fillna(0).astype(int)
        cited = short_citations(corpus)
        return counts.rename(index=lambda d: cited.get(d, d)).rename_axis("document")
    counts = Counter(zip(rows["doc_id"].tolist(), rows[axis].tolist()))  # a groupby and unstack cost ms
    values = np.array([[counts[d, c] for c in columns] for d in docs], dtype=int)
    cited = short_citations(corpus)
    return pd.DataFrame(values, index=pd.Index([cited.get(d, d) for d in docs], name="document"),
                        columns=pd.Index(columns, name=axis))


def coverage_summary(matrix: pd.DataFrame, what: str) -> str:
    """One sentence for a screen reader: each document's claims (curated rows) and where most of them
    fall. By country, a claim about two countries is in both columns, so the sentence says so."""
    if matrix.empty or int(matrix.values.sum()) == 0:
        return f"No claims by document and {what} match these filters."
    parts = []
    for doc, row in matrix.iterrows():
        total = int(row.sum())
        top = str(row.idxmax())
        top = REGION.lower() if top == REGION else top  # the column's label, said mid-sentence
        parts.append(f"{doc}: {count_of(total, 'claim')}, most about {top} ({int(row.max())})" if total else f"{doc}: none")
    twice = " (a claim about two countries is counted under each)" if what == "country" else ""
    return f"Claims by document and {what}{twice}. " + "; ".join(parts) + "."


def coverage_table(matrix: pd.DataFrame) -> pd.DataFrame:
    """The grid as a table (document in the first column); blank where a document covers nothing."""
    return matrix.where(matrix > 0).astype("Int64").rename_axis("document").reset_index()
