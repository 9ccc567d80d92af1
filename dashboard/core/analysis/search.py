"""Search every curated row and the full text of the documents. No Streamlit here.

Why a small inverted index of our own (with rapidfuzz for typos) rather than SQLite FTS5 or tantivy:
the corpus is ~300 rows and five documents (~125 KB), so a dict of words -> positions is built in
a fraction of a second and answers in a few milliseconds; what matters is spelling, which neither
engine knows: our tables already list the names each place, group and country goes by
(places.alt_names, groups.aliases, countries.other_names), so a query naming one of them is
expanded to all of them (Satpayev -> Satpaev, Daesh -> ISIS / IS / Islamic State, Tajik ->
Tajikistan). FTS5 has no typo tolerance (spellfix1 is not in Python's sqlite3) and tantivy would be
a compiled dependency for a corpus this size. A word found nowhere is corrected to the nearest
indexed word by rapidfuzz's optimal-string-alignment distance (one edit for 5-7 letters, two from
8: Telegarm -> Telegram, Tajikstan -> Tajikistan).

Short acronyms are matched with their case ("IS", "US", "TIP"), so "is" never matches every
passage; a query of common words only ("is", "the") says so instead of listing everything. A
group's name that begins another group's longer name ("ISIS" in "ISIS-K") counts for the longer one.

build_index() runs once per server process (the page caches it); search() then costs 0.1-10 ms.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from core.data.loading import Corpus
from core.analysis.query import country_names, display_value, source_link
from core.analysis.sources import passage_link

# Result kinds, in the order the page lists them: (key, heading).
KINDS = {
    "places": "Places",
    "groups": "Groups",
    "hotspots": "Hotspot claims",
    "incidents": "Incidents",
    "figures": "Figures",
    "channels": "Recruitment channels",
    "passages": "Document passages",
}

# Transliterations of words that name no single row, so no table holds them as aliases.
SPELLINGS = (
    ("Uighur", "Uyghur", "Uigur"),
)

# Words too common to search for on their own (a query of only these explains that instead).
STOPWORDS = frozenset(
    "a an and are as at be but by for from had has have he her his i if in into is it its not of on or our she so"
    " that the their them then there they this to us was we were which who with you".split()
)

MAX_QUERY_WORDS = 12
PROSE_FIELDS = ("quote", "text", "summary", "note")  # preferred for the snippet under a result
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_QUOTED = re.compile(r'"([^"]*)"|\u201c([^\u201d]*)\u201d|(\S+)')

BUILDS = 0  # how many times build_index ran in this process (the page must build it once)


def fold(word: str) -> str:
    """The form words are compared in: lower case, no accents, no possessive 's, no plural s."""
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(ch for ch in word if not unicodedata.combining(ch)).replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "is", "us")):
        word = word[:-1]
    return word


def is_acronym(text: str) -> bool:
    """Short all-capital names (IS, US, U.S., TIP) are matched only in capitals."""
    letters = [ch for ch in text if ch.isalpha()]
    return 0 < len(letters) <= 3 and all(ch.isupper() for ch in letters)


@dataclass(frozen=True)
class Token:
    raw: str
    fold: str
    field: int  # which field of the record it is in (a phrase never crosses fields)
    start: int  # character offsets into that field's text
    end: int


def tokenize(text: str, field_no: int = 0) -> list[Token]:
    return [Token(m.group(), fold(m.group()), field_no, m.start(), m.end()) for m in _WORD.finditer(text)]


@dataclass(frozen=True)
class Phrase:
    """Consecutive words; matched by folded form, or exactly as written for an acronym."""

    words: tuple[str, ...]
    exact_case: bool
    text: str = field(default="", compare=False)  # as a table writes it, for notes
    literal: bool = field(default=False, compare=False)  # typed in quotes: every occurrence counts

    @classmethod
    def of(cls, text: str) -> "Phrase":
        exact = is_acronym(text)
        return cls(tuple(t.raw if exact else t.fold for t in tokenize(text)), exact, text)


@dataclass
class Record:
    kind: str
    key: str
    title: str
    link: str
    meta: str
    fields: list[tuple[str, str]]  # (label, text); field 0 is the title
    tokens: list[Token] = field(default_factory=list)


@dataclass
class Index:
    records: list[Record]
    postings: dict[str, dict[int, list[int]]]  # folded word -> record -> token positions
    exact_postings: dict[str, dict[int, list[int]]]  # all-capital word as written -> record -> positions
    aliases: dict[Phrase, frozenset[str]]  # a name -> the entities it names
    names: dict[str, tuple[Phrase, ...]]  # entity -> every name it goes by
    vocabulary: list[str]  # folded words, for typo correction
    frequency: dict[str, int]
    surface: dict[str, str]  # folded word -> how the texts most often write it
    longer: dict[Phrase, tuple[Phrase, ...]]  # a group's name -> other groups' names that begin with it


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


def _split(value: str) -> list[str]:
    return [v.strip() for v in str(value or "").split(";") if v.strip()]


def _records(corpus: Corpus) -> list[Record]:
    """One record per curated row and per paragraph of each document, with its link."""
    return _place_records(corpus) + _row_records(corpus) + _paragraph_records(corpus)


def _place_records(corpus: Corpus) -> list[Record]:
    """Places link to their country profile, the Hotspots map, or the first row that cites them."""
    names = country_names(corpus)
    hotspot_places = set(corpus["hotspots"]["place_id"])
    other_names = dict(zip(corpus["countries"]["iso3"], corpus["countries"]["other_names"]))
    citing = {}  # place -> (doc_id, row id) of the first row citing it
    for table, key, columns in (("incidents", "incident_id", ("place_id",)), ("figures", "figure_id", ("subject", "related"))):
        for row in corpus[table].itertuples(index=False):
            for column in columns:
                citing.setdefault(getattr(row, column), (row.doc_id, getattr(row, key)))
    out: list[Record] = []
    for r in corpus["places"].itertuples(index=False):
        if r.kind == "country" and r.country_iso3:
            link = "country?iso=" + r.country_iso3
        elif r.place_id in hotspot_places:
            link = "hotspots?hotspot=" + r.place_id
        elif r.place_id in citing:
            link = source_link(*citing[r.place_id])
        else:
            link = "data?table=places&q=" + r.place_id
        country = names.get(r.country_iso3, "")
        extra = other_names.get(r.country_iso3, "") if r.kind == "country" else ""
        out.append(Record("places", r.place_id, r.name, link, ", ".join(x for x in (r.kind, r.admin1, country) if x),
                          [("name", r.name), ("also", "; ".join(_split(r.alt_names) + _split(extra))),
                           ("where", f"{r.admin1} {country}"), ("note", r.note)]))
    return out


def _row_records(corpus: Corpus) -> list[Record]:
    """Groups link to the Groups page; hotspot claims, incidents, figures and channels to their quote."""
    names = country_names(corpus)
    place_names = dict(zip(corpus["places"]["place_id"], corpus["places"]["name"]))
    group_names = dict(zip(corpus["groups"]["group_id"], corpus["groups"]["name"]))
    out: list[Record] = []
    for r in corpus["groups"].itertuples(index=False):
        out.append(Record("groups", r.group_id, r.name, "groups?group=" + r.group_id,
                          f"{r.doc_id} ({r.group_id})",
                          [("name", r.name), ("also", r.aliases), ("base", place_names.get(r.base, r.base)),
                           ("quote", r.quote), ("note", r.note)]))
    for r in corpus["hotspots"].itertuples(index=False):
        out.append(Record("hotspots", r.hotspot_id, r.summary, source_link(r.doc_id, r.hotspot_id),
                          f"{place_names.get(r.place_id, r.place_id)} · {r.wave} · {r.doc_id} ({r.hotspot_id})",
                          [("summary", r.summary), ("place", place_names.get(r.place_id, "")), ("quote", r.quote),
                           ("note", r.note)]))
    for r in corpus["incidents"].itertuples(index=False):
        where = place_names.get(r.place_id) or names.get(r.country_iso3, "")
        out.append(Record("incidents", r.incident_id, r.summary, source_link(r.doc_id, r.incident_id),
                          " · ".join(x for x in (r.date or "undated", r.kind, where, f"{r.doc_id} ({r.incident_id})") if x),
                          [("summary", r.summary), ("who", f"{r.perpetrator_origin} {group_names.get(r.group_id, '')}"),
                           ("where", where), ("quote", r.quote), ("note", r.note)]))
    labels = dict(zip(corpus["indicators"]["indicator"], corpus["indicators"]["label"]))
    about = {**names, **place_names, **group_names}
    for r in corpus["figures"].to_dict("records"):
        title = f"{labels.get(r['indicator'], r['indicator'])}: {display_value(r)}"
        subject = " / ".join(x for x in (about.get(r["subject"], r["subject"]), about.get(r["related"], r["related"])) if x)
        period = " to ".join(x for x in (r["period_start"], r["period_end"]) if x)
        out.append(Record("figures", r["figure_id"], title, source_link(r["doc_id"], r["figure_id"]),
                          " · ".join(x for x in (subject, period, f"{r['doc_id']} ({r['figure_id']})") if x),
                          [("figure", title), ("about", subject), ("quote", r["quote"]), ("note", r["note"])]))
    for r in corpus["channels"].itertuples(index=False):
        users = ", ".join(group_names.get(g, g) for g in _split(r.used_by))
        out.append(Record("channels", r.channel_id, r.name, source_link(r.doc_id, r.channel_id),
                          " · ".join(x for x in (r.kind, r.stance, r.languages.replace(";", ", "), f"{r.doc_id} ({r.channel_id})") if x),
                          [("name", r.name), ("used by", f"{users} {r.audience}"), ("quote", r.quote), ("note", r.note)]))
    return out


def _paragraph_records(corpus: Corpus) -> list[Record]:
    """Each paragraph (text between blank lines) of each document, linked to it on the Sources page."""
    titles = dict(zip(corpus["documents"]["doc_id"], corpus["documents"]["title"]))
    out: list[Record] = []
    for doc_id, doc in corpus.documents.items():
        number = 0
        for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", doc.text, flags=re.S):
            if not _WORD.search(m.group()):
                continue
            number += 1
            title = titles.get(doc_id, doc_id)
            title = title if len(title) <= 70 else title[:69].rsplit(" ", 1)[0] + "\u2026"
            out.append(Record("passages", f"{doc_id}:{m.start()}-{m.end()}", "", passage_link(doc_id, m.start(), m.end()),
                              f"{title} ({doc_id}), paragraph {number}", [("text", m.group())]))
    return out


def _entities(corpus: Corpus) -> dict[str, list[str]]:
    """Every name each place, group and country goes by (and the spelling variants above)."""
    entities: dict[str, list[str]] = {}
    countries = corpus["countries"]
    for r in countries.itertuples(index=False):
        entities[f"country:{r.iso3}"] = [r.name, *_split(r.other_names)]
    for r in corpus["places"].itertuples(index=False):
        names = [r.name, *_split(r.alt_names)]
        if r.kind == "country" and f"country:{r.country_iso3}" in entities:
            entities[f"country:{r.country_iso3}"] += names
        else:
            entities[f"place:{r.place_id}"] = names
    for r in corpus["groups"].itertuples(index=False):
        entities[f"group:{r.group_id}"] = [r.name, *_split(r.aliases)]
    for i, variants in enumerate(SPELLINGS):
        entities[f"spelling:{i}"] = list(variants)
    return entities


def build_index(corpus: Corpus) -> Index:
    global BUILDS
    BUILDS += 1
    records = _records(corpus)
    postings: dict[str, dict[int, list[int]]] = {}
    exact: dict[str, dict[int, list[int]]] = {}
    frequency: dict[str, int] = {}
    written: dict[tuple[str, str], int] = {}
    for n, record in enumerate(records):
        for field_no, (_, text) in enumerate(record.fields):
            record.tokens.extend(tokenize(str(text or ""), field_no))
        for pos, token in enumerate(record.tokens):
            postings.setdefault(token.fold, {}).setdefault(n, []).append(pos)
            frequency[token.fold] = frequency.get(token.fold, 0) + 1
            written[token.fold, token.raw] = written.get((token.fold, token.raw), 0) + 1
            if token.raw.isupper() and len(token.raw) <= 5:
                exact.setdefault(token.raw, {}).setdefault(n, []).append(pos)
    aliases: dict[Phrase, set[str]] = {}
    names: dict[str, tuple[Phrase, ...]] = {}
    for entity, texts in _entities(corpus).items():
        phrases = tuple(dict.fromkeys(p for p in map(Phrase.of, texts) if p.words))
        names[entity] = phrases
        for phrase in phrases:
            aliases.setdefault(phrase, set()).add(entity)
    surface: dict[str, str] = {}
    for (folded, raw), count in sorted(written.items(), key=lambda item: -item[1]):
        surface.setdefault(folded, raw)
    return Index(records, postings, exact, {k: frozenset(v) for k, v in aliases.items()}, names,
                 sorted(postings), frequency, surface, _longer_names(aliases))


def _longer_names(aliases: dict[Phrase, set[str]]) -> dict[Phrase, tuple[Phrase, ...]]:
    """For each group name, the names of other groups that begin with it: a mention of "ISIS-K" or
    "IS-Khorasan" is about ISKP, not about ISIS, so a search for ISIS does not count it."""
    groups = {p: e for p, e in aliases.items() if all(x.startswith("group:") for x in e)}
    lowered = {p: tuple(w.lower() for w in p.words) for p in groups}
    out: dict[Phrase, tuple[Phrase, ...]] = {}
    for short, entities in groups.items():
        n = len(short.words)
        found = tuple(long for long, other in groups.items()
                      if len(long.words) > n and lowered[long][:n] == lowered[short] and not other & entities)
        if found:
            out[short] = found
    return out


# ---- the query -------------------------------------------------------------------------------------

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
    chunks = [c for c in _chunks(query) if _WORD.search(c[0])][:MAX_QUERY_WORDS]
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
