"""Filter state and the URL: one place that reads, checks, writes and describes the filters.

A link must reproduce a view on any page, so every filter lives in the query string:
    ?country=KAZ,TJK&from=2015&to=2024&undated=0&kind=attack,plot&group=iskp&indicator=...&doc=uwed&row=fig-uwed-001
    (page-scoped: ?q=... on Search and Data, ?iso=TJK on a country profile, ?doc=uwed&passage=1200-1460
    on Sources: a passage of a document as character offsets into its text)
Values that make no sense are dropped with a notice in plain words; nothing here raises. A link
with more than MAX_LINK_FIELDS values is ignored as a whole with one notice (the server sends a link
too long for Streamlit to read, which Streamlit would drop without a word, here as ?link=too-long),
and every unknown key, or every value too long, makes one notice together, not one each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Mapping

import pandas as pd

from core.data.loading import Corpus
from core.data.schema import CENTRAL_ASIA, INCIDENT_KINDS, QUOTED_TABLES, TABLES

MAX_PARAM_LENGTH = 500
# The Attacks page shows these categories of event unless the reader chooses others.
DEFAULT_KINDS = ("attack", "plot")
MAX_LINK_FIELDS = 50  # values in one link (a link the app writes has at most 15)
TOO_LONG = "too-long"  # ?link=too-long: the server's word for a link it would not pass on
YEAR_BOUNDS = (1990, 2026)

# Keys the app understands; any other key in a URL is ignored with a notice.
KEYS = ("country", "from", "to", "undated", "kind", "group", "indicator", "colour", "doc", "row", "hotspot", "table", "q", "iso",
        "passage", "tab", "link")


@dataclass(frozen=True)
class Options:
    """What a URL may ask for, read from the data."""

    countries: dict[str, str]  # ISO3 -> name
    kinds: tuple[str, ...]
    groups: dict[str, str]  # group_id -> name
    indicators: dict[str, str]  # indicator -> label
    documents: dict[str, str]  # doc_id -> title
    row_ids: frozenset[str] = frozenset()
    hotspots: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    year_bounds: tuple[int, int] = YEAR_BOUNDS


def options(corpus: Corpus) -> Options:
    """What a link may ask for, read from the data: its countries, kinds, groups, rows and years."""
    years = pd.concat([corpus["incidents"]["date"].str[:4], corpus["figures"]["period_start"].str[:4],
                       corpus["figures"]["period_end"].str[:4]])
    years = pd.to_numeric(years, errors="coerce").dropna()
    low = int(years.min()) if len(years) else YEAR_BOUNDS[0]
    high = int(years.max()) if len(years) else YEAR_BOUNDS[1]
    row_ids = set().union(*(set(corpus[name][TABLES[name].key]) for name in QUOTED_TABLES))
    table = {name: corpus[name] for name in ("countries", "groups", "indicators", "documents")}
    return Options(
        countries=dict(zip(table["countries"]["iso3"], table["countries"]["name"])),
        kinds=tuple(dict.fromkeys(INCIDENT_KINDS.values())),
        groups=dict(zip(table["groups"]["group_id"], table["groups"]["name"])),
        indicators=dict(zip(table["indicators"]["indicator"], table["indicators"]["label"])),
        documents=dict(zip(table["documents"]["doc_id"], table["documents"]["title"])),
        row_ids=frozenset(row_ids),
        hotspots=tuple(corpus["hotspots"]["place_id"].unique()),
        tables=tuple(TABLES),
        year_bounds=(min(low, YEAR_BOUNDS[0]), max(high, YEAR_BOUNDS[1])),
    )


@dataclass(frozen=True)
class Filters:
    countries: tuple[str, ...] = ()  # empty = all countries
    year_from: int | None = None
    year_to: int | None = None
    include_undated: bool = False  # with a year range set: also rows with no date (counted apart)
    kinds: tuple[str, ...] = ()  # incident categories; empty = all
    groups: tuple[str, ...] = ()
    indicator: str | None = None
    colour: str = "kind"  # colour the timeline by "kind" or "group"
    doc: str | None = None
    row: str | None = None
    hotspot: str | None = None
    table: str | None = None
    search: str = ""
    iso: str | None = None  # the country whose profile is open (/country?iso=TJK)
    passage: tuple[int, int] | None = None  # (start, end) character offsets into the text of `doc`
    tab: str | None = None  # the page's open tab as its slug ("map"), when not its first (ui.state.page_tabs)
    notices: tuple[str, ...] = field(default=(), compare=False)

    @property
    def year_range(self) -> tuple[int | None, int | None]:
        return self.year_from, self.year_to


NOT_REPORTED = "not reported"  # no document gives the figure (which is not zero)
NONE_IN_YEARS = "none in these years"  # with a year range set: none dated in it (others may be undated or earlier)


def absent_words(filters: Filters) -> str:
    """What a cell or bar with no figure says. With a year range set the figures left out are those
    dated outside it and (unless included) the undated ones, so "not reported" would claim too much."""
    return NONE_IN_YEARS if filters.year_from is not None or filters.year_to is not None else NOT_REPORTED


def absent_caption(filters: Filters) -> str:
    """The sentence that explains absent_words(filters) under a table or chart."""
    if absent_words(filters) == NOT_REPORTED:
        return "\u201cnot reported\u201d means no document gives the figure, which is not zero."
    return ("\u201cnone in these years\u201d means no figure is dated in the chosen years; a document may give one "
            "for other years" + ("." if filters.include_undated else " or with no date (\u201cAlso show rows with no "
                                 "date\u201d adds those)."))


def _first(params: Mapping, key: str) -> str | None:
    value = params.get(key)
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    return None if value is None else str(value)


def _clip(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "…"


def _list(params: Mapping, key: str, allowed, label: str, notices: list[str]) -> tuple[str, ...]:
    raw = _first(params, key)
    if not raw:
        return ()
    out: list[str] = []
    for item in raw.split(","):
        item = item.strip()
        if not item:
            continue
        if item in allowed and item not in out:
            out.append(item)
        elif item not in allowed:
            notices.append(f"Ignored {label} \u201c{_clip(item)}\u201d in the link: not in the data.")
    return tuple(out)


def _choice(params: Mapping, key: str, allowed, label: str, notices: list[str]) -> str | None:
    raw = _first(params, key)
    if raw is None or raw == "":
        return None
    if raw in allowed:
        return raw
    notices.append(f"Ignored {label} \u201c{_clip(raw)}\u201d in the link: not in the data.")
    return None


def tab_slug(label: str) -> str:
    """A tab's label as the link writes it: "Women and children" is "women-and-children"."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def _tab(params: Mapping, notices: list[str]) -> str | None:
    """A tab's slug; whether the page has that tab is for the page to say (a link to another page's
    tab opens the first)."""
    raw = _first(params, "tab")
    if raw is None or raw == "":
        return None
    if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", raw) and len(raw) <= 40:
        return raw
    notices.append(f"Ignored tab \u201c{_clip(raw)}\u201d in the link: not a tab of this dashboard.")
    return None


def _year(params: Mapping, key: str, bounds: tuple[int, int], notices: list[str]) -> int | None:
    raw = _first(params, key)
    if raw is None or raw == "":
        return None
    if re.fullmatch(r"\d{4}", raw.strip()) and bounds[0] <= int(raw) <= bounds[1]:
        return int(raw)
    notices.append(f"Ignored year \u201c{_clip(raw)}\u201d in the link: use a year from {bounds[0]} to {bounds[1]}.")
    return None


def _passage(params: Mapping, notices: list[str]) -> tuple[int, int] | None:
    raw = _first(params, "passage")
    if raw is None or raw == "":
        return None
    match = re.fullmatch(r"(\d{1,7})-(\d{1,7})", raw.strip())
    if match and int(match[1]) < int(match[2]):
        return int(match[1]), int(match[2])
    notices.append(f"Ignored passage \u201c{_clip(raw)}\u201d in the link: use two character positions, e.g. 1200-1460.")
    return None


def link_fields(query_string: str) -> int:
    """How many values a raw query string holds, counted as Streamlit counts them."""
    return query_string.count("&") + 1 if query_string else 0


def too_long_notice(fields: int | None = None) -> str:
    count = f"has {fields:,} settings" if fields else "was too long to read"
    return (f"This link {count} (a link of this dashboard has at most {MAX_LINK_FIELDS}): it was ignored, "
            "and the page opens with no filters set.")


def _named(keys: list[str]) -> str:
    shown = [f"\u201c{_clip(k)}\u201d" for k in keys[:3]]
    more = len(keys) - len(shown)
    return ", ".join(shown) + (f" and {more:,} more" if more else "")


def parse_query(params: Mapping, options: Options) -> Filters:
    """Filters from a query string (a mapping of key -> value or list of values)."""
    params = {k: v for k, v in params.items()}
    fields = sum(len(v) if isinstance(v, (list, tuple)) else 1 for v in params.values())
    if fields > MAX_LINK_FIELDS or _first(params, "link") == TOO_LONG:
        return Filters(notices=(too_long_notice(fields if fields > MAX_LINK_FIELDS else None),))
    notices: list[str] = []
    unknown, too_long = [], []
    for key in list(params):
        value = params[key]
        values = value if isinstance(value, (list, tuple)) else [value]
        if key not in KEYS or key == "link":
            unknown.append(str(key))
            del params[key]
        elif any(len(str(v)) > MAX_PARAM_LENGTH for v in values):
            too_long.append(key)
            del params[key]
    if unknown:
        notices.append(f"Ignored {_named(unknown)} in the link: this dashboard has no such setting"
                       + ("." if len(unknown) == 1 else "s."))
    if too_long:
        notices.append(f"Ignored {_named(too_long)} in the link: the value{' is' if len(too_long) == 1 else 's are'} too long.")
    year_from = _year(params, "from", options.year_bounds, notices)
    year_to = _year(params, "to", options.year_bounds, notices)
    if year_from and year_to and year_from > year_to:
        notices.append(f"Swapped the years in the link: {year_from} is after {year_to}.")
        year_from, year_to = year_to, year_from
    undated = _first(params, "undated")
    if undated not in (None, "", "0", "1"):
        notices.append(f"Ignored undated \u201c{_clip(undated)}\u201d in the link: use 0 or 1.")
        undated = None
    colour = _choice(params, "colour", ("kind", "group"), "colour", notices) or "kind"
    return Filters(
        countries=_list(params, "country", options.countries, "country", notices),
        year_from=year_from,
        year_to=year_to,
        include_undated=undated == "1",
        kinds=_list(params, "kind", options.kinds, "incident kind", notices),
        groups=_list(params, "group", options.groups, "group", notices),
        indicator=_choice(params, "indicator", options.indicators, "indicator", notices),
        colour=colour,
        doc=_choice(params, "doc", options.documents, "document", notices),
        row=_choice(params, "row", options.row_ids, "row", notices),
        hotspot=_choice(params, "hotspot", options.hotspots, "hotspot", notices),
        table=_choice(params, "table", options.tables, "table", notices),
        search=(_first(params, "q") or "")[:MAX_PARAM_LENGTH],
        iso=_choice(params, "iso", options.countries, "country profile", notices),
        passage=_passage(params, notices),
        tab=_tab(params, notices),
        notices=tuple(notices),
    )


def to_query(filters: Filters) -> dict[str, str]:
    """The query string for these filters (defaults are left out, so links stay short)."""
    query = {
        "country": ",".join(filters.countries),
        "from": str(filters.year_from or ""),
        "to": str(filters.year_to or ""),
        "undated": "1" if filters.include_undated and (filters.year_from or filters.year_to) else "",
        "kind": ",".join(filters.kinds),
        "group": ",".join(filters.groups),
        "indicator": filters.indicator or "",
        "colour": "" if filters.colour == "kind" else filters.colour,
        "doc": filters.doc or "",
        "row": filters.row or "",
        "hotspot": filters.hotspot or "",
        "table": filters.table or "",
        "q": filters.search,
        "iso": filters.iso or "",
        "passage": "-".join(map(str, filters.passage)) if filters.passage else "",
        "tab": filters.tab or "",
    }
    return {k: v for k, v in query.items() if v}


def with_changes(filters: Filters, **changes) -> Filters:
    return replace(filters, notices=(), **changes)


def describe_countries(countries: tuple[str, ...], names: Mapping[str, str]) -> str:
    if not countries:
        return "All countries"
    if set(countries) == set(CENTRAL_ASIA) and len(countries) == 5:
        return "The five Central Asian states"
    labels = [names.get(c, c) for c in countries]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def describe_years(filters: Filters, undated: bool = True) -> str:
    """'2015–2024', 'from 2022', 'all years'; with a year range, whether rows with no date are in
    (`undated`: say so, for views whose rows can lack a date)."""
    a, b = filters.year_range
    if a and b:
        years = f"{a}" if a == b else f"{a}\u2013{b}"
    elif a:
        years = f"from {a}"
    elif b:
        years = f"up to {b}"
    else:
        return "all years"
    if not undated:
        return years
    return years + (" and rows with no date" if filters.include_undated else " (rows with no date left out)")


def describe_kinds(filters: Filters) -> str:
    kinds = filters.kinds or DEFAULT_KINDS
    return "attacks and plots" if set(kinds) == set(DEFAULT_KINDS) else "kinds: " + ", ".join(kinds)


def describe(filters: Filters, names: Mapping[str, str], count: int | None = None, noun: str = "rows",
             applies: tuple[str, ...] = ("countries", "years"), groups: Mapping[str, str] | None = None) -> str:
    """What a view shows, saying every filter that applies to it and none that does not:
    'Kazakhstan and Tajikistan, 2015–2024 (rows with no date left out), attacks and plots, 12 events'.
    `applies` names the filters the view's rows follow: countries, years, kinds, groups."""
    parts = []
    if "countries" in applies:
        parts.append(describe_countries(filters.countries, names))
    if "years" in applies:
        parts.append(describe_years(filters))
    if "kinds" in applies:
        parts.append(describe_kinds(filters))
    if "groups" in applies and filters.groups:
        parts.append("groups: " + ", ".join((groups or {}).get(g, g) for g in filters.groups))
    if count is not None:
        parts.append(f"{count} {noun if count != 1 else noun.rstrip('s')}")
    return ", ".join(parts)
