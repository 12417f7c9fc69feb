"""A real HTTP server on 127.0.0.1, started in the test, playing a few outlets.

It serves an RSS feed, an Atom feed and a sitemap (with ETag / Last-Modified,
answering 304 to conditional requests), a broken feed, and pages built from real
articles (tests/feeds/fixtures): a plain one, one behind a redirect, one whose
first answer is a 500, one in Windows-1251, one too slow for the client's
timeout, one that is missing (404), and one robots.txt forbids; and a Russian
outlet's feed (/ru/feed.rss) with two real Russian articles, one of them a brief
too short for its language to be told right. Every request is logged, so tests
check what the fetcher asked for and how.
"""
from __future__ import annotations

import html
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SLOW_SECONDS = 1.5  # the tests give the client a timeout well under this


def article_page(name: str, *, charset: str = "utf-8") -> bytes:
    """A fixture article as a simple HTML page: first line the title, the rest paragraphs."""
    lines = [line.strip() for line in (FIXTURES / f"{name}.txt").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    title, paragraphs = lines[0], lines[1:]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = (f'<!DOCTYPE html>\n<html><head><meta charset="{charset}"><title>{html.escape(title)}</title></head>\n'
            f"<body><nav><a href='/'>Home</a> <a href='/news/'>News</a></nav>\n"
            f"<article><h1>{html.escape(title)}</h1>\n{body}\n</article>\n"
            f"<footer>© The test outlet</footer></body></html>\n")
    return page.encode(charset)


@dataclass
class Logged:
    path: str
    status: int
    user_agent: str
    if_none_match: str | None
    if_modified_since: str | None


@dataclass
class Outlets:
    """The server's content and its request log; tests may add items between passes."""

    base: str = ""
    rss_items: list[tuple[str, str]] = field(default_factory=list)  # (path, RFC 822 date)
    log: list[Logged] = field(default_factory=list)
    failures_left: dict[str, int] = field(default_factory=dict)  # path → 500s still to give
    lock: threading.Lock = field(default_factory=threading.Lock)

    def requests(self, path: str) -> list[Logged]:
        with self.lock:
            return [entry for entry in self.log if entry.path == path]

    def clear(self) -> None:
        with self.lock:
            self.log.clear()

    def rss(self) -> bytes:
        items = "".join(f"<item><title>Item {p}</title><link>{self.base}{p}</link><pubDate>{d}</pubDate>"
                        f"<guid>{self.base}{p}</guid></item>" for p, d in self.rss_items)
        return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test Outlet News'
                f"</title><link>{self.base}/</link><description>news</description>{items}</channel></rss>").encode()

    def atom(self) -> bytes:
        return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>Second Outlet</title><id>{self.base}/atom.xml</id><updated>2025-07-02T10:00:00Z</updated>"
                f'<entry><title>Forum visit</title><link href="{self.base}/news/forum-visit"/>'
                f"<id>{self.base}/news/forum-visit</id><updated>2025-07-02T10:00:00Z</updated>"
                f"<published>2025-07-02T09:00:00Z</published></entry></feed>").encode()

    def russian_rss(self) -> bytes:
        items = "".join(f"<item><title>{p}</title><link>{self.base}{p}</link><pubDate>{d}</pubDate></item>"
                        for p, d in RUSSIAN_ITEMS)
        return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Russian Outlet'
                f"</title><link>{self.base}/ru/</link><description>news</description>{items}</channel></rss>").encode()

    def sitemap(self) -> bytes:
        return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<url><loc>{self.base}/ru/victory-day</loc><lastmod>2025-05-07</lastmod></url>"
                # Listed by the RSS feed too: fetched once all the same.
                f"<url><loc>{self.base}/news/all-in</loc><lastmod>2026-02-17</lastmod></url>"
                f"</urlset>").encode()


LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)
# The Russian outlet's pages (real articles of factRuEval-2016, see fixtures/README.md).
RUSSIAN_ITEMS = [("/ru/news/obama-sarkozy", "Mon, 10 Jan 2011 12:00:00 +0000"),
                 ("/ru/news/best-of-blogs", "Mon, 07 Dec 2009 12:00:00 +0000")]


def _handler(outlets: Outlets):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet test output
            pass

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            # Logged as it arrives (a slow answer may come after the client gave up).
            entry = Logged(path, 0, self.headers.get("User-Agent", ""), self.headers.get("If-None-Match"),
                           self.headers.get("If-Modified-Since"))
            with outlets.lock:
                outlets.log.append(entry)
            status, headers, body = self._route(path)
            entry.status = status
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (the slow page)
                pass

        def _conditional(self, body: bytes, content_type: str, *, etag: bool) -> tuple[int, dict, bytes]:
            tag = f'"{abs(hash(body)) % 10**12}"'
            headers = {"Content-Type": content_type, "Last-Modified": LAST_MODIFIED}
            if etag:
                headers["ETag"] = tag
                if self.headers.get("If-None-Match") == tag:
                    return 304, {"ETag": tag}, b""
            elif self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                return 304, {"Last-Modified": LAST_MODIFIED}, b""
            return 200, headers, body

        def _route(self, path: str) -> tuple[int, dict, bytes]:
            html_type = "text/html; charset=utf-8"
            if path == "/robots.txt":
                return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"
            if path == "/feed.rss":
                return self._conditional(outlets.rss(), "application/rss+xml", etag=True)
            if path == "/ru/feed.rss":
                return self._conditional(outlets.russian_rss(), "application/rss+xml", etag=True)
            if path == "/atom.xml":
                return self._conditional(outlets.atom(), "application/atom+xml", etag=True)
            if path == "/sitemap.xml":  # Last-Modified only: If-Modified-Since must be used
                return self._conditional(outlets.sitemap(), "application/xml", etag=False)
            if path == "/broken.rss":
                return 200, {"Content-Type": "application/rss+xml"}, b"<?xml version='1.0'?><rss><chan"
            if path == "/home":  # a page that announces its feed
                return 200, {"Content-Type": html_type}, (
                    b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.rss"></head>'
                    b"<body>Home</body></html>")
            if path == "/old/shared-enemy":
                return 301, {"Location": "/news/shared-enemy"}, b""
            if path == "/news/slow":
                time.sleep(SLOW_SECONDS)
                return 200, {"Content-Type": html_type}, article_page("all-in")
            if path == "/ru/victory-day":  # no charset in the header: the page's bytes tell
                return 200, {"Content-Type": "text/html"}, article_page("victory-day", charset="windows-1251")
            if path.startswith(("/news/", "/private/", "/ru/news/")):
                with outlets.lock:
                    left = outlets.failures_left.get(path, 0)
                    if left:
                        outlets.failures_left[path] = left - 1
                if left:
                    return 500, {"Content-Type": "text/plain"}, b"internal error"
                name = path.rsplit("/", 1)[-1]
                if (FIXTURES / f"{name}.txt").exists():
                    return 200, {"Content-Type": html_type}, article_page(name)
            return 404, {"Content-Type": "text/plain"}, b"not found"

    return Handler


@pytest.fixture
def outlets():
    """The outlets' server, running for one test."""
    state = Outlets(rss_items=[
        ("/news/all-in", "Tue, 17 Feb 2026 19:40:00 +0000"),
        ("/old/shared-enemy", "Fri, 04 Jul 2025 08:00:00 +0000"),
        ("/news/strategic-courtesy", "Sat, 07 Feb 2026 17:00:00 +0000"),
        ("/news/missing", "Sun, 08 Feb 2026 10:00:00 +0000"),
        ("/private/secret", "Mon, 09 Feb 2026 10:00:00 +0000"),
        ("/news/slow", "Tue, 10 Feb 2026 10:00:00 +0000"),
    ], failures_left={"/news/strategic-courtesy": 1})
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
