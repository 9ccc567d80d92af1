"""Curation workbench: from a new document to reviewed candidate rows (issue 10).

The workflow, shared by the command line (dashboard/curate.py) and the Curate page:
1. read_document(): a .txt, .md or .pdf file as text (pypdf for PDFs); refused when empty or not UTF-8.
2. check_new_document(): refused when its doc_id is taken or its text duplicates a document we have.
3. propose (core.curation.proposals) -> a candidates table; save_proposal() writes DIR/candidates.csv,
   DIR/document.txt and DIR/document.json (the metadata) and nothing else.
4. The curator sets `decision` (accept, reject, exclude) and edits fields.
5. plan_apply() turns the decisions into rows with ids in our scheme and the new text of each
   table (existing rows are kept byte for byte; new rows are appended); core.curation.write shows
   the diff, validates a staged copy and writes atomically.

Errors are CurationError with plain sentences naming file, row and column.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from core.curation.proposals import CANDIDATE_COLUMNS, DECISIONS, Proposer, build_vocab
from core.data.quotes import Document, normalise
from core.data.schema import TABLES

REQUIRED_CANDIDATE_COLUMNS = CANDIDATE_COLUMNS[:19]  # the command line's contract (issue 10)
DOC_KINDS = TABLES["documents"].column("kind").allowed
_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
ID_FORMATS = {"figures": ("fig", 3), "incidents": ("inc", 3), "channels": ("ch", 2)}  # fig-<doc>-001
_CANDIDATE_REF = re.compile(r"^c\d{4}$")


class CurationError(Exception):
    """A refusal the curator can act on: one or more plain sentences (file:row:column: message)."""

    def __init__(self, messages: list[str] | str):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("\n".join(self.messages))


@dataclass
class DocumentMeta:
    doc_id: str
    title: str = ""
    authors: str = ""
    publisher: str = ""
    published: str = "unknown"
    kind: str = "policy report"
    file: str = ""
    note: str = ""
    registered: bool = False  # already in documents.csv and seeds/ (proposing more rows for it)

    def row(self) -> dict:
        return {c: getattr(self, c) for c in TABLES["documents"].column_names}


def read_document(path: Path, data: bytes | None = None) -> str:
    """The text of a .txt, .md or .pdf file (`data` = its bytes when uploaded)."""
    name = Path(path).name
    suffix = Path(path).suffix.lower()
    raw = data if data is not None else Path(path).read_bytes()
    if suffix == ".pdf":
        text = _pdf_text(name, raw)
    elif suffix in (".txt", ".md"):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = raw[: err.start].count(b"\n") + 1
            raise CurationError(f"{name}:{line}:-: the file is not UTF-8 (byte 0x{raw[err.start]:02x} cannot be "
                                "decoded); save it as UTF-8 and try again") from None
    else:
        raise CurationError(f"{name}:-:-: only .txt, .md and .pdf documents can be added (this is '{suffix or 'no extension'}')")
    if not text.strip():
        raise CurationError(f"{name}:-:-: the document is empty (no text{' could be extracted from the PDF' if suffix == '.pdf' else ''})")
    return text.replace("\r\n", "\n")


def _pdf_text(name: str, raw: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        return "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
    except (PdfReadError, ValueError, OSError) as err:
        raise CurationError(f"{name}:-:-: the PDF cannot be read ({err})") from None


def fingerprint(text: str) -> str:
    """Same text after normalising whitespace, quote marks and case -> same fingerprint."""
    return hashlib.sha256(normalise(text).lower().encode("utf-8")).hexdigest()


def check_new_document(meta: DocumentMeta, text: str, documents: pd.DataFrame, texts: dict[str, Document],
                       seeds_dir: Path) -> list[str]:
    """Why this document cannot be registered as new (empty list: it can)."""
    problems = []
    if not _ID.match(meta.doc_id):
        problems.append(f"documents.csv:-:doc_id: '{meta.doc_id}' is not a valid doc_id (lower-case letters, digits and _)")
    rows = documents.astype(str).to_dict("records")
    for line, row in enumerate(rows, start=2):
        if row["doc_id"] == meta.doc_id:
            problems.append(f"documents.csv:{line}:doc_id: doc_id '{meta.doc_id}' is already used by \"{row['title']}\"; "
                            "choose another doc_id")
        if meta.file and row["file"] == meta.file:
            problems.append(f"documents.csv:{line}:file: seeds/{meta.file} is already the file of '{row['doc_id']}'")
    mine = fingerprint(text)
    for doc_id, doc in texts.items():
        if fingerprint(doc.text) == mine:
            problems.append(f"seeds/:-:-: this text is the same as document '{doc_id}' already registered; it is not added twice")
    if meta.file and (seeds_dir / meta.file).exists() and not any(r["file"] == meta.file for r in rows):
        problems.append(f"seeds/{meta.file}:-:-: a file of that name is already in seeds/")
    if not meta.title.strip():
        problems.append("documents.csv:-:title: give the document's title as printed")
    if meta.kind not in DOC_KINDS:
        problems.append(f"documents.csv:-:kind: '{meta.kind}' is not one of: {', '.join(DOC_KINDS)}")
    return problems


def seed_file_name(doc_id: str, source_name: str) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", Path(source_name).stem.lower()).strip("-") or doc_id
    return f"{stem}.txt"


def propose_candidates(doc_id: str, text: str, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return Proposer(build_vocab(tables)).propose(doc_id, text)


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
        if any(name == row["table"] and _overlap(spans, sp) and (date == row["date"] if name == "incidents" else nm == row["name"].lower())
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
        out[column] = [new_ids.get(v, "") if _CANDIDATE_REF.match(v) else v for v in out[column].astype(str)]
    out["candidate_id"] = [new_ids[c] for c in out["candidate_id"]]
    return out


def _overlap(a, b) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


# ---------------------------------------------------------------- from decisions to rows


@dataclass
class Plan:
    """What writing the decisions would change: the new text of each file and the rows added."""

    meta: DocumentMeta
    files: dict[Path, str] = field(default_factory=dict)  # path -> full new text
    originals: dict[Path, str | None] = field(default_factory=dict)  # path -> old text (None: new file)
    added: dict[str, list[dict]] = field(default_factory=dict)  # table -> new rows
    assigned: dict[str, str] = field(default_factory=dict)  # candidate_id -> row id

    @property
    def counts(self) -> dict[str, int]:
        return {table: len(rows) for table, rows in self.added.items() if rows}


def _next_number(existing: list[str], prefix: str) -> int:
    numbers = [int(m.group(1)) for x in existing if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", x))]
    return max(numbers, default=0) + 1


def plan_apply(candidates: pd.DataFrame, meta: DocumentMeta, text: str, curated_dir: Path, seeds_dir: Path,
               source_name: str = "candidates.csv") -> Plan:
    """Rows for every accepted or excluded candidate, with ids; raises CurationError naming each
    candidate that cannot be written (bad decision, quote not verbatim, missing reason...)."""
    if not candidates["decision"].astype(str).str.strip().str.lower().isin(("accept", "exclude")).any() and \
            candidates["decision"].astype(str).str.strip().str.lower().isin(DECISIONS).all():
        return Plan(meta)  # nothing to write (and nothing to check)
    doc = Document(meta.doc_id, text)
    tables = {name: _read_table(curated_dir / TABLES[name].file) for name in TABLES}
    problems: list[str] = []
    if not meta.registered:
        problems += check_new_document(meta, text, tables["documents"], _texts(tables["documents"], seeds_dir), seeds_dir)
    rows = candidates.fillna("").astype(str).to_dict("records")
    chosen = []
    for line, row in enumerate(rows, start=2):
        where = f"{source_name}:{line}"
        cid = row["candidate_id"] or f"(row {line})"
        decision = row["decision"].strip().lower()
        if decision not in DECISIONS:
            problems.append(f"{where}:decision: candidate {cid}: '{row['decision']}' is not one of: {', '.join(DECISIONS)}")
            continue
        if decision in ("proposed", "reject"):
            continue
        if not row["quote"].strip() or doc.find(row["quote"]) is None:
            problems.append(f"{where}:quote: candidate {cid}: the quote is not verbatim in the document '{meta.doc_id}' "
                            "(was it edited?); restore the sentence as written or shorten it with '...'")
            continue
        if decision == "exclude" and row["table"] not in ("figures", "excluded"):
            problems.append(f"{where}:decision: candidate {cid}: only numbers (figures) can be excluded; reject a {row['table']} candidate instead")
            continue
        if decision == "exclude" and not row["exclude_reason"].strip():
            problems.append(f"{where}:exclude_reason: candidate {cid}: give the reason the number is not curated")
            continue
        if row["table"] == "excluded" and decision == "accept" and not row["exclude_reason"].strip():
            problems.append(f"{where}:exclude_reason: candidate {cid}: give the reason the number is not curated")
            continue
        chosen.append((line, {**row, "decision": decision}))
    if problems:
        raise CurationError(problems)

    plan = Plan(meta)
    new_rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    doc_id = meta.doc_id
    # ids first, so that candidates can refer to one another (subject 'c0004' -> 'inc-<doc>-001')
    counters = {t: _next_number(list(tables[t][TABLES[t].key]), f"{p}-{doc_id}-") for t, (p, _) in ID_FORMATS.items()}
    taken = {t: set(tables[t][TABLES[t].key]) for t in ("places", "groups")}
    for line, row in chosen:
        table = row["table"]
        if row["decision"] == "exclude" or table == "excluded":
            continue
        if table in ID_FORMATS:
            prefix, width = ID_FORMATS[table]
            plan.assigned[row["candidate_id"]] = f"{prefix}-{doc_id}-{counters[table]:0{width}d}"
            counters[table] += 1
        elif table in taken:
            ident = (row["place_id"] if table == "places" else row["group_id"]).strip()
            if not ident or ident in taken[table]:
                problems.append(f"{source_name}:{line}:{'place_id' if table == 'places' else 'group_id'}: candidate "
                                f"{row['candidate_id']}: '{ident}' is {'blank' if not ident else 'already in ' + table + '.csv'}; give a new id")
                continue
            taken[table].add(ident)
            plan.assigned[row["candidate_id"]] = ident
        else:
            problems.append(f"{source_name}:{line}:table: candidate {row['candidate_id']}: unknown table '{table}'")

    def ref(value: str, line: int, column: str, cid: str) -> str:
        value = value.strip()
        if _CANDIDATE_REF.match(value):
            if value not in plan.assigned:
                problems.append(f"{source_name}:{line}:{column}: candidate {cid} refers to candidate {value}, which is not accepted")
            return plan.assigned.get(value, value)
        return value

    units = dict(zip(tables["indicators"]["indicator"], tables["indicators"]["unit"]))
    for line, row in chosen:
        table, cid, ident = row["table"], row["candidate_id"], plan.assigned.get(row["candidate_id"], "")
        r = {k: v.strip() for k, v in row.items()}
        if r["decision"] == "exclude" or table == "excluded":
            new_rows["excluded"].append({"doc_id": doc_id, "number": r["value_text"] or r["name"] or r["value"],
                                         "context": r["quote"], "reason": r["exclude_reason"]})
        elif table == "figures":
            new_rows["figures"].append({
                "figure_id": ident, "indicator": r["indicator"], "subject": ref(r["subject"], line, "subject", cid),
                "related": ref(r["related"], line, "related", cid), "value": r["value"], "low": r["low"],
                "high": r["high"], "qualifier": r["qualifier"], "value_text": r["value_text"] or r["value"],
                "unit": r["unit"] or units.get(r["indicator"], ""), "period_start": r["period_start"],
                "period_end": r["period_end"], "doc_id": doc_id, "quote": r["quote"], "note": r["note"]})
        elif table == "incidents":
            new_rows["incidents"].append({
                "incident_id": ident, "date": r["date"], "date_precision": r["date_precision"], "date_inferred": "",
                "place_id": ref(r["place_id"], line, "place_id", cid), "country_iso3": r["country_iso3"],
                "kind": r["kind"], "group_id": ref(r["group_id"], line, "group_id", cid), "perpetrator_origin": "",
                "killed": r["killed"], "wounded": r["wounded"], "summary": r["summary"], "doc_id": doc_id,
                "quote": r["quote"], "note": r["note"]})
        elif table == "places":
            new_rows["places"].append({
                "place_id": ident, "name": r["name"], "alt_names": "", "country_iso3": r["country_iso3"], "admin1": "",
                "kind": r["kind"] or "city", "lat": r["lat"], "lon": r["lon"], "geo_precision": "city", "boundary": "",
                "note": r["note"] or f"Looked up for document '{doc_id}'."})
        elif table == "channels":
            new_rows["channels"].append({
                "channel_id": ident, "name": r["name"], "kind": r["kind"], "stance": r["stance"] or "used",
                "languages": "", "used_by": ref(r["group_id"], line, "group_id", cid), "audience": "",
                "doc_id": doc_id, "quote": r["quote"], "note": r["note"]})
        elif table == "groups":
            new_rows["groups"].append({
                "group_id": ident, "name": r["name"], "aliases": "", "base": ref(r["place_id"], line, "place_id", cid),
                "founded": "", "relation_to_taliban": "", "doc_id": doc_id, "quote": r["quote"], "note": r["note"]})
    problems += _already_there(new_rows, tables, plan.assigned, source_name)
    if problems:
        raise CurationError(problems)

    if not meta.registered:
        new_rows["documents"].append(meta.row())
        seed = seeds_dir / meta.file
        plan.originals[seed] = None
        plan.files[seed] = text
    for name, added in new_rows.items():
        if not added:
            continue
        path = curated_dir / TABLES[name].file
        old = path.read_text(encoding="utf-8") if path.exists() else None
        plan.originals[path] = old
        plan.files[path] = append_rows(old, TABLES[name].column_names, added)
        plan.added[name] = added
    _update_datapackage(plan, curated_dir)
    return plan


def _update_datapackage(plan: Plan, curated_dir: Path) -> None:
    """A new document is a new source of the data package: datapackage.json changes in the same write."""
    descriptor = curated_dir / "datapackage.json"
    documents = curated_dir / TABLES["documents"].file
    if documents not in plan.files or not descriptor.exists():
        return
    from core.data import datapackage
    from core.data.loading import read_csv_rows

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / documents.name).write_text(plan.files[documents], encoding="utf-8")
        frame, _, _ = read_csv_rows(Path(tmp) / documents.name, TABLES["documents"])
    plan.originals[descriptor] = descriptor.read_text(encoding="utf-8")
    plan.files[descriptor] = json.dumps(datapackage.build(frame), indent=2, ensure_ascii=False) + "\n"


# What makes two rows the same claim (besides doc_id and quote): applying a review twice adds nothing.
SAME_CLAIM = {
    "figures": ("indicator", "subject", "value", "low", "high"),
    "incidents": ("date", "place_id", "kind"),
    "channels": ("name", "stance"),
    "excluded": ("number", "context"),
}


def _already_there(new_rows: dict[str, list[dict]], tables: dict[str, pd.DataFrame], assigned: dict[str, str],
                   source_name: str) -> list[str]:
    """A sentence per new row that repeats a row the tables already hold (same document, quote and claim)."""
    by_id = {v: k for k, v in assigned.items()}
    problems = []
    for table, fields in SAME_CLAIM.items():
        frame = tables[table].astype(str)
        quoted = "context" if table == "excluded" else "quote"
        keys = {tuple(normalise(row.get(f, "")) for f in ("doc_id", quoted, *fields)): row.get(TABLES[table].key or "", "")
                for row in frame.to_dict("records")}
        for row in new_rows[table]:
            existing = keys.get(tuple(normalise(row.get(f, "")) for f in ("doc_id", quoted, *fields)))
            if existing is not None:
                who = by_id.get(row.get(TABLES[table].key or "", ""), f"number '{row.get('number', '')}'")
                problems.append(f"{source_name}:-:decision: candidate {who} is already in {table}.csv"
                                + (f" as {existing}" if existing else "") + "; reject it (was this review applied before?)")
    return problems


def append_rows(old: str | None, columns: list[str], rows: list[dict]) -> str:
    """The file's text with rows appended: existing lines are kept exactly as they are."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = columns
    if old is None or not old.strip():
        writer.writerow(columns)
        old = ""
    else:
        header = next(csv.reader(io.StringIO(old)))
        if not old.endswith("\n"):
            old += "\n"
    for row in rows:
        writer.writerow([row.get(h.strip(), "") for h in header])
    return old + out.getvalue()


def _read_table(path: Path) -> pd.DataFrame:
    if not path.exists():
        return pd.DataFrame(columns=TABLES[path.stem].column_names)
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _texts(documents: pd.DataFrame, seeds_dir: Path) -> dict[str, Document]:
    out = {}
    for row in documents.to_dict("records"):
        path = seeds_dir / row["file"]
        if row["file"] and path.is_file():
            try:
                out[row["doc_id"]] = Document(row["doc_id"], path.read_text(encoding="utf-8"))
            except UnicodeDecodeError:
                pass
    return out
