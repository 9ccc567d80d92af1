"""The Overview: the three waves of mobilization, one card per Central Asian state, the latest
incidents.

Everything here is read from the curated rows: a wave names the rows whose quotes tell it and
whose figures measure it; a card gathers the figures, hotspots and incidents of one country.
No Streamlit here.
"""

from __future__ import annotations

import re
import threading
from collections import namedtuple
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

import numpy as np
import pandas as pd

from core.analysis.filters import Filters
from core.data.loading import Corpus
from core.analysis.query import country_names, figures_mask, figures_view, incidents_mask, incidents_view, take_rows
from core.data.schema import CENTRAL_ASIA, QUOTED_TABLES, TABLES


# --- Views of the corpus, built once per loaded corpus ------------------------------------------

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
    """(figures_view, incidents_view) of this corpus, built once (about 30 ms each)."""
    return derived(corpus, "figures_view", figures_view), derived(corpus, "incidents_view", incidents_view)


def _with_about(corpus: Corpus, kept: np.ndarray) -> pd.DataFrame:
    """What rows of figures_view with `about` are taken from: with_about of the whole view, built once
    (its rows are the view's), or with no row kept, with_about of no rows, whose `about` is float64."""
    if not kept.any():
        return with_about(corpus_views(corpus)[0].iloc[0:0], corpus)
    return derived(corpus, "figures_about", lambda c: with_about(corpus_views(c)[0], c))


def _pieces(frame: pd.DataFrame, lengths: list[int]) -> list[pd.DataFrame]:
    """Consecutive pieces of these lengths, as slices of `frame`."""
    starts = list(accumulate(lengths, initial=0))
    return [frame.iloc[a:b] for a, b in zip(starts, starts[1:])]


@lru_cache(maxsize=32)
def _row_type(columns: tuple[str, ...]):
    return namedtuple("Row", columns, rename=True)


def row_tuples(frame: pd.DataFrame, columns: tuple[str, ...]) -> list:
    """The rows as named tuples of these columns, like `frame[list(columns)].itertuples(index=False)`
    but without selecting columns or making a tuple class per call (a tenth of the time)."""
    row = _row_type(tuple(columns))
    return [row._make(values) for values in zip(*(frame[c].tolist() for c in columns))]


# --- The three waves -------------------------------------------------------------------------

@dataclass(frozen=True)
class Wave:
    """A wave as the documents describe it. `label` is the hotspots table's `wave` value;
    `years` is only for the year filter (the documents give no exact bounds, see `when`)."""

    label: str
    title: str
    when: str  # as the documents put it
    years: tuple[int, int]
    quotes: tuple[str, ...]  # row ids whose quotes tell the wave (short: the Overview fits one screen)
    figures: tuple[str, ...]  # figure ids with its key numbers


WAVES = (
    Wave("Afghanistan 1990s", "Wave 1: Afghanistan", "late 1990s and 2000s", (1996, 2011),
         quotes=("fig-tucker-011",),
         figures=("fig-tucker-010", "fig-tucker-011")),
    Wave("Syria from 2012", "Wave 2: Syria and Iraq", "from 2012", (2012, 2020),
         quotes=("fig-tucker-001",),
         figures=("fig-uwed-034",)),
    Wave("Afghanistan after 2021", "Wave 3? Afghanistan", "after August 2021", (2021, 2026),
         quotes=("fig-tucker-018",),
         figures=("fig-uwed-014", "fig-foreign_affairs-001")),
)

# Words for ids that are not in a table of names.
_EXTRA_LABELS = {"central_asia": "Central Asia"}


def quoted_rows(corpus: Corpus) -> pd.DataFrame:
    """Every quoted row of every table as (row, table, doc_id, quote), indexed by row id."""
    parts = []
    for name in QUOTED_TABLES:
        key = TABLES[name].key
        frame = corpus[name][[key, "doc_id", "quote"]].rename(columns={key: "row"})
        parts.append(frame.assign(table=name))
    return pd.concat(parts, ignore_index=True).drop_duplicates("row").set_index("row")


def acronym(aliases: str) -> str | None:
    """The first all-capitals alias of a group ('ISKP', 'IMU'): short enough for a narrow card."""
    return next((a for a in str(aliases or "").split(";") if re.fullmatch(r"[A-Z][A-Z-]{1,7}", a.strip())), None)


def with_about(figs: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """Add `about`: whom a figure is about, in words ('Central Asia → Syria'; an incident as its
    place and date, 'Crocus City Hall, 2024-03', rather than a clipped summary)."""
    inc = corpus_views(corpus)[1]
    events = {i: ", ".join(x for x in (p, d) if x) for i, p, d in zip(inc["incident_id"], inc["place"], inc["date"])}
    groups = {g: acronym(a) for g, a in zip(corpus["groups"]["group_id"], corpus["groups"]["aliases"])}

    def words(ident: str, label: str) -> str:
        return _EXTRA_LABELS.get(ident) or events.get(ident) or groups.get(ident) or label

    out = figs.copy()
    out["about"] = [words(s, sl) + (f" \u2192 {words(r, rl)}" if r else "")
                    for s, sl, r, rl in zip(out["subject"], out["subject_label"], out["related"], out["related_label"])]
    return out


def figure_value(r) -> str:
    """The number with its qualifier ('about 5,000', 'up to 300'); a ratio reads '5 to 1'."""
    return f"{r.display} to 1" if r.unit == "ratio" and r.qualifier != "magnitude" else r.display


def figure_line(r) -> str:
    """'about 5,000 (Foreign fighters, Central Asia → Syria, 2017)': the number with its qualifier,
    what it counts, about whom and when. Plain text: the caller escapes it for Markdown."""
    value = figure_value(r)
    period = f", {r.period}" if r.period else ""
    return f"{value} ({r.label}, {r.about}{period})"


@dataclass
class WaveView:
    wave: Wave
    quotes: pd.DataFrame  # row, doc_id, quote: the sentences that tell it
    figures: pd.DataFrame  # figures_view rows left by the filters
    in_years: bool  # the wave overlaps the year filter


def _wave_rows(corpus: Corpus) -> list[tuple[pd.DataFrame, list[int]]]:
    """Per wave: its quotes, and the positions of its figures in figures_view (every row of each id,
    in the wave's order); rows missing from the data are skipped, never invented."""
    rows = derived(corpus, "quoted_rows", quoted_rows)
    ids = corpus_views(corpus)[0]["figure_id"].tolist()
    return [(rows.loc[[r for r in wave.quotes if r in rows.index]].reset_index(),
             [p for f in wave.figures for p, i in enumerate(ids) if i == f])
            for wave in WAVES]


def wave_views(corpus: Corpus, filters: Filters) -> list[WaveView]:
    """The waves with their quotes and the figures the filters leave."""
    kept = figures_mask(corpus_views(corpus)[0], filters)
    figs = _with_about(corpus, kept)
    waves = derived(corpus, "wave_rows", _wave_rows)
    shown = [[p for p in positions if kept[p]] for _, positions in waves]
    pieces = _pieces(take_rows(figs, [p for ps in shown for p in ps]), [len(ps) for ps in shown])  # one take
    a, b = filters.year_range
    out = []
    for wave, (quotes, _), figures in zip(WAVES, waves, pieces):
        in_years = (a is None or wave.years[1] >= a) and (b is None or wave.years[0] <= b)
        # A shallow copy of the cached quotes: copy-on-write keeps a caller's changes in its copy.
        out.append(WaveView(wave, quotes.copy(deep=False), figures.reset_index(drop=True), in_years))
    return out


# --- One card per Central Asian state --------------------------------------------------------

# The figures a card shows first, in this order; the others follow in file order.
CARD_PRIORITY = (
    "repatriated_people", "repatriated_suspects", "foreign_fighters", "conflict_migrants", "recruited_people",
    "mobilization_cases_share", "returnee_children_share", "women_children_to_men_ratio",
    "criminal_cases_terrorism_extremism", "people_arrested", "people_detained", "working_age_men_abroad_share",
    "labour_migrants", "labour_migrants_departed", "labour_migrant_destination_share",
)
ALWAYS_SHOWN = "repatriated_people"  # every card says it, as a number or "not reported"
CARD_FIGURES = 2  # lines of figures on a card, the repatriated line included


@dataclass
class CountryCard:
    iso: str
    name: str
    figures: pd.DataFrame  # the figures about the country or a place in it, most important first
    shown: pd.DataFrame  # the first CARD_FIGURES of them, one per indicator
    repatriated: pd.DataFrame  # its repatriated_people figures (empty: not reported)
    hotspots: list[str]  # names of its hotspots
    incidents: pd.DataFrame  # incidents in the country or involving its nationals
    in_country: int
    abroad: int  # incidents elsewhere involving its nationals
    latest: dict | None  # the most recent dated incident
    documents: tuple[str, ...]  # doc_ids whose text names the country
    more: int = field(default=0)  # figures not on the card


def _priority(indicator: str) -> int:
    return CARD_PRIORITY.index(indicator) if indicator in CARD_PRIORITY else len(CARD_PRIORITY)


def country_figures(figs: pd.DataFrame, iso: str, place_country: dict[str, str]) -> pd.DataFrame:
    """Figures whose subject is the country or a place in it, most important first."""
    mine = figs[(figs["subject"] == iso) | (figs["subject"].map(place_country) == iso)].copy()
    mine["_rank"] = mine["indicator"].map(_priority)
    return mine.sort_values("_rank", kind="stable").drop(columns="_rank")


def name_pattern(name: str, other_names: str) -> re.Pattern:
    """The country's name and its demonyms ('Tajik', 'Tajikistani') as whole words."""
    words = [name] + [w.strip() for w in str(other_names or "").split(";") if w.strip()]
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")


def documents_naming(corpus: Corpus, iso: str) -> tuple[str, ...]:
    """Documents whose full text names the country or its people."""
    countries = corpus["countries"].set_index("iso3")
    if iso not in countries.index:
        return ()
    row = countries.loc[iso]
    pattern = name_pattern(row["name"], row.get("other_names", ""))
    return tuple(d for d, doc in corpus.documents.items() if pattern.search(doc.text))


def latest_first(inc: pd.DataFrame) -> pd.DataFrame:
    """Dated incidents, most recent first. An event known only to its year or month is placed at the
    middle of that span, so '2024' (after the March attack, per the texts) sorts after '2024-03'."""
    if inc.empty or "start" not in inc:  # no incidents (or an unreadable table): nothing is the latest
        return inc.iloc[0:0]
    dated = inc.dropna(subset=["start"]).copy()
    dated["_mid"] = dated["start"] + (dated["end"] - dated["start"]) / 2
    return dated.sort_values(["_mid", "incident_id"], ascending=[False, True]).drop(columns="_mid")


@dataclass(frozen=True)
class _CardRows:
    """What the cards take from the corpus whatever the filters, found once per corpus. Positions
    are rows of figures_view and incidents_view."""

    figures: dict[str, list[int]]  # iso -> its figures, most important first
    incidents: dict[str, list[int]]  # iso -> incidents in it or involving its nationals
    latest: list[int]  # dated incidents, most recent first
    records: list[dict]  # each incident as a card's `latest` gives it
    hotspots: dict[str, list[str]]
    documents: dict[str, tuple[str, ...]]


def _card_rows(corpus: Corpus) -> _CardRows:
    figs = corpus_views(corpus)[0].reset_index(drop=True)  # labels are positions
    inc = corpus_views(corpus)[1].reset_index(drop=True)
    place_country = dict(zip(corpus["places"]["place_id"], corpus["places"]["country_iso3"]))
    place_names = dict(zip(corpus["places"]["place_id"], corpus["places"]["name"]))
    hot = corpus["hotspots"]
    return _CardRows(
        figures={iso: country_figures(figs, iso, place_country).index.tolist() for iso in CENTRAL_ASIA},
        incidents={iso: [p for p, cs in enumerate(inc["countries"]) if iso in cs] for iso in CENTRAL_ASIA},
        latest=latest_first(inc).index.tolist(),
        records=inc.to_dict("records"),
        hotspots={iso: list(dict.fromkeys(place_names.get(p, p) for p, c in zip(hot["place_id"], hot["country_iso3"])
                                          if c == iso)) for iso in CENTRAL_ASIA},
        documents={iso: documents_naming(corpus, iso) for iso in CENTRAL_ASIA},
    )


def _card_figures(indicators: list[str]) -> tuple[list[int], list[int]]:
    """(shown, repatriated) of a card's figures, as positions among them: the first figure of each
    other indicator, up to CARD_FIGURES - 1; every repatriated_people figure."""
    shown, seen = [], set()
    for i, indicator in enumerate(indicators):
        if indicator not in seen and indicator != ALWAYS_SHOWN and len(shown) < CARD_FIGURES - 1:
            shown.append(i)
        seen.add(indicator)
    return shown, [i for i, indicator in enumerate(indicators) if indicator == ALWAYS_SHOWN]


def country_cards(corpus: Corpus, filters: Filters) -> list[CountryCard]:
    """One card per Central Asian state the country filter leaves (all five when it names none of them).
    Each table gives its rows for all the cards in one take, cut into slices per card."""
    names = country_names(corpus)
    wanted = [c for c in CENTRAL_ASIA if c in filters.countries] or (list(CENTRAL_ASIA) if not filters.countries else [])
    # The cards are per country, so the country filter chooses the cards; the years still apply.
    years_only = Filters(year_from=filters.year_from, year_to=filters.year_to, include_undated=filters.include_undated)
    inc = corpus_views(corpus)[1]
    fig_kept = figures_mask(corpus_views(corpus)[0], years_only)
    inc_kept = incidents_mask(inc, years_only, use_kind=False, use_group=False)
    figs = _with_about(corpus, fig_kept)
    parts = derived(corpus, "card_rows", _card_rows)
    fig_rows = [[p for p in parts.figures[iso] if fig_kept[p]] for iso in wanted]
    inc_rows = [[p for p in parts.incidents[iso] if inc_kept[p]] for iso in wanted]
    all_figs = take_rows(figs, [p for ps in fig_rows for p in ps])
    all_inc = take_rows(inc, [p for ps in inc_rows for p in ps])
    indicators, where = figs["indicator"].tolist(), inc["country_iso3"].tolist()
    cards = []
    for iso, mine, involved, fig_positions, inc_positions in zip(
            wanted, _pieces(all_figs, list(map(len, fig_rows))), _pieces(all_inc, list(map(len, inc_rows))),
            fig_rows, inc_rows):
        shown, repatriated = _card_figures([indicators[p] for p in fig_positions])
        in_country = sum(where[p] == iso for p in inc_positions)
        involved_set = set(inc_positions)
        latest = next((p for p in parts.latest if p in involved_set), None)
        cards.append(CountryCard(
            iso=iso, name=names.get(iso, iso), figures=mine, shown=take_rows(mine, shown),
            repatriated=take_rows(mine, repatriated), hotspots=list(parts.hotspots[iso]),
            incidents=involved, in_country=in_country, abroad=len(involved) - in_country,
            latest=dict(parts.records[latest]) if latest is not None else None,
            documents=parts.documents[iso], more=len(mine) - len(shown) - len(repatriated),
        ))
    return cards


def latest_incidents(corpus: Corpus, filters: Filters, count: int = 5) -> pd.DataFrame:
    """The most recent dated incidents the filters leave (any kind)."""
    inc = corpus_views(corpus)[1]
    kept = incidents_mask(inc, filters, use_kind=False, use_group=False)
    order = derived(corpus, "card_rows", _card_rows).latest
    return take_rows(inc, [p for p in order if kept[p]][:count])


def rows_behind(waves: list[WaveView], cards: list[CountryCard], latest: pd.DataFrame) -> pd.DataFrame:
    """Every row the Overview cites, as (id, doc_id, quote): the wave quotes and figures, each card's
    repatriated, shown and latest rows, then the latest incidents; a row cited twice is listed twice."""
    cited = ([(v.quotes, "row") for v in waves] + [(v.figures, "figure_id") for v in waves]
             + [(c.repatriated, "figure_id") for c in cards] + [(c.shown, "figure_id") for c in cards])
    rows = [r for frame, key in cited for r in zip(*(frame[k].tolist() for k in (key, "doc_id", "quote")))]
    rows += [(c.latest["incident_id"], c.latest["doc_id"], c.latest["quote"]) for c in cards if c.latest]
    rows += zip(*(latest[k].tolist() for k in ("incident_id", "doc_id", "quote")))
    return pd.DataFrame(rows, columns=["id", "doc_id", "quote"], dtype=object)
