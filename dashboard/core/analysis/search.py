"""Search: a query parsed into words and names (each name with every other name its row lists, a
typo corrected to the nearest indexed word), matched against the index (core.analysis.search_index),
and the results grouped by kind with their matching words marked. No Streamlit here."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from core.analysis.search_index import (KINDS, MAX_QUERYWORDS, PROSE_FIELDS, STOPWORDS, Index, Phrase, Token,
                                        build_index, is_acronym, tokenize, WORD)

__all__ = ["KINDS", "Result", "build_index", "search", "suggest", "tokenize"]

_QUOTED = re.compile(r'"([^"]*)"|\u201c([^\u201d]*)\u201d|(\S+)')


@dataclass(frozen=True)
class Unit:
    """One part of the query: any of these phrases counts (a name and its aliases, or one word)."""

    typed: str
    phrases: tuple[Phrase, ...]
    weight: float = 1.0  # lower for a typo correction


@dataclass
class Hit:
    kind: str
    key: str
    link: str
    title: list[tuple[str, bool]]  # (piece, matched) for highlighting
    meta: str
    snippet_label: str
    snippet: list[tuple[str, bool]]
    score: float


@dataclass
class Result:
    query: str
    units: list[Unit]
    notes: list[str]  # corrections and expansions, in plain words
    hits: dict[str, list[Hit]]  # kind -> hits, best first
    all_words: bool = True  # False when no row had every word and rows with any are shown
    suggestions: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(h) for h in self.hits.values())


def _chunks(query: str) -> list[tuple[str, bool]]:
    """(words as typed, quoted?): a "quoted phrase" stays one chunk (so does a hyphenated word)."""
    return [(m.group(3), False) if m.group(3) is not None else (m.group(1) if m.group(1) is not None else m.group(2), True)
            for m in _QUOTED.finditer(query)]


def _alias_at(index: Index, chunks: list[tuple[str, bool]], i: int) -> tuple[int, frozenset[str]]:
    """The longest run of unquoted chunks from i that is a known name: (its length in chunks, entities)."""
    for j in range(min(len(chunks), i + 6), i, -1):
        if any(quoted for _, quoted in chunks[i:j]):
            continue
        text = " ".join(c for c, _ in chunks[i:j])
        tokens = tokenize(text)
        for phrase in (Phrase(tuple(t.raw for t in tokens), True), Phrase(tuple(t.fold for t in tokens), False)):
            entities = index.aliases.get(phrase)
            if entities and (not phrase.exact_case or is_acronym(text)):
                return j - i, entities
    return 0, frozenset()


def _corrections(index: Index, word: str) -> list[str]:
    """Indexed words one edit away (two from 8 letters), nearest and most frequent first."""
    if len(word) < 5 or not word.isalpha():
        return []
    limit = 1 if len(word) < 8 else 2
    found = process.extract(word, index.vocabulary, scorer=OSA.distance, score_cutoff=limit, limit=None)
    found = [(w, d) for w, d, _ in found if w != word and len(w) >= 4]
    if not found:
        return []
    best = min(d for _, d in found)
    return sorted((w for w, d in found if d == best), key=lambda w: -index.frequency.get(w, 0))[:3]


def _entity_unit(index: Index, typed: str, entities: frozenset[str], weight: float = 1.0) -> Unit:
    phrases = tuple(dict.fromkeys(p for e in sorted(entities) for p in index.names[e]))
    return Unit(typed, phrases, weight)


def parse(index: Index, query: str) -> tuple[list[Unit], list[str]]:
    """The query as units (all must match), and notes on expansions and corrections."""
    chunks = [c for c in _chunks(query) if WORD.search(c[0])][:MAX_QUERYWORDS]
    units: list[Unit] = []
    notes: list[str] = []
    i = 0
    while i < len(chunks):
        length, entities = _alias_at(index, chunks, i)
        if length:
            typed = " ".join(c for c, _ in chunks[i:i + length])
            unit = _entity_unit(index, typed, entities)
            shown = _display(index, unit, typed)
            if shown:
                notes.append(f"\u201c{typed}\u201d also matches: " + ", ".join(shown) + ".")
            units.append(unit)
            i += length
            continue
        chunk, quoted = chunks[i]
        i += 1
        tokens = tokenize(chunk)
        word = tokens[0]
        if len(tokens) == 1 and is_acronym(word.raw) and word.raw in index.exact_postings:
            units.append(Unit(chunk, (Phrase((word.raw,), True),)))  # "IT", "UN": in capitals only
            continue
        if all(t.fold in STOPWORDS for t in tokens):
            continue
        if len(tokens) > 1 or quoted:  # a phrase, or a word in quotes: as written, no correction
            units.append(Unit(chunk, (replace(Phrase.of(chunk), literal=quoted),)))
            continue
        if word.fold in index.postings:
            units.append(Unit(chunk, (Phrase((word.fold,), False),)))
            continue
        fixes = _corrections(index, word.fold)
        if not fixes:
            units.append(Unit(chunk, (Phrase((word.fold,), False),)))
            continue
        entities = frozenset().union(*(index.aliases.get(Phrase((w,), False), frozenset()) for w in fixes))
        if entities:
            units.append(_entity_unit(index, chunk, entities, weight=0.7))
        else:
            units.append(Unit(chunk, tuple(Phrase((w,), False) for w in fixes), weight=0.7))
        notes.append(f"\u201c{chunk}\u201d is not in the documents; showing matches for "
                     + " or ".join(f"\u201c{_surface(index, w)}\u201d" for w in fixes) + ".")
    return units, notes


def _surface(index: Index, folded: str) -> str:
    """A word as the texts most often write it (for notes), from its folded form."""
    return index.surface.get(folded, folded)


def _display(index: Index, unit: Unit, typed: str) -> list[str]:
    """The other names a query was expanded to (not those that merely contain what was typed)."""
    shown: list[str] = []
    for p in unit.phrases:
        text = p.text or " ".join(p.words)
        if typed.lower() not in text.lower() and text not in shown:
            shown.append(text)
    return shown[:8]


def _occurs_at(tokens: list[Token], p: int, phrase: Phrase) -> bool:
    last = p + len(phrase.words) - 1
    if last >= len(tokens) or tokens[last].field != tokens[p].field:
        return False
    return all((tokens[p + k].raw if phrase.exact_case else tokens[p + k].fold) == w for k, w in enumerate(phrase.words))


def _matches(index: Index, record_no: int, phrase: Phrase) -> list[tuple[int, int]]:
    """Token positions (first, last) where the phrase occurs in the record, except where it begins
    a longer name of another group ("ISIS" in "ISIS-K", "Islamic State" in "Islamic State Khorasan")."""
    table = index.exact_postings if phrase.exact_case else index.postings
    tokens = index.records[record_no].tokens
    longer = () if phrase.literal else index.longer.get(phrase, ())
    return [(p, p + len(phrase.words) - 1) for p in table.get(phrase.words[0], {}).get(record_no, [])
            if _occurs_at(tokens, p, phrase) and not any(_occurs_at(tokens, p, other) for other in longer)]


def _occurrences(index: Index, unit: Unit) -> dict[int, list[tuple[int, int]]]:
    """Record -> token positions (first, last) of every occurrence of any of the unit's phrases."""
    found: dict[int, list[tuple[int, int]]] = {}
    for phrase in unit.phrases:
        table = index.exact_postings if phrase.exact_case else index.postings
        having = sorted((table.get(w, {}) for w in set(phrase.words)), key=len)  # rarest word first
        for record_no in set(having[0]).intersection(*having[1:]):
            places = _matches(index, record_no, phrase)
            if places:
                found.setdefault(record_no, []).extend(places)
    return found


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans as one ("Islamic State" inside "Islamic State Khorasan Province")."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _segments(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The text cut into (piece, matched)."""
    out, at = [], 0
    for start, end in _merged(spans):
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return out


_MARKUP = re.compile(r"</?sup>|\*\*|^#+\s*", flags=re.M)


def _snippet(text: str, spans: list[tuple[int, int]], width: int = 320) -> list[tuple[str, bool]]:
    """A window of the text around its first match, cut at spaces, with the matches marked."""
    spans = sorted(spans)
    start = 0
    if len(text) > width:
        start = max(0, spans[0][0] - width // 3)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace():
        end += 1
    inside = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
    pieces = _segments(text[start:end], inside)
    pieces = [(re.sub(r"\s+", " ", _MARKUP.sub("", piece)), matched) for piece, matched in pieces]
    if start > 0:
        pieces.insert(0, ("\u2026", False))
    if end < len(text):
        pieces.append(("\u2026", False))
    return [(p, m) for p, m in pieces if p]


def _hit(index: Index, record_no: int, found: list[tuple[Unit, list[tuple[int, int]]]]) -> Hit:
    record = index.records[record_no]
    by_field: dict[int, list[tuple[int, int]]] = {}
    score = 0.0
    for unit, places in found:
        score += unit.weight * (1 + 0.5 * math.log(len(places)))
        for first, last in places:
            a, b = record.tokens[first], record.tokens[last]
            by_field.setdefault(a.field, []).append((a.start, b.end))
    if 0 in by_field and record.kind != "passages":
        score += 1.0  # the title itself matches
    title = _segments(record.title, by_field.get(0, [])) if record.title else []
    label, snippet = "", []
    # Show where it matched: a quote, text or note first; a name field only if the title did not match.
    prose = [f for f in sorted(by_field) if record.fields[f][0] in PROSE_FIELDS and (f or not record.title)]
    names = [f for f in sorted(by_field) if f and f not in prose and 0 not in by_field]
    if prose or names:
        f = (prose or names)[0]
        label = record.fields[f][0]
        snippet = _snippet(str(record.fields[f][1]), by_field[f])
    return Hit(record.kind, record.key, record.link, title, record.meta, label, snippet, score)


def search(index: Index, query: str) -> Result:
    """Rows and passages where every part of the query occurs (or, failing that, any part)."""
    query = (query or "").strip()
    units, notes = parse(index, query)
    result = Result(query, units, notes, {})
    if not units:
        return result
    per_unit = [_occurrences(index, unit) for unit in units]
    every = set.intersection(*(set(m) for m in per_unit))
    if not every and len(units) > 1:
        every = set.union(*(set(m) for m in per_unit))
        result.all_words = not every
    hits = [_hit(index, n, [(u, m[n]) for u, m in zip(units, per_unit) if n in m]) for n in every]
    hits.sort(key=lambda h: (-h.score, h.kind, h.key))
    for hit in hits:
        result.hits.setdefault(hit.kind, []).append(hit)
    result.hits = {k: result.hits[k] for k in KINDS if k in result.hits}
    if not hits:
        result.suggestions = suggest(index, query)
    return result


def suggest(index: Index, query: str, limit: int = 3) -> list[str]:
    """Spellings close to the query's words, for a search that found nothing."""
    words = [t for t in tokenize(query) if t.fold not in STOPWORDS and len(t.fold) >= 4]
    out: list[str] = []
    for token in words[:3]:
        for word, score, _ in process.extract(token.fold, index.vocabulary, scorer=fuzz.ratio, limit=limit,
                                              score_cutoff=75):
            if word != token.fold and len(word) >= 4 and word.isalpha():
                out.append(_surface(index, word))
    return list(dict.fromkeys(out))[:limit]
