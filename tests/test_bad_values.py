"""Bad values at the API get a clear 4xx JSON error, store nothing and log no traceback.

Found by probing: a lone surrogate in a message gave HTTP 500, an empty
conversation row and a long traceback; a feedback ``message_id`` of 2^63
gave 500. The app is the real one (``create_app``) on a real SQLite store.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_settings
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from assistant.conversations import Conversation, ConversationStore, Feedback, Message
from assistant.web.app import create_app

pytestmark = pytest.mark.slow

QUESTION = "Is massage safe for people with cancer?"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    with ConversationStore(f"sqlite:///{tmp_path / 'conversations.sqlite3'}") as s:
        s.migrate()
        yield s


@pytest.fixture
def client(tmp_path: Path, assistant: object, store: ConversationStore) -> Iterator[TestClient]:
    app = create_app(make_settings(tmp_path / "data"), assistant, store)  # type: ignore[arg-type]
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _rows(store: ConversationStore) -> tuple[int, int, int]:
    with store.engine.connect() as conn:
        return tuple(  # type: ignore[return-value]
            int(conn.scalar(select(func.count()).select_from(t)) or 0)
            for t in (Conversation, Message, Feedback)
        )


def _error(response: object, status: int) -> str:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and body["error"]
    return str(body["error"])


@pytest.mark.parametrize(
    "raw",
    [
        '{"message": "I feel \\ud800 so bad"}',  # lone high surrogate
        '{"message": "\\udfff"}',  # lone low surrogate
        '{"message": "chest \\u0000 pain"}',  # NUL: PostgreSQL cannot store it
    ],
)
def test_unreadable_message_is_a_422_and_stores_nothing(
    client: TestClient, store: ConversationStore, caplog: pytest.LogCaptureFixture, raw: str
) -> None:
    caplog.set_level(logging.INFO)
    response = client.post("/api/chat", content=raw, headers={"content-type": "application/json"})
    assert "message" in _error(response, 422)
    assert _rows(store) == (0, 0, 0)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def test_unreadable_conversation_id_starts_a_new_conversation(client: TestClient) -> None:
    response = client.post(
        "/api/chat",
        content='{"message": "' + QUESTION + '", "conversation_id": "\\ud800"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 200 and response.json()["new_conversation"] is True


def test_absurd_feedback_values_are_4xx(
    client: TestClient, store: ConversationStore, caplog: pytest.LogCaptureFixture
) -> None:
    answer = client.post("/api/chat", json={"message": QUESTION}).json()
    conv, msg = answer["conversation_id"], answer["message_id"]
    before = _rows(store)
    caplog.set_level(logging.INFO)
    cases: list[tuple[object, int, str]] = [
        (2**63, 422, "message_id"),
        (2**64 + 5, 422, "message_id"),
        (10**30, 422, "message_id"),
        (0, 422, "message_id"),
        (-(2**63) - 1, 422, "message_id"),
        (2**63 - 1, 404, "message_id"),
    ]
    for message_id, status, names in cases:
        response = client.post(
            "/api/feedback",
            json={"conversation_id": conv, "message_id": message_id, "helpful": False},
        )
        assert names in _error(response, status), message_id
    response = client.post(
        "/api/feedback",
        content=(
            f'{{"conversation_id": "{conv}", "message_id": {msg}, "helpful": false, '
            '"comment": "bad \\ud83d"}'
        ),
        headers={"content-type": "application/json"},
    )
    assert "comment" in _error(response, 422)
    assert _rows(store) == before
    assert not store.is_flagged(conv)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def test_store_refuses_out_of_range_ids_as_unknown(store: ConversationStore) -> None:
    from assistant.errors import UnknownMessage

    ids = store.record_turn(None, "hi", "hello", route="answer")
    for message_id in (2**63, -1, 0):
        with pytest.raises(UnknownMessage):
            store.add_feedback(ids.conversation_id, message_id, True)
