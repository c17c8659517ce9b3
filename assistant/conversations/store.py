"""Conversation store: every message, route, citation, feedback and flag, and nothing else.

Staff review what the assistant told people, so a turn (the message, its
reply or recorded failure, and the reply's flag) is committed in one
transaction (``record_turn``), and ``reconcile`` (run at every start) gives
any message an older version or a crash left unanswered a failure reply and a
flag. Privacy follows from what is *not* here: no IP address, user agent,
name or account; a conversation is known only by a random id held by the
person's own browser session, and ``purge_older_than`` deletes whole
conversations once the retention period has passed.

SQLite (a file under the data folder) serves one app process; PostgreSQL
(``postgresql+psycopg://...``) serves several. The schema belongs to Alembic:
``ConversationStore.migrate()`` upgrades to head without any ini file or
working-directory assumptions, and is safe to call at every start.

Maintenance commands (``migrate``, ``purge``, ``revision``) live in
``assistant.conversations.maintenance.run_db_command``.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import logging
import os
import re
import secrets
import threading
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, Self, TypeVar, cast

from sqlalchemy import (
    Table,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import URL, CursorResult, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, aliased, configure_mappers, selectinload, sessionmaker
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.elements import ColumnElement

from ..errors import UnknownConversation, UnknownFeedback, UnknownMessage
from ..schema import Route, Turn
from .models import _MAX_LABEL_CHARS, Conversation, Feedback, Flag, Message, RateEvent, _utcnow
from .records import (
    _MAX_PAGE,
    _ROUTE_VALUES,
    ERROR_ROUTE,
    INTERRUPTED_REASON,
    MAX_COMMENT_CHARS,
    NOT_HELPFUL_REASON,
    ROLES,
    ROUTES,
    UNFLAGGED_REASON,
    ConversationDetail,
    ConversationSummary,
    FlaggedRow,
    FlagRecord,
    MessageRecord,
    Reconciled,
    TurnIds,
    _check_text,
    _flag_record,
    _jsonable,
    _label,
    _message_record,
    _optional_number,
    feedback_reasons,
    is_valid_conversation_id,
)

if TYPE_CHECKING:
    from alembic.config import Config

    from ..config import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

_RATE_WINDOW = select(func.count(), func.min(RateEvent.at)).where(
    RateEvent.client == bindparam("client"), RateEvent.at > bindparam("since")
)
"""How many counts one client has since a time, and the oldest of them."""
_RATE_COUNT = insert(RateEvent)
# A turn's rows, written as Core statements built once: the ORM's unit of work (an identity
# map, a flush per row) cost about a third of a stored turn's CPU for rows nothing reads back.
# The tables' Python-side defaults (``created_at``) apply to Core inserts as to the ORM's.
_NEW_CONVERSATION = insert(cast(Table, Conversation.__table__))
_NEW_MESSAGE = insert(cast(Table, Message.__table__))
_NEW_FLAG = insert(cast(Table, Flag.__table__))

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@functools.cache
def migration_head() -> str | None:
    """The newest revision in ``migrations/versions`` (the one no other revision follows),
    read from each file's ``revision`` and ``down_revision`` assignments; None when that
    is not a single plain head (a merge, a branch, a file not written like the others),
    so the caller lets Alembic decide."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found: dict[str, object] = {}
        for node in ast.parse(path.read_text("utf-8")).body:
            target: ast.expr | None = None
            if isinstance(node, ast.AnnAssign):
                target = node.target
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
            value = getattr(node, "value", None)
            if not isinstance(target, ast.Name) or value is None:
                continue
            if target.id in ("revision", "down_revision"):
                try:
                    found[target.id] = ast.literal_eval(value)
                except ValueError:
                    return None
        revision, parent = found.get("revision"), found.get("down_revision", "?")
        if not isinstance(revision, str) or not (parent is None or isinstance(parent, str)):
            return None
        revisions.add(revision)
        if parent is not None:
            parents.add(parent)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


_OPEN_FLAGS: tuple[ColumnElement[bool], ...] = (Flag.resolved_at.is_(None),)
_OWNER_HASH = re.compile(r"[0-9a-f]{64}")

_PG_MIGRATION_LOCK = zlib.crc32(b"assistant.conversations.migrate")
_IN_PROCESS_MIGRATION_LOCK = threading.Lock()
"""Alembic's ``context`` and ``op`` are module-global: one migration per process at a time."""


def normalise_url(url: str | URL) -> URL:
    """Parse a database URL, defaulting PostgreSQL to psycopg 3; refuse other backends."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ValueError(
            "ASSISTANT_DATABASE_URL is not a valid database URL; expected "
            "sqlite:///path/to/file.sqlite3 or postgresql+psycopg://user:password@host/db"
        ) from exc
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise ValueError(
            f"unsupported database driver {parsed.drivername!r}; use sqlite:/// or "
            "postgresql+psycopg://"
        )
    return parsed


def _sqlite_in_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:") or url.query.get("mode") == "memory"


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA secure_delete=ON")  # deleted text is overwritten, not left
    finally:
        cursor.close()


def _private_file(path: Path) -> None:
    """Create the SQLite file readable by its owner only (0600) before SQLite opens it.

    SQLite gives its ``-wal`` and ``-shm`` files the database file's mode.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if name.exists():
            name.chmod(0o600)


@dataclass(eq=False)
class _Write(Generic[T]):
    """One write waiting for a group commit, and then what came of it."""

    work: Callable[[Session], T]
    urgent: bool
    settled: bool = False  # its outcome is known: committed, rolled back, or its group failed
    done: bool = False  # settled, and its thread may go on
    result: T | None = None
    error: BaseException | None = None
    group_failed: bool = False

    def fail_with_group(self, error: BaseException) -> None:
        self.result, self.error, self.group_failed, self.settled = None, error, True, True


class _GroupCommit:
    """This process's SQLite writes, committed in groups: one transaction, one fsync.

    SQLite takes one writer at a time, and its busy handler backs off by sleeping, so
    threads racing for the write lock can starve one another for seconds (a crisis
    reply's turn behind a flood's); here they queue instead. Whichever waiting thread
    finds no group being written leads the next one: it takes every write waiting (up to
    ``limit``, urgent ones first), runs each in a savepoint of one ``BEGIN IMMEDIATE``
    transaction, and commits once. Every write returns, or raises, only after that
    commit: nothing is acknowledged before it is durable (``synchronous`` is unchanged).

    A write that raises is rolled back to its savepoint and raises in its own thread; the
    others of its group are kept. If the transaction itself fails (BEGIN, COMMIT, or a
    failure that ended it), every write of the group raises and none of it is stored.
    """

    def __init__(self, engine: Engine, limit: int = 32) -> None:
        self._engine = engine
        self._limit = limit
        self._changed = threading.Condition()
        self._waiting: list[_Write[Any]] = []
        self._leading = False

    def run(self, work: Callable[[Session], T], urgent: bool = False) -> T:
        """``work(session)`` committed with its group; its result once the group is."""
        mine = _Write(work, urgent)
        with self._changed:
            self._waiting.append(mine)
        while True:
            with self._changed:
                while self._leading and not mine.done:
                    self._changed.wait()
                if mine.done:
                    break
                self._leading = True
                self._waiting.sort(key=lambda w: not w.urgent)  # stable: urgent ones first
                group = self._waiting[: self._limit]
                del self._waiting[: self._limit]
            try:
                self._commit(group)
            finally:
                with self._changed:
                    for write in group:
                        if not write.settled:  # the leader stopped before the commit
                            write.fail_with_group(RuntimeError("the group was not written"))
                        write.done = True
                    self._leading = False
                    self._changed.notify_all()
        if mine.group_failed:
            assert mine.error is not None
            raise OperationalError("group commit", None, mine.error)
        if mine.error is not None:
            raise mine.error
        return mine.result  # type: ignore[return-value]

    def _commit(self, group: list[_Write[Any]]) -> None:
        outcomes: list[tuple[Any, Exception | None]] = []
        try:
            with self._engine.begin() as conn:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                raw = conn.connection.dbapi_connection
                for write in group:
                    session = Session(
                        bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False
                    )
                    try:
                        with session.begin():
                            outcomes.append((write.work(session), None))
                    except Exception as exc:  # rolled back to its savepoint: nothing of it
                        outcomes.append((None, exc))
                        if not getattr(raw, "in_transaction", True):
                            raise  # SQLite ended the whole transaction (disk full, I/O)
                    finally:
                        session.close()
        except Exception as exc:  # nothing of the group was committed
            for write in group:
                write.fail_with_group(exc)
            return
        for write, (result, error) in zip(group, outcomes, strict=True):
            write.result, write.error, write.settled = result, error, True


class ConversationStore:
    """Conversations, messages, feedback and flags behind a small, id-scoped API.

    Every method opens its own session and commits before returning, so a
    message the service has stored survives a crash of the reply that follows,
    and another app process sees it at once. Methods are safe to call from
    several threads.

    Isolation: every read takes the conversation id and returns only that
    conversation. An id that is malformed, unknown, purged or someone else's
    makes lookups return ``None`` (``exists``/``is_flagged``: ``False``)
    without raising or saying which, so the caller simply starts a new
    conversation. Writes to such an id raise ``ValueError``.

    API (what the service, the API and the staff console use):

    - ``ConversationStore(url)`` / ``from_settings(settings)``; ``migrate()`` at
      start-up (Alembic ``upgrade head``, idempotent, serialised between
      processes); ``close()``; usable as a context manager.
    - ``new_conversation() -> str``: a fresh unguessable id
      (``secrets.token_urlsafe(24)``).
    - ``exists(id) -> bool``.
    - ``add_message(id, role, text, *, route, reason, confidence, citations,
      retrieval, latency_ms, backend, model) -> int``: ``route`` is a
      ``Route`` value or ``ERROR_ROUTE`` for a failed reply; ``citations`` and
      ``retrieval`` take dicts, ``Citation`` objects or lists of them.
    - ``history(id, limit=None) -> list[Turn] | None``: oldest first, for the
      answer service; failed replies (route ``error``) are left out so they
      do not steer retrieval.
    - ``messages(id) -> list[MessageRecord] | None``.
    - ``add_feedback(id, message_id, helpful, comment=None, reasons=None) -> int``:
      the message must be an assistant message of that conversation; "not
      helpful" also flags the conversation (``NOT_HELPFUL_REASON``) in the
      same transaction. ``reasons`` are ``FEEDBACK_REASONS`` codes.
    - ``update_feedback(id, feedback_id, *, reasons, comment) -> None``: add
      what was wrong and a comment to that same feedback record (one record
      per rating, however the person fills it in).
    - ``flag(id, reason, message_id=None) -> int``; ``is_flagged(id)``.
    - Staff: ``list_flagged(limit, offset, include_resolved=False)``,
      ``count_flagged(include_resolved=False)``, ``get_conversation(id)``,
      ``resolve_flag(flag_id, staff_user) -> bool``,
      ``resolve_flags(id, staff_user) -> int``.
    - Retention: ``purge_older_than(days) -> int`` deletes conversations
      *started* more than ``days`` ago with all their messages, feedback and
      flags (so no message outlives the period); ``apply_retention()`` does
      so with the configured ``retention_days``, if any.
    """

    def __init__(self, url: str | URL, *, retention_days: int | None = None) -> None:
        self.url = normalise_url(url)
        self.retention_days = retention_days
        if self.url.get_backend_name() == "sqlite":
            memory = _sqlite_in_memory(self.url)
            if not memory and self.url.database:
                _private_file(Path(self.url.database))
            self.engine: Engine = create_engine(
                self.url,
                pool_pre_ping=True,
                connect_args={"check_same_thread": False, "timeout": 30},
                poolclass=StaticPool if memory else None,
            )
            event.listen(self.engine, "connect", _sqlite_pragmas)
            # One writer at a time in SQLite: this process's writes queue and commit in groups.
            self._group: _GroupCommit | None = _GroupCommit(self.engine)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
            self._group = None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # The ORM's mappings are set up here (once per process, about 10 ms) rather than
        # inside the first visitor's message.
        configure_mappers()

    @classmethod
    def from_settings(cls, settings: Settings) -> ConversationStore:
        return cls(settings.db_url, retention_days=settings.retention_days)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    # Schema

    def alembic_config(self) -> Config:
        """Alembic configuration built in code, so no ini file or working directory matters."""
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.set_main_option("path_separator", "os")
        # ConfigParser interpolates '%', which URL-encoded passwords contain.
        url = self.url.render_as_string(hide_password=False).replace("%", "%%")
        cfg.set_main_option("sqlalchemy.url", url)
        return cfg

    def migrate(self) -> None:
        """Upgrade the schema to the newest migration; a no-op when already there.

        Runs in one transaction holding a lock (a PostgreSQL advisory lock,
        SQLite's write lock, plus a lock within this process), so several
        processes or stores starting together do not race to create the same
        tables.
        """
        if self._at_head():
            return
        from alembic import command

        cfg = self.alembic_config()
        with _IN_PROCESS_MIGRATION_LOCK, self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
                )
            else:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def _at_head(self) -> bool:
        """Whether the database is already at the newest migration, read without Alembic
        (whose import and script scan were about 0.5 s of every start): the one row of
        ``alembic_version`` against the single head of ``migrations/versions``. Anything
        else (no table yet, several heads, an older or unknown revision) returns False and
        ``migrate`` runs Alembic as before."""
        head = migration_head()
        if head is None:
            return False
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        except (OperationalError, ProgrammingError):  # no such table (SQLite, PostgreSQL)
            return False
        return [r[0] for r in rows] == [head]

    def schema_revision(self) -> str | None:
        """The Alembic revision the database is at (``None`` before ``migrate``)."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    # Conversations and messages

    def new_conversation(self) -> str:
        conversation_id = secrets.token_urlsafe(24)
        with self._sessions.begin() as session:
            session.add(Conversation(id=conversation_id))
        return conversation_id

    def check_writable(self, timeout_s: float = 2.0) -> None:
        """Raise (SQLAlchemy's error) unless the database takes a write now (readiness).

        SQLite: a write lock is taken and released at once, waiting at most
        ``timeout_s`` (in WAL mode a file another writer holds still reads, so a
        read alone would say ready while no turn can be stored). Other databases:
        a round trip on a pooled connection.
        """
        with self.engine.connect() as conn:
            if self.engine.dialect.name != "sqlite":
                conn.exec_driver_sql("SELECT 1")
                return
            raw = conn.connection.dbapi_connection
            assert raw is not None
            cursor = raw.cursor()
            try:
                cursor.execute(f"PRAGMA busy_timeout={int(timeout_s * 1000)}")
                try:
                    cursor.execute("BEGIN IMMEDIATE")
                    cursor.execute("ROLLBACK")
                finally:
                    cursor.execute("PRAGMA busy_timeout=30000")
            except Exception as exc:
                raise OperationalError("BEGIN IMMEDIATE", None, exc) from exc
            finally:
                cursor.close()

    def exists(self, conversation_id: str | None) -> bool:
        if not is_valid_conversation_id(conversation_id):
            return False
        with self._sessions() as session:
            return session.get(Conversation, conversation_id) is not None

    def owner_of(self, conversation_id: str | None) -> tuple[bool, str | None]:
        """Whether the conversation exists, and the hash of its owner's secret (None: unbound)."""
        if not is_valid_conversation_id(conversation_id):
            return False, None
        with self._sessions() as session:
            row = session.execute(
                select(Conversation.owner_hash).where(Conversation.id == conversation_id)
            ).one_or_none()
        return (False, None) if row is None else (True, row[0])

    def owned_by(self, conversation_id: str | None, owner_hash: str | None) -> bool:
        """True only for a conversation bound to exactly this owner (never for an id alone)."""
        if owner_hash is None:
            return False
        exists, owner = self.owner_of(conversation_id)
        return exists and owner is not None and secrets.compare_digest(owner, owner_hash)

    def add_message(
        self,
        conversation_id: str,
        role: Literal["user", "assistant"],
        text: str,
        *,
        route: Route | str | None = None,
        reason: str | None = None,
        confidence: float | None = None,
        citations: object = None,
        retrieval: object = None,
        latency_ms: float | None = None,
        backend: str | None = None,
        model: str | None = None,
    ) -> int:
        """Store one message and commit; returns its id."""
        message = _build_message(
            conversation_id,
            role,
            text,
            route=route,
            reason=reason,
            confidence=confidence,
            citations=citations,
            retrieval=retrieval,
            latency_ms=latency_ms,
            backend=backend,
            model=model,
        )
        with self._sessions.begin() as session:
            self._require_conversation(session, conversation_id)
            session.add(message)
            session.flush()
            return message.id

    def record_turn(
        self,
        conversation_id: str | None,
        user_text: str,
        reply_text: str,
        *,
        route: Route | str,
        reason: str | None = None,
        confidence: float | None = None,
        citations: object = None,
        retrieval: object = None,
        latency_ms: float | None = None,
        backend: str | None = None,
        model: str | None = None,
        flag_reason: str | None = None,
        owner_hash: str | None = None,
        urgent: bool = False,
    ) -> TurnIds:
        """Store a whole turn in one transaction: the message, its reply and the reply's flag.

        ``urgent`` (a safety reply): on SQLite, stored ahead of this process's other
        waiting writes.

        ``conversation_id=None`` starts a new conversation in the same
        transaction, so a turn that fails to store leaves no empty
        conversation behind. Either everything is committed or nothing is: a
        crash can never leave a message without its reply, nor a safety reply
        without its flag. ``owner_hash`` (a new conversation only) binds it to the
        browser holding that secret: see ``owned_by``.
        """
        if owner_hash is not None and not _OWNER_HASH.fullmatch(owner_hash):
            raise ValueError("owner_hash must be 64 lowercase hex characters")
        new = conversation_id is None
        conv_id = secrets.token_urlsafe(24) if conversation_id is None else conversation_id
        user = _message_row(conv_id, "user", user_text)
        reply = _message_row(
            conv_id,
            "assistant",
            reply_text,
            route=route,
            reason=reason,
            confidence=confidence,
            citations=citations,
            retrieval=retrieval,
            latency_ms=latency_ms,
            backend=backend,
            model=model,
        )
        flag_label = None if flag_reason is None else _label(flag_reason, "flag_reason")
        owner = owner_hash if new else None
        return self._write(
            lambda session: self._add_turn(session, conv_id, owner, new, user, reply, flag_label),
            urgent,
        )

    def _add_turn(
        self,
        session: Session,
        conv_id: str,
        owner_hash: str | None,
        new: bool,
        user: dict[str, Any],
        reply: dict[str, Any],
        flag_label: str | None,
    ) -> TurnIds:
        if new:
            session.execute(_NEW_CONVERSATION, {"id": conv_id, "owner_hash": owner_hash})
        else:
            self._require_conversation(session, conv_id)
        user_id = _inserted_id(session, _NEW_MESSAGE, user)
        reply_id = _inserted_id(session, _NEW_MESSAGE, reply)
        flag_id = None
        if flag_label is not None:
            row = {"conversation_id": conv_id, "message_id": reply_id, "reason": flag_label}
            flag_id = _inserted_id(session, _NEW_FLAG, row)
        return TurnIds(conv_id, user_id, reply_id, flag_id)

    def warm_up(self) -> None:
        """Run what a first message writes (a rate slot, a new conversation's turn with a
        flagged reply) in a transaction that is rolled back, so the statements are compiled
        before the app reports ready (about 17 ms of the first visitor's message before);
        nothing is stored, and a failure is left to readiness to report."""
        conv_id = secrets.token_urlsafe(24)
        user = _message_row(conv_id, "user", "warm-up")
        reply = _message_row(conv_id, "assistant", "warm-up", route=Route.UNKNOWN)
        try:
            with self._sessions() as session:
                try:
                    self._rate_slot(session, "0" * 64, 1, 60.0, 0.0)
                    flag = _label("unknown", "flag_reason")
                    self._add_turn(session, conv_id, None, True, user, reply, flag)
                finally:
                    session.rollback()
        except Exception as exc:  # readiness (check_writable) names a database that fails
            log.warning("conversation store warm-up failed: %s", type(exc).__name__)

    def reconcile(self, failure_text: str) -> Reconciled:
        """Repair what an interrupted process (or an older version) left half-written.

        Every user message whose next message in its conversation is not an
        assistant reply gets a stored failure reply (``failure_text``, route
        ``error``, reason ``INTERRUPTED_REASON``) and a flag; every assistant
        reply that should have a flag (safety, clinical, unknown, error) and has none gets one.
        Idempotent: a repaired message carries its user message id in
        ``retrieval.reply_to`` and is not repaired twice. Safe while other
        processes serve: turns are committed whole, so a turn in flight is
        invisible here.
        """
        with self._sessions.begin() as session:
            orphans, unflagged = _unreconciled(session)
            for message_id, conv in orphans:
                failure = _build_message(
                    conv,
                    "assistant",
                    failure_text,
                    route=ERROR_ROUTE,
                    reason=INTERRUPTED_REASON,
                    retrieval={"reply_to": message_id},
                    backend="error",
                )
                session.add(failure)
                session.flush()
                session.add(
                    Flag(conversation_id=conv, message_id=failure.id, reason=INTERRUPTED_REASON)
                )
            for message_id, conv, route in unflagged:
                session.add(
                    Flag(
                        conversation_id=conv,
                        message_id=message_id,
                        reason=f"{route}: {UNFLAGGED_REASON}"[:_MAX_LABEL_CHARS],
                    )
                )
        return Reconciled(orphans=len(orphans), unflagged=len(unflagged))

    def count_unreconciled(self) -> Reconciled:
        """What ``reconcile`` would repair now: replies missing, flags missing."""
        with self._sessions() as session:
            orphans, unflagged = _unreconciled(session)
        return Reconciled(orphans=len(orphans), unflagged=len(unflagged))

    def history(self, conversation_id: str | None, limit: int | None = None) -> list[Turn] | None:
        """The turns the answer service conditions on, oldest first (the last ``limit``)."""
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
            raise ValueError("limit must be an integer or None")
        if not is_valid_conversation_id(conversation_id):
            return None
        # The conversation is looked up and its messages read in one session (one
        # connection checkout and one read transaction on every message that continues
        # a conversation, not two; the two reads also see the same snapshot).
        with self._sessions() as session:
            if session.get(Conversation, conversation_id) is None:
                return None
            if limit is not None and limit <= 0:
                return []
            query = (
                select(Message.role, Message.text, Message.route)
                .where(Message.conversation_id == conversation_id)
                .where((Message.route.is_(None)) | (Message.route != ERROR_ROUTE))
                .order_by(Message.id.desc())
            )
            if limit is not None:
                query = query.limit(limit)
            rows = session.execute(query).all()
        return [
            Turn(
                role="user" if role == "user" else "assistant",
                text=body,
                route=Route(route) if route is not None and route in _ROUTE_VALUES else None,
            )
            for role, body, route in reversed(rows)
        ]

    def messages(self, conversation_id: str | None) -> list[MessageRecord] | None:
        detail = self.get_conversation(conversation_id)
        return None if detail is None else detail["messages"]

    def get_conversation(self, conversation_id: str | None) -> ConversationDetail | None:
        """One conversation with every message, its feedback and all flags (resolved too)."""
        if not is_valid_conversation_id(conversation_id):
            return None
        with self._sessions() as session:
            conversation = session.scalars(
                select(Conversation)
                .where(Conversation.id == conversation_id)
                .options(
                    selectinload(Conversation.messages).selectinload(Message.feedback),
                    selectinload(Conversation.flags),
                )
            ).one_or_none()
            if conversation is None:
                return None
            return {
                "conversation_id": conversation.id,
                "created_at": conversation.created_at,
                "messages": [_message_record(m) for m in conversation.messages],
                "flags": [_flag_record(f) for f in conversation.flags],
            }

    # Feedback and flags

    def add_feedback(
        self,
        conversation_id: str,
        message_id: int,
        helpful: bool,
        comment: str | None = None,
        reasons: list[str] | None = None,
    ) -> int:
        """Record a thumbs up/down on an assistant message of this conversation."""
        if not isinstance(helpful, bool):
            raise ValueError("helpful must be True or False")
        comment = _comment(comment)
        stored_reasons = feedback_reasons(reasons)
        with self._sessions.begin() as session:
            message = self._require_message(session, conversation_id, message_id)
            if message.role != "assistant":
                raise ValueError("feedback can only be given on an assistant message")
            feedback = Feedback(
                message_id=message.id,
                rating="up" if helpful else "down",
                comment=comment,
                reasons=stored_reasons,
            )
            session.add(feedback)
            if not helpful:
                session.add(
                    Flag(
                        conversation_id=message.conversation_id,
                        message_id=message.id,
                        reason=NOT_HELPFUL_REASON,
                    )
                )
            session.flush()
            return feedback.id

    def update_feedback(
        self,
        conversation_id: str,
        feedback_id: int,
        *,
        reasons: list[str] | None,
        comment: str | None,
    ) -> None:
        """Set what was wrong and the comment on a feedback record of this conversation."""
        if isinstance(feedback_id, bool) or not isinstance(feedback_id, int):
            raise ValueError("feedback_id must be an integer")
        comment = _comment(comment)
        stored_reasons = feedback_reasons(reasons)
        if not is_valid_conversation_id(conversation_id):
            raise UnknownConversation("unknown conversation id")
        with self._sessions.begin() as session:
            feedback = session.get(Feedback, feedback_id)
            if feedback is None or feedback.message.conversation_id != conversation_id:
                raise UnknownFeedback("feedback_id is not feedback in this conversation")
            feedback.reasons = stored_reasons
            feedback.comment = comment

    def flag(self, conversation_id: str, reason: str, message_id: int | None = None) -> int:
        """Mark a conversation for staff review; returns the flag id."""
        reason = _label(reason, "reason")
        with self._sessions.begin() as session:
            self._require_conversation(session, conversation_id)
            if message_id is not None:
                self._require_message(session, conversation_id, message_id)
            flag = Flag(conversation_id=conversation_id, message_id=message_id, reason=reason)
            session.add(flag)
            session.flush()
            return flag.id

    def is_flagged(self, conversation_id: str | None) -> bool:
        """True if the conversation has a flag no one has resolved yet."""
        if not is_valid_conversation_id(conversation_id):
            return False
        with self._sessions() as session:
            found = session.scalar(
                select(Flag.id)
                .where(Flag.conversation_id == conversation_id, Flag.resolved_at.is_(None))
                .limit(1)
            )
        return found is not None

    def count_flagged(self, include_resolved: bool = False) -> int:
        return self.count_flagged_where(() if include_resolved else _OPEN_FLAGS)

    def count_flagged_where(self, where: Sequence[ColumnElement[bool]] = ()) -> int:
        """How many conversations have a flag matching ``where`` (see ``flagged_page``)."""
        query = select(func.count(func.distinct(Flag.conversation_id))).where(*where)
        with self._sessions() as session:
            return int(session.scalar(query) or 0)

    def flagged_page(
        self, where: Sequence[ColumnElement[bool]] = (), *, limit: int, offset: int = 0
    ) -> list[FlaggedRow]:
        """Conversations with a flag matching ``where``, most recently flagged first.

        ``where`` holds conditions on ``Flag`` rows (the staff queue narrows by
        ``Flag.conversation_id.in_(...)`` subqueries); the last-flagged time is
        that of the newest matching flag. The one query behind ``list_flagged``
        and the staff console's queue (``staff.review.ReviewDesk``).
        """
        last = func.max(Flag.created_at).label("last_flagged")
        with self._sessions() as session:
            page = session.execute(
                select(Flag.conversation_id, last)
                .where(*where)
                .group_by(Flag.conversation_id)
                .order_by(last.desc(), Flag.conversation_id)
                .limit(limit)
                .offset(offset)
            ).all()
            ids = [row.conversation_id for row in page]
            if not ids:
                return []
            created = dict(
                session.execute(
                    select(Conversation.id, Conversation.created_at).where(Conversation.id.in_(ids))
                ).all()
            )
            counts = dict(
                session.execute(
                    select(Message.conversation_id, func.count(Message.id))
                    .where(Message.conversation_id.in_(ids))
                    .group_by(Message.conversation_id)
                ).all()
            )
        return [
            FlaggedRow(
                row.conversation_id,
                created[row.conversation_id],
                row.last_flagged,
                int(counts.get(row.conversation_id, 0)),
            )
            for row in page
        ]

    def list_flagged(
        self, limit: int = 50, offset: int = 0, include_resolved: bool = False
    ) -> list[ConversationSummary]:
        """Flagged conversations, most recently flagged first, for the staff console."""
        for name, value, low in (("limit", limit, 1), ("offset", offset, 0)):
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise ValueError(f"{name} must be an integer >= {low}")
        open_only = () if include_resolved else _OPEN_FLAGS
        page = self.flagged_page(open_only, limit=min(limit, _MAX_PAGE), offset=offset)
        ids = [row.conversation_id for row in page]
        if not ids:
            return []
        with self._sessions() as session:
            flags: dict[str, list[FlagRecord]] = {cid: [] for cid in ids}
            for flag in session.scalars(
                select(Flag).where(Flag.conversation_id.in_(ids), *open_only).order_by(Flag.id)
            ):
                flags[flag.conversation_id].append(_flag_record(flag))
            last_ids = (
                select(func.max(Message.id))
                .where(Message.conversation_id.in_(ids), Message.role == "assistant")
                .group_by(Message.conversation_id)
            )
            last_routes = dict(
                session.execute(
                    select(Message.conversation_id, Message.route).where(Message.id.in_(last_ids))
                ).all()
            )
        return [
            {
                "conversation_id": row.conversation_id,
                "created_at": row.created_at,
                "message_count": row.message_count,
                "last_route": last_routes.get(row.conversation_id),
                "last_flagged_at": row.last_flagged_at,
                "flag_reasons": sorted({f["reason"] for f in flags[row.conversation_id]}),
                "flags": flags[row.conversation_id],
            }
            for row in page
        ]

    def resolve_flag(self, flag_id: int, staff_user: str) -> bool:
        """Mark one flag reviewed; False if it does not exist or was already resolved."""
        staff_user = _label(staff_user, "staff_user")
        if isinstance(flag_id, bool) or not isinstance(flag_id, int):
            raise ValueError("flag_id must be an integer")
        with self._sessions.begin() as session:
            result = session.execute(
                update(Flag)
                .where(Flag.id == flag_id, Flag.resolved_at.is_(None))
                .values(resolved_at=_utcnow(), resolved_by=staff_user)
            )
            return bool(getattr(result, "rowcount", 0) == 1)

    def resolve_flags(self, conversation_id: str, staff_user: str) -> int:
        """Resolve every open flag of a conversation; returns how many were resolved."""
        staff_user = _label(staff_user, "staff_user")
        if not is_valid_conversation_id(conversation_id):
            return 0
        with self._sessions.begin() as session:
            result = session.execute(
                update(Flag)
                .where(Flag.conversation_id == conversation_id, Flag.resolved_at.is_(None))
                .values(resolved_at=_utcnow(), resolved_by=staff_user)
            )
            return int(getattr(result, "rowcount", 0))

    # Per-client limits shared by every app process on this database

    def take_rate_slot(self, client: str, limit: int, window_s: float, now: float) -> float:
        """Count one event for ``client`` if fewer than ``limit`` were counted in the
        ``window_s`` seconds up to ``now`` (wall-clock seconds): returns 0.0 when counted,
        else the seconds until one would be (nothing is counted for a refusal).

        The check and the count are one transaction holding a lock (a PostgreSQL
        advisory lock on the client, SQLite's write lock), so N processes together
        accept exactly ``limit``, never N times it. ``client`` is stored only as its
        SHA-256.
        """
        digest = hashlib.sha256(client.encode()).hexdigest()
        return self._write(lambda session: self._rate_slot(session, digest, limit, window_s, now))

    def _rate_slot(
        self, session: Session, digest: str, limit: int, window_s: float, now: float
    ) -> float:
        if self.engine.dialect.name == "postgresql":  # SQLite's group holds the write lock
            key = int(digest[:15], 16)  # fits a signed 64-bit advisory-lock key
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
        conn = session.connection()  # Core statements, built once: no ORM step per call
        window = {"client": digest, "since": now - window_s}
        counted, oldest = conn.execute(_RATE_WINDOW, window).one()
        if counted >= limit:
            return max(float(oldest) + window_s - now, 0.001)
        conn.execute(_RATE_COUNT, {"client": digest, "at": now})
        return 0.0

    def prune_rate_events(self, older_than: float) -> int:
        """Delete counts from before ``older_than`` (wall-clock seconds); returns how many."""
        with self.engine.begin() as conn:
            result = conn.execute(delete(RateEvent).where(RateEvent.at < older_than))
            return int(getattr(result, "rowcount", 0))

    def _write(self, work: Callable[[Session], T], urgent: bool = False) -> T:
        """``work(session)`` in a transaction committed before this returns: on SQLite in a
        savepoint of this process's next group commit (``urgent``: ahead of the ordinary
        writes waiting), elsewhere in a transaction of its own."""
        if self._group is not None:
            return self._group.run(work, urgent)
        with self._sessions.begin() as session:
            return work(session)

    # Retention

    def purge_older_than(self, days: int) -> int:
        """Delete conversations started more than ``days`` days ago; returns how many."""
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise ValueError(f"days must be a whole number of at least 1, got {days!r}")
        cutoff = _utcnow() - timedelta(days=days)
        with self._sessions.begin() as session:
            result = session.execute(
                delete(Conversation).where(Conversation.created_at < cutoff),
                execution_options={"synchronize_session": False},
            )
            deleted = int(getattr(result, "rowcount", 0))
        if deleted:
            self.compact()
        return deleted

    def compact(self) -> None:
        """Leave no readable copy of deleted text: checkpoint the WAL and vacuum.

        SQLite: deletions are already overwritten (``secure_delete``); the
        write-ahead log still holds the old pages until a checkpoint, which is
        then truncated, and ``VACUUM`` rewrites the file without free pages.
        PostgreSQL: ``VACUUM`` on the conversation tables, so dead rows are
        reclaimed now rather than whenever autovacuum next runs.
        """
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.exec_driver_sql("VACUUM")
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            else:
                for table in ("feedback", "flags", "messages", "conversations"):
                    conn.exec_driver_sql(f"VACUUM {table}")

    def apply_retention(self) -> int:
        """Purge by the configured ``retention_days``; 0 when no retention is set."""
        return 0 if self.retention_days is None else self.purge_older_than(self.retention_days)

    # Internals

    @staticmethod
    def _require_conversation(session: Session, conversation_id: object) -> None:
        if (
            not is_valid_conversation_id(conversation_id)
            or session.get(Conversation, conversation_id) is None
        ):
            raise UnknownConversation("unknown conversation id")

    @staticmethod
    def _require_message(session: Session, conversation_id: object, message_id: object) -> Message:
        if isinstance(message_id, bool) or not isinstance(message_id, int):
            raise ValueError("message_id must be an integer")
        if not 1 <= message_id < 2**63:
            raise UnknownMessage("message_id is not a message of this conversation")
        if not is_valid_conversation_id(conversation_id):
            raise UnknownConversation("unknown conversation id")
        message = session.get(Message, message_id)
        if message is None or message.conversation_id != conversation_id:
            raise UnknownMessage("message_id is not a message of this conversation")
        return message


def _comment(comment: object) -> str | None:
    """A feedback comment stripped (None when blank); refuses non-text and over-long ones."""
    if comment is None:
        return None
    if not isinstance(comment, str):
        raise ValueError("comment must be a string")
    stripped = _check_text(comment, "comment").strip() or None
    if stripped is not None and len(stripped) > MAX_COMMENT_CHARS:
        raise ValueError(f"comment must be at most {MAX_COMMENT_CHARS} characters")
    return stripped


_Later = aliased(Message)
"""The user message whose following message ``reconcile`` looks at."""


def _build_message(conversation_id: str, role: str, text: str, **fields: Any) -> Message:
    """A validated, not yet added message row (``_message_row``'s fields)."""
    return Message(**_message_row(conversation_id, role, text, **fields))


def _inserted_id(session: Session, statement: Any, row: dict[str, Any]) -> int:
    """Run a Core ``INSERT`` of one row in ``session``'s transaction; the row's new id."""
    key = cast("CursorResult[Any]", session.execute(statement, row)).inserted_primary_key
    if key is None:  # not for a single-row INSERT, which always has one
        raise RuntimeError("the INSERT returned no primary key")
    return int(key[0])


def _message_row(
    conversation_id: str,
    role: str,
    text: str,
    *,
    route: Route | str | None = None,
    reason: str | None = None,
    confidence: float | None = None,
    citations: object = None,
    retrieval: object = None,
    latency_ms: float | None = None,
    backend: str | None = None,
    model: str | None = None,
) -> dict[str, Any]:
    """A validated message's column values (``created_at`` and ``id`` from the table)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, got {role!r}")
    _check_text(text, "text")
    route_value = None if route is None else str(getattr(route, "value", route))
    if route_value is not None and route_value not in ROUTES:
        raise ValueError(f"route must be one of {sorted(ROUTES)}, got {route_value!r}")
    if reason is not None:
        _check_text(reason, "reason")
    for name, value in (("backend", backend), ("model", model)):
        if value is not None:
            _label(value, name)
    return {
        "conversation_id": conversation_id,
        "role": role,
        "text": text,
        "route": route_value,
        "reason": reason,
        "confidence": _optional_number(confidence, "confidence"),
        "citations": _jsonable(citations, "citations"),
        "retrieval": _jsonable(retrieval, "retrieval"),
        "latency_ms": _optional_number(latency_ms, "latency_ms", minimum=0),
        "backend": backend,
        "model": model,
    }


def _unreconciled(
    session: Session,
) -> tuple[list[tuple[int, str]], list[tuple[int, str, str]]]:
    """User messages without a reply (id, conversation) and non-answer replies without a flag."""
    following = (
        select(Message.role)
        .where(Message.conversation_id == _Later.conversation_id, Message.id > _Later.id)
        .order_by(Message.id)
        .limit(1)
        .correlate(_Later)
        .scalar_subquery()
    )
    candidates = [
        (int(mid), str(conv))
        for mid, conv in session.execute(
            select(_Later.id, _Later.conversation_id).where(
                _Later.role == "user", func.coalesce(following, "none") != "assistant"
            )
        )
    ]
    repaired: set[int] = set()
    if candidates:
        for (retrieval,) in session.execute(
            select(Message.retrieval).where(
                Message.conversation_id.in_({conv for _mid, conv in candidates}),
                Message.reason == INTERRUPTED_REASON,
            )
        ):
            if isinstance(retrieval, dict) and isinstance(retrieval.get("reply_to"), int):
                repaired.add(retrieval["reply_to"])
    unflagged = [
        (int(mid), str(conv), str(route))
        for mid, conv, route in session.execute(
            select(Message.id, Message.conversation_id, Message.route).where(
                Message.role == "assistant",
                Message.route.is_not(None),
                # answers and plain declines are not flagged (issue 12); an injection
                # attempt's flag is written with its reply, so none is missing here
                Message.route.not_in((Route.ANSWER.value, Route.OUT_OF_SCOPE.value)),
                ~select(Flag.id).where(Flag.message_id == Message.id).exists(),
            )
        )
    ]
    return [c for c in candidates if c[0] not in repaired], unflagged
