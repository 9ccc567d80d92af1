"""The Curate page's review one candidate at a time: the sentence with the number (or event word,
or name) marked, the proposed fields ready to edit, accept / reject / exclude / skip / back from
the keyboard, and a counter of what is left. The decisions go into the same candidates as the
table view (st.session_state[base_key]), so either view can finish the review."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.curation.review import REVIEW_FIELDS, decide_one, marked_quote, next_to_review, review_counter
from core.data.schema import INCIDENT_KINDS, QUALIFIERS, TABLES
from ui import chrome

TABLE_NAMES = {"figures": "figure", "incidents": "incident", "places": "new place", "channels": "channel",
               "groups": "new group", "excluded": "number to exclude"}
# Keyboard shortcuts (Streamlit reserves C and R): the button shows its key.
ACTIONS = [("accept", "Accept", "A", "primary"), ("reject", "Reject", "X", "secondary"),
           ("exclude", "Exclude", "E", "secondary"), ("skip", "Skip", "S", "tertiary"), ("back", "Back", "B", "tertiary")]


def _choices(field: str, table: str, indicators: list[str]) -> list[str] | None:
    """The values a field may take (a select box), or None (free text)."""
    if field == "qualifier":
        return ["", *QUALIFIERS]
    if field == "indicator":
        return ["", *indicators]
    if field in ("counts", "related_as"):
        return ["", *TABLES["figures"].column(field).allowed]
    if table == "incidents" and field == "kind":
        return list(INCIDENT_KINDS)
    if field == "involvement":
        return ["", *TABLES["incidents"].column("involvement").allowed]
    if field == "date_precision":
        return ["", "day", "month", "year"]
    if field in ("date_inferred", "place_inferred", "period_inferred"):
        return ["", "yes"]
    if table == "channels" and field == "kind":
        return list(TABLES["channels"].column("kind").allowed)
    if field == "stance":
        return ["used", "not used"]
    return None


def _field_key(prefix: str, cid: str, field: str) -> str:
    return f"{prefix}:{cid}:{field}"


def _fields(table: str) -> tuple[str, ...]:
    fields = REVIEW_FIELDS[table]
    return (*fields, "exclude_reason") if table == "figures" else fields


def _act(action: str, base_key: str, version_key: str, prefix: str, cid: str, units: dict[str, str]) -> None:
    """Button callback (runs before the fragment reruns): record the decision and move on."""
    candidates: pd.DataFrame = st.session_state[base_key]
    current_key, problem_key = f"{base_key}:current", f"{base_key}:problem"
    st.session_state[problem_key] = []
    if action in ("skip", "back"):
        ids = list(candidates["candidate_id"])
        at = ids.index(cid)
        st.session_state[current_key] = ids[(at + (1 if action == "skip" else -1)) % len(ids)]
        return
    table = candidates.loc[candidates["candidate_id"] == cid, "table"].iloc[0]
    values = {f: st.session_state.get(_field_key(prefix, cid, f), "") for f in _fields(table)}
    updated, problems = decide_one(candidates, cid, action, values, units)
    if problems:
        st.session_state[problem_key] = problems
        return
    st.session_state[base_key] = updated
    st.session_state[current_key] = next_to_review(updated, cid)
    st.session_state[version_key] += 1  # the table view redraws from the decided candidates


def one_at_a_time(base_key: str, version_key: str, prefix: str, units: dict[str, str], indicators: list[str]) -> None:
    """The review of one candidate: counter, marked sentence, fields, actions."""
    candidates: pd.DataFrame = st.session_state[base_key]
    current_key = f"{base_key}:current"
    cid = st.session_state.get(current_key)
    if cid not in set(candidates["candidate_id"]):
        cid = st.session_state[current_key] = next_to_review(candidates)
    st.markdown(f"**{chrome.safe_text(review_counter(candidates))}**")
    if cid is None:
        st.success("Every candidate has a decision: read the change below, then write it.")
        return
    row = candidates[candidates["candidate_id"] == cid].iloc[0].to_dict()
    st.subheader(f"{cid}: {TABLE_NAMES.get(row['table'], row['table'])} ({chrome.safe_text(row['decision'])})")
    before, marked, after = marked_quote(row)
    st.markdown(chrome.safe_text(before) + (f":orange-background[**{chrome.safe_text(marked)}**]" if marked else "")
                + chrome.safe_text(after))
    st.caption("Why proposed: " + chrome.safe_text(row["reason"]))
    fields = _fields(row["table"])
    columns = st.columns(3)
    for i, field in enumerate(fields):
        key = _field_key(prefix, cid, field)
        label = field.replace("_", " ").capitalize()
        with columns[i % 3]:
            options = _choices(field, row["table"], indicators)
            value = str(row.get(field, ""))
            if options is not None:
                options = options if value in options else [value, *options]
                st.selectbox(label, options, index=options.index(value), key=key)
            else:
                st.text_input(label, value=value, key=key)
    for problem in st.session_state.get(f"{base_key}:problem", []):
        st.error(chrome.safe_text(problem))
    with st.container(horizontal=True):
        for action, label, shortcut, kind in ACTIONS:
            st.button(label, key=f"curate-one-{action}", type=kind, shortcut=shortcut,
                      help=f"{label} this candidate (key {shortcut})",
                      on_click=_act, args=(action, base_key, version_key, prefix, cid, units))
    st.caption("Keys: A accept (with the fields as edited), X reject, E exclude (give the reason), S skip, B back. "
               "Edit a field, then accept.")
