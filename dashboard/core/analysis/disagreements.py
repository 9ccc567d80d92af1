"""Where the documents differ: figures of different documents on the same indicator, subject, related
id and period whose values cannot both hold. No Streamlit here.

A row's own range ("at least hundreds and as many as several thousand") is one claim, not a
disagreement; two documents that agree ("about 5,000,000" and "millions") are not listed; figures
of different periods count different things and are not compared. A value is read as the interval
its qualifier allows ("about" within a fifth, "at least" upwards, a magnitude word by its order:
"hundreds" from 200 to 999); a magnitude whose words give no order is not compared."""

from __future__ import annotations

import math
import re

import pandas as pd

from core.analysis.events import figure_about

ABOUT = 0.2  # "about 5,000" may be 4,000 to 6,000: a document's round number is not a precise one
# Orders of magnitude of words (low, high); "several" and a plural mean at least two of the unit.
_MAGNITUDES = (
    (r"\bmillions\b", 2e6, 999e6), (r"\bseveral million\b", 2e6, 9.99e6), (r"\bmillion\b", 1e6, 1.99e6),
    (r"\bthousands\b", 2e3, 999e3), (r"\bseveral thousand\b", 2e3, 9.99e3), (r"\bthousand\b", 1e3, 1.99e3),
    (r"\bhundreds\b", 200, 999), (r"\bseveral hundred\b", 200, 999), (r"\bdozens\b", 24, 199),
)


def bounds(row) -> tuple[float, float] | None:
    """The interval a figure's value allows, or None when it cannot be read as one."""
    q, v, lo, hi = row["qualifier"], row["value"], row["low"], row["high"]
    if q == "magnitude":
        text = str(row.get("value_text") or "").lower()
        found = [(a, b) for pattern, a, b in _MAGNITUDES if re.search(pattern, text)]
        return found[0] if found else None
    if q == "range":
        return (lo, hi) if not (pd.isna(lo) or pd.isna(hi)) else None
    if pd.isna(v):
        return None
    return {"exact": (v, v), "about": (v * (1 - ABOUT), v * (1 + ABOUT)), "almost": (v * (1 - ABOUT), v),
            "at least": (v, math.inf), "more than": (v, math.inf), "up to": (0.0, v), "less than": (0.0, v)}.get(q)


def differ(a, b) -> bool:
    """Whether two figures' values cannot both hold (their intervals do not meet)."""
    x, y = bounds(a), bounds(b)
    return x is not None and y is not None and (x[1] < y[0] or y[1] < x[0])


def disagreements(figs: pd.DataFrame, citations: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per figure in a set of claims that disagree: figures of two or more documents on the
    same indicator, subject, related id and period, of which two from different documents differ.
    Columns: set (a number per disagreement), indicator, about, period, document, figure, figure_id,
    doc_id, quote."""
    columns = ["set", "indicator", "about", "period", "document", "figure", "figure_id", "doc_id", "quote"]
    citations = citations or {}
    out, n = [], 0
    if figs.empty:
        return pd.DataFrame(columns=columns)
    for _, part in figs.groupby(["indicator", "subject", "related", "period"], sort=False):
        if part["doc_id"].nunique() < 2:
            continue
        rows = part.to_dict("records")
        if not any(differ(a, b) for i, a in enumerate(rows) for b in rows[i + 1:] if a["doc_id"] != b["doc_id"]):
            continue
        n += 1
        for r in rows:
            about = r.get("about") or figure_about(r["subject"], r["subject_label"], r["related"],
                                                   r["related_label"], r.get("related_as", ""), {})
            out.append({"set": n, "indicator": r["label"], "about": about, "period": r["period"] or "no period given",
                        "document": citations.get(r["doc_id"], r["doc_id"]), "figure": r["display"],
                        "figure_id": r["figure_id"], "doc_id": r["doc_id"], "quote": r["quote"]})
    return pd.DataFrame(out, columns=columns)
