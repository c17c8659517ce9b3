"""Start and stop a real ``chroma run`` server for tests of server mode.

Server mode talks HTTP to a separate process, which the embedded client never
exercises, so its tests run the same ``chroma`` executable an organisation
would deploy (the one installed beside this interpreter), on a free local
port, with its data in a temporary folder. The server's output goes to a log
file so a failed start can say why.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import chromadb

CHROMA_EXECUTABLE = Path(sys.executable).parent / "chroma"
HOST = "127.0.0.1"


@dataclass(frozen=True)
class ChromaServer:
    host: str
    port: int
    path: Path
    log: Path
    process: subprocess.Popen[bytes]

    def client(self) -> chromadb.api.ClientAPI:
        return chromadb.HttpClient(
            host=self.host,
            port=self.port,
            settings=chromadb.Settings(anonymized_telemetry=False),
        )


def free_port(host: str = HOST) -> int:
    """A port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _log_tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait_for_heartbeat(server: ChromaServer, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"chroma server exited with code {server.process.returncode} before it "
                f"answered; log:\n{_log_tail(server.log)}"
            )
        try:
            server.client().heartbeat()
            return
        except Exception as exc:  # connection refused until the server listens
            last_error = exc
            time.sleep(0.2)
    raise TimeoutError(
        f"chroma server on {server.host}:{server.port} gave no heartbeat within {timeout_s:.0f} s "
        f"(last error: {last_error}); log:\n{_log_tail(server.log)}"
    )


def stop_chroma_server(server: ChromaServer, timeout_s: float = 15.0) -> None:
    """Ask the server to stop (SIGTERM), and kill it if it does not."""
    if server.process.poll() is not None:
        return
    server.process.terminate()
    try:
        server.process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=timeout_s)


def start_chroma_server(
    path: Path, timeout_s: float = 60.0, port: int | None = None
) -> ChromaServer:
    """Start ``chroma run`` with its data under ``path`` and return once it answers.

    ``port``: a fixed port (to start a stopped server again where its clients expect it).
    """
    if not CHROMA_EXECUTABLE.exists():
        raise FileNotFoundError(
            f"no chroma executable at {CHROMA_EXECUTABLE} (pip install chromadb)"
        )
    path.mkdir(parents=True, exist_ok=True)
    log = path.parent / f"{path.name}-server.log"
    port = port or free_port()
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [
                str(CHROMA_EXECUTABLE),
                "run",
                "--path",
                str(path),
                "--host",
                HOST,
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    server = ChromaServer(HOST, port, path, log, process)
    try:
        _wait_for_heartbeat(server, timeout_s)
    except BaseException:
        stop_chroma_server(server)
        raise
    return server


@contextlib.contextmanager
def running_chroma_server(path: Path, timeout_s: float = 60.0) -> Iterator[ChromaServer]:
    """A server for the duration of a ``with`` block (or a yield fixture)."""
    server = start_chroma_server(path, timeout_s)
    try:
        yield server
    finally:
        stop_chroma_server(server)
