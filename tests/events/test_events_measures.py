"""Measures taken and eased (sanctions, emergencies, aid, envoys, forces), investigations and legal
findings, as CAMEO codes them (events/data/
dyadwatch_verbs.tsv, with the word sets of dyadwatch_synsets.tsv): real sentences of
../shared/eval and of the same shape."""
from __future__ import annotations

from support import code_text as code


def _told(text):
    return [(e.source, e.code, e.target, e.modality) for e in code(text)]


def test_lifting_an_embargo_or_sanctions_eases_them():
    assert ("USA", "085", "LBY", "asserted") in _told(
        "The United States recently lifted its economic embargo against both Libya and Iraq.")
    assert {(c, t) for _, c, t, _ in _told("The European Union eased sanctions on Belarus on Monday.")} == {("085", "BLR")}


def test_refusing_to_lift_an_embargo_is_a_rejection_that_happened():
    """"will not lift ... until": the decision reads the refusal as a rejection (12), told as done."""
    for text in ("However, Obama has also said he will not lift the embargo until Cuba undertakes democratic "
                 "and economic reforms.",
                 "Turkey will not lift the embargo on Armenia until the border dispute is settled."):
        found = code(text)
        assert found and all(e.root == "12" and e.modality == "asserted" for e in found), text


def test_ending_a_state_of_emergency_or_a_strike():
    assert [(e.source, e.code) for e in code("Egypt has lifted a three-month-old state of emergency that was "
                                              "implemented following the ouster of President Mohammed Morsi.")
            ][:1] == [("EGY", "0814")]
    called_off = code("Iraqi teachers called off their strike after the government raised wages.")
    assert [(e.code, e.target) for e in called_off] == [("082", "IRQ")]


def test_declaring_a_state_of_emergency_or_martial_law_is_done_by_saying_it():
    """A framing verb ("declare") does the act its own pattern names; describing an arrest does not."""
    assert [(e.source, e.code) for e in code("Thailand declared martial law in the south.")] == [("THA", "1724")]
    assert [e.code for e in code("Kenya declared a state of emergency in the capital.")] == ["1724"]
    assert code("The ministry described the arrest of the journalists as lawful.") == []


def test_a_conviction_is_a_finding_of_guilt():
    found = code("On 4 October 2007, the Munich I Regional Court convicted Siemens to pay a fine of 201 million "
                 "EUR for bribes paid abroad by its telecommunications subsidiary")
    assert [(e.source, e.code) for e in found] == [("DEUJUD", "116")]


def test_expelling_envoys_inspectors_or_peacekeepers_reduces_relations():
    assert [(e.code, e.target) for e in code("Moscow expelled three Polish diplomats on Friday.")] == [("161", "POLGOV")]
    assert [e.code for e in code("Iraq expelled all UNSCOM weapons inspectors charging that UNSCOM has become "
                                 "a spy agency.")][:1] == ["1662"]
    assert [(e.source, e.code) for e in code("The UN withdrew its peacekeepers from the Golan Heights.")] == [
        ("IGOUNO", "1661")]


def test_stopping_aid_and_reinforcing_troops():
    assert [(e.code, e.target) for e in code("Washington suspended military aid to Egypt.")] == [("162", "EGY")]
    assert [(e.code, e.target) for e in code("Azerbaijan reinforced its troops along the border with Armenia.")] == [
        ("154", "ARM")]


def test_stepping_up_attacks_is_force_not_a_threat():
    found = code("Russian forces stepped up attacks on Ukrainian cities.")
    assert [(e.root, e.target) for e in found] == [("19", "UKR")]


def test_ordering_an_investigation_investigates_and_opening_borders_grants_asylum():
    ordered = code("President Gloria Arroyo has ordered an investigation against Education Secretary Raul Roco amid "
                   "allegations of early politicking.")
    assert ordered and all(e.code == "090" for e in ordered)
    assert [(e.code, e.target) for e in code("Turkey opened its borders to Syrian refugees.")] == [("075", "SYRREF")]


def test_lunch_or_talks_with_someone_is_a_meeting_and_none_is_negated():
    assert [(e.source, e.code, e.target) for e in code(
        "Erdogan had lunch with French President Emmanuel Macron in Paris.")] == [("TURGOV", "040", "FRAGOV")]
    assert [(e.code, e.modality) for e in code("Armenia has no meetings planned with Russia.")] == [("040", "negated")]
    assert code("Russia has a long history with Armenia.") == []


def test_expressing_support_for_someone_endorses_them():
    assert [(e.code, e.target) for e in code("China voiced support for Pakistan.")] == [("051", "PAK")]
