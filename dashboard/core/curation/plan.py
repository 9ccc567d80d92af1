"""From decisions to rows: plan_apply turns the accepted and excluded candidates into rows with ids
in our scheme (fig-<doc>-001, inc-<doc>-001, ch-<doc>-01) and the new text of each table (existing
rows kept byte for byte, new rows appended); core.curation.write shows the diff and writes it.
A figure's unit is always its indicator's; a summary that is a placeholder is refused; and a problem
the validator finds in a new row is told of the candidate it came from (name_candidates)."""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from core.curation.proposals import DECISIONS
from core.curation.register import CurationError, DocumentMeta, check_new_document, fingerprint
from core.curation.review import CANDIDATE_REF
from core.data.quotes import Document, normalise
from core.data.schema import TABLES

ID_FORMATS = {"figures": ("fig", 3), "incidents": ("inc", 3), "channels": ("ch", 2)}  # fig-<doc>-001
PLACEHOLDER = re.compile(r"\[[^\]]*(?:draft|rewrite|todo|tbd|placeholder)[^\]]*\]|\b(?:TODO|TBD|lorem ipsum)\b", re.I)


@dataclass
class Plan:
    """What writing the decisions would change: the new text of each file and the rows added."""

    meta: DocumentMeta
    files: dict[Path, str] = field(default_factory=dict)  # path -> full new text
    originals: dict[Path, str | None] = field(default_factory=dict)  # path -> old text (None: new file)
    added: dict[str, list[dict]] = field(default_factory=dict)  # table -> new rows
    assigned: dict[str, str] = field(default_factory=dict)  # candidate_id -> row id
    inputs: tuple = ()  # (candidates, text, source_name): the write makes the plan again under the data's lock
    source_name: str = "candidates.csv"
    candidate_lines: dict[str, int] = field(default_factory=dict)  # candidate_id -> its line in the candidates file
    from_candidate: dict[tuple[str, int], str] = field(default_factory=dict)  # (table file, line) -> candidate_id

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
    if not meta.registered and _registered_already(meta, text, tables["documents"], seeds_dir):
        meta = replace(meta, registered=True)  # this review was written before: its rows say so below
    if not meta.registered:
        problems += check_new_document(meta, text, tables["documents"], _texts(tables["documents"], seeds_dir), seeds_dir)
    rows = candidates.fillna("").astype(str).to_dict("records")
    chosen = []
    lines = {r["candidate_id"]: line for line, r in enumerate(rows, start=2)}
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
        if row["table"] == "incidents" and decision == "accept" and (PLACEHOLDER.search(row["summary"]) or not row["summary"].strip()):
            problems.append(f"{where}:summary: candidate {cid}: " + ("the summary is a placeholder "
                            f"('{PLACEHOLDER.search(row['summary']).group(0)}')" if row["summary"].strip() else "the summary is blank")
                            + "; write what happened as one plain sentence")
            continue
        chosen.append((line, {**row, "decision": decision}))
    if problems:
        raise CurationError(problems)

    plan = Plan(meta, inputs=(candidates, text, source_name), source_name=source_name, candidate_lines=lines)
    new_rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    origin: dict[str, list[str]] = {name: [] for name in TABLES}  # table -> candidate id of each new row
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
        if CANDIDATE_REF.match(value):
            if value not in plan.assigned:
                problems.append(f"{source_name}:{line}:{column}: candidate {cid} refers to candidate {value}, which is not accepted")
            return plan.assigned.get(value, value)
        return value

    units = dict(zip(tables["indicators"]["indicator"], tables["indicators"]["unit"]))
    for line, row in chosen:
        table, cid, ident = row["table"], row["candidate_id"], plan.assigned.get(row["candidate_id"], "")
        r = {k: v.strip() for k, v in row.items()}
        origin["excluded" if r["decision"] == "exclude" or table == "excluded" else table].append(cid)
        if r["decision"] == "exclude" or table == "excluded":
            new_rows["excluded"].append({"doc_id": doc_id, "number": r["value_text"] or r["name"] or r["value"],
                                         "context": r["quote"], "reason": r["exclude_reason"]})
        elif table == "figures":
            new_rows["figures"].append({
                "figure_id": ident, "indicator": r["indicator"], "subject": ref(r["subject"], line, "subject", cid),
                "related": ref(r["related"], line, "related", cid), "related_as": r.get("related_as", ""),
                "value": r["value"], "low": r["low"],
                "high": r["high"], "qualifier": r["qualifier"], "value_text": r["value_text"] or r["value"],
                # the unit is the indicator's: a changed indicator brings its own unit
                "unit": units.get(r["indicator"], r["unit"]), "counts": r.get("counts", ""),
                "part_of": ref(r.get("part_of", ""), line, "part_of", cid), "period_start": r["period_start"],
                "period_end": r["period_end"], "period_inferred": r.get("period_inferred", ""), "doc_id": doc_id, "quote": r["quote"], "note": r["note"]})
        elif table == "incidents":
            group = ref(r["group_id"], line, "group_id", cid)
            new_rows["incidents"].append({
                # A new event unless the curator names an existing one (event_id of a row about the same event).
                "incident_id": ident, "event_id": r.get("event_id") or "ev-" + ident.removeprefix("inc-"),
                "date": r["date"], "date_precision": r["date_precision"], "date_inferred": r.get("date_inferred", ""),
                "place_id": ref(r["place_id"], line, "place_id", cid), "place_inferred": r.get("place_inferred", ""),
                "country_iso3": r["country_iso3"],
                "kind": r["kind"], "group_id": group,
                # The document links the group to the event; how (carried out, claimed...) is the curator's call.
                "involvement": (r.get("involvement") or "attributed") if group else "", "perpetrator_origin": "",
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
        for at, cid in zip(appended_lines(old, TABLES[name].column_names, added), origin[name]):
            plan.from_candidate[(TABLES[name].file, at)] = cid
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


def appended_lines(old: str | None, columns: list[str], rows: list[dict]) -> list[int]:
    """The line in the new file where each appended row starts (a quote may hold a line break)."""
    header = columns if old is None or not old.strip() else next(csv.reader(io.StringIO(old)))
    line = (old.count("\n") + (0 if old.endswith("\n") else 1) if old and old.strip() else 1) + 1
    starts = []
    for row in rows:
        starts.append(line)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow([row.get(h.strip(), "") for h in header])
        line += out.getvalue().count("\n")
    return starts


PROBLEM = re.compile(r"^(?P<file>[\w.-]+\.csv):(?P<line>\d+):(?P<column>[\w-]+): (?P<message>.*)$", re.S)


def name_candidates(plan: Plan, messages: list[str]) -> list[str]:
    """Problems the validator finds in the staged tables, told of the candidates they come from:
    'figures.csv:83:indicator: ...' -> 'candidates.csv:5:indicator: candidate c0004: ... (figures.csv:83)'."""
    out = []
    for message in messages:
        m = PROBLEM.match(message)
        cid = plan.from_candidate.get((m["file"], int(m["line"]))) if m else None
        if cid is None:
            out.append(message)
            continue
        out.append(f"{plan.source_name}:{plan.candidate_lines.get(cid, '-')}:{m['column']}: candidate {cid}: "
                   f"{m['message']} (it would be {m['file']}:{m['line']})")
    return out


def _read_table(path: Path) -> pd.DataFrame:
    if not path.exists():
        return pd.DataFrame(columns=TABLES[path.stem].column_names)
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _registered_already(meta: DocumentMeta, text: str, documents: pd.DataFrame, seeds_dir: Path) -> bool:
    """The document is in documents.csv under this doc_id and file, with this very text."""
    row = documents[(documents["doc_id"] == meta.doc_id) & (documents["file"] == meta.file)]
    path = seeds_dir / meta.file
    return len(row) == 1 and path.is_file() and fingerprint(path.read_text(encoding="utf-8")) == fingerprint(text)


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
