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

import pytest
from app_process import post_json, running_app
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
    return content.render("rate_limited", make_settings(Path("/nonexistent")), seconds=0)[:40]


def test_limits_hold_without_a_conversation_id_and_with_fresh_session_ids(data: Path) -> None:
    env = {"ASSISTANT_RATE_LIMIT_PER_MINUTE": str(LIMIT)}
    with running_app(data, env) as app:
        # The API, never sending a conversation id: each request would start a new one.
        statuses = [post_json(app.url + "/api/chat", {"message": "Hello"})[0] for _ in range(6)]
        assert statuses == [200] * LIMIT + [429, 429], statuses

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
        refused = str(script.send(secrets.token_hex(6), "Hello"))
        script.close()
        assert _rate_text() in refused, refused
