"""Check the curated tables against the schema and the documents.

Each check yields Problems (file:row:column: message); nothing here raises on bad data.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path

import pandas as pd

from core.data.numbers import scan_numbers
from core.data.quotes import Document
from core.data.schema import INCIDENT_KINDS, SUBJECT_TABLES, TABLES, Problem, Table

KEY_POINT_WORDS = 25  # a key point is read at a glance

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(text: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', or None if it is not a real date."""
    m = _DATE.match(text)
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


def date_precision(text: str) -> str | None:
    parsed = parse_partial_date(text)
    if parsed is None:
        return None
    return "day" if parsed[2] else "month" if parsed[1] else "year"


class _Checker:
    def __init__(self, raw: dict[str, pd.DataFrame], lines: dict[str, list[int]]):
        self.raw, self.lines, self.problems = raw, lines, []
        self._rows: dict[str, list[dict[str, str]]] = {}

    def add(self, table: Table, i: int, column: str, message: str) -> None:
        line = self.lines[table.name][i] if i < len(self.lines[table.name]) else "-"
        self.problems.append(Problem(table.file, line, column, message, table.name))

    def rows(self, name: str) -> list[dict[str, str]]:
        """The table's rows as plain dicts: a cell read per row from a DataFrame costs a hundred times more."""
        if name not in self._rows:
            self._rows[name] = self.raw[name].to_dict("records")
        return self._rows[name]

    def keys(self, name: str) -> set[str]:
        table = TABLES[name]
        return set(self.raw[name][table.key]) - {""} if table.key else set()


def _check_cells(ck: _Checker, table: Table) -> None:
    frame = ck.raw[table.name]
    for column in table.columns:
        if column.name in frame.attrs.get("missing_columns", ()):
            continue
        for i, value in enumerate(frame[column.name]):
            if value == "":
                if column.required:
                    ck.add(table, i, column.name, "required value is blank")
                continue
            if column.kind == "int" and not re.fullmatch(r"\d+", value):
                ck.add(table, i, column.name, f"'{value}' is not a whole number")
            elif column.kind == "float":
                try:
                    float(value)
                except ValueError:
                    ck.add(table, i, column.name, f"'{value}' is not a number")
            elif column.kind == "date" and value != "unknown" and parse_partial_date(value) is None:
                ck.add(table, i, column.name, f"'{value}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
            elif column.kind == "date" and value == "unknown" and table.name != "documents":
                ck.add(table, i, column.name, "leave the date blank when it is unknown")
            elif column.kind == "enum" and value not in column.allowed:
                ck.add(table, i, column.name, f"'{value}' is not one of: {', '.join(column.allowed)}")
            elif column.kind == "id" and not _ID.match(value):
                ck.add(table, i, column.name, f"'{value}' is not a valid identifier (letters, digits, _ . -)")


def _check_unique(ck: _Checker, table: Table) -> None:
    if not table.key:
        return
    seen: dict[str, int] = {}
    for i, value in enumerate(ck.raw[table.name][table.key]):
        if value and value in seen:
            first = ck.lines[table.name][seen[value]]
            ck.add(table, i, table.key, f"duplicate id '{value}' (first used on row {first})")
        seen.setdefault(value, i)


def _check_refs(ck: _Checker, table: Table) -> None:
    subject_ids = set().union(*(ck.keys(t) for t in SUBJECT_TABLES))
    frame = ck.raw[table.name]
    for column in table.columns:
        if not column.ref:
            continue
        known = subject_ids if column.ref == "subject" else ck.keys(column.ref)
        what = "id (ISO3, group, place, channel or incident)" if column.ref == "subject" else f"{TABLES[column.ref].key}"
        for i, value in enumerate(frame[column.name]):
            values = [v.strip() for v in value.split(";")] if column.kind == "list" else [value]
            for v in values:
                if v and v not in known:
                    label = "ISO3 code" if column.ref == "countries" else what
                    ck.add(table, i, column.name, f"unknown {label} '{v}' (not in {TABLES[column.ref].file if column.ref != 'subject' else 'any id table'})")


def _floats(row: dict[str, str], *columns: str) -> list[float | None]:
    out = []
    for c in columns:
        try:
            out.append(float(row[c]) if row[c] != "" else None)
        except ValueError:
            out.append(None)
    return out


def _check_places(ck: _Checker) -> None:
    table = TABLES["places"]
    for i, row in enumerate(ck.rows("places")):
        lat, lon = _floats(row, "lat", "lon")
        if lat is not None and not -90 <= lat <= 90:
            ck.add(table, i, "lat", f"latitude {lat:g} is out of range (-90 to 90)")
        if lon is not None and not -180 <= lon <= 180:
            ck.add(table, i, "lon", f"longitude {lon:g} is out of range (-180 to 180)")
        boundary = row["boundary"]
        if boundary and not re.fullmatch(r"aravan_district|admin1:[A-Z]{2}-[A-Z0-9]+|country:[A-Z]{3}", boundary):
            ck.add(table, i, "boundary", f"'{boundary}' is not aravan_district, admin1:<code> or country:<ISO3>")


def _check_figures(ck: _Checker) -> None:
    table = TABLES["figures"]
    units = dict(zip(ck.raw["indicators"]["indicator"], ck.raw["indicators"]["unit"]))
    for i, row in enumerate(ck.rows("figures")):
        value, low, high = _floats(row, "value", "low", "high")
        qualifier = row["qualifier"]
        if low is not None and high is not None and low > high:
            ck.add(table, i, "low", f"low {low:g} is above high {high:g}")
        if value is not None and low is not None and value < low:
            ck.add(table, i, "value", f"value {value:g} is below low {low:g}")
        if value is not None and high is not None and value > high:
            ck.add(table, i, "value", f"value {value:g} is above high {high:g}")
        if qualifier == "range" and (low is None or high is None):
            ck.add(table, i, "qualifier", "a range needs both low and high")
        elif qualifier == "magnitude" and any(v is not None for v in (value, low, high)):
            ck.add(table, i, "qualifier", "a magnitude ('hundreds') has no value, low or high")
        elif qualifier not in ("range", "magnitude", "") and value is None:
            ck.add(table, i, "value", f"qualifier '{qualifier}' needs a value")
        indicator, unit = row["indicator"], row["unit"]
        if indicator in units and unit and unit != units[indicator]:
            ck.add(table, i, "unit", f"unit '{unit}' differs from the unit of indicator '{indicator}' ('{units[indicator]}')")
        start, end = row["period_start"], row["period_end"]
        if parse_partial_date(start) and parse_partial_date(end) and start[:len(end)] > end[:len(start)]:
            ck.add(table, i, "period_end", f"period ends ({end}) before it starts ({start})")
        if row["period_inferred"] == "yes":
            if not (start or end):
                ck.add(table, i, "period_inferred", "says the period is inferred, but period_start and period_end are blank")
            if not row["note"]:
                ck.add(table, i, "note", "say how the period was inferred")
        if row["related_as"] and not row["related"]:
            ck.add(table, i, "related_as", f"'{row['related_as']}' says how the number bears on `related`, "
                                           "which is blank: name the id, or leave both blank")


def _span(when: str) -> tuple[date, date] | None:
    """The first and last day a partial date may mean."""
    parsed = parse_partial_date(when)
    if parsed is None:
        return None
    year, month, day = parsed
    if day:
        return date(year, month, day), date(year, month, day)
    if month:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


def _check_incidents(ck: _Checker) -> None:
    table = TABLES["incidents"]
    events: dict[str, int] = {}  # event_id -> first row
    for i, row in enumerate(ck.rows("incidents")):
        when, precision = row["date"], row["date_precision"]
        actual = date_precision(when)
        if when and not precision:
            ck.add(table, i, "date_precision", "required when date is set (day, month or year)")
        if actual and precision in ("day", "month", "year") and actual != precision:
            ck.add(table, i, "date_precision", f"'{precision}' does not match the date '{when}' (a {actual})")
        group, involvement = row["group_id"], row["involvement"]
        if group and not involvement:
            ck.add(table, i, "involvement", "required when group_id is set (carried out, claimed, attributed, inspired by, joined or targeted)")
        if involvement and not group:
            ck.add(table, i, "involvement", "says how a group is involved, but group_id is blank")
        _check_inferred_place(ck, table, i)
        event = row["event_id"]
        if event in events:
            _check_same_event(ck, table, events[event], i)
        elif event:
            events[event] = i


def _check_same_event(ck: _Checker, table: Table, first: int, i: int) -> None:
    """Rows that report the same event must agree on what can be checked: when, where, what kind."""
    rows, line = ck.rows("incidents"), ck.lines["incidents"][first]
    a, b = _span(rows[first]["date"]), _span(rows[i]["date"])
    if a and b and (a[1] < b[0] or b[1] < a[0]):
        ck.add(table, i, "event_id", f"its date {rows[i]['date']} cannot be the date of the same event on row "
                                     f"{line} ({rows[first]['date']})")
    where_a, where_b = rows[first]["country_iso3"], rows[i]["country_iso3"]
    if where_a and where_b and where_a != where_b:
        ck.add(table, i, "event_id", f"its country {where_b} differs from the same event's on row {line} ({where_a})")
    kind_a, kind_b = (INCIDENT_KINDS.get(rows[r]["kind"]) for r in (first, i))
    if kind_a and kind_b and kind_a != kind_b:
        ck.add(table, i, "event_id", f"a {kind_b} cannot be the same event as the {kind_a} on row {line}")


def _check_inferred_place(ck: _Checker, table: Table, i: int) -> None:
    row = ck.rows(table.name)[i]
    if row["place_inferred"] == "yes":
        if not row["place_id"]:
            ck.add(table, i, "place_inferred", "says the place is inferred, but place_id is blank")
        if not row["note"]:
            ck.add(table, i, "note", "say how the place was inferred")


def _check_quotes(ck: _Checker, table: Table, documents: dict[str, Document]) -> None:
    quote_column = "context" if table.name == "excluded" else "quote"
    for i, row in enumerate(ck.rows(table.name)):
        doc_id, quote = row["doc_id"], row[quote_column]
        if not quote or doc_id not in documents:
            continue
        spans = documents[doc_id].find(quote) if quote_column == "quote" else documents[doc_id].find_all(quote) or None
        if spans is None:
            ck.add(table, i, quote_column, f"not found verbatim in document '{doc_id}': \"{quote[:80]}\"")


def _check_document_dates(ck: _Checker) -> None:
    table = TABLES["documents"]
    for i, row in enumerate(ck.rows("documents")):
        published, basis, text = row["published"], row["published_basis"], row["published_text"]
        dated = parse_partial_date(published) is not None
        if dated and not basis:
            ck.add(table, i, "published_basis", "required with a date: stated or inferred")
        if basis and not dated:
            ck.add(table, i, "published_basis", "says how the date is known, but published gives no date")
        if basis == "inferred" and not row["note"]:
            ck.add(table, i, "note", "say how the date was inferred")
        if text and (not dated or published[:4] not in text):
            ck.add(table, i, "published_text", f"'{text}' does not name the year of published ({published})")


def _check_figure_parts(ck: _Checker) -> None:
    table, rows = TABLES["figures"], ck.rows("figures")
    position = {row["figure_id"]: r for r, row in enumerate(rows)}
    for i, row in enumerate(rows):
        total = row["part_of"]
        if not total or total not in position:
            continue
        whole = rows[position[total]]
        if position[total] == i:
            ck.add(table, i, "part_of", "a figure cannot be part of itself")
        elif whole["doc_id"] != row["doc_id"]:
            ck.add(table, i, "part_of", f"{total} comes from another document")
        elif whole["indicator"] != row["indicator"]:
            ck.add(table, i, "part_of", f"{total} counts {whole['indicator']}, not {row['indicator']}")
        elif whole["part_of"]:
            ck.add(table, i, "part_of", f"{total} is itself part of {whole['part_of']}: name the total")


def _check_waves(ck: _Checker, documents: dict[str, Document]) -> None:
    table = TABLES["waves"]
    for i, row in enumerate(ck.rows("waves")):
        start, end = _floats(row, "year_start", "year_end")
        if start is not None and end is not None and end < start:
            ck.add(table, i, "year_end", f"the wave ends ({end:g}) before it starts ({start:g})")
        if row["counted_by"]:
            continue
        doc_id, quote = row["count_doc_id"], row["count_quote"]
        if not doc_id or not quote:
            ck.add(table, i, "count_quote", "no figure counts this wave: quote the passage that says so (count_doc_id, count_quote)")
        elif doc_id in documents and documents[doc_id].find(quote) is None:
            ck.add(table, i, "count_quote", f"not found verbatim in document '{doc_id}': \"{quote[:80]}\"")


def _check_key_points(ck: _Checker) -> None:
    table = TABLES["key_points"]
    scopes = ck.keys("countries") | ck.keys("waves") | {"region"}
    ranks: dict[tuple[str, str], int] = {}
    for i, row in enumerate(ck.rows("key_points")):
        scope, rank, statement, quote = row["scope"], row["rank"], row["statement"], row["quote"]
        if scope and scope not in scopes:
            ck.add(table, i, "scope", f"'{scope}' is not an ISO3 code in countries.csv, a wave_id or 'region'")
        if (scope, rank) in ranks and rank:
            ck.add(table, i, "rank", f"rank {rank} of '{scope}' is also on row {ck.lines['key_points'][ranks[scope, rank]]}")
        ranks.setdefault((scope, rank), i)
        words = len(statement.split())
        if words > KEY_POINT_WORDS:
            ck.add(table, i, "statement", f"{words} words; a key point has at most {KEY_POINT_WORDS}")
        held = scan_numbers("quote", quote)
        for number in scan_numbers("statement", statement):
            if not any(_same_number(number, other) for other in held):
                ck.add(table, i, "statement", f"the number '{number.text}' is not in its quote")


def _same_number(a, b) -> bool:
    if a.value is None or b.value is None:
        return a.value is None and b.value is None and a.text.lower() in b.text.lower()
    return abs(a.value - b.value) <= 1e-6 * max(1.0, abs(a.value))


def _check_channels(ck: _Checker) -> None:
    """Claims about one channel (rows sharing its name) code it as the same kind of channel."""
    table, rows = TABLES["channels"], ck.rows("channels")
    first: dict[str, int] = {}
    for i, row in enumerate(rows):
        name, kind = row["name"], row["kind"]
        if name in first and kind != rows[first[name]]["kind"]:
            ck.add(table, i, "kind", f"'{kind}' differs from the kind of the same channel on row "
                                     f"{ck.lines['channels'][first[name]]} ('{rows[first[name]]['kind']}')")
        first.setdefault(name, i)


def _check_documents(ck: _Checker, seeds_dir: Path) -> None:
    table, frame = TABLES["documents"], ck.raw["documents"]
    if not seeds_dir.is_dir():
        return
    for i, file in enumerate(frame["file"]):
        if file and not (seeds_dir / file).is_file():
            ck.add(table, i, "file", f"'{file}' is not in seeds/")
    listed = set(frame["file"])
    for path in sorted(seeds_dir.glob("*.txt")):
        if path.name not in listed:
            ck.problems.append(Problem(table.file, "-", "file", f"seeds/{path.name} has no row in documents.csv", table.name))


def validate_tables(
    raw: dict[str, pd.DataFrame], lines: dict[str, list[int]], documents: dict[str, Document], seeds_dir: Path
) -> list[Problem]:
    """Every problem in the tables (already read) beyond those found while reading them."""
    ck = _Checker(raw, lines)
    for table in TABLES.values():
        _check_cells(ck, table)
        _check_unique(ck, table)
        _check_refs(ck, table)
        if table.quoted or table.name == "excluded":
            _check_quotes(ck, table, documents)
    _check_places(ck)
    _check_figures(ck)
    _check_figure_parts(ck)
    _check_incidents(ck)
    for i in range(len(ck.raw["hotspots"])):
        _check_inferred_place(ck, TABLES["hotspots"], i)
    _check_waves(ck, documents)
    _check_key_points(ck)
    _check_document_dates(ck)
    _check_channels(ck)
    _check_documents(ck, seeds_dir)
    _check_id_namespaces(ck)
    return ck.problems


def _check_id_namespaces(ck: _Checker) -> None:
    """figures.subject must resolve to exactly one thing: no id may be used by two id tables."""
    owner: dict[str, str] = {}
    for name in SUBJECT_TABLES:
        table = TABLES[name]
        for i, key in enumerate(ck.raw[name][table.key]):
            if key and key in owner and owner[key] != name:
                ck.add(table, i, table.key, f"id '{key}' is also used in {owner[key]}.csv; figures.subject would be ambiguous")
            owner.setdefault(key, name)
