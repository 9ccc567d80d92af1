"""Sub-counts. A number may count only some of the people its indicator counts
(`counts`: men, women, children, orphans, women and children) and be part of a total given just
before (`part_of`: "37 citizens ... The group included 6 men, 11 women and 20 children"; "511 in
all, among them 148 women"; "Of those 754, 406 were children"; "6,500 migrants ... 1,100 of them"), a
total that counts some people only having parts among those ("54 children, 29 boys and 25 girls").
(A count two states give together: core.curation.joint.)"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.curation.reading import MONTH_WORDS
from core.data.numbers import scan_numbers

# Indicators whose figures a document splits by whom they count.
SPLIT_BY_PEOPLE = {"repatriated_people", "repatriated_suspects", "detained_women_children", "conflict_migrants"}
CATEGORY = re.compile(
    r"^[\"\u201d\u2019']?\s*(?:(?:of\s+(?:them|those|these|whom)\s+(?:[a-z-]+\s+){0,3}?(?:were\s+|are\s+)?)|(?:were\s+|are\s+|being\s+))?"
    r"(?:[a-z-]+\s+){0,2}?(?P<c>women\s+and\s+children|men|women|children|orphans|minors|boys|girls|kids|widows|wives|"
    r"mothers|fathers|daughters|sons|teenagers|teens|juveniles)\b|^\s*(?:who\s+|of\s+(?:them|whom)\s+)?(?:had\s+|have\s+|has\s+)?(?P<o>lost\s+(?:both\s+)?(?:their\s+)?parents|"
    r"no\s+(?:surviving\s+|living\s+)?parents?)", re.I)
CATEGORY_WORDS = {"men": "men", "women": "women", "children": "children", "orphans": "orphans", "minors": "children",
                  "boys": "children", "girls": "children", "kids": "children", "widows": "women", "wives": "women",
                  "mothers": "women", "fathers": "men", "daughters": "children", "sons": "children",
                  "teenagers": "children", "teens": "children", "juveniles": "children"}
# "7 of the children were orphans": the noun says of which total, the predicate (if any) whom it counts
OF_THE_NOUN = re.compile(r"^\s*of\s+(?:the|these|those)\s+(?:[\w-]+\s+)?(?P<noun>children|women|men|minors|returnees|orphans)\b"
                         r"(?:\s+(?:were|are)\s+(?:also\s+)?(?P<c>orphans|women|men|children|minors|girls|boys)|"
                         r"\s+(?:(?:have|had)\s+)?(?P<o>no\s+(?:surviving\s+|living\s+)?parents?|lost\s+(?:both\s+)?(?:their\s+)?parents))?", re.I)
# "the number of children returned from Iraq to 296": the category named before the number
NUMBER_OF_CATEGORY = re.compile(r"\bnumber\s+of\s+(?:[\w-]+\s+)?(?P<c>women\s+and\s+children|men|women|children|orphans|minors)\b"
                                r"[^.;]{0,80}?\bto\s+(?:about\s+|more\s+than\s+|over\s+)?$", re.I)
EVERYONE = {"detained_women_children": "women and children"}  # a category that is all the indicator counts
# A total that counts some people may have parts counting some of those: "54 children: 29 boys and 25
# girls", "104 women and children ... The group included 25 women and 79 children".
WITHIN = {"": {"", "men", "women", "children", "orphans", "women and children"}, "children": {"children", "orphans"},
          "women and children": {"women", "children", "orphans"}, "women": {"women"}, "men": {"men"}}  # "58 of the women are from Tajikistan"
OF_THE_LEAD = re.compile(r"^\W*(?:Of|Among)\s+the\s+(?:[\w-]+\s+)?[a-z]+(?:,|\s+(?:are|were)\b)", re.I)  # "Of the blocked pages, 97 ..."; "Among the children are 15 orphans"
# The sentence speaks of people counted just before: "The group included...", "Among them...", "Of those 754..."
REFERS_BACK = re.compile(r"^(?:\W*)(?:The|These|Those|Its|Their)\s+(?:\w+\s+){0,2}?(?:group|men|women|children|returnees|"
                         r"citizens|people|suspects|detainees|defendants|evacuees|passengers|flight|plane)\b|"
                         r"^(?:\W*)(?:They|Among\s+(?:them|those)(?:\s+(?:returned|repatriated|brought\s+(?:back|home)|flown\s+home|detained))?|"
                         r"Of\s+(?:them|those|these)|The\s+(?:other|remaining|rest))\b|"  # "Among those returned are seven women"
                         r"^\W*(?:Those|The\s+people|Everyone)\s+(?:on\s+board|aboard|on\s+the\s+(?:flight|plane))\b|"  # "Those on board were 14 women"
                         r"^\W*(?:\d+|[A-Z][a-z]+(?:-[a-z]+)?)\s+(?:are|were)\s+(?:[\w-]+\s+)?(?:men|women|children|minors|orphans|boys|girls)\b|"
                         + OF_THE_LEAD.pattern + "|"
                         r"^(?:\W*)(?:\d+|[A-Z][a-z]+(?:-[a-z]+)?)\s+of\s+(?:those|these|them|the)\b", re.I)  # "Nine of those held"
# "Besides the children, the group comprises nine women": the group counted before
GROUP_MADE_OF = re.compile(r"\bthe\s+(?:group|returnees|evacuees|passengers)\s+(?:comprises|comprised|includes|included|consists\s+of|"
                           r"consisted\s+of|(?:is|was)\s+made\s+up\s+of)\s*$", re.I)
LINKED_TO_TOTAL = re.compile(r"(?:\bincluding|\bamong\s+them|\bof\s+whom|\bof\s+them|\bincluded|\bconsisted\s+of|"
                             r"\bconsists\s+of|\bcomprising|\bcomprises|\bcomprised|\bmade\s+up\s+of)\s*(?:[\w'\u2019-]+\s+){0,4}$", re.I)  # "among them the attacker's brother and two"
APPOSITION = re.compile(r"(?<!\bjoining\s)(?<!\binto\s)(?<!\bof\s)(?<!\bfor\s)(?<!\bwith\s)\b(?:the|these|those)\s+"
                        r"(?!(?:largest|biggest|smallest|first|last|latest)\s)(?:\w+\s+)?(?:men|women|people|suspects|defendants|accused|group|"
                        r"children|returnees|detainees|convicts),\s*$", re.I)  # "The men, four citizens of ..."
DATE_WORDS = re.compile(r"\b(?:since|during|last|this|yesterday|today|(?:19|20)\d\d)\b|\bon\s+(?:[A-Z][a-z]+day|\d)|\b(?:in|by)\s+(?:early\s+|"
                        rf"late\s+|mid-?)?(?:{MONTH_WORDS})\b")
# a part's own date after it ("71 of them on Friday", "nine of them this year"): its period, not its total's
PARTITIVE = re.compile(r"^\s+of\s+(?:the|those|these)\s+(?:[\w-]+\s+)?(?:[a-z]+)\b", re.I)  # "of the (five) suspects"
OF_THOSE_WORDS = re.compile(r"^\W*(?:Of|Among)\s+(?:those|these)\s+(?P<words>(?:[a-z-]+\s+){0,3}[a-z-]+),", re.I)  # "Of those ordered deported,"
FROM_CENTRAL_ASIA = re.compile(r"^\s+of\s+them\s+(?:are\s+|were\s+)?(?:from|citizens\s+of|nationals\s+of)\s+(?:the\s+)?Central\s+Asia", re.I)
OF_THEM = re.compile(r"^\s*of\s+(?:them|those|whom)\b", re.I)
OF_THEM_NATIONALS = re.compile(r"^\s+of\s+(?:them|whom)\s+(?:(?:are|were|was)\s+)?(?:citizens\s+of\s+|from\s+)?(?:the\s+)?(?P<name>[A-Z][\w-]+)")
NAMED_TOTAL_BEFORE = re.compile(r"\b\w+\s+(?:of|out\s+of)\s+(?:the|these|those)\s*$", re.I)  # "Two of the [four]"
# "eight Uzbeks, four Tajiks and three Kazakhs", "Seven are Uzbek citizens, three are Kyrgyz": a count by
# nationality, and, when another follows it in the sentence, a list of them: parts of the count told before.
_DEMONYM = (r"(?:Uzbek|Tajik|Kazakh|Kyrgyz|Kirghiz|Turkmen|Afghan|Russian|Chechen|Dagestani|Uighur|Uyghur|"
            r"Kazakhstani|Kyrgyzstani|Tajikistani|Uzbekistani|Turkmenistani|Pakistani|Turkish|Syrian|Iraqi)")
BY_NATIONALITY = re.compile(rf"^\s+(?:of\s+(?:the|them|those)\s+(?:[a-z]+\s+)?)?(?:(?:are|were)\s+)?(?:(?:citizens|nationals)\s+of\s+|of\s+|from\s+)?"
                            rf"(?P<n>{_DEMONYM})(?:s|i?stan)?\b")  # "58 of the women are from Tajikistan"; "Kyrgyz"+"stan", "Tajik"+"istan"
# The states whose citizens a listed nationality names (ethnic names, "Chechen", "Uighur", name none).
NATIONALITY_STATE = {"Uzbek": "UZB", "Uzbekistani": "UZB", "Tajik": "TJK", "Tajikistani": "TJK", "Kazakh": "KAZ",
                     "Kazakhstani": "KAZ", "Kyrgyz": "KGZ", "Kirghiz": "KGZ", "Kyrgyzstani": "KGZ", "Turkmen": "TKM",
                     "Turkmenistani": "TKM", "Afghan": "AFG", "Pakistani": "PAK", "Turkish": "TUR", "Syrian": "SYR",
                     "Iraqi": "IRQ", "Russian": "RUS"}


def category(sentence: str, end: int, indicator: str, part: bool = False) -> str:
    """Whom the number ending at `end` counts ('' for everyone its indicator counts, or an indicator
    not split by people). A `part` of a total says whom it counts whatever its indicator ("detained 19
    people, including five women")."""
    if indicator not in SPLIT_BY_PEOPLE and not part:
        return ""
    m = CATEGORY.match(sentence[end:end + 60])
    of_the = OF_THE_NOUN.match(sentence[end:end + 60])
    named_before = NUMBER_OF_CATEGORY.search(sentence[max(0, end - 160):end].rsplit(" ", 1)[0] + " ") if not m else None
    if of_the:
        word = "orphans" if of_the["o"] else (of_the["c"] or of_the["noun"]).lower()
    elif named_before:
        word = named_before["c"].lower()
    elif m and m["o"]:
        word = "orphans"
    elif m:
        word = m.group("c").lower()
    else:
        return ""
    word = re.sub(r"\s+", " ", word)
    found = word if word == "women and children" else CATEGORY_WORDS.get(word, "")
    return "" if EVERYONE.get(indicator) == found else found


PREDICATE = re.compile(r"^\s*(?:of\s+(?:them|those(?:\s+who\s+[a-z]+)?|whom|the\s+(?:[\w-]+\s+)?(?:passengers|returnees|evacuees|detainees|group|people|"
                       r"citizens|defendants))\s+)?(?:were|are)\s+(?P<c>women|men|children|minors|girls|boys|orphans)\b", re.I)  # "Eight of the passengers are women"
LOST_PARENTS = re.compile(r"^\s*(?:of\s+(?:them|whom)\s+)?(?:have|had|has)\s+(?:lost\s+both\s+(?:their\s+)?parents|neither\s+parent|no\s+parents)\b", re.I)


def predicate_category(sentence: str, end: int) -> str:
    """'Of those convicted this year, 17 were women': whom a part counts, whatever its indicator."""
    m = PREDICATE.match(sentence[end:end + 40])
    return CATEGORY_WORDS[m["c"].lower()] if m else "orphans" if LOST_PARENTS.match(sentence[end:end + 50]) else ""


@dataclass
class Counted:
    """A figure candidate as the sub-count rules see it."""
    row: dict
    value: float | None
    start: int  # position in its sentence
    end: int
    sentence: int  # index of the sentence in the document
    paragraph: int
    own_indicator: str  # from a verb next to the number (strong), '' when only guessed from keywords


def link_parts(figures: list[Counted], sentence_text: dict[int, str]) -> None:
    """Set `counts` and `part_of` (and, for a part, the total's indicator, subject and period when
    its own sentence gives none) on the figure rows, in document order."""
    for i, part in enumerate(figures):
        text = sentence_text[part.sentence]
        if part.value is None:
            continue
        earlier = [f for f in figures[:i] if f.value is not None and not f.row.get("part_of") and f.row.get("counts", "") in WITHIN
                   and not f.row.get("_compared")  # "up from 947 in the same period of 2035": no total of what follows
                   and f.row.get("indicator") != "perpetrator_age"  # "a 44-year-old ... Two of them are women": not of the age
                   and f.row.get("indicator")  # a number no indicator explains ("38,000 subscribers") has no parts
                   and part.sentence - f.sentence <= 2]
        after_total = [category(text, part.end, f.row["indicator"]) for f in earlier]
        subset = _subset_of_part(figures[:i], part, text)
        if subset is not None:  # "159 children, of whom 13 are orphans": orphans of the same total, not added to it
            total = next((f for f in figures if f.row["candidate_id"] == subset.row["part_of"]), None)
            cat = category(text, part.end, subset.row["indicator"]) if total else ""
            if total and cat and part.value <= (subset.value or 0):
                part.row.update(part_of=total.row["candidate_id"], counts=cat, indicator=total.row["indicator"],
                                unit=total.row["unit"], subject=total.row["subject"], related=total.row["related"])
                if not (part.row["period_start"] or part.row["period_end"]):
                    part.row["period_start"], part.row["period_end"] = total.row["period_start"], total.row["period_end"]
                part.row["reason"] += f"; {cat} among '{subset.row['value_text']}', part of '{total.row['value_text']}'"
            continue
        if NAMED_TOTAL_BEFORE.search(text[:part.start]):
            continue  # "Two of the four attackers": the four is the whole the two are part of, not a part of anything
        # "detained 6,500 migrants, and that 1,100 of them", "Of the blocked pages, 97 ...": the count told before
        of_them = OF_THEM.match(text[part.end:]) or OF_THE_LEAD.match(text)
        same = [f for f, cat in zip(earlier, after_total) if f.sentence == part.sentence and (
            LINKED_TO_TOTAL.search(text[f.start:part.start]) or of_them
            or (cat and re.search(r"(?:[,:(]|\s[-\u2013\u2014])\s*(?:[\w-]+\s+){0,3}$", text[f.start:part.start])))]  # "28 citizens - seven women"
        back = [f for f in earlier if f.sentence < part.sentence and _only_numbers_between(figures, f, part, text)]
        back = [f for f in back if (f.value or 0) > part.value] or back  # "38 citizens ..., and six of them ... The group
        # was made up of 31 men and seven women": the count the parts fit in, not the last one told
        sibling = _after_sibling(figures[:i], part, text)
        apposition = APPOSITION.search(text[:part.start]) or (sibling and sibling.row.get("_apposition"))
        nationality = _nationality(text, part)
        listed = _nationality_list(figures, i, text) or bool(  # its last item: "... and 10 Kyrgyz"
            nationality and sibling is not None and _nationality(text, sibling))
        refers = REFERS_BACK.match(text) or GROUP_MADE_OF.search(text[:part.start]) or of_them or apposition or sibling or listed or (
            not re.search(r"\w", text[:part.start]) and predicate_category(text, part.end))  # "Twelve have lost both parents."
        within = _broken_down(figures, i, text) if listed else None
        above = [f for f in figures[:i] if within is not None and f.row["candidate_id"] == within.row["part_of"]]
        if above and above[0].row["indicator"] == within.row["indicator"]:
            same = above  # "23 suspects, 17 of them foreigners ... eight Turkmens, six Uzbeks and three Tajiks": the 17's total
        else:  # "ordered 212 of the 318 detainees expelled: 126 ...": the 212 counts another thing than its whole
            within = None
        if listed and not same:  # "... 1,100 come from Central Asia: roughly 520 Tajiks, 410 Uzbeks and 130 Kyrgyz"
            # (or "expelled 87 - 51 Uzbeks, 29 Tajiks and seven Kyrgyz -"); an item of the list is no total of the next
            # (the count before the list may itself be a part: "detained 318 ... ordered 212 of the detainees expelled: 126 ...")
            same = [f for f in figures[:i] if f.value is not None and f.row.get("indicator") and f.sentence == part.sentence
                    and not _nationality(text, f) and f.row.get("counts", "") in WITHIN and not f.row.get("_adds_up")
                    and re.search(r"(?:[,:(]|\s[-\u2013\u2014])\s*(?:[\w-]+\s+){0,3}$", text[f.start:part.start])]
            same = [f for f in figures[:i] if sibling is not None and f.row["candidate_id"] == sibling.row["part_of"]] or same
            if not same:  # "Those sent home - 38 Uzbeks, 21 Tajiks, 11 Kyrgyz and four Turkmens": the 74 told before, their sum
                same = _count_told_before(figures[:i], part, _listed_sum(figures, part, text))
        again = [] if same else _named_again(figures[:i], part, text)  # before the count told just before: it names its total
        adds_up = [] if same or again or (back and refers) else _adds_up(figures, i)
        totals = same or again or (back if refers else []) or _sum_told_before(figures, i, text) or adds_up
        part.row["_adds_up"] = bool(adds_up) and totals is adds_up  # its list's items are parts of that total, not of it
        of_the = OF_THE_NOUN.match(text[part.end:])
        named = [f for f in figures[:i] if of_the and f.value is not None and part.sentence - f.sentence <= 2
                 and f.row.get("counts") == CATEGORY_WORDS.get(of_the["noun"].lower())]
        if named and not same:  # "7 of the children": of the children counted before (of their total, if they are a part)
            whole = next((f for f in figures if named[-1].row.get("part_of") and f.row["candidate_id"] == named[-1].row["part_of"]), None)
            totals = [whole or named[-1]]
        # "Nine of those held", "Five of the accused" (and "... and three are from Tajikistan" after one) says it is a subset
        partitive = PARTITIVE.match(text[part.end:]) or (sibling is not None and sibling.row.get("_partitive"))
        named_total = scan_numbers("", partitive.group(0)) if isinstance(partitive, re.Match) else []
        if isinstance(partitive, re.Match):  # "478 of them returned. ... 1,147 of those who left were men": a larger count's
            totals = [f for f in totals if (f.value or 0) > part.value] or totals
        if isinstance(partitive, re.Match) and (not totals or named_total):
            # "of the five suspects": the five; a total it names that no earlier figure counts ("Two of the four
            # attackers", the four told after it) is not some other count told before
            totals = _partitive_total(figures[:i], part, named_total) or ([] if named_total else totals)
        told = _told_with_the_leads_words(figures[:i], part, text, sentence_text)
        if told:  # "Of those ordered deported, 233 ...": the counts told with those words, not the last one
            totals = told
        if not totals:
            continue
        own = part.row["period_start"] or part.row["period_end"]
        dated = [f for f in totals if own and own[:4] in (f.row["period_start"][:4], f.row["period_end"][:4])]
        total = (dated or totals)[-1]  # "112 in 2024, compared with 148 in 2023. Of those convicted this year, 17": 2024's
        if total.row["indicator"] == "group_strength" and FROM_CENTRAL_ASIA.match(text[part.end:]):
            part.row.update(indicator="foreign_fighters", subject="central_asia", related="")  # "about 3,000 fighters, up to
            part.row["reason"] += "; the group's fighters from Central Asia: foreign fighters"  # 1,000 of them from Central Asia"
            continue
        # "The deportees - 23 Tajiks, 12 Uzbeks and six Kyrgyz - were flown to Dushanbe": a list that adds up
        # to the total breaks it down, whatever verb follows the list
        breakdown = listed and _listed_sum(figures, part, text) == total.value
        apposition = apposition or (again and not part.own_indicator)  # "The 26 migrants, 17 of them Uzbeks": the total told
        # again, its words not the part's (a part with its own verb, "ordered 23 of them to be expelled", counts that)
        if part.own_indicator and total.own_indicator and part.own_indicator != total.own_indicator and not (apposition or breakdown):
            continue  # "20 recruited ... 9 of them detained": another count, not a part
        indicator = total.row["indicator"] if apposition or breakdown else (part.own_indicator or total.row["indicator"])
        cat = category(text, part.end, indicator, part=True) or predicate_category(text, part.end)
        if not cat and nationality and listed:  # "58 of the women are from Tajikistan, 41 from Uzbekistan": women too
            cat = total.row.get("counts", "")
        if cat not in WITHIN.get(total.row.get("counts", ""), ()):
            continue  # "54 children ... 30 women": not a part of the children
        siblings = [f for f in figures if f.row.get("part_of") == total.row["candidate_id"] and f.row.get("counts") != "orphans"
                    and f is not within]  # the list breaks that part down: not beside it
        added = part.value if cat != "orphans" else 0  # orphans are among the children, not beside them
        if total.value is None or part.value > total.value or (
                not partitive and added + sum(f.value or 0 for f in siblings) > total.value):
            continue  # the parts would add up to more than the total (parts by nationality and by sex may overlap)
        if not cat and part.value >= total.value:
            continue
        part.row["part_of"], part.row["counts"], part.row["_apposition"] = total.row["candidate_id"], cat, bool(apposition)
        part.row["_partitive"] = bool(partitive)
        why = f"part of {total.row['value_text']!r}" + (f" ({cat})" if cat else "")
        if part.row["indicator"] != indicator:
            part.row["indicator"], part.row["unit"] = indicator, total.row["unit"]
            part.row["reason"] = part.row["reason"].replace("; no indicator keyword: choose one", "")  # the total's, below
            why += "; indicator of the total"
        named = OF_THEM_NATIONALS.match(text[part.end:])  # "27 citizens ..., 16 of them Tajiks": the name is its subject
        own_nationality = "the citizens it names" in part.row["reason"] or bool(  # "Five of those convicted are citizens of Uzbekistan"
            named and (f"nearest name '{named['name']}" in part.row["reason"] or f"origin '{named['name']}" in part.row["reason"]))
        if (cat or of_them or not part.row["subject"] or part.row["subject"].startswith("@")) and \
                part.row["subject"] != total.row["subject"] and not own_nationality:  # a channel named with a part: the total's
            part.row["subject"], part.row["related"] = total.row["subject"], total.row["related"]
            why += "; subject of the total"  # a part by nationality ("three citizens of Tajikistan") keeps its own
        total_period = total.row["period_start"] or total.row["period_end"]
        part_period = part.row["period_start"] or part.row["period_end"]
        told_with = part.sentence == total.sentence and part.start > total.end and not DATE_WORDS.search(text[part.end:])
        if total_period and (apposition or not part_period or told_with):  # "784 ... since May 2019, more than 540 of them children"
            part.row["period_start"], part.row["period_end"] = total.row["period_start"], total.row["period_end"]
        elif part_period and not total_period and not apposition:  # "returned 77 ... Among those brought home on Wednesday"
            total.row["period_start"], total.row["period_end"] = part.row["period_start"], part.row["period_end"]
            total.row["reason"] += f"; period of its parts ('{part.row['value_text']}')"
        state = NATIONALITY_STATE.get(nationality["n"]) if listed and nationality else None
        if state and part.row["subject"] != state:  # "four citizens of Uzbekistan, two of Tajikistan": each its own
            part.row["subject"], part.row["related"] = state, ""
            why += f"; subject: the nationality listed ({nationality['n']})"
        if sibling is not None and part.row.get("qualifier") == "exact" and sibling.row.get("qualifier") == "about":
            part.row["qualifier"] = "about"  # "roughly 520 Tajiks, 410 Uzbeks and 130 Kyrgyz": the list's qualifier
            why += "; qualifier of the list"
        part.row["reason"] += f"; {why}"


def _nationality(text: str, figure: Counted) -> re.Match | None:
    """The nationality named right after the figure's number ("eight Uzbeks", "two of Tajikistan")."""
    return BY_NATIONALITY.match(text[figure.end:figure.end + 40])


def _nationality_list(figures: list[Counted], i: int, text: str) -> bool:
    """The i-th figure opens a list of counts by nationality: it and the next number of its sentence
    are each followed by a nationality ("eight Uzbeks, four Tajiks and three Kazakhs")."""
    part = figures[i]
    following = [f for f in figures[i + 1:] if f.sentence == part.sentence]
    return bool(_nationality(text, part) and following and _nationality(text, following[0])
                and re.fullmatch(r"[\w\s'-]{0,40}?(?:,|\band|,\s*and)\s*", text[part.end:following[0].start]))


def _listed_sum(figures: list[Counted], part: Counted, text: str) -> float:
    """The sum of the counts by nationality of the part's sentence ("23 Tajiks, 12 Uzbeks and six Kyrgyz": 41)."""
    return sum(f.value or 0 for f in figures if f.sentence == part.sentence and _nationality(text, f))


def _count_told_before(earlier: list[Counted], part: Counted, value: float) -> list[Counted]:
    """The latest count of the two sentences before the part's with this value, itself no part: the
    total a list or a sum of parts adds up to."""
    return [f for f in earlier if f.value == value and not f.row.get("part_of") and f.row.get("indicator")
            and 0 < part.sentence - f.sentence <= 2][-1:]


def _sum_told_before(figures: list[Counted], i: int, text: str) -> list[Counted]:
    """'61 women and children in camps ... He said 24 women and 37 children were in al-Hol': counts
    of women, men and children side by side that add up to a count of the sentence before."""
    own = [f for f in figures if f.sentence == figures[i].sentence and f.value is not None
           and (m := CATEGORY.match(text[f.end:f.end + 30])) and m["c"]]
    if len(own) < 2 or figures[i] not in own:
        return []
    for k in range(max(2, own.index(figures[i]) + 1), len(own) + 1):  # "24 women and 37 children ..., along with two men"
        found = _count_told_before(figures[:i], figures[i], sum(f.value for f in own[:k]))
        if found:
            return found
    return []


def _adds_up(figures: list[Counted], i: int) -> list[Counted]:
    """'... made up the bulk of them, 1,302, followed by 517 TikTok accounts and 214 pages on VKontakte;
    the remaining 181 were standalone websites': every count of the sentence adds up to a count told just before."""
    own = [f for f in figures if f.sentence == figures[i].sentence]
    if len(own) < 2 or any(f.value is None for f in own):
        return []
    return _count_told_before(figures[:i], figures[i], sum(f.value for f in own))


def _named_again(earlier: list[Counted], part: Counted, text: str) -> list[Counted]:
    """'The 46 deportees, among them nine women' ('17 of them Uzbeks'): the count the sentence names again by its number
    (itself left out as a repeat) is the total of the parts that follow."""
    lead = re.match(r"^\W*The\s+(?P<n>\d[\d,]*)\s+[a-z]+,\s+(?:among\s+them|including|of\s+whom|(?=[\w-]+\s+of\s+(?:them|whom)\b))|"
                    r"^\W*(?:Of|Among)\s+the\s+(?P<m>\d[\d,]*)\b[^,.;]{0,60},", text)  # "Of the 93 ordered to leave, 48 are ..."
    if not lead or part.start < lead.end():
        return []
    value = float((lead["n"] or lead["m"]).replace(",", ""))
    return [f for f in earlier if f.value == value and not f.row.get("part_of") and f.row.get("indicator")][-1:]


def _broken_down(figures: list[Counted], i: int, text: str) -> Counted | None:
    """The part told just before that a list by nationality adds up to ("17 of them foreign nationals.
    The foreigners were eight Turkmens, six Uzbeks and three Tajiks"): the list breaks it down."""
    part = figures[i]
    return next((f for f in reversed(figures[:i]) if f.value == _listed_sum(figures, part, text) and f.row.get("part_of")
                 and 0 <= part.sentence - f.sentence <= 2), None)  # "29 are Central Asians - 14 Tajiks, nine Uzbeks ..."


def _partitive_total(earlier: list[Counted], part: Counted, named: list) -> list[Counted]:
    """The total an explicit partitive refers to: the earlier figure it names (`named`, the numbers
    of "of the five suspects"), else the latest larger count of the last few sentences that is not
    itself a part."""
    pool = [f for f in earlier if f.value is not None and f.value > part.value and not f.row.get("part_of")
            and f.row.get("indicator") and 0 < part.sentence - f.sentence <= 4]
    if named and named[0].value is not None:
        pool = [f for f in pool if f.value == named[0].value]
    return pool[-1:]


def _told_with_the_leads_words(earlier: list[Counted], part: Counted, text: str, sentence_text: dict[int, str]) -> list[Counted]:
    """'Of those ordered deported, 233 ...': the counts of the last few sentences told with the lead's
    words ('... ordered 412 foreign nationals deported'), when the lead names its whole so."""
    lead = OF_THOSE_WORDS.match(text)
    if not lead or part.start < lead.end():
        return []
    stems = [w[:6] for w in lead["words"].lower().split() if len(w) >= 5]
    pool = [f for f in earlier if f.value is not None and part.value is not None and f.value > part.value
            and not f.row.get("part_of") and f.row.get("indicator") and 0 < part.sentence - f.sentence <= 4]
    told = [f for f in pool if any(re.search(rf"\b{re.escape(stem)}", sentence_text[f.sentence][max(0, f.start - 60):f.end + 60], re.I)
                                   for stem in stems)]
    return told


def _subset_of_part(earlier: list[Counted], part: Counted, text: str) -> Counted | None:
    """'159 children, of whom 13 are orphans' (or '38 children, nine of whom have no parent'): the part
    just before, when this number counts some of it."""
    before = [f for f in earlier if f.sentence == part.sentence and f.row.get("part_of")]
    if before and (re.fullmatch(r"[\w\s'-]{0,40}?,?\s*(?:of\s+whom|among\s+them|including)\s*", text[before[-1].end:part.start])
                   or (re.fullmatch(r"[\w\s'-]{0,40}?,\s*", text[before[-1].end:part.start]) and OF_THEM.match(text[part.end:]))):
        return before[-1]
    return None


def _after_sibling(earlier: list[Counted], part: Counted, text: str) -> Counted | None:
    """'four citizens of Tajikistan and two of Kyrgyzstan': a number listed after a part is a part too."""
    before = [f for f in earlier if f.sentence == part.sentence and f.row.get("part_of")]
    if before and re.fullmatch(r"[\w\s'-]{0,40}?(?:,|\band|,\s*and)\s*(?:[A-Z][\w-]*\s+for\s+)?", text[before[-1].end:part.start]):
        return before[-1]  # "... 703 of the blocked resources, TikTok for 296 and Instagram for 151"
    return None


THE_OTHER = re.compile(r"^\W*The\s+(?:other|remaining|rest)\b", re.I)


def _only_numbers_between(figures: list[Counted], total: Counted, part: Counted, part_text: str) -> bool:
    """The total's sentence is the last one before the part's with a figure (at most two sentences back;
    a part of that total between them does not count before "the other(s)": "jailed nine. Seven are men.
    The other two are women")."""
    rest = bool(THE_OTHER.match(part_text))
    between = [f for f in figures if total.sentence < f.sentence < part.sentence
               and not (rest and f.row.get("part_of") == total.row["candidate_id"])]
    return not between and part.sentence - total.sentence <= 2
