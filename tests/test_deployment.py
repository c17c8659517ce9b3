"""The multi-process deployment (issue 16, item 10): ``scripts/serve.sh`` runs two real app
processes on one database behind nginx, sticky by the owner cookie.

A browser's chat-page conversation continues across messages (its queue join and event
stream reach one process), and the per-client limit holds across both processes for
requests nginx spreads over them. Needs nginx (``nginx-light``); skipped without it
unless CI=true.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from browser_support import free_port
from test_faults import data  # noqa: F401  (fixture)
from test_sessions import Visitor

from assistant.config import PROJECT_ROOT

pytestmark = pytest.mark.slow

LIMIT = 4


@dataclass
class Deployment:
    url: str
    log: Path


def _random_owner() -> dict[str, str]:
    return {"om_owner": secrets.token_urlsafe(32)}


@pytest.fixture
def deployment(data: Path) -> Iterator[Deployment]:  # noqa: F811
    if shutil.which("nginx") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("nginx is missing (apt-get install nginx-light)")
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    port = free_port()
    log = data / "serve.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_DATA_DIR=str(data),
        ASSISTANT_RATE_LIMIT_PER_MINUTE=str(LIMIT),
        PYTHONUNBUFFERED="1",
        PYTHONPATH=str(PROJECT_ROOT),
    )
    with log.open("wb") as out:
        proc = subprocess.Popen(
            ["bash", "scripts/serve.sh", "2", str(port)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        healthy = 0
        while healthy < 20:  # twenty in a row, each to a worker picked by a random cookie
            assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
            try:
                ok = httpx.get(url + "/api/health", cookies=_random_owner(), timeout=5)
                healthy = healthy + 1 if ok.status_code == 200 else 0
            except httpx.HTTPError:
                healthy = 0
            if not healthy:
                time.sleep(0.5)
        yield Deployment(url, log)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(30)


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
