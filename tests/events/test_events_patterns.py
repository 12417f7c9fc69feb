"""The verb dictionary converted into our data files, and user files through the same loader."""
from __future__ import annotations

from dyadwatch.events import load_patterns
from dyadwatch.events.patterns import SHIPPED_FILES

HEADER = "block\tverb\tforms\tpattern\tcode\treverse\torigin\tpos\n"


def test_converted_dictionary_is_shipped_with_its_provenance():
    converted = SHIPPED_FILES[0].read_text(encoding="utf-8")
    assert "CAMEO.verbpatterns.150430" in converted.splitlines()[0]
    assert "MIT" in converted.splitlines()[1]
    notice = (SHIPPED_FILES[0].parent / "NOTICE.md").read_text(encoding="utf-8")
    assert "Open Event Data Alliance" in notice and "CC BY-SA 4.0" in notice


def test_verbs_nouns_and_multiword_triggers_are_loaded():
    patterns = load_patterns()
    assert patterns.entry("accuse").code == "112"          # from the CAMEO dictionary
    assert patterns.entry("meet with").code == "040"       # multi-word verb of the dictionary
    assert patterns.entry("call on").code == "020"         # project addition: an appeal
    assert patterns.entry("arrest", pos="noun").code == "173"  # nominal trigger
    assert patterns.entry("refuse").code == "120"          # project override of the dictionary's "---"


def test_an_override_keeps_the_dictionary_patterns_of_the_verb():
    patterns = load_patterns()
    entry = patterns.entry("summon")
    assert entry.code == "114"
    assert "MOBILIZE" in entry.more_blocks  # the CAMEO block it came from still refines it
    assert any(p.text for p in patterns.patterns_for(entry))


def test_weak_patterns_made_only_of_function_words_are_not_used():
    patterns = load_patterns()
    for entry_patterns in patterns.block_patterns.values():
        assert not any(p.is_weak for p in entry_patterns)


def test_user_file_overrides_and_extends_through_the_same_loader(tmp_path):
    user = tmp_path / "my_verbs.tsv"
    user.write_text(HEADER
                    + "MINE\tsnub\t\t\t125\t\tmy rule\tverb\n"
                    + "MINE\tdenunciation\t\t\t111\t\tmy rule\tnoun\n"
                    + "MINE\taccuse\t\t\t111\t\tmy rule\tverb\n", encoding="utf-8")
    shipped = load_patterns()
    mine = load_patterns(extra=[user])
    assert mine.entry("snub").code == "125" and mine.entry("snub").origin.startswith("my_verbs.tsv")
    assert mine.entry("denunciation", pos="noun").code == "111"
    assert mine.entry("accuse").code == "111"
    assert shipped.entry("accuse").code == "112"  # the shipped set is not changed by a user file


def test_every_pattern_written_for_a_trigger_has_the_trigger_as_an_entry():
    # a pattern row for a verb with no entry row of its own is never read: dead data
    patterns = load_patterns()
    orphans = [key for key in patterns.trigger_patterns if key not in patterns.entries]
    assert orphans == []


def test_a_verbs_own_pattern_with_only_an_actor_object_is_a_candidate_after_the_worded_ones():
    # "call * +": calling an actor is a phone call; a block's "* +" would reach every verb of the block
    patterns = load_patterns()
    candidates = patterns.candidates(patterns.entry("call"), {"discuss"})
    assert candidates[-1].text == "* +" and candidates[-1].code == "041"
    assert all(p.words for p in candidates[:-1])
