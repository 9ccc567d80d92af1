"""Recruitment views: channels by kind, groups x channels, languages, contradicting claims."""

from __future__ import annotations

import pandas as pd

from core.data.schema import split_list




def channels_by_kind(ch: pd.DataFrame) -> pd.DataFrame:
    return ch.groupby(["kind", "stance"]).size().rename("count").reset_index()


def group_channel_matrix(ch: pd.DataFrame, group_names: dict[str, str]) -> pd.DataFrame:
    """Claims that a group uses a channel: rows are groups, columns channel names."""
    pairs = [(group_names.get(g, g), r.name) for r in ch[ch["stance"] == "used"].itertuples() for g in split_list(r.used_by)]
    if not pairs:
        return pd.DataFrame()
    frame = pd.DataFrame(pairs, columns=["group", "channel"])
    return frame.groupby(["group", "channel"]).size().unstack(fill_value=0)


def languages(ch: pd.DataFrame) -> pd.DataFrame:
    """How many channels use each language: the channels the documents say are used (a channel said to
    be no longer used, such as sermons that "no longer advocate", is not counted)."""
    rows = [(lang, r.name) for r in ch.itertuples() if r.stance == "used" for lang in split_list(r.languages)]
    if not rows:
        return pd.DataFrame(columns=["language", "count"])
    frame = pd.DataFrame(rows, columns=["language", "channel"])
    return frame.groupby("language")["channel"].nunique().rename("count").reset_index()


def contradictions(ch: pd.DataFrame) -> pd.DataFrame:
    """Channels claimed as used by one row and as not used by another."""
    stances = ch.groupby("name")["stance"].nunique()
    names = stances[stances > 1].index
    return ch[ch["name"].isin(names)].sort_values(["name", "stance"])
