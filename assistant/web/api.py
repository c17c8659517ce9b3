"""JSON API: the same conversation service as the chat page, for other front ends.

Every refusal is a 4xx with ``{"error": "..."}`` naming what was wrong, so a
client never has to parse a stack trace or guess; a conversation id that is
unknown (or someone else's) silently starts a new conversation instead of
revealing anything. Endpoints are documented in docs/widget.md and at /docs.
"""

from __future__ import annotations

import logging
from typing import Any, Literal, cast, get_args

from fastapi import APIRouter, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..chat import ConversationService, TranscriptItem, readable
from ..conversations import ERROR_ROUTE, FEEDBACK_REASONS, MAX_COMMENT_CHARS
from ..errors import ChatInputError, NotFound, RateLimited, ServiceUnavailable, UnknownConversation
from ..schema import Citation, Route
from . import ownership, rendering

log = logging.getLogger(__name__)

RETRY_AFTER_S = 30
"""What a 503 (a part the reply needs is down) asks the client to wait before trying again."""

MAX_ID = 2**63 - 1
"""Largest id a 64-bit key can hold; anything above is refused as a bad value, not looked up."""


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    message: str = Field(description="The question, as plain text.")
    conversation_id: str | None = Field(
        None, description="Continue this conversation; unknown ids start a new one."
    )


FeedbackReason = Literal["not_answered", "hard_to_understand", "wrong"]
assert get_args(FeedbackReason) == FEEDBACK_REASONS, (
    "keep the API's reasons and the store's in step"
)


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    conversation_id: str
    message_id: int = Field(
        ge=1, le=MAX_ID, description="The message_id returned by POST /api/chat."
    )
    helpful: bool
    comment: str | None = Field(None, max_length=MAX_COMMENT_CHARS)
    reasons: list[FeedbackReason] = Field(
        default_factory=list, description="What was wrong with the answer (optional)."
    )


class FeedbackUpdate(BaseModel):
    """What was wrong and a comment, added to feedback already given (the same record)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    conversation_id: str
    reasons: list[FeedbackReason] = Field(default_factory=list)
    comment: str | None = Field(None, max_length=MAX_COMMENT_CHARS)


class CitationOut(BaseModel):
    marker: int
    source_id: str
    url: str | None = Field(description="A link to the source, when it has a web address.")
    title: str
    publisher: str
    section: str
    page: int | None
    quote: str
    updated: str | None = Field(
        None, description="The page's own last-updated date (YYYY-MM-DD), when it gives one."
    )


ReplyRoute = Literal[
    "answer", "clinical", "emergency", "crisis", "out_of_scope", "unknown", "error"
]
# Where a reply was routed (``schema.Route``) or ``error`` when answering failed.
assert set(get_args(ReplyRoute)) == {r.value for r in Route} | {ERROR_ROUTE}, (
    "keep the API's routes and the router's in step"
)


class ChatResponse(BaseModel):
    conversation_id: str
    message_id: int
    new_conversation: bool
    route: ReplyRoute = Field(
        description="answer, clinical, emergency, crisis, out_of_scope, unknown or error "
        "(emergency and crisis are urgent: show them as alerts)."
    )
    reply: str
    citations: list[CitationOut]
    flagged: bool


class TranscriptMessage(BaseModel):
    message_id: int
    role: Literal["user", "assistant"]
    text: str
    route: ReplyRoute | None = Field(description="Set on assistant messages.")
    citations: list[CitationOut]


class TranscriptResponse(BaseModel):
    conversation_id: str
    messages: list[TranscriptMessage]


class FeedbackResponse(BaseModel):
    feedback_id: int


class ErrorResponse(BaseModel):
    error: str


def _citation(c: Citation) -> CitationOut:
    return CitationOut(
        marker=c.marker,
        source_id=c.source_id,
        url=rendering.citation_url(c),
        title=c.title,
        publisher=c.publisher,
        section=c.section,
        page=c.page,
        quote=c.quote,
        updated=c.updated or None,
    )


def _transcript_message(item: TranscriptItem) -> TranscriptMessage:
    route = item.route if item.route in get_args(ReplyRoute) else None
    return TranscriptMessage(
        message_id=item.message_id,
        role="user" if item.role == "user" else "assistant",
        text=item.text,
        route=cast(ReplyRoute | None, route),
        citations=[_citation(c) for c in item.citations],
    )


def request_owner(request: Request) -> str | None:
    """The hash of this browser's secret (the HttpOnly cookie), if it sent a well-formed one."""
    return ownership.owner(request.cookies)


def error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _input_error(exc: ChatInputError) -> JSONResponse:
    if isinstance(exc, RateLimited):
        return error(429, exc.message, {"Retry-After": str(exc.retry_after_s)})
    return error(422, f"{exc.field}: {exc.message}")


def build_router(service: ConversationService, keys: ownership.ClientKeys) -> APIRouter:
    """The /api routes, bound to this app's service (no module-level state).

    Chat messages are limited per client (``keys``: a keyed hash of the address, never
    stored) whether or not a conversation id is sent."""
    router = APIRouter(prefix="/api", tags=["chat"])

    def refusal(description: str) -> dict[str, Any]:
        return {"model": ErrorResponse, "description": description}

    responses: dict[int | str, dict[str, Any]] = {
        400: refusal(description="The body is not valid JSON."),
        403: refusal(description="A cross-origin caller that is not an allowed embedding origin."),
        408: refusal(description="The body did not arrive in time."),
        413: refusal(description="The body is too large."),
        422: refusal(
            description="A missing, unexpected or wrongly typed field, or a value out of range."
        ),
        429: refusal(description="Too many requests; see the Retry-After header (seconds)."),
        500: refusal(description="An unexpected failure; nothing about it is revealed."),
        503: refusal(
            description="A part the reply needs (the database) is down; nothing was stored. "
            "See Retry-After."
        ),
    }
    with_404 = {**responses, 404: refusal(description="Unknown conversation, message or feedback.")}

    @router.post("/chat", response_model=ChatResponse, responses=responses)
    def chat(body: ChatRequest, request: Request) -> Any:
        """Ask one question; the reply is routed, cited and stored like a chat-page message."""
        client = keys.for_address(request.client.host if request.client else None)
        try:
            result = service.handle_message(
                body.conversation_id,
                body.message,
                session_key=client,
                owner_hash=request_owner(request),
            )
        except ChatInputError as exc:
            return _input_error(exc)
        return ChatResponse(
            conversation_id=result.conversation_id,
            message_id=result.message_id,
            new_conversation=result.started_new,
            route=cast(ReplyRoute, result.route),
            reply=result.reply.text,
            citations=[_citation(c) for c in result.reply.citations],
            flagged=result.reply.flagged,
        )

    @router.get(
        "/conversations/{conversation_id}",
        response_model=TranscriptResponse,
        responses={
            404: refusal(description="No conversation this browser owns has this id."),
            500: responses[500],
        },
    )
    def transcript(conversation_id: str, request: Request) -> Any:
        """Read back a conversation, for the browser that started it only.

        Proof of ownership is the HttpOnly cookie the chat page issues; an id
        alone (or another browser's cookie) gets the same 404 as an unknown id.
        """
        try:
            items = service.transcript(conversation_id, request_owner(request))
        except UnknownConversation:
            return error(404, "conversation_id: no such conversation")
        return TranscriptResponse(
            conversation_id=conversation_id,
            messages=[_transcript_message(i) for i in items],
        )

    @router.post("/feedback", response_model=FeedbackResponse, responses=with_404)
    def feedback(body: FeedbackRequest, request: Request) -> Any:
        """Thumbs up or down on an answer; "not helpful" flags the conversation for review."""
        if body.comment is not None and not readable(body.comment):
            return error(422, "comment: contains a character that is not valid Unicode")
        try:
            feedback_id = service.add_feedback(
                body.conversation_id,
                body.message_id,
                body.helpful,
                body.comment,
                reasons=list(body.reasons),
                owner_hash=request_owner(request),
            )
        except ChatInputError as exc:
            return _input_error(exc)
        except NotFound as exc:
            return error(404, f"{exc.field}: {exc}")
        except ValueError as exc:
            return error(422, f"message_id: {exc}")
        return FeedbackResponse(feedback_id=feedback_id)

    @router.patch("/feedback/{feedback_id}", response_model=FeedbackResponse, responses=with_404)
    def update_feedback(feedback_id: int, body: FeedbackUpdate, request: Request) -> Any:
        """Add what was wrong and a comment to feedback already given; it stays one record."""
        if body.comment is not None and not readable(body.comment):
            return error(422, "comment: contains a character that is not valid Unicode")
        try:
            service.update_feedback(
                body.conversation_id,
                feedback_id,
                reasons=list(body.reasons),
                comment=body.comment,
                owner_hash=request_owner(request),
            )
        except ChatInputError as exc:
            return _input_error(exc)
        except NotFound as exc:
            return error(404, f"{exc.field}: {exc}")
        except ValueError as exc:
            return error(422, str(exc))
        return FeedbackResponse(feedback_id=feedback_id)

    @router.get("/health")
    def health() -> Any:
        """Liveness: the process answers and its database does (503 naming it if not)."""
        failing = _database_problem(service)
        if failing:
            return error(503, f"not healthy: {failing}")
        return {"status": "ok"}

    @router.get("/ready", responses={503: {"model": ErrorResponse}})
    def ready() -> Any:
        """Readiness: the database answers and takes a write, the model embeds and the
        vector store returns a passage. 503 names every failing part, so a load balancer
        stops sending questions that could only get an error reply."""
        failing = [p for p in [_database_problem(service, write=True)] if p]
        check = getattr(service.assistant, "check_ready", None)
        if callable(check):
            failing += check()
        if failing:
            log.error("readiness: %s", "; ".join(failing))
            return error(503, "not ready: " + "; ".join(failing))
        return {"status": "ready"}

    return router


def _database_problem(service: ConversationService, write: bool = False) -> str | None:
    """Why the database cannot serve now, or None; ``write``: it must also take a write."""
    try:
        service.store.exists("health-check-" + "0" * 19)
        if write:
            service.store.check_writable()
    except Exception as exc:
        return f"database: {type(exc).__name__}"
    return None


def _describe(errors: list[dict[str, Any]]) -> tuple[int, str]:
    """One readable sentence from pydantic's errors; 400 for unparseable JSON, else 422."""
    problems = []
    for err in errors:
        kind = err.get("type", "")
        loc = [str(p) for p in err.get("loc", ()) if p != "body"]
        where = ".".join(loc)
        if kind == "json_invalid":
            return 400, "request body is not valid JSON"
        if kind == "missing" and not where:
            return 422, "request body is missing; send a JSON object"
        if kind == "missing":
            problems.append(f"{where}: field required")
        elif kind == "extra_forbidden":
            problems.append(f"{where}: unexpected field")
        elif kind == "model_attributes_type" or (kind.endswith("_type") and not where):
            problems.append("request body must be a JSON object")
        else:
            problems.append(
                f"{where}: {err.get('msg', 'invalid value')}"
                if where
                else str(err.get("msg", "invalid request"))
            )
    return 422, "; ".join(problems) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    """JSON ``{"error": ...}`` bodies for every refusal, including FastAPI's own."""

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        status, message = _describe(list(jsonable_encoder(exc.errors())))
        return error(status, message)

    @app.exception_handler(ServiceUnavailable)
    async def _unavailable(_: Request, exc: ServiceUnavailable) -> JSONResponse:
        # The reviewed apology with the urgent-help numbers: a client can show it as is.
        return error(503, exc.message, {"Retry-After": str(RETRY_AFTER_S)})

    @app.exception_handler(SQLAlchemyError)
    async def _database(_: Request, exc: SQLAlchemyError) -> JSONResponse:
        log.error("database unavailable: %s", type(exc).__name__)
        return error(
            503,
            "the database is unavailable; please try again",
            {"Retry-After": str(RETRY_AFTER_S)},
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail), getattr(exc, "headers", None))
