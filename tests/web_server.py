"""A small website on 127.0.0.1, in a thread, for the website-ingestion tests.

It serves what an organisation's site would: HTML pages (one with a canonical
link, ETag and Last-Modified, so re-fetching can be conditional), a PDF, a
sitemap, a robots.txt that disallows ``/private/``, a 404, a redirect, a page
that answers 503 once before it works, and a page too slow for the fetch
timeout. Every request is logged (path and the conditional headers) so tests
can check what was asked for. Loopback only; the server stops with the test.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from test_documents import THREE_PAGES, make_pdf

HOST = "127.0.0.1"
CANONICAL = "https://clinic.example.org/our-massage-service/"
SLOW_S = 1.5

PAGE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Our Oncology Massage Service | Example Clinic</title>
<link rel="canonical" href="{canonical}">
</head><body><nav><a href="/">Home NAVMARKER</a></nav>
<main><article>
<h1>Our Oncology Massage Service</h1>
<p>Our therapists are trained in oncology massage and adapt pressure, position and
session length to your treatment. {extra}</p>
<h2>Booking a Session</h2>
<p>Ask your nurse navigator for a referral, then book through reception. Sessions last
thirty to forty-five minutes and are free for people in active treatment at the clinic.</p>
</article></main></body></html>
"""

TRAINING_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Therapist Training</title></head>
<body><main><article><h1>Therapist Training</h1>
<p>Every therapist who works with our patients has completed an oncology massage course
and a supervised placement on the chemotherapy day unit, and renews it every two years.</p>
</article></main></body></html>
"""

SECRET_HTML = """<html><head><title>Staff Only</title></head><body><main>
<p>Staff rota and internal notes that robots.txt asks crawlers not to fetch.</p>
</main></body></html>"""


@dataclass
class Site:
    """What the server serves; tests change ``page_extra`` to edit the main page."""

    page_extra: str = "Sessions take place in the day unit."
    requests: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    flaky_failures: int = 1
    robots: str = "User-agent: *\nDisallow: /private/\n"
    sitemap_paths: tuple[str, ...] = (
        "/services/massage.html",
        "/leaflet.pdf",
        "/private/rota.html",
        "/missing.html",
        "/old-training",
        "/slow.html",
        "/flaky.html",
    )
    pdf: bytes = field(default_factory=lambda: make_pdf(THREE_PAGES, title="Clinic Leaflet"))
    port: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def page_html(self) -> bytes:
        return PAGE_HTML.format(canonical=CANONICAL, extra=self.page_extra).encode()

    def asked(self, path: str) -> list[tuple[str, str | None, str | None]]:
        with self.lock:
            return [r for r in self.requests if r[0] == path]

    def sitemap(self) -> bytes:
        urls = "".join(f"<url><loc>{self.url(p)}</loc></url>" for p in self.sitemap_paths)
        urls += "<url><loc>http://other-site.invalid/page.html</loc></url>"
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        ).encode()


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def do_GET(self) -> None:
        site = self.site
        path = self.path.split("?", 1)[0]
        with site.lock:
            site.requests.append(
                (path, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since"))
            )
        if path == "/robots.txt":
            self._send(200, site.robots.encode(), "text/plain")
        elif path == "/sitemap.xml":
            self._send(200, site.sitemap(), "application/xml")
        elif path == "/services/massage.html":
            body = site.page_html()
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self._send(304, b"", "text/html", ETag=etag)
            else:
                self._send(
                    200,
                    body,
                    "text/html; charset=utf-8",
                    ETag=etag,
                    Last_Modified="Mon, 02 Nov 2026 10:00:00 GMT",
                )
        elif path == "/leaflet.pdf":
            self._send(200, site.pdf, "application/pdf")
        elif path == "/old-training":
            self._send(301, b"", "text/plain", Location="/training.html")
        elif path == "/training.html":
            self._send(200, TRAINING_HTML.encode(), "text/html")
        elif path.startswith("/private/"):
            self._send(200, SECRET_HTML.encode(), "text/html")
        elif path == "/slow.html":
            time.sleep(SLOW_S)
            with contextlib.suppress(OSError):
                self._send(200, TRAINING_HTML.encode(), "text/html")
        elif path == "/flaky.html":
            with site.lock:
                fail = site.flaky_failures > 0
                site.flaky_failures -= 1
            if fail:
                self._send(503, b"busy", "text/plain", Retry_After="0")
            else:
                body = TRAINING_HTML.replace("Therapist Training", "Flaky Page Recovered")
                self._send(200, body.encode(), "text/html")
        else:
            self._send(404, b"not found", "text/plain")


@contextlib.contextmanager
def running_site(site: Site | None = None) -> Iterator[Site]:
    site = site or Site()
    handler = type("Handler", (_Handler,), {"site": site})
    server = ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    site.port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
