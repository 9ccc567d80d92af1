"""Where the project's files live. Nothing here reads ../shared/: the project carries its own copies."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CURATED_DIR = ROOT / "data" / "curated"
GEO_DIR = ROOT / "data" / "geo"
SEEDS_DIR = ROOT / "seeds"
README = ROOT / "README.md"
