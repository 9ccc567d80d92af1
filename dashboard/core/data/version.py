"""The data's version: the date of the last curated change, kept with the data in
data/curated/version.json, with a digest of the tables it dates.

Citations name this version, and the Data page shows it. Every code path that writes curated tables
calls record_data_version(curated_dir, when) after its write (the curation workbench's write, and
`python dashboard/validate.py --record-version` after a change made by hand). A digest of every
table is kept beside the date, so a change made without recording it is caught: data_version() says
the tables changed after the recorded date, and tests/test_cite.py fails until it is recorded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from core.data.schema import TABLES

FILE = "version.json"


@dataclass(frozen=True)
class DataVersion:
    """The recorded date of the last curated change (ISO 8601), and whether the tables are still the
    ones it dates (False: changed since, not yet recorded)."""

    date: str
    current: bool = True

    @property
    def in_words(self) -> str:
        """'6 December 2026', or 'changed after 6 December 2026' when a change was not recorded."""
        if not self.date:
            return "not recorded"
        words = long_date(self.date)
        return words if self.current else f"changed after {words}"


def long_date(iso: str) -> str:
    """'2026-12-06' -> '6 December 2026' (a text that is not a date is returned as it is)."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def tables_digest(curated_dir: Path) -> str:
    """SHA-256 of every curated table (name and content, line endings normalised), in schema order."""
    digest = hashlib.sha256()
    for table in TABLES.values():
        path = Path(curated_dir) / table.file
        if path.is_file():
            digest.update(table.file.encode("utf-8") + b"\0")
            digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


def record_data_version(curated_dir: Path, when: dt.date | dt.datetime | str | None = None) -> Path:
    """Record that the curated tables in `curated_dir` changed on `when` (default: today). Call it
    after every write of curated tables; it writes version.json atomically beside them."""
    when = when or dt.date.today()
    if isinstance(when, dt.datetime):
        when = when.date()
    day = dt.date.fromisoformat(when) if isinstance(when, str) else when
    path = Path(curated_dir) / FILE
    text = json.dumps({"last_modified": day.isoformat(), "tables_sha256": tables_digest(curated_dir),
                       "about": "The date of the last curated change (the data's version, as citations name it) and "
                                "a digest of the tables it dates. Written by core.data.version.record_data_version."},
                      indent=2) + "\n"
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".version-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)
    return path


def data_version(curated_dir: Path) -> DataVersion:
    """The recorded version of the tables in `curated_dir` ('' when none is recorded or the file is
    unreadable), and whether the tables are still the ones it dates."""
    try:
        recorded = json.loads((Path(curated_dir) / FILE).read_text(encoding="utf-8"))
        day = dt.date.fromisoformat(str(recorded["last_modified"])).isoformat()
    except (OSError, ValueError, KeyError, TypeError):
        return DataVersion("", current=False)
    return DataVersion(day, current=recorded.get("tables_sha256") == tables_digest(curated_dir))
