"""The web dashboard and JSON API: `create_app(db)` builds it, `serve(...)` runs it.

The store is opened read-only for the life of the server. DuckDB allows no writer
in another process while a read-only connection holds the file: stop the server
before `dyadwatch process` adds to the same store.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import api, pages
from .charts import warm_charts
from .data import Dashboard
from .search import SearchIndex
from .security import check_bind, security_headers, token_middleware

__all__ = ["create_app", "serve"]


def _code_names():
    """CAMEO code → name, from the events stage's code table (loaded once)."""
    from ..events.ontology import load_ontology

    ontology = load_ontology()

    @lru_cache(maxsize=None)
    def name(code: str) -> str:
        found = ontology.get(code)
        return found.name if found else ""

    return name


def _templates() -> Jinja2Templates:
    # autoescape=True for every template: stored text is escaped wherever it is rendered.
    env = Environment(loader=PackageLoader("dyadwatch.web", "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    return Jinja2Templates(env=env)


def _swagger_dir() -> Path | None:
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


def create_app(db: str | Path, *, token: str | None = None) -> FastAPI:
    """The dashboard over the store at `db` (opened read-only). With `token`, every request must carry it."""
    data = Dashboard(db)

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        data.warm()  # stories and series before the first request, not during it
        warm_charts()  # vl-convert's first render starts its engine (about a second)
        yield
        data.close()

    app = FastAPI(title="dyadwatch", version="0.1.0", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Evidence-linked political event data: articles, events, dyads, stories, search. "
                              "Read-only. With a token, send `Authorization: Bearer TOKEN` or `?token=TOKEN`.")
    app.state.dashboard = data
    app.state.search = SearchIndex(data.store.con)
    app.state.templates = _templates()
    app.state.code_names = _code_names()

    app.middleware("http")(security_headers)
    if token:
        # Registered last, so it runs first: nothing is served before the token is checked.
        app.middleware("http")(token_middleware(token))

    swagger = _swagger_dir()
    if swagger is not None:
        app.mount("/swagger-ui", StaticFiles(directory=str(swagger)), name="swagger")
    static = resources.files("dyadwatch.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> HTMLResponse:
        return app.state.templates.TemplateResponse(request, "docs.html", {"swagger": swagger is not None,
                                                                           "routes": _api_routes(app)})

    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
                    for e in exc.errors()]
        return _error(request, 422, "; ".join(problems), detail=jsonable_errors(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    return app


def jsonable_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]


def _error(request: Request, status: int, message: str, *, detail: Any = None,
           headers: dict[str, str] | None = None) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse({"detail": detail if detail is not None else message, "message": message},
                            status_code=status, headers=headers)
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status, headers=headers)


def _api_routes(app: FastAPI) -> list[dict[str, str]]:
    """The API's paths for the plain docs page shown when Swagger UI is not installed."""
    schema = app.openapi()
    return [{"method": method.upper(), "path": path, "summary": op.get("summary", "")}
            for path, ops in schema["paths"].items() for method, op in ops.items()]


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Run the dashboard with uvicorn until interrupted. Refuses a non-loopback host without a token."""
    import uvicorn

    check_bind(host, token)
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="info")
