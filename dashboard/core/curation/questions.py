"""Interviews: a number in an answer is read with the question it answers. After "How many Central
Asians are still under arms in Syria?", "My best guess is somewhere around 1,100" counts Central Asians
under arms (foreign fighters): the question gives the indicator when the answer's own words give none,
and whom it counts when the answer names no one. Any other question ends the answer."""

from __future__ import annotations

import re

from core.curation.vocab import Vocab, find_mentions, guess_indicator

HOW_MANY = re.compile(r"^\W*How\s+many\s+(?P<asked>[^?]{3,200})\?\s*$", re.I)
WHOM = ("country", "central_asia", "group")


def asked(sentence: str, current: str) -> str:
    """What the last question asked for, as a clause a number can open ("Central Asians are still
    under arms in Syria"); '' after a question that asks for no count; `current` for any other sentence."""
    if not sentence.rstrip().endswith("?"):
        return current
    m = HOW_MANY.match(sentence.strip())
    return m["asked"] if m else ""


def read_with_question(vocab: Vocab, question: str, row: dict) -> None:
    """Give a figure row of an answer the question's indicator and subject where its own sentence gave none."""
    if not question or row.get("table") != "figures":
        return
    clause = "N " + question
    if not row["indicator"]:
        indicator, word = guess_indicator(vocab, clause, 0, False, False)
        if indicator:
            row.update(indicator=indicator, unit=vocab.units.get(indicator, ""))
            row["reason"] = row["reason"].replace("no indicator keyword: choose one",
                                                  f"indicator from the question it answers ('{word}')")
    named = [m for m in find_mentions(vocab, clause) if m.kind in WHOM]
    own = re.search(r"no subject named: choose one|subject: named in an earlier sentence \('[^']*'\)", row["reason"])
    if named and (not row["subject"] or own):
        row.update(subject=named[0].id, related="")
        said = f"subject from the question it answers ('{named[0].text}')"
        row["reason"] = row["reason"].replace(own.group(0), said) if own else row["reason"] + f"; {said}"
