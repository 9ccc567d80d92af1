"""A count that two states give together ("Kyrgyzstan and Kazakhstan together", "six natives of
Uzbekistan and Kyrgyzstan", "deported 96 Uzbek and Tajik nationals"): proposed for the region
(both Central Asian) or for the first with the second as `related`, with a note saying it is one
count for both."""

from __future__ import annotations

import re

from core.curation.vocab import Mention
from core.data.schema import CENTRAL_ASIA

JOINT_AFTER = re.compile(r"^\s*(?:\w+\s+)?(?:together|combined|jointly|between\s+them|taken\s+together)\b", re.I)
PAIR_JOIN = re.compile(r"^\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?$", re.I)
PEOPLE_AFTER = re.compile(r"^\s+(?:citizens|nationals|natives|migrants|men|women|people|workers|suspects)\b", re.I)
OF_PAIR = re.compile(r"^\s*(?:[A-Za-z-]+\s+){0,2}(?:of|from)\s+(?:the\s+)?$", re.I)  # "six natives of", "people from"


def joint_subject(mentions: list[Mention], text: str, start: int, end: int, whence: bool = False) -> tuple[str, str, str] | None:
    """(subject, related, note) for a count two states give together, or None. With `whence` (a
    return verb), "from Syria and Iraq" is where people came back from, not a joint count."""
    countries = [m for m in mentions if m.kind == "country"]
    for a, b in zip(countries, countries[1:]):
        if a.id == b.id or not PAIR_JOIN.match(text[a.end:b.start]) or "respectively" in text.lower():
            continue
        together = JOINT_AFTER.match(text[b.end:b.end + 30]) and (b.end <= start or a.start - end < 60) and not any(
            end <= m.start < a.start for m in countries)  # "250 Tajiks, and a few dozen Kyrgyz and Kazakhs between them"
        of_pair = a.start >= end and OF_PAIR.match(text[end:a.start]) and not (whence and "from" in text[end:a.start])
        # "deported 96 Uzbek and Tajik nationals": the two nationalities the count names
        named_pair = a.start >= end and not text[end:a.start].strip() and PEOPLE_AFTER.match(text[b.end:b.end + 20])
        if not (together or of_pair or named_pair):
            continue
        note = f"Joint count: {a.text} and {b.text} together (one count for both, not for either alone)."
        if a.id in CENTRAL_ASIA and b.id in CENTRAL_ASIA:
            return "central_asia", "", note
        return a.id, b.id, note
    return None
