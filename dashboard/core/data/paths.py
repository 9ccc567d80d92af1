"""Where the project's files live. Nothing here reads ../shared/: the project carries its own copies.

DASHBOARD_DATA_DIR and DASHBOARD_SEEDS_DIR point the app at other folders (tests use them to feed
broken tables to the running app).
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CURATED_DIR = ROOT / "data" / "curated"
GEO_DIR = ROOT / "data" / "geo"
SEEDS_DIR = ROOT / "seeds"
DATA_DOC = ROOT / "docs" / "data.md"  # holds the data dictionary generated from the schema


def curated_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_DATA_DIR") or CURATED_DIR)


def seeds_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_SEEDS_DIR") or SEEDS_DIR)
