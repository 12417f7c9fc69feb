"""Charts as Vega-Lite specs, rendered on the server to inline SVG with vl-convert.

No chart JavaScript reaches the browser and nothing is fetched: the page carries
the finished SVG. A point that should lead somewhere gets an `href`; Vega writes
it as an SVG link, resolved against its own default base URL, so hrefs are written
with a marker and the base is cut off again here (`_local_links`).
"""
from __future__ import annotations

import re
from functools import lru_cache
import json
from typing import Any, Sequence
from urllib.parse import quote

import vl_convert
from markupsafe import Markup

__all__ = ["dyad_chart", "sparkline", "render_svg"]

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


def _local_links(svg: str) -> str:
    return _LINK.sub(lambda m: f'{m.group(1)}="/', svg)


def dyad_chart(dyad: str, points: Sequence[dict[str, Any]], *, by: str, width: int = 560) -> Markup:
    """The relation index per period with its 90% interval; each point links to its events."""
    values = [{"period": p["period"], "index": p["index"], "low": p["low"], "high": p["high"],
               "events": p["events"],
               "href": f"{_LINK_MARK}dyads/{quote(dyad)}?by={by}&period={quote(p['period'])}#events"}
              for p in points]
    x = {"field": "period", "type": "ordinal", "title": None, "axis": {"labelAngle": -30}}
    return render_svg({
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
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


def sparkline(points: Sequence[dict[str, Any]]) -> Markup:
    """A small line of the relation index, for the overview table."""
    values = [{"period": p["period"], "index": p["index"]} for p in points]
    return render_svg({
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 140, "height": 32, "padding": 2,
        "config": {"view": {"stroke": None}, "axis": {"disable": True}},
        "data": {"values": values},
        "layer": [
            {"mark": {"type": "rule", "color": "#ccc"}, "encoding": {"y": {"datum": 0}}},
            {"mark": {"type": "line", "color": "#555", "point": {"filled": True, "size": 18}},
             "encoding": {"x": {"field": "period", "type": "ordinal", "axis": None},
                          "y": {"field": "index", "type": "quantitative", "axis": None,
                                "scale": {"domain": [-10, 10]}}}},
        ],
    })
