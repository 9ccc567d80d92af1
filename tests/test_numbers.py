"""The number scanner finds what the completeness rule says it finds, and nothing else."""

import pytest

from core.data.numbers import scan_numbers


def found(text, doc="x"):
    return [(o.text, o.value) for o in scan_numbers(doc, text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("more than 322,000 citizens", [("322,000", 322000)]),
        ("Russia (61.5%)", [("61.5", 61.5)]),
        ("about 2-3 thousand supporters", [("2", 2000), ("3 thousand", 3000)]),
        ("more than 13 thousand militants", [("13 thousand", 13000)]),
        ("estimated at 300-700.", [("300", 300), ("700", 700)]),
        ("up to two thousand at the peak", [("two thousand", 2000)]),
        ("half a million people displaced", [("half a million", 500000)]),
        ("almost one million Tajik citizens", [("one million", 1000000)]),
        ("around a third of all cases", [("a third", pytest.approx(33.333, abs=0.01))]),
        ("outnumbered men five-to-one", [("five", 5)]),
        ("at least hundreds and as many as several thousand", [("hundreds", None), ("thousand", None)]),
        ("On the 15th of September 2021", [("15th", 15), ("2021", 2021)]),
        ("one of the most jarring", []),
    ],
)
def test_scanner(text, expected):
    assert found(text) == expected


def test_citation_lines_markers_and_urls_are_skipped():
    text = (
        "Body 45 people.<sup>12</sup> Also [3] here.\u00b9\n"
        "<sup>12</sup> Author, 'Title', 2019, pp. 56-65. <https://example.org/2020/01/x>\n"
        "\u00b9 R. Barrett, 2017.\n"
        "See https://site.com/a/123 too."
    )
    assert found(text) == [("45", 45)]


def test_substantive_footnote_is_scanned():
    text = "<sup>27</sup> The campaign was announced on April 17, 2022.\n"
    assert found(text, "uwed") == [("17", 17), ("2022", 2022)]
    assert found(text, "tucker") == []


def test_persian_digits_are_not_numbers():
    assert found("\u06f1\u06f4\u06f0\u06f1/\u06f1\u06f2") == []
