"""Is every number in the documents either curated or deliberately excluded?

A number occurrence (see core.data.numbers for what counts) is *curated* when it lies inside the quote of
a curated row of the same document and that row captures it: the number equals one of the row's
numeric fields (value, low, high, killed, wounded) or the year or day of one of its dates; a
magnitude word ("hundreds") is captured by a figure with qualifier 'magnitude' whose value_text
contains it. It is *excluded* when excluded.csv lists it with a context around it. Anything else
is missing, and the completeness test fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from core.data.numbers import NumberOccurrence, scan_numbers
from core.data.quotes import Document, normalise
from core.data.schema import QUOTED_TABLES
from core.data.validation import parse_partial_date

NUMERIC_FIELDS = ("value", "low", "high", "killed", "wounded")
DATE_FIELDS = ("date", "period_start", "period_end", "founded")


@dataclass
class Coverage:
    occurrences: list[NumberOccurrence] = field(default_factory=list)
    curated: list[NumberOccurrence] = field(default_factory=list)
    excluded: list[NumberOccurrence] = field(default_factory=list)
    missing: list[NumberOccurrence] = field(default_factory=list)

    @property
    def percent(self) -> float:
        total = len(self.occurrences)
        return 100.0 if total == 0 else 100.0 * (len(self.curated) + len(self.excluded)) / total


def row_numbers(row: dict) -> set[float]:
    """The numbers a curated row captures in its structured fields."""
    numbers: set[float] = set()
    for name in NUMERIC_FIELDS:
        text = str(row.get(name, "") or "").strip()
        if text and text.lower() != "nan":
            try:
                numbers.add(float(text))
            except ValueError:
                pass
    for name in DATE_FIELDS:
        parsed = parse_partial_date(str(row.get(name, "") or "").strip())
        if parsed:
            numbers.add(float(parsed[0]))
            if parsed[2]:
                numbers.add(float(parsed[2]))
    return numbers


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.051, 1e-9 * abs(b))  # "a third" is curated as 33.3


def _captures(row: dict, occ: NumberOccurrence) -> bool:
    if occ.value is None:
        return row.get("qualifier") == "magnitude" and normalise(occ.text).lower() in normalise(str(row.get("value_text", ""))).lower()
    return any(_same(occ.value, n) for n in row_numbers(row))


def _inside(occ: NumberOccurrence, spans: list[tuple[int, int]]) -> bool:
    return any(s <= occ.start and occ.end <= e for s, e in spans)


def coverage(tables: dict[str, pd.DataFrame], documents: dict[str, Document]) -> dict[str, Coverage]:
    """Per document: every number found, and whether it is curated, excluded or missing."""
    rows_by_doc: dict[str, list[tuple[list, dict]]] = {d: [] for d in documents}
    for name in QUOTED_TABLES:
        for row in tables.get(name, pd.DataFrame()).to_dict("records"):
            doc = documents.get(row.get("doc_id"))
            spans = doc.find(str(row.get("quote", ""))) if doc else None
            if spans:
                rows_by_doc[doc.doc_id].append((spans, row))
    excluded_by_doc: dict[str, list[tuple[list, str]]] = {d: [] for d in documents}
    for row in tables.get("excluded", pd.DataFrame()).to_dict("records"):
        doc = documents.get(row.get("doc_id"))
        if doc:
            excluded_by_doc[doc.doc_id].append((doc.find_all(str(row["context"])), str(row["number"])))

    report: dict[str, Coverage] = {}
    for doc_id, doc in documents.items():
        cov = Coverage(occurrences=scan_numbers(doc_id, doc.text))
        for occ in cov.occurrences:
            if any(_inside(occ, spans) and _captures(row, occ) for spans, row in rows_by_doc[doc_id]):
                cov.curated.append(occ)
            elif any(_inside(occ, spans) and _number_matches(number, occ) for spans, number in excluded_by_doc[doc_id]):
                cov.excluded.append(occ)
            else:
                cov.missing.append(occ)
        report[doc_id] = cov
    return report


def _number_matches(number: str, occ: NumberOccurrence) -> bool:
    if normalise(number).lower() == normalise(occ.text).lower():
        return True
    found = scan_numbers("", number)
    return bool(found) and occ.value is not None and found[0].value is not None and _same(found[0].value, occ.value)


def format_report(report: dict[str, Coverage], documents: dict[str, Document]) -> str:
    lines = []
    total = sum(len(c.occurrences) for c in report.values())
    done = sum(len(c.curated) + len(c.excluded) for c in report.values())
    for doc_id, cov in report.items():
        lines.append(
            f"{doc_id}: {len(cov.occurrences)} numbers, {len(cov.curated)} curated, "
            f"{len(cov.excluded)} excluded, {len(cov.missing)} missing ({cov.percent:.1f}%)"
        )
        for occ in cov.missing:
            lines.append(f"  missing: {occ.text!r} in \"...{occ.context(documents[doc_id].text)}...\"")
    pct = 100.0 if total == 0 else 100.0 * done / total
    lines.append(f"coverage: {done}/{total} numbers curated or excluded ({pct:.1f}%)")
    return "\n".join(lines)
