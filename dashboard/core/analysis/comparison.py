"""Country comparison: comparable indicators per country, never mixing definitions or periods."""

from __future__ import annotations

import pandas as pd

from core.analysis.filters import NOT_REPORTED
from core.analysis.query import take_rows
from core.data.schema import CENTRAL_ASIA

# Indicators that compare across countries, in display order. Only rows whose subject is the
# country itself are used; each cell keeps its period and source, and a cell with two figures
# (different periods or documents) lists both rather than picking one.
COMPARABLE = (
    "repatriated_people",
    "repatriated_suspects",
    "labour_migrants",
    "labour_migrants_departed",
    "criminal_cases_terrorism_extremism",
    "people_detained",
)


DESTINATION_SHARE = "labour_migrant_destination_share"  # "Russia 61.5 %": the table's destinations column

# A country whose repatriation the documents report only as a programme, with no number of people.
NO_NUMBER = "no number given (a programme is reported)"
NO_NUMBER_CHART = "programme, no number"  # the same, short enough to stand beside a bar on a phone


def programme_only(incidents: pd.DataFrame) -> set[str]:
    """The countries (ISO3) with a reported repatriation programme among these incident rows."""
    return set(incidents.loc[incidents["kind"] == "repatriation programme", "country_iso3"])


def country_table(figs: pd.DataFrame, incidents: pd.DataFrame, countries: list[str], names: dict[str, str],
                  labels: dict[str, str], absent: str = NOT_REPORTED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(wide table of text cells, long table of the numbers behind it); a cell with no figure says
    `absent` (filters.absent_words). The cells are joined in plain Python over the columns: a groupby
    per indicator cost several ms on these few rows."""
    indicators, subjects, display = figs["indicator"].tolist(), figs["subject"].tolist(), figs["display"].tolist()
    periods = figs["period"].tolist()
    related_labels = [r if isinstance(r, str) else "" for r in figs["related_label"].tolist()]
    sources = (figs["source"] if "source" in figs else figs["doc_id"]).tolist()
    wanted = set(countries)
    rows = [p for p, (i, s) in enumerate(zip(indicators, subjects)) if i in COMPARABLE and s in wanted]
    # the destinations' shares are a column of their own (no chart): their rows are counted and cited too
    shares = [p for p, (i, s) in enumerate(zip(indicators, subjects)) if i == DESTINATION_SHARE and s in wanted]
    long = take_rows(figs, rows + shares)
    long["country"] = long["subject"].map(names)
    # "almost 1,000,000 in Russia": the chart and its text say where, as the table's cell does
    long["where"] = [f"in {r}" if i.startswith("labour_migrants") and isinstance(r, str) and r else ""
                     for i, r in zip(long["indicator"], long["related_label"])]
    long["display"] = [d + (f" {w}" if w else "") for d, w in zip(long["display"], long["where"])]
    cells: dict[tuple[str, str], list[str]] = {}  # (indicator, country name) -> its figures, in row order
    for p in rows:
        if subjects[p] in names:  # a subject without a name has no row in the table
            per = periods[p]
            # "almost 1,000,000 in Russia": a count of migrants in one destination says so
            where = related_labels[p] if indicators[p].startswith("labour_migrants") else ""
            cells.setdefault((indicators[p], names[subjects[p]]), []).append(
                f"{display[p]}{' in ' + where if where else ''}{' (' + per + ')' if per else ''} [{sources[p]}]")
    with_programme = programme_only(incidents)
    wide = {}
    for ind in COMPARABLE:
        wide[labels.get(ind, ind)] = ["; ".join(cells.get((ind, names.get(c, c)), []))
                                      or (NO_NUMBER if ind == "repatriated_people" and c in with_programme else absent)
                                      for c in countries]
    # former citizens ("a former citizen of Uzbekistan") are not counted as the country's nationals
    origins = [o for o, former in zip(incidents["origin_iso3"], incidents["origin_former"]) if not former]
    nationals = {c: sum(c in o for o in origins) for c in countries}
    wide["Incidents naming its nationals (reports)"] = [str(nationals[c]) if nationals[c] else "none in the documents"
                                                     for c in countries]
    destinations: dict[str, list[str]] = {}
    for ind, subject, related, d in zip(indicators, subjects, figs["related_label"].tolist(), display):
        if ind == DESTINATION_SHARE and subject in wanted:
            destinations.setdefault(subject, []).append(f"{related} {d}")
    wide["Labour migrants' destinations"] = [", ".join(destinations[c]) if c in destinations else absent
                                             for c in countries]
    index = pd.Index([names.get(c, c) for c in countries], name="country")
    return pd.DataFrame(wide, index=index).reset_index(), long


def default_countries(selected: tuple[str, ...]) -> list[str]:
    return list(selected) if selected else list(CENTRAL_ASIA)
