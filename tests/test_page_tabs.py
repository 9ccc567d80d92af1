"""A long page's parts are tabs (ui.state.page_tabs): only the open tab is built, the open tab is kept
in the link when it is not the first, and a link opens the tab it names."""

from __future__ import annotations

from app_paths import SCRIPTS, open_tab, run_page, tab_labels
from conftest import repository_corpus
from core.analysis.filters import Filters, options, parse_query, tab_slug, to_query

OPTIONS = options(repository_corpus())
TABBED = {"attacks": ["Timeline", "Map", "Table"], "country": ["Figures", "Places", "Events", "Recruitment", "Documents"],
          "repatriation": ["By country", "Programmes", "Women and children", "Aravan"],
          "groups": ["Strength estimates", "Relation to the Taliban", "Events"], "countries": ["Table", "Charts"],
          "data": ["Rows", "Dictionary", "Coverage", "Download"]}


def link_tab(at) -> str | None:
    value = at.query_params.get("tab")
    return value[-1] if isinstance(value, list) else value


def test_a_tab_label_is_written_in_the_link_as_plain_words():
    assert tab_slug("Women and children") == "women-and-children"
    assert tab_slug("Relation to the Taliban") == "relation-to-the-taliban"
    assert to_query(Filters(tab="map")) == {"tab": "map"} and to_query(Filters()) == {}


def test_a_link_keeps_a_tab_slug_and_refuses_anything_else_with_a_notice():
    assert parse_query({"tab": "women-and-children"}, OPTIONS).tab == "women-and-children"
    for bad in ("<script>", "Map", "map--x", "a" * 41):
        parsed = parse_query({"tab": bad}, OPTIONS)
        assert parsed.tab is None and any("Ignored tab" in n for n in parsed.notices), bad


def test_each_long_page_opens_on_its_first_tab_and_builds_only_that_one():
    at = run_page("attacks")
    assert tab_labels(at) == TABBED["attacks"]
    assert len(at.get("plotly_chart")) == 1 and not at.get("deck_gl_json_chart") and not at.dataframe
    assert link_tab(at) is None
    for page, labels in TABBED.items():
        assert tab_labels(run_page(page, iso="TJK") if page == "country" else run_page(page)) == labels, page


def test_opening_a_tab_draws_its_part_and_puts_it_in_the_link():
    at = open_tab(run_page("attacks"), "Map")
    assert at.get("deck_gl_json_chart") and not at.get("plotly_chart")
    assert link_tab(at) == "map"
    at = open_tab(at, "Timeline")  # the first tab: the link stays short
    assert link_tab(at) is None and at.get("plotly_chart")


def test_a_link_to_a_tab_opens_it_and_the_tab_stays_open_when_a_filter_changes():
    at = run_page("repatriation", tab="women-and-children")
    assert [h.value for h in at.header] == ["Women and children, and who else was held in the camps"]
    at.multiselect(key="w_country").set_value(["KAZ"]).run()
    assert [h.value for h in at.header] == ["Women and children, and who else was held in the camps"]
    assert link_tab(at) == "women-and-children" and at.query_params["country"] in ("KAZ", ["KAZ"])


def test_a_tab_stays_with_its_page():
    """The country profile's Events tab does not open the Groups page on its own Events tab, and a
    page without tabs keeps none in its link."""
    at = run_page("country", iso="TJK", tab="events")
    assert [h.value for h in at.header][-1] == "Events" and link_tab(at) == "events"
    at.switch_page(SCRIPTS["groups"]).run()
    assert [h.value for h in at.header][0] == "Strength estimates" and link_tab(at) is None
    at = run_page("attacks", tab="map")
    at.switch_page(SCRIPTS["hotspots"]).run()
    assert link_tab(at) is None
    at.switch_page(SCRIPTS["attacks"]).run()
    assert at.get("plotly_chart") and not at.get("deck_gl_json_chart") and link_tab(at) is None  # its first tab again


def test_a_link_to_a_tab_the_page_does_not_have_opens_the_first():
    at = run_page("groups", tab="map")
    assert [h.value for h in at.header][0] == "Strength estimates" and link_tab(at) is None
