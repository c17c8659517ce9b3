"""The web application: chat page, JSON API, embeddable widget and its demo page on one port.

``create_app`` receives its services (settings, assistant, conversation store)
and holds no module-level state, so tests build as many independent apps as
they like and production builds one. ``serve`` is the production entry point:
it builds the services (ingesting the corpus on first start), migrates the
conversation database and runs uvicorn.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import gradio as gr
from fastapi import FastAPI, Form, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import content
from ..chat import (
    OWNER_COOKIE,
    ConversationService,
    StreamingAssistant,
    new_owner_secret,
    owner_hash_of,
)
from ..config import Settings
from ..conversations import ConversationStore
from ..errors import ChatInputError, ServiceUnavailable, UnknownConversation
from . import api, ownership, rendering, transcript
from .chat_ui import (
    RESPOND_RUNNING,
    build_chat_ui,
    disclaimer_html,
    header_html,
    privacy_html,
)
from .lean_gradio import built_once

log = logging.getLogger(__name__)

CHAT_PATH = "/chat"
PLAIN_PATH = "/plain"
TRANSCRIPT_PATH = "/conversation"
TRANSCRIPT_FILE = "oncology-massage-chat.html"
DOCS_ASSETS = "/docs-assets"
DEFAULT_WIDGET_COLOR = "#1d4e89"
RETENTION_SWEEP_S = 6 * 3600
API_BODY_LIMIT_FLOOR = 16 * 1024
PAGE_BODY_LIMIT = 1024 * 1024
# Largest request body for the chat page's own routes (its events are a few KB).
BODY_TIMEOUT_S = 20.0
# A request body must arrive whole within this many seconds (408 otherwise).
SERVER_CONCURRENCY = 512
# Open connections (and so requests in progress) one process accepts before answering 503.
# 200 at once plus connections still closing went past 200 in the 200-user run
# (docs/performance.md); work itself is bounded by the answer slots, not by this.
CHAT_JOIN_PATH = CHAT_PATH + "/gradio_api/queue/join"
CHAT_QUEUE_MAX = 64
QUEUE_FULL_RETRY_S = 10
# Chat-page events waiting at once in one process; beyond it Gradio answers "queue full" (503).
SWITCH_INTERVAL_S = 0.0005
MAX_HEADER_BYTES = 16 * 1024
# Request line plus headers; anything longer is refused by the server (431/400).

CLOSED_CHAT_ROUTES = re.compile(
    r"/(gradio_api/)?((upload|upload_progress|monitoring|dev/reload|component_server"
    r"|run-history|runs)(/|$)|proxy=)"
)
# Gradio internals the chat page does not use: uploads, monitoring, reload, proxy, history.

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


@cache
def static_text(name: str) -> str:
    return resources.files("assistant.web").joinpath("static", name).read_text("utf-8")


# Colours


def _rgb(color: str) -> tuple[float, float, float]:
    value = color.lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return r, g, b


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of a #rgb or #rrggbb colour."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def widget_colors(color: str) -> tuple[str, str]:
    """The brand colour (if valid hex) and white or black text, whichever reaches 4.5:1.

    One of the two always does (black on mid-grey, white on dark), so the button is
    readable whatever colour an organisation configures.
    """
    if not _HEX_COLOR.fullmatch(color or ""):
        log.warning("widget_color %r is not a #rgb or #rrggbb colour; using the default", color)
        color = DEFAULT_WIDGET_COLOR
    text = "#ffffff" if contrast_ratio(color, "#ffffff") >= 4.5 else "#000000"
    return color, text


# Embedding policy


LOCALHOST_SOURCES = (
    "http://localhost:*",
    "http://127.0.0.1:*",
    "http://[::1]:*",
    "https://localhost:*",
)
# Where the chat may be framed and the API called from in local mode ("*" means this machine).

_LOCAL_ORIGIN = re.compile(r"https?://(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?")

PAGE_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' data: blob:; "
    "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)
# Everything the pages load comes from this server. Gradio's pages need inline scripts and
# styles (its config and theme are inline) and eval (without 'unsafe-eval' the chat page's
# components never render: tests/test_browser.py), nothing from elsewhere.

DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "img-src 'self' data: https://fastapi.tiangolo.com; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'"
)
# /docs and /redoc load Swagger UI and ReDoc from FastAPI's default CDN.

HSTS = "max-age=31536000; includeSubDomains"


def embed_origins(settings: Settings) -> list[str] | None:
    """The allowed origins as ``scheme://host[:port]``; None: this machine only (local "*")."""
    origins: list[str] = []
    for origin in settings.allowed_embed_origins:
        origin = origin.strip()
        if origin == "*":
            if settings.environment == "production":
                raise ValueError("allowed_embed_origins may not contain '*' in production")
            return None
        parts = urlsplit(origin)
        if (
            parts.scheme not in ("http", "https")
            or not parts.netloc
            or parts.path not in ("", "/")
            or parts.query
            or parts.fragment
            or any(ch in origin for ch in " ;,'\"")
        ):
            raise ValueError(
                f"allowed_embed_origins: {origin!r} is not an origin like https://example.org"
            )
        origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins


def frame_ancestors(settings: Settings) -> str:
    """The CSP ``frame-ancestors`` source list for the chat page, from the allowed origins.

    The local default ("*") allows only pages on this machine, never any site.
    """
    origins = embed_origins(settings)
    return " ".join(["'self'", *(LOCALHOST_SOURCES if origins is None else origins)])


def cors_allows(settings: Settings) -> Callable[[str], bool]:
    """Whether a cross-origin caller may use the JSON API: the allowed embedding origins."""
    origins = embed_origins(settings)
    if origins is None:
        return lambda origin: _LOCAL_ORIGIN.fullmatch(origin) is not None
    allowed = frozenset(origins)
    return lambda origin: origin in allowed


class SecurityHeaders:
    """Pure ASGI middleware: content policy, HSTS, CORS for the API and an API body limit.

    Written as plain ASGI (not BaseHTTPMiddleware) so Gradio's streamed
    responses pass through untouched.
    """

    def __init__(
        self,
        app: ASGIApp,
        chat_ancestors: str,
        api_body_limit: int,
        cors_allows: Callable[[str], bool] = lambda _origin: False,
        hsts: bool = False,
        join_limit: Callable[[Scope], float] | None = None,
        busy_text: Callable[[int], str] = lambda _seconds: "too many requests",
    ) -> None:
        """``hsts``: production (HTTPS): also the owner cookie is ``Secure`` and partitioned.
        ``busy_text(seconds)``: what the chat page shows when it refuses a message (the
        client's event limit, or Gradio's queue full)."""
        self.app = app
        self.chat_ancestors = chat_ancestors
        self.api_body_limit = api_body_limit
        self.cors_allows = cors_allows
        self.hsts = hsts
        self.join_limit = join_limit
        self.busy_text = busy_text

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        api_path = path.startswith("/api/")
        origin = _header(scope, b"origin")
        cors: list[tuple[bytes, bytes]] = []
        if api_path and origin is not None and self.cors_allows(origin):
            cors = [
                (b"access-control-allow-origin", origin.encode("latin-1")),
                (b"vary", b"Origin"),
            ]
        if api_path and scope["method"] == "OPTIONS" and origin is not None:
            await self._preflight(scope, receive, send, cors)
            return
        header_bytes = sum(len(k) + len(v) + 4 for k, v in scope.get("headers", []))
        if header_bytes > MAX_HEADER_BYTES:
            too_big = JSONResponse({"error": "request headers are too large"}, status_code=431)
            await too_big(scope, receive, send)
            return
        chat = path == CHAT_PATH or path.startswith(CHAT_PATH + "/")
        if chat and CLOSED_CHAT_ROUTES.match(path[len(CHAT_PATH) :]):
            await JSONResponse({"error": "not found"}, status_code=404)(scope, receive, send)
            return
        if path == CHAT_JOIN_PATH:
            wait = self.join_limit(scope) if self.join_limit is not None else 0.0
            if wait:
                # Refused before Gradio queues it: a flood never waits in line ahead of others.
                await self._busy(max(int(wait + 0.999), 1))(scope, receive, send)
                return
        limit = self.api_body_limit if api_path else PAGE_BODY_LIMIT
        too_large = JSONResponse(
            {"error": f"request body is too large (limit {limit} bytes)"},
            status_code=413,
            headers={k.decode(): v.decode("latin-1") for k, v in cors},
        )
        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await too_large(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            # Chunked or not, at most the limit is read, within a deadline, before the app
            # sees anything: a slow or endless body ties up no worker.
            try:
                body = await asyncio.wait_for(_read_at_most(receive, limit), BODY_TIMEOUT_S)
            except TimeoutError:
                slow = JSONResponse({"error": "request body too slow"}, status_code=408)
                await slow(scope, receive, send)
                return
            if body is None:
                await too_large(scope, receive, send)
                return
            receive = _replay(body, receive)
        # The conversation's print view is framed by the chat page when the chat is in the widget.
        framed = chat or path.startswith(TRANSCRIPT_PATH + "/")
        ancestors = self.chat_ancestors if framed else "'self'"
        policy = DOCS_CSP if path in ("/docs", "/redoc") else PAGE_CSP
        extra = [
            (b"content-security-policy", f"{policy}; frame-ancestors {ancestors}".encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
            *cors,
        ]
        if self.hsts:
            extra.append((b"strict-transport-security", HSTS.encode()))
        # The owner cookie that binds the chat page's conversation is issued by OwnerCookie.
        replaced = {k for k, _ in extra} | {b"x-frame-options"}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() not in replaced
                ]
                message["headers"] = headers + extra
            await send(message)

        inner: Send = send_with_headers
        if path == CHAT_JOIN_PATH:
            inner = self._busy_when_queue_full(send_with_headers)
        await self.app(scope, receive, inner)

    def _busy(self, seconds: int) -> JSONResponse:
        """429 with the busy text: Gradio's page shows ``detail`` of a refused event."""
        text = self.busy_text(seconds)
        return JSONResponse(
            {"error": text, "detail": text},
            status_code=429,
            headers={"Retry-After": str(seconds)},
        )

    def _busy_when_queue_full(self, send: Send) -> Send:
        """Gradio answers a join to a full queue with 503, which its page shows as its own
        English "currently busy" line; this swaps that answer for the busy text."""
        swapped = False

        async def send_or_swap(message: Message) -> None:
            nonlocal swapped
            if message["type"] == "http.response.start" and message["status"] == 503:
                swapped = True
                busy = self._busy(QUEUE_FULL_RETRY_S)
                headers = busy.raw_headers
                await send({"type": "http.response.start", "status": 429, "headers": headers})
                await send({"type": "http.response.body", "body": busy.body})
            elif not swapped:
                await send(message)

        return send_or_swap

    async def _preflight(
        self, scope: Scope, receive: Receive, send: Send, cors: list[tuple[bytes, bytes]]
    ) -> None:
        """Answer a CORS preflight for the API: 204 for an allowed origin, else 403."""
        if not cors:
            response: Response = JSONResponse(
                {"error": "this origin may not call the API"}, status_code=403
            )
        else:
            response = Response(
                status_code=204,
                headers={
                    **{k.decode(): v.decode("latin-1") for k, v in cors},
                    "access-control-allow-methods": "GET, POST",
                    "access-control-allow-headers": "content-type",
                    "access-control-max-age": "600",
                },
            )
        await response(scope, receive, send)


async def _read_at_most(receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None as soon as it passes ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


class OwnerCookie:
    """Pure ASGI middleware: give a browser that opens the chat page its HttpOnly secret.

    The secret (``chat.OWNER_COOKIE``) is the proof of ownership for the conversations
    that browser starts: their rows store its hash, and a transcript is read back only
    with it. Only the pages a person opens issue it (never the JSON API, whose clients
    keep using the conversation id). A session cookie: it ends with the browser session.
    Inside the widget's frame on another site it is ``SameSite=None; Secure;
    Partitioned`` (CHIPS), so it is kept per host site and no other site can use it.
    """

    PAGES = frozenset({CHAT_PATH, f"{CHAT_PATH}/", PLAIN_PATH})

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") not in self.PAGES:
            await self.app(scope, receive, send)
            return
        cookies = _header(scope, b"cookie") or ""
        if owner_hash_of(_cookie_value(cookies, OWNER_COOKIE)) is not None:
            await self.app(scope, receive, send)
            return
        cookie = f"{OWNER_COOKIE}={new_owner_secret()}; Path=/; HttpOnly"
        embedded = "embed=1" in bytes(scope.get("query_string", b"")).decode("latin-1")
        if embedded and _secure_context(scope):
            cookie += "; SameSite=None; Secure; Partitioned"
        else:
            cookie += "; SameSite=Lax"
            if scope.get("scheme") == "https":
                cookie += "; Secure"

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie.encode())]
            await send(message)

        await self.app(scope, receive, send_with_cookie)


class NoScriptNote:
    """Pure ASGI middleware: a ``<noscript>`` block at the top of the chat page's HTML.

    Gradio draws the page with JavaScript; without it a person still sees the
    disclaimer with the emergency and crisis numbers and a link to the plain page.
    """

    def __init__(self, app: ASGIApp, note: str) -> None:
        self.app = app
        self.note = f"<noscript>{note}</noscript>".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") != f"{CHAT_PATH}/":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffer(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                html = headers.get(b"content-type", b"").startswith(b"text/html")
                if not html or b"content-encoding" in headers:
                    start = None
                    await send(message)
                    return
                start = message
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = _after_body_tag(b"".join(chunks), self.note)
            start["headers"] = [
                (k, str(len(body)).encode() if k == b"content-length" else v)
                for k, v in start.get("headers", [])
            ]
            await send(start)
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, buffer)


def _after_body_tag(page: bytes, insert: bytes) -> bytes:
    match = re.search(rb"<body[^>]*>", page)
    return page if match is None else page[: match.end()] + insert + page[match.end() :]


def _cookie_value(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def _secure_context(scope: Scope) -> bool:
    """https, or this machine (browsers treat http://localhost as secure for cookies)."""
    if scope.get("scheme") == "https":
        return True
    host = (_header(scope, b"host") or "").rsplit(":", 1)[0]
    return host in ("localhost", "127.0.0.1", "[::1]")


# The app


def widget_version() -> str:
    """The version in the widget's versioned URL (``/widget.v<version>.js``): the package's."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("oncology-massage-assistant")
    except PackageNotFoundError:
        return "0"


def widget_path() -> str:
    return f"/widget.v{widget_version()}.js"


def widget_integrity(settings: Settings, origin: str) -> str:
    """The Subresource Integrity value (sha384) of the widget script served at ``origin``."""
    import base64
    import hashlib

    digest = hashlib.sha384(widget_script(settings, origin).encode("utf-8")).digest()
    return "sha384-" + base64.b64encode(digest).decode("ascii")


def widget_snippet(settings: Settings, origin: str) -> str:
    """The HTML a host site adds (versioned URL, integrity hash) and its CSP, for the docs/CLI."""
    origin = origin.rstrip("/")
    return (
        f'<script src="{origin}{widget_path()}" integrity="{widget_integrity(settings, origin)}"'
        ' crossorigin="anonymous" defer></script>\n'
        f"Content-Security-Policy (host page): script-src 'self' {origin}; frame-src {origin}"
    )


def widget_script(settings: Settings, origin: str) -> str:
    """widget.js with this deployment's title, colours, position and origin baked in."""
    color, text_color = widget_colors(settings.widget_color)
    origins = embed_origins(settings)
    config = {
        "title": settings.widget_title,
        "closeLabel": content.render("widget_close", settings),
        "closeText": content.render("widget_close_short", settings),
        "notAllowed": content.render("widget_not_allowed", settings),
        "openNewTab": content.render("widget_open_new_tab", settings),
        "color": color,
        "textColor": text_color,
        "position": settings.widget_position,
        "chatPath": f"{CHAT_PATH}/?embed=1",
        "pagePath": f"{CHAT_PATH}/",
        "origin": origin,
        "allowedOrigins": origins,
    }
    blob = json.dumps(config).replace("<", "\\u003c")
    return static_text("widget.js").replace("/*__WIDGET_CONFIG__*/ null", blob, 1)


def chat_theme(settings: Settings) -> gr.themes.Base:
    """Gradio's default theme with system fonts (no font CDN) and an AA-contrast brand colour."""
    color, text_color = widget_colors(settings.widget_color)
    fonts: list[gr.themes.Font | str] = [
        gr.themes.Font("system-ui"),
        gr.themes.Font("-apple-system"),
        "sans-serif",
    ]
    mono: list[gr.themes.Font | str] = [gr.themes.Font("ui-monospace"), "monospace"]
    return gr.themes.Default(
        primary_hue="blue", neutral_hue="slate", font=fonts, font_mono=mono
    ).set(
        button_primary_background_fill=color,
        button_primary_background_fill_hover=color,
        button_primary_background_fill_dark=color,
        button_primary_background_fill_hover_dark=color,
        button_primary_text_color=text_color,
        button_primary_text_color_dark=text_color,
        button_primary_text_color_hover=text_color,
        button_primary_border_color=color,
        button_primary_border_color_dark=color,
        body_text_color_subdued="#4b5563",
        input_placeholder_color="#5f6b7a",
        input_placeholder_color_dark="#b0b8c4",
    )


def skip_queue_analytics(blocks: gr.Blocks) -> bool:
    """Stop Gradio's queue from summarising its events' timings after every event.

    After each chat event the queue builds a pandas DataFrame of every event it has
    recorded (up to 10,000) and its percentiles, for the monitoring dashboard, which only
    ``enable_monitoring`` serves and this app never enables: 3 ms of CPU per message at
    the first events to 12 ms at 10,000 (measured here), on a worker thread holding the
    interpreter lock while answers wait. Its summary is refreshed once every N events
    (``GRADIO_ANALYTICS_CACHE_FREQUENCY``, default 1); N is set past any count. Returns
    whether it was set (False: monitoring is on, or this Gradio has no such setting)."""
    queue: Any = getattr(blocks, "_queue", None)
    if blocks.enable_monitoring or not hasattr(queue, "ANAYLTICS_CACHE_FREQUENCY"):
        return False
    queue.ANAYLTICS_CACHE_FREQUENCY = sys.maxsize  # (Gradio's spelling)
    return True


def create_app(
    settings: Settings,
    assistant: StreamingAssistant,
    store: ConversationStore,
) -> FastAPI:
    """One FastAPI app: Gradio chat at /chat, JSON API at /api, /widget.js and /demo."""
    ancestors = frame_ancestors(settings)
    from ..service import Assistant
    from ..wiring import with_approved_answers

    chunks = None
    if isinstance(assistant, Assistant):
        # Staff-approved answers, served after routing for close ordinary questions.
        assistant = with_approved_answers(assistant, store, settings)
        chunks = assistant.retriever.store.get_chunks
    service = ConversationService(settings, assistant, store)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        task = asyncio.create_task(_retention_loop(store)) if settings.retention_days else None
        try:
            yield
        finally:
            if task is not None:
                task.cancel()

    app = FastAPI(
        title="Oncology massage assistant",
        summary="Cited answers about oncology massage, with safety routing.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.chat_service = service
    api.install_error_handlers(app)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error: %s", type(exc).__name__)
        return api.error(500, "internal error; please try again")

    secret = settings.client_key_secret
    # Per-client limit keys; the secret lives only in memory (shared by processes if set).
    keys = ownership.ClientKeys(secret.get_secret_value() if secret else None)
    app.include_router(api.build_router(service, keys))

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse(f"{CHAT_PATH}/")

    _install_offline_docs(app)

    @app.get(PLAIN_PATH, include_in_schema=False)
    def plain_page() -> HTMLResponse:
        return HTMLResponse(plain_html(settings, None, "", ""))

    @app.post(PLAIN_PATH, include_in_schema=False)
    def plain_post(
        request: Request, message: str = Form(""), conversation_id: str | None = Form(None)
    ) -> HTMLResponse:
        try:
            result = service.handle_message(
                conversation_id or None, message, owner_hash=api.request_owner(request)
            )
        except ChatInputError as exc:
            notice = rendering.notice_html(exc.message, "error")
            return HTMLResponse(plain_html(settings, conversation_id, notice, ""), 400)
        except ServiceUnavailable as exc:
            notice = rendering.notice_html(exc.message, "error")
            return HTMLResponse(plain_html(settings, conversation_id, notice, ""), 503)
        reply = result.reply
        you = rendering.speaker_label(content.render("speaker_you", settings))
        bot = rendering.speaker_label(content.render("speaker_assistant", settings))
        exchange = (
            f'<div class="om-plain-you">{you}<p>{rendering.escape(message.strip())}</p></div>'
            f'<div class="om-plain-reply">{bot}'
            f"{rendering.assistant_html(reply.blocks, result.route, reply.citations, settings)}"
            "</div>"
        )
        return HTMLResponse(plain_html(settings, result.conversation_id, "", exchange))

    @app.get(TRANSCRIPT_PATH + "/{conversation_id}", include_in_schema=False)
    def transcript_page(conversation_id: str, request: Request, download: bool = False) -> Response:
        """The conversation to print or save, for the browser that owns it (else 404)."""
        try:
            items = service.transcript(conversation_id, api.request_owner(request))
        except UnknownConversation:
            return api.error(404, "conversation_id: no such conversation")
        page = transcript.transcript_html(items, settings, printable=not download)
        headers = {"Cache-Control": "no-store"}
        if download:
            headers["Content-Disposition"] = f'attachment; filename="{TRANSCRIPT_FILE}"'
        return HTMLResponse(page, headers=headers)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> RedirectResponse:
        return RedirectResponse(f"{CHAT_PATH}/favicon.ico")

    def widget(request: Request, max_age: int) -> Response:
        origin = f"{request.url.scheme}://{request.url.netloc}"
        return Response(
            widget_script(settings, origin),
            media_type="text/javascript; charset=utf-8",
            # Any site may load it (with an integrity hash, browsers need CORS to check it).
            headers={
                "Cache-Control": f"public, max-age={max_age}",
                "Access-Control-Allow-Origin": "*",
            },
        )

    @app.get("/widget.js", include_in_schema=False)
    def widget_latest(request: Request) -> Response:
        return widget(request, 300)

    @app.get(widget_path(), include_in_schema=False)
    def widget_versioned(request: Request) -> Response:
        return widget(request, 86400)

    @app.get("/demo", include_in_schema=False)
    def demo() -> HTMLResponse:
        return HTMLResponse(static_text("demo.html"))

    from ..staff.web import STAFF_PATH, build_staff_app

    app.mount(STAFF_PATH, build_staff_app(settings, store, chunks=chunks))

    with built_once():  # Gradio's throwaway internal apps are not built (lean_gradio.py)
        blocks = build_chat_ui(settings, service, keys)
    # Gradio's own thread pool (not the API's), room for every running message and the rest.
    blocks.max_threads = RESPOND_RUNNING + 16
    blocks.queue(default_concurrency_limit=2, max_size=CHAT_QUEUE_MAX)
    skip_queue_analytics(blocks)
    app = gr.mount_gradio_app(
        app,
        blocks,
        path=CHAT_PATH,
        footer_links=[],
        run_history=False,
        ssr_mode=False,
        mcp_server=False,
        show_error=False,
        theme=chat_theme(settings),
        css=static_text("chat.css"),
        head=(
            f"<style>{static_text('chat_page.css')}</style>"
            f"<script>{static_text('chat_head.js')}</script>"
        ),
    )
    app.add_middleware(OwnerCookie)
    app.add_middleware(NoScriptNote, note=noscript_html(settings))
    app.add_middleware(
        SecurityHeaders,
        chat_ancestors=ancestors,
        api_body_limit=max(API_BODY_LIMIT_FLOOR, settings.max_message_chars * 8 + 4096),
        cors_allows=cors_allows(settings),
        hsts=settings.environment == "production",
        join_limit=_join_limiter(settings, keys),
        busy_text=lambda seconds: content.render("busy", settings, seconds=seconds),
    )
    return app


def _join_limiter(settings: Settings, keys: ownership.ClientKeys) -> Callable[[Scope], float]:
    """Chat-page events a client (by its address's keyed hash) may queue per minute: a few
    times the message limit (a message is one event), checked before Gradio's queue."""
    from ..chat import SlidingWindowLimiter

    limiter = SlidingWindowLimiter(max(60, 3 * settings.rate_limit_per_minute), 60.0)

    def wait(scope: Scope) -> float:
        client = scope.get("client")
        return limiter.hit(keys.for_address(client[0] if client else None))

    return wait


_SELF_ONLY_CSP = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
    "script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; font-src 'self' data:\">"
)


def noscript_html(settings: Settings) -> str:
    """What the chat page shows without JavaScript: the disclaimer and a link to /plain."""
    note = rendering.escape(content.render("noscript_note", settings))
    link = rendering.escape(content.render("noscript_link", settings))
    return (
        f"<style>{static_text('chat.css')}{static_text('plain.css')}</style>"
        f'<div id="om-app" class="om-noscript"><p>{note} <a href="{PLAIN_PATH}">{link}</a></p>'
        f"{disclaimer_html(settings)}</div>"
    )


def plain_html(settings: Settings, conversation_id: str | None, notice: str, exchange: str) -> str:
    """The chat with no JavaScript: disclaimer, help numbers, privacy note and a plain form.

    Served at ``PLAIN_PATH``, for browsers without JavaScript or on very slow connections
    (Gradio adds the chat page's own head by script, so it cannot redirect them itself).
    """

    def text(text_id: str) -> str:
        return rendering.escape(content.render(text_id, settings))

    hidden = (
        f'<input type="hidden" name="conversation_id" value="{rendering.escape(conversation_id)}">'
        if conversation_id
        else ""
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{rendering.escape(settings.widget_title)}</title>"
        f"<style>{static_text('chat.css')}{static_text('plain.css')}</style></head>"
        f'<body><main id="om-app">{header_html(settings)}{disclaimer_html(settings)}'
        f'<section class="om-plain-chat" aria-live="polite">{exchange}</section>{notice}'
        f'<form method="post" action="{PLAIN_PATH}" class="om-plain-form">{hidden}'
        f'<label for="om-plain-question">{text("question_label")}</label>'
        f'<textarea id="om-plain-question" name="message" rows="3" required'
        f' maxlength="{settings.max_message_chars}"></textarea>'
        f'<button type="submit">{text("send")}</button></form>'
        f"{privacy_html(settings)}</main></body></html>"
    )


def _install_offline_docs(app: FastAPI) -> None:
    """/docs and /redoc from files in an installed package, not a CDN (FastAPI's
    self-hosting recipe, with the assets the ``fastapi-offline`` package ships)."""
    assets = resources.files("fastapi_offline").joinpath("static")
    app.mount(DOCS_ASSETS, StaticFiles(directory=str(assets)), name="docs-assets")
    title = app.title
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{title} - API",
            oauth2_redirect_url="/docs/oauth2-redirect",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png",
        )

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        page = get_redoc_html(
            openapi_url=openapi_url,
            title=f"{title} - API",
            redoc_js_url=f"{DOCS_ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{DOCS_ASSETS}/favicon.png",
            with_google_fonts=False,
        )
        # ReDoc's bundle shows a logo from its vendor's CDN; nothing leaves this server.
        html = bytes(page.body).decode().replace("<head>", f"<head>{_SELF_ONLY_CSP}", 1)
        return HTMLResponse(html)


async def _retention_loop(store: ConversationStore) -> None:
    """Delete conversations past the retention period now and every few hours."""
    while True:
        try:
            deleted = await asyncio.to_thread(store.apply_retention)
            if deleted:
                log.info("retention: deleted %d old conversation(s)", deleted)
        except Exception as exc:
            log.error("retention sweep failed: %s", type(exc).__name__)
        await asyncio.sleep(RETENTION_SWEEP_S)


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    """Build the services, then run the app with uvicorn until interrupted."""
    from ..ingestion import keeping_store_stamp
    from ..store import set_aside, unreadable_reason
    from ..wiring import build_assistant

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    frame_ancestors(settings)
    store = ConversationStore.from_settings(settings)
    store.migrate()
    store.warm_up()  # the first message's statements compiled before ready; nothing stored
    repaired = store.reconcile(content.render("error", settings))
    if repaired.orphans or repaired.unflagged:
        log.warning(
            "start-up: %d unanswered message(s) given a failure reply, %d flag(s) restored",
            repaired.orphans,
            repaired.unflagged,
        )
    with keeping_store_stamp(settings):  # opening Chroma writes to its database
        reason = unreadable_reason(settings)
    if reason is not None:
        aside = set_aside(settings)
        print(
            f"The vector store at {settings.chroma_dir} cannot be read ({reason}); it was moved"
            f" to {aside.name} and is being rebuilt from the corpus folders (pages or files"
            " added with `ingest.py --url/--sitemap/PATH` must be added again).",
            file=sys.stderr,
            flush=True,
        )
    assistant = build_assistant(settings, progress=True)
    app = create_app(settings, assistant, store)
    host = host or settings.host
    port = port or settings.port
    print(f"Chat: http://{host}:{port}{CHAT_PATH}/   API docs: http://{host}:{port}/docs")
    import uvicorn

    # Answers run in threads and hold the interpreter lock for long stretches; the event
    # loop, which accepts every request (a crisis message among a flood), needs it back
    # after each socket call. A shorter switch interval than the default 5 ms keeps it
    # from waiting behind them.
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    uvicorn.Server(server_config(app, host, port)).run()


def server_config(app: Any, host: str, port: int, log_level: str = "info") -> Any:
    """uvicorn's settings for the public web: bounded headers, connections and idle time.

    h11 (not httptools) because it enforces a limit on the request line and
    headers; ``limit_concurrency`` answers 503 beyond that many connections
    instead of queueing without bound; idle keep-alive connections close after
    a few seconds.
    """
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        http="h11",
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        limit_concurrency=SERVER_CONCURRENCY,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,
    )
