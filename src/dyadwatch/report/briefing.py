"""The HTML briefing: one self-contained page (charts inlined as SVG, no remote asset)
saying how each relation moved, with every number linked to the sentences behind it."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import vl_convert
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..analysis import DyadPoint, dyad_of, dyad_series
from ..store import Store

__all__ = ["render_briefing", "write_briefing", "dyad_chart_spec"]


def dyad_chart_spec(points: list[DyadPoint]) -> dict[str, Any]:
    """A Vega-Lite spec: the relation index per period with its bootstrap interval."""
    values = [{"period": p.period, "index": p.index, "low": p.low, "high": p.high, "events": p.events}
              for p in points]
    x = {"field": "period", "type": "ordinal", "title": None}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 420, "height": 160,
        "data": {"values": values},
        "layer": [
            {"mark": {"type": "rule", "color": "#999"}, "encoding": {"y": {"datum": 0}}},
            {"mark": {"type": "errorbar", "ticks": True},
             "encoding": {"x": x, "y": {"field": "low", "type": "quantitative", "title": "relation index",
                                         "scale": {"domain": [-10, 10]}},
                          "y2": {"field": "high"}}},
            {"mark": {"type": "line", "point": True},
             "encoding": {"x": x, "y": {"field": "index", "type": "quantitative"},
                          "tooltip": [{"field": "period"}, {"field": "index"}, {"field": "events"}]}},
        ],
    }


def _svg(spec: dict[str, Any]) -> Markup:
    # vl-convert renders offline; the SVG only names XML namespaces, never fetches anything.
    return Markup(vl_convert.vegalite_to_svg(spec))


def render_briefing(store: Store, *, by: str = "month") -> str:
    articles = store.articles()
    events = store.events()
    by_article = {a["article_id"]: a for a in articles}
    series = dyad_series(events, by=by)
    points_by_dyad: dict[str, list[DyadPoint]] = defaultdict(list)
    for point in series:
        points_by_dyad[point.dyad].append(point)
    events_by_dyad: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        name = dyad_of(event["source"], event["target"])
        if name:
            events_by_dyad[name].append(event)

    dyads = []
    for name, points in sorted(points_by_dyad.items(), key=lambda kv: -sum(p.events for p in kv[1])):
        total = sum(p.events for p in points)
        mean = sum(p.index * p.events for p in points) / total
        dyads.append({
            "name": name, "points": points, "events": total, "index": round(mean, 2),
            "cooperation": sum(p.cooperation for p in points), "conflict": sum(p.conflict for p in points),
            "chart": _svg(dyad_chart_spec(points)),
            "evidence": sorted(events_by_dyad[name], key=lambda e: (e["date"] or "", e["event_id"]))})
    outlets = sorted({a["outlet"] for a in articles if a["outlet"]})
    env = Environment(loader=PackageLoader("dyadwatch.report", "templates"),
                      autoescape=select_autoescape(["html"]))
    return env.get_template("briefing.html").render(
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        articles=articles, by_article=by_article, events=events, dyads=dyads, outlets=outlets,
        quarantine=store.quarantine(), by=by)


def write_briefing(store: Store, path: str | Path, *, by: str = "month") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_briefing(store, by=by), encoding="utf-8")
    return path
