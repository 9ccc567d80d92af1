"""Incident candidates: one per event, placed where it happened, with a summary drawn from its
sentence, how the sentence links a group to it, and the event key of a matching event already in
the tables.

- An incident comes from a sentence with an event word (attack, plot, arrested, repatriated...) and
  a date: the sentence's own (not "since 2019", not the date a court passed sentence), else, in a
  news report, the day the news was told ("said on Friday"), refined by the next sentence's date
  ("arrived late on Monday"), or none (the curator fills it in). A news sentence giving two or more
  counts for a whole year is a tally, not an event; "a plane carrying N ... landed" is a repatriation.
- Where: a repatriation happens in the repatriating state (never Syria or Iraq, which go in the
  note); anything else at the places the sentence names (one incident per place, the most specific
  of places that contain one another), else a country named after "in", else the place of an
  earlier sentence or of the dateline, marked as inferred.
- Rows of one document about the same event are merged into one (core.curation.incident_merge).
- The words that tell an event from its background are in core.curation.incident_words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from core.curation.calendar import months_before
from core.curation.figures import WAR_ZONES
from core.curation.incident_merge import same_day_possible
from core.curation.incident_words import (
    AGGREGATE, ATTRIBUTION, BEFORE_THE, DATELINE_DATE, DAY_ON_WORD, FOLLOW_UP, INVOLVED_IN, LARGEST_SO_FAR, NEGATED, NEWS_EVENT_WORDS,
    CONDITIONAL, NOT_EVENT_DATE, OCCASION, PARTICIPLE, REFERENCE_BEFORE, RELATIVE, SAME_TIME, SEIZED, SEVERAL_FLIGHTS, SINCE_PHRASE, SINCE_WHEN,
    STATE_BODY, SUSPECT_HOME, TALLY_VERB, VERDICT, WAR_DEAD, YEAR_SPAN, involvement,
)
from core.curation.reading import EVENT_PATTERNS, KILLED, PLANNED_FOR, WOUNDED, format_number
from core.curation.vocab import Mention
from core.curation.verbs import STAT_LABEL, return_place
from core.data.numbers import NumberOccurrence
from core.data.schema import CENTRAL_ASIA, INCIDENT_KINDS

@dataclass
class SentenceDates:
    """The dates of one sentence, sorted by position: (start, end, ISO date, precision)."""
    all: list[tuple[int, int, str, str]] = field(default_factory=list)  # every date span (ISO '' if unresolved)
    event: list[tuple[int, int, str, str]] = field(default_factory=list)  # resolved dates of what happened
    speech: list[tuple[int, int, str, str]] = field(default_factory=list)  # "said on Friday": when it was told
    period: list[tuple[int, int, str, str]] = field(default_factory=list)  # event dates that may date its figures
    inferred: dict[tuple[int, int], str] = field(default_factory=dict)  # span -> words, for dates from the publication date


def summary_from(sentence: str) -> str:
    """One plain sentence drawn from the quote: attribution ('..., the ministry said') and quote
    marks dropped, cut at a clause boundary when long."""
    text = re.sub(r"[\"\u201c\u201d]", "", sentence).strip()
    text = re.sub(r"^(?:According to [^,]{1,80},\s*|Separately,\s*|Meanwhile,\s*)", "", text)
    text = ATTRIBUTION.sub("", text).rstrip(" ,;:")
    if len(text) > 220:
        cut = max(text.rfind(", ", 0, 220), text.rfind("; ", 0, 220))
        text = text[:cut] if cut > 60 else text[:217].rsplit(" ", 1)[0]
    text = text.rstrip(" ,;:.")
    return (text[:1].upper() + text[1:] + ".") if text else ""


def event_day(d: tuple[int, int, str, str], text: str) -> tuple[int, int, str, str] | None:
    """A date of the sentence as an event's date: "last weekend" is its Saturday (inferred, the note
    says); any other period ("over the past twelve months") is none."""
    if d[3] == "period" and re.search(r"weekend", text[d[0]:d[1]], re.I):
        return d[0], d[1], d[2].split("..")[0], "day"
    return None if d[3] == "period" else d


def _date_for(text: str, dates: SentenceDates, news: bool, kind: str, word_at: int) -> tuple[tuple[int, int, str, str] | None, str]:
    """The incident's date and how it was chosen ('' when the sentence states it as the event's)."""
    # "planning an attack on Sept. 1": the day planned for is not the day of any event yet
    events = [d for d in dates.event if not PLANNED_FOR.search(text[max(0, d[0] - 110):d[0]])]
    verdict = next((v for v in VERDICT.finditer(text[:word_at])  # "sentenced ... for plotting": the date is the sentence's
                    if not REFERENCE_BEFORE.search(text[max(0, v.start() - 60):v.start()])), None)  # not "since ... were jailed"
    if kind == "court verdict":
        verdict = None  # the verdict is the event: its day is the sentence's
    if verdict and not events:
        return None, "verdict"
    if kind == "announcement" and dates.speech and not events:
        return dates.speech[0], ""  # "announced on April 17": the announcement is the event
    for d in events + dates.speech:  # "claimed Friday's suicide bombing": the date written on the event word
        if d[1] <= word_at and re.fullmatch(r"(?:'s|\u2019s)\s+(?:[a-z-]+\s+){0,2}|\s+", text[d[1]:word_at]) and d[3] == "day":
            return d, ""
    for d in events:
        if re.search(r",\s+(?:who|which)\b[^,]*$", text[:d[0]]) and re.match(r"[^,]*,", text[d[1]:]) and word_at > d[1]:
            continue  # "The suspect, who came to Germany in 2027, was arrested": the clause's date, not the event's
        d = event_day(d, text)
        if d is None:
            continue  # "over the past twelve months": a period, not the date of an event
        if DATELINE_DATE.match(text[d[1]:]) and d[0] < 60 and any(e[0] > d[1] and e[3] == "day" for e in events):
            continue  # "Samara — June 2, 2026 — ... a bomb tore through the market on May 12": the report's day, not the event's
        if d[3] == "year" and (d[0], d[1]) in dates.inferred and not re.match(r"last\s+year", text[d[0]:d[1]], re.I):
            continue  # "this year": a period so far, not the date of an event
        if verdict and verdict.start() < d[0] + 60 and len(events) == 1:
            return None, "verdict"  # "a court on Thursday sentenced...": the day of the sentence
        before = text[max(0, d[0] - 10):d[0]]
        if YEAR_SPAN.match(text[d[1]:]) or re.search(r"\bbetween\s*$|(?:19|20)\d\d\s*(?:-|\u2013|to|and|through)\s*$", before):
            continue  # "in 2013-2016", "between 2015 and 2017": a period, not the date of an event
        if (NOT_EVENT_DATE.search(before) or SINCE_PHRASE.search(text[max(0, d[0] - 60):d[0]])) and not SINCE_WHEN.match(text[d[1]:]):
            continue
        return d, ""
    if events:
        return None, "period"  # only "since 2019": a period, not an event
    if news and dates.speech:
        return dates.speech[0], "speech"
    return None, "none"


class IncidentFinder:
    """Incident candidates of one document, sentence by sentence, then merged per event."""

    def __init__(self, place_rows: pd.DataFrame, existing: pd.DataFrame, published: str, dateline_country: str,
                 dateline_place: str, deporting: bool = False):
        self.place_rows = place_rows
        self.existing = existing.to_dict("records")
        self.place_names = {p: str(n).lower() for p, n in zip(place_rows.index, place_rows["name"])}
        self.place_country = dict(zip(place_rows.index, place_rows["country_iso3"].astype(str)))
        self.news = bool(re.fullmatch(r"\d{4}-\d\d-\d\d", published or ""))
        self.published = published
        self.dateline_country, self.dateline_place = dateline_country, dateline_place
        self.deporting = deporting  # a report of a deportation: its flights are the deporting state's, not a repatriation
        self.last_date: tuple[int, int, str, str] | None = None  # the date of the last dated incident
        self.looked_up_before: list[dict] = []  # the places looked up in the last sentence that named new ones
        self.looked_up_all: dict[str, dict] = {}  # every place looked up so far, by name
        self.paragraph = 0  # the paragraph of the sentence read now, and (paragraph, day, words, relative) of the one day
        self.day_before: tuple[int, str, str, bool] | None = None  # the sentence before told, if it told one

    def sentence(self, text: str, dates: SentenceDates, mentions: list[Mention], numbers: list[NumberOccurrence],
                 looked_up: list[dict], context: list[Mention], paragraph: int = 0) -> list[dict]:
        """The incident rows of one sentence (`paragraph`: the number of its paragraph in the document)."""
        self.paragraph = paragraph
        rows = self._sentence(text, dates, mentions, numbers, looked_up, context)
        self.place_country.update({p["candidate_id"]: p["country_iso3"] for p in looked_up})
        self.looked_up_before = looked_up or self.looked_up_before
        self.looked_up_all.update({p["name"]: p for p in looked_up})
        days = [d for d in dates.event if d[3] == "day" and d[2] and not NOT_EVENT_DATE.search(text[max(0, d[0] - 10):d[0]])
                and not PLANNED_FOR.search(text[max(0, d[0] - 110):d[0]])]  # not "until Saturday", "planned for May 2"
        self.day_before = (paragraph, days[0][2], text[days[0][0]:days[0][1]], (days[0][0], days[0][1]) in dates.inferred) \
            if len(days) == 1 else None
        return rows

    def _sentence(self, text: str, dates: SentenceDates, mentions: list[Mention], numbers: list[NumberOccurrence],
                  looked_up: list[dict], context: list[Mention]) -> list[dict]:
        found = [(m.start(), rank, m, kind) for rank, (pattern, kind) in enumerate(EVENT_PATTERNS) if (m := pattern.search(text))]
        if self.news:
            found += [(m.start(), -1, m, kind) for pattern, kind in NEWS_EVENT_WORDS if (m := pattern.search(text))]
        item = STAT_LABEL.match(text)  # "* Foreigners expelled from Kazakhstan: 1,187": a statistic, not an event
        if not found or re.match(r"^\W*[-*\u2022]\s+[a-z]", text) or re.match(r"^\W*(?:Correction|Corrects|Clarification)\b", text) \
                or (item and text[item.end():item.end() + 1].isdigit()):
            return []  # "- bring home children living in prison": a list item that asks for something, no report
        # "since their mothers were jailed": an event the sentence refers to, when it reports another one
        found = [f for f in found if not REFERENCE_BEFORE.search(text[max(0, f[0] - 60):f[0]])] or (
            [] if re.match(r"^\W*(?:Because|Since|When|While|Until)\b", text) else found)  # "Because she returned voluntarily she ..."
        # "cleared of involvement in the January attack": named as what people are linked to, never reported;
        # "Shortly before the attack he sent a video": the event told before, as a point in time
        found = [f for f in found if not INVOLVED_IN.search(text[max(0, f[0] - 60):f[0]])
                 and not BEFORE_THE.search(text[max(0, f[0] - 30):f[0]])]
        if not found:
            return []
        first = min(found, key=lambda f: (f[0], f[1]))  # the first event word of the sentence
        dated = [f for f in found if DAY_ON_WORD.search(text[max(0, f[0] - 40):f[0]])]
        if dated and INCIDENT_KINDS.get(dated[0][3]) == "attack":  # "charged a man over Saturday's knife attack": the attack
            first = dated[0]
        if re.match(r"claimed\s+responsibility", first[2].group(0), re.I):  # "... for an attack": the attack
            first = min((f for f in found if f[0] > first[0]), key=lambda f: (f[0], f[1]), default=first)
        _, _, word, kind = first
        if kind == "repatriation programme" and self.deporting and not WAR_ZONES.search(text) and not SUSPECT_HOME.search(text):
            kind = "policy measure"  # "A chartered Airbus carrying 22 men ... landed in Dushanbe": deportees flown out
        if kind == "repatriation programme" and PARTICIPLE.search(text[max(0, word.start() - 40):word.start()]):
            return []  # "the children brought back in 2022 was...": a description, not the report of an event
        if kind == "repatriation programme" and re.search(r"\bwho\s+(?:had\s+|have\s+|has\s+)?$", text[max(0, word.start() - 12):word.start()]):
            return []  # "7 men who returned from Syria": who they are, not what happened
        date, how = _date_for(text, dates, self.news, kind, word.start())
        if kind == "court verdict" and (date is None or date[3] != "day" or CONDITIONAL.search(text[:word.start()])):
            return []  # a verdict is given on a day: not "courts convicted 1,096 people in 2021", nor "If convicted, ..."
        if date is None and (how in ("verdict", "period") or not self.news or FOLLOW_UP.match(text)):
            return []  # an undated "The women were detained on arrival" follows the event told before
        if NEGATED.search(text[max(0, word.start() - 30):word.start()]):
            return []  # "No group claimed responsibility"
        if re.search(r"\bhad\s+(?:been\s+)?(?:\w+ly\s+)?$", text[max(0, word.start() - 20):word.start()]) and not re.search(
                r"\b(?:said|says|announced|reported)\s+(?:on\s+\w+\s+)?(?:that\s+)?(?:it|they|police)\s+had\s+$", text[max(0, word.start() - 50):word.start()]):
            return []  # "the suspects had pledged allegiance": background to the event told, not another one
        if INCIDENT_KINDS.get(kind) == "attack" and (SEIZED.search(text[word.start():word.start() + 60]) or re.search(
                r"\b(?:found|seized|discovered|confiscated)\b[^.;]{0,100}$", text[max(0, word.start() - 110):word.start()])):
            return []  # "2 homemade bombs were found at their homes": evidence of the plot told before, not a bombing
        if kind == "repatriation programme" and (date is None or date[3] != "day") and SEVERAL_FLIGHTS.search(text):
            return []  # "in 2019, when five flights brought back 595 people": several events told as one count
        if kind == "killing" and date is None and WAR_DEAD.search(text):
            return []  # fighters who died in a war abroad, on no day told: a count of the dead, not an incident
        total = AGGREGATE.search(text) or (OCCASION.match(text) if re.search(r"\bsince\b", text[word.end():], re.I) else None)
        if total and not LARGEST_SO_FAR.search(text[:total.start()]):
            return []  # "In total, 595 people have been returned": a running total, not an event
        if self.news and date is not None and date[3] == "year" and sum(bool(TALLY_VERB.search(text[max(0, o.start - 30):o.start]))
                                                                         for o in numbers) >= 2:
            return []  # "prevented 7 crimes in 2023, detained 120 members ...": a year's tally, not an event
        if self.news and kind == "repatriation programme" and date is not None and date[3] in ("year", "month") and \
                date[2] < months_before(self.published, 6) and not (date[0], date[1]) in dates.inferred:
            return []  # "Two of the defendants had come back from Syria in 2019": a news report's background, not its news
        if date is None and kind == "repatriation programme" and len({m.id for m in mentions if m.kind == "country" and m.id in CENTRAL_ASIA}) > 1:
            return []  # "Kazakhstan has returned the most, followed by Uzbekistan": a comparison
        if date is None and how == "none" and self.news and self.day_before and self.day_before[0] == self.paragraph:
            date, how = (-1, -1, self.day_before[1], "day"), "sentence before"  # "... on Thursday, was a woman carrying a girl.
            # Behind her came the rest: 44 Kazakh citizens flown in from Syria": the day the sentence before tells
        elif date is None and self.last_date and SAME_TIME.search(text):  # "In a parallel operation, officers ..."
            date, how = (-1, -1, self.last_date[2], self.last_date[3]), "same time"  # no span of this sentence
        elif date is not None and how == "":
            self.last_date = date
        killed, wounded = _casualties(text, numbers)
        groups = [x for x in mentions if x.kind == "group"]
        group_id = groups[0].id if groups else ""
        notes = []
        if date is not None and (date[0], date[1]) in dates.inferred:
            notes.append(f"Inferred: '{dates.inferred[(date[0], date[1])]}' = {date[2]}, from the publication date.")
        if how == "speech":
            notes.append("Inferred: the day the news was told; the event may be earlier.")
        if how == "sentence before":
            _, day, words, relative = self.day_before
            notes.append(f"Inferred: the day told in the sentence before ('{words}' = {day}"
                         + (", from the publication date)." if relative else ")."))
        if how == "same time":
            notes.append(f"Inferred: the date of the event told before ({date[2]}); the sentence says it happened at the same time.")
        rows = []
        for place_id, country, why, note in self._where(text, kind, mentions, looked_up, context, word.start()):
            row = dict(table="incidents", kind=kind, date=date[2] if date else "", date_precision=date[3] if date else "",
                       date_inferred="yes" if (date and ((date[0], date[1]) in dates.inferred or how)) else "",
                       place_id=place_id, place_inferred="yes" if place_id and "Inferred: the place" in note or
                       "Inferred: the country of the dateline" in note else "", country_iso3=country, group_id=group_id,
                       involvement=involvement(text) if group_id else "", killed=killed, wounded=wounded,
                       summary=summary_from(text), note=" ".join(notes + ([note] if note else [])),
                       reason=f"event word '{word.group(0)}'" + (", date of the event told before" if how == "same time" else
                                                            ", date of the sentence before" if how == "sentence before" else
                                                            f" and date '{text[date[0]:date[1]]}'" if date else ", no date stated")
                       + f"; {why}", _speech=how == "speech", _dateless=date is None, _with_before=how == "sentence before",
                       _handover=bool(re.match(r"hand|transfer", word.group(0), re.I)))
            rows.append(row)
        return rows

    def _where(self, text: str, kind: str, mentions: list[Mention], looked_up: list[dict], context: list[Mention], at: int = 0):
        """(place_id, country, why, note) of each place the event happened at (the event word at `at`)."""
        if kind == "court verdict":  # the court's place, told before its verdict ("A court in Talas on Friday jailed
            text, mentions = text[:at], [m for m in mentions if m.end <= at]  # ... for fighting in Syria"): one place
            looked_up = [p for p in looked_up if re.search(rf"(?<![\w-]){re.escape(p['name'])}(?![\w-])", text)]
            return self._where(text, "court", mentions, looked_up, context, at)[:1]
        countries = [m for m in mentions if m.kind == "country"]
        if kind == "repatriation programme":
            home = [m for m in countries if m.id in CENTRAL_ASIA]
            if not home and any(m.kind == "central_asia" for m in mentions):
                return []  # "the five Central Asian states have brought home...": a sum, not one event
            home = home or [m for m in context if m.id in CENTRAL_ASIA]
            whence = return_place(text)
            agents = [m for m in countries if m.text not in whence]
            states = list(dict.fromkeys(m.id for m in home)) or list(dict.fromkeys(m.id for m in agents))[:1] or [
                p["country_iso3"] for p in looked_up if p["country_iso3"] in CENTRAL_ASIA][:1]  # "landed in Dushanbe": home
            note = f"Returned from {whence}." if whence else ""
            if states and not any(m in countries for m in home):
                note = (note + " Inferred: the repatriating state is named in an earlier sentence.").strip()
            return [(self._country_place(c), c, f"repatriating state '{c}'", note) for c in states] or [("", "", "no state named", "")]
        if kind == "policy measure" and self.deporting:  # a deportation happens in the deporting state
            state = self.dateline_country if self.dateline_country and self.dateline_country not in CENTRAL_ASIA else next(
                (m.id for m in countries + [m for m in context if m.kind == "country"] if m.id not in CENTRAL_ASIA), "")
            return [(self._country_place(state), state, "the deporting state", "")] if state else [("", "", "no state named", "")]
        places = [m for m in mentions if m.kind == "place"]
        targets = []
        for p in self._most_specific(list(dict.fromkeys(m.id for m in places)), looked_up):
            targets.append((p, self._country_of(p), f"place '{p}'", ""))
        named = {m.id for m in mentions + context if m.kind == "country"}
        looked_up = looked_up or [p for name, p in self.looked_up_all.items()  # a town looked up earlier, named again
                                  if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]
        looked_up = [p for p in looked_up if not self._namesake(p, named)]
        if not targets:
            for place in looked_up:  # a place the gazetteer found: the incident points at its candidate
                targets.append((place["candidate_id"], place["country_iso3"], f"new place '{place['name']}' (looked up)", ""))
        if not targets:
            own = [m for m in countries if not RELATIVE.search(text[at:m.start])]  # not "men who ... sent money to Turkey"
            targets = [(self._country_place(c), c, f"country '{c}'", "") for c in self._located(text, own)]
        if not targets and self.news:  # a news report's places carry from sentence to sentence
            earlier = [m for m in context if m.kind == "place"] + [  # "Officers arrested five men" after "... in Birmingham"
                Mention("place", p["candidate_id"], -1, -1, p["name"]) for p in self.looked_up_before[:1]
                if not self._namesake(p, named)] + [
                m for m in context if m.kind == "country" and not (self.dateline_country and self._demonym(m))]
            if earlier:
                m = earlier[0]
                place = m.id if m.kind == "place" else self._country_place(m.id)
                country = self._country_of(m.id) if m.kind == "place" else m.id
                targets.append((place, country, f"place of an earlier sentence ('{m.text}')",
                                f"Inferred: the place named in an earlier sentence ('{m.text}')."))
            elif self.dateline_country:
                targets.append((self._country_place(self.dateline_country), self.dateline_country, "the dateline",
                                f"Inferred: the country of the dateline ({self.dateline_place})."))
        return targets or [("", "", "no place named", "")]

    def _demonym(self, mention: Mention) -> bool:  # "a Tajik asylum seeker": who someone is, not where it happened
        return mention.text.lower() != self.place_names.get(self._country_place(mention.id), mention.text.lower())

    def _namesake(self, place: dict, named: set[str]) -> bool:
        """A town of the gazetteer abroad that may share its name with one at home: "a removal centre in
        Tuzla" in a report from Izmir (GeoNames knows Bosnia's Tuzla, not Istanbul's) is not where it happened."""
        country = place["country_iso3"]
        return bool(self.dateline_country) and country != self.dateline_country and country not in named and \
            int(place.get("population") or 0) < 500_000

    def _located(self, text: str, countries: list[Mention]) -> list[str]:
        """Countries where it happened: those after 'in', 'at', 'near' (and any listed with them: 'in
        Turkey, as well as in Tajikistan and Uzbekistan'), else the first named that is not where
        people came from or went to ('from Syria', 'with Afghanistan')."""
        located: list[str] = []
        for m in countries:
            before = text[max(0, m.start - 24):m.start]
            if re.search(r"\b(?:in|at|near|across|inside|territory\s+of|soil\s+of)\s+(?:the\s+)?$", before) or m.text.endswith("'s") or (
                    located and re.fullmatch(r"\s*(?:,|and|,\s*and|or)\s*", text[countries[countries.index(m) - 1].end:m.start])
                    and countries[countries.index(m) - 1].id in located):
                located.append(m.id)
        if located:
            return list(dict.fromkeys(located))[:3]
        for m in countries:
            if re.search(r"\b(?:from|with|against|to|into|for|of)\s+(?:the\s+)?$", text[max(0, m.start - 12):m.start]):
                continue
            if re.match(r"^\s+(?:citizens?|nationals?|natives?|migrants?|women|men|children|people)\b", text[m.end:m.end + 14]) or (
                    self._demonym(m) and not STATE_BODY.match(text[m.end:m.end + 30])):
                continue  # "two Tajik citizens", "three Tajiks aged 22 to 29": who, not where (but "the Kazakh government": where)
            return [m.id]
        return []

    def _most_specific(self, place_ids: list[str], looked_up: list[dict]) -> list[str]:
        """The Kaluga region and the city of Kaluga: one place (the city)."""
        names = {self.place_names[p] for p in place_ids if p in self.place_names}
        names |= {str(p["name"]).lower() for p in looked_up}
        out = []
        for p in place_ids:
            name = self.place_names.get(p, p)
            base = re.sub(r"\s+(?:region|province|oblast|district)$", "", name)
            if base != name and base in names:
                continue
            out.append(p)
        return out

    def _country_of(self, place_id: str) -> str:
        return self.place_country.get(place_id, "")

    def _country_place(self, iso3: str) -> str:
        pid = f"country_{iso3.lower()}"
        return pid if pid in self.place_country else ""

    def add_event_key(self, row: dict) -> None:
        """The event_id of a matching event already in the tables (blank: plan.py makes a new one)."""
        row["event_id"], matched = self._event_key(row)
        if matched:
            row["reason"] += f"; same event as {matched} in the tables (event_id {row['event_id']}): check it"

    def _event_key(self, row: dict) -> tuple[str, str]:
        """(event_id, incident_id) of an incident in the tables about the same event: same kind of
        event, same country, dates that overlap; ('', '') when none."""
        if not row["date"] or not row["country_iso3"]:
            return "", ""
        category = INCIDENT_KINDS.get(row["kind"])
        for other in self.existing:
            places = (other.get("place_id", ""), row["place_id"])
            specific = all(p and not p.startswith("country_") for p in places)  # a new place (@...) is specific too
            if (INCIDENT_KINDS.get(other["kind"]) == category and other["country_iso3"] == row["country_iso3"]
                    and other["date"] and same_day_possible(other["date"], row["date"]) and not (specific and places[0] != places[1])):
                return other["event_id"], other["incident_id"]
        return "", ""


def _casualties(text: str, numbers: list[NumberOccurrence]) -> tuple[str, str]:
    killed = wounded = ""
    for occ in numbers:
        if occ.value is None or occ.value != int(occ.value):
            continue
        before, after = text[max(0, occ.start - 30):occ.start], text[occ.end:occ.end + 40]
        if not killed and (any(p.search(before) for p in KILLED[:1] + KILLED[2:]) or KILLED[1].match(after)):
            killed = format_number(occ.value)
        elif not wounded and (WOUNDED[0].search(before) or WOUNDED[1].match(after)):
            wounded = format_number(occ.value)
    return killed, wounded
