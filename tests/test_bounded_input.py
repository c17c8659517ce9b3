"""Bounded input on a real uvicorn server with the production settings (``server_config``).

Found by probing: a 100 MB header got 200, a chunked body was read whole
(200 MB) before being refused, slow bodies were never timed out, anonymous
uploads to Gradio's upload route were stored, and /monitoring was public.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from browser_support import free_port
from conftest import make_settings

from assistant.conversations import ConversationStore
from assistant.web import app as web_app

pytestmark = pytest.mark.slow


@pytest.fixture
def server(
    tmp_path: Path, assistant: object, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, int]]:
    monkeypatch.setattr(web_app, "BODY_TIMEOUT_S", 1.5)
    store = ConversationStore(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    store.migrate()
    app = web_app.create_app(make_settings(tmp_path / "data"), assistant, store)  # type: ignore[arg-type]
    port = free_port()
    server = uvicorn.Server(web_app.server_config(app, "127.0.0.1", port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield "127.0.0.1", port
    server.should_exit = True
    thread.join(15)
    store.close()


def _status(sock: socket.socket, timeout: float = 10.0) -> int | None:
    sock.settimeout(timeout)
    try:
        head = sock.recv(65536)
    except (TimeoutError, ConnectionError):
        return None
    if not head:
        return None
    return int(head.split(b" ", 2)[1])


def _request(addr: tuple[str, int], raw: bytes) -> int | None:
    with socket.create_connection(addr, timeout=10) as sock:
        try:
            sock.sendall(raw)
        except ConnectionError:
            return None
        return _status(sock)


@pytest.mark.parametrize("size", [web_app.MAX_HEADER_BYTES * 4, 100 * 1024 * 1024])
def test_a_huge_header_is_refused(server: tuple[str, int], size: int) -> None:
    sent = 0
    status = None
    with socket.create_connection(server, timeout=10) as sock:
        sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Pad: ")
        while sent < size:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            piece = b"a" * min(65536, size - sent)
            try:
                sock.sendall(piece)
            except ConnectionError:
                break
            sent += len(piece)
        else:
            with contextlib.suppress(ConnectionError):
                sock.sendall(b"\r\n\r\n")
        status = _status(sock)
    assert status is None or 400 <= status < 500, status
    # What was sent before the refusal is what loopback socket buffers hold, not what was read.
    assert sent < 8 * 1024 * 1024, f"{sent:,} header bytes were accepted"
    ok = _request(server, b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert ok == 200


def test_a_chunked_body_is_refused_after_the_limit_not_read_whole(
    server: tuple[str, int],
) -> None:
    sent = 0
    chunk = b"a" * 65536
    with socket.create_connection(server, timeout=10) as sock:
        sock.sendall(
            b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        status = None
        while sent < 200 * 1024 * 1024:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                status = _status(sock)
                break
            try:
                sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            except ConnectionError:
                break
            sent += len(chunk)
        if status is None:
            status = _status(sock)
    assert status == 413
    assert sent < 8 * 1024 * 1024, f"{sent:,} bytes were accepted before the refusal"


def test_a_slow_body_times_out(server: tuple[str, int]) -> None:
    with socket.create_connection(server, timeout=10) as sock:
        sock.sendall(
            b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 100\r\n\r\n{"message": '
        )
        started = time.monotonic()
        status = _status(sock, timeout=15)
    assert status == 408 and time.monotonic() - started < 10


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/chat/gradio_api/upload"),
        ("GET", "/chat/gradio_api/upload_progress"),
        ("GET", "/chat/monitoring"),
        ("GET", "/chat/gradio_api/monitoring"),
        ("GET", "/chat/gradio_api/proxy=http://example.org"),
        ("GET", "/chat/gradio_api/dev/reload"),
    ],
)
def test_gradio_internals_are_closed(server: tuple[str, int], method: str, path: str) -> None:
    body = (
        b"--b\r\nContent-Disposition: form-data; name=files; filename=a.txt\r\n\r\nhi\r\n--b--\r\n"
    )
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        "Content-Type: multipart/form-data; boundary=b\r\n"
        f"Content-Length: {len(body) if method == 'POST' else 0}\r\n\r\n"
    ).encode()
    assert _request(server, head + (body if method == "POST" else b"")) == 404
    assert _request(server, b"GET /chat/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") == 200
