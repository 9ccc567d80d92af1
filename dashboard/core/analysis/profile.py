"""Everything the corpus says about one country, gathered for its profile page and its one-page brief.

Pure functions, no Streamlit. The rules that decide what belongs to a country are written once here
(and re-implemented independently in tests/test_country_profile.py):

- figures: the rows the country filter gives everywhere else (core.analysis.query.figures_view: the country,
  a place or incident in it, or a region that spans it (places.spans: Central Asia), as subject or related);
- incidents: those that happened in the country, and those whose stated perpetrators' origin names it
  ("Tajik nationals abroad"); for the five states, also those that name only "Central Asians";
- recruitment channels: those whose audience names the country or its nationals, whose languages
  include a language named after them (Tajik, Uzbek, Russian...), or, for the five states, whose
  audience or languages say "Central Asia(n)";
- groups: based there, named with it, acting in it or through its nationals, or recruiting through
  its channels (each with the reason);
- passages: every sentence of each document that names the country or its nationals (countries.csv
  `name` and `other_names`, whole words, case as written; found by core.analysis.passages).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

import pandas as pd

from core.analysis.filters import Filters
from core.data.loading import Corpus
from core.analysis.disagreements import disagreements
from core.analysis.documents import short_citations
from core.analysis.events import date_text, events_of, figure_about, incident_words, reports_where
from core.analysis.plain import count_of
from core.analysis.headlines import rank_figures
from core.analysis.query import corpus_views, derived, filter_figures, hotspots_view, place_countries, region_spans
from core.data.schema import CENTRAL_ASIA
from core.analysis.passages import find_passages, term_pattern

REGION = re.compile(r"Central Asia", re.IGNORECASE)  # "Central Asia", "Central Asian(s)"

# Coverage levels: curated rows that are specifically about the country (not the region as a whole).
WELL_COVERED, PARTLY_COVERED = 15, 5


@dataclass
class Profile:
    iso: str
    name: str
    adjective: str  # "Tajik": how the documents name its nationals
    central_asia: bool
    terms: tuple[str, ...]
    figures: pd.DataFrame  # figures_view rows + scope
    contradictions: pd.DataFrame  # figures that disagree, one column per document
    hotspots: pd.DataFrame
    incidents: pd.DataFrame  # incidents_view rows + relation, by_former_citizens (of this country, abroad)
    events: pd.DataFrame  # the events of those rows, each with the relations of its rows and by_former_citizens
    channels: pd.DataFrame  # channels rows + why
    languages: pd.DataFrame  # language, claims
    groups: pd.DataFrame  # group_id, name, why, doc_id, quote
    passages: pd.DataFrame  # doc_id, start, end, text, terms, link, in_notes
    documents: list[str] = field(default_factory=list)  # doc_ids that speak of the country

    @property
    def key_figures(self) -> pd.DataFrame:
        """Figures about the country itself (not those about several states together)."""
        return self.figures[self.figures["scope"] != REGIONAL_SCOPE]

    @property
    def own_incident_reports(self) -> int:
        """Incident reports about the country itself (not those naming only Central Asians)."""
        return int((self.incidents["relation"] != self.regional_relation).sum())

    @property
    def specific_rows(self) -> int:
        """Curated rows specifically about the country: what the coverage level counts."""
        return (len(self.key_figures) + self.own_incident_reports
                + int((self.channels["why"] != "Central Asians in general").sum()) + len(self.hotspots))

    @property
    def regional_relation(self) -> str:
        return REGIONAL_RELATION

    @property
    def coverage(self) -> str:
        rows = self.specific_rows
        if rows >= WELL_COVERED:
            return "well covered"
        if rows >= PARTLY_COVERED:
            return "partly covered"
        return "barely covered"

    @property
    def naming(self) -> list[str]:
        """The documents whose text names the country or its nationals (outside their reference lines)."""
        return list(dict.fromkeys(self.passages.loc[~self.passages["in_notes"].astype(bool), "doc_id"]))

    def coverage_sentence(self) -> str:
        """One plain sentence on how much the documents say, with what little there is when little."""
        docs = len(self.naming)
        regional = len(self.figures) - len(self.key_figures)
        regional_inc = int((self.incidents["relation"] == self.regional_relation).sum())
        parts = [count_of(len(self.key_figures), "figure") + (f" (and {regional} about several states together)" if regional else ""),
                 count_of(self.own_incident_reports, "incident report")
                 + (f" (and {regional_inc} naming only Central Asians)" if regional_inc else ""),
                 count_of(int((self.channels["why"] != "Central Asians in general").sum()), "recruitment channel claim"),
                 count_of(len(self.hotspots), "hotspot claim"),
                 count_of(int((~self.passages["in_notes"].astype(bool)).sum()), "passage") + " of text"]
        what = ", ".join(parts[:-1]) + " and " + parts[-1]
        level = self.coverage
        named = f"{count_of(docs, 'document')} name{'s' if docs == 1 else ''} it"
        if level == "barely covered":
            return f"The documents barely cover {self.name}: {what}; {named}. Everything they say is below."
        return f"{self.name} is {level} by the documents: {what}; {named}."


REGIONAL_SCOPE = "several states together"


def country_terms(corpus: Corpus, iso: str) -> tuple[str, ...]:
    """The country's name and the other names of it and its nationals (countries.csv)."""
    row = corpus["countries"][corpus["countries"]["iso3"] == iso]
    if row.empty:
        return ()
    name, other = row.iloc[0]["name"], row.iloc[0]["other_names"]
    names = [name] + [n.strip() for n in str(other or "").split(";") if n.strip()]
    return tuple(dict.fromkeys(names))


def _figure_scope(subject: str, related: str, iso: str, place_country: dict, incident_country: dict,
                  spans: dict) -> str:
    """How a figure concerns the country; figures about several states together (Central Asia, or
    three of its states) are kept apart."""
    if subject == iso:
        return "the country"
    if place_country.get(subject) == iso or incident_country.get(subject) == iso:
        return "a place or event in it"
    if iso in spans.get(subject, ()) or iso in spans.get(related, ()):
        return REGIONAL_SCOPE
    return "named as destination, origin or related"


def _channel_reasons(row, pattern, central: bool) -> list[str]:
    reasons = []
    audience = row["audience"] or ""
    languages = [l.strip() for l in (row["languages"] or "").split(";") if l.strip()]
    named = pattern.findall(audience) if pattern is not None else []
    if named:
        reasons.append("audience names " + ", ".join(dict.fromkeys(named)))
    spoken = [l for l in languages if pattern is not None and pattern.fullmatch(l)]
    if spoken:
        reasons.append("in " + ", ".join(spoken))
    if not reasons and central and (REGION.search(audience) or any(REGION.search(l) for l in languages)):
        reasons.append("Central Asians in general")
    return reasons


REGIONAL_RELATION = "Central Asians, country not named"


def _incident_relation(row, iso: str, name: str, adjective: str, central: bool) -> str | None:
    """How an incident concerns the country: where it happened, who did it (their stated citizenship),
    or whom it targeted (never counted among those who did it)."""
    if row["country_iso3"] == iso:
        return f"in {name}"
    if iso in row["origin_iso3"]:
        who = f"former citizens of {name}" if row.get("origin_former") else f"{adjective} nationals"
        return f"{who} abroad" if row["country_iso3"] else f"{who} (place not stated)"
    if iso in row["target_iso3"]:  # a policy (Turkey's visa exemption) concerns them; an arrest or attack targets them
        return f"{'concerning' if row.get('category') == 'policy' else 'targeting'} {adjective} nationals"
    if central and not row["origin_iso3"] and REGION.search(row["perpetrator_origin"] or ""):
        return REGIONAL_RELATION
    return None


def _incident_records(corpus: Corpus) -> dict:
    """Each incident of the view as a plain dict, by its index (a profile reads them row by row)."""
    view = corpus_views(corpus)[1]
    return dict(zip(view.index, view.to_dict("records")))


def build_profile(corpus: Corpus, iso: str, filters: Filters | None = None, full: bool = True) -> Profile:
    """The profile of one country; the year filters apply to dated rows (the country filter does not).
    With full=False only what the list of countries counts (its rows, channels, hotspots and passages):
    no wording, ranking, disagreements, events or groups, which the list does not show."""
    filters = replace(filters or Filters(), countries=())
    names = dict(zip(corpus["countries"]["iso3"], corpus["countries"]["name"]))
    name = names.get(iso, iso)
    terms = country_terms(corpus, iso)
    adjective = terms[1] if len(terms) > 1 else name
    central = iso in CENTRAL_ASIA
    pattern = term_pattern(terms)
    place_country = place_countries(corpus)
    incident_country = dict(zip(corpus["incidents"]["incident_id"], corpus["incidents"]["country_iso3"]))

    figs = filter_figures(corpus_views(corpus)[0], filters)
    figs = figs[figs["countries"].map(lambda cs: iso in cs).astype(bool)].copy()  # an empty map is not a column list
    spans = region_spans(corpus)
    figs["scope"] = [_figure_scope(s, r, iso, place_country, incident_country, spans)
                    for s, r in zip(figs["subject"], figs["related"])]
    if full:
        summaries = incident_words(corpus_views(corpus)[1])
        figs["about"] = [figure_about(s, sl, r, rl, ra, summaries) for s, r, ra, sl, rl in
                         zip(figs["subject"], figs["related"], figs["related_as"], figs["subject_label"], figs["related_label"])]
        figs["regional"] = figs["scope"] == REGIONAL_SCOPE  # the country's own figures first
        figs = rank_figures(figs.sort_values("subject_label", kind="stable"))  # by priority and topic
        figs = figs.sort_values("regional", kind="stable").drop(columns="regional")

    hot = derived(corpus, "hotspots_view", hotspots_view)  # the same for every country: built once per corpus
    hot = hot[hot["country_iso3"] == iso]

    inc = reports_where(corpus_views(corpus)[1], filters, use_kind=False, use_group=False).copy()  # as on Attacks
    records = derived(corpus, "incident records", _incident_records)  # the same for every country: read once
    inc["relation"] = [_incident_relation(records[i], iso, name, adjective, central) for i in inc.index]
    inc["by_former_citizens"] = [bool(former) and iso in origin and where != iso for former, origin, where
                                 in zip(inc["origin_former"], inc["origin_iso3"], inc["country_iso3"])]
    # An event one report leaves at "Central Asians" while another names their citizenship (St Petersburg
    # 2017: "immigrants from Central Asian countries"; "a citizen of Kyrgyzstan") is that country's, not
    # every Central Asian state's.
    named: dict[str, set] = {}
    for event, origin in zip(inc["event_id"], inc["origin_iso3"]):
        named.setdefault(event, set()).update(origin)
    elsewhere = [relation == REGIONAL_RELATION and bool(named[event]) and iso not in named[event]
                 for relation, event in zip(inc["relation"], inc["event_id"])]
    inc = inc[inc["relation"].notna() & ~pd.Series(elsewhere, index=inc.index, dtype=bool)]
    inc = inc.sort_values(["start", "incident_id"], na_position="last", kind="stable")

    ch = corpus["channels"].copy()
    channel_rows = derived(corpus, "channel records", lambda c: c["channels"].to_dict("records"))  # the same for every country
    ch["why"] = ["; ".join(_channel_reasons(r, pattern, central)) for r in channel_rows]
    ch = ch[ch["why"] != ""]
    languages = ch.loc[ch["stance"] == "used", "languages"].str.split(";").explode().str.strip()  # used channels only
    languages = languages[languages != ""].value_counts().rename_axis("language").reset_index(name="claims")

    passages = find_passages(corpus, terms)
    used = set(figs["doc_id"]) | set(inc["doc_id"]) | set(ch["doc_id"]) | set(hot["doc_id"]) | set(passages["doc_id"])
    documents = [d for d in corpus["documents"]["doc_id"] if d in used]
    empty = pd.DataFrame()  # what the list of countries (full=False) does not show
    return Profile(iso=iso, name=name, adjective=adjective, central_asia=central, terms=terms, figures=figs,
                   contradictions=disagreements(figs, short_citations(corpus)) if full else empty, hotspots=hot,
                   incidents=inc, events=_events(inc, corpus) if full else empty, channels=ch, languages=languages,
                   groups=_groups(corpus, iso, name, adjective, pattern, place_country, inc, ch) if full else empty,
                   passages=passages, documents=documents)


def _events(inc: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """The profile's events (its incident rows grouped by event), each saying how it concerns the country:
    as its most precise report says it (one naming the country's nationals over one naming only Central
    Asians, e.g. the St Petersburg bombing for Kyrgyzstan)."""
    events = events_of(inc, short_citations(corpus))

    def relation(said) -> str:
        said = list(dict.fromkeys(said))
        precise = [r for r in said if r != REGIONAL_RELATION] or said
        return "; ".join(precise)

    relations = inc.groupby("event_id", sort=False)["relation"].agg(relation)
    former = inc.groupby("event_id", sort=False)["by_former_citizens"].any()
    return events.assign(relation=events["event_id"].map(relations),
                         by_former_citizens=events["event_id"].map(former).fillna(False).astype(bool))


def _groups(corpus: Corpus, iso: str, name: str, adjective: str, pattern, place_country: dict,
            inc: pd.DataFrame, ch: pd.DataFrame) -> pd.DataFrame:
    """Groups based in the country, named with it, acting in it or through its nationals, or
    recruiting through channels that concern it; each with the reasons."""
    rows = []
    # Counted once in plain Python, then looked up per group: a pandas selection per group cost a third
    # of a profile, and the country page's list builds one profile per country.
    # Events (an event two documents tell counted once), by how the documents say the group took part
    acts: dict[str, dict[str, str]] = {}  # group -> {event_id: involvement}
    former: dict[str, set] = {}  # group -> whether its events here are by former citizens abroad ({True}, {False} or both)
    for g, relation, event, how, by_former in zip(inc["group_id"], inc["relation"], inc["event_id"], inc["involvement"],
                                                  inc["by_former_citizens"]):
        if g and relation != REGIONAL_RELATION:
            acts.setdefault(g, {}).setdefault(event, how or "")
            former.setdefault(g, set()).add(bool(by_former))
    claims: dict[str, list[str]] = {}  # group -> the `why` of each channel claim that names it as a user
    for used_by, why in zip(ch["used_by"], ch["why"]):
        for gid in dict.fromkeys(x.strip() for x in (used_by or "").split(";") if x.strip()):
            claims.setdefault(gid, []).append(why)
    place_names = dict(zip(corpus["places"]["place_id"], corpus["places"]["name"]))
    for g in corpus["groups"].to_dict("records"):
        gid, reasons = g["group_id"], []
        base = g["base"] or ""
        if place_country.get(base) == iso or (pattern is not None and pattern.fullmatch(base)):
            reasons.append(f"based in {name}")
        # Its name or aliases only ("Islamic Movement of Uzbekistan"): a quote that names the country
        # may name it for another reason (the source of a claim, another group), and "Uzbek" may be an
        # ethnic label, so the reason quotes the word and claims no nationals.
        said = pattern.search(" ".join([g["name"], g["aliases"].replace(";", " ")])) if pattern is not None else None
        if said:
            reasons.append(f"its name says \u201c{said.group(0)}\u201d")
        if acts.get(gid):
            hows = Counter(h for h in acts[gid].values() if h)
            said = ", ".join(f"{n} {how}" for how, n in hows.most_common())
            whom = {frozenset({True}): f"former citizens of {name} abroad",
                    frozenset({True, False}): f"{adjective} nationals or former citizens"}.get(frozenset(former[gid]), f"{adjective} nationals")
            reasons.append(f"{count_of(len(acts[gid]), 'event')} in {name} or involving {whom}" + (f" ({said})" if said else ""))
        recruits = claims.get(gid, [])
        if recruits:  # the claims that concern the country (audience, place or language) and those aimed at Central Asians
            general = recruits.count("Central Asians in general")
            aims = [f"{count_of(len(recruits) - general, 'channel claim')} whose audience or language concerns {name}"] if len(recruits) > general else []
            aims += [f"{count_of(general, 'channel claim')} aimed at Central Asians in general"] if general else []
            reasons.append("uses " + " and ".join(aims))
        if reasons:
            base = place_names.get(base, base)
            rows.append({"group_id": gid, "name": g["name"], "why": "; ".join(reasons), "base": base,
                         "doc_id": g["doc_id"], "quote": g["quote"]})
    return pd.DataFrame(rows, columns=["group_id", "name", "why", "base", "doc_id", "quote"])


def figure_groups(profile: Profile) -> list[tuple[str, pd.DataFrame]]:
    """Figures grouped by indicator label, in topic order."""
    return [(label, part) for label, part in profile.figures.groupby("label", sort=False)]


def incidents_summary(profile: Profile) -> str:
    """'12 events: 7 in Tajikistan, 5 Tajik nationals abroad (8 dated; latest 2024-03).' An event several
    documents report is counted once."""
    ev = profile.events
    if ev.empty:
        return f"The documents describe no event in {profile.name} or involving {profile.adjective} nationals."
    counts = ev["relation"].value_counts()
    parts = ", ".join(f"{n} {rel}" for rel, n in counts.items())
    dated = ev.dropna(subset=["start"])
    last = dated.sort_values('start').iloc[-1] if len(dated) else None
    latest = f"; the latest dated: {date_text(last['date'], last.get('date_inferred', ''))}" if last is not None else ""
    return f"{count_of(len(ev), 'event')}: {parts} ({len(dated)} dated{latest})."


def timeline_rows(profile: Profile) -> pd.DataFrame:
    """The profile's events for core.render.charts.incident_timeline coloured by how they concern the
    country: the relation goes in the column the timeline colours by when colour_by="group"."""
    return profile.events.assign(group=profile.events["relation"], group_link=profile.events["relation"])


def timeline_summary(profile: Profile) -> str:
    """The timeline's text alternative: one sentence from the same events."""
    ev = profile.events
    dated = ev.dropna(subset=["start"])
    if dated.empty:
        return f"No dated event in {profile.name} or involving {profile.adjective} nationals."
    first, last = (date_text(r["date"], r.get("date_inferred", "")) for _, r in dated.sort_values("start").iloc[[0, -1]].iterrows())
    kinds = dated["kind"].value_counts()
    top = ", ".join(count_of(n, k) for k, n in kinds.head(4).items())
    relations = ", ".join(f"{n} {rel}" for rel, n in dated["relation"].value_counts().items())
    undated = len(ev) - len(dated)
    return (f"{count_of(len(dated), 'dated event')} from {first} to {last} ({top}"
            f"{', and others' if len(kinds) > 4 else ''}): {relations}."
            + (f" {count_of(undated, 'event')} with no date not drawn." if undated else ""))


def map_frame(places: pd.DataFrame, bounds: tuple[float, float, float, float] | None) -> pd.DataFrame:
    """Points (lat, lon) a map must frame: the corners of the country's outline and its places."""
    frames = [places[["lat", "lon"]].dropna()]
    if bounds is not None:
        west, south, east, north = bounds
        frames.append(pd.DataFrame({"lat": [south, north], "lon": [west, east]}))
    return pd.concat(frames, ignore_index=True)


def country_places(corpus: Corpus, iso: str) -> tuple[pd.DataFrame, pd.Series]:
    """Places in the country, and how many curated rows cite each place (as the hotspot map counts)."""
    cited = pd.concat([corpus["figures"]["subject"], corpus["figures"]["related"], corpus["incidents"]["place_id"],
                       corpus["hotspots"]["place_id"]])
    row_counts = cited[cited != ""].value_counts()
    places = corpus["places"]
    return places[places["country_iso3"] == iso], row_counts
