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
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import gradio as gr
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from .. import content
from ..chat import ConversationService, StreamingAssistant
from ..config import Settings
from ..conversations import ConversationStore
from . import api
from .chat_ui import build_chat_ui

log = logging.getLogger(__name__)

CHAT_PATH = "/chat"
DEFAULT_WIDGET_COLOR = "#1d4e89"
RETENTION_SWEEP_S = 6 * 3600
API_BODY_LIMIT_FLOOR = 16 * 1024

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


def frame_ancestors(settings: Settings) -> str:
    """The CSP ``frame-ancestors`` source list for the chat page, from the allowed origins."""
    sources = ["'self'"]
    for origin in settings.allowed_embed_origins:
        origin = origin.strip()
        if origin == "*":
            if settings.environment == "production":
                raise ValueError("allowed_embed_origins may not contain '*' in production")
            return "*"
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
        sources.append(f"{parts.scheme}://{parts.netloc}")
    return " ".join(sources)


class SecurityHeaders:
    """Pure ASGI middleware: embedding policy, no-sniff, referrer policy and an API body limit.

    Written as plain ASGI (not BaseHTTPMiddleware) so Gradio's streamed
    responses pass through untouched.
    """

    def __init__(self, app: ASGIApp, chat_ancestors: str, api_body_limit: int) -> None:
        self.app = app
        self.chat_ancestors = chat_ancestors
        self.api_body_limit = api_body_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        if path.startswith("/api/") and self._too_large(scope):
            response = JSONResponse(
                {"error": f"request body is too large (limit {self.api_body_limit} bytes)"},
                status_code=413,
            )
            await response(scope, receive, send)
            return
        chat = path == CHAT_PATH or path.startswith(CHAT_PATH + "/")
        ancestors = self.chat_ancestors if chat else "'self'"
        extra = [
            (b"content-security-policy", f"frame-ancestors {ancestors}".encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
        ]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in (b"content-security-policy", b"x-frame-options")
                ]
                message["headers"] = headers + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _too_large(self, scope: Scope) -> bool:
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    return int(value) > self.api_body_limit
                except ValueError:
                    return True
        return False


# The app


def widget_script(settings: Settings, origin: str) -> str:
    """widget.js with this deployment's title, colours, position and origin baked in."""
    color, text_color = widget_colors(settings.widget_color)
    config = {
        "title": settings.widget_title,
        "closeLabel": content.render("widget_close", settings),
        "closeText": content.render("widget_close_short", settings),
        "color": color,
        "textColor": text_color,
        "position": settings.widget_position,
        "chatPath": f"{CHAT_PATH}/?embed=1",
        "origin": origin,
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


def create_app(
    settings: Settings,
    assistant: StreamingAssistant,
    store: ConversationStore,
) -> FastAPI:
    """One FastAPI app: Gradio chat at /chat, JSON API at /api, /widget.js and /demo."""
    ancestors = frame_ancestors(settings)
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
    )
    app.state.chat_service = service
    api.install_error_handlers(app)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error: %s", type(exc).__name__)
        return api.error(500, "internal error; please try again")

    app.include_router(api.build_router(service))

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse(f"{CHAT_PATH}/")

    @app.get("/widget.js", include_in_schema=False)
    def widget(request: Request) -> Response:
        origin = f"{request.url.scheme}://{request.url.netloc}"
        return Response(
            widget_script(settings, origin),
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=300"},
        )

    @app.get("/demo", include_in_schema=False)
    def demo() -> HTMLResponse:
        return HTMLResponse(static_text("demo.html"))

    from ..staff.web import STAFF_PATH, build_staff_app

    app.mount(STAFF_PATH, build_staff_app(settings, store))

    blocks = build_chat_ui(settings, service)
    blocks.queue(default_concurrency_limit=2)
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
    app.add_middleware(
        SecurityHeaders,
        chat_ancestors=ancestors,
        api_body_limit=max(API_BODY_LIMIT_FLOOR, settings.max_message_chars * 8 + 4096),
    )
    return app


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
    import uvicorn

    from ..wiring import build_assistant

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    frame_ancestors(settings)
    store = ConversationStore.from_settings(settings)
    store.migrate()
    assistant = build_assistant(settings, progress=True)
    app = create_app(settings, assistant, store)
    host = host or settings.host
    port = port or settings.port
    print(f"Chat: http://{host}:{port}{CHAT_PATH}/   API docs: http://{host}:{port}/docs")
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)
