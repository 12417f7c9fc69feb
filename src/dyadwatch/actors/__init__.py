"""The actors stage: mentions in a parsed article -> CAMEO-style actor codes.

    load_dictionary(*, extra=())        shipped tables + the user's TSV files, one loader
    resolve_actors(parsed, *, dictionary=None) -> list[Mention]
    mention_for_token(mentions, token)  the mention covering a token (for the event coder)
    open_mention(token)                 a side no dictionary holds, kept with its words
    evaluate_actors(path) -> ActorScores  gold actors (PLOVER-style JSONL) resolved to their country
    evaluate_entities(path) -> EntityScores  gold named entities (factRuEval-style JSONL) found
"""
from .dictionary import ActorDictionary, ActorEntry, load_dictionary, user_actor_files
from .resolver import mention_for_token, mentions_in_span, resolve_actors
from .open import dateline_end, is_actor_like, object_mention, open_mention, side_phrase
from .evaluate import ActorMiss, ActorScores, EntityScores, evaluate_actors, evaluate_entities, is_entity_file

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "load_dictionary",
    "user_actor_files",
    "resolve_actors",
    "mention_for_token",
    "mentions_in_span",
    "open_mention",
    "dateline_end",
    "side_phrase",
    "object_mention",
    "is_actor_like",
    "evaluate_actors",
    "evaluate_entities",
    "is_entity_file",
    "EntityScores",
    "ActorScores",
    "ActorMiss",
]
