"""What the verb next to a number says it counts, in news reports: return verbs (repatriated, returned, evacuated,
brought back, home or out of the camps, handed over or to diplomats, flown home or to a capital, "came home", "arrived
in Tashkent", a plane carrying N that landed) count people repatriated, whose subject is the repatriating state; "are
still held in", "thought to be in", "serving sentences" count people held abroad; "travelled to Syria" counts people
who left; detained (or held by police), sentenced, recruited, blocked, deported, killed and wounded have their own
indicators (a verb in the active perfect after the number, "6 who had recruited others", says what they did, not
what was done to them); a statistic's label names what its number counts ("Convictions: 44")."""

from __future__ import annotations

import re

from core.curation.reading import MONTH_WORDS
from core.data.schema import CENTRAL_ASIA

# The five states, their capitals and the cities whose airports repatriation flights land at: where
# people are flown home to.
HOME = ("Kazakhstan|Kyrgyzstan|Tajikistan|Uzbekistan|Turkmenistan|Astana|Almaty|Bishkek|Dushanbe|Tashkent|Ashgabat|"
        "Aktau|Shymkent|Karaganda|Aktobe|Oral|Uralsk|Atyrau|Kostanay|Pavlodar|"  # Kazakhstan
        "Manas|Osh|Jalal-Abad|Khujand|Kulob|Bokhtar|"  # Kyrgyzstan (Manas: Bishkek's airport), Tajikistan
        "Termez|Samarkand|Bukhara|Nukus|Urgench|Namangan|Andijan|Fergana|Turkmenbashi")  # Uzbekistan, Turkmenistan
RETURN_VERBS = (r"repatriat(?:ed|es|e|ing)|returned|returns|evacuated|evacuates|brought\s+(?:back|home)|flown\s+in\s+from|"
                r"sent\s+back\s+to\s+(?:" + HOME + r")\b|"
                r"brings?\s+(?:back|home)|handed\s+over|hands?\s+over|flown\s+(?:home|back)|flew\s+(?:home|back)|"
                r"flown\s+out(?=\s+of\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?(?:camps?|prisons?|Syria|Iraq|Afghanistan|al-Hol|Roj)\b)|"
                r"flies\s+(?:home|back)|(?<=were\s)flown\s+(?=from\b)|(?<=was\s)flown\s+(?=from\b)|transferred\s+(?:home|back)|(?:took|takes?|taken|taking)\s+(?:back|home)|"
                r"airlift(?:ed|s|ing)?|(?:come|came|comes|coming)\s+(?:home|back)|(?:welcomed|welcomes)\s+(?:home|back)|"
                r"(?:reunited|reunites)\s+with\s+(?:their\s+)?(?:families|relatives)|(?:escorted|accompanied)\s+(?:home|back)|"
                r"(?:the\s+)?(?:return|repatriation|homecoming)\s+of|recovered(?=\s[^.;]{0,60}\bfrom\b)|"
                r"(?:brought|brings?|bringing)(?=\s[^.;]{0,60}?\bout\s+of\b)|"  # "brought 97 Uzbek nationals out of the camps"
                r"(?:taken|took)\s+out\s+of\s+(?:the\s+)?(?:camps?|prisons?|Syria|Iraq|Afghanistan|al-Hol|Roj)\b|"
                rf"flown\s+(?:on\s+)?to\s+(?:{HOME})|(?:handed|hands)\s+(?:over\s+|straight\s+|directly\s+)?to\s+(?:[\w'-]+\s+){{0,3}}?"
                r"(?:diplomats|officials|authorities|embassy|consuls?|representatives|security\s+services?)")
AIRCRAFT = r"plane|flight|aircraft|airliner|charter|chartered|jet|Boeing|Airbus|Ilyushin|Tupolev"  # "a chartered Somon Air Boeing"
# verb -> indicator ("@arrest": people_arrested about an attack or plot, else people_detained)
VERBS = [
    (RETURN_VERBS, "repatriated_people"),
    (r"(?:flight|plane|charter)\s+(?:brought|flew)", "repatriated_people"),  # "the first flight brought 24 people"
    (r"brought|brings|bringing|flew|flies|flown|evacuated|rescued|took|taken|recovered|recovers", "@out_of"),  # "brought 97 nationals out of the camps"
    (rf"(?:(?:{AIRCRAFT})\s+(?:(?:also|further|then)\s+)?)?(?:carrying|carried|carries)", "@flight"),  # "a plane carrying 54 children ... landed"
    (rf"(?:landed|lands|arrived|arrives|touched\s+down|touches\s+down)\s+(?:in|at)\s+(?:{HOME})\b[^.;]{{0,40}}?\bwith", "repatriated_people"),  # "... on 9 February with 64"
    (r"return", "repatriated_people"),  # "Two flights ... return 64 people between them"
    (r"sentenced|(?<!serving\s)sentences|sentences(?![^.;]{0,30}\b(?:Iraq|Syria|Baghdad|Erbil|Hasakah|camps?)\b)|convicted|convicts|jailed|jails|found\s+guilty|imprisoned|"
     r"(?:given|received|receive|got|get)\s+(?:[\w-]+\s+){0,2}?(?:terms?|sentences?)\b(?!\s+(?:of\s+[\w\s-]{1,30}?\s+)?(?:to|on)\b)|"
     r"(?:handed|hands|gave|gives|given|imposed|imposes)\s+(?:down\s+)?(?:[\w-]+\s+){0,2}?(?:terms?|sentences?)"
     r"(?:\s+of\s+[\w\s-]{1,30}?)?\s+(?:to|on)", "people_convicted"),  # "handed prison terms of 5 to 8 years to six men"
    (r"handed|hands|gave|gives", "@terms"),  # "handed four men prison terms of eight to eleven years"
    (r"(?:ordered\s+)?the\s+arrest\s+of", "people_arrested"),
    (r"held|holds|holding", "@held"),  # "Police ... held nearly 2,600 foreign citizens during checks"
    (r"took|takes|taken|taking", "@custody"),  # "took 1,870 foreign nationals to police stations"
    (r"found|finds", "@guilty"),  # "found two men, a taxi driver and his brother-in-law, guilty"
    (r"detained(?!\s+(?:in|at)\s+(?:the\s+)?(?:camps?|prisons?|orphanages?|al-H))|detains|detaining|detain|arrested|arrests|arresting|"
     r"apprehended|detention\s+of|"
     r"(?:rounded|rounds|round)\s+up|picked\s+up", "@arrest"),
    (r"recruited|recruits|recruiting|persuaded|lured|enlisted|enlists|signed\s+up|drew\s+in|drawn\s+in", "recruited_people"),
    (r"access\s+to", "@access"),  # "access to 2,275 websites ... was restricted"
    (r"(?:cell|gang|ring|squad)\s+of", "@cell"),
    (r"transferred|transfers|handed\s+back", "@transfer"),  # "transferred 43 citizens ... to the custody of Tajikistan"
    (r"charged|charges|indicted|indicts", "@cell"),  # "charged seven men with ... planned attacks": the plotters
    (r"(?:handed|hands|passed|passes|issued|issues)\s+down", "@verdicts"),  # "handed down 1,154 sentences"
    (r"drawing|drew|drawn|draws|dragged|dragging|talked|talks|talking|coaxed|pushed|tricked", "@into"),  # "drawing 9 men into a group"  # "a cell of four migrants ... preparing to blow up": the plotters
    (r"sent|sends|sending", "@sent"),
    (r"fields|fielded|musters|mustered|commands|commanded", "@fields"),  # "Jamaat Ansarullah fields around 300 armed men"
    (r"smuggled|smuggles|smuggling|ferried|helped|helping|helps", "@smuggled"),
    (r"stopped|stops|intercepted|intercepts|turned\s+back|prevented(?=\s+from\s+(?:leaving|travelling|traveling|going|crossing))", "@stopped"),
    (r"recorded|records|registered|registers|opened|opens", "@cases"),  # "registered 164 crimes of a terrorist nature"  # "Border guards stopped 61 others ... before they could cross"  # "smuggled 70 Central Asians into Afghanistan"
    (r"extradited|extradites|(?:the\s+)?extradition\s+of", "@extradited"),  # suspects: returned home, or expelled
    (r"deported|deports|expelled|expels|(?:the\s+)?(?:expulsion|deportation|removal)\s+of", "people_expelled"),
    (r"(?:restricted|restricts|cut|cuts|limited|limits)\s+access\s+to|access\s+(?:was|were|has\s+been|had\s+been|is)\s+"
     r"(?:restricted|blocked|limited|cut)\s+to|"
     r"blocked|blocks|blocking|shut\s+down|closed\s+down|closed|closes|(?:took|takes?|taken|taking)\s+down|removed|removes|deleted|deletes", "@blocked"),
    (r"(?:killed|killing|kills)(?!\s+(?:or|and)\s+(?:captured|injur\w+|wound\w+))|claim(?:ed|s|ing)\s+the\s+lives\s+of|"
     r"death\s+toll\s+(?:has\s+|had\s+)?(?:rose|risen|rises|climbed|climbs|reached|reaches|stood|stands|was|is)", "killed"),  # "the death toll rose to 11"
    (r"(?<!killing and )(?<!killed and )(?<!killing or )(?:wounded|wounding|injured|injuring|hurt)(?!\s+(?:or|and)\s+kill\w+)",
     "wounded"),
]
# Verbs that count something only with the right words after them ("brought ... out of the camps",
# "taken to police stations", "handed four men prison terms"): unread, another verb may read the number.
READ_WITH_OBJECT = {"@out_of", "@held", "@custody", "@guilty", "@terms", "@smuggled", "@fields", "@stopped", "@cases", "@access"}
# Words between an active verb and its number: "handed over a further 16", "returned a total of 531".
FILLER = (r"(?:(?:the\s+most,?|the\s+largest\s+number,?|a|an|the|its|their|some|another|further|first|second|group|total|of|about|around|approximately|"
          r"roughly|nearly|almost|over|more|than|less|fewer|no|at|least|up|to|as|many|some|only|just|home|back|homeland|motherland|several|few|between|"
          r"on|in|from|(?-i:[A-Z][a-z]+))\s+){0,6}")  # capitalised words only: "on Tuesday", "from Syria"
ACTIVE = [(re.compile(rf"\b(?:{verb})\s+{FILLER}$", re.I), indicator) for verb, indicator in VERBS]
# "511 people have been brought back", "93 citizens were returned", "45 people were convicted"; a number
# that opens its sentence may be its subject across a long relative clause ("Nine men who had been held
# since 2019 in prisons run by ... in Hasakah were brought back").
PASSIVE_REACH, SUBJECT_REACH = 100, 190


def _passive(reach: int) -> list:
    return [(re.compile(rf"^[\s\w,'\-]{{0,{reach}}}?\b(?:have|has|had|were|was|are|is|to\s+be|will\s+be)\s+(?:\w+\s+)?(?:been\s+)?"
                        rf"(?:\w+ly\s+)?(?P<verb>{verb})\b", re.I), indicator) for verb, indicator in VERBS
            if indicator not in ("@held", "@guilty", "@terms")]


PASSIVE, PASSIVE_FROM_SUBJECT = _passive(PASSIVE_REACH), _passive(SUBJECT_REACH)
# "the number of Kazakh citizens returned from the conflict zone has reached 607"
NUMBER_OF = [(re.compile(rf"\b(?:number|tally|total|count)\s+of\s+(?:[\w'-]+\s+){{0,4}}?(?:{verb})\b[^.;]{{0,80}}?\b(?:reached|reaches|"
                         rf"(?:rose|risen|rises|climbs|climbed|grows|grew|increased|increases)\s+to|stands\s+at|"
                         rf"stood\s+at|totals?|totalled|is|was|at)\s+(?:about\s+|more\s+than\s+|over\s+|nearly\s+)?$", re.I), indicator)
             for verb, indicator in VERBS if indicator not in ("@held", "@custody", "@guilty", "@terms")]
# "would bring the number of children returned from Iraq to 296"; "brings to 765 the number of people it has taken home"
BRINGS = r"(?:bring|brings|brought|bringing|raise|raises|raised|raising|take|takes|took|taking|push|pushes|pushed|pushing)"
BRING_NUMBER_OF = [(re.compile(rf"\b{BRINGS}\s+the\s+(?:(?:total\s+)?number\s+of|total|tally)\s+(?:[\w'-]+\s+){{0,4}}?(?:{verb})\b[^.;]{{0,80}}?"
                               rf"\bto\s+(?:about\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+)?$", re.I), indicator)
                   for verb, indicator in VERBS]
BRINGS_TO = re.compile(rf"\b{BRINGS}\s+(?:the\s+(?:total|tally)\s+)?to\s+(?:about\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+)?$", re.I)
NUMBER_OF_AFTER = [(re.compile(rf"^\s+(?:the\s+)?(?:total\s+)?number\s+of\s+[^.;]{{0,80}}?\b(?:{verb})\b", re.I), indicator)
                   for verb, indicator in VERBS]
# "511 people, mostly children, have been returned": an aside between the count and its verb
ASIDE = re.compile(r"^(\s*[\w'-]+(?:\s+[\w'-]+){0,2}),\s+(?:mostly|most\s+of\s+them|many\s+of\s+them|almost\s+all|nearly\s+all|"
                   r"the\s+(?:majority|bulk)\s+of\s+them|(?:\d[\d,]*|[a-z]+)\s+of\s+(?:them|whom)|"  # "38 people, 12 of them women, were"
                   r"all\s+of\s+them|among\s+them|including)\b[^,;.]{0,100},", re.IGNORECASE)
# "100 women are still serving prison sentences in Iraq", "500 more were thought to be in al-Hol": held abroad
HELD = re.compile(r"^[\s\w'-]{0,50}?,?\s*\b(?:are|were|is|was|remain|remained)\s+(?:still\s+)?(?:being\s+)?(?:(?:thought|believed|said|"
                  r"estimated|reported|known)\s+to\s+(?:be|remain)\s+(?:held\s+|detained\s+)?in|held\s+in|detained\s+in|"
                  r"serving\s+(?:[\w-]+\s+){0,2}?(?:sentences?|terms?)|in\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:camps?|prisons?|jails?|detention))\b", re.IGNORECASE)
WITH_ARMED_GROUPS = re.compile(r"^[\s\w'-]{0,60}?\b(?P<verb>(?:are|were)\s+(?:currently\s+|still\s+|now\s+)?(?:with|fighting\s+(?:with|for|in)|"
                               r"[\"\u201c]?in\s+the\s+ranks\s+of))\s+(?:[\w-]+\s+){0,2}?(?:armed\s+groups|militant\s+groups|militants|jihadist\s+groups|"
                               r"(?:terrorist|extremist)\s+(?:organi[sz]ations|groups)|the\s+Taliban|ISKP|Islamic\s+State)\b", re.I)
# "Forty-seven Uzbek citizens, 12 women and 35 children, returned from ...": the counts between commas are the parts
CAME_HOME = re.compile(rf"^[\s\w'()-]{{0,110}}?(?:,\s*\d[\s\w'-]{{0,80}}?,\s*)?\b(?P<verb>(?:have\s+|has\s+|had\s+)?(?:came|come|flew|flown|arrived|returned)\s+"
                       rf"(?:home|back)|(?:have\s+|has\s+|had\s+)?returned\s+from|(?:arrived|landed)\s+(?:in|at)\s+(?:the\s+[\w-]+\s+city\s+of\s+)?(?:{HOME})|"
                       rf"flown\s+(?:from\s+[\w'-]+\s+)?to\s+(?:{HOME})|flown\s+in\s+from)\b", re.I)  # "44 Kazakh citizens flown in from Syria"  # "41 women and children flown from Qamishli to Dushanbe"
# "eleven of whom travelled to Syria": people who left for the conflict
WENT_TO_WAR = re.compile(r"^[\s\w,'-]{0,40}?\b(?P<verb>(?:travelled|traveled|travelling|traveling|went|going|gone|left|leaving|moved|headed|heading|made\s+it|set\s+off|set\s+out|departed|departing)\s+(?:[\w-]+\s+){0,4}?(?:to|for)|"
                         r"reached(?:\s+the)?(?:\s+(?:northern|southern|eastern|western|north-eastern|north-western|north-east|north-west))?|(?:crossed|slipped|got)\s+(?:the\s+border\s+)?into|made\s+(?:their|his|her)\s+way\s+(?:to|into))\s+(?:Syria|Iraq|Afghanistan|Idlib|the\s+(?:conflict|war)(?:\s+zones?)?)\b", re.I)  # "three of the men reached the Idlib region"
# "left in 2014", "left in February": people who went to the war, when the sentence speaks of one
LEFT_IN_YEARS = re.compile(rf"^[\s\w'-]{{0,40}}?\b(?P<verb>left)\s+(?:in|between|from|during)\s+(?:the\s+)?(?:(?:19|20)\d\d|{MONTH_WORDS})\b")
# "Eleven young men ... have left to join armed groups in Afghanistan": people who went to the war
LEFT_TO_JOIN = re.compile(r"^[\s\w,'-]{0,80}?\b(?P<verb>(?:travelled|traveled|went|gone|left|headed|departed)\s+(?:[\w-]+\s+){0,2}?to\s+"
                          r"(?:join|fight)\b)", re.I)
WAR_WORDS = re.compile(r"\b(?:war|wars|Syria|Iraq|Afghanistan|fight\w*|conflict\w*|jihad\w*)\b", re.I)
CUSTODY = re.compile(r"^[^.;]{0,60}?\b(?:to\s+(?:police\s+stations?|the\s+police)|into\s+custody|in\s+for\s+questioning)\b", re.I)
SUSPECTED_OF_PLOT = re.compile(r"\b(?:on\s+suspicion\s+of|suspected\s+of|accused\s+of|accusing\s+(?:them|him|her)\s+of|charged\s+with)\s+(?:[\w-]+\s+){0,3}?(?:planning|plotting|preparing|"
                               r"carrying\s+out|an?\s+(?:\w+\s+)?attack)"  # not "suspected of recruiting for terrorist groups"
                               r"|\b(?:who|whom|that|which)\s+(?:[\w-]+\s+){0,3}?(?:were|was|had\s+been)\s+(?:allegedly\s+|reportedly\s+)?(?:planning|plotting|preparing)\b"  # "who it says were preparing a bombing"
                               r"|\b(?:suspected|accused)\s+of\s+[^.;]{0,80}?\band\s+(?:of\s+)?(?:planning|plotting|preparing)\b", re.I)  # "of raising money ... and plotting"
POLICE = re.compile(r"\b(?:police|officers|security\s+(?:service|services|forces)|authorities|FSB|GKNB|SNB|KNB|gendarmes)\b", re.I)
TOGETHER_WITH = re.compile(r"\b(?:together|along)\s+with\s+(?:their\s+|about\s+|some\s+)?$|\baccompanied\s+by\s+$", re.I)
RETURN_BEFORE = re.compile(rf"\b(?:{RETURN_VERBS})\b", re.I)
# "* People detained as suspected members of banned religious organisations: 74": a statistic and its label
STAT_LABEL = re.compile(r"^\s*[-*\u2022]\s+(?P<label>[A-Z][^:.;\d]{3,140}):\s*")  # a list item (not "Behind her came the rest: 44")
SUBORDINATE = re.compile(r"\b(?:since|when|after|because|while|until|whose|where)\s+(?:[\w'-]+\s+){0,4}?(?:have|has|had|were|was|are|is)\s+"
                         r"(?:\w+\s+)?(?:been\s+)?(?:\w+ly\s+)?$", re.I)  # a passive of another subject
ACTIVE_PERFECT = re.compile(r"\b(?:have|has|had)\s+(?!been\b)(?:\w+\s+)?(?:\w+ly\s+)?\w+$", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:and|but|while|whereas|which|who)\b|\bwhile\b|\bbut\b|"
                          r",\s+(?:\d[\d,]*|[a-z]+)\s+of\s+(?:whom|which)\b")  # "..., 31 of whom have been convicted": the part's verb
ONLINE_THINGS = re.compile(r"\b(?:channels?|accounts?|websites?|sites?|pages?|groups?|bots?|resources|materials|posts|videos)\b", re.I)
HOME_STATE = re.compile(rf"\b(?:to\s+the\s+custody\s+of|home\b|to\s+(?:{HOME}))", re.I)
# Where people are brought out of: a camp, a prison or an orphanage, or a conflict zone.
OUT_OF = re.compile(r"^[^.;]{0,50}?\b(?:out\s+of|back\s+from|home\s+from|from)\s+(?:the\s+)?(?:[\w'-]+\s+){0,4}?"
                    r"(?:camps?|prisons?|jails?|orphanages?|detention|Syria|Iraq|Afghanistan|al-Hol|Roj|conflict\s+zones?|war\s+zones?)\b|"
                    r"^\s+(?:[\w'-]+\s+){1,3}?(?:home|back)\b(?!\s+(?:in|at)\b)|"  # "flew 27 citizens home from Baghdad"
                    r"^[^.;]{0,50}?\bto\s+(?:a\s+|the\s+)?(?:[\w-]+\s+)?(?:rehabilitation|adaptation|reintegration)\s+cent(?:re|er)", re.I)
# "left seven people dead and 21 hurt": the state the number is left in says what it counts (the dead
# are left to the keywords, which tell a civil war's deaths from an attack's)
HURT_AFTER = re.compile(r"^\s+(?:(?:people|persons|others|civilians|passengers|worshippers|more)\s+)?(?:were\s+)?"
                        r"(?P<word>hurt|injured|wounded)\b(?!\s+(?:or|and)\s+(?:kill|dead))", re.I)
IN_CUSTODY_AFTER = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?:[\w-]+,[^.;,]{0,40},\s+)?(?:(?:and|with)\s+(?:an?|one|the|their|his)\s+(?:[\w-]+\s+){0,2}?)?"
                              r"(?:are|were|is|was|remain|remained)\s+(?:now\s+|still\s+)?(?:in\s+custody|"
                              r"under\s+arrest|in\s+detention)\b", re.I)
ORDERED = re.compile(r"\b(?:ordered|orders|ordering)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.I)
ORDERED_TO = re.compile(r"^[\w\s'-]{0,40}?\b(?P<verb>expelled|deported|removed|extradited)\b", re.I)
LOST_LIVES_AFTER = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?:have\s+|had\s+)?lost\s+their\s+lives\b", re.I)
SENTENCED_AFTER = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?P<verb>(?:received|got|were\s+given|were\s+handed)\s+(?:[\w-]+\s+){0,3}?(?:sentences?|"
                             r"terms?)\b|were\s+sent\s+to\s+(?:prison|jail)\b)", re.I)
BLOCKING_AUTHORITY = re.compile(r"\b(?:watchdog|regulator|agency|ministry|authorities|government|service|committee|prosecutors?|"
                                r"courts?|police|GKNB|SNB|KNB|SGB|FSB|Roskomnadzor)\b", re.I)  # a state blocks, not Telegram
REMOVED_PEOPLE = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?:people|persons|nationals|citizens|migrants|foreigners|men|women)\b"
                            r"[^.;]{0,40}?\b(?:to|from\s+the\s+country)\b")
FEW = re.compile(r"[1-9]|1[0-5]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve", re.I)  # a cell's size
# "arrested for terrorism-related activity", "on terrorism grounds", "on terror charges" (not "for terrorist groups")
TERROR_GROUNDS = re.compile(r"^[^.;]{0,60}?\b(?:for|on|over)\s+(?:suspected\s+)?terror(?:ism|ist\s+offences|\s+(?:charges|offences))\b", re.I)
PLOT_OR_ATTACK = re.compile(r"\b(?:attack\w*|plot\w*|bomb\w*|planning|planned|blow\s+up|explosi\w+|terrorist\s+act)\b", re.I)


def raid_suspects(incidents: list[dict], number_text: str) -> bool:
    """A cell-sized count in a sentence that tells an arrest of its own abroad ("police in Istanbul detained 12 people
    from Central Asia on Thursday"): the suspects of that raid. At home, the same words count people detained."""
    return bool(FEW.fullmatch(number_text.strip())) and any(i["kind"] == "arrest" and i["country_iso3"] not in ("", *CENTRAL_ASIA) for i in incidents)


def verb_indicator(sentence: str, start: int, end: int, attack_nearby: bool = False) -> tuple[str, str]:
    """(indicator, verb as written) when a verb of VERBS governs the number at start:end (just before it, or after the
    number's noun in a passive: "511 people have been brought back"); ('', ''). `attack_nearby`: an attack or plot is the
    subject of the paragraph (arrests are then its suspects)."""
    label = STAT_LABEL.fullmatch(sentence[:start])
    if label:  # "* Foreigners expelled from Kazakhstan: 1,187": the label's verb, read as "1,187 foreigners expelled ..."
        return _label_indicator(label["label"], sentence[start:end], attack_nearby)
    toll = HURT_AFTER.match(sentence[end:end + 60])  # "left seven people dead and 21 hurt"
    if toll:
        return "wounded", toll["word"]
    ordered = ORDERED_TO.match(sentence[end:end + 60]) if ORDERED.search(sentence[max(0, start - 30):start]) else None
    if ordered:  # "ordered 212 of the detainees expelled"
        return "people_expelled", "ordered ... " + ordered["verb"]
    of_the = re.match(r"^\s+of\s+the\s+(?P<state>dead|killed|wounded|injured)\b", sentence[end:end + 30])
    if of_the:  # "three of the dead attackers had been identified as Tajik citizens"
        return ("killed" if of_the["state"] in ("dead", "killed") else "wounded"), "of the " + of_the["state"]
    if re.match(r"^\s+(?:were|was)\s+(?:captured|taken\s+prisoner)\b", sentence[end:end + 30]):  # "six were killed and three were captured"
        return _resolve("@arrest", sentence, start, end, attack_nearby), "captured"
    if LOST_LIVES_AFTER.match(sentence[end:end + 60]):  # "14 people lost their lives"
        return "killed", "lost their lives"
    if m := SENTENCED_AFTER.match(sentence[end:end + 80]):  # "11 received suspended sentences", "eight were sent to prison"
        return "people_convicted", m.group("verb")
    if re.match(r"^\s+(?:[\w-]+\s+){0,2}?to\s+death\b", sentence[end:end + 40]):  # "stabbed three people to death"
        return "killed", "to death"
    if IN_CUSTODY_AFTER.match(sentence[end:end + 110]):  # "six people are now in custody"
        return _resolve("@arrest", sentence, start, end, attack_nearby), "in custody"
    before = sentence[max(0, start - 160):start]
    for pattern, indicator in NUMBER_OF + BRING_NUMBER_OF:
        m = pattern.search(before)
        if m:
            return _resolve(indicator, sentence, start, end, attack_nearby), "number of"
    if BRINGS_TO.search(before):
        for pattern, indicator in NUMBER_OF_AFTER:
            if pattern.search(sentence[end:end + 120]):
                return _resolve(indicator, sentence, start, end, attack_nearby), "number of"
    before = before[-90:]
    for pattern, indicator in ACTIVE:
        m = pattern.search(before)
        if m and not CLAUSE_BREAK.search(m.group(0)):
            resolved = _resolve(indicator, sentence, start, end, attack_nearby)
            if indicator in READ_WITH_OBJECT and not resolved:
                continue  # "brought 5 people to court": not a return; other rules may read it
            return resolved, re.sub(r"^the\s+", "", m.group(0), flags=re.I).split()[0]  # "the expulsion of": 'expulsion'
    if TOGETHER_WITH.search(before) and RETURN_BEFORE.search(sentence[:start]):
        return "repatriated_people", "together with"  # "were flown home together with 5 mothers": the same flight
    # The number opens the sentence (after a dateline: "TASHKENT, 4 February (Wire) — Nine men ..."): its subject.
    opens = not re.search(r"[\w-]", re.split(r"\s[\u2014\u2013-]{1,2}\s", sentence[:start])[-1])
    after = sentence[end:end + (SUBJECT_REACH + 40 if opens else 140)]  # room for a relative clause before a passive verb
    if opens:  # "Fourteen Kazakh boys aged 13 to 18, who had spent years in a centre in Syria, arrived in Oral"
        after = re.sub(r"^([^,;.]{0,60}),\s+(?:who|which)\b[^,;.]{0,160},", r"\1", after, count=1)
    aside = ASIDE.match(after)
    after = aside.group(1) + after[aside.end():] if aside else after
    cut = CLAUSE_BREAK.search(after)
    after = after[:cut.start()] if cut else after
    passives = []
    for pattern, indicator in (PASSIVE_FROM_SUBJECT if opens else PASSIVE):
        m = pattern.search(after)
        if m and "," not in m.group(0)[:m.group(0).find(" ", 2) if " " in m.group(0)[2:] else None]:
            if indicator != "repatriated_people" and ACTIVE_PERFECT.search(m.group(0)):
                continue  # "6 who had recruited others": the number did it (they recruited), it does not count recruits
            resolved = _resolve(indicator, sentence, start, end, attack_nearby)
            if indicator == "@out_of" and not resolved and OUT_OF.match(after[m.end():]):
                resolved = "repatriated_people"  # "Forty-one Uzbek citizens, most of them ..., were taken to a rehabilitation centre"
            if indicator in READ_WITH_OBJECT and not resolved:
                continue  # "accounts ... have been taken down": not taken out of a camp; another verb may read it
            if SUBORDINATE.search(after[:m.start("verb")]):
                continue  # "children who had lived there since their mothers were jailed ... were handed to diplomats"
            passives.append((m.start("verb"), len(passives), resolved, m.group(0).split()[-1]))
    if passives:  # the first verb after the number: "Eight militants were killed ..., without figures for those who had returned"
        return min(passives)[2:]
    came = CAME_HOME.match(after)  # "Forty-five Kazakhstanis, most of them minors, came home from Syria"
    if came and not re.search(r"\bwho\s+(?:had\s+|have\s+|has\s+)?$", after[:came.start("verb")]):  # not "men who returned"
        return "repatriated_people", came.group("verb")
    went = WENT_TO_WAR.match(after) or LEFT_TO_JOIN.match(after) or (LEFT_IN_YEARS.match(after) if WAR_WORDS.search(sentence) else None)
    if went and re.search(r"\b(?:prevented|stopped|barred|kept|banned|tried|trying|attempted|attempting)\s+(?:from\s+|to\s+)?$",
                          after[:went.start("verb")], re.I):
        went = None  # "were prevented from leaving for Afghanistan": they did not go
    if went:  # "between 400 and 600 left in 2013-2018", where the sentence speaks of the war
        return "conflict_migrants", went.group("verb")
    fighting = WITH_ARMED_GROUPS.match(after)
    if fighting:  # "1,800 Central Asians are currently with armed groups in Afghanistan"
        return "foreign_fighters", fighting.group("verb")
    held = HELD.match(after)
    if held:
        return "detained_women_children", re.sub(r"^.*?\b(?=(?:are|were|is|was|remain|remained)\b)", "", held.group(0).strip())
    return "", ""


def _label_indicator(label: str, number: str, attack_nearby: bool) -> tuple[str, str]:
    """The indicator of the first verb of a statistic's label, read with the number before the label."""
    found = sorted((m.start(), k, indicator, m.group(0)) for k, (verb, indicator) in enumerate(VERBS)
                   if (m := re.search(rf"\b(?:{verb})\b", label, re.I)))
    phrase = f"{number} {label}"  # the label's words after its verb are what the number counts
    for at, _, indicator, word in found:
        resolved = _resolve(indicator, phrase, 0, len(number), attack_nearby) if indicator.startswith("@") or \
            indicator == "repatriated_people" else indicator
        if resolved:
            return resolved, word
    noun = LABEL_NOUNS.match(label)  # "Convictions: 44", "Deportations: 310": what the label names
    return (LABEL_NOUN_INDICATORS[noun.group(1).lower()], noun.group(1)) if noun else ("", "")


LABEL_NOUN_INDICATORS = {"convictions": "people_convicted", "detentions": "people_detained", "arrests": "people_arrested", "deportations": "people_expelled", "expulsions": "people_expelled"}
LABEL_NOUNS = re.compile(rf"^({'|'.join(LABEL_NOUN_INDICATORS)})\b", re.I)


def _resolve(indicator: str, sentence: str, start: int, end: int, attack_nearby: bool) -> str:
    if indicator == "@out_of":  # brought, flown or taken out of a camp or a conflict zone: a return
        return "repatriated_people" if OUT_OF.match(sentence[end:end + 120]) else ""
    if indicator == "@custody":
        return _resolve("@arrest", sentence, start, end, attack_nearby) if CUSTODY.match(sentence[end:end + 90]) else ""
    if indicator == "@terms":
        return "people_convicted" if re.match(r"^\s+(?:[\w-]+\s+){0,2}?(?:prison\s+|jail\s+)?(?:terms?|sentences?)\b", sentence[end:end + 60]) else ""
    if indicator == "@guilty":
        return "people_convicted" if re.match(r"^[^.;]{0,80}?\bguilty\b", sentence[end:]) else ""
    if indicator == "@held":  # held by police or security officers: detained; held in a camp is not this verb's
        return _resolve("@arrest", sentence, start, end, attack_nearby) if POLICE.search(sentence[:start]) else ""
    if indicator == "@flight":  # a flight is a repatriation when it lands home, not any flight (or truck) with passengers
        if re.match(r"^\s+(?:[\w-]+\s+){0,2}?(?:deportees|deported|expelled)\b", sentence[end:end + 60], re.I):
            return "people_expelled"  # "a charter carrying 186 deportees landed in Dushanbe": sent out by the host state
        return "repatriated_people" if (re.search(rf"\b(?:{AIRCRAFT})\b", sentence, re.IGNORECASE)
                                        and re.search(rf"\b(?:landed|lands|arrived|arrives|touched\s+down|touches\s+down|home)\b|"
                                                      rf"\bto\s+(?:{HOME})\b", sentence, re.IGNORECASE)) else ""
    if indicator == "@arrest":
        obj = sentence[end:end + 90]
        if SUSPECTED_OF_PLOT.search(sentence[end:end + 160]):
            return "people_arrested"  # "detained four men ... late on Wednesday on suspicion of planning to drive a van into"
        if re.match(r"^\s+(?:[\w-]+\s+){0,2}?(?:migrants?|foreigners|foreign\s+(?:nationals|citizens|workers))\b", obj, re.IGNORECASE):
            if FEW.fullmatch(sentence[start:end].strip()) and (re.search(r"\barrest(?:ed|s)?\b[^.;]{0,30}$", sentence[:start], re.I)
                                                            or PLOT_OR_ATTACK.search(sentence)):
                return "people_arrested"  # "foiled a plot ... and detained four foreign nationals": a cell, not a sweep
            return "migrants_detained"  # "detained about 6,500 migrants in raids since the attack": whom, before why
        if re.match(r"^\s+(?:[\w-]+\s+){0,2}?members\s+of\s+(?:an?|the)\s+(?:[\w-]+\s+)?cell\b", obj, re.I) and not re.search(
                r"\b(?:money|financ\w*|funds?|donations?)\b", sentence, re.I):
            return "people_arrested"  # "detained seven members of a clandestine cell": suspects (a cell that raised money: detained)
        if re.match(r"^\s+suspected\s+(?:members|militants|supporters)\b", obj, re.I) and PLOT_OR_ATTACK.search(sentence):
            return "people_arrested"  # "detained 23 suspected members of ISKP ... over an alleged plan to bomb a shopping centre"
        if re.match(r"^\s+(?:[\w-]+\s+){0,2}?(?:members|supporters|adherents)\s+of\b", obj, re.I):
            return "people_detained"  # "detained 52 members of banned religious groups"
        if PLOT_OR_ATTACK.search(obj) or re.match(r"^\s+(?:[\w-]+\s+){0,2}?(?:suspects?|accomplices)\b", obj, re.I):
            return "people_arrested"  # "detained two men suspected of planning a bomb attack", "detained 9 suspects", "four suspected accomplices"
        if PLOT_OR_ATTACK.search(sentence[:start]) and not re.search(r"\b(?:thwarted|prevented|foiled)\b", sentence[:start]):
            return "people_arrested"
        if TERROR_GROUNDS.match(sentence[end:end + 120]):
            return "people_arrested"  # "252 people were arrested for terrorism-related activity": suspects
        if re.search(r"\b(?:migrants?|foreign\s+(?:workers|nationals|citizens)|foreigners|immigration)\b", sentence, re.I):
            return "migrants_detained"
        return "people_arrested" if attack_nearby else "people_detained"
    if indicator == "repatriated_people" and (
            re.search(r"\bto\s+(?:face|stand)\s+(?:[\w-]+\s+){0,2}?(?:trial|charges|prosecution)\b|\bhanded\s+(?:over\s+|straight\s+)?to\s+"
                      r"(?:the\s+|[\w'-]+\s+){0,3}?(?:Ministry\s+of\s+National\s+Security|security\s+services?|investigators|police)|"
                      r"\btaken\s+(?:straight\s+)?into\s+custody\b",
                      sentence, re.I) or  # "flown to Ashgabat and handed to the Ministry of National Security": suspects
            re.search(r"\bon\s+suspicion|\bsuspected\s+of|\baccused\s+of|\bdetained\s+abroad|\bwanted\s+(?:for|on|in)\b|"
                      r"^\s+(?:the\s+)?(?:number\s+of\s+)?(?:[\w-]+\s+)?suspects\b", sentence[end:end + 90], re.I)
            ):
        return "repatriated_suspects"
    if indicator == "@sent":  # "sent 14 people to Syria", "sent 5 young men ... to fight": recruitment
        if re.match(r"^\s+(?:[\w-]+\s+){0,4}?to\s+(?:(?:northern|southern|eastern|western)\s+)?(?:Syria|Iraq|Afghanistan|Idlib)\b",
                    sentence[end:end + 60]):
            return "conflict_migrants"  # "sent 23 people to Afghanistan": people who went to the war
        return "recruited_people" if re.search(r"\bto\s+(?:(?:northern|southern|eastern|western)\s+)?(?:fight|join|wage|Syria|Iraq|"
                                               r"Afghanistan|Idlib|the\s+war)", sentence[end:end + 100]) else ""
    if indicator == "@fields":
        return "group_strength" if re.match(r"^\s+(?:[\w-]+\s+)?(?:men|fighters|militants|gunmen)\b", sentence[end:end + 30]) else ""
    if indicator == "@smuggled":  # got people to the war: they left for it (smuggling goods, or helping home, is not this)
        return "conflict_migrants" if re.match(r"^[^.;]{0,50}?\b(?:(?:travel|get|go)\s+to|reach|into|to)\s+(?:Syria|Iraq|Afghanistan|"
                                               r"Idlib|the\s+(?:conflict|war))\b", sentence[end:]) else ""
    if indicator == "@cases":  # crimes or criminal cases of terrorism and extremism the police recorded or opened
        return "criminal_cases_terrorism_extremism" if re.match(r"^\s+(?:[\w-]+\s+){0,2}?(?:crimes|criminal\s+cases|cases|offences)\b",
                                                                sentence[end:end + 40], re.I) else ""
    if indicator == "@stopped":  # people stopped on their way: held, at least for a time (recruits stopped: recruits)
        return "people_detained" if not re.search(r"\brecruit", sentence[end:], re.I) and re.match(
            r"^\s+(?:[\w-]+\s+)?(?:others|people|men|women|citizens|nationals|young\s+\w+|would-be\s+\w+|teenagers|migrants)\b|"
            r"^\s+(?:[\w-]+\s+){0,3}?(?:have|has|had|were|was)\s+(?:also\s+)?been\s+(?:stopped|intercepted|turned\s+back|prevented)\b",
            sentence[end:end + 60], re.I) else ""  # "14 have been stopped at the border", "27 citizens had been prevented from leaving"
    if indicator == "@cell":
        return "perpetrators" if attack_nearby or PLOT_OR_ATTACK.search(sentence) else ""
    if indicator == "@access":  # a count of online things whose access was restricted or blocked
        return "social_media_channels_blocked" if re.search(r"\b(?:restricted|blocked|limited|closed|cut)\b", sentence, re.I) else ""
    if indicator == "@into":
        return "recruited_people" if re.match(r"^[^.;]{0,40}?\binto\b", sentence[end:]) else ""
    if indicator == "@extradited":  # "extradited from Turkey ... flown to Astana", "extradited two Kyrgyz citizens": home
        home = re.search(rf"\b(?:to|(?:arrived|landed)\s+in)\s+(?:{HOME})\b", sentence) or re.match(
            r"^\s+(?:[\w-]+\s+)?(?:Kazakh|Kyrgyz|Tajik|Uzbek|Turkmen)(?:stani|istani)?\s+(?:citizens|nationals|men)\b", sentence[end:end + 50])
        return "repatriated_suspects" if home else "people_expelled"  # "Turkey has extradited 12 people": out
    if indicator == "@transfer":  # a transfer is a repatriation when it goes home, not any transfer
        return "repatriated_people" if HOME_STATE.search(sentence[end:]) else ""
    if indicator == "@verdicts":
        return "people_convicted" if re.match(r"^\s+(?:[\w-]+\s+){0,2}?(?:sentences|verdicts|convictions)\b", sentence[end:end + 60], re.I) else ""
    if indicator == "@blocked":
        near = sentence[end:end + 40]
        if not ONLINE_THINGS.search(near):  # "removed 27 people to Uzbekistan": deported, not taken offline
            return "people_expelled" if REMOVED_PEOPLE.match(sentence[end:end + 80]) and re.search(
                r"\bremoved\s+$", sentence[max(0, start - 12):start]) else ""
        by_telegram = re.search(r"\bTelegram\s+(?:has\s+|had\s+)?blocked|\bISIS\s+Watch\b", sentence) or (
            re.search(r"\bbots\b", sentence) and not BLOCKING_AUTHORITY.search(sentence[:start]))  # "the watchdog blocked 860
        return "telegram_blocked_bots_channels" if by_telegram else "social_media_channels_blocked"  # channels, chats and bots"
    return indicator


def return_place(sentence: str) -> str:
    """'from camps in north-eastern Syria': where people were brought back from, for the note."""
    m = re.search(r"\bfrom\s+((?:the\s+)?(?:[\w'-]+\s+){0,5}?(?:[A-Z][\w'-]+)(?:\s+(?:camp|camps|prisons?|region))?)", sentence)
    return m.group(1).strip() if m else ""
