"""Curating the news (issue 24): the proposer on short news reports, and the command line's promises.

The texts in tests/curation_docs/news/ are fictional, written for these tests. Each test names the
rule it checks; the held-out texts (tests/curation_docs/heldout/) are never read here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import curate as cli
from core.curation.proposals import Proposer
from core.curation.vocab import build_vocab
from core.data.loading import load_corpus
from core.data.quotes import Document

NEWS = Path(__file__).parent / "curation_docs" / "news"


@pytest.fixture(scope="module")
def proposer() -> Proposer:
    return Proposer(build_vocab(load_corpus(validate=False).tables))


def propose(proposer: Proposer, name: str, published: str | None = None) -> pd.DataFrame:
    path = NEWS / f"{name}.txt"
    gold = path.with_suffix(".json")
    if published is None:
        published = json.loads(gold.read_text())["published"] if gold.exists() else ""
    rows = proposer.propose(name.replace("-", "_"), path.read_text(encoding="utf-8"), published)
    doc = Document("x", path.read_text(encoding="utf-8"))
    assert all(doc.find(q) for q in rows["quote"]), "every quote is verbatim"
    return rows


def figure(rows: pd.DataFrame, value_text: str) -> dict:
    found = rows[(rows["table"] == "figures") & (rows["value_text"] == value_text)]
    assert len(found) == 1, f"one figure '{value_text}': {list(rows.loc[rows['table'] == 'figures', 'value_text'])}"
    return found.iloc[0].to_dict()


def excluded(rows: pd.DataFrame) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in rows[rows["table"] == "excluded"].to_dict("records"):
        out.setdefault(r["value_text"], []).append(r["exclude_reason"])
    return out


def incidents(rows: pd.DataFrame) -> list[dict]:
    return rows[rows["table"] == "incidents"].to_dict("records")


# ---------------------------------------------------------------- 1. the interface as promised


def run(scratch, *args) -> int:
    return cli.main(["--data", str(scratch.curated), "--seeds", str(scratch.seeds), *args])


def test_propose_needs_only_the_path_a_doc_id_and_a_folder(scratch, tmp_path, capsys):
    """No --title (the first line, marked for review) and no --published (the dateline's date)."""
    assert run(scratch, "propose", str(NEWS / "03-tashkent-afghanistan.txt"), "--doc-id", "uzb_news", "--out",
               str(tmp_path / "out"), "--kind", "news article") == 0
    printed = capsys.readouterr().out
    meta = json.loads((tmp_path / "out" / "document.json").read_text())
    assert meta["title"] == "Uzbekistan brings back 93 citizens from Afghanistan"
    assert (meta["published"], meta["published_basis"], meta["kind"]) == ("2021-06-14", "stated", "news article")
    assert any(item.startswith("title: taken from the document's first line") for item in meta["to_review"])
    assert "check title: taken from the document's first line" in printed
    assert "check published: 2021-06-14, read from the dateline '14.06.2021'" in printed
    frame = pd.read_csv(tmp_path / "out" / "candidates.csv", dtype=str, keep_default_na=False)
    assert (frame["table"] == "figures").any()


def test_with_no_kind_a_report_that_opens_with_a_dateline_is_news_and_says_so(scratch, tmp_path, capsys):
    assert run(scratch, "propose", str(NEWS / "02-dushanbe-court.txt"), "--doc-id", "dushanbe_news", "--out",
               str(tmp_path / "news"), "--published", "2021-03-12") == 0
    meta = json.loads((tmp_path / "news" / "document.json").read_text())
    assert meta["kind"] == "news article"
    assert "check kind: news article, as it opens with the dateline 'DUSHANBE --'" in capsys.readouterr().out
    report = tmp_path / "report.txt"
    report.write_text("A study of returnees\n\nThis report looks at 40 families who came back from Syria.\n")
    assert run(scratch, "propose", str(report), "--doc-id", "returnee_study", "--out", str(tmp_path / "study")) == 0
    assert json.loads((tmp_path / "study" / "document.json").read_text())["kind"] == "policy report"
    assert "check kind: policy report, the default, as it does not open with a city's dateline" in capsys.readouterr().out


def test_published_dates_the_document_and_must_be_a_date(scratch, tmp_path, capsys):
    path = NEWS / "02-dushanbe-court.txt"
    assert run(scratch, "propose", str(path), "--doc-id", "tjk_court", "--out", str(tmp_path / "a"),
               "--published", "15 Feb 2019") == 1
    assert "documents.csv:-:published: '15 Feb 2019' is not a date" in capsys.readouterr().err
    assert not (tmp_path / "a").exists()
    assert run(scratch, "propose", str(path), "--doc-id", "tjk_court", "--out", str(tmp_path / "b"),
               "--published", "2019-02-15") == 0
    frame = pd.read_csv(tmp_path / "b" / "candidates.csv", dtype=str, keep_default_na=False)
    assert "2019-02-04" in set(frame.loc[frame["table"] == "incidents", "date"]), "'Feb. 4' resolved against --published"


# ---------------------------------------------------------------- 2. rules that read news


def test_datelines_are_read_and_never_taken_for_content():
    from core.curation.calendar import read_dateline

    line = read_dateline("Headline\n\nDUSHANBE -- Tajikistan has brought back 43 children.")
    assert (line.place, line.date, line.text) == ("Dushanbe", "", "DUSHANBE --")
    line = read_dateline("14.06.2021\n\nUzbekistan brings back 93 citizens\n\nTashkent. An operation...")
    assert (line.place, line.date) == ("", "2021-06-14")
    line = read_dateline("Headline\n\nALMATY, Nov 3 (Steppe Wire) - The five states...")
    assert (line.place, line.text) == ("Almaty", "ALMATY, Nov 3 (Steppe Wire) -")
    line = read_dateline("Headline\n\nAlmaty, 12 March 2021. A court in Almaty...")
    assert (line.place, line.date) == ("Almaty", "2021-03-12")
    assert read_dateline("Tashkent. Uzbekistan has returned 156 citizens.") is None


def test_relative_dates_are_resolved_against_the_publication_date():
    from core.curation.calendar import relative_dates

    def iso(sentence, published):
        return [d[2] for d in relative_dates(sentence, published)]

    assert iso("The men were detained on Feb. 4 in a raid", "2019-02-15") == ["2019-02-04"]
    assert iso("On Tuesday (February 12), a court jailed 2 women", "2019-02-15") == ["2019-02-12"]
    assert iso("the committee said on Friday", "2023-10-27") == ["2023-10-27"], "the same weekday is the day itself"
    assert iso("arrived late on Monday", "2021-03-16") == ["2021-03-15"]
    assert iso("blocked 112 channels last month", "2022-04-19") == ["2022-03"]
    assert iso("on Dec. 30 they left", "2023-01-02") == ["2022-12-30"], "never a day after the publication"
    assert iso("on Feb. 4", "") == [""], "a day with no year to place it is still a date (never a figure of 4)"


def test_a_relative_date_dates_figures_and_incidents_and_says_it_was_inferred(proposer):
    rows = propose(proposer, "02-dushanbe-court")
    assert "4" not in set(rows.loc[rows["table"] == "figures", "value_text"]), "'Feb. 4' is not a figure of 4"
    arrest = next(i for i in incidents(rows) if i["kind"] == "arrest" and i["date"] == "2019-02-04")
    assert (arrest["date_precision"], arrest["date_inferred"], arrest["country_iso3"]) == ("day", "yes", "TJK")
    assert "Inferred: 'Feb. 4' = 2019-02-04, from the publication date." in arrest["note"]
    jailed = figure(rows, "2")
    assert (jailed["indicator"], jailed["subject"], jailed["period_start"]) == ("people_convicted", "TJK", "2019-02-12")
    assert "Inferred: from the publication date (2019-02-15): 'Tuesday (February 12)' = 2019-02-12." in jailed["note"]
    eleven = figure(rows, "eleven")
    assert (eleven["indicator"], eleven["period_start"], eleven["period_end"]) == ("people_convicted", "2019-02-15", "2019-02-15")


def test_return_verbs_count_people_repatriated_by_the_returning_state(proposer):
    rows = propose(proposer, "08-turkmenistan-evacuates")
    evacuated = figure(rows, "42")
    assert (evacuated["indicator"], evacuated["subject"], evacuated["qualifier"]) == ("repatriated_people", "TKM", "exact")
    assert evacuated["note"].startswith("Returned from Iraq."), "the place of return goes in the note"
    handed = figure(rows, "16")
    assert (handed["indicator"], handed["subject"], handed["qualifier"], handed["counts"]) == (
        "repatriated_people", "TKM", "exact", "children"), "'handed over 16' is not 'more than 16'; Iraq is not the state"
    assert figure(rows, "12")["indicator"] == "repatriated_people"
    held = figure(rows, "over 50,000")
    assert (held["indicator"], held["subject"]) == ("detained_women_children", "al_hol"), "not group strength"
    assert (figure(rows, "about 1,400")["subject"]) == "IRQ", "the nearest name of its own clause"
    detained = figure(rows, "8")
    assert (detained["indicator"], detained["subject"]) == ("people_detained", "TKM"), "detained is not repatriated"


def test_a_period_carries_to_the_numbers_after_it_and_since_sets_only_the_start(proposer):
    rows = propose(proposer, "03-tashkent-afghanistan", published="")
    total = figure(rows, "93")
    assert (total["period_start"], total["period_end"]) == ("2021-03", ""), "'began in March 2021', the sentence before"
    assert "period from an earlier sentence of the paragraph" in total["reason"]
    since = figure(rows, "more than 500")
    assert (since["period_start"], since["period_end"], since["subject"]) == ("2019", "", "UZB")
    assert not any("Since 2019" in i["quote"] for i in incidents(rows)), "'since 2019' is a period, not an incident"
    assert (figure(rows, "14")["indicator"], figure(rows, "14")["subject"]) == ("people_detained", "UZB")


def test_a_joint_count_goes_to_the_region_with_a_note(proposer):
    rows = propose(proposer, "05-moscow-financing")
    six = figure(rows, "six")
    assert (six["subject"], six["indicator"]) == ("central_asia", "people_convicted")
    assert six["note"].startswith("Joint count: Uzbekistan and Kyrgyzstan together")
    blocked = figure(rows, "more than 1,500")
    assert (blocked["subject"], blocked["period_start"], blocked["period_end"]) == ("central_asia", "2020", "")
    assert "Tajikistan and Kyrgyzstan together" in blocked["note"]


def test_ages_durations_money_days_states_and_repeats_are_excluded_with_their_reason(proposer):
    rows = propose(proposer, "04-returns-and-junk")
    why = excluded(rows)
    expected = {"five": "the number of states named", "12": "an age", "42,000": "a sum of money", "24": "a duration",
                "150 million": "a sum of money", "20": "an age", "35": "an age", "9": "an age", "60": "a capacity",
                "thousands": "the headline"}
    for number, reason in expected.items():
        assert any(r.startswith(reason) for r in why.get(number, [])), (number, why.get(number))
    assert any(r.startswith("repeats a number") for r in why["754"]), "'Of those 754'"
    assert why["15"], "the day of '15 October' is no figure"
    assert set(rows.loc[rows["table"] == "figures", "value_text"]) == {"more than 2,500", "about 3,000", "754", "406"}
    assert list(rows.loc[rows["table"] == "places", "name"]) == ["Almaty"], "a place is proposed once per document"


def test_the_headline_number_is_excluded_and_the_dateline_is_not_content(proposer):
    rows = propose(proposer, "01-kyrgyz-flight")
    why = excluded(rows)
    assert any(r.startswith("the headline") for r in why["95"])
    assert len(rows[(rows["table"] == "figures") & (rows["value_text"] == "95")]) == 1
    assert "Bishkek" not in set(rows["name"]), "the dateline's city is where the report was filed"


def test_a_document_not_in_english_never_gets_exact_numbers_after_a_qualifier_word(proposer):
    rows = propose(proposer, "07-kazakhstan-russian")
    assert (figure(rows, "около 300")["qualifier"], figure(rows, "около 300")["value"]) == ("about", "300")
    assert (figure(rows, "более 500")["qualifier"], figure(rows, "более 500")["low"]) == ("more than", "500")
    unread = figure(rows, "38")
    assert unread["qualifier"] == "" and "a word we cannot read ('родину')" in unread["reason"]


# ---------------------------------------------------------------- 4. one incident per event


def test_a_repatriation_is_one_incident_in_the_repatriating_state(proposer):
    rows = propose(proposer, "08-turkmenistan-evacuates")
    flights = [i for i in incidents(rows) if i["date"] == "2021-12-01"]
    assert len(flights) == 1
    flight = flights[0]
    assert (flight["kind"], flight["country_iso3"], flight["place_id"]) == ("repatriation programme", "TKM", "country_tkm")
    assert flight["summary"] == "Turkmenistan evacuated 42 citizens, mostly women and children, from Iraq on Wednesday."
    assert "Returned from Iraq." in flight["note"] and flight["date_inferred"] == "yes"
    assert not any(i["country_iso3"] in ("IRQ", "SYR", "AFG") for i in incidents(rows))


def test_the_day_the_news_was_told_dates_an_undated_event_and_says_so(proposer):
    rows = propose(proposer, "01-kyrgyz-flight")
    (flight,) = incidents(rows)
    assert (flight["date"], flight["country_iso3"], flight["date_inferred"]) == ("2023-03-17", "KGZ", "yes")
    assert "the day the news was told" in flight["note"]
    assert "[Draft" not in flight["summary"] and flight["summary"].startswith("Kyrgyzstan has repatriated 95")


def test_an_incident_says_how_a_group_is_involved_and_a_plot_and_its_arrest_are_one_event(proposer):
    rows = propose(proposer, "06-claimed-and-foiled")
    attack = next(i for i in incidents(rows) if i["date"] == "2024-03-14")
    assert (attack["kind"], attack["group_id"], attack["involvement"], attack["country_iso3"]) == ("attack", "isis", "claimed", "RUS")
    plots = [i for i in incidents(rows) if i["kind"] in ("plot", "arrest")]
    assert len(plots) == 1 and (plots[0]["kind"], plots[0]["date"], plots[0]["involvement"]) == ("plot", "2024-03-12", "inspired by")
    assert figure(rows, "two")["subject"] == plots[0]["candidate_id"], "the plotters are counted for the plot"
    assert figure(rows, "2")["subject"] == attack["candidate_id"] and figure(rows, "4")["indicator"] == "wounded"


def test_an_event_already_in_the_tables_gets_its_event_key(proposer):
    text = ("Headline about the attack\n\nMOSCOW -- Gunmen attacked the Crocus City Hall concert venue on Friday, "
            "the Investigative Committee said.")
    rows = proposer.propose("crocus_news", text, "2024-03-22")
    (attack,) = incidents(rows)
    assert (attack["date"], attack["place_id"], attack["event_id"]) == ("2024-03-22", "crocus_city_hall", "ev-foreign_affairs-001")
    assert "same event as inc-foreign_affairs-001" in attack["reason"]
    other = proposer.propose("elsewhere", text.replace("Crocus City Hall concert venue", "a police post in Makhachkala"),
                             "2024-03-22")
    assert incidents(other)[0]["event_id"] == "", "another place in the same month is another event"


# ---------------------------------------------------------------- sub-counts, lists and follow-ups


def test_sub_counts_name_whom_they_count_and_the_total_they_are_part_of(proposer):
    rows = propose(proposer, "01-kyrgyz-flight")
    total, women, children = figure(rows, "95"), figure(rows, "24"), figure(rows, "71")
    assert (women["counts"], women["part_of"], children["counts"], children["part_of"]) == (
        "women", total["candidate_id"], "children", total["candidate_id"]), "'The group ... consisted of 24 women and 71 children'"
    assert (total["counts"], total["part_of"]) == ("", "")
    assert (women["indicator"], women["subject"]) == ("repatriated_people", "KGZ"), "a part takes its total's indicator and subject"
    in_all = figure(rows, "511")
    assert [figure(rows, v)["part_of"] for v in ("148", "363")] == [in_all["candidate_id"]] * 2, "'511 ..., among them 148 women'"
    rows = propose(proposer, "04-returns-and-junk")
    assert figure(rows, "406")["part_of"] == figure(rows, "754")["candidate_id"], "'Of those 754, 406 were children'"
    rows = propose(proposer, "10-khujand-joiners")
    six = figure(rows, "six")
    for number, country in (("four", "TJK"), ("two", "KGZ")):  # "The men, four citizens of Tajikistan and two of Kyrgyzstan"
        part = figure(rows, number)
        assert (part["part_of"], part["indicator"], part["subject"], part["counts"]) == (six["candidate_id"], "people_convicted", country, "")


def test_a_total_takes_the_day_of_its_parts_and_an_event_the_day_of_the_next_sentence(proposer):
    rows = propose(proposer, "11-khorog-and-returns")
    assert (figure(rows, "77")["period_start"], figure(rows, "57")["period_start"]) == ("2021-05-19", "2021-05-19"), \
        "'returned 77 ... Among those brought home on Wednesday are 20 women and 57 children'"
    flight = next(i for i in incidents(rows) if i["country_iso3"] == "TJK" and i["kind"] == "repatriation programme")
    assert (flight["date"], flight["date_inferred"]) == ("2021-05-20", "yes"), "'landed ... late on Thursday', the next paragraph"
    assert figure(rows, "146")["period_start"] == "2021-05-20"
    attack = next(i for i in incidents(rows) if i["kind"] == "attack")
    assert (figure(rows, "about 10")["indicator"], figure(rows, "about 10")["subject"]) == ("perpetrators", attack["candidate_id"])
    recruited = figure(rows, "5")
    kulob = rows[(rows["table"] == "places") & (rows["name"] == "Kulob")]
    assert len(kulob) == 1, "a place as the document spells it"
    assert (recruited["indicator"], recruited["subject"]) == ("recruited_people", kulob["candidate_id"].iloc[0]), \
        "'sent 5 young men from Kulob to fight in Syria': recruited from Kulob (a new place), never from Syria"


def test_a_period_stays_with_its_own_counts_and_a_stock_takes_none(proposer):
    rows = propose(proposer, "09-aktau-flight")
    twelve = rows[(rows["table"] == "figures") & (rows["value_text"] == "12")].to_dict("records")
    for row in (figure(rows, "64"), twelve[0], figure(rows, "52")):  # "on Tuesday, ... an operation that began in January 2019"
        assert (row["period_start"], row["period_end"]) == ("2020-09-08", "2020-09-08"), row["value_text"]
    assert (figure(rows, "188")["period_start"], figure(rows, "188")["period_end"]) == ("2021", "2021"), "'since 2021, when 188 ...'"
    held = figure(rows, "more than 300")
    assert (held["indicator"], held["period_start"], held["period_end"]) == ("detained_women_children", "", ""), "'are still held'"
    websites, channels = figure(rows, "40"), twelve[-1]
    assert websites["indicator"] == channels["indicator"] == "social_media_channels_blocked", "one verb for a list"
    assert (websites["period_start"], channels["subject"]) == ("", "KAZ")
    assert [(i["date"], i["country_iso3"]) for i in incidents(rows)] == [("2020-09-08", "KAZ"), ("2021", "KAZ")], \
        "no incident for 'The women were detained on arrival' or 'No group claimed any role'"


def test_running_totals_stocks_court_orders_and_who_returned(proposer):
    rows = propose(proposer, "12-totals-and-expulsions")
    reached = figure(rows, "258")  # "the number of Tajik citizens repatriated from Iraq has reached 258, of whom 190 are children"
    assert reached["indicator"] == "repatriated_people" and "number of" in reached["reason"]
    children = figure(rows, "190")
    assert (children["indicator"], children["counts"], children["part_of"]) == ("repatriated_people", "children", reached["candidate_id"])
    assert figure(rows, "about 400")["indicator"] == "conflict_migrants", "'remain in Syria and Iraq'"
    since = figure(rows, "742")  # "Since the first flight of the programme in April 2019, a total of 742 ..."
    assert (since["period_start"], since["period_end"]) == ("2019-04", "")
    assert figure(rows, "12")["indicator"] == "people_expelled", "'ordered 12 Tajik migrants to be deported'"
    assert figure(rows, "4")["indicator"] == "people_convicted"
    assert any(r.startswith("repeats a number") for r in excluded(rows)["four"]), "'The four, aged ...' is the 4 just given"
    assert [(i["date"], i["country_iso3"]) for i in incidents(rows)] == [("2020-11-06", "TJK")], \
        "no incident for 'since the first flight ... in April 2019' nor for men 'who returned from Syria'"
    assert not (rows["table"] == "channels").any(), "'raids on markets and hostels' is not a recruitment channel"


def test_stages_rankings_orphans_and_whom_an_arrest_counts(proposer):
    rows = propose(proposer, "13-stages-and-rankings")
    total = figure(rows, "88")
    orphans = figure(rows, "7")  # "58 children, of whom 7 are orphans": part of the 88, not added to it
    assert (orphans["counts"], orphans["part_of"], orphans["indicator"]) == ("orphans", total["candidate_id"], "repatriated_people")
    assert [figure(rows, v)["part_of"] for v in ("9", "21", "58")] == [total["candidate_id"]] * 3
    assert (total["period_start"], figure(rows, "58")["period_start"]) == ("2022-09-28", "2022-09-28"), "'arrived in Aktau on Wednesday'"
    for value, country in (("520", "UZB"), ("310", "TJK")):  # "returned the most ..., followed by Uzbekistan with 520"
        assert (figure(rows, value)["indicator"], figure(rows, value)["subject"]) == ("repatriated_people", country)
    suspects, members = figure(rows, "6"), figure(rows, "14")
    assert suspects["indicator"] == "people_arrested" and members["indicator"] == "people_detained"
    assert figure(rows, "1,500")["period_start"] == "2018", "'up from 1,500 in 2018'"
    migrants = figure(rows, "about 700,000")
    assert (migrants["indicator"], migrants["subject"], migrants["period_start"]) == ("labour_migrants", "KAZ", "")
    assert [(i["kind"], i["date"]) for i in incidents(rows)] == [("repatriation programme", "2022-09-28"), ("arrest", "2022-09-26")], \
        "no incident for 'had joined Islamic State in 2014', 'In total, 690 people have been returned' or 'arrived in'"


def test_group_names_in_arabic_construct_are_proposed_whole(proposer):
    text = ("Headline\n\nMOSCOW -- A court ordered the arrest of 2 men accused of recruiting for the Katibat al-Tawhid "
            "wal-Jihad group and for Hizb ut-Tahrir, officials said.")
    rows = proposer.propose("groups_news", text, "2023-10-27")
    assert set(rows.loc[rows["table"] == "groups", "name"]) == {"Katibat al-Tawhid wal-Jihad", "Hizb ut-Tahrir"}
