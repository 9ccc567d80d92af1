"""'Cite this': a ready citation of what a page or an export shows, as text, BibTeX and RIS.

A citation names the dashboard, the view's title and the filters that apply to it in words, the
data's version (the date of the last curated change, core.data.version), the link that reproduces
the view, and the date it was accessed. Pure functions; no Streamlit (ui.cite shows them).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from core.analysis.documents import date_text
from core.data.version import long_date

DASHBOARD = "Central Asian mobilization to foreign conflicts: an analyst dashboard"
PUBLIC_URL_ENV = "DASHBOARD_PUBLIC_URL"  # e.g. https://example.org/briefings/dash: links in citations are absolute


@dataclass(frozen=True)
class Citation:
    """What a citation says. `version` and `accessed` are ISO dates; `link` is absolute when the
    public address is known, else relative to the dashboard."""

    view: str
    filters: str
    version: str
    link: str
    accessed: str
    dashboard: str = DASHBOARD

    @property
    def title(self) -> str:
        """'Attacks and plots: Tajikistan, 2022–2024': the view and, when any apply, its filters."""
        return f"{self.view}: {self.filters}" if self.filters else self.view

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Citation":
        return cls(**{k: str(data.get(k, "")) for k in ("view", "filters", "version", "link", "accessed")},
                   dashboard=str(data.get("dashboard") or DASHBOARD))


def public_base() -> str:
    """The dashboard's public address (DASHBOARD_PUBLIC_URL), or '' when it is not set."""
    return os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")


def view_link(base: str, path: str, query: dict[str, str]) -> str:
    """The link to a page with its filters: base/path?query, or path?query (relative) without a base."""
    page = (base.rstrip("/") + "/" if base else "") + path.strip("/")
    return with_query(page, query) or "./"


def with_query(page_url: str, query: dict[str, str]) -> str:
    """A page's address (as a browser shows it, without a query) with this query."""
    return page_url + ("?" + urlencode(query) if query else "")


def make(view: str, filters: str, version: str, link: str, accessed: dt.date | str | None = None) -> Citation:
    """A citation accessed on `accessed` (default today), with whitespace in its parts collapsed."""
    day = accessed or dt.date.today()
    return Citation(_line(view), _line(filters), version, link.strip(), day if isinstance(day, str) else day.isoformat())


def _line(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


# Text -----------------------------------------------------------------------------------------------

def text(c: Citation) -> str:
    """One paragraph to paste under a chart or into a footnote."""
    version = f"data version of {long_date(c.version)}" if c.version else "data version not recorded"
    return (f"{c.dashboard}, \u201c{c.title}\u201d, {version}. {c.link or 'link not available'} "
            f"(accessed {long_date(c.accessed)}).")


def export_text(c: Citation, kind: str) -> str:
    """The citation of an export that has a title of its own (a country brief): the title in quotes,
    then what it is and its filters. '<dashboard>, “Tajikistan: what the documents say”, country brief,
    all years, data version of 6 December 2026. <link> (accessed 23 November 2026).'"""
    version = f"data version of {long_date(c.version)}" if c.version else "data version not recorded"
    what = ", ".join(p for p in (kind, c.filters) if p)
    return (f"{c.dashboard}, \u201c{c.view}\u201d, {what + ', ' if what else ''}{version}. "
            f"{c.link or 'link not available'} (accessed {long_date(c.accessed)}).")


# A document's reference ----------------------------------------------------------------------------

def document_reference(row: dict) -> str:
    """A document's full reference as documents.csv gives it: authors, title, publisher and date; a
    field it leaves blank is left out. 'Rustam Makhmudov, Alisher Rakhimov and Akram Umarov, “The
    current state …”, University of World Economy and Diplomacy, …, 2023 or later (inferred).'"""
    def given(column: str) -> str:
        value = row.get(column)
        return "" if value is None or value != value else str(value).strip()  # blank, or NaN

    authors = [a.strip() for a in given("authors").split(";") if a.strip()]
    who = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1] if authors else ""
    title = f"\u201c{given('title')}\u201d" if given("title") else ""
    publisher = given("publisher")
    when = date_text(given("published"), given("published_basis"), given("published_text"))
    return ", ".join(p for p in (who, title, publisher, when) if p) + "."


# BibTeX ---------------------------------------------------------------------------------------------

_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                   "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _bib_value(value: str) -> str:
    escaped = "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in _line(value))
    return escaped.replace("\u2013", "--").replace("\u2014", "---")


def _bib_url(url: str) -> str:
    """A URL as BibTeX holds it: verbatim, without the characters that would end the field."""
    return re.sub(r"[\s{}\\]", lambda m: "%{:02X}".format(ord(m.group())), url)


def bibtex_key(c: Citation) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", c.view.lower()).strip("-")[:40].strip("-") or "view"
    return f"camobilization-{c.version or 'undated'}-{words}"


def bibtex(c: Citation) -> str:
    """A @misc entry (BibTeX and biblatex read it; Zotero, JabRef and Mendeley import it)."""
    fields = [("title", "{" + _bib_value(c.title) + "}"),
              ("howpublished", _bib_value(c.dashboard)),
              ("note", _bib_value(f"Data version {c.version or 'not recorded'}"
                                  + (f"; filters: {c.filters}" if c.filters else ""))),
              ("version", _bib_value(c.version)),
              ("year", c.version[:4] if c.version else c.accessed[:4]),
              ("url", _bib_url(c.link)),
              ("urldate", c.accessed)]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{bibtex_key(c)},\n{body}\n}}\n"


# RIS ------------------------------------------------------------------------------------------------

def _ris_date(iso: str) -> str:
    return iso.replace("-", "/") if iso else ""


def ris(c: Citation) -> str:
    """An RIS record (EndNote, Zotero, Mendeley): an electronic source with its access date (Y2).
    Lines end with '\\n'; ris_file() gives the CR LF the format asks for."""
    tags = [("TY", "ELEC"), ("TI", c.title), ("T2", c.dashboard), ("ET", f"Data version {c.version}" if c.version else ""),
            ("PY", c.version[:4]), ("DA", _ris_date(c.version)), ("Y2", _ris_date(c.accessed)), ("UR", c.link),
            ("N1", f"Filters: {c.filters}" if c.filters else "")]
    lines = [f"{tag}  - {_line(value)}" for tag, value in tags if value]
    return "\n".join(lines + ["ER  - "]) + "\n"


def ris_file(citations: list[Citation]) -> bytes:
    return "".join(ris(c) + "\n" for c in citations).replace("\n", "\r\n").encode("utf-8")


def bibtex_file(citations: list[Citation]) -> bytes:
    return "\n".join(bibtex(c) for c in citations).encode("utf-8")
