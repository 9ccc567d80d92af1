"""Country comparison: comparable indicators per country, never mixing definitions or periods."""

from __future__ import annotations

import pandas as pd

from core.schema import CENTRAL_ASIA

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


def country_table(figs: pd.DataFrame, incidents: pd.DataFrame, countries: list[str], names: dict[str, str],
                  labels: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(wide table of text cells, long table of the numbers behind it)."""
    long = figs[figs["indicator"].isin(COMPARABLE) & figs["subject"].isin(countries)].copy()
    long["country"] = long["subject"].map(names)
    wide = pd.DataFrame(index=[names.get(c, c) for c in countries])
    for ind in COMPARABLE:
        part = long[long["indicator"] == ind]
        cells = part.groupby("country").apply(
            lambda p: "; ".join(f"{d}{' (' + per + ')' if per else ''} [{doc}]" for d, per, doc in
                                zip(p["display"], p["period"], p["doc_id"])), include_groups=False)
        wide[labels.get(ind, ind)] = [cells.get(names.get(c, c), "not reported") for c in countries]
    nationals = {c: int(incidents["origin_iso3"].map(lambda o: c in o).sum()) for c in countries}
    wide["Incidents naming its nationals (rows)"] = [str(nationals[c]) if nationals[c] else "none in the documents" for c in countries]
    destinations = figs[(figs["indicator"] == "labour_migrant_destination_share") & figs["subject"].isin(countries)]
    dest = destinations.groupby("subject").apply(
        lambda p: ", ".join(f"{r} {d}" for r, d in zip(p["related_label"], p["display"])), include_groups=False)
    wide["Labour migrants' destinations"] = [dest.get(c, "not reported") for c in countries]
    return wide.rename_axis("country").reset_index(), long


def default_countries(selected: tuple[str, ...]) -> list[str]:
    return list(selected) if selected else list(CENTRAL_ASIA)
