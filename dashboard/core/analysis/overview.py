"""The Overview: the key points for the region, the waves of mobilization, one card per Central Asian
state, and the latest dated events. No Streamlit here.

Everything is read from curated, validated rows and says no more than they do: a wave is a row of
waves.csv (its quote, its years, the figures that count it, or the passage that says none does); a
card gathers the figures, hotspots and events of one country, totals only (a figure that is part of
another is not a total); events are counted once however many documents report them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from core.analysis.documents import short_citations
from core.analysis.events import best_reports, date_text, events_of, figure_about
from core.analysis.filters import Filters
from core.analysis.query import corpus_views, country_names, filter_figures, filter_incidents, totals_and_parts
from core.data.loading import Corpus
from core.data.numbers import note_lines
from core.data.schema import CENTRAL_ASIA, QUOTED_TABLES, TABLES, split_list

ALWAYS_SHOWN = "repatriated_people"  # every card says it, as a number or "not reported"
CARD_FIGURES = 2  # lines of figures on a card, the repatriated line included
_EXTRA_LABELS = {"central_asia": "Central Asia"}  # words for ids that are not in a table of names



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
    """Add `about`: whom a figure is about, in words ('Central Asia, in Syria and Iraq'; an incident
    as its place and date, 'Crocus City Hall, 2024-03', rather than a clipped summary); `related` is
    said only with the row's `related_as`."""
    inc = corpus_views(corpus)[1]
    groups = {g: a for g, a in zip(corpus["groups"]["group_id"], map(acronym, corpus["groups"]["aliases"])) if a}
    places = {i: ", ".join(x for x in (p, date_text(d, di)) if x)
              for i, p, d, di in zip(inc["incident_id"], inc["place"], inc["date"], inc["date_inferred"])}
    words = {**groups, **places, **_EXTRA_LABELS}  # later names win: a name of our own, then an event's place

    def name(ident: str, label: str) -> str:
        return words.get(ident) or label or ident

    out = figs.copy()
    out["subject_words"] = [name(s, sl) for s, sl in zip(out["subject"], out["subject_label"])]
    out["related_words"] = [f"{ra} {name(r, rl)}" if r and ra else ""
                            for r, rl, ra in zip(out["related"], out["related_label"], out["related_as"])]
    out["about"] = [figure_about(s, sl, r, rl, ra, words) for s, sl, r, rl, ra in
                    zip(out["subject"], out["subject_label"], out["related"], out["related_label"], out["related_as"])]
    return out


def figure_value(r) -> str:
    """The number with its qualifier ('about 5,000', 'up to 300'); a ratio reads '5 to 1'."""
    return f"{r.display} to 1" if r.unit == "ratio" and r.qualifier != "magnitude" else r.display


def figure_line(r) -> str:
    """'about 5,000 (Foreign fighters, Central Asia, in Syria and Iraq, 2017)': the number with its qualifier,
    what it counts, about whom and when (its period, or 'period not stated' with its document's date). Plain text."""
    return f"{figure_value(r)} ({r.label}, {r.about}, {r.when})"


# --- The waves --------------------------------------------------------------------------------

@dataclass
class WaveView:
    wave: dict  # its row of waves.csv
    figures: pd.DataFrame  # the figures that count it, left by the filters (figures_view rows, with `about`)
    in_years: bool  # the wave overlaps the year filter


def wave_views(corpus: Corpus, filters: Filters) -> list[WaveView]:
    """Each wave with the figures that count it (in the order waves.csv lists them)."""
    figs = with_about(filter_figures(corpus_views(corpus)[0], Filters(year_from=filters.year_from,
                                     year_to=filters.year_to, include_undated=filters.include_undated)), corpus)
    a, b = filters.year_range
    out = []
    for wave in corpus["waves"].to_dict("records"):
        ids = split_list(wave["counted_by"])
        counted = figs[figs["figure_id"].isin(ids)]
        counted = counted.iloc[sorted(range(len(counted)), key=lambda i: ids.index(counted["figure_id"].iat[i]))]
        start, end = wave["year_start"], wave["year_end"]
        in_years = (a is None or pd.isna(end) or end >= a) and (b is None or pd.isna(start) or start <= b)
        out.append(WaveView(wave, counted.reset_index(drop=True), in_years))
    return out


# --- One card per Central Asian state ----------------------------------------------------------

@dataclass
class CountryCard:
    iso: str
    name: str
    figures: pd.DataFrame  # totals about the country or a place in it, most important first
    shown: pd.DataFrame  # the first CARD_FIGURES - 1 of them other than repatriation, one per indicator
    repatriated: pd.DataFrame  # its repatriated_people totals (empty: not reported)
    hotspots: list[str]  # names of the places the documents call its hotspots
    events: pd.DataFrame  # events in the country or elsewhere involving its nationals (who carried it out, or the suspects)
    in_country: int
    abroad: int  # placed in another country, involving its nationals
    unplaced: int  # involving its nationals, in a place the documents do not state
    former: int  # placed in another country, involving only former citizens of it ("a former citizen of Uzbekistan")
    latest: dict | None  # its most recent dated event
    documents: tuple[str, ...]  # doc_ids whose text names the country
    more: int = field(default=0)  # figures not on the card


def country_figures(figs: pd.DataFrame, iso: str, place_country: dict[str, str], priority: dict[str, int]) -> pd.DataFrame:
    """Totals whose subject is the country or a place in it, by the indicators' priority (indicators.csv),
    each with its `parts` ('of whom 148 women, 363 children', or '')."""
    mine, _ = totals_and_parts(figs[(figs["subject"] == iso) | (figs["subject"].map(place_country) == iso)])
    order = mine["indicator"].map(priority).fillna(max(priority.values(), default=0) + 1)
    return mine.assign(_rank=order).sort_values("_rank", kind="stable").drop(columns="_rank")


def name_pattern(name: str, other_names: str) -> re.Pattern:
    """The country's name and its demonyms ('Tajik', 'Tajikistani') as whole words."""
    words = [name] + [w.strip() for w in str(other_names or "").split(";") if w.strip()]
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")


def documents_naming(corpus: Corpus, iso: str) -> tuple[str, ...]:
    """Documents whose text names the country or its people outside their reference lines (a title
    cited in a footnote is not the document writing about it); searched once per corpus and country."""
    key = f"documents_naming:{iso}"
    if key not in corpus.derived:
        countries = corpus["countries"].set_index("iso3")
        if iso not in countries.index:
            return ()
        row = countries.loc[iso]
        pattern = name_pattern(row["name"], row.get("other_names", ""))
        def names_it(doc_id: str, text: str) -> bool:
            notes = note_lines(doc_id, text)
            return any(not any(a <= m.start() < b for a, b in notes) for m in pattern.finditer(text))

        corpus.derived[key] = tuple(d for d, doc in corpus.documents.items() if names_it(d, doc.text))
    return corpus.derived[key]


def latest_first(events: pd.DataFrame) -> pd.DataFrame:
    """Dated events, most recent first. An event known only to its year or month is placed at the
    middle of that span, so '2024' (after the March attack, per the texts) sorts after '2024-03'."""
    if events.empty or "start" not in events:
        return events.iloc[0:0]
    dated = events.dropna(subset=["start"]).copy()
    dated["_mid"] = dated["start"] + (dated["end"] - dated["start"]) / 2
    return dated.sort_values(["_mid", "event_id"], ascending=[False, True]).drop(columns="_mid")


def country_events(inc: pd.DataFrame, iso: str, citations: dict[str, str]) -> pd.DataFrame:
    """Events in the country or elsewhere involving its nationals (who carried it out, or the suspects) (those that only targeted its
    nationals are not theirs), each with all its reports."""
    theirs = [iso == where or iso in origin for where, origin in zip(inc["country_iso3"], inc["origin_iso3"])]
    wanted = set(inc["event_id"][theirs])
    return events_of(inc[inc["event_id"].isin(wanted)], citations)


def former_only(inc: pd.DataFrame, iso: str, events: pd.DataFrame) -> set[str]:
    """The events among `events` that involve the country's people only as former citizens of it
    (every report that names the country as origin says "former citizen")."""
    mine = inc[inc["event_id"].isin(set(events["event_id"])) & inc["origin_iso3"].map(lambda o: iso in o)]
    current = set(mine.loc[~mine["origin_former"].astype(bool), "event_id"])
    return set(mine.loc[mine["origin_former"].astype(bool), "event_id"]) - current


@dataclass
class CardRows:
    """What every card is made from under one year filter (the country filter only chooses the cards)."""
    figures: pd.DataFrame  # figures_view rows in the years, with `about`
    incidents: pd.DataFrame  # incidents_view rows in the years
    place_country: dict[str, str]
    place_names: dict[str, str]
    priority: dict[str, int]
    citations: dict[str, str]


def card_rows(corpus: Corpus, filters: Filters) -> CardRows:
    years_only = Filters(year_from=filters.year_from, year_to=filters.year_to, include_undated=filters.include_undated)
    figs_view, inc_view = corpus_views(corpus)
    places = corpus["places"]
    return CardRows(with_about(filter_figures(figs_view, years_only), corpus),
                    filter_incidents(inc_view, years_only, use_kind=False, use_group=False),
                    dict(zip(places["place_id"], places["country_iso3"])), dict(zip(places["place_id"], places["name"])),
                    dict(zip(corpus["indicators"]["indicator"], corpus["indicators"]["priority"])), short_citations(corpus))


def card_countries(filters: Filters) -> list[str]:
    """The Central Asian states the country filter leaves (all five when it names none of them)."""
    return [c for c in CENTRAL_ASIA if c in filters.countries] or (list(CENTRAL_ASIA) if not filters.countries else [])


def country_card(corpus: Corpus, iso: str, rows: CardRows) -> CountryCard:
    """One Central Asian state's card from the rows of the year filter."""
    figs, inc = rows.figures, rows.incidents
    mine = country_figures(figs, iso, rows.place_country, rows.priority)
    repatriated = mine[mine["indicator"] == ALWAYS_SHOWN]
    others = mine[mine["indicator"] != ALWAYS_SHOWN].drop_duplicates("indicator").head(CARD_FIGURES - 1)
    events = country_events(inc, iso, rows.citations)
    in_country = int((events["country_iso3"] == iso).sum())
    unplaced = int((events["country_iso3"].fillna("") == "").sum())
    former = len(former_only(inc, iso, events[~events["country_iso3"].fillna("").isin(["", iso])]))
    latest = latest_first(events)
    hot = corpus["hotspots"]
    return CountryCard(
        iso=iso, name=country_names(corpus).get(iso, iso), figures=mine, shown=others, repatriated=repatriated,
        hotspots=list(dict.fromkeys(rows.place_names.get(p, p) for p, c in zip(hot["place_id"], hot["country_iso3"]) if c == iso)),
        events=events, in_country=in_country, abroad=len(events) - in_country - unplaced - former, unplaced=unplaced,
        former=former,
        latest=latest.iloc[0].to_dict() if len(latest) else None, documents=documents_naming(corpus, iso),
        more=len(mine) - len(others) - len(repatriated))


def country_cards(corpus: Corpus, filters: Filters) -> list[CountryCard]:
    """One card per Central Asian state the country filter leaves (all five when it names none of
    them). The cards are per country, so the country filter chooses the cards; the years apply."""
    rows = card_rows(corpus, filters)
    return [country_card(corpus, iso, rows) for iso in card_countries(filters)]


def latest_events(corpus: Corpus, filters: Filters, count: int = 5) -> pd.DataFrame:
    """The most recent dated events the filters leave (any kind), each with all its reports."""
    inc = corpus_views(corpus)[1]
    kept = inc[inc["event_id"].isin(set(filter_incidents(inc, filters, use_kind=False, use_group=False)["event_id"]))]
    # Only the latest events are built: each event is dated by its most precisely dated report, as in
    # events_of, so choosing them first gives what latest_first(events_of(all)) would.
    starts, ends = kept["start"].tolist(), kept["end"].tolist()
    best = best_reports(kept["event_id"].tolist(), kept["date_precision"].tolist())
    dated = [(starts[i] + (ends[i] - starts[i]) / 2, event) for event, i in best.items() if not pd.isna(starts[i])]
    order = [event for _, event in sorted(dated, key=lambda m: (-m[0].value, m[1]))[:count]]  # latest_first's order
    events = events_of(kept[kept["event_id"].isin(set(order))], short_citations(corpus))
    position = {event: i for i, event in enumerate(events["event_id"])}
    return events.iloc[[position[event] for event in order]]


def rows_behind(waves: list[WaveView], cards: list[CountryCard], latest: pd.DataFrame, inc: pd.DataFrame,
                points: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every row the Overview cites, as (id, doc_id, quote): its key points, the waves (with the
    passage saying a wave is not counted), their figures, each card's repatriated and shown figures,
    and every report of each card's latest event and of the latest events (`inc`: incidents_view); a
    row cited twice is listed twice."""
    rows = []
    if points is not None:
        rows += zip(points["key_point_id"], points["doc_id"], points["quote"])
    for view in waves:
        w = view.wave
        rows.append((w["wave_id"], w["doc_id"], w["quote"]))
        if w["count_quote"]:
            rows.append((w["wave_id"], w["count_doc_id"], w["count_quote"]))
        rows += zip(view.figures["figure_id"], view.figures["doc_id"], view.figures["quote"])
    for card in cards:
        for frame in (card.repatriated, card.shown):
            rows += zip(frame["figure_id"], frame["doc_id"], frame["quote"])
    events = [c.latest["event_id"] for c in cards if c.latest] + list(latest["event_id"])
    reports = inc[inc["event_id"].isin(set(events))]
    by_event: dict[str, list[tuple]] = {}
    for row in zip(reports["event_id"], reports["incident_id"], reports["doc_id"], reports["quote"]):
        by_event.setdefault(row[0], []).append(row[1:])
    for event in events:
        rows += by_event.get(event, [])
    return pd.DataFrame(rows, columns=["id", "doc_id", "quote"], dtype=object)
