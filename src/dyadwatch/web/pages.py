"""The HTML pages. Every stored string reaches the page through a Jinja2 template with
autoescaping on; none is ever marked safe. Charts are server-rendered SVG."""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Any, Literal, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .api import dashboard, search_results
from .charts import dyad_chart, sparkline
from .data import Dashboard, EventFilter
from .highlight import evidence_pieces
from .params import article_id as check_article_id
from .params import event_filter, normalise_dyad, period_by

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

# A dyad's page lists its latest events (each point of its chart lists all of that period's).
DYAD_EVENTS = 300


def _page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, data: Dashboard = Depends(dashboard)) -> HTMLResponse:
    dyads = data.dyads(by="month")
    for d in dyads:
        d["spark"] = sparkline(d["series"])
    return _page(request, "overview.html", dyads=dyads, stories=data.stories(limit=10),
                 articles=data.articles(limit=8), article_total=data.article_count(),
                 event_total=data.event_count(), outlets=data.outlets)


@router.get("/dyads/{dyad}", response_class=HTMLResponse)
def dyad_page(request: Request, dyad: str = Path(..., max_length=61), by: str = Depends(period_by),
              period: Optional[str] = Query(None, max_length=10), data: Dashboard = Depends(dashboard)) -> Response:
    name = normalise_dyad(dyad)
    if name != dyad:
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/dyads/{name}{query}", status_code=308)
    found = next((d for d in data.dyads(by=by) if d["dyad"] == name), None)
    all_count = data.event_count(EventFilter(dyad=name))
    if found is None and not all_count:
        raise HTTPException(status_code=404, detail=f"no events between {name}")
    periods = [p["period"] for p in found["series"]] if found else []
    if period and period not in periods:
        raise HTTPException(status_code=404, detail=f"{name} has no counted events in period {period}")
    if period:
        # The events behind one point of the chart: exactly those the series counted.
        counted = data.counted_ids(dyad=name, by=by, period=period)
        shown = [e for e in data.events(EventFilter(dyad=name)) if e["event_id"] in counted]
    else:
        shown = data.events(EventFilter(dyad=name), limit=DYAD_EVENTS)
    return _page(request, "dyad.html", dyad=name, summary=found, by=by, period=period,
                 chart=dyad_chart(name, found["series"], by=by) if found else None,
                 events=shown, all_count=all_count)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, where: EventFilter = Depends(event_filter),
             limit: int = Query(300, ge=1, le=5000), offset: int = Query(0, ge=0),
             data: Dashboard = Depends(dashboard)) -> HTMLResponse:
    total = data.event_count(where)
    by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in data.events(where, limit=limit, offset=offset):
        by_day[event["date"] or "undated"].append(event)
    next_url = None
    if total > offset + limit:
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
        next_url = "/timeline?" + urlencode([*rest, ("offset", str(offset + limit))])
    return _page(request, "timeline.html", where=where, days=list(by_day.items()), total=total,
                 limit=limit, offset=offset, outlets=data.outlets, actors=data.actor_codes, next_url=next_url)


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, level: Literal["country", "actor"] = Query("country"),
            data: Dashboard = Depends(dashboard)) -> HTMLResponse:
    graph = data.network(level=level)
    return _page(request, "network.html", level=level, graph=_layout(graph))


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, limit: int = Query(200, ge=1, le=2000), offset: int = Query(0, ge=0),
            data: Dashboard = Depends(dashboard)) -> HTMLResponse:
    total = data.story_count()
    next_url = f"/stories?{urlencode({'limit': limit, 'offset': offset + limit})}" if total > offset + limit else None
    return _page(request, "stories.html", stories=data.stories(limit=limit, offset=offset), total=total,
                 next_url=next_url)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str = Path(..., max_length=100),
          data: Dashboard = Depends(dashboard)) -> HTMLResponse:
    found = data.story(story_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no story {story_id}")
    events = data.events_by_id(found.get("event_ids") or [])
    contradicted: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number, c in enumerate(found.get("contradictions") or [], 1):
        for side in ("a", "b"):
            report = c.get(side) or {}
            contradicted[(report.get("article_id"), report.get("evidence"))].append(number)
    articles = data.titles(found.get("article_ids") or [])
    columns = []
    for article_id in found.get("article_ids") or []:
        mine = [e for e in events if e["article_id"] == article_id]
        evidence: list[dict[str, Any]] = []
        for e in mine:  # one row per sentence, with every event coded from it
            if evidence and evidence[-1]["text"] == e["evidence"]:
                evidence[-1]["events"].append(e)
            else:
                evidence.append({"text": e["evidence"], "events": [e], "order": e["sentence_index"],
                                 "contradictions": contradicted.get((article_id, e["evidence"]), [])})
        # A contradicting sentence that carries no event of the story still belongs beside it.
        shown = {row["text"] for row in evidence}
        for (aid, text), numbers in contradicted.items():
            if aid == article_id and text and text not in shown:
                evidence.append({"text": text, "events": [], "contradictions": numbers,
                                 "order": data.sentence_index(article_id, text)})
        evidence.sort(key=lambda row: row["order"] if row["order"] is not None else 10 ** 9)
        columns.append({"article_id": article_id, "article": articles.get(article_id, {}), "evidence": evidence})
    return _page(request, "story.html", story=found, columns=columns)


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, outlet: Optional[str] = Query(None, max_length=200),
             data: Dashboard = Depends(dashboard)) -> HTMLResponse:
    return _page(request, "articles.html", articles=data.articles(outlet=outlet or None, limit=1000),
                 outlet=outlet, outlets=data.outlets)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str = Path(..., max_length=64),
            data: Dashboard = Depends(dashboard)) -> HTMLResponse:
    found = data.article(check_article_id(article_id))
    if found is None:
        raise HTTPException(status_code=404, detail=f"no article {article_id}")
    names = request.app.state.code_names
    for event in found["events"]:
        event["name"] = names(event["code"])
    return _page(request, "article.html", article=found, pieces=evidence_pieces(found["body"], found["events"]))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=200), data: Dashboard = Depends(dashboard)) -> HTMLResponse:
    result = search_results(request, q, limit=50, data=data) if q.strip() else None
    return _page(request, "search.html", q=q, result=result)


# -- network layout ---------------------------------------------------------------

def _tone_colour(tone: float) -> str:
    """Red for conflict, blue for cooperation, grey near zero (tone: mean Goldstein, -10…10)."""
    strength = min(1.0, abs(tone) / 6.0)
    grey = (150, 150, 150)
    end = (177, 54, 30) if tone < 0 else (30, 111, 177)
    r, g, b = (round(g0 + (e0 - g0) * strength) for g0, e0 in zip(grey, end))
    return f"#{r:02x}{g:02x}{b:02x}"


def _layout(graph: dict[str, Any], *, size: int = 640) -> dict[str, Any]:
    """Nodes on a circle, busiest first; edge width by events, colour by tone."""
    nodes = graph["nodes"]
    centre, radius = size / 2, size / 2 - 70
    places = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(1, len(nodes)) - math.pi / 2
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        places[node["id"]] = (x, y)
        r = 8 + 4 * math.sqrt(node["events"])
        node.update(x=round(x, 1), y=round(y, 1), r=round(r, 1),
                    anchor="start" if math.cos(angle) > 0.2 else ("end" if math.cos(angle) < -0.2 else "middle"),
                    lx=round(x + (r + 8) * math.cos(angle), 1), ly=round(y + (r + 10) * math.sin(angle) + 5, 1))
    for edge in graph["edges"]:
        (x1, y1), (x2, y2) = places[edge["a"]], places[edge["b"]]
        edge.update(x1=round(x1, 1), y1=round(y1, 1), x2=round(x2, 1), y2=round(y2, 1),
                    width=round(1.5 + 1.5 * math.sqrt(edge["events"]), 1), colour=_tone_colour(edge["tone"]))
    return {**graph, "size": size}
