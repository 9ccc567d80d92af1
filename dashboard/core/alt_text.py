"""Text alternatives for charts: a sentence a screen reader can read, and the data as a table.

Pages should pass a sentence built from their own rows (it can say "not reported", qualifiers and
periods); this module reads one off any plotly figure for charts that do not."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

MAX_ITEMS = 8


def _plain(text) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(text or ""))).strip()


def _values(x) -> list:
    if x is None:
        return []
    return list(x.tolist() if hasattr(x, "tolist") else x)


def figure_table(fig: go.Figure) -> pd.DataFrame:
    """One row per plotted point: the trace, its category (x or y label) and its value."""
    rows = []
    for trace in fig.data:
        name = _plain(getattr(trace, "name", "") or "")
        if trace.type == "heatmap":
            zs, xs, ys = _values(trace.z), _values(trace.x), _values(trace.y)
            for i, row in enumerate(zs):
                for j, value in enumerate(_values(row)):
                    if value is not None and not (isinstance(value, float) and pd.isna(value)):
                        rows.append({"series": name, "row": _plain(ys[i] if i < len(ys) else i),
                                     "column": _plain(xs[j] if j < len(xs) else j), "value": value})
            continue
        xs, ys = _values(getattr(trace, "x", None)), _values(getattr(trace, "y", None))
        horizontal = getattr(trace, "orientation", None) == "h"
        labels, values = (ys, xs) if horizontal else (xs, ys)
        for i, value in enumerate(values):
            label = labels[i] if i < len(labels) else ""
            rows.append({"series": name, "category": _plain(label), "value": value})
    table = pd.DataFrame(rows)
    if not table.empty:
        numeric = pd.to_numeric(table["value"], errors="coerce")
        table["value"] = numeric if numeric.notna().all() else table["value"].map(_plain)
    return table


def figure_text_alternative(fig: go.Figure) -> tuple[str, pd.DataFrame]:
    """('<Title>: <first items>.', table) read off the figure itself."""
    title = _plain(fig.layout.title.text) or "Chart"
    table = figure_table(fig)
    if table.empty:
        return f"{title}: nothing to show for these filters.", table
    if "column" in table:
        items = [f"{r.row} / {r.column}: {r.value:g}" if isinstance(r.value, (int, float)) else f"{r.row} / {r.column}: {r.value}"
                 for r in table.head(MAX_ITEMS).itertuples()]
    else:
        items = []
        for r in table.head(MAX_ITEMS).itertuples():
            value = f"{r.value:g}" if isinstance(r.value, (int, float)) else _plain(r.value)
            who = " ".join(p for p in (r.series, r.category) if p)
            items.append(f"{who}: {value}" if who else value)
    more = f"; and {len(table) - MAX_ITEMS} more in the data table" if len(table) > MAX_ITEMS else ""
    return f"{title}. " + "; ".join(items) + more + ".", table
