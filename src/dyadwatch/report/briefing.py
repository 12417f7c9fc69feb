"""The briefing: one self-contained file (HTML, or Markdown) that says how each relation
moved, which happenings several outlets report, where they contradict each other, how
each outlet frames each actor, and which articles every statement rests on.

Charts are Vega-Lite specs rendered offline to SVG (vl-convert) and inlined: the HTML
page loads nothing from anywhere; the Markdown file embeds them as data: images. Every
stored string is escaped (jinja2 autoescape for HTML, `_md` for Markdown) and only
http(s) URLs become links.
"""
from __future__ import annotations

import base64
import re
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import vl_convert
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..analysis import DyadPoint, dyad_series, dyad_trends, framing, safe_url, source_label
from ..analysis.dyads import dyad_name
from ..store import Store
from . import HEADLINE_ARTICLES, HEADLINE_EVENTS

__all__ = ["render_briefing", "render_markdown", "write_briefing", "dyad_chart_spec", "timeline_chart_spec",
           "briefing_context", "relation_word", "RELATION_WORDS", "TREND_WORDS", "HEADLINE_EVENTS",
           "HEADLINE_ARTICLES"]


def dyad_chart_spec(points: list[DyadPoint]) -> dict[str, Any]:
    """A Vega-Lite spec: the relation index per period with its bootstrap interval."""
    # A time axis: a gap of months shows as one (a month is drawn on its first day).
    values = [{"period": p.period, "day": p.period if len(p.period) == 10 else p.period + "-01", "index": p.index,
               "low": p.low, "high": p.high, "events": p.events} for p in points]
    monthly = bool(points) and len(points[0].period) == 7
    x = {"field": "day", "type": "temporal", "title": None, **({"timeUnit": "yearmonth"} if monthly else {})}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 420, "height": 160,
        "data": {"values": values},
        "layer": [
            {"mark": {"type": "rule", "color": "#999"}, "encoding": {"y": {"datum": 0}}},
            # the 90% interval as a band, the index as a line (with its points while they can be told apart)
            {"mark": {"type": "area", "opacity": 0.25, "color": "#1e6fb1"},
             "encoding": {"x": x, "y": {"field": "low", "type": "quantitative", "title": "relation index",
                                         "scale": {"domain": [-10, 10]}},
                          "y2": {"field": "high"}}},
            {"mark": {"type": "line", "point": len(points) <= 36},
             "encoding": {"x": x, "y": {"field": "index", "type": "quantitative"},
                          "tooltip": [{"field": "period"}, {"field": "index"}, {"field": "events"}]}},
        ],
    }


def timeline_chart_spec(events: list[dict[str, Any]]) -> dict[str, Any]:
    """A Vega-Lite spec: each counted event as a dot on its date, one row per dyad,
    coloured by Goldstein score (red conflict, blue cooperation)."""
    values = [{"date": str(e["date"])[:10], "dyad": e["dyad"], "goldstein": e["goldstein"], "code": e["code"]}
              for e in events if e.get("date")]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 520, "height": {"step": 28},
        "data": {"values": values},
        "mark": {"type": "circle", "size": 90, "opacity": 0.8},
        "encoding": {
            "x": {"field": "date", "type": "temporal", "title": None},
            "y": {"field": "dyad", "type": "nominal", "title": None},
            "color": {"field": "goldstein", "type": "quantitative", "title": "Goldstein",
                      "scale": {"scheme": "redblue", "domain": [-10, 10]}},
            "tooltip": [{"field": "date", "type": "temporal"}, {"field": "code"}, {"field": "goldstein"}],
        },
    }


def _svg(spec: dict[str, Any]) -> str:
    # vl-convert renders offline; the SVG only names XML namespaces, never fetches anything.
    return vl_convert.vegalite_to_svg(spec)


def _root_names() -> dict[str, str]:
    from ..events.ontology import load_ontology

    return {c.code: c.name for c in load_ontology() if len(c.code) == 2}


# The words for a relation, in one place. An interval wholly below zero gets a negative word,
# one wholly above a positive word (the stronger one past ±5); one that spans zero is "mixed"
# while it is narrow (the index is near zero: cooperation and conflict balance) and "unclear"
# once it is wider than MIXED_WIDTH (too little or too scattered evidence to say).
RELATION_WORDS = {"hostile": "neg", "strained": "neg", "mixed": "", "unclear": "", "cooperative": "pos",
                  "close": "pos"}
MIXED_WIDTH = 2.0
STRONG_INDEX = 5.0


def relation_word(index: float, low: float, high: float) -> str:
    """The word for a relation index with its 90% interval (a key of RELATION_WORDS)."""
    if high < 0:
        return "hostile" if index <= -STRONG_INDEX else "strained"
    if low > 0:
        return "close" if index >= STRONG_INDEX else "cooperative"
    return "mixed" if high - low <= MIXED_WIDTH else "unclear"


# The last period against the one before (dyad_trends' direction): a word of change only when
# the two periods' intervals do not overlap.
TREND_WORDS = {"better": "improving", "worse": "worsening", "steady": "no clear change",
               "unclear": "too few events to tell", "single period": ""}


# How much of a big store a briefing spells out: the latest evidence of each relation, the
# latest happenings and events. Counts, indices and stories always cover the whole store.
EVIDENCE_PER_DYAD = 30
TIMELINE_STORIES = 100
EVENTS_LISTED = 300
STORIES_LISTED = 50  # contested and corroborated stories spelled out, the latest of each
CHARTED_DYADS = 8  # the busiest relations get a chart of their own, of their latest periods
CHART_PERIODS = 60
FRAMED_OUTLETS, FRAMED_ACTORS = 12, 10  # framing of the outlets naming actors most, their most-named actors
CONTRASTED_OUTLETS = 12  # outlets per headline dyad in the outlet comparison, the busiest first


def briefing_context(store: Store, *, by: str = "month", dyad: str | None = None,
                     headline_events: int = HEADLINE_EVENTS, headline_articles: int = HEADLINE_ARTICLES
                     ) -> dict[str, Any]:
    """Everything a briefing says, as plain data shared by the HTML and Markdown renderers.
    A dyad is headlined when it rests on `headline_events` counted events from
    `headline_articles` articles; headlines are ranked by counted events, then outlets, then stories."""
    wanted = dyad_name(dyad)
    # Charts render in a thread of their own while the store answers the rest.
    charts = ThreadPoolExecutor(max_workers=1)
    evidence_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in store.counted_events(dyad=wanted, per_dyad=EVIDENCE_PER_DYAD):
        evidence_of[e["dyad"]].append(e)
    series = dyad_series(store, by=by, dyad=wanted)
    trends = dyad_trends(store, by=by, dyad=wanted, series=series)
    points: dict[str, list[DyadPoint]] = defaultdict(list)
    for p in series:
        points[p.dyad].append(p)
    support: dict[str, dict[str, Any]] = {}
    outlets_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in store.dyad_evidence(dyad=wanted):
        if r["outlet"] is None:
            support[r["dyad"]] = r
        else:
            outlets_of[r["dyad"]].append(r)
    multi = store.stored_stories(dyad=wanted, min_articles=2)
    dyads = []
    none = {"articles": 0, "outlets": 0, "stories": 0, "multi_article_stories": 0}
    def rests_on(t: Any) -> dict[str, Any]:
        return support.get(t.dyad, none)

    def headlined(t: Any) -> bool:
        return t.events >= headline_events and rests_on(t)["articles"] >= headline_articles

    # Headlines first, each group by its evidence: counted events, then outlets, then stories.
    ranked = sorted(trends, key=lambda t: (not headlined(t), -t.events, -rests_on(t)["outlets"],
                                           -rests_on(t)["stories"], t.dyad))
    for t in ranked:
        evidence = sorted(evidence_of[t.dyad], key=lambda e: (str(e["date"] or ""), e["event_id"]))
        word = relation_word(t.index, t.low, t.high)
        dyads.append({
            "name": t.dyad, "trend": t, "state": word, "tone": RELATION_WORDS[word], "points": points[t.dyad],
            "change": TREND_WORDS[t.direction], "support": rests_on(t), "headline": headlined(t),
            "cooperation": sum(p.cooperation for p in points[t.dyad]),
            "conflict": sum(p.conflict for p in points[t.dyad]),
            "chart": charts.submit(_svg, dyad_chart_spec(points[t.dyad][-CHART_PERIODS:]))
                     if len(dyads) < CHARTED_DYADS else None,
            "evidence": evidence, "evidence_more": t.events - len(evidence),
            "stories": [s for s in multi if s.dyad == t.dyad],
        })
    headlines = [d for d in dyads if d["headline"]]
    contrasts = [_outlet_contrast(d, outlets_of[d["name"]]) for d in headlines]
    roots = _root_names()
    framing_rows = framing(store, min_mentions=2)
    if wanted:
        framing_rows = [r for r in framing_rows if r.actor in wanted.split("-")]
    volume: dict[str, int] = defaultdict(int)
    for r in framing_rows:
        volume[r.outlet] += r.mentions
    shown_outlets = set(sorted(volume, key=lambda o: (-volume[o], o.lower()))[:FRAMED_OUTLETS])
    framed = defaultdict(list)
    for r in framing_rows:
        if r.outlet not in shown_outlets or len(framed[r.outlet]) >= FRAMED_ACTORS:
            continue
        framed[r.outlet].append({**asdict(r), "event_mix_named": [
            (f"{root} {roots.get(root, '')}".strip(), share) for root, share in
            sorted(r.event_mix.items(), key=lambda kv: -kv[1])]})
    # The timeline shows happenings: the latest stories with a counted event between two countries.
    timeline = store.stored_stories(dyad=wanted, counted_only=True, limit=TIMELINE_STORIES)
    timeline.sort(key=lambda s: (s.date or "9999", s.story_id))
    events = store.events(limit=EVENTS_LISTED)
    contested = [s for s in multi if s.contested]  # the latest first
    corroborated = [s for s in multi if not s.contested and len(s.outlets) > 1]
    shown = contested[:STORIES_LISTED] + corroborated[:STORIES_LISTED]
    quoted = store.events_by_ids([i for s in shown for i in s.event_ids])
    # a story quotes each of its articles by the first of its events there (in text order)
    order = {e["event_id"]: n for n, e in enumerate(quoted)}
    found = {e["event_id"]: e for e in quoted}
    quotes = {}
    for s in shown:
        by_article: dict[str, str] = {}
        for event_id in sorted((i for i in s.event_ids if i in found), key=order.__getitem__):
            by_article.setdefault(found[event_id]["article_id"], found[event_id]["evidence"])
        quotes[s.story_id] = {aid: by_article.get(aid, "") for aid in s.article_ids}
    charted = [e for d in evidence_of.values() for e in d]
    # Sources: the articles the briefing quotes or cites, numbered in publication order.
    cited = {e["article_id"] for e in [*charted, *events]} | {a for s in [*shown, *timeline] for a in s.article_ids}
    sources = []
    for number, article in enumerate(store.articles(ids=sorted(cited), bodies=False), 1):
        sources.append({**article, "n": number, "label": source_label(article), "link": safe_url(article.get("url"))})
    cite = {s["article_id"]: s for s in sources}
    for d in dyads:
        d["sources"] = sorted({cite[e["article_id"]]["n"] for e in d["evidence"]})
        d["chart"] = d["chart"].result() if d["chart"] else ""
    timeline_chart = charts.submit(_svg, timeline_chart_spec(charted)).result() if charted else ""
    charts.shutdown()
    outlet_articles = defaultdict(list)
    for s in sources:
        outlet_articles[s["label"]].append(s["n"])
    return {
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "by": by, "dyad": wanted, "sources": sources, "cite": cite, "events": events,
        "event_total": store.event_count(), "dyads": dyads, "headlines": headlines,
        "not_headlined": [d for d in dyads if not d["headline"]],
        "headline_events": headline_events, "headline_articles": headline_articles,
        "contrasts": contrasts, "undated": store.undated_events(dyad=wanted),
        # "story" as everywhere: every group of events about one happening, single reports included
        "story_total": len(store.stored_stories(dyad=wanted)) if wanted else store.story_count(),
        "story_multi_total": len(multi) if wanted else store.story_count(min_articles=2),
        "corroborated": corroborated[:STORIES_LISTED], "corroborated_total": len(corroborated),
        "contested": contested[:STORIES_LISTED], "contested_total": len(contested), "quotes": quotes,
        "timeline": timeline,
        "timeline_chart": timeline_chart,
        "framing": dict(sorted(framed.items(), key=lambda kv: kv[0].lower())),
        "framing_more": len(volume) - len(shown_outlets),
        "outlet_articles": outlet_articles, "article_total": store.article_count(),
        "outlets": store.outlets_known(),
        "quarantine": store.quarantine(),
    }


def _outlet_contrast(dyad: dict[str, Any], outlets: list[dict[str, Any]]) -> dict[str, Any]:
    """How the outlets told one headline dyad: each outlet's reports and their mean Goldstein
    score, and the stories whose reports contradict each other, with the outlets on each side."""
    busiest = sorted(outlets, key=lambda r: (-r["reports"], r["outlet"].lower()))
    contested = []
    for s in dyad["stories"]:
        if s.contested:
            pairs = sorted({tuple(sorted((c["a"]["outlet"], c["b"]["outlet"]))) for c in s.contradictions})
            contested.append({"story": s, "between": [" vs ".join(p) for p in pairs]})
    return {"name": dyad["name"], "outlets": busiest[:CONTRASTED_OUTLETS],
            "outlets_more": max(0, len(busiest) - CONTRASTED_OUTLETS), "contested": contested}


def _environment(autoescape: bool) -> Environment:
    env = Environment(loader=PackageLoader("dyadwatch.report", "templates"),
                      autoescape=select_autoescape(["html"]) if autoescape else False,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["md"] = _md
    env.filters["signed"] = lambda v: "n/a" if v is None else f"{v:+.2f}"
    return env


def render_briefing(store: Store, *, by: str = "month", dyad: str | None = None,
                    headline_events: int = HEADLINE_EVENTS, headline_articles: int = HEADLINE_ARTICLES) -> str:
    """The HTML briefing."""
    context = briefing_context(store, by=by, dyad=dyad, headline_events=headline_events, headline_articles=headline_articles)
    context["timeline_chart"] = Markup(context["timeline_chart"])
    for d in context["dyads"]:
        d["chart"] = Markup(d["chart"])
    return _environment(True).get_template("briefing.html").render(**context)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def _md(value: Any) -> str:
    """Text safe inside Markdown: markup characters escaped, line breaks flattened."""
    text = "" if value is None else str(value)
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _data_image(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def render_markdown(store: Store, *, by: str = "month", dyad: str | None = None,
                    headline_events: int = HEADLINE_EVENTS, headline_articles: int = HEADLINE_ARTICLES) -> str:
    """The Markdown briefing (charts as data: images, so the file stands alone)."""
    context = briefing_context(store, by=by, dyad=dyad, headline_events=headline_events, headline_articles=headline_articles)
    context["timeline_chart"] = _data_image(context["timeline_chart"]) if context["timeline_chart"] else ""
    for d in context["dyads"]:
        d["chart"] = _data_image(d["chart"])
    return _environment(False).get_template("briefing.md").render(**context)


def write_briefing(store: Store, path: str | Path, *, by: str = "month", dyad: str | None = None,
                   headline_events: int = HEADLINE_EVENTS, headline_articles: int = HEADLINE_ARTICLES) -> Path:
    """Write the briefing; Markdown when the file name ends in .md, else HTML (the headline
    minimum: briefing_context's)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    markdown = path.suffix.lower() in (".md", ".markdown")
    render = render_markdown if markdown else render_briefing
    text = render(store, by=by, dyad=dyad, headline_events=headline_events, headline_articles=headline_articles)
    path.write_text(text, encoding="utf-8")
    return path
