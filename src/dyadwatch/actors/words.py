"""The English word sets of the actors stage (resolver, actor index), read from `data/word_sets.tsv` through the one reader,
dyadwatch.words (what each set is for is said in the file), and the common English words the clean stage ships."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..clean.tables import read_table
from ..words import WordSets

__all__ = ["WORD_SETS_FILE", "common_words", "word_set", "word_list", "word_sets"]

WORD_SETS_FILE = Path(__file__).with_name("data") / "word_sets.tsv"
_SETS = WordSets(WORD_SETS_FILE)
word_set = _SETS.word_set
word_list = _SETS.word_list
word_sets = _SETS.word_sets


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case common English words: the clean stage's common_words.txt (SCOWL's small
    American list, made by bench/convert_common_words.py; licence beside it), one list for both."""
    return frozenset(row[0] for row in read_table("common_words.txt") if row and row[0])
