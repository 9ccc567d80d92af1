"""Read the curated CSV tables and the source documents, never raising on bad input.

Every fault becomes a Problem naming file, row (the line number in the file; the header is line 1)
and column, so the validator can print it and the app can show it in a banner.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from core.data.paths import CURATED_DIR, SEEDS_DIR
from core.data.quotes import Document
from core.data.schema import TABLES, Problem, Table

NUMERIC_KINDS = ("int", "float")


@dataclass
class Corpus:
    """Everything the dashboard shows: typed tables, document texts and what is wrong with them."""

    tables: dict[str, pd.DataFrame]
    documents: dict[str, Document]
    problems: list[Problem] = field(default_factory=list)
    lines: dict[str, list[int]] = field(default_factory=dict)
    # Values computed from the tables once (the tables are read-only): name -> value.
    derived: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def problems_for(self, *tables: str) -> list[Problem]:
        """Problems of these tables, and those that concern the whole data folder."""
        return [p for p in self.problems if p.table in tables or p.table == ""]


def empty_frame(table: Table) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in table.column_names})


def read_csv_rows(path: Path, table: Table) -> tuple[pd.DataFrame, list[int], list[Problem]]:
    """The table as strings (blank cells as ""), the file line of each row, and read problems."""
    name = path.name
    problems: list[Problem] = []

    def fail(row, column, message):
        problems.append(Problem(name, row, column, message, table.name))
        return empty_frame(table).fillna(""), [], problems

    if not path.exists():
        return fail("-", "-", f"file not found (expected {path})")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return fail(line, "-", f"file is not UTF-8 (byte 0x{raw[err.start]:02x} cannot be decoded); save it as UTF-8")
    if not text.strip():
        return fail(1, "-", "file is empty; expected a header row: " + ",".join(table.column_names))

    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader)]
    for column in table.columns:
        if column.name not in header:
            problems.append(Problem(name, 1, column.name, "required column is missing", table.name))
    for h in header:
        if h not in table.column_names:
            problems.append(Problem(name, 1, h or "-", "unknown column (not in the data dictionary)", table.name))
    rows, lines = [], []
    line = reader.line_num + 1
    for record in reader:
        if not any(cell.strip() for cell in record):
            line = reader.line_num + 1
            continue
        if len(record) != len(header):
            problems.append(Problem(name, line, "-", f"row has {len(record)} fields but the header has {len(header)}", table.name))
        else:
            rows.append({h: cell.strip() for h, cell in zip(header, record)})
            lines.append(line)
        line = reader.line_num + 1
    frame = pd.DataFrame(rows, columns=header) if rows else pd.DataFrame(columns=header)
    missing = [c for c in table.column_names if c not in frame]
    for column in missing:
        frame[column] = ""
    frame = frame[table.column_names].astype("object").fillna("")
    frame.attrs["missing_columns"] = missing  # reported once on the header, not again on every row
    return frame, lines, problems


def typed(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Numeric columns as floats (bad or blank cells become NaN); text stays text. The reader's
    notes in `attrs` stay with the raw frame the validator reads: pandas deep-copies a frame's attrs
    into every frame derived from it, which the app derives thousands of."""
    out = frame.copy()
    out.attrs = {}
    for column in table.columns:
        if column.kind in NUMERIC_KINDS:
            out[column.name] = pd.to_numeric(out[column.name].replace("", None), errors="coerce").astype("float64")
    return out


def read_documents(seeds_dir: Path, documents: pd.DataFrame) -> tuple[dict[str, Document], list[Problem]]:
    texts: dict[str, Document] = {}
    problems: list[Problem] = []
    if not seeds_dir.is_dir():
        problems.append(Problem(
            "seeds/", "-", "-",
            f"folder not found ({seeds_dir}); restore it from the repository (git checkout -- seeds) "
            "so that quotes can be checked against the documents",
            "documents",
        ))
        return texts, problems
    for i, row in enumerate(documents.itertuples(index=False)):
        path = seeds_dir / str(row.file)
        if not row.file or not path.is_file():
            continue  # reported by the validator with its row number
        try:
            texts[row.doc_id] = Document(row.doc_id, path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.append(Problem(f"seeds/{row.file}", "-", "-", "document is not UTF-8", "documents"))
    return texts, problems


def load_corpus(curated_dir: Path = CURATED_DIR, seeds_dir: Path = SEEDS_DIR, validate: bool = True) -> Corpus:
    """Read every table and document; with validate=True, also run every check."""
    raw: dict[str, pd.DataFrame] = {}
    lines: dict[str, list[int]] = {}
    problems: list[Problem] = []
    if not curated_dir.is_dir():
        problems.append(Problem(
            "data/curated/", "-", "-",
            f"folder not found ({curated_dir}); restore it from the repository (git checkout -- data/curated)",
            "",
        ))
    for table in TABLES.values():
        if curated_dir.is_dir():
            frame, table_lines, read_problems = read_csv_rows(curated_dir / table.file, table)
        else:
            frame, table_lines, read_problems = empty_frame(table).fillna(""), [], []
        raw[table.name], lines[table.name] = frame, table_lines
        problems.extend(read_problems)
    documents, doc_problems = read_documents(seeds_dir, raw["documents"])
    problems.extend(doc_problems)
    corpus = Corpus({name: typed(frame, TABLES[name]) for name, frame in raw.items()}, documents, problems, lines)
    if validate:
        from core.data.validation import validate_tables

        corpus.problems.extend(validate_tables(raw, lines, documents, seeds_dir))
    return corpus
