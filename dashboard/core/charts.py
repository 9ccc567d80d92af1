"""Chart builders: pure functions from DataFrames to plotly figures (no Streamlit).

Colours: the five Okabe-Ito colours that reach 3:1 against the white chart background (WCAG AA for
graphical objects) and three darker ones chosen to stay distinguishable under simulated protanopia,
deuteranopia and tritanopia (tests/test_contrast.py checks both). Every figure gets a title that
states the filter, and axis titles with units.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

# Okabe-Ito's orange #E69F00, sky blue #56B4E9 and yellow #F0E442 were replaced: 2.3, 2.3 and 1.3 to 1 on white.
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8800FF", "#774422", "#445555", "#000000"]
# Nearest Streamlit Markdown colour names, for legends written as text beside maps.
OKABE_ITO_NAMES = ["blue", "red", "green", "violet", "violet", "orange", "gray", "gray"]
NOT_REPORTED = "#8A8A8A"
MUTED_TEXT = "#666666"  # secondary text in charts ("not reported"): 5.7 to 1 on white
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=13, color="#222")


def esc(text) -> str:
    """Data text shown literally in plotly, which otherwise reads a subset of HTML (<b>, <a href>…)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _esc_all(values) -> list[str]:
    return [esc(v) for v in values]


def _layout(fig: go.Figure, title: str, height: int = 420, **kwargs) -> go.Figure:
    """Title, fonts, size and legend of every chart, on the 'plotly_white' template."""
    fig.update_layout(
        title=dict(text="<br>".join(esc(line) for line in textwrap.wrap(title, 95)), x=0, xanchor="left", font=dict(size=16)),
        font=FONT, height=height, margin=dict(l=10, r=10, t=100, b=50),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, title_text=""), **kwargs,
    )
    # A registered template is valid already: set it as plotly sets its default template, without
    # validating it again (that costs about 7 ms a figure, a third of a small chart).
    fig.layout._validate = False
    try:
        fig.layout.template = pio.templates["plotly_white"]
    finally:
        fig.layout._validate = fig._validate
    return fig


def _pad_x(fig: go.Figure, values, share: float = 0.35) -> None:
    """Leave room right of the longest bar for its label."""
    finite = [float(v) for v in values if v is not None and not pd.isna(v)]
    top = max(finite) if finite and max(finite) > 0 else 1.0
    fig.update_xaxes(range=[0, top * (1 + share)])


def colour_map(values) -> dict[str, str]:
    return {v: OKABE_ITO[i % len(OKABE_ITO)] for i, v in enumerate(sorted(set(values)))}


def empty_figure(title: str, message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=15))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, height=260)


def incident_timeline(inc: pd.DataFrame, colour_by: str, title: str) -> go.Figure:
    """One row per kind of event; a band for the month or year an event is known to, a dot for its day.

    Colour shows the broad category (or the group); dot size follows people killed; events with no
    stated casualties are hollow diamonds.
    """
    dated = inc.dropna(subset=["start"]).copy()
    if dated.empty:
        return empty_figure(title, "No dated incidents match the filters.")
    if colour_by == "group":
        top = dated["group"].replace("", "not attributed").value_counts().index[: len(OKABE_ITO) - 1]
        dated["colour_key"] = dated["group"].replace("", "not attributed").where(lambda g: g.isin(top), "other groups")
    else:
        dated["colour_key"] = dated["category"]
    dated["kind"] = _esc_all(dated["kind"])
    colours = colour_map(dated["colour_key"])
    dated["mid"] = dated["start"] + (dated["end"] - dated["start"]) / 2
    order = dated.sort_values(["category", "kind"])["kind"].unique().tolist()
    traces = []  # plain dicts, validated once by go.Figure: add_trace copies every trace again
    for value, part in dated.groupby("colour_key", sort=True):
        colour = colours[value]
        wide = part[part["date_precision"] != "day"]
        if not wide.empty:
            xs, ys = [], []
            for start, end, kind in zip(wide["start"], wide["end"], wide["kind"]):  # not itertuples: 2 ms a call
                xs += [start, end, None]
                ys += [kind, kind, None]
            traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", line=dict(color=colour, width=12), opacity=0.35,
                               hoverinfo="skip", showlegend=False, legendgroup=value))
        known = part["killed"].notna()
        sizes = 10 + (part["killed"].fillna(0).clip(upper=200) ** 0.5) * 2.2
        symbols = ["circle" if k else "diamond-open" for k in known]
        hover = [
            f"<b>{esc(summary)}</b><br>{esc(date)} ({precision}{', inferred' if inferred == 'yes' else ''})"
            f"<br>{esc(place or 'place not stated')} · {kind}<br>Killed: {'not stated' if pd.isna(killed) else int(killed)}"
            f"<br>Source: {esc(doc_id)} ({esc(incident_id)})"
            for summary, date, precision, inferred, place, kind, killed, doc_id, incident_id in zip(
                part["summary"], part["date"], part["date_precision"], part["date_inferred"], part["place"], part["kind"],
                part["killed"], part["doc_id"], part["incident_id"])
        ]
        traces.append(dict(
            type="scatter", x=part["mid"], y=part["kind"], mode="markers", name=esc(value), legendgroup=value,
            marker=dict(color=colour, size=sizes, symbol=symbols, line=dict(width=2, color=colour)),
            hovertext=hover, hoverinfo="text", customdata=part["incident_id"],
        ))
    traces.append(dict(type="scatter", x=[None], y=[None], mode="markers", name="casualties not stated",
                       marker=dict(symbol="diamond-open", size=11, color="#555")))
    traces.append(dict(type="scatter", x=[None], y=[None], mode="lines", name="known only to the month or year",
                       line=dict(color="#555", width=10), opacity=0.35))
    fig = go.Figure(data=traces)
    fig.update_xaxes(title_text="Date (a band spans the month or year an event is known to)", type="date")
    fig.update_yaxes(title_text="", categoryorder="array", categoryarray=order[::-1])
    fig = _layout(fig, title, height=max(360, 150 + 26 * len(order)))
    return fig


def bar_with_not_reported(table: pd.DataFrame, category: str, value: str, text: str, title: str,
                          axis_title: str, colour: str = OKABE_ITO[0]) -> go.Figure:
    """Horizontal bars; categories with no figure get a grey 'not reported' label instead of a bar."""
    fig = go.Figure()
    reported = table[table[value].notna()]
    missing = table[table[value].isna()]
    fig.add_trace(go.Bar(
        y=_esc_all(reported[category]), x=reported[value], orientation="h", marker_color=colour,
        text=_esc_all(reported[text]), textposition="outside", cliponaxis=False, name="reported",
        hovertext=_esc_all(reported.get("hover", reported[text])), hoverinfo="text",
    ))
    if not missing.empty:
        fig.add_trace(go.Scatter(
            y=_esc_all(missing[category]), x=[0] * len(missing), mode="text", text=["not reported"] * len(missing),
            textposition="middle right", textfont=dict(color=MUTED_TEXT, size=12), name="not reported", hoverinfo="skip",
        ))
    fig.update_xaxes(title_text=axis_title)
    _pad_x(fig, reported[value])
    fig.update_yaxes(title_text="", autorange="reversed", categoryorder="array", categoryarray=_esc_all(table[category]))
    return _layout(fig, title, height=max(240, 70 + 42 * len(table)), showlegend=False)


def range_chart(figs: pd.DataFrame, title: str, axis_title: str, label_column: str = "subject_label") -> go.Figure:
    """Estimates as ranges: a bar from low to high, a dot for a single value, an arrow for bounds."""
    fig = go.Figure()
    if figs.empty:
        return empty_figure(title, "No estimates match the filters.")
    labels = [esc(f"{s} ({d}, {doc} {fid})") for s, d, doc, fid in
              zip(figs[label_column], figs["period"].replace("", "undated"), figs["doc_id"], figs["figure_id"].str.rsplit("-", n=1).str[-1])]
    colours = colour_map(figs["qualifier"])
    for q, part_idx in figs.groupby("qualifier").groups.items():
        part = figs.loc[part_idx]
        ys = [labels[figs.index.get_loc(i)] for i in part_idx]
        if q == "range":
            fig.add_trace(go.Bar(y=ys, x=part["high"] - part["low"], base=part["low"], orientation="h",
                                 marker_color=colours[q], name="range (low–high)", text=_esc_all(part["display"]),
                                 textposition="outside", cliponaxis=False))
        else:
            symbol = {"up to": "triangle-left", "less than": "triangle-left", "at least": "triangle-right",
                      "more than": "triangle-right"}.get(q, "circle")
            fig.add_trace(go.Scatter(y=ys, x=part["value"], mode="markers+text", name=q,
                                     marker=dict(symbol=symbol, size=14, color=colours[q]),
                                     text=_esc_all(part["display"]), textposition="middle right"))
    fig.update_xaxes(title_text=axis_title)
    _pad_x(fig, list(figs["high"]) + list(figs["value"]))
    fig.update_yaxes(title_text="", autorange="reversed")
    return _layout(fig, title, height=max(280, 120 + 40 * len(figs)))


def count_bars(counts: pd.DataFrame, category: str, stack: str | None, title: str, axis_title: str) -> go.Figure:
    fig = go.Figure()
    if counts.empty:
        return empty_figure(title, "Nothing matches the filters.")
    if stack:
        colours = colour_map(counts[stack])
        for value, part in counts.groupby(stack):
            fig.add_trace(go.Bar(y=_esc_all(part[category]), x=part["count"], orientation="h", name=esc(value),
                                 marker_color=colours[value]))
        fig.update_layout(barmode="stack")
    else:
        fig.add_trace(go.Bar(y=_esc_all(counts[category]), x=counts["count"], orientation="h", marker_color=OKABE_ITO[0]))
    fig.update_xaxes(title_text=axis_title, dtick=1 if counts["count"].max() < 12 else None)
    fig.update_yaxes(title_text="", categoryorder="total ascending")
    return _layout(fig, title, height=max(260, 80 + 30 * counts[category].nunique()))


def matrix_heatmap(matrix: pd.DataFrame, title: str, colour_title: str) -> go.Figure:
    """Counts as a heatmap; empty cells stay blank (not claimed), not a zero colour."""
    if matrix.empty:
        return empty_figure(title, "Nothing matches the filters.")
    z = matrix.where(matrix > 0)
    text = matrix.astype(int).astype(str).where(matrix > 0, "")
    fig = go.Figure(go.Heatmap(
        z=z.values, x=_esc_all(matrix.columns), y=_esc_all(matrix.index), text=text.values, texttemplate="%{text}",
        colorscale=[[0, "#DCEBF7"], [1, OKABE_ITO[0]]], colorbar=dict(title=colour_title, thickness=12, nticks=5),
        hoverongaps=False,
        xgap=2, ygap=2,
    ))
    fig.update_xaxes(title_text="", tickangle=-35)
    fig.update_yaxes(title_text="", autorange="reversed")
    return _layout(fig, title, height=max(320, 120 + 28 * len(matrix)))


def series_chart(points: pd.DataFrame, title: str, axis_title: str) -> go.Figure:
    if points.empty:
        return empty_figure(title, "No figures match the filters.")
    fig = go.Figure(go.Bar(x=_esc_all(points["period"]), y=points["value"], text=_esc_all(points["display"]), textposition="outside",
                           marker_color=OKABE_ITO[0], cliponaxis=False))
    fig.update_xaxes(title_text="Month", type="category")
    fig.update_yaxes(title_text=axis_title, rangemode="tozero")
    return _layout(fig, title, height=380, showlegend=False)


def small_multiples(table: pd.DataFrame, panels: list[tuple[str, str]], countries: list[str], title: str) -> go.Figure:
    """One small bar chart per indicator across countries; 'not reported' is written, never drawn as 0."""
    from plotly.subplots import make_subplots

    cols = 2
    rows = max(1, -(-len(panels) // cols))
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[esc(label) for _, label in panels],
                        horizontal_spacing=0.22, vertical_spacing=0.5 / max(rows, 1))
    for i, (indicator, _label) in enumerate(panels):
        r, c = i // cols + 1, i % cols + 1
        part = table[table["indicator"] == indicator].set_index("country")
        values = [part["value"].get(k) if k in part.index else None for k in countries]
        texts = [esc(part["display"].get(k)) if k in part.index else "not reported" for k in countries]
        fig.add_trace(go.Bar(
            y=_esc_all(countries), x=[v if v is not None and not pd.isna(v) else 0 for v in values], orientation="h",
            marker_color=[OKABE_ITO[0] if v is not None and not pd.isna(v) else NOT_REPORTED for v in values],
            text=texts, textposition="outside", cliponaxis=False, showlegend=False,
            hovertext=[f"{esc(k)}: {t}" for k, t in zip(countries, texts)], hoverinfo="text",
        ), row=r, col=c)
        fig.update_yaxes(autorange="reversed", row=r, col=c)
        finite = [v for v in values if v is not None and not pd.isna(v)]
        top = max(finite) if finite and max(finite) > 0 else 1.0
        fig.update_xaxes(showticklabels=False, range=[0, top * 1.8], row=r, col=c)
    return _layout(fig, title, height=max(320, 60 + 70 * len(countries) * rows // 2 + 120 * rows), showlegend=False)
