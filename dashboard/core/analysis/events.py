"""Events: the incidents of several documents about the same event (one event_id), counted once.

Timelines, maps, cards and counts show events; each lists every document that reports it, and where
the reports differ on a detail (the date's precision, the kind, the casualties) both are kept and
said side by side, never silently merged; where several documents tell one event, the one its date
and summary come from is marked. The filters choose events by their rows: an event is in
when any of its reports is. No Streamlit here."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from core.analysis.filters import Filters
from core.analysis.query import incidents_mask, year_mask

PRECISION_ORDER = {"day": 0, "month": 1, "year": 2, "": 3}  # an event is dated by its most precise report


def _joined(values) -> str:
    return " / ".join(dict.fromkeys(v for v in values if isinstance(v, str) and v))


def _number(values: list) -> tuple[float, str]:
    """(the number all reports agree on, or NaN; the reports' numbers in words where they differ)."""
    stated = [(v, d) for v, d in values if not pd.isna(v)]
    distinct = {v for v, _ in stated}
    if len(distinct) <= 1:
        return (stated[0][0] if stated else float("nan")), ""
    return float("nan"), "; ".join(f"{int(v)} ({d})" for v, d in stated)


def date_text(date: str, inferred: str = "") -> str:
    """An event's date as a reader sees it: '2024-03', or '2024-03 (inferred)' where the document
    implies but does not state it (the row's note says how it was inferred)."""
    return f"{date} (inferred)" if date and inferred == "yes" else (date or "")


def incident_words(inc: pd.DataFrame) -> dict[str, str]:
    """{incident_id: 'arrest in Russia (inferred), 2024-03 (inferred)'}: an incident named by its kind,
    place and date where a figure is about it (incidents_view rows: their place already says
    '(inferred)')."""
    return {i: (f"{k} in {p}" if p else k) + (f", {date_text(d, di)}" if d else "")
            for i, k, p, d, di in zip(inc["incident_id"], inc["kind"], inc["place"], inc["date"], inc["date_inferred"])}


def figure_about(subject: str, subject_label: str, related: str, related_label: str, related_as: str,
                 words: dict[str, str]) -> str:
    """Whom a figure counts, in words: 'Tajikistan, in Russia', 'Aravan district, share of Kyrgyzstan'.
    `words` names ids better than their table label (an incident by its kind, place and date, a group by
    its acronym); `related` is said only with the row's `related_as`, which says how the number bears
    on it. The one composition used by the profile, the Overview, the disagreements and Search."""
    said = words.get(subject) or subject_label or subject
    if related and related_as:
        said += f", {related_as} {words.get(related) or related_label or related}"
    return said


def best_reports(event_ids: list, precisions: list) -> dict[str, int]:
    """{event_id: position of the report that dates it}: its most precisely dated report, the first
    of those in row order. An event takes this report's date, place and summary."""
    best: dict[str, tuple[int, int]] = {}
    for position, (event, precision) in enumerate(zip(event_ids, precisions)):
        rank = PRECISION_ORDER.get(precision, 3)
        if event not in best or rank < best[event][0]:
            best[event] = (rank, position)
    return {event: position for event, (_, position) in best.items()}


def _dates_differ(dates) -> bool:
    """Two reports' dates differ when neither contains the other: '2021' and '2021-09-15' agree (one
    is less precise), '2016' and '2017-03' do not."""
    dates = list(dates)
    return any(not (a.startswith(b) or b.startswith(a)) for i, a in enumerate(dates) for b in dates[i + 1:])


def _origins_differ(origins) -> bool:
    """Two reports differ on who did it when each names a state and they name different ones: 'a
    citizen of Kyrgyzstan' and 'immigrants from Central Asian countries' (no state named) agree."""
    named = [set(o) for o in origins if o]
    return any(a.isdisjoint(b) for i, a in enumerate(named) for b in named[i + 1:])


def events_of(rows: pd.DataFrame, citations: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per event of these incident rows (incidents_view columns), in the order of each
    event's first row. The event takes its most precisely dated report's date, place and summary;
    `kinds`, `groups`, `involvement` and `documents` join what its reports say; `killed` and
    `wounded` are the number they agree on (NaN where they differ, with `killed_reports` saying each);
    `reports` counts its rows and `incident_ids` lists them."""
    citations = citations or {}
    if rows.empty:
        out = rows.iloc[0:0].copy()
        for column in ("reports", "incident_ids", "doc_ids", "sources", "documents", "kinds", "involvements", "killed_reports",
                       "wounded_reports", "differs", "key_event"):
            out[column] = pd.Series(dtype="object")
        return out
    # Plain lists, grouped by hand: a pandas groupby with a sort per event cost milliseconds per event.
    column = {c: rows[c].tolist() for c in ("event_id", "date_precision", "doc_id", "incident_id", "killed", "wounded",
                                             "date", "kind", "group", "countries", "origin_iso3", "target_iso3")}
    involvement = rows["involvement"].tolist() if "involvement" in rows else [""] * len(rows)
    categories = rows["category"].tolist() if "category" in rows else column["kind"]
    column["perpetrator_origin"] = [o if isinstance(o, str) else "" for o in
                                    (rows["perpetrator_origin"] if "perpetrator_origin" in rows else [""] * len(rows))]
    key_event = rows["key_event"].tolist() if "key_event" in rows else [""] * len(rows)
    members: dict[str, list[int]] = {}
    for i, event_id in enumerate(column["event_id"]):
        members.setdefault(event_id, []).append(i)
    chosen = best_reports(column["event_id"], column["date_precision"])
    firsts, extras = [], []
    for event_id, part in members.items():
        best = chosen[event_id]
        docs = [column["doc_id"][i] for i in part]
        cited = [citations.get(d, d) for d in docs]
        killed, killed_reports = _number([(column["killed"][i], c) for i, c in zip(part, cited)])
        wounded, wounded_reports = _number([(column["wounded"][i], c) for i, c in zip(part, cited)])
        dates = dict.fromkeys(column["date"][i] for i in part if column["date"][i])
        kinds = [column["kind"][i] for i in part]
        origins = list(dict.fromkeys(column["perpetrator_origin"][i] for i in part if column["perpetrator_origin"][i]))
        firsts.append(best)
        extras.append({
            "reports": len(part), "incident_ids": tuple(column["incident_id"][i] for i in part),
            "doc_ids": tuple(dict.fromkeys(docs)),
            "sources": tuple(zip(docs, (column["incident_id"][i] for i in part))),  # (doc_id, incident_id) of each report
            # which report the row's date, place and summary come from, where several documents tell it
            "documents": "; ".join(citations.get(d, d) + (": date and summary" if d == column["doc_id"][best]
                                                           and len(set(docs)) > 1 else "") for d in dict.fromkeys(docs)),
            "kinds": _joined(kinds), "involvements": _joined([involvement[i] for i in part]),
            "group": _joined([column["group"][i] for i in part]), "killed": killed, "wounded": wounded,
            "key_event": "yes" if any(key_event[i] == "yes" for i in part) else "",
            "killed_reports": killed_reports, "wounded_reports": wounded_reports,
            "countries": tuple(sorted(set().union(*(column["countries"][i] for i in part)))),
            "origin_iso3": tuple(sorted(set().union(*(column["origin_iso3"][i] for i in part)))),
            "target_iso3": tuple(sorted(set().union(*(column["target_iso3"][i] for i in part)))),
            "differs": "; ".join(x for x in (
                f"dates {' and '.join(dates)}" if _dates_differ(dates) else "",
                # a bombing and an attack are one category: the curator's finer word, not the reports' disagreement
                f"kinds {_joined(kinds)}" if len({categories[i] for i in part}) > 1 else "",
                f"who did it: {_joined(origins)}" if _origins_differ([column["origin_iso3"][i] for i in part]) else "",
                f"killed {killed_reports}" if killed_reports else "", f"wounded {wounded_reports}" if wounded_reports else "",
            ) if x),
        })
    out = rows.iloc[firsts].reset_index(drop=True)
    for name in extras[0]:
        out[name] = pd.Series([e[name] for e in extras], dtype="float64" if name in ("killed", "wounded") else "object")
    return out


def event_ids_where(inc: pd.DataFrame, filters: Filters, use_kind: bool = True, use_group: bool = True) -> tuple:
    """The events any of whose reports the filters leave, in row order. The year range applies to the
    event, not to each report: an event is dated by its most precisely dated report (as events_of
    dates it), so an undated report of an event dated 2016 does not bring it into "from 2022"; an
    event no report dates is in only when undated rows are asked for."""
    if filters.year_from is None and filters.year_to is None:
        mask = incidents_mask(inc, filters, use_kind, use_group)
        return tuple(dict.fromkeys(inc["event_id"][mask]))
    mask = incidents_mask(inc, replace(filters, year_from=None, year_to=None), use_kind, use_group)
    event_ids = inc["event_id"].tolist()
    dating = best_reports(event_ids, inc["date_precision"].tolist())
    years = inc["year"].tolist()
    in_years = dict(zip(dating, year_mask([years[i] for i in dating.values()], [years[i] for i in dating.values()], filters)))
    return tuple(dict.fromkeys(e for e, m in zip(event_ids, mask) if m and in_years[e]))


def reports_where(inc: pd.DataFrame, filters: Filters, use_kind: bool = True, use_group: bool = True) -> pd.DataFrame:
    """Every report (incident row) of the events the filters leave, whatever the filters say of the
    report itself: what a page builds its events from."""
    return inc[inc["event_id"].isin(set(event_ids_where(inc, filters, use_kind, use_group)))]


def filter_events(inc: pd.DataFrame, filters: Filters, citations: dict[str, str] | None = None,
                  use_kind: bool = True, use_group: bool = True, every_event: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events the filters leave, each with all its reports (a report the filters would not match by
    itself still counts for its event: the same event told by another document). An event is made of
    all its reports whatever the filters, so with `every_event` (events_of(inc, citations), made once)
    the events are taken from it rather than made again."""
    wanted = set(event_ids_where(inc, filters, use_kind, use_group))
    if every_event is not None and wanted:
        return every_event[every_event["event_id"].isin(wanted)].reset_index(drop=True)
    return events_of(inc[inc["event_id"].isin(wanted)], citations)


def count_events(inc: pd.DataFrame, filters: Filters, use_kind: bool = True, use_group: bool = True) -> int:
    """How many events the filters leave (filter_events without building them)."""
    return len(event_ids_where(inc, filters, use_kind, use_group))


def rows_of(inc: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The incident rows (reports) of these events: what their Sources sections list."""
    wanted = set(events["event_id"]) if "event_id" in events else set()
    return inc[inc["event_id"].isin(wanted)]
