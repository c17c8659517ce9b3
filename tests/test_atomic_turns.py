"""Atomic turns: a message, its reply and the reply's flag are committed together.

Run against SQLite and PostgreSQL (the ``db_url`` fixture of
test_conversations). What a crash could leave behind before turns were atomic
(a message without a reply, a safety reply without its flag) is written here
directly, the way an older version or an interrupted process would have, and
``reconcile`` must repair it exactly once.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, text
from test_conversations import db_url  # noqa: F401  (fixture)

from assistant.conversations import (
    ERROR_ROUTE,
    INTERRUPTED_REASON,
    Base,
    Conversation,
    ConversationStore,
    Flag,
    Message,
)
from assistant.schema import Route, Turn

FAILURE = "Sorry, something went wrong. If this is urgent, call 911."


@pytest.fixture
def store(db_url: str) -> Iterator[ConversationStore]:  # noqa: F811
    with ConversationStore(db_url) as migrated:
        migrated.migrate()
        yield migrated


def _count(store: ConversationStore, model: type[Base]) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(model)) or 0)


def test_a_turn_with_a_safety_reply_is_stored_with_its_flag(store: ConversationStore) -> None:
    ids = store.record_turn(
        None,
        "I want to end my life",
        "Please call or text 988 now.",
        route=Route.CRISIS,
        reason="crisis: self-harm",
        confidence=1.0,
        flag_reason="crisis: self-harm",
    )
    assert ids.flag_id is not None
    detail = store.get_conversation(ids.conversation_id)
    assert detail is not None
    assert [(m["id"], m["role"], m["route"]) for m in detail["messages"]] == [
        (ids.user_message_id, "user", None),
        (ids.message_id, "assistant", "crisis"),
    ]
    assert [(f["id"], f["message_id"]) for f in detail["flags"]] == [(ids.flag_id, ids.message_id)]

    follow = store.record_turn(
        ids.conversation_id, "thanks", "You are welcome.", route=Route.ANSWER
    )
    assert follow.conversation_id == ids.conversation_id and follow.flag_id is None
    assert store.history(ids.conversation_id) == [
        Turn("user", "I want to end my life"),
        Turn("assistant", "Please call or text 988 now.", Route.CRISIS),
        Turn("user", "thanks"),
        Turn("assistant", "You are welcome.", Route.ANSWER),
    ]
    assert store.count_unreconciled() == (0, 0)


def test_a_turn_that_fails_to_store_leaves_nothing_behind(store: ConversationStore) -> None:
    """The flag insert fails inside the database: message, reply and new conversation roll back."""
    if store.engine.dialect.name == "sqlite":
        ddl = [
            "CREATE TRIGGER refuse_flags BEFORE INSERT ON flags "
            "BEGIN SELECT RAISE(ABORT, 'flags refused'); END"
        ]
    else:
        ddl = [
            "CREATE FUNCTION refuse_flags() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'flags refused'; END $$",
            "CREATE TRIGGER refuse_flags BEFORE INSERT ON flags "
            "FOR EACH ROW EXECUTE FUNCTION refuse_flags()",
        ]
    with store.engine.begin() as conn:
        for statement in ddl:
            conn.execute(text(statement))
    with pytest.raises(Exception, match="flags refused"):
        store.record_turn(
            None, "chest pain", "Call 911 now.", route=Route.EMERGENCY, flag_reason="emergency"
        )
    assert (_count(store, Conversation), _count(store, Message), _count(store, Flag)) == (0, 0, 0)


@pytest.mark.parametrize(
    ("where", "bad"), [("user", "pain \ud800 here"), ("reply", "a\x00b"), ("flag", "\udfff")]
)
def test_unstorable_text_is_refused_before_anything_is_written(
    store: ConversationStore, where: str, bad: str
) -> None:
    args = {"user": "hello", "reply": "hi", "flag": "crisis"}
    args[where] = bad
    with pytest.raises(ValueError, match=r"not valid Unicode|NUL"):
        store.record_turn(
            None, args["user"], args["reply"], route=Route.CRISIS, flag_reason=args["flag"]
        )
    assert (_count(store, Conversation), _count(store, Message), _count(store, Flag)) == (0, 0, 0)


def test_reconcile_repairs_what_an_interrupted_process_left_once(
    store: ConversationStore,
) -> None:
    # Written the pre-atomic way: separate commits, the process "dies" between them.
    middle = store.new_conversation()
    lost = store.add_message(middle, "user", "Is massage safe after surgery?")
    store.add_message(middle, "user", "hello? are you there?")  # the retry after the crash
    store.add_message(middle, "assistant", "Massage can be adapted...", route=Route.ANSWER)
    last = store.new_conversation()
    store.add_message(last, "user", "what helps with fatigue")
    last_lost = store.add_message(last, "user", "my chest hurts badly")
    crisis = store.new_conversation()
    store.add_message(crisis, "user", "I don't want to live any more")
    unflagged = store.add_message(crisis, "assistant", "Please call 988.", route=Route.CRISIS)
    fine = store.record_turn(None, "what is it", "It is...", route=Route.ANSWER)

    assert store.count_unreconciled() == (3, 1)
    assert store.reconcile(FAILURE) == (3, 1)
    assert store.count_unreconciled() == (0, 0)
    assert store.reconcile(FAILURE) == (0, 0)

    for conv in (middle, last):
        detail = store.get_conversation(conv)
        assert detail is not None
        failures = [m for m in detail["messages"] if m["route"] == ERROR_ROUTE]
        assert all(m["text"] == FAILURE and m["reason"] == INTERRUPTED_REASON for m in failures)
        flagged = {f["message_id"] for f in detail["flags"]}
        assert {m["id"] for m in failures} <= flagged
    replied_to = {
        m["retrieval"]["reply_to"]
        for conv in (middle, last)
        for m in (store.messages(conv) or [])
        if m["route"] == ERROR_ROUTE
    }
    assert lost in replied_to and last_lost in replied_to and len(replied_to) == 3
    crisis_detail = store.get_conversation(crisis)
    assert crisis_detail is not None
    assert [(f["message_id"], f["reason"]) for f in crisis_detail["flags"]] == [
        (unflagged, "crisis: flag restored at start-up")
    ]
    assert not store.is_flagged(fine.conversation_id)
    # Failure replies stay out of what the assistant conditions on.
    assert all(t.route != ERROR_ROUTE for t in store.history(last) or [])


_ROW = text(
    "SELECT role, text, route, reason, confidence, citations, retrieval, citations IS NULL,"
    " retrieval IS NULL, latency_ms, backend, model, created_at IS NOT NULL"
    " FROM messages WHERE conversation_id = :c ORDER BY id"
)


def _rows(store: ConversationStore, conversation_id: str) -> list[tuple[object, ...]]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(_ROW, {"c": conversation_id})]


@pytest.mark.parametrize("full", [True, False], ids=["every-field", "bare"])
def test_a_turn_s_rows_are_the_rows_of_its_messages_added_one_by_one(
    store: ConversationStore, full: bool
) -> None:
    """``record_turn`` writes its rows with Core statements; ``add_message`` and ``flag``
    with the ORM. The same values give the same stored rows (JSON ``None`` included, stored
    as the same thing), the conversation its owner, and the flag the reply."""
    reply_fields: dict[str, object] = {"route": Route.ANSWER}
    if full:
        reply_fields |= {
            "reason": "answered: two passages",
            "confidence": 0.75,
            "citations": [{"marker": 1, "source_id": "guide#2", "page": None, "quote": "Gentle."}],
            "retrieval": {"passages": [{"id": "c1", "score": 0.5, "flags": [True, None]}]},
            "latency_ms": 12.5,
            "backend": "extractive",
            "model": "none",
        }
    owner = "ab" * 32
    ids = store.record_turn(
        None,
        "Is it safe?",
        "Usually, yes.",
        owner_hash=owner,
        flag_reason="unknown",
        **reply_fields,
    )
    by_one = store.new_conversation()
    store.add_message(by_one, "user", "Is it safe?")
    reply_id = store.add_message(by_one, "assistant", "Usually, yes.", **reply_fields)  # type: ignore[arg-type]
    store.flag(by_one, "unknown", reply_id)

    assert _rows(store, ids.conversation_id) == _rows(store, by_one)
    assert len(_rows(store, by_one)) == 2
    with store.engine.connect() as conn:
        assert (
            conn.scalar(
                select(Conversation.owner_hash).where(Conversation.id == ids.conversation_id)
            )
            == owner
        )
        created = conn.scalar(
            select(Conversation.created_at).where(Conversation.id == ids.conversation_id)
        )
        flags = conn.execute(
            select(Flag.id, Flag.message_id, Flag.reason).where(
                Flag.conversation_id == ids.conversation_id
            )
        ).all()
        ids_stored = conn.scalars(
            select(Message.id).where(Message.conversation_id == ids.conversation_id)
        ).all()
    assert created is not None and created.tzinfo is not None
    assert [tuple(f) for f in flags] == [(ids.flag_id, ids.message_id, "unknown")]
    assert sorted(ids_stored) == [ids.user_message_id, ids.message_id]
    assert ids.user_message_id < ids.message_id

    follow = store.record_turn(ids.conversation_id, "Thanks", "Welcome.", route=Route.ANSWER)
    store.add_message(by_one, "user", "Thanks")
    store.add_message(by_one, "assistant", "Welcome.", route=Route.ANSWER)
    assert follow.flag_id is None and follow.conversation_id == ids.conversation_id
    assert _rows(store, ids.conversation_id) == _rows(store, by_one)
