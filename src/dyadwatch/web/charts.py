"""Charts as Vega-Lite specs, rendered on the server to inline SVG with vl-convert.

No chart JavaScript reaches the browser and nothing is fetched: the page carries
the finished SVG. A point that should lead somewhere gets an `href`; Vega writes
it as an SVG link, resolved against its own default base URL, so hrefs are written
with a marker and the base is cut off again here (`_local_links`).
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import Any, Sequence
from urllib.parse import quote

import vl_convert
from markupsafe import Markup

__all__ = ["warm_charts", "dyad_chart", "sparkline", "render_svg", "volume_chart", "event_map", "period_day"]

_LINK_MARK = "__dyadwatch__/"
_LINK = re.compile(r'(xlink:href|href)="[^"]*?' + re.escape(_LINK_MARK))
_TONE = {"condition": {"test": "datum.index < 0", "value": "#b1361e"}, "value": "#1e6fb1"}


def render_svg(spec: dict[str, Any]) -> Markup:
    """The SVG of a spec. Safe to insert as markup: vl-convert escapes every string it writes."""
    return Markup(_render(json.dumps(spec, sort_keys=True)))


@lru_cache(maxsize=256)
def _render(spec_json: str) -> str:
    svg = vl_convert.vegalite_to_svg(json.loads(spec_json))
    return _local_links(svg)


def warm_charts() -> None:
    """Render a tiny chart and parse the world map, so no request pays for starting them."""
    _world()
    vl_convert.vegalite_to_svg({"data": {"values": [{"x": 0}]}, "mark": "point",
                                "encoding": {"x": {"field": "x", "type": "quantitative"}}})


def _local_links(svg: str) -> str:
    return _LINK.sub(lambda m: f'{m.group(1)}="/', svg)


_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
# Days are UTC dates: drawn and labelled in UTC, so a month never slides into the one before.
_UTC = {"type": "utc"}


def period_day(period: str) -> str:
    """The first day of a period as the series names it ('2025-07' → '2025-07-01'; weeks and days are days)."""
    return f"{period}-01" if len(period) == 7 else period


def _time(field: str, *, by: str = "month", title: str | None = None, **axis: Any) -> dict[str, Any]:
    fmt = "%Y-%m" if by == "month" else "%Y-%m-%d"
    return {"field": field, "type": "temporal", "title": title, "scale": _UTC,
            "axis": {"format": fmt, "labelAngle": -30, **axis}}


def dyad_chart(dyad: str, points: Sequence[dict[str, Any]], *, by: str, link_query: str = "",
               width: int = 560) -> Markup:
    """The relation index per period with its 90% interval; each point links to its events
    (with the page's filters, `link_query`)."""
    keep = f"&{link_query}" if link_query else ""
    values = [{"period": p["period"], "day": period_day(p["period"]), "index": p["index"], "low": p["low"],
               "high": p["high"], "events": p["events"],
               "href": f"{_LINK_MARK}dyads/{quote(dyad)}?by={by}&period={quote(p['period'])}{keep}#events"}
              for p in points]
    # A true time axis: a gap of months between two points shows as one.
    x = _time("day", by=by)
    return render_svg({
        "$schema": _SCHEMA,
        "width": width, "height": 200,
        "data": {"values": values},
        "layer": [
            {"mark": {"type": "rule", "color": "#999", "strokeDash": [4, 3]}, "encoding": {"y": {"datum": 0}}},
            {"mark": {"type": "errorbar", "ticks": True, "color": "#777"},
             "encoding": {"x": x, "y": {"field": "low", "type": "quantitative", "title": "relation index",
                                         "scale": {"domain": [-10, 10]}},
                          "y2": {"field": "high"}}},
            {"mark": {"type": "line", "color": "#555"}, "encoding": {"x": x, "y": {"field": "index", "type": "quantitative"}}},
            {"mark": {"type": "point", "filled": True, "size": 140, "cursor": "pointer"},
             "encoding": {"x": x, "y": {"field": "index", "type": "quantitative"},
                          "color": _TONE, "href": {"field": "href"},
                          "tooltip": [{"field": "period"}, {"field": "index", "title": "index"},
                                      {"field": "low"}, {"field": "high"}, {"field": "events"}]}},
        ],
    })


def sparkline(points: Sequence[dict[str, Any]], *, by: str = "month") -> Markup:
    """A small line of the relation index, for the overview table: its first and last period
    and the zero line labelled, on a time axis."""
    values = [{"day": period_day(p["period"]), "index": p["index"]} for p in points]
    days = [v["day"] for v in values]
    fmt = "%Y-%m" if by == "month" else "%Y-%m-%d"
    ticks = sorted({days[0], days[-1]}) if days else []
    return render_svg({
        "$schema": _SCHEMA,
        "width": 150, "height": 34, "padding": 2,
        "config": {"view": {"stroke": None}, "axis": {"labelFontSize": 8, "ticks": False, "domain": False,
                                                       "grid": False, "labelColor": "#777"}},
        "data": {"values": values},
        "layer": [
            {"mark": {"type": "rule", "color": "#ccc"}, "encoding": {"y": {"datum": 0}}},
            {"mark": {"type": "line", "color": "#555", "point": {"filled": True, "size": 18}},
             "encoding": {"x": {"field": "day", "type": "temporal", "title": None, "scale": _UTC,
                                "axis": {"values": [_ms(d) for d in ticks],
                                         "format": fmt, "labelOverlap": False,
                                         "labelFlush": True}},
                          "y": {"field": "index", "type": "quantitative", "title": None,
                                "scale": {"domain": [-10, 10]},
                                "axis": {"values": [0], "labelExpr": "'0'", "orient": "left"}}}},
        ],
    })


def volume_chart(rows: Sequence[dict[str, Any]], *, by: str = "month", width: int = 640) -> Markup:
    """Articles and events per period, stacked by outlet, one panel each, on a shared time axis."""
    values = [{**r, "day": r["period"]} for r in rows]
    return render_svg({
        "$schema": _SCHEMA,
        "data": {"values": values},
        "facet": {"row": {"field": "measure", "type": "nominal", "title": None, "sort": ["articles", "events"]}},
        "resolve": {"scale": {"y": "independent"}},
        "spec": {
            "width": width, "height": 110,
            "mark": {"type": "bar", "tooltip": True},
            "encoding": {
                "x": {**_time("day", by=by), "timeUnit": {"unit": "utcyearmonth" if by == "month" else
                                                                   "utcyearmonthdate", "utc": True}},
                "y": {"field": "count", "type": "quantitative", "aggregate": "sum", "title": None},
                "color": {"field": "outlet", "type": "nominal", "title": "outlet",
                          "legend": {"orient": "bottom", "columns": 3}},
                "tooltip": [{"field": "period", "title": by}, {"field": "outlet"}, {"field": "measure"},
                            {"field": "count", "aggregate": "sum", "title": "count"}]},
        },
    })


def _ms(day: str) -> int:
    """A UTC day as Vega's time value (milliseconds since 1970)."""
    return int(datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp() * 1000)


def _fit(places: Sequence[dict[str, Any]], *, margin: float = 6.0) -> dict[str, Any]:
    """The projection framed on the places (with a margin, at least a region's width): events
    in one region would be a single dot on the whole world."""
    if not places:
        return {}
    lons, lats = [p["lon"] for p in places], [p["lat"] for p in places]
    half = max(margin, (max(lons) - min(lons)) / 2 + margin, (max(lats) - min(lats)) / 2 + margin)
    lon, lat = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    corners = [[max(-180, lon - half), max(-85, lat - half)], [min(180, lon + half), min(85, lat + half)]]
    return {"fit": {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": corners}}}


@lru_cache(maxsize=1)
def _world() -> Any:
    """Natural Earth 110m countries (TopoJSON from world-atlas, shipped in web/data; see its NOTICE.md)."""
    return json.loads(resources.files("dyadwatch.web").joinpath("data/countries-110m.json").read_text("utf-8"))


def event_map(places: Sequence[dict[str, Any]], *, link_query: str = "", width: int = 760,
              height: int = 420) -> Markup:
    """The world with a circle per place, sized by its events and coloured by tone; each circle
    links to the timeline of that place's events (with the page's filters)."""
    values = [{**p, "href": f"{_LINK_MARK}timeline?{link_query}{'&' if link_query else ''}place={quote(p['place'])}"}
              for p in sorted(places, key=lambda p: -p["events"])]  # small circles drawn last, on top
    return render_svg({
        "$schema": _SCHEMA,
        "width": width, "height": height, "background": "#eef3f7",
        "projection": {"type": "equalEarth", **_fit(places)},
        "layer": [
            {"data": {"values": _world(), "format": {"type": "topojson", "feature": "countries"}},
             "mark": {"type": "geoshape", "fill": "#e6e6e6", "stroke": "#ffffff", "strokeWidth": 0.5, "clip": True}},
            {"data": {"values": values},
             "mark": {"type": "circle", "opacity": 0.75, "stroke": "#333", "strokeWidth": 0.5, "cursor": "pointer"},
             "encoding": {"longitude": {"field": "lon", "type": "quantitative"},
                          "latitude": {"field": "lat", "type": "quantitative"},
                          "size": {"field": "events", "type": "quantitative", "title": "events",
                                   "scale": {"range": [40, 900]}, "legend": {"format": "d", "tickMinStep": 1}},
                          "color": {"condition": {"test": "datum.tone < 0", "value": "#b1361e"}, "value": "#1e6fb1"},
                          "href": {"field": "href"},
                          "tooltip": [{"field": "place"}, {"field": "place_country", "title": "country"},
                                      {"field": "events"}, {"field": "tone", "title": "mean Goldstein"}]}},
        ],
    })
