"""Passages: every sentence of the documents that names one of a country's terms ("Tajikistan",
"Tajik"), whole words only, marked when it sits in a footnote or reference line. The country profile's
"What each document says" reads them. No Streamlit here."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right

import pandas as pd

from core.analysis.sources import passage_link
from core.data.loading import Corpus
from core.data.numbers import note_lines

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


def term_pattern(terms) -> re.Pattern | None:
    """Whole words, longest first ("Tajikistani" before "Tajik"), case as written ("US" is not "us")."""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(t) for t in terms) + r")(?![\w])")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: lines are paragraphs; a paragraph splits after . ! or ?."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for stop in _SENTENCE_END.finditer(line.group()):
            spans.append((start, line.start() + stop.start()))
            start = line.start() + stop.end()
        spans.append((start, line.end()))
    return [(a, b) for a, b in spans if text[a:b].strip()]


@functools.lru_cache(maxsize=32)
def _sentences_and_notes(doc_id: str, text: str) -> tuple[list, list]:
    """A document's sentences and note lines, worked out once per text (every country's profile asks)."""
    return sentences(text), note_lines(doc_id, text)


def find_passages(corpus: Corpus, terms) -> pd.DataFrame:
    """Every sentence of every document that names one of the terms; `in_notes` marks those in a
    footnote or reference line (citations, by the rule of core.data.numbers)."""
    pattern = term_pattern(terms)
    rows = []
    for doc_id in corpus["documents"]["doc_id"]:
        doc = corpus.documents.get(doc_id)
        if doc is None or pattern is None:
            continue
        text = doc.text
        found = list(pattern.finditer(text))
        if not found:
            continue
        spans, notes = _sentences_and_notes(doc_id, text)
        starts = [a for a, _ in spans]
        hits: dict[int, list[str]] = {}  # sentence -> the terms it names, each where it starts
        for m in found:
            k = bisect_right(starts, m.start()) - 1
            if k >= 0 and m.start() < spans[k][1]:
                hits.setdefault(k, []).append(m.group())
        for k in sorted(hits):
            start, end = spans[k]
            rows.append({"doc_id": doc_id, "start": start, "end": end, "text": text[start:end].strip(),
                         "terms": tuple(dict.fromkeys(hits[k])), "link": passage_link(doc_id, start, end),
                         "in_notes": any(a <= start and end <= b for a, b in notes)})
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "text", "terms", "link", "in_notes"])
