"""Shared fixtures: a scratch copy of the curated data that a test may break; briefing packs saved
in a temporary folder of each test process (and of the servers the browser tests start), never in
the repository's var/packs/."""

from __future__ import annotations

import atexit
import csv
import functools
import os
import shutil
import tempfile
from pathlib import Path

if not os.environ.get("DASHBOARD_PACK_DIR"):
    os.environ["DASHBOARD_PACK_DIR"] = tempfile.mkdtemp(prefix="packs-")
    atexit.register(shutil.rmtree, os.environ["DASHBOARD_PACK_DIR"], ignore_errors=True)

import pytest

from core.data.loading import Corpus, load_corpus
from core.data.paths import CURATED_DIR, SEEDS_DIR


@functools.cache
def repository_corpus() -> Corpus:
    """The repository's tables and documents, loaded and validated once per test process: a dozen
    modules read them at import, and none changes them (a test that edits data works on ScratchData)."""
    return load_corpus()


class ScratchData:
    """A copy of data/curated and seeds/ in a temporary folder, with helpers to break it."""

    def __init__(self, root: Path):
        self.curated = root / "curated"
        self.seeds = root / "seeds"
        shutil.copytree(CURATED_DIR, self.curated)
        shutil.copytree(SEEDS_DIR, self.seeds)

    def rows(self, table: str) -> list[dict]:
        with open(self.curated / f"{table}.csv", newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    def write(self, table: str, rows: list[dict], fieldnames: list[str] | None = None) -> None:
        fieldnames = fieldnames or list(rows[0])
        with open(self.curated / f"{table}.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=fieldnames, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)

    def set(self, table: str, index: int, column: str, value: str) -> int:
        """Set one cell of data row `index` (0-based); returns its line number in the file."""
        rows = self.rows(table)
        rows[index][column] = value
        self.write(table, rows)
        return index + 2


@pytest.fixture
def scratch(tmp_path) -> ScratchData:
    return ScratchData(tmp_path)


def pytest_collection_modifyitems(items):
    """The brief tests run state by state (all of Kazakhstan's, then Kyrgyzstan's ...), not test by
    test: each test process builds a state's brief once (test_brief.brief_of), and a second worker
    that takes the tail of the queue then builds only the last states' briefs, not all five again."""
    positions = [i for i, item in enumerate(items) if item.path.name == "test_brief.py"]
    brief_items = [items[i] for i in positions]
    order = {iso: n for n, iso in enumerate(dict.fromkeys(
        item.callspec.params["iso"] for item in brief_items if hasattr(item, "callspec") and "iso" in item.callspec.params))}
    ranked = sorted(brief_items, key=lambda item: order.get(
        item.callspec.params.get("iso") if hasattr(item, "callspec") else None, len(order)))
    for i, item in zip(positions, ranked):
        items[i] = item
