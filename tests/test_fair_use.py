"""Fair use (issue 16, item 3): per-client limits that store nothing about who the client is.

Found by probing: the API limited only requests that carried a conversation id
(100 of 100 accepted at 20 a minute without one), and the chat page counted by
Gradio's session id, which a client makes afresh for every message. Here a
real ``assistant serve`` is flooded the same ways; the limit holds for each.
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

import httpx
import pytest
from app_process import running_app
from conftest import make_settings
from test_sessions import Visitor

from assistant import content
from assistant.config import Settings

pytestmark = pytest.mark.slow

LIMIT = 4


@pytest.fixture
def data(default_settings: Settings, assistant: object, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_settings.data_dir, target)
    return target


def _rate_text() -> str:
    return content.render("busy", make_settings(Path("/nonexistent")), seconds=0)[:40]


def _urgent_line() -> str:
    """The busy text's last sentence: the urgent-help numbers, shown with every refusal."""
    settings = make_settings(Path("/nonexistent"))
    return content.render("busy", settings, seconds=1).rsplit(". ", 1)[-1]


def test_limits_hold_without_a_conversation_id_and_with_fresh_session_ids(data: Path) -> None:
    env = {"ASSISTANT_RATE_LIMIT_PER_MINUTE": str(LIMIT)}
    with running_app(data, env) as app:
        # The API, never sending a conversation id: each request would start a new one.
        replies = [
            httpx.post(app.url + "/api/chat", json={"message": "Hello"}, timeout=120)
            for _ in range(6)
        ]
        statuses = [r.status_code for r in replies]
        assert statuses == [200] * LIMIT + [429, 429], statuses
        refused = replies[-1]
        seconds = int(refused.headers["Retry-After"])
        assert 1 <= seconds <= 60
        settings = make_settings(Path("/nonexistent"))
        assert refused.json() == {"error": content.render("busy", settings, seconds=seconds)}
        assert _urgent_line() in refused.json()["error"]

        # The chat page with its owner cookie, a fresh Gradio session id for every message.
        visitor = Visitor(app.url)
        # Each event's outputs as one text: the notice is one of them (the status area).
        notices = [str(visitor.send(secrets.token_hex(6), "Hello")) for _ in range(LIMIT + 1)]
        visitor.close()
        assert all(_rate_text() not in n for n in notices[:LIMIT]), notices
        assert _rate_text() in notices[LIMIT], notices

        # A script that skips the page (no cookie) is counted by its address, which the
        # API flood above has already used up.
        script = Visitor(app.url, load_page=False)
        refused_page = str(script.send(secrets.token_hex(6), "Hello"))
        script.close()
        assert _rate_text() in refused_page and _urgent_line() in refused_page, refused_page

        # Past the chat page's event limit for this address (three times the message limit,
        # at least 60 a minute), Gradio's queue is not even reached: a 429 whose "detail"
        # (what the page shows) is the busy text.
        joins = [
            httpx.post(app.url + "/chat/gradio_api/queue/join", json={}, timeout=30)
            for _ in range(61)
        ]
        busy = joins[-1]
        assert busy.status_code == 429, [j.status_code for j in joins]
        assert _rate_text() in busy.json()["detail"] and _urgent_line() in busy.json()["detail"]
        assert int(busy.headers["Retry-After"]) >= 1


def test_a_full_chat_queue_answers_with_the_busy_text() -> None:
    """Gradio refuses a join to its full queue with 503 and its own English line; the
    middleware answers 429 with the reviewed busy text instead (keeping the security
    headers). The inner app here answers exactly what Gradio's ``queue/join`` does."""
    from fastapi import FastAPI, HTTPException
    from fastapi.testclient import TestClient

    from assistant.web.app import CHAT_JOIN_PATH, QUEUE_FULL_RETRY_S, SecurityHeaders

    inner = FastAPI()

    @inner.post(CHAT_JOIN_PATH)
    def join() -> None:
        raise HTTPException(status_code=503, detail="Queue is full. Max size is 64 and size is 64.")

    @inner.post("/api/other")
    def other() -> None:
        raise HTTPException(status_code=503, detail="down")

    settings = make_settings(Path("/nonexistent"))
    app = SecurityHeaders(
        inner,
        chat_ancestors="'self'",
        api_body_limit=10_000,
        busy_text=lambda seconds: content.render("busy", settings, seconds=seconds),
    )
    client = TestClient(app)
    full = client.post(CHAT_JOIN_PATH, json={})
    text = content.render("busy", settings, seconds=QUEUE_FULL_RETRY_S)
    assert full.status_code == 429 and full.json() == {"error": text, "detail": text}
    assert full.headers["Retry-After"] == str(QUEUE_FULL_RETRY_S)
    assert "frame-ancestors" in full.headers["content-security-policy"]
    # Any other 503 passes through as it was.
    assert client.post("/api/other").json() == {"detail": "down"}
