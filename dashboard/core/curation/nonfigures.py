"""Numbers that are not figures of the dashboard: ages, durations, sums of money, times of day,
measures, the number of states or agencies named, and numbers that repeat one already given (a
headline, "of those 754"). Each becomes an exclusion candidate with its reason, never a figure.
The age of a suspect or attacker is the exception: it has its own indicator (perpetrator_age).
Also where a report's headline is (its numbers repeat or round the text's) and whether a row
already holds a number as a date."""

from __future__ import annotations

import re

from core.curation.reading import NumberGroup

_N = r"(?:\d[\d,.]*|[a-z]+(?:[ -][a-z]+)?)"  # a number as the scanner finds it, digits or words
UNITS_OF_TIME = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?)"
CURRENCY = (r"(?:dollars?|US dollars|euros?|roubles?|rubles?|tenge|somoni|soms?|soums?|sums?|manats?|afghanis?|pounds?|"
            r"rupees?|lira|liras|yuan|dinars?|riyals?|dirhams?|francs?|hryvnias?|lari|rials?)")
MEASURES = r"(?:kilo(?:gram|metre|meter)s?|kg|km|metres?|meters?|miles?|tonnes?|tons?|litres?|liters?|hectares?|square)"
COUNTED_BODIES = (r"(?:government\s+|charter\s+|special\s+|separate\s+|scheduled\s+|commercial\s+)?(?:agencies|ministries|departments|operations|flights|rounds|"
                  r"stages|phases|batches|times|sessions|hearings)")
STATES = r"(?:Central Asian\s+)?(?:states|countries|republics|nations|stans)\b"
PEOPLE_AGED = re.compile(r"\b(?:suspects?|attackers?|perpetrators?|gunm[ae]n|shooters?|bombers?|plotters?|detainees?|defendants?|"
                         r"accused|recruiters?|assailants?|men|man|propagandists?|citizens? of|accomplices?)\b", re.I)
# "Two Uzbek cousins, aged 24 and 31, and a driver are in custody charged with ...": people held for a crime
HELD_FOR_CRIME = re.compile(r"\b(?:in\s+custody|charged|arrested|detained|convicted|sentenced|suspected|accused|"
                            r"identified\s+(?:them|him|her|the\s+\w+)\s+as)\b", re.I)  # "Police identified them as a Tajik aged 26"
# "The man who drove a van into shoppers ..., killing two, was a 29-year-old Kyrgyz national": the attacker's age
ATTACKER_SUBJECT = re.compile(r"\b(?:The|A)\s+(?:suicide\s+|alleged\s+|suspected\s+)?(?:man|woman|attacker|suspect|gunman|bomber|assailant|driver|shooter|knifeman)\s+"
                              r"(?:who|whom|suspected|accused|behind)\b")
# "A 27-year-old Tajik national drove a car into people queuing": the attacker, by what he did
ATTACK_VERB_AFTER = re.compile(r"^[^.;,]{0,60}?\b(?:drove|rammed|stabbed|attacked|opened\s+fire|shot|blew\s+(?:himself|herself)\s+up|"
                               r"detonated|set\s+off)\b", re.I)
# "Most recruits were men aged 18 to 30": the age of the people a report describes, not of a suspect
PROFILED = re.compile(r"\b(?:recruits|volunteers|fighters|migrants|returnees|those\s+who\s+(?:left|went|travelled|traveled))\b", re.I)
YOUNG = re.compile(r"\b(?:child(?:ren)?|kids?|minors?|boys?|girls?|babies|baby|infants?|orphans?|returnees|youngest|"
                   r"oldest|women|wom[ae]n)\b", re.I)

AGE_AFTER = re.compile(r"^(?:\s*(?:-|\u2013|to|and|or)\s*\d+)?\s*(?:-\s*)?(?:years?|months?)[- ]old\b|^-year-old\b", re.I)
AGE_BEFORE = re.compile(r"\b(?:aged|ages? of|age of|(?:his|her|their) ages? as|younger than|older than|under the age of|over the age of|"
                        r"aged between|aged from|between the ages of)\s*$|"
                        r"\b(?:between\s+the\s+ages\s+of|aged(?:\s+between|\s+from)?)\s+\w+\s+(?:and|to)\s*$|"  # "ages of four and 17"
                        r"\b(?:are|were|is|was|be|being|all)\s+(?:still\s+)?(?:under|below|over|above)\s*$|"  # "were below 15"
                        r"\b(?:girl|boy|child|baby|son|daughter|toddler)\s+of\s+(?:about\s+|around\s+|roughly\s+)?$", re.I)  # "a girl of about three"
# "The third man, a Kyrgyz citizen, 29, was killed": an age set off by commas after the person
APPOSITIVE_AGE = re.compile(r"\b(?:citizen|national|native|man|woman|resident|suspect|driver|worker|migrant|student|imam|preacher|"
                            r"teacher|courier|cleric|mother|father|son|daughter|brother|sister|wife|husband),\s*$", re.I)
BELIEVED_AGE = re.compile(r"\b(?:believed|thought|said|understood|reported)\s+to\s+be\s*$", re.I)
# "are under five" is an age, "are under 500" may not be: an age ends the clause (no noun after it)
AGE_ENDS = re.compile(r"^\s*(?:[.,;:]|when|and|or|but|$)", re.I)
DURATION_AFTER = re.compile(rf"^\s*(?:-\s*|\s)?{UNITS_OF_TIME}\b|^-(?:hour|day|week|month|year)\b|"
                            rf"^\s*(?:and|or|to)\s+\w+\s+{UNITS_OF_TIME}\b", re.I)  # "got eight and six years"
MONEY_AFTER = re.compile(rf"^\s*(?:million\s+|thousand\s+|billion\s+)?{CURRENCY}\b", re.I)
MONEY_BEFORE = re.compile(r"(?:[$\u20ac\u00a3\u20bd]|\bUSD|\bKZT|\bTJS|\bKGS|\bUZS|\bRs\.?|\bPKR|\bINR|\bAED)\s*$")
TIME_AFTER = re.compile(r"^:\d\d\b|^\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|GMT\b|UTC\b|local\s+time\b)", re.I)
MEASURE_AFTER = re.compile(rf"^\s*(?:-\s*)?{MEASURES}\b|^-(?:kilo)?(?:metre|meter|mile)\b", re.I)
BODIES_AFTER = re.compile(rf"^\s*{COUNTED_BODIES}\b", re.I)
STATES_AROUND = re.compile(rf"^\s*{STATES}", re.I)
THE_BEFORE = re.compile(r"\b(?:the|all|of the)\s*$", re.I)
AGED_LIST = re.compile(r"\baged\s+(?:\d+\s*(?:,|and|or|to|-|\u2013)\s*)+$", re.I)
SEIZED_AFTER = re.compile(r"^\s*(?:[\w-]+\s+)?(?:rifles?|guns?|pistols?|grenades?|weapons|cartridges|bombs|"
                          r"explosive devices|rounds of ammunition)\b", re.I)
PLACES_AFTER = re.compile(r"^\s*(?:[\w-]+\s+)?(?:addresses|homes|houses|flats|apartments|premises|properties|"
                          r"provinces|regions|cities|districts|towns|villages)\b", re.I)  # "in Istanbul, Bursa and five other provinces"
THINGS_AFTER = re.compile(r"^\s*(?:[\w-]+\s+)?(?:vehicles|cars|trucks|buses|buildings|shops|windows)\b", re.I)  # "Four vehicles were destroyed"
EMERGENCY_NUMBERS = {"999", "911", "112", "101", "102", "103"}  # "the first 999 call"
CROWD_AFTER = re.compile(r"^\s*(?:[\w-]+\s+)?(?:visitors|spectators|fans|tourists|guests)\b", re.I)  # "drew some 40,000 visitors"
THE_COUNT = re.compile(r"\b(?:(?:of|out\s+of|among)\s+)?(?:the|these|those|all)\s*$", re.I)  # "two of the five suspects", "the 23 men would be", "placed all five in"
OF_THOSE = re.compile(r"\b(?:of|out of)\s+(?:those|these|the|them)\s*$", re.I)
DAY_PARTICLE = re.compile(r"^:\d\d", re.I)
# "the free hotline 1313", "call 0 (312) 66-20-20": a number to call
PHONE_BEFORE = re.compile(r"\b(?:hotline|helpline|help\s+line|(?:hour|free|hot|trust|information)\s*line|phone|telephone|tel\.|call|dial|"
                          r"calling|dialling|dialing|number)(?:\s+(?:at|on|is))?[,:]?\s*(?:\d[\d\s()-]*)?$", re.I)
PHONE_AFTER = re.compile(r"^\s*(?:call\s+cent(?:re|er)|hotline|helpline|help\s+line|phone\s+line)\b", re.I)  # "its 1181 call centre"
ORDINAL = re.compile(r"\d(?:st|nd|rd|th)$", re.I)  # "on the 14th": a day of the month, or a rank
PHONE_AROUND = re.compile(r"\(\d{2,4}\)\s*\d|\d{2,3}-\d{2}-\d{2}|\b\d{2,4}\s\d{4}\b|\b0\d{2,4}(?:\s\d{2,3}){2,}\b|\+\d{1,3}[\s-]?\(?\d|\d{1,4}-\d{1,4}-\d{3,4}-\d{2,4}")  # "+43-1-555-0142"
# "under Article 244-1 and Article 159 of the Criminal Code"
LAW_BEFORE = re.compile(r"\b(?:Article|Articles|Art\.|Section|Sections|Paragraph|Clause|Chapter)\s*(?:\d[\d.-]*\s*(?:,|and|or)\s*)*$", re.I)
# "Inquiry No. 118", "case file 2029/412", "Question 3.", "issue 12 of its magazine": a reference, not a count
REFERENCE_BEFORE = re.compile(r"\b(?:No|Nr|Number)\.?\s*$|#\s*$|\b(?:Question|Item|Issue|issue|Bulletin|Inquiry|Case|case|paragraphs)\s*$")
LIST_ITEM_AFTER = re.compile(r"^[.)]\s")  # "1. sentenced A.Y. ...", "2) repatriate all children": the item's number
EXTREME_AGE_BEFORE = re.compile(r"\bthe\s+(?:youngest|oldest|eldest)(?:\s+(?:was|is|aged|being))?\s*$", re.I)


def why_not_a_figure(sentence: str, group: NumberGroup) -> str:
    """The reason a number (or a range) of the sentence is not a figure, or '' when it may be one.
    'perpetrator_age' means: an age, of a suspect or attacker (a figure with that indicator)."""
    occ, last = group.occ, (group.second or group.occ)
    before = sentence[max(0, occ.start - 40):occ.start]
    after = sentence[last.end:last.end + 40]
    word_after = sentence[occ.end:occ.end + 40]
    if TIME_AFTER.match(word_after) or re.search(r"\d:\s*$", before):
        return "a time of day, not a figure"
    if ORDINAL.search(occ.text):
        return "an ordinal (a day of the month or a rank), not a figure"
    if (PHONE_BEFORE.search(before) or PHONE_AFTER.match(word_after) or PHONE_AROUND.search(sentence[max(0, occ.start - 6):last.end + 12])
            or occ.text in EMERGENCY_NUMBERS and re.match(r"^\s*(?:emergency\s+)?(?:calls?|line|number)\b", word_after, re.I)):
        return "a telephone number, not a figure"
    if LAW_BEFORE.search(before):
        return "an article of a law, not a figure"
    if re.search(r"(?:^|\n)\W*(?:Corrects|Correction|Corrected)\b[^\n]*$", sentence[:occ.start], re.I):
        return "a correction note (the corrected number is in the text it corrects), not a figure"
    if REFERENCE_BEFORE.search(before) or re.search(r"\d/\s*$", before):
        return "a reference number (of a document, case, question or issue), not a figure"
    line_start = re.search(r"(?:^|\n)[ \t]*\(?$", sentence[:occ.start])
    if line_start and group.second is None and re.fullmatch(r"\d{1,2}", occ.text) and LIST_ITEM_AFTER.match(word_after):
        return "the number of an item in a numbered list, not a figure"
    if line_start and re.fullmatch(r"(?:0?[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])", occ.text) and re.match(r"^\s*(?:,|-|\u2013)", word_after):
        return "a date (day.month) of a log entry, not a figure"
    if re.fullmatch(r"an?\s+(?:third|quarter)", occ.text, re.I) and re.match(r"^\s+[a-z]", word_after) and not re.match(r"^\s+of\b", word_after):
        return "an ordinal ('a third person'), not a figure"
    if EXTREME_AGE_BEFORE.search(before):  # "the youngest 19 and the oldest 31"
        around = sentence[max(0, occ.start - 80):last.end + 30]
        return "perpetrator_age" if PEOPLE_AGED.search(around) or re.search(r"\bsuspects?\b", around, re.I) else "an age, not a count of people"
    copula_age = re.search(r"\b(?:under|below|over|above)\s*$", before) and not re.search(r"\bthe\s+age", before)
    if BELIEVED_AGE.search(before) and AGE_ENDS.match(after) and occ.value is not None and 12 <= occ.value < 100:
        # "the bomber, believed to be 22, had ...": an age (a count would name what it counts: "believed to be 300 fighters")
        around = sentence[max(0, occ.start - 80):last.end + 30]
        return "perpetrator_age" if PEOPLE_AGED.search(around) else "an age, not a count of people"
    appositive = APPOSITIVE_AGE.search(before) and re.match(r"^\s*,", after) and occ.value is not None and 12 <= occ.value < 100
    if (AGE_AFTER.match(after) or AGE_AFTER.match(word_after) or AGED_LIST.search(before) or appositive
            or (AGE_BEFORE.search(before) and (not copula_age or AGE_ENDS.match(after)))):
        around = sentence[max(0, occ.start - 80):last.end + 30]
        if (ATTACKER_SUBJECT.search(sentence[:60]) and re.search(r"\b(?:is|was)\s+an?\s+$", before)) or (
                re.search(r"\b[Aa]n?\s+$", before) and ATTACK_VERB_AFTER.match(sentence[last.end:last.end + 90])):
            return "perpetrator_age"  # "The man who ..., killing one woman, was a 29-year-old": whoever else the sentence names
        held = HELD_FOR_CRIME.search(sentence[max(0, occ.start - 80):last.end + 120])
        if (PEOPLE_AGED.search(around) or held) and not YOUNG.search(around) and not PROFILED.search(around):
            return "perpetrator_age"
        return "an age, not a count of people"
    if MONEY_AFTER.match(after) or MONEY_BEFORE.search(before):
        return "a sum of money (a fee, fine, payment or cost), not a figure"
    if MEASURE_AFTER.match(after) or MEASURE_AFTER.match(word_after):
        return "a measure (weight or length), not a figure"
    if DURATION_AFTER.match(after) or DURATION_AFTER.match(word_after):
        return "a duration (time spent, a prison term), not a figure"
    if SEIZED_AFTER.match(after):
        return "a count of weapons or things seized, not a figure"
    if PLACES_AFTER.match(after):
        return "a count of places searched or raided, not a figure"
    if re.match(r"^\s*[-\u2013]\s*\d{1,2}\b", word_after) and re.search(r"\b(?:beat|beating|drew|lost|won|defeated)\s+(?:[\w-]+\s+){0,3}$", before):
        return "a score, not a figure"  # "Dordoi beat Alay 2-1"
    if re.search(r"\b(?:interviewed|surveyed|polled)\s+(?:[\w-]+\s+){0,2}$", before):
        return "the size of a survey's sample, not a figure"  # "The researchers interviewed 64 mothers"
    if THINGS_AFTER.match(after):
        return "a count of things (vehicles, buildings), not a figure"
    if re.search(r"\b(?:level|scale|grade|rating|category)\s+(?:of\s+|to\s+)?$", before) or re.match(r"^-point\b", word_after):
        return "a level on a scale, not a figure"  # "raised the threat level to four on a five-point scale"
    if re.match(r"^\s*(?:to|and|-|\u2013)\s*\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
                r"November|December)\b", word_after) and occ.value is not None and 1 <= occ.value <= 31:
        return "a day of a date ('the night of 2 to 3 March'), not a figure"
    if re.match(r"^\s*(?:thirds|quarters|fifths|tenths)\b", word_after, re.I):
        return "a fraction (two thirds of something), not a count"
    if re.search(r"\b(?:draw|drew|drawing|attract|attracted|attracting)\s+(?:[\w-]+\s+)?$", before) and re.match(
            r"^\s+(?:people|visitors|spectators|fans|guests)\b(?![^.;]{0,40}\binto\b)", after):
        return "the size of a crowd, not a figure"  # "expected to draw about 15,000 people"
    if CROWD_AFTER.match(after) and not re.search(r"\b(?:kill|wound|injur|hurt|dead|die|stab|shot|shoot)\w*", before, re.I):
        return "the size of a crowd, not a figure"
    if STATES_AROUND.match(after) and THE_BEFORE.search(before):
        return "the number of states named, not a count"
    if re.match(r"^\s*(?:people|persons|returnees|beds|places)?\s*at\s+a\s+time\b", after, re.I):
        return "a capacity, not a count of people"
    if BODIES_AFTER.match(after):
        return "a count of agencies or operations, not a figure of the dashboard"
    return ""


def repeats(sentence: str, group: NumberGroup, earlier: list[float], in_document: set[float] = frozenset()) -> bool:
    """'Of those 754, 406 were children': the number repeats one given just before; 'Two of the five
    suspects', 'All five were found guilty': one given anywhere before in the document (the article
    says it is the same)."""
    occ = group.occ
    if group.second is None and occ.value is not None and occ.value in in_document and (THE_COUNT.search(
            sentence[max(0, occ.start - 20):occ.start]) and re.match(r"^\s+[a-z]+", sentence[occ.end:])
            or re.fullmatch(r"\W*All\s+", sentence[:occ.start]) and re.match(r"^\s+(?:were|are|have|had|will)\b", sentence[occ.end:])):
        return True  # "All five were found guilty": the five told before
    return group.second is None and occ.value is not None and occ.value in earlier and bool(
        OF_THOSE.search(sentence[max(0, occ.start - 20):occ.start]) or (
            re.fullmatch(r"\W*The\s+", sentence[:occ.start]) and re.match(r"^\s*,", sentence[occ.end:])))  # "The seven, aged ..."


def headline_span(text: str) -> tuple[int, int] | None:
    """The span of the first line when it is a headline: a short line of its own, no full stop."""
    m = re.match(r"(?:\s*\d{1,2}\.\d{1,2}\.\d{4}[^\n]{0,12}\n)?\s*(?!#)([^\n]{8,200}?)[ \t]*\n\s*\n", text)
    if not m or m.group(1).rstrip().endswith((".", ":")) or re.match(r"^\d{1,2}\.\d{1,2}\.\d{4}", m.group(1)):
        return None
    return m.start(1), m.end(1)


def held_by_row(row: dict, value: float | None) -> bool:
    """A row holds the number as (part of) its date or period: '2019' of 2019-05-01, '1' of its day."""
    if value is None:
        return False
    for key in ("date", "period_start", "period_end"):
        parsed = re.match(r"(\d{4})(?:-(\d{2})-(\d{2}))?", row.get(key, "") or "")
        if parsed and (float(parsed.group(1)) == value or (parsed.group(3) and float(parsed.group(3)) == value)):
            return True
    return False
