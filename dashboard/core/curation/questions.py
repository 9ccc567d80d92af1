"""Interviews and lists: a number in an answer is read with the question it answers, and a number in a
list's item labelled with a name only ("- Tajikistan: 290") with the item that leads the list
("- Women and children still in al-Hol: about 610"). After "How many Central
Asians are still under arms in Syria?", "My best guess is somewhere around 1,100" counts Central Asians
under arms (foreign fighters): the question gives the indicator when the answer's own words give none,
and whom it counts when the answer names no one. "What about the women in the camps?" asks the same
way, and a transcript's "RR: " before the question is the asker's name. Any other question ends the
answer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.curation.vocab import Vocab, find_mentions, guess_indicator

# "How many ...?" or "What about ...?", after the asker's name as a transcript prints it ("RR: ").
SPEAKER = r"(?:[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}\s*:\s*)?"
HOW_MANY = re.compile(rf"^\W*{SPEAKER}(?i:how\s+many|what\s+about)\s+(?P<asked>[^?]{{3,200}})\?\s*$")
WHOM = ("country", "central_asia", "group")


# A list's item with its label: "- Women and children still in al-Hol: about 610", "- Tajikistan: 290".
LIST_ITEM = re.compile(r"^[-*\u2022]\s+(?P<label>[^:\n]{2,150}?):\s")
NAME_ONLY = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2}")


@dataclass(frozen=True)
class Asked:
    """What the numbers that follow are read with: the clause a question asked, or the label of the
    item that leads a list (its items labelled with a name only count the same thing, each for its own)."""

    clause: str
    in_list: bool = False

    def __bool__(self) -> bool:
        return bool(self.clause)


def asked(sentence: str, current: Asked) -> Asked:
    """What the last question asked for, as a clause a number can open ("Central Asians are still
    under arms in Syria"); none after a question that asks for no count; `current` for any other
    sentence. In a list, the lead item's label, until an item with a label of its own or the end of
    the list."""
    text = sentence.strip()
    item = LIST_ITEM.match(text)
    if item:
        label = item["label"].strip()
        if NAME_ONLY.fullmatch(label):  # "- Tajikistan: 290": a country's line under the list's lead item
            return current if current.in_list else Asked("")
        return Asked(label, in_list=True)
    if current.in_list:  # the list has ended
        return Asked("")
    if not text.endswith("?"):
        return current
    m = HOW_MANY.match(text)
    return Asked(m["asked"] if m else "")


def read_with_question(vocab: Vocab, question: Asked, row: dict, sentence: str = "") -> None:
    """Give a figure row of an answer (or a list's item) the question's (or the lead item's) indicator
    and subject where its own sentence gave none."""
    if not question or row.get("table") != "figures":
        return
    in_list = question.in_list
    if in_list and not LIST_ITEM.match(sentence.strip()):
        return  # the first sentence after a list is read before the list is known to have ended
    clause = "N " + question.clause
    source = "the item that leads its list" if in_list else "the question it answers"
    if not row["indicator"]:
        indicator, word = guess_indicator(vocab, clause, 0, False, False)
        if indicator:
            row.update(indicator=indicator, unit=vocab.units.get(indicator, ""))
            row["reason"] = row["reason"].replace("no indicator keyword: choose one",
                                                  f"indicator from {source} ('{word}')")
    named = [m for m in find_mentions(vocab, clause) if m.kind in WHOM]
    own = re.search(r"no subject named: choose one|subject: named in an earlier sentence \('[^']*'\)", row["reason"])
    if named and (not row["subject"] or own):
        row.update(subject=named[0].id, related="")
        said = f"subject from {source} ('{named[0].text}')"
        row["reason"] = row["reason"].replace(own.group(0), said) if own else row["reason"] + f"; {said}"
