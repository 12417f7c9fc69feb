"""The CAMEO ontology as data: codes, Goldstein scores, quad classes, PLOVER types, shifts."""
from __future__ import annotations

import pytest

from dyadwatch.events import load_ontology
from dyadwatch.events.ontology import quad_class_of_root


def test_every_code_of_the_table_is_loaded():
    ontology = load_ontology()
    assert len(ontology) == 311  # 20 roots + 291 base and sub codes
    assert {code.root for code in ontology} == {f"{n:02d}" for n in range(1, 21)}


def test_lookup_gives_name_goldstein_quad_class_and_plover():
    ontology = load_ontology()
    visit = ontology.lookup("042")
    assert (visit.name, visit.root, visit.goldstein, visit.quad_class, visit.plover) == (
        "Make a visit", "04", 1.9, 1, "CONSULT")
    arrest = ontology.lookup("173")
    assert (arrest.root, arrest.quad_class, arrest.plover) == ("17", 4, "COERCE")
    assert ontology.lookup("1123").quad_class == 3


@pytest.mark.parametrize("root, quad", [("01", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3),
                                        ("14", 4), ("20", 4)])
def test_quad_class_boundaries(root, quad):
    assert quad_class_of_root(root) == quad


def test_unknown_sub_code_falls_back_to_its_base_code_and_nonsense_is_refused():
    ontology = load_ontology()
    assert ontology.lookup("1129").root == "11"  # not in the table: read as 112
    assert ontology.get("999") is None
    with pytest.raises(KeyError):
        ontology.lookup("999")


def test_appeals_map_to_plover_request_and_statements_to_no_plover_type():
    ontology = load_ontology()
    assert ontology.lookup("020").plover == "REQUEST"
    assert ontology.lookup("010").plover is None
    assert ontology.lookup("08").plover is None  # the root spans CONCEDE and RETREAT


def test_shifts_read_announced_refused_and_threatened_acts():
    ontology = load_ontology()
    assert ontology.shift("intent", "042") == "036"   # will visit -> intent to meet
    assert ontology.shift("intent", "0841") == "0353"  # will release -> intent to release persons
    assert ontology.shift("reject", "042") == "125"   # will not attend -> reject proposal to meet
    assert ontology.shift("threat", "190") == "138"   # threaten to attack
    assert ontology.shift("intent", "112") is None    # an accusation has no announced form
