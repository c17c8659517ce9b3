"""Response headers (CSP, HSTS, CORS) and conversation data at rest (file mode, deletions).

The app is the real one (``create_app``) with the real assistant; the data
checks read the SQLite file's bytes after a purge, and run the purge the way
a scheduler would (``python -m assistant db purge``).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import make_settings
from fastapi.testclient import TestClient
from sqlalchemy import update
from test_conversations import db_url  # noqa: F401  (fixture)

from assistant.config import PROJECT_ROOT
from assistant.conversations import Conversation, ConversationStore
from assistant.schema import Route
from assistant.web.app import create_app

pytestmark = pytest.mark.slow

MakeClient = Callable[..., TestClient]
STRICT = {
    "environment": "production",
    "allowed_embed_origins": ["https://hospital.example.org"],
    "staff_session_secret": "s" * 32,
}


@pytest.fixture
def make_client(tmp_path: Path, assistant: object) -> Iterator[MakeClient]:
    clients: list[tuple[TestClient, ConversationStore]] = []

    def make(**overrides: Any) -> TestClient:
        store = ConversationStore(f"sqlite:///{tmp_path / f'c{len(clients)}.sqlite3'}")
        store.migrate()
        settings = make_settings(tmp_path / "data", **overrides)
        client = TestClient(create_app(settings, assistant, store))  # type: ignore[arg-type]
        client.__enter__()
        clients.append((client, store))
        return client

    yield make
    for client, store in clients:
        client.__exit__(None, None, None)
        store.close()


def _csp(response: Any) -> dict[str, str]:
    policy = response.headers["content-security-policy"]
    return {d.split(" ", 1)[0]: d.split(" ", 1)[1] for d in policy.split("; ")}


def test_pages_may_load_only_from_this_server(make_client: MakeClient) -> None:
    client = make_client()
    csp = _csp(client.get("/chat/"))
    assert csp["default-src"] == "'self'"
    # Gradio's chat page needs inline scripts and eval (its components do not render without).
    assert csp["script-src"] == "'self' 'unsafe-inline' 'unsafe-eval'"
    assert csp["connect-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    # Local mode: only pages on this machine may frame the chat, never any site.
    assert "*" not in csp["frame-ancestors"].replace(":*", "")
    assert "http://localhost:*" in csp["frame-ancestors"]
    assert _csp(client.get("/demo"))["frame-ancestors"] == "'self'"
    assert "https://cdn.jsdelivr.net" in _csp(client.get("/docs"))["script-src"]
    assert "strict-transport-security" not in client.get("/chat/").headers


def test_production_sends_hsts_and_frames_only_for_its_origins(make_client: MakeClient) -> None:
    client = make_client(**STRICT)
    response = client.get("/chat/")
    assert response.headers["strict-transport-security"].startswith("max-age=31536000")
    assert _csp(response)["frame-ancestors"] == "'self' https://hospital.example.org"


@pytest.mark.parametrize(
    ("overrides", "allowed", "refused"),
    [
        ({}, "http://localhost:3000", "https://evil.example"),
        (STRICT, "https://hospital.example.org", "http://localhost:3000"),
    ],
)
def test_the_api_answers_cors_preflights_for_allowed_origins_only(
    make_client: MakeClient, overrides: dict[str, Any], allowed: str, refused: str
) -> None:
    client = make_client(**overrides)
    ask = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    ok = client.options("/api/chat", headers={"Origin": allowed, **ask})
    assert ok.status_code == 204
    assert ok.headers["access-control-allow-origin"] == allowed
    assert "POST" in ok.headers["access-control-allow-methods"]
    assert "content-type" in ok.headers["access-control-allow-headers"]
    no = client.options("/api/chat", headers={"Origin": refused, **ask})
    assert no.status_code == 403 and "origin" in no.json()["error"]
    assert "access-control-allow-origin" not in no.headers

    answered = client.get("/api/health", headers={"Origin": allowed})
    assert answered.headers["access-control-allow-origin"] == allowed
    assert (
        "access-control-allow-origin"
        not in client.get("/api/health", headers={"Origin": refused}).headers
    )


def test_the_database_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "conversations.sqlite3"
    with ConversationStore(f"sqlite:///{path}") as store:
        store.migrate()
        store.record_turn(None, "hello", "hi", route=Route.ANSWER)
        for name in (path, path.with_name(path.name + "-wal")):
            assert stat.S_IMODE(name.stat().st_mode) == 0o600, name
    path.chmod(0o644)
    with ConversationStore(f"sqlite:///{path}") as store:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def _age(store: ConversationStore, conversation_id: str, days: int) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            update(Conversation)
            .where(Conversation.id == conversation_id)
            .values(created_at=datetime.now(UTC) - timedelta(days=days))
        )


def test_purged_text_is_gone_from_the_files_and_the_sweep_runs_from_the_cli(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    path = data / "conversations.sqlite3"
    marker = "zebra-marker-" + os.urandom(6).hex()
    with ConversationStore(f"sqlite:///{path}") as store:
        store.migrate()
        old = store.record_turn(None, f"my secret {marker}", f"reply {marker}", route="answer")
        keep = store.record_turn(None, "keep me", "kept", route="answer")
        _age(store, old.conversation_id, 40)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update({"ASSISTANT_DATA_DIR": str(data), "PYTHONPATH": str(PROJECT_ROOT)})
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "db", "purge", "--days", "30"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_ROOT / "tests",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "deleted 1 conversation(s)"
    for name in data.iterdir():
        if name.name.startswith("conversations.sqlite3"):
            assert marker.encode() not in name.read_bytes(), name
    with ConversationStore(f"sqlite:///{path}") as store:
        assert store.exists(keep.conversation_id) and not store.exists(old.conversation_id)


def test_purge_compacts_on_both_backends(db_url: str) -> None:  # noqa: F811
    with ConversationStore(db_url) as store:
        store.migrate()
        old = store.record_turn(None, "old", "reply", route="answer")
        _age(store, old.conversation_id, 40)
        assert store.purge_older_than(30) == 1
        assert store.purge_older_than(30) == 0
        assert not store.exists(old.conversation_id)
