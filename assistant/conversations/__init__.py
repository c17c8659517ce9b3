"""Conversation store: every message, route, citation, feedback and flag, and nothing else.

- ``models``: the SQLAlchemy tables (the schema itself belongs to Alembic,
  ``migrations/``).
- ``records``: the records the store hands back, the validators and limits
  (``MAX_COMMENT_CHARS``, ``ERROR_ROUTE``, ...).
- ``store``: ``ConversationStore`` and database-URL handling.
- ``maintenance``: ``run_db_command`` (``migrate``, ``purge``, ``revision``).

Imports run one way only: models <- records <- store <- maintenance.
"""

from __future__ import annotations

from .maintenance import run_db_command
from .models import Base, Conversation, Feedback, Flag, Message, UTCDateTime
from .records import (
    ERROR_ROUTE,
    FEEDBACK_REASONS,
    INTERRUPTED_REASON,
    MAX_COMMENT_CHARS,
    NOT_HELPFUL_REASON,
    ROLES,
    ROUTES,
    ConversationDetail,
    ConversationSummary,
    FeedbackRecord,
    FlagRecord,
    MessageRecord,
    Reconciled,
    TurnIds,
    is_valid_conversation_id,
)
from .store import MIGRATIONS_DIR, ConversationStore, normalise_url

__all__ = [
    "ERROR_ROUTE",
    "FEEDBACK_REASONS",
    "INTERRUPTED_REASON",
    "MAX_COMMENT_CHARS",
    "MIGRATIONS_DIR",
    "NOT_HELPFUL_REASON",
    "ROLES",
    "ROUTES",
    "Base",
    "Conversation",
    "ConversationDetail",
    "ConversationStore",
    "ConversationSummary",
    "Feedback",
    "FeedbackRecord",
    "Flag",
    "FlagRecord",
    "Message",
    "MessageRecord",
    "Reconciled",
    "TurnIds",
    "UTCDateTime",
    "is_valid_conversation_id",
    "normalise_url",
    "run_db_command",
]
