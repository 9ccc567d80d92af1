"""Our own colours meet WCAG 2.x AA contrast: 4.5:1 for text, 3:1 for large text and graphical
objects (chart marks, map points and outlines). Ratios are computed with the WCAG formula from the
colours in core/render/charts.py, core/render/maps.py and the theme in .streamlit/config.toml; translucent colours
are blended over what they are drawn on. The chart palette must also stay distinguishable under
simulated colour blindness (Machado et al. 2009, full severity), as Okabe-Ito's was."""

from __future__ import annotations

import itertools
import tomllib

import pytest

from core.render import charts, maps
from core.data.paths import ROOT

TEXT, LARGE_OR_GRAPHIC = 4.5, 3.0
WHITE = "#FFFFFF"
THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
# Streamlit 1.67's light-theme defaults for what config.toml leaves unset (documented in
# `streamlit config show`), and how it derives caption text (text colour at 60 % opacity).
STREAMLIT_LIGHT = {"backgroundColor": "#FFFFFF", "secondaryBackgroundColor": "#F8F8F7", "textColor": "#2F2D2B",
                   "primaryColor": "#C53948", "orangeBackgroundColor": "#FFF6ED", "redBackgroundColor": "#FFF1F2"}
CAPTION_OPACITY = 0.6


def theme(name: str) -> str:
    return THEME.get(name, STREAMLIT_LIGHT[name])


def _rgb(colour) -> tuple[float, float, float, float]:
    """(r, g, b, alpha) in 0..1 from '#RRGGBB', '#RGB' or an [r, g, b(, a)] list of 0..255."""
    if isinstance(colour, str):
        h = colour.lstrip("#")
        h = "".join(c * 2 for c in h) if len(h) == 3 else h
        return int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255, 1.0
    r, g, b, *a = colour
    return r / 255, g / 255, b / 255, (a[0] / 255 if a else 1.0)


def over(colour, background) -> str:
    """The opaque colour a translucent one shows as on this background."""
    r, g, b, a = _rgb(colour)
    br, bg, bb, _ = _rgb(background)
    return "#" + "".join(f"{round((c * a + u * (1 - a)) * 255):02X}" for c, u in ((r, br), (g, bg), (b, bb)))


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour) -> float:
    r, g, b, _ = _rgb(colour)
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def ratio(foreground, background) -> float:
    """WCAG contrast ratio (1 to 21) of an opaque foreground on an opaque background."""
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_formula_gives_the_known_ratios():
    assert ratio("#000", "#FFF") == pytest.approx(21.0)
    assert ratio("#777777", "#FFF") == pytest.approx(4.48, abs=0.01)  # the classic just-fails grey
    assert ratio("#767676", "#FFF") == pytest.approx(4.54, abs=0.01)
    assert over([0, 0, 0, 128], "#FFFFFF") == "#7F7F7F"


# ---- charts (plotly, white background: template plotly_white) ----------------------------------------

@pytest.mark.parametrize("colour", charts.OKABE_ITO)
def test_every_palette_colour_stands_out_from_the_chart_background(colour):
    assert ratio(colour, WHITE) >= LARGE_OR_GRAPHIC


def test_chart_text_is_readable():
    assert ratio(charts.FONT["color"], WHITE) >= TEXT
    assert ratio(charts.MUTED_TEXT, WHITE) >= TEXT  # "not reported", written where a bar would be
    assert ratio(charts.NOT_REPORTED, WHITE) >= LARGE_OR_GRAPHIC


# Colour-blindness simulation (Machado, Oliveira & Fernandes 2009, severity 1.0), in linear RGB.
CVD = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
    "typical vision": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
}


def _lab(colour, matrix) -> tuple[float, float, float]:
    r, g, b, _ = _rgb(colour)
    lin = [_linear(c) for c in (r, g, b)]
    r, g, b = (min(max(sum(m * c for m, c in zip(row, lin)), 0.0), 1.0) for row in matrix)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def closest_pair(palette, matrix) -> float:
    """The smallest CIE76 colour difference between two palette colours as this eye sees them."""
    return min(sum((p - q) ** 2 for p, q in zip(_lab(a, matrix), _lab(b, matrix))) ** 0.5
               for a, b in itertools.combinations(palette, 2))


@pytest.mark.parametrize("vision", list(CVD))
def test_palette_stays_distinguishable_with_colour_blindness(vision):
    original_okabe_ito = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
    assert len(set(charts.OKABE_ITO)) == len(charts.OKABE_ITO) == 8
    # at least as far apart as the worst pair of the published palette, for every kind of vision
    assert closest_pair(charts.OKABE_ITO, CVD[vision]) >= min(closest_pair(original_okabe_ito, m) for m in CVD.values())


# ---- maps (pydeck: light grey land; plotly static map: white) ----------------------------------------

def test_map_marks_and_labels_stand_out_from_the_land():
    land = over(maps.LAND, WHITE)
    shaded = over(maps.SHADE, land)
    assert ratio("#141414", shaded) >= TEXT  # hotspot names are drawn on the shaded areas
    assert ratio(over(maps.POINT, land), land) >= LARGE_OR_GRAPHIC
    assert ratio(over(maps.POINT_VAGUE, land), land) >= LARGE_OR_GRAPHIC
    assert ratio(over(maps.OUTLINE_ONLY, land), land) >= LARGE_OR_GRAPHIC


# ---- the app's theme (.streamlit/config.toml) and the quote highlight on the Sources page -------------

def test_theme_text_and_captions_are_readable():
    text = theme("textColor")
    for background in (theme("backgroundColor"), theme("secondaryBackgroundColor")):
        assert ratio(text, background) >= TEXT
        caption = over([*[round(c * 255) for c in _rgb(text)[:3]], round(CAPTION_OPACITY * 255)], background)
        assert ratio(caption, background) >= TEXT, f"captions are {caption} on {background}"
    primary = theme("primaryColor")
    assert ratio(primary, theme("backgroundColor")) >= TEXT  # slider values
    # the chosen option of a select box: primary-coloured text on a 10 % tint of the same colour
    tint = over([*[round(c * 255) for c in _rgb(primary)[:3]], round(0.1 * 255)], theme("backgroundColor"))
    assert ratio(primary, tint) >= TEXT, f"{primary} on {tint}"


@pytest.mark.parametrize("highlight", ["orangeBackgroundColor", "redBackgroundColor"])
def test_quoted_passages_stay_readable_when_highlighted(highlight):
    """Sources page: quoted passages are :orange-background[...], the chosen row's :red-background[...]."""
    assert ratio(theme("textColor"), theme(highlight)) >= TEXT
