"""The proposer's news rules, one test each, on short sentences written for these tests (fictional:
no sentence is taken from a real article). Pure: the proposer on a text, no Streamlit, no files."""

from __future__ import annotations

import pandas as pd
import pytest
from core.curation.gold import by_set, score_document, set_of
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


def test_the_first_months_of_the_year_are_the_publication_year(proposer):  # and those months of it
    f = figure(rows_of(proposer, "Russia deported more than 9,000 foreigners in the first six months of the year, "
                                 "the ministry said.", "2023-07-20"), "more than 9,000")
    assert (f["period_start"], f["period_end"]) == ("2023-01", "2023-06")


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
    assert [set_of(n) for n in ("01-a", "16-b", "17-c", "30-d", "31-e", "38-e", "39-f", "46-f", "47-g", "54-g",
                                "55-h", "62-h", "63-i", "70-i", "71-j", "78-j", "79-k", "86-k", "87-l", "94-l", "95-m", "102-m", "103-n", "110-n", "111-o", "118-o", "119-p", "126-p", "127-q", "134-q", "135-r", "142-r", "143-s", "150-s", "151-t", "158-t", "159-u", "166-u", "167-v", "174-v", "175-w", "182-w", "183-x", "190-x", "191-y", "198-y", "199-z", "206-z", "207-aa", "214-aa", "215-ab", "222-ab", "223-ac", "230-ac", "231-ad", "238-ad", "239-ae", "246-ae", "247-af", "254-af", "255-ag", "262-ag", "263-ah", "270-ah", "271-ai", "278-ai", "279-aj", "286-aj", "287-ak", "294-ak", "295-al", "302-al", "303-am", "310-am", "311-an", "318-an", "319-ao", "326-ao", "327-ap", "334-ap", "335-aq", "342-aq", "343-ar", "350-ar", "351-as", "358-as", "359-at", "366-at", "367-au", "374-au", "375-av", "382-av", "383-aw", "390-aw", "391-ax", "398-ax", "399-ay", "406-ay", "407-az", "414-az", "415-ba", "422-ba", "423-bb", "430-bb", "431-bc", "438-bc", "439-bd", "446-bd", "447-be", "454-be", "455-bf", "462-bf", "463-bg", "470-bg", "471-bh", "478-bh", "479-bi", "486-bi", "487-bj", "494-bj", "495-bk", "502-bk", "503-bl", "510-bl", "511-bm", "518-bm", "519-bn", "526-bn", "527-bo", "534-bo", "535-bp", "542-bp", "543-bq", "550-bq", "551-br", "558-br", "559-bs", "566-bs", "567-bt", "574-bt", "575-bu", "582-bu", "583-bv", "590-bv", "591-bw", "notes")] == [
        "A", "B", "C", "D", "E", "E", "F", "F", "G", "G", "H", "H", "I", "I", "J", "J", "K", "K", "L", "L", "M", "M", "N", "N", "O", "O", "P", "P", "Q", "Q", "R", "R", "S", "S", "T", "T", "U", "U", "V", "V", "W", "W", "X", "X", "Y", "Y", "Z", "Z", "AA", "AA", "AB", "AB", "AC", "AC", "AD", "AD", "AE", "AE", "AF", "AF", "AG", "AG", "AH", "AH", "AI", "AI", "AJ", "AJ", "AK", "AK", "AL", "AL", "AM", "AM", "AN", "AN", "AO", "AO", "AP", "AP", "AQ", "AQ", "AR", "AR", "AS", "AS", "AT", "AT", "AU", "AU", "AV", "AV", "AW", "AW", "AX", "AX", "AY", "AY", "AZ", "AZ", "BA", "BA", "BB", "BB", "BC", "BC", "BD", "BD", "BE", "BE", "BF", "BF", "BG", "BG", "BH", "BH", "BI", "BI", "BJ", "BJ", "BK", "BK", "BL", "BL", "BM", "BM", "BN", "BN", "BO", "BO", "BP", "BP", "BQ", "BQ", "BR", "BR", "BS", "BS", "BT", "BT", "BU", "BU", "BV", "BV", "", ""]

    class Result:
        def __init__(self, doc_id):
            self.doc_id = doc_id

    grouped = by_set([Result("31-x"), Result("208-x"), Result("02-y"), Result("24-z"), Result("206-z")])
    assert {k: [r.doc_id for r in v] for k, v in grouped.items()} == {"A": ["02-y"], "D": ["24-z"], "E": ["31-x"],
                                                                     "Z": ["206-z"], "AA": ["208-x"]}
    assert list(grouped) == ["A", "D", "E", "Z", "AA"]  # set order, not the alphabet's


@pytest.mark.parametrize("sentence, value", [
    ("Kyrgyzstan took back 64 of its citizens from Iraq on Monday.", "64"),
    ("Twenty-two Tajik nationals were airlifted from Erbil to Dushanbe on Monday.", "Twenty-two"),
    ("Since 2020, 230 Kyrgyz citizens have come home from the camps in Syria.", "230"),
    ("Turkmenistan has taken home 18 women from Iraq, the ministry said.", "18"),
])
def test_more_return_verbs_count_people_repatriated(proposer, sentence, value):
    assert figure(rows_of(proposer, sentence), value)["indicator"] == "repatriated_people"


def test_a_flight_that_brings_a_running_total_to_n(proposer):
    rows = rows_of(proposer, "The flight brings to 512 the number of people Tajikistan has taken home from Syria since "
                             "March 2019, when the first flight landed.")
    f = figure(rows, "512")
    assert (f["indicator"], f["subject"], f["period_start"], f["period_end"]) == ("repatriated_people", "TJK", "2019-03", "")
    assert incidents(rows) == []  # a running total, not an event


def test_the_number_returned_brought_to_n(proposer):
    rows = rows_of(proposer, "Officials said the flight would bring the number of Uzbek children returned from Iraq to 143.")
    assert figure(rows, "143")["indicator"] == "repatriated_people"


def test_prison_terms_handed_to_n_people_and_men_enlisted(proposer):
    rows = rows_of(proposer, "A court in Osh has handed prison terms of 6 to 9 years to four men who enlisted at least "
                             "11 villagers for an armed group in Syria.")
    assert figure(rows, "four")["indicator"] == "people_convicted"
    assert figure(rows, "at least 11")["indicator"] == "recruited_people"


def test_a_cell_of_n_planning_an_attack_counts_perpetrators(proposer):
    rows = rows_of(proposer, "Police said they had broken up a cell of five men who were preparing to blow up a railway station.")
    assert figure(rows, "five")["indicator"] == "perpetrators"


def test_the_expulsion_of_n_foreigners(proposer):
    rows = rows_of(proposer, "Russian courts have ordered the expulsion of some 60,000 foreigners this year.")
    assert (figure(rows, "some 60,000")["indicator"], figure(rows, "some 60,000")["subject"]) == ("people_expelled", "RUS")


def test_accounts_taken_down_over_the_past_months(proposer):
    rows = rows_of(proposer, "The committee said it had taken down 300 accounts over the past twelve months.", "2024-03-07")
    f = figure(rows, "300")
    assert (f["indicator"], f["period_start"], f["period_end"]) == ("social_media_channels_blocked", "2023-03", "2024-03")
    assert incidents(rows) == []


def test_a_range_of_years_written_with_a_hyphen(proposer):
    f = figure(rows_of(proposer, "Officials say about 700 Kyrgyz citizens travelled to Syria in 2012-2015."), "about 700")
    assert (f["period_start"], f["period_end"]) == ("2012", "2015")


def test_since_the_start_of_a_year_opens_a_period_and_the_same_period_repeats_it(proposer):
    rows = rows_of(proposer, "The service said it had foiled more than 20 plots since the start of 2024. Courts expelled "
                             "about 9,000 migrants over the same period.")
    assert (figure(rows, "more than 20")["period_start"], figure(rows, "more than 20")["period_end"]) == ("2024", "")
    f = figure(rows, "about 9,000")
    assert (f["indicator"], f["period_start"], f["period_end"]) == ("people_expelled", "2024", "")
    assert incidents(rows) == []  # a count since a date is not an event


def test_a_number_compared_a_year_earlier(proposer):
    rows = rows_of(proposer, "Police said 52 people had been detained in 2023 on suspicion of recruiting, up from 40 a year earlier.")
    f, base = figure(rows, "40"), figure(rows, "52")
    assert (f["indicator"], f["subject"], f["period_start"], f["period_end"]) == (base["indicator"], base["subject"], "2022", "2022")


def test_a_period_in_the_next_sentence_about_the_same_people(proposer):
    rows = rows_of(proposer, "A court jailed three men who had recruited at least 9 young men for Syria. Prosecutors said "
                             "the three ran their network between 2014 and 2016.")
    f = figure(rows, "at least 9")
    assert (f["period_start"], f["period_end"]) == ("2014", "2016")


def test_detained_some_of_the_men_of_a_plot_told_before(proposer):
    rows = rows_of(proposer, "The FSB said it had broken up a cell of four men preparing to blow up a station in Omsk.\n\n"
                             "Officers detained two of the men on Tuesday, the FSB said.")
    assert figure(rows, "two")["indicator"] == "people_arrested"


def test_children_who_lost_both_parents_are_orphans_of_the_total(proposer):
    rows = rows_of(proposer, "A flight returned 30 Kyrgyz citizens from Syria on Monday. The group consisted of 8 women "
                             "and 22 children aged between one and 12, of whom 6 had lost both parents.")
    f, total = figure(rows, "6"), figure(rows, "30")
    assert (f["counts"], f["part_of"], f["indicator"]) == ("orphans", total["candidate_id"], "repatriated_people")


def test_n_of_the_children_were_orphans_is_a_part_of_the_children(proposer):
    rows = rows_of(proposer, "Iraq handed over 25 Uzbek children on Friday.\n\nThe children were flown home on a military "
                             "plane. Officials said 4 of the children were orphans.")
    f = figure(rows, "4")
    assert (f["counts"], f["part_of"]) == ("orphans", figure(rows, "25")["candidate_id"])


def test_mothers_flown_together_with_children_are_women_repatriated(proposer):
    rows = rows_of(proposer, "Iraq handed over 25 Uzbek children on Friday.\n\nThe children were flown from Baghdad to "
                             "Tashkent together with 3 mothers.")
    f = figure(rows, "3")
    assert (f["indicator"], f["counts"], f["subject"]) == ("repatriated_people", "women", "UZB")
    assert f["period_start"] == figure(rows, "25")["period_start"] != ""  # "The children": the event told before


def test_the_number_of_children_returned_counts_children(proposer):
    rows = rows_of(proposer, "The flight would bring the number of children returned from Syria to Tajikistan to 380.")
    assert figure(rows, "380")["counts"] == "children"


def test_women_who_remain_in_foreign_prisons_are_held_abroad(proposer):
    rows = rows_of(proposer, "About 40 Tajik women remain in Iraqi prisons, officials said.")
    assert figure(rows, "About 40")["indicator"] == "detained_women_children"


def test_a_part_goes_with_the_total_of_its_own_period(proposer):
    rows = rows_of(proposer, "Prosecutors said 90 people had been convicted of extremism in 2024, compared with 120 in all "
                             "of 2023. Of those convicted this year, 12 were women.", "2024-11-05")
    assert (figure(rows, "120")["period_start"], figure(rows, "120")["period_end"]) == ("2023", "2023")
    f = figure(rows, "12")
    assert (f["part_of"], f["counts"]) == (figure(rows, "90")["candidate_id"], "women")


def test_a_range_of_years_and_some_of_the_men_are_no_events(proposer):
    rows = rows_of(proposer, "Officials say 600 citizens went to Syria in 2013-2016, and that 200 of them were killed there. "
                             "Four of the men came back and were jailed.")
    assert incidents(rows) == []


@pytest.mark.parametrize("sentence, value", [
    ("Uzbekistan has secured the return of 31 of its nationals from camps in Syria.", "31"),
    ("Iraq has transferred 18 Kyrgyz women to the custody of Kyrgyzstan.", "18"),
    ("Twenty Kazakh nationals were escorted home on Friday, officials said.", "Twenty"),
])
def test_nominal_and_escorted_returns_count_people_repatriated(proposer, sentence, value):
    rows = rows_of(proposer, sentence)
    assert figure(rows, value)["indicator"] == "repatriated_people"
    assert [i["kind"] for i in incidents(rows)] == ["repatriation programme"]


def test_a_transfer_that_does_not_go_home_is_no_repatriation(proposer):
    rows = rows_of(proposer, "The prison service transferred 40 inmates to a jail in Basra.")
    assert figure(rows, "40")["indicator"] != "repatriated_people"


@pytest.mark.parametrize("sentence, value, indicator", [
    ("The ministry restricted access to 1,200 online resources.", "1,200", "social_media_channels_blocked"),
    ("Police had rounded up around 300 undocumented migrants in Novosibirsk.", "around 300", "migrants_detained"),
    ("Prosecutors charged six men with forming a cell that planned attacks.", "six", "perpetrators"),
    ("Russian courts have handed down 900 terrorism-related sentences.", "900", "people_convicted"),
    ("A court found a preacher guilty of drawing 7 young men into an armed group.", "7", "recruited_people"),
    ("Eleven of the women have been given prison terms in Kazakhstan.", "Eleven", "people_convicted"),
])
def test_more_verbs_of_news(proposer, sentence, value, indicator):
    assert figure(rows_of(proposer, sentence), value)["indicator"] == indicator


def test_the_courts_of_a_state_count_for_it(proposer):
    rows = rows_of(proposer, "Tashkent said 20 Uzbek recruiters were active online. Russian courts have handed down "
                             "900 terrorism-related sentences.")
    assert figure(rows, "900")["subject"] == "RUS"


def test_the_first_months_of_a_year_are_a_period(proposer):
    rows = rows_of(proposer, "The ministry blocked 800 websites in the first half of 2024. Courts convicted 60 people in the "
                             "first seven months of this year.", "2024-09-05")
    assert (figure(rows, "800")["period_start"], figure(rows, "800")["period_end"]) == ("2024-01", "2024-06")
    assert (figure(rows, "60")["period_start"], figure(rows, "60")["period_end"]) == ("2024-01", "2024-07")


def test_a_dateline_with_a_city_and_a_dotted_date(proposer):
    rows = rows_of(proposer, "Tajikistan brings home 20\n\nDushanbe, 21.05.2024\n\nTajikistan took back 20 citizens from "
                             "Iraq on Monday, officials said.", "")
    assert [i["date"] for i in incidents(rows)] == ["2024-05-20"]
    assert "21.05" not in rows[rows["table"] == "figures"]["value_text"].tolist()


def test_ages_said_with_under_and_below_are_not_counts(proposer):
    rows = rows_of(proposer, "Kyrgyzstan took back 30 children on Monday. Nine of the children are under five, and four "
                             "were below 15 when they left. They are aged between the ages of two and 16.")
    figures_ = rows[rows["table"] == "figures"]["value_text"].tolist()
    assert not {"five", "15", "16"} & set(figures_)


def test_orphans_among_the_children_of_a_total(proposer):
    rows = rows_of(proposer, "Kyrgyzstan took back 29 of its nationals from Syria on Monday. The returnees - seven women and "
                             "22 children - arrived in Osh late on Monday. Four of the children have no surviving parent.")
    f = figure(rows, "Four")
    assert (f["counts"], f["part_of"]) == ("orphans", figure(rows, "29")["candidate_id"])


def test_a_count_of_people_a_court_judged_is_not_dated_by_the_verdict(proposer):
    rows = rows_of(proposer, "A court in Osh on 12 March found a preacher guilty of drawing 7 young men into an armed group.")
    f = figure(rows, "7")
    assert (f["period_start"], f["period_end"]) == ("", "")


def test_a_sentence_that_follows_the_men_counted_is_no_new_event(proposer):
    rows = rows_of(proposer, "Of the nine men he recruited, five are believed to have been killed in fighting near Idlib. "
                             "According to the police, the suspects had been planning attacks in Istanbul.")
    assert incidents(rows) == []


def test_the_benchmark_takes_a_part_of_a_part_as_part_of_the_total_above_it(proposer):
    """The tables name the total of a part of a part (validation refuses a chain): orphans among the
    children of a flight are part of the flight's count, and the score says that is right."""
    text = "BISHKEK - A plane flew 31 citizens home from Iraq on Monday: 7 women and 24 children. Among the children are five orphans."
    def gold_figure(near, number, counts="", part_of=""):
        return {"near": near, "text": number, "value": None, "low": None, "high": None, "qualifier": "exact", "subject": "KGZ",
                "indicator": "repatriated_people", "period": ["", ""], "counts": counts, "part_of": part_of}
    gold = {"figures": [gold_figure("flew 31 citizens", "31"), gold_figure("7 women", "7", "women", "flew 31 citizens"),
                        gold_figure("24 children", "24", "children", "flew 31 citizens"),
                        gold_figure("five orphans", "five", "orphans", "24 children")], "incidents": [], "junk": []}
    for g, value in zip(gold["figures"], (31, 7, 24, 5)):
        g["value"] = value
    result = score_document("parts", text, gold, rows_of(proposer, text))
    assert (result.parts, result.parts_right) == (3, 3), result.lines


def test_the_benchmark_takes_a_blank_count_of_women_and_children_held_as_everyone_it_counts(proposer):
    """detained_women_children counts women and children: a blank `counts` says so (the tables treat a
    figure with `counts` as a part), whatever words the gold annotation used."""
    text = "ASTANA - About 40 Kazakh women and children remain in the al-Hol camp, officials said."
    gold = {"figures": [{"near": "About 40 Kazakh", "text": "40", "value": 40, "low": None, "high": None, "qualifier": "about",
                         "subject": "KAZ", "indicator": "detained_women_children", "period": ["", ""],
                         "counts": "women and children", "part_of": ""}], "incidents": [], "junk": []}
    rows = rows_of(proposer, text)
    assert figure(rows, "About 40")["counts"] == ""
    result = score_document("held", text, gold, rows)
    assert (result.parts, result.parts_right) == (1, 1), result.lines
