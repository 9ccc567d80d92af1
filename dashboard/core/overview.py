"""The overview: headline figures and what the corpus covers (documents x topics x countries)."""

from __future__ import annotations

import pandas as pd

from core.filters import Filters
from core.loading import Corpus
from core.query import figures_view, filter_figures, filter_incidents, incidents_view
from core.schema import CENTRAL_ASIA, TOPICS

# Headline figures, in order. A figure missing from the data is skipped, never invented.
HEADLINE_FIGURES = (
    "fig-uwed-034",  # about 5,000 Central Asian militants in Syria and Iraq at the 2017 peak
    "fig-tucker-006",  # Kazakhstan repatriated 654
    "fig-tucker-007",  # Uzbekistan repatriated 512
    "fig-tucker-017",  # Aravan: 40% of Kyrgyzstan's first-wave returnee children
    "fig-uwed-017",  # ISKP: 181 attacks in Afghanistan in 2022
    "fig-foreign_affairs-001",  # Crocus City Hall: 145 killed
    "fig-uwed-042",  # Telegram blocked 13,279 terrorist bots and channels in January 2023
    "fig-uwed-038",  # Tajikistan: 720 terrorism/extremism criminal cases, first half of 2022
)

INCIDENT_TOPIC = {"attack": "violence", "plot": "violence", "arrest": "violence", "group event": "groups", "policy": "context"}


def headline_figures(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    figs = filter_figures(figures_view(corpus), filters).set_index("figure_id")
    ids = [i for i in HEADLINE_FIGURES if i in figs.index]
    return figs.loc[ids].reset_index()


def coverage_rows(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """One record per (document, topic, country) a curated row touches."""
    records = []
    for r in filter_figures(figures_view(corpus), filters).itertuples():
        for c in r.countries or ("none",):
            records.append((r.doc_id, r.topic, c))
    for r in filter_incidents(incidents_view(corpus), filters, use_kind=False, use_group=False).itertuples():
        topic = "repatriation" if r.kind == "repatriation programme" else INCIDENT_TOPIC.get(r.category, "context")
        for c in r.countries or ("none",):
            records.append((r.doc_id, topic, c))
    hot = corpus["hotspots"]
    for r in hot.itertuples():
        if not filters.countries or r.country_iso3 in filters.countries:
            records.append((r.doc_id, "mobilization", r.country_iso3))
    for r in corpus["channels"].itertuples():
        records.append((r.doc_id, "recruitment", "none"))
    for r in corpus["groups"].itertuples():
        records.append((r.doc_id, "groups", "none"))
    return pd.DataFrame(records, columns=["doc_id", "topic", "country"])


def coverage_sources(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """The quoted rows the coverage grid counts: row id, doc_id, quote."""
    parts = [
        filter_figures(figures_view(corpus), filters).rename(columns={"figure_id": "row"}),
        filter_incidents(incidents_view(corpus), filters, use_kind=False, use_group=False).rename(columns={"incident_id": "row"}),
        corpus["hotspots"][corpus["hotspots"]["country_iso3"].isin(filters.countries or corpus["hotspots"]["country_iso3"])]
        .rename(columns={"hotspot_id": "row"}),
        corpus["channels"].rename(columns={"channel_id": "row"}),
        corpus["groups"].rename(columns={"group_id": "row"}),
    ]
    return pd.concat([p[["row", "doc_id", "quote"]] for p in parts], ignore_index=True)


def coverage_matrix(rows: pd.DataFrame, corpus: Corpus, axis: str, filters: Filters) -> pd.DataFrame:
    """Counts of curated rows per document and topic (or country); 0 means 'not covered'."""
    docs = list(corpus["documents"]["doc_id"])
    if axis == "topic":
        columns = list(TOPICS)
    else:
        named = [c for c in rows["country"].unique() if c != "none"]
        wanted = list(filters.countries) or list(CENTRAL_ASIA) + sorted(c for c in named if c not in CENTRAL_ASIA)
        columns = wanted
    counts = rows.groupby(["doc_id", axis]).size().unstack(fill_value=0) if not rows.empty else pd.DataFrame()
    return counts.reindex(index=docs, columns=columns, fill_value=0).fillna(0).astype(int)
