"""Find curated quotes in their source documents.

A quote matches when it appears verbatim in the document after both are normalised the same way:
runs of whitespace become one space, typographic quote marks become straight ones and dashes become
"-". "..." (or "…") joins verbatim parts that must appear in that order. Spans are reported as
offsets into the *original* document text so the Sources page can highlight the passage.
"""

from __future__ import annotations

import re
from bisect import bisect_left

import numpy as np

_CHAR_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ",
}
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")
_SPACES = re.compile(r"\s+")
# every character for which str.isspace() is true (tests/test_quotes.py checks the list)
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
_WHITESPACE = np.array([ord(c) for c in WHITESPACE], dtype=np.uint32)


def normalise(text: str) -> str:
    """The comparison form of a text: mapped characters, single spaces, no outer whitespace."""
    return _SPACES.sub(" ", map_characters(text)).strip()


def map_characters(text: str) -> str:
    """Typographic quote marks and dashes as straight ones, a no-break space as a space (one
    str.replace per character present: str.translate with a mapping is slow on long texts)."""
    for char, plain in _CHAR_MAP.items():
        if char in text:
            text = text.replace(char, plain)
    return text


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise `text` and return, for each character of the result, its offset in `text`."""
    mapped = map_characters(text)
    codes = np.frombuffer(mapped.encode("utf-32-le"), dtype=np.uint32)
    space = np.isin(codes, _WHITESPACE)
    # every character but whitespace, and the first of each run of whitespace (written as one space);
    # with numpy, as a loop over the characters was the slowest part of loading the corpus
    kept = ~space | (space & ~np.concatenate(([True], space[:-1])))
    kept[np.flatnonzero(~space)[-1] + 1 if (~space).any() else 0:] = False  # trailing whitespace dropped
    offsets = np.flatnonzero(kept).tolist()
    return _SPACES.sub(" ", mapped).strip(" ") if offsets else "", offsets


class Document:
    """A source document's text with a normalised copy for quote lookups."""

    def __init__(self, doc_id: str, text: str):
        self.doc_id = doc_id
        self.text = text
        self.norm, self._offsets = normalise_with_offsets(text)

    def find(self, quote: str, start: int = 0) -> list[tuple[int, int]] | None:
        """Spans (start, end) in the original text of each verbatim part of `quote`, or None; with
        `start`, only from that offset of the original text on (a long document read in order)."""
        parts = [normalise(p) for p in _ELLIPSIS.split(quote)]
        parts = [p for p in parts if p]
        if not parts:
            return None
        spans = []
        pos = bisect_left(self._offsets, start) if start else 0
        for part in parts:
            found = self.norm.find(part, pos)
            if found < 0:
                return None
            end = found + len(part)
            spans.append((self._offsets[found], self._offsets[end - 1] + 1))
            pos = end
        return spans

    def find_all(self, snippet: str) -> list[tuple[int, int]]:
        """Every span where a single verbatim snippet occurs (used for exclusion contexts)."""
        part = normalise(snippet)
        spans = []
        start = self.norm.find(part) if part else -1
        while start >= 0:
            end = start + len(part)
            spans.append((self._offsets[start], self._offsets[end - 1] + 1))
            start = self.norm.find(part, start + 1)
        return spans
