"""What the proposer knows by name: countries, groups, places and channels from our tables (with
their other names), the events already in the tables, the indicator keywords (data/vocab/indicator_keywords.csv), and the rules that
guess a number's indicator and subject from the names around it."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from core.curation.reading import MONTHS
from core.data.paths import ROOT
from core.data.schema import CENTRAL_ASIA

VOCAB_DIR = ROOT / "data" / "vocab"


INDICATOR_KEYWORDS = VOCAB_DIR / "indicator_keywords.csv"


# Platforms and outlets proposed as channels even when channels.csv does not name them yet.
KNOWN_CHANNELS = {
    "Telegram": "messaging app", "WhatsApp": "messaging app", "Viber": "messaging app", "Signal": "messaging app",
    "Skype": "messaging app", "IMO": "messaging app", "Zello": "audio/radio", "YouTube": "online platform",
    "Facebook": "online platform", "Instagram": "online platform", "TikTok": "online platform",
    "VKontakte": "online platform", "Odnoklassniki": "online platform", "Twitter": "online platform",
    "Amaq": "media outlet", "Dabiq": "media outlet", "Al-Naba": "media outlet", "Voice of Khurasan": "media outlet",
}


CHANNEL_NEGATION = re.compile(r"\b(?:not|no longer|rather than|instead of|never)\b", re.I)


GROUP_WORDS = (r"Movement|Party|Front|Brigade|Battalion|Army|Jamaat|Katibat|Emirate|Network|Organi[sz]ation|"
                r"Union|Hizb|Tehrik|Jihad|Mujahideen|Ansar\w*|Jabhat|Jund|Tawhid")


GROUP_NAME = re.compile(
    rf"\b(?:(?:al-|Al-)?[A-Z][\w'\-]+\s+){{0,4}}(?:{GROUP_WORDS})(?:\s+(?:of|al|ul|e|wal)[\s-]+[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){{0,2}}){{0,2}}"
)


# Arabic construct names: "Katibat Imam al-Bukhari wal-Jihad", "Hizb ut-Tahrir", "Katibat al-Tawhid wal-Jihad"
CONSTRUCT_NAME = re.compile(r"\b(?:Katibat|Jamaat|Hizb|Jabhat|Jund|Harakat|Ansar)(?:\s+(?:ut-|al-|ul-|e-)?[A-Z][\w'\-]+|"
                            r"[\s-]+(?:al|ul|ut|e|wal)-[A-Z][\w'\-]+){1,4}")


GROUP_STOP = {"Soviet Union", "European Union", "Red Army", "Islamic Emirate", "National Army", "Army", "Party",
               "Movement", "Front", "Network", "Union", "Jihad", "Organization", "Organisation"}


# A few gazetteer names that are common English words or parts of names in these texts.
PLACE_STOP = {"Of", "Police", "Mobile", "Union", "Victoria", "Mission", "Florence", "Hamilton", "Nice", "Best",
               "Islam", "Kabul River", "Guide", "Deal", "Reading", "Bath", "Ideal", "Along", "Most", "Say", "Date",
               "Aktau Islamic", "Obama", "Asia", "Mecca", "Medina", "Central", "Khorasan", "Khurasan", "Islamabad Islamic",
               *(m.capitalize() for m in MONTHS), "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
               "Sunday", "Islamic", "State", "Taliban", "Brother", "Sheikh", "President"}


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
    incidents: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["incident_id", "event_id", "date", "country_iso3", "kind"]))  # events already in the tables
    patterns: list[tuple[re.Pattern, str, str, str]] = field(default_factory=list)  # (regex, kind, id, name in lower case)
    known_names: set[str] = field(default_factory=set)  # every name the tables already know

    @cached_property
    def topics(self) -> dict[str, str]:
        return dict(zip(self.indicators["indicator"], self.indicators["topic"]))

    @cached_property
    def place_countries(self) -> dict[str, str]:
        return dict(zip(self.places["place_id"], self.places["country_iso3"]))

    @cached_property
    def place_kinds(self) -> dict[str, str]:
        return dict(zip(self.places["place_id"], self.places["kind"]))

    @cached_property
    def units(self) -> dict[str, str]:
        return dict(zip(self.indicators["indicator"], self.indicators["unit"]))


def read_keywords(path: Path = INDICATOR_KEYWORDS) -> dict[str, list[str]]:
    """indicator -> keyword phrases (lower case), in file order (earlier wins a tie)."""
    out: dict[str, list[str]] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[row["indicator"]] = [k.strip().lower() for k in row["keywords"].split(";") if k.strip()]
    return out


def split_names(value: str) -> list[str]:
    return [n.strip() for n in str(value or "").split(";") if n.strip()]


def build_vocab(tables: dict[str, pd.DataFrame], keywords: dict[str, list[str]] | None = None) -> Vocab:
    """Name patterns for countries (names, adjectives, demonyms), groups (names, aliases), places."""
    str_tables = {k: v.astype("object").fillna("").astype(str) for k, v in tables.items()}
    vocab = Vocab(str_tables["countries"], str_tables["places"], str_tables["groups"], str_tables["indicators"],
                  str_tables["channels"], keywords if keywords is not None else read_keywords())
    if "incidents" in str_tables:
        vocab.incidents = str_tables["incidents"]
    entries: list[tuple[str, str, str]] = []  # (name, kind, id)
    for row in vocab.countries.itertuples():
        for name in [row.name, *split_names(row.other_names)]:
            entries.append((name, "country", row.iso3))
    for row in vocab.groups.itertuples():
        # a display name with a qualifier ("Chechen militants in 1990s Afghanistan") also matches its head
        head = re.split(r"\s+(?:in|of the)\s+\d|\s*\(|\s+in\s+\d", row.name)[0].strip()
        for name in dict.fromkeys([row.name, head, *split_names(row.aliases)]):
            entries.append((name, "group", row.group_id))
    for row in vocab.places.itertuples():
        if row.place_id == "central_asia" or row.place_id.startswith("country_"):
            continue  # countries match as countries; Central Asia below
        names = [row.name, re.split(r"\s*\(", row.name)[0].strip(), *split_names(row.alt_names)]  # "Tajik-Afghan border (Badakhshan)"
        names += [re.sub(r"\bSt (?=[A-Z])", "St. ", n) for n in names]  # St Petersburg, St. Petersburg
        names += [n[:-5] for n in names if n.endswith(" camp") and len(n) > 9]  # "the al-Hol and Roj camps"
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
        vocab.patterns.append((re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w])", flags), kind, ident, name.lower()))
    vocab.known_names = known
    return vocab


# "residents of the region", "courts in the region": a province's region, not Central Asia
LOCAL_REGION = re.compile(r"\b(?:residents?|courts?|police|authorities|governor|prosecutors?|officials)\s+(?:of|in|across)\s+$", re.I)


def find_mentions(vocab: Vocab, text: str) -> list[Mention]:
    """Countries, groups and places named in a text (no overlaps; the longest name wins)."""
    taken: list[tuple[int, int]] = []
    found = []
    lowered = text.lower()
    for pattern, kind, ident, needle in vocab.patterns:
        if needle not in lowered:
            continue  # a plain substring test first: most names are not in a given sentence
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if m.group(0).lower() == "the region" and LOCAL_REGION.search(text[max(0, m.start() - 40):m.start()]):
                continue
            taken.append(m.span())
            found.append(Mention(kind, ident, m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda m: m.start)


def guess_indicator(vocab: Vocab, sentence: str, pos: int, percent: bool, ratio: bool,
                    leave_out: set[str] = frozenset()) -> tuple[str, str]:
    """(indicator, keyword that decided it): keywords near the number count double."""
    lowered = sentence.lower()
    best, best_score, best_word = "", 0.0, ""
    units = vocab.units
    for indicator, words in vocab.keywords.items():
        unit = units.get(indicator, "")
        if ratio != (unit == "ratio") or percent != (unit == "percent") or indicator in leave_out:
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
ORIGIN_DESTINATION = {"labour_migrant_destination_share", "migrants_population_share", "labour_migrants"}


GROUP_INDICATORS = {"group_strength", "militants_killed_or_captured", "leaders_killed_or_captured", "prisoners_released",
                     "foreign_prisoners_released", "countries_of_released_prisoners", "defecting_commanders",
                     "propaganda_outlets", "propaganda_publications", "attack_casualties", "attacks",
                     "territory_control_share"}


PLACE_INDICATORS = {"mobilization_cases_share", "population_share", "returnee_children_share", "militant_families"}


def guess_subject(mentions: list[Mention], start: int, end: int, indicator: str, text: str,
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
    if indicator in ORIGIN_DESTINATION:
        origins = [m for m in pool if m.kind in ("country", "central_asia")]
        origins = [m for m in origins if m.id in CENTRAL_ASIA or m.kind == "central_asia"] + \
            [m for m in origins if not (m.id in CENTRAL_ASIA or m.kind == "central_asia")]  # Uzbeks in Russia: Uzbekistan
        if origins:
            subject = origins[0]
            others = [m for m in origins if m.id != subject.id]
            related = min(others, key=distance).id if others else ""
            return subject.id, related, f"origin '{subject.text}'"
    preferred = []
    for kinds, wanted in ((("group",), indicator in GROUP_INDICATORS), (("place",), indicator in PLACE_INDICATORS)):
        if not wanted:
            continue
        preferred = [m for m in pool if m.kind in kinds]
        earlier = [m for m in context if m.kind in kinds]
        if earlier and (not preferred or (kinds == ("group",) and re.match(r"\s*(?:The group|Its|It|The organi[sz]ation|The movement)\b", text))):
            return earlier[0].id, "", f"named in an earlier sentence ('{earlier[0].text}')"
    central = [m for m in pool if m.kind == "central_asia" or (m.kind == "country" and m.id in CENTRAL_ASIA)]
    paired = [m for m in central if re.fullmatch(r"\s+(?:(?:came|come|were|are)\s+)?from\s+(?:the\s+)?", text[end:m.start])
              and not re.match(r"\s*(?:,|and)\s+(?:the\s+)?[A-Z]", text[m.end:])]
    if paired:  # "251 came from Tajikistan, 117 from Uzbekistan and 40 from Kyrgyzstan": each number its own
        return paired[0].id, "", f"origin after the number: '{paired[0].text}'"
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
                  and re.search(r"\b(?:from|of)\s+(?:the\s+)?$", text[max(end, m.start - 12):m.start])
                  # "returning from Syria": whence; "on charges of Islamic State membership": not who they are
                  and not re.search(r"\w(?:ing|ed)\b|\b(?:charges?|membership|suspicion|links?)\b", text[end:m.start])]
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


def respectively(text: str, figures: list, mentions: list[Mention]) -> list[Mention]:
    """'Kazakhstan and Uzbekistan ... 654 and 512 people respectively': the i-th number goes with
    the i-th name named before the numbers (countries and places; empty when it does not fit)."""
    if "respectively" not in text.lower() or len(figures) < 2:
        return []
    first = figures[0].occ.start
    names = [m for m in mentions if m.end <= first and m.kind in ("country", "place", "central_asia")]
    names = list({m.id: m for m in names}.values())
    return names[-len(figures):] if len(names) >= len(figures) else []


PLACE_SPECIFICITY = {"venue": 0, "neighbourhood": 1, "camp": 1, "prison": 1, "military site": 1, "city": 2, "town": 2,
                      "district": 3, "province": 4, "mountain area": 5, "border area": 5, "region": 6, "country": 7}


CHANNEL_INDICATORS = {"telegram_blocked_bots_channels", "video_views", "monitored_channels_still_active_share"}


INCIDENT_INDICATORS = {"killed", "wounded", "perpetrators", "perpetrator_age", "people_arrested", "people_expelled",
                        "migrants_detained", "group_leaders", "personnel_redeployment_share"}

def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:40]
