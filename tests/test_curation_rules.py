"""The proposer's news rules, one test each, on short sentences written for these tests (fictional:
no sentence is taken from a real article). Pure: the proposer on a text, no Streamlit, no files."""

from __future__ import annotations

import pandas as pd
import pytest
from core.curation.gold import by_set, set_of
from core.curation.proposals import Proposer
from core.curation.vocab import build_vocab
from core.data.loading import load_corpus


@pytest.fixture(scope="module")
def proposer() -> Proposer:
    return Proposer(build_vocab(load_corpus(validate=False).tables))


def rows_of(proposer: Proposer, text: str, published: str = "2024-05-10") -> pd.DataFrame:
    return proposer.propose("rules_test", text, published)


def figure(rows: pd.DataFrame, value_text: str) -> dict:
    found = rows[(rows["table"] == "figures") & (rows["value_text"] == value_text)]
    assert len(found) == 1, f"one figure '{value_text}' in {rows[rows['table'] == 'figures']['value_text'].tolist()}"
    return found.iloc[0].to_dict()


def incidents(rows: pd.DataFrame) -> list[dict]:
    return rows[rows["table"] == "incidents"].to_dict("records")


def test_a_flight_carrying_people_that_lands_home_is_a_repatriation(proposer):  # and a three-letter dateline
    rows = rows_of(proposer, "OSH, June 3 -- A charter flight carrying 41 Kyrgyz women and children from Erbil touched "
                             "down in Osh on Thursday, officials said.", "2022-06-03")
    f = figure(rows, "41")
    assert (f["indicator"], f["subject"], f["counts"]) == ("repatriated_people", "KGZ", "women and children")
    assert [(i["kind"], i["date"], i["country_iso3"]) for i in incidents(rows)] == [("repatriation programme", "2022-06-02", "KGZ")]


def test_a_flight_that_does_not_land_home_counts_no_one(proposer):
    rows = rows_of(proposer, "A plane carrying 160 passengers was delayed in Almaty for six hours.")
    assert figure(rows, "160")["indicator"] != "repatriated_people"


def test_an_aside_between_a_count_and_its_passive_verb(proposer):
    rows = rows_of(proposer, "So far 212 people, most of them children, have been brought back to Tajikistan from Syria.")
    f = figure(rows, "212")
    assert (f["indicator"], f["subject"]) == ("repatriated_people", "TJK")


def test_people_still_held_abroad(proposer):
    rows = rows_of(proposer, "Officials in Tashkent believe that 80 Uzbek women are still serving prison terms in Iraq.")
    f = figure(rows, "80")
    assert (f["indicator"], f["subject"], f["counts"]) == ("detained_women_children", "UZB", "women")


def test_people_thought_to_be_in_the_camps(proposer):
    rows = rows_of(proposer, "Roughly 300 Kazakh citizens are believed to be in the Roj camp, a minister said.")
    assert figure(rows, "Roughly 300")["indicator"] == "detained_women_children"


def test_an_active_perfect_after_the_number_says_what_they_did(proposer):
    rows = rows_of(proposer, "The court convicted 15 men from Kazakhstan, including 4 who had recruited others online.")
    total, part = figure(rows, "15"), figure(rows, "4")
    assert part["indicator"] == "people_convicted"
    assert part["part_of"] == total["candidate_id"]


def test_detained_migrants_are_counted_by_the_host_state(proposer):
    rows = rows_of(proposer, "Police in Moscow have detained about 900 migrants in raids on markets since January.")
    f = figure(rows, "about 900")
    assert (f["indicator"], f["subject"]) == ("migrants_detained", "RUS")


def test_expelled_people_by_the_host_unless_the_number_says_whose_citizens(proposer):
    host = figure(rows_of(proposer, "Kazakhstan expelled 350 foreigners last year, most of them from Afghanistan."), "350")
    assert (host["indicator"], host["subject"]) == ("people_expelled", "KAZ")
    whose = figure(rows_of(proposer, "Turkey deported 62 citizens of Kyrgyzstan on Monday, the embassy said."), "62")
    assert (whose["indicator"], whose["subject"]) == ("people_expelled", "KGZ")


def test_n_of_them_is_a_part_of_the_count_just_before(proposer):
    rows = rows_of(proposer, "Police detained 230 people in the raids in Tajikistan, releasing 180 of them the next day.")
    total, part = figure(rows, "230"), figure(rows, "180")
    assert part["part_of"] == total["candidate_id"]
    assert part["subject"] == total["subject"]


def test_a_total_of_women_and_children_has_women_and_children_as_parts(proposer):
    rows = rows_of(proposer, "Uzbekistan repatriated 61 women and children from Syria on Tuesday. "
                             "The group included 17 women and 44 children.")
    total = figure(rows, "61")
    for text, counts in (("17", "women"), ("44", "children")):
        part = figure(rows, text)
        assert (part["part_of"], part["counts"], part["indicator"]) == (total["candidate_id"], counts, "repatriated_people")
        assert part["period_start"] == total["period_start"] == "2024-05-07"


def test_a_total_of_children_has_boys_and_girls_as_parts(proposer):
    rows = rows_of(proposer, "Kazakhstan brought home 30 children from Iraq on Friday. The children, 16 boys and "
                             "14 girls, will live with relatives.")
    total = figure(rows, "30")
    assert total["counts"] == "children"
    assert [figure(rows, t)["part_of"] for t in ("16", "14")] == [total["candidate_id"]] * 2


def test_the_first_months_of_the_year_are_the_publication_year(proposer):
    f = figure(rows_of(proposer, "Russia deported more than 9,000 foreigners in the first six months of the year, "
                                 "the ministry said.", "2023-07-20"), "more than 9,000")
    assert (f["period_start"], f["period_end"]) == ("2023", "2023")


def test_the_date_of_an_earlier_event_is_not_the_period_of_the_numbers(proposer):
    rows = rows_of(proposer, "Police in Kazan deported 30 men after raids following the May 2 attack on a market.")
    f = figure(rows, "30")
    assert (f["period_start"], f["period_end"]) == ("", "")
    assert any(i["date"] == "2024-05-02" for i in incidents(rows))


def test_a_year_of_counts_is_a_tally_not_an_event(proposer):
    rows = rows_of(proposer, "In 2022 the security service prevented 5 attacks, detained 64 suspects and blocked 900 websites.")
    assert incidents(rows) == []


def test_bombs_found_in_a_search_are_not_a_bombing(proposer):
    rows = rows_of(proposer, "Police in Osh detained three men on Sunday. Two bombs were found in their flat, police said.")
    assert [i["kind"] for i in incidents(rows)] == ["arrest"]


def test_a_channel_named_again_is_proposed_once(proposer):
    rows = rows_of(proposer, "Recruiters in Dushanbe used Telegram to reach young men. They ran 4 Telegram channels with "
                             "sermons, officials said.")
    assert rows[rows["table"] == "channels"]["name"].tolist() == ["Telegram"]


def test_the_held_out_texts_are_told_apart_by_set():
    assert [set_of(n) for n in ("01-a", "16-b", "17-c", "30-d", "31-e", "38-e", "39-f", "notes")] == \
        ["A", "B", "C", "D", "E", "E", "", ""]

    class Result:
        def __init__(self, doc_id):
            self.doc_id = doc_id

    grouped = by_set([Result("31-x"), Result("02-y"), Result("24-z")])
    assert {k: [r.doc_id for r in v] for k, v in grouped.items()} == {"A": ["02-y"], "D": ["24-z"], "E": ["31-x"]}
