"""Reading a document's text for proposals: sentences with their offsets, dates, numbers with the
words around them (qualifiers, ranges, percentages, killed and wounded), event words and periods."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.data.numbers import NumberOccurrence, scan_numbers

MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
MONTH_WORDS = "|".join(m.capitalize() for m in MONTHS)  # "January|February|...": for patterns that name a month


# "Dec 5, 2029" and "Feb. 4, 2030" as wire services write them, beside the full names
MONTH_NAMES = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH_NUMBER = MONTHS | {m[:3]: i for m, i in MONTHS.items()} | {"sept": 9}


DATE_PATTERNS = [  # most precise first; each gives (year, month, day) groups by name
    re.compile(r"(?<![\w.-])(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\w-])"),  # 2025-03-24
    re.compile(r"(?<![\w./])(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>(?:19|20)\d\d)(?![\w]|[./]\d)"),  # 14/11/2024, 28.02.2024
    re.compile(rf"\b{MONTH_NAMES}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_NAMES},?\s+(?P<y>(?:19|20)\d\d)\b"),
    re.compile(rf"\b{MONTH_NAMES},?\s+(?P<y>(?:19|20)\d\d)\b"),
    # a year; after a hyphen only as the end of a range of years ("2013-2016")
    re.compile(r"(?:(?<![\w.,-])|(?<=(?:19|20)\d\d[-\u2013]))(?P<y>(?:19|20)\d\d)(?![\w%]|\.\d|,\d)"),
]


# Event words -> incident kind (first match wins: specific before general).
EVENT_WORDS = [
    (r"suicide (?:attack|bomb\w*)", "suicide attack"),
    (r"mass shooting|shooting", "mass shooting"),
    (r"drone strike", "drone strike"),
    (r"shell(?:ing|ed)|missiles?|rockets?", "shelling"),
    (r"bomb(?:ing|ed|s)?|explosion|blast", "bombing"),
    (r"assassinat\w+", "assassination"),
    # a court's verdict on a day ("A court in Andijan on Wednesday jailed seven men"); "served/serving sentences" is not one
    (r"sentenced|jailed|convicted|found\s+(?:[\w-]+\s+){0,4}?guilty", "court verdict"),
    (r"plot(?:s|ted|ting)?|planned to|planning to", "plot"),
    (r"arrest(?:ed|s)?|detain(?:ed)?|apprehended", "arrest"),
    (r"repatriat\w+|brought (?:back|home)|returned home", "repatriation programme"),
    (r"pledged? allegiance|swore allegiance", "pledge of allegiance"),
    (r"founded|formed(?!\s+(?:the|a)\s+(?:largest|biggest|second|majority|bulk|core|backbone))|created|established|launched",
     "founding"),  # not "Uzbeks formed the largest group"
    (r"banned|ban on|outlawed", "ban"),
    (r"released from prison|freed from prison|were released", "prison release"),
    (r"\bmet with\b|meeting|arrived in|visited", "meeting"),
    (r"announced|declared|claimed responsibility|stated", "announcement"),
    (r"relocat\w+|moved to|transferred|took refuge|fled to", "relocation"),
    (r"agreement|concluded|introduced|canceled|cancelled|adopted", "policy measure"),
    (r"killing|killed|murder\w*", "killing"),
    (r"attack(?:s|ed)?|terrorist acts?|stabb(?:ed|ing)|knife\s+attack|"
     r"(?:militants|gunmen|attackers|assailants|fighters)(?:\s+who)?\s+stormed|"  # not "police stormed the flat"
     r"(?:rammed|drove|ploughed|plowed|steered)\s+(?:an?|his|the|their)\s+(?:[\w-]+\s+){0,2}?(?:van|truck|lorry|car|vehicle)\s+into", "attack"),
]


EVENT_PATTERNS = [(re.compile(rf"\b(?:{p})\b", re.I), kind) for p, kind in EVENT_WORDS]


QUALIFIER_WORDS = [  # text just before the number -> qualifier (English, then Russian); the first that fits
    (r"(?:at most|no more than|not more than)", "up to"),  # before "more than", which ends "no more than"
    (r"(?:at least|no fewer than|not less than|a minimum of)", "at least"),
    (r"(?:more than|over|above|exceeding|in excess of|upwards of)", "more than"),
    (r"(?:up to|as many as|as much as|a maximum of)", "up to"),
    (r"(?:less than|fewer than|under|below)", "less than"),
    (r"(?:almost|nearly|close to|just under)", "almost"),
    (r"(?:about|approximately|around|some|roughly|an estimated|the estimated|estimated|circa|approx\.|perhaps|maybe|possibly)", "about"),
    (r"(?:не менее|не меньше|по меньшей мере|как минимум|минимум)", "at least"),
    (r"(?:не более|не больше|до)", "up to"),
    (r"(?:более|больше|свыше|свыше чем|более чем)", "more than"),
    (r"(?:менее|меньше)", "less than"),
    (r"(?:почти|едва не|чуть менее)", "almost"),
    (r"(?:около|примерно|приблизительно|порядка|почти что|ориентировочно|свыше около)", "about"),
]


QUALIFIER_BEFORE = [(re.compile(rf"\b{p}\s*$", re.I), q) for p, q in QUALIFIER_WORDS]


PERCENT_AFTER = re.compile(r"^\s*(?:%|percent\b|per cent\b)", re.I)


RANGE_JOIN = re.compile(r"^\s*(?:-|\u2013|\u2014|to|or|до)\s*$", re.I)


BETWEEN = re.compile(r"\bbetween\s*$", re.I)


KILLED = [re.compile(p, re.I) for p in (r"\b(?:kill(?:ing|ed)|claim(?:ed|ing)\s+the\s+lives\s+of)\s+(?:at least\s+|about\s+|some\s+)?$",
                                          r"^\s*(?:people|persons|civilians|soldiers|worshippers)?\s*(?:were\s+|was\s+)?(?:killed|dead)\b",
                                          r"\bdeath toll of\s+$")]


WOUNDED = [re.compile(p, re.I) for p in (r"\b(?:wound|injur)(?:ing|ed)\s+(?:at least\s+|about\s+|some\s+)?$",
                                           r"^\s*(?:people|persons|civilians|others)?\s*(?:were\s+)?(?:wounded|injured|hurt)\b")]


RATIO_AFTER = re.compile(r"^\s*-?\s*to\s*-?\s*one\b", re.I)


ABBREVIATIONS = {"st", "mr", "mrs", "ms", "dr", "no", "vs", "e.g", "i.e", "etc", "jan", "feb", "aug", "sept",
                  "oct", "nov", "dec", "gen", "col", "lt", "sgt", "prof", "u.s", "u.k", "al"}


SENTENCE_END = re.compile(
    r"[.!?][\"'\u201d\u2019)\]]*(?:<sup>\s*\d+\s*</sup>|\[\d+\]|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+)?"
    r"(?=\s+[\"'\u201c\u2018(\[«]?[A-Z0-9])"
    r"|[.!?:;]?(?=[ \t]*\n[ \t]*[-*\u2022][ \t]+)")  # a bulleted line is a sentence of its own


# "one" is a count here, not an article or pronoun ("one of the men"): one person killed or hurt, or
# the last of a list of counts by nationality ("two of them Kyrgyz citizens, one a Tajik").
ONE_PERSON = re.compile(r"\bone\s+(?=(?:person|man|woman|child|boy|girl|officer|policeman|policewoman|soldier|civilian|"
                        r"passer-by|bystander|suspect|attacker)\b)", re.I)
ONE_LISTED = re.compile(r"(?:,|\band)\s+(?P<one>one)\s+(?:(?:a|an|of|from)\s+)?(?=[A-Z][a-z]+)")


def numbers_to_propose(doc_id: str, text: str) -> list[NumberOccurrence]:
    """The document's numbers (core.data.numbers.scan_numbers) and the "one" that counts someone: the
    scanner leaves "one" out, since in most texts it is an article or a pronoun."""
    found = scan_numbers(doc_id, text)
    starts = [o.start for o in found]
    ones = [m.span(0)[0] for m in ONE_PERSON.finditer(text)]
    ones += [m.start("one") for m in ONE_LISTED.finditer(text)
             if any(m.start() - 100 < s < m.start() for s in starts)]  # after another count, close before it
    found += [NumberOccurrence(doc_id, at, at + 3, text[at:at + 3], 1.0) for at in sorted(set(ones))
              if not any(o.start <= at < o.end for o in found)]
    return sorted(found, key=lambda o: o.start)


@dataclass
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str, skip: list[tuple[int, int]] | None = None) -> list[Sentence]:
    """Sentences with their offsets: paragraphs split on blank lines, headings and labelled list items
    (a line "- Tajikistan: 290", which is no sentence of the line before), then at . ! ? followed by a
    capital or digit (not after St., Dr., U.S. and the like)."""
    out: list[Sentence] = []
    for para in re.finditer(r"(?:[^\n]|\n(?!\s*\n)(?!\s*#)(?![ \t]*[-*\u2022][ \t]+[^:\n]{2,150}:\s))+", text):
        p_start = para.start()
        chunk = para.group(0)
        if chunk.lstrip().startswith("#") and "\n" in chunk:  # a heading is its own sentence
            cut = chunk.index("\n")
            out.append(_sentence(text, p_start, p_start + cut))
            p_start, chunk = p_start + cut, chunk[cut:]
        pos = 0
        for m in SENTENCE_END.finditer(chunk):
            word = re.search(r"([\w.]+)$", chunk[pos:m.start()])
            if word and (word.group(1).lower() in ABBREVIATIONS or re.fullmatch(r"[A-Z]", word.group(1))):
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


_MONTH_NAME = "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True))
# "January-March 2025", "January to March 2025", "between January and March 2025": two months of one
# year, the first without its year
MONTH_SPANS = [re.compile(rf"\b{lead}(?P<a>{_MONTH_NAME})\s*{join}\s*(?P<b>{_MONTH_NAME})\s+(?P<y>(?:19|20)\d\d)\b", re.I)
               for lead, join in (("", r"(?:-|\u2013|to|through)"), (r"between\s+", "and"))]


def find_dates(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, ISO date, precision) of each date in the text, most precise reading first; the
    two months of "January-March 2025" are two dates (2025-01 and 2025-03), a period's two ends."""
    taken: list[tuple[int, int]] = []
    found = []
    for m in (m for pattern in MONTH_SPANS for m in pattern.finditer(text)):
        year = m["y"]
        found += [(m.start("a"), m.end("a"), f"{year}-{MONTHS[m['a'].lower()]:02d}", "month"),
                  (m.start("b"), m.end(), f"{year}-{MONTHS[m['b'].lower()]:02d}", "month")]
        taken.append(m.span())
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
                continue
            groups = m.groupdict()
            year = int(groups["y"])
            month_name = next((g for g in m.groups() if g and g.lower() in MONTH_NUMBER), None)
            if groups.get("m"):  # a date in figures
                month, day = int(groups["m"]), int(groups["d"])
                if not (1 <= month <= 12 and 1 <= day <= 31):
                    continue
                iso, precision = f"{year}-{month:02d}-{day:02d}", "day"
            elif month_name and groups.get("d"):
                day = int(groups["d"])
                if not 1 <= day <= 31:
                    continue
                iso, precision = f"{year}-{MONTH_NUMBER[month_name.lower()]:02d}-{day:02d}", "day"
            elif month_name:
                iso, precision = f"{year}-{MONTH_NUMBER[month_name.lower()]:02d}", "month"
            else:
                iso, precision = str(year), "year"
            taken.append(m.span())
            found.append((m.start(), m.end(), iso, precision))
    return sorted(found)


def format_number(value: float | None) -> str:
    if value is None:
        return ""
    value = round(value, 1)
    return str(int(value)) if value == int(value) else f"{value:g}"


@dataclass
class NumberGroup:
    occ: NumberOccurrence
    second: NumberOccurrence | None = None  # the other end of a range

    def members(self) -> list[NumberOccurrence]:
        return [self.occ] + ([self.second] if self.second else [])


def group_ranges(numbers: list[NumberOccurrence], text: str) -> list[NumberGroup]:
    out: list[NumberGroup] = []
    i = 0
    while i < len(numbers):
        occ = numbers[i]
        nxt = numbers[i + 1] if i + 1 < len(numbers) else None
        if nxt and occ.value is not None and nxt.value is not None:
            between = text[occ.end:nxt.start]
            if RANGE_JOIN.match(between) or (between.strip().lower() == "and" and BETWEEN.search(text[max(0, occ.start - 12):occ.start])):
                out.append(NumberGroup(occ, nxt))
                i += 2
                continue
        out.append(NumberGroup(occ))
        i += 1
    return out


# "since 2019", "since the Taliban returned to power in August 2021": a total since then
SINCE_BEFORE = re.compile(r"\bsince\s*$|\bsince\s+the\s+[\w\s'-]{0,40}?\bin\s*$|\bsince\s+the\s+(?:start|beginning|end)\s+of\s*$", re.I)
# "The figures cover June, July and August" ("The figures, presented to parliament on Monday, cover ..."):
# the period of the figures told just before
FIGURES_COVER = re.compile(r"^\W*(?:The|These|Those|Its|Their|Both)\s+(?:[\w-]+\s+)?(?:figures?|data|numbers|statistics|counts?|totals?)"
                           r"(?:,[^,.;]{0,100},)?\s+(?:\w+\s+)?(?:cover|covers|covered|are\s+for|is\s+for|refer\s+to|refers\s+to|"
                           r"relate\s+to|span)\b", re.I)
# What joins the two ends of a span: "2015-2017", "March to May", "from 2031 until early this year"
SPAN_JOIN = re.compile(r"\s*(?:-|\u2013|to|and|through|until|till)\s*(?:(?:early|late|mid-?)\s*)?")
START_ONLY = re.compile(r"\b(?:since|began in|begun in|started in|starting in|beginning in|from)\s*$|"
                        r"\bsince\s+the\s+[\w\s'-]{0,40}?\bin\s*$|\bsince\s+the\s+(?:start|beginning|end)\s+of\s*$|"  # "Since the first stage of the operation in May 2019"
                        r"\bsince\s+an?\s+[\w\s'-]{0,100}?\bon\s*$", re.I)  # "since a bomb tore through the market on May 12"


PLANNED_FOR = re.compile(r"\b(?:planning|plotting|preparing|planned|plotted)\b[^.;]{0,90}$", re.I)  # the day an attack was planned for
BACKGROUND_DATE = re.compile(r"\b(?:after|following|before|ahead\s+of)\s+(?:(?:the|a|an|last)\s*)?$|"  # "after last month's bombing"
                             r"\b(?:counting|including)\s+$|"  # "Counting Saturday's flight, 756 have been returned": a running total
                             + PLANNED_FOR.pattern, re.IGNORECASE)


def dates_of_figures(dates: list[tuple[int, int, str, str]], sentence: str) -> list[tuple[int, int, str, str]]:
    """The dates that may be the period of the sentence's numbers: not one that names an earlier event
    ("deported 47 people after detaining them following the Jan. 28 attack": the attack's date), and
    in "The figures, presented to parliament on Monday, cover January to September" those it covers."""
    cover = FIGURES_COVER.match(sentence)
    return [d for d in dates if not BACKGROUND_DATE.search(sentence[max(0, d[0] - 110):d[0]]) and (not cover or d[0] >= cover.end())]


def nearest_date(dates: list[tuple[int, int, str, str]], sentence: str, start: int) -> tuple[str, str]:
    """Several separate dates in a sentence: a number takes the nearest date before it, else the
    first after it; a date that only opens a period ("began in January 2019") dates no number."""
    # "has brought back 612 people ... since December 2019": a total since the start that follows it
    since = [d for d in dates if d[0] > start and SINCE_BEFORE.search(sentence[max(0, d[0] - 60):d[0]])
             and not re.search(r"\d|[;:]|\b(?:who|which|that|whom)\b", re.sub(r"^[\d,.]+", "", sentence[start:d[0]]))  # not "men who had been held since 2019"
             and d[0] - start < 160
             and not any(start < e[0] < d[0] for e in dates)]
    if since:
        return since[0][2], ""
    def opens_span(d):  # "from 2013 to 2019": the start of a span, not a start alone
        return any(re.fullmatch(r"\s*(?:-|\u2013|to|through|and)\s*", sentence[d[1]:e[0]]) for e in dates if e[0] > d[1])
    plain = [d for d in dates if not START_ONLY.search(sentence[max(0, d[0] - 16):d[0]]) or opens_span(d)] or dates
    # "up from 900 in 2022": the date right after the number is its own
    right_after = [d for d in plain if d[0] >= start and re.fullmatch(r"\d[\d,.]*\s+(?:in|during|for|throughout)\s+(?:all\s+of\s+|the\s+whole\s+of\s+|the\s+whole\s+|all\s+)?",
                                                                              sentence[start:d[0]])]
    before = [d for d in plain if d[1] <= start]
    # "on Tuesday, telling the committee that 412 people had left ... between 2013 and 2017": a span the
    # number's own words lead to, rather than the day it was told
    span_after = [d for d in plain if d[0] > start and re.fullmatch(r"[^,;.]{0,100}?\b(?:between|from)\s+",
                                                                   re.sub(r"^[\d,.]+", "", sentence[start:d[0]])) and d[3] in ("year", "month")]
    if span_after and (not before or before[-1][3] == "day") and not right_after:
        right_after = span_after[:1]
    chosen = right_after[0] if right_after else (before[-1] if before else min(plain, key=lambda d: d[0]))
    following = next((d for d in dates if d[0] > chosen[0]), None)
    if following and re.fullmatch(r"\s*(?:-|\u2013|to|through|and)\s*", sentence[chosen[1]:following[0]]):
        return chosen[2], following[2]  # "11,260 in January-December 2024": the span's two ends
    opening = next((d for d in reversed(dates) if d[1] <= chosen[0]), None)
    if opening and re.fullmatch(r"\s*(?:-|\u2013|to|through|and)\s*", sentence[opening[1]:chosen[0]]) and not any(
            chosen[1] <= d[0] < start for d in dates):  # no later date stands between the span and the number
        return opening[2], chosen[2]  # "Between January and June, 19 people left": the span the number follows
    return tuple(chosen[2].split("..")) if ".." in chosen[2] else (chosen[2], chosen[2])


def period_of(dates: list[tuple[int, int, str, str]], sentence: str, at: int | None = None) -> tuple[str, str]:
    """Period of a figure from the dates of its sentence: one date -> start = end; two joined by
    to/-/and -> start and end; 'until'/'by' -> end only; 'since', 'began in', 'from' -> start only;
    a period the calendar resolved ("over the past year": 'START..END') -> both. With `at` (the
    number's position), "N ... since 2019, when the operation began" is a total since then."""
    if not dates:
        return "", ""
    first = dates[0]
    if ".." in first[2]:
        start, end = first[2].split("..")
        return start, end
    before = sentence[max(0, first[0] - 16):first[0]].lower()
    if len(dates) >= 2 and SPAN_JOIN.fullmatch(sentence[first[1]:dates[1][0]]):
        return first[2], dates[1][2]
    if re.search(r"\b(?:until|by|till)\s*$", before):
        return "", first[2]
    if re.search(r"\bsince\s*$", before) and re.match(r"\s*,\s*when\b", sentence[first[1]:]) and (at is None or at > first[0]):
        return first[2], first[2]  # "since 2021, when 188 people were brought back": the year of the event
    if START_ONLY.search(sentence[max(0, first[0] - 130):first[0]]):
        return first[2], ""  # "since 2021", "began in March 2021", "since a man attacked a patrol ... on Friday": the start only
    return first[2], first[2]
