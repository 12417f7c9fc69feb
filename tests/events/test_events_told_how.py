"""How an act is told, pinned by real sentences (the example articles and the pages of
../shared/eval): denied, asked, told as history, done to the people a phrase names."""
from __future__ import annotations

from datetime import datetime

from dyadwatch.events.dates import resolve_date

from support import code_text as code


def test_an_act_told_by_another_side_is_alleged_with_its_speaker():
    shelled = code("Ukrainian officials said Russian troops shelled Kharkiv on Monday.")
    assert [(e.source, e.root, e.modality, e.speaker) for e in shelled] == [("RUSMIL", "19", "alleged", "UKRGOV")]
    fire = [e for e in code("The Armenian Foreign Ministry said that Azerbaijani troops opened fire on Armenian "
                            "positions.") if e.root == "19"]
    assert [(e.source, e.modality, e.speaker) for e in fire] == [("AZEMIL", "alleged", "ARMGOV")]
    governor = code("Russian forces shelled Kharkiv on Monday, according to the regional governor.")
    assert [e.modality for e in governor] == ["alleged"]


def test_an_actor_telling_its_own_act_asserts_it():
    events = code("Lavrov said Russia and Armenia had agreed to extend the treaty.")
    assert events and all(e.modality == "asserted" and e.speaker == "RUSGOV" for e in events)
    plain = code("Russian troops shelled Kharkiv on Monday.")
    assert [(e.modality, e.speaker) for e in plain] == [("asserted", None)]


def test_an_act_in_a_when_clause_after_since_takes_that_year():
    events = code("Next door to Azerbaijan, Armenia-Russia ties have been declining since 2020, when Russia failed "
                  "to effectively intervene in that year's war between Yerevan and Baku.")
    intervene = [e for e in events if e.source == "RUS"]
    assert intervene and all(e.modality == "negated" for e in intervene)
    assert {(e.date, e.date_precision, e.date_basis) for e in intervene} == {("2020-01-01", "year", "explicit")}


def test_history_without_a_date_belongs_to_no_period():
    events = code("In the last few years, Baku has dismantled what little independent media existed in the "
                  "country, increased its role in global energy markets and trade, and successfully fought a war "
                  "against Armenia.")
    assert events and all(e.date is None and e.date_basis == "background" for e in events)


def test_a_year_with_a_preposition_dates_the_act_and_a_count_does_not():
    published = datetime(2025, 7, 4)
    hosted = resolve_date("Azerbaijan hosted COP 29 in 2024.", published, near=11)
    assert (hosted.date, hosted.precision, hosted.basis) == ("2024-01-01", "year", "explicit")
    troops = resolve_date("The ministry said 2000 troops were sent to the border.", published, near=30)
    assert troops.basis == "article"


def test_a_past_perfect_with_no_date_is_background_and_one_with_a_date_keeps_it():
    background = resolve_date("Its troops had opened fire on the villages.", datetime(2025, 7, 4), near=16,
                              told_before=True)
    assert (background.date, background.basis) == (None, "background")
    dated = resolve_date("Baku's State Prosecutor announced on July 1 that it had opened an investigation.",
                         datetime(2025, 7, 4), near=50, told_before=True)
    assert (dated.date, dated.basis) == ("2025-07-01", "explicit")


def test_a_denied_act_is_not_asserted():
    events = code("Azerbaijan denied that its troops had opened fire on Armenian villages.")
    assert not any(e.modality == "asserted" and e.root >= "14" for e in events)
    fired = [e for e in events if e.root in ("18", "19")]
    assert all(e.modality == "negated" for e in fired)


def test_rejected_reports_of_an_act_deny_it():
    events = code("The Kremlin rejected reports that Russian troops had attacked Ukrainian positions near Kharkiv.")
    assert not any(e.modality == "asserted" and e.root in ("18", "19") for e in events)


def test_a_question_codes_nothing():
    # from a page of ../shared/eval/extraction-dev (a Q&A on tariffs)
    assert code("What tariffs has the United States imposed?") == []


def test_people_made_to_act_are_the_target_not_the_actor():
    events = code("Videos released show the arrested Russians forced to walk and crouch in a humiliating manner.")
    assert not any(e.source and e.source.startswith("RUS") for e in events)



def test_not_able_to_negates_and_a_body_telling_of_itself_asserts():
    """"police alone are not able to end the violence", said Hong Kong's police commissioner."""
    events = code("Chris Tang, Hong Kong's new police commissioner, said in an interview that police alone are "
                  "not able to end the violence.")
    assert events and all(e.modality == "negated" for e in events)


def test_a_past_when_clause_of_a_present_one_is_background():
    events = code("They worry China is taking back the freedoms given to Hong Kong when the UK returned the "
                  "territory to China.")
    returned = [e for e in events if e.source == "GBR"]
    assert returned and all(e.date is None and e.date_basis == "background" for e in returned)
    # told as news in the past, a "when" clause keeps its article's date
    invaded = [e for e in code("When Russia invaded Georgia, NATO protested.") if e.source == "RUS"]
    assert invaded and all(e.date_basis != "background" for e in invaded)


def test_hosting_a_company_is_no_visit():
    events = code("Seoul accused Beijing of dumping solar panels on Monday. South Korea also hosts several "
                  "polysilicon manufacturers, including the OCI Group and Hanwha Q Cells parent Hanwha Group.")
    assert ("KOR", "043") in {(e.source, e.code) for e in events}
    assert not [e for e in events if e.code == "042"]  # the companies did not visit South Korea


def test_a_hoped_for_meeting_is_an_intent_not_a_meeting():
    events = code("Pashinyan hoped to meet Putin in Moscow.")
    assert [(e.source, e.code, e.modality) for e in events] == [("ARMGOV", "036", "future")]


def test_reportedly_tells_an_act_as_done_by_unnamed_sources():
    # "reportedly" is not a hedge: the act is reported as done, by others (alleged, counted)
    events = code("Reportedly, the Turkish police had detained several journalists in Istanbul.")
    (arrest,) = [e for e in events if e.root == "17"]
    assert arrest.modality == "alleged" and arrest.speaker is None
    events = code("Azerbaijani troops allegedly shelled Armenian villages near the border.")
    assert {e.modality for e in events if e.root == "19"} == {"alleged"}


def test_reportedly_with_may_stays_possible():
    events = code("Russia may reportedly send more troops to Syria.")
    assert events and {e.modality for e in events} == {"hypothetical"}
