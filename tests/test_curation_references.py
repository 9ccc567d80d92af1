"""The proposer's rules for what a news sentence refers to: a count it is part of ("Nine of those
held", "two of the five suspects"), an event told before ("in a parallel operation"), an event it
only mentions ("since their mothers were jailed", "cleared of involvement in the attack"), a
building named after a city ("the Santa Maria church"), and the dateline it was filed under; and
numbers that are not figures (telephone numbers, articles of a law, "the youngest 19").
Sentences written for these tests (fictional); pure: the proposer on a text, no Streamlit."""

from __future__ import annotations

import pandas as pd
import pytest

from core.curation.calendar import read_dateline, relative_dates
from core.curation.incident_merge import merge
from core.curation.proposals import Proposer
from core.curation.vocab import build_vocab
from core.data.loading import load_corpus
from core.data.numbers import scan_numbers


@pytest.fixture(scope="module")
def proposer() -> Proposer:
    return Proposer(build_vocab(load_corpus(validate=False).tables))


def rows_of(proposer: Proposer, text: str, published: str = "2025-03-14") -> pd.DataFrame:
    return proposer.propose("references_test", text, published)


def figures(rows: pd.DataFrame) -> dict[str, dict]:
    return {r["value_text"]: r for r in rows[rows["table"] == "figures"].to_dict("records")}


def incidents(rows: pd.DataFrame) -> list[dict]:
    return rows[rows["table"] == "incidents"].to_dict("records")


def test_brought_out_of_the_camps_is_a_return_and_its_parts_are_parts(proposer):
    rows = rows_of(proposer, "OSH, March 12 -- A chartered flight brought 58 Kyrgyz nationals out of the Roj camp on Tuesday, "
                             "the ministry said.\n\nForty-one of those on board were children, 12 were women and five were "
                             "elderly men, officials said.")
    found = figures(rows)
    assert found["58"]["indicator"] == "repatriated_people" and found["58"]["subject"] == "KGZ"
    whole = found["58"]["candidate_id"]
    assert [(found[v]["part_of"], found[v]["counts"], found[v]["indicator"]) for v in ("Forty-one", "12", "five")] == [
        (whole, "children", "repatriated_people"), (whole, "women", "repatriated_people"), (whole, "men", "repatriated_people")]
    assert [(i["kind"], i["country_iso3"], i["date"]) for i in incidents(rows)] == [("repatriation programme", "KGZ", "2025-03-11")]


def test_a_count_that_does_not_leave_a_camp_or_a_war_is_no_return(proposer):
    rows = rows_of(proposer, "Prosecutors brought 14 people to court in Bishkek on Monday.")
    assert figures(rows)["14"]["indicator"] != "repatriated_people"


def test_a_tens_word_joined_to_one_is_one_number():
    assert [(o.text, o.value) for o in scan_numbers("x", "Forty-one returned; twenty-one stayed; one of them left.")] == [
        ("Forty-one", 41.0), ("twenty-one", 21.0)]


def test_n_of_the_five_suspects_is_a_part_of_the_five_and_the_five_is_not_a_new_figure(proposer):
    rows = rows_of(proposer, "MOSCOW, March 13 - Security officers on Thursday arrested five men suspected of plotting an attack "
                             "on a railway station in Samara, the agency said.\n\nIn a parallel operation in Kazan, officers "
                             "detained a courier who had carried money for the group.\n\nTwo of the five suspects are citizens "
                             "of Tajikistan, a source said.")
    found = figures(rows)
    assert found["Two"]["part_of"] == found["five"]["candidate_id"]
    assert len([v for v in rows.loc[rows["table"] == "figures", "value_text"] if v == "five"]) == 1
    assert "five" in set(rows.loc[rows["table"] == "excluded", "value_text"])
    dated = [(i["date"], i["date_inferred"]) for i in incidents(rows) if "parallel operation" in i["quote"]]
    assert dated == [("2025-03-13", "yes")]  # the day of the arrests told before, marked as inferred


def test_nine_of_those_held_is_part_of_the_total_even_beside_a_part_by_nationality(proposer):
    rows = rows_of(proposer, "Police detained 20 people, among them 14 nationals of Central Asian countries, in raids on Monday. "
                             "Nine of those held are Uzbek citizens and three are from Tajikistan.")
    found = figures(rows)
    total = found["20"]["candidate_id"]
    assert found["Nine"]["part_of"] == total and found["three"]["part_of"] == total


def test_a_count_in_a_relative_clause_before_its_return_verb(proposer):
    text = ("Twelve Kyrgyz children who had lived in a Mosul orphanage since their mothers were jailed in Iraq were handed "
            "to Kyrgyz diplomats on Tuesday and flown to Bishkek the next day, the ministry said.")
    rows = rows_of(proposer, text)
    assert figures(rows)["Twelve"]["indicator"] == "repatriated_people"
    assert [(i["kind"], i["country_iso3"], i["date"]) for i in incidents(rows)] == [("repatriation programme", "KGZ", "2025-03-11")]


def test_mothers_who_remain_in_jails_after_an_apposition_are_held_abroad(proposer):
    rows = rows_of(proposer, "The ministry said their mothers, 9 Kyrgyz women, remain in Iraqi jails.")
    assert figures(rows)["9"]["indicator"] == "detained_women_children"


def test_closed_channels_and_migrants_detained_with_a_participle(proposer):
    rows = rows_of(proposer, "The committee said it had closed 140 channels in messaging apps. Police checked 9,000 foreign "
                             "workers in raids, detaining 610 of them for immigration violations.")
    found = figures(rows)
    assert found["140"]["indicator"] == "social_media_channels_blocked"
    assert found["610"]["indicator"] == "migrants_detained"


def test_an_event_only_named_as_what_people_were_cleared_of_is_no_incident(proposer):
    rows = rows_of(proposer, "A court ordered 11 foreigners to be deported after they were cleared of involvement in the "
                             "February attack on a hotel in Antalya, the ministry said on Thursday.")
    assert [i["kind"] for i in incidents(rows) if i["kind"] == "attack"] == []


def test_a_building_named_after_a_city_is_not_that_city(proposer):
    rows = rows_of(proposer, "ISTANBUL, Feb 3 - Two gunmen killed a guard at the Santa Maria church on Sunday, police said.")
    assert [i["country_iso3"] for i in incidents(rows)] == ["TUR"]
    assert "Santa Maria" not in set(rows.loc[rows["table"] == "places", "name"])


@pytest.mark.parametrize("text, place, date", [
    ("Title\n\nKARAGANDA, Kazakhstan, 28.02.2025 - Six residents were sentenced.", "Karaganda", "2025-02-28"),
    ("Title\n\nOSH, Kyrgyzstan, March 3 -- A court said.", "Osh", ""),
    ("Title\n\n01.05.2019 16:40\n\nDushanbe text.", "", "2019-05-01"),
    ("Title\n\nDUSHANBE, 12/10/2025 (Pamir Wire) \u2014 Officials said.", "Dushanbe", "2025-10-12"),
    ("Title\n\nASTANA, 2025-04-02 \u2014 Officials said.", "Astana", "2025-04-02"),
])
def test_a_dateline_with_a_country_after_the_city_or_a_date_in_figures(text, place, date):
    line = read_dateline(text)
    assert (line.place, line.date) == (place, date)


def test_a_dotted_dateline_is_not_a_figure(proposer):
    rows = rows_of(proposer, "Court convicts six\n\nKARAGANDA, Kazakhstan, 28.02.2025 - Six residents of the region were "
                             "sentenced on Tuesday for running a channel, the court said.")
    assert "28.02" not in set(rows.loc[rows["table"] == "figures", "value_text"])


def test_last_week_is_the_month_of_last_week_and_a_city_is_not_a_month():
    assert relative_dates("Seven people were detained in raids last week.", "2024-10-09") == [(36, 45, "2024-10", "month")]
    assert relative_dates("Two suspects detained in Novosibirsk are citizens of Kyrgyzstan.", "2024-11-21") == []


# ---- numbers that are not figures, and dates written in figures (from set H's failures)

def test_telephone_numbers_and_articles_of_law_are_not_figures(proposer):
    rows = rows_of(proposer, "Relatives can call the free hotline 1414 or 0 (3222) 55-30-30. The men were convicted under "
                             "Article 258-2 and Article 161 of the Criminal Code.")
    reasons = dict(zip(rows.loc[rows["table"] == "excluded", "value_text"], rows.loc[rows["table"] == "excluded", "exclude_reason"]))
    assert rows[rows["table"] == "figures"].empty
    assert reasons["1414"] == reasons["3222"] == "a telephone number, not a figure"
    assert reasons["258"] == reasons["161"] == "an article of a law, not a figure"


def test_the_youngest_and_the_oldest_are_ages(proposer):
    found = figures(rows_of(proposer, "The suspects, the youngest 20 and the oldest 34, were detained in Osh on Friday."))
    assert (found["20"]["indicator"], found["34"]["indicator"]) == ("perpetrator_age", "perpetrator_age")


def test_people_who_came_home_in_groups_between_two_days(proposer):
    rows = rows_of(proposer, "ASTANA, 2025-04-02 \u2014 Thirty-two Kazakhstanis, most of them children, came home from Syria in "
                             "two groups between 27 and 29 March, the ministry said.", published="2025-04-02")
    found = figures(rows)
    assert found["Thirty-two"]["indicator"] == "repatriated_people"
    assert (found["Thirty-two"]["period_start"], found["Thirty-two"]["period_end"]) == ("2025-03-27", "2025-03-29")
    assert "04-02" not in found and "2025-04-02" not in found


def test_hundred_and_fifty_is_one_number():
    assert [(o.text, o.value) for o in scan_numbers("x", "more than six hundred and fifty returned; two hundred and three "
                                                          "hundred")] == [("six hundred and fifty", 650.0), ("two hundred", 200.0),
                                                                          ("three hundred", 300.0)]


# ---- from set I's failures

@pytest.mark.parametrize("sentence, value, indicator", [
    ("Forty Kyrgyz women and children who had been held in Iraqi prisons arrived in Bishkek on Tuesday.", "Forty", "repatriated_people"),
    ("He put the number of Kyrgyz citizens returned from Syria since 2019 at 640.", "640", "repatriated_people"),
    ("The country has now recovered some 380 nationals from Syria and Iraq.", "some 380", "repatriated_people"),
    ("The men talked 23 people into joining the group.", "23", "recruited_people"),
    ("Police in Samara region held nearly 1,900 foreign citizens during checks at markets.", "nearly 1,900", "migrants_detained"),
])
def test_more_ways_of_saying_a_return_a_recruitment_and_a_detention(proposer, sentence, value, indicator):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == indicator


def test_people_held_in_a_camp_are_not_detained_by_anyone_here(proposer):
    assert figures(rows_of(proposer, "Some 300 Kyrgyz women are held in al-Hol."))["Some 300"]["indicator"] == "detained_women_children"


def test_men_who_returned_and_were_sentenced_are_convicted_not_repatriated(proposer):
    assert figures(rows_of(proposer, "Four men who returned from Syria were sentenced on Monday."))["Four"]["indicator"] == "people_convicted"


def test_of_whom_travelled_to_syria_counts_people_who_left(proposer):
    found = figures(rows_of(proposer, "Between 2015 and 2016 the men talked 23 people into joining the group, nine of whom "
                                      "travelled to Syria."))
    assert found["nine"]["indicator"] == "conflict_migrants"


def test_of_the_blocked_pages_the_parts_are_parts_and_a_count_no_indicator_explains_has_none(proposer):
    rows = rows_of(proposer, "The service said it had blocked 120 Telegram channels and TikTok accounts in the first half of "
                             "the year. Of the blocked pages, 80 were on Telegram and 25 on TikTok. The largest had about "
                             "41,000 subscribers. Officers identified 30 young men drawn in by recruiters; 9 of them were detained.")
    found = figures(rows)
    total = found["120"]["candidate_id"]
    assert (found["80"]["part_of"], found["25"]["part_of"]) == (total, total)
    assert found["80"]["indicator"] == found["25"]["indicator"] == found["120"]["indicator"]
    assert found["9"]["part_of"] != found["about 41,000"]["candidate_id"]


def test_an_event_takes_the_date_written_on_it(proposer):
    rows = rows_of(proposer, "The group on Saturday claimed Friday's suicide bombing at a mosque in Kabul.", published="2025-11-16")
    assert [i["date"] for i in incidents(rows)] == ["2025-11-14"]


# ---- from set J's failures

@pytest.mark.parametrize("sentence, value, indicator", [
    ("Police in Omsk region took 940 foreign nationals to police stations during a sweep of markets.", "940", "migrants_detained"),
    ("The court on Monday found two men, a driver and his cousin, guilty of financing terrorism.", "two", "people_convicted"),
    ("Officers detained three men from Central Asia in Lyon and Grenoble late on Tuesday night after a months-long inquiry "
     "on suspicion of planning an attack on a stadium.", "three", "people_arrested"),
])
def test_custody_guilt_and_suspicion_of_a_plot(proposer, sentence, value, indicator):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == indicator


def test_suspected_of_recruiting_is_a_detention_not_an_arrest_for_a_plot(proposer):
    found = figures(rows_of(proposer, "The committee said it had detained 32 people suspected of recruiting for terrorist groups."))
    assert found["32"]["indicator"] == "people_detained"


def test_the_group_comprises_its_parts(proposer):
    rows = rows_of(proposer, "A flight brought 27 Turkmen nationals home from Iraq on Monday, among them 15 minors. Besides the "
                             "children, the group comprises eight women and four men.")
    found = figures(rows)
    total = found["27"]["candidate_id"]
    assert [(found[v]["part_of"], found[v]["counts"]) for v in ("eight", "four")] == [(total, "women"), (total, "men")]


def test_forming_the_largest_group_is_no_founding(proposer):
    rows = rows_of(proposer, "Uzbeks formed the largest group in 2015, with an estimated 1,900 travellers.")
    assert [i["kind"] for i in incidents(rows)] == []


def test_a_number_that_opens_its_sentence_is_counted_by_its_verb_across_a_long_relative_clause(proposer):
    rows = rows_of(proposer, "Uzbekistan returns 31 men\n\nTASHKENT, 4 February 2026 (Oqsaroy Wire) — Thirty-one Uzbek men "
                             "who had spent more than five years in prisons guarded by the Syrian Democratic Forces near "
                             "Qamishli and al-Shaddadi were brought back to Tashkent on a military transport late on Saturday, "
                             "the prosecutor general's office said on Tuesday.", "")
    found = figures(rows)["Thirty-one"]
    assert (found["indicator"], found["subject"], found["period_start"]) == ("repatriated_people", "UZB", "2026-01-31")
    # not the number in the middle of a sentence: its verb must be near
    far = figures(rows_of(proposer, "Officials said 31 Uzbek men who had spent more than five years in prisons guarded by the "
                                    "Syrian Democratic Forces near Qamishli and al-Shaddadi in north-eastern Syria were brought "
                                    "back to Tashkent."))["31"]
    assert far["indicator"] != "repatriated_people"


def test_a_dateline_with_its_outlet_before_the_date(proposer):
    text = "Kazakhstan flies home 12 from Roj\n\nASTANA (Steppe Herald), 9 October 2025 — Twelve Kazakh women and children " \
           "were brought home from the Roj camp on Monday, the foreign ministry said on Thursday."
    line = read_dateline(text)
    assert (line.place, line.date) == ("Astana", "2025-10-09")
    assert [(i["kind"], i["date"]) for i in incidents(rows_of(proposer, text, ""))] == [("repatriation programme", "2025-10-06")]


@pytest.mark.parametrize("sentence, number", [
    ("The ministry approved a 2.3 billion somoni programme for their care.", "2.3 billion"),
    ("Deputies approved a 14.6 billion soum allocation for the centres.", "14.6 billion"),
    ("Police offered a reward of 3 million rupees for information on the fifth man.", "3 million"),
    ("Each paid the smugglers 40,000 lira.", "40,000"),
])
def test_sums_of_money_in_any_currency_are_not_figures(proposer, sentence, number):
    assert scan_numbers("x", sentence)[0].text == number  # the sum is one number
    assert not figures(rows_of(proposer, sentence))


def test_billion_multiplies_like_million():
    assert [(o.text, o.value) for o in scan_numbers("x", "a 14.6 billion soum budget and 2-3 billion more")] == [
        ("14.6 billion", 14.6e9), ("2", 2e9), ("3 billion", 3e9)]


@pytest.mark.parametrize("text, total, parts, qualifier", [
    ("KAZAN, 14 April 2026 (Volga Line) — Police detained 17 migrants suspected of planning an attack on a railway station "
     "in Kazan on Saturday, the regional interior ministry said on Monday. Nine are Tajik citizens, five are Uzbek and "
     "three Kyrgyz.", "17", {"Nine": "TJK", "five": "UZB", "three": "KGZ"}, "exact"),
    ("YEKATERINBURG, 2 May 2026 (Ural Wire) — Police detained about 60 migrants in raids on Thursday: roughly 30 Tajiks, "
     "20 Uzbeks and 10 Kyrgyz, the ministry said.", "about 60", {"roughly 30": "TJK", "20": "UZB", "10": "KGZ"}, "about"),
])
def test_a_list_of_counts_by_nationality_is_parts_of_the_count_before_it(proposer, text, total, parts, qualifier):
    found = figures(rows_of(proposer, "Raids\n\n" + text, ""))
    whole = found[total]
    for value, iso in parts.items():
        part = found[value]
        assert (part["part_of"], part["indicator"], part["subject"], part["qualifier"]) == (
            whole["candidate_id"], whole["indicator"], iso, qualifier), value
    # one count by nationality alone is no list: "five Uzbeks" after a total of other people is not its part
    alone = figures(rows_of(proposer, "Police detained 17 migrants on Saturday. Separately, five Uzbeks were fined."))
    assert alone["five"]["part_of"] == ""


@pytest.mark.parametrize("sentence, value, indicator", [
    ("A bomb at a bus station killed four people and left 17 hurt on Friday, police said.", "17", "wounded"),
    ("The blast left nine worshippers dead, police said on Friday.", "nine", "killed"),
    ("The bomber, thought to be 24, was an Uzbek national, police said.", "24", "perpetrator_age"),
    ("Access was restricted to 1,250 websites and channels in 2025, the ministry said.", "1,250", "social_media_channels_blocked"),
    ("Twelve citizens were brought home from Iraq in February, taking the total repatriated since 2019 to 740.", "740",
     "repatriated_people"),
    ("With them, the tally of Kazakh citizens taken out of Syria and Iraq since 2019 climbs to 752.", "752", "repatriated_people"),
])
def test_tolls_ages_restricted_access_and_running_totals(proposer, sentence, value, indicator):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == indicator


def test_a_count_believed_to_be_is_not_an_age(proposer):
    found = figures(rows_of(proposer, "The group's strength is believed to be 300 fighters, officials said."))
    assert found["300"]["indicator"] != "perpetrator_age"


@pytest.mark.parametrize("sentence, value, indicator", [
    ("Osh, 12/4/2026 — A charter from Erbil touched down in Osh just after dawn on Sunday carrying 26 Kyrgyz citizens, "
     "officials said.", "26", "repatriated_people"),
    ("An explosion in Jalalabad claimed the lives of 6 people, police said.", "6", "killed"),
    ("Three others lost their lives in hospital, police said.", "Three", "killed"),
])
def test_flights_that_land_carrying_people_and_lives_lost(proposer, sentence, value, indicator):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == indicator


def test_a_truck_carrying_people_is_no_return(proposer):
    assert figures(rows_of(proposer, "A truck carrying 20 migrants was stopped near the border."))["20"]["indicator"] != \
        "repatriated_people"


@pytest.mark.parametrize("sentence, number", [
    ("Two men were arrested on the 14th on suspicion of helping him.", "14th"),
    ("Parents can call the ministry's 1212 call centre.", "1212"),
    ("The committee urged parents to report suspicious contacts to its 24-hour line, 1414.", "1414"),
])
def test_ordinals_and_service_lines_are_not_figures(proposer, sentence, number):
    assert number not in figures(rows_of(proposer, sentence))


@pytest.mark.parametrize("sentence, period", [
    ("Police detained 240 migrants in January-March 2025, the ministry said.", ("2025-01", "2025-03")),
    ("Between January and March 2025, 35 citizens were brought home from Syria.", ("2025-01", "2025-03")),
])
def test_a_span_of_months_is_a_period(proposer, sentence, period):
    found = next(iter(figures(rows_of(proposer, sentence)).values()))
    assert (found["period_start"], found["period_end"]) == period


def test_a_compared_count_keeps_its_own_date_and_the_first_keeps_the_sentences(proposer):
    rows = rows_of(proposer, "Security service summary\n\nIn October, officers of the security service detained 34 people "
                             "suspected of recruiting for terrorist groups, down from 41 in September, the service said.\n\n"
                             "Kazakhstan deported 9,870 migrants in 2025, compared with 11,260 in January-December 2024.",
                   "2025-11-04")
    found = figures(rows)
    assert [(found[v]["period_start"], found[v]["period_end"]) for v in ("34", "41", "9,870", "11,260")] == [
        ("2025-10", "2025-10"), ("2025-09", "2025-09"), ("2025", "2025"), ("2024-01", "2024-12")]


def test_a_list_of_citizens_of_states_gives_each_count_its_state(proposer):
    rows = rows_of(proposer, "Police foil plot\n\nMALMO, 4 May 2026 (Sound Wire) — Police arrested suspects early on Wednesday "
                             "over a plot to attack a concert. In all, seven people are now in custody: four citizens of "
                             "Uzbekistan, two of Tajikistan and one of Kyrgyzstan.", "")
    found = figures(rows)
    assert found["seven"]["indicator"] == "people_arrested"
    assert [(found[v]["subject"], found[v]["indicator"], found[v]["part_of"]) for v in ("four", "two")] == [
        ("UZB", "people_arrested", found["seven"]["candidate_id"]), ("TJK", "people_arrested", found["seven"]["candidate_id"])]


@pytest.mark.parametrize("sentence, text, qualifier", [
    ("There are at most 350 Central Asian fighters in ISKP, he said.", "at most 350", "up to"),
    ("I count no more than 40 Kyrgyz fighters, he said.", "no more than 40", "up to"),
    ("There are perhaps 30 Kazakh fighters, he said.", "perhaps 30", "about"),
    ("Police detained more than 40 migrants.", "more than 40", "more than"),
])
def test_a_ceiling_is_up_to_and_a_guess_is_about(proposer, sentence, text, qualifier):
    assert figures(rows_of(proposer, sentence))[text]["qualifier"] == qualifier


def test_a_partitive_whose_whole_is_told_after_it_is_no_part_of_an_earlier_count(proposer):
    found = figures(rows_of(proposer, "Shooting in Kayseri\n\nKAYSERI, 18 May 2026 (Anatolia Line) — Officials say 17 people "
                                      "were killed and 54 wounded when gunmen opened fire on a fan zone on Sunday night. Two "
                                      "of the four attackers were citizens of Tajikistan, and one was from Uzbekistan.", ""))
    assert found["54"]["indicator"] == "wounded"
    assert [(found[v]["indicator"], found[v]["part_of"]) for v in ("Two", "four")] == [("perpetrators", ""), ("perpetrators", "")]


def test_a_lead_that_names_its_whole_by_its_words_and_states_ending_in_stan(proposer):
    rows = rows_of(proposer, "Raids after the blast\n\nOrenburg — March 3, 2026 — Courts in the Orenburg region have ordered "
                             "260 foreign nationals expelled in the weeks since a car bomb went off outside a bus station on "
                             "February 9, killing six people, officials said on Tuesday. Police also detained 1,480 migrants in "
                             "checks on markets. Of those ordered expelled, 140 are citizens of Tajikistan, 70 of Kazakhstan and "
                             "50 of Kyrgyzstan. Two Uzbek cousins, aged 24 and 31, and a Kazakh driver are in custody charged "
                             "with carrying out the bombing, which also wounded 17 people.", "")
    found, incident = figures(rows), incidents(rows)[0]
    assert (incident["date"], incident["country_iso3"]) == ("2026-02-09", "RUS")  # the blast's day, not the dateline's
    whole = found["260"]["candidate_id"]
    assert found["260"]["indicator"] == "people_expelled"
    assert found["260"]["subject"] != incident["candidate_id"]  # the courts' count (of Russia, of Orenburg), not the bombing's
    assert (found["260"]["period_start"], found["260"]["period_end"]) == ("2026-02-09", "")  # "since ...": the start only
    assert [(found[v]["subject"], found[v]["indicator"], found[v]["part_of"]) for v in ("140", "70", "50")] == [
        ("TJK", "people_expelled", whole), ("KAZ", "people_expelled", whole), ("KGZ", "people_expelled", whole)]
    assert [found[v]["indicator"] for v in ("Two", "24", "31", "17")] == ["people_arrested", "perpetrator_age", "perpetrator_age", "wounded"]
    assert found["17"]["subject"] == found["six"]["subject"] == incident["candidate_id"]  # "the bombing" told three sentences before
    assert (found["six"]["period_start"], found["six"]["period_end"]) == ("2026-02-09", "2026-02-09")  # the toll of its day


def test_a_list_by_nationality_between_dashes_is_parts_of_the_count_before_it(proposer):
    found = figures(rows_of(proposer, "KAZAN, 3 March 2026 — Judges on Saturday ordered 64 migrants deported - 40 Uzbeks, "
                                      "17 Tajiks and seven Kyrgyz - and fined the rest.", ""))
    whole = found["64"]["candidate_id"]
    assert [(found[v]["part_of"], found[v]["subject"]) for v in ("40", "17", "seven")] == [
        (whole, "UZB"), (whole, "TJK"), (whole, "KGZ")]


@pytest.mark.parametrize("sentence, value, indicator", [
    ("Four citizens of Uzbekistan wanted for recruiting for Islamic State were extradited from Russia and flown to "
     "Tashkent on Monday, prosecutors said.", "Four", "repatriated_suspects"),
    ("Their return brings to 38 the number of suspects sent back to Tajikistan since 2021, officials said.", "38",
     "repatriated_suspects"),
    ("Russia says it has extradited more than 2,000 foreigners suspected of extremism since 2016.", "more than 2,000",
     "people_expelled"),
])
def test_an_extradition_home_returns_suspects_and_one_abroad_expels_them(proposer, sentence, value, indicator):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == indicator


# ---- from set Q's failures (read after its first measurement)

@pytest.mark.parametrize("text, date", [
    ("Title of a report\n\n3 May 2026\n\nBody.", "2026-05-03"),
    ("Title of a report\n\nThe Caspian Review | Analysis | 3 May 2026\n\nBody.", "2026-05-03"),
    ("Title of a report\n\nBy Aida Seitova | Steppe Weekly, 3 May 2026\n\nBody.", "2026-05-03"),
    ("Title of a report\n\n03.05.2026, 14:20 | Irtysh Daily\n\nBody.", "2026-05-03"),
    ("Title of a report\n\nSecurity notes No. 4 | 27 April-3 May 2026\n\nBody.", "2026-05-03"),
    ("Title of a report\n\nPublished: May 3, 2026 at 09:15\n\nBody.", "2026-05-03"),
    ("Title of a report\n\nBosphorus Daily | Posted: 3 May 2026, 08:10\n\nBody.", "2026-05-03"),
])
def test_a_date_line_under_the_title_dates_the_report(text, date):
    assert read_dateline(text).date == date


def test_a_sentence_under_the_title_is_not_a_date_line():
    assert read_dateline("Title of a report\n\nThe talks ended on 3 May 2026.\n\nBody.") is None


def test_a_city_dateline_under_a_dated_byline_takes_the_bylines_date():
    line = read_dateline("Title\n\nBy Aida Seitova | 3 May 2026\n\nBISHKEK -- Officers detained four men on Friday.")
    assert (line.place, line.date) == ("Bishkek", "2026-05-03")


def test_a_byline_date_resolves_a_weekday(proposer):
    rows = rows_of(proposer, "Plot foiled in Orenburg\n\n03.05.2026, 14:20 | Ural Courier\n\nSecurity officers on Thursday "
                             "detained five natives of Central Asia in Orenburg who were preparing to attack a gas pipeline.", "")
    assert [(i["date"], i["country_iso3"]) for i in incidents(rows)] == [("2026-04-30", "RUS")]


def test_a_plane_that_lands_in_a_central_asian_city_brings_people_home(proposer):
    rows = rows_of(proposer, "Forty-four Tajik citizens who had been held for years in camps in north-eastern Syria landed in "
                             "Khujand on Sunday on a government plane, the ministry said.", "2026-05-05")
    found = figures(rows)["Forty-four"]
    assert (found["indicator"], found["subject"]) == ("repatriated_people", "TJK")
    assert [(i["kind"], i["date"], i["country_iso3"]) for i in incidents(rows)] == [("repatriation programme", "2026-05-03", "TJK")]


def test_a_second_flight_with_its_own_day_is_a_second_event_and_an_arrival_dates_the_first(proposer):
    two = rows_of(proposer, "Uzbekistan brought home 50 citizens from Syria on Monday, the ministry said on Friday. A second "
                            "plane landed in Termez on Wednesday with 30 more.", "2026-05-08")
    assert sorted(i["date"] for i in incidents(two)) == ["2026-05-04", "2026-05-06"]
    one = rows_of(proposer, "Uzbekistan has brought home 50 citizens from Syria, the ministry said on Friday. The women and "
                            "children landed in Termez late on Wednesday.", "2026-05-08")
    assert [i["date"] for i in incidents(one)] == ["2026-05-06"]


def test_a_stabbing_is_an_attack_and_before_the_attack_is_no_new_one(proposer):
    rows = rows_of(proposer, "LYON, May 4 (Wire) - A 24-year-old Tajik man stabbed two people to death at a market in Lyon on "
                             "Sunday, police said. Shortly before the attack he posted a video addressed to a contact in "
                             "Afghanistan.", "2026-05-04")
    assert [(i["kind"], i["date"], i["country_iso3"]) for i in incidents(rows)] == [("attack", "2026-05-03", "FRA")]


def test_men_who_served_sentences_and_were_handed_over_is_a_return_not_a_verdict(proposer):
    rows = rows_of(proposer, "Three Kyrgyz men who had served sentences in Afghan prisons were handed over to Kyrgyz officials "
                             "at the border on 2 May, the prosecutor's office said.", "2026-05-05")
    assert [(i["kind"], i["date"], i["country_iso3"]) for i in incidents(rows)] == [("repatriation programme", "2026-05-02", "KGZ")]


@pytest.mark.parametrize("sentence, value, indicator", [
    ("A man shot four people to death outside a cafe in Kazan on Friday, police said.", "four", "killed"),
    ("By 2016 more than 2,500 Central Asian men were fighting in Syria, a researcher estimates.", "more than 2,500",
     "foreign_fighters"),
    ("Officials believe about 300 Kyrgyz nationals are still under arms in Idlib.", "about 300", "foreign_fighters"),
    ("With their families, some 3,000 people left the republic for the war between 2013 and 2017.", "some 3,000",
     "conflict_migrants"),
])
def test_to_death_under_arms_fighting_in_and_leaving_for_the_war(proposer, sentence, value, indicator):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == indicator


def test_people_arrested_in_a_report_of_an_attack_are_its_suspects_but_a_years_tally_is_not(proposer):
    found = figures(rows_of(proposer, "RIGA, May 4 (Wire) - A Kyrgyz man drove a van into a crowd at a market in Riga on "
                                      "Saturday in what police called a terrorist attack, injuring eleven people. The driver was shot by officers. "
                                      "Hospitals said four of the injured were children. Overnight, police searched two flats "
                                      "and detained three men who had shared one with him. Latvian police detained 40 people "
                                      "in raids against extremists in 2025.", "2026-05-04"))
    assert (found["three"]["indicator"], found["40"]["indicator"]) == ("people_arrested", "people_detained")


def test_n_of_whom_after_a_part_counts_some_of_that_part(proposer):
    found = figures(rows_of(proposer, "Sixty Uzbek citizens were flown home from Iraq on Sunday, the ministry said. They are "
                                      "18 women and 42 children, eleven of whom have no living parents.", "2026-05-05"))
    whole = found["Sixty"]["candidate_id"]
    assert (found["eleven"]["indicator"], found["eleven"]["counts"], found["eleven"]["part_of"]) == (
        "repatriated_people", "orphans", whole)


def test_n_are_men_and_the_other_n_are_women_are_parts_of_the_count_before(proposer):
    found = figures(rows_of(proposer, "A court in Almaty jailed twelve people for recruiting on Monday. Ten are men. The "
                                      "remaining two are women.", "2026-05-05"))
    whole = found["twelve"]["candidate_id"]
    assert [(found[v]["indicator"], found[v]["counts"], found[v]["part_of"]) for v in ("Ten", "two")] == [
        ("people_convicted", "men", whole), ("people_convicted", "women", whole)]


@pytest.mark.parametrize("sentence, value, indicator, subject", [
    ("Finland has expelled 35 Kyrgyz and Kazakh nationals since March, the interior ministry said.", "35",
     "people_expelled", "central_asia"),
    ("Since May, 120 pages spreading such videos have been taken down at the prosecutor's request.", "120",
     "social_media_channels_blocked", None),
    ("She came back with 29 women and children flown from Erbil to Bishkek in May 2024.", "29", "repatriated_people", None),
])
def test_two_nationalities_a_page_taken_down_and_people_flown_home_from_a_city(proposer, sentence, value, indicator, subject):
    found = figures(rows_of(proposer, sentence))[value]
    assert found["indicator"] == indicator and (subject is None or found["subject"] == subject)


def test_an_answer_is_read_with_the_how_many_question_it_answers(proposer):
    rows = rows_of(proposer, "An interview\n\nHow many Central Asians are still under arms in Iraq?\n\nI would say about 400. "
                             "Kyrgyz are the largest group, perhaps 150.\n\nHow long have you worked on this?\n\nFor about "
                             "nine years now, and I spoke to 80 families.", "2026-05-05")
    found = figures(rows)
    assert [(found[v]["indicator"], found[v]["subject"]) for v in ("about 400", "perhaps 150")] == [
        ("foreign_fighters", "central_asia"), ("foreign_fighters", "KGZ")]
    assert "choose one" not in found["about 400"]["reason"] and "from the question it answers" in found["about 400"]["reason"]
    assert found.get("80", {}).get("indicator", "") != "foreign_fighters"  # another question: no longer that answer


def test_a_transcripts_question_after_the_askers_name_and_a_what_about_question_are_read(proposer):
    rows = rows_of(proposer, "Steppe Review: How many Central Asians are fighting in foreign wars today?\n\nTashpulatova: "
                             "Fewer than before. In Afghanistan I would say no more than 400 are with ISKP.\n\nSR: What about "
                             "the women and children held in camps?\n\nTashpulatova: Today there are about 300.", "2028-05-20")
    found = figures(rows)
    assert found["no more than 400"]["indicator"] == "foreign_fighters"
    assert found["about 300"]["indicator"] == "detained_women_children"


def test_a_flight_of_deportees_that_lands_home_counts_the_expelled_not_the_repatriated(proposer):
    found = figures(rows_of(proposer, "A charter flight from St Petersburg carrying 143 deportees landed in Tashkent on Friday. "
                                      "A plane carrying 40 women and children landed in Dushanbe on Monday.", "2028-07-03"))
    assert (found["143"]["indicator"], found["40"]["indicator"]) == ("people_expelled", "repatriated_people")


def test_a_list_item_labelled_with_a_country_counts_what_the_item_leading_the_list_counts(proposer):
    rows = rows_of(proposer, "Camps in Syria: the numbers\n\n- Women and children from Central Asia still held in the camps: "
                             "about 600\n- Tajikistan: 280 (the largest group)\n- Uzbekistan: between 110 and 140\n\nThe centre "
                             "urges two more flights.", "2028-05-31")
    found = figures(rows)
    assert [(found[v]["indicator"], found[v]["subject"]) for v in ("about 600", "280", "between 110 and 140")] == [
        ("detained_women_children", "central_asia"), ("detained_women_children", "TJK"), ("detained_women_children", "UZB")]
    assert found["two"]["indicator"] == ""  # after the list: no longer its lead item's count


def test_one_that_counts_someone_is_proposed_and_one_as_a_pronoun_is_not(proposer):
    rows = rows_of(proposer, "A man armed with a knife killed one person on Tuesday. The FSB detained three natives of "
                             "Central Asia: two citizens of Uzbekistan and one of Tajikistan. One of the men was released.",
                   "2028-06-14")
    ones = [r for r in rows.to_dict("records") if r["table"] == "figures" and r["value_text"].lower() == "one"]
    assert [(r["indicator"], r["subject"]) for r in ones][1:] == [("people_arrested", "TJK")]
    assert ones[0]["indicator"] == "killed" and len(ones) == 2  # "One of the men": no count


def test_a_year_in_the_next_sentence_is_background_not_the_day_of_the_arrests(proposer):
    found = figures(rows_of(proposer, "NICE -- An attacker stabbed two people near the port on Sunday evening, prosecutors said."
                                      "\n\nThe suspect, a 22-year-old man, shouted slogans during the attack, witnesses said.\n\n"
                                      "Investigators found messages on his phone, prosecutors said. Police detained three more people "
                                      "overnight in Nice and Cannes, on suspicion of having known about the plan.\n\nThe suspect had "
                                      "been flagged to the police in 2025 but was not watched, sources said.", "2028-09-12"))
    assert (found["three"]["period_start"], found["three"]["period_end"]) != ("2025", "2025")


def test_a_part_told_after_a_total_is_not_the_totals_nationality(proposer):
    found = figures(rows_of(proposer, "PARIS -- French police arrested a Kyrgyz man on Monday. In 2027 the authorities expelled "
                                      "164 foreigners considered radicalised, 31 of them from Central Asia, ministry figures show.",
                            "2028-06-14"))
    assert (found["164"]["indicator"], found["164"]["subject"]) == ("people_expelled", "FRA")


def test_a_date_in_the_footer_dates_a_report_whose_dateline_has_none(proposer):
    rows = rows_of(proposer, "Gunman kills three in Izmir cafe\n\nIZMIR -- A gunman killed three people at a cafe in Izmir "
                             "late on Friday, the governor said.\n\nPolice are questioning witnesses.\n\nWest Coast Courier, "
                             "9 September 2029", published="")  # no date given: the curator leaves it to the document
    incidents = rows[rows["table"] == "incidents"]
    assert "2029-09-07" in set(incidents["date"])  # the Friday before the footer's Sunday


def test_each_number_followed_by_from_and_a_country_counts_that_countrys_people(proposer):
    found = figures(rows_of(proposer, "Police detained 520 foreign nationals in raids in Kursk last week. Of those, 240 came from "
                                      "Tajikistan, 150 from Uzbekistan and 60 from Kyrgyzstan.", "2028-11-20"))
    assert [found[v]["subject"] for v in ("240", "150", "60")] == ["TJK", "UZB", "KGZ"]


def test_an_attackers_age_is_about_the_attack_even_when_his_sentence_names_another_year(proposer):
    found = figures(rows_of(proposer, "IZMIR -- A gunman killed three people at a cafe in Izmir late on Friday, the governor said."
                                      "\n\nThe governor said the attacker was a 26-year-old Kyrgyz citizen who had arrived in Turkey "
                                      "in 2026 and worked at a market.", "2029-09-09"))
    assert (found["26"]["indicator"], found["26"]["subject"]) == ("perpetrator_age", found["three"]["subject"])


def test_workers_arrested_who_were_planning_a_bombing_are_suspects_not_migrants_detained(proposer):
    found = figures(rows_of(proposer, "DOHA -- Qatar's security service has arrested nine foreign workers, seven of them from "
                                      "Central Asia, who it says were planning a bombing in Doha, the news agency reported on "
                                      "Tuesday. Separately, police detained 300 foreign workers in raids on labour camps.",
                            "2029-03-06"))
    assert [found[v]["indicator"] for v in ("nine", "seven", "300")] == ["people_arrested", "people_arrested", "migrants_detained"]


def test_foreigners_expelled_by_courts_in_the_region_are_counted_by_the_host_state(proposer):
    found = figures(rows_of(proposer, "KURSK -- Russian police detained 310 migrants, most of them from Tajikistan and Uzbekistan, in "
                                      "raids on markets this week. Courts in the region expelled 920 foreigners in the first nine "
                                      "months of 2028, the regional migration department said.", "2028-10-20"))
    assert (found["920"]["indicator"], found["920"]["subject"]) == ("people_expelled", "RUS")


def test_residents_of_the_region_are_of_a_province_not_of_central_asia(proposer):
    found = figures(rows_of(proposer, "PAVLODAR, Kazakhstan -- A court in Pavlodar on Monday sentenced four residents of the region "
                                      "to prison for financing terrorism, prosecutors said.", "2029-01-15"))
    assert found["four"]["subject"] == "KAZ"


def test_a_return_told_after_its_parts_between_commas_counts_the_repatriated(proposer):
    found = figures(rows_of(proposer, "TERMEZ -- Thirty-one Uzbek citizens, 9 women and 22 children, returned from camps in "
                                      "north-east Syria on Monday aboard a special flight, the ministry said.", "2029-10-09"))
    assert [found[v]["indicator"] for v in ("Thirty-one", "9", "22")] == ["repatriated_people"] * 3


def test_a_pair_counted_between_them_is_not_the_count_before_it(proposer):
    found = figures(rows_of(proposer, "About 300 Uzbeks are still there, and a few dozen Kyrgyz and Kazakhs between them."))
    assert found["About 300"]["subject"] == "UZB"


# ---- from set R's failures (read after its first measurement)

def test_ordered_n_expelled_counts_the_expelled(proposer):
    expelled = figures(rows_of(proposer, "A court in Perm ordered 64 of the detained migrants deported on Monday."))
    assert expelled["64"]["indicator"] == "people_expelled"


def test_n_of_the_passengers_are_women_is_a_part(proposer):
    found = figures(rows_of(proposer, "A plane carrying 40 Kazakh citizens landed in Aktau on Tuesday. Nine of the passengers "
                                      "are women.", "2026-05-06"))
    assert (found["Nine"]["counts"], found["Nine"]["part_of"], found["Nine"]["subject"]) == (
        "women", found["40"]["candidate_id"], "KAZ")


def test_suspected_accomplices_are_arrested(proposer):
    held = figures(rows_of(proposer, "Police detained three suspected accomplices in Kunduz on Saturday."))
    assert held["three"]["indicator"] == "people_arrested"


def test_a_weekday_date_line_with_a_time_zone_dates_the_report():
    line = read_dateline("A title\n\nTuesday 5 May 2026, 07:45 BST | Evening Post\n\nPolice said ...")
    assert line.date == "2026-05-05"


def test_a_list_after_a_count_that_is_itself_a_part_is_parts_of_that_count(proposer):
    found = figures(rows_of(proposer, "OMSK, May 4 - Police detained 240 foreign nationals in raids last week, officials said on "
                                      "Monday. Judges have ordered 90 of the detainees expelled: 50 citizens of Uzbekistan, 30 "
                                      "of Tajikistan and 10 of Kyrgyzstan.", "2026-05-04"))
    whole = found["90"]["candidate_id"]
    assert [(found[v]["part_of"], found[v]["indicator"], found[v]["subject"]) for v in ("50", "30", "10")] == [
        (whole, "people_expelled", "UZB"), (whole, "people_expelled", "TJK"), (whole, "people_expelled", "KGZ")]


def test_detained_and_accused_of_planning_attacks_is_an_arrest(proposer):
    found = figures(rows_of(proposer, "Police in Ankara have detained 14 men in dawn raids on flats in three districts of the "
                                      "capital and a village near Polatli this week, accusing them of planning attacks on "
                                      "shopping centres, prosecutors said."))
    assert found["14"]["indicator"] == "people_arrested"


def test_a_running_total_since_a_date_after_it_starts_then_not_on_the_day_of_the_flight(proposer):
    found = figures(rows_of(proposer, "With Monday's flight, Tajikistan has brought back 530 people from Syria and Iraq since "
                                      "March 2019, the ministry said.", "2026-05-06"))
    assert (found["530"]["period_start"], found["530"]["period_end"]) == ("2019-03", "")
    held = figures(rows_of(proposer, "Seven Kazakh men who had been held since 2020 in prisons in Hasakah were brought back to "
                                     "Astana on Monday, officials said on Wednesday.", "2026-05-06"))
    assert held["Seven"]["period_start"] != "2020"


# ---- from set S's failures (read after its first measurement)

def test_a_relative_clause_between_a_count_and_its_arrival_home(proposer):
    found = figures(rows_of(proposer, "ATYRAU, March 3 (Wire) - Eleven Kazakh girls aged 12 to 17, who had lived for years in "
                                      "a closed centre in north-east Syria, arrived in the western city of Atyrau on Monday on a "
                                      "government plane, the ministry said.", "2026-03-03"))
    assert (found["Eleven"]["indicator"], found["Eleven"]["subject"]) == ("repatriated_people", "KAZ")


def test_extradited_and_arrived_home_are_returned_suspects(proposer):
    found = figures(rows_of(proposer, "Four of them, who had worked in Istanbul, were extradited by Turkey and arrived in "
                                      "Tashkent on Tuesday under escort.", "2026-03-05"))
    assert found["Four"]["indicator"] == "repatriated_suspects"


def test_a_month_last_year_is_that_month_of_the_year_before():
    assert [d[2] for d in relative_dates("It recorded 40 attacks, against 25 in March last year.", "2027-04-10")] == ["2026-03"]


def test_a_part_that_names_its_own_nationality_keeps_it(proposer):
    found = figures(rows_of(proposer, "A court in Omsk on Monday jailed seven men for plotting to bomb a rail bridge. Four of "
                                      "those convicted are citizens of Tajikistan and three of Kyrgyzstan.", "2027-01-20"))
    assert [found[v]["subject"] for v in ("Four", "three")] == ["TJK", "KGZ"]


def test_people_flown_home_to_face_charges_are_returned_suspects(proposer):
    found = figures(rows_of(proposer, "Six Tajik men who had served sentences in Iraq were flown to Dushanbe on Sunday to face "
                                      "charges of membership of a terrorist group, officials said.", "2027-01-20"))
    assert found["Six"]["indicator"] == "repatriated_suspects"


# ---- from set T's failures (read after its first measurement)

@pytest.mark.parametrize("sentence, value, indicator", [
    ("Kyrgyz make up a smaller share of the group's fighters, followed by about 90 Tajiks.", "about 90", "foreign_fighters"),
    ("Eleven gunmen stormed the post; seven were killed and four were captured, the army said.", "four", "people_arrested"),
    ("Another four soldiers were wounded, one of them seriously. Officials said two of the dead attackers had been "
     "identified as Uzbek citizens from identity papers found on the wounded men.", "two", "killed"),
])
def test_a_nations_fighters_the_captured_and_of_the_dead(proposer, sentence, value, indicator):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == indicator


def test_men_who_reached_idlib_left_for_the_war(proposer):
    found = figures(rows_of(proposer, "The court found that five of the men he recruited reached the Idlib region in 2023."))
    assert found["five"]["indicator"] == "conflict_migrants"


# ---- from set U's failures (read after its first measurement)

def test_women_being_held_and_their_parts_by_nationality(proposer):
    found = figures(rows_of(proposer, "At least 90 women from Central Asia are being held in prisons in Baghdad, the group said. "
                                      "According to its count, 40 of the women are from Tajikistan, 30 from Uzbekistan and 20 "
                                      "from Kazakhstan."))
    whole = found["At least 90"]["candidate_id"]
    assert found["At least 90"]["indicator"] == "detained_women_children"
    assert [(found[v]["part_of"], found[v]["counts"], found[v]["indicator"], found[v]["subject"]) for v in ("40", "30", "20")] == [
        (whole, "women", "detained_women_children", "TJK"), (whole, "women", "detained_women_children", "UZB"),
        (whole, "women", "detained_women_children", "KAZ")]
    assert "choose one" not in found["30"]["reason"]


def test_terrorism_suspects_brought_home_are_returned_suspects(proposer):
    found = figures(rows_of(proposer, "Since 2018, Kazakhstan has brought home 21 terrorism suspects from European countries."))
    assert found["21"]["indicator"] == "repatriated_suspects"


def test_a_broadcast_dated_in_local_time_and_this_afternoons_flight(proposer):
    text = ("Evening news\n\nSteppe TV - Evening News (transcript)\nFriday 14 May 2027, 21:00 Astana time\n\n"
            "ANCHOR: A plane carrying Kazakh women and children from Syria landed in Aktau this afternoon. On Tuesday "
            "the first flight brought 30 people, eight women and 22 children.")
    assert read_dateline(text).date == "2027-05-14"
    rows = rows_of(proposer, text, "")
    assert sorted(i["date"] for i in incidents(rows)) == ["2027-05-11", "2027-05-14"]
    assert figures(rows)["30"]["indicator"] == "repatriated_people"


# ---- from set V's failures (read after its first measurement)

def test_channels_a_security_service_had_blocked_are_not_telegrams_own_count(proposer):
    found = figures(rows_of(proposer, "The security service has had 120 Telegram channels, TikTok accounts and other pages "
                                      "blocked since March, it said."))
    assert found["120"]["indicator"] == "social_media_channels_blocked"


def test_foreigners_expelled_in_a_sentence_that_names_no_one_are_counted_by_the_host_named_before(proposer):
    found = figures(rows_of(proposer, "Russian police detained 200 Uzbek migrants in raids on Monday. Since January, courts "
                                      "have ordered the expulsion of 1,100 foreigners, the ministry said.", "2026-05-06"))
    assert (found["1,100"]["indicator"], found["1,100"]["subject"]) == ("people_expelled", "RUS")


# ---- from set W's failures (read after its first measurement)

@pytest.mark.parametrize("sentence, value, indicator", [
    ("The federal prosecutor has opened 31 investigations into suspected ISKP supporters since January.", "31",
     "criminal_cases_terrorism_extremism"),
    ("Regional courts issued 410 expulsion orders this year, the directorate said.", "410", "people_expelled"),
    ("No more than 60 men from Tajikistan are still fighting with armed groups in Syria, a study says.", "No more than 60",
     "foreign_fighters"),
])
def test_investigations_expulsion_orders_and_men_still_fighting(proposer, sentence, value, indicator):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == indicator


def test_people_arrested_on_a_day_in_a_report_of_an_attack_are_its_suspects(proposer):
    found = figures(rows_of(proposer, "KABUL (Wire) -- Gunmen attacked a bus of miners in Baghlan on Friday, killing eight, "
                                      "officials said. The miners worked at a cement plant near the town. The plant has been "
                                      "closed since. Its owners said they would pay the families. Police detained five men in "
                                      "Pol-e Khomri on Friday night, the Taliban said on Saturday.", "2028-02-12"))
    assert found["five"]["indicator"] == "people_arrested"


def test_a_total_since_an_event_in_a_month_starts_then(proposer):
    rows = figures(rows_of(proposer, "The committee says 12 Tajik citizens left for Syria in 2024 alone, and at least 45 have "
                                     "gone there since the border crossings reopened in March 2019.", published="2025-06-02"))
    assert (rows["12"]["period_start"], rows["12"]["period_end"]) == ("2024", "2024")
    assert (rows["at least 45"]["period_start"], rows["at least 45"]["period_end"]) == ("2019-03", "")


def test_on_the_same_day_takes_the_day_told_before_across_a_paragraph(proposer):
    rows = figures(rows_of(proposer, "Officials in Termez yesterday received 41 Uzbek nationals from the Roj camp, the ministry "
                                     "said.\n\nOn the same day, at the request of Kazakhstan, another 18 people were handed over "
                                     "at the border crossing.", published="2026-02-11"))
    assert (rows["18"]["period_start"], rows["18"]["period_end"]) == ("2026-02-10", "2026-02-10")


def test_people_arrested_on_terrorism_grounds_are_suspects_but_not_those_recruiting_for_terrorist_groups(proposer):
    rows = figures(rows_of(proposer, "Interior ministry data show that 118 people were arrested on terrorism charges in Belgium "
                                     "last year.", published="2026-02-11"))
    assert rows["118"]["indicator"] == "people_arrested"
    rows = figures(rows_of(proposer, "The security service said it had detained 14 people suspected of recruiting for terrorist "
                                     "groups in Khatlon.", published="2026-02-11"))
    assert rows["14"]["indicator"] == "people_detained"


def test_a_part_named_by_its_nationality_after_of_them_counts_that_nationality(proposer):
    rows = figures(rows_of(proposer, "A minister said 31 citizens of Central Asian states had been arrested on terror charges since 2023, 12 of "
                                     "them Uzbeks.", published="2026-02-11"))
    assert rows["31"]["subject"] == "central_asia"
    assert (rows["12"]["subject"], rows["12"]["part_of"]) == ("UZB", rows["31"]["candidate_id"])


def test_so_far_this_year_runs_from_january_to_the_month_of_publication(proposer):
    rows = figures(rows_of(proposer, "The agency says it has blocked 830 Telegram channels so far this year.",
                           published="2027-10-02"))
    assert (rows["830"]["period_start"], rows["830"]["period_end"]) == ("2027-01", "2027-10")


def test_an_arrest_happens_where_an_earlier_sentence_placed_the_operation_even_a_place_looked_up(proposer):
    rows = rows_of(proposer, "Two Kyrgyz men have been charged with preparing a terrorist act after an operation in "
                             "Leicester, police said on Friday.\n\nDetectives arrested three men in raids on Tuesday.",
                   published="2027-03-13")
    arrests = [i for i in incidents(rows) if i["kind"] == "arrest"]
    assert [(i["date"], i["country_iso3"]) for i in arrests] == [("2027-03-09", "GBR")]


@pytest.mark.parametrize("text, number, reason", [
    ("Reply to Inquiry No. 205 of a deputy, on returnees from Iraq.", "205", "a reference number"),
    ("The judgment in case file 2027/318 was read out on Monday.", "318", "a reference number"),
    ("The ministry undertakes to:\n1. return the 40 children still in Roj;\n2. publish its figures.", "1", "numbered list"),
    ("Log:\n07.03, 22:15 - a channel in Uzbek asks 300 followers for money.", "07.03", "day.month"),
    ("Press office: +7-7172-555-0150.", "7172", "telephone"),
    ("The attack began at 9:40 p.m. (1840 GMT) and lasted about 40 seconds.", "1840", "a time of day"),
    ("The attack began at 9:40 p.m. and lasted about 40 seconds.", "40", "a duration"),
    ("Two men were held and a third man was questioned and released.", "a third", "an ordinal"),
    ("(Adds police statement in paragraphs 3-5)", "3-5", "a reference number"),
])
def test_references_list_numbers_log_dates_phones_and_durations_are_not_figures(proposer, text, number, reason):
    excluded = excluded_reasons(proposer, text)
    got = next((why for value, why in excluded.items() if value.lower() in (number.lower(), number.lower().split("-")[0])), "")
    assert reason in got, (number, excluded)


def excluded_reasons(proposer: Proposer, text: str) -> dict[str, str]:
    """The numbers of a paragraph (after a first one with none) proposed as excluded, with their reason."""
    rows = rows_of(proposer, f"Officials gave no figures on Monday.\n\n{text}")
    return {r["value_text"]: r["exclude_reason"] for r in rows.to_dict("records") if r["table"] == "excluded"}


@pytest.mark.parametrize("sentence, value", [
    ("12 March 2026 - A Kazakh air force plane lands in Aktau with 58 people from the Roj camp.", "58"),
    ("Two charters, in April and May, return 97 Tajik citizens between them.", "97"),
    ("The third flight, from Erbil to Dushanbe, carries 44 children.", "44"),
])
def test_a_flight_in_the_present_tense_that_lands_home_counts_the_repatriated(proposer, sentence, value):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == "repatriated_people"


def test_a_plane_that_landed_home_late_on_a_day_with_n_citizens_and_its_parts_after_a_dash(proposer):
    rows = figures(rows_of(proposer, "A charter from Erbil landed in Bishkek early on Sunday with 36 Kyrgyz citizens - 11 women "
                                     "and 25 children, officials said.", published="2027-05-18"))
    assert (rows["36"]["indicator"], rows["36"]["subject"]) == ("repatriated_people", "KGZ")
    assert (rows["11"]["indicator"], rows["11"]["counts"], rows["11"]["part_of"]) == (
        "repatriated_people", "women", rows["36"]["candidate_id"])


def test_people_who_set_off_for_afghanistan_left_for_the_conflict(proposer):
    rows = figures(rows_of(proposer, "Investigators count some 85 Kazakh citizens who have set off for Afghanistan since 2021."))
    assert rows["some 85"]["indicator"] == "conflict_migrants"


@pytest.mark.parametrize("sentence, value, indicator", [
    ("Police in Karachi arrested three foreign nationals, two from Tajikistan and one from Uzbekistan, in a raid on Monday.",
     "three", "people_arrested"),
    ("The FSB said it had foiled a plot to bomb a stadium in Kazan and detained five foreign nationals from Central Asia.",
     "five", "people_arrested"),
    ("Police detained 140 foreign nationals in raids on markets after the attack.", "140", "migrants_detained"),
])
def test_a_few_foreigners_arrested_in_a_plot_are_suspects_a_sweep_of_many_is_migrants_detained(proposer, sentence, value, indicator):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == indicator


@pytest.mark.parametrize("sentence, value, indicator", [
    ("About 30 Tajik women are serving sentences in Baghdad, the ombudsman said.", "About 30", "detained_women_children"),
    ("More than 900 Uzbek citizens are serving sentences in Russian prisons for extremism.", "900", "people_convicted"),
])
def test_serving_sentences_in_iraq_is_held_abroad_elsewhere_convicted(proposer, sentence, value, indicator):
    rows = figures(rows_of(proposer, sentence))
    assert next(r for k, r in rows.items() if value in k)["indicator"] == indicator


def test_people_arrested_suspected_of_something_and_of_plotting_are_suspects_of_the_plot(proposer):
    rows = figures(rows_of(proposer, "DOHA, June 3 (Gulf Wire) - Qatar's State Security has arrested four Central Asian drivers "
                                     "- two Uzbeks and two Tajiks - suspected of collecting money for Islamic State Khorasan "
                                     "Province (ISKP) and plotting to attack a stadium, the ministry said on Monday."))
    assert rows["four"]["indicator"] == "people_arrested"


def test_a_verb_before_no_fewer_than_governs_the_number(proposer):
    rows = figures(rows_of(proposer, "Prosecutors say the student had drawn no fewer than six classmates into a closed chat "
                                     "run by an ISKP recruiter."))
    assert (rows["no fewer than six"]["indicator"], rows["no fewer than six"]["qualifier"]) == ("recruited_people", "at least")


def test_people_detained_or_convicted_are_counted_by_a_state_not_by_the_group_the_sentence_names(proposer):
    rows = figures(rows_of(proposer, "Tajikistan's security committee said on Friday it had detained 21 supporters of Islamic "
                                     "State Khorasan Province over the past month."))
    assert rows["21"]["subject"] == "TJK"


def test_a_byline_with_a_weekday_and_a_time_dates_the_report(proposer):
    assert read_dateline("Title of the report\n\nSteppe Radio | Tuesday 3 March 2026 | 18:05\n\nPolice said ...").date == "2026-03-03"
    rows = rows_of(proposer, "Two killed in Almaty market attack\n\nSteppe Radio | Tuesday 3 March 2026 | 18:05\n\n"
                             "Two people were killed when a man attacked shoppers at a market in Almaty on Monday, police said.",
                   published="")
    assert [(i["date"], i["country_iso3"]) for i in incidents(rows)] == [("2026-03-02", "KAZ")]


def test_a_sentence_over_the_same_period_is_a_tally_not_an_event(proposer):
    rows = rows_of(proposer, "The agency blocked 410 channels between April and September, it said on Monday. Over the same "
                             "six months, police detained 27 people in Tashkent, Namangan and Andijan.", published="2025-10-09")
    assert [i for i in incidents(rows) if i["kind"] == "arrest"] == []
    assert figures(rows)["27"]["indicator"] == "people_detained"


@pytest.mark.parametrize("sentence, value, indicator", [
    ("Kazakhstan's information ministry blocked 240 Telegram channels, chats and bots in March.", "240", "social_media_channels_blocked"),
    ("Telegram blocked 1,870 terrorist bots and channels in March, according to ISIS Watch.", "1,870", "telegram_blocked_bots_channels"),
])
def test_channels_and_bots_a_state_blocked_are_the_regions_count_not_telegrams(proposer, sentence, value, indicator):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == indicator


@pytest.mark.parametrize("text, number, reason", [
    ("Families can reach the committee's hotline at 0372 21 40 17.", "0372", "telephone"),
    ("Residents can report suspicious accounts by calling 1717.", "1717", "telephone"),
    ("Tips can be sent to the service on 800 5151.", "5151", "telephone"),
    ("Officials said 40 people were flown home.\n\n(Corrects number of people in first paragraph to 40 from 14)", "14", "correction note"),
])
def test_phone_numbers_written_in_groups_and_a_correction_notes_numbers_are_not_figures(proposer, text, number, reason):
    excluded = excluded_reasons(proposer, text)
    assert reason in excluded.get(number, ""), (number, excluded)


def test_foreigners_who_had_been_taken_to_police_stations_were_detained_in_a_sweep(proposer):
    rows = figures(rows_of(proposer, "The city's police said on Friday that 377 foreign nationals had been taken to police "
                                     "stations since the attack."))
    assert rows["377"]["indicator"] == "migrants_detained"


def test_an_attackers_age_given_as_a_number_is_his_age(proposer):
    rows = figures(rows_of(proposer, "The group named the gunman in a statement and gave his age as 27."))
    assert rows["27"]["indicator"] == "perpetrator_age"


def test_a_list_by_nationality_that_adds_up_to_a_count_told_before_is_its_parts(proposer):
    rows = figures(rows_of(proposer, "Germany has deported 52 citizens of Central Asian states since January, the ministry said "
                                     "on Monday. Police had detained 300 suspects in raids, of whom 90 were foreign nationals. "
                                     "Those sent home - 30 Uzbeks, 15 Tajiks and seven Kyrgyz - left on two flights."))
    assert rows["52"]["indicator"] == "people_expelled"
    for value in ("30", "15", "seven"):
        assert (rows[value]["indicator"], rows[value]["part_of"]) == ("people_expelled", rows["52"]["candidate_id"]), value


def test_a_court_that_handed_n_men_prison_terms_convicted_them(proposer):
    rows = figures(rows_of(proposer, "A court in Khujand on Tuesday handed six men prison terms of between five and nine years "
                                     "for recruiting for Islamic State."))
    assert rows["six"]["indicator"] == "people_convicted"


@pytest.mark.parametrize("sentence, value, indicator", [
    ("Officials believe that roughly 350 Turkmen citizens have gone to Syria since 2013.", "roughly 350", "conflict_migrants"),
    ("Police said on Friday that the death toll had risen to 14.", "14", "killed"),
])
def test_people_who_have_gone_to_syria_and_a_death_toll_that_rose(proposer, sentence, value, indicator):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == indicator


def test_a_city_named_in_the_possessive_is_where_the_attack_happened(proposer):
    rows = rows_of(proposer, "A Tajik man who stabbed shoppers at Marseille's Old Port market on Friday evening, killing one "
                             "woman, had been known to the police, prosecutors said on Saturday.", published="2027-05-16")
    assert [(i["date"], i["country_iso3"]) for i in incidents(rows)] == [("2027-05-14", "FRA")]
    assert [r["name"] for r in rows.to_dict("records") if r["table"] == "places"] == ["Marseille"]


def test_militants_who_stormed_a_place_attacked_it_police_who_stormed_a_flat_did_not(proposer):
    rows = rows_of(proposer, "Four gunmen who stormed a police station in Quetta on Monday night included a Tajik citizen, "
                             "officials said on Tuesday.", published="2027-06-08")
    assert [(i["kind"], i["date"], i["country_iso3"]) for i in incidents(rows)] == [("attack", "2027-06-07", "PAK")]
    rows = rows_of(proposer, "Police stormed a flat in Quetta on Monday night, officials said on Tuesday.", published="2027-06-08")
    assert [i for i in incidents(rows) if i["kind"] == "attack"] == []


def test_an_outlets_line_with_its_section_names_no_place(proposer):
    rows = rows_of(proposer, "Two held over plot\n\nThe Harbour Courier | Metro\n\nPHILADELPHIA - Agents arrested two men from "
                             "Central Asia early Wednesday on charges of plotting an attack, the Justice Department said.",
                   published="2025-07-03")
    assert [r["name"] for r in rows.to_dict("records") if r["table"] == "places"] == []
    assert [(i["date"], i["country_iso3"]) for i in incidents(rows)] == [("2025-07-02", "USA")]


def test_an_attackers_age_is_of_the_day_of_the_attack_not_a_background_year(proposer):
    rows = figures(rows_of(proposer, "A man stabbed two shoppers at a market in Lyon on Friday evening, police said on Saturday. "
                                     "The attacker, a 29-year-old Uzbek national whose asylum claim had been rejected in 2024, "
                                     "was overpowered by passers-by.", published="2026-03-08"))
    assert (rows["29"]["indicator"], rows["29"]["period_start"], rows["29"]["period_end"]) == (
        "perpetrator_age", "2026-03-06", "2026-03-06")


@pytest.mark.parametrize("sentence, period", [
    ("The regulator blocked 520 Telegram channels in March and April, it said.", ("2026-03", "2026-04")),
    ("The regulator blocked 610 Telegram channels between January and June.", ("2026-01", "2026-06")),
    ("Police detained 40 people in May and 12 in June.", ("2026-05", "2026-05")),
])
def test_a_span_of_two_months_is_the_period_of_its_count(proposer, sentence, period):
    row = next(iter(figures(rows_of(proposer, sentence, published="2026-09-10")).values()))
    assert (row["period_start"], row["period_end"]) == period


def test_those_on_board_are_the_parts_of_the_flights_count(proposer):
    rows = figures(rows_of(proposer, "OSH, May 3 (Wire) - A government plane carrying 40 Kyrgyz citizens from camps in Syria landed "
                                     "in Osh overnight, officials said on Monday.\n\nThose on board were 12 women and 28 children.",
                           published="2027-05-03"))
    for value, counts in (("12", "women"), ("28", "children")):
        assert (rows[value]["indicator"], rows[value]["counts"], rows[value]["part_of"]) == (
            "repatriated_people", counts, rows["40"]["candidate_id"]), value


@pytest.mark.parametrize("sentence, value, indicator", [
    ("The interior ministry removed 31 people to Tajikistan on a charter flight last week.", "31", "people_expelled"),
    ("The platform removed 300 accounts linked to the group.", "300", "social_media_channels_blocked"),
])
def test_people_removed_to_a_country_were_expelled_accounts_removed_were_blocked(proposer, sentence, value, indicator):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == indicator


def test_orphans_among_the_children_are_a_part_of_the_flights_count(proposer):
    rows = rows_of(proposer, "BISHKEK - A government plane flew 31 citizens home from Iraq on Monday: 7 women and 24 children. "
                             "Among the children are five orphans, the ministry said.")
    found = figures(rows)
    assert (found["five"]["counts"], found["five"]["part_of"], found["five"]["indicator"]) == (
        "orphans", found["31"]["candidate_id"], "repatriated_people")


def test_women_and_teenagers_among_people_detained_say_whom_they_count(proposer):
    found = figures(rows_of(proposer, "OSH - Police detained 12 people who ran such chats this year, including three women and "
                                      "two teenagers aged 16 and 17, the service said."))
    whole = found["12"]["candidate_id"]
    assert [(found[v]["part_of"], found[v]["counts"]) for v in ("three", "two")] == [(whole, "women"), (whole, "children")]


@pytest.mark.parametrize("sentence, value", [
    ("The cell recruited 11 young men in 2030. Seven of the recruits crossed into Afghanistan through Darvaz.", "Seven"),
    ("Prosecutors say the ring smuggled at least 45 Kazakh citizens into Syria to join the Islamic State in 2015.", "at least 45"),
])
def test_people_who_crossed_or_were_smuggled_into_the_war_left_for_it(proposer, sentence, value):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == "conflict_migrants"


def test_a_list_by_nationality_that_adds_up_to_a_part_breaks_that_part_down(proposer):
    found = figures(rows_of(proposer, "MOSCOW, May 3 (Wire) -- Police detained 19 people, 12 of them foreign nationals, in raids "
                                      "on Friday. The foreigners were seven Uzbeks, three Tajiks and two Kyrgyz, police said."))
    whole = found["19"]["candidate_id"]
    assert [(found[v]["part_of"], found[v]["subject"], found[v]["indicator"]) for v in ("seven", "three", "two")] == [
        (whole, "UZB", found["19"]["indicator"]), (whole, "TJK", found["19"]["indicator"]), (whole, "KGZ", found["19"]["indicator"])]


def test_a_wire_dateline_with_an_abbreviated_month_dates_the_report(proposer):
    rows = rows_of(proposer, "ANKARA, Nov 14, 2030 (Bosphorus Wire) -- Police detained 12 suspected Islamic State members "
                             "in raids in Ankara on Tuesday, officials said.", published="")
    assert [(i["kind"], i["date"], i["country_iso3"]) for i in incidents(rows)] == [("arrest", "2030-11-12", "TUR")]


@pytest.mark.parametrize("text", [
    "TASHKENT - At least 240 Uzbek fighters were killed in Syria and Iraq, the official added.",
    "DUSHANBE - Dozens of Tajik jihadists have been killed in Syria, the official said.",
    "ASTANA - Most came home in 2020, when four flights brought back 480 people.",
])
def test_a_wars_dead_and_several_flights_told_as_one_count_are_no_incident(proposer, text):
    assert incidents(rows_of(proposer, text)) == []


def test_a_count_estimated_now_takes_no_earlier_sentences_date(proposer):
    found = figures(rows_of(proposer, "DUSHANBE - The first operation, in April 2019, returned 84 children from Iraq. Work on "
                                      "the return of the others, whose number is estimated at about 70 women and children, "
                                      "continues.", published="2031-06-09"))
    assert (found["84"]["period_start"], found["about 70"]["period_start"], found["about 70"]["period_end"]) == ("2019-04", "", "")


def test_a_number_in_quotation_marks_is_read_with_the_words_after_them(proposer):
    found = figures(rows_of(proposer, 'BISHKEK - The ministry said "at least 25" Kyrgyz children were flown home from Iraq on Monday.'))
    assert (found["at least 25"]["indicator"], found["at least 25"]["subject"], found["at least 25"]["counts"]) == (
        "repatriated_people", "KGZ", "children")


@pytest.mark.parametrize("text, number, reason", [
    ("Most recent recruits were men aged 19 to 28 who had worked in Russia, he said.", "19", "an age"),
    ("Police searched 11 addresses in the city and seized weapons.", "11", "places searched"),
    ("Courts sentenced six men to prison on Monday. All six were found guilty of recruiting.", "six", "repeats a number"),
])
def test_recruits_ages_places_searched_and_all_n_told_again_are_not_figures(proposer, text, number, reason):
    rows = rows_of(proposer, text)
    assert reason in excluded_reasons(proposer, text).get(number, ""), number
    assert list(rows.loc[rows["table"] == "figures", "value_text"]).count(number) == (1 if number == "six" else 0)


def test_people_held_in_the_camps_who_arrived_at_manas_came_home_and_orphans_lost_both_parents(proposer):
    found = figures(rows_of(proposer, "BISHKEK - Thirty-eight citizens of Kyrgyzstan who had been held in the Roj camp in Syria "
                                      "arrived at Manas airport early on Friday, the ministry said. The returnees are seven women "
                                      "and 31 children. Nine of the children lost both parents in Syria.", published="2033-05-14"))
    whole = found["Thirty-eight"]
    assert (whole["indicator"], whole["subject"]) == ("repatriated_people", "KGZ")
    assert (found["Nine"]["counts"], found["Nine"]["part_of"], found["Nine"]["indicator"]) == (
        "orphans", whole["candidate_id"], "repatriated_people")


def test_a_handover_and_the_flight_days_later_are_one_repatriation_told_on_another_day(proposer):
    rows = rows_of(proposer, "ASHGABAT, 15.10.2029 (Wire) - Turkmenistan repatriated 14 of its nationals from Syria over the "
                             "weekend, a ministry source told Karakum Info on Monday.\n\nThe group was handed over at the "
                             "Semalka crossing on Saturday and flown to Ashgabat on Sunday.", published="")
    assert [(i["kind"], i["date"], i["country_iso3"]) for i in incidents(rows)] == [("repatriation programme", "2029-10-13", "TKM")]


def test_a_list_by_nationality_between_dashes_breaks_down_the_deportations_told_before(proposer):
    found = figures(rows_of(proposer, "DUBAI, 3 May 2030 (Wire) -- The UAE has deported 30 citizens of Tajikistan and Uzbekistan, "
                                      "the ministry said.\n\nThe deportees - 18 Tajiks and 12 Uzbeks - were flown to Dushanbe and "
                                      "Tashkent on Tuesday. Prosecutors said the 18 men would be questioned.", published=""))
    whole = found["30"]["candidate_id"]
    assert [(found[v]["part_of"], found[v]["indicator"], found[v]["subject"]) for v in ("18", "12")] == [
        (whole, "people_expelled", "TJK"), (whole, "people_expelled", "UZB")]


def test_the_18_men_told_again_is_not_a_new_figure(proposer):
    rows = rows_of(proposer, "The UAE has deported 18 Tajiks. Prosecutors said the 18 men would be questioned.")
    assert list(rows.loc[rows["table"] == "figures", "value_text"]) == ["18"]


def test_the_age_of_the_man_who_attacked_is_his_age_whoever_else_the_sentence_names(proposer):
    found = figures(rows_of(proposer, "MUNICH - The man who stabbed shoppers at a market on Sunday, killing one woman and wounding "
                                      "two other people, is a 24-year-old Tajik national, prosecutors said on Monday."))
    assert found["24"]["indicator"] == "perpetrator_age"


@pytest.mark.parametrize("sentence, published, value, period", [
    ("LONDON - 236 Central Asian nationals were removed from the UK in the year to September, figures show.", "2031-12-08",
     "236", ("2030-10", "2031-09")),
    ("ASTANA - Twelve citizens of Kazakhstan have travelled to Afghanistan to join armed groups since the Taliban seized power "
     "in August 2021, an official told the committee earlier this month.", "2032-05-27", "Twelve", ("2021-08", "")),
    ("ASTANA - About 700 Kazakhs went to Syria between 2013 and 2019; under Operation Zhusan, 650 citizens have been brought "
     "back since January 2019.", "2032-05-27", "650", ("2019-01", "")),
    ("ASTANA - The minister said on Monday that about 40 Kazakh women and children are still in the camps.", "2030-04-20",
     "about 40", ("2030-04-15", "2030-04-15")),
])
def test_periods_a_year_to_a_month_a_late_since_and_a_stock_told_in_a_month(proposer, sentence, published, value, period):
    found = figures(rows_of(proposer, sentence, published=published))
    assert (found[value]["period_start"], found[value]["period_end"]) == period


def test_an_agency_dateline_between_slashes_dates_the_report(proposer):
    found = figures(rows_of(proposer, "DUSHANBE, 19.03.2031 /Wire-Press/. Since the beginning of the year, officers have "
                                      "detained 37 people, the committee said.", published=""))
    assert (found["37"]["period_start"], found["37"]["period_end"]) == ("2031", "")


@pytest.mark.parametrize("text, number, reason", [
    ("Police shot him dead about three minutes after the first 999 call.", "999", "telephone"),
    ("The market, which drew some 40,000 visitors on Saturday, will stay closed.", "40,000", "crowd"),
])
def test_an_emergency_call_and_a_crowds_size_are_not_figures(proposer, text, number, reason):
    assert reason in excluded_reasons(proposer, text).get(number, ""), number


def test_a_list_by_nationality_in_the_same_sentence_breaks_down_the_part_before_it(proposer):
    found = figures(rows_of(proposer, "ANKARA (Wire) - Police have detained 40 suspects in raids in Ankara and four other "
                                      "provinces, the minister said on Friday. Of those detained, 25 are Central Asian nationals - "
                                      "12 Tajiks, eight Uzbeks, three Kyrgyz and two Kazakhs - and the rest Turkish citizens.",
                            published="2031-01-10"))
    whole = found["40"]
    assert [(found[v]["part_of"], found[v]["indicator"]) for v in ("25", "12", "eight", "three", "two")] == [
        (whole["candidate_id"], whole["indicator"])] * 5
    assert "four" not in found


def test_the_ages_of_men_police_identified_are_their_ages_and_foreigners_are_no_released_prisoners(proposer):
    found = figures(rows_of(proposer, "Both gunmen were shot dead. Police identified them as a Tajik citizen aged 27 and an "
                                      "Uzbek, 23. Nine foreigners are being processed for deportation."))
    assert found["27"]["indicator"] == "perpetrator_age"
    assert found["Nine"]["indicator"] != "foreign_prisoners_released"


def test_a_cell_preparing_a_bombing_arrested_last_weekend_is_one_arrest_dated_by_the_next_sentence(proposer):
    rows = rows_of(proposer, "Security committee foils Shymkent plot\n\nAstana Daily | Security | 12.05.2032, 16:40\n\nSHYMKENT - The security committee has detained six "
                             "members of a cell that was allegedly preparing to bomb a police station in Shymkent, its press "
                             "service said on Wednesday.\n\nThe suspects, all aged 20 to 31, were detained in the city last "
                             "weekend. Officers found a homemade explosive device and bomb-making instructions. A court placed "
                             "all six in pre-trial detention.", published="")
    found = figures(rows)
    assert found["six"]["indicator"] == "people_arrested"
    assert list(rows.loc[rows["table"] == "figures", "value_text"]).count("six") == 1
    (arrest,) = incidents(rows)
    assert (arrest["kind"], arrest["date"], arrest["country_iso3"]) == ("arrest", "2032-05-08", "KAZ")
    assert "last weekend" in arrest["quote"] and "Inferred" in arrest["note"]


def test_a_years_tally_of_foiled_plots_and_blocked_resources_is_no_incident(proposer):
    rows = rows_of(proposer, "In 2031 the committee reported foiling nine plots and blocking more than 1,900 online resources "
                             "used for recruitment.")
    assert incidents(rows) == []
    assert figures(rows)["more than 1,900"]["indicator"] == "social_media_channels_blocked"


def test_people_held_over_the_weekend_are_counted_for_its_two_days(proposer):
    found = figures(rows_of(proposer, "Police held nearly 1,900 foreign citizens during checks over the weekend, the ministry "
                                      "said on Monday.", published="2025-03-03"))
    assert (found["nearly 1,900"]["period_start"], found["nearly 1,900"]["period_end"]) == ("2025-03-01", "2025-03-02")


def test_bulleted_lines_are_sentences_and_a_requested_return_is_no_event(proposer):
    rows = rows_of(proposer, "The group urges governments to:\n- bring home children living in prison with their mothers;\n"
                             "- give every detained woman a lawyer.\n\nKey findings:\n\n"
                             "• Between 1,500 and 2,000 Central Asians are currently with armed groups in Afghanistan.\n"
                             "• Jamaat Ansarullah fields around 250 armed men along the border.")
    assert incidents(rows) == []
    found = figures(rows)
    assert (found["Between 1,500 and 2,000"]["indicator"], found["around 250"]["indicator"]) == ("foreign_fighters", "group_strength")


@pytest.mark.parametrize("sentence, value, indicator", [
    ("PESHAWAR - The suicide bomber who blew himself up at a police checkpoint on the Ring Road in the Hayatabad area on Monday "
     "night was a 23-year-old Uzbek national who had crossed from Afghanistan, police said.", "23", "perpetrator_age"),
    ("PARIS - He is accused of recruiting at least seven fellow migrants, three of whom reached northern Afghanistan.",
     "at least seven", "recruited_people"),
    ("PARIS - He is accused of recruiting at least seven fellow migrants, three of whom reached northern Afghanistan.",
     "three", "conflict_migrants"),
    ("BISHKEK - Russia has extradited three Kyrgyz citizens wanted for recruiting, the prosecutor said.", "three",
     "repatriated_suspects"),
    ("They were among 17 Kyrgyz men handed over by the Syrian Democratic Forces (SDF) and flown home in December.", "17",
     "repatriated_people"),
])
def test_a_suicide_bombers_age_recruiting_reaching_a_region_extradited_citizens_and_men_flown_home(proposer, sentence, value, indicator):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == indicator


def test_a_list_by_state_gives_each_count_its_state(proposer):
    found = figures(rows_of(proposer, "GENEVA - Tajikistan accounts for the largest group, with 380 women and children, followed "
                                      "by Uzbekistan with 240 and Turkmenistan with an estimated 120. Kyrgyzstan has 50 and "
                                      "Kazakhstan fewer than 30, the report says."))
    assert [found[v]["subject"] for v in ("380", "240", "an estimated 120", "50")] == ["TJK", "UZB", "TKM", "KGZ"]


@pytest.mark.parametrize("text, number, reason", [
    ("The province announced compensation of Rs 10 million for each family.", "10 million", "money"),
    ("Football: Dordoi beat Alay 2-1 in Bishkek and stay top of the league.", "2", "score"),
    ("The researchers interviewed 64 mothers in the camps between March and June.", "64", "sample"),
    ("Four vehicles were destroyed in the blast.", "Four", "things"),
])
def test_rupees_a_score_a_surveys_sample_and_things_destroyed_are_not_figures(proposer, text, number, reason):
    assert reason in excluded_reasons(proposer, text).get(number, ""), number


def test_people_who_travelled_from_central_asia_to_syria_left_for_the_war(proposer):
    found = figures(rows_of(proposer, "About 4,100 people travelled from Central Asia to Syria and Iraq between 2013 and 2018."))
    assert found["About 4,100"]["indicator"] == "conflict_migrants"


def test_a_city_court_convicts_for_its_state_not_for_the_group_it_names(proposer):
    found = figures(rows_of(proposer, "The Dushanbe city court on Monday sentenced five men to prison for recruiting fighters "
                                      "for Islamic State Khorasan Province."))
    assert found["five"]["subject"] == "TJK"


def test_a_span_the_numbers_words_lead_to_dates_it_rather_than_the_day_it_was_told(proposer):
    found = figures(rows_of(proposer, "GENEVA - The government gave its first figures on Tuesday, telling a UN committee that "
                                      "380 people had left the country for the war zone between 2014 and 2018.",
                            published="2029-11-13"))
    assert (found["380"]["period_start"], found["380"]["period_end"]) == ("2014", "2018")


def test_the_month_of_an_earlier_bombing_is_not_the_period_of_the_deportations_after_it(proposer):
    found = figures(rows_of(proposer, "TEHRAN (Wire) -- Iran has deported 61 citizens of Tajikistan who were arrested in a "
                                      "crackdown after last month's bombing in Zahedan, the ministry said.", published="2033-01-16"))
    assert found["61"]["period_start"] != "2032-12"


def test_a_statement_quoted_whole_dates_the_report_and_its_return_is_an_event(proposer):
    rows = rows_of(proposer, "Kyrgyzstan brings 31 citizens home\n\nThe following is an unofficial translation of a statement "
                             "issued by the Ministry of Foreign Affairs on 27 November 2030.\n\nOn 26 November 2030, the "
                             "Ministry returned to the homeland 31 citizens of the Kyrgyz Republic from Iraq. Among those "
                             "returned are eight women and 23 children.", published="")
    found = figures(rows)
    assert (found["31"]["indicator"], found["eight"]["part_of"]) == ("repatriated_people", found["31"]["candidate_id"])
    assert [(i["kind"], i["date"], i["country_iso3"]) for i in incidents(rows)] == [("repatriation programme", "2030-11-26", "KGZ")]


def test_an_attackers_age_by_what_he_did_and_a_threat_level_is_no_figure(proposer):
    text = ("UPPSALA (Wire) - A 31-year-old Tajik national drove a car into people queuing outside a club on Saturday night, "
            "police said. The agency raised the national threat level to four on a five-point scale.")
    assert figures(rows_of(proposer, text))["31"]["indicator"] == "perpetrator_age"
    assert "scale" in excluded_reasons(proposer, text).get("four", "")


def test_a_running_total_counting_a_flight_and_the_largest_group_told_apart_keep_their_own_periods(proposer):
    found = figures(rows_of(proposer, "DUSHANBE, March 3 (Wire) - It was the ninth operation since 2019. Counting Saturday's "
                                      "flight, 702 citizens have been returned from Syria and Iraq. The largest group, 131 women "
                                      "and children, came home from al-Hol in October 2022.", published="2030-03-03"))
    assert found["702"]["period_start"] != "2030-03-02"
    assert found["131"]["period_start"] == "2022-10"


def test_the_day_an_attack_was_planned_for_is_neither_the_arrests_period_nor_last_year(proposer):
    rows = rows_of(proposer, "TASHKENT, Aug 29 (Wire) - The security service said on Friday it had detained seven members of a "
                             "cell who were planning to set off explosives at a concert in Karshi on Sept. 1.\n\nThe suspects were "
                             "detained in overnight raids on Wednesday.", published="2031-08-29")
    assert figures(rows)["seven"]["period_start"] == "2031-08-27"


@pytest.mark.parametrize("text, number, reason", [
    ("The concert, expected to draw about 12,000 people, will go ahead.", "12,000", "crowd"),
    ("About two thirds of the material was in Kyrgyz.", "two", "fraction"),
    ("The review lasted six hours over two sessions.", "two", "operations"),
    ("The Uzbeks were flown to Tashkent on two charter flights on Friday.", "two", "operations"),
])
def test_a_crowd_a_fraction_and_sessions_or_flights_are_not_figures(proposer, text, number, reason):
    assert reason in excluded_reasons(proposer, text).get(number, ""), number


def test_the_attackers_arrest_told_after_the_attack_is_no_incident_of_its_own(proposer):
    rows = rows_of(proposer, "UPPSALA (Wire) - A man drove a car into people outside a club on Saturday night, killing two, "
                             "police said on Sunday. He is under arrest in hospital on suspicion of terrorist murder.",
                   published="2031-06-08")
    assert [i["date"] for i in incidents(rows)] == ["2031-06-07"]


def test_arrests_told_on_monday_and_made_on_saturday_and_sunday_are_one_event_on_saturday(proposer):
    rows = rows_of(proposer, "MOSCOW, Oct 14 (Wire) -- The FSB said on Monday it had detained four men who were allegedly "
                             "preparing a bomb attack on a railway station.\n\nThe suspects were detained in Balashikha on "
                             "Saturday and Sunday.", published="2030-10-14")
    assert [(i["date"], i["country_iso3"]) for i in incidents(rows)] == [("2030-10-12", "RUS")]


def test_counts_by_platform_and_of_those_who_left_are_parts_of_the_count_before(proposer):
    found = figures(rows_of(proposer, "TASHKENT - The agency said it had blocked 1,100 channels and accounts between January and "
                                      "March. Telegram accounted for 640 of the blocked resources, TikTok for 270 and Instagram "
                                      "for 130.", published="2032-04-08"))
    whole = found["1,100"]["candidate_id"]
    assert [found[v]["part_of"] for v in ("640", "270", "130")] == [whole] * 3
    found = figures(rows_of(proposer, "DUSHANBE - About 1,700 citizens left for Syria and Iraq between 2013 and 2019, the "
                                      "minister said. He said 1,020 of those who left were men."))
    assert (found["1,020"]["part_of"], found["1,020"]["counts"], found["1,020"]["indicator"]) == (
        found["About 1,700"]["candidate_id"], "men", "conflict_migrants")


def test_people_detained_since_a_man_attacked_on_friday_are_counted_from_that_day(proposer):
    found = figures(rows_of(proposer, "TVER (Wire) -- Police have detained 310 foreign nationals in raids since a man attacked a "
                                      "police patrol with a knife outside a shopping centre in Tver late on Friday, the ministry "
                                      "said on Tuesday.", published="2028-08-15"))
    assert (found["310"]["period_start"], found["310"]["period_end"]) == ("2028-08-11", "")


@pytest.mark.parametrize("text", [
    "DUSHANBE - About 500 Tajik citizens were killed in Syria and Iraq, the minister told parliament.",
    "The suspect, who came to Germany on a student visa in 2026, was overpowered by passers-by and arrested within minutes.",
    "Investigators say he exchanged messages with a member of Islamic State Khorasan Province in Afghanistan and filmed a "
    "pledge of allegiance on the morning of the attack.",
])
def test_citizens_killed_in_a_war_a_clauses_year_and_the_morning_of_the_attack_are_no_incident(proposer, text):
    assert incidents(rows_of(proposer, text, published="2031-05-14")) == []


def test_a_charge_over_saturdays_attack_dates_the_attack(proposer):
    rows = rows_of(proposer, "HANOVER - Federal prosecutors on Tuesday charged a 23-year-old man with murder over Saturday's "
                             "knife attack at a tram stop, which left one man dead.", published="2031-05-14")
    assert [(i["kind"], i["date"]) for i in incidents(rows)] == [("attack", "2031-05-10")]


@pytest.mark.parametrize("text", [
    "PAVLODAR - Two of the defendants had themselves come back from Syria in 2019 on one of the Zhusan flights.",
    "DUSHANBE - The largest group, 131 women and children, came home from al-Hol in October 2022.",
    "Because she returned voluntarily she was not prosecuted, but she reports to the police once a month.",
])
def test_a_news_reports_background_returns_are_no_incidents_of_its_own(proposer, text):
    assert incidents(rows_of(proposer, text, published="2030-03-03")) == []


@pytest.mark.parametrize("sentence, value", [
    ("Between 1,700 and 2,100 citizens of Tajikistan travelled to Syria and Iraq from 2013 to 2019, according to a study "
     "released on Friday.", "Between 1,700 and 2,100"),
    ("Addressing parliament on Wednesday, the minister said 1,805 citizens had travelled to the two countries between 2013 "
     "and 2019.", "1,805"),
])
def test_a_span_from_one_year_to_another_dates_the_count_it_follows(proposer, sentence, value):
    found = figures(rows_of(proposer, sentence, published="2027-11-25"))
    assert (found[value]["period_start"], found[value]["period_end"]) == ("2013", "2019")


def test_a_plane_that_landed_overnight_is_dated_by_the_evening_before_the_report(proposer):
    rows = rows_of(proposer, "OSH, April 12 (Wire) - A government plane carrying 41 Kyrgyz citizens from the al-Hol camp in "
                             "Syria landed in Osh overnight, the ministry said.", published="2033-04-12")
    found = figures(rows)
    assert (found["41"]["period_start"], found["41"]["period_end"]) == ("2033-04-11", "2033-04-11")
    assert [i["date"] for i in incidents(rows)] == ["2033-04-11"]


def test_a_recruiter_sending_men_to_northern_afghanistan_recruited_them(proposer):
    found = figures(rows_of(proposer, "He is accused of sending at least 12 young men from Khatlon province who worked in Russia "
                                      "to northern Afghanistan between 2026 and 2030."))
    assert found["at least 12"]["indicator"] == "recruited_people"


def test_the_deportees_named_again_by_their_number_are_the_total_of_their_parts(proposer):
    found = figures(rows_of(proposer, "DUSHANBE - Turkey has deported 38 Tajik citizens detained in raids in Istanbul, the "
                                      "prosecutor said on Friday. He is accused of sending at least 11 men to Afghanistan. "
                                      "The 38 deportees, among them seven women, arrived on two scheduled flights.",
                            published="2033-06-03"))
    assert (found["seven"]["part_of"], found["seven"]["counts"], found["seven"]["indicator"]) == (
        found["38"]["candidate_id"], "women", "people_expelled")
    assert "two" not in found


def test_among_them_a_named_man_and_two_nationals_the_two_are_a_part(proposer):
    found = figures(rows_of(proposer, "LYON (Wire) -- Police detained four people overnight in Villeurbanne, among them the "
                                      "attacker's brother and two Kyrgyz nationals who shared a flat with him.",
                            published="2031-09-14"))
    assert found["two"]["part_of"] == found["four"]["candidate_id"]


def test_the_night_of_two_to_three_march_is_a_date_and_a_cells_members_are_suspects(proposer):
    text = ("On the night of 2 to 3 March 2029, officers of the security committee detained six members of a clandestine "
            "cell of Islamic State Khorasan Province in Khujand.")
    assert "a day of a date" in excluded_reasons(proposer, text).get("2", "")
    assert figures(rows_of(proposer, text))["six"]["indicator"] == "people_arrested"


def test_women_and_children_that_add_up_to_the_count_before_are_its_parts(proposer):
    found = figures(rows_of(proposer, "VIENNA (Wire) -- Turkmenistan still has 53 women and children in camps in north-east "
                                      "Syria, a diplomat said on Thursday. He said 20 women and 33 children were in the al-Hol "
                                      "and Roj camps, along with two men held in a prison.", published="2030-05-16"))
    whole = found["53"]["candidate_id"]
    assert [(found[v]["part_of"], found[v]["counts"]) for v in ("20", "33")] == [(whole, "women"), (whole, "children")]


def test_people_who_left_in_the_war_years_left_for_the_war(proposer):
    found = figures(rows_of(proposer, "He did not say how many Turkmens had gone to the war; researchers estimate that between "
                                      "350 and 550 left in 2013-2018."))
    assert found["between 350 and 550"]["indicator"] == "conflict_migrants"


def test_a_part_of_those_who_left_is_not_a_part_of_the_smaller_count_told_with_them(proposer):
    found = figures(rows_of(proposer, "DUSHANBE - About 1,800 citizens travelled to Syria and Iraq between 2013 and 2019, and "
                                      "450 of them have since returned home, the minister said. He said 1,100 of those who left "
                                      "were men."))
    assert (found["1,100"]["part_of"], found["1,100"]["counts"]) == (found["About 1,800"]["candidate_id"], "men")


def test_citizens_flown_in_from_syria_came_home_and_a_correction_reports_no_event(proposer):
    rows = rows_of(proposer, "AKTAU - Behind her came the rest: 41 Kazakh citizens flown in from north-east Syria, 12 women "
                             "and 29 children.\n\nCorrection, March 12: An earlier version of this article said the flight "
                             "carried 12 children.", published="2032-03-12")
    found = figures(rows)
    assert (found["41"]["indicator"], found["29"]["part_of"]) == ("repatriated_people", found["41"]["candidate_id"])
    assert [i["quote"][:10] for i in incidents(rows)] == ["AKTAU - Be"]


def test_a_girl_of_about_three_is_an_age(proposer):
    text = "The first off the plane was a woman carrying a sleeping girl of about three."
    assert "an age" in excluded_reasons(proposer, text).get("three", "")


def test_an_arrest_in_another_country_is_not_the_dateless_detention_told_before(proposer):
    rows = rows_of(proposer, "IZMIR (Aegean Wire) -- Officers questioned 5,300 foreigners and detained 410 migrants, who were "
                             "taken to a removal centre in Tuzla. The checks began after police arrested three suspected Islamic "
                             "State members in Bornova on Wednesday, the governor's office said.", published="2033-06-13")
    assert ("arrest", "TUR", "2033-06-08") in [(i["kind"], i["country_iso3"], i["date"]) for i in incidents(rows)]


def test_a_small_namesake_abroad_is_not_where_an_event_happened(proposer):
    rows = rows_of(proposer, "IZMIR (Aegean Wire) -- Police detained 410 migrants on Wednesday and took them to a removal "
                             "centre in Tuzla.", published="2033-06-13")
    assert [(i["kind"], i["country_iso3"]) for i in incidents(rows)] == [("arrest", "TUR")]


def test_an_arrest_abroad_told_after_an_undated_one_at_home_is_its_own_event(proposer):
    rows = rows_of(proposer, "BERLIN (Spree Wire) -- German police have detained 12 men in raids, the interior ministry said. "
                             "The raids came after Austrian police detained a Tajik man in Vienna on Monday.", published="2033-06-15")
    assert ("arrest", "AUT", "2033-06-13") in [(i["kind"], i["country_iso3"], i["date"]) for i in incidents(rows)]


def test_a_city_written_without_its_accents_is_found(proposer):
    rows = rows_of(proposer, "DUSSELDORF (Rhine Wire) -- Police detained three Uzbek men on Monday, prosecutors said.",
                   published="2033-06-15")
    assert [(i["kind"], i["country_iso3"]) for i in incidents(rows)] == [("arrest", "DEU")]


def test_an_undated_event_takes_the_day_of_the_sentence_before_in_its_paragraph(proposer):
    rows = rows_of(proposer, "OSH - Shortly before dawn on Friday, a boy of about five was the first off the plane. Behind him came "
                             "the others: 37 Kyrgyz citizens flown in from north-east Syria, nine women and 28 children.\n\n"
                             "Officials said the group will stay at a centre near Osh.", published="2032-06-13")
    [incident] = incidents(rows)
    assert (incident["kind"], incident["country_iso3"], incident["date"]) == ("repatriation programme", "KGZ", "2032-06-11")
    assert incident["quote"].startswith("OSH - Shortly before dawn on Friday") and "the sentence before" in incident["note"]


def test_a_day_told_in_another_paragraph_does_not_date_an_event(proposer):
    rows = rows_of(proposer, "OSH - On Friday the ministry opened a new centre for families.\n\nA plane carrying 37 Kyrgyz "
                             "citizens flown in from north-east Syria is expected soon.", published="2032-06-13")
    assert [i["date"] for i in incidents(rows)] in ([], [""])


@pytest.mark.parametrize("sentence, value, indicator", [
    ("Six Kyrgyz fighters were killed in an ambush near Taloqan last month, officials said, giving no count of those who "
     "had returned.", "Six", "killed"),
    ("Over the period, 17 recruiters were detained, 5 of whom were handed over to Tajikistan by Russia.", "17", "people_detained"),
    ("Nine Uzbek children who had lived in an orphanage in Erbil since their mothers were jailed there were handed to "
     "Uzbek diplomats on Monday.", "Nine", "repatriated_people"),
])
def test_the_first_verb_after_a_count_says_what_it_counts(proposer, sentence, value, indicator):
    assert figures(rows_of(proposer, sentence))[value]["indicator"] == indicator


@pytest.mark.parametrize("text, value, period", [
    ("In the nine months of 2031, the police detained 52 people.", "52", ("2031-01", "2031-09")),
    ("Police detained 30 people in April, May and June.", "30", ("2025-04", "2025-06")),
    ("Tajikistan blocked 212 channels, the agency said on Tuesday. The figures cover April, May and June.", "212",
     ("2025-04", "2025-06")),
    ("In the first half of 2031 the police detained 40 people.\n\nThe courts jailed 12 people. Over the reporting period, "
     "9 recruiters were detained.", "9", ("2031-01", "2031-06")),
])
def test_periods_of_reports_by_months(proposer, text, value, period):
    row = figures(rows_of(proposer, text, published="2025-07-14"))[value]
    assert (row["period_start"], row["period_end"]) == period


def test_a_total_named_again_by_its_number_owns_the_part_of_them_after_it(proposer):
    found = figures(rows_of(proposer, "A court in Osh has ordered the expulsion of 31 migrant workers from Tajikistan and "
                                      "Uzbekistan.\n\nThe police said they detained the cell's four organisers last Friday. "
                                      "They had sent at least nine fellow migrants to Afghanistan.\n\nThe 31 migrants, 19 of them "
                                      "Tajiks, were placed in a centre.", published="2036-02-21"))
    assert (found["19"]["part_of"], found["19"]["indicator"], found["19"]["subject"]) == (
        found["31"]["candidate_id"], "people_expelled", "TJK")


def test_a_nationality_named_before_is_who_not_where_the_dateline_is_where(proposer):
    rows = rows_of(proposer, "Kyrgyz suspect held after stabbing\n\nUTRECHT, June 3 (Polder Wire) - A man stabbed three people "
                             "near a covered market on Tuesday morning, police said.", published="2035-06-03")
    assert [(i["kind"], i["country_iso3"]) for i in incidents(rows)] == [("attack", "NLD")]


def test_a_town_looked_up_earlier_places_an_event_when_named_again(proposer):
    rows = rows_of(proposer, "A court in Navoi on Friday sentenced four men for recruiting young men for Syria, whom they sent "
                             "on through Istanbul.\n\nThe four were detained in raids in Navoi in May.", published="2032-11-22")
    assert [(i["kind"], i["country_iso3"], i["date"]) for i in incidents(rows)] == [
        ("court verdict", "UZB", "2032-11-19"), ("arrest", "UZB", "2032-05")]  # the verdict, then the arrests in Navoi


def test_a_list_of_statistics_under_a_lead_reads_each_label_and_the_period_the_lead_refers_to(proposer):
    rows = rows_of(proposer, "BISHKEK - The ministry recorded 88 criminal cases related to extremism between January and "
                             "October, it said on Friday.\n\n"
                             "Its other figures for the ten months:\n\n"
                             "* People detained as suspected members of banned groups: 51, including six women\n"
                             "* Online channels and websites blocked at the ministry's request: 1,210\n"
                             "* Citizens handed over by foreign states to face extremism charges: 9\n"
                             "* Foreigners expelled from Kyrgyzstan: 640", published="2033-11-20")
    found = figures(rows)
    assert [(found[v]["indicator"], found[v]["period_start"], found[v]["period_end"]) for v in ("51", "1,210", "9", "640")] == [
        ("people_detained", "2033-01", "2033-10"), ("social_media_channels_blocked", "2033-01", "2033-10"),
        ("repatriated_suspects", "2033-01", "2033-10"), ("people_expelled", "2033-01", "2033-10")]
    assert incidents(rows) == []


def test_people_named_by_their_nationality_are_not_where_they_were_arrested(proposer):
    rows = rows_of(proposer, "Police in Novosibirsk said on Thursday they had detained 300 migrants since the plot was foiled.\n\n"
                             "Officers arrested five men on the night of May 30 in two districts of the city: four Tajiks aged "
                             "20 to 31 and a 40-year-old Kyrgyz.", published="2033-06-10")
    assert ("arrest", "RUS", "2033-05-30") in [(i["kind"], i["country_iso3"], i["date"]) for i in incidents(rows)]


def test_the_third_quarter_is_a_period_and_a_chartered_boeing_that_lands_home_brings_people_back(proposer):
    found = figures(rows_of(proposer, "TASHKENT - The agency blocked 940 channels in the third quarter, it said on Monday.\n\n"
                                      "A chartered Uzbekistan Airways Boeing carrying 64 Uzbek citizens from camps in Syria "
                                      "touched down at Tashkent airport on Sunday.", published="2031-10-14"))
    assert (found["940"]["period_start"], found["940"]["period_end"]) == ("2031-07", "2031-09")
    assert found["64"]["indicator"] == "repatriated_people"


def test_people_stopped_before_they_crossed_and_a_country_they_went_through_is_not_the_subject(proposer):
    found = figures(rows_of(proposer, "DUSHANBE - At least 41 Tajik citizens left for Afghanistan between January and June, the "
                                      "minister said on Monday.\n\nMost travelled through Uzbekistan and Turkmenistan.\n\n"
                                      "Border guards stopped 57 others before they could cross, he said.", published="2033-07-12"))
    assert (found["57"]["indicator"], found["57"]["subject"]) == ("people_detained", "TJK")


@pytest.mark.parametrize("text, value, field, expected", [
    ("He and his co-defendants recruited 27 people from 2030 until early this year.", "27", "period", ("2030", "2025")),
    ("Since 2022 the Taliban have returned 41 Kyrgyz citizens accused of links to armed groups.", "41", "indicator",
     "repatriated_suspects"),
])
def test_a_span_until_early_this_year_and_people_returned_while_accused(proposer, text, value, field, expected):
    row = figures(rows_of(proposer, text))[value]
    assert ((row["period_start"], row["period_end"]) if field == "period" else row[field]) == expected


def test_flown_home_with_the_count_between_and_people_taken_to_a_rehabilitation_centre_came_home(proposer):
    rows = rows_of(proposer, "BISHKEK - Kyrgyzstan flew 33 citizens home from Baghdad on Tuesday, the ministry said.\n\n"
                             "TERMEZ - Thirty-eight Uzbek citizens, most of them the widows and children of men who went to fight "
                             "in Afghanistan, crossed the bridge on Monday and were taken to a rehabilitation centre.",
                   published="2035-02-08")
    found = figures(rows)
    assert (found["33"]["indicator"], found["Thirty-eight"]["indicator"]) == ("repatriated_people", "repatriated_people")
    assert ("repatriation programme", "KGZ", "2035-02-06") in [(i["kind"], i["country_iso3"], i["date"]) for i in incidents(rows)]


@pytest.mark.parametrize("text, value", [
    ("ASTANA - The ministry blocked 1,900 websites in the first six months of the year, it said on Wednesday.\n\n"
     "One channel had 12,000 subscribers when it was shut down in May.\n\n"
     "The KNB said it had detained 28 people in the same period.", "28"),
    ("BISHKEK - The committee blocked 190 channels in January-March, it said on Monday. Over the same three months "
     "officers detained 15 people.", "15"),
])
def test_the_same_period_is_the_last_span_stated(proposer, text, value):
    row = figures(rows_of(proposer, text, published="2025-08-11"))[value]
    assert (row["period_start"], row["period_end"]) in (("2025-01", "2025-06"), ("2025-01", "2025-03"))


def test_of_the_n_names_a_total_told_paragraphs_before(proposer):
    found = figures(rows_of(proposer, "Courts in Omsk have ordered 71 migrants from Central Asia expelled since the attack, the "
                                      "ministry said on Monday.\n\nInvestigators have detained four more people. The FSB says the "
                                      "pair had been in contact with a recruiter.\n\nPolice have checked more than 3,000 foreigners "
                                      "and detained about 300 of them. Of the 71 ordered to leave, 40 are from Tajikistan, 20 from "
                                      "Uzbekistan and 11 from Kyrgyzstan.", published="2035-08-20"))
    assert [(found[v]["part_of"], found[v]["indicator"]) for v in ("40", "20", "11")] == [
        (found["71"]["candidate_id"], "people_expelled")] * 3


def test_counts_that_add_up_to_the_total_told_before_are_its_parts(proposer):
    found = figures(rows_of(proposer, "ASTANA - The ministry blocked access to 1,610 websites, channels and accounts in the first "
                                      "six months of the year, it said on Wednesday.\n\nThe figures cover January to June. Telegram "
                                      "channels and bots made up the bulk of them, 902, followed by 411 TikTok accounts and 190 "
                                      "pages on VKontakte; the remaining 107 were standalone websites.", published="2032-08-11"))
    whole = found["1,610"]
    assert [(found[v]["part_of"], found[v]["indicator"], found[v]["subject"]) for v in ("902", "411", "190", "107")] == [
        (whole["candidate_id"], whole["indicator"], whole["subject"])] * 4


def test_countries_in_a_relative_clause_are_not_where_an_arrest_was_and_deportees_flown_out_were_not_brought_home(proposer):
    rows = rows_of(proposer, "SEOUL, Nov. 24 (Han River Wire) - South Korea has deported 120 Central Asian workers, the ministry "
                             "said on Monday. They were flown out of Incheon on Saturday.\n\nThe raids followed the Nov. 6 "
                             "arrest of three Uzbek men, who police say moved money to intermediaries in Turkey and Afghanistan.",
                   published="2031-11-24")
    assert [(i["kind"], i["country_iso3"], i["date"]) for i in incidents(rows)] == [("arrest", "KOR", "2031-11-06")]


def test_a_flight_in_a_report_of_a_deportation_carried_deportees_from_the_deporting_state(proposer):
    rows = rows_of(proposer, "Austria deports 17 Central Asian men classed as security risks\n\nVIENNA - A chartered Airbus "
                             "carrying 17 men from Tajikistan and Kyrgyzstan left Vienna airport on Tuesday and landed in "
                             "Dushanbe early on Wednesday, the interior ministry said.", published="2035-03-06")
    assert figures(rows)["17"]["indicator"] == "people_expelled"
    assert [i["country_iso3"] for i in incidents(rows)] == ["AUT"]


def test_figures_presented_on_a_day_cover_the_months_they_name_and_a_comparison_with_last_year_dates_no_count(proposer):
    found = figures(rows_of(proposer, "DUSHANBE, Oct. 14 (Wire) - The authorities blocked 1,120 channels, the committee said on "
                                      "Tuesday, nearly twice as many as in the same period last year.\n\nThe figures, presented to "
                                      "parliament on Monday, cover January to September. Of the blocked resources, 700 were on "
                                      "Telegram.", published="2031-10-14"))
    assert [(found[v]["period_start"], found[v]["period_end"]) for v in ("1,120", "700")] == [("2031-01", "2031-09")] * 2


def test_people_a_network_sent_to_a_war_went_to_it(proposer):
    assert figures(rows_of(proposer, "Prosecutors said the network sent 19 people to Afghanistan between 2029 and 2031."))[
        "19"]["indicator"] == "conflict_migrants"


def test_suspected_members_detained_over_a_plot_are_suspects_arrested(proposer):
    found = figures(rows_of(proposer, "Turkish police have detained 19 suspected members of Islamic State Khorasan Province, "
                                      "11 of them Central Asian nationals, over an alleged plan to bomb a stadium in Izmir."))
    assert found["19"]["indicator"] == "people_arrested"


def test_a_dateline_with_the_hour_it_was_filed():
    line = read_dateline("Kyrgyzstan returns 50 citizens\n\nBishkek, 14 September 2033, 10:25 \u2014 State Agency\n\nFifty people.")
    assert (line.place, line.date) == ("Bishkek", "2033-09-14")


def test_a_span_that_ends_in_a_month_of_last_year(proposer):
    row = figures(rows_of(proposer, "Prosecutors said the group recruited at least 31 young men between the spring of 2031 and "
                                    "October last year.", published="2034-06-05"))["at least 31"]
    assert (row["period_start"], row["period_end"]) == ("2031", "2033-10")


def test_the_same_period_a_year_earlier_is_a_comparison_not_the_counts_period(proposer):
    found = figures(rows_of(proposer, "Kyrgyzstan blocks 1,900 channels\n\nAla-Too Times | 25.07.2034\n\nBISHKEK - The authorities "
                                      "restricted access to 1,900 online channels, the ministry said on Monday, compared with 1,400 "
                                      "in the same period a year earlier.\n\nThe figures cover January to June.", published=""))
    assert (found["1,900"]["period_start"], found["1,900"]["period_end"]) == ("2034-01", "2034-06")
    assert (found["1,400"]["period_start"], found["1,400"]["period_end"]) != ("2034-07-25", "2034-07-25")


def test_the_largest_repatriation_so_far_is_an_event_not_a_running_total(proposer):
    rows = rows_of(proposer, "ASHGABAT - A Turkmenistan Airlines Boeing carrying 29 citizens released from Iraqi custody touched "
                             "down in Ashgabat on Tuesday, the ministry said, in the country's largest repatriation so far.",
                   published="2033-11-16")
    assert [(i["kind"], i["country_iso3"], i["date"]) for i in incidents(rows)] == [("repatriation programme", "TKM", "2033-11-15")]


def test_people_handed_straight_to_the_security_services_on_suspicion_are_suspects_returned(proposer):
    found = figures(rows_of(proposer, "Saudi Arabia deported 180 Uzbek citizens last month, and 11 of them were handed straight "
                                      "to their home country's security services on suspicion of links to extremist groups."))
    assert found["11"]["indicator"] == "repatriated_suspects"


def test_a_groups_fighters_from_central_asia_are_foreign_fighters(proposer):
    found = figures(rows_of(proposer, "UN monitors estimate that ISKP has about 2,500 fighters, up to 800 of them from Central "
                                      "Asian states."))
    assert (found["up to 800"]["indicator"], found["up to 800"]["subject"], found["up to 800"]["part_of"]) == (
        "foreign_fighters", "central_asia", "")  # a part must count what its total counts: it is a figure of its own


def test_crimes_the_police_registered_in_a_period_that_opens_the_sentence(proposer):
    found = figures(rows_of(proposer, "In the nine months of 2031, the police registered 143 crimes of a terrorist nature. The "
                                      "courts convicted 40 persons.", published="2031-10-20"))
    assert found["143"]["indicator"] == "criminal_cases_terrorism_extremism"
    assert (found["40"]["period_start"], found["40"]["period_end"]) == ("2031-01", "2031-09")


def test_figures_for_months_and_fighters_from_central_asia_in_a_range_total(proposer):
    found = figures(rows_of(proposer, "DUSHANBE - The committee blocked 310 channels, it said on Monday.\n\nThe figures are for "
                                      "January to March.", published="2031-04-07"))
    assert (found["310"]["period_start"], found["310"]["period_end"]) == ("2031-01", "2031-03")
    found = figures(rows_of(proposer, "UN monitors estimate that ISKP has between 2,000 and 3,500 fighters, up to 500 of them "
                                      "from Central Asia."))
    assert (found["up to 500"]["indicator"], found["up to 500"]["subject"]) == ("foreign_fighters", "central_asia")


def test_a_deportation_flight_from_a_dateline_we_cannot_place_is_the_deporting_states(proposer):
    rows = rows_of(proposer, "Germany deports 19 Central Asian men\n\nFRANKFURT - A chartered Airbus carrying 19 men from "
                             "Tajikistan, whom German police regard as dangerous, left Leipzig on Thursday and landed in Dushanbe "
                             "early on Friday, the interior ministry said.", published="2035-03-03")
    assert [i["country_iso3"] for i in incidents(rows)] == ["DEU"]


def test_people_handed_over_with_the_count_between_handed_and_over_are_a_return_event(proposer):
    rows = rows_of(proposer, "TERMEZ - The Taliban handed 12 Uzbek citizens suspected of links to Islamic State over to Uzbek "
                             "border guards on the Friendship Bridge on Wednesday, the ministry said.", published="2034-11-23")
    assert [(i["kind"], i["country_iso3"], i["date"]) for i in incidents(rows)] == [("repatriation programme", "UZB", "2034-11-22")]


def test_a_charter_that_left_with_deportees_is_the_deportation(proposer):
    rows = rows_of(proposer, "Germany deports 21 Central Asians flagged as threats\n\nBERLIN - A charter flight carrying 21 men "
                             "from Tajikistan and Uzbekistan left Leipzig/Halle airport early on Wednesday, the interior ministry "
                             "said.", published="2031-11-27")
    assert figures(rows)["21"]["indicator"] == "people_expelled"
    assert [(i["country_iso3"], i["date"]) for i in incidents(rows)] == [("DEU", "2031-11-26")]


def test_parts_fit_in_the_count_they_are_parts_of_not_the_last_one_told(proposer):
    found = figures(rows_of(proposer, "TASHKENT - Forty-two Uzbek citizens deported from Turkey arrived in Tashkent on Wednesday, "
                                      "and five of them were taken into custody at the airport, the SGB said.\n\nThe group was made "
                                      "up of 34 men and eight women.", published="2034-01-19"))
    assert [(found[v]["part_of"], found[v]["counts"]) for v in ("34", "eight")] == [
        (found["Forty-two"]["candidate_id"], "men"), (found["Forty-two"]["candidate_id"], "women")]


def test_a_cell_detained_in_a_raid_abroad_are_its_suspects_and_at_home_people_detained(proposer):
    abroad = figures(rows_of(proposer, "ANKARA - Police in Ankara detained seven men from Central Asia in dawn raids on Monday, "
                                       "the governor's office said.",
                             published="2034-05-17"))
    at_home = figures(rows_of(proposer, "BISHKEK - Security officers in Osh detained seven men in dawn raids on Monday, the GKNB "
                                        "said.", published="2034-05-17"))
    assert (abroad["seven"]["indicator"], at_home["seven"]["indicator"]) == ("people_arrested", "people_detained")


def test_said_in_a_short_statement_on_a_day_dates_the_telling_and_the_flight_dates_the_return(proposer):
    rows = rows_of(proposer, "DUSHANBE - Tajikistan has repatriated 29 of its citizens from Iraq, the Foreign Ministry said in "
                             "a two-line statement on Thursday.\n\nThe women and children arrived in Dushanbe on a chartered "
                             "plane late on Wednesday, officials said.", published="2033-06-10")
    assert [(i["country_iso3"], i["date"]) for i in incidents(rows)] == [("TJK", "2033-06-08")]


def test_a_landing_told_after_the_return_quotes_the_sentence_that_dates_it(proposer):
    rows = rows_of(proposer, "ASHGABAT - Turkmenistan has repatriated 33 of its citizens from Syria, the Foreign Ministry said "
                             "in a brief statement read out on state television late on Monday.\n\nA chartered Boeing with nine "
                             "women and 24 children aboard landed at Ashgabat airport at around 4 p.m. on Monday.",
                   published="2034-10-24")
    [incident] = incidents(rows)
    assert (incident["date"], "landed at Ashgabat airport" in incident["quote"]) == ("2034-10-23", True)


def test_or_so_and_odd_after_a_number_make_it_about_and_or_more_at_least(proposer):
    found = figures(rows_of(proposer, "Officials said another 60 or so women were still held in Iraqi prisons, 50-odd children "
                                      "remained in the camps and 14 or more men were missing.", published="2034-01-01"))
    assert [(found[t]["qualifier"], found[t]["value"]) for t in ("60 or so", "50-odd", "14 or more")] == [
        ("about", "60"), ("about", "50"), ("at least", "14")]


def test_a_running_total_told_with_the_days_arrivals_is_no_new_event_and_its_part_shares_its_period(proposer):
    rows = rows_of(proposer, "NUKUS, May 5, 2034 - Thirty-eight Uzbek women and children were flown home from Syria overnight, "
                             "officials said.\n\nWith Saturday's arrivals, Uzbekistan has brought back 812 people from Syria and "
                             "Iraq since May 2019, more than 560 of them children.", published="")
    assert [i["date"] for i in incidents(rows)] == ["2034-05-04"]
    found = figures(rows)
    assert (found["more than 560"]["period_start"], found["more than 560"]["period_end"]) == ("2019-05", "")


def test_a_van_driven_into_a_crowd_is_an_attack_and_its_toll_is_the_attacks(proposer):
    rows = rows_of(proposer, "BERGEN - A man drove a rented van into shoppers on a pedestrian street in central Bergen on "
                             "Saturday afternoon, police said on Sunday.\n\nThree people were killed and 12 injured when the "
                             "van mounted the pavement, police said.", published="2031-10-12")
    [attack] = incidents(rows)
    assert (attack["kind"], attack["country_iso3"], attack["date"]) == ("attack", "NOR", "2031-10-11")
    assert [figures(rows)[v]["subject"] for v in ("Three", "12")] == [attack["candidate_id"]] * 2


def test_what_a_merged_row_adds_is_quoted_with_it():
    def row(candidate_id, quote, killed, date):
        return {"table": "incidents", "candidate_id": candidate_id, "kind": "attack", "country_iso3": "NOR", "place_id": "",
                "_dateless": not date, "_speech": False, "date": date, "date_precision": "day" if date else "",
                "killed": killed, "wounded": "", "group_id": "", "involvement": "", "quote": quote}
    kept, redirect = merge([row("a", "A van hit shoppers on Saturday.", "", "2031-10-11"),
                            row("b", "Three people died in the attack.", "3", "")])
    assert [(r["killed"], r["quote"]) for r in kept] == [("3", "A van hit shoppers on Saturday. ... Three people died in the attack.")]
    assert redirect == {"b": "a"}


def test_people_expelled_after_a_raid_are_counted_for_the_expelling_state(proposer):
    found = figures(rows_of(proposer, "OMSK - Police in Omsk detained 64 migrants in raids on hostels on Tuesday, and a district "
                                      "court ordered 38 of them expelled, the regional police said.", published="2035-02-12"))
    assert found["38"]["subject"] == "RUS"


def test_a_charter_that_landed_in_a_capital_on_a_date_with_people_is_that_states_return(proposer):
    rows = rows_of(proposer, "MARCH - A Somon Air charter from Qamishli landed in Dushanbe on 14 March with 58 citizens "
                             "collected from the al-Hol and Roj camps, 19 women and 39 children.", published="2035-12-28")
    assert (figures(rows)["58"]["indicator"], figures(rows)["58"]["subject"]) == ("repatriated_people", "TJK")
    assert [(i["country_iso3"], i["date"]) for i in incidents(rows)] == [("TJK", "2035-03-14")]


def test_its_own_total_counts_what_the_leads_total_counted(proposer):
    found = figures(rows_of(proposer, "ALMATY - Kazakhstan told a regional meeting on Friday that about 700 of its citizens had "
                                      "gone to Syria to join armed groups since 2013. Some 90 of them had come home.\n\nUzbekistan's "
                                      "delegation put its own total at 1,500.", published="2034-04-15"))
    assert (found["1,500"]["indicator"], found["1,500"]["subject"]) == (found["about 700"]["indicator"], "UZB")
    assert found["about 700"]["indicator"] == "conflict_migrants"


def test_a_comparison_in_the_same_period_of_a_year_is_that_years_and_never_the_total_of_parts(proposer):
    found = figures(rows_of(proposer, "TASHKENT - Uzbekistan blocked 1,204 online channels in the first half of the year, the "
                                      "security service said on Tuesday, up from 866 in the same period of 2035.\n\nOf the total, "
                                      "702 were on Telegram, 291 on TikTok and 150 on Instagram.", published="2036-07-08"))
    assert (found["866"]["period_start"], found["866"]["period_end"]) == ("2035-01", "2035-06")
    assert {found[v]["part_of"] for v in ("702", "291", "150")} == {found["1,204"]["candidate_id"]}


def test_a_courts_verdict_on_a_day_is_an_event_where_the_court_sits(proposer):
    rows = rows_of(proposer, "OSH, Oct 3 (Wire) - A court in Osh on Tuesday jailed four men for recruiting young people to "
                             "fight in Syria, prosecutors said.", published="2034-10-03")
    assert [(i["kind"], i["country_iso3"], i["date"]) for i in incidents(rows)] == [("court verdict", "KGZ", "2034-10-03")]


def test_a_years_convictions_and_a_conditional_verdict_are_no_events(proposer):
    rows = rows_of(proposer, "In 2033, courts in Uzbekistan convicted 1,096 people of extremist offences. If convicted, the "
                             "four men face up to 15 years in prison.", published="2034-02-01")
    assert incidents(rows) == []


def test_people_who_left_to_join_armed_groups_or_left_in_a_month_went_to_the_war(proposer):
    found = figures(rows_of(proposer, "OSH - Nine young men from the town have left to join armed groups in Afghanistan since the "
                                      "spring, officials say. Police say four men from the district left in March, all of them for "
                                      "Afghanistan.", published="2034-06-08"))
    assert [found[v]["indicator"] for v in ("Nine", "four")] == ["conflict_migrants", "conflict_migrants"]


def test_an_age_set_off_by_commas_is_an_age_and_between_stands_between_a_verb_and_its_range(proposer):
    found = figures(rows_of(proposer, "KAZAN - Police detained two men on Monday. The third man, a Tajik citizen, 31, was killed "
                                      "when he resisted arrest.\n\nProsecutors said the cell had persuaded between 10 and 14 young "
                                      "men to travel to Afghanistan.", published="2034-05-20"))
    assert found["31"]["indicator"] == "perpetrator_age"
    assert found["between 10 and 14"]["indicator"] == "recruited_people"


def test_a_number_after_a_span_of_months_takes_the_span(proposer):
    found = figures(rows_of(proposer, "TASHKENT - Between January and June, 23 people left Uzbekistan for Afghanistan and Syria, "
                                      "compared with 37 in the first six months of last year, the service said.", published="2034-07-25"))
    assert (found["23"]["period_start"], found["23"]["period_end"]) == ("2034-01", "2034-06")


def test_citizens_leaving_for_a_war_went_and_a_count_with_of_them_women_keeps_its_verb(proposer):
    found = figures(rows_of(proposer, "ASTANA - The KNB recorded five citizens leaving for Afghanistan in the half-year, while "
                                      "41 people, 13 of them women, were stopped at airports. Another 9 citizens were prevented "
                                      "from leaving for Syria.", published="2034-07-18"))
    assert [found[v]["indicator"] for v in ("five", "41")] == ["conflict_migrants", "people_detained"]
    assert found["9"]["indicator"] != "conflict_migrants"  # prevented from leaving: they did not go


def test_a_sentence_that_opens_with_how_many_lost_both_parents_counts_orphans_of_the_count_before(proposer):
    found = figures(rows_of(proposer, "TERMEZ - A flight brought 64 children home from al-Hol on Monday, the ministry said. "
                                      "Twelve have lost both parents.", published="2025-11-11"))
    assert (found["Twelve"]["part_of"], found["Twelve"]["counts"], found["Twelve"]["indicator"]) == (
        found["64"]["candidate_id"], "orphans", "repatriated_people")


def test_a_verb_in_a_clause_of_whom_belongs_to_the_part_that_clause_counts(proposer):
    found = figures(rows_of(proposer, "ALMATY - Since January 2019, Kazakhstan has brought back 790 people from Syria and Iraq. "
                                      "Of them, 560 are children, 196 women and 34 men, 29 of whom have since been convicted.",
                            published="2035-12-11"))
    assert [found[v]["indicator"] for v in ("560", "196", "34")] == ["repatriated_people"] * 3
    assert found["29"]["indicator"] == "people_convicted"


def test_what_a_platform_accounted_for_is_a_share_of_the_count_told_before(proposer):
    found = figures(rows_of(proposer, "BISHKEK - The GKNB blocked 1,090 channels and accounts last year. Telegram accounted for "
                                      "650 of last year's total.", published="2036-01-21"))
    assert found["650"]["indicator"] == found["1,090"]["indicator"] == "social_media_channels_blocked"


def test_a_dateline_whose_date_follows_the_agency_after_a_dash_dates_the_report():
    line = read_dateline("Bomber kills 14 in Mazar-i-Sharif\n\nKABUL (Hindu Kush Press) - 27 March 2036\n\nA suicide bomber "
                         "killed at least 14 worshippers on Wednesday, Taliban officials said.")
    assert (line.place, line.date, line.text) == ("Kabul", "2036-03-27", "KABUL (Hindu Kush Press) - 27 March 2036")


def test_a_statistics_label_that_names_what_it_counts_gives_the_indicator(proposer):
    found = figures(rows_of(proposer, "BISHKEK - The deputy chairman listed the nine-month figures:\n\n- Convictions: 47, "
                                      "including 10 in absentia\n- Deportations: 31", published="2031-10-17"))
    assert (found["47"]["indicator"], found["31"]["indicator"]) == ("people_convicted", "people_expelled")


def test_counts_that_received_sentences_or_were_sent_to_prison_are_convicted(proposer):
    found = figures(rows_of(proposer, "AKTOBE - Of the women brought home, 17 have been tried. Nine received suspended sentences "
                                      "and eight were sent to prison.", published="2034-04-26"))
    assert (found["Nine"]["indicator"], found["eight"]["indicator"]) == ("people_convicted", "people_convicted")


def test_foreigners_expelled_with_no_state_named_are_the_dateline_host_states(proposer):
    found = figures(rows_of(proposer, "YEKATERINBURG, March 3 (Ural Wire) - Most of the migrants detained in the sweep came "
                                      "from Central Asia, police said.\n\nCourts in the region ordered 840 foreigners expelled "
                                      "in January and February, the ministry said.", published="2035-03-03"))
    assert found["840"]["subject"] == "RUS"


def test_a_part_on_flights_told_with_its_total_shares_the_totals_period(proposer):
    found = figures(rows_of(proposer, "TASHKENT - With Friday's arrivals, Uzbekistan has repatriated 801 people since May 2019, "
                                      "more than 560 of them on flights from Syria.", published="2033-04-22"))
    assert (found["more than 560"]["period_start"], found["more than 560"]["period_end"]) == ("2019-05", "")


def test_an_age_is_never_the_total_that_a_sub_count_belongs_to(proposer):
    found = figures(rows_of(proposer, "DUSHANBE, Feb 18 (Wire) - Twelve suspects, including the network's alleged leader, a "
                                      "41-year-old former teacher, were detained in raids on Monday, the ministry said. Two of them "
                                      "are women.", published="2036-02-18"))
    assert found["Two"]["part_of"] == found["Twelve"]["candidate_id"]


def test_citizens_still_fighting_with_armed_groups_or_in_the_ranks_of_terrorist_organisations_are_fighters(proposer):
    found = figures(rows_of(proposer, "ALMATY - Between 1,400 and 1,900 citizens of the five Central Asian states are still "
                                      "fighting with armed groups in Syria and Afghanistan, a report said. The ministry said only "
                                      "350 of its citizens were \"in the ranks of terrorist organisations abroad\".",
                            published="2036-03-11"))
    assert [found[v]["indicator"] for v in ("Between 1,400 and 1,900", "350")] == ["foreign_fighters", "foreign_fighters"]


def test_people_stopped_at_the_border_or_prevented_from_leaving_are_detained(proposer):
    found = figures(rows_of(proposer, "DUSHANBE - Some 28 citizens have left for Afghanistan since 2021, and 12 have been stopped "
                                      "at the border since January. The service said 21 Tajik citizens had been prevented from "
                                      "leaving for conflict zones.", published="2035-06-01"))
    assert [found[v]["indicator"] for v in ("12", "21")] == ["people_detained", "people_detained"]


def test_access_restricted_to_websites_counts_them_blocked_and_the_committee_can_detain(proposer):
    found = figures(rows_of(proposer, "ASTANA - Access to 1,870 websites and Telegram channels was restricted, the KNB said. The "
                                      "period also saw the committee detain 41 people suspected of recruiting.",
                            published="2035-10-10"))
    assert (found["1,870"]["indicator"], found["41"]["indicator"]) == ("social_media_channels_blocked", "people_detained")
