"""Recall and speed of the curation proposer on our own five documents, proposed "as if new".

    .venv/bin/python scripts/benchmark_curation.py [--misses] [--page] [--sizes 50000,200000,1000000]
                                                   [--news FOLDER ...]

Prints, per document and in total: curated figures proposed with the same value/low/high from the
same sentence, with the same subject and indicator; curated incidents with the same date and place;
numbers of the document accounted for by a candidate; and the time to propose. With --page, also the
server time of a rerun of the Curate page (AppTest, curator mode, longest document) against the
Overview and Attacks pages. With --sizes, also the time to propose (and to count the numbers the
candidates cover) for documents of those many characters, made of our documents' text with each
copy after the first shifted letter by letter (a Caesar shift of its lower-case letters), so no
sentence repeats while names, numbers and punctuation stay: the time should grow with the length,
not faster. Then, on short news texts with gold annotations (by default the held-out set, each of its
sets A-E apart with a line per set, and the development set; core.curation.gold): figures found, accepted
exactly as proposed, indicator, subject, qualifier and period right, sub-counts right, incidents with
date and country right, junk among the proposed rows. Writes nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dashboard"))

from core.curation import gold  # noqa: E402
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
    os.environ["DASHBOARD_SERVED_BY"] = "server.py"  # as dashboard/server.py sets it (core.curation.mode)
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


def shifted(text: str, k: int) -> str:
    """The text with its lower-case letters shifted by k places (names, numbers, punctuation kept)."""
    lower = "abcdefghijklmnopqrstuvwxyz"
    return text.translate(str.maketrans(lower, lower[k % 26:] + lower[:k % 26]))


def document_of(size: int, texts: list[str]) -> str:
    base, parts, k = "\n\n".join(texts), [], 0
    while sum(len(p) + 2 for p in parts) < size:
        parts.append(shifted(base, k))
        k += 1
    return "\n\n".join(parts)[:size]


def by_size(proposer, texts: list[str], sizes: list[int]) -> None:
    from core.curation.review import number_status
    from core.data.quotes import Document

    print(f"{'characters':>12}{'propose s':>11}{'per 100 KB':>12}{'count numbers s':>17}{'candidates':>12}")
    for size in sizes:
        text = document_of(size, texts)
        started = time.perf_counter()
        candidates = proposer.propose("bench", text)
        proposed = time.perf_counter() - started
        number_status(Document("bench", text), None, candidates)
        counted = time.perf_counter() - started - proposed
        print(f"{size:>12,}{proposed:>11.2f}{proposed / size * 100_000:>12.2f}{counted:>17.2f}{len(candidates):>12,}", flush=True)


TEST_TEXTS = Path(__file__).resolve().parents[1] / "tests" / "curation_docs"
NEWS_FOLDERS = [TEST_TEXTS / "heldout", TEST_TEXTS / "news"]


def news_scores(proposer, folders: list[Path], misses: bool) -> None:
    for folder in folders:
        results = gold.score(folder, lambda doc_id, text, published: proposer.propose(doc_id, text, published))
        groups = gold.by_set(results) if folder.name == "heldout" else {"": results}
        for name, group in groups.items():
            label = f" set {name}" if name else ""
            print(f"\nNews texts with gold annotations: {folder}{label} ({len(group)} texts)")
            print(gold.format_scores(group))
            if misses:
                print("\n".join(gold.total(group).lines))
        if len(groups) > 1:
            print(f"\nTotals per set: {folder}")
            print(gold.format_set_totals(groups))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the curated figures and incidents not found")
    parser.add_argument("--page", action="store_true", help="also time reruns of the Curate page against other pages")
    parser.add_argument("--sizes", help="comma-separated document lengths in characters: time proposing each")
    parser.add_argument("--news", nargs="+", type=Path, default=NEWS_FOLDERS,
                        help="folders of news texts with gold annotations (default: the held-out and development sets)")
    args = parser.parse_args(argv)
    corpus = load_corpus(curated_dir(), seeds_dir(), validate=False)
    started = time.perf_counter()
    proposer = Proposer(build_vocab(corpus.tables))
    print(f"vocabulary and gazetteer loaded in {time.perf_counter() - started:.2f} s")
    if args.sizes:
        by_size(proposer, [d.text for d in corpus.documents.values()], [int(x) for x in args.sizes.split(",")])
        return 0
    results = measure_all(corpus.tables, corpus.documents, proposer)
    print(format_table(results))
    longest = max(corpus.documents.values(), key=lambda d: len(d.text))
    started = time.perf_counter()
    proposer.propose(longest.doc_id, longest.text)
    print(f"propose for the longest document ({longest.doc_id}, {len(longest.text):,} characters): "
          f"{time.perf_counter() - started:.2f} s")
    news_scores(proposer, args.news, args.misses)
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
