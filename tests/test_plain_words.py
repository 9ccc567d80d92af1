"""Plain words: no page shows a reader an internal id, a snake_case name, an ISO3 code, or None / nan
(tests/plain_words.py says what counts). Every page is opened as a reader would, each of its tabs in
turn, with every folded section, table and export choice open."""

from __future__ import annotations

import pytest

from app_paths import DEEP_LINKS, PAGES, each_tab, run_page, unfold
from core.data.schema import TABLES
from plain_words import page_texts, problems

# Each page as it opens, and the pages that show most when the link names something.
VIEWS = [(page, {}) for page in PAGES] + [(page, query) for page, query in DEEP_LINKS.items()] + [
    ("sources", {"doc": "uwed", "row": "inc-uwed-031"}),
    ("hotspots", {"hotspot": "aravan"}),
    ("country", {"iso": "TKM"}),
] + [("data", {"table": name}) for name in TABLES if name != "figures"]


@pytest.mark.parametrize("page,query", VIEWS, ids=[f"{p}-{'-'.join(q.values()) or 'default'}" for p, q in VIEWS])
def test_a_page_shows_no_internal_id_code_or_missing_marker(page, query):
    found = [p for _, at in each_tab(run_page(page, query))  # every tab, every folded part open
             for where, text, verbatim in page_texts(unfold(at)) for p in problems(text, where, verbatim)]
    assert not found, f"{len(found)} problem(s):\n" + "\n".join(dict.fromkeys(found))
