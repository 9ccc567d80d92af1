"""The timeline's event names, measured in pixels on the figure as plotly draws it.

Each name's box is worked out from the figure alone: its marks from their x and y and the axes'
ranges, a name from its anchor, its shift and an estimated width. Every name must touch its own mark
(anchored at the mark's x: centred above or below it, or starting or ending at its edge), be nearer
to it than to any other mark, stay inside the plot and keep clear of every other name, on a laptop's
page (1280 px), a phone's (390 px), and for two close events like Crocus City Hall and Shiraz.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from conftest import repository_corpus
from core.analysis.documents import short_citations
from core.analysis.events import filter_events
from core.analysis.filters import DEFAULT_KINDS, Filters
from core.analysis.profile import build_profile, timeline_rows
from core.analysis.query import incidents_view
from core.render.charts import event_label, incident_timeline

# The page as chromium draws it (tests/e2e; Streamlit's theme writes ticks and legend at 12 px): the
# chart is 820 px wide on a 1280 px screen and 358 px on a 390 px phone; the plot is that less 80 px of
# margins and 5.2 px a character of the longest kind's name; a legend line is 29 px high, an entry
# 40 px and 5.6 px a character, and it wraps at the plot's width; the legend's offset and the date axis
# take 74 px of the figure's height.
SCREENS = {"laptop": 820, "phone": 358}
CHAR_SHARE, LINE_SHARE = 0.55, 1.25  # a name's character and line as shares of its font size, generously
TOUCH = 4  # px: a name at most this far from its own mark touches it
NEARER = 5  # px: every other mark is at least this much further from a name than its own mark
APART = 2  # px at least between two names


def plot_area(fig, chart_px: float) -> tuple[float, float]:
    """(width, height) of the plot in pixels when the page draws the figure `chart_px` wide."""
    width = chart_px - 80 - 5.2 * max(len(str(k)) for k in fig.layout.yaxis.categoryarray)
    lines, used = 1, 0.0
    for trace in fig.data:
        if trace.showlegend is not False and trace.name:
            entry = 40 + 5.6 * len(trace.name)
            lines, used = (lines + 1, entry) if used and used + entry > width else (lines, used + entry)
    return width, fig.layout.height - 74 - 29 * lines


def _ns(value) -> float:
    return float(pd.Timestamp(value).value)


def geometry(fig, chart_px: float):
    """(marks, names, plot width, plot height): marks as (x, row, centre x, centre y, radius) and names
    as (text, x, row, (left, top, right, bottom)), in pixels from the plot's top left corner."""
    width, height = plot_area(fig, chart_px)
    points = [(x, y, size, symbol, t.marker.line.width or 0)
              for t in fig.data if t.mode == "markers" and t.x is not None and t.x[0] is not None
              for x, y, size, symbol in zip(t.x, t.y, t.marker.size, t.marker.symbol)]
    if fig.layout.xaxis.range:
        low, high = (_ns(v) for v in fig.layout.xaxis.range)
    else:  # plotly's own range (the figures before the ranges were set): the dates and a little more
        times = [_ns(p[0]) for p in points]
        low, high = min(times) - 0.05 * (max(times) - min(times)), max(times) + 0.05 * (max(times) - min(times))
    categories = list(fig.layout.yaxis.categoryarray)
    bottom, top = fig.layout.yaxis.range or (-0.5, len(categories) - 0.5)

    def at(x, row) -> tuple[float, float]:
        return (_ns(x) - low) / (high - low) * width, (top - categories.index(row)) / (top - bottom) * height

    marks = [(x, y, *at(x, y), (1.3 if symbol.startswith("diamond") else 1) * size / 2 + line / 2)
             for x, y, size, symbol, line in points]
    names = []
    for note in fig.layout.annotations:
        if note.xref == "paper":
            continue
        size = note.font.size
        w, h = len(note.text) * CHAR_SHARE * size, LINE_SHARE * size
        ax, ay = at(note.x, note.y)
        ax, ay = ax + (note.xshift or 0), ay - (note.yshift or 0)
        left = {"left": ax, "right": ax - w, "center": ax - w / 2}[note.xanchor]
        upper = {"top": ay, "bottom": ay - h, "middle": ay - h / 2}[note.yanchor]
        names.append((note.text, note.x, note.y, (left, upper, left + w, upper + h)))
    for t in fig.data:  # names written as a text trace, beside its point (the figures before annotations)
        if t.mode == "text" and t.hoverinfo == "skip":
            for x, y, text, position in zip(t.x, t.y, t.text, t.textposition):
                w, h = len(text) * CHAR_SHARE * t.textfont.size, LINE_SHARE * t.textfont.size
                ax, ay = at(x, y)
                vertical, horizontal = position.split()
                left = {"right": ax, "left": ax - w, "center": ax - w / 2}[horizontal]
                upper = {"top": ay - h, "bottom": ay, "middle": ay - h / 2}[vertical]
                names.append((text, x, y, (left, upper, left + w, upper + h)))
    return marks, names, width, height


def distance(box, mark) -> float:
    """Pixels from a box to the edge of a round mark (negative: the mark reaches into the box)."""
    _, _, x, y, radius = mark
    left, top, right, bottom = box
    return math.hypot(max(left - x, 0, x - right), max(top - y, 0, y - bottom)) - radius


def misplaced(fig, chart_px: float) -> list[str]:
    """What is wrong with the figure's names when the page draws it `chart_px` wide."""
    marks, names, width, height = geometry(fig, chart_px)
    wrong = []
    for text, x, row, box in names:
        own = [m for m in marks if m[0] == x and m[1] == row]
        if not own:
            wrong.append(f"{text}: no mark of its own")
            continue
        mark = max(own, key=lambda m: m[4])
        near = min(distance(box, m) for m in own)
        left, top, right, bottom = box
        if not (-0.5 <= left and right <= width + 0.5 and -0.5 <= top and bottom <= height + 0.5):
            wrong.append(f"{text}: outside the plot ({[round(v) for v in box]} of {width:.0f} x {height:.0f})")
        if not 0 <= near <= TOUCH:
            wrong.append(f"{text}: {near:.1f} px from its own mark")
        centred = abs((left + right) / 2 - mark[2]) < 0.5
        at_edge = min(abs(left - mark[2]), abs(right - mark[2])) <= mark[4] + TOUCH
        if not (centred or at_edge):
            wrong.append(f"{text}: neither centred on its mark nor starting or ending at it")
        for other in marks:
            if (other[0], other[1]) != (x, row) and distance(box, other) < near + NEARER:
                wrong.append(f"{text}: {distance(box, other):.1f} px from the mark at {other[0]} on {other[1]!r}, "
                             f"{near:.1f} px from its own")
    for i, (text, _, _, a) in enumerate(names):
        for other, _, _, b in names[i + 1:]:
            if max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3]) < APART:
                wrong.append(f"{text} / {other}: the names touch or overlap")
    return wrong


@pytest.fixture(scope="module")
def attacks():
    """The Attacks page's events: attacks and plots, all countries and years."""
    corpus = repository_corpus()
    return filter_events(incidents_view(corpus), Filters(kinds=DEFAULT_KINDS), short_citations(corpus))


@pytest.fixture(scope="module")
def tajikistan():
    """The country profile's events of Tajikistan, coloured by how each concerns it, as its page draws them."""
    return timeline_rows(build_profile(repository_corpus(), "TJK", Filters()))


@pytest.mark.parametrize("screen", SCREENS)
def test_each_name_on_the_attacks_timeline_belongs_to_its_own_mark(attacks, screen):
    fig = incident_timeline(attacks, "kind", "t")
    assert not misplaced(fig, SCREENS[screen])
    texts = [note.text for note in fig.layout.annotations]
    assert "Crocus City Hall, 145 killed" in texts, texts  # the deadliest, marked key: named first
    # A name is its events' whole label ('Shiraz, 13 killed') or their places ('Shiraz'), never cut.
    dated = attacks[attacks["start"].notna()]
    mids = [t.isoformat() for t in dated["start"] + (dated["end"] - dated["start"]) / 2]
    for note in fig.layout.annotations:
        here = dated[np.array([m == note.x for m in mids]) & (dated["kind"] == note.y).to_numpy()]
        whole = [event_label(p, s, k) for p, s, k in zip(here["place"], here["summary"], here["killed"])]
        assert note.text in (" · ".join(dict.fromkeys(whole)), " · ".join(dict.fromkeys(here["place"]))), note.text


@pytest.mark.parametrize("screen", SCREENS)
def test_each_name_on_a_country_timeline_belongs_to_its_own_mark(tajikistan, screen):
    assert not misplaced(incident_timeline(tajikistan, "group", "t"), SCREENS[screen])


def test_a_name_without_a_place_keeps_whole_words():
    label = event_label("", "Komron Subkhoni al-Umari-Tajiki attacked a shrine in Shiraz", float("nan"))
    words = label.rstrip("…").split()
    assert words and all(w in "Komron Subkhoni al-Umari-Tajiki attacked a shrine in Shiraz".split() for w in words), label


def _event(event_id: str, date: str, precision: str, killed: float, place: str, kind: str = "attack") -> dict:
    start = pd.Timestamp(date)
    end = {"day": start, "month": start + pd.offsets.MonthEnd(0), "year": start + pd.offsets.YearEnd(0)}[precision]
    return {"event_id": event_id, "date": date, "date_precision": precision, "date_inferred": "", "start": start,
            "end": end + pd.Timedelta(hours=23, minutes=59), "kind": kind, "category": "attack", "killed": killed,
            "place": place, "summary": f"An attack in {place}.", "key_event": "yes", "documents": "a document",
            "group_link": "", "group": ""}


@pytest.mark.parametrize("screen", SCREENS)
def test_two_close_events_each_keep_their_own_name(screen):
    """A big mark (145 killed) and a smaller one a year and a half before it on the same row, on a
    timeline stretched over 23 years: the big one's name stands by the big mark, never by the small one."""
    events = pd.DataFrame([_event("crocus", "2024-03", "month", 145.0, "Crocus City Hall"),
                           _event("shiraz", "2022-10-26", "day", 13.0, "Shiraz"),
                           _event("early", "2001-09-11", "day", float("nan"), "New York", kind="bombing")])
    fig = incident_timeline(events, "kind", "t")
    assert not misplaced(fig, SCREENS[screen])
    marks, names, _, _ = geometry(fig, SCREENS[screen])
    crocus = [box for text, *_, box in names if text.startswith("Crocus City Hall")]
    assert crocus, [n[0] for n in names]
    big = max(marks, key=lambda m: m[4])
    assert distance(crocus[0], big) <= TOUCH


def test_every_kind_is_named_on_a_phone(tajikistan):
    """On a phone the profile's timeline names each of its rows (plotly names every other one when
    the rows are lower than its ticks' font), with a row high enough for a name above a mark."""
    fig = incident_timeline(tajikistan, "group", "t")
    rows = list(fig.layout.yaxis.categoryarray)
    assert fig.layout.yaxis.tickmode == "array" and set(fig.layout.yaxis.tickvals) == set(rows)
    _, height = plot_area(fig, SCREENS["phone"])
    bottom, top = fig.layout.yaxis.range or (-0.5, len(rows) - 0.5)
    assert height / (top - bottom) >= 26, f"{height / (top - bottom):.1f} px a row"

