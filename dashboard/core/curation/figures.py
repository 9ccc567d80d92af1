"""A figure candidate for one number (or range) of a sentence: value, low and high with the
qualifier written before it ("more than", "около"; "handed over" is no qualifier; in a document
not in English, a word we cannot read before the number leaves the qualifier blank, never exact);
the indicator (the verb governing the number, else keywords, those of its own clause first); the
subject (a joint count; for a repatriation, the repatriating state; for expelled or detained
migrants, whose citizens or else the host state; else the nearest name of its own clause); and the
period (the dates of its sentence, else the period its paragraph stated)."""

from __future__ import annotations

import re

from core.curation.joint import joint_subject
from core.curation.parts import FROM_CENTRAL_ASIA, category
from core.curation.reading import (
    BETWEEN, NumberGroup, PERCENT_AFTER, QUALIFIER_BEFORE, RATIO_AFTER, format_number,
)
from core.curation.verbs import AIRCRAFT, return_place, verb_indicator
from core.curation.vocab import Mention, Vocab, guess_indicator, guess_subject
from core.data.schema import CENTRAL_ASIA

NOT_A_QUALIFIER = re.compile(r"\b(?:hand(?:ed|s)?|turn(?:ed|s)?|took|taken|pass(?:ed|es)?|carri(?:ed|es)|flown|"
                             r"brought|went|came|left|move(?:d|s)?|sign(?:ed|s)?|won|took)\s+over\s*$", re.I)
NEUTRAL_BEFORE = {"в", "во", "из", "на", "и", "с", "со", "по", "за", "к", "от", "для", "у", "а", "—", "-"}
CLAUSE_SPLIT = re.compile(r";|,\s+(?:while|whereas|but|including)\b|\s+while\s+|,\s+and\s+that\b|"
                          r",\s+and\s+(?=(?:the|officials|authorities|it|they|he|she|police|rights)\b)|"
                          r",\s+(?=(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|"
                          r"[a-z]+ty)\s+of\s+(?:them|whom)\b)")  # "164 foreigners, 31 of them from ...": a part's own clause
REPATRIATION_BY_STATE = {"repatriated_people", "repatriated_suspects"}
COUNTED_BY_COUNTRY = {"people_convicted", "people_detained", "migrants_detained"}  # a city's court, a venue -> its country
def counted_by_country(indicator: str, country: str) -> bool:
    """A count at a place that its country counts: a city's court or a venue's police; a return that lands
    in a Central Asian city ("landed in Dushanbe with 64 citizens") is its state's."""
    return bool(country) and (indicator in COUNTED_BY_COUNTRY or (indicator == "repatriated_people" and country in CENTRAL_ASIA))


HOST_COUNTED = {"people_expelled", "migrants_detained"}  # by the host state, unless the number says whose citizens
NATIONALS_OF = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:citizens?|nationals?|natives?)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
NATIONALS_NOUN = re.compile(r"^\s+(?:citizens?|nationals?|migrants?|workers|men|women|people)\b", re.IGNORECASE)
# "Nine of those held are Uzbek citizens", "three are from Tajikistan": whose citizens a number counts
WHOSE_AFTER = re.compile(r"^\s+(?:of\s+(?:those|them|these|the)(?:\s+[\w-]+){0,2}?\s+)?(?:are|were)\s+(?:all\s+)?"
                         r"(?:from\s+|citizens\s+of\s+|nationals\s+of\s+)?(?:the\s+)?$", re.I)
# "Russian courts have handed down ...", "Turkish police detained ...": the state that counts
COUNTING_BODY = re.compile(r"^\s+(?:(?:counter-terrorism|federal|military|regional|city|district|criminal|supreme|garrison)\s+){0,3}(?:courts?|police|authorities|prosecutors?|"
                           r"security\s+services?|border\s+guards|judges|investigators)\b", re.I)
PROCESS_COUNTS = {"people_convicted", "people_detained", "people_arrested", "people_expelled", "migrants_detained"}
ONLY_BY_RULE = {"perpetrator_age"}  # an age is found by the age rule (core.curation.nonfigures), never by a keyword


QUALIFIER_AFTER = re.compile(r"^(?:\s+or\s+so\b|-odd\b|\s+or\s+more\b)", re.I)  # words after the number that qualify it


def qualifier_of(before: str, english: bool) -> tuple[str, str]:
    """(qualifier, words as written) from the text just before a number; ('', word) when a document
    not in English puts a word we cannot read there."""
    for pattern, q in QUALIFIER_BEFORE:
        m = pattern.search(before)
        if m and not (q == "more than" and NOT_A_QUALIFIER.search(before)):
            return q, m.group(0)
    if not english:
        word = re.search(r"([^\W\d_]+)\s*$", before)
        if word and word.group(1).lower() not in NEUTRAL_BEFORE and not word.group(1).isascii():
            return "", word.group(1)
    return "exact", ""


def clause_of(text: str, start: int) -> tuple[int, int]:
    """The span of the clause holding position `start` (cut at ';', ', while', ', but'...)."""
    cuts = [0] + [m.end() for m in CLAUSE_SPLIT.finditer(text)] + [len(text)]
    for a, b in zip(cuts, cuts[1:]):
        if a <= start < b:
            return a, b
    return 0, len(text)


# "followed by Uzbekistan with 260", "Turkmenistan with an estimated 150", "Tajikistan accounts for the largest
# group, with 415", "Kyrgyzstan has 70": the state a count of a list by state belongs to
STATE_WITH_N = re.compile(r"(?:\s+accounts\s+for\s+[^,.;]{0,40},)?\s+(?:with|has|had)\s+(?:an?\s+estimated\s+|about\s+|around\s+|"
                          r"some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|fewer\s+than\s+|less\s+than\s+)?")


DEPORTS = re.compile(r"\b(?:deports?|deported|deporting|expels?|expelled|expelling|deportations?|expulsions?)\b", re.I)
WAR_ZONES = re.compile(r"\b(?:camps?|Syria|Iraq|al-Hol|Roj|orphanages?|conflict\s+zones?|war\s+zones?)\b", re.I)


def figure_row(vocab: Vocab, text: str, number: NumberGroup, mentions: list[Mention], period: tuple[str, str],
               context: list[Mention], english: bool = True, attack_nearby: bool = False, deporting: bool = False) -> tuple[dict, str]:
    """(the candidate row, the indicator a verb gave: '' when only keywords chose it). `deporting`: the
    report is of a deportation (its headline says so), so people flown home are deportees."""
    occ, second = number.occ, number.second
    number_end = (second or occ).end
    before = text[max(0, occ.start - 30):occ.start]
    # '"no more than 30" Kazakh women and children remain': the quotation marks close round the words
    # quoted; the sentence reads on past them
    quoted = re.match(r'["\u201d]', text[number_end:number_end + 1]) and re.search(r'["\u201c][^"\u201c\u201d]{0,30}$', before)
    end = number_end + 1 if quoted else number_end
    after = text[end:]
    qualifier, qual_text = qualifier_of(before, english)
    late = QUALIFIER_AFTER.match(after) if qualifier == "exact" and second is None else None  # "another 30 or so", "40-odd"
    if late:
        qualifier = "at least" if "more" in late.group(0).lower() else "about"
    percent = bool(PERCENT_AFTER.match(after)) or (occ.value is not None and occ.text.lower().split()[-1] in ("third", "quarter", "half"))
    ratio = bool(RATIO_AFTER.match(after))
    value = low = high = ""
    reasons = []
    if occ.value is None:
        qualifier, why_value = "magnitude", "a magnitude with no count"
    elif second is not None:
        qualifier, low, high = "range", format_number(occ.value), format_number(second.value)
        why_value = "a range"
    else:
        value = format_number(occ.value)
        if qualifier in ("at least", "more than"):
            low = value
        elif qualifier in ("up to", "less than"):
            high = value
        why_value = f"qualifier '{qualifier}'" if qualifier not in ("exact", "") else "a number"
        if not qualifier:
            reasons.append(f"a word we cannot read ('{qual_text}') precedes the number: set the qualifier")
            qual_text = ""
    between = BETWEEN.search(text[max(0, occ.start - 12):occ.start]) if second is not None else None
    several = re.search(r"\b(?:several|a\s+few|many|some)\s+$", before, re.I) if occ.value is None and not qual_text else None
    value_text = ((between.group(0) if between else several.group(0) if several else qual_text) + text[occ.start:number_end]
                  + (late.group(0) if late else "")).strip()
    unit_word = PERCENT_AFTER.match(after)
    if unit_word:
        value_text += unit_word.group(0).rstrip() if unit_word.group(0).strip() == "%" else " percent"

    verb, verb_word = ("", "") if percent or ratio else verb_indicator(text, occ.start, end, attack_nearby)
    with_n = [m for m in mentions if m.kind in ("country", "central_asia") and STATE_WITH_N.fullmatch(text[m.end:occ.start])]
    if not verb and with_n:  # "X has returned the most, followed by Uzbekistan with 520": the verb of the sentence
        verbs = [verb_indicator(text, m.end() + 1, m.end() + 1) for m in re.finditer(r"\b(?:the\s+most|the\s+largest\s+number)\b", text[:occ.start])]
        verb, verb_word = next((v for v in verbs if v[0]), ("", ""))
    carried = not verb and re.search(rf"\b(?:{AIRCRAFT})\s+carrying\s+$", before, re.I)  # "A charter flight carrying 27 men
    deported = (verb == "repatriated_people" or carried) and deporting and not WAR_ZONES.search(text)  # ... left Leipzig"
    verb, verb_word = ("people_expelled", verb_word or "carrying") if deported else (verb, verb_word)  # "Germany deports 22 ...":
    # "A chartered Airbus carrying 22 men ... landed in Dushanbe" carried deportees, not people brought home
    if verb and verb in vocab.units:
        indicator, why_indicator = verb, f"indicator from the verb '{verb_word}'" + (" in a report of a deportation" if deported else "")
    else:
        verb = ""
        a, b = clause_of(text, occ.start)
        indicator, keyword = guess_indicator(vocab, text[a:b], occ.start - a, percent, ratio, ONLY_BY_RULE)
        if not indicator:
            indicator, keyword = guess_indicator(vocab, text, occ.start, percent, ratio, ONLY_BY_RULE)
        why_indicator = f"indicator from keyword '{keyword}'" if indicator else "no indicator keyword: choose one"
    if indicator == "group_strength" and FROM_CENTRAL_ASIA.match(after):  # "ISKP has 2,000 to 3,500 fighters, up to 600 of
        indicator, why_indicator = "foreign_fighters", why_indicator + "; the group's fighters from Central Asia"  # them from CA"
    topic = vocab.topics.get(indicator, "")
    note = ""
    joint = joint_subject(mentions, text, occ.start, end, whence=indicator in REPATRIATION_BY_STATE)
    if with_n:  # "followed by Uzbekistan with 531"
        subject, related, note, why_subject = with_n[-1].id, "", "", f"'{with_n[-1].text} with ...'"
    elif joint:
        subject, related, note = joint
        why_subject = "a count two states give together: whose citizens"
    elif indicator in REPATRIATION_BY_STATE:
        subject, related, why_subject = repatriating_state(mentions, context, occ.start)
        if not subject:
            subject, related, why_subject = guess_subject(mentions, occ.start, end, indicator, text, context, topic)
        whence = return_place(text)
        note = f"Returned from {whence}." if whence else ""
    else:
        a, b = clause_of(text, occ.start)
        own = [m for m in mentions if a <= m.start and m.end <= b]
        pool = own if any(m.kind != "channel" for m in own) else mentions
        subject, related, why_subject = guess_subject(pool, occ.start, end, indicator, text, context, topic)
        host = host_state(own, text, occ.start, end, vocab.place_countries) if indicator in HOST_COUNTED else None
        if indicator in HOST_COUNTED and not host and not any(m.kind in ("country", "place", "central_asia") for m in own):
            host = earlier_host(context, vocab.place_countries)  # "courts in the region have ordered ... 2,870 foreigners"
        if host:
            subject, related, why_subject = host
        camps = [m for m in own if m.kind == "place" and vocab.place_kinds.get(m.id) == "camp"]
        whose = [m for m in own if m.kind == "central_asia" or (m.kind == "country" and m.id in CENTRAL_ASIA)]
        if indicator == "detained_women_children" and camps and not whose:  # "held in al-Hol", whoever they are
            subject, related, why_subject = camps[0].id, "", f"the camp '{camps[0].text}'"
        body = [m for m in own if m.kind in ("country", "place") and m.end <= occ.start and COUNTING_BODY.match(text[m.end:])]
        if indicator in PROCESS_COUNTS and body and not host:
            subject, related, why_subject = body[-1].id, "", f"the state whose {COUNTING_BODY.match(text[body[-1].end:]).group(0).strip()} count"
        if indicator in COUNTED_BY_COUNTRY and subject in vocab.place_countries:
            subject, why_subject = vocab.place_countries[subject] or subject, f"the country of {why_subject}"
        if indicator in COUNTED_BY_COUNTRY and any(m.kind == "group" and m.id == subject for m in mentions):
            states = [m for m in mentions + context if m.kind == "country" and m.id in CENTRAL_ASIA]  # "detained 14 administrators
            if states:  # ... recruited by ISKP": a state detains or convicts, not the group it names
                subject, related, why_subject = states[0].id, "", f"the state '{states[0].text}' (not the group named)"
    whose = [m for m in mentions if m.kind in ("country", "central_asia") and m.start >= end and (
        WHOSE_AFTER.match(text[end:m.start]) or (text[end:m.start].isspace() and indicator not in REPATRIATION_BY_STATE))]  # "15 Tajiks"
    if whose and not joint:
        subject, related, why_subject = whose[0].id, "", f"the citizens it names: '{whose[0].text}'"
        if indicator == "group_strength":  # "about 350 Tajiks": a nation's fighters, not a group's strength
            indicator, why_indicator = "foreign_fighters", why_indicator + "; a count of a nation's fighters, not of a group"
    reasons = [f"{why_value} '{value_text}'", why_indicator,
               f"subject: {why_subject}" if subject else "no subject named: choose one"] + reasons
    if period[0] or period[1]:
        reasons.append("period from the dates in the sentence")
    row = dict(table="figures", value=value, low=low, high=high, qualifier=qualifier, value_text=value_text,
               indicator=indicator, unit=vocab.units.get(indicator, "percent" if percent else ""), subject=subject,
               related=related, period_start=period[0], period_end=period[1], note=note,
               counts=category(text, end, indicator), reason="; ".join(reasons))
    return row, verb


def host_state(own: list[Mention], text: str, start: int, end: int, place_countries: dict | None = None) -> tuple[str, str, str] | None:
    """Expelled or detained migrants: whose citizens, when the number says so ("47 citizens of
    Tajikistan", "120 Uzbek migrants"), else the state named before the verb of the clause ("Russia
    expelled more than 47,000 foreigners, most of them from Central Asia"); None when neither."""
    states = [m for m in own if m.kind in ("country", "central_asia")]
    whose = [m for m in states if end <= m.start < end + 40 and (NATIONALS_OF.match(text[end:m.start]) or (
        not text[end:m.start].strip() and NATIONALS_NOUN.match(text[m.end:])))]
    if whose:
        return whose[0].id, "", f"whose citizens: '{whose[0].text}'"
    hosts = [m for m in states if m.end <= start and m.kind == "country"]
    if not hosts and place_countries:  # "police in the Moscow region ... rounded up 250 migrants": the place's state
        hosts = [Mention("country", place_countries[m.id], m.start, m.end, m.text) for m in own
                 if m.kind == "place" and m.end <= start and place_countries.get(m.id)]
    return (hosts[-1].id, "", f"the host state '{hosts[-1].text}'") if hosts else None


def earlier_host(context: list[Mention], place_countries: dict[str, str]) -> tuple[str, str, str] | None:
    """The state outside Central Asia named (or whose place was named) in an earlier sentence: where
    foreigners are expelled or detained when the sentence names no one."""
    for m in context:
        state = m.id if m.kind == "country" else place_countries.get(m.id, "") if m.kind == "place" else ""
        if state and state not in CENTRAL_ASIA:
            return state, "", f"the host state, named in an earlier sentence ('{m.text}')"
    return None


def host_of_the_dateline(row: dict, dateline_country: str) -> None:
    """Foreigners expelled or detained whom no state of the report's own sentences counts ("Courts in the region
    ordered 912 foreigners expelled", after Central Asia was named as where migrants come from): the host state is
    the dateline's, when it lies outside Central Asia."""
    if row["indicator"] in HOST_COUNTED and dateline_country and dateline_country not in CENTRAL_ASIA and (
            row["subject"] in (*CENTRAL_ASIA, "central_asia") and "named in an earlier sentence" in row["reason"]):
        row.update(subject=dateline_country, related="")
        row["reason"] += f"; subject: the host state of the dateline ({dateline_country}), not where migrants come from"


def repatriating_state(mentions: list[Mention], context: list[Mention], start: int) -> tuple[str, str, str]:
    """The state that brought people home: the Central Asian state named nearest the number (before
    it first), else one named in an earlier sentence; ('', '', '') when none."""
    home = [m for m in mentions if (m.kind == "country" and m.id in CENTRAL_ASIA) or m.kind == "central_asia"]
    if home:
        chosen = min(home, key=lambda m: start - m.end if m.end <= start else (m.start - start) * 1.6 + 10)
        return chosen.id, "", f"the repatriating state '{chosen.text}'"
    earlier = [m for m in context if m.kind == "country" and m.id in CENTRAL_ASIA]
    if earlier:
        return earlier[0].id, "", f"the repatriating state, named in an earlier sentence ('{earlier[0].text}')"
    return "", "", ""


# "Kyrgyzstan's delegation put its own total at 210": the same count as the one told before, for another subject
OWN_TOTAL = re.compile(r"\b(?:put|puts|putting|placed|places|estimated|estimates|gave|gives)\s+(?:its|their|his|her|the)\s+(?:own\s+)?"
                       r"(?:total|tally|figure|count|number|estimate)\s+(?:at|as)\s+(?:about\s+|around\s+|some\s+|more\s+than\s+|over\s+|"
                       r"nearly\s+|almost\s+)?$", re.I)


SHARE_OF = re.compile(r"\baccounted\s+for\s+(?:about\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+)?$", re.I)  # "Telegram accounted for 702"


def same_count_as_before(vocab: Vocab, row: dict, before: str, counted: list) -> None:
    """A figure with no indicator of its own that puts "its own total" at a number counts what the report's
    first total with a verb of its own counted (the lead's); one that a platform "accounted for" is a share
    of the last count told."""
    own_total = OWN_TOTAL.search(before)
    last = next((c for c in (counted if own_total else reversed(counted)) if c.own_indicator and c.row["indicator"]
                 and not c.row.get("part_of")), None)
    if not row["indicator"] and last and (own_total or SHARE_OF.search(before)):
        row.update(indicator=last.row["indicator"], unit=vocab.units.get(last.row["indicator"], ""))
        row["reason"] = row["reason"].replace("; no indicator keyword: choose one", "") + (
            f"; indicator: the total told before ('{last.row['value_text']}'), given here for another subject" if own_total
            else f"; indicator: a share of the count told before ('{last.row['value_text']}')")
