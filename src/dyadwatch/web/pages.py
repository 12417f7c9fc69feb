"""The HTML pages. Every stored string reaches the page through a Jinja2 template with
autoescaping on; none is ever marked safe. Charts are server-rendered SVG."""
from __future__ import annotations

import csv
import io
import math
import os
from collections import defaultdict
from dataclasses import replace
from typing import Any, BinaryIO, Iterator, Literal, Optional, Sequence
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from ..store.aggregates import FORMULA_STARTS
from .api import dashboard, search_results
from .charts import dyad_chart, event_map, sparkline, volume_chart
from .data import ARTICLE_FIELDS, Dashboard, EventFilter
from .highlight import evidence_pieces
from .params import KEPT, kept_filter, table_format
from .params import article_id as check_article_id
from .params import event_filter, normalise_dyad, period_by

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

# A dyad's page lists its latest events (each point of its chart lists all of that period's).
DYAD_EVENTS = 300
# The outlets page's tables show this many outlets (columns) and rows; the CSVs have all.
PIVOT_OUTLETS = 12
PIVOT_ROWS = 100


# The columns of each table's CSV (the page shows the same rows).
_EVENT_CSV = ("event_id", "date", "source", "target", "code", "goldstein", "modality", "evidence", "reported_by",
              "article_id", "place", "place_country", "lat", "lon")
_STORY_CSV = ("story_id", "title", "dyad", "date", "articles", "outlets", "contested", "contradictions",
              "article_ids")
_CSV = {
    "dyads": ("dyad", "events", "index", "cooperation", "conflict", "first", "last"),
    "volume": ("period", "outlet", "measure", "count"),
    "series": ("period", "index", "low", "high", "events", "cooperation", "conflict"),
    "events": _EVENT_CSV,  # as DashboardQueries.event_csv writes them
    "edges": ("a", "b", "events", "tone"),
    "stories": _STORY_CSV,
    "contested": _STORY_CSV,
    "articles": (*ARTICLE_FIELDS, "source", "events"),
    "coverage": ("outlet", "articles", "copies", "first", "last", "events", "asserted", "tone"),
    "tone": ("outlet", "dyad", "articles", "events", "tone", "cooperation", "conflict"),
    "places": ("place", "place_country", "lat", "lon", "events", "tone"),
}


def _page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    keep = urlencode([(k, v) for k, v in request.query_params.multi_items() if k in KEPT and v])
    context.setdefault("keep", keep)
    context.setdefault("csv_href", lambda table: _csv_href(request, table))
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status_code)


def _csv_href(request: Request, table: str) -> str:
    """This page's address with its filters, asking for one of its tables as CSV."""
    rest = [(k, v) for k, v in request.query_params.multi_items() if k not in ("format", "table", "offset", "limit")]
    return f"{request.url.path}?{urlencode([*rest, ('format', 'csv'), ('table', table)])}"


def _cell(value: Any) -> Any:
    kind = value.__class__
    if kind is str:
        return "'" + value if value[:1] in FORMULA_STARTS else value
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if kind in (list, tuple):
        return _cell("; ".join(str(v) for v in value))
    return value


def _csv(request: Request, wanted: tuple[str, str | None], tables: dict[str, Any]) -> Response:
    """One of the page's tables (the first, if none is named) as a CSV download. A table is
    rows as dicts, or, for the big ones, a function giving the CSV file DuckDB wrote."""
    name = wanted[1] or next(iter(tables))
    if name not in tables:
        raise HTTPException(status_code=422, detail=f"table: this page has {', '.join(tables)}; got {name[:40]!r}")
    table = tables[name]
    page = request.url.path.strip("/").replace("/", "-") or "overview"
    filename = f"dyadwatch-{page}-{name}.csv"
    disposition = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if callable(table):
        written = table()
        return StreamingResponse(_chunks(written), media_type="text/csv; charset=utf-8",
                                 headers={**disposition, "Content-Length": str(os.fstat(written.fileno()).st_size)})
    out = io.StringIO()
    writer = csv.writer(out)
    columns = _CSV[name]
    writer.writerow(columns)
    writer.writerows([_cell(row.get(c)) for c in columns] for row in table)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=disposition)


def _chunks(file: BinaryIO, size: int = 1 << 20) -> Iterator[bytes]:
    with file:
        while chunk := file.read(size):
            yield chunk


def _stories_rows(stories: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**s, "articles": len(s.get("article_ids") or []),
             "contradictions": len(s.get("contradictions") or [])} for s in stories]


def _clip(series: Sequence[dict[str, Any]], where: EventFilter) -> list[dict[str, Any]]:
    """The periods of a series inside the filter's date range (a period counts if its first day does)."""
    since, until = where.since and where.since.isoformat(), where.until and where.until.isoformat()
    return [p for p in series if (not since or p["period"] >= since[:len(p["period"])])
            and (not until or p["period"] <= until[:len(p["period"])])]


def _dyad_rows(data: Dashboard, where: EventFilter, *, charts: bool = True) -> list[dict[str, Any]]:
    """The overview's dyads: their whole series unfiltered; with filters, the counted events that
    match them, the sparkline cut to the date range."""
    dyads = data.dyads(by="month")
    if where:
        full = {d["dyad"]: d for d in dyads}
        dyads = []
        for row in data.dyad_totals(where):
            d = full.get(row["dyad"], {"series": [], "direction": "", "change": None, "last": None,
                                       "last_index": 0.0})
            series = _clip(d["series"], where)
            dyads.append({**d, "dyad": row["dyad"], "events": row["events"], "index": row["tone"],
                          "cooperation": row["cooperation"], "conflict": row["conflict"], "series": series})
    for d in dyads:
        d["spark"] = sparkline(d["series"]) if d["series"] and charts else ""
        d["first"] = d["series"][0]["period"] if d["series"] else None
        d["last"] = d["series"][-1]["period"] if d["series"] else d.get("last")
    return dyads


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, where: EventFilter = Depends(event_filter),
             wanted: Optional[tuple] = Depends(table_format), data: Dashboard = Depends(dashboard)) -> Response:
    volume = data.volume(where)
    if wanted:
        return _csv(request, wanted, {"dyads": _dyad_rows(data, where, charts=False), "volume": volume})
    dyads = _dyad_rows(data, where)
    places = data.places(where)
    _, stories = data.filtered_stories(where, limit=10)
    return _page(request, "overview.html", where=where, dyads=dyads, stories=stories,
                 articles=data.articles(where, limit=8), article_total=data.article_count(where),
                 event_total=data.event_count(where), outlets=data.outlets, actors=data.actor_codes,
                 volume=volume_chart(data.busiest_outlets(volume)) if volume else None, places=places,
                 map=event_map(places, link_query=_keep(request), width=560, height=300) if places else None)


def _keep(request: Request) -> str:
    return urlencode([(k, v) for k, v in request.query_params.multi_items() if k in KEPT and v])


@router.get("/dyads/{dyad}", response_class=HTMLResponse)
def dyad_page(request: Request, dyad: str = Path(..., max_length=61), by: str = Depends(period_by),
              period: Optional[str] = Query(None, max_length=10), where: EventFilter = Depends(kept_filter),
              wanted: Optional[tuple] = Depends(table_format), data: Dashboard = Depends(dashboard)) -> Response:
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
    mine = replace(where, dyad=name)
    if period:
        # The events behind one point of the chart: exactly those the series counted.
        counted = data.counted_ids(dyad=name, by=by, period=period)
        shown = [e for e in data.events(mine) if e["event_id"] in counted]
    else:
        shown = data.events(mine, limit=DYAD_EVENTS)
    series = data.dyad_series(name, where, by=by)  # the chart and its table follow the filters too
    if wanted:
        return _csv(request, wanted, {"series": series, "events": shown})
    return _page(request, "dyad.html", dyad=name, summary=found, by=by, period=period, series=series,
                 chart=dyad_chart(name, series, by=by, link_query=_keep(request)) if series else None, where=where,
                 outlets=data.outlets, actors=data.actor_codes,
                 events=shown, all_count=data.event_count(mine) if where else all_count)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, where: EventFilter = Depends(event_filter),
             limit: int = Query(300, ge=1, le=5000), offset: int = Query(0, ge=0),
             wanted: Optional[tuple] = Depends(table_format), data: Dashboard = Depends(dashboard)) -> Response:
    if wanted:  # the CSV holds every matching event, not one page of them
        return _csv(request, wanted, {"events": lambda: data.event_csv(where)})
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
            where: EventFilter = Depends(event_filter), wanted: Optional[tuple] = Depends(table_format),
            data: Dashboard = Depends(dashboard)) -> Response:
    graph = data.network(level=level, where=where)
    if wanted:
        return _csv(request, wanted, {"edges": graph["edges"]})
    return _page(request, "network.html", level=level, graph=_layout(graph), where=where, outlets=data.outlets,
                 actors=data.actor_codes)


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, limit: int = Query(200, ge=1, le=2000), offset: int = Query(0, ge=0),
            min_articles: int = Query(1, ge=1, le=1000, description="Only stories reported by this many articles."),
            contested: Optional[Literal["", "true", "false"]] = Query(None),
            where: EventFilter = Depends(event_filter), wanted: Optional[tuple] = Depends(table_format),
            data: Dashboard = Depends(dashboard)) -> Response:
    only = {"true": True, "false": False}.get(contested or "")
    if wanted:
        return _csv(request, wanted, {"stories": lambda: data.story_csv(where, min_articles=min_articles,
                                                                         contested=only)})
    total, found = data.filtered_stories(where, min_articles=min_articles, contested=only, limit=limit,
                                         offset=offset)
    next_url = None
    if total > offset + limit:
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
        next_url = "/stories?" + urlencode([*rest, ("offset", str(offset + limit))])
    return _page(request, "stories.html", stories=found, total=total, next_url=next_url, where=where,
                 min_articles=min_articles, contested=contested or "", outlets=data.outlets,
                 actors=data.actor_codes)


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
def articles(request: Request, where: EventFilter = Depends(event_filter),
             wanted: Optional[tuple] = Depends(table_format), data: Dashboard = Depends(dashboard)) -> Response:
    if wanted:
        return _csv(request, wanted, {"articles": data.articles(where, limit=None)})
    return _page(request, "articles.html", articles=data.articles(where, limit=1000), where=where,
                 total=data.article_count(where), outlets=data.outlets, actors=data.actor_codes)


@router.get("/outlets", response_class=HTMLResponse)
def outlets(request: Request, where: EventFilter = Depends(event_filter),
            min_articles: int = Query(2, ge=1, le=1000), wanted: Optional[tuple] = Depends(table_format),
            data: Dashboard = Depends(dashboard)) -> Response:
    """Outlets side by side: coverage, tone per dyad, the stories each reports, contested stories."""
    coverage = data.outlet_coverage(where)
    tone = data.outlet_dyad_tone(where)
    _, shared = data.filtered_stories(where, min_articles=min_articles, limit=200)
    _, contested = data.filtered_stories(where, contested=True, limit=200)
    if wanted:
        return _csv(request, wanted, {"coverage": coverage, "tone": tone, "stories": _stories_rows(shared),
                                      "contested": _stories_rows(contested)})
    # The pivots show the busiest outlets and dyads (the CSV has every row): hundreds of
    # columns would be unreadable, and slow to render.
    busiest = [c["outlet"] for c in coverage]
    in_tone = {row["outlet"] for row in tone}
    names = [n for n in busiest if n in in_tone][:PIVOT_OUTLETS]
    by_dyad: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for row in tone:
        by_dyad[row["dyad"]][row["outlet"]] = row
    dyads = sorted(by_dyad, key=lambda d: (-sum(r["events"] for r in by_dyad[d].values()), d))[:PIVOT_ROWS]
    reporting = {o for s in shared for o in s.get("outlets") or []}
    story_outlets = [n for n in busiest if n in reporting][:PIVOT_OUTLETS]
    for story in contested:
        story["pairs"] = sorted({" vs ".join(sorted({(c.get("a") or {}).get("outlet") or "?",
                                                     (c.get("b") or {}).get("outlet") or "?"}))
                                 for c in story.get("contradictions") or []})
    return _page(request, "outlets.html", where=where, coverage=coverage[:PIVOT_ROWS], outlet_total=len(coverage),
                 names=names, by_dyad={d: by_dyad[d] for d in dyads}, dyad_total=len(by_dyad),
                 story_outlets=story_outlets, tone_outlets=len(in_tone), story_outlet_total=len(reporting),
                 shared=shared, contested=contested, min_articles=min_articles, outlets=data.outlets,
                 actors=data.actor_codes)


@router.get("/map", response_class=HTMLResponse)
def event_places(request: Request, where: EventFilter = Depends(event_filter),
                 wanted: Optional[tuple] = Depends(table_format), data: Dashboard = Depends(dashboard)) -> Response:
    places = data.places(where)
    if wanted:
        return _csv(request, wanted, {"places": places})
    return _page(request, "map.html", where=where, places=places, outlets=data.outlets, actors=data.actor_codes,
                 map=event_map(places, link_query=_keep(request)), located=sum(p["events"] for p in places),
                 total=data.event_count(where))


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
