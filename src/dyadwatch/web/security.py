"""Who may talk to the server, and what a page may load.

- Binding: loopback addresses only, unless a token is given (`check_bind`).
- Token: with one set, every request needs it: `Authorization: Bearer T`, `?token=T`,
  or the cookie a page visit with `?token=T` sets (so links and assets work after it).
- Headers: a Content-Security-Policy that allows scripts, styles and images from the
  server itself only (no inline script, nothing remote), so even markup that slipped
  through escaping could not run or phone home.
"""
from __future__ import annotations

import ipaddress
import secrets
from typing import Awaitable, Callable
from urllib.parse import urlencode

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

__all__ = ["check_bind", "is_loopback", "token_middleware", "security_headers", "TOKEN_COOKIE", "CSP"]

TOKEN_COOKIE = "dyadwatch_token"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve beyond this machine without a token."""
    if not is_loopback(host) and not token:
        raise ValueError(f"refusing to listen on {host} without --token: anyone who can reach that address "
                         "could read the store. Give --token SECRET (clients then send "
                         "`Authorization: Bearer SECRET` or open a page with ?token=SECRET), "
                         "or listen on 127.0.0.1.")


Handler = Callable[[Request], Awaitable[Response]]


def token_middleware(token: str):
    """An HTTP middleware that lets through only requests carrying `token`."""

    def matches(given: str | None) -> bool:
        return bool(given) and secrets.compare_digest(given.encode(), token.encode())

    async def check(request: Request, call_next: Handler) -> Response:
        header = request.headers.get("authorization", "")
        bearer = header[7:].strip() if header.lower().startswith("bearer ") else None
        query = request.query_params.get("token")
        if matches(bearer) or matches(request.cookies.get(TOKEN_COOKIE)):
            return await call_next(request)
        if matches(query):
            if request.method == "GET" and not request.url.path.startswith(("/api/", "/openapi.json")):
                # A page opened with ?token=: keep it in a cookie and drop it from the address bar.
                rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                # One leading slash: "//host" would send the browser to another site.
                target = "/" + request.url.path.lstrip("/") + (("?" + urlencode(rest)) if rest else "")
                response: Response = RedirectResponse(target, status_code=303)
            else:
                response = await call_next(request)
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
            return response
        message = "this server needs a token: send `Authorization: Bearer TOKEN` or add ?token=TOKEN"
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": message}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        return HTMLResponse(f"<!doctype html><title>token needed</title><p>{message}</p>", status_code=401,
                            headers={"WWW-Authenticate": "Bearer"})

    return check


async def security_headers(request: Request, call_next: Handler) -> Response:
    response = await call_next(request)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response
