"""Filter state and the URL: parsing, writing back, describing; nonsense is ignored with a notice."""

from __future__ import annotations

import pytest

from core.analysis.filters import (MAX_LINK_FIELDS, TOO_LONG, Filters, Options, describe, link_fields, parse_query,
                                   to_query, too_long_notice)

OPTIONS = Options(
    countries={"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "TJK": "Tajikistan", "TKM": "Turkmenistan", "UZB": "Uzbekistan", "RUS": "Russia"},
    kinds=("attack", "plot", "arrest"),
    groups={"iskp": "Islamic State Khorasan Province"},
    indicators={"repatriated_people": "People repatriated"},
    documents={"uwed": "UWED report"},
    row_ids=frozenset({"fig-uwed-001"}),
    hotspots=("aravan",),
    tables=("figures",),
)


def test_round_trip():
    f = Filters(countries=("KAZ", "TJK"), year_from=2015, year_to=2024, include_undated=False, kinds=("plot",),
                groups=("iskp",), indicator="repatriated_people", colour="group", doc="uwed", row="fig-uwed-001",
                hotspot="aravan", table="figures", search="telegram")
    assert parse_query(to_query(f), OPTIONS) == f
    assert parse_query(to_query(f), OPTIONS).notices == ()


def test_defaults_make_an_empty_query():
    assert to_query(Filters()) == {}
    assert parse_query({}, OPTIONS) == Filters()


@pytest.mark.parametrize(
    "query, notice",
    [
        ({"country": "KAZ,XXX"}, "Ignored country \u201cXXX\u201d in the link: not in the data."),
        ({"from": "19x5"}, "Ignored year \u201c19x5\u201d in the link: use a year from 1990 to 2026."),
        ({"to": "3000"}, "Ignored year \u201c3000\u201d in the link: use a year from 1990 to 2026."),
        ({"kind": "picnic"}, "Ignored incident kind \u201cpicnic\u201d in the link: not in the data."),
        ({"bogus": "1"}, "Ignored \u201cbogus\u201d in the link: this dashboard has no such setting."),
        ({"doc": "../../etc/passwd"}, "Ignored document \u201c../../etc/passwd\u201d in the link: not in the data."),
        ({"country": "K" * 600}, "Ignored \u201ccountry\u201d in the link: the value is too long."),
    ],
)
def test_nonsense_is_ignored_with_a_notice(query, notice):
    f = parse_query(query, OPTIONS)
    assert notice in f.notices
    assert "XXX" not in f.countries and f.doc is None


def test_swapped_years_are_put_in_order():
    f = parse_query({"from": "2024", "to": "2015"}, OPTIONS)
    assert (f.year_from, f.year_to) == (2015, 2024)
    assert f.notices == ("Swapped the years in the link: 2024 is after 2015.",)


def test_repeated_keys_take_the_last_value():
    assert parse_query({"country": ["KAZ", "TJK"]}, OPTIONS).countries == ("TJK",)


def test_describe_says_what_is_shown():
    names = OPTIONS.countries
    assert describe(Filters(countries=("KAZ", "TJK"), year_from=2015, year_to=2024), names, 12, "incidents") == \
        "Kazakhstan and Tajikistan, 2015\u20132024 (rows with no date left out), 12 incidents"
    assert describe(Filters(year_from=2015, include_undated=True), names) == \
        "All countries, from 2015 and rows with no date"
    assert describe(Filters(), names, 1, "incidents") == "All countries, all years, 1 incident"
    five = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
    assert describe(Filters(countries=five, year_from=2020), names) == \
        "The five Central Asian states, from 2020 (rows with no date left out)"


def test_an_export_states_the_filters_that_apply_to_it_and_no_other():
    names, groups = OPTIONS.countries, OPTIONS.groups
    f = Filters(countries=("TJK",), year_from=2022, kinds=("attack",), groups=("iskp",))
    assert describe(f, names, applies=("countries",)) == "Tajikistan"  # e.g. the hotspot map: no years
    assert describe(f, names, applies=("countries", "years", "kinds", "groups"), groups=groups) == \
        "Tajikistan, from 2022 (rows with no date left out), kinds: attack, groups: Islamic State Khorasan Province"
    assert describe(Filters(), names, applies=("countries", "years", "kinds")) == \
        "All countries, all years, attacks and plots"  # the Attacks page's default kinds, said


def test_many_unknown_keys_or_long_values_make_one_notice():
    """A link with 999 unknown keys drew 999 warning boxes (issue 23): now one, naming a few."""
    f = parse_query({f"k{i}": "1" for i in range(45)}, OPTIONS)
    assert f.notices == ("Ignored \u201ck0\u201d, \u201ck1\u201d, \u201ck2\u201d and 42 more in the link: this dashboard "
                         "has no such settings.",)
    f = parse_query({"country": "K" * 600, "q": "x" * 600, "kind": "attack"}, OPTIONS)
    assert f.notices == ("Ignored \u201ccountry\u201d, \u201cq\u201d in the link: the values are too long.",)
    assert f.kinds == ("attack",)


def test_a_link_with_too_many_values_is_ignored_with_one_notice():
    """Streamlit drops a query string of over 1,000 values without a word; ours says so once, from
    51 values on, and the server sends anything longer as ?link=too-long."""
    for query in ({f"k{i}": "1" for i in range(999)}, {"country": ["KAZ"] * (MAX_LINK_FIELDS + 1)}):
        f = parse_query(query, OPTIONS)
        fields = sum(len(v) if isinstance(v, list) else 1 for v in query.values())
        assert f == Filters() and f.notices == (too_long_notice(fields),)
        assert f"has {fields:,} settings" in f.notices[0] and str(MAX_LINK_FIELDS) in f.notices[0]
    f = parse_query({"link": TOO_LONG}, OPTIONS)
    assert f.notices == ("This link was too long to read (a link of this dashboard has at most 50): it was ignored, "
                         "and the page opens with no filters set.",)
    assert parse_query({"country": ["KAZ"] * MAX_LINK_FIELDS}, OPTIONS).countries == ("KAZ",)
    assert link_fields("a=1&b=2&b=3") == 3 and link_fields("") == 0
