"""The conversation store's tables: conversations, messages, feedback and flags.

The schema itself belongs to Alembic (``migrations/``); these models are what
``revision`` autogenerates new migrations from and what the store queries.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

_MAX_LABEL_CHARS = 200
"""Longest flag reason or staff name: the column length here, the validation limit in records."""

_NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

_BigId = BigInteger().with_variant(Integer(), "sqlite")
"""64-bit keys on PostgreSQL; SQLite only auto-increments an ``INTEGER`` primary key."""

_Json = JSON().with_variant(JSONB(), "postgresql")


def _utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on both backends.

    SQLite has no time-zone type and returns naive values; storing naive UTC
    there and re-attaching UTC on the way out makes comparisons (retention,
    ordering) behave the same as PostgreSQL's ``timestamptz``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=_NAMING)


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_utcnow, index=True)
    owner_hash: Mapped[str | None] = mapped_column(String(64))
    """SHA-256 (hex) of the owning browser's secret; only that browser reads the transcript."""

    messages: Mapped[list[Message]] = relationship(
        back_populates="conversation",
        order_by="Message.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    flags: Mapped[list[Flag]] = relationship(
        back_populates="conversation",
        order_by="Flag.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (CheckConstraint("role IN ('user', 'assistant')", name="role"),)

    id: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    route: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)
    citations: Mapped[Any | None] = mapped_column(_Json)
    retrieval: Mapped[Any | None] = mapped_column(_Json)
    latency_ms: Mapped[float | None] = mapped_column(Float)
    backend: Mapped[str | None] = mapped_column(String(64))
    model: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_utcnow)

    conversation: Mapped[Conversation] = relationship(back_populates="messages")
    feedback: Mapped[list[Feedback]] = relationship(
        back_populates="message",
        order_by="Feedback.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class Feedback(Base):
    __tablename__ = "feedback"
    __table_args__ = (CheckConstraint("rating IN ('up', 'down')", name="rating"),)

    id: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    message_id: Mapped[int] = mapped_column(
        _BigId, ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    rating: Mapped[str] = mapped_column(String(8))
    comment: Mapped[str | None] = mapped_column(Text)
    reasons: Mapped[str | None] = mapped_column(String(200))
    """What was wrong, as comma-separated ``FEEDBACK_REASONS`` codes (records: a list)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_utcnow)

    message: Mapped[Message] = relationship(back_populates="feedback")


class Flag(Base):
    __tablename__ = "flags"

    id: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[int | None] = mapped_column(
        _BigId, ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(_MAX_LABEL_CHARS))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by: Mapped[str | None] = mapped_column(String(_MAX_LABEL_CHARS))

    conversation: Mapped[Conversation] = relationship(back_populates="flags")


# Staff console (issue 12): accounts, review state, verdicts and the audit log.


class StaffUser(Base):
    """A staff account; created only from the command line (``assistant staff add``)."""

    __tablename__ = "staff_users"
    __table_args__ = (CheckConstraint("role IN ('reviewer', 'admin')", name="role"),)

    id: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_utcnow)


class Review(Base):
    """Where staff are with one flagged conversation: status, assignee and notes."""

    __tablename__ = "reviews"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'in_review', 'resolved')", name="status"),
    )

    conversation_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(16), default="open")
    assignee: Mapped[str | None] = mapped_column(String(64))
    notes: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(64))


class Verdict(Base):
    """A reviewer's judgement of one assistant message (one per message, editable)."""

    __tablename__ = "verdicts"
    __table_args__ = (
        CheckConstraint(
            "verdict IN ('correct', 'wrong_route', 'unhelpful', 'unsafe')", name="verdict"
        ),
        UniqueConstraint("message_id"),
    )

    id: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[int] = mapped_column(_BigId, ForeignKey("messages.id", ondelete="CASCADE"))
    verdict: Mapped[str] = mapped_column(String(16))
    right_route: Mapped[str | None] = mapped_column(String(32))
    comment: Mapped[str | None] = mapped_column(Text)
    staff: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_utcnow)


class AuditEntry(Base):
    """Who viewed, changed or exported what, and when.

    ``target`` is a plain string (a conversation id, a staff name, an export's
    filters), not a foreign key: the retention sweep deletes conversations,
    never the record of who looked at them.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_utcnow, index=True)
    staff: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str | None] = mapped_column(String(_MAX_LABEL_CHARS))
    detail: Mapped[Any | None] = mapped_column(_Json)


class ApprovedAnswerVersion(Base):
    """One version of an approved answer; an edit adds a version, retiring marks the latest.

    ``questions`` and ``quotes`` are JSON lists (``[{"chunk_id", "text"}]`` for quotes):
    the quotes name the stored corpus chunk each sentence was verified in.
    """

    __tablename__ = "approved_answers"
    __table_args__ = (UniqueConstraint("answer_id", "version"),)

    id: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    answer_id: Mapped[int] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer)
    questions: Mapped[Any] = mapped_column(_Json)
    lead: Mapped[str] = mapped_column(Text)
    quotes: Mapped[Any] = mapped_column(_Json)
    approved_by: Mapped[str] = mapped_column(String(64))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    retired_by: Mapped[str | None] = mapped_column(String(64))


class RateEvent(Base):
    """One accepted message (or feedback) from one client, so that every app process on this
    database counts against the same per-client limit (issue 16).

    ``client`` is the SHA-256 of the limit key, which is itself a keyed hash of the client's
    address (under a secret held only in the app processes' memory), an owner cookie's digest
    or a conversation id: never an address. Rows older than the limit's window are deleted
    (``ConversationStore.prune_rate_events``), so the table holds a minute or two of counts.
    """

    __tablename__ = "rate_events"
    __table_args__ = (Index("ix_rate_events_client_at", "client", "at"),)

    id: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[float] = mapped_column(Float)
    """Wall-clock seconds since the epoch (every process shares the machine's clock)."""
