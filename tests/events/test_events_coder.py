"""The coder on real sentences, through the real spaCy pipeline and the real actor resolver.

Sentences are from the example articles (examples/caucasus, published June-July 2025) or
are news sentences of the same kind; each pins one construction of the coder."""
from __future__ import annotations

from datetime import datetime

import pytest

from dyadwatch import nlp
from dyadwatch.actors import resolve_actors
from dyadwatch.events import code_events
from dyadwatch.records import Article, Event, content_id

PUBLISHED = datetime(2025, 7, 4)


def code(text: str, published: datetime | None = PUBLISHED, **options) -> list[Event]:
    article = Article(article_id=content_id(text), path="test", body=text, published=published)
    parsed = nlp.parse_article(article)
    return code_events(parsed, resolve_actors(parsed), **options)


def one(events: list[Event], **fields) -> Event:
    """The single event matching every given field (`root` or a `code` prefix via code__startswith)."""
    found = [e for e in events if all(
        (getattr(e, k.split("__")[0]) or "").startswith(v) if k.endswith("__startswith") else getattr(e, k) == v
        for k, v in fields.items())]
    assert len(found) == 1, f"expected one event with {fields}, got {[(e.source, e.target, e.code, e.modality) for e in events]}"
    return found[0]


# --- subject, object, and every field of the record ------------------------------------------

def test_summon_subject_object_date_and_evidence():
    text = ("The response from Baku was swift. On June 28, Azerbaijani officials summoned Russia's "
            "chargé d'affaires over the incident.")
    events = code(text)
    event = one(events, code="114")
    assert event.source == "AZEGOV" and event.target.startswith("RUS")
    assert (event.date, event.date_precision, event.date_basis) == ("2025-06-28", "day", "explicit")
    assert event.evidence == text[text.index("On June 28"):]
    assert text[event.char_start:event.char_end] == event.evidence
    assert event.sentence_index == 1
    assert (event.root, event.quad_class, event.plover, event.goldstein) == ("11", 3, "ACCUSE", -2.0)
    assert event.modality == "asserted" and event.speaker is None
    assert event.rule.startswith("verb:summon") and event.rule.endswith("-> 114")
    assert 0 < event.confidence <= 1
    assert event.event_id == Event.make_id(event.article_id, 1, "114", event.source, event.target,
                                           text.index("summoned"))
    assert event.source_text == "Azerbaijani officials"


def test_an_arrest_on_an_explicit_day():
    event = one(code("Azerbaijani security personnel then arrested the remaining employees of Moscow-funded "
                     "Sputnik Azerbaijan on June 30."), root="17")
    assert event.code == "173" and event.source.startswith("AZE") and event.target.startswith("RUS")
    assert event.date == "2025-06-30"


# --- passives, prepositions, possessives, conjunctions ---------------------------------------

def test_passive_without_agent_has_a_target_only():
    event = one(code("Groups of Russian nationals have been detained on accusations of drug trafficking."),
                code="173")
    assert event.source is None and event.target.startswith("RUS")
    assert "passive" in event.rule


def test_passive_with_agent_turns_the_roles_round():
    event = one(code("Russia's chargé d'affaires was summoned by the Azerbaijani Foreign Ministry on Saturday."),
                code="114")
    assert event.source == "AZEGOV" and event.target.startswith("RUS")
    assert (event.date, event.date_basis) == ("2025-06-28", "relative")


def test_accused_x_of():
    event = one(code("Yerevan has accused Moscow of abandoning its security commitments."), root="11")
    assert event.source.startswith("ARM") and event.target.startswith("RUS")
    assert event.code == "112"


def test_called_on_x_to_is_an_appeal_to_x():
    event = one(code("Armenia called on Russia to respect its commitments under the treaty."), root="02")
    assert (event.source, event.target) == ("ARM", "RUS")
    assert event.plover == "REQUEST"


def test_visit_to_and_meet_with_in_one_sentence():
    events = code("The Speaker of the National Assembly of Armenia, Alen Simonyan, paid an official visit to "
                  "Russia, where he met with Russian Foreign Minister Sergey Lavrov.")
    visit = one(events, code="042")
    assert visit.source == "ARMLEG" and visit.target == "RUS" and visit.rule.startswith("noun:visit")
    meeting = one(events, root="04", target="RUSGOV")
    assert meeting.source == "ARMLEG"


def test_talks_with_someone_held_by_the_subject():
    event = one(code("Pashinyan held talks with Lavrov in Moscow yesterday."), root="04")
    assert (event.source, event.target) == ("ARMGOV", "RUSGOV")
    assert (event.date, event.date_basis) == ("2025-07-03", "relative")


def test_two_subjects_joined_by_and_give_two_events():
    events = code("Armenia and Azerbaijan agreed to resume peace talks last week.")
    assert sorted(e.source for e in events if e.root == "03") == ["ARM", "AZE"]


# --- nominal events --------------------------------------------------------------------------

def test_the_arrest_of():
    event = one(code("The arrest of two Azerbaijani citizens in Yekaterinburg angered Baku."), code="173")
    assert event.target.startswith("AZE") and event.rule.startswith("noun:arrest")


def test_the_closure_of_the_russian_cultural_center():
    # the convention, under the patterns' code: a closure told without its agent is the doing of the
    # state it happens in (whether a listed closure is an event is the model's call, at about even odds)
    event = one(code("The events included the closure of the Russian cultural center in Baku.", decider=None),
                code="172")
    assert (event.source, event.target) == ("AZE", "RUS")


def test_someones_absence_from_the_parade():
    event = one(code("Observers see Ilham Aliyev's absence from the parade in Moscow as a clear political signal."),
                rule__startswith="noun:absence")
    assert event.source == "AZEGOV" and event.root == "12"


# --- modality and speaker --------------------------------------------------------------------

def test_not_ruled_out_is_hypothetical():
    events = code("Informal meetings between Pashinyan and Kremlin representatives are not ruled out.")
    assert events, "the meeting is coded, as a possibility"
    assert all(e.modality == "hypothetical" for e in events)
    event = one(events, root="04")
    assert (event.source, event.target) == ("ARMGOV", "RUSGOV")


def test_did_not_attend_is_negated():
    event = one(code("Ilham Aliyev did not attend the parade in Moscow."), root="04")
    assert event.modality == "negated" and event.source == "AZEGOV"


def test_will_travel_is_a_future_intent_with_the_announced_date():
    text = ("Armenian Prime Minister Nikol Pashinyan will travel to Moscow to take part in the "
            "May 9 Victory Day celebrations.")
    events = code(text, published=datetime(2025, 5, 7))
    event = one(events, source="ARMGOV", target="RUS")
    assert event.modality == "future" and event.code == "036" and event.plover == "AGREE"
    assert (event.date, event.date_basis) == ("2025-05-09", "explicit")
    assert "intent" in event.rule


def test_plans_to_is_future():
    event = one(code("Pashinyan plans to visit Moscow in May 2026."), root="03")
    assert event.modality == "future" and event.source == "ARMGOV"
    assert (event.date, event.date_precision) == ("2026-05-01", "month")


def test_may_and_unlikely_are_hypothetical():
    may = one(code("Armenia may suspend its membership in the CSTO."), root="16")
    assert may.modality == "hypothetical" and may.target == "IGOEURCSTO"
    unlikely = one(code("Azerbaijan is unlikely to send troops to Russia."), source="AZE")
    assert unlikely.modality == "hypothetical"


def test_refused_to_is_a_rejection_of_the_act_refused():
    event = one(code("Russia has refused to return the Armenian prisoners."), root="12")
    assert (event.source, event.target, event.code) == ("RUS", "ARM", "124")


def test_reported_speech_records_the_speaker():
    event = one(code("Lavrov said that Russia would not attend the talks with Armenia."), source="RUS")
    assert event.speaker == "RUSGOV"
    assert event.root == "12"  # a stated refusal to meet


@pytest.mark.parametrize("text", [
    "Relations have entered a new phase of dismantling.",
    "Pashinyan said the policy remains historically and diplomatically significant.",
    "The weather in Baku was warm on Wednesday.",
])
def test_sentences_without_an_event_give_nothing(text):
    assert code(text) == []


# --- the `dyadwatch code --jsonl` contract ---------------------------------------------------


def test_saying_another_must_act_is_a_demand_on_them():
    events = code("The Bush administration declared that Armenia must withdraw its troops from the border.")
    demand = one(events, code="100")
    assert demand.target == "ARM" and demand.source.startswith("USA")
    assert "must" in demand.rule
    withdrawal = one(events, root="08")
    assert withdrawal.modality == "hypothetical" and withdrawal.speaker == demand.source


def test_claiming_that_another_attacked_is_an_accusation():
    events = code("The US claimed that ISIL had attacked Iraq.")
    accusation = one(events, code="112")
    assert accusation.source == "USA" and accusation.target.startswith("IMG")
    attack = one(events, root="19")
    assert attack.speaker == "USA" and attack.target == "IRQ"


def test_a_protest_noun_staged_by_protesters_is_aimed_at_home():
    event = one(code("Thousands of Armenian protesters staged a rally in Yerevan on Sunday."), code="141")
    assert event.source.startswith("ARM") and event.target == "ARM"
    assert "domestic" in event.rule and event.date == "2025-06-29"


def test_the_purpose_of_a_protest_is_part_of_it():
    events = code("Armenian protesters staged demonstrations in Yerevan to demand new elections.")
    assert [e.root for e in events] == ["14"]


def test_receiving_a_minister_is_hosting_and_being_visited():
    events = code("Azerbaijani President Ilham Aliyev received Russian Foreign Minister Sergey Lavrov in Baku.")
    host = one(events, code="043")
    visit = one(events, code="042")
    assert (host.source, host.target) == ("AZEGOV", "RUSGOV") and (visit.source, visit.target) == ("RUSGOV", "AZEGOV")
    assert "mirror" in visit.rule


def test_a_threat_takes_its_target_from_what_is_threatened():
    event = one(code("Russia threatened to cut gas supplies to Armenia."), root="13")
    assert (event.source, event.target) == ("RUS", "ARM")


def test_joint_subjects_of_a_cooperative_act_act_with_each_other():
    events = code("Armenia and Azerbaijan agreed to resume peace talks last week.")
    assert sorted((e.source, e.target) for e in events) == [("ARM", "AZE"), ("AZE", "ARM")]


def test_a_purpose_clause_repeating_the_actor_adds_no_event():
    events = code("Armenian Prime Minister Nikol Pashinyan will travel to Moscow to take part in the "
                  "May 9 Victory Day celebrations.", published=datetime(2025, 5, 7))
    assert len(events) == 1


def test_background_clause_without_both_sides_named_is_not_coded():
    events = code("Russian aircraft shelled Ukrainian positions near the town, which had been captured earlier.")
    assert [e.root for e in events] == ["19"]


# --- explain -----------------------------------------------------------------------------------

def test_explain_shows_each_trigger_and_its_fate():
    from dyadwatch.events import explain_text

    out = explain_text("Pashinyan said that Armenia plans to visit Moscow.", date="2025-07-04")
    sentence = out["sentences"][0]
    assert any(t["dep"] == "ccomp" for t in sentence["tokens"])
    assert {m["code"] for m in sentence["mentions"]} >= {"ARMGOV", "ARM"}
    fates = {t["trigger"]: t["decision"] for t in sentence["triggers"]}
    assert fates["plans"].startswith("not coded: it frames")
    assert fates["visit"].startswith("coded")
    event = sentence["events"][0]
    assert event["speaker"] == "ARMGOV" and event["modality"] == "future"
