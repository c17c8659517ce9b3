"""Fetching the organisation's own web pages for ingestion, politely.

``ingest.py --url URL`` and ``--sitemap URL`` read pages over HTTP(S) with
httpx. Every request, redirects included, is checked against the site's
robots.txt first (RFC 9309: a missing robots.txt allows everything, one that
cannot be read because the server fails allows nothing). Requests to one site
are spaced by ``ASSISTANT_FETCH_DELAY_S`` (or the robots.txt Crawl-delay, up
to 30 s), time out after ``ASSISTANT_FETCH_TIMEOUT_S``, and are retried a
bounded number of times (``ASSISTANT_FETCH_RETRIES``) only when retrying can
help: timeouts, dropped connections, 429 and 5xx, with growing pauses and
Retry-After honoured up to 30 s. A page seen before is asked for with its
ETag and Last-Modified, so an unchanged page costs a 304 and no download.

Nothing here raises for one bad page: each result carries its error, so the
caller reports that page by URL and ingests the others.
"""

from __future__ import annotations

import gzip
import time
import urllib.robotparser
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from .config import Settings

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_MAX_REDIRECTS = 5
_MAX_PAUSE_S = 30.0
_MAX_SITEMAP_DEPTH = 3
_ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.1"


class FetchError(Exception):
    """A page that could not be fetched; the message is the reason."""


@dataclass
class Page:
    """One fetch: the page's bytes, or ``not_modified`` for a 304."""

    url: str
    final_url: str
    data: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


@dataclass
class SitemapListing:
    urls: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    """(url, reason) for sitemaps that failed and listed pages refused."""
    notes: list[str] = field(default_factory=list)


def check_url(url: str) -> str:
    """The URL if it is an absolute http(s) URL, else ``ValueError`` saying why."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    return urlunsplit(parts._replace(fragment=""))


def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class WebFetcher:
    """One crawl session: an httpx client, robots.txt per site and per-site pacing."""

    def __init__(
        self,
        settings: Settings,
        *,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.user_agent = settings.fetch_user_agent
        self.max_bytes = settings.max_file_bytes
        self._client = client or httpx.Client(
            timeout=httpx.Timeout(settings.fetch_timeout_s),
            follow_redirects=False,
            headers={"User-Agent": self.user_agent},
        )
        self._sleep = sleep
        self._robots: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self._last_request: dict[str, float] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> WebFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # robots.txt

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | str:
        """The site's parsed robots.txt, or a string saying why nothing may be fetched."""
        site = _site(url)
        if site not in self._robots:
            self._robots[site] = self._read_robots(site)
        return self._robots[site]

    def _read_robots(self, site: str) -> urllib.robotparser.RobotFileParser | str:
        parser = urllib.robotparser.RobotFileParser(site + "/robots.txt")
        try:
            reply = self._request(site + "/robots.txt", {}, robots=True)
        except FetchError as exc:
            return f"robots.txt could not be read ({exc}); not fetching from {site}"
        if reply.status >= 500:
            return f"robots.txt answered HTTP {reply.status}; not fetching from {site} (RFC 9309)"
        if reply.status >= 400:
            parser.parse([])  # no robots.txt: everything is allowed
        else:
            text = reply.body[: 512 * 1024].decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
        return parser

    def allowed(self, url: str) -> str | None:
        """None if robots.txt lets us fetch ``url``, else the reason it does not."""
        robots = self._robots_for(url)
        if isinstance(robots, str):
            return robots
        if not robots.can_fetch(self.user_agent, url):
            return "disallowed by robots.txt"
        return None

    def _delay_for(self, site: str) -> float:
        robots = self._robots.get(site)
        delay = self.settings.fetch_delay_s
        if isinstance(robots, urllib.robotparser.RobotFileParser):
            crawl = robots.crawl_delay(self.user_agent)
            if crawl is not None:
                delay = max(delay, min(float(crawl), _MAX_PAUSE_S))
        return delay

    # requests

    def _pace(self, url: str) -> None:
        site = _site(url)
        last = self._last_request.get(site)
        if last is not None:
            wait = self._delay_for(site) - (time.monotonic() - last)
            if wait > 0:
                self._sleep(wait)
        self._last_request[site] = time.monotonic()

    def _request(self, url: str, headers: dict[str, str], *, robots: bool = False) -> _Reply:
        """One GET with bounded retries; the body is read (up to the size limit)."""
        attempts = 1 + self.settings.fetch_retries
        last_error = ""
        for attempt in range(attempts):
            if attempt:
                self._sleep(min(self.settings.fetch_backoff_s * 2 ** (attempt - 1), _MAX_PAUSE_S))
            self._pace(url)
            try:
                reply = self._get(url, headers, follow=robots)
            except httpx.TimeoutException:
                last_error = f"timed out after {self.settings.fetch_timeout_s:g} s"
                continue
            except httpx.TransportError as exc:
                last_error = f"connection failed ({type(exc).__name__}: {exc})"
                continue
            if reply.status in _RETRY_STATUS and attempt + 1 < attempts:
                pause = _retry_after(reply.headers.get("retry-after"))
                if pause is not None:
                    self._sleep(pause)
                last_error = f"HTTP {reply.status} {reply.reason}".strip()
                continue
            return reply
        tries = f" ({attempts} tries)" if attempts > 1 else ""
        raise FetchError(last_error + tries)

    def _get(self, url: str, headers: dict[str, str], *, follow: bool) -> _Reply:
        deadline = time.monotonic() + 2 * self.settings.fetch_timeout_s
        with self._client.stream(
            "GET", url, headers={"Accept": _ACCEPT, **headers}, follow_redirects=follow
        ) as response:
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > self.max_bytes:
                    raise FetchError(
                        f"page is over the {self.max_bytes / (1024 * 1024):g} MB limit "
                        "(ASSISTANT_MAX_FILE_MB)"
                    )
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("the page took too long", request=response.request)
            reason = response.reason_phrase or ""
            return _Reply(response.status_code, reason, response.headers, bytes(body))

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Page:
        """Fetch one page (following up to 5 redirects, each checked against robots.txt).

        Raises ``FetchError`` with the reason when the page cannot be had.
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(_MAX_REDIRECTS + 1):
            refused = self.allowed(current)
            if refused:
                suffix = "" if current == url else f" (redirected to {current})"
                raise FetchError(refused + suffix)
            reply = self._request(current, headers)
            status = reply.status
            if status in _REDIRECTS and "location" in reply.headers:
                target = urljoin(current, reply.headers["location"])
                try:
                    current = check_url(target)
                except ValueError:
                    raise FetchError(f"redirected to {target!r}, which is not http(s)") from None
                continue
            if status == 304:
                return Page(url, current, not_modified=True, etag=etag, last_modified=last_modified)
            if status != 200:
                raise FetchError(f"HTTP {status} {reply.reason}".strip())
            return Page(
                url,
                current,
                data=reply.body,
                content_type=reply.headers.get("content-type", ""),
                etag=reply.headers.get("etag"),
                last_modified=reply.headers.get("last-modified"),
            )
        raise FetchError(f"more than {_MAX_REDIRECTS} redirects")

    # sitemaps

    def sitemap(self, url: str) -> SitemapListing:
        """Every page a sitemap (or sitemap index) lists on the sitemap's own site."""
        listing = SitemapListing()
        seen: set[str] = set()
        self._walk_sitemap(url, _site(url), listing, seen, depth=0)
        limit = self.settings.fetch_max_pages
        if len(listing.urls) > limit:
            listing.notes.append(
                f"{url} lists {len(listing.urls)} pages; only the first {limit} are fetched "
                "(ASSISTANT_FETCH_MAX_PAGES)"
            )
            del listing.urls[limit:]
        return listing

    def _walk_sitemap(
        self, url: str, site: str, listing: SitemapListing, seen: set[str], depth: int
    ) -> None:
        if url in seen:
            return
        seen.add(url)
        try:
            page = self.fetch(url)
            root = ET.fromstring(_maybe_gunzip(page.data))
        except FetchError as exc:
            listing.errors.append((url, f"sitemap not read: {exc}"))
            return
        except (ET.ParseError, OSError, EOFError) as exc:
            listing.errors.append((url, f"sitemap is not valid XML ({exc})"))
            return
        kind = root.tag.rsplit("}", 1)[-1]
        locs = [
            (el.text or "").strip()
            for el in root.iter()
            if el.tag.rsplit("}", 1)[-1] == "loc" and (el.text or "").strip()
        ]
        if kind == "sitemapindex":
            if depth >= _MAX_SITEMAP_DEPTH:
                listing.errors.append((url, "sitemap indexes nested too deeply"))
                return
            for loc in locs:
                self._walk_sitemap(urljoin(url, loc), site, listing, seen, depth + 1)
            return
        if kind != "urlset":
            listing.errors.append((url, f"not a sitemap (root element <{kind}>)"))
            return
        for loc in locs:
            try:
                page_url = check_url(urljoin(url, loc))
            except ValueError as exc:
                listing.errors.append((loc, str(exc)))
                continue
            if _site(page_url) != site:
                listing.errors.append((page_url, f"not on the sitemap's site {site}; skipped"))
                continue
            if page_url not in listing.urls:
                listing.urls.append(page_url)


@dataclass(frozen=True)
class _Reply:
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes


def _retry_after(value: str | None) -> float | None:
    """Seconds a 429/503 asks us to wait (capped), or None."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return None
    return max(0.0, min(seconds, _MAX_PAUSE_S))


def _maybe_gunzip(data: bytes) -> bytes:
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
