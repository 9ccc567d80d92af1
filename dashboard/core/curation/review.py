"""A proposal under review: candidates proposed for a document, saved to and read from a folder
(candidates.csv, document.txt, document.json), and how many of the document's numbers they cover.

The workflow, shared by the command line (dashboard/curate.py) and the Curate page:
1. core.curation.register reads the document and checks that it can be added;
2. propose_candidates (core.curation.proposals) makes the candidates; save_proposal writes the folder;
3. the curator sets `decision` (accept, reject, exclude) and edits fields;
4. core.curation.plan turns the decisions into rows, and core.curation.write writes them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from core.curation.proposals import CANDIDATE_COLUMNS, Proposer
from core.curation.vocab import build_vocab
from core.curation.register import CurationError, DocumentMeta
from core.data.quotes import Document

REQUIRED_CANDIDATE_COLUMNS = CANDIDATE_COLUMNS[:19]  # the command line's contract
CANDIDATE_REF = re.compile(r"^c\d{4}$")


def propose_candidates(doc_id: str, text: str, tables: dict[str, pd.DataFrame], published: str = "") -> pd.DataFrame:
    """Candidates for a document; `published` (its date) resolves the relative dates it gives."""
    return Proposer(build_vocab(tables)).propose(doc_id, text, published)


def save_proposal(out_dir: Path, meta: DocumentMeta, text: str, candidates: pd.DataFrame) -> Path:
    """DIR/candidates.csv, DIR/document.txt and DIR/document.json; nothing in the tables."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "document.txt").write_text(text, encoding="utf-8", newline="")
    (out_dir / "document.json").write_text(json.dumps(vars(meta), indent=2, ensure_ascii=False), encoding="utf-8")
    path = out_dir / "candidates.csv"
    candidates.reindex(columns=list(CANDIDATE_COLUMNS)).fillna("").to_csv(path, index=False, encoding="utf-8")
    return path


def load_proposal(candidates_path: Path) -> tuple[DocumentMeta, str, pd.DataFrame]:
    folder = candidates_path.parent
    for needed in ("document.json", "document.txt"):
        if not (folder / needed).is_file():
            raise CurationError(f"{folder / needed}:-:-: missing; run `propose` again into {folder}")
    meta = DocumentMeta(**json.loads((folder / "document.json").read_text(encoding="utf-8")))
    text = (folder / "document.txt").read_text(encoding="utf-8")
    return meta, text, read_candidates(candidates_path)


def read_candidates(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError:
        raise CurationError(f"{path.name}:-:-: the file is not UTF-8; save it as UTF-8 (CSV)") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise CurationError(f"{path.name}:-:-: not a readable CSV file ({err})") from None
    missing = [c for c in REQUIRED_CANDIDATE_COLUMNS if c not in frame]
    if missing:
        raise CurationError(f"{path.name}:1:{missing[0]}: required column is missing (needed: {', '.join(missing)})")
    return frame.reindex(columns=list(CANDIDATE_COLUMNS)).fillna("").astype(str)


def number_coverage(doc_id: str, text: str, candidates: pd.DataFrame) -> tuple[int, int]:
    """(numbers a candidate captures, numbers in the document) under the completeness scanner's rule."""
    from core.data.completeness import _same, row_numbers
    from core.data.numbers import scan_numbers

    doc = Document(doc_id, text)
    rows = candidates.fillna("").astype(str).to_dict("records")
    spans = [doc.find(r["quote"]) or [] for r in rows]
    occurrences = scan_numbers(doc_id, text)
    covered = 0
    for occ in occurrences:
        for row, row_spans in zip(rows, spans):
            if not any(s <= occ.start and occ.end <= e for s, e in row_spans):
                continue
            if row["table"] == "excluded":
                hit = row["value_text"] == occ.text
            elif occ.value is None:
                hit = row["qualifier"] == "magnitude" and occ.text in row["value_text"]
            else:
                hit = any(_same(occ.value, n) for n in row_numbers(row))
            if hit:
                covered += 1
                break
    return covered, len(occurrences)


def number_status(doc: Document, tables: dict[str, pd.DataFrame] | None, candidates: pd.DataFrame) -> str:
    """One sentence: how many numbers of the document the tables hold and the candidates cover."""
    covered, total = number_coverage(doc.doc_id, doc.text, candidates)
    if tables is None:
        return f"{covered} of {total} numbers of the document are in a candidate"
    from core.data.completeness import coverage

    cov = coverage(tables, {doc.doc_id: doc})[doc.doc_id]
    held = len(cov.curated) + len(cov.excluded)
    return (f"the tables already hold {held} of {total} numbers of the document (curated or excluded); "
            f"{len(cov.missing)} are missing")


def drop_already_curated(candidates: pd.DataFrame, doc: Document, tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, int]:
    """For a registered document: leave out candidates our tables already hold (the same number, date
    or channel from the same sentence). Returns the rest and how many were left out."""
    from core.data.completeness import coverage

    from core.data.completeness import _same, row_numbers

    cov = coverage(tables, {doc.doc_id: doc}).get(doc.doc_id)
    done = (cov.curated + cov.excluded) if cov else []
    existing = []
    for name in ("incidents", "channels"):
        frame = tables[name].astype("object").fillna("").astype(str)
        for row in frame[frame["doc_id"] == doc.doc_id].to_dict("records"):
            existing.append((name, doc.find(row["quote"]) or [], row.get("date", ""), row.get("name", "").lower()))
    keep = []
    for row in candidates.to_dict("records"):
        spans = doc.find(row["quote"]) or []
        inside = [o for o in done if any(a <= o.start and o.end <= b for a, b in spans)]
        if row["table"] in ("figures", "excluded") and inside:
            values = row_numbers({k: row[k] for k in ("value", "low", "high")})
            if values and all(any(o.value is not None and _same(o.value, v) for o in inside) for v in values):
                continue
            if not values and any(o.text in row["value_text"] for o in inside):
                continue
        if any(name == row["table"] and overlap(spans, sp) and (date == row["date"] if name == "incidents" else nm == row["name"].lower())
               for name, sp, date, nm in existing):
            continue
        keep.append(row)
    frame = pd.DataFrame(keep, columns=list(CANDIDATE_COLUMNS)).fillna("")
    return renumber(frame), len(candidates) - len(frame)


def renumber(candidates: pd.DataFrame) -> pd.DataFrame:
    """c0001, c0002... again after some candidates were left out; references follow (a reference to a
    candidate that was left out is cleared: the curator chooses the existing row instead)."""
    out = candidates.copy()
    new_ids = {old: f"c{i:04d}" for i, old in enumerate(out["candidate_id"], start=1)}
    for column in ("subject", "related", "place_id", "group_id"):
        out[column] = [new_ids.get(v, "") if CANDIDATE_REF.match(v) else v for v in out[column].astype(str)]
    out["candidate_id"] = [new_ids[c] for c in out["candidate_id"]]
    return out


def overlap(a, b) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


