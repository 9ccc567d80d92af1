"""The curated tables: every table, column, type, allowed value and reference, in one place.

The validator checks the CSV files against these definitions, the data dictionary in docs/data.md is
generated from them (and a test keeps the two equal), and the app reads column labels from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")


def split_list(value) -> list[str]:
    """The items of a list column (';'-separated), stripped, blanks dropped."""
    return [v.strip() for v in str(value or "").split(";") if v.strip()]

QUALIFIERS = ("exact", "about", "almost", "at least", "more than", "up to", "less than", "range", "magnitude")
DATE_PRECISIONS = ("day", "month", "year")
GEO_PRECISIONS = ("exact", "city", "district", "province", "region", "country")
PLACE_KINDS = (
    "city", "district", "province", "region", "camp", "border area", "venue", "mountain area",
    "neighbourhood", "country", "town", "military site", "prison",
)
RELATIONS = ("ally", "rival", "enemy", "ambiguous")
WAVES = ("Afghanistan 1990s", "Syria from 2012", "Afghanistan after 2021")
CHANNEL_KINDS = (
    "online platform", "messaging app", "media outlet", "physical venue", "personal network",
    "website", "audio/radio", "print",
)
STANCES = ("used", "not used")
INVOLVEMENTS = ("carried out", "claimed", "attributed", "inspired by", "joined", "targeted")
COUNTS = ("men", "women", "children", "women and children", "orphans")
# How a figure bears on its `related` id, in the words a reader's sentence uses ("Tajikistan, in Russia").
RELATED_AS = ("in", "near", "to", "from", "joining", "by", "within", "among", "share of")
DOC_KINDS = ("journal article", "policy report", "blog post", "news analysis", "magazine article", "news article")
TOPICS = ("mobilization", "repatriation", "recruitment", "migration", "violence", "groups", "context")

# Incident kinds and the broader category each belongs to (the Attacks page filters on category).
INCIDENT_KINDS = {
    "attack": "attack", "suicide attack": "attack", "mass shooting": "attack", "bombing": "attack",
    "shelling": "attack", "killing": "attack", "assassination": "attack",
    # a state's strike on militants (the US drone strike on al-Zawahiri): not an attack the dashboard counts
    "drone strike": "state strike", "military raid": "state strike",
    "plot": "plot", "arrest": "arrest", "court verdict": "court case",
    "pledge of allegiance": "group event", "founding": "group event", "ban": "group event",
    "meeting": "group event", "prison release": "group event", "announcement": "group event",
    "relocation": "group event",
    "repatriation programme": "policy", "policy measure": "policy",
    "local conflict": "unrest",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text | id | int | float | date | enum | list
    description: str
    required: bool = False
    allowed: tuple[str, ...] = ()
    ref: str | None = None  # "table" whose key this column must name; "subject" = any id or ISO3
    unit: str = ""
    bounds: tuple[float, float] | None = None  # (minimum, maximum) of a number column


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: str | None = None
    quoted: bool = False  # every row carries doc_id and a verbatim quote

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _provenance(note: str = "Curator's note: inferences, conventions, caveats.") -> tuple[Column, ...]:
    return (
        Column("doc_id", "id", "Document the row comes from.", required=True, ref="documents"),
        Column("quote", "text", "Verbatim passage of that document supporting the row.", required=True),
        Column("note", "text", note),
    )


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "documents",
            "The source documents, one row each; their full text is in seeds/.",
            key="doc_id",
            columns=(
                Column("doc_id", "id", "Short stable identifier.", required=True),
                Column("title", "text", "Title as printed.", required=True),
                Column("authors", "text", "Authors as printed; ';'-separated; blank if none named."),
                Column("publisher", "text", "Publisher or outlet named in the document."),
                Column("published", "date", "Publication date (ISO date or year), as stated or inferred; 'unknown' where neither is possible.", required=True),
                Column("published_basis", "enum", "'stated' when the document gives its date, 'inferred' when it is inferred from the text (the note says how); required with a date.",
                       allowed=("stated", "inferred")),
                Column("published_text", "text", "The date as citations write it when it is not exact ('late 2021', '2023 or later'); blank to write the date itself."),
                Column("kind", "enum", "What sort of document it is.", required=True, allowed=DOC_KINDS),
                Column("file", "text", "File name in seeds/.", required=True),
                Column("note", "text", "What the document says about its own date or origin."),
            ),
        ),
        Table(
            "countries",
            "Countries the tables name (ISO 3166-1 alpha-3), for labels and the country filter.",
            key="iso3",
            columns=(
                Column("iso3", "id", "ISO 3166-1 alpha-3 code.", required=True),
                Column("name", "text", "English short name.", required=True),
                Column("central_asia", "enum", "'yes' for the five Central Asian states.", required=True, allowed=("yes", "no")),
                Column("other_names", "list", "Adjectives, demonyms and short names for the country or its nationals "
                       "(Tajik, Tajikistani, UAE); ';'-separated. Search, profiles and curation proposals match them."),
            ),
        ),
        Table(
            "places",
            "Every place another table refers to.",
            key="place_id",
            columns=(
                Column("place_id", "id", "Short stable identifier.", required=True),
                Column("name", "text", "Display name.", required=True),
                Column("alt_names", "list", "Other spellings and names; ';'-separated."),
                Column("country_iso3", "id", "Country the place is in (blank for multi-country regions).", ref="countries"),
                Column("admin1", "text", "First-level region (province, oblast) as named in the boundary data."),
                Column("kind", "enum", "What sort of place.", required=True, allowed=PLACE_KINDS),
                Column("lat", "float", "Latitude of the point drawn for the place (WGS84).", required=True, unit="degrees", bounds=(-90, 90)),
                Column("lon", "float", "Longitude of the point drawn for the place (WGS84).", required=True, unit="degrees", bounds=(-180, 180)),
                Column("geo_precision", "enum", "How precisely lat/lon locate what the documents mean.", required=True, allowed=GEO_PRECISIONS),
                Column("boundary", "text", "Outline drawn for the place: 'aravan_district', 'admin1:<ISO 3166-2>' or 'country:<ISO3>'; blank for a point only."),
                Column("note", "text", "Where the coordinates come from."),
                Column("spans", "list", "For a region across several states (Central Asia; Syria and Iraq): those states "
                       "(ISO3, ';'-separated). A figure about the region is found under each state's filter, as a figure "
                       "about several states together, never as the state's own.", ref="countries"),
            ),
        ),
        Table(
            "groups",
            "Armed groups and movements the documents describe.",
            key="group_id",
            quoted=True,
            columns=(
                Column("group_id", "id", "Short stable identifier.", required=True),
                Column("name", "text", "Display name.", required=True),
                Column("aliases", "list", "Other names and acronyms; ';'-separated."),
                Column("base", "text", "Where the documents place the group (a place_id or words)."),
                Column("base_when", "text", "When the document places it there ('until 2001'); blank where it does not say."),
                Column("founded", "date", "Founding date or year, where a document states it."),
                Column("relation_to_taliban", "enum", "Relation to the Taliban as the quote supports it; blank if not stated.", allowed=RELATIONS),
                *_provenance(),
            ),
        ),
        Table(
            "incidents",
            "Attacks, plots, strikes, assassinations, arrests, court verdicts and dated group events.",
            key="incident_id",
            quoted=True,
            columns=(
                Column("incident_id", "id", "Short stable identifier.", required=True),
                Column("event_id", "id", "The event the row reports: rows of different documents about the same event share it (ev-2017-st-petersburg-metro).", required=True),
                Column("date", "date", "ISO date, as precise as the text allows (YYYY, YYYY-MM or YYYY-MM-DD); blank if the document gives none."),
                Column("date_precision", "enum", "Precision of date (required when date is set).", allowed=DATE_PRECISIONS),
                Column("date_inferred", "enum", "'yes' when the document implies but does not state the date (the note says how it was inferred).", allowed=("yes",)),
                Column("place_id", "id", "Where it happened (most precise place known); blank if not stated.", ref="places"),
                Column("place_inferred", "enum", "'yes' when the document implies but does not name the place (the note says how it was inferred).", allowed=("yes",)),
                Column("country_iso3", "id", "Country where it happened; blank if not stated.", ref="countries"),
                Column("kind", "enum", "What happened.", required=True, allowed=tuple(INCIDENT_KINDS)),
                Column("group_id", "id", "Group the document links to it; blank if none.", ref="groups"),
                Column("involvement", "enum", "How the document links the group: it carried it out, claimed it, was blamed for it (attributed), inspired it, was joined by someone, or was the target (a ban, a strike); required with a group.",
                       allowed=INVOLVEMENTS),
                Column("perpetrator_origin", "text", "Who carried it out (or, for an arrest or plot, the suspects), as the document words it."),
                Column("nationality", "list", "Their citizenship as stated (ISO3, ';'-separated); an ethnic label is not a nationality.", ref="countries"),
                Column("ethnicity", "list", "Ethnic labels the document gives them (Uzbek, Uighur), kept apart from nationality; ';'-separated."),
                Column("targets", "text", "Who was targeted, detained, harmed or otherwise affected, as stated; never counted among those who carried it out."),
                Column("target_nationality", "list", "The citizenship of those targeted, as stated (ISO3, ';'-separated).", ref="countries"),
                Column("killed", "int", "People killed, where stated; blank if unknown.", unit="people"),
                Column("wounded", "int", "People wounded, where stated; blank if unknown.", unit="people"),
                Column("summary", "text", "One plain sentence.", required=True),
                Column("key_event", "enum", "'yes' when the curator marks it as an event readers look for: timelines label it (events with casualties stated are labelled anyway).", allowed=("yes",)),
                *_provenance(),
            ),
        ),
        Table(
            "indicators",
            "Controlled vocabulary of what figures count.",
            key="indicator",
            columns=(
                Column("indicator", "id", "Identifier used in figures.csv.", required=True),
                Column("label", "text", "Axis label.", required=True),
                Column("unit", "text", "Unit of every figure with this indicator.", required=True),
                Column("definition", "text", "Exactly what is counted (who is included, who is not).", required=True),
                Column("topic", "enum", "Dashboard topic.", required=True, allowed=TOPICS),
                Column("priority", "int", "Order of importance in a profile or brief: 1 first (mobilization, returns, violence, recruitment), context last.", required=True),
            ),
        ),
        Table(
            "figures",
            "Every quantitative statement, one number per row.",
            key="figure_id",
            quoted=True,
            columns=(
                Column("figure_id", "id", "Short stable identifier.", required=True),
                Column("indicator", "id", "What is counted.", required=True, ref="indicators"),
                Column("subject", "id", "Who or what the number is about: ISO3 code, group_id, place_id, channel_id or incident_id.", required=True, ref="subject"),
                Column("related", "id", "A second id the number relates to (destination, origin); blank if none.", ref="subject"),
                Column("related_as", "enum", "How the number bears on `related`, as a reader's sentence says it: "
                       "'in' Russia, 'share of' Kyrgyzstan, 'from' Tajikistan, 'joining' the IMU; blank when there is no "
                       "`related`, or when it only repeats the place of the incident the number is about (it is then not said).",
                       allowed=RELATED_AS),
                Column("value", "float", "The number; blank for ranges and magnitudes.", unit="see unit"),
                Column("low", "float", "Lower end of a range or bound.", unit="see unit"),
                Column("high", "float", "Upper end of a range or bound.", unit="see unit"),
                Column("qualifier", "enum", "How the document qualifies the number.", required=True, allowed=QUALIFIERS),
                Column("value_text", "text", "The number as written in the document.", required=True),
                Column("unit", "text", "Unit (equals the indicator's unit).", required=True),
                Column("counts", "enum", "Whom the number counts when it is part of a total: men, women, children...; blank for everyone the indicator counts.",
                       allowed=COUNTS),
                Column("part_of", "id", "The figure (same document) of the total this number is part of; blank if none.", ref="figures"),
                Column("period_start", "date", "Start of the period counted; blank if not given."),
                Column("period_end", "date", "End of the period counted; blank if not given."),
                Column("period_inferred", "enum", "'yes' when the document implies but does not state the period "
                       "('6 months of last year' in a report of 2023; the note says how it was inferred).", allowed=("yes",)),
                *_provenance(),
            ),
        ),
        Table(
            "hotspots",
            "Places the documents single out as hotspots of mobilization.",
            key="hotspot_id",
            quoted=True,
            columns=(
                Column("hotspot_id", "id", "Short stable identifier.", required=True),
                Column("place_id", "id", "The hotspot.", required=True, ref="places"),
                Column("place_inferred", "enum", "'yes' when the document implies but does not name the place (the note says how it was inferred).", allowed=("yes",)),
                Column("country_iso3", "id", "Its country.", required=True, ref="countries"),
                Column("wave", "enum", "Wave of mobilization the document places it in; blank where it states none.", allowed=WAVES),
                Column("summary", "text", "What the document says about it.", required=True),
                *_provenance(),
            ),
        ),
        Table(
            "waves",
            "The waves of mobilization the documents describe, each told by a quote and counted by the figures that count it.",
            key="wave_id",
            quoted=True,
            columns=(
                Column("wave_id", "id", "Short stable identifier.", required=True),
                Column("label", "enum", "The wave as hotspots.csv names it.", required=True, allowed=WAVES),
                Column("title", "text", "Title shown on the Overview.", required=True),
                Column("when", "text", "When, as the documents put it.", required=True),
                Column("year_start", "int", "First year the wave covers (for the year filter).", required=True, unit="year"),
                Column("year_end", "int", "Last year the wave covers, as a document states it; blank if it has not ended.", unit="year"),
                Column("counted_by", "list", "Figures that count the people who left in this wave (figure ids, ';'-separated); blank when no document counts them.", ref="figures"),
                Column("count_doc_id", "id", "Where no figure counts the wave: the document that says so.", ref="documents"),
                Column("count_quote", "text", "Its verbatim passage (required when counted_by is blank)."),
                *_provenance(),
            ),
        ),
        Table(
            "key_points",
            "Key points: short statements in the curator's words, each resting on one quote, that open the Overview, a wave, a country profile and its brief.",
            key="key_point_id",
            quoted=True,
            columns=(
                Column("key_point_id", "id", "Short stable identifier.", required=True),
                Column("scope", "id", "What it is about: an ISO3 code, a wave_id, or 'region' (Central Asia as a whole).", required=True),
                Column("rank", "int", "Order within its scope: 1 first.", required=True),
                Column("statement", "text", "The point in plain words (at most 25 words; every number in it is in the quote).", required=True),
                *_provenance(),
            ),
        ),
        Table(
            "channels",
            "Recruitment and propaganda channels, one claim per row.",
            key="channel_id",
            quoted=True,
            columns=(
                Column("channel_id", "id", "Short stable identifier of the claim.", required=True),
                Column("name", "text", "Channel name, shared by claims about the same channel.", required=True),
                Column("kind", "enum", "What sort of channel.", required=True, allowed=CHANNEL_KINDS),
                Column("stance", "enum", "'used' or 'not used' for recruitment, as the document claims.", required=True, allowed=STANCES),
                Column("languages", "list", "Languages, ';'-separated."),
                Column("used_by", "list", "group_ids, ';'-separated.", ref="groups"),
                Column("audience", "text", "Whom it reaches, as stated."),
                *_provenance(),
            ),
        ),
        Table(
            "excluded",
            "Numbers in the documents deliberately not curated, with the reason.",
            columns=(
                Column("doc_id", "id", "Document.", required=True, ref="documents"),
                Column("number", "text", "The number as written.", required=True),
                Column("context", "text", "Verbatim snippet around it.", required=True),
                Column("reason", "text", "Why it is not a curated figure.", required=True),
            ),
        ),
    )
}

# Tables whose rows each carry a doc_id and a verbatim quote.
QUOTED_TABLES = tuple(name for name, table in TABLES.items() if table.quoted)

# Tables whose keys may appear in figures.subject / figures.related.
SUBJECT_TABLES = ("countries", "groups", "places", "channels", "incidents")


@dataclass
class Problem:
    """One thing wrong with a curated file, printed as file:row:column: message."""

    file: str
    row: int | str
    column: str
    message: str
    table: str = field(default="")

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"
