"""One incident per event: rows of one document about the same event become one (merge), and a
sentence that goes on about the event told just before proposes no second one (told_again).

Same event: same kind of event (a foiled plot and its arrests are one family) in the same country,
at compatible places, and one of them undated (or dated by when the news was told), or both on the
same day; a handover and the flight home a few days later are one repatriation (two flights stay two).
"""

from __future__ import annotations

import re
from datetime import date as calendar_day  # "date" is the name of a row's date here

from core.data.schema import INCIDENT_KINDS

SAME_FAMILY = {"plot": "plot or arrest", "arrest": "plot or arrest"}  # a foiled plot and its arrests: one event
ARRIVAL = re.compile(r"'(?:arrived|landed|touched down)\b")  # in a row's reason: the event word that made it
FOLLOWS_ON = re.compile(r"^\W*(?:The|These|Those|They)\b")  # "The suspects ... were detained last weekend"


def same_day_possible(a: str, b: str) -> bool:
    """Two ISO dates of any precision can be the same day (2024-03 and 2024-03-22 can; 2024-03 and 2024-04 cannot)."""
    return a.startswith(b) or b.startswith(a)


def merge(rows: list[dict]) -> tuple[list[dict], dict[str, str]]:
    """One incident per event: rows of the same kind and country where one is undated (or dated by
    when the news was told) and the other dated, or both on the same date, become the better-dated
    one. Returns the rows and {dropped candidate id: kept candidate id}."""
    kept: list[dict] = []
    redirect: dict[str, str] = {}
    for row in rows:
        if row.get("table") != "incidents":
            kept.append(row)
            continue
        twin = next((k for k in kept if k.get("table") == "incidents" and _same_event(k, row)), None)
        if twin is None:
            kept.append(row)
            continue
        better = row if _rank(row) > _rank(twin) else twin
        worse = row if better is twin else twin
        if INCIDENT_KINDS.get(better["kind"]) == "arrest" and INCIDENT_KINDS.get(worse["kind"]) == "plot":
            better["kind"] = "plot"  # the event is the plot; the arrest foiled it
        if better is row:
            kept[kept.index(twin)] = row
        redirect[worse["candidate_id"]] = better["candidate_id"]
        _absorb(better, worse, twin["quote"], row["quote"])
    return kept, redirect


def _rank(row: dict) -> int:
    """Which of two rows about one event dates it best: a stated day or month, then the day the news
    was told, then a stated year, then none."""
    if row["_dateless"]:
        return 0
    if row["_speech"] or row.get("_with_before"):  # dated by when the news was told, or by the sentence before
        return 2
    return 3 if row["date_precision"] in ("day", "month") else 1


def _family(kind: str) -> str:
    category = INCIDENT_KINDS.get(kind, kind)
    return SAME_FAMILY.get(category, category)


def _same_event(a: dict, b: dict) -> bool:
    if _family(a["kind"]) != _family(b["kind"]) or a["country_iso3"] != b["country_iso3"] or not a["country_iso3"]:
        return False
    if a["place_id"] != b["place_id"] and not (a["place_id"].startswith("country_") or b["place_id"].startswith("country_")
                                                 or not a["place_id"] or not b["place_id"]):
        return False
    if a["_dateless"] or b["_dateless"]:
        return True
    if a["_speech"] or b["_speech"] or a.get("_with_before") or b.get("_with_before") or "year" in (a["date_precision"], b["date_precision"]):
        return same_day_possible(a["date"][:7], b["date"][:7])
    if (a["kind"] == b["kind"] == "repatriation programme" and a["date_precision"] == b["date_precision"] == "day"
            and (a.get("_handover") or b.get("_handover"))):
        # "handed over in Qamishli on Wednesday ... arrived at Manas on Friday": one operation of a few days
        # (two flights are two events)
        return abs((calendar_day.fromisoformat(a["date"]) - calendar_day.fromisoformat(b["date"])).days) <= 3
    return a["date"] == b["date"]


def told_again(last: dict | None, incidents: list[dict], text: str) -> list[dict]:
    """The incidents of a sentence, or none when they only go on about the event told just before
    (follow_up); what they add (the group and how it is involved, casualties) goes to that event."""
    if not incidents or not all(follow_up(last, i, text) for i in incidents):
        return incidents
    for row in incidents:
        _absorb(last, row, last["quote"], text)
    return []


def _absorb(kept: dict, dropped: dict, first_quote: str, second_quote: str) -> None:
    """What a row told again adds to the row kept: casualties, the group and how it is involved; the
    kept quote then holds the words that tell them too (the two quotes in the document's order)."""
    added = [key for key in ("killed", "wounded", "group_id", "involvement") if not kept[key] and dropped[key]]
    for key in added:
        kept[key] = dropped[key]
    if added and second_quote not in kept["quote"]:
        kept["quote"] = f"{first_quote} ... {second_quote}"


def follow_up(last: dict | None, new: dict, text: str) -> bool:
    """The new row tells again the event of the row proposed from the sentence just before, now with
    its day: "The returnees ... arrived in Tashkent on Sunday" after a repatriation told undated or on
    the day of the news; "The suspects ... were detained last weekend" after arrests told so."""
    if last is None or last["country_iso3"] and new["country_iso3"] and last["country_iso3"] != new["country_iso3"]:
        return False  # an arrest in Turkey is not the detention in Bosnia told before
    undated = last["_speech"] or last["_dateless"]
    if last["kind"] == "repatriation programme" and ARRIVAL.search(new["reason"]):
        return new["kind"] == "meeting" or (new["kind"] == "repatriation programme" and undated)
    return undated and _family(new["kind"]) == _family(last["kind"]) and bool(FOLLOWS_ON.match(text)) and new["date"] != ""
