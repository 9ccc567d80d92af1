"""Find every number a source document states, for the completeness check.

What counts as a number (the stated rule, also in docs/data.md):
- digits: "322,000", "61.5", "2001", "15th", "1980s"; "2-3" is two numbers. A digit number followed by
  "thousand"/"million"/"billion" is multiplied ("5 thousand" = 5000; in "2-3 thousand" both ends are).
- number words: two..ninety-nine, hundred(s), thousand(s), million(s), dozen(s), half, "a third",
  "a quarter" and phrases of them ("up to two thousand" -> 2000, "half a million" -> 500,000). A phrase
  with no count ("hundreds", "several thousand") is a magnitude with no value. "one" alone and ordinals
  are not scanned: in these texts they are articles and pronouns ("one of the ...").
- Not scanned: footnote markers (<sup>n</sup>, [n], superscript digits, **n** opening a line), footnote
  and reference lines (lines that open with such a marker: they are citations), and URLs. A footnote
  listed in SUBSTANTIVE_FOOTNOTES carries facts rather than a citation and is scanned like body text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Footnotes that state facts rather than cite a source: scanned like body text.
SUBSTANTIVE_FOOTNOTES = {("uwed", "27")}

_SUPERSCRIPTS = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
_FOOTNOTE_LINE = re.compile(
    rf"^\s*(?:<sup>\s*(\d+)\s*</sup>|\*\*(\d+)\*\*|\[(\d+)\]|([{_SUPERSCRIPTS}]+))"
)
_INLINE_MARKERS = [
    re.compile(r"<sup>\s*\d+\s*</sup>"),
    re.compile(r"\[\d+\]"),
    re.compile(rf"[{_SUPERSCRIPTS}]+"),
]
_URL = re.compile(r"<?(?:https?://|www\.)[^\s>)\]]*(?:\s(?=[\w./-]*/)[^\s>)\]]*)*>?")

_DIGITS = re.compile(
    r"(?<![\w.,])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?(?:st|nd|rd|th|s)?(?![\w])"
)
_MULTIPLIER_AFTER = re.compile(r"\s+(thousand|million|billion)\b", re.I)
_RANGE_MULTIPLIER_AFTER = re.compile(r"\s*[-\u2013]\s*[0-9.,]+\s+(thousand|million|billion)\b", re.I)

_UNITS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_PLURAL_MAGNITUDES = {"hundreds", "thousands", "millions", "billions", "dozens", "dozen"}
_FRACTIONS = {"third": 100 / 3, "quarter": 25.0}
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class NumberOccurrence:
    """One number stated in a document. `value` is None for magnitudes ("hundreds")."""

    doc_id: str
    start: int
    end: int
    text: str
    value: float | None

    def context(self, text: str, width: int = 60) -> str:
        return re.sub(r"\s+", " ", text[max(0, self.start - width): self.end + width]).strip()


def ignored_regions(doc_id: str, text: str) -> list[tuple[int, int]]:
    """Spans the scan skips under the stated rule: citation lines, footnote markers, URLs."""
    regions: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        match = _FOOTNOTE_LINE.match(line)
        if match:
            number = next((g for g in match.groups()[:3] if g), None)
            if (doc_id, number) in SUBSTANTIVE_FOOTNOTES:
                regions.append((pos + match.start(), pos + match.end()))
            else:
                regions.append((pos, pos + len(line)))
        pos += len(line)
    for pattern in (*_INLINE_MARKERS, _URL):
        regions.extend(m.span() for m in pattern.finditer(text))
    return regions


def note_lines(doc_id: str, text: str) -> list[tuple[int, int]]:
    """The citation and reference lines of a document (whole lines among ignored_regions): a name
    found only there is cited, not written about."""
    return [(a, b) for a, b in ignored_regions(doc_id, text) if text[a:b].count(" ") > 2]


def containment(regions: list[tuple[int, int]]):
    """A test `inside((start, end))`: is the span within one of the regions? Answered by bisection
    (the regions sorted by start, with the furthest end reached so far), so testing every number of
    a long document costs n log n, not n times the number of regions."""
    ordered = sorted(regions)
    starts = [s for s, _ in ordered]
    reach, furthest = [], -1
    for _, e in ordered:
        furthest = max(furthest, e)
        reach.append(furthest)

    def inside(span: tuple[int, int]) -> bool:
        i = bisect_right(starts, span[0])
        return i > 0 and reach[i - 1] >= span[1]

    return inside


def _digit_numbers(doc_id: str, text: str) -> list[NumberOccurrence]:
    found = []
    for m in _DIGITS.finditer(text):
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        after = text[m.end():]
        end = m.end()
        direct = _MULTIPLIER_AFTER.match(after)
        mult = direct or _RANGE_MULTIPLIER_AFTER.match(after)
        if mult:
            value *= _SCALES[mult.group(1).lower()]
        if direct:  # "13 thousand" is one number; the word is part of it
            end += direct.end()
        found.append(NumberOccurrence(doc_id, m.start(), end, text[m.start():end], value))
    return found


def _word_phrase_value(words: list[str]) -> float | None:
    """Value of a phrase of number words, or None for a bare magnitude ("hundreds")."""
    lowered = [w.lower() for w in words]
    if lowered[-1] in _FRACTIONS:
        return _FRACTIONS[lowered[-1]]
    if any(w in _PLURAL_MAGNITUDES for w in lowered):
        return None
    total, current, counted = 0.0, 0.0, False
    for previous, w in zip([""] + lowered, lowered):
        if w in _UNITS:
            current += _UNITS[w]
            counted = True
        elif w == "a" and previous == "half":
            pass  # "half a million"
        elif w in ("one", "a"):
            current += 1
            counted = True
        elif w == "half":
            current += 0.5
            counted = True
        elif w in _SCALES:
            if not counted:
                return None  # "several thousand": a magnitude, not a count
            current = (current or 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total += current
                current = 0.0
    value = total + current
    return 50.0 if lowered == ["half"] else value


def _word_numbers(doc_id: str, text: str) -> list[NumberOccurrence]:
    tokens = list(_WORD.finditer(text))
    found = []
    i = 0
    while i < len(tokens):
        phrase = _phrase_at(tokens, i, text)
        if phrase:
            first, last = tokens[i], tokens[i + phrase - 1]
            words = [t.group(0) for t in tokens[i: i + phrase]]
            found.append(
                NumberOccurrence(
                    doc_id, first.start(), last.end(), text[first.start(): last.end()],
                    _word_phrase_value(words),
                )
            )
            i += phrase
        else:
            i += 1
    return found


def _is_number_word(word: str) -> bool:
    w = word.lower()
    return w in _UNITS or w in _SCALES or w in _PLURAL_MAGNITUDES or w == "half"


def _joined(text: str, left, right) -> bool:
    """True when two word tokens are separated only by a space or hyphen."""
    return re.fullmatch(r"[\s\-]+", text[left.end(): right.start()]) is not None


def _phrase_at(tokens, i: int, text: str) -> int:
    """Length in tokens of the number phrase starting at token i (0 if none)."""
    word = tokens[i].group(0).lower()
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    nxt_word = nxt.group(0).lower() if nxt else ""
    joined = nxt is not None and _joined(text, tokens[i], nxt)
    if word in ("a", "one") and joined and nxt_word in _FRACTIONS:
        return 2
    if word == "one" and joined and nxt_word in _SCALES:
        start_len = 1
    elif _is_number_word(word):
        start_len = 1
    else:
        return 0
    length = start_len
    while i + length < len(tokens):
        prev, cur = tokens[i + length - 1], tokens[i + length]
        cur_word = cur.group(0).lower()
        if _joined(text, prev, cur) and _is_number_word(cur_word):
            length += 1
        elif cur_word == "one" and prev.group(0).lower() in _TENS and text[prev.end():cur.start()] == "-":
            length += 1  # "forty-one" ("one" alone is rarely a count: "one of the men")
        elif (cur_word == "and" and prev.group(0).lower() in ("hundred", "thousand") and i + length + 1 < len(tokens)
              and _joined(text, prev, cur) and _joined(text, cur, tokens[i + length + 1])
              and tokens[i + length + 1].group(0).lower() in _UNITS
              and not _scale_follows(tokens, i + length + 1, text)):
            length += 2  # "six hundred and fifty" (not "two hundred and three hundred": two numbers)
        elif (
            cur_word == "a"
            and prev.group(0).lower() == "half"
            and i + length + 1 < len(tokens)
            and tokens[i + length + 1].group(0).lower() in _SCALES
        ):
            length += 2  # "half a million"
        else:
            break
    return length


def _scale_follows(tokens, j: int, text: str) -> bool:
    """The number word at j is followed by a scale word ("three hundred"), itself joined to it."""
    return j + 1 < len(tokens) and tokens[j + 1].group(0).lower() in _SCALES and _joined(text, tokens[j], tokens[j + 1])


def scan_numbers(doc_id: str, text: str) -> list[NumberOccurrence]:
    """Every number in the document, in order, minus those the stated rule skips."""
    skip = ignored_regions(doc_id, text)
    digits = _digit_numbers(doc_id, text)
    in_digits = containment([(o.start, o.end) for o in digits])
    words = [o for o in _word_numbers(doc_id, text) if not in_digits((o.start, o.end))]
    skipped = containment(skip)
    found = [occ for occ in digits + words if not skipped((occ.start, occ.end))]
    return sorted(found, key=lambda o: o.start)
