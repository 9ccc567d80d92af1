"""Views of the curated tables that pages need, and the filters applied to them. No Streamlit here."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from urllib.parse import urlencode

import numpy as np
import pandas as pd

from core.analysis.documents import as_of, document_names
from core.analysis.filters import Filters
from core.data.loading import Corpus
from core.data.schema import INCIDENT_KINDS, split_list
from core.data.validation import parse_partial_date

def codes(value: str) -> tuple[str, ...]:
    """The ISO3 codes of a ';'-separated list column (nationality, target_nationality)."""
    return tuple(dict.fromkeys(c.strip() for c in str(value or "").split(";") if c.strip()))


def _span(date_text: str, precision: str) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The time an event may have happened in: a day, a month or a whole year."""
    parsed = parse_partial_date(date_text or "")
    if not parsed:
        return None, None
    year, month, day = parsed
    start = pd.Timestamp(year=year, month=month or 1, day=day or 1)
    if day:
        end = start + pd.Timedelta(days=1)
    elif month:
        end = start + pd.offsets.MonthBegin(1)
    else:
        end = pd.Timestamp(year=year + 1, month=1, day=1)
    return start, end


def _year(date_text: str) -> float:
    parsed = parse_partial_date(str(date_text or ""))
    return float(parsed[0]) if parsed else float("nan")


_VIEWS: dict[tuple, tuple] = {}
_VIEWS_LOCK = threading.Lock()  # sessions run in threads of one server process


def derived(corpus: Corpus, name: str, build):
    """`build(corpus)` made once per loaded corpus: views that depend only on the tables, which do
    not change once loaded. Keyed on the identity of every table (a table replaced in
    `corpus.tables` builds them again); the entry keeps the tables alive so that their ids cannot
    be reused by other frames. Callers must not mutate the results."""
    key = tuple((table, id(frame)) for table, frame in corpus.tables.items())
    with _VIEWS_LOCK:
        if key not in _VIEWS:
            if len(_VIEWS) >= 8:  # a few corpora at most (tests load broken copies): drop the oldest
                _VIEWS.pop(next(iter(_VIEWS)))
            _VIEWS[key] = (list(corpus.tables.values()), {})
        built = _VIEWS[key][1]
    if name not in built:
        built[name] = build(corpus)
    return built[name]


def corpus_views(corpus: Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(figures_view, incidents_view) of this corpus, built once."""
    return derived(corpus, "figures_view", figures_view), derived(corpus, "incidents_view", incidents_view)


INFERRED_MARK = " (inferred)"


def place_text(name: str, inferred: str = "") -> str:
    """An event's place as a reader sees it: 'Kabul', or 'Kabul (inferred)' where the document implies
    but does not name it (the row's note says how it was inferred)."""
    return f"{name}{INFERRED_MARK}" if name and inferred == "yes" else (name or "")


def place_name(text: str) -> str:
    """The place itself, from place_text: 'Kabul (inferred)' is Kabul (a place is named and counted once)."""
    return text.removesuffix(INFERRED_MARK) if isinstance(text, str) else ""


def place_countries(corpus: Corpus) -> dict[str, str]:
    places = corpus["places"]
    return dict(zip(places["place_id"], places["country_iso3"]))


def region_spans(corpus: Corpus) -> dict[str, tuple[str, ...]]:
    """The states each region across several states spans (places.spans): {'central_asia': ('KAZ', ...)}."""
    places = corpus["places"]
    return {p: tuple(split_list(s)) for p, s in zip(places["place_id"], places["spans"].fillna("")) if s}


def country_names(corpus: Corpus) -> dict[str, str]:
    return dict(zip(corpus["countries"]["iso3"], corpus["countries"]["name"]))


def doc_titles(corpus: Corpus) -> dict[str, str]:
    return dict(zip(corpus["documents"]["doc_id"], corpus["documents"]["title"]))


FORMER_CITIZEN = re.compile(r"\bformer (?:citizen|national)s?\b", re.IGNORECASE)


def incidents_view(corpus: Corpus) -> pd.DataFrame:
    inc = corpus["incidents"].copy()
    places = corpus["places"].set_index("place_id")
    groups = dict(zip(corpus["groups"]["group_id"], corpus["groups"]["name"]))
    spans = [_span(d, p) for d, p in zip(inc["date"], inc["date_precision"])]
    inc["start"] = pd.to_datetime(pd.Series([s for s, _ in spans], index=inc.index, dtype="object"))
    inc["end"] = pd.to_datetime(pd.Series([e for _, e in spans], index=inc.index, dtype="object"))
    inc["year"] = [_year(d) for d in inc["date"]]
    inc["category"] = inc["kind"].map(INCIDENT_KINDS).fillna("other")
    cited = document_names(corpus)
    inc["source"] = [cited[d].compact if d in cited else d for d in inc["doc_id"]]
    # Who did it is their stated citizenship (an ethnic label is not one); those targeted are kept apart.
    inc["origin_iso3"] = [codes(t) for t in inc["nationality"]]
    # "a former citizen of Uzbekistan": a stated origin, said as former wherever it is counted
    inc["origin_former"] = inc["perpetrator_origin"].fillna("").str.contains(FORMER_CITIZEN)
    inc["target_iso3"] = [codes(t) for t in inc["target_nationality"]]
    inc["countries"] = [
        tuple(sorted({c for c in (where,) if c} | set(origin) | set(target)))
        for where, origin, target in zip(inc["country_iso3"], inc["origin_iso3"], inc["target_iso3"])
    ]
    # a place the document implies but does not name says so wherever it is written
    inc["place"] = [place_text(name, inferred) for name, inferred in
                    zip(inc["place_id"].map(places["name"]).fillna(""), inc["place_inferred"].fillna(""))]
    inc["lat"] = inc["place_id"].map(places["lat"])
    inc["lon"] = inc["place_id"].map(places["lon"])
    inc["geo_precision"] = inc["place_id"].map(places["geo_precision"]).fillna("")
    inc["group"] = inc["group_id"].map(groups).fillna("")
    # How the group is linked, in words a reader can check: "Islamic State (inspired by)".
    inc["group_link"] = [f"{g} ({how})" if g and how else g for g, how in zip(inc["group"], inc["involvement"])]
    return inc.copy()  # one block per dtype: every filter takes its rows from each block


def take_rows(frame: pd.DataFrame, positions: list[int]) -> pd.DataFrame:
    """The rows at these positions, as `frame.take` gives them. Consecutive rows are sliced instead:
    a take copies every column block (about 0.3 ms on a view's 25 columns), a slice copies nothing
    (copy-on-write keeps the caller's changes off `frame`)."""
    if not positions:
        return frame.iloc[0:0]
    first = positions[0]
    if positions == list(range(first, first + len(positions))):
        return frame.iloc[first:first + len(positions)]
    return frame.take(positions)


def rows_where(frame: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """`frame[mask]` for a boolean array, through take_rows."""
    return take_rows(frame, np.flatnonzero(mask).tolist())


def ids_where(frame: pd.DataFrame, mask: np.ndarray, column: str) -> tuple:
    """The `column` values of the rows `mask` keeps, as a tuple: a cache key for those rows without
    taking them (about 0.1 ms rather than 0.5 ms)."""
    return tuple(v for v, keep in zip(frame[column].tolist(), mask) if keep)


def year_mask(start: pd.Series, end: pd.Series, filters: Filters) -> np.ndarray:
    """Rows whose years overlap the filter. With no year range every row is kept; with one, rows with
    no date are kept only when the reader asks for them (filters.include_undated), counted apart."""
    a, b = filters.year_range
    start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    undated = np.isnan(start)
    if a is None and b is None:
        return np.ones(len(start), dtype=bool)
    mask = ~undated
    if a:
        mask &= ~(end < a)  # an unknown end (NaN) may reach any year
    if b:
        mask &= ~(start > b)
    return mask | undated if filters.include_undated else mask


def _country_mask(countries: pd.Series, filters: Filters) -> np.ndarray:
    if not filters.countries:
        return np.ones(len(countries), dtype=bool)
    wanted = set(filters.countries)
    return np.array([not wanted.isdisjoint(cs) for cs in countries], dtype=bool)


def incidents_mask(inc: pd.DataFrame, filters: Filters, use_kind: bool = True, use_group: bool = True) -> np.ndarray:
    """Which rows of incidents_view the filters leave, as a boolean array (plain Python and numpy:
    pandas operations cost tens of microseconds each on these 70-row frames)."""
    mask = _country_mask(inc["countries"], filters) & year_mask(inc["year"], inc["year"], filters)
    if use_kind and filters.kinds:
        kinds = set(filters.kinds)
        mask &= np.array([c in kinds for c in inc["category"]], dtype=bool)
    if use_group and filters.groups:
        groups = set(filters.groups)
        mask &= np.array([g in groups for g in inc["group_id"]], dtype=bool)
    return mask


def filter_incidents(inc: pd.DataFrame, filters: Filters, use_kind: bool = True, use_group: bool = True) -> pd.DataFrame:
    return rows_where(inc, incidents_mask(inc, filters, use_kind, use_group))


def figures_view(corpus: Corpus) -> pd.DataFrame:
    fig = corpus["figures"].copy()
    place_country = place_countries(corpus)
    spans = region_spans(corpus)
    incident_country = dict(zip(corpus["incidents"]["incident_id"], corpus["incidents"]["country_iso3"]))
    countries = set(corpus["countries"]["iso3"])
    names = country_names(corpus)
    labels = {**names, **dict(zip(corpus["places"]["place_id"], corpus["places"]["name"])),
              **dict(zip(corpus["groups"]["group_id"], corpus["groups"]["name"])),
              **dict(zip(corpus["channels"]["channel_id"], corpus["channels"]["name"])),
              **dict(zip(corpus["incidents"]["incident_id"], corpus["incidents"]["summary"].str.slice(0, 60)))}

    def involved(ident: str) -> set[str]:
        if ident in countries:
            return {ident}
        if ident in spans:
            return set(spans[ident])
        iso = place_country.get(ident) or incident_country.get(ident)
        return {iso} if iso else set()

    fig["countries"] = [tuple(sorted(involved(s) | involved(r))) for s, r in zip(fig["subject"], fig["related"])]
    fig["subject_label"] = fig["subject"].map(labels).fillna(fig["subject"])
    fig["related_label"] = fig["related"].map(labels).fillna(fig["related"])
    fig["year_start"] = [_year(s) for s in fig["period_start"]]
    fig["year_end"] = [_year(e) if e else _year(s) for s, e in zip(fig["period_start"], fig["period_end"])]
    fig["year_start"] = fig["year_start"].fillna(fig["year_end"])
    indicators = corpus["indicators"].set_index("indicator")
    fig["label"] = fig["indicator"].map(indicators["label"]).fillna(fig["indicator"])
    fig["topic"] = fig["indicator"].map(indicators["topic"]).fillna("")
    fig["priority"] = fig["indicator"].map(indicators["priority"]).fillna(4).astype(int)  # 1 first, context last
    # an inferred period says so wherever it is shown, as an inferred date does ("2022 (inferred)")
    fig["period"] = [period_text(s, e) + (" (inferred)" if i == "yes" and (s or e) else "")
                     for s, e, i in zip(fig["period_start"], fig["period_end"], fig["period_inferred"])]
    names = document_names(corpus)
    # its period; a count of an event told with no period of its own is of the event, whose date its
    # subject says ("arrest in Russia, 2024-03"); else "period not stated" with its document's date
    dated_event = {i for i, d in zip(corpus["incidents"]["incident_id"], corpus["incidents"]["date"]) if d}
    fig["when"] = [as_of(p, d, names) if p or s not in dated_event else "at the time of the event"
                   for p, d, s in zip(fig["period"], fig["doc_id"], fig["subject"])]
    fig["source"] = [names[d].compact if d in names else d for d in fig["doc_id"]]  # "Tucker (2021, inferred)"
    fig["display"] = [display_value(r) for r in fig.to_dict("records")]
    # a part ("28 women", "of the 511") is never a total: charts and cards total only totals
    fig["is_part"] = [bool(c) or bool(p) for c, p in zip(fig["counts"].fillna(""), fig["part_of"].fillna(""))]
    return fig.copy()  # one block per dtype: every filter takes its rows from each block


def part_text(row: dict) -> str:
    """'28 women', '13 orphans', '3' (a part by nationality says what its own display says)."""
    return f"{row['display']} {row['counts']}".strip() if row.get("counts") else str(row["display"])


def totals_and_parts(figs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split rows of figures_view into (totals, parts).

    totals: the rows that count everyone their indicator counts and are part of no other figure
      (`counts` and `part_of` blank), in their order, with a `parts` column: '' or 'of whom 28 women,
      71 children' (the rows of `figs` naming it in part_of, in their order).
    parts: every other row, with `part` ('28 women') and `of_total` (the display of its total when
      that total is among `figs`, else ''; a part with no total, "43 children" brought home, says so
      on its own and is never drawn as a country's total)."""
    is_part = figs["is_part"].to_numpy(dtype=bool) if "is_part" in figs else np.array(
        [bool(c) or bool(p) for c, p in zip(figs["counts"].fillna(""), figs["part_of"].fillna(""))], dtype=bool)
    totals, parts = rows_where(figs, ~is_part).copy(), rows_where(figs, is_part).copy()
    part_rows = parts.to_dict("records")
    parts["part"] = [part_text(r) for r in part_rows]
    shown = dict(zip(totals["figure_id"], totals["display"]))
    parts["of_total"] = [shown.get(r["part_of"], "") for r in part_rows]
    named: dict[str, list[str]] = {}
    for r, text in zip(part_rows, parts["part"]):
        if r["part_of"]:
            named.setdefault(r["part_of"], []).append(text)
    totals["parts"] = ["of whom " + ", ".join(named[f]) if f in named else "" for f in totals["figure_id"]]
    return totals, parts


def figures_mask(fig: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Which rows of figures_view the filters leave, as a boolean array."""
    return _country_mask(fig["countries"], filters) & year_mask(fig["year_start"], fig["year_end"], filters)


def filter_figures(fig: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    return rows_where(fig, figures_mask(fig, filters))


def period_text(start: str, end: str) -> str:
    """'2019 to 2020', '2022' (one date), 'since 2019' (a start only), 'up to 2021-08' (an end only)."""
    if start and end and start != end:
        return f"{start} to {end}"
    if start and not end:
        return f"since {start}"
    return start or (f"up to {end}" if end else "")


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


# Words that hedge a range as the document writes it ("about 2-3 thousand"): kept in front of it.
_RANGE_HEDGE = re.compile(r"^\s*(about|approximately|around|roughly|some|nearly|almost|an estimated|estimated|between)\b",
                          re.IGNORECASE)


def display_value(row: dict) -> str:
    """'300–700', 'about 2,000–3,000', 'up to 2,000', 'about 5,000', 'several thousand': the number with
    its qualifier, and a range with the word that hedges it in the document."""
    q, v, lo, hi = row["qualifier"], row["value"], row["low"], row["high"]
    unit = " %" if row.get("unit") == "percent" else ""
    if q == "range":
        hedge = _RANGE_HEDGE.match(str(row.get("value_text") or ""))
        word = hedge.group(1).lower() if hedge and hedge.group(1).lower() != "between" else ""
        return f"{word + ' ' if word else ''}{_fmt(lo)}\u2013{_fmt(hi)}{unit}"
    if q == "magnitude" or pd.isna(v):
        return str(row["value_text"])
    if q == "about" and unit and not any(ch.isdigit() for ch in str(row.get("value_text") or "")):
        return str(row["value_text"])[:1].lower() + str(row["value_text"])[1:]  # a share in words ('around a third', kept as 33.3 to chart it) reads as written
    prefix = "" if q == "exact" else f"{q} "
    return f"{prefix}{_fmt(v)}{unit}"


def hotspots_view(corpus: Corpus) -> pd.DataFrame:
    hot = corpus["hotspots"].copy()
    places = corpus["places"].set_index("place_id")
    for column in ("name", "lat", "lon", "geo_precision", "boundary", "kind"):
        hot[column if column != "kind" else "place_kind"] = hot["place_id"].map(places[column])
    # a place the curator inferred from the quote's words says so wherever its name is shown
    hot["name"] = [place_text(n, inferred) for n, inferred in zip(hot["name"], hot["place_inferred"])]
    hot["countries"] = [(c,) if c else () for c in hot["country_iso3"]]
    names = document_names(corpus)
    hot["source"] = [names[d].compact if d in names else d for d in hot["doc_id"]]
    return hot


def filter_hotspots(hot: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    return rows_where(hot, _country_mask(hot["countries"], filters))


def rows_in_countries(frame: pd.DataFrame, countries: tuple[str, ...], corpus: Corpus) -> pd.DataFrame:
    """Rows of any table that concern the countries (its country column, or a subject or place in them);
    tables with no country column are returned whole."""
    if not countries:
        return frame
    places = corpus["places"]
    ids = set(countries) | set(places.loc[places["country_iso3"].isin(countries), "place_id"])
    column = country_column(frame)
    return frame[frame[column].isin(ids)] if column else frame


def country_column(frame: pd.DataFrame) -> str | None:
    """The column by which rows_in_countries keeps a table's rows, or None (the table is not filtered)."""
    return next((c for c in ("country_iso3", "iso3", "subject", "place_id") if c in frame), None)


@lru_cache(maxsize=4096)
def source_link(doc_id: str, row_id: str) -> str:
    """Relative link to the Sources page at a row's passage (works under a base path too). Cached:
    every Sources section makes one per row, and urlencode takes several µs."""
    return "sources?" + urlencode({"doc": doc_id, "row": row_id})


def sources_for(rows: pd.DataFrame, id_column: str, corpus: Corpus) -> pd.DataFrame:
    """The rows behind a chart or table: document, quote and a link to the passage; a row listed
    twice is shown once. Built from plain lists in one go: each pandas step costs a tenth of a ms."""
    if rows.empty:
        return pd.DataFrame(columns=["row", "document", "quote", "open"])
    titles = {d: n.short for d, n in document_names(corpus).items()}
    ids, quotes = rows[id_column].values, rows["quote"].values
    first = ~rows[id_column].duplicated().to_numpy()
    if not first.all():
        ids, quotes = ids[first], quotes[first]
    docs = [d for d, keep in zip(rows["doc_id"].tolist(), first) if keep]
    return pd.DataFrame(
        {
            "row": ids,
            "document": np.array([titles.get(d, d) for d in docs], dtype=object),
            "quote": quotes,
            "open": [source_link(d, r) for d, r in zip(docs, ids)],
        }
    )
