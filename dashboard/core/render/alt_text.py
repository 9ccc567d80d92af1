"""Text alternatives for charts: a sentence a screen reader can read, and the data as a table.

Pages should pass a sentence built from their own rows (it can say "not reported", qualifiers and
periods); this module reads one off any plotly figure for charts that do not."""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress

import pandas as pd
import plotly.graph_objects as go

from core.analysis.plain import count_of
from core.analysis.query import place_name

MAX_ITEMS = 8


def _plain(text) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(text or ""))).strip()


def _values(x) -> list:
    if x is None:
        return []
    return list(x.tolist() if hasattr(x, "tolist") else x)


def figure_table(fig: go.Figure) -> pd.DataFrame:
    """One row per plotted point: the trace, its category (x or y label) and its value."""
    rows = []
    for trace in fig.data:
        name = _plain(getattr(trace, "name", "") or "")
        if trace.type == "heatmap":
            zs, xs, ys = _values(trace.z), _values(trace.x), _values(trace.y)
            for i, row in enumerate(zs):
                for j, value in enumerate(_values(row)):
                    if value is not None and not (isinstance(value, float) and pd.isna(value)):
                        rows.append({"series": name, "row": _plain(ys[i] if i < len(ys) else i),
                                     "column": _plain(xs[j] if j < len(xs) else j), "value": value})
            continue
        xs, ys = _values(getattr(trace, "x", None)), _values(getattr(trace, "y", None))
        horizontal = getattr(trace, "orientation", None) == "h"
        labels, values = (ys, xs) if horizontal else (xs, ys)
        named = _values(getattr(trace, "customdata", None))
        if named and ys and all(isinstance(v, (int, float)) for v in ys):
            # Rows drawn at numbered positions with their labels written above (charts.range_chart): the
            # label is the trace's customdata, the value its words ('300–700', 'around a third').
            labels, values = named, _values(trace.text)
        elif getattr(trace, "mode", None) == "text":  # words drawn in place of a mark ("not reported")
            numeric_x = all(isinstance(v, (int, float)) for v in xs)
            labels, values = (ys if numeric_x else xs), _values(trace.text)
        for i, value in enumerate(values):
            label = labels[i] if i < len(labels) else ""
            rows.append({"series": name, "category": _plain(label), "value": value})
    table = pd.DataFrame(rows)
    if not table.empty:
        numeric = pd.to_numeric(table["value"], errors="coerce")
        missing = table["value"].map(_missing)
        table["value"] = numeric if (numeric.notna() | missing).all() else \
            table["value"].map(lambda v: None if _missing(v) else _number(v) if isinstance(v, (int, float)) else _plain(v))
    return table


def _number(value) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def figure_items(fig: go.Figure) -> tuple[str | None, pd.DataFrame]:
    """('<first items>; and N more in the data table', table) read off the figure's traces, or
    (None, empty table) when it draws nothing: legend-only traces are left out, a blank value reads
    "not reported", and a trace name is said only when the chart has several. Independent of the
    title, so a chart retitled for a new filter reuses it."""
    table = figure_table(fig)
    if not table.empty:
        table = table[~(table["value"].map(_missing) & (table.get("category", table.get("column")) == ""))]
        table = table.reset_index(drop=True)
    if table.empty:
        return None, table
    several = table["series"].nunique() > 1 and "column" not in table
    items = []
    for r in table.head(MAX_ITEMS).to_dict("records"):
        value = "not reported" if _missing(r["value"]) else _number(r["value"]) if isinstance(r["value"], (int, float)) \
            else _plain(r["value"])
        who = f"{r['row']}, {r['column']}" if "column" in r else r["category"]
        if several and r["series"] and r["series"] not in ("reported", "no figure"):
            who = f"{who} ({r['series']})" if who else r["series"]
        items.append(f"{who}: {value}" if who else value)
    more = f"; and {len(table) - MAX_ITEMS} more in the data table" if len(table) > MAX_ITEMS else ""
    return "; ".join(items) + more, table


def titled_summary(title: str, items: str | None) -> str:
    """'<Title>. <items>.' for a chart with the given plain title (see figure_items)."""
    title = title or "Chart"
    return f"{title}: nothing to show for these filters." if items is None else f"{title}. {items}."


def figure_text_alternative(fig: go.Figure) -> tuple[str, pd.DataFrame]:
    """('<Title>. <first items>.', table) read off the figure itself, for charts whose page gives no
    sentence (see figure_items)."""
    items, table = figure_items(fig)
    return titled_summary(_plain(fig.layout.title.text), items), table


# Sentences built by pages from the rows behind their charts (the same rows the chart draws).

def _join(items: list[str], limit: int = MAX_ITEMS, noun: str = "") -> str:
    """The first `limit` items, then 'and 3 more places in the data table' ('1 more place')."""
    shown, rest = "; ".join(items[:limit]), len(items) - limit
    more = f"{rest} more" + (f" {noun}{'s' if rest != 1 else ''}" if noun else "")
    return shown + (f"; and {more} in the data table" if rest > 0 else "")


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def repatriation_summary(table: pd.DataFrame, unit: str = "people") -> str:
    """'Kazakhstan repatriated 654 people; Uzbekistan 512; Kyrgyzstan, Tajikistan and Turkmenistan: not
    reported.' from the chart's rows (country, value, display, period, and parts: 'of whom 28 women'
    said after its total, never counted as one; a blank value is not reported, or what its `text` says)."""
    rows = table.to_dict("records")
    parts = []
    for r in rows:
        if not pd.isna(r["value"]):
            period = (f" {r['period']}" if str(r["period"]).startswith(("since", "up to")) else f" in {r['period']}") \
                if r.get("period") else ""
            whom = f" ({r['parts']})" if r.get("parts") else ""
            parts.append(f"{r['country']} {'repatriated ' if not parts else ''}{r['display']}"
                         f"{(' ' + unit) if not parts else ''}{whom}{period}")
    missing = [r for r in rows if pd.isna(r["value"])]
    if parts and not any(r.get("period") for r in rows):
        parts.append("no period given for " + ("this total" if len(parts) == 1 else "these totals"))
    said = {}  # what the chart writes in place of a bar ('no number given ...'), else 'not reported'
    for r in missing:
        said.setdefault(r.get("text") or "not reported", []).append(r["country"])
    parts += [f"{_names(countries)}: {words}" for words, countries in said.items()]
    return "; ".join(parts) + "." if parts else "No country in the filter has a repatriation figure."


def estimates_summary(figs: pd.DataFrame, what: str, unit: str, label_column: str = "subject_label") -> str:
    """'<what>: Jamaat Ansarullah up to 300 people (up to 2021-08; uwed); ...': each estimate with its
    qualifier, period and document, never combined."""
    if figs.empty:
        return f"{what}: no estimates match these filters."
    def with_unit(display: str) -> str:  # the unit follows a number ("300 people"), not words ("around a third") or "%"
        return f"{display} {unit}" if re.search(r"\d$", display) else display

    items = [f"{r[label_column]} {with_unit(str(r['display']))} "
             f"({r['period'] or 'no period given'}; {r.get('source') or r['doc_id']})" for r in figs.to_dict("records")]
    return f"{what}: " + _join(items) + "."


def comparison_summary(plotted: pd.DataFrame, panels: list[tuple[str, str]], countries: list[str],
                       said: dict[str, tuple[set[str], str]] | None = None, absent: str = "not reported") -> str:
    """'People repatriated (people): Kazakhstan 654, Uzbekistan 512; not reported for Kyrgyzstan,
    Tajikistan and Turkmenistan. ...': one sentence per panel of the small multiples, from the rows
    they plot (indicator, country, display). A country with no figure is said to be not reported,
    never 0 (the bars draw it at 0 with the words beside it), unless `said` gives the words the chart
    writes for it instead ({indicator: (country names, words)})."""
    shown = {(i, c): d for i, c, d in zip(plotted["indicator"], plotted["country"], plotted["display"])}
    sentences = []
    for indicator, label in panels:
        given = [f"{c} {shown[(indicator, c)]}" for c in countries if (indicator, c) in shown]
        named, words = (said or {}).get(indicator, (set(), ""))
        other = [c for c in countries if (indicator, c) not in shown and c in named]
        missing = [c for c in countries if (indicator, c) not in shown and c not in named]
        parts = ([", ".join(given)] if given else []) + ([f"{words} for {_names(other)}"] if other else []) \
            + ([f"{absent} for {_names(missing)}"] if missing else [])
        sentences.append(f"{_plain(label)}: {'; '.join(parts)}.")
    return " ".join(sentences) if sentences else "No comparable figures match these filters."


def counts_summary(counts: pd.DataFrame, category: str, what: str, stack: str | None = None) -> str:
    """'<what>: messaging app 6 (5 used, 1 not used); website 2; ...', largest first (ties in the
    order of the rows)."""
    if counts.empty:
        return f"{what}: nothing matches these filters."
    parts: dict = {}  # category -> [(count, stack value)], categories as first seen
    for name, count, stacked in zip(counts[category], counts["count"], counts[stack] if stack else [None] * len(counts)):
        parts.setdefault(name, []).append((count, stacked))
    items = []
    for name, part in sorted(parts.items(), key=lambda name_part: -sum(count for count, _ in name_part[1])):
        item = f"{name} {int(sum(count for count, _ in part))}"
        if stack:
            part = sorted(part, key=lambda count_stacked: -count_stacked[0])
            item += (" (" + ", ".join(f"{int(count)} {stacked}" for count, stacked in part) + ")" if len(part) > 1
                     else f" ({part[0][1]})")
        items.append(item)
    return f"{what}: " + _join(items) + "."


def matrix_summary(matrix: pd.DataFrame, what: str) -> str:
    """'<what>: Islamic State: Telegram 2, YouTube 1; ...' (rows: groups, columns: channels)."""
    items = []
    for group, row in matrix.iterrows():
        cells = [f"{channel} {int(n)}" for channel, n in row[row > 0].sort_values(ascending=False, kind="stable").items()]
        if cells:
            more = f" and {len(cells) - 5} more" if len(cells) > 5 else ""
            items.append(f"{group}: " + ", ".join(cells[:5]) + more)
    if not items:
        return f"{what}: no claim matches these filters."
    return f"{what}: " + _join(items) + "."


def series_summary(points: pd.DataFrame, what: str) -> str:
    """'<what>: 25,749 in 2022-01; 13,279 in 2023-01.' (period and display of each point, in order)."""
    if points.empty:
        return f"{what}: no figures match these filters."
    return f"{what}: " + _join([f"{r['display']} in {r['period']}" for r in points.to_dict("records")]) + "."


def timeline_summary(inc: pd.DataFrame, drawn_only: bool = False) -> str:
    """How many incidents are dated and over which years, by category, and how many state deaths;
    then how many have no date (undated_sentence), unless `drawn_only`."""
    dated = inc["start"].notna().tolist()
    if not any(dated):
        return f"None of the {len(inc)} incidents has a date, so the timeline is empty; they are in the table."

    def of_dated(column: str) -> list:  # plain lists: pandas costs more than the counting on these few rows
        return list(compress(inc[column].tolist(), dated))

    starts, ends = of_dated("start"), of_dated("end")
    inferred = of_dated("date_inferred") if "date_inferred" in inc else [""] * len(starts)
    start_years = [s.year for s in starts]
    end_years = [(e - pd.Timedelta(days=1)).year for e in ends]
    first, last = min(start_years), max(end_years)
    # a year that only inferred dates give says so, as each date does (events.date_text)
    first_said, last_said = (f"{year}{' (inferred)' if all(i == 'yes' for y, i in zip(years, inferred) if y == year) else ''}"
                             for year, years in ((first, start_years), (last, end_years)))
    span = f"in {last_said}" if first == last else f"from {first_said} to {last_said}"
    kinds = "; ".join(f"{k} {n}" for k, n in Counter(of_dated("category")).most_common())  # ties: first seen
    exact = of_dated("date_precision").count("day")
    killed = [k for k in of_dated("killed") if not pd.isna(k)]
    deaths = (f"{len(killed)} state{'s' if len(killed) == 1 else ''} how many people were killed ({_number(sum(killed))} in all)" if killed
              else "none states how many people were killed")
    return (f"{dated.count(True)} dated incidents {span} ({kinds}); {exact} known to the day, the others to the month "
            f"or year; {deaths}." + ("" if drawn_only else undated_sentence(inc)))


def undated_sentence(inc: pd.DataFrame) -> str:
    """What a timeline of these incidents leaves out, as a sentence to follow its summary: "" when
    every one is dated, or none is (the summary says so then)."""
    undated = int(inc["start"].isna().sum())
    if not undated or undated == len(inc):
        return ""
    return f" {undated} more {'has' if undated == 1 else 'have'} no date and {'is' if undated == 1 else 'are'} only in the table."


def _place_counts(rows: pd.DataFrame) -> list[str]:
    """'Kabul 4 (1 placed by the curator's inference)': each place once, however its rows name it, from
    the most incidents down, places with as many in alphabetical order."""
    places = [p if isinstance(p, str) else "" for p in rows["place"]]
    counts = Counter(place_name(p) for p in places)
    inferred = Counter(place_name(p) for p in places if place_name(p) != p)
    return [f"{p} {n}" + (f" ({inferred[p]} placed by the curator's inference)" if inferred[p] else "")
            for p, n in sorted(counts.items(), key=lambda place_count: (-place_count[1], place_count[0]))]


def incident_map_summary(inc: pd.DataFrame, inside: pd.DataFrame, outside: pd.DataFrame) -> str:
    """Which places the map marks and how many incidents each, those outside it, those with no place."""
    unplaced = len(inc) - len(inside) - len(outside)
    marked = _place_counts(inside)
    text = (f"Map of {len(inside)} incidents at {len(marked)} places: " + _join(marked, noun="place")
            if len(inside) else "No incident in the mapped region")
    if len(outside):
        text += f". Outside the map: {'; '.join(_place_counts(outside))}"
    if unplaced:
        text += f". {count_of(unplaced, 'incident')} {'has' if unplaced == 1 else 'have'} no stated place"
    return text + "."


def incident_map_table(inside: pd.DataFrame, outside: pd.DataFrame) -> pd.DataFrame:
    """The map as a table: one row per place, with its incidents and kinds (counted in Python: a
    groupby with a custom aggregation costs ~15 ms on these few rows)."""
    kinds: dict[tuple[str, str, str], list[str]] = {}  # (place, country, on map) -> kind of each incident there
    for rows, on_map in ((inside, "yes"), (outside, "no (outside the region shown)")):
        for place, country, kind in zip(rows["place"], rows["country_iso3"], rows["kind"]):
            kinds.setdefault((place, country, on_map), []).append(kind)
    table = [(place, country, len(there), ", ".join(sorted(set(there))), on_map)
             for (place, country, on_map), there in kinds.items()]  # places as first seen, then by most incidents
    table.sort(key=lambda row: (-row[2], row[0]))
    return pd.DataFrame(table, columns=["place", "country", "incidents", "kinds", "on map"])


def hotspot_text_alternative(hot: pd.DataFrame, country_names: dict[str, str]) -> tuple[str, pd.DataFrame]:
    """What the hotspot map shows, for a screen reader: one sentence and the table behind it
    (place, country, waves, claims, documents), most-cited places first."""
    if hot.empty:
        return "The map shows no hotspot for these filters.", pd.DataFrame()
    rows = []
    for (_, iso), claims in hot.groupby(["place_id", "country_iso3"], sort=False):  # a place once, however named
        precision = claims["geo_precision"].dropna()
        inferred = int((claims["place_inferred"] == "yes").sum()) if "place_inferred" in claims else 0
        name = place_name(claims["name"].iloc[0])
        rows.append({"place": name, "country": country_names.get(iso, iso), "claims": len(claims), "inferred": inferred,
                     "waves": "; ".join(dict.fromkeys(claims["wave"])),
                     "documents": "; ".join(dict.fromkeys(claims["source"] if "source" in claims else claims["doc_id"])),
                     "precision": precision.iloc[0] if len(precision) else ""})
    table = pd.DataFrame(rows).sort_values(["claims", "place"], ascending=[False, True], kind="stable")
    places = "; ".join(f"{r.place} ({r.country}, {r.claims} claim{'s' if r.claims != 1 else ''}"
                       + (f", {'its' if r.claims == 1 else f'{r.inferred} of them'} placed by the curator's inference"
                          if r.inferred else "") + ")" for r in table.itertuples())
    sentence = (f"{len(hot)} hotspot claim{'s' if len(hot) != 1 else ''} in {len(table)} place"
                f"{'s' if len(table) != 1 else ''}: {places}.")
    return sentence, table.drop(columns="inferred").reset_index(drop=True)
