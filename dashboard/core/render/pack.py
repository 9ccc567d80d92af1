"""Briefing packs kept on the server under an unguessable key that the link carries (?pack=<key>),
so a pack survives a reload, a new tab and a shared link.

A pack is one JSON file in the pack folder (DASHBOARD_PACK_DIR, by default var/packs/ beside the
repository's data, never inside data/curated/): each chart as safe data (the figure as plotly's JSON,
the rows behind it as columns and values, the title, takeaway, filters, short citations and the
view's citation), never pickled objects. The store is bounded: items per pack, bytes per pack,
bytes in all (the packs least recently used go first) and days unused (then a pack is removed);
a limit that is hit raises PackError with a sentence a reader can act on. Pure; no Streamlit.
"""

from __future__ import annotations

import functools
import json
import os
import re
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.io as pio

from core.data.paths import ROOT
from core.render.cite import Citation
from core.render.export import ChartExport

DIR_ENV = "DASHBOARD_PACK_DIR"
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{22}")  # secrets.token_urlsafe(16): 128 random bits
FORMAT = 1


class PackError(Exception):
    """A pack that cannot be read or saved, said in words a reader can act on."""


@dataclass(frozen=True)
class Limits:
    items: int = 30  # charts in one pack
    pack_bytes: int = 10_000_000  # one pack's file
    store_bytes: int = 1_000_000_000  # every pack together; the least recently used go first
    days: int = 180  # a pack nobody opened for this long is removed


def default_folder() -> Path:
    return Path(os.environ.get(DIR_ENV) or ROOT / "var" / "packs")


def new_key() -> str:
    return secrets.token_urlsafe(16)


def valid_key(key: object) -> bool:
    return isinstance(key, str) and KEY_PATTERN.fullmatch(key) is not None


# Items as data --------------------------------------------------------------------------------------

def item_data(item: ChartExport) -> dict:
    rows = item.rows.reset_index(drop=True)
    return {
        "uid": item.uid, "key": item.key, "title": item.title, "takeaway": item.takeaway, "filters": item.filters,
        "figure": json.loads(item.figure.to_json()), "id_column": item.id_column,
        "rows": {"columns": [str(c) for c in rows.columns],
                 "data": [[None if pd.isna(v) else str(v) for v in r] for r in rows.itertuples(index=False)]},
        "sources": [str(s) for s in item.sources],
        "citation": item.citation.to_dict() if item.citation is not None else None,
    }


def item_from_data(data: dict) -> ChartExport:
    rows = pd.DataFrame(data["rows"]["data"], columns=data["rows"]["columns"], dtype=object).fillna("")
    citation = data.get("citation")
    return ChartExport(
        key=str(data["key"]), title=str(data["title"]), filters=str(data["filters"]),
        figure=pio.from_json(json.dumps(data["figure"])), rows=rows, id_column=str(data["id_column"]),
        sources=[str(s) for s in data.get("sources", [])], takeaway=str(data.get("takeaway", "")),
        citation=Citation.from_dict(citation) if isinstance(citation, dict) else None, uid=str(data.get("uid", "")))


def pack_text(items: list[ChartExport], revision: int) -> str:
    return json.dumps({"format": FORMAT, "revision": revision, "items": [item_data(i) for i in items]},
                      ensure_ascii=False, separators=(",", ":"))


@functools.lru_cache(maxsize=32)
def _parsed(path: str, stamp: tuple[int, int]) -> tuple[int, tuple[ChartExport, ...]]:
    """(revision, items) of a pack file as it was at `stamp` (modification time and size): a page
    that asks again for an unchanged pack gets the items already made. Callers must not change them."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return int(data.get("revision", 0)), tuple(item_from_data(d) for d in data["items"])


# The store ------------------------------------------------------------------------------------------

class PackStore:
    """Packs as files in `folder`, one per key."""

    def __init__(self, folder: Path | None = None, limits: Limits = Limits()):
        self.folder = Path(folder) if folder is not None else default_folder()
        self.limits = limits

    def path(self, key: str) -> Path:
        if not valid_key(key):
            raise PackError("This link's briefing pack key is not one the dashboard makes; "
                            "check that the link was copied whole.")
        return self.folder / f"{key}.json"

    def exists(self, key: str) -> bool:
        return valid_key(key) and self.path(key).is_file()

    def touch(self, key: str) -> None:
        """Mark a pack as used now (a pack is removed after `days` unused)."""
        if self.exists(key):
            os.utime(self.path(key))

    def load(self, key: str) -> tuple[int, list[ChartExport]]:
        """(revision, items) of the pack; PackError when the link's pack is not there or unreadable."""
        path = self.path(key)
        try:
            stat = path.stat()
            revision, items = _parsed(str(path), (stat.st_mtime_ns, stat.st_size))
        except FileNotFoundError:
            raise PackError(f"The briefing pack in this link was not found: packs nobody opens for "
                            f"{self.limits.days} days are removed. Charts you add now start a new pack.") from None
        except (OSError, ValueError, KeyError, TypeError):
            raise PackError("The briefing pack in this link could not be read. Charts you add now start a new pack.") from None
        return revision, list(items)

    def save(self, key: str, items: list[ChartExport], revision: int) -> None:
        """Write the pack (atomically: a reader never sees half a file); PackError when a limit is hit."""
        if len(items) > self.limits.items:
            raise PackError(f"A briefing pack holds at most {self.limits.items} charts: remove one on the Briefing "
                            "page, or start a new pack there, before adding another.")
        text = pack_text(items, revision).encode("utf-8")
        if len(text) > self.limits.pack_bytes:
            raise PackError(f"This chart would make the briefing pack larger than {self.limits.pack_bytes // 1_000_000} MB: "
                            "remove a chart (maps take the most room) or start a new pack on the Briefing page.")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.prune(keep=key)
        path = self.path(key)
        others = sum(p.stat().st_size for p in self.folder.glob("*.json") if p != path and p.exists())
        if others + len(text) > self.limits.store_bytes:
            # never another reader's pack: one client adding charts must not empty everyone's shared links
            raise PackError("The dashboard's store of briefing packs is full, so this chart was not added; your pack "
                            f"and every shared link are kept, and packs nobody opens for {self.limits.days} days are "
                            "removed. Download your pack (PowerPoint or ZIP) now, or try again later.")
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".pack-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(text)
        os.replace(temporary, path)

    def delete(self, key: str) -> None:
        if self.exists(key):
            self.path(key).unlink(missing_ok=True)

    def prune(self, keep: str | None = None, now: float | None = None) -> list[str]:
        """Remove packs unused for `days`, never `keep`; a full store refuses new charts (save) rather
        than remove packs still in use. Returns the keys removed."""
        now = time.time() if now is None else now
        packs = []
        for path in self.folder.glob("*.json"):
            try:
                stat = path.stat()
            except FileNotFoundError:  # removed by another session meanwhile
                continue
            packs.append((stat.st_mtime, stat.st_size, path))
        packs.sort()
        removed, total = [], sum(size for _, size, _ in packs)
        for used, size, path in packs:
            too_old = now - used > self.limits.days * 86_400
            if path.stem != keep and too_old:
                path.unlink(missing_ok=True)
                removed.append(path.stem)
                total -= size
        return removed
