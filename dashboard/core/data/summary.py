"""What the curated data holds, for the overview: rows per table and per document."""

from __future__ import annotations

import pandas as pd

from core.data.loading import Corpus
from core.data.schema import QUOTED_TABLES, TABLES


def table_label(name: str) -> str:
    """'key_points' -> 'Key points': how a table is named to readers."""
    return name.replace("_", " ").capitalize()


def rows_per_table(corpus: Corpus) -> pd.DataFrame:
    return pd.DataFrame(
        [{"table": table_label(name), "rows": len(corpus[name]), "description": TABLES[name].description}
         for name in TABLES]
    )


def rows_per_document(corpus: Corpus) -> pd.DataFrame:
    """One row per document, one column per quoted table: how many curated rows cite it."""
    docs = corpus["documents"][["doc_id", "title"]].copy()
    for name in QUOTED_TABLES:
        counts = corpus[name]["doc_id"].value_counts()
        docs[table_label(name)] = docs["doc_id"].map(counts).fillna(0).astype(int)
    docs["total"] = docs[[table_label(n) for n in QUOTED_TABLES]].sum(axis=1)
    return docs
