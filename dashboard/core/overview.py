"""The Overview: the three waves of mobilization, one card per Central Asian state, the latest
incidents; and the 'what the documents cover' grids that the Data page shows to curators.

Everything here is read from the curated rows: a wave names the rows whose quotes tell it and
whose figures measure it; a card gathers the figures, hotspots and incidents of one country.
No Streamlit here.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

import pandas as pd

from core.filters import Filters
from core.loading import Corpus
from core.query import country_names, figures_view, filter_figures, filter_incidents, incidents_view
from core.schema import CENTRAL_ASIA, QUOTED_TABLES, TABLES, TOPICS


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


def wave_views(corpus: Corpus, filters: Filters) -> list[WaveView]:
    """The waves with their quotes and the figures the filters leave; rows missing from the data are
    skipped, never invented."""
    rows = derived(corpus, "quoted_rows", quoted_rows)
    figs = with_about(filter_figures(corpus_views(corpus)[0], filters), corpus).set_index("figure_id", drop=False)
    a, b = filters.year_range
    out = []
    for wave in WAVES:
        quotes = rows.loc[[r for r in wave.quotes if r in rows.index]].reset_index()
        shown = figs.loc[[f for f in wave.figures if f in figs.index]].reset_index(drop=True)
        in_years = (a is None or wave.years[1] >= a) and (b is None or wave.years[0] <= b)
        out.append(WaveView(wave, quotes, shown, in_years))
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


def country_cards(corpus: Corpus, filters: Filters) -> list[CountryCard]:
    """One card per Central Asian state the country filter leaves (all five when it names none of them)."""
    names = country_names(corpus)
    wanted = [c for c in CENTRAL_ASIA if c in filters.countries] or (list(CENTRAL_ASIA) if not filters.countries else [])
    place_country = dict(zip(corpus["places"]["place_id"], corpus["places"]["country_iso3"]))
    # The cards are per country, so the country filter chooses the cards; the years still apply.
    years_only = Filters(year_from=filters.year_from, year_to=filters.year_to, include_undated=filters.include_undated)
    figs = with_about(filter_figures(corpus_views(corpus)[0], years_only), corpus)
    inc = filter_incidents(corpus_views(corpus)[1], years_only, use_kind=False, use_group=False)
    hot = corpus["hotspots"]
    place_names = dict(zip(corpus["places"]["place_id"], corpus["places"]["name"]))
    cards = []
    for iso in wanted:
        mine = country_figures(figs, iso, place_country)
        shown = mine.drop_duplicates("indicator")
        shown = shown[shown["indicator"] != ALWAYS_SHOWN].head(CARD_FIGURES - 1)
        involved = inc[inc["countries"].map(lambda cs, iso=iso: iso in cs).astype(bool)]  # bool: an empty mask selects rows, not columns
        latest = latest_first(involved)
        hot_rows = hot[hot["country_iso3"] == iso]
        in_country = int((involved["country_iso3"] == iso).sum())
        cards.append(CountryCard(
            iso=iso, name=names.get(iso, iso), figures=mine, shown=shown,
            repatriated=mine[mine["indicator"] == ALWAYS_SHOWN],
            hotspots=list(dict.fromkeys(hot_rows["place_id"].map(place_names).fillna(hot_rows["place_id"]))),
            incidents=involved, in_country=in_country, abroad=len(involved) - in_country,
            latest=latest.iloc[0].to_dict() if not latest.empty else None,
            documents=documents_naming(corpus, iso),
            more=len(mine) - len(shown) - len(mine[mine["indicator"] == ALWAYS_SHOWN]),
        ))
    return cards


def latest_incidents(corpus: Corpus, filters: Filters, count: int = 5) -> pd.DataFrame:
    """The most recent dated incidents the filters leave (any kind)."""
    inc = filter_incidents(corpus_views(corpus)[1], filters, use_kind=False, use_group=False)
    return latest_first(inc).head(count)


# --- What the documents cover (shown on the Data page) -----------------------------------------

INCIDENT_TOPIC = {"attack": "violence", "plot": "violence", "arrest": "violence", "group event": "groups", "policy": "context"}


def coverage_rows(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """One record per (document, topic, country) a curated row touches."""
    records = []  # columns are zipped rather than itertuples, which builds a row class per call
    figs = filter_figures(corpus_views(corpus)[0], filters)
    for doc_id, topic, countries in zip(figs["doc_id"], figs["topic"], figs["countries"]):
        for c in countries or ("none",):
            records.append((doc_id, topic, c))
    inc = filter_incidents(corpus_views(corpus)[1], filters, use_kind=False, use_group=False)
    for doc_id, kind, category, countries in zip(inc["doc_id"], inc["kind"], inc["category"], inc["countries"]):
        topic = "repatriation" if kind == "repatriation programme" else INCIDENT_TOPIC.get(category, "context")
        for c in countries or ("none",):
            records.append((doc_id, topic, c))
    hot = corpus["hotspots"]
    for doc_id, iso in zip(hot["doc_id"], hot["country_iso3"]):
        if not filters.countries or iso in filters.countries:
            records.append((doc_id, "mobilization", iso))
    records += [(doc_id, "recruitment", "none") for doc_id in corpus["channels"]["doc_id"]]
    records += [(doc_id, "groups", "none") for doc_id in corpus["groups"]["doc_id"]]
    return pd.DataFrame(records, columns=["doc_id", "topic", "country"])


def coverage_sources(corpus: Corpus, filters: Filters) -> pd.DataFrame:
    """The quoted rows the coverage grid counts: row id, doc_id, quote."""
    hot = corpus["hotspots"]
    parts = [  # only the three columns, taken before renaming: renaming whole views costs tens of ms
        (filter_figures(corpus_views(corpus)[0], filters), "figure_id"),
        (filter_incidents(corpus_views(corpus)[1], filters, use_kind=False, use_group=False), "incident_id"),
        (hot[hot["country_iso3"].isin(filters.countries or hot["country_iso3"])], "hotspot_id"),
        (corpus["channels"], "channel_id"),
        (corpus["groups"], "group_id"),
    ]
    return pd.concat([p[[key, "doc_id", "quote"]].set_axis(["row", "doc_id", "quote"], axis=1) for p, key in parts],
                     ignore_index=True)


def coverage_matrix(rows: pd.DataFrame, corpus: Corpus, axis: str, filters: Filters) -> pd.DataFrame:
    """Counts of curated rows per document and topic (or country); 0 means 'not covered'."""
    docs = list(corpus["documents"]["doc_id"])
    if axis == "topic":
        columns = list(TOPICS)
    else:
        named = [c for c in rows["country"].unique() if c != "none"]
        wanted = list(filters.countries) or list(CENTRAL_ASIA) + sorted(c for c in named if c not in CENTRAL_ASIA)
        columns = wanted
    counts = rows.groupby(["doc_id", axis]).size().unstack(fill_value=0) if not rows.empty else pd.DataFrame()
    return counts.reindex(index=docs, columns=columns, fill_value=0).fillna(0).astype(int)


def coverage_summary(matrix: pd.DataFrame, what: str) -> str:
    """One sentence for a screen reader: each document's rows and where most of them fall."""
    if matrix.empty or int(matrix.values.sum()) == 0:
        return f"No curated rows by document and {what} match these filters."
    parts = []
    for doc, row in matrix.iterrows():
        total = int(row.sum())
        parts.append(f"{doc}: {total} rows, most about {row.idxmax()} ({int(row.max())})" if total else f"{doc}: none")
    return f"Curated rows by document and {what}. " + "; ".join(parts) + "."


def coverage_table(matrix: pd.DataFrame) -> pd.DataFrame:
    """The grid as a table (document in the first column); blank where a document covers nothing."""
    return matrix.where(matrix > 0).astype("Int64").rename_axis("document").reset_index()
