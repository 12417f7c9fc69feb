"""Every stage's word sets file, read through the one reader (dyadwatch.words)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from dyadwatch import words as reader
from dyadwatch.actors import words as actor_words
from dyadwatch.events import russian_words
from dyadwatch.events import words as event_words

STAGES = [pytest.param(event_words, id="events"), pytest.param(actor_words, id="actors"),
          pytest.param(russian_words, id="events-ru")]
# how a module asks for a set of each file: word_set("x"), or the Russian coder's ru_word_set("x")
ASKING = {"words": r'(?<![\w])word_(?:set|list)\("(\w+)"\)', "russian_words": r'ru_word_(?:set|list)\("(\w+)"\)'}


def _rows(path: Path) -> list[tuple[str, ...]]:
    """The file's (set, word) rows, read without the loader, header first."""
    return [tuple(line.split("\t")) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("stage", STAGES)
def test_every_set_of_the_file_is_used(stage):
    """By some module of the stage, as word_set("name") or word_list("name")."""
    asked = {name for module in Path(stage.WORD_SETS_FILE).parent.parent.glob("*.py")
             for name in re.findall(ASKING[stage.__name__.rsplit(".", 1)[1]], module.read_text(encoding="utf-8"))}
    assert set(stage.word_sets()) == asked


@pytest.mark.parametrize("stage", STAGES)
def test_the_file_has_a_header_and_no_duplicate_rows(stage):
    header, *rows = _rows(stage.WORD_SETS_FILE)
    assert header == ("set", "word")
    assert all(len(row) == 2 and all(row) for row in rows)
    assert [row for row, n in Counter(rows).items() if n > 1] == []


@pytest.mark.parametrize("stage", STAGES)
def test_a_missing_set_is_a_key_error_naming_it(stage):
    with pytest.raises(KeyError, match="no_such_set"):
        stage.word_set("no_such_set")


def test_a_list_keeps_the_file_order_and_a_bad_row_names_its_line(tmp_path):
    good = tmp_path / "good.tsv"
    good.write_text("# a comment\nset\tword\n\nnear\twith\nnear\tto\nnear\twith\n", encoding="utf-8")
    sets = reader.WordSets(good)
    assert sets.word_list("near") == ("with", "to") and sets.word_set("near") is sets.word_set("near")
    bad = tmp_path / "bad.tsv"
    bad.write_text("set\tword\nnear with\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:2"):
        reader.WordSets(bad).word_set("near")
