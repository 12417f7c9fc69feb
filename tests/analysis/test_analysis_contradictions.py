"""Contradictions between reports of one story: modality, numbers, cue sides, user cue tables."""
from __future__ import annotations

from dyadwatch.analysis import Report, find_contradictions


def _report(article, evidence, *, modality="asserted", root="04", code="040", passage=()):
    return Report(article_id=article, outlet=f"outlet {article}", evidence=evidence, modality=modality, root=root,
                  code=code, passage=passage)


def test_asserted_against_denied():
    found = find_contradictions([_report("a", "The ministers met in Baku."),
                                 _report("b", "The ministers did not meet in Baku.", modality="negated")])
    assert len(found) >= 1 and found[0]["about"].startswith("whether it happened")
    assert found[0]["a"]["article_id"] == "a" and found[0]["b"]["article_id"] == "b"


def test_alleged_against_denied():
    """"Yerevan says Azerbaijani troops opened fire" against "Baku denied that its troops opened fire"."""
    found = find_contradictions([_report("a", "Yerevan says Azerbaijani troops opened fire.", modality="alleged",
                                         root="19", code="193"),
                                 _report("b", "Baku denied that its troops had opened fire.", modality="negated",
                                         root="19", code="193")])
    assert [f["about"].split(":")[0] for f in found] == ["whether it happened"]
    assert found[0]["a"]["article_id"] == "a"


def test_numbers_that_differ():
    found = find_contradictions([_report("a", "The crash killed 38 passengers.", root="18", code="180"),
                                 _report("b", "The crash killed 37 passengers.", root="18", code="180")])
    assert [c["about"] for c in found] == ["number of passenger: 38 vs 37"]


def test_one_article_never_contradicts_itself_and_agreeing_reports_do_not_either():
    same = [_report("a", "He met with Lavrov."), _report("a", "There was an absence of meetings.")]
    agree = [_report("a", "He stayed away from the parade."), _report("b", "He declined the invitation.")]
    assert find_contradictions(same) == [] and find_contradictions(agree) == []


def test_an_article_on_both_sides_of_a_question_takes_neither():
    mixed = _report("a", "He met with Lavrov.", passage=("He met with Lavrov.", "Critics noted the absence of meetings."))
    assert find_contradictions([mixed, _report("b", "He met with Matviyenko.")]) == []


def test_a_users_cue_table(tmp_path):
    table = tmp_path / "cues.tsv"
    table.write_text("# about\tside\tcue\nceasefire\theld\tceasefire held\nceasefire\tbroken\tceasefire collapsed\n",
                     encoding="utf-8")
    reports = [_report("a", "The ceasefire held overnight.", root="08", code="080"),
               _report("b", "The ceasefire collapsed overnight.", root="08", code="080")]
    assert find_contradictions(reports) == []
    found = find_contradictions(reports, cues_path=str(table))
    assert [c["about"] for c in found] == ["ceasefire: “ceasefire held” vs “ceasefire collapsed”"]
