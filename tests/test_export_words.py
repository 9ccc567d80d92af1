"""Every export states exactly the filters that change its rows: each chart and map of each page is
added to the briefing (the same item its PNG, SVG, slide and ZIP are made from) with no filter, then
with one filter at a time; the words it carries name a filter when and only when that filter changed
the rows behind it."""

from __future__ import annotations

import pytest

from app_paths import APP, PAGES, SCRIPTS, each_tab, run_page, unfold
from core.render.pack import PackStore

# One value per filter, each chosen to change the rows of every view it applies to.
FILTERS = {
    "country": ({"country": "TJK"}, "Tajikistan"),
    "years": ({"from": "2022"}, "2022"),
    "kind": ({"kind": "plot"}, "kinds: plot"),
    "group": ({"group": "iskp"}, "groups:"),
}
# A filter that applies to a view but leaves its rows as they are is still said (it applies); the
# pairs below are the only ones where that happens with the values above: every Telegram figure is
# from 2022 or later.
APPLIES_WITHOUT_CHANGE = {("recruitment", "telegram", "years")}
# The pages that draw a chart or map with an Export button (read from their scripts).
EXPORTING = [p for p in PAGES if any(call in (APP.parent / SCRIPTS[p]).read_text(encoding="utf-8")
                                     for call in ("graphics.chart(", "export_controls("))]


def pack_after_adding_everything(page: str, query: dict):
    """The briefing items of every chart and map of `page` (in each of its tabs) opened with `query`."""
    at, added = run_page(page, dict(query, **_deep(page))), False
    for _, at in each_tab(at):
        unfold(at)
        keys = [b.key for b in at.button if str(b.key).startswith("brief-")]
        for key in keys:
            at.button(key=key).click().run()
            assert not at.exception, [e.value for e in at.exception]
        added = added or bool(keys)
    return {item.key: item for item in PackStore().load(at.query_params["pack"])[1]} if added else {}


def _deep(page: str) -> dict:
    return {"iso": "KGZ"} if page == "country" else {}


def row_ids(item) -> set:
    return set(item.rows[item.id_column])


@pytest.mark.parametrize("page", EXPORTING)
def test_every_export_names_the_filters_that_changed_its_rows_and_no_other(page):
    unfiltered = pack_after_adding_everything(page, {})
    assert unfiltered, f"{page} draws charts but none could be added to the briefing"
    wrong = []
    for name, (query, words) in FILTERS.items():
        filtered = pack_after_adding_everything(page, query)
        for key, item in filtered.items():
            if key not in unfiltered:
                continue
            changed = row_ids(item) != row_ids(unfiltered[key])
            said = words in item.filters
            if changed != said and (page, key, name) not in APPLIES_WITHOUT_CHANGE:
                wrong.append(f"{key} under {query}: rows {'changed' if changed else 'unchanged'}, "
                             f"words {item.filters!r}")
    assert not wrong, "\n".join(wrong)
