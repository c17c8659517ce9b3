"""The review queue and what staff record about a conversation, over the conversation database.

Reads and writes the staff tables (``reviews``, ``verdicts``, ``audit_log``)
beside the conversation store's own; conversations, messages and flags are
only read here, except that resolving a review resolves its flags through
``ConversationStore.resolve_flags``.

Flag reasons are stored as ``"<kind>: <detail>"`` (``emergency: emergency:fever``,
``feedback:not_helpful``, ``error: ConnectionError``); the queue filters and
counts by the kind, the part before the first colon.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypedDict

from sqlalchemy import and_, func, select
from sqlalchemy.orm import sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from ..conversations import ROUTES, ConversationDetail, ConversationStore
from ..conversations.models import (
    AuditEntry,
    Conversation,
    Feedback,
    Flag,
    Message,
    Review,
    Verdict,
    _utcnow,
)
from ..conversations.records import MAX_COMMENT_CHARS, is_valid_conversation_id
from ..errors import UnknownConversation, UnknownMessage

REASON_KINDS = (
    "emergency",
    "crisis",
    "clinical",
    "unknown",
    "injection",
    "feedback",
    "error",
    "out_of_scope",
)
"""Flag kinds, in the order the queue shows their counts (``out_of_scope``: older flags)."""
STATUSES = ("open", "in_review", "resolved")
FEEDBACK_FILTERS = ("down", "up", "none")
VERDICTS = ("correct", "wrong_route", "unhelpful", "unsafe")
MAX_NOTES_CHARS = 10_000
MAX_PAGE = 200
MAX_EXPORT = 10_000


class ReviewError(ValueError):
    """Input staff gave that cannot be recorded; the message says why."""


def reason_kind(reason: str) -> str:
    return reason.split(":", 1)[0].strip()


@dataclass(frozen=True)
class QueueFilter:
    """What the queue is narrowed to; empty fields do not filter."""

    reason: str | None = None
    route: str | None = None
    status: str | None = None
    feedback: str | None = None
    since: date | None = None
    until: date | None = None
    assignee: str | None = None

    @classmethod
    def parse(cls, values: dict[str, str]) -> QueueFilter:
        """From query-string values; raises ReviewError naming the bad field."""

        def pick(name: str, allowed: Iterable[str]) -> str | None:
            value = (values.get(name) or "").strip()
            if not value:
                return None
            if value not in allowed:
                raise ReviewError(f"{name} must be one of {', '.join(sorted(allowed))}")
            return value

        def day(name: str) -> date | None:
            value = (values.get(name) or "").strip()
            if not value:
                return None
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise ReviewError(f"{name} must be a date like 2026-01-31") from None

        assignee = (values.get("assignee") or "").strip() or None
        if assignee is not None and len(assignee) > 64:
            raise ReviewError("assignee must be at most 64 characters")
        return cls(
            reason=pick("reason", REASON_KINDS),
            route=pick("route", ROUTES),
            status=pick("status", STATUSES),
            feedback=pick("feedback", FEEDBACK_FILTERS),
            since=day("since"),
            until=day("until"),
            assignee=assignee,
        )

    def query(self) -> dict[str, str]:
        """The non-empty fields as query-string values."""
        out = {}
        for name in ("reason", "route", "status", "feedback", "since", "until", "assignee"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value.isoformat() if isinstance(value, date) else str(value)
        return out


class QueueRow(TypedDict):
    conversation_id: str
    created_at: datetime
    last_flagged_at: datetime
    reasons: list[str]
    kinds: list[str]
    routes: list[str]
    status: str
    assignee: str | None
    feedback_down: int
    feedback_up: int
    message_count: int


class ReviewState(TypedDict):
    status: str
    assignee: str | None
    notes: str | None
    updated_at: datetime | None
    updated_by: str | None


class VerdictRecord(TypedDict):
    message_id: int
    verdict: str
    right_route: str | None
    comment: str | None
    staff: str
    updated_at: datetime


class AuditRecord(TypedDict):
    id: int
    at: datetime
    staff: str
    action: str
    target: str | None
    detail: Any


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _text(value: object, what: str, limit: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ReviewError(f"{what} must be text")
    value = value.strip()
    if len(value) > limit:
        raise ReviewError(f"{what} must be at most {limit} characters")
    return value or None


class ReviewDesk:
    """The queue, review state, verdicts, exports and the audit log."""

    def __init__(self, store: ConversationStore) -> None:
        self.store = store
        self._sessions = sessionmaker(store.engine, expire_on_commit=False)

    # The queue

    def _conditions(self, f: QueueFilter, *, with_reason: bool) -> list[ColumnElement[bool]]:
        cid = Flag.conversation_id
        conditions: list[ColumnElement[bool]] = []
        if with_reason and f.reason is not None:
            conditions.append(
                cid.in_(select(Flag.conversation_id).where(Flag.reason.like(f"{f.reason}:%")))
            )
        if f.route is not None:
            conditions.append(
                cid.in_(select(Message.conversation_id).where(Message.route == f.route))
            )
        if f.status == "open":
            conditions.append(
                cid.not_in(select(Review.conversation_id).where(Review.status != "open"))
            )
        elif f.status is not None:
            conditions.append(
                cid.in_(select(Review.conversation_id).where(Review.status == f.status))
            )
        if f.assignee is not None:
            conditions.append(
                cid.in_(select(Review.conversation_id).where(Review.assignee == f.assignee))
            )
        if f.feedback is not None:
            rated = select(Message.conversation_id).join(
                Feedback, Feedback.message_id == Message.id
            )
            if f.feedback == "none":
                conditions.append(cid.not_in(rated))
            else:
                conditions.append(cid.in_(rated.where(Feedback.rating == f.feedback)))
        window = []
        if f.since is not None:
            window.append(Conversation.created_at >= _start_of(f.since))
        if f.until is not None:
            window.append(Conversation.created_at < _start_of(f.until + timedelta(days=1)))
        if window:
            conditions.append(cid.in_(select(Conversation.id).where(and_(*window))))
        return conditions

    def queue(self, f: QueueFilter, limit: int = 50, offset: int = 0) -> list[QueueRow]:
        """Flagged conversations matching ``f``, most recently flagged first."""
        if not 1 <= limit <= MAX_EXPORT or offset < 0:
            raise ReviewError(f"limit must be 1-{MAX_EXPORT} and offset at least 0")
        where = self._conditions(f, with_reason=True)
        page = self.store.flagged_page(where, limit=limit, offset=offset)
        ids = [row.conversation_id for row in page]
        if not ids:
            return []
        with self._sessions() as session:
            reasons: dict[str, list[str]] = {cid: [] for cid in ids}
            for cid, reason in session.execute(
                select(Flag.conversation_id, Flag.reason)
                .where(Flag.conversation_id.in_(ids))
                .order_by(Flag.id)
            ):
                if reason not in reasons[cid]:
                    reasons[cid].append(reason)
            routes: dict[str, list[str]] = {cid: [] for cid in ids}
            for cid, route in session.execute(
                select(Message.conversation_id, Message.route)
                .where(Message.conversation_id.in_(ids))
                .order_by(Message.id)
            ):
                if route is not None and route not in routes[cid]:
                    routes[cid].append(route)
            ratings: dict[tuple[str, str], int] = {}
            for cid, rating, n in session.execute(
                select(Message.conversation_id, Feedback.rating, func.count(Feedback.id))
                .join(Feedback, Feedback.message_id == Message.id)
                .where(Message.conversation_id.in_(ids))
                .group_by(Message.conversation_id, Feedback.rating)
            ):
                ratings[(cid, rating)] = int(n)
            reviews = {
                r.conversation_id: r
                for r in session.scalars(select(Review).where(Review.conversation_id.in_(ids)))
            }
        rows: list[QueueRow] = []
        for row in page:
            cid = row.conversation_id
            review = reviews.get(cid)
            rows.append(
                {
                    "conversation_id": cid,
                    "created_at": row.created_at,
                    "last_flagged_at": row.last_flagged_at,
                    "reasons": reasons[cid],
                    "kinds": sorted({reason_kind(r) for r in reasons[cid]}),
                    "routes": routes[cid],
                    "status": review.status if review else "open",
                    "assignee": review.assignee if review else None,
                    "feedback_down": ratings.get((cid, "down"), 0),
                    "feedback_up": ratings.get((cid, "up"), 0),
                    "message_count": row.message_count,
                }
            )
        return rows

    def count(self, f: QueueFilter) -> int:
        return self.store.count_flagged_where(self._conditions(f, with_reason=True))

    def reason_counts(self, f: QueueFilter) -> dict[str, int]:
        """Conversations per flag kind under the other filters (the reason filter left out)."""
        others = self._conditions(f, with_reason=False)
        return {
            kind: self.store.count_flagged_where([Flag.reason.like(f"{kind}:%"), *others])
            for kind in REASON_KINDS
        }

    # One conversation

    def conversation(self, conversation_id: str) -> ConversationDetail:
        detail = self.store.get_conversation(conversation_id)
        if detail is None:
            raise UnknownConversation("no such conversation")
        return detail

    def state(self, conversation_id: str) -> ReviewState:
        with self._sessions() as session:
            review = session.get(Review, conversation_id)
        if review is None:
            return {
                "status": "open",
                "assignee": None,
                "notes": None,
                "updated_at": None,
                "updated_by": None,
            }
        return {
            "status": review.status,
            "assignee": review.assignee,
            "notes": review.notes,
            "updated_at": review.updated_at,
            "updated_by": review.updated_by,
        }

    def update(
        self,
        conversation_id: str,
        staff: str,
        *,
        status: str | None = None,
        assignee: str | None = None,
        notes: str | None = None,
        clear_assignee: bool = False,
    ) -> ReviewState:
        """Set the status, assignee and/or notes; resolving also resolves the flags."""
        if status is not None and status not in STATUSES:
            raise ReviewError(f"status must be one of {', '.join(STATUSES)}")
        assignee = _text(assignee, "assignee", 64)
        notes = _text(notes, "notes", MAX_NOTES_CHARS) if notes is not None else None
        if not is_valid_conversation_id(conversation_id) or not self.store.exists(conversation_id):
            raise UnknownConversation("no such conversation")
        with self._sessions.begin() as session:
            review = session.get(Review, conversation_id)
            if review is None:
                review = Review(conversation_id=conversation_id, status="open")
                session.add(review)
            if status is not None:
                review.status = status
            if assignee is not None or clear_assignee:
                review.assignee = assignee
            if notes is not None:
                review.notes = notes
            review.updated_at = _utcnow()
            review.updated_by = staff
        if status == "resolved":
            self.store.resolve_flags(conversation_id, staff)
        return self.state(conversation_id)

    def verdicts(self, conversation_id: str) -> dict[int, VerdictRecord]:
        with self._sessions() as session:
            found = session.scalars(
                select(Verdict).where(Verdict.conversation_id == conversation_id)
            ).all()
        return {
            v.message_id: {
                "message_id": v.message_id,
                "verdict": v.verdict,
                "right_route": v.right_route,
                "comment": v.comment,
                "staff": v.staff,
                "updated_at": v.updated_at,
            }
            for v in found
        }

    def set_verdict(
        self,
        conversation_id: str,
        message_id: int,
        staff: str,
        verdict: str,
        *,
        right_route: str | None = None,
        comment: str | None = None,
    ) -> VerdictRecord:
        """Record (or replace) the verdict on one assistant message of the conversation."""
        if verdict not in VERDICTS:
            raise ReviewError(f"verdict must be one of {', '.join(VERDICTS)}")
        right_route = (right_route or "").strip() or None
        comment = _text(comment, "comment", MAX_COMMENT_CHARS)
        detail = self.conversation(conversation_id)
        message = next((m for m in detail["messages"] if m["id"] == message_id), None)
        if message is None:
            raise UnknownMessage("that message is not part of this conversation")
        if message["role"] != "assistant":
            raise ReviewError("verdicts are recorded on the assistant's answers only")
        if verdict == "wrong_route":
            if right_route not in ROUTES or right_route == "error":
                raise ReviewError("a wrong route needs the right one (answer, clinical, ...)")
            if right_route == message["route"]:
                raise ReviewError("the right route must differ from the route taken")
        else:
            right_route = None
        with self._sessions.begin() as session:
            found = session.scalar(select(Verdict).where(Verdict.message_id == message_id))
            if found is None:
                found = Verdict(conversation_id=conversation_id, message_id=message_id)
                session.add(found)
            found.verdict = verdict
            found.right_route = right_route
            found.comment = comment
            found.staff = staff
            found.updated_at = _utcnow()
        return self.verdicts(conversation_id)[message_id]

    # Exports

    def export_rows(self, f: QueueFilter) -> list[dict[str, Any]]:
        """The filtered queue with each conversation's transcript and verdicts."""
        rows = []
        for row in self.queue(f, limit=MAX_EXPORT):
            cid = row["conversation_id"]
            detail = self.conversation(cid)
            verdicts = self.verdicts(cid)
            state = self.state(cid)
            rows.append(
                {
                    **row,
                    "notes": state["notes"],
                    "messages": [
                        {
                            "id": m["id"],
                            "role": m["role"],
                            "text": m["text"],
                            "route": m["route"],
                            "reason": m["reason"],
                            "confidence": m["confidence"],
                            "backend": m["backend"],
                            "model": m["model"],
                            "citations": m["citations"],
                            "feedback": [
                                {"helpful": fb["helpful"], "comment": fb["comment"]}
                                for fb in m["feedback"]
                            ],
                            "verdict": verdicts.get(m["id"]),
                        }
                        for m in detail["messages"]
                    ],
                }
            )
        return rows

    def export_jsonl(self, f: QueueFilter) -> str:
        return "".join(
            json.dumps(row, default=_json_default, ensure_ascii=False) + "\n"
            for row in self.export_rows(f)
        )

    def export_csv(self, f: QueueFilter) -> str:
        """One line per conversation: the queue's columns (no message text)."""
        out = io.StringIO()
        columns = [
            "conversation_id",
            "created_at",
            "last_flagged_at",
            "status",
            "assignee",
            "kinds",
            "reasons",
            "routes",
            "feedback_down",
            "feedback_up",
            "message_count",
        ]
        writer = csv.DictWriter(out, columns, extrasaction="ignore")
        writer.writeheader()
        for row in self.queue(f, limit=MAX_EXPORT):
            flat: dict[str, Any] = dict(row)
            for name in ("kinds", "reasons", "routes"):
                flat[name] = "; ".join(row[name])  # type: ignore[literal-required]
            for name in ("created_at", "last_flagged_at"):
                flat[name] = row[name].isoformat()  # type: ignore[literal-required]
            writer.writerow({k: _csv_safe(v) for k, v in flat.items()})
        return out.getvalue()

    # Audit log

    def audit(self, staff: str, action: str, target: str | None = None, **detail: Any) -> None:
        """Record who did what to which conversation (never message text)."""
        with self._sessions.begin() as session:
            session.add(
                AuditEntry(
                    staff=staff, action=action, target=target, detail=detail or None, at=_utcnow()
                )
            )

    def audit_log(self, limit: int = 500) -> list[AuditRecord]:
        with self._sessions() as session:
            entries = session.scalars(
                select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
            ).all()
        return [
            {
                "id": e.id,
                "at": e.at,
                "staff": e.staff,
                "action": e.action,
                "target": e.target,
                "detail": e.detail,
            }
            for e in entries
        ]


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot export {type(value).__name__}")


def _csv_safe(value: object) -> object:
    """Cells a spreadsheet would run as a formula get a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
