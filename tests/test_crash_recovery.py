"""kill -9 of a real app process during a concurrent burst loses nothing half-written.

A burst of clients (ordinary questions, crises and emergencies, new and
continued conversations) is sent to ``python -m assistant serve``; the process
is killed with SIGKILL while replies are in flight, then restarted on the
same data and database, several rounds in a row, on SQLite and PostgreSQL.
Counted after every kill, before any repair: user messages without a reply
(orphans) and safety replies without their flag. Both must be 0, and every
reply a client received must be in the store.
"""

from __future__ import annotations

import random
import shutil
import threading
import time
from pathlib import Path

import pytest
from app_process import post_json, start_app
from test_conversations import db_url  # noqa: F401  (fixture)

from assistant.config import Settings
from assistant.conversations import ConversationStore

pytestmark = pytest.mark.slow

ROUNDS = 3
CLIENTS = 4
REPLIES_BEFORE_KILL = 3
MESSAGES = [
    "Is massage safe during chemotherapy?",
    "I want to end my life",
    "I have crushing chest pain and I can't breathe",
    "Can massage help with anxiety?",
    "Should I stop my tamoxifen before a massage?",
    "What pressure is safe with lymphedema?",
]


def _burst(url: str, stop: threading.Event, received: list[tuple[str, int]]) -> None:
    rng = random.Random()
    conversation: str | None = None
    while not stop.is_set():
        body: dict[str, object] = {"message": rng.choice(MESSAGES)}
        if conversation and rng.random() < 0.6:
            body["conversation_id"] = conversation
        try:
            status, reply = post_json(url + "/api/chat", body, timeout=300)
        except OSError:
            return  # the process died under us
        if status == 200:
            conversation = str(reply["conversation_id"])
            received.append((conversation, int(str(reply["message_id"]))))


def test_kill_9_during_a_burst_leaves_no_orphans(
    db_url: str,  # noqa: F811
    default_settings: Settings,
    assistant: object,
    tmp_path: Path,
) -> None:
    data = tmp_path / "app-data"
    shutil.copytree(default_settings.data_dir, data)
    env = {"ASSISTANT_DATABASE_URL": db_url, "ASSISTANT_RATE_LIMIT_PER_MINUTE": "100000"}
    received: list[tuple[str, int]] = []
    found: list[tuple[int, int]] = []
    rng = random.Random(16)
    for _round in range(ROUNDS):
        app = start_app(data, env)
        stop = threading.Event()
        before = len(received)
        clients = [
            threading.Thread(target=_burst, args=(app.url, stop, received), daemon=True)
            for _ in range(CLIENTS)
        ]
        for client in clients:
            client.start()
        deadline = time.monotonic() + 300
        while len(received) - before < REPLIES_BEFORE_KILL and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 1.0))
        app.kill()
        stop.set()
        for client in clients:
            client.join(30)
        assert len(received) - before >= REPLIES_BEFORE_KILL, app.output()[-3000:]
        with ConversationStore(db_url) as store:
            found.append(tuple(store.count_unreconciled()))  # type: ignore[arg-type]
    final = start_app(data, env)
    final.stop()
    with ConversationStore(db_url) as store:
        after_restart = store.count_unreconciled()
        for conversation, message_id in received:
            stored = store.messages(conversation) or []
            assert message_id in {m["id"] for m in stored}, "an acknowledged reply was lost"
    print(f"rounds={ROUNDS} replies={len(received)} unreconciled after each kill={found}")
    assert found == [(0, 0)] * ROUNDS
    assert tuple(after_restart) == (0, 0)
