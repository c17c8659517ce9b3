"""The one path a chat message takes, whether it comes from the chat page or the JSON API.

Keeping it in one place is what makes the record trustworthy: every message is
checked the same way (length, rate, readable text), answered with only its
own conversation's history, and stored as one turn with everything staff need
to audit the reply (route, reason, confidence, citations, retrieval scores,
latency, backend). The message, its reply and the reply's flag commit in one
transaction (``ConversationStore.record_turn``), so a crash never leaves a
message without its reply nor a safety reply without its flag; replies that
are not ordinary answers are flagged for review, and a failure while
answering is recorded and flagged too, while the person sees the fixed error
text instead of a stack trace.

Message text is never logged; log lines carry conversation ids, routes and
exception types only.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.exc import SQLAlchemyError

from . import content
from .config import Settings
from .conversations import ERROR_ROUTE, ConversationStore, TurnIds
from .errors import (
    ChatInputError,
    EmptyMessage,
    MessageTooLong,
    RateLimited,
    ServiceUnavailable,
    UnknownConversation,
)
from .schema import Citation, Paragraph, Reply, Route, RouteDecision, Turn
from .service import StreamEvent

log = logging.getLogger(__name__)

HISTORY_MESSAGES = 20
"""How many earlier messages the assistant sees; the router and retriever use only the last few."""

_MAX_FLAG_REASON = 200


class StreamingAssistant(Protocol):
    """What the chat needs from ``assistant.service.Assistant``."""

    def stream(self, conversation: Sequence[Turn], message: str) -> Iterator[StreamEvent]: ...


@dataclass(frozen=True)
class ChatResult:
    """One answered (or failed) message, as stored."""

    conversation_id: str
    reply: Reply
    message_id: int
    user_message_id: int
    started_new: bool
    failed: bool = False

    @property
    def route(self) -> str:
        return ERROR_ROUTE if self.failed else self.reply.route.value


@dataclass(frozen=True)
class ChatEvent:
    """A streamed piece of reply text, or (last) the finished, stored result."""

    delta: str = ""
    result: ChatResult | None = None


class SlidingWindowLimiter:
    """At most ``limit`` events per key in any ``window_s`` seconds, kept in memory.

    For limits one process may keep to itself (the chat page's event limit, checked
    before Gradio's queue); message and feedback limits are shared by every process
    (``SharedWindowLimiter``). Nothing survives a restart or is a module-level global.
    """

    def __init__(
        self,
        limit: int,
        window_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._last_sweep = clock()

    def hit(self, key: str) -> float:
        """Count one event for ``key``; returns 0 if allowed, else seconds until it would be."""
        now = self._clock()
        with self._lock:
            self._sweep(now)
            events = self._events.setdefault(key, deque())
            while events and now - events[0] >= self.window_s:
                events.popleft()
            if len(events) >= self.limit:
                return max(self.window_s - (now - events[0]), 0.001)
            events.append(now)
            return 0.0

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < self.window_s:
            return
        self._last_sweep = now
        stale = [k for k, ev in self._events.items() if not ev or now - ev[-1] >= self.window_s]
        for key in stale:
            del self._events[key]


class SharedWindowLimiter:
    """At most ``limit`` events per key in any ``window_s`` seconds, counted in the
    conversation database, so every app process on it shares one limit per client.

    Keys are stored only as SHA-256 digests (``ConversationStore.take_rate_slot``); counts
    older than the window are deleted once a window by whichever process notices.
    ``clock`` is wall-clock time: the processes compare each other's timestamps.
    """

    def __init__(
        self,
        store: ConversationStore,
        limit: int,
        window_s: float = 60.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._next_prune = clock() + window_s

    def hit(self, key: str) -> float:
        """Count one event for ``key``; returns 0 if allowed, else seconds until it would be.

        Raises SQLAlchemyError when the database cannot be reached."""
        now = self._clock()
        if now >= self._next_prune:
            self._next_prune = now + self.window_s
            self.store.prune_rate_events(now - self.window_s)
        return self.store.take_rate_slot(key, self.limit, self.window_s, now)


class ConversationService:
    """Validates, rate-limits, stores and answers messages; shared by the chat page and the API."""

    def __init__(
        self,
        settings: Settings,
        assistant: StreamingAssistant,
        store: ConversationStore,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self.assistant = assistant
        self.store = store
        # Both limits live in the conversation database: N app processes share them.
        per_minute = settings.rate_limit_per_minute
        self.limiter = SharedWindowLimiter(store, per_minute, 60.0, clock)
        self.feedback_limiter = SharedWindowLimiter(store, per_minute, 60.0, clock)

    # Checks

    def validate(self, message: object) -> str:
        """The message stripped of outer whitespace, or ChatInputError saying what is wrong."""
        if not isinstance(message, str):
            raise ChatInputError(content.render("message_not_text", self.settings))
        if not readable(message):
            raise ChatInputError(content.render("message_unreadable", self.settings))
        text = message.strip()
        if not text:
            raise EmptyMessage(content.render("message_empty", self.settings))
        limit = self.settings.max_message_chars
        if len(text) > limit:
            raise MessageTooLong(
                content.render(
                    "message_too_long", self.settings, length=f"{len(text):,}", limit=f"{limit:,}"
                )
            )
        return text

    def _check_rate(self, limiter: SharedWindowLimiter, key: str) -> None:
        try:
            wait = limiter.hit(key)
        except SQLAlchemyError as exc:
            raise self._database_down(exc) from None
        if wait:
            seconds = max(int(wait + 0.999), 1)
            raise RateLimited(
                content.render("busy", self.settings, seconds=seconds),
                retry_after_s=seconds,
            )

    def resolve(
        self, conversation_id: str | None, owner_hash: str | None = None
    ) -> tuple[str | None, bool]:
        """The conversation to continue if it exists, else ``(None, True)``: a new one.

        A conversation bound to a browser (``owner_hash``, see ``owner_hash_of``)
        continues only for that browser; for anyone else its id is as good as
        unknown, so nothing about it is revealed.

        A new conversation is created only when its first turn is stored
        (``record_turn``), so a message that is refused or fails to store
        leaves no empty conversation behind.
        """
        if conversation_id is not None:
            exists, owner = self.store.owner_of(conversation_id)
            if exists and (owner is None or owner == owner_hash):
                return conversation_id, False
        return None, True

    def transcript(
        self, conversation_id: str | None, owner_hash: str | None
    ) -> list[TranscriptItem]:
        """Every message of a conversation, for the browser that owns it; else UnknownConversation.

        An id alone never reads a transcript: the conversation must be bound to
        ``owner_hash`` (the hash of the HttpOnly secret of the browser that started it).
        """
        if not self.store.owned_by(conversation_id, owner_hash):
            raise UnknownConversation("no such conversation")
        records = self.store.messages(conversation_id) or []
        return [
            TranscriptItem(
                message_id=m["id"],
                role=m["role"],
                text=m["text"],
                route=m["route"],
                citations=tuple(_citations(m["citations"])),
                rated=bool(m["feedback"]),
            )
            for m in records
        ]

    # Answering

    def handle_message(
        self,
        conversation_id: str | None,
        message: str,
        *,
        session_key: str | None = None,
        owner_hash: str | None = None,
    ) -> ChatResult:
        """Answer one message and return the stored result (the non-streaming path)."""
        result = None
        for event in self.stream_message(
            conversation_id, message, session_key=session_key, owner_hash=owner_hash
        ):
            result = event.result or result
        assert result is not None
        return result

    def stream_message(
        self,
        conversation_id: str | None,
        message: str,
        *,
        session_key: str | None = None,
        owner_hash: str | None = None,
    ) -> Iterator[ChatEvent]:
        """Yield reply text as it arrives, then a ChatEvent carrying the stored ChatResult.

        Input errors (ChatInputError) are raised on the first ``next()``,
        before anything is stored. ``session_key`` is what the rate limit
        counts against (the chat page passes its Gradio session); without it
        the conversation id is used. ``owner_hash`` binds a new conversation to
        the browser that sent it (and is required to continue one bound to it).
        ``ServiceUnavailable`` (part "database") when the conversation store
        cannot be read or written: the turn's one transaction is rolled back, so
        nothing of it is stored.
        """
        text = self.validate(message)
        if session_key is not None:
            self._check_rate(self.limiter, f"session:{session_key}")
        try:
            known, started_new = self.resolve(conversation_id, owner_hash)
            if known is not None and session_key is None:
                self._check_rate(self.limiter, f"conversation:{known}")
            history = (
                [] if known is None else self.store.history(known, limit=HISTORY_MESSAGES) or []
            )
        except SQLAlchemyError as exc:
            raise self._database_down(exc) from None
        started = time.perf_counter()
        reply: Reply | None = None
        try:
            for event in self.assistant.stream(history, text):
                if event.delta:
                    yield ChatEvent(delta=event.delta)
                reply = event.reply or reply
            if reply is None:
                raise RuntimeError("the assistant finished without a reply")
        except Exception as exc:
            failed = self._record_failure(known, text, started, exc, owner_hash)
            self._count_new(failed, session_key)
            yield ChatEvent(result=failed)
            return
        latency_ms = _elapsed_ms(started)
        try:
            ids = self._record_reply(known, text, reply, latency_ms, owner_hash)
        except SQLAlchemyError as exc:
            raise self._database_down(exc) from None
        log.info(
            "answered conversation=%s route=%s backend=%s latency_ms=%.0f",
            _log_id(ids.conversation_id),
            reply.route.value,
            reply.backend,
            latency_ms,
        )
        result = ChatResult(
            ids.conversation_id, reply, ids.message_id, ids.user_message_id, started_new
        )
        self._count_new(result, session_key)
        yield ChatEvent(result=result)

    def _record_reply(
        self,
        known: str | None,
        text: str,
        reply: Reply,
        latency_ms: float,
        owner_hash: str | None = None,
    ) -> TurnIds:
        return self.store.record_turn(
            known,
            text,
            reply.text,
            route=reply.route,
            reason=reply.decision.reason,
            confidence=reply.decision.confidence,
            citations=[c.to_dict() for c in reply.citations],
            retrieval={
                "passages": reply.to_dict()["retrieved"],
                "timings_ms": dict(reply.timings_ms),
            },
            latency_ms=latency_ms,
            backend=reply.backend_label,
            model=reply.model,
            flag_reason=None if reply.flag_reason is None else reply.flag_reason[:_MAX_FLAG_REASON],
            owner_hash=owner_hash if known is None else None,
            urgent=reply.backend == "fixed",  # safety and other fixed replies: stored first
        )

    def _database_down(self, exc: Exception) -> ServiceUnavailable:
        log.error("conversation store failed error=%s", type(exc).__name__)
        return ServiceUnavailable(content.render("error", self.settings), part="database")

    def _count_new(self, result: ChatResult, session_key: str | None) -> None:
        """A new conversation's first message counts against it (its id exists only now)."""
        if result.started_new and session_key is None:
            try:
                self.limiter.hit(f"conversation:{result.conversation_id}")
            except SQLAlchemyError as exc:  # the turn is stored; only its count is missing
                log.warning("rate count not stored error=%s", type(exc).__name__)

    def _record_failure(
        self,
        known: str | None,
        text: str,
        started: float,
        exc: Exception,
        owner_hash: str | None = None,
    ) -> ChatResult:
        kind = type(exc).__name__
        log.error("answering failed conversation=%s error=%s", _log_id(known or "new"), kind)
        reason = f"error: {kind}"
        reply_text = content.render("error", self.settings)
        try:
            ids = self.store.record_turn(
                known,
                text,
                reply_text,
                route=ERROR_ROUTE,
                reason=reason,
                latency_ms=_elapsed_ms(started),
                backend="error",
                flag_reason=reason[:_MAX_FLAG_REASON],
                owner_hash=owner_hash if known is None else None,
            )
        except SQLAlchemyError as db_exc:
            raise self._database_down(db_exc) from None
        reply = Reply(
            (Paragraph(reply_text),),
            RouteDecision(Route.UNKNOWN, kind, 0.0),
            backend="error",
            flag_reason=reason,
        )
        return ChatResult(
            ids.conversation_id,
            reply,
            ids.message_id,
            ids.user_message_id,
            known is None,
            failed=True,
        )

    # Feedback

    def add_feedback(
        self,
        conversation_id: str,
        message_id: int,
        helpful: bool,
        comment: str | None = None,
        *,
        reasons: list[str] | None = None,
        session_key: str | None = None,
        owner_hash: str | None = None,
    ) -> int:
        """Store a thumbs up/down (and optional comment); "not helpful" flags the conversation.

        Raises UnknownConversation or UnknownMessage (``errors``) for ids that
        do not exist, ValueError for a message that is not an answer.
        """
        if self.resolve(conversation_id, owner_hash)[0] is None:
            raise UnknownConversation("no such conversation")
        self._check_rate(self.feedback_limiter, session_key or f"conversation:{conversation_id}")
        return self.store.add_feedback(conversation_id, message_id, helpful, comment, reasons)

    def update_feedback(
        self,
        conversation_id: str,
        feedback_id: int,
        *,
        reasons: list[str] | None,
        comment: str | None,
        session_key: str | None = None,
        owner_hash: str | None = None,
    ) -> None:
        """Add what was wrong and a comment to feedback already given (the same record)."""
        if self.resolve(conversation_id, owner_hash)[0] is None:
            raise UnknownConversation("no such conversation")
        self._check_rate(self.feedback_limiter, session_key or f"conversation:{conversation_id}")
        self.store.update_feedback(conversation_id, feedback_id, reasons=reasons, comment=comment)


OWNER_COOKIE = "om_owner"
"""The HttpOnly cookie holding a browser's random secret; its hash is stored with the
conversations that browser starts (``owner_hash_of``)."""

_OWNER_SECRET = re.compile(r"[A-Za-z0-9_-]{43}")


def new_owner_secret() -> str:
    """A fresh browser secret (``secrets.token_urlsafe(32)``: 43 URL-safe characters)."""
    return secrets.token_urlsafe(32)


def owner_hash_of(secret: str | None) -> str | None:
    """The SHA-256 (hex) stored for a browser secret; None for a missing or malformed one."""
    if not secret or not _OWNER_SECRET.fullmatch(secret):
        return None
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class TranscriptItem:
    """One stored message as its owner's browser shows it again after a reload."""

    message_id: int
    role: str
    text: str
    route: str | None
    citations: tuple[Citation, ...]
    rated: bool


def _citations(stored: object) -> Iterator[Citation]:
    """Citations as stored (``Citation.to_dict``); anything malformed is skipped."""
    if not isinstance(stored, list):
        return
    for item in stored:
        if not isinstance(item, dict):
            continue
        try:
            page = item.get("page")
            yield Citation(
                marker=int(item["marker"]),
                source_id=str(item["source_id"]),
                title=str(item.get("title") or ""),
                section=str(item.get("section") or ""),
                page=int(page) if isinstance(page, int) else None,
                quote=str(item.get("quote") or ""),
                chunk_id=str(item.get("chunk_id") or ""),
                publisher=str(item.get("publisher") or ""),
                updated=str(item.get("updated") or ""),
            )
        except (KeyError, TypeError, ValueError):
            continue


def readable(text: str) -> bool:
    """False for text that cannot be stored or read: lone surrogates (not Unicode) or NUL."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _elapsed_ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)


def _log_id(conversation_id: str) -> str:
    """A short digest: logs can be correlated without holding the id that continues a chat."""
    return hashlib.sha256(conversation_id.encode()).hexdigest()[:12]
