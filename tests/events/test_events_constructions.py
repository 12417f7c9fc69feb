"""More constructions of the coder, each pinned by a real sentence (the example articles or news
sentences of the same kind), through the real spaCy pipeline and actor resolver."""
from __future__ import annotations

from datetime import datetime

from dyadwatch.records import Event

from support import code_text as code

PUBLISHED = datetime(2025, 7, 4)


def summary(events: list[Event]) -> set[tuple]:
    return {(e.source, e.target, e.root, e.modality) for e in events}


def test_relative_pronoun_acts_for_its_noun_and_went_on_to_is_past():
    events = code("Russia's lackluster response was greeted with condemnation by Azerbaijan's President Ilham "
                  "Aliyev, who went on to cancel his attendance at Moscow's Victory Day parade in May.")
    cancel = next(e for e in events if e.root == "12")
    assert (cancel.source, cancel.target, cancel.modality) == ("AZEGOV", "RUS", "asserted")
    assert (cancel.date, cancel.date_precision, cancel.date_basis) == ("2025-05-01", "month", "explicit")
    # "greeted with condemnation by Y": Y condemns the subject
    assert ("AZEGOV", "RUS", "11", "asserted") in summary(events)


def test_a_present_tense_relative_clause_describes_and_tells_no_event():
    events = code("Israel threatened to ban voting in East Jerusalem if Hamas, which advocates Israel's "
                  "destruction, ran in the election.")
    assert all(e.root != "02" for e in events)


def test_absence_of_meetings_during_a_visit_is_the_visitors_negated_meeting():
    events = code("The recent failed visit of Armenian National Assembly Speaker Alen Simonyan to Russia, marked "
                  "by the absence of meetings with State Duma Speaker Vyacheslav Volodin, became a signal.",
                  published=datetime(2026, 2, 17))
    assert ("ARMLEG", "RUS", "04", "asserted") in summary(events)
    assert ("ARMLEG", "RUSLEG", "04", "negated") in summary(events)
    assert all(e.root != "12" for e in events)  # the absence is not a rejection of its own


def test_asking_another_to_refrain_is_an_appeal_to_yield():
    events = code("Armenia's Foreign Minister responded by encouraging Lavrov to \"refrain from interfering in "
                  "Armenia's domestic affairs.\"")
    assert [(e.source, e.target, e.code) for e in events] == [("ARMGOV", "RUSGOV", "025")]


def test_calling_for_sanctions_against_someone_is_a_threat_to_them():
    events = code("Armenian officials are now openly advocating for blocking Russian television broadcasts "
                  "into Armenia.")
    assert [(e.source, e.target, e.root) for e in events] == [("ARMGOV", "RUSMED", "13")]


def test_a_claimed_attack_is_alleged_the_claim_is_the_event():
    events = code("The US claimed that ISIL had attacked Iraq.")
    asserted = {(e.source[:3], e.root) for e in events if e.modality == "asserted"}
    assert asserted == {("USA", "11")}
    assert any(e.root == "19" and e.modality == "alleged" and e.speaker.startswith("USA") for e in events)


def test_none_as_subject_negates():
    events = code("But none of this has improved ties with Armenia.")
    assert all(e.modality == "negated" for e in events)


def test_violence_with_a_side_unnamed_takes_the_place_it_happened():
    events = code("A roadside bombing near the town of Samarra on Sunday killed one U.S. soldier.")
    assert any(e.root == "19" and e.source == "IRQ" and e.target.startswith("USA") for e in events)


def test_this_june_is_a_month_of_the_articles_year():
    events = code("Russia and Armenia's government have squared off this June over the arrests of clergymen.")
    assert events and all((e.date, e.date_precision) == ("2025-06-01", "month") for e in events)


def test_an_arrest_without_its_agent_is_the_doing_of_the_state_it_happens_in():
    event = next(e for e in code("Groups of Russian nationals in Azerbaijan have been detained on accusations "
                                 "of drug trafficking.") if e.code == "173")
    assert (event.source, event.target[:3]) == ("AZE", "RUS") and "location" in event.rule


def test_a_refusal_with_no_one_named_is_aimed_at_the_host_told_just_before():
    events = code("Pashinyan will travel to Moscow to take part in the May 9 Victory Day celebrations. Meanwhile, "
                  "Azerbaijani President Ilham Aliyev has declined the same invitation.")
    declined = next(e for e in events if e.root == "12")
    assert (declined.source, declined.target) == ("AZEGOV", "RUS")


def test_an_appositive_office_in_an_organisation_is_whom_the_person_acts_for():
    events = code("Kenzo Oshima, the United Nations Emergency Relief Coordinator, demanded parties to the "
                  "conflict in Iraq to allow humanitarian workers in.")
    assert any(e.root == "10" and e.source.startswith("IGO") for e in events)


def test_joined_possessors_are_sides_of_their_own():
    events = code("Russia and Armenia's government have squared off over the arrests of clergymen.")
    assert {(e.source, e.target) for e in events} == {("RUS", "ARMGOV"), ("ARMGOV", "RUS")}


def test_victims_named_by_no_country_are_of_the_country_whose_forces_acted():
    events = code("Egyptian police arrested 12 demonstrators on Monday.")
    arrest = next(e for e in events if e.root == "17")
    assert (arrest.source, arrest.target) == ("EGYCOP", "EGY") and "domestic" in arrest.rule


# --- constructions added while raising held-out accuracy (each general, each pinned here) ---------

def test_joined_country_adjectives_before_a_noun_are_sides_of_their_own():
    events = code("The Russian and Turkish sides agreed to set up a joint monitoring centre.")
    assert {(e.source, e.target, e.root) for e in events} == {("RUS", "TUR", "03"), ("TUR", "RUS", "03")}
    events = code("The Red Cross said US and British forces must ensure security.")
    assert {(e.target, e.code) for e in events if e.code == "100"} == {("USA", "100"), ("GBR", "100")}


def test_a_second_promised_act_is_part_of_the_promise():
    events = code("Pashinyan promised to reform the police and establish an anti-corruption court.")
    assert [(e.source, e.root, e.modality) for e in events] == [("ARMGOV", "03", "asserted")]


def test_a_passive_complement_has_the_governing_subject_as_its_target():
    events = code("Armenian troops are expected to be joined by French instructors later this year.")
    assert [(e.source, e.target) for e in events] == [("FRA", "ARMMIL")]


def test_calling_off_a_strike_is_aimed_at_home():
    events = code("The Georgian miners' union called off a four-day strike after talks with the government.")
    assert [(e.source, e.target, e.code) for e in events] == [("GEO", "GEO", "082")]


def test_an_investigation_without_its_agent_is_the_doing_of_the_state_it_happens_in():
    events = code("Two Russian journalists were put under investigation in Georgia.")
    assert [(e.source, e.target, e.root) for e in events] == [("GEO", "RUSMED", "09")]


def test_willing_to_act_states_an_intent_even_when_the_act_is_no_trigger():
    assert [(e.source, e.code) for e in code("Norway is willing to send material to its allies.")] == \
        [("NOR", "030")]
    events = code("Turkey is willing to mediate between Armenia and Azerbaijan.")
    assert {(e.source, e.target, e.code) for e in events} == {("TUR", "ARM", "036"), ("TUR", "AZE", "036")}


def test_expressing_an_attitude_is_coded_by_what_is_expressed():
    events = code("The government expressed appreciation for China's assistance.")
    assert [(e.target, e.code) for e in events] == [("CHN", "013")]
    events = code("Baku expressed dissatisfaction with Moscow's decision.")
    assert [(e.source, e.target, e.code) for e in events] == [("AZEGOV", "RUSGOV", "111")]


def test_there_were_people_killed_or_detained_is_an_event():
    events = code("There were 10 Russian soldiers killed in Ukraine today.")
    assert [(e.source, e.target, e.root) for e in events] == [("UKR", "RUSMIL", "19")]
    events = code("There were five Azerbaijani citizens detained in Yekaterinburg last week.")
    assert [(e.source, e.target, e.code) for e in events] == [("RUS", "AZECVL", "173")]
    assert code("There are many Russian soldiers stationed in Armenia.") == []


def test_an_organisations_title_before_a_name_is_whom_the_person_acts_for():
    events = code("Afghan rebel leaders said they would meet U.N. mediator Diego Cordovez.")
    assert [(e.source, e.target) for e in events] == [("AFGREB", "IGOUNO")]
    # a descriptor that is no office leaves the name to itself
    events = code("NATO-member Norway is willing to send material to its allies.")
    assert [e.source for e in events] == ["NOR"]


def test_a_purpose_aimed_at_a_bare_role_adds_no_event():
    events = code("Azerbaijani police summoned the head of Sputnik Azerbaijan to complain about the "
                  "coverage of the gangs.")
    assert [(e.source, e.code) for e in events] == [("AZECOP", "114")]


def test_victims_of_no_country_killed_in_a_named_place_are_of_that_place():
    events = code("Two police officers were killed in a bomb blast in the centre of Makhachkala.")
    assert [(e.source, e.target, e.root) for e in events] == [("RUS", "RUS", "19")]


def test_destroying_property_is_coercion_and_surrender_a_retreat():
    events = code("Israeli bulldozers demolished Palestinian homes in the West Bank on Sunday.")
    assert [(e.code, e.plover) for e in events] == [("1712", "COERCE")]
    events = code("Two hundred Armenian fighters surrendered in Khankendi.")
    assert [(e.code, e.plover) for e in events] == [("0874", "RETREAT")]
    events = code("Azerbaijan has reneged on its commitment to open the Lachin corridor.")
    assert [(e.source, e.root) for e in events] == [("AZE", "12")]


def test_an_ethnic_group_is_of_the_country_it_lives_in():
    events = code("Ethnic Albanians in south Serbia are demanding a U.N. military presence.")
    assert [(e.source, e.target, e.root) for e in events] == [("SRB", "IGOUNO", "10")]
    # with no home named, the place of the violence says whose they are
    events = code("Serb forces killed three ethnic Albanians in a gunbattle in southeastern Serbia.")
    assert [(e.source, e.target, e.root) for e in events] == [("SRB", "SRB", "19")]


def test_a_participle_misread_as_the_subject_gives_way_to_the_noun_it_describes():
    events = code("The Red Cross operating in Iraq said US and British forces must ensure security.")
    assert {(e.source, e.target) for e in events if e.code == "100"} == {("NGOHLHIRC", "USA"), ("NGOHLHIRC", "GBR")}


def test_an_act_between_two_sides_no_dictionary_places_is_kept_with_their_roles():
    """Open actors: both sides are roles of no country; the event is listed, the dyads skip it."""
    from dyadwatch.analysis.dyads import dyad_of

    events = code("Twenty New People's Army (NPA) rebels surrendered to the police in Camarines Norte Monday afternoon.")
    assert ("---REB", "---COP", "08", "asserted") in summary(events)
    assert all(dyad_of(e.source, e.target) is None for e in events if e.root == "08")
    # one side alone, a bare role, still tells nothing of a dyad
    assert code("Officials would be indicted.") == []


def test_acceding_to_demands_or_requests_is_a_yield_not_an_agreement():
    """CAMEO 08: accepting, approving, granting or meeting another's demands is yielding to them
    (real sentences of the pairs data); accepting terms or an invitation stays cooperation."""
    events = code("Nepal's government accepts the key demands by protesters in southern Nepal.")
    assert ("NPLGOV", "08") in {(e.source, e.root) for e in events}
    events = code("Armenia met the demands of Azerbaijan.")
    assert ("ARM", "AZE", "08", "asserted") in summary(events)
    assert all(e.root != "08" for e in code("Russia accepted the invitation of Armenia."))


def test_a_charge_of_crime_is_an_accusation_and_an_arrest_stays_coercion():
    """PLOVER types a formal charge as ACCUSE (CAMEO 1121), an arrest as COERCE (173)."""
    charged = code("Azerbaijan charged the Russian journalists with espionage.")
    assert ("AZE", "RUSMED", "11", "asserted") in summary(charged)
    arrested = code("Azerbaijan arrested the Russian journalists.")
    assert ("AZE", "RUSMED", "17", "asserted") in summary(arrested)


def test_what_a_thing_shows_is_a_reading_of_a_stance_not_an_act():
    """Example 004 (issue 20's "rhetoric as an event"): the shift shows a rejection; no one rejects here."""
    events = code("The shift from “spiritual brotherhood and alliance” to cold cynicism shows Yerevan’s rejection of "
                  "“historical sentiment” in favor of a new geopolitical reality.")
    assert events == []
    # an actor that shows its stance does act: the rule reads what a thing shows only
    assert code("Azerbaijan showed its rejection of the Russian proposal.") != []


def test_a_hosting_is_mirrored_as_a_visit_only_between_coded_actors():
    """Example 001: "hosted COP 29 in 2024" is Azerbaijan's hosting; a conference pays no visit."""
    events = code("In the last few years, Baku has dismantled what little independent media existed in the country, "
                  "increased its role in global energy markets and trade routes and hosted COP 29 in 2024 in the face "
                  "of accusations of rights abuses and ethnic cleansing.")
    assert [e.root for e in events if e.root == "04"] and all(e.code != "042" for e in events)
    assert ("RUSGOV", "AZE", "04", "asserted") in summary(code("Azerbaijan hosted Russian ministers in Baku."))


def test_a_quarrel_over_something_is_between_its_sides_however_deep_the_topic():
    """Example 001: the arrests of a billionaire are what Russia and Armenia's government quarrel over."""
    events = code("Russia and Armenia's government have squared off this June over the arrests of Russian-Armenian "
                  "billionaire Samvel Karapetyan and high-profile clergymen over accusations of fomenting a coup plot.")
    assert {("RUS", "ARMGOV"), ("ARMGOV", "RUS")} <= {(e.source, e.target) for e in events if e.root == "11"}
    assert all(e.target != "ARMBUS" for e in events)
