"""The web dashboard and its JSON API (FastAPI), read-only over a store.

    create_app(db, token=None)   the ASGI app: pages, /api/..., /docs, /openapi.json
    serve(db, host=, port=, token=)   run it with uvicorn (loopback only unless a token is given)
    check_bind(host, token)      the rule `serve` enforces, raising ValueError with the reason
"""
from .app import create_app, serve
from .security import check_bind

__all__ = ["create_app", "serve", "check_bind"]
