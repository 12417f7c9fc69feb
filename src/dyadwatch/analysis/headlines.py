"""Story titles as a person writes them: "Russia criticises Armenia", "Azerbaijan cancels plans to
visit Moscow", "Russia did not provide aid to Armenia", "Armenia may sign an agreement with the ICC".

A title is one event told in words: who (a short name from the sentence, else the country or
organisation its actor code names), a present-tense verb phrase for its CAMEO code
(`events/data/cameo_headlines.tsv`), whom, and its modality: a negated event is never titled as
if it happened ("does not", "did not", "denies …ing", "refuses to", "cancels plans to", chosen
by how its sentence tells it), a planned one "plans to", a hypothetical one "may", and one told
by another side as theirs ("Russia's military uses force against Kharkiv, Ukraine says"). Names come
from the actor tables (`actors/data`), with the short forms and role words of
`data/headline_words.tsv`.

`code_label` is the same phrase, short and bare ("criticise", "provide aid"): the name a
listing shows beside a code.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Mapping

from pathlib import Path

from ..events.ontology import DATA_DIR as EVENT_DATA
from ..words import WordSets
from .tables import DATA_DIR, read_table

__all__ = ["headline", "code_label", "actor_name"]

PHRASES = EVENT_DATA / "cameo_headlines.tsv"
# The actor tables, read as files: importing the actors stage would load the NLP stack.
ACTOR_DATA = Path(__file__).parents[1] / "actors" / "data"
WORDS = WordSets(DATA_DIR / "headline_words.tsv")
MAX_LENGTH = 120
_SMALL = {"and", "of", "the", "de", "da", "d"}
_PREPOSITIONS = {"to", "on", "with", "for", "against", "from", "of", "in", "by", "about", "at"}
_POSSESSIVE = re.compile(r"['\u2019]s?$")


@lru_cache(maxsize=1)
def _phrases() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in read_table(PHRASES)}


def _phrase(code: str) -> dict[str, str]:
    """The row of `code`, else of its base code, else of its root."""
    table = _phrases()
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    raise KeyError(f"no headline phrase for CAMEO code {code!r}")


def _with_target(phrase: str, target: str | None) -> str:
    if target:
        return phrase.replace("{target}", target) if "{target}" in phrase else f"{phrase} {target}"
    words = phrase.split()
    if "{target}" in words:  # "asks {target} for aid" -> "asks for aid"
        at = words.index("{target}")
        words = words[:at] + words[at + 1:]
    elif words[-1] in _PREPOSITIONS:  # "provides aid to" -> "provides aid"
        words = words[:-1]
    return " ".join(words)


def code_label(code: str | None) -> str:
    """A short bare name for a CAMEO code or root ("criticise", "provide aid"); '' when unknown."""
    try:
        return _with_target(_phrase(str(code))["do"], None) if code else ""
    except KeyError:
        return ""


def _title_case(actor_id: str) -> str:
    words = actor_id.replace("_", " ").lower().split()
    return " ".join(w if n and w in _SMALL else w.capitalize() for n, w in enumerate(words))


def _pairs(set_name: str) -> dict[str, str]:
    return dict(w.split(" ", 1) for w in WORDS.word_list(set_name))


def _table_rows(name: str):
    """An actor table's rows as (actor_id, kind, code, start, end, names)."""
    return ((list(row.values()) + [""] * 6)[:6] for row in read_table(ACTOR_DATA / name))


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Country and organisation codes to short names: for a country, the gazetteer's name unless
    headline_words.tsv says how a reader calls it; for an organisation, its short id (CSTO, ICC)
    or first name."""
    found = _gazetteer_countries()
    for table in ("organisations_extra.tsv", "phoenix_international.tsv"):
        for actor_id, kind, code, _start, _end, names in _table_rows(table):
            first = next((n for n in names.split("|") if n), "")
            if kind == "org" and code.startswith(("IGO", "NGO")) and code not in found and first:
                short = actor_id if re.fullmatch(r"[A-Z0-9]{2,6}", actor_id) else first
                found[code] = short if not short.isupper() or len(short) <= 6 else _title_case(short)
    found.update(_pairs("country"))
    return found


def _gazetteer_countries() -> dict[str, str]:
    """Country codes to the gazetteer's names (place_points.tsv: GeoNames), the names a map and
    an export use too ("Moldova", not a region the actor tables code as the country)."""
    found = {}
    with (ACTOR_DATA / "place_points.tsv").open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("country\t"):
                _, name, code, *_ = line.rstrip("\n").split("\t")
                found[code] = name
    return found


def actor_name(code: str | None) -> str | None:
    """What a reader calls the actor of a code: "Russia" (RUS, RUSGOV), "Russia's military"
    (RUSMIL), "CSTO" (IGOEURCSTO); None when the code names nothing we know."""
    if not code:
        return None
    names = _names()
    if code in names:
        return names[code]
    if code[:3] in ("IGO", "NGO", "MNC", "---"):
        return None
    country = names.get(code[:3])
    if country is None:
        return None
    role = _pairs("role").get(code[3:6])
    return f"{country}'s {role}" if role else country


def _text_name(text: str | None) -> str | None:
    """A short name from the sentence's words: the name after any office ("Prime Minister Nikol
    Pashinyan" -> "Nikol Pashinyan", "Yerevan's" -> "Yerevan"); None for a description ("groups
    of Russian nationals", "Armenia's Foreign Minister", "he")."""
    if not text:
        return None
    words = text.rsplit(",", 1)[-1].split()
    titles = WORDS.word_set("title_words")
    run: list[str] = []
    for word in reversed(words):
        bare = _POSSESSIVE.sub("", word)
        if not bare[:1].isupper() or bare.lower() in titles or (run and bare != word):
            break  # a lower-case word, an office, or an owner ("Armenia's") ends the name
        run.insert(0, bare)
    before = words[len(words) - len(run) - 1] if len(run) < len(words) else None
    after_office = before is None or before.lower() in titles or _POSSESSIVE.search(before)
    if not run or len(run) > 3 or not after_office:
        return None
    name = " ".join(run)
    return name if len(name) > 2 else None


def _who(event: Mapping[str, Any], side: str) -> str | None:
    name = _text_name(event.get(f"{side}_text")) or actor_name(event.get(side))
    if name and str(event.get(side) or "").startswith(("IGO", "NGO")) and " " in name \
            and not name.lower().startswith("the "):
        return f"the {name}"  # "the International Criminal Court", "the European Union"
    return name


def _told(evidence: str, set_name: str) -> bool:
    text = f" {evidence.lower()} "
    return any(re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", text) for cue in WORDS.word_list(set_name))


def _verb(event: Mapping[str, Any], target: str | None) -> str:
    forms = {k: _with_target(v, target) for k, v in _phrase(event["code"]).items() if k != "code"}
    modality, evidence = event.get("modality"), event.get("evidence") or ""
    if modality == "negated":
        if _told(evidence, "deny_cues"):
            return f"denies {forms['doing']}"
        if _told(evidence, "refuse_cues"):
            return f"refuses to {forms['do']}"
        if _told(evidence, "cancel_cues"):
            return f"cancels plans to {forms['do']}"
        if _told(evidence, "past_negation_cues"):
            return f"did not {forms['do']}"
        return f"does not {forms['do']}"
    if modality == "future":  # an announced intent (CAMEO 03) is already told as one
        return forms["does"] if event["code"].startswith("03") else f"plans to {forms['do']}"
    if modality == "hypothetical":
        return f"may {forms['do']}"
    return forms["does"]


def headline(event: Mapping[str, Any]) -> str:
    """The title of one event (a row as the store returns it), at most MAX_LENGTH characters."""
    who = _who(event, "source") or "An unnamed actor"
    whom = _who(event, "target")
    if whom == who:
        whom = None
    title = f"{who[0].upper()}{who[1:]} {_verb(event, whom)}"
    if event.get("modality") == "alleged":  # one side's account is titled as theirs
        speaker = event.get("speaker")
        told_by = actor_name(speaker) or (_text_name(speaker) if speaker and speaker[:1].isupper() else None)
        title += f", {told_by} says" if told_by and told_by != who else " (alleged)"
    return title if len(title) <= MAX_LENGTH else title[:MAX_LENGTH - 1].rstrip() + "…"
