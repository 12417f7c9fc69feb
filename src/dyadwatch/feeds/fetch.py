"""The polite fetcher: one HTTP client that every feed and page request goes through.

Politeness is the fetcher's job, not its callers': a clear user agent, robots.txt
(RFC 9309) obeyed for every URL and every redirect hop, a delay between two
requests to the same host (longer if robots.txt asks for it), timeouts, and a few
retries with exponential backoff when a server errs or is too slow. It never
raises for a bad URL: every call ends in a `Fetched` that says what happened.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .. import __version__

__all__ = ["Fetched", "FetchOptions", "PoliteFetcher", "USER_AGENT"]

USER_AGENT = f"dyadwatch/{__version__} (+https://github.com/dyadwatch/dyadwatch)"
_ROBOTS_NAME = "dyadwatch"  # the token robots.txt groups are matched against


@dataclass(slots=True, frozen=True)
class FetchOptions:
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0  # seconds for connecting and for each read
    retries: int = 2  # extra tries after a 5xx, 429 or a timeout, in the same pass
    backoff: float = 1.0  # first wait before a retry; doubles each time
    max_redirects: int = 5
    max_bytes: int = 10 * 2**20  # a page larger than this is not an article


@dataclass(slots=True)
class Fetched:
    """The outcome of one request (after redirects and retries)."""

    url: str
    final_url: str | None = None
    status: int | None = None  # HTTP status of the last answer; None when none came
    content: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""
    reason: str | None = None  # set when it failed: why, for a human
    retry: bool = False  # the failure may go away (server error, timeout): try again next pass
    attempts: list[str] = field(default_factory=list)  # what each try got, for the log

    @property
    def ok(self) -> bool:
        return self.reason is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class PoliteFetcher:
    """Use as a context manager. Not thread-safe: one pass fetches one request at a time,
    which is what politeness towards a few dozen outlets asks for anyway."""

    def __init__(self, *, options: FetchOptions = FetchOptions(), user_agent: str = USER_AGENT) -> None:
        self.options = options
        self.user_agent = user_agent
        self._client = httpx.Client(headers={"User-Agent": user_agent}, follow_redirects=False,
                                    timeout=httpx.Timeout(options.timeout))
        self._last_request: dict[str, float] = {}  # host → monotonic time of its last request
        self._robots: dict[str, RobotFileParser | str] = {}  # origin → rules, or why the site is closed

    def __enter__(self) -> "PoliteFetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url`, following redirects hop by hop (each hop checked against robots.txt).

        With `etag` / `last_modified`, the request is conditional: an unchanged
        resource answers 304 and `Fetched.not_modified` is true."""
        result = Fetched(url=url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(self.options.max_redirects + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                return _failed(result, f"not an http(s) URL: {current}")
            closed = self._robots_refusal(current)
            if closed:
                result.final_url = current
                return _failed(result, closed, retry=closed.startswith("robots.txt could not"))
            answer = self._request(current, headers, result)
            if answer is None:
                return result
            response, body = answer
            result.final_url = current
            result.status = response.status_code
            if response.is_redirect and response.headers.get("location"):
                current = urljoin(current, response.headers["location"])
                continue
            return _answer(result, response, body)
        return _failed(result, f"more than {self.options.max_redirects} redirects")

    # -- one request, with retries ---------------------------------------------

    def _request(self, url: str, headers: dict[str, str], result: Fetched) -> tuple[httpx.Response, bytes] | None:
        options = self.options
        for attempt in range(options.retries + 1):
            if attempt:
                time.sleep(options.backoff * 2 ** (attempt - 1))
            self._wait_for_host(url)
            try:
                response, body = self._read(url, headers)
            except httpx.TimeoutException:
                result.attempts.append("timeout")
                problem = f"timed out after {options.timeout:g} s"
            except _TooLarge as exc:
                result.attempts.append("too large")
                _failed(result, str(exc))
                return None
            except httpx.HTTPError as exc:
                result.attempts.append(type(exc).__name__)
                problem = f"could not connect: {type(exc).__name__}: {exc}" if str(exc) else \
                    f"could not connect: {type(exc).__name__}"
            else:
                result.attempts.append(str(response.status_code))
                if response.status_code < 500 and response.status_code != 429:
                    return response, body
                problem = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                result.status = response.status_code
        tries = options.retries + 1
        _failed(result, f"{problem} ({tries} {'try' if tries == 1 else 'tries'})", retry=True)
        return None

    def _read(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        # Streamed, so a huge response is cut off instead of filling memory.
        with self._client.stream("GET", url, headers=headers) as response:
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.options.max_bytes:
                    raise _TooLarge(f"larger than {self.options.max_bytes // 2**20} MB")
                chunks.append(chunk)
        return response, b"".join(chunks)

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        delay = max(self.options.delay, self._crawl_delay(url))
        last = self._last_request.get(host)
        if last is not None:
            wait = last + delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        self._last_request[host] = time.monotonic()

    # -- robots.txt ---------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        return self._robots_refusal(url) is None

    def _robots_refusal(self, url: str) -> str | None:
        """None when robots.txt lets us fetch `url`, else the reason we may not."""
        rules = self._robots_for(url)
        if isinstance(rules, str):
            return rules
        if not rules.can_fetch(_ROBOTS_NAME, url):
            return "disallowed by robots.txt"
        return None

    def _crawl_delay(self, url: str) -> float:
        rules = self._robots.get(_origin(url))
        if isinstance(rules, RobotFileParser):
            delay = rules.crawl_delay(_ROBOTS_NAME)
            return float(delay) if delay else 0.0
        return 0.0

    def _robots_for(self, url: str) -> RobotFileParser | str:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        return self._robots[origin]

    def _load_robots(self, origin: str) -> RobotFileParser | str:
        # RFC 9309: a missing robots.txt (4xx) allows everything; one the server
        # fails to give (5xx, no answer) means the site is closed for now.
        rules = RobotFileParser(origin + "/robots.txt")
        probe = Fetched(url=rules.url)
        answer = None
        current = rules.url
        for _ in range(self.options.max_redirects + 1):
            answer = self._request(current, {}, probe)
            if answer is None or not (answer[0].is_redirect and answer[0].headers.get("location")):
                break
            current = urljoin(current, answer[0].headers["location"])
        if answer is None:
            return f"robots.txt could not be fetched ({probe.reason}): the site is skipped for now"
        response, body = answer
        if response.status_code >= 400 or response.is_redirect:
            rules.parse([])
        else:
            rules.parse(body.decode("utf-8", errors="replace").splitlines())
        return rules


class _TooLarge(Exception):
    pass


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _failed(result: Fetched, reason: str, *, retry: bool = False) -> Fetched:
    result.reason = reason
    result.retry = retry
    return result


def _answer(result: Fetched, response: httpx.Response, body: bytes) -> Fetched:
    result.status = response.status_code
    result.etag = response.headers.get("etag")
    result.last_modified = response.headers.get("last-modified")
    result.content_type = response.headers.get("content-type", "")
    if response.status_code == 304:
        return result
    if response.status_code != 200:
        # 4xx: the page is gone or forbidden; trying again will not change that (408 aside).
        return _failed(result, f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                       retry=response.status_code == 408)
    result.content = body
    return result
