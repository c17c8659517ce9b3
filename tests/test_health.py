"""Honest health: /api/health (liveness) and /api/ready (readiness) name what is broken.

Found by probing: with the vector store broken every answer became an error
reply while /api/health said ok, and a restart on a corrupted store failed
with a raw "file is not a database" traceback. Here the parts are broken for
real (a dropped collection, a database file overwritten, a store file
corrupted before a real ``assistant serve`` starts).
"""

from __future__ import annotations

import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_process import post_json, running_app
from conftest import make_settings
from fastapi.testclient import TestClient

from assistant.config import Settings
from assistant.conversations import ConversationStore
from assistant.web.app import create_app

pytestmark = pytest.mark.slow


@pytest.fixture
def data(default_settings: Settings, assistant: object, tmp_path: Path) -> Path:
    """A private copy of the session's ingested data folder."""
    target = tmp_path / "data"
    shutil.copytree(default_settings.data_dir, target)
    return target


@pytest.fixture
def own_assistant(data: Path, embeddings: object) -> object:
    from assistant.wiring import build_assistant

    return build_assistant(make_settings(data), embeddings=embeddings, progress=False)  # type: ignore[arg-type]


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "conversations.sqlite3"


@pytest.fixture
def client(data: Path, own_assistant: object, db_file: Path) -> Iterator[TestClient]:
    with ConversationStore(f"sqlite:///{db_file}") as store:
        store.migrate()
        app = create_app(make_settings(data), own_assistant, store)  # type: ignore[arg-type]
        with TestClient(app, raise_server_exceptions=False) as c:
            yield c


def test_ready_when_every_part_answers(client: TestClient) -> None:
    assert client.get("/api/health").json() == {"status": "ok"}
    response = client.get("/api/ready")
    assert response.status_code == 200 and response.json() == {"status": "ready"}


def test_an_empty_vector_store_is_not_ready_and_says_so(
    client: TestClient, own_assistant: object
) -> None:
    own_assistant.retriever.store.drop()  # type: ignore[attr-defined]
    response = client.get("/api/ready")
    assert response.status_code == 503
    assert response.json() == {"error": "not ready: vector store: no passages"}
    assert client.get("/api/health").status_code == 200  # alive: restarting would not help


def test_a_broken_database_fails_health_and_readiness_naming_it(
    client: TestClient, db_file: Path
) -> None:
    store: ConversationStore = client.app.state.chat_service.store  # type: ignore[attr-defined]
    store.engine.dispose()
    db_file.write_bytes(b"this is not a database" * 100)
    for path in ("/api/health", "/api/ready"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert "database: DatabaseError" in response.json()["error"]


def test_a_corrupted_store_at_start_up_is_set_aside_and_rebuilt(data: Path) -> None:
    (data / "chroma" / "chroma.sqlite3").write_bytes(b"garbage, not a database " * 400)
    with running_app(data) as app:
        status, body = post_json(app.url + "/api/chat", {"message": "Is massage safe?"})

        with urllib.request.urlopen(app.url + "/api/ready", timeout=60) as response:
            assert response.status == 200
        output = app.output()
    assert status == 200 and body["route"] != "error"
    lines = [line for line in output.splitlines() if "cannot be read" in line]
    assert len(lines) == 1 and "is being rebuilt from the corpus folders" in lines[0]
    assert "Traceback" not in output
    assert list(data.glob("chroma.unreadable-*"))
