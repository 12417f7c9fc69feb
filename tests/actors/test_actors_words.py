"""The English word sets of the actor resolver come from data/word_sets.tsv, not from code."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dyadwatch.actors import resolver
from dyadwatch.actors.words import word_set

# the sets resolver.py asks for, as _NAME = word_set("name")
NAMED = dict(re.findall(r'^(\w+) = word_set\("(\w+)"\)', Path(resolver.__file__).read_text(encoding="utf-8"), re.M))



def test_resolver_names_its_sets():
    assert {"_LOWER_OK", "_LOCATIVE", "_MOTION", "_PERSONAL_PRONOUNS", "_DOCUMENT_NOUNS"} <= NAMED.keys()


@pytest.mark.parametrize("constant, name", sorted(NAMED.items()))
def test_every_set_of_the_resolver_loads_non_empty(constant, name):
    words = word_set(name)
    assert isinstance(words, frozenset) and words
    assert getattr(resolver, constant) is words  # bound once at import: no lookup per call





def test_punctuation_and_clitics_are_words_too():
    assert {"'s", "-", "&", "/", "(", ")", ","} <= resolver._LOWER_OK
