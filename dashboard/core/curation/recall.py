"""How much of our own curation would the proposer have found? (the recall measure of issue 10)

Each registered document is proposed "as if new" and compared with its curated rows:
- a curated figure is *found* when a figure candidate has the same value, low and high and its
  sentence overlaps the curated quote; of those, how many also have the same subject and indicator;
- a curated incident is found when an incident candidate with an overlapping sentence has the same
  date and place;
- every number of the document (the completeness scanner) is *accounted for* when it lies in a
  candidate's sentence and a candidate captures it (a figure's value/low/high, an incident's date,
  killed or wounded, a period, or an `excluded` candidate that names it).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pandas as pd

from core.data.completeness import _same, row_numbers
from core.data.numbers import scan_numbers
from core.curation.proposals import Proposer
from core.data.quotes import Document


@dataclass
class Recall:
    doc_id: str
    figures: int = 0
    figures_found: int = 0
    subject_right: int = 0
    indicator_right: int = 0
    incidents: int = 0
    incidents_found: int = 0
    dated: int = 0  # curated incidents whose date the document states (date_inferred blank)
    dated_found: int = 0
    numbers: int = 0
    numbers_accounted: int = 0
    candidates: int = 0
    seconds: float = 0.0


def _num(text) -> float | None:
    text = str(text or "").strip()
    try:
        return float(text) if text and text.lower() != "nan" else None
    except ValueError:
        return None


def _same_triple(a: dict, b: dict) -> bool:
    for key in ("value", "low", "high"):
        x, y = _num(a.get(key)), _num(b.get(key))
        if (x is None) != (y is None) or (x is not None and not _same(x, y)):
            return False
    return True


def _overlaps(spans_a, spans_b) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in spans_a for s2, e2 in spans_b)


def measure(doc: Document, tables: dict[str, pd.DataFrame], proposer: Proposer) -> Recall:
    started = time.perf_counter()
    candidates = proposer.propose(doc.doc_id, doc.text)
    result = Recall(doc.doc_id, candidates=len(candidates), seconds=time.perf_counter() - started)
    cand = candidates.to_dict("records")
    for c in cand:
        c["_spans"] = doc.find(c["quote"]) or []

    def curated(name):
        frame = tables[name].astype("object").fillna("").astype(str)
        return [r for r in frame.to_dict("records") if r["doc_id"] == doc.doc_id]

    same_incident = _incident_matches(cand, curated("incidents"), doc)
    same_channel = _channel_matches(cand, curated("channels"), doc)
    for row in curated("figures"):
        spans = doc.find(row["quote"]) or []
        matches = [c for c in cand if c["table"] == "figures" and _overlaps(spans, c["_spans"]) and _same_triple(c, row)]
        result.figures += 1
        if matches:
            result.figures_found += 1
            result.subject_right += any(c["subject"] == row["subject"] or row["subject"] in same_incident.get(c["subject"], ())
                                        or row["subject"] in same_channel.get(c["subject"], ()) for c in matches)
            result.indicator_right += any(c["indicator"] == row["indicator"] for c in matches)
    for row in curated("incidents"):
        spans = doc.find(row["quote"]) or []
        result.incidents += 1
        stated = bool(row["date"]) and not row["date_inferred"]
        result.dated += stated
        found = any(
            c["table"] == "incidents" and _overlaps(spans, c["_spans"]) and c["date"] == row["date"]
            and c["place_id"] == row["place_id"] for c in cand)
        result.incidents_found += found
        result.dated_found += stated and found
    for occ in scan_numbers(doc.doc_id, doc.text):
        result.numbers += 1
        result.numbers_accounted += any(_accounts_for(c, occ) for c in cand)
    return result


def _incident_matches(cand: list[dict], incidents: list[dict], doc: Document) -> dict[str, set[str]]:
    """Incident candidate id -> the curated incidents it matches (for figures whose subject is an incident)."""
    out: dict[str, set[str]] = {}
    for row in incidents:
        spans = doc.find(row["quote"]) or []
        for c in cand:
            if c["table"] == "incidents" and _overlaps(spans, c["_spans"]) and c["date"] == row["date"] and c["place_id"] == row["place_id"]:
                out.setdefault(c["candidate_id"], set()).add(row["incident_id"])
    return out


def _channel_matches(cand: list[dict], channels: list[dict], doc: Document) -> dict[str, set[str]]:
    """Channel candidate id -> the curated channel claims with the same name from the same sentence."""
    out: dict[str, set[str]] = {}
    for row in channels:
        spans = doc.find(row["quote"]) or []
        for c in cand:
            if c["table"] == "channels" and _overlaps(spans, c["_spans"]) and row["name"].lower().startswith(c["name"].lower()):
                out.setdefault(c["candidate_id"], set()).add(row["channel_id"])
    return out


def _accounts_for(c: dict, occ) -> bool:
    if not any(s <= occ.start and occ.end <= e for s, e in c["_spans"]):
        return False
    if c["table"] == "excluded":
        return c["value_text"] == occ.text
    if occ.value is None:
        return c["table"] == "figures" and c["qualifier"] == "magnitude" and occ.text in c["value_text"]
    return any(_same(occ.value, n) for n in row_numbers(c))


def measure_all(tables: dict[str, pd.DataFrame], documents: dict[str, Document], proposer: Proposer) -> list[Recall]:
    return [measure(doc, tables, proposer) for doc in documents.values()]


def format_table(results: list[Recall]) -> str:
    def pct(a, b):
        return f"{100 * a / b:5.1f}%" if b else "   - "

    head = (f"{'document':<18}{'figures':>8}{'value+sentence':>16}{'subject':>9}{'indicator':>11}"
            f"{'incidents':>10}{'date+place':>11}{'dated':>7}{'found':>7}{'numbers':>9}{'accounted':>10}{'candidates':>11}{'seconds':>9}")
    lines = [head, "-" * len(head)]
    total = Recall("TOTAL")
    for r in results:
        lines.append(
            f"{r.doc_id:<18}{r.figures:>8}{pct(r.figures_found, r.figures):>16}{pct(r.subject_right, r.figures):>9}"
            f"{pct(r.indicator_right, r.figures):>11}{r.incidents:>10}{pct(r.incidents_found, r.incidents):>11}"
            f"{r.dated:>7}{pct(r.dated_found, r.dated):>7}"
            f"{r.numbers:>9}{pct(r.numbers_accounted, r.numbers):>10}{r.candidates:>11}{r.seconds:>9.2f}")
        for key in vars(total):
            if key != "doc_id":
                setattr(total, key, getattr(total, key) + getattr(r, key))
    lines.append("-" * len(head))
    r = total
    lines.append(
        f"{'TOTAL':<18}{r.figures:>8}{pct(r.figures_found, r.figures):>16}{pct(r.subject_right, r.figures):>9}"
        f"{pct(r.indicator_right, r.figures):>11}{r.incidents:>10}{pct(r.incidents_found, r.incidents):>11}"
            f"{r.dated:>7}{pct(r.dated_found, r.dated):>7}"
        f"{r.numbers:>9}{pct(r.numbers_accounted, r.numbers):>10}{r.candidates:>11}{r.seconds:>9.2f}")
    return "\n".join(lines)


def totals(results: list[Recall]) -> Recall:
    total = Recall("TOTAL")
    for r in results:
        for key in vars(total):
            if key != "doc_id":
                setattr(total, key, getattr(total, key) + getattr(r, key))
    return total


def misses(tables: dict[str, pd.DataFrame], documents: dict[str, Document], proposer: Proposer) -> list[str]:
    """Lines naming each curated figure or incident the proposer missed or got partly wrong (for tuning)."""
    out = []
    for doc in documents.values():
        cand = proposer.propose(doc.doc_id, doc.text).to_dict("records")
        for c in cand:
            c["_spans"] = doc.find(c["quote"]) or []
        frame = tables["figures"].astype("object").fillna("").astype(str)
        for row in frame[frame["doc_id"] == doc.doc_id].to_dict("records"):
            spans = doc.find(row["quote"]) or []
            near = [c for c in cand if c["table"] == "figures" and _overlaps(spans, c["_spans"])]
            same = [c for c in near if _same_triple(c, row)]
            inc = _incident_matches(cand, [r for r in tables["incidents"].astype("object").fillna("").astype(str).to_dict("records") if r["doc_id"] == doc.doc_id], doc)
            chan = _channel_matches(cand, [r for r in tables["channels"].astype("object").fillna("").astype(str).to_dict("records") if r["doc_id"] == doc.doc_id], doc)
            for c in same:
                if row["subject"] in inc.get(c["subject"], set()) | chan.get(c["subject"], set()):
                    c["subject"] = row["subject"]
            if not same:
                got = [(c["value"], c["low"], c["high"], c["value_text"]) for c in near]
                out.append(f"MISS {row['figure_id']} v={row['value']} l={row['low']} h={row['high']} {row['value_text']!r} got {got}")
            else:
                if not any(c["subject"] == row["subject"] for c in same):
                    out.append(f"SUBJ {row['figure_id']} want {row['subject']} got {[c['subject'] for c in same]} ({row['value_text']})")
                if not any(c["indicator"] == row["indicator"] for c in same):
                    out.append(f"IND  {row['figure_id']} want {row['indicator']} got {[c['indicator'] for c in same]} ({row['value_text']})")
        frame = tables["incidents"].astype("object").fillna("").astype(str)
        for row in frame[frame["doc_id"] == doc.doc_id].to_dict("records"):
            spans = doc.find(row["quote"]) or []
            near = [c for c in cand if c["table"] == "incidents" and _overlaps(spans, c["_spans"])]
            if not any(c["date"] == row["date"] and c["place_id"] == row["place_id"] for c in near):
                out.append(f"INC  {row['incident_id']} want {row['date']}@{row['place_id']} got {[(c['date'], c['place_id']) for c in near]}")
    return out


def unaccounted(documents: dict[str, Document], proposer: Proposer) -> list[str]:
    """Numbers of the documents that no candidate captures (should be none)."""
    out = []
    for doc in documents.values():
        cand = proposer.propose(doc.doc_id, doc.text).to_dict("records")
        for c in cand:
            c["_spans"] = doc.find(c["quote"]) or []
        for occ in scan_numbers(doc.doc_id, doc.text):
            if not any(_accounts_for(c, occ) for c in cand):
                out.append(f"NUM  {doc.doc_id}: {occ.text!r} in \"...{occ.context(doc.text)}...\"")
    return out
