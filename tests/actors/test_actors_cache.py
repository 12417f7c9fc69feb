"""The compiled cache of the shipped actor tables gives the dictionary the tables give,
is rebuilt when a table changes, and a broken cache file is ignored."""
from __future__ import annotations

import shutil

from dyadwatch.actors import dictionary as actor_dictionary
from dyadwatch.actors.dictionary import ActorDictionary, cache_dir


def _same(a: ActorDictionary, b: ActorDictionary) -> None:
    assert list(a.actors) == list(b.actors)
    assert a.actors == b.actors
    assert a.name_trie == b.name_trie and a.agent_trie == b.agent_trie
    assert a.files == b.files


def _built_from_tables() -> ActorDictionary:
    built = ActorDictionary()
    for name in actor_dictionary.SHIPPED_FILES:
        built.load_file(actor_dictionary.DATA_DIR / name)
    return built


def test_the_cache_is_written_read_rebuilt_and_survives_garbage(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert cache_dir() == tmp_path / "cache" / "dyadwatch"
    expected = _built_from_tables()

    first = actor_dictionary._shipped()  # no cache yet: built, then written
    files = list(cache_dir().glob("actors-*.marshal"))
    assert len(files) == 1
    _same(first, expected)
    second = actor_dictionary._shipped()  # read back from the cache
    assert second is not first
    _same(second, expected)

    files[0].write_bytes(b"not a cache")  # unreadable: ignored, rebuilt, rewritten
    _same(actor_dictionary._shipped(), expected)
    assert files[0].read_bytes() != b"not a cache"

    # an edited table changes the key: the old copy is never used, and is removed
    data = tmp_path / "data"
    shutil.copytree(actor_dictionary.DATA_DIR, data)
    monkeypatch.setattr(actor_dictionary, "DATA_DIR", data)
    with (data / "office_holders.tsv").open("a", encoding="utf-8") as handle:
        handle.write("CACHE_TEST_PERSON\tperson\tARMGOV\t\t\tZorik Cachetestyan\n")
    edited = actor_dictionary._shipped()
    assert edited.lookup("Zorik Cachetestyan")[0].code_on(None) == "ARMGOV"
    assert [p.name for p in cache_dir().glob("actors-*.marshal")] != [files[0].name]
    assert len(list(cache_dir().glob("actors-*.marshal"))) == 1
    assert actor_dictionary._shipped().lookup("Zorik Cachetestyan")[0].actor_id == "CACHE_TEST_PERSON"
