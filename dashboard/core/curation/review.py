"""A proposal under review: candidates proposed for a document, saved to and read from a folder
(candidates.csv, document.txt, document.json), and how many of the document's numbers they cover.
A reviewed candidates.csv is never overwritten; a candidates file saved by a spreadsheet with ';'
between columns (as European Excel does) is read; which rows are complete enough to accept.

The workflow, shared by the command line (dashboard/curate.py) and the Curate page:
1. core.curation.register reads the document and checks that it can be added;
2. propose_candidates (core.curation.proposals) makes the candidates; save_proposal writes the folder;
3. the curator sets `decision` (accept, reject, exclude) and edits fields;
4. core.curation.plan turns the decisions into rows, and core.curation.write writes them.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from bisect import bisect_left, bisect_right
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


PROPOSED_HASH = "proposed_candidates_sha256"  # in document.json: candidates.csv as propose wrote it


def check_out_folder(out_dir: Path) -> None:
    """Refuse to propose into a folder whose candidates.csv has been reviewed (a decision made or a
    field edited since propose wrote it): that work is never overwritten."""
    path = Path(out_dir) / "candidates.csv"
    if not path.is_file():
        return
    raw = path.read_bytes()
    try:
        recorded = json.loads((path.parent / "document.json").read_text(encoding="utf-8")).get(PROPOSED_HASH)
    except (OSError, ValueError, AttributeError):
        recorded = None
    if recorded and recorded == hashlib.sha256(raw).hexdigest():
        return  # untouched since it was proposed: proposing again loses nothing
    try:
        decided = int((~read_candidates(path)["decision"].str.strip().str.lower().isin(("", "proposed"))).sum())
    except CurationError:
        decided = -1
    what = (f"{decided} decision(s) made" if decided > 0 else "edited since it was proposed" if recorded else
            "it may hold a review (it was not written by this version of propose)")
    raise CurationError(f"{path}:-:-: this folder already holds a reviewed candidates.csv ({what}); nothing was "
                        "overwritten: propose into a new folder (--out), or move this one away first")


def save_proposal(out_dir: Path, meta: DocumentMeta, text: str, candidates: pd.DataFrame) -> Path:
    """DIR/candidates.csv, DIR/document.txt and DIR/document.json; nothing in the tables. Refuses
    (CurationError) when DIR holds a reviewed candidates.csv."""
    check_out_folder(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "candidates.csv"
    data = candidates.reindex(columns=list(CANDIDATE_COLUMNS)).fillna("").to_csv(index=False).encode("utf-8")
    (out_dir / "document.txt").write_text(text, encoding="utf-8", newline="")
    record = {**vars(meta), PROPOSED_HASH: hashlib.sha256(data).hexdigest()}
    (out_dir / "document.json").write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
    path.write_bytes(data)
    return path


def load_proposal(candidates_path: Path) -> tuple[DocumentMeta, str, pd.DataFrame]:
    folder = candidates_path.parent
    for needed in ("document.json", "document.txt"):
        if not (folder / needed).is_file():
            raise CurationError(f"{folder / needed}:-:-: missing; run `propose` again into {folder}")
    record = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    meta = DocumentMeta(**{k: v for k, v in record.items() if k in DocumentMeta.__dataclass_fields__})
    text = (folder / "document.txt").read_text(encoding="utf-8")
    return meta, text, read_candidates(candidates_path)


NUMERIC_COLUMNS = ("value", "low", "high", "lat", "lon", "killed", "wounded")


def read_candidates(path: Path) -> pd.DataFrame:
    """The candidates file as strings. A file saved with ';' between columns (European Excel) is read
    as such (decimal commas in number columns become points); what cannot be read is refused with why."""
    raw = Path(path).read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise CurationError(f"{path.name}:-:-: the file is UTF-16 (Excel's 'Unicode Text'); save it as 'CSV UTF-8' and try again")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CurationError(f"{path.name}:-:-: the file is not UTF-8; save it as UTF-8 (CSV)") from None
    header = text.split("\n", 1)[0]
    sep = ";" if header.count(";") > header.count(",") else ","
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=sep)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise CurationError(f"{path.name}:-:-: not a readable CSV file ({err})") from None
    missing = [c for c in REQUIRED_CANDIDATE_COLUMNS if c not in frame]
    if missing:
        found = ", ".join(list(frame.columns)[:3]) or "none"
        raise CurationError(f"{path.name}:1:{missing[0]}: required column is missing (needed: {', '.join(missing)}); "
                            f"the first line holds {len(frame.columns)} column(s) ({found}...) separated by '{sep}': "
                            "save the review as CSV with its header row")
    if sep == ";":
        for column in NUMERIC_COLUMNS:
            if column in frame:
                frame[column] = frame[column].str.replace(r"^(-?\d+),(\d+)$", r"\1.\2", regex=True)
    return frame.reindex(columns=list(CANDIDATE_COLUMNS)).fillna("").astype(str)


# What a row needs before it can be accepted, per table (a figure needs a number unless a magnitude).
NEEDED = {
    "figures": ("indicator", "subject", "qualifier", "value_text"),
    "incidents": ("kind", "summary"),
    "places": ("place_id", "name", "lat", "lon"),
    "channels": ("name", "kind"),
    "groups": ("group_id", "name"),
    "excluded": ("exclude_reason",),
}


def incomplete(row: dict) -> list[str]:
    """The columns a candidate still lacks before it can be accepted as it is ([] when complete)."""
    from core.curation.plan import PLACEHOLDER

    table = row.get("table", "")
    missing = [c for c in NEEDED.get(table, ()) if not str(row.get(c, "")).strip()]
    if table == "figures" and row.get("qualifier") not in ("magnitude", "") and not any(
            str(row.get(c, "")).strip() for c in ("value", "low", "high")):
        missing.append("value")
    if table == "incidents" and PLACEHOLDER.search(str(row.get("summary", ""))):
        missing.append("summary")
    if table == "incidents" and row.get("date") and not row.get("date_precision"):
        missing.append("date_precision")
    return list(dict.fromkeys(missing))


def number_coverage(doc_id: str, text: str, candidates: pd.DataFrame) -> tuple[int, int]:
    """(numbers a candidate captures, numbers in the document) under the completeness scanner's rule."""
    from core.data.completeness import _same, row_numbers
    from core.data.numbers import scan_numbers

    doc = Document(doc_id, text)
    rows = candidates.fillna("").astype(str).to_dict("records")
    found, after = {}, 0  # candidates come in the order of the text: each quote is looked for from the last one on
    for quote in dict.fromkeys(r["quote"] for r in rows):
        found[quote] = doc.find(quote, start=after) or doc.find(quote) or []
        after = found[quote][0][0] if found[quote] else after
    # every span a candidate's quote covers, sorted, to find those around a number by bisection
    spans = sorted((s, e, i) for i, r in enumerate(rows) for s, e in found[r["quote"]])
    starts = [s for s, _, _ in spans]
    longest = max((e - s for s, e, _ in spans), default=0)
    occurrences = scan_numbers(doc_id, text)
    covered = 0
    for occ in occurrences:
        at = bisect_right(starts, occ.start)
        around = sorted(i for s, e, i in spans[bisect_left(starts, occ.end - longest):at] if occ.end <= e)
        for row in (rows[i] for i in around):
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




# ---------------------------------------------------------------- one row at a time

# What the one-row review shows to edit, per table (the rest stays as proposed).
REVIEW_FIELDS = {
    "figures": ("value_text", "value", "low", "high", "qualifier", "indicator", "subject", "related", "related_as", "counts", "part_of",
                "period_start", "period_end", "period_inferred", "note"),
    "incidents": ("kind", "date", "date_precision", "date_inferred", "place_id", "place_inferred", "country_iso3", "group_id",
                  "involvement", "killed", "wounded", "summary", "event_id", "note"),
    "places": ("name", "place_id", "country_iso3", "lat", "lon", "note"),
    "channels": ("name", "kind", "stance", "group_id", "note"),
    "groups": ("name", "group_id", "place_id", "note"),
    "excluded": ("value_text", "exclude_reason"),
}


def marked_quote(row: dict) -> tuple[str, str, str]:
    """(before, marked, after): the quote with what the candidate is about marked: the number of a
    figure or excluded number, the event word of an incident, the name of a place, channel or group."""
    quote = str(row.get("quote", ""))
    table = row.get("table", "")
    if table in ("figures", "excluded"):
        wanted = [row.get("value_text", ""), row.get("value", "")]
    elif table == "incidents":
        wanted = re.findall(r"(?:event word|date) '([^']+)'", str(row.get("reason", "")))
    else:
        wanted = [row.get("name", "")]
    for word in wanted:
        at = quote.find(word) if word else -1
        if at >= 0:
            return quote[:at], word, quote[at + len(word):]
    return quote, "", ""


def next_to_review(candidates: pd.DataFrame, after: str | None = None) -> str | None:
    """The first candidate still 'proposed' after `after` (in document order, wrapping), or None."""
    ids = list(candidates["candidate_id"])
    open_ = [c for c, d in zip(ids, candidates["decision"]) if str(d).strip().lower() in ("", "proposed")]
    if not open_:
        return None
    if after in ids:
        later = [c for c in open_ if ids.index(c) > ids.index(after)]
        return (later or open_)[0]
    return open_[0]


def review_counter(candidates: pd.DataFrame) -> str:
    """'12 of 40 left to review (20 accepted, 5 rejected, 3 excluded)'."""
    decided = candidates["decision"].astype(str).str.strip().str.lower().value_counts()
    left = int(decided.get("proposed", 0) + decided.get("", 0))
    return (f"{left} of {len(candidates)} left to review ({decided.get('accept', 0)} accepted, "
            f"{decided.get('reject', 0)} rejected, {decided.get('exclude', 0)} excluded)")


def decide_one(candidates: pd.DataFrame, candidate_id: str, decision: str, values: dict[str, str],
               units: dict[str, str]) -> tuple[pd.DataFrame, list[str]]:
    """The candidates with one candidate's edited fields and decision, or the unchanged candidates and
    why the decision cannot be taken (an accepted row must be complete; an excluded number needs its
    reason). A figure's unit follows its indicator."""
    out = candidates.copy()
    at = out.index[out["candidate_id"] == candidate_id]
    if not len(at):
        return candidates, [f"candidate {candidate_id} is not in this review"]
    row = {**out.loc[at[0]].to_dict(), **{k: "" if v is None else str(v) for k, v in values.items()}}
    if row["table"] == "figures" and row["indicator"] in units:
        row["unit"] = units[row["indicator"]]
    problems = []
    if decision == "accept":
        missing = incomplete(row)
        if missing:
            problems.append(f"candidate {candidate_id} is not complete: fill in {', '.join(missing)}, or reject it")
    if decision == "exclude":
        if row["table"] not in ("figures", "excluded"):
            problems.append(f"candidate {candidate_id}: only a number can be excluded; reject a {row['table'][:-1]} instead")
        elif not row.get("exclude_reason", "").strip():
            problems.append(f"candidate {candidate_id}: give the reason the number is not curated (exclude_reason)")
    if problems:
        return candidates, problems
    row["decision"] = decision
    for column, value in row.items():
        out.at[at[0], column] = value
    return out, []
