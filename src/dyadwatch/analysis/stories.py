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
  included; word weights from a fixed table, `word_weights.py`), with a lower bar when
  both name the same person (same dictionary entry).
Two reports in different languages (an English and a Russian one) share no words, so they
link on what the coder made of them instead (`_links_across_languages`): the same dyad from
their sides, dates at most `window_days` apart, both dated to the day, and the same root (or
a related one, when both name one same person); two reports that name people and none in common
stay apart. Blocking never rested on words: candidates are those of one country pair whose
dates can meet.
Events of one sentence stay together. Stories are the connected groups of these links.

Stories are stored (`stories`, `story_events`) and kept up to date by `process`
(`update_stories`): only the events of articles that changed since the last update are
clustered again, against the stored events they could link to (same country pair, dates
that can meet: a sweep over date spans, never every pair). A new report can join a story
or join two stories into one. Since no similarity depends on the rest of the store, an
update gives exactly what `rebuild` gives, and the same store always the same stories
and ids.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable, Mapping, Sequence

from ..records import TOLD_AS_DONE, Story, content_id
from .contradictions import Report, find_contradictions
from .dyads import country_of, dyad_of
from .headlines import headline
from .sources import source_label
from .tables import RootRelations, related_roots
from .word_weights import word_weights

__all__ = ["find_stories", "update_stories", "StoryOptions", "StoryItem", "story_items", "cluster"]


@dataclass(frozen=True, slots=True)
class StoryOptions:
    window_days: int = 3  # slack around two dates that should be the same day
    lookback_days: int = 14  # how long before (after, if planned) its article an event dated by the article may lie
    similarity: float = 0.2  # TF-IDF cosine two sentences need
    similarity_same_person: float = 0.1  # ... when both name the same person
    similarity_undated: float = 0.35  # ... when either event has no date at all
    min_articles: int = 1  # keep stories reported by at least this many articles


@dataclass(slots=True)
class StoryItem:
    """One event as the clustering sees it."""

    event: dict[str, Any]
    countries: frozenset[str]
    people: frozenset[str]
    span: tuple[date, date] | None  # the days it may have happened on (None: any)
    vector: dict[str, float] = field(default_factory=dict)
    story_id: str | None = None  # set for a stored event that is only a candidate to link to
    language: str = "en"  # its article's (text too short to tell is read as English)

    @property
    def key(self) -> tuple[str, int]:
        return self.event["article_id"], self.event["sentence_index"]


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
        if modality in TOLD_AS_DONE or modality == "negated":
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


def story_items(events: Iterable[Mapping[str, Any]], mentions: Iterable[Mapping[str, Any]], *,
                options: StoryOptions = StoryOptions()) -> list[StoryItem]:
    """Events (rows as the store returns them) with what the clustering compares; `mentions`
    are those of the events' sentences."""
    named: dict[tuple[str, int], list[Mapping[str, Any]]] = defaultdict(list)
    for m in mentions:
        named[(m["article_id"], m["sentence_index"])].append(m)
    weights = word_weights()
    items = []
    for event in events:
        key = (event["article_id"], event["sentence_index"])
        countries = {country_of(event.get("source")), country_of(event.get("target"))} - {None}
        if len(countries) < 2:
            countries |= {country_of(m["code"]) for m in named[key]} - {None}
        people = frozenset(m["actor_id"] for m in named[key]
                           if m.get("actor_id") and m.get("role") and ":" not in m["actor_id"])
        items.append(StoryItem(event=dict(event), countries=frozenset(countries), people=people,
                               span=_span(event, options.lookback_days), vector=weights.vector(event["evidence"]),
                               story_id=event.get("story_id"), language=event.get("language") or "en"))
    return items


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _links(a: StoryItem, b: StoryItem, roots: RootRelations, options: StoryOptions) -> bool:
    ea, eb = a.event, b.event
    if len(a.countries & b.countries) < 2 or not roots.are_related(ea["root"], eb["root"]):
        return False
    if a.language != b.language:
        return _links_across_languages(a, b, options)
    score = _cosine(a.vector, b.vector)
    if a.span is None or b.span is None:
        if a.people & b.people and ea["root"] == eb["root"]:
            return score >= options.similarity_same_person
        return score >= options.similarity_undated
    if a.people & b.people:
        return score >= options.similarity_same_person
    return score >= options.similarity


def _day(event: Mapping[str, Any]) -> date | None:
    """The day an event is dated to (an explicit or relative day, else its article's), or None
    when it is dated to a month or a year only, or not at all."""
    if not event.get("date") or (event.get("date_precision") or "day") != "day":
        return None
    return date.fromisoformat(str(event["date"])[:10])


def _links_across_languages(a: StoryItem, b: StoryItem, options: StoryOptions) -> bool:
    """Reports in two languages share no words: the same dyad from their sides, days at most
    `window_days` apart, and the same root (a related one when they name one same person), with
    no two different people named."""
    ea, eb = a.event, b.event
    dyad = dyad_of(ea.get("source"), ea.get("target"))
    if dyad is None or dyad != dyad_of(eb.get("source"), eb.get("target")):
        return False
    da, db = _day(ea), _day(eb)
    if da is None or db is None or abs((da - db).days) > options.window_days:
        return False
    shared = a.people & b.people
    if a.people and b.people and not shared:
        return False
    return ea["root"] == eb["root"] or bool(shared)


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


def _pairs(countries: frozenset[str]) -> list[tuple[str, str]]:
    ordered = sorted(countries)
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:]]


def _meeting(items: Sequence[StoryItem], members: list[int], slack: int) -> Iterable[tuple[int, int]]:
    """Pairs of `members` whose date spans can meet: a sweep over the spans in start order
    (undated items meet everything)."""
    dated = sorted((n for n in members if items[n].span), key=lambda n: (items[n].span[0], n))
    undated = [n for n in members if not items[n].span]
    reach = timedelta(days=slack)
    active: list[int] = []
    for n in dated:
        start = items[n].span[0]
        active = [m for m in active if items[m].span[1] + reach >= start]
        yield from ((m, n) for m in active)
        active.append(n)
    for x, u in enumerate(undated):
        yield from ((m, u) for m in dated)
        yield from ((m, u) for m in undated[:x])


def cluster(items: Sequence[StoryItem], *, options: StoryOptions = StoryOptions()) -> list[list[StoryItem]]:
    """Connected groups of linked items. Items with a `story_id` are stored events offered as
    candidates: those of one story start as one group and are never compared with each other
    (they were when their story was made)."""
    roots = related_roots()
    groups = _Groups(len(items))
    first_of: dict[str, int] = {}
    by_sentence: dict[tuple[str, int], list[int]] = defaultdict(list)
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        if item.story_id is not None:
            groups.join(first_of.setdefault(item.story_id, n), n)
        else:
            by_sentence[item.key].append(n)
        for pair in _pairs(item.countries):
            by_pair[pair].append(n)
    for members in by_sentence.values():  # one sentence, one happening per country pair
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if dyad_of(items[i].event.get("source"), items[i].event.get("target")) == \
                        dyad_of(items[j].event.get("source"), items[j].event.get("target")):
                    groups.join(i, j)
    for members in by_pair.values():
        for i, j in _meeting(items, members, options.window_days):
            a, b = items[i], items[j]
            if (a.story_id is not None and b.story_id is not None) or a.event["article_id"] == b.event["article_id"]:
                continue
            if groups.find(i) != groups.find(j) and _links(a, b, roots, options):
                groups.join(i, j)
    found: dict[int, list[StoryItem]] = defaultdict(list)
    for n, item in enumerate(items):
        found[groups.find(n)].append(item)
    return list(found.values())


def make_story(events: Sequence[Mapping[str, Any]], countries: Sequence[frozenset[str]], *,
               sources: Mapping[str, str], published: Mapping[str, Any],
               texts: Mapping[tuple[str, int], str], cues_path: str | None = None) -> Story:
    """The story of a group of events: its id, title, dyad, date, outlets and contradictions.
    `sources` names each article's outlet, `texts` holds the sentences around the events."""
    order = sorted(range(len(events)), key=lambda n: events[n]["event_id"])
    events = [events[n] for n in order]
    event_ids = [e["event_id"] for e in events]
    dyads = Counter(dyad_of(e.get("source"), e.get("target")) for e in events)
    dyads.pop(None, None)
    if dyads:
        dyad = sorted(dyads.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    else:
        sets = [countries[n] for n in order]
        common = frozenset.intersection(*sets)
        dyad = "-".join(sorted(common)[:2]) if len(common) >= 2 else "-".join(sorted(sets[0])[:2])
    articles = sorted({e["article_id"] for e in events}, key=lambda a: (str(published.get(a) or "9999"), a))
    outlets = list(dict.fromkeys(sources[a] for a in articles))
    contradictions = []
    if len(articles) > 1:  # contradictions are between articles: a single report has none
        reports = [Report(article_id=e["article_id"], outlet=sources[e["article_id"]], evidence=e["evidence"],
                          modality=e["modality"], root=e["root"], code=e["code"], passage=_passage(e, texts),
                          source_country=country_of(e.get("source"))) for e in events]
        contradictions = find_contradictions(reports, cues_path=cues_path)
    return Story(story_id=content_id("|".join(event_ids)), title=_title(events), dyad=dyad,
                 date=_story_date(events), article_ids=articles, event_ids=event_ids, outlets=outlets,
                 contested=bool(contradictions), contradictions=contradictions)


def find_stories(events: Iterable[Mapping[str, Any]], *, articles: Iterable[Mapping[str, Any]],
                 sentences: Iterable[Mapping[str, Any]] = (), mentions: Iterable[Mapping[str, Any]] = (),
                 options: StoryOptions = StoryOptions(), cues_path: str | None = None) -> list[Story]:
    """Cluster event rows (as `Store.events()` returns them) into stories, newest first: the
    whole clustering in memory, for rows from anywhere (the store's own stories are kept by
    `update_stories`).

    `sentences` and `mentions` rows (as the store holds them) complete events missing a side
    and give the contradiction finder each report's neighbouring sentences."""
    by_article = {a["article_id"]: a for a in articles}
    kept = [e for e in events if e["article_id"] in by_article and not by_article[e["article_id"]].get("duplicate_of")]
    items = story_items([{"language": by_article[e["article_id"]].get("language"), **e, "story_id": None}
                         for e in kept], mentions, options=options)
    texts = {(s["article_id"], s["sentence_index"]): s["text"] for s in sentences}
    sources = {a: source_label(row) for a, row in by_article.items()}
    published = {a: row.get("published") for a, row in by_article.items()}
    stories = []
    for members in cluster(items, options=options):
        if len({m.event["article_id"] for m in members}) < options.min_articles:
            continue
        stories.append(make_story([m.event for m in members], [m.countries for m in members], sources=sources,
                                  published=published, texts=texts, cues_path=cues_path))
    stories.sort(key=lambda s: (s.date or "", s.story_id), reverse=True)
    return stories


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
    """The headline (analysis.headlines) of the most complete, most confident report, an
    asserted one if any: a story of only denied or planned reports is titled as such."""
    def rank(e: Mapping[str, Any]) -> tuple:
        return (e["modality"] != "asserted", e["modality"] not in TOLD_AS_DONE, not (e.get("source") and e.get("target")),
                not (_named(e.get("source_text")) and _named(e.get("target_text"))),
                -float(e.get("confidence") or 0), e["event_id"])

    return headline(sorted(events, key=rank)[0])


@dataclass(slots=True)
class StoryUpdate:
    articles: int  # articles whose events were clustered again
    stories: int  # stories written
    removed: int  # stored stories replaced


def update_stories(store: Any, changed: Sequence[str], *, rebuild: bool = False,
                   options: StoryOptions = StoryOptions(), cues_path: str | None = None) -> StoryUpdate:
    """Bring the store's stories up to date for the `changed` articles (stored, removed, or
    linked as copies since the last update; analysis.update finds them); with `rebuild`,
    every story is made anew.

    Reclustered: the events of the changed articles, with the other events of the stories
    they were in; offered to link to: stored events of the same country pairs whose dates
    can meet theirs."""
    def items_of(rows: list[dict[str, Any]]) -> list[StoryItem]:
        return story_items(rows, store.mentions_of_sentences(_keys(rows)), options=options)

    touched = store.stories_of_articles(changed)
    items = items_of([{**e, "story_id": None} for e in store.story_event_rows(articles=changed, stories=touched)])
    if items:
        wanted = [(a, b, *(item.span or (None, None))) for item in items for a, b in _pairs(item.countries)]
        items += items_of(store.story_candidates(wanted, exclude=touched, slack=options.window_days))
    groups = [g for g in cluster(items, options=options) if any(i.story_id is None for i in g)]
    merged = sorted({i.story_id for g in groups for i in g if i.story_id is not None})
    # the merged stories' members that were not candidates: their stories join whole
    known = {i.event["event_id"] for i in items}
    rest = items_of([e for e in store.story_event_rows(stories=merged) if e["event_id"] not in known]) if merged else []
    by_story: dict[str, list[StoryItem]] = defaultdict(list)
    for item in [*items, *rest]:
        if item.story_id is not None:
            by_story[item.story_id].append(item)
    members = [[i for i in g if i.story_id is None] + [m for s in sorted({i.story_id for i in g} - {None})
                                                        for m in by_story[s]] for g in groups]
    every = [i for group in members for i in group]
    sources, published = store.story_article_labels(sorted({i.event["article_id"] for i in every}))
    texts = store.sentence_texts({(k[0], k[1] + d) for k in _keys([i.event for i in every]) for d in (-1, 0, 1)})
    stories = [make_story([i.event for i in group], [i.countries for i in group], sources=sources,
                          published=published, texts=texts, cues_path=cues_path) for group in members]
    removed = sorted({*touched, *merged})
    store.write_stories(stories, {i.event["event_id"]: i for i in every}, removed=removed, rebuild=rebuild)
    return StoryUpdate(articles=len(changed), stories=len(stories), removed=len(removed))


def _keys(events: Iterable[Mapping[str, Any]]) -> set[tuple[str, int]]:
    return {(e["article_id"], e["sentence_index"]) for e in events}
