"""What the conversation store accepts and hands back: limits, validators and records.

The store returns plain ``TypedDict`` records rather than ORM objects, so
callers never hold a session open or trigger a lazy load; the builders here
turn the models into them. The validators check everything a caller passes
in before anything is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import asdict, is_dataclass
from datetime import datetime
from typing import Any, NamedTuple, TypedDict, cast

from ..schema import Route
from .models import _MAX_LABEL_CHARS, Feedback, Flag, Message

ERROR_ROUTE = "error"
"""Route recorded for a reply the assistant failed to produce."""

NOT_HELPFUL_REASON = "feedback:not_helpful"

FEEDBACK_REASONS = ("not_answered", "hard_to_understand", "wrong")
"""What a person can say was wrong with an answer (their words are in content/)."""

INTERRUPTED_REASON = "error: interrupted"
"""Reason (and flag) of the failure reply ``reconcile`` stores for a message left unanswered."""

UNFLAGGED_REASON = "flag restored at start-up"
"""Flag reason suffix for a non-answer reply ``reconcile`` found without its flag."""

ROLES = ("user", "assistant")
_ROUTE_VALUES = frozenset(r.value for r in Route)
ROUTES = _ROUTE_VALUES | {ERROR_ROUTE}

_ID_RE = re.compile(r"[A-Za-z0-9_-]{32}")
"""``secrets.token_urlsafe(24)``: 24 random bytes, 32 URL-safe characters."""

MAX_COMMENT_CHARS = 2000
"""Longest feedback comment the store accepts (after stripping surrounding spaces)."""

_MAX_PAGE = 500


class TurnIds(NamedTuple):
    """The ids ``record_turn`` committed together."""

    conversation_id: str
    user_message_id: int
    message_id: int
    flag_id: int | None


class Reconciled(NamedTuple):
    """What ``reconcile`` repaired (or ``count_unreconciled`` found)."""

    orphans: int
    unflagged: int


class FeedbackRecord(TypedDict):
    id: int
    message_id: int
    helpful: bool
    comment: str | None
    reasons: list[str]
    created_at: datetime


class MessageRecord(TypedDict):
    id: int
    role: str
    text: str
    route: str | None
    reason: str | None
    confidence: float | None
    citations: Any
    retrieval: Any
    latency_ms: float | None
    backend: str | None
    model: str | None
    created_at: datetime
    feedback: list[FeedbackRecord]


class FlagRecord(TypedDict):
    id: int
    conversation_id: str
    message_id: int | None
    reason: str
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: str | None


class FlaggedRow(NamedTuple):
    """One flagged conversation of a page (``ConversationStore.flagged_page``)."""

    conversation_id: str
    created_at: datetime
    last_flagged_at: datetime
    message_count: int


class ConversationSummary(TypedDict):
    conversation_id: str
    created_at: datetime
    message_count: int
    last_route: str | None
    last_flagged_at: datetime
    flag_reasons: list[str]
    flags: list[FlagRecord]


class ConversationDetail(TypedDict):
    conversation_id: str
    created_at: datetime
    messages: list[MessageRecord]
    flags: list[FlagRecord]


def is_valid_conversation_id(value: object) -> bool:
    """True if ``value`` has the shape of an id this store hands out (not that it exists)."""
    return isinstance(value, str) and _ID_RE.fullmatch(value) is not None


_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})
"""Exact types ``_jsonable`` passes through unchanged (subclasses take the general path)."""


def _jsonable(value: object, what: str) -> Any:
    """Plain JSON (no NaN) from dicts, lists, dataclasses or objects with ``to_dict``."""

    def convert(item: object) -> object:
        kind = type(item)
        if kind in _JSON_SCALARS:  # most of a reply's retrieval detail: returned as is
            return item
        if kind is dict:
            return {str(k): convert(v) for k, v in cast(dict[object, object], item).items()}
        if kind is list:
            return [convert(v) for v in cast(list[object], item)]
        to_dict = getattr(item, "to_dict", None)
        if callable(to_dict):
            return to_dict()
        if is_dataclass(item) and not isinstance(item, type):
            return asdict(item)
        if isinstance(item, Mapping):
            return {str(k): convert(v) for k, v in item.items()}
        if isinstance(item, list | tuple):
            return [convert(v) for v in item]
        return item

    if value is None:
        return None
    try:
        return json.loads(json.dumps(convert(value), allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what} must be JSON-serialisable (no NaN or infinity): {exc}") from exc


def _check_text(value: object, what: str) -> str:
    """A string that can be stored: text that is not valid Unicode (a lone surrogate) is refused."""
    if not isinstance(value, str):
        raise ValueError(f"{what} must be a string, got {type(value).__name__}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f"{what} contains a character that is not valid Unicode") from exc
    if "\x00" in value:
        raise ValueError(f"{what} contains a NUL character")
    return value


def _label(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be a non-empty string")
    value = _check_text(value, what).strip()
    if len(value) > _MAX_LABEL_CHARS:
        raise ValueError(f"{what} must be at most {_MAX_LABEL_CHARS} characters")
    return value


def _optional_number(value: object, what: str, *, minimum: float | None = None) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number, got {type(value).__name__}")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"{what} must be finite")
    if minimum is not None and number < minimum:
        raise ValueError(f"{what} must be at least {minimum}")
    return number


def feedback_reasons(reasons: object) -> str | None:
    """Validated reason codes as stored (sorted, comma-separated), or None for none."""
    if reasons is None:
        return None
    if isinstance(reasons, str) or not isinstance(reasons, list | tuple):
        raise ValueError("reasons must be a list of reason codes")
    unknown = [r for r in reasons if r not in FEEDBACK_REASONS]
    if unknown:
        raise ValueError(
            f"unknown feedback reason(s) {unknown!r}; "
            f"expected some of {', '.join(FEEDBACK_REASONS)}"
        )
    return ",".join(sorted(set(reasons))) or None


def _feedback_record(fb: Feedback) -> FeedbackRecord:
    return {
        "id": fb.id,
        "message_id": fb.message_id,
        "helpful": fb.rating == "up",
        "comment": fb.comment,
        "reasons": fb.reasons.split(",") if fb.reasons else [],
        "created_at": fb.created_at,
    }


def _message_record(m: Message) -> MessageRecord:
    return {
        "id": m.id,
        "role": m.role,
        "text": m.text,
        "route": m.route,
        "reason": m.reason,
        "confidence": m.confidence,
        "citations": m.citations,
        "retrieval": m.retrieval,
        "latency_ms": m.latency_ms,
        "backend": m.backend,
        "model": m.model,
        "created_at": m.created_at,
        "feedback": [_feedback_record(fb) for fb in m.feedback],
    }


def _flag_record(f: Flag) -> FlagRecord:
    return {
        "id": f.id,
        "conversation_id": f.conversation_id,
        "message_id": f.message_id,
        "reason": f.reason,
        "created_at": f.created_at,
        "resolved_at": f.resolved_at,
        "resolved_by": f.resolved_by,
    }
