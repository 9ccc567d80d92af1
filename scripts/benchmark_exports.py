"""Time of a 10-chart briefing pack against one chart image (one kaleido browser serves all).

Run: .venv/bin/python scripts/benchmark_exports.py   Target: a 10-chart pack within 5x one image.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dashboard"))

from core.render import export  # noqa: E402
from core.render.charts import incident_timeline, range_chart  # noqa: E402
from core.data.loading import load_corpus  # noqa: E402
from core.analysis.query import figures_view, incidents_view  # noqa: E402


def items(corpus) -> list[export.ChartExport]:
    """Ten different charts: the incident timeline for each Central Asian state and four strength charts."""
    inc = incidents_view(corpus)
    figs = figures_view(corpus)
    out = []
    for iso in ("KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS"):
        part = inc[inc["countries"].map(lambda cs, iso=iso: iso in cs)]
        out.append(export.ChartExport(f"timeline-{iso}", f"Incidents over time: {iso}", iso,
                                      incident_timeline(part, "kind", iso), part[["incident_id", "doc_id", "quote"]],
                                      "incident_id", export.citations(part["doc_id"], corpus["documents"])))
    for indicator in ("group_strength", "labour_migrant_destination_share", "attack_casualties", "repatriated_people"):
        part = figs[figs["indicator"] == indicator]
        out.append(export.ChartExport(indicator, indicator, "All countries", range_chart(part, indicator, "value"),
                                      part[["figure_id", "doc_id", "quote"]], "figure_id",
                                      export.citations(part["doc_id"], corpus["documents"])))
    return out


def timed(fn, runs=3) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    corpus = load_corpus()
    pack = items(corpus)

    def cold(fn) -> float:
        export.stop_image_server()
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    one_cold = cold(lambda: export.image(export.for_slide(pack[0]), "png"))
    deck_cold = cold(lambda: export.build_deck(pack, corpus["documents"]))
    zip_cold = cold(lambda: export.build_zip(pack, corpus["documents"]))
    export.stop_image_server()
    export.start_image_server()
    export.image(export.for_slide(pack[-1]), "png")  # warm the browser
    one = timed(lambda: (export.forget_rendered(), export.image(export.for_slide(pack[0]), "png")))
    deck = timed(lambda: (export.forget_rendered(), export.build_deck(pack, corpus["documents"])))
    zipped = timed(lambda: (export.forget_rendered(), export.build_zip(pack, corpus["documents"])))
    export.stop_image_server()
    print("10 different charts; a new server process starts its image browser on the first export.")
    print(f"{'':34}{'first use':>12}{'browser warm':>14}")
    print(f"{'one chart image (PNG)':34}{one_cold:>11.2f}s{one:>13.2f}s")
    print(f"{'10-chart deck (10 PNG)':34}{deck_cold:>11.2f}s{deck:>13.2f}s")
    print(f"{'10-chart ZIP (10 PNG + 10 SVG)':34}{zip_cold:>11.2f}s{zipped:>13.2f}s")
    print(f"ratio to one image, first use: deck {deck_cold / one_cold:.1f}x, ZIP {zip_cold / one_cold:.1f}x (target 5x)")
    print(f"ratio to one image, warm:      deck {deck / one:.1f}x, ZIP {zipped / one:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
