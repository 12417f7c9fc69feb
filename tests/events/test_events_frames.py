"""How the coder builds its frames (predicate + sides, from the parse), one construction at a
time, each pinned by real sentences: the example articles (examples/caucasus/*.txt, with their
<u> markup left out) and the dev gold of ../shared/eval (pairs-dev, plover-dev, events-dev,
extraction-dev). The texts are copied literally.

The assertions are on the FRAME (who the syntax puts on which side, and how it found them), not
on the code the learned decision gives, so they hold when the decision model is retrained.
A construction the coder does not get right today is pinned anyway, as a strict xfail.
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache

import pytest

from dyadwatch import nlp
from dyadwatch.actors import resolve_actors
from dyadwatch.events import code_events
from dyadwatch.events.reasons import Reason
from dyadwatch.pipeline import Analyser
from dyadwatch.records import Argument, Article, Decision, Event, Frame, content_id

PUBLISHED = datetime(2024, 5, 1)


class Coded:
    """What the coder made of one text: its frames (with decisions and events), trace and events."""

    def __init__(self, frames: list[tuple[Frame, Decision, list[Event]]], trace: list[dict], events: list[Event]):
        self.frames = frames
        self.trace = trace
        self.events = events

    def frame(self, trigger: str) -> Frame:
        """The frame of the (first) trigger word `trigger`."""
        found = [f for f, _, _ in self.frames if f.trigger == trigger]
        assert found, f"no frame for {trigger!r}; frames: {[f.trigger for f, _, _ in self.frames]}"
        return found[0]

    def events_of(self, trigger: str) -> list[Event]:
        return [e for f, _, found in self.frames if f.trigger == trigger for e in found]

    def steps(self, trigger: str) -> list[dict]:
        return [step for step in self.trace if step["trigger"] == trigger]


@lru_cache(maxsize=None)
def coded(text: str) -> Coded:
    """Parse `text` as an article, resolve its actors and code it through the shipped stages."""
    analyser = Analyser.from_settings()
    article = Article(article_id=content_id(text), path="test", body=text, published=PUBLISHED)
    parsed = nlp.parse_article(article)
    mentions = resolve_actors(parsed, dictionary=analyser.dictionary)
    frames: list = []
    trace: list = []
    events = code_events(parsed, mentions, patterns=analyser.patterns, ontology=analyser.ontology,
                         decider=analyser.decider, trace=trace, frames=frames)
    return Coded(frames, trace, events)


def texts(arguments: list[Argument]) -> list[str]:
    return [a.text for a in arguments]


def one(arguments: list[Argument], words: str) -> Argument:
    """The single argument whose text contains `words`."""
    found = [a for a in arguments if words in a.text]
    assert len(found) == 1, f"{words!r} in {texts(arguments)}"
    return found[0]


def pairs(events: list[Event]) -> set[tuple[str | None, str | None]]:
    return {(e.source_text, e.target_text) for e in events}


# --- subject -> source, direct object -> target ---------------------------------------------

def test_subject_is_the_source_and_the_direct_object_the_target():
    # examples/caucasus/000_265bb5512f582eec.txt
    c = coded("Yerevan has accused Moscow of abandoning its security commitments, suspended participation in the "
              "Russia-led military bloc of CSTO, and ratified the Rome Statute of the International Criminal "
              "Court—a move that sparked strong Russian objections.")
    accused = c.frame("accused")
    assert (accused.lemma, accused.pos, accused.entry) == ("accuse", "verb", "accuse")
    assert texts(accused.sources) == ["Yerevan"] and accused.sources[0].role == "source"
    assert texts(accused.targets) == ["Moscow"] and accused.targets[0].role == "dobj"
    assert accused.how == "dobj"
    assert "obj=moscow" in accused.context
    # the joined verbs share the subject: "suspended participation in ...", "ratified the Rome Statute of ..."
    assert texts(c.frame("suspended").sources) == ["Yerevan"]
    assert texts(c.frame("ratified").sources) == ["Yerevan"]
    assert "International Criminal Court" in texts(c.frame("ratified").targets)


def test_a_subject_suing_an_object():
    # pairs-dev.jsonl zsp-4722ac497732 (the ACLU is in the actor dictionary: a named NGO, not an open actor)
    c = coded("SAN FRANCISCO - The American Civil Liberties Union is suing the FBI for records to find out more "
              "about a divisive 2017 report on the rise of black extremists following the shooting deaths of "
              "African-Americans.")
    suing = c.frame("suing")
    assert one(suing.sources, "American Civil Liberties Union").basis == "dictionary"
    assert texts(suing.targets) == ["FBI"] and suing.how == "dobj"


# --- passive ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, trigger, agent, patient", [
    # pairs-dev.jsonl zsp-55a5988b511b
    ("Disha Ravi was arrested by Delhi Police for collaborating with a pro-Khalistani outfit to spread "
     "disaffection against India.", "arrested", "Delhi Police", "Disha Ravi"),
    # pairs-dev.jsonl zsp-cfacf5f97a84
    ("The Palestinian leader Yasir Arafat was criticized by Bush administration officials as damaging American "
     "diplomatic efforts and slowing the process of Palestinian reform.", "criticized",
     "Bush administration officials", "Yasir Arafat"),
])
def test_passive_with_by_the_agent_is_the_source_and_the_subject_the_target(text, trigger, agent, patient):
    frame = coded(text).frame(trigger)
    assert texts(frame.sources) == [agent] and frame.sources[0].role == "source"
    assert len(frame.targets) == 1 and patient in frame.targets[0].text
    assert frame.how == "passive" and frame.targets[0].role == "passive"
    assert "passive" in frame.context and "prep=by" in frame.context


def test_passive_without_agent_has_its_subject_as_the_target_and_no_source_from_the_syntax():
    # pairs-dev.jsonl zsp-983b968759b8
    c = coded("The jornalist Moussa Tchangari was arrested on Monday in Niger for collaborating with Boko Haram "
              "Islamists earlier this week.")
    arrested = c.frame("arrested")
    assert arrested.sources == []
    assert arrested.how == "passive"
    assert "Moussa Tchangari" in one(arrested.targets, "Tchangari").text
    assert "passive" in arrested.context


def test_passive_without_agent_expelled_from_a_country():
    # pairs-dev.jsonl zsp-3b7b8c971cbb
    frame = coded("Two inspectors for the United Nations nuclear monitoring agency have been expelled from North "
                  "Korea amid an escalating standoff over the regime's recent rocket launch.").frame("expelled")
    assert frame.how == "passive"
    assert "Two inspectors" in one(frame.targets, "inspectors").text
    assert not any("inspectors" in s.text for s in frame.sources)


@pytest.mark.xfail(reason="'expelled from North Korea': the country expelling is not taken as the source of "
                          "an agentless passive (gold: North Korea -> the inspectors)", strict=True)
def test_passive_expelled_from_x_has_x_as_its_source():
    # pairs-dev.jsonl zsp-3b7b8c971cbb
    frame = coded("Two inspectors for the United Nations nuclear monitoring agency have been expelled from North "
                  "Korea amid an escalating standoff over the regime's recent rocket launch.").frame("expelled")
    assert any("North Korea" in s.text for s in frame.sources)


# --- prepositional targets --------------------------------------------------------------------

def test_talks_with_x_the_light_verb_frame_targets_the_with_phrase():
    # pairs-dev.jsonl zsp-927d80e65889
    c = coded("Theresa May will hold talks with European Council president Donald Tusk as she attempts to "
              "secure a breakthrough in the Brexit process.")
    hold = c.frame("hold")
    assert texts(hold.sources) == ["Theresa May"]
    assert "Donald Tusk" in one(hold.targets, "Tusk").text
    assert hold.how == "prep:with" and hold.targets[0].role == "prep:with"
    assert "aux=will" in hold.context and "obj=talk" in hold.context
    # the talks are the content of "hold": part of its event, not a frame of their own
    assert [s["reason"] for s in c.steps("talks")] == [Reason.PART_OF_ANOTHER]


def test_visit_to_x_by_y_a_noun_frame():
    # pairs-dev.jsonl zsp-c113068ccb52
    c = coded("Vladimir Putin has hosted Saudi King Salman for talks at the Kremlin, in the first official visit "
              "to Russia by a reigning Saudi monarch.")
    visit = c.frame("visit")
    assert visit.pos == "noun"
    assert "Saudi monarch" in one(visit.sources, "monarch").text
    assert texts(visit.targets) == ["Russia"] and visit.how == "noun-prep:to"
    hosted = c.frame("hosted")
    assert texts(hosted.sources) == ["Vladimir Putin"] and texts(hosted.targets) == ["Saudi King Salman"]
    assert hosted.how == "dobj"


def test_called_on_x_to_the_on_phrase_is_the_target_and_the_complement_is_part_of_the_call():
    # pairs-dev.jsonl (the Jotyar Adil record)
    c = coded("On Friday, Jotyar Adil, the KRG's ofcial spokesperson, in a statement condemned the killing of "
              "civilians during the Turkish military operations, and called on Turkey to respect \"the sovereignty "
              "of our lands and homeland\"")
    called = c.frame("called")
    assert called.entry == "call on"
    assert "Jotyar Adil" in called.sources[0].text
    assert texts(called.targets) == ["Turkey"] and called.how == "prep:on"
    assert [s["reason"] for s in c.steps("respect")] == [Reason.PART_OF_ANOTHER]


@pytest.mark.xfail(reason="the source phrase of 'lead' runs on past the apposition into "
                          "'will on Tuesday, June 19'", strict=True)
def test_the_side_phrase_of_an_apposed_subject_stops_at_the_apposition():
    # pairs-dev.jsonl zsp-882b12b89fbf
    c = coded("Senate President, Bukola Saraki, will on Tuesday, June 19, lead a Senate delegation on a three-day "
              "parliamentary visit to Russia.")
    lead = c.frame("lead")
    assert texts(lead.targets) == ["Russia"]
    assert len(lead.sources) == 1 and "Bukola Saraki" in lead.sources[0].text
    assert "June" not in lead.sources[0].text and "will" not in lead.sources[0].text


# --- possessive and nominal events ------------------------------------------------------------

def test_possessors_meeting_with_y():
    # pairs-dev.jsonl zsp-abd60d140ce4
    c = coded("An Istanbul court this week freed a Turkish consulate employee accused of involvement in a coup "
              "attempt against Erdogan from house arrest for health reasons, widely seen as a friendly gesture "
              "ahead of Erdogan's meeting with Trump.")
    meeting = c.frame("meeting")
    assert meeting.pos == "noun"
    assert "Erdogan" in one(meeting.sources, "Erdogan").text
    assert texts(meeting.targets) == ["Trump"] and meeting.how == "noun-prep:with"
    freed = c.frame("freed")
    assert "Istanbul court" in freed.sources[0].text
    assert "Turkish consulate employee" in freed.targets[0].text and freed.how == "dobj"


def test_visit_of_x_to_y():
    # examples/caucasus/004_baccdb6574d61fde.txt
    c = coded("The recent failed visit of Armenian National Assembly Speaker Alen Simonyan to Russia—marked by the "
              "absence of meetings with State Duma Speaker Vyacheslav Volodin and other key Russian officials "
              "responsible for the post-Soviet space—became an important signal of this transformation.")
    visit = c.frame("visit")
    assert visit.pos == "noun"
    assert "Alen Simonyan" in one(visit.sources, "Simonyan").text
    assert texts(visit.targets) == ["Russia"] and visit.how == "noun-prep:to"
    # what happens within the visit is the visitor's doing
    meetings = c.frame("meetings")
    assert "Alen Simonyan" in meetings.sources[0].text
    assert "Vyacheslav Volodin" in meetings.targets[0].text and meetings.how == "noun-prep:with"


def test_the_arrest_of_x_announced_by_y():
    # pairs-dev.jsonl zsp-d6136c7b0db1
    c = coded("On 21 June Mexican authorities announced the arrest of 26 alleged members of Santa Rosa de Lima "
              "gang after burning vehicles were used as road blocks in the cities of Celaya, Salamanca and "
              "Villagran.")
    arrest = c.frame("arrest")
    assert arrest.pos == "noun" and arrest.how == "noun-prep:of"
    assert "Mexican authorities" in one(arrest.sources, "authorities").text
    assert "alleged members of Santa Rosa de Lima gang" in one(arrest.targets, "members").text


def test_ordered_the_arrest_of_x_the_noun_is_part_of_the_order():
    # pairs-dev.jsonl zsp-6b6945eb4fea
    c = coded("The Regional Trial Court in Cebu City has ordered the arrest of one of two men, who are facing two "
              "counts of illegal possession of firearms and for violation of election gun ban in Tomas Oppus town, "
              "Southern Leyte in 2016.")
    ordered = c.frame("ordered")
    assert "Regional Trial Court in Cebu City" in ordered.sources[0].text
    assert ordered.how == "arrest:noun-prep:of" and "men" in ordered.targets[0].text
    assert [s["reason"] for s in c.steps("arrest")] == [Reason.PART_OF_ANOTHER]


# --- coordination -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, trigger, first, second", [
    # plover-dev.jsonl PLOVER-GSR01-AGREE-0004
    ("Jordan and Britain have agreed to undertake joint military exercises this month, a Jordanian official "
     "confirmed.", "agreed", "Jordan", "Britain"),
    # pairs-dev.jsonl zsp-c3c80b248a76
    ("India and Pakistan agreed to a cease-fire to end months of fighting along their disputed border in "
     "Kashmir.", "agreed", "India", "Pakistan"),
    # plover-dev.jsonl (Bosnia and Slovenia)
    ("Bosnia and Slovenia agreed to a ceasefire after two days of fierce fighting but media reports said "
     "sporadic clashes were still continuing.", "agreed", "Bosnia", "Slovenia"),
])
def test_joined_subjects_are_two_sources_and_agree_with_each_other(text, trigger, first, second):
    c = coded(text)
    frame = c.frame(trigger)
    assert texts(frame.sources) == [first, second]
    assert all(s.role == "source" and s.basis == "dictionary" for s in frame.sources)
    # no actor is named on the other side: the joint subjects act with each other, both ways
    assert not any(t.code and not t.code.startswith("---") for t in frame.targets)
    events = c.events_of(trigger)
    if events:  # (whether it is an event at all is the learned decision's call)
        assert pairs(events) == {(first, second), (second, first)}


def test_an_open_pair_of_joined_subjects():
    # extraction-dev.jsonl, gold_body of page e7994d5500875202...
    frame = coded("In their first TV debate of the election on Tuesday, Johnson and Corbyn attacked each other’s "
                  "policies on Brexit, health care and the economy.").frame("attacked")
    assert texts(frame.sources) == ["Johnson", "Corbyn"]
    assert [(s.code, s.basis) for s in frame.sources] == [(None, "open"), (None, "open")]


# --- control ----------------------------------------------------------------------------------

def test_leading_x_to_accuse_the_object_is_the_subject_of_the_complement():
    # examples/caucasus/001_06b957513f3cc91e.txt
    c = coded("Meanwhile, in response, Russia ratcheted up media attacks on Armenia's Prime Minister Nikol "
              "Pashinyan and his government, leading Armenian elites to accuse Russia of waging \"hybrid warfare.\"")
    accuse = c.frame("accuse")
    assert texts(accuse.sources) == ["Armenian elites"]
    assert texts(accuse.targets) == ["Russia"] and accuse.how == "dobj"
    leading = c.frame("leading")
    assert texts(leading.sources) == ["Russia"] and texts(leading.targets) == ["Armenian elites"]
    attacks = c.frame("attacks")
    assert attacks.pos == "noun" and texts(attacks.sources) == ["Russia"]
    assert "Nikol Pashinyan" in attacks.targets[0].text and attacks.how == "noun-prep:on"


def test_allowing_x_to_act_the_clause_subject_acts():
    # pairs-dev.jsonl zsp-c138ce7ab86e
    c = coded("The UN withdrew peacekeepers from Sinai allowing Nasser to mass his divisions on Israels border.")
    withdrew = c.frame("withdrew")
    assert texts(withdrew.sources) == ["The UN"]
    assert texts(withdrew.targets) == ["Sinai"] and withdrew.how == "prep:from"
    allowing = c.frame("allowing")
    assert texts(allowing.targets) == ["Nasser"] and allowing.how == "clause-subject"
    mass = c.frame("mass")
    assert texts(mass.sources) == ["Nasser"]
    assert "Israels border" in mass.targets[0].text


def test_urging_x_to_act_x_is_the_target_and_the_complement_is_part_of_the_appeal():
    # pairs-dev.jsonl zsp-0b6520bbff65
    c = coded("Former prime minister Paul Keating has launched an extraordinary attack on Australia's spy chiefs, "
              "calling them \"nutters\" and urging Bill Shorten to sack them to improve relations with China if he "
              "wins the election.")
    urging = c.frame("urging")
    assert "Paul Keating" in urging.sources[0].text
    assert texts(urging.targets) == ["Bill Shorten"] and urging.how == "dobj"
    assert [s["reason"] for s in c.steps("sack")] == [Reason.PART_OF_ANOTHER]
    # "launched an attack on X": the light verb's frame carries the noun's target
    launched = c.frame("launched")
    assert "Paul Keating" in launched.sources[0].text
    assert "spy chiefs" in launched.targets[0].text and launched.how == "dobj-prep:on"
    assert [s["reason"] for s in c.steps("attack")] == [Reason.PART_OF_ANOTHER]


def test_agreed_to_release_the_complement_is_consumed_into_the_agreement():
    # events-dev.jsonl (Jordan has agreed to release ...)
    c = coded("Jordan has agreed to release 75 Palestinian prisoners , Palestinian sources said in Beirut today .")
    agreed = c.frame("agreed")
    assert texts(agreed.sources) == ["Jordan"]
    assert texts(agreed.targets) == ["75 Palestinian prisoners"]
    assert agreed.how == "release:dobj"
    assert "xcomp=release" in agreed.context and "complement_lemma=release" in agreed.context
    assert all(f.trigger != "release" for f, _, _ in c.frames)
    (step,) = c.steps("release")
    assert step["reason"] == Reason.PART_OF_ANOTHER and step["frame"] is None


@pytest.mark.xfail(reason="'forced a plane ... to land': spaCy hangs 'to land' under 'flying', and the "
                          "complement's subject becomes the jets instead of the plane", strict=True)
def test_forced_x_to_land_the_object_lands():
    # pairs-dev.jsonl (Indian Air Force fighter jets ...)
    c = coded("Indian Air Force fighter jets forced a Georgian cargo plane flying from Karachi to New Delhi to land "
              "in the northern city of Jaipur on Friday after it allegedly violated Indian airspace.")
    forced = c.frame("forced")
    assert "Georgian cargo plane" in forced.targets[0].text and forced.how == "dobj"
    land = c.frame("land")
    assert [s.text for s in land.sources] == ["Georgian cargo plane"]


# --- open actors ------------------------------------------------------------------------------

def test_a_company_no_dictionary_holds_is_an_open_target():
    # pairs-dev.jsonl zsp-8d6f14b52636
    c = coded("On 4 October 2007, the Munich I Regional Court convicted Siemens to pay a fine of 201 million EUR "
              "for bribes paid abroad by its telecommunications subsidiary")
    convicted = c.frame("convicted")
    assert "Munich I Regional Court" in convicted.sources[0].text
    (siemens,) = convicted.targets
    assert (siemens.text, siemens.code, siemens.basis, siemens.role) == ("Siemens", None, "open", "dobj")
    # and the open actor is kept on the event, with its words
    for event in c.events_of("convicted"):
        assert event.target_text == "Siemens" and not event.target


def test_a_person_no_dictionary_holds_is_an_open_side():
    # pairs-dev.jsonl zsp-983b968759b8
    frame = coded("The jornalist Moussa Tchangari was arrested on Monday in Niger for collaborating with Boko "
                  "Haram Islamists earlier this week.").frame("arrested")
    person = one(frame.targets, "Moussa Tchangari")
    assert (person.code, person.basis) == (None, "open")
    assert frame.char_start < frame.char_end and frame.trigger == "arrested"


def test_an_agency_no_dictionary_holds_is_an_open_side():
    # pairs-dev.jsonl zsp-3b7b8c971cbb
    frame = coded("Two inspectors for the United Nations nuclear monitoring agency have been expelled from North "
                  "Korea amid an escalating standoff over the regime's recent rocket launch.").frame("expelled")
    inspectors = one(frame.targets, "inspectors")
    assert (inspectors.code, inspectors.basis) == (None, "open")
    assert "United Nations nuclear monitoring agency" in inspectors.text


def test_an_acronym_the_tagger_reads_as_a_noun_is_an_open_side():
    # the tagger gives "ICE" as a common noun (ice): capitals name a body
    frame = coded("ICE returned 11 oil paintings to the municipal museum of Pirmasens.").frame("returned")
    (agency,) = frame.sources
    assert (agency.text, agency.code, agency.basis) == ("ICE", None, "open")


def test_capitals_in_a_headline_are_not_acronyms():
    from dyadwatch.actors.open import is_actor_like
    from dyadwatch.nlp import parse_text

    # the same words the tagger reads as common nouns: a body in a sentence, not in a capitals headline
    headline = parse_text("POLICE RETURN STOLEN PAINTINGS TO MUSEUM")
    assert [t.text for t in headline if t.pos_ == "NOUN" and is_actor_like(t)] == []  # POLICE, six capitals
    assert [t.text for t in parse_text("ICE returned 11 oil paintings.") if is_actor_like(t)] == ["ICE"]


# --- datelines --------------------------------------------------------------------------------

def _dateline_words(frame: Frame, dateline: str) -> list[str]:
    return [a.text for a in frame.sources + frame.targets if any(w in a.text for w in dateline.split())]


def test_the_dateline_place_is_not_a_side():
    # pairs-dev.jsonl zsp-52edba65d78b
    c = coded("KILIS, Turkey -- A Turkish court on Friday convicted an Australian-born Islamic State militant of "
              "belonging to a terror group and sentenced him to more than seven years in prison.")
    convicted = c.frame("convicted")
    assert texts(convicted.sources) == ["Turkish court"]
    assert "Australian-born Islamic State militant" in convicted.targets[0].text
    for frame, _, _ in c.frames:
        assert _dateline_words(frame, "KILIS") == []
        assert all(a.char_start > len("KILIS, Turkey --") for a in frame.sources + frame.targets)


def test_a_dateline_before_a_single_dash_is_not_a_side():
    # pairs-dev.jsonl zsp-4722ac497732
    c = coded("SAN FRANCISCO - The American Civil Liberties Union is suing the FBI for records to find out more "
              "about a divisive 2017 report on the rise of black extremists following the shooting deaths of "
              "African-Americans.")
    for frame, _, _ in c.frames:
        assert _dateline_words(frame, "SAN FRANCISCO") == []


def test_the_hague_dateline_is_not_the_source():
    # pairs-dev.jsonl zsp-b83a10a69160
    c = coded("THE HAGUE, Netherlands -- A United Nations prosecutor has charged a former Rwandan planning minister "
              "with contempt of court for allegedly bribing witnesses to recant testimony in an attempt to overturn "
              "his genocide convictions.")
    charged = c.frame("charged")
    assert "former Rwandan planning minister" in charged.targets[0].text
    assert len(charged.sources) == 1 and "prosecutor" in charged.sources[0].text
    for frame, _, _ in c.frames:
        assert _dateline_words(frame, "HAGUE Netherlands") == []


def test_the_mogadishu_dateline_is_not_a_side():
    # pairs-dev.jsonl zsp-371934441ffc
    c = coded("MOGADISHU, Somalia -- A U.S. military airstrike has killed a worker for a telecom company in "
              "Somalia, officials in the country said Tuesday.")
    killed = c.frame("killed")
    assert len(killed.sources) == 1 and "U.S. military airstrike" in killed.sources[0].text
    assert all("MOGADISHU" not in a.text for a in killed.sources + killed.targets)


# --- reciprocal -------------------------------------------------------------------------------

def test_attacked_each_other_gives_events_both_ways():
    # extraction-dev.jsonl, gold_body of page e7994d5500875202...: the reciprocal possessor of the
    # object makes the joint subjects each other's target (frames.sides_of)
    c = coded("In their first TV debate of the election on Tuesday, Johnson and Corbyn attacked each other’s "
              "policies on Brexit, health care and the economy.")
    attacked = c.frame("attacked")
    assert not any("debate" in t.text for t in attacked.targets)
    assert pairs(c.events_of("attacked")) == {("Johnson", "Corbyn"), ("Corbyn", "Johnson")}


# --- a verb no pattern codes ------------------------------------------------------------------

def test_a_verb_no_pattern_codes_is_still_a_frame_with_proposed_none():
    # pairs-dev.jsonl zsp-c138ce7ab86e
    c = coded("The UN withdrew peacekeepers from Sinai allowing Nasser to mass his divisions on Israels border.")
    mass = c.frame("mass")
    assert (mass.proposed, mass.pattern, mass.pos) == ("---", None, "verb")
    assert mass.entry == "mass" and mass.lemma == "mass"
    assert mass.sources and mass.targets
    # and it reached the decision, which is recorded with it
    decision = next(d for f, d, _ in c.frames if f is mass)
    assert isinstance(decision.reason, int) and 0 <= decision.confidence <= 1


def test_unpatterned_verbs_in_an_example_article():
    # examples/caucasus/000_265bb5512f582eec.txt
    c = coded("Yerevan has accused Moscow of abandoning its security commitments, suspended participation in the "
              "Russia-led military bloc of CSTO, and ratified the Rome Statute of the International Criminal "
              "Court—a move that sparked strong Russian objections.")
    abandoning = c.frame("abandoning")
    assert abandoning.proposed == "---" and abandoning.pattern is None
    assert texts(abandoning.sources) == ["Moscow"]  # the one accused of abandoning them
    # what it abandons is a thing; the search inside it reads "its" as the sentence's subject
    assert abandoning.how == "within" and [a.code for a in abandoning.targets] == ["ARMGOV"]
    assert "gov=of" in abandoning.context and "obj=commitment" in abandoning.context


def test_a_possessive_pronoun_does_not_name_a_phrase_a_nationality_names():
    # pairs-dev.jsonl: "his Iranian counterpart" is Iran's minister, not the speaker's own side again
    c = coded("In January, the Belarussian defense minister, Leonid Maltsev, agreed with his Iranian counterpart, "
              "Mostafa Mohammad Najjar, to exchange technology in the military sector.")
    agreed = c.frame("agreed")
    assert [a.code for a in agreed.targets] == ["IRN"] and agreed.how == "prep:with"
    assert agreed.sources[0].code == "BLRGOVMIL"


def test_a_name_misjoined_to_a_fronted_place_is_the_subject():
    # the parser read "On a visit to Zimbabwe, President Ramaphosa voiced ..." with the name as a
    # conjunct of "Zimbabwe" (no "and") and no subject; the parse is given here as the model made it
    import spacy
    from spacy.tokens import Doc

    from dyadwatch.events.frames import subject_of

    words = ["On", "a", "visit", "to", "Zimbabwe", ",", "President", "Ramaphosa", "voiced", "support", "."]
    heads = [8, 2, 0, 2, 3, 4, 7, 4, 8, 8, 8]
    deps = ["prep", "det", "pobj", "prep", "pobj", "punct", "compound", "conj", "ROOT", "dobj", "punct"]
    pos = ["ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "PROPN", "VERB", "NOUN", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos,
              sent_starts=[True] + [False] * 10)
    subjects, passive = subject_of(doc[8])
    assert [t.text for t in subjects] == ["Ramaphosa"] and not passive
    # with "and" the name is a second place, not the subject
    words[5], deps[5], pos[5] = "and", "cc", "CCONJ"
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos,
              sent_starts=[True] + [False] * 10)
    assert subject_of(doc[8])[0] == []


# --- a date after the verb is no particle; a phrasal verb's own object ---------------------------

def test_a_date_after_the_verb_makes_no_phrasal_verb():
    # "called X on Tuesday" is a phone call, not "call on" (an appeal)
    result = coded("Putin called Erdogan on Tuesday to discuss the war in Syria.")
    assert result.frame("called").entry == "call"
    assert [(e.source_text, e.target_text, e.code) for e in result.events_of("called")] == [("Putin", "Erdogan", "041")]


def test_a_phrasal_verb_is_coded_by_its_own_pattern_with_talks_as_negotiation():
    result = coded("Baku broke off talks with Yerevan on Monday after the shelling.")
    assert [(e.source_text, e.target_text, e.code) for e in result.events_of("broke")] == [("Baku", "Yerevan", "164")]


def test_an_infinitive_after_the_one_appealed_to_is_what_it_is_asked_to_do_however_parsed():
    # here the parser hangs "to release" on "called" as a purpose (advcl), not a complement
    result = coded("Blinken called on Baku to release the prisoners.")
    assert [(e.source_text, e.target_text, e.root) for e in result.events_of("called")] == [("Blinken", "Baku", "02")]
    assert [s["reason"] for s in result.steps("release")] == [Reason.PART_OF_ANOTHER]


def test_a_framing_verb_whose_pattern_names_its_object_is_the_act():
    # "recall" is mostly telling ("recalled that ..."); recalling an ambassador reduces relations
    result = coded("Armenia recalled its ambassador from Moscow for consultations.")
    assert [(e.source_text, e.target_text, e.code) for e in result.events_of("recalled")] == [("Armenia", "Moscow", "161")]
    assert coded("Lavrov recalled the arrest of the journalists.").events_of("recalled") == []


def test_the_object_of_an_accusation_does_the_act_it_is_accused_of_which_is_alleged():
    result = coded("Azerbaijan accused Armenia of shelling its positions in Nakhchivan.")
    assert [(e.source_text, e.target_text, e.code) for e in result.events_of("accused")] == [("Azerbaijan", "Armenia", "112")]
    assert texts(result.frame("shelling").sources) == ["Armenia"]
    # coded or not (CAMEO codes the accusation, and the learned decision mostly agrees), never asserted
    assert all(e.modality == "alleged" for e in result.events_of("shelling"))
    # "responded by closing": no object before the preposition, the subject acts
    closing = coded("Azerbaijan responded by closing the border with Armenia.").events_of("closing")
    assert [(e.source_text, e.target_text) for e in closing] == [("Azerbaijan", "Armenia")]


def test_a_telephone_conversation_of_joint_sides_is_between_them():
    # a noun event with no target is mostly a mention of one told elsewhere; not with two sides
    result = coded("Armenian Prime Minister Nikol Pashinyan and Russian President Vladimir Putin held a "
                   "telephone conversation on Monday.")
    assert {(e.source, e.target, e.code) for e in result.events_of("conversation")} == {
        ("ARMGOV", "RUSGOV", "041"), ("RUSGOV", "ARMGOV", "041")}
