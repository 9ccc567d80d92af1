"""Recall and speed of the curation proposer on our own five documents, proposed "as if new".

    .venv/bin/python scripts/benchmark_curation.py [--misses] [--page]

Prints, per document and in total: curated figures proposed with the same value/low/high from the
same sentence, with the same subject and indicator; curated incidents with the same date and place;
numbers of the document accounted for by a candidate; and the time to propose. With --page, also the
server time of a rerun of the Curate page (AppTest, curator mode, longest document) against the
Overview and Attacks pages. Writes nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dashboard"))

from core.curation.recall import format_table, measure_all  # noqa: E402
from core.data.loading import load_corpus  # noqa: E402
from core.data.paths import curated_dir, seeds_dir  # noqa: E402
from core.curation.proposals import Proposer  # noqa: E402
from core.curation.vocab import build_vocab  # noqa: E402


def page_reruns(doc_id: str, repeats: int = 7) -> None:
    """Median server time of a rerun (what an accept/reject costs) on Curate, Overview and Attacks."""
    import os
    import statistics

    from streamlit.testing.v1 import AppTest

    os.environ["DASHBOARD_CURATOR"] = "1"
    app = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")

    def session(page: str | None) -> AppTest:
        at = AppTest.from_file(app, default_timeout=120).run()
        if page:
            at.switch_page(page).run()
        return at

    curate = session("views/curate.py")
    curate.selectbox(key="curate-doc").select(doc_id).run()
    for name, at in (("curate (" + doc_id + ")", curate), ("overview", session(None)), ("attacks", session("views/attacks.py"))):
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - started)
        print(f"rerun {name:<16} median {statistics.median(times):.3f} s over {repeats}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the curated figures and incidents not found")
    parser.add_argument("--page", action="store_true", help="also time reruns of the Curate page against other pages")
    args = parser.parse_args(argv)
    corpus = load_corpus(curated_dir(), seeds_dir(), validate=False)
    started = time.perf_counter()
    proposer = Proposer(build_vocab(corpus.tables))
    print(f"vocabulary and gazetteer loaded in {time.perf_counter() - started:.2f} s")
    results = measure_all(corpus.tables, corpus.documents, proposer)
    print(format_table(results))
    longest = max(corpus.documents.values(), key=lambda d: len(d.text))
    started = time.perf_counter()
    proposer.propose(longest.doc_id, longest.text)
    print(f"propose for the longest document ({longest.doc_id}, {len(longest.text):,} characters): "
          f"{time.perf_counter() - started:.2f} s")
    if args.page:
        page_reruns(longest.doc_id)
    if args.misses:
        from core.curation.recall import misses
        from core.curation.recall import unaccounted
        for line in misses(corpus.tables, corpus.documents, proposer) + unaccounted(corpus.documents, proposer):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
