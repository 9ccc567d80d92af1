"""The Sources page: where each curated quote sits in its document, for highlighting and deep links."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from core.data.loading import Corpus
from core.data.schema import QUOTED_TABLES, TABLES


_FOOTNOTE = re.compile(r"<sup>(\d+)</sup>")
_SUPERSCRIPT = re.compile(r"<sup>([^<\d][^<]*)</sup>")  # "30<sup>th</sup>": an ordinal's letters
_HEADING = re.compile(r"(?m)^#{1,6} ")


def without_markup(text: str) -> str:
    """A document's text as a reader reads it: its own light markup (a '# ' heading, '**bold**', a
    '<sup>46</sup>' footnote mark, '30<sup>th</sup>') shown as the words ('[46]', '30th'), not as code.
    For display only: offsets and quotes are those of the text as stored."""
    return _HEADING.sub("", _SUPERSCRIPT.sub(r"\1", _FOOTNOTE.sub(r"[\1]", text))).replace("**", "")


def quote_spans(corpus: Corpus, doc_id: str) -> list[tuple[int, int, str]]:
    """(start, end, row id) of every curated quote in the document, in text order."""
    doc = corpus.documents.get(doc_id)
    if doc is None:
        return []
    spans = []
    for name in QUOTED_TABLES:
        table = corpus[name]
        key = TABLES[name].key
        for row_id, quote in zip(table.loc[table["doc_id"] == doc_id, key], table.loc[table["doc_id"] == doc_id, "quote"]):
            for start, end in doc.find(quote) or []:
                spans.append((start, end, row_id))
    return sorted(spans)


def row_doc(corpus: Corpus, row_id: str) -> str | None:
    for name in QUOTED_TABLES:
        table = corpus[name]
        hit = table.loc[table[TABLES[name].key] == row_id, "doc_id"]
        if len(hit):
            return hit.iloc[0]
    return None


def passage_link(doc_id: str, start: int, end: int) -> str:
    """Relative link to the Sources page at a passage: character offsets [start, end) into the text."""
    return "sources?" + urlencode({"doc": doc_id, "passage": f"{int(start)}-{int(end)}"})


def check_passage(text: str, span: tuple[int, int]) -> tuple[tuple[int, int] | None, str | None]:
    """The span to show (clipped to the text) and, when the link asked for more, a notice in words."""
    start, end = span
    if start >= len(text):
        return None, (f"The passage {start}-{end} in the link starts after the end of the document "
                      f"(it has {len(text):,} characters); showing the whole document.")
    if end > len(text):
        return (start, len(text)), (f"The passage {start}-{end} in the link ends after the end of the document; "
                                    f"showing {start}-{len(text)}.")
    return (start, end), None


def surrounding(text: str, start: int, end: int, around: int = 300) -> tuple[str, str, str]:
    """(text before, the passage, text after), about `around` characters either side, cut at spaces."""
    first, last = max(0, start - around), min(len(text), end + around)
    while 0 < first < start and not text[first - 1].isspace():
        first += 1
    while end < last < len(text) and not text[last].isspace():
        last -= 1
    return text[first:start], text[start:end], text[end:last]


def segments(text: str, spans: list[tuple[int, int, str]], selected: str | set[str] | None) -> list[tuple[str, str | None]]:
    """The text cut into (piece, style) with style None, 'quote' or 'selected' (the spans whose id is
    `selected`, or in it); overlaps merge."""
    chosen = {selected} if isinstance(selected, str) else set(selected or ())
    marks = [None] * len(text)
    for start, end, row_id in spans:
        style = "selected" if row_id in chosen else "quote"
        for i in range(start, min(end, len(text))):
            if marks[i] != "selected":
                marks[i] = style
    out: list[tuple[str, str | None]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marks[i] != marks[start]:
            out.append((text[start:i], marks[start]))
            start = i
    return out


def passage(corpus: Corpus, doc_id: str, row_id: str, context: int = 300) -> tuple[str, str, str] | None:
    """(text before, the quoted passage, text after) for a row's quote, or None if not found."""
    spans = [(s, e) for s, e, r in quote_spans(corpus, doc_id) if r == row_id]
    if not spans:
        return None
    return surrounding(corpus.documents[doc_id].text, spans[0][0], spans[-1][1], context)
