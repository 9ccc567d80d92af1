"""The curated tables as a Frictionless Data Package (https://datapackage.org), built from core.data.schema.

`data/curated/datapackage.json` is generated here (python dashboard/validate.py --update-datapackage)
and a test fails when the file on disk differs from what this module builds, so core.data.schema stays
the one source of truth. `package_zip` bundles the descriptor, the CSV files, a README and the
licence for the Data page's download.

What the Table Schema standard cannot say (a quote found verbatim in its document, low <= value <=
high, date precision matching the date, ids in figures.subject pointing into one of five tables,
';'-separated lists of ids) stays in core.data.validation; docs/data.md lists those checks.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pandas as pd

from core.data.dictionary import END, START, render
from core.data.loading import read_csv_rows
from core.data.schema import TABLES, Column, Table

NAME = "central-asian-mobilization"
TITLE = "Central Asian mobilization to foreign conflicts: curated tables"
DESCRIPTION = (
    "Who left Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan for Syria, Iraq and Afghanistan, "
    "who was brought home, which attacks and plots involved Central Asians, and how recruiters reach people: "
    "curated by hand from five documents. Every row of groups, incidents, figures, hotspots and channels carries "
    "the document it comes from (doc_id) and a verbatim quote from it. Blank means not reported, never zero."
)
# Our curation (ids, structure, coding, notes) is CC BY 4.0. The quotes are short excerpts of the
# documents, kept for verification; the documents' own rights stay with their authors and publishers.
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International (our curation: tables, ids, coding and notes; "
             "the quoted passages remain the copyright of the documents' authors and publishers)",
}
LICENSE_TEXT = f"""# Licence

The curation in this package (the tables, their structure, ids, coding and curators' notes) is
licensed under the Creative Commons Attribution 4.0 International licence (CC BY 4.0):
{LICENSE['path']}

The `quote` and `context` columns hold short passages of the source documents, kept so that every
row can be checked against its source. Those passages, and the documents themselves (listed in
`documents.csv` and under `sources` in `datapackage.json`; their full texts are not included), remain
the copyright of their authors and publishers and are quoted for research and analysis.
"""

# Partial ISO 8601 dates: a year, a year and month, or a full date (core.data.validation checks that
# the date exists and, for incidents, that date_precision matches it).
DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"
ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
LIST_NOTE = " Stored as one text value; the standard has no ';'-separated list type."

_TYPES = {"text": "string", "id": "string", "list": "string", "enum": "string", "date": "string",
          "int": "integer", "float": "number"}


def field(table: Table, column: Column) -> dict:
    """One Table Schema field descriptor for a column of core.data.schema."""
    out = {"name": column.name, "type": _TYPES[column.kind], "description": column.description}
    constraints: dict = {}
    if column.required:
        constraints["required"] = True
    if column.kind == "enum":
        constraints["enum"] = list(column.allowed)
    elif column.kind == "id":
        constraints["pattern"] = ID_PATTERN
    elif column.kind == "date":
        # documents.published may say 'unknown' (core.data.validation allows it there only)
        constraints["pattern"] = f"unknown|{DATE_PATTERN}" if table.name == "documents" else DATE_PATTERN
        out["description"] += " ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD."
    elif column.kind == "int":
        constraints["minimum"] = 0
    if column.bounds:
        constraints["minimum"], constraints["maximum"] = column.bounds
    if column.kind == "list":
        out["description"] += LIST_NOTE
    if column.unit and column.unit != "see unit":
        out["unit"] = column.unit  # not part of the standard; readers ignore unknown properties
    if constraints:
        out["constraints"] = constraints
    return out


def foreign_keys(table: Table) -> list[dict]:
    """References one column can express: a single id naming another table's key. Lists of ids
    (channels.used_by) and figures.subject/related (an id in any of five tables) cannot."""
    return [{"fields": c.name, "reference": {"resource": c.ref, "fields": TABLES[c.ref].key}}
            for c in table.columns if c.ref in TABLES and c.kind != "list"]


def resource(table: Table) -> dict:
    schema: dict = {"fields": [field(table, c) for c in table.columns], "missingValues": [""]}
    if table.key:
        schema["primaryKey"] = [table.key]
    if foreign_keys(table):
        schema["foreignKeys"] = foreign_keys(table)
    return {
        "name": table.name, "path": table.file, "profile": "tabular-data-resource",
        "title": f"{table.name}.csv", "description": table.description,
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema,
    }


def sources(documents: pd.DataFrame) -> list[dict]:
    """The documents the rows quote, as the package's sources (their texts are not included)."""
    out = []
    for d in documents.itertuples():
        by = d.authors.replace(";", ",") if d.authors else d.publisher
        out.append({"title": f"{by + ', ' if by else ''}{d.title} (doc_id: {d.doc_id}; {d.kind}"
                             f"{', published ' + d.published if d.published != 'unknown' else ', date not stated'})"})
    return out


def build(documents: pd.DataFrame) -> dict:
    """The datapackage.json descriptor for these documents and core.data.schema's tables."""
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "licenses": [LICENSE],
        "sources": sources(documents),
        "resources": [resource(t) for t in TABLES.values()],
    }


def read_documents(curated_dir: Path) -> pd.DataFrame:
    frame, _, _ = read_csv_rows(curated_dir / TABLES["documents"].file, TABLES["documents"])
    return frame


def descriptor_text(curated_dir: Path) -> str:
    """datapackage.json as written to disk (stable order, UTF-8, trailing newline)."""
    return json.dumps(build(read_documents(curated_dir)), indent=2, ensure_ascii=False) + "\n"


def write(curated_dir: Path) -> Path:
    path = curated_dir / "datapackage.json"
    path.write_text(descriptor_text(curated_dir), encoding="utf-8")
    return path


def readme_text() -> str:
    dictionary = render().replace(START, "").replace(END, "").replace("data/curated/", "").strip()
    return (f"# {TITLE}\n\n{DESCRIPTION}\n\n`datapackage.json` describes every table (Frictionless Data "
            "Package: types, required fields, allowed values, primary and foreign keys). Check it with "
            "`frictionless validate datapackage.json`. The project's own validator also checks what the "
            "standard cannot express: every quote verbatim in its document, low <= value <= high, date "
            "precision matching the date, figure subjects naming a known id, lists of group ids.\n\n"
            "Licence: see LICENSE.md (CC BY 4.0 for the curation; the quoted documents keep their own rights).\n\n"
            f"## Data dictionary\n{dictionary}\n")


def package_zip(curated_dir: Path) -> bytes:
    """datapackage.json, every table's CSV file as curated, README.md and LICENSE.md in one ZIP."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{NAME}/datapackage.json", descriptor_text(curated_dir))
        for table in TABLES.values():
            path = curated_dir / table.file
            if path.is_file():
                z.writestr(f"{NAME}/{table.file}", path.read_bytes())
        z.writestr(f"{NAME}/README.md", readme_text())
        z.writestr(f"{NAME}/LICENSE.md", LICENSE_TEXT)
    return buffer.getvalue()
