"""Recruitment: channels, who uses them, in which languages, the Telegram blocking figures,
and claims that contradict each other side by side."""

import numpy as np
import streamlit as st

from core.render.alt_text import counts_summary, matrix_summary, series_summary
from core.render.charts import count_bars, matrix_heatmap, series_chart
from core.analysis.filters import describe
from core.analysis.query import country_names, filter_figures, rows_where
from core.analysis.disagreements import disagreements
from core.analysis.documents import short_citations
from core.analysis.recruitment import channels_by_kind, contradictions, group_channel_matrix, languages
from ui import cache, chrome, graphics, layout, state, store, tables

corpus = store.corpus()
groups = store.group_names()
state.page_multiselect("Group", "groups", groups)
f = state.current()
names = country_names(corpus)


def channel_rows(chosen_groups: tuple[str, ...]):
    """(claims, claims naming a user, contradicting claims) under the group filter."""
    ch = corpus["channels"]
    if chosen_groups:
        ch = ch[ch["used_by"].map(lambda u: bool(set(x.strip() for x in u.split(";")) & set(chosen_groups)))]
    return ch, ch[ch["used_by"] != ""], contradictions(ch)


ch, used, clash = cache.cached("channel-rows", lambda: channel_rows(f.groups), f.groups)  # the only filter on channels
chrome.header("Recruitment", f"Recruitment and propaganda channels: {len(ch)} claims about {len(set(ch['name']))} channels"
          + (f" used by {', '.join(groups[g] for g in f.groups)}" if f.groups else "")
          + " (the country and year filters apply to the figures below, not to channel claims, which are rarely dated)")
chrome.problem_banner(corpus, "channels", "figures", "groups")

if ch.empty:
    chrome.empty_state("channel claims", chrome.widen_suggestion(f))
else:
    shown = cache.ids(ch, "channel_id")  # channel claims follow the group filter only
    left, right = st.columns(2)
    with left:
        graphics.chart(lambda: count_bars(channels_by_kind(ch), "kind", "stance", "Channel claims by kind of channel",
                            "Claims in the documents"), "by-kind", shown, rows=ch, id_column="channel_id", applies=("groups",),
                 summary=lambda: counts_summary(channels_by_kind(ch), "kind", "Channel claims by kind of channel", "stance"),
                 data=lambda: channels_by_kind(ch))
    with right:
        graphics.chart(lambda: count_bars(languages(ch), "language", None, "Languages of the channels in use",
                            "Channels in use"), "languages", shown, rows=ch, id_column="channel_id", applies=("groups",),
                 summary=lambda: counts_summary(languages(ch), "language", "Channels in use with each language (channels said to be no longer used are left out)"),
                 data=lambda: languages(ch))
    tables.sources_section(ch, "channel_id", corpus, key="channels")
    st.header("Which group uses which channel")
    matrix = cache.cached("group-channel-matrix", lambda: group_channel_matrix(ch, groups), shown)
    # A cell per channel stays wide enough for its count: on a phone the grid scrolls sideways, never shrinks.
    with layout.scrolling("matrix", layout.heatmap_width(matrix.shape[1], max((len(g) for g in matrix.index), default=0))):
        graphics.chart(lambda: matrix_heatmap(matrix, "Claims that a group uses a channel (group x channel)", "claims"),
                       "matrix", shown, rows=used, id_column="channel_id", applies=("groups",),
                       summary=lambda: matrix_summary(matrix, "Claims that a group uses a channel (group: channel claims)"),
                       data=lambda: matrix.rename_axis(index="group").reset_index())
    st.caption("A number is how many quoted claims link the group to the channel; an empty cell means no document says so. "
               "On a narrow screen the grid keeps its cells readable: swipe it sideways to see every channel.")

figs = filter_figures(store.figures(), f)


def figure_rows() -> tuple:
    """(Telegram blocking figures by month, recruitment and mobilization figures that differ by document)."""
    tg = rows_where(figs, figs["indicator"].to_numpy() == "telegram_blocked_bots_channels").sort_values("period_start")
    topics = rows_where(figs, np.isin(figs["topic"].to_numpy(), ["recruitment", "mobilization"]))
    return tg.assign(period=tg["period_start"]), disagreements(topics, short_citations(corpus))


tg, diff = cache.cached("recruitment-figures", figure_rows, cache.ids(figs, "figure_id"))
st.header("Telegram: terrorist bots and channels blocked")
if tg.empty:
    chrome.empty_state("Telegram blocking figures", chrome.widen_suggestion(f))
else:
    title = f"Terrorist bots and channels blocked by Telegram per month ({describe(f, names)})"
    graphics.chart(lambda: series_chart(tg, title, "Bots and channels blocked in the month"), "telegram",
             cache.ids(tg, "figure_id"), title=title, rows=tg, id_column="figure_id",
             summary=lambda: series_summary(tg, "Terrorist bots and channels blocked by Telegram in the month"),
             data=lambda: tg[["period", "display", "qualifier", "doc_id", "figure_id"]])
    st.caption("As reported by the ISIS Watch channel and cited by one document; only two months are given, "
               "so the chart shows two points, not a trend.")
    tables.sources_section(tg, "figure_id", corpus)

st.header("Claims that contradict each other")
if clash.empty:
    st.caption("No channel is claimed both as used and as not used under these filters.")
sides_by_channel = cache.cached("disagreement-lines", lambda: [
    (name, [(f"*{chrome.safe_text(r.stance)}* according to {chrome.cite(r.doc_id, r.channel_id)}", f"\u201c{chrome.safe_text(r.quote)}\u201d")
            for r in part.itertuples()]) for name, part in clash.groupby("name")], f.groups,
    state.pack_key())  # the citations carry the pack
for name, sides in sides_by_channel:
    st.markdown(f"**{chrome.safe_text(name)}**")
    for col, (said, quoted) in zip(st.columns(len(sides)), sides):
        col.markdown(said)
        col.caption(quoted)
tables.sources_section(clash, "channel_id", corpus, key="disagreements")
if not diff.empty:
    st.markdown("**Where the documents differ on the same figure** (same indicator, people and period; values that "
                "cannot both hold)")
    tables.table(lambda: diff[["indicator", "figure", "document", "about", "period", "quote"]], "differing-figures",
                 rows=diff, depends=cache.ids(diff, "figure_id"))
