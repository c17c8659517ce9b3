"""The chat page's conversation cannot be borrowed with its Gradio session id (issue 16, item 4).

Found by probing: the chat page kept each visitor's transcript under Gradio's
session id, which the page makes with ``Math.random`` and sends in URLs (so it
ends up in proxy logs), and anyone who sent that id got the whole transcript
back. Reproduced here the way it was found: visitor B's client, with its own
cookies, speaks Gradio's queue protocol to a real ``assistant serve`` using
visitor A's session id.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest
from app_process import running_app
from sqlalchemy import text

from assistant.config import Settings
from assistant.conversations import ConversationStore

pytestmark = pytest.mark.slow

A_SECRET = "Is massage safe for Rosalind Quintero during chemotherapy?"


@pytest.fixture
def data(default_settings: Settings, assistant: object, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_settings.data_dir, target)
    return target


class Visitor:
    """A browser's view of the chat page: its own cookies, Gradio's queue protocol."""

    def __init__(self, base: str, load_page: bool = True) -> None:
        """``load_page=False``: a script that skips the page, so it holds no owner cookie."""
        self.base = base.rstrip("/") + "/chat"
        self.http = httpx.Client(timeout=120)
        if load_page:
            page = self.http.get(self.base + "/")  # what a browser loads first
            assert page.status_code == 200 and "om_owner" in self.http.cookies
        config = self.http.get(self.base + "/config").json()
        send = next(
            c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == "om-send"
        )
        self.dependency = next(
            d for d in config["dependencies"] if [send, "click"] in d.get("targets", [])
        )
        self.trigger = send

    def send(self, session_hash: str, message: str) -> list[Any]:
        """Ask ``message`` as the session ``session_hash``; the event's final outputs."""
        inputs = [message] + [None] * (len(self.dependency["inputs"]) - 1)
        joined = self.http.post(
            self.base + "/gradio_api/queue/join",
            json={
                "data": inputs,
                "event_data": None,
                "fn_index": self.dependency["id"],
                "trigger_id": self.trigger,
                "session_hash": session_hash,
            },
        )
        assert joined.status_code == 200, joined.text
        event_id = joined.json()["event_id"]
        url = self.base + "/gradio_api/queue/data"
        with self.http.stream("GET", url, params={"session_hash": session_hash}) as stream:
            for line in stream.iter_lines():
                if not line.startswith("data:"):
                    continue
                event = json.loads(line[5:])
                if event.get("event_id") == event_id and event["msg"] == "process_completed":
                    assert event.get("success"), event
                    return list(event["output"]["data"])
        raise AssertionError("the event never completed")

    def close(self) -> None:
        self.http.close()


def _transcript(outputs: list[Any]) -> str:
    """Everything the outputs would show, as one string."""
    return json.dumps(outputs)


def test_another_visitors_session_id_reveals_nothing(data: Path) -> None:
    with running_app(data) as app:
        alice, mallory = Visitor(app.url), Visitor(app.url)
        try:
            alice_session = "alicesession01"
            first = alice.send(alice_session, A_SECRET)
            assert "Quintero" in _transcript(first)

            # Mallory learned Alice's session id from a URL in a log and uses it.
            stolen = mallory.send(alice_session, "What did we talk about?")
            assert "Quintero" not in _transcript(stolen), "another visitor's transcript leaked"

            # Alice's conversation is untouched and continues for her.
            again = alice.send(alice_session, "Can massage help with anxiety?")
            shown = _transcript(again)
            assert "Quintero" in shown and "What did we talk about" not in shown
        finally:
            alice.close()
            mallory.close()
    query = text("SELECT conversation_id, text FROM messages WHERE role = 'user'")
    with (
        ConversationStore(f"sqlite:///{data / 'conversations.sqlite3'}") as store,
        store.engine.connect() as conn,
    ):
        rows = conn.execute(query).all()
    by_conversation: dict[str, list[str]] = {}
    for conversation_id, message in rows:
        by_conversation.setdefault(conversation_id, []).append(message)
    alices = [m for m in by_conversation.values() if A_SECRET in m]
    assert alices == [[A_SECRET, "Can massage help with anxiety?"]], by_conversation
