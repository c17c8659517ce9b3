"""The real app as a separate process (``python -m assistant serve``), for crash and fault tests.

Unlike ``browser_support.serve_in_thread`` this is a process of its own, so a
test can ``kill -9`` it mid-request the way a machine failure would, then
start it again on the same data and database. Output goes to a log file
beside the data, which a failing test prints.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from browser_support import free_port

from assistant.config import PROJECT_ROOT


@dataclass
class AppProcess:
    proc: subprocess.Popen[bytes]
    url: str
    log: Path

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, no flushing, exactly like a crash."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text("utf-8", errors="replace") if self.log.exists() else ""


def post_json(url: str, body: object, timeout: float = 60.0) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def start_app(
    data_dir: Path, env: dict[str, str] | None = None, startup_timeout_s: float = 240.0
) -> AppProcess:
    """Start ``assistant serve`` on a free port and wait until /api/health answers."""
    port = free_port()
    log = data_dir / f"app-{port}.log"
    full_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ASSISTANT_") or k.startswith("ASSISTANT_TEST_")
    }
    full_env.update(
        {
            "ASSISTANT_DATA_DIR": str(data_dir),
            "PYTHONUNBUFFERED": "1",
            # This checkout's package, whichever checkout the shared venv was installed from.
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")) if p
            ),
        }
    )
    full_env.update(env or {})
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--port", str(port)],
            cwd=PROJECT_ROOT / "tests",
            env=full_env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    app = AppProcess(proc, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + startup_timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited with {proc.returncode}:\n{app.output()[-3000:]}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(app.url + "/api/health", timeout=2) as response,
        ):
            if response.status == 200:
                return app
        time.sleep(0.25)
    app.kill()
    raise RuntimeError(f"the app did not become healthy:\n{app.output()[-3000:]}")


@contextlib.contextmanager
def running_app(data_dir: Path, env: dict[str, str] | None = None) -> Iterator[AppProcess]:
    app = start_app(data_dir, env)
    try:
        yield app
    finally:
        app.stop()
