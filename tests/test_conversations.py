"""The conversation store, run against SQLite and PostgreSQL alike.

PostgreSQL tests need ``ASSISTANT_TEST_POSTGRES_URL`` (``scripts/start-postgres.sh``
prints one). Without it they are skipped locally but fail under ``CI=true``, so
CI cannot pass by silently testing only SQLite. Each PostgreSQL test runs in
a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import ast
import base64
import os
import secrets
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, func, select, text, update
from sqlalchemy import event as sa_event
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

import assistant.conversations
from assistant.config import PROJECT_ROOT, load_settings
from assistant.conversations import (
    ERROR_ROUTE,
    MAX_COMMENT_CHARS,
    MIGRATIONS_DIR,
    NOT_HELPFUL_REASON,
    Base,
    Conversation,
    ConversationStore,
    Feedback,
    Flag,
    Message,
    TurnIds,
    normalise_url,
    run_db_command,
)
from assistant.conversations import store as store_module
from assistant.schema import Citation, Route, Turn

POSTGRES_ENV = "ASSISTANT_TEST_POSTGRES_URL"


def _postgres_base_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    hint = f'{POSTGRES_ENV} is not set (export {POSTGRES_ENV}="$(scripts/start-postgres.sh)")'
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{hint}; CI=true, so the PostgreSQL tests may not be skipped")
    pytest.skip(hint)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """An empty, unmigrated database: a new SQLite file or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'conversations.sqlite3'}"
        return
    base = normalise_url(_postgres_base_url())
    schema = f"test_{secrets.token_hex(8)}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        scoped = base.update_query_dict({"options": f"-csearch_path={schema}"})
        yield scoped.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(db_url: str) -> Iterator[ConversationStore]:
    with ConversationStore(db_url) as migrated:
        migrated.migrate()
        yield migrated


def _count(store: ConversationStore, model: type[Base]) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(model)) or 0)


def _conversation_with_reply(store: ConversationStore, question: str) -> tuple[str, int, int]:
    cid = store.new_conversation()
    user_id = store.add_message(cid, "user", question)
    reply_id = store.add_message(cid, "assistant", f"About {question}", route=Route.ANSWER)
    return cid, user_id, reply_id


def test_migrate_is_idempotent_and_matches_the_models(db_url: str) -> None:
    with ConversationStore(db_url) as store:
        assert store.schema_revision() is None
        store.migrate()
        head = ScriptDirectory.from_config(store.alembic_config()).get_current_head()
        assert head is not None
        assert store.schema_revision() == head

        cid, _, _ = _conversation_with_reply(store, "pressure")
        store.migrate()
        store.migrate()
        assert store.schema_revision() == head
        assert [m["text"] for m in store.messages(cid) or []] == ["pressure", "About pressure"]

        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []


def test_migrate_at_head_skips_alembic_and_below_head_upgrades(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command

    from assistant.conversations.store import migration_head

    with ConversationStore(db_url) as store:
        store.migrate()
        head = ScriptDirectory.from_config(store.alembic_config()).get_current_head()
        assert migration_head() == head
        upgrades: list[str] = []
        real_upgrade = command.upgrade

        def upgrade(cfg: object, revision: str) -> None:
            upgrades.append(revision)
            real_upgrade(cfg, revision)  # type: ignore[arg-type]

        monkeypatch.setattr(command, "upgrade", upgrade)
        store.migrate()
        assert upgrades == []  # already at head: read alembic_version, nothing else
        command.downgrade(store.alembic_config(), "0005")
        assert store.schema_revision() == "0005"
        store.migrate()
        assert upgrades == ["head"] and store.schema_revision() == head


_MIGRATE_AT = """
import sys, time
from assistant.conversations import ConversationStore
store = ConversationStore(sys.argv[1])
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
store.migrate()
print(store.schema_revision())
"""


@pytest.mark.slow
def test_processes_starting_together_migrate_once(db_url: str) -> None:
    """App processes started at the same moment must not race to create the tables."""
    start_at = time.time() + 4  # after every child has imported SQLAlchemy and Alembic
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _MIGRATE_AT, db_url, str(start_at)],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    try:
        results = [child.communicate(timeout=120) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    with ConversationStore(db_url) as store:
        head = ScriptDirectory.from_config(store.alembic_config()).get_current_head()
    for child, (out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err
        assert out.strip() == head
    with ConversationStore(db_url) as store:
        assert store.schema_revision() == head
        assert store.exists(store.new_conversation())


def test_conversation_ids_are_random_and_distinct(store: ConversationStore) -> None:
    ids = [store.new_conversation() for _ in range(100)]
    assert len(set(ids)) == len(ids)
    for cid in ids:
        assert len(base64.urlsafe_b64decode(cid + "=" * (-len(cid) % 4))) == 24
    # Sequential or time-based ids would share prefixes; 36 random bits practically never do.
    assert len({cid[:6] for cid in ids}) == len(ids)
    assert all(store.exists(cid) for cid in ids)


def test_each_conversation_reads_only_its_own_messages(store: ConversationStore) -> None:
    first, _, _ = _conversation_with_reply(store, "lymphedema")
    second, _, _ = _conversation_with_reply(store, "chemotherapy port")
    store.add_message(first, "user", "and after surgery?")

    assert store.history(first) == [
        Turn("user", "lymphedema"),
        Turn("assistant", "About lymphedema", Route.ANSWER),
        Turn("user", "and after surgery?"),
    ]
    assert store.history(second) == [
        Turn("user", "chemotherapy port"),
        Turn("assistant", "About chemotherapy port", Route.ANSWER),
    ]
    assert store.history(first, limit=2) == [
        Turn("assistant", "About lymphedema", Route.ANSWER),
        Turn("user", "and after surgery?"),
    ]
    assert store.history(first, limit=0) == []
    second_detail = store.get_conversation(second)
    assert second_detail is not None
    assert {m["text"] for m in second_detail["messages"]} == {
        "chemotherapy port",
        "About chemotherapy port",
    }
    assert [m["text"] for m in store.messages(second) or []] == [
        "chemotherapy port",
        "About chemotherapy port",
    ]


def test_history_reads_the_conversation_and_its_turns_in_one_session(
    store: ConversationStore,
) -> None:
    """Every message that continues a conversation reads its history: one connection
    checkout for the existence check and the turns, not one each (same results)."""
    cid, _, _ = _conversation_with_reply(store, "swelling in my left arm")
    store.add_message(cid, "user", "and a week later?")
    checkouts: list[object] = []

    def count(connection: object, *_: object) -> None:
        checkouts.append(connection)

    sa_event.listen(store.engine, "checkout", count)
    try:
        assert store.history(cid, limit=2) == [
            Turn("assistant", "About swelling in my left arm", Route.ANSWER),
            Turn("user", "and a week later?"),
        ]
        assert len(checkouts) == 1
        assert store.history(cid, limit=0) == []
        assert store.history(secrets.token_urlsafe(24), limit=0) is None
        assert store.history(secrets.token_urlsafe(24)) is None
        assert len(checkouts) == 4
    finally:
        sa_event.remove(store.engine, "checkout", count)


@pytest.mark.parametrize(
    "bad_id",
    [
        None,
        "",
        "abc",
        123,
        "' OR 1=1 --",
        "../../etc/passwd",
        "A" * 31 + "!",
        "A" * 33,
        secrets.token_urlsafe(24),  # well-formed, but never issued by this store
    ],
)
def test_unknown_or_malformed_ids_reveal_nothing(store: ConversationStore, bad_id: object) -> None:
    real, _, reply = _conversation_with_reply(store, "scar tissue")
    store.flag(real, "route:clinical")

    assert store.exists(bad_id) is False  # type: ignore[arg-type]
    assert store.history(bad_id) is None  # type: ignore[arg-type]
    assert store.messages(bad_id) is None  # type: ignore[arg-type]
    assert store.get_conversation(bad_id) is None  # type: ignore[arg-type]
    assert store.is_flagged(bad_id) is False  # type: ignore[arg-type]
    assert store.resolve_flags(bad_id, "staff") == 0  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown conversation"):
        store.add_message(bad_id, "user", "hello")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown conversation"):
        store.flag(bad_id, "test")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.add_feedback(bad_id, reply, helpful=False)  # type: ignore[arg-type]
    assert store.is_flagged(real)
    assert _count(store, Message) == 2
    assert _count(store, Flag) == 1


def test_feedback_on_another_conversations_message_is_refused(store: ConversationStore) -> None:
    mine, my_question, _ = _conversation_with_reply(store, "fatigue")
    _, _, their_reply = _conversation_with_reply(store, "neuropathy")

    with pytest.raises(ValueError, match="not a message of this conversation"):
        store.add_feedback(mine, their_reply, helpful=False, comment="wrong")
    with pytest.raises(ValueError, match="not a message of this conversation"):
        store.add_feedback(mine, 10**9, helpful=True)
    with pytest.raises(ValueError, match="assistant message"):
        store.add_feedback(mine, my_question, helpful=False)
    with pytest.raises(ValueError, match="not a message of this conversation"):
        store.flag(mine, "test", message_id=their_reply)

    assert _count(store, Feedback) == 0
    assert _count(store, Flag) == 0
    assert not store.is_flagged(mine)


def test_not_helpful_feedback_flags_the_conversation(store: ConversationStore) -> None:
    liked, _, liked_reply = _conversation_with_reply(store, "oils")
    disliked, _, disliked_reply = _conversation_with_reply(store, "deep tissue")

    store.add_feedback(liked, liked_reply, helpful=True)
    feedback_id = store.add_feedback(disliked, disliked_reply, helpful=False, comment="  vague  ")

    assert not store.is_flagged(liked)
    assert store.is_flagged(disliked)
    detail = store.get_conversation(disliked)
    assert detail is not None
    [flag] = detail["flags"]
    assert (flag["reason"], flag["message_id"]) == (NOT_HELPFUL_REASON, disliked_reply)
    [feedback] = detail["messages"][1]["feedback"]
    assert feedback["id"] == feedback_id
    assert (feedback["helpful"], feedback["comment"]) == (False, "vague")
    liked_detail = store.get_conversation(liked)
    assert liked_detail is not None
    assert [f["helpful"] for f in liked_detail["messages"][1]["feedback"]] == [True]


def test_feedback_reasons_and_comment_complete_one_record(store: ConversationStore) -> None:
    conversation, _, reply = _conversation_with_reply(store, "scar tissue")
    feedback_id = store.add_feedback(conversation, reply, helpful=False)
    store.update_feedback(
        conversation, feedback_id, reasons=["wrong", "hard_to_understand"], comment=" too long "
    )
    [feedback] = (store.messages(conversation) or [])[1]["feedback"]
    assert feedback["id"] == feedback_id and feedback["helpful"] is False
    assert feedback["reasons"] == ["hard_to_understand", "wrong"]
    assert feedback["comment"] == "too long"
    assert _count(store, Feedback) == 1

    other, _, other_reply = _conversation_with_reply(store, "lymph nodes")
    direct = store.add_feedback(other, other_reply, helpful=False, reasons=["not_answered"])
    with pytest.raises(ValueError, match="not feedback in this conversation"):
        store.update_feedback(conversation, direct, reasons=[], comment="mine")
    with pytest.raises(ValueError, match="unknown feedback reason"):
        store.update_feedback(other, direct, reasons=["rude"], comment=None)
    with pytest.raises(ValueError, match="list of reason codes"):
        store.add_feedback(other, other_reply, helpful=False, reasons="wrong")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at most"):
        store.update_feedback(other, direct, reasons=[], comment="x" * 2001)
    [kept] = (store.messages(other) or [])[1]["feedback"]
    assert (kept["reasons"], kept["comment"]) == (["not_answered"], None)
    assert _count(store, Feedback) == 2


def test_flags_are_listed_newest_first_and_resolved(store: ConversationStore) -> None:
    older, _, older_reply = _conversation_with_reply(store, "radiation")
    newer, _, _ = _conversation_with_reply(store, "blood clots")
    store.add_message(newer, "user", "is it an emergency?")
    store.add_message(newer, "assistant", "Call 911 now.", route=Route.EMERGENCY)
    _conversation_with_reply(store, "never flagged")

    f1 = store.flag(older, "route:clinical", message_id=older_reply)
    f2 = store.flag(older, "low_confidence")
    f3 = store.flag(newer, "route:emergency")
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        for flag_id, age in ((f1, 30), (f2, 20), (f3, 10)):
            backdated = now - timedelta(minutes=age)
            conn.execute(update(Flag).where(Flag.id == flag_id).values(created_at=backdated))

    assert store.count_flagged() == 2
    listed = store.list_flagged()
    assert [s["conversation_id"] for s in listed] == [newer, older]
    assert listed[0]["message_count"] == 4
    assert listed[0]["last_route"] == "emergency"
    assert listed[1]["last_route"] == "answer"
    assert listed[1]["flag_reasons"] == ["low_confidence", "route:clinical"]
    assert [f["id"] for f in listed[1]["flags"]] == [f1, f2]
    assert [s["conversation_id"] for s in store.list_flagged(limit=1, offset=1)] == [older]

    assert store.resolve_flag(f3, "nurse.ana") is True
    assert store.resolve_flag(f3, "nurse.ana") is False
    assert store.resolve_flag(10**9, "nurse.ana") is False
    assert not store.is_flagged(newer)
    assert [s["conversation_id"] for s in store.list_flagged()] == [older]
    assert store.count_flagged(include_resolved=True) == 2
    everything = store.list_flagged(include_resolved=True)
    resolved = next(s for s in everything if s["conversation_id"] == newer)
    assert resolved["flags"][0]["resolved_by"] == "nurse.ana"
    assert resolved["flags"][0]["resolved_at"] is not None

    assert store.resolve_flags(older, "nurse.ana") == 2
    assert store.list_flagged() == []


def test_purge_deletes_old_conversations_with_everything_in_them(store: ConversationStore) -> None:
    old, _, old_reply = _conversation_with_reply(store, "old question")
    store.add_feedback(old, old_reply, helpful=False)
    store.flag(old, "route:clinical")
    recent, _, recent_reply = _conversation_with_reply(store, "new question")
    store.add_feedback(recent, recent_reply, helpful=False)
    with store.engine.begin() as conn:
        conn.execute(
            update(Conversation)
            .where(Conversation.id == old)
            .values(created_at=datetime.now(UTC) - timedelta(days=31))
        )

    assert store.purge_older_than(60) == 0
    assert store.purge_older_than(30) == 1
    assert not store.exists(old)
    assert store.history(old) is None
    assert store.exists(recent)
    assert _count(store, Conversation) == 1
    assert _count(store, Message) == 2
    assert _count(store, Feedback) == 1
    assert _count(store, Flag) == 1
    assert store.purge_older_than(30) == 0


def test_each_message_is_committed_before_add_message_returns(db_url: str) -> None:
    with ConversationStore(db_url) as writer, ConversationStore(db_url) as reader:
        writer.migrate()
        cid = writer.new_conversation()
        assert reader.exists(cid)
        writer.add_message(cid, "user", "Can massage spread cancer?")
        assert reader.history(cid) == [Turn("user", "Can massage spread cancer?")]
        writer.add_message(cid, "assistant", "No.", route="answer")
        assert [t.text for t in reader.history(cid) or []] == ["Can massage spread cancer?", "No."]


def test_citations_and_retrieval_round_trip_as_json(store: ConversationStore) -> None:
    cid = store.new_conversation()
    citation = Citation(
        marker=1,
        source_id="https://cancerchoices.org/therapy/massage-therapy/",
        title="Massage Therapy",
        section="Safety — what to ask",
        page=None,
        quote="Light pressure is used near tumour sites.",
        chunk_id="cc-0003",
        publisher="Cancer Choices",
    )
    retrieval = [
        {"chunk_id": "cc-0003", "score": 0.8312, "dense_score": 0.61, "bm25_score": None},
        {"chunk_id": "s4om-0001", "score": 0.4, "dense_score": None, "bm25_score": 7.25},
    ]
    mid = store.add_message(
        cid,
        "assistant",
        "Gentle massage is usually safe [1].",
        route=Route.ANSWER,
        reason="retrieved 2 passages",
        confidence=0.83,
        citations=[citation],
        retrieval=retrieval,
        latency_ms=412.5,
        backend="extractive",
        model="all-MiniLM-L6-v2",
    )
    [message] = store.messages(cid) or []
    assert message["id"] == mid
    assert message["citations"] == [citation.to_dict()]
    assert message["retrieval"] == retrieval
    assert (message["route"], message["reason"], message["confidence"]) == (
        "answer",
        "retrieved 2 passages",
        0.83,
    )
    assert (message["latency_ms"], message["backend"], message["model"]) == (
        412.5,
        "extractive",
        "all-MiniLM-L6-v2",
    )
    assert message["created_at"].tzinfo is not None

    with pytest.raises(ValueError, match="retrieval must be JSON-serialisable"):
        store.add_message(cid, "assistant", "x", retrieval=[{"score": float("nan")}])
    with pytest.raises(ValueError, match="citations must be JSON-serialisable"):
        store.add_message(cid, "assistant", "x", citations=[object()])
    assert _count(store, Message) == 1


def test_a_failed_reply_is_recorded_and_flagged(store: ConversationStore) -> None:
    cid = store.new_conversation()
    store.add_message(cid, "user", "What about bone metastases?")
    failed = store.add_message(
        cid, "assistant", "Sorry, something went wrong.", route=ERROR_ROUTE, reason="TimeoutError"
    )
    store.flag(cid, "error:TimeoutError", message_id=failed)

    assert store.is_flagged(cid)
    assert store.history(cid) == [Turn("user", "What about bone metastases?")]
    detail = store.get_conversation(cid)
    assert detail is not None
    assert [m["route"] for m in detail["messages"]] == [None, "error"]
    assert detail["flags"][0]["message_id"] == failed
    assert store.list_flagged()[0]["last_route"] == "error"


def test_two_threads_can_write_at_once(store: ConversationStore) -> None:
    shared = store.new_conversation()
    per_thread = 25
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []
    written: dict[str, list[int]] = {"a": [], "b": []}

    def write(name: str) -> None:
        own = store.new_conversation()
        barrier.wait()
        try:
            for i in range(per_thread):
                written[name].append(store.add_message(shared, "user", f"{name}-{i}"))
                store.add_message(own, "user", f"{name}-{i}")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(name,)) for name in written]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    assert errors == []
    texts = [m["text"] for m in store.messages(shared) or []]
    assert len(texts) == 2 * per_thread
    for name in written:
        in_order = [f"{name}-{i}" for i in range(per_thread)]
        assert [t for t in texts if t.startswith(name)] == in_order
    assert len(set(written["a"]) | set(written["b"])) == 2 * per_thread
    assert _count(store, Message) == 4 * per_thread


def test_bad_input_gets_a_clear_error(store: ConversationStore) -> None:
    cid, _, reply = _conversation_with_reply(store, "pillows")
    with pytest.raises(ValueError, match="role must be one of"):
        store.add_message(cid, "system", "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="route must be one of"):
        store.add_message(cid, "assistant", "x", route="maybe")
    with pytest.raises(ValueError, match="text must be a string"):
        store.add_message(cid, "user", None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="confidence must be a number"):
        store.add_message(cid, "assistant", "x", confidence="high")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="latency_ms must be at least"):
        store.add_message(cid, "assistant", "x", latency_ms=-1)
    with pytest.raises(ValueError, match="helpful must be True or False"):
        store.add_feedback(cid, reply, helpful="no")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="comment must be at most"):
        store.add_feedback(cid, reply, helpful=False, comment="x" * (MAX_COMMENT_CHARS + 1))
    with pytest.raises(ValueError, match="reason must be a non-empty string"):
        store.flag(cid, "   ")
    with pytest.raises(ValueError, match="staff_user must be a non-empty string"):
        store.resolve_flag(1, "")
    with pytest.raises(ValueError, match="days must be a whole number"):
        store.purge_older_than(0)
    with pytest.raises(ValueError, match="limit must be an integer"):
        store.list_flagged(limit=0)
    assert _count(store, Message) == 2
    assert _count(store, Feedback) == 0
    assert _count(store, Flag) == 0


def test_from_settings_creates_the_data_folder_and_applies_retention(tmp_path) -> None:
    settings = load_settings(data_dir=tmp_path / "nested" / "data", retention_days=7)
    with ConversationStore.from_settings(settings) as store:
        store.migrate()
        assert (tmp_path / "nested" / "data" / "conversations.sqlite3").is_file()
        old = store.new_conversation()
        keep = store.new_conversation()
        with store.engine.begin() as conn:
            conn.execute(
                update(Conversation)
                .where(Conversation.id == old)
                .values(created_at=datetime.now(UTC) - timedelta(days=8))
            )
        assert store.apply_retention() == 1
        assert (store.exists(old), store.exists(keep)) == (False, True)
    with ConversationStore.from_settings(load_settings(data_dir=tmp_path / "d")) as no_retention:
        no_retention.migrate()
        no_retention.new_conversation()
        assert no_retention.apply_retention() == 0


def test_sqlite_enforces_foreign_keys_and_uses_wal(tmp_path) -> None:
    with ConversationStore(f"sqlite:///{tmp_path / 'c.sqlite3'}") as store:
        store.migrate()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_database_urls_are_checked() -> None:
    assert normalise_url("postgresql://u:p@localhost/db").drivername == "postgresql+psycopg"
    assert normalise_url("postgres://u:p@localhost/db").drivername == "postgresql+psycopg"
    with pytest.raises(ValueError, match="unsupported database driver 'mysql'"):
        normalise_url("mysql://u:secret@localhost/db")
    with pytest.raises(ValueError, match="not a valid database URL") as excinfo:
        normalise_url("secret-password-not-a-url")
    assert "secret" not in str(excinfo.value)


def test_maintenance_commands_migrate_and_purge(tmp_path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", retention_days=None)
    assert run_db_command("migrate", settings) == "schema at revision 0006"
    assert run_db_command("migrate", settings) == "schema at revision 0006"
    with ConversationStore.from_settings(settings) as store:
        old = store.new_conversation()
        keep = store.new_conversation()
        with store.engine.begin() as conn:
            conn.execute(
                update(Conversation)
                .where(Conversation.id == old)
                .values(created_at=datetime.now(UTC) - timedelta(days=10))
            )

    with pytest.raises(ValueError, match="give --days or set ASSISTANT_RETENTION_DAYS"):
        run_db_command("purge", settings)
    with pytest.raises(ValueError, match="days must be a whole number"):
        run_db_command("purge", settings, days=0)
    with pytest.raises(ValueError, match="unknown command 'drop'"):
        run_db_command("drop", settings)
    with pytest.raises(ValueError, match="revision needs a message"):
        run_db_command("revision", settings)
    assert run_db_command("purge", settings, days=30) == "deleted 0 conversation(s)"
    with_retention = load_settings(data_dir=tmp_path / "data", retention_days=7)
    assert run_db_command("purge", with_retention) == "deleted 1 conversation(s)"
    with ConversationStore.from_settings(settings) as store:
        assert (store.exists(old), store.exists(keep)) == (False, True)


def test_revision_autogenerates_nothing_when_the_models_match_the_migrations(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert Path(assistant.conversations.__file__).parent / "migrations" == MIGRATIONS_DIR
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    migrations = shutil.copytree(
        MIGRATIONS_DIR, tmp_path / "migrations", ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(store_module, "MIGRATIONS_DIR", migrations)
    before = {p.name for p in (migrations / "versions").glob("*.py")}
    head = ScriptDirectory(str(migrations)).get_current_head()

    line = run_db_command(
        "revision", load_settings(data_dir=tmp_path / "data"), message="nothing changed"
    )

    [written] = [p for p in (migrations / "versions").glob("*.py") if p.name not in before]
    assert line == f"wrote {written}"
    source = written.read_text()
    assert f"down_revision: str | Sequence[str] | None = '{head}'" in source
    upgrade = source.split("def upgrade() -> None:")[1].split("def downgrade")[0]
    assert "op." not in upgrade


def test_package_imports_run_one_way_models_records_store_maintenance() -> None:
    """models <- records <- store <- maintenance: a module never imports a later one."""
    order = ["models", "records", "store", "maintenance"]
    package = Path(assistant.conversations.__file__).parent
    for position, name in enumerate(order):
        tree = ast.parse((package / f"{name}.py").read_text())
        imported = {
            (node.module or "").split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 1
        }
        assert not imported & set(order[position:]), (name, imported)


def test_rate_slots_are_shared_by_stores_on_one_database(db_url: str) -> None:
    """Per-client limits (issue 16): several stores (as several processes would) on one
    database count one client together, the check and the count atomic; refusals count
    nothing; old counts are pruned; only a digest of the key is stored."""
    with ConversationStore(db_url) as first:
        first.migrate()
    stores = [ConversationStore(db_url) for _ in range(4)]
    try:
        now = 10_000.0

        def hit(i: int) -> float:
            return stores[i % 4].take_rate_slot("client:abc", 5, 60.0, now)

        with ThreadPoolExecutor(8) as pool:
            waits = list(pool.map(hit, range(24)))
        assert waits.count(0.0) == 5, waits
        assert all(0 < w <= 60 for w in waits if w), waits
        assert stores[0].take_rate_slot("client:other", 5, 60.0, now) == 0.0
        # The window slides: the five counted at ``now`` leave it 60 s later.
        assert stores[1].take_rate_slot("client:abc", 5, 60.0, now + 59) > 0
        assert stores[1].take_rate_slot("client:abc", 5, 60.0, now + 60) == 0.0
        with stores[0].engine.connect() as conn:
            clients = {row[0] for row in conn.execute(text("SELECT client FROM rate_events"))}
        assert len(clients) == 2 and all(len(c) == 64 and "abc" not in c for c in clients)
        assert stores[2].prune_rate_events(now + 1) == 6
        assert stores[2].prune_rate_events(now + 1) == 0
    finally:
        for store in stores:
            store.close()


class _HeldGroup:
    """Holds a SQLite store's group commit open (its leader waits inside a write), so the
    writes started meanwhile queue up and are committed together as the next group."""

    def __init__(self, store: ConversationStore) -> None:
        assert store._group is not None
        self.group = store._group
        self.commits = 0
        self._holding = threading.Event()
        self._release = threading.Event()
        self._threads: list[threading.Thread] = []
        self.errors: dict[str, BaseException] = {}
        self.results: dict[str, object] = {}
        sa_event.listen(store.engine, "commit", self._count)
        self.start("holder", self.group.run, self._hold)
        assert self._holding.wait(30)

    def _count(self, _conn: object) -> None:
        self.commits += 1

    def _hold(self, _session: Session) -> None:
        self._holding.set()
        self._release.wait(30)

    def start(self, name: str, work: Callable[..., object], *args: object, **kw: object) -> None:
        def run() -> None:
            try:
                self.results[name] = work(*args, **kw)
            except BaseException as exc:
                self.errors[name] = exc

        thread = threading.Thread(target=run)
        self._threads.append(thread)
        thread.start()

    def release_when_waiting(self, count: int) -> None:
        deadline = time.monotonic() + 30
        while len(self.group._waiting) < count:
            assert time.monotonic() < deadline, "the writes did not queue"
            time.sleep(0.01)
        self.commits = 0
        self._release.set()
        for thread in self._threads:
            thread.join(30)


def _sqlite_store(tmp_path: Path) -> ConversationStore:
    store = ConversationStore(f"sqlite:///{tmp_path / 'conversations.sqlite3'}")
    store.migrate()
    return store


def test_sqlite_writes_waiting_together_commit_once_with_urgent_ones_first(tmp_path) -> None:
    """SQLite's busy handler sleeps and retries, so under a flood a safety reply's turn
    could wait seconds for the write lock; this process's writes queue instead, whatever
    waits is committed as one group (one transaction, one fsync), and an urgent write (a
    safety reply) goes before the ordinary ones already waiting. Each caller returns only
    after its group is committed: another store reads every turn at once."""
    with _sqlite_store(tmp_path) as store, ConversationStore(store.url) as reader:
        held = _HeldGroup(store)
        held.start(
            "ordinary",
            store.record_turn,
            None,
            "How long is a session?",
            "About an hour.",
            route=Route.ANSWER,
        )
        held.start("slot", store.take_rate_slot, "client:a", 5, 60.0, 1000.0)
        held.start(
            "urgent",
            store.record_turn,
            None,
            "I want to end my life",
            "Call 988.",
            route=Route.CRISIS,
            flag_reason="crisis",
            urgent=True,
        )
        held.release_when_waiting(3)
        assert held.errors == {}
        assert held.commits == 2  # the holder's group, then the three waiting writes in one
        ordinary, urgent = held.results["ordinary"], held.results["urgent"]
        assert isinstance(ordinary, TurnIds) and isinstance(urgent, TurnIds)
        assert urgent.user_message_id < ordinary.user_message_id  # written first
        assert held.results["slot"] == 0.0
        for ids, turn in (
            (ordinary, ["How long is a session?", "About an hour."]),
            (urgent, ["I want to end my life", "Call 988."]),
        ):
            assert [m["text"] for m in reader.messages(ids.conversation_id) or []] == turn
        assert reader.is_flagged(urgent.conversation_id)


def test_a_write_failing_inside_a_group_leaves_nothing_and_the_others_whole(tmp_path) -> None:
    """A write that fails half-way (its first message flushed, then a row the database
    refuses) raises in its own thread and leaves nothing of itself; the writes committed
    in the same group are kept whole."""
    with _sqlite_store(tmp_path) as store:
        existing = store.record_turn(None, "Is massage safe?", "Usually.", route=Route.ANSWER)
        before = _count(store, Message)

        def half_then_refused(session: Session) -> None:
            session.add(Message(conversation_id=existing.conversation_id, role="user", text="x"))
            session.flush()  # written inside the transaction...
            session.add(Message(conversation_id="no-such-conversation", role="user", text="y"))
            session.flush()  # ...then the foreign key is refused

        held = _HeldGroup(store)
        held.start(
            "first",
            store.record_turn,
            existing.conversation_id,
            "And after surgery?",
            "Ask your team.",
            route=Route.ANSWER,
        )
        held.start("broken", held.group.run, half_then_refused)
        held.start("last", store.record_turn, None, "What pressure?", "Light.", route=Route.ANSWER)
        held.release_when_waiting(3)
        assert held.commits == 2  # the holder's group, then these three
        assert set(held.errors) == {"broken"}
        assert isinstance(held.errors["broken"], IntegrityError)
        texts = [m["text"] for m in store.messages(existing.conversation_id) or []]
        assert texts == ["Is massage safe?", "Usually.", "And after surgery?", "Ask your team."]
        last = held.results["last"]
        assert isinstance(last, TurnIds)
        assert [m["text"] for m in store.messages(last.conversation_id) or []] == [
            "What pressure?",
            "Light.",
        ]
        assert _count(store, Message) == before + 4


def test_a_group_whose_commit_fails_stores_none_of_it_and_every_write_raises(tmp_path) -> None:
    """When the group's transaction itself fails (here its COMMIT), nothing of any of its
    writes is stored and every one of them raises a database error (the chat path then
    answers "try again" without storing anything); the next group commits normally."""
    with _sqlite_store(tmp_path) as store:
        held = _HeldGroup(store)

        def refuse_the_second_commit(_conn: object) -> None:
            if held.commits == 2:  # after the holder's own group
                raise OSError("disk I/O error")

        sa_event.listen(store.engine, "commit", refuse_the_second_commit)
        held.start(
            "turn", store.record_turn, None, "Is reflexology safe?", "Often.", route=Route.ANSWER
        )
        held.start("slot", store.take_rate_slot, "client:b", 5, 60.0, 1000.0)
        held.release_when_waiting(2)
        assert held.commits == 2
        assert set(held.errors) == {"turn", "slot"}
        assert all(isinstance(e, SQLAlchemyError) for e in held.errors.values())
        assert _count(store, Message) == 0 and _count(store, Conversation) == 0
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM rate_events")).scalar() == 0
        again = store.record_turn(None, "Is reflexology safe?", "Often.", route=Route.ANSWER)
        assert [m["text"] for m in store.messages(again.conversation_id) or []] == [
            "Is reflexology safe?",
            "Often.",
        ]
        assert store.take_rate_slot("client:b", 5, 60.0, 1000.0) == 0.0


def test_warm_up_compiles_the_first_message_s_writes_and_stores_nothing(
    store: ConversationStore,
) -> None:
    """A start runs what a first message writes (issue 17: the first question within twice
    the median) in a rolled-back transaction: no conversation, message, flag or rate count
    is left, and the next real turn and rate slot are stored as usual."""
    tables = ("conversations", "messages", "flags", "rate_events")

    def counts() -> list[int]:
        with store.engine.connect() as conn:
            return [conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables]

    statements: list[str] = []
    sa_event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    store.warm_up()
    assert counts() == [0, 0, 0, 0]
    assert any(s.lstrip().upper().startswith("INSERT INTO MESSAGES") for s in statements)
    assert any("rate_events" in s.lower() for s in statements)
    ids = store.record_turn(None, "hi", "hello", route=Route.UNKNOWN, flag_reason="unknown")
    assert store.take_rate_slot("client", 5, 60.0, time.time()) == 0.0
    assert counts() == [1, 2, 1, 1]
    assert ids.flag_id is not None
