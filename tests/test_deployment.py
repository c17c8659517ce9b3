"""The multi-process deployment (issue 16, item 10): ``scripts/serve.sh`` runs two real app
processes behind nginx, sticky by the owner cookie.

On one SQLite file: a browser's chat-page conversation continues across messages (its
queue join and event stream reach one process), and the per-client limit holds across
both processes for requests nginx spreads over them. On one PostgreSQL
(``scripts/start-postgres.sh``; skipped without ASSISTANT_TEST_POSTGRES_URL) and one
Chroma server (``scripts/start-chroma.sh``): the limit holds across both workers, a
conversation started on one continues on the other, and the staff console on either
shows the conversations of both. Needs nginx (``nginx-light``); skipped without it
unless CI=true.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_support import free_port, free_port_run
from staff_support import PASSWORD, csrf_of
from test_faults import CRISIS, QUESTION, data, postgres_schema  # noqa: F401  (fixtures)
from test_sessions import Visitor

from assistant.config import PROJECT_ROOT
from assistant.conversations import ConversationStore

pytestmark = pytest.mark.slow

LIMIT = 4


@dataclass
class Deployment:
    url: str
    log: Path
    workers: list[str]
    """Each worker's own address (behind nginx, on 127.0.0.1 only)."""


def _random_owner() -> dict[str, str]:
    return {"om_owner": secrets.token_urlsafe(32)}


def _require_nginx() -> None:
    if shutil.which("nginx") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("nginx is missing (apt-get install nginx-light)")
        pytest.skip("nginx is not installed (apt-get install nginx-light)")


@contextlib.contextmanager
def _serve(
    data_dir: Path, env_extra: dict[str, str] | None = None, workers: int = 2
) -> Iterator[Deployment]:
    """``scripts/serve.sh WORKERS PORT`` on ``data_dir``, until every worker answers (over
    TLS, checked against the certificate, when ``env_extra`` sets SERVE_TLS_CERT)."""
    port = free_port_run(workers + 1)  # nginx on ``port``, the workers on the ports after it
    log = data_dir / "serve.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_DATA_DIR=str(data_dir),
        ASSISTANT_RATE_LIMIT_PER_MINUTE=str(LIMIT),
        PYTHONUNBUFFERED="1",
        PYTHONPATH=str(PROJECT_ROOT),
        **(env_extra or {}),
    )
    with log.open("wb") as out:
        proc = subprocess.Popen(
            ["bash", "scripts/serve.sh", str(workers), str(port)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    certificate = env.get("SERVE_TLS_CERT")
    verify = ssl.create_default_context(cafile=certificate) if certificate else True
    url = f"{'https' if certificate else 'http'}://127.0.0.1:{port}"
    worker_urls = [f"http://127.0.0.1:{port + i}" for i in range(1, workers + 1)]
    try:
        deadline = time.monotonic() + 300
        healthy = 0
        while healthy < 20:  # twenty in a row, each to a worker picked by a random cookie
            assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
            try:
                ok = httpx.get(
                    url + "/api/health",
                    cookies=_random_owner(),
                    timeout=5,
                    verify=verify,
                )
                healthy = healthy + 1 if ok.status_code == 200 else 0
            except httpx.HTTPError:
                healthy = 0
            if not healthy:
                time.sleep(0.5)
        for worker in worker_urls:
            assert httpx.get(worker + "/api/health", timeout=5).status_code == 200
        yield Deployment(url, log, worker_urls)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(30)


@pytest.fixture
def deployment(data: Path) -> Iterator[Deployment]:  # noqa: F811
    _require_nginx()
    with _serve(data) as running:
        yield running


def test_two_workers_behind_nginx_keep_sessions_and_share_the_limit(
    deployment: Deployment,
) -> None:
    visitor = Visitor(deployment.url)
    try:
        session = secrets.token_hex(6)
        visitor.send(session, "Is massage safe during chemotherapy?")
        second = str(visitor.send(session, "What about after surgery?"))
    finally:
        visitor.close()
    # The second event's chat shows the first question: the same process held the session.
    assert "Is massage safe during chemotherapy?" in second, second[-2000:]

    # API requests spread over both workers (nginx hashes each random cookie), one address.
    statuses = [
        httpx.post(
            deployment.url + "/api/chat",
            json={"message": "Hello"},
            cookies=_random_owner(),
            timeout=120,
        ).status_code
        for _ in range(LIMIT + 4)
    ]
    assert statuses == [200] * LIMIT + [429] * 4, (
        statuses,
        deployment.log.read_text(errors="replace")[-3000:],
    )


@pytest.fixture
def chroma_server(data: Path, tmp_path: Path) -> Iterator[dict[str, str]]:  # noqa: F811
    """One Chroma server started by ``scripts/start-chroma.sh``, holding the session's
    ingested store; the data folder's embedded store is moved into it, so a worker that
    read the embedded store instead would find none."""
    path = tmp_path / "chroma-server"
    shutil.move(data / "chroma", path)
    port = free_port()
    started = subprocess.run(
        ["bash", "scripts/start-chroma.sh", str(path), str(port)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    pid_file = tmp_path / "chroma-server.pid"
    try:
        assert started.returncode == 0, started.stderr
        line = started.stdout.strip()
        assert line == f"export ASSISTANT_CHROMA_HOST=127.0.0.1 ASSISTANT_CHROMA_PORT={port}"
        yield dict(item.split("=") for item in line.removeprefix("export ").split())
    finally:
        if pid_file.exists():
            pid = int(pid_file.read_text())
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    os.kill(pid, 0)  # ProcessLookupError once it has gone
                    time.sleep(0.2)
                os.kill(pid, signal.SIGKILL)


@pytest.mark.postgres
@pytest.mark.chroma_server
def test_two_workers_on_one_postgresql_and_one_chroma_server(
    data: Path,  # noqa: F811
    postgres_schema: str,  # noqa: F811
    chroma_server: dict[str, str],
) -> None:
    """Item 10 past one machine: both workers share the limit, continue each other's
    conversations and show both in the staff console, all through PostgreSQL and Chroma."""
    _require_nginx()
    env = {"ASSISTANT_DATABASE_URL": postgres_schema, **chroma_server}
    staff = subprocess.run(
        [sys.executable, "-m", "assistant", "staff", "add", "nurse", "--role", "reviewer"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "ASSISTANT_DATA_DIR": str(data), **env},
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert staff.returncode == 0, staff.stderr
    with _serve(data, env) as deployment:
        one, two = deployment.workers

        def chat(worker: str, address: str, body: dict[str, str], **kw: Any) -> httpx.Response:
            # uvicorn trusts X-Forwarded-For from 127.0.0.1, as behind nginx: one address each
            headers = {"X-Forwarded-For": address}
            return httpx.post(worker + "/api/chat", json=body, headers=headers, timeout=120, **kw)

        # A conversation started on one worker, continued on the other (same browser secret).
        owner = _random_owner()
        first = chat(one, "198.51.100.1", {"message": QUESTION}, cookies=owner)
        assert first.status_code == 200, (first.text, deployment.log.read_text()[-3000:])
        assert first.json()["route"] == "answer" and first.json()["citations"], first.json()
        conversation = first.json()["conversation_id"]
        body = {"message": CRISIS, "conversation_id": conversation}
        second = chat(two, "198.51.100.1", body, cookies=owner).json()
        assert second["conversation_id"] == conversation and not second["new_conversation"]
        assert second["route"] == "crisis" and second["flagged"], second
        transcript = httpx.get(
            f"{one}/api/conversations/{conversation}", cookies=owner, timeout=30
        ).json()
        assert [m["text"] for m in transcript["messages"] if m["role"] == "user"] == [
            QUESTION,
            CRISIS,
        ]
        # Another conversation, on the second worker only.
        other = chat(two, "198.51.100.2", {"message": CRISIS}).json()
        assert other["route"] == "crisis" and other["flagged"], other

        # One client's messages alternate between the workers: the limit holds across both.
        started = time.monotonic()
        statuses = [
            chat(deployment.workers[i % 2], "198.51.100.3", {"message": "Hello"}).status_code
            for i in range(LIMIT + 4)
        ]
        elapsed = time.monotonic() - started  # the limit is per minute
        assert statuses == [200] * LIMIT + [429] * 4, (statuses, f"{elapsed:.1f} s")

        # The staff console: logged in on one worker, the session holds on the other, and
        # the review queue shows the flagged conversations from both.
        with httpx.Client(base_url=one, timeout=60) as console:
            token = csrf_of(console.get("/staff/login").text)
            login = console.post(
                "/staff/login",
                data={"name": "nurse", "password": PASSWORD, "csrf_token": token},
            )
            assert login.status_code == 303, login.text  # to the queue (a failure: 401 form)
            queues = [console.get("/staff/").text]
            queues.append(httpx.get(two + "/staff/", cookies=console.cookies, timeout=60).text)
        for worker, page in zip(deployment.workers, queues, strict=True):
            for shown in (conversation, other["conversation_id"]):
                assert f"/c/{shown}" in page, (worker, shown, page[-3000:])

    with ConversationStore(postgres_schema) as store:
        stored = store.get_conversation(conversation)
        assert stored is not None and len(stored["messages"]) == 4
        assert store.count_unreconciled() == (0, 0)
    assert QUESTION not in deployment.log.read_text(errors="replace")


def test_tls_in_nginx(data: Path, tmp_path: Path) -> None:  # noqa: F811
    """SERVE_TLS_CERT/KEY: nginx speaks TLS, and the worker behind it sees https
    (its owner cookie is Secure), so production's HSTS and secure cookies apply."""
    _require_nginx()
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    command += ["-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1"]
    subprocess.run(
        [*command, "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    env = {"SERVE_TLS_CERT": str(cert), "SERVE_TLS_KEY": str(key)}
    with _serve(data, env, workers=1) as deployment:
        assert deployment.url.startswith("https://")
        trusted = ssl.create_default_context(cafile=cert)
        page = httpx.get(deployment.url + "/chat/", verify=trusted, timeout=60)
        assert page.status_code == 200
        assert "; Secure" in page.headers["set-cookie"], page.headers["set-cookie"]
        plain = httpx.get(deployment.url.replace("https", "http", 1) + "/api/health", timeout=10)
        assert plain.status_code == 400  # nginx: a plain HTTP request to the TLS port
