"""A user's YAML table goes through the same loader as the TSV ones, and wins."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from dyadwatch.actors import load_dictionary, resolve_actors, user_actor_files
from dyadwatch.actors.dictionary import ActorDictionary
from dyadwatch.nlp import parse_article
from dyadwatch.records import Article

YAML = """\
- id: HCAV
  kind: org
  code: ARMHRI
  names: Helsinki Citizens' Assembly Vanadzor
- id: NIKOL_PASHINYAN
  kind: person
  names: [Nikol Pashinyan, Pashinyan]
  codes:
    - {code: ARMOPP, start: 2013-05-01, end: 2018-05-07}
    - {code: ARMGOV, start: 2018-05-08, end: 2030-12-31}
"""


def test_a_yaml_table_extends_and_corrects(tmp_path):
    user = tmp_path / "dyadwatch-actors.yaml"
    user.write_text(YAML, encoding="utf-8")
    assert user_actor_files(tmp_path) == [user]
    d = load_dictionary(extra=[user])
    assert d.lookup("Helsinki Citizens' Assembly Vanadzor")[0].code_on(None) == "ARMHRI"
    pashinyan = d.lookup("Nikol Pashinyan")[0]
    assert pashinyan.code_on(date(2016, 1, 1)) == "ARMOPP"
    assert pashinyan.code_on(date(2025, 1, 1)) == "ARMGOV"
    text = "The Helsinki Citizens' Assembly Vanadzor criticised the police."
    parsed = parse_article(Article(article_id="y", path="y", body=text, published=datetime(2025, 1, 1)))
    assert resolve_actors(parsed, dictionary=d)[0].code == "ARMHRI"


def test_a_yaml_actor_without_a_code_is_reported(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: NOBODY\n  names: [Nobody]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="actor 1"):
        ActorDictionary().load_file(bad)
