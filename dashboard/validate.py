"""Check every curated table: python dashboard/validate.py [--coverage] [--update-docs] [--update-datapackage] [--update-outlines] [--record-version [DATE]]

Prints each problem as file:row:column: message (row = line number in the file, header = 1) and
exits 1 when there is any. With --coverage, also reports which numbers in the documents are
curated, excluded or missing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from core.data import datapackage  # noqa: E402
from core.data.completeness import coverage, format_report  # noqa: E402
from core.data.dictionary import render, updated  # noqa: E402
from core.data.loading import load_corpus  # noqa: E402
from core.data import transaction  # noqa: E402
from core.data.paths import DATA_DOC, curated_dir, seeds_dir  # noqa: E402
from core.data.version import record_data_version  # noqa: E402
from core.render import geo  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="folder of curated CSV tables (default: DASHBOARD_DATA_DIR, else data/curated)")
    parser.add_argument("--seeds", type=Path, default=None,
                        help="folder of source documents (default: DASHBOARD_SEEDS_DIR, else seeds/)")
    parser.add_argument("--coverage", action="store_true", help="also report number coverage")
    parser.add_argument("--dictionary", action="store_true", help="print the data dictionary and stop")
    parser.add_argument("--update-docs", action="store_true", help="rewrite the data dictionary in docs/data.md and stop")
    parser.add_argument("--update-datapackage", action="store_true",
                        help="rewrite datapackage.json (Frictionless Data Package) in the data folder from the schema and stop")
    parser.add_argument("--update-outlines", action="store_true",
                        help="rewrite the country outlines the maps load (dashboard/static/geo/) from data/geo/ and stop")
    parser.add_argument("--record-version", nargs="?", const="today", metavar="DATE",
                        help="record DATE (YYYY-MM-DD, default today) as the date of the last curated change in "
                             "the data folder's version.json, after a change made by hand, and stop")
    args = parser.parse_args(argv)
    args.data = args.data or curated_dir()
    args.seeds = args.seeds or seeds_dir()
    if args.dictionary:
        print(render())
        return 0
    if args.update_docs:
        DATA_DOC.write_text(updated(DATA_DOC.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"updated the data dictionary in {DATA_DOC}")
        return 0
    if args.update_outlines:
        print("wrote " + ", ".join(str(path) for path in geo.write_outlines()))
        return 0
    if args.record_version:
        try:
            print(f"wrote {record_data_version(args.data, None if args.record_version == 'today' else args.record_version)}")
        except ValueError:
            print(f"--record-version takes a date as YYYY-MM-DD, not {args.record_version!r}", file=sys.stderr)
            return 2
        return 0
    if args.update_datapackage:
        print(f"wrote {datapackage.write(args.data)}")
        return 0
    with transaction.read_lock(args.data, args.seeds):  # finishes first a write a crash interrupted
        corpus = load_corpus(args.data, args.seeds)
    for problem in corpus.problems:
        print(problem)
    rows = sum(len(t) for t in corpus.tables.values())
    status = 0
    if corpus.problems:
        print(f"{len(corpus.problems)} problem(s) in {args.data}", file=sys.stderr)
        status = 1
    else:
        print(f"OK: {len(corpus.tables)} tables, {rows} rows, {len(corpus.documents)} documents, no problems")
    if args.coverage:
        report = coverage(corpus.tables, corpus.documents)
        print(format_report(report, corpus.documents))
        if any(c.missing for c in report.values()):
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
