"""Dates a news report gives relative to itself: its dateline ("DUSHANBE --", "01.05.2019",
"ALMATY, Nov 3 (Agency) -", "Almaty, 12 March 2021."), its publication date (the dateline's, or a
date line under the title: "By A. Writer | Weekly, 5 August 2026"), and the days it names without a
year ("Friday", "Feb. 4", "Tuesday (February 12)", "last month", "January last year", "this year",
"the first eight months of the year", "over the past twelve months"), resolved against the publication
date; "said on Friday" dates the telling. Every date resolved here is inferred: the rows that use it say so."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from core.curation.reading import MONTH_WORDS, MONTHS, Sentence, find_dates

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_ABBREVIATIONS = {m[:3]: i for m, i in MONTHS.items()} | {"sept": 9}
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_YEAR_AFTER = re.compile(r"^,?\s*(?:19|20)\d\d\b")

# Datelines: "01.05.2019 16:40" on a line of its own; "DUSHANBE --"; "ALMATY, Nov 3 (Steppe Wire) -";
# "OSH (Fergana Post), 2 May 2025 —"; "Samara — June 2, 2026 —";
# "Almaty, 12 March 2021." at the start of the first paragraph.
DATELINE_DASH = re.compile(r"\s*(?:\d{1,2}:\d\d\s*)?(?:--|\u2014|\u2013|-(?=\s))\s*")
CITY_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z'.\-]+(?:[ /][A-Z][A-Z'.\-]+){{0,2}}|[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)"
    r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=,))?"  # "KHUJAND, Tajikistan, July 3 --": the country after the city
    r"(?:\s*\([^)\n]{1,40}\)(?=,))?"  # "BISHKEK (Chui Times), 17 June 2025 —": the outlet before the date
    rf"(?:(?:,|\s*(?:--|\u2014|\u2013))\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*(?:19|20)\d\d)?|\d{{1,2}}\s+{_MONTH}(?:\s+(?:19|20)\d\d)?)"
    r"(?:,\s*\d{1,2}:\d\d)?)?"  # "Bishkek, 14 September 2033, 10:25 —": the hour it was filed
    r"(?:\s*\([^)\n]{1,40}\)|\s*/[^/\n]{1,40}/(?=\.))?\s*(?:--|\u2014|\u2013|-(?=\s)|\.(?=\s))\s*", re.M)  # "19 March 2031 /Asia-Plus/."


@dataclass
class Dateline:
    """Where and when a report says it was filed (from its first lines)."""
    start: int
    end: int
    place: str  # "Dushanbe" ('' when the dateline names none)
    date: str  # ISO date when the dateline states day, month and year ('' otherwise)
    text: str


def read_dateline(text: str) -> Dateline | None:
    """The dateline among the first lines of the text (after a title line), or None; when it gives no date, the
    date of the footer ("Aegean Evening Post, 15 July 2029") or of a statement quoted whole ("issued ... on 27 November 2030")."""
    found = _head_dateline(text)
    if found and found.date:
        return found
    footer = _footer_date(text) or _issued_date(text)
    if not footer:
        return found
    return replace(found, date=footer.date) if found else footer


def _head_dateline(text: str) -> Dateline | None:
    head = text[:600]
    # a date in figures (find_dates reads 01.05.2019, 14/11/2024, 2025-03-24): "01.05.2019 16:40" on a line of its own
    for start, end, found, _ in [d for d in find_dates(head) if d[3] == "day" and re.fullmatch(r"[\d./-]+", head[d[0]:d[1]])]:
        line_start = head.rfind("\n", 0, start) + 1
        line_end = head.find("\n", end)
        rest = head[end:line_end if line_end >= 0 else len(head)]
        iso = _iso(*map(int, found.split("-")))  # a real day (find_dates does not check 31.02)
        lead = head[line_start:start]  # nothing, or places: "Dushanbe, 21.05.2024", "KARAGANDA, Kazakhstan, 28.02.2024"
        dash = DATELINE_DASH.match(rest) or re.match(r"\s*\([^)\n]{1,40}\)\s*(?:--|\u2014|\u2013|-(?=\s))\s*|\s*/[^/\n]{1,40}/\.\s*", rest)  # "28.02.2024 - Six", "14/11/2024 (Wire) —"
        if iso and re.fullmatch(r"\s*(?:[A-Z][\w'.-]+(?:\s[A-Z][\w'.-]+)?,\s*){0,2}", lead) and (
                dash or re.fullmatch(r"\s*(?:\d{1,2}:\d\d)?\s*", rest)):
            end += dash.end() if dash else 0
            return Dateline(line_start + len(lead) - len(lead.lstrip()), end, _place_name(lead.split(",")[0]), iso,
                            head[line_start:end].strip())
    for m in CITY_DATELINE.finditer(head):
        if m.start() and text[m.start() - 1] != "\n":
            continue
        place, date = m["place"], m["date"] or ""
        if not (place.isupper() or date) or place.lower() in MONTH_ABBREVIATIONS or len(place) < (3 if place.isupper() else 4):
            continue  # "Tashkent." alone is a sentence, not a dateline; "DUSHANBE --", "OSH, June 3 --" and "Almaty, 12 March 2021." are
        iso = ""
        full = find_dates(date) if date else []
        if full and full[0][3] == "day":
            iso = full[0][2]
        rest = head[m.end():(head.find("\n", m.end()) + 1 or len(head) + 1) - 1]  # "KABUL (Press) - 27 March 2036" on its line
        after = [d for d in find_dates(rest) if d[3] == "day" and not rest[:d[0]].strip() and BYLINE_AFTER.fullmatch(rest[d[1]:])]
        iso, end = (after[0][2], m.end() + len(rest)) if not iso and after else (iso, m.end())
        byline = None if iso else _byline_date(head[:m.start()])  # "DUSHANBE --" under a dated byline
        return Dateline(m.start(), end, _place_name(place), byline.date if byline else iso, head[m.start():end].strip())
    return _byline_date(head)


# A line of its own under the title that dates the report: "12 January 2026", "The Steppe Review |
# Interviews | 14 July 2026", "By A. Writer | Weekly, 5 August 2026", "24.06.2026, 09:41 | Courier",
# "Weekly digest No. 30 | 20-26 July 2026" (the last day of the span): before the date nothing, or
# names ending in '|', ',' or a word like "Published"; after it nothing, a time or '| outlet'.
BYLINE_BEFORE = re.compile(r"(?:|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+"  # "Thursday 5 November 2026"
                           r"|.{0,90}?(?:\||,)\s*(?:\d{1,2}(?:\s+[A-Z][a-z]+\.?)?\s*[-\u2013]\s*)?"  # "Outlet | 27 April-"
                           r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"  # "Outlet | Saturday 14 December 2030"
                           r"(?:(?:Published|Updated|Posted)(?:\s+on)?:?\s*)?"  # "Outlet | Posted: 4 May 2027"
                           r"|(?:Published|Updated|Posted|Dated?)(?:\s+on)?:?\s*)", re.I)
BYLINE_AFTER = re.compile(r"\s*(?:,?\s*(?:at\s+)?\d{1,2}:\d\d(?:\s*[AP]M)?(?:\s+(?:[A-Z]{2,4}|[A-Z][a-z]+\s+time))?)?\s*(?:\|[^\n]{0,60})?\s*")


def _byline_date(head: str) -> Dateline | None:
    offset = 0
    for number, line in enumerate(head.split("\n")[:6]):
        start, offset = offset, offset + len(line) + 1
        if number == 0 or not line.strip() or len(line) > 120 or line.rstrip().endswith("."):
            continue  # the title, a blank line, or a sentence of the text
        found = _dated_line(line, start, BYLINE_BEFORE)
        if found:
            return found
    return None


def _dated_line(line: str, start: int, before: re.Pattern) -> Dateline | None:
    """The line at `start` as a date line: its last full date, with only `before` before it and a time or '| outlet' after it."""
    days = [d for d in find_dates(line) if d[3] == "day"]
    if days and before.fullmatch(line[:days[-1][0]]) and BYLINE_AFTER.fullmatch(line[days[-1][1]:]):
        return Dateline(start, start + len(line), "", days[-1][2], line.strip())
    return None


# A footer: the report's last line, the outlet and the day it was published: "- Han River Times, 27
# April 2028", "(c) Lowlands Security Review, 29 March 2029" (no full stop: a sentence is not a footer).
FOOTER_BEFORE = re.compile(r"[-\u2013\u2014\s]*(?:\(c\)|\u00a9|Copyright)?[^\n.]{0,90}?[,|]\s*", re.I)


def _footer_date(text: str) -> Dateline | None:
    stripped = text.rstrip()
    start = stripped.rfind("\n") + 1
    line = stripped[start:]
    if len(line) > 120 or line.endswith(".") or start == 0:
        return None
    return _dated_line(line, start, FOOTER_BEFORE)


# "The following is an unofficial translation of a statement issued by the Ministry ... on 27 November 2030."
ISSUED_ON = re.compile(r"\b(?:statement|release|report|communiqu\w+|notice)\s+(?:was\s+)?(?:issued|published|released|dated)\b[^.\n]{0,120}?\bon\s+$")


def _issued_date(text: str) -> Dateline | None:
    """The day a statement quoted whole says it was issued, in the first lines of the text."""
    head = text[:500]
    for start, end, iso, precision in find_dates(head):
        if precision == "day" and ISSUED_ON.search(head[max(0, start - 160):start]):
            return Dateline(start, end, "", iso, head[start:end])
    return None


def _place_name(place: str) -> str:
    first = re.split(r"[/]", place)[0].strip()
    return first.title() if first.isupper() else first


def _iso(year: int, month: int, day: int) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def parse_published(value: str) -> dt.date | None:
    """The publication date as a day (YYYY-MM-DD), or None (a year or month alone cannot place a weekday)."""
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


PUBLISHED_FORMAT = re.compile(r"^(?:unknown|(?:19|20)\d\d(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?)$")


def check_published(value: str) -> str:
    """'' when `value` is a valid --published (YYYY, YYYY-MM, YYYY-MM-DD or unknown), else why not."""
    value = (value or "").strip()
    if not PUBLISHED_FORMAT.match(value):
        return f"'{value}' is not a date: give YYYY, YYYY-MM, YYYY-MM-DD or unknown"
    if value.count("-") == 2 and parse_published(value) is None:
        return f"'{value}' is not a day of the calendar"
    return ""


WEEKDAY = re.compile(r"\b(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s)?"
                     rf"(?:\s+(?:night|morning|evening|afternoon))?(?:\s*\((?P<md>{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})\))?")
MONTH_DAY = re.compile(rf"\b(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH}))(?![\w])")
DAY_RANGE = re.compile(rf"\b(?P<d1>\d{{1,2}})\s*(?:and|to|-|\u2013)\s*(?P<d2>\d{{1,2}})\s+(?P<m>{_MONTH})(?![\w])")
MONTH_ALONE = re.compile(r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Ee]arly|[Ll]ate|[Mm]id-|[Ll]ast|[Tt]his|of|[Bb]etween|[Dd]uring|"
                         r"[Cc]over(?:s|ed|ing)?|are\s+for|is\s+for)\s+(?P<m>January|February|March|April|May|June|July|"
                         r"August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b(?!\s+\d)")  # not "in Novosibirsk"
MONTH_OF_YEAR_WORD = re.compile(r"\b(?:and|to|through|until|till)\s+(?P<m>January|February|March|April|May|June|July|August|September|"
                                r"October|November|December)\s+(?:of\s+)?(?P<w>last|this)\s+year\b", re.I)
MONTH_UNTIL = re.compile(rf"(?:\s*,\s*(?:{MONTH_WORDS}))*\s*,?\s*(?:and|to|through|-|\u2013)\s*(?P<m>{MONTH_WORDS})\b(?!\s+\d)")  # the last
# month of a span: "in July and August", "June, July and August"
PHRASES = [
    (re.compile(r"\blast month\b", re.I), "last month"), (re.compile(r"\bthis month\b", re.I), "this month"),
    (re.compile(r"\blast year\b", re.I), "last year"),
    (re.compile(r"(?<=months of )the year\b|(?<=weeks of )the year\b", re.IGNORECASE), "this year"),  # "the first eight months of the year"
    (re.compile(r"\b(?:earlier |later )?this year\b|\bthe (?:start|beginning) of the year\b", re.I), "this year"),
    (re.compile(r"\byesterday\b|\blast\s+night\b", re.I), "yesterday"),
    (re.compile(r"\btoday\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b", re.I), "today"),
    (re.compile(r"\blast week\b", re.I), "last week"),
    # "landed in Osh overnight": the night before the report, dated by its evening (not "in overnight raids on Wednesday")
    (re.compile(r"\bovernight\b(?![^.;]{0,30}\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)", re.I), "yesterday"),
]


# "over the past twelve months", "in the last 18 months", "during the past year": a period ending at publication
COUNT_WORDS = {w: i for i, w in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                                             "eleven", "twelve"), start=1)} | {"eighteen": 18, "twenty-four": 24}
PAST_SPAN = re.compile(r"\b(?:over|in|during|within|for|throughout)\s+the\s+(?:past|last|previous|preceding)\s+"
                       r"(?:(?P<n>\d{1,2}|[a-z]+(?:-[a-z]+)?)\s+)?(?P<unit>months?|years?)\b", re.I)


WEEKEND = re.compile(r"\b(?:last|over\s+the|at\s+the|this\s+past)\s+weekend\b", re.I)
SO_FAR_THIS_YEAR = re.compile(r"\bso\s+far\s+this\s+year\b|\bthis\s+year\s+so\s+far\b", re.I)  # January to publication
# "the first half of 2024", "the first seven months of this year", "the first quarter of the year"
FIRST_PART = re.compile(r"\b(?:(?:the\s+)?first\s+(?:(?P<part>half|quarter)|(?P<n>\d{1,2}|[a-z]+)\s+months)|"
                        r"the\s+(?P<n2>\d{1,2}|[a-z]+)\s+months)\s+of\s+"  # "in the nine months of 2033": the first nine
                        r"(?:(?P<y>(?:19|20)\d\d)\b|(?P<this>this\s+year|the\s+year)\b)", re.I)


# "in the third quarter", "the second half of 2030": the latest such part of the year, or of the year named
LATER_PART = re.compile(r"\bthe\s+(?P<n>second|third|fourth|final|last)\s+(?P<part>quarter|half)\b(?:\s+of\s+(?:(?P<y>(?:19|20)\d\d)\b|"
                        r"(?P<this>this\s+year|the\s+year)\b))?", re.I)
# "in the year to September", "the 12 months ending March 2030": twelve months ending with that month
YEAR_TO = re.compile(rf"\bthe\s+(?:year|12\s+months|twelve\s+months)\s+(?:to|ending|ended)\s+(?:the\s+end\s+of\s+)?"
                     rf"(?P<m>{_MONTH})(?:\s+(?P<y>(?:19|20)\d\d))?\b")


def months_before(month: str, n: int) -> str:
    """The month `n` months before a YYYY-MM (or YYYY-MM-DD) date, as YYYY-MM."""
    back = int(month[:4]) * 12 + int(month[5:7]) - 1 - n
    return f"{back // 12}-{back % 12 + 1:02d}"


def past_span(sentence: str, published: str) -> list[tuple[int, int, str, str]]:
    """(start, end, 'YYYY-MM..YYYY-MM', 'period') for "over the past twelve months" and the like, counted back from the
    month of publication ('' when no publication month is known), and for "the first half of 2024", "the first seven
    months of this year", "the year to September", "last weekend" (its Saturday and Sunday)."""
    found = []
    for m in FIRST_PART.finditer(sentence):
        n = m["n"] or m["n2"]
        months = 6 if (m["part"] or "").lower() == "half" else 3 if m["part"] else (
            int(n) if n.isdigit() else COUNT_WORDS.get(n.lower(), 0))
        year = m["y"] or (published[:4] if re.match(r"^(?:19|20)\d\d", published or "") else "")
        if year and 1 <= months <= 12:
            found.append((m.start(), m.end(), f"{year}-01..{year}-{months:02d}", "period"))
    for m in LATER_PART.finditer(sentence):
        size = 3 if m["part"].lower() == "quarter" else 6
        last = {"second": 2, "third": 3}.get(m["n"].lower(), 12 // size) * size  # the part's last month
        dated = re.match(r"^(?:19|20)\d\d-\d\d", published or "")
        if not (m["y"] or dated):
            continue
        year = int(m["y"]) if m["y"] else int(published[:4]) - (not m["this"] and last > int(published[5:7]))
        found.append((m.start(), m.end(), f"{year}-{last - size + 1:02d}..{year}-{last:02d}", "period"))
    for m in PAST_SPAN.finditer(sentence):
        n = m["n"] or "one"
        count = int(n) if n.isdigit() else COUNT_WORDS.get(n.lower(), 0)
        months = count * (12 if m["unit"].lower().startswith("year") else 1)
        if not months or not re.match(r"^(?:19|20)\d\d-\d\d", published or ""):
            continue
        found.append((m.start(), m.end(), f"{months_before(published, months)}..{published[:7]}", "period"))
    for m in YEAR_TO.finditer(sentence):
        month, dated = _month_number(m["m"]), re.match(r"^(?:19|20)\d\d-\d\d", published or "")
        if not month or not (m["y"] or dated):
            continue
        year = int(m["y"]) if m["y"] else int(published[:4]) - (month > int(published[5:7]))  # the last such month
        last = f"{year}-{month:02d}"  # the twelve months ending with it
        found.append((m.start(), m.end(), f"{months_before(last, 11)}..{last}", "period"))
    for m in WEEKEND.finditer(sentence):  # the last Saturday and Sunday before the report
        day = parse_published(published)
        if day:
            saturday = day - dt.timedelta(days=(day.weekday() - 5) % 7 or 7)
            found.append((m.start(), m.end(), f"{saturday.isoformat()}..{(saturday + dt.timedelta(days=1)).isoformat()}", "period"))
    for m in SO_FAR_THIS_YEAR.finditer(sentence):
        if re.match(r"^(?:19|20)\d\d-\d\d", published or ""):
            found.append((m.start(), m.end(), f"{published[:4]}-01..{published[:7]}", "period"))
    return found


def _month_number(name: str) -> int:
    return MONTH_ABBREVIATIONS.get(name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower()[:3], 0)


def relative_dates(sentence: str, published: str) -> list[tuple[int, int, str, str]]:
    """(start, end, ISO date, precision) of each date the sentence gives without a year, in order. The
    date is '' when no publication date places it ("Feb. 4" in an undated report): it is still a date,
    never a figure. Spans that find_dates reads as full dates are left to it."""
    taken = [(s, e) for s, e, _, _ in find_dates(sentence)]
    day = parse_published(published)
    year = int(published[:4]) if re.match(r"^(?:19|20)\d\d", published or "") else None
    found: list[tuple[int, int, str, str]] = past_span(sentence, published)  # spans first: "the first half of 2024"
    taken = [(s, e) for s, e in taken if not any(d[0] <= s and e <= d[1] for d in found)]

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken + [(f[0], f[1]) for f in found])

    def month_day(month: int, d: int) -> str:
        if not year or not month:
            return ""
        iso = _iso(year, month, d)
        if iso and day and (dt.date.fromisoformat(iso) - day).days > 30:  # "Dec. 30" in a report of January 2
            iso = _iso(year - 1, month, d)  # (days just ahead stay: "planning an attack on Sept. 1", told on Aug. 29)
        return iso

    for m in DAY_RANGE.finditer(sentence):  # "between 19 and 21 March": both days, the first then the last
        if free(m.start(), m.end()) and not _YEAR_AFTER.match(sentence[m.end():]):
            month = _month_number(m["m"])
            found += [(m.start("d1"), m.end("d1"), month_day(month, int(m["d1"])), "day"),
                      (m.start("d2"), m.end(), month_day(month, int(m["d2"])), "day")]
    for m in WEEKDAY.finditer(sentence):
        if not free(m.start(), m.end()):
            continue
        if m["md"]:
            inner = MONTH_DAY.search(m["md"])
            month = _month_number(inner["m1"] or inner["m2"])
            found.append((m.start(), m.end(), month_day(month, int(inner["d1"] or inner["d2"])), "day"))
        elif day:
            back = (day.weekday() - WEEKDAYS.index(m["w"].lower())) % 7
            found.append((m.start(), m.end(), (day - dt.timedelta(days=back)).isoformat(), "day"))
        else:
            found.append((m.start(), m.end(), "", "day"))
    for m in MONTH_DAY.finditer(sentence):
        if not free(m.start(), m.end()) or _YEAR_AFTER.match(sentence[m.end():]):
            continue
        month, d = _month_number(m["m1"] or m["m2"]), int(m["d1"] or m["d2"])
        if not 1 <= d <= 31 or not month:
            continue
        found.append((m.start(), m.end(), month_day(month, d), "day"))
    for m in MONTH_ALONE.finditer(sentence):
        start = m.start("m")
        if not free(start, m.end()) or _YEAR_AFTER.match(sentence[m.end():]) or not year:
            continue
        month = _month_number(m["m"])
        last = re.match(r"\s+(?:of\s+)?last\s+year\b", sentence[m.end():])  # "in January last year"
        if month and last:
            found.append((start, m.end() + last.end(), f"{year - 1}-{month:02d}", "month"))
        elif month:
            y = year - 1 if day and month > day.month else year
            until = MONTH_UNTIL.match(sentence[m.end():])  # "in July and August", "between April and September"
            if until and _month_number(until["m"]) >= month and not _YEAR_AFTER.match(sentence[m.end() + until.end():]):
                if "," in until.group(0):  # "June, July and August": one span
                    found.append((start, m.end() + until.end(), f"{y}-{month:02d}..{y}-{_month_number(until['m']):02d}", "period"))
                    continue
                found.append((m.end() + until.start("m"), m.end() + until.end(), f"{y}-{_month_number(until['m']):02d}", "month"))
            found.append((start, m.end(), f"{y}-{month:02d}", "month"))
    for m in MONTH_OF_YEAR_WORD.finditer(sentence):  # "between March 2029 and May last year": the span's end
        start = m.start("m")
        if year and free(start, m.end()):
            y = year - 1 if m["w"].lower() == "last" else year
            found.append((start, m.end(), f"{y}-{_month_number(m['m']):02d}", "month"))
    for pattern, what in PHRASES:
        for m in pattern.finditer(sentence):
            if not free(m.start(), m.end()) or not year:
                continue
            iso, precision = _phrase_date(what, year, day, published)
            if iso:
                found.append((m.start(), m.end(), iso, precision))
    return sorted(found)


def _phrase_date(what: str, year: int, day: dt.date | None, published: str) -> tuple[str, str]:
    month = day.month if day else (int(published[5:7]) if re.match(r"^\d{4}-\d\d", published) else 0)
    if what == "this year":
        return str(year), "year"
    if what == "last year":
        return str(year - 1), "year"
    if what in ("last month", "this month") and month:
        y, mo = (year, month) if what == "this month" else ((year, month - 1) if month > 1 else (year - 1, 12))
        return f"{y}-{mo:02d}", "month"
    if what == "last week" and day:  # the month of a day that week (a week may span two months: the month is what is sure)
        return (day - dt.timedelta(days=7)).isoformat()[:7], "month"
    if what in ("yesterday", "today") and day:
        return (day - dt.timedelta(days=1 if what == "yesterday" else 0)).isoformat(), "day"
    return "", ""


SPEECH_BEFORE = re.compile(r"\b(?:said|says|told\s+(?:\w+|(?:the\s+)?(?-i:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})|(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
                           r"(?:briefing|news\s+conference|press\s+conference|reporters|journalists|parliament|lawmakers|senators|"
                           r"deputies|hearing|session|meeting))|announced|reported|stated|added|claimed\s+responsibility|(?:said|announced)\s+"
                           r"in\s+an?\s+(?:[\w-]+\s+){0,2}?statement(?:\s+(?:read\s+out|issued|published|posted|broadcast|carried)(?:\s+(?:on|by)\s+"
                           r"(?:[\w-]+\s+){0,2}?[\w-]+)?)?)\s+(?:late\s+|early\s+|earlier\s+|later\s+)?(?:on\s+)?$", re.I)  # "said in a brief statement read out on TV on Monday"


def is_speech_date(sentence: str, start: int) -> bool:
    """'the ministry said on Friday': the date the news was told, not the date of what it tells."""
    return bool(SPEECH_BEFORE.search(sentence[max(0, start - 90):start]))


def inferred_note(published: str, phrases: list[tuple[str, str]]) -> str:
    """'Inferred: from the publication date (2019-02-15): 'Feb. 4' = 2019-02-04.'"""
    said = "; ".join(f"'{words}' = {iso}" for words, iso in phrases)
    return f"Inferred: from the publication date ({published}): {said}."


def mask_dateline(line: Dateline | None, sentence: Sentence) -> str:
    """The sentence with its dateline ("DUSHANBE --") blanked out: where and when it was filed, not what it reports."""
    if not line or not (sentence.start <= line.start < sentence.end or line.start <= sentence.start < line.end):
        return sentence.text
    a, b = max(line.start, sentence.start) - sentence.start, min(line.end, sentence.end) - sentence.start
    return sentence.text[:a] + " " * (b - a) + sentence.text[b:]
