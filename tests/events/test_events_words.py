"""The English word sets of the modality reader come from data/word_sets.tsv, not from code."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dyadwatch.events import modality
from dyadwatch.events.words import word_set

# the sets modality.py asks for, as NAME = word_set("name")
NAMED = dict(re.findall(r'^(\w+) = word_set\("(\w+)"\)', Path(modality.__file__).read_text(encoding="utf-8"), re.M))



def test_modality_names_its_sets():
    assert {"NEGATORS", "FUTURE_VERBS", "FRAMING_VERBS", "SPEECH_VERBS", "INTENT_WORDS"} <= NAMED.keys()


@pytest.mark.parametrize("constant, name", sorted(NAMED.items()))
def test_every_set_of_modality_loads_non_empty(constant, name):
    words = word_set(name)
    assert isinstance(words, frozenset) and words
    assert getattr(modality, constant) is words  # bound once at import





def test_words_keep_their_spelling():
    assert "call off" in modality.NEGATING_VERBS  # a phrase, as written
    assert {"n't", "'ll", "wo"} <= modality.NEGATORS | modality.FUTURE_AUX
