"""What a reader sees first: the curated key points of a scope (the region, a wave, a country) and a
country's headline figures, ranked by the indicators' priority. No Streamlit here.

Key points are the curator's words, each resting on one quote (key_points.csv, validated like every
quoted table); the app only orders them. Headline figures are the country's own figures whose
indicator has a priority of 1 or 2 (mobilization, returns, violence, recruitment and the groups),
first by priority, then by topic; the rest of the figures are folded below them."""

from __future__ import annotations

import pandas as pd

from core.data.loading import Corpus

REGION = "region"  # the scope of the Overview's key points
HEADLINE_PRIORITY = 2  # indicators of priority 1 and 2 can be headline figures
MAX_HEADLINES = 6
TOPIC_ORDER = ("mobilization", "repatriation", "violence", "recruitment", "groups", "migration", "context")


def key_points(corpus: Corpus, scope: str) -> pd.DataFrame:
    """The key points of a scope (an ISO3 code, a wave_id or 'region'), in rank order."""
    points = corpus["key_points"]
    return points[points["scope"] == scope].sort_values("rank", kind="stable").reset_index(drop=True)


def rank_figures(figs: pd.DataFrame) -> pd.DataFrame:
    """Figures ordered as a reader asks: by their indicator's priority, then topic, then indicator,
    keeping the order they came in within those (the caller's order, e.g. by subject)."""
    order = {t: i for i, t in enumerate(TOPIC_ORDER)}
    ranked = figs.assign(_topic=figs["topic"].map(order).fillna(len(order)))
    return ranked.sort_values(["priority", "_topic", "label"], kind="stable").drop(columns="_topic")


def headline_figures(figs: pd.DataFrame, limit: int = MAX_HEADLINES) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the headline figures, the rest), both ranked. A headline is a figure whose indicator has a
    priority of HEADLINE_PRIORITY or better; a figure that is part of another (part_of) gives way to
    the total it is part of when both would be shown."""
    ranked = rank_figures(figs)
    eligible = ranked[ranked["priority"] <= HEADLINE_PRIORITY]
    if "part_of" in eligible:
        totals = set(eligible["figure_id"])
        eligible = eligible[~eligible["part_of"].isin(totals)]
    headline = eligible.head(limit)
    rest = ranked[~ranked["figure_id"].isin(headline["figure_id"])]
    return headline.reset_index(drop=True), rest.reset_index(drop=True)
