"""The JSON API: the data behind every page, for scripts and notebooks."""
from __future__ import annotations

from typing import Any, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from .data import Dashboard, EventFilter
from .params import article_id as check_article_id
from .params import event_filter, normalise_dyad, period_by
from .search import query_terms, snippet

__all__ = ["router", "search_results"]

router = APIRouter(prefix="/api", tags=["api"])


def dashboard(request: Request) -> Dashboard:
    return request.app.state.dashboard


@router.get("/articles", summary="Stored articles (metadata, newest first)")
def list_articles(outlet: Optional[str] = Query(None, max_length=200), limit: int = Query(100, ge=1, le=1000),
                  offset: int = Query(0, ge=0), data: Dashboard = Depends(dashboard)) -> dict[str, Any]:
    return {"total": data.article_count(), "articles": data.articles(outlet=outlet or None, limit=limit, offset=offset)}


@router.get("/articles/{article_id}", summary="One article: cleaned body, removed boilerplate, its events")
def get_article(article_id: str = Path(..., max_length=64), data: Dashboard = Depends(dashboard)) -> dict[str, Any]:
    article = data.article(check_article_id(article_id))
    if article is None:
        raise HTTPException(status_code=404, detail=f"no article {article_id}")
    return article


@router.get("/events", summary="Coded events, filtered; newest first")
def list_events(where: EventFilter = Depends(event_filter), limit: int = Query(200, ge=1, le=5000),
                offset: int = Query(0, ge=0), data: Dashboard = Depends(dashboard)) -> dict[str, Any]:
    return {"total": data.event_count(where), "events": data.events(where, limit=limit, offset=offset)}


@router.get("/dyads", summary="Every dyad: series of the relation index with its interval, and its trend")
def list_dyads(by: str = Depends(period_by), data: Dashboard = Depends(dashboard)) -> list[dict[str, Any]]:
    return data.dyads(by=by)


@router.get("/dyads/{dyad}", summary="One dyad's series")
def get_dyad(dyad: str = Path(..., max_length=61), by: str = Depends(period_by),
             data: Dashboard = Depends(dashboard)) -> dict[str, Any]:
    name = normalise_dyad(dyad)
    found = next((d for d in data.dyads(by=by) if d["dyad"] == name), None)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no asserted, dated events between {name}")
    return found


@router.get("/stories", summary="Stories across outlets, contested first")
def list_stories(contested: Optional[bool] = Query(None, description="Only contested (true) or uncontested (false)."),
                 min_articles: int = Query(1, ge=1, le=1000,
                                           description="Only stories reported by at least this many articles "
                                                       "(1: every story, single reports included)."),
                 where: EventFilter = Depends(event_filter),
                 limit: int = Query(1000, ge=1, le=5000), offset: int = Query(0, ge=0),
                 data: Dashboard = Depends(dashboard)) -> list[dict[str, Any]]:
    """Stories with an event matching the filters (all, without any)."""
    return data.filtered_stories(where, min_articles=min_articles, contested=contested, limit=limit,
                                 offset=offset)[1]


@router.get("/stories/{story_id}", summary="One story with its events")
def get_story(story_id: str = Path(..., max_length=100), data: Dashboard = Depends(dashboard)) -> dict[str, Any]:
    story = data.story(story_id)
    if story is None:
        raise HTTPException(status_code=404, detail=f"no story {story_id}")
    return {**story, "events": data.events_by_id(story.get("event_ids") or [])}


@router.get("/network", summary="Actors as nodes, relations as edges with their tone (mean Goldstein)")
def get_network(level: Literal["country", "actor"] = Query("country"),
                data: Dashboard = Depends(dashboard)) -> dict[str, Any]:
    return data.network(level=level)


@router.get("/search", summary="Full-text search over article titles and bodies (BM25)")
def search(request: Request, q: str = Query(..., min_length=1, max_length=200, description="Words to look for."),
           limit: int = Query(20, ge=1, le=200), data: Dashboard = Depends(dashboard)) -> dict[str, Any]:
    return search_results(request, q, limit=limit, data=data)


def search_results(request: Request, q: str, *, limit: int, data: Dashboard) -> dict[str, Any]:
    index = request.app.state.search
    hits = index.search(q, limit=limit)
    terms = query_terms(q)
    found = {a["article_id"]: a for a in data.rows(
        "SELECT article_id, title, outlet, published, body FROM articles WHERE list_contains(?, article_id)",
        [[h["article_id"] for h in hits]])} if hits else {}
    results = []
    for hit in hits:
        article = found.get(hit["article_id"])
        if article is None:
            continue
        pieces = snippet(article["body"], terms)
        results.append({"article_id": hit["article_id"], "score": hit["score"], "title": article["title"],
                        "outlet": article["outlet"], "published": article["published"],
                        "snippet": "".join(text for text, _ in pieces),
                        # The snippet cut at the query's words: [text, is_match] pairs.
                        "snippet_pieces": [[text, match] for text, match in pieces]})
    return {"query": q, "engine": index.kind, "results": results}
