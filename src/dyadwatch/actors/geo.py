"""What the gazetteer says of a place an event was located at (for exports): the kind of place
and its country's FIPS 10-4 code (GDELT's country codes), from the shipped tables."""
from __future__ import annotations

from .dictionary import ActorDictionary, load_dictionary

__all__ = ["place_kind", "fips_code", "country_name"]


def fips_code(country: str | None, *, dictionary: ActorDictionary | None = None) -> str | None:
    """'ARM' -> 'AM', 'AZE' -> 'AJ', 'RUS' -> 'RS'; None when the gazetteer has no such country."""
    known = (dictionary or load_dictionary()).countries.get(country or "")
    return known[1] or None if known else None


def country_name(country: str | None, *, dictionary: ActorDictionary | None = None) -> str | None:
    known = (dictionary or load_dictionary()).countries.get(country or "")
    return known[0] if known else None


def place_kind(name: str, country: str, *, dictionary: ActorDictionary | None = None) -> str:
    """'country', 'region' (a province, a US state) or 'town', for an event's place and country."""
    dictionary = dictionary or load_dictionary()
    if country_name(country, dictionary=dictionary) == name:
        return "country"
    for entry in dictionary.lookup(name):
        if entry.kind == "place" and entry.actor_id.startswith("REGION:"):
            return "region"
    return "town"
