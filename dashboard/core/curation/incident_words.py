"""The words that tell, in one sentence of a news report, an event from its background (for
core.curation.incidents): return verbs and flights that make a repatriation; verdicts, running
totals, tallies and follow-ups that are not a new event; phrases that place a date or a country
outside the event ("since 2019", "men who ... sent money to Turkey", "the Kazakh government"); and how
a sentence links a group to the event (claimed it, carried it out, inspired it...), its `involvement`."""

from __future__ import annotations

import re

from core.curation.verbs import AIRCRAFT, HOME, RETURN_VERBS

NEWS_EVENT_WORDS = [(re.compile(rf"\b(?:{RETURN_VERBS}|(?:operation|programme|program|flight)\s+to\s+(?:return|repatriate|bring\s+(?:back|home)))\b",
                               re.IGNORECASE), "repatriation programme"),
                   (re.compile(r"\btransferred\b(?=[^.;]*\b(?:custody\s+of|home)\b)", re.I), "repatriation programme"),
                   # "52 citizens ... landed in Osh on Saturday on a chartered plane"
                   (re.compile(rf"\b(?:landed|arrived|touched\s+down)\s+(?:in|at)\s+(?:{HOME})\b", re.I), "repatriation programme"),
                   (re.compile(r"\b(?:flew|flown|brought|took)\s+(?:[\w-]+\s+){1,3}?(?:home|back)\b(?!\s+(?:in|at)\b)", re.I),
                    "repatriation programme"),  # "Kazakhstan flew 27 citizens home from Baghdad overnight"
                   (re.compile(r"\bhanded\s+(?:[\w'-]+\s+){1,12}?over\s+to\b", re.I), "repatriation programme"),  # "handed 16 Uzbek
                   # citizens suspected of links to ISKP over to Uzbek border guards on the Friendship Bridge on Wednesday"
                   # "On Monday the first flight brought 24 people"
                   (re.compile(r"\b(?:flight|plane|aircraft|charter)\s+(?:brought|carried|flew)\b", re.I), "repatriation programme"),
                   # "A charter flight carrying 27 men ... left Leipzig/Halle airport early on Wednesday"
                   (re.compile(rf"\b(?:{AIRCRAFT})\s+carrying\b(?=[^.;]*\b(?:left|took\s+off|departed)\b)", re.I), "repatriation programme"),
                   # "A plane carrying 54 children from Baghdad landed in Bishkek on Sunday"
                   (re.compile(rf"\b(?:{AIRCRAFT})\s+carrying\b(?=[^.;]*\b(?:landed|arrived|touched\s+down)\b)",
                               re.I), "repatriation programme")]
VERDICT = re.compile(r"\b(?:sentenced|(?<!served\s)(?<!serving\s)(?<!serve\s)sentences|convicted|convicts|jailed|jails|found\s+guilty|acquitted)\b", re.I)
NOT_EVENT_DATE = re.compile(r"\b(?:since|until|before|after|till|by|from)\s*$", re.I)
AGGREGATE = re.compile(r"\b(?:in\s+total|in\s+all|a\s+total\s+of|altogether|so\s+far|to\s+date|"
                       r"(?:over|in|during)\s+the\s+same\s+(?:period|time|\w+\s+(?:months|weeks|years))|"  # "Over the same six months, ..."
                       r"(?:bring|brings|brought|bringing|raise[sd]?|raising|take[sn]?|took)\s+(?:\w+\s+){0,3}?the\s+(?:total\s+)?number\s+of)\b", re.I)
# "in the country's largest repatriation ... so far": one event, not a running total
LARGEST_SO_FAR = re.compile(r"\b(?:largest|biggest)\s+(?:[\w-]+\s+){0,2}?(?:repatriation|operation|flight|airlift)\b[^.;]{0,40}$", re.I)
FOLLOW_UP = re.compile(r"^\W*(?:The|These|Those|They|He|She|Two|Three|Four|Some|Most|All|Several|Many)\b(?:\s+of)?|"
                       r"^\W*(?:\d+|[A-Z][a-z]+(?:-[a-z]+)?)\s+of\s+(?:the|them|those|these|their)\b|"  # "Six of the men ..."
                       r"^\W*Of\s+(?:the|those|these|them)\b|"  # "Of the nine men he recruited, five ..."
                       r"^\W*(?:According\s+to\s+[^,]{1,60},\s*)(?:the|these|those|they)\b", re.I)  # "According to X, the suspects ..."
YEAR_SPAN = re.compile(r"^\s*(?:-|\u2013|to|and|through)\s*(?:19|20)\d\d\b")
NEGATED = re.compile(r"\b(?:no|not|never|nobody|none)\b(?:\s+\w+){0,3}\s*$", re.I)
PARTICIPLE = re.compile(r"\b(?:the|those|these)\s+(?:\w+\s+)?(?:children|women|men|people|citizens|returnees|orphans)\s+$", re.I)
# "Since the first flight ... in April 2019", "since the start of 2024"
SINCE_PHRASE = re.compile(r"\bsince\s+the\s+[\w\s'-]{0,40}?\bin\s*$|\bsince\s+the\s+(?:start|beginning|end)\s+of\s*$", re.I)
SEIZED = re.compile(r"^\w+\s+(?:[\w-]+\s+){0,3}?(?:were|was|had\s+been|have\s+been)\s+(?:found|seized|discovered|confiscated)\b", re.IGNORECASE)
# "380 Uzbek fighters were killed in Syria and Iraq", "killed in fighting in Badakhshan": a war's dead, not an attack
WAR_DEAD = re.compile(r"\b(?:fighters|militants|jihadists|combatants)\s+(?:[\w-]+\s+){0,2}?(?:were|have\s+been|had\s+been|was)\s+killed\b|"
                      r"\b(?:citizens|nationals)\s+(?:were|have\s+been|had\s+been)\s+killed\s+in\s+(?:Syria|Iraq|Afghanistan)\b|"
                      r"\bkilled\s+(?:in|during)\s+(?:the\s+)?(?:fighting|combat|battles?|the\s+war)\b", re.I)
SEVERAL_FLIGHTS = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|multiple|a\s+series\s+of)\s+(?:[\w-]+\s+)?"
                             r"(?:flights|operations|airlifts|missions|stages)\b", re.I)
DAY_ON_WORD = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:'s|\u2019s)\s+(?:[a-z-]+\s+){0,2}$")  # "Saturday's knife attack"
TALLY_VERB = re.compile(r"\b[a-z]+(?:ed|ing)\s+(?:about\s+|some\s+|over\s+|more\s+than\s+|nearly\s+|almost\s+)?$")  # "detained 120", "foiling seven"
SAME_TIME = re.compile(r"\b(?:in\s+a\s+(?:parallel|simultaneous|separate\s+but\s+simultaneous)\s+(?:operation|raid)|"
                       r"(?:on|the)\s+the\s+same\s+day|at\s+the\s+same\s+time|simultaneously)\b", re.I)
REFERENCE_BEFORE = re.compile(r"\b(?:since|because|when|while|until|whose)\s+(?:[\w'-]+\s+){0,4}$", re.I)
INVOLVED_IN = re.compile(r"\b(?:involvement\s+in|in\s+connection\s+with)\s+(?:the\s+|an?\s+)?(?:[\w'-]+\s+){0,2}$", re.I)
DATELINE_DATE = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?(?:[\u2014\u2013]|--?\s)")  # the date of a dateline, before its dash
BEFORE_THE = re.compile(r"\b(?:before|after|during|following|since|ahead\s+of|(?:morning|day|eve|night|evening|afternoon)\s+of)\s+the\s+$", re.I)
SINCE_WHEN = re.compile(r"^\s*,\s*when\b", re.I)
SUSPECT_HOME = re.compile(r"\b(?:handed\s+(?:over\s+)?to\s+(?:officers|police|investigators)|extradit\w*|accused|wanted)\b", re.I)  # one
# flown home to face charges ("was flown to Dushanbe under escort ... and handed over to officers"): a suspect returned
RELATIVE = re.compile(r"\b(?:who|whom|whose|which)\b", re.I)  # a relative clause after the event word tells of something else
STATE_BODY = re.compile(r"^\s+(?:[\w-]+\s+)?(?:government|authorities|police|officials|security|army|forces|troops|border|"
                        r"courts?|prosecutors?|ministry|embassy|state)\b", re.I)  # "the Kazakh government": the state acts
ATTRIBUTION = re.compile(r",?\s+(?:the\s+|a\s+)?[\w' -]{0,60}?\b(?:said|says|reported|told\s+\w+|announced|stated|added)"
                         r"(?:\s+(?:on|in)\s+\w+|\s+in\s+a\s+statement|\s+late\s+on\s+\w+)?\s*[.]?$", re.I)
# "With Friday's arrivals, Uzbekistan has repatriated 784 people ... since May 2019": a running total told
# on the occasion of the event before, not another event
OCCASION = re.compile(r"^\W*(?:With|After|Following)\s+(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                      r"today|yesterday|this\s+week|last\s+week)(?:'s|\u2019s)\s+(?:[\w-]+\s+)?(?:arrivals?|flights?|returns?|transfers?)\b", re.I)
CONDITIONAL = re.compile(r"\b(?:if|unless|could\s+be|would\s+be|may\s+be|faces?|facing)\s+(?:\w+\s+){0,2}$", re.I)  # "If convicted, ..."


INVOLVEMENT = [  # how a sentence links a group to an event, most telling first
    (r"claimed\s+(?:responsibility|the\s+attack|it)|claimed\s+by", "claimed"),
    (r"inspired\s+by|in\s+the\s+name\s+of|propaganda\s+of", "inspired by"),
    (r"carried\s+out\s+by|(?:fighters|militants|members|gunmen)\s+(?:of|from)|attacked\s+by|launched\s+by", "carried out"),
    (r"\bbann(?:ed|ing)\b|strikes?\s+(?:on|against)|crackdown\s+on|designated|targeted", "targeted"),
    (r"\bjoin(?:ed|ing)?\b|membership\s+of|to\s+fight\s+for", "joined"),
    (r"blamed|attributed|linked\s+to|links\s+(?:to|with)|on\s+behalf\s+of|on\s+orders\s+from|accused\s+of|suspected\s+of", "attributed"),
]
INVOLVEMENT_PATTERNS = [(re.compile(p, re.I), what) for p, what in INVOLVEMENT]


def involvement(sentence: str) -> str:
    """How the sentence links the group it names to the event, or '' (plan.py then says 'attributed')."""
    for pattern, what in INVOLVEMENT_PATTERNS:
        if pattern.search(sentence):
            return what
    return ""
