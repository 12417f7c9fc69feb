"""The Russian coder's word sets (events/russian.py), read from `data/word_sets_ru.tsv` through the
one reader, dyadwatch.words, as the English sets are (what each set is for is said in the file)."""
from __future__ import annotations

from pathlib import Path

from ..words import WordSets

__all__ = ["WORD_SETS_FILE", "word_set", "word_list", "word_sets"]

WORD_SETS_FILE = Path(__file__).with_name("data") / "word_sets_ru.tsv"
_SETS = WordSets(WORD_SETS_FILE)
word_set = _SETS.word_set
word_list = _SETS.word_list
word_sets = _SETS.word_sets
