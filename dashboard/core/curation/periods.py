"""The period of one figure, from its sentence and the sentences around it: the dates of its own
sentence (the nearest one when the sentence gives several, only its own clause's for a stock "still
held"), else the period its paragraph stated; "over the same period" takes the period stated last,
whatever it counted; a comparison ("up from 31 a year earlier", "compared with 148 in 2023") counts
what the figure before it counts, a year earlier when it says so; and "the five ... between 2015
and 2017" in the next sentence dates what the five did, told in the sentence before."""

from __future__ import annotations

import re

# PROCESS_COUNTS: counts of what a court or the police did; the next sentence's period of activity is not theirs.
from core.curation.figures import PROCESS_COUNTS, clause_of
from core.curation.parts import REFERS_BACK
from core.curation.reading import FIGURES_COVER, nearest_date, period_of

STOCK = re.compile(r"\b(?:still|remain|remains|currently)\b|"  # a stock at the time of the report ("is estimated at about 90")
                   r"\b(?:is|are)\s+(?:now\s+)?(?:estimated|believed|thought)\s+(?:at|to\s+be|to\s+number)\b", re.I)
SAME_PERIOD = re.compile(r"\b(?:over|in|during|for|within)\s+the\s+(?:same\s+(?:[\w-]+\s+)?(?:period|time|months?|year|weeks?)|reporting\s+period|"
                         r"period\s+under\s+review)\b(?!\s+(?:a\s+year\s+(?:earlier|before)|(?:of\s+)?last\s+year|the\s+year\s+before))|"  # not
                         # "compared with 1,602 in the same period a year earlier": a year before; "Over the reporting period": the report's
                         r"\bfor\s+the\s+(?:\d{1,2}|[a-z]+)\s+months\b(?!\s+(?:of|to|ending|ended)\b)|"  # "figures for the 11 months": those told
                         r"\b(?:on\s+)?(?:the|that)\s+(?:same\s+)?day\b(?!\s+(?:before|after|of)\b)", re.I)  # "On the same day, a further 33 ..."
COMPARED = re.compile(r"(?:\b(?:up|down|rising|falling|increasing|decreasing)\s+from|\bcompared\s+(?:with|to)|\bagainst|"
                      r"\bas\s+against|\bversus)\s+(?:about\s+|some\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+)?$", re.I)
# COMPARED's words, but not a bare "against": "killed 20 in attacks against civilians in March 2024" is no comparison
COMPARISON_AHEAD = re.compile(r"\b(?:up|down|rising|falling|increasing|decreasing)\s+from\b|\bcompared\s+(?:with|to)\b|"
                              r"\bas\s+against\b|\bversus\b|\bas\s+many\s+as\s+(?:in|during)\b|\b(?:more|fewer|less)\s+than\s+(?:in|during)\b", re.I)
YEAR_EARLIER = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:a\s+year\s+(?:earlier|before)|the\s+(?:year|previous\s+year)\s+before|"
                          r"in\s+the\s+previous\s+year|the\s+previous\s+year|last\s+year)\b", re.I)
SAME_PERIOD_OF = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?in\s+the\s+same\s+(?:period|months?|quarter|half(?:-year)?|[\w-]+\s+months)\s+"
                            r"(?:of|in)\s+(?P<year>(?:19|20)\d\d)\b", re.I)
BACK_REFERENCE = r"\b(?:the|these|those|all)\s+{n}\b"


def figure_period(dates_period: list, masked: str, text: str, start: int, own: tuple[str, str], several: bool,
                  paragraph: tuple, last_stated: tuple, spoken: list = (), last_span: tuple | None = None
                  ) -> tuple[tuple[str, str], tuple | None, str]:
    """(period, the earlier period it carries or None, why) of the number at `start`. `paragraph`
    and `last_stated` are (start, end, words, topics) of the period stated in the paragraph and the
    one stated last anywhere before (a sentence that speaks of the people told before, "The
    children ... were flown", takes it across a paragraph break). `spoken`: the dates the sentence
    says the news was told on, which date a stock ("told parliament in February that 30 are still
    held") when nothing else in its clause does. `last_span`: the last period stated that spans
    more than one day or month, which "the same period" means."""
    kept = [d for d in dates_period if not (d[0] > start and COMPARISON_AHEAD.search(masked[start:d[0]]))]
    if len(kept) < len(dates_period):  # "detained 34 people, down from 41 in September": September is the 41's
        dates_period, own, several = kept, ("", ""), len(kept) > 1
    period = period_of(dates_period, masked, start) if dates_period else own
    if several:
        period = nearest_date(dates_period, masked, start)
        a, b = clause_of(masked, start)
        if (a, b) != (0, len(masked)) and not any(a <= d[0] < b for d in dates_period):
            period = ("", "")  # "..., and that about 700,000 Kazakhs work in Russia": no date of its own clause
    a, b = clause_of(text, start)
    if dates_period and all(d[3] == "period" for d in dates_period) and not any(a <= d[0] < b for d in dates_period):
        period = ("", "")  # "800 left for Syria, and that 615 were convicted over the past five years": the other clause's
    if STOCK.search(text[a:b]):
        mine = [d for d in dates_period if a <= d[0] < b]  # "still held": no other clause's date
        if not mine and spoken and not dates_period:
            return period_of(spoken[:1], masked), None, ""
        return (period_of([(s - a, e - a, iso, p) for s, e, iso, p in mine], masked[a:b]) if mine else ("", "")), None, ""
    same = last_span or last_stated  # "in the same period": the last span stated, not "shut down in May" told since
    if not (period[0] or period[1]) and SAME_PERIOD.search(text) and (same[0] or same[1]):
        return tuple(same[:2]), None, f"'the same period' as '{same[2]}'"
    if not (period[0] or period[1]) and (paragraph[0] or paragraph[1]):
        return tuple(paragraph[:2]), paragraph, ""
    if not (period[0] or period[1]) and not dates_period and REFERS_BACK.match(text) and (last_stated[0] or last_stated[1]):
        return tuple(last_stated[:2]), last_stated, ""
    return period, None, ""


def comparison(text: str, start: int, end: int, row: dict, earlier: list[dict]) -> str:
    """'46 detained in 2023, up from 31 a year earlier': the compared number counts what the figure
    before it in the sentence counts (indicator, subject), a year before when it says so. Updates
    `row` and returns why ('' when the number is no comparison)."""
    if not COMPARED.search(text[max(0, start - 30):start]) or not earlier:
        return ""
    base = earlier[-1]
    row.update({k: base[k] for k in ("indicator", "unit", "subject", "related", "counts")}, _compared=True)  # never a total of parts
    why = f"compared with '{base['value_text']}': counts the same"
    if YEAR_EARLIER.match(text[end:end + 40]) and re.fullmatch(r"\d{4}", base["period_start"] or "") and \
            base["period_start"] == base["period_end"]:
        year = str(int(base["period_start"]) - 1)
        row["period_start"] = row["period_end"] = year
        why += f", a year earlier ({year})"
    same = SAME_PERIOD_OF.match(text[end:end + 60])  # "up from 947 in the same period of 2035": the base's months, that year
    if same and base["period_start"][:4] and base["period_start"][:4] == base["period_end"][:4]:
        row["period_start"], row["period_end"] = (same["year"] + base[k][4:] for k in ("period_start", "period_end"))
        why += f", the same period of {same['year']}"
    return why


VERDICT = re.compile(r"\b(?:sentenced|convicted|jailed|found\s+(?:\w+\s+){0,4}?guilty|acquitted)\b", re.I)


def verdict_day(text: str, start: int, row: dict, own: tuple[str, str]) -> str:
    """'A court on 12 March found an imam guilty of drawing 9 men into a group': the day of the
    verdict dates the verdict, not what the court judged (the recruiting). Clears the period of a
    count that is not the court's own; returns why ('' when it does not apply)."""
    if row["indicator"] in PROCESS_COUNTS or not VERDICT.search(text[:start]) or not own[0] or own[0] != own[1] or len(own[0]) != 10:
        return ""
    if (row["period_start"], row["period_end"]) != own:
        return ""
    row["period_start"] = row["period_end"] = ""
    return "the sentence's day is the verdict's, not the period of what it judged"


def dated_by_next(text: str, dates_period: list, masked: str, previous: list[dict], values: dict[str, float]) -> list[dict]:
    """'... who enlisted at least 14 young men. Prosecutors said the five ran their network between
    2015 and 2017': a sentence that names the people of the sentence before by their number ("the
    five") and states a span of years dates the undated figures of that sentence (not the court's
    or the police's own counts). Returns the rows it dated. "The figures cover June, July and August"
    dates every undated figure of the sentence before."""
    if FIGURES_COVER.match(text) and dates_period:
        return _date_rows(previous, period_of(dates_period, masked), "says what period the figures cover", every=True)
    if len(dates_period) < 2:
        return []
    span = period_of(dates_period, masked)
    if not span[0] or not span[1] or span[0] == span[1]:
        return []
    words = [w for w, v in values.items() if any(_value(r) == v for r in previous)]
    if not any(re.search(BACK_REFERENCE.format(n=re.escape(w)), text, re.I) for w in words):
        return []
    return _date_rows(previous, span, "speaks of the same people")


def _date_rows(previous: list[dict], span: tuple[str, str], about: str, every: bool = False) -> list[dict]:
    dated = []
    for row in previous:
        if (every or row["indicator"] not in PROCESS_COUNTS) and not (row["period_start"] or row["period_end"]) and \
                "compared with" not in row["reason"]:  # a comparison's period is another (a year before, often)
            row["period_start"], row["period_end"] = span
            row["reason"] += f"; period from the next sentence, which {about}"
            dated.append(row)
    return dated


def _value(row: dict) -> float | None:
    try:
        return float(row["value"])
    except (TypeError, ValueError):
        return None
