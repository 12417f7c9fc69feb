"""The English word sets of the actor resolver come from data/word_sets.tsv, not from code."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from dyadwatch.actors import resolver
from dyadwatch.actors.words import WORD_SETS_FILE, word_set, word_sets

# the sets resolver.py asks for, as _NAME = word_set("name")
NAMED = dict(re.findall(r'^(\w+) = word_set\("(\w+)"\)', Path(resolver.__file__).read_text(encoding="utf-8"), re.M))


def _rows() -> list[tuple[str, str]]:
    """The file's (set, word) rows, read without the loader."""
    rows = []
    for line in WORD_SETS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append(tuple(line.split("\t")))
    return rows[1:]  # the header


def test_resolver_names_its_sets():
    assert {"_LOWER_OK", "_LOCATIVE", "_MOTION", "_PERSONAL_PRONOUNS", "_DOCUMENT_NOUNS"} <= NAMED.keys()


@pytest.mark.parametrize("constant, name", sorted(NAMED.items()))
def test_every_set_of_the_resolver_loads_non_empty(constant, name):
    words = word_set(name)
    assert isinstance(words, frozenset) and words
    assert getattr(resolver, constant) is words  # bound once at import: no lookup per call


def test_every_set_of_the_file_is_used():
    """By some module of the stage, as word_set("name") or word_list("name")."""
    asked = {name for module in Path(WORD_SETS_FILE).parent.parent.glob("*.py")
             for name in re.findall(r'word_(?:set|list)\("(\w+)"\)', module.read_text(encoding="utf-8"))}
    assert set(word_sets()) == asked


def test_a_missing_set_is_a_key_error_naming_it():
    with pytest.raises(KeyError, match="no_such_set"):
        word_set("no_such_set")


def test_the_file_has_a_header_and_no_duplicate_rows():
    lines = [line for line in WORD_SETS_FILE.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert lines[0] == "set\tword"
    rows = _rows()
    assert all(len(row) == 2 and all(row) for row in rows)
    assert [row for row, n in Counter(rows).items() if n > 1] == []


def test_punctuation_and_clitics_are_words_too():
    assert {"'s", "-", "&", "/", "(", ")", ","} <= resolver._LOWER_OK
