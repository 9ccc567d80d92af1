"""Chart builders: pure functions from DataFrames to plotly figures (no Streamlit).

Colours: the five Okabe-Ito colours that reach 3:1 against the white chart background (WCAG AA for
graphical objects) and three darker ones chosen to stay distinguishable under simulated protanopia,
deuteranopia and tritanopia (tests/test_contrast.py checks both). Every figure gets a title that
states the filter, and axis titles with units.

Traces and layouts are written as plain dicts (values as lists, independent of the input frames)
and made into one go.Figure at the end; the page caches each figure on the rows it draws (ui.cache).
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections import Counter

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from core.render.labels import NAME_FONT, place_timeline_names, timeline_frame

# Okabe-Ito's orange #E69F00, sky blue #56B4E9 and yellow #F0E442 were replaced: 2.3, 2.3 and 1.3 to 1 on white.
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8800FF", "#774422", "#445555", "#000000"]
NOT_REPORTED = "#8A8A8A"
# One colour per category of event, everywhere (timelines, maps, legends, exports; legends written
# beside a drawing use these colours too: core.render.legend).
CATEGORY_COLOURS = {"attack": "#D55E00", "plot": "#0072B2", "arrest": "#009E73", "group event": "#CC79A7",
                    "policy": "#445555", "unrest": "#774422", "state strike": "#000000", "court case": "#5D3A9B",
                    "other": "#6E6E6E"}
# Groups or relations (a timeline coloured by group, a profile's timeline by how events concern the
# country): colours no category of event uses, so that vermilion always means an attack.
GROUP_COLOURS = ["#332288", "#117733", "#882255", "#8800FF", "#AA4499", "#6B5B00", "#1A6B6B", "#555555"]
MUTED_TEXT = "#666666"  # secondary text in charts ("not reported"): 5.7 to 1 on white
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=13, color="#222")


def esc(text) -> str:
    """Data text shown literally in plotly, which otherwise reads a subset of HTML (<b>, <a href>…)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _esc_all(values) -> list[str]:
    return [esc(v) for v in values]


def _figure(traces: list[dict], title: str, height: int = 420, **layout) -> go.Figure:
    """The figure with the title, fonts, size and legend of every chart. No template in the figure: on the
    page Streamlit's theme draws it, and exports apply 'plotly_white' (core.render.export.for_slide);
    a template in every figure costs three times the figure itself to build and send.

    No dragging on the page (dragmode False): on a phone a drag that starts on a chart must scroll
    the page, and plotly takes every drag for zooming otherwise. With no toolbar on the page
    (core.render.export.toolbar_config), nothing covers the legend above the plot."""
    layout = dict(
        title=dict(text="<br>".join(esc(line) for line in textwrap.wrap(title, 95)), x=0, xanchor="left", font=dict(size=16)),
        font=FONT, height=height, margin=dict(l=10, r=10, t=100, b=50),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, title=dict(text="")), dragmode=False, template={}, **layout,
    )
    return go.Figure(dict(data=traces, layout=layout))


def _x_range(values, share: float = 0.35) -> list[float]:
    """From 0 to past the longest bar, leaving room for its label."""
    finite = [float(v) for v in values if v is not None and not pd.isna(v)]
    top = max(finite) if finite and max(finite) > 0 else 1.0
    return [0, top * (1 + share)]


def _rows_by(keys) -> dict:
    """Row positions per key, keys sorted and rows in order, as DataFrame.groupby would split them
    (without building a frame per group, which costs more than the chart on these small tables)."""
    rows: dict = {}
    for i, key in enumerate(keys):
        rows.setdefault(key, []).append(i)
    return {key: rows[key] for key in sorted(rows)}


def colour_map(values, palette: list[str] = OKABE_ITO) -> dict[str, str]:
    return {v: palette[i % len(palette)] for i, v in enumerate(sorted(set(values)))}


def empty_figure(title: str, message: str) -> go.Figure:
    return _figure([], title, height=260, xaxis=dict(visible=False), yaxis=dict(visible=False), annotations=[
        dict(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=15))])


def event_label(place: str, summary: str, killed) -> str:
    """'Crocus City Hall, 145 killed': where, and the toll where a document states it (with no place, the
    summary's first whole words: a name such as 'al-Umari' is not cut at its hyphen)."""
    where = place or textwrap.shorten(str(summary), 28, placeholder="…", break_on_hyphens=False)
    return where + ("" if pd.isna(killed) else f", {int(killed)} killed")


# The page on a phone as chromium draws it (Streamlit's theme: 12 px ticks and legend): 358 px less the
# margins (80) and the kinds' names (5.2 px a character) leave the dates; the legend wraps at their width,
# 29 px a line, an entry 42 px and 6 px a character; the axis and the legend's offset take 74 px. A row
# is ROW_PX high there at least: room for a name above or below a mark.
PHONE_PX, PHONE_MARGINS_PX, TICK_CHAR_PX = 358, 80, 5.2
LEGEND_LINE_PX, LEGEND_ENTRY_PX, LEGEND_CHAR_PX, AXIS_PX = 29, 42, 6.0, 74
ROW_PX = 30


def _legend_lines(names: list[str], width: float) -> int:
    lines, used = 1, 0.0
    for entry in (LEGEND_ENTRY_PX + LEGEND_CHAR_PX * len(name) for name in names):
        lines, used = (lines + 1, entry) if used and used + entry > width else (lines, used + entry)
    return lines


def event_names(dated: pd.DataFrame, xs: list[str], rows: list[str], marked: np.ndarray, marks: list[tuple],
                room: tuple[float, float], narrowest: float) -> list[dict]:
    """Annotations naming the events a reader looks for: those the curator marks as key (`marked`),
    then those with casualties stated (the most killed first). Events at one spot share a name, cut
    to their places where the whole name finds no room; labels.place_timeline_names puts each beside
    its own mark, from a phone's width (`narrowest`) to a slide's, and leaves out a name that finds no
    room (the hover and the table still give it). `marks`, `room`: labels.timeline_frame."""
    killed = dated["killed"].to_numpy(dtype=float, na_value=np.nan)
    places, summaries = dated["place"].tolist(), dated["summary"].tolist()
    spots: dict[tuple[str, str], list[int]] = {}
    for i in np.flatnonzero(marked | ~np.isnan(killed)):
        spots.setdefault((rows[i], xs[i]), []).append(i)
    rank = {key: min((0 if marked[i] else 1, -np.nan_to_num(killed[i])) for i in events) for key, events in spots.items()}
    wanted = []
    for key in sorted(spots, key=lambda k: (rank[k], k)):
        events = spots[key]
        whole = " · ".join(dict.fromkeys(event_label(places[i], summaries[i], killed[i]) for i in events))
        where = " · ".join(dict.fromkeys(places[i] for i in events)) if all(places[i] for i in events) else whole
        wanted.append((events[0], list(dict.fromkeys([whole, where]))))
    placed = sorted(place_timeline_names(marks, wanted, max(m[1] for m in marks) + 1, room, narrowest, ROW_PX),
                    key=lambda p: p[0])
    return [dict(x=xs[i], y=rows[i], text=esc(text), showarrow=False, font=dict(size=NAME_FONT, color="#222"),
                 borderpad=0, borderwidth=0, **anchor) for i, text, anchor in placed]


def incident_timeline(inc: pd.DataFrame, colour_by: str, title: str) -> go.Figure:
    """One row per kind of event; a band for the month or year an event is known to, a dot for its day.

    Colour shows the broad category (or the group); dot size follows people killed; events with no
    stated casualties are hollow diamonds. The axes' ranges are set (not left to plotly, which pads
    them by the width drawn), so that the names are placed on the same geometry at every width.
    """
    dated = inc[inc["start"].notna()]
    if dated.empty:
        return empty_figure(title, "No dated incidents match the filters.")
    if colour_by == "group":
        column = "group_link" if "group_link" in dated else "group"
        groups = ["no group named" if g == "" else g for g in dated[column]]
        top = {g for g, _ in Counter(groups).most_common(len(GROUP_COLOURS) - 1)}  # ties: first seen, as value_counts
        keys = [g if g in top else "other groups" for g in groups]
        colours = colour_map(keys, GROUP_COLOURS)
    else:
        keys = dated["category"].tolist()
        colours = {k: CATEGORY_COLOURS.get(k, CATEGORY_COLOURS["other"]) for k in keys}
    kinds = _esc_all(dated["kind"])
    # Dates as the ISO text plotly writes for them: copying and encoding Timestamps costs ten times more.
    starts, ends = [t.isoformat() for t in dated["start"]], [t.isoformat() for t in dated["end"]]
    mids = [t.isoformat() for t in dated["start"] + (dated["end"] - dated["start"]) / 2]
    precisions = dated["date_precision"].tolist()
    killed = dated["killed"].tolist()
    sizes = [10 + math.sqrt(0 if pd.isna(k) else min(k, 200)) * 2.2 for k in killed]
    symbols = ["diamond-open" if pd.isna(k) else "circle" for k in killed]
    # How far each mark reaches from its centre: plotly draws a diamond 1.3 times its radius; the outline adds 1 px.
    radii = [s / 2 * (1.3 if symbol == "diamond-open" else 1) + 1 for s, symbol in zip(sizes, symbols)]
    ids = (dated["event_id"] if "event_id" in dated else dated["incident_id"]).tolist()
    sources = (dated["documents"] if "documents" in dated else dated["doc_id"]).tolist()
    hover = [
        f"<b>{esc(summary)}</b><br>{esc(date)} ({precision}{', inferred' if inferred == 'yes' else ''})"
        f"<br>{esc(place or 'place not stated')} · {kind}<br>Killed: {'not stated' if pd.isna(dead) else int(dead)}"
        f"<br>Reported by: {esc(source)}"
        for summary, date, precision, inferred, place, kind, dead, source in zip(
            dated["summary"], dated["date"], precisions, dated["date_inferred"], dated["place"], kinds, killed, sources)
    ]
    traces = []
    for key, rows in _rows_by(keys).items():
        colour = colours[key]
        xs, ys = [], []
        for i in rows:
            if precisions[i] != "day":
                xs += [starts[i], ends[i], None]
                ys += [kinds[i], kinds[i], None]
        if xs:
            traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", line=dict(color=colour, width=12), opacity=0.35,
                               hoverinfo="skip", showlegend=False, legendgroup=key))
        traces.append(dict(
            type="scatter", x=[mids[i] for i in rows], y=[kinds[i] for i in rows], mode="markers", name=esc(key),
            legendgroup=key, hovertext=[hover[i] for i in rows], hoverinfo="text", customdata=[ids[i] for i in rows],
            marker=dict(color=colour, size=[sizes[i] for i in rows], symbol=[symbols[i] for i in rows],
                        line=dict(width=2, color=colour)),
        ))
    order = list(dict.fromkeys(kind for _, kind in sorted(zip(dated["category"], kinds))))  # by category, then kind
    traces.append(dict(type="scatter", x=[None], y=[None], mode="markers", name="casualties not stated",
                       marker=dict(symbol="diamond-open", size=11, color="#555")))
    traces.append(dict(type="scatter", x=[None], y=[None], mode="lines", name="known only to the month or year",
                       line=dict(color="#555", width=10), opacity=0.35))
    marked = (dated["key_event"] == "yes").to_numpy() if "key_event" in dated else np.zeros(len(dated), bool)
    narrowest = PHONE_PX - PHONE_MARGINS_PX - TICK_CHAR_PX * max(len(kind) for kind in order)
    row_of = {kind: i for i, kind in enumerate(order)}
    bands = [(pd.Timestamp(start).value, pd.Timestamp(end).value)
             for start, end, precision in zip(starts, ends, precisions) if precision != "day"]
    (low, high), room, marks = timeline_frame([pd.Timestamp(x).value for x in mids], [row_of[k] for k in kinds], radii,
                                              marked | dated["killed"].notna().to_numpy(), bands, len(order), narrowest,
                                              ROW_PX)
    legend = [t["name"] for t in traces if t.get("showlegend", True) and t.get("name")]
    height = AXIS_PX + LEGEND_LINE_PX * _legend_lines(legend, narrowest) + ROW_PX * (len(order) + sum(room))
    return _figure(traces, title, height=max(360, math.ceil(height)),
                   annotations=event_names(dated, mids, kinds, marked, marks, room, narrowest),
                   xaxis=dict(title=dict(text="Date"), type="date",  # the band is named in the legend and the caption
                              range=[pd.Timestamp(int(low)).floor("D").isoformat(),
                                     pd.Timestamp(int(high)).ceil("D").isoformat()]),
                   # every kind named, none skipped for want of room; room above and below (timeline_frame)
                   yaxis=dict(title=dict(text=""), categoryorder="array", categoryarray=order[::-1], tickmode="array",
                              tickvals=order, range=[-0.5 - room[1], len(order) - 0.5 + room[0]]))


def bar_with_not_reported(table: pd.DataFrame, category: str, value: str, text: str, title: str,
                          axis_title: str, colour: str = OKABE_ITO[0]) -> go.Figure:
    """Horizontal bars; categories with no figure get a grey label instead of a bar: their own `text`
    where the page has words for them ('no number given'), else 'not reported'."""
    labels, values, reported = _esc_all(table[category]), table[value].tolist(), table[value].notna().tolist()
    if not any(reported):  # no bar to draw: what each category has instead, in words
        return empty_figure(title, "No number to draw. " + " ".join(
            f"{esc(c)}: {esc(t or 'not reported')}." for c, t in zip(table[category], table[text])))
    texts = _esc_all(table[text])
    hover = _esc_all(table["hover"]) if "hover" in table else texts

    def pick(items: list, has_value: bool = True) -> list:
        """The items of the rows with (or without) a value."""
        return [item for item, given in zip(items, reported) if given == has_value]

    traces = [dict(type="bar", y=pick(labels), x=pick(values), orientation="h", marker=dict(color=colour), text=pick(texts),
                   textposition="outside", cliponaxis=False, name="reported", hovertext=pick(hover), hoverinfo="text")]
    missing = pick(labels, has_value=False)
    if missing:
        traces.append(dict(type="scatter", y=missing, x=[0] * len(missing), mode="text", text=[t or "not reported" for t in pick(texts, has_value=False)],
                           textposition="middle right", textfont=dict(color=MUTED_TEXT, size=12), name="no figure",
                           hoverinfo="skip"))
    return _figure(traces, title, height=max(240, 70 + 42 * len(table)), showlegend=False,
                   xaxis=dict(title=dict(text=axis_title), range=_x_range(pick(values))),
                   yaxis=dict(title=dict(text=""), autorange="reversed", categoryorder="array", categoryarray=labels))


LABEL_CHARS = 40  # a range chart's label lines: about 300 px, what a phone leaves beside the axis
LINE_PX, MARK_PX = 16, 40  # a label line's height; the bar or dot below it, with the gap to the next row


def range_chart(figs: pd.DataFrame, title: str, axis_title: str, label_column: str = "subject_label") -> go.Figure:
    """Estimates as ranges: a bar from low to high, a dot for a single value, an arrow for bounds.

    Each estimate's label is written above its bar, from the plot's left edge: what, then when and
    whose, each wrapped at LABEL_CHARS. Beside the bar, a phone's 358 px left the bar and its words
    ('300–700', 'around a third') no room, and they ran past the screen's edge. Row i is drawn at y = i
    (the axis reversed, so the first row is on top): its label fills the row's upper part, its mark
    the lower part."""
    if figs.empty:
        return empty_figure(title, "No estimates match the filters.")
    sources = figs["source"] if "source" in figs else figs["doc_id"]
    labels, seen = [], Counter()
    for subject, period, source in zip(figs[label_column], figs["period"], sources):
        when = f"({'undated' if period == '' else period}, {source})"
        seen[subject, when] += 1  # a second estimate of the same subject, period and source says so
        what = subject if seen[subject, when] == 1 else f"{subject}, estimate {seen[subject, when]}"
        labels.append("<br>".join(esc(line) for line in textwrap.wrap(what, LABEL_CHARS) + textwrap.wrap(when, LABEL_CHARS)))
    lines = max(label.count("<br>") + 1 for label in labels)
    row_px = LINE_PX * lines + MARK_PX
    mark = -0.5 + (LINE_PX * lines + 4 + MARK_PX / 2 - 2) / row_px  # where its bar or dot is centred
    qualifiers, lows, highs, values = (figs[c].tolist() for c in ("qualifier", "low", "high", "value"))
    displays = _esc_all(figs["display"])
    colours = colour_map(qualifiers)
    traces = []
    for q, rows in _rows_by(qualifiers).items():
        ys, texts = [i + mark for i in rows], [displays[i] for i in rows]
        said = dict(customdata=[labels[i] for i in rows], hovertemplate="%{customdata}: %{text}<extra></extra>")
        if q == "range":
            traces.append(dict(type="bar", y=ys, x=[highs[i] - lows[i] for i in rows], base=[lows[i] for i in rows],
                               orientation="h", width=20 / row_px, marker=dict(color=colours[q]), name="range (low–high)",
                               text=texts, textposition="outside", cliponaxis=False, **said))
        else:
            symbol = {"up to": "triangle-left", "less than": "triangle-left", "at least": "triangle-right",
                      "more than": "triangle-right"}.get(q, "circle")
            traces.append(dict(type="scatter", y=ys, x=[values[i] for i in rows], mode="markers+text", name=q,
                               marker=dict(symbol=symbol, size=14, color=colours[q]), text=texts,
                               textposition="middle right", **said))
    # Each label stands on its own mark, 12 px above its centre, whatever height the chart is drawn at
    # (a slide stretches the rows).
    notes = [dict(text=label, xref="paper", x=0, xanchor="left", y=i + mark, yanchor="bottom", yshift=12,
                  showarrow=False, align="left") for i, label in enumerate(labels)]
    return _figure(traces, title, height=150 + row_px * len(figs), annotations=notes,  # margins: 150 px
                   # room right of the longest bar for its words ("around a third"), also on a phone
                   xaxis=dict(title=dict(text=axis_title), range=_x_range(highs + values, share=0.8)),
                   yaxis=dict(title=dict(text=""), range=[len(figs) - 0.5, -0.5], showticklabels=False,
                              showgrid=False, zeroline=False, fixedrange=True))


def count_bars(counts: pd.DataFrame, category: str, stack: str | None, title: str, axis_title: str) -> go.Figure:
    if counts.empty:
        return empty_figure(title, "Nothing matches the filters.")
    labels, numbers = _esc_all(counts[category]), counts["count"].tolist()
    layout = dict(xaxis=dict(title=dict(text=axis_title)), yaxis=dict(title=dict(text=""), categoryorder="total ascending"))
    if stack:
        stacks = counts[stack].tolist()
        colours = colour_map(stacks)
        traces = [dict(type="bar", y=[labels[i] for i in rows], x=[numbers[i] for i in rows], orientation="h", name=esc(value),
                       marker=dict(color=colours[value])) for value, rows in _rows_by(stacks).items()]
        layout["barmode"] = "stack"
    else:
        traces = [dict(type="bar", y=labels, x=numbers, orientation="h", marker=dict(color=OKABE_ITO[0]))]
    if max(numbers) < 12:
        layout["xaxis"]["dtick"] = 1
    return _figure(traces, title, height=max(260, 80 + 30 * counts[category].nunique()), **layout)


def matrix_heatmap(matrix: pd.DataFrame, title: str, colour_title: str) -> go.Figure:
    """Counts as a heatmap; empty cells stay blank (not claimed), not a zero colour."""
    if matrix.empty:
        return empty_figure(title, "Nothing matches the filters.")
    counts = matrix.to_numpy()
    claimed = counts > 0
    z = counts if claimed.all() else np.where(claimed, counts, np.nan)  # as DataFrame.where: floats once a cell is blank
    heatmap = dict(
        type="heatmap", z=z.tolist(), x=_esc_all(matrix.columns), y=_esc_all(matrix.index),
        text=[[str(int(n)) if n > 0 else "" for n in row] for row in counts.tolist()], texttemplate="%{text}",
        colorscale=[[0, "#DCEBF7"], [1, OKABE_ITO[0]]], colorbar=dict(title=dict(text=colour_title), thickness=12, nticks=5),
        hoverongaps=False, xgap=2, ygap=2,
    )
    return _figure([heatmap], title, height=max(320, 120 + 28 * len(matrix)),
                   xaxis=dict(title=dict(text=""), tickangle=-35), yaxis=dict(title=dict(text=""), autorange="reversed"))


def series_chart(points: pd.DataFrame, title: str, axis_title: str) -> go.Figure:
    if points.empty:
        return empty_figure(title, "No figures match the filters.")
    bars = dict(type="bar", x=_esc_all(points["period"]), y=points["value"].tolist(), text=_esc_all(points["display"]),
                textposition="outside", marker=dict(color=OKABE_ITO[0]), cliponaxis=False)
    return _figure([bars], title, height=380, showlegend=False, xaxis=dict(title=dict(text="Month"), type="category"),
                   yaxis=dict(title=dict(text=axis_title), rangemode="tozero"))


def _axis_suffix(n: int) -> str:
    return str(n) if n > 1 else ""


@functools.cache
def _subplot_grid(rows: int, cols: int) -> tuple:
    """((x domain, y domain) of each cell, row by row from the top left) as make_subplots lays out
    small_multiples' grid (tests/test_charts.py compares the two); make_subplots builds and validates
    a whole figure to find them, 50 ms for each new number of panels."""
    h_space, v_space = 0.22, 0.5 / rows
    width, height = (1 - h_space * (cols - 1)) / cols, (1 - v_space * (rows - 1)) / rows
    cells = []
    for row in range(rows):
        top = 1 - row * (height + v_space)
        for col in range(cols):
            left = col * (width + h_space)
            cells.append(((left, min(1.0, left + width)), (max(0.0, top - height), top)))  # no rounding past the edge
    return tuple(cells)


def small_multiples(table: pd.DataFrame, panels: list[tuple[str, str]], countries: list[str], title: str,
                    said: dict[str, tuple[set[str], str]] | None = None, absent: str = "not reported") -> go.Figure:
    """One small bar chart per indicator across countries; `absent` ('not reported') is written, never
    drawn as 0, or the words `said` gives for a country with no figure ({indicator: (country names, words)})."""
    cols = 2
    rows = max(1, -(-len(panels) // cols))
    cells: dict[tuple[str, str], tuple] = {}  # (indicator, country) -> (value, display) of its first row
    for indicator, country, value, display in zip(table["indicator"], table["country"], table["value"], table["display"]):
        cells.setdefault((indicator, country), (value, display))
    labels = _esc_all(countries)
    axes, titles, traces = {}, [], []
    for n, (x_domain, y_domain) in enumerate(_subplot_grid(rows, cols), start=1):
        s = _axis_suffix(n)
        xaxis = axes[f"xaxis{s}"] = dict(anchor=f"y{s}", domain=list(x_domain))
        yaxis = axes[f"yaxis{s}"] = dict(anchor=f"x{s}", domain=list(y_domain))
        if n > len(panels):  # the spare cell of an odd number of panels: no bare axes drawn
            xaxis["visible"] = yaxis["visible"] = False
            continue
        indicator, label = panels[n - 1]
        if esc(label):  # make_subplots leaves out empty subplot titles
            titles.append(dict(text=esc(label), x=sum(x_domain) / 2.0, y=y_domain[1], xref="paper", yref="paper", showarrow=False,
                               font=dict(size=16), xanchor="center", yanchor="bottom"))
        found = [cells.get((indicator, k)) for k in countries]
        reported = [cell is not None and not pd.isna(cell[0]) for cell in found]
        named, words = (said or {}).get(indicator, (set(), ""))
        texts = [(esc(words) if k in named else esc(absent)) if cell is None else esc(cell[1])
                 for k, cell in zip(countries, found)]
        values = [cell[0] if has_value else 0 for cell, has_value in zip(found, reported)]
        traces.append(dict(
            type="bar", y=labels, x=values, orientation="h", xaxis=f"x{s}", yaxis=f"y{s}",
            marker=dict(color=[OKABE_ITO[0] if has_value else NOT_REPORTED for has_value in reported]),
            text=texts, textposition="outside", cliponaxis=False, showlegend=False,
            hovertext=[f"{esc(k)}: {t}" for k, t in zip(countries, texts)], hoverinfo="text",
        ))
        xaxis.update(showticklabels=False, range=_x_range([v for v, has_value in zip(values, reported) if has_value], share=0.8))
        yaxis["autorange"] = "reversed"
    return _figure(traces, title, height=max(320, 60 + 70 * len(countries) * rows // 2 + 120 * rows), showlegend=False,
                   annotations=titles, **axes)
