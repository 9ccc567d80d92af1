"""Figure candidates from a table of counts in a document, as reports print them:

    | Country | Left for Syria and Iraq, 2012-2018 | Repatriated, 2019-2029 |
    |---|---|---|
    | Kazakhstan | 1,150 | 762 |
    | Total | 5,920-6,320 | 3,052 |

Each number counts what its column's header says (indicator, and period when the header gives
years), for what its row's first cell names (subject). A row labelled "Total" (or "All") counts the
whole column, and the other rows' numbers are its parts. The quote is the row, verbatim; the note
names the column. The rules that read a sentence read a short phrase made of the row's label, the
number and the header ("Kazakhstan: 762 repatriated, 2019-2029"); only its findings are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.curation.figures import figure_row
from core.curation.reading import find_dates, group_ranges, numbers_to_propose, period_of
from core.curation.vocab import Vocab, find_mentions
from core.data.schema import CENTRAL_ASIA

LINE = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$")
RULE = re.compile(r"^[\s|:-]*-[\s|:-]*$")  # the |---|---| line under the header
TOTAL = re.compile(r"^\W*(?:total|all|overall|in\s+all|altogether)\b", re.I)


@dataclass
class Cell:
    start: int  # offsets in the text the table was read from
    end: int
    text: str


def read_table(text: str) -> list[list[Cell]] | None:
    """The rows of a table that makes up the whole of `text` (header first, the rule line left out),
    or None when `text` is not such a table."""
    rows, offset = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        if stripped.strip():
            m = LINE.match(stripped)
            if not m:
                return None
            if not RULE.match(m.group(1)):
                rows.append(_cells(m.group(1), offset + m.start(1)))
        offset += len(line)
    return rows if len(rows) >= 2 and len({len(r) for r in rows}) == 1 else None


def _cells(inner: str, at: int) -> list[Cell]:
    cells, start = [], 0
    for part in inner.split("|"):
        lead = len(part) - len(part.lstrip())
        cells.append(Cell(at + start + lead, at + start + len(part.rstrip()), part.strip()))
        start += len(part) + 1
    return cells


def table_rows(vocab: Vocab, text: str, table: list[list[Cell]], period_before: tuple[str, str],
               english: bool = True) -> list[dict]:
    """One figure candidate per number of the table's body (see the module's docstring). `text` is
    the table's sentence; `period_before` the period stated just before the table ("as of 31
    December 2029"), for columns whose header gives none."""
    header, body = table[0], table[1:]
    out: list[dict] = []
    totals: dict[int, dict] = {}
    everyone_central_asian = all(_is_central_asian(vocab, r[0].text) or TOTAL.match(r[0].text) for r in body)
    for cells in body:
        label, is_total = cells[0].text, bool(TOTAL.match(cells[0].text))
        line_start = text.rfind("\n", 0, cells[0].start) + 1
        line_end = text.find("\n", cells[-1].end)
        quote = text[line_start:line_end if line_end >= 0 else len(text)].strip()
        for column, cell in enumerate(cells[1:], start=1):
            phrase_head = f"{label}: "
            phrase = f"{phrase_head}{cell.text} {header[column].text[:1].lower()}{header[column].text[1:]}"
            header_at = len(phrase_head) + len(cell.text)  # the cell's number before, the header's words after
            numbers = [n for n in group_ranges(numbers_to_propose("table", phrase), phrase) if n.occ.start < header_at]
            if len(numbers) != 1:
                continue  # "n/a", or a cell of words
            dates = [d for d in find_dates(phrase) if d[0] >= header_at]
            period = period_of(dates, phrase) if dates else period_before
            row, _ = figure_row(vocab, phrase, numbers[0], find_mentions(vocab, phrase), period, [], english)
            if is_total and everyone_central_asian:
                row["subject"], row["related"] = "central_asia", ""
                row["reason"] += "; subject: the total of Central Asian states' rows"
            row.update(quote=quote, note=f"From the table's column '{header[column].text}'.",
                       reason=row["reason"] + f"; a table: row '{label}', column '{header[column].text}'",
                       candidate_id=f"@table-{id(table)}-{cell.start}")
            if not dates and any(period_before):
                row["reason"] += "; period: stated just before the table"
            if is_total:
                totals[column] = row
            row["_column"] = column
            out.append(row)
    for row in out:
        total = totals.get(row.pop("_column"))
        if total is not None and total is not row:
            row["part_of"] = total["candidate_id"]
    return out


def _is_central_asian(vocab: Vocab, label: str) -> bool:
    found = find_mentions(vocab, label)
    return bool(found) and all(m.kind == "country" and m.id in CENTRAL_ASIA for m in found)
