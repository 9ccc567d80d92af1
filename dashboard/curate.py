"""Add a document and its rows: propose candidate rows, review them, write the accepted ones.

    python dashboard/curate.py propose PATH --doc-id ID --out DIR [--title ... --authors ... --publisher ...
                                          --published ... --kind ...]
    python dashboard/curate.py apply DIR/candidates.csv [--dry-run]

`propose` reads a .txt, .md or .pdf file and writes DIR/candidates.csv (one candidate row per line,
decision = proposed), DIR/document.txt and DIR/document.json. It writes nothing into the tables.
Set `decision` to accept, reject or exclude (with exclude_reason) in a spreadsheet, then `apply`:
it prints the change as a diff, validates it on a copy, writes every table or none, and reports the
validator and the completeness check for that document. Exit status: 0 done, 1 refused, 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from core.curation import write as curation_write  # noqa: E402
from core.curation.plan import name_candidates, plan_apply  # noqa: E402
from core.curation.register import (  # noqa: E402
    DOC_KINDS, CurationError, DocumentMeta, check_new_document, fingerprint, new_document, read_document,
)
from core.curation.review import (  # noqa: E402
    check_out_folder, drop_already_curated, load_proposal, number_status, propose_candidates, save_proposal,
)
from core.data import transaction  # noqa: E402
from core.data.loading import load_corpus  # noqa: E402
from core.data.paths import curated_dir, seeds_dir  # noqa: E402
from core.data.quotes import Document  # noqa: E402


def propose(args) -> int:
    text = read_document(args.path)
    with transaction.read_lock(args.data, args.seeds):  # finishes first a write a crash interrupted
        corpus = load_corpus(args.data, args.seeds, validate=False)
    documents = corpus.tables["documents"].astype(str)
    registered = documents[documents["doc_id"] == args.doc_id]
    doc = corpus.documents.get(args.doc_id)
    if len(registered) and doc is not None and fingerprint(doc.text) == fingerprint(text):
        row = registered.iloc[0].to_dict()
        meta = DocumentMeta(**{k: row[k] for k in DocumentMeta.__dataclass_fields__ if k in row}, registered=True)
        text = doc.text  # quotes must match the registered text exactly
    else:
        meta = new_document(args.doc_id, text, args.path.name, args.title, args.published, authors=args.authors or "",
                            publisher=args.publisher or "", kind=args.kind, note=args.note or "")
        problems = check_new_document(meta, text, documents, corpus.documents, args.seeds)
        if problems:
            raise CurationError(problems)
    for item in meta.to_review:
        print(f"check {item}")
    check_out_folder(args.out)  # before proposing: a reviewed candidates.csv is never overwritten
    candidates = propose_candidates(meta.doc_id, text, corpus.tables, meta.published)
    left_out = 0
    if meta.registered:
        candidates, left_out = drop_already_curated(candidates, doc, corpus.tables)
    path = save_proposal(args.out, meta, text, candidates)  # refuses to overwrite a reviewed candidates.csv
    counts = candidates["table"].value_counts()
    print(f"wrote {path}")
    print("candidates: " + ", ".join(f"{counts.get(t, 0)} {t}" for t in ("figures", "incidents", "places", "channels", "groups", "excluded")))
    status = number_status(Document(meta.doc_id, text), corpus.tables if meta.registered else None, candidates)
    print(f"numbers: {status}" + (f" ({left_out} candidates already curated were left out)" if meta.registered else ""))
    if not meta.registered:
        print(f"apply will register '{meta.doc_id}' as seeds/{meta.file}")
    return 0


def apply(args) -> int:
    meta, text, candidates = load_proposal(args.candidates)
    with transaction.read_lock(args.data, args.seeds):  # the tables as one version (apply makes it again to write)
        plan = plan_apply(candidates, meta, text, args.data, args.seeds, source_name=args.candidates.name)
    if not plan.files:
        print("nothing to write: no candidate is accepted or excluded")
        return 0
    print(curation_write.diff(plan, args.data.parent.parent if args.data.parent.name == "data" else None))
    if args.dry_run:  # the same validation as a write, on a staged copy: a clean dry run means the write passes it
        problems = name_candidates(plan, curation_write.staged_problems(plan, args.data, args.seeds))
        if problems:
            raise CurationError(["dry run: the write would be refused; the validator would find these problems."] + problems)
        print("dry run: the validator finds no problems; nothing written")
        return 0
    try:
        outcome = curation_write.apply_plan(plan, args.data, args.seeds)
    except CurationError as err:
        raise CurationError(name_candidates(plan, err.messages)) from None
    print("written: " + ", ".join(f"{n} row(s) to {t}.csv" for t, n in outcome.written.items()))
    print("validator: " + ("no problems" if not outcome.problems else f"{len(outcome.problems)} problem(s)"))
    for problem in outcome.problems:
        print(f"  {problem}")
    print(outcome.coverage)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="folder of curated CSV tables (default data/curated)")
    parser.add_argument("--seeds", type=Path, default=None, help="folder of source documents (default seeds/)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("propose", help="propose candidate rows for a document (writes only into --out)")
    p.add_argument("path", type=Path)
    p.add_argument("--doc-id", required=True)
    p.add_argument("--title", help="the title as printed (default: the document's first line, marked for review)")
    p.add_argument("--authors", help="';'-separated")
    p.add_argument("--publisher")
    p.add_argument("--published", help="YYYY, YYYY-MM, YYYY-MM-DD or unknown (default: the date of the dateline); "
                   "relative dates in the text ('Friday', 'Feb. 4', 'last month') are resolved against it")
    p.add_argument("--kind", choices=DOC_KINDS, help="(default: news article for a report that opens with a city's "
                   "dateline, else policy report; marked for review)")
    p.add_argument("--note")
    p.add_argument("--out", type=Path, required=True)
    a = sub.add_parser("apply", help="write the accepted rows of a reviewed candidates.csv")
    a.add_argument("candidates", type=Path)
    a.add_argument("--dry-run", action="store_true", help="show the diff and run the full validation, write nothing")
    args = parser.parse_args(argv)
    args.data = args.data or curated_dir()
    args.seeds = args.seeds or seeds_dir()
    try:
        return propose(args) if args.command == "propose" else apply(args)
    except CurationError as err:
        for message in err.messages:
            print(message, file=sys.stderr)
        return 1
    except FileNotFoundError as err:
        print(f"{err.filename}:-:-: file not found", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
