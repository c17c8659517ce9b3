"""Faults injected into a real ``python -m assistant serve`` process (issue 16, item 11).

Each part the app depends on is broken for real while the app runs: the
Chroma server process is stopped mid-conversation and started again; the
database is cut off (the PostgreSQL connection goes through a TCP relay the
test closes; a SQLite file is held locked by another writer); the LLM
endpoint hangs or refuses connections. The person must always get a clear
reply with the urgent-help numbers, safety replies must not depend on the
vector store, nothing may be half-written, and readiness must name the part.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_process import AppProcess, post_json, running_app
from chroma_server import start_chroma_server, stop_chroma_server
from conftest import make_settings

from assistant import content
from assistant.config import Settings
from assistant.conversations import ConversationStore

pytestmark = pytest.mark.slow

QUESTION = "Is massage safe during chemotherapy?"
CRISIS = "I want to end my life"
EMERGENCY = "I have crushing chest pain and I can't breathe"


def get_json(url: str, timeout: float = 60.0) -> tuple[int, dict[str, object]]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def texts() -> Settings:
    return make_settings(Path("/nonexistent"))


@pytest.fixture
def data(default_settings: Settings, assistant: object, tmp_path: Path) -> Path:
    """A private copy of the session's ingested data folder."""
    target = tmp_path / "data"
    shutil.copytree(default_settings.data_dir, target)
    return target


def _chat(app: AppProcess, message: str, conversation: str | None = None) -> dict[str, object]:
    body: dict[str, object] = {"message": message}
    if conversation:
        body["conversation_id"] = conversation
    status, reply = post_json(app.url + "/api/chat", body, timeout=120)
    assert status == 200, (status, reply, app.output()[-3000:])
    return reply


# (a) The vector store


def test_chroma_server_stopped_mid_conversation(data: Path, tmp_path: Path) -> None:
    """Ordinary questions get the apology with the urgent-help numbers and a flag while the
    Chroma server is down; crisis and emergency replies are unaffected; answers resume
    once it is back, in the same conversation."""
    server_dir = tmp_path / "chroma-server"
    shutil.copytree(data / "chroma", server_dir)  # the server reads the same on-disk format
    server = start_chroma_server(server_dir)
    env = {"ASSISTANT_CHROMA_HOST": server.host, "ASSISTANT_CHROMA_PORT": str(server.port)}
    apology = content.render("error", texts())
    crisis_text = content.render("crisis", texts())
    try:
        with running_app(data, env) as app:
            first = _chat(app, QUESTION)
            conversation = str(first["conversation_id"])
            assert first["route"] == "answer" and first["citations"], first
            assert get_json(app.url + "/api/ready")[0] == 200

            stop_chroma_server(server)
            started = time.monotonic()
            down = _chat(app, QUESTION, conversation)
            outage_reply_s = time.monotonic() - started
            assert down["route"] == "error" and down["flagged"] is True, down
            assert down["reply"] == apology
            assert "911" in str(down["reply"]) and "988" in str(down["reply"])
            assert down["conversation_id"] == conversation

            crisis = _chat(app, CRISIS, conversation)
            assert crisis["route"] == "crisis" and crisis["flagged"] is True, crisis
            assert str(crisis["reply"]).startswith(crisis_text.split("\n")[0][:40])
            emergency = _chat(app, EMERGENCY)
            assert emergency["route"] == "emergency", emergency

            status, ready = get_json(app.url + "/api/ready")
            assert status == 503 and "vector store" in str(ready["error"]), ready
            assert get_json(app.url + "/api/health")[0] == 200  # alive: restarting won't help

            server = start_chroma_server(server_dir, port=server.port)
            back = _chat(app, QUESTION, conversation)
            assert back["route"] == "answer" and back["citations"], back
            assert str(back["reply"]).endswith(str(first["reply"]))  # after the crisis reminder
            assert get_json(app.url + "/api/ready")[0] == 200
            log = app.output()
    finally:
        stop_chroma_server(server)
    with ConversationStore(f"sqlite:///{data / 'conversations.sqlite3'}") as store:
        stored = store.get_conversation(conversation)
        assert stored is not None
        routes = [m["route"] for m in stored["messages"] if m["role"] == "assistant"]
        assert routes == ["answer", "error", "crisis", "answer"]
        reasons = [f["reason"] for f in stored["flags"]]
        assert any(r.startswith("error: ") and "VectorStoreUnavailable" in r for r in reasons)
        assert any(r.startswith("crisis") for r in reasons)
        assert store.count_unreconciled() == (0, 0)
    assert QUESTION not in log and CRISIS not in log  # no message text in the logs
    print(f"vector store outage: apology in {outage_reply_s:.2f} s")


# (b) The database


class Relay:
    """A TCP relay on 127.0.0.1 in front of the database: ``cut`` closes it and every
    connection through it (to the app the database is gone: resets, then refused
    connections), ``restore`` listens on the same port again."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = 0
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()
        self.restore()

    def restore(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = int(listener.getsockname()[1])
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        assert self._listener is not None
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        self._listener.close()
        self._listener = None
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


@pytest.fixture
def postgres_schema() -> Iterator[str]:
    """A new PostgreSQL schema's URL (skipped without ASSISTANT_TEST_POSTGRES_URL)."""
    from sqlalchemy import create_engine, text

    from assistant.conversations.store import normalise_url

    base_url = os.environ.get("ASSISTANT_TEST_POSTGRES_URL")
    if not base_url:
        pytest.skip("ASSISTANT_TEST_POSTGRES_URL is not set")
    base = normalise_url(base_url)
    schema = f"test_faults_{os.getpid()}_{int(time.time())}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _refused(app: AppProcess, message: str, conversation: str | None = None) -> str:
    """The chat is refused with 503 and the apology carrying the urgent-help numbers."""
    body: dict[str, object] = {"message": message}
    if conversation:
        body["conversation_id"] = conversation
    status, reply = post_json(app.url + "/api/chat", body, timeout=120)
    assert status == 503, (status, reply, app.output()[-3000:])
    assert reply == {"error": content.render("error", texts())}
    return str(reply["error"])


def test_postgres_cut_off_gives_a_clear_reply_and_stores_nothing_half_written(
    data: Path, postgres_schema: str
) -> None:
    from sqlalchemy.engine import make_url

    direct = make_url(postgres_schema)
    relay = Relay((direct.host or "127.0.0.1", direct.port or 5432))
    via_relay = direct.set(host="127.0.0.1", port=relay.port).render_as_string(hide_password=False)
    with running_app(data, {"ASSISTANT_DATABASE_URL": via_relay}) as app:
        first = _chat(app, QUESTION)
        conversation = str(first["conversation_id"])
        relay.cut()
        started = time.monotonic()
        _refused(app, QUESTION, conversation)
        refused_s = time.monotonic() - started
        _refused(app, CRISIS)
        status, ready = get_json(app.url + "/api/ready")
        assert status == 503 and str(ready["error"]).startswith("not ready: database"), ready
        assert app.proc.poll() is None  # no crash
        relay.restore()
        back = _chat(app, QUESTION, conversation)
        assert back["route"] == "answer" and back["conversation_id"] == conversation
        assert get_json(app.url + "/api/ready")[0] == 200
        log = app.output()
    relay.cut()
    with ConversationStore(postgres_schema) as store:
        stored = store.messages(conversation)
        assert stored is not None and [m["role"] for m in stored] == ["user", "assistant"] * 2
        assert store.count_unreconciled() == (0, 0)
    assert "Traceback" not in log and QUESTION not in log
    print(f"database cut off: 503 with the apology in {refused_s:.2f} s")


def test_sqlite_held_by_another_writer_gives_a_clear_reply(data: Path) -> None:
    db_file = data / "conversations.sqlite3"
    with running_app(data) as app:
        first = _chat(app, QUESTION)
        conversation = str(first["conversation_id"])
        holder = sqlite3.connect(db_file, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        try:
            started = time.monotonic()
            _refused(app, QUESTION, conversation)
            refused_s = time.monotonic() - started
            status, ready = get_json(app.url + "/api/ready")
            assert status == 503 and str(ready["error"]).startswith("not ready: database"), ready
            assert app.proc.poll() is None
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        back = _chat(app, QUESTION, conversation)
        assert back["conversation_id"] == conversation
        assert get_json(app.url + "/api/ready")[0] == 200
    with ConversationStore(f"sqlite:///{db_file}") as store:
        stored = store.messages(conversation)
        assert stored is not None and [m["role"] for m in stored] == ["user", "assistant"] * 2
        assert store.count_unreconciled() == (0, 0)
    print(f"database locked: 503 with the apology in {refused_s:.2f} s")


# (c) The LLM endpoint

LLM_TIMEOUT_S = 3.0


@contextlib.contextmanager
def hanging_endpoint() -> Iterator[int]:
    """A port that accepts connections and reads requests but never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []

    def accept() -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = listener.accept()
                held.append(conn)

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        listener.close()
        for conn in held:
            conn.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("endpoint", ["hangs", "refuses"])
def test_llm_endpoint_slow_or_dead_falls_back_to_extractive_within_the_timeout(
    data: Path, endpoint: str
) -> None:
    with contextlib.ExitStack() as stack:
        port = stack.enter_context(hanging_endpoint()) if endpoint == "hangs" else _free_port()
        env = {
            "ASSISTANT_ANSWER_BACKEND": "llm",
            "ASSISTANT_LLM_MODEL": "smollm2",
            "ASSISTANT_LLM_BASE_URL": f"http://127.0.0.1:{port}/v1",
            "ASSISTANT_LLM_TIMEOUT_S": str(LLM_TIMEOUT_S),
        }
        app = stack.enter_context(running_app(data, env))
        took = []
        for question in (QUESTION, "Can massage help with anxiety?"):
            started = time.monotonic()
            reply = _chat(app, question)
            took.append(time.monotonic() - started)
            assert reply["route"] == "answer" and reply["citations"], reply
            with ConversationStore(f"sqlite:///{data / 'conversations.sqlite3'}") as store:
                stored = store.messages(str(reply["conversation_id"])) or []
            reason = "timeout" if endpoint == "hangs" else "error"
            assert stored[-1]["backend"] == f"extractive (llm fallback: {reason})", stored[-1]
    # The first question after a start also pays for first-use work (the HTTP client's
    # first request) on a shared, loaded machine; later ones only the timeout itself.
    assert took[0] < LLM_TIMEOUT_S + 8, took
    assert took[1] < LLM_TIMEOUT_S + 2, took
    print(f"llm endpoint {endpoint}: extractive fallback in {took[0]:.2f} s, then {took[1]:.2f} s")
