"""Stories: the reports of one happening across articles and outlets.

Two events from different articles report the same happening when all of these hold:
- they concern the same pair of countries (an event missing a side takes the countries
  named in its sentence, so "the failed visit of Speaker X to Russia" still pairs);
- their CAMEO roots are the same or related (`data/related_roots.tsv`);
- their dates can be the same day: an explicit date is a day, month or year; a date
  that is only the article's publication date means "on or before" for a past event
  and "on or after" for a planned one, within `lookback_days`; an undated event can
  match any date, but then only the same kind of act (same root) by the same named
  person, or much more similar wording;
- their sentences are alike: TF-IDF cosine over the words of the two sentences (names
  included), with a lower bar when both name the same person (same dictionary entry).
Events of one sentence stay together. Stories are the connected groups of these links.

Stories are computed at query time, not stored by `process`: they depend on every
article in the store (a new article can join two old stories), clustering thousands
of events takes well under a second, and the options (window, similarity) stay the
user's. Everything is deterministic: same store and options, same stories and ids.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable, Mapping, Sequence

from ..clean.tables import stopwords
from ..records import Story, content_id
from .contradictions import Report, find_contradictions
from .dyads import country_of, dyad_of
from .sources import source_label
from .tables import RootRelations, related_roots, words

__all__ = ["find_stories", "stories_from_store", "StoryOptions"]


@dataclass(frozen=True, slots=True)
class StoryOptions:
    window_days: int = 3  # slack around two dates that should be the same day
    lookback_days: int = 14  # how long before (after, if planned) its article an event dated by the article may lie
    similarity: float = 0.2  # TF-IDF cosine two sentences need
    similarity_same_person: float = 0.1  # ... when both name the same person
    similarity_undated: float = 0.35  # ... when either event has no date at all
    min_articles: int = 1  # keep stories reported by at least this many articles


@dataclass(slots=True)
class _Item:
    event: dict[str, Any]
    countries: frozenset[str]
    people: frozenset[str]
    span: tuple[date, date] | None
    vector: dict[str, float] = field(default_factory=dict)


def _month_end(day: date) -> date:
    nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _span(event: Mapping[str, Any], lookback: int) -> tuple[date, date] | None:
    """The days the event may have happened on."""
    value = event.get("date")
    if not value:
        return None
    day = date.fromisoformat(str(value)[:10])
    if event.get("date_basis") == "article":
        modality = event.get("modality")
        if modality == "asserted" or modality == "negated":
            return day - timedelta(days=lookback), day
        if modality == "future":
            return day, day + timedelta(days=lookback)
        return day - timedelta(days=lookback), day + timedelta(days=lookback)
    precision = event.get("date_precision") or "day"
    if precision == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if precision == "month":
        return day.replace(day=1), _month_end(day)
    return day, day


def _spans_meet(a: tuple[date, date] | None, b: tuple[date, date] | None, slack: int) -> bool:
    if a is None or b is None:
        return True
    return a[0] - timedelta(days=slack) <= b[1] and b[0] - timedelta(days=slack) <= a[1]


def _vectors(items: list[_Item], texts: list[str]) -> None:
    stop = stopwords().get("en", frozenset())
    docs = [[w for w in words(t) if len(w) > 2 and w not in stop and not w.isdigit()] for t in texts]
    df = Counter(w for doc in docs for w in set(doc))
    n = len(docs)
    for item, doc in zip(items, docs):
        tf = Counter(doc)
        vec = {w: c * (math.log((1 + n) / (1 + df[w])) + 1) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        item.vector = {w: v / norm for w, v in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _links(a: _Item, b: _Item, roots: RootRelations, options: StoryOptions) -> bool:
    ea, eb = a.event, b.event
    if len(a.countries & b.countries) < 2:
        return False
    if not roots.are_related(ea["root"], eb["root"]):
        return False
    if not _spans_meet(a.span, b.span, options.window_days):
        return False
    score = _cosine(a.vector, b.vector)
    if a.span is None or b.span is None:
        if a.people & b.people and ea["root"] == eb["root"]:
            return score >= options.similarity_same_person
        return score >= options.similarity_undated
    if a.people & b.people:
        return score >= options.similarity_same_person
    return score >= options.similarity


class _Groups:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def find_stories(events: Iterable[Mapping[str, Any]], *, articles: Iterable[Mapping[str, Any]],
                 sentences: Iterable[Mapping[str, Any]] = (), mentions: Iterable[Mapping[str, Any]] = (),
                 options: StoryOptions = StoryOptions(), cues_path: str | None = None) -> list[Story]:
    """Cluster event rows (as `Store.events()` returns them) into stories, newest first.

    `sentences` and `mentions` rows (as the store holds them) complete events missing a side
    and give the contradiction finder each report's neighbouring sentences."""
    by_article = {a["article_id"]: a for a in articles}
    texts = {(s["article_id"], s["sentence_index"]): s["text"] for s in sentences}
    named: dict[tuple[str, int], list[Mapping[str, Any]]] = defaultdict(list)
    for m in mentions:
        named[(m["article_id"], m["sentence_index"])].append(m)
    roots = related_roots()

    items: list[_Item] = []
    for event in events:
        article = by_article.get(event["article_id"])
        if article is None or article.get("duplicate_of"):
            continue  # a syndicated copy is not a second report
        key = (event["article_id"], event["sentence_index"])
        countries = {country_of(event.get("source")), country_of(event.get("target"))} - {None}
        if len(countries) < 2:
            countries |= {country_of(m["code"]) for m in named[key]} - {None}
        people = frozenset(m["actor_id"] for m in named[key]
                           if m.get("actor_id") and m.get("role") and ":" not in m["actor_id"])
        items.append(_Item(event=dict(event), countries=frozenset(countries), people=people,
                           span=_span(event, options.lookback_days)))
    _vectors(items, [i.event["evidence"] for i in items])

    groups = _Groups(len(items))
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_sentence: dict[tuple[str, int], list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        by_sentence[(item.event["article_id"], item.event["sentence_index"])].append(n)
        for pair in _pairs(item.countries):
            by_pair[pair].append(n)
    for members in by_sentence.values():  # one sentence, one happening per country pair
        for i in members:
            for j in members:
                if i < j and dyad_of(items[i].event.get("source"), items[i].event.get("target")) == \
                        dyad_of(items[j].event.get("source"), items[j].event.get("target")):
                    groups.join(i, j)
    for members in by_pair.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if items[i].event["article_id"] != items[j].event["article_id"] and \
                        groups.find(i) != groups.find(j) and _links(items[i], items[j], roots, options):
                    groups.join(i, j)

    clusters: dict[int, list[_Item]] = defaultdict(list)
    for n, item in enumerate(items):
        clusters[groups.find(n)].append(item)
    stories = []
    for members in clusters.values():
        article_ids = sorted({m.event["article_id"] for m in members})
        if len(article_ids) < options.min_articles:
            continue
        stories.append(_story(members, by_article, texts, cues_path))
    stories.sort(key=lambda s: (s.date or "", s.story_id), reverse=True)
    return stories


def _pairs(countries: frozenset[str]) -> list[tuple[str, str]]:
    ordered = sorted(countries)
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:]]


def _story(members: list[_Item], by_article: Mapping[str, Mapping[str, Any]],
           texts: Mapping[tuple[str, int], str], cues_path: str | None) -> Story:
    events = sorted((m.event for m in members), key=lambda e: e["event_id"])
    event_ids = [e["event_id"] for e in events]
    dyads = Counter(dyad_of(e.get("source"), e.get("target")) for e in events)
    dyads.pop(None, None)
    if dyads:
        dyad = sorted(dyads.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    else:
        common = frozenset.intersection(*(m.countries for m in members))
        dyad = "-".join(sorted(common)[:2]) if len(common) >= 2 else "-".join(sorted(members[0].countries)[:2])
    articles = sorted({e["article_id"] for e in events},
                      key=lambda a: (str(by_article[a].get("published") or "9999"), a))
    outlets = list(dict.fromkeys(source_label(by_article[a]) for a in articles))
    reports = [Report(article_id=e["article_id"], outlet=source_label(by_article[e["article_id"]]),
                      evidence=e["evidence"], modality=e["modality"], root=e["root"], code=e["code"],
                      passage=_passage(e, texts), source_country=country_of(e.get("source")))
               for e in events]
    contradictions = find_contradictions(reports, cues_path=cues_path)
    return Story(story_id=content_id("|".join(event_ids)), title=_title(events), dyad=dyad,
                 date=_story_date(events), article_ids=articles, event_ids=event_ids, outlets=outlets,
                 contested=bool(contradictions), contradictions=contradictions)


def _passage(event: Mapping[str, Any], texts: Mapping[tuple[str, int], str]) -> tuple[str, ...]:
    """The evidence sentence with its neighbours: framing often sits one sentence away."""
    key = (event["article_id"], event["sentence_index"])
    around = [texts.get((key[0], key[1] + d)) for d in (-1, 0, 1)]
    around[1] = around[1] or event["evidence"]
    return tuple(t for t in around if t)


def _story_date(events: Sequence[Mapping[str, Any]]) -> str | None:
    """The earliest stated date; else the earliest article date (the happening was reported by then)."""
    stated = sorted(str(e["date"])[:10] for e in events if e.get("date") and e.get("date_basis") != "article")
    if stated:
        return stated[0]
    dated = sorted(str(e["date"])[:10] for e in events if e.get("date"))
    return dated[0] if dated else None


def _named(text: str | None) -> bool:
    """A name rather than a pronoun or a bare noun ("he", "someone", "officials")."""
    return bool(text) and any(c.isupper() for c in text) and len(text) > 3


def _title(events: Sequence[Mapping[str, Any]]) -> str:
    """'Who: did what — to whom', from the most complete, most confident asserted report."""
    from ..events.ontology import load_ontology

    def rank(e: Mapping[str, Any]) -> tuple:
        return (e["modality"] != "asserted", not (e.get("source") and e.get("target")),
                not (_named(e.get("source_text")) and _named(e.get("target_text"))),
                -float(e.get("confidence") or 0), e["event_id"])

    best = sorted(events, key=rank)[0]
    found = load_ontology().get(best["code"])
    action = found.name.lower().replace(", not specified below", "") if found else f"CAMEO {best['code']}"
    who = best.get("source_text") if _named(best.get("source_text")) else best.get("source")
    whom = best.get("target_text") if _named(best.get("target_text")) else best.get("target")
    title = f"{who or 'unnamed actor'}: {action}" + (f" — {whom}" if whom else "")
    return title if len(title) <= 140 else title[:139] + "…"


def stories_from_store(store: Any, *, options: StoryOptions = StoryOptions(), cues_path: str | None = None,
                       dyad: str | None = None) -> list[Story]:
    """Stories over everything in a `Store` (optionally only one dyad's)."""
    stories = find_stories(store.events(), articles=store.articles(),
                           sentences=store.rows("SELECT article_id, sentence_index, text FROM sentences"),
                           mentions=store.mentions(), options=options, cues_path=cues_path)
    if dyad:
        wanted = "-".join(sorted(dyad.upper().split("-")))
        stories = [s for s in stories if s.dyad == wanted]
    return stories
