"""The search index: every curated row and each paragraph of the documents as records of words,
and the names each place, group and country goes by. No Streamlit here.

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

import re
import unicodedata
from dataclasses import dataclass, field

from core.data.loading import Corpus
from core.analysis.documents import short_citations
from core.analysis.plain import Names, in_words
from core.analysis.events import date_text, figure_about, incident_words
from core.analysis.query import corpus_views, country_names, display_value, period_text, place_text, source_link
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

MAX_QUERYWORDS = 12
PROSE_FIELDS = ("quote", "text", "summary", "note")  # preferred for the snippet under a result
WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")

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
    return [Token(m.group(), fold(m.group()), field_no, m.start(), m.end()) for m in WORD.finditer(text)]


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
    plain_names = Names.of(corpus)
    cited = plain_names.documents

    def note(text: str) -> str:
        return in_words(text, plain_names)

    out: list[Record] = []
    for r in corpus["groups"].itertuples(index=False):
        out.append(Record("groups", r.group_id, r.name, "groups?group=" + r.group_id, cited.get(r.doc_id, r.doc_id),
                          [("name", r.name), ("also", r.aliases), ("base", plain_names.words(r.base)),
                           ("quote", r.quote), ("note", note(r.note))]))
    for r in corpus["hotspots"].itertuples(index=False):
        out.append(Record("hotspots", r.hotspot_id, r.summary, source_link(r.doc_id, r.hotspot_id),
                          " · ".join(x for x in (place_names.get(r.place_id, r.place_id), r.wave, cited.get(r.doc_id, r.doc_id)) if x),
                          [("summary", r.summary), ("place", place_names.get(r.place_id, "")), ("quote", r.quote),
                           ("note", note(r.note))]))
    for r in corpus["incidents"].itertuples(index=False):
        where = place_text(place_names[r.place_id], r.place_inferred) if r.place_id in place_names else names.get(r.country_iso3, "")
        out.append(Record("incidents", r.incident_id, r.summary, source_link(r.doc_id, r.incident_id),
                          " · ".join(x for x in (date_text(r.date, r.date_inferred) or "undated", r.kind, where,
                                                 cited.get(r.doc_id, r.doc_id)) if x),
                          [("summary", r.summary),
                           ("who", " ".join(x for x in (r.perpetrator_origin, group_names.get(r.group_id, ""),
                                                        r.involvement) if x)),
                           ("ethnicity", r.ethnicity.replace(";", ", ")), ("targets", r.targets),
                           ("where", where), ("quote", r.quote), ("note", note(r.note))]))
    labels = dict(zip(corpus["indicators"]["indicator"], corpus["indicators"]["label"]))
    events = incident_words(corpus_views(corpus)[1])  # "attack in Crocus City Hall, 2024-03 (inferred)"
    channel_names = dict(zip(corpus["channels"]["channel_id"], corpus["channels"]["name"]))
    about = {**names, **place_names, **group_names, **events, **channel_names}
    figs_view = corpus_views(corpus)[0]  # its labels name what the tables above do not (a region, 'Central Asia')
    subject_labels = dict(zip(figs_view["figure_id"], figs_view["subject_label"]))
    related_labels = dict(zip(figs_view["figure_id"], figs_view["related_label"]))
    for r in corpus["figures"].to_dict("records"):
        title = f"{labels.get(r['indicator'], r['indicator'])}: {display_value(r)}"
        subject = figure_about(r["subject"], subject_labels.get(r["figure_id"], ""), r["related"],
                               related_labels.get(r["figure_id"], ""), r["related_as"], about)
        period = period_text(r["period_start"], r["period_end"])
        out.append(Record("figures", r["figure_id"], title, source_link(r["doc_id"], r["figure_id"]),
                          " · ".join(x for x in (subject, period, cited.get(r["doc_id"], r["doc_id"])) if x),
                          [("figure", title), ("about", subject), ("quote", r["quote"]), ("note", note(r["note"]))]))
    for r in corpus["channels"].itertuples(index=False):
        users = ", ".join(group_names.get(g, g) for g in _split(r.used_by))
        out.append(Record("channels", r.channel_id, r.name, source_link(r.doc_id, r.channel_id),
                          " · ".join(x for x in (r.kind, r.stance, r.languages.replace(";", ", "), cited.get(r.doc_id, r.doc_id)) if x),
                          [("name", r.name), ("used by", f"{users} {r.audience}"), ("quote", r.quote), ("note", note(r.note))]))
    return out


def _paragraph_records(corpus: Corpus) -> list[Record]:
    """Each paragraph (text between blank lines) of each document, linked to it on the Sources page."""
    titles = dict(zip(corpus["documents"]["doc_id"], corpus["documents"]["title"]))
    cited = short_citations(corpus)
    out: list[Record] = []
    for doc_id, doc in corpus.documents.items():
        number = 0
        for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", doc.text, flags=re.S):
            if not WORD.search(m.group()):
                continue
            number += 1
            title = titles.get(doc_id, doc_id)
            title = title if len(title) <= 70 else title[:69].rsplit(" ", 1)[0] + "\u2026"
            out.append(Record("passages", f"{doc_id}:{m.start()}-{m.end()}", "", passage_link(doc_id, m.start(), m.end()),
                              f"{title} ({cited.get(doc_id, doc_id)}), paragraph {number}", [("text", m.group())]))
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


