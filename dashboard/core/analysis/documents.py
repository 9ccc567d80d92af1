"""How the documents are named and dated for readers: "Tucker (late 2021 or later, inferred)" in a
citation, the full reference one click away, and the document's date beside a figure that states no period.

A document's date is what documents.csv says: the date it prints (stated), or one inferred from its
text (the note says how), written as `published_text` when it is not exact. An unknown date reads
"date not known"; nothing here invents one. No Streamlit here."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.data.loading import Corpus


@dataclass(frozen=True)
class DocumentName:
    doc_id: str
    author: str  # "Tucker", "Makhmudov et al.", "Foreign Affairs" (the publisher where no author is named)
    date: str  # "late 2021 or later (inferred)", "2024 (inferred)", "2019", "date not known"
    year: str  # "2021", or "" when not known
    title: str
    publisher: str
    kind: str

    @property
    def short(self) -> str:
        """'Tucker (late 2021 or later, inferred)': the citation a reader sees beside every claim."""
        return f"{self.author} ({self.date.replace(' (inferred)', ', inferred')})"

    @property
    def or_later(self) -> bool:
        """Whether the date is a lower bound ('2020 or later'): the document may be of any later year."""
        return "or later" in self.date

    @property
    def compact(self) -> str:
        """'Tucker (2021 or later, inferred)': the citation where room is short (the full one shows on
        hover): the year, and 'or later' where the date is a lower bound."""
        inferred = ", inferred" if self.date.endswith("(inferred)") else ""
        year = f"{self.year} or later" if self.year and self.or_later else self.year or "date not known"
        return f"{self.author} ({year}{inferred})"

    @property
    def reference(self) -> str:
        """The full reference: author, title, publisher, date."""
        parts = [self.author if self.author != self.publisher else "", f"\u201c{self.title}\u201d", self.publisher, self.date]
        return ", ".join(p for p in parts if p) + "."


def _author(authors: str, publisher: str, doc_id: str) -> str:
    names = [a.strip() for a in str(authors or "").split(";") if a.strip()]
    if not names:
        return publisher or doc_id
    surname = names[0].split()[-1]
    return surname + (" et al." if len(names) > 2 else f" and {names[1].split()[-1]}" if len(names) == 2 else "")


def date_text(published: str, basis: str, text: str) -> str:
    """How a document's date reads: 'late 2021 or later (inferred)', '2024 (inferred)', '2019-05-01'."""
    if not published or published == "unknown":
        return "date not known"
    shown = text or published
    return f"{shown} (inferred)" if basis == "inferred" else shown


def name_of(row: dict) -> DocumentName:
    """The name and date of one documents.csv row."""
    published = str(row.get("published") or "")
    return DocumentName(
        doc_id=row["doc_id"], author=_author(row.get("authors", ""), row.get("publisher", ""), row["doc_id"]),
        date=date_text(published, row.get("published_basis", ""), row.get("published_text", "")),
        year=published[:4] if published[:4].isdigit() else "", title=row.get("title", ""),
        publisher=row.get("publisher", ""), kind=row.get("kind", ""))


def document_names(corpus: Corpus) -> dict[str, DocumentName]:
    """Every document's name and date, by doc_id (made once per corpus: pages ask for it on every run)."""
    names = corpus.derived.get("document_names")
    if names is None:
        names = corpus.derived["document_names"] = {r["doc_id"]: name_of(r) for r in corpus["documents"].to_dict("records")}
    return names


def short_citations(corpus: Corpus) -> dict[str, str]:
    """{doc_id: 'Tucker (late 2021 or later, inferred)'}."""
    short = corpus.derived.get("short_citations")
    if short is None:
        short = corpus.derived["short_citations"] = {d: n.short for d, n in document_names(corpus).items()}
    return short


def as_of(period: str, doc_id: str, names: dict[str, DocumentName]) -> str:
    """When a figure holds: its period, or, where it states none, that it states none and the date of
    its document ('period not stated; document of late 2021 or later, inferred'): a figure with no
    period may be a count of long before its document (a past peak), so it is never said to hold 'as
    of' the document's date."""
    if period:
        return period
    name = names.get(doc_id)
    return (f"period not stated; document of {name.date.replace(' (inferred)', ', inferred')}" if name and name.year
            else "period not stated")


def cited(doc_ids, corpus: Corpus) -> pd.DataFrame:
    """The documents these rows cite, in the corpus's order: doc_id, citation, reference."""
    names = document_names(corpus)
    wanted = set(doc_ids)
    rows = [{"doc_id": d, "citation": n.short, "reference": n.reference} for d, n in names.items() if d in wanted]
    return pd.DataFrame(rows, columns=["doc_id", "citation", "reference"])
