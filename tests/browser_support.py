"""Helpers for the browser tests: Debian's Chromium, a live app server, screenshots.

No browser can be downloaded here, so the tests drive the system Chromium
(``apt-get install chromium``) through Playwright. Locally a missing Chromium
skips the tests; in CI (``CI=true``) it fails them, so a broken setup cannot
pass unnoticed.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from assistant.config import PROJECT_ROOT
from benchmarks.run import free_port_run  # noqa: F401  (the deployment tests' ports)

CHROMIUM = Path(os.environ.get("ASSISTANT_TEST_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"


# Gradio shows a "Loading..." paragraph while a component's code is still
# arriving; an audit taken in that moment reports it as content outside the
# page's landmarks (CI of stop 31 failed on exactly that), which no user sees
# once the page has settled.
PAGE_SETTLED = """() => [...document.querySelectorAll('.loading')]
    .every(el => el.offsetParent === null)"""


def audit(page: Any) -> Any:
    """axe-core's results for the page once Gradio's loading placeholders are gone."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_function(PAGE_SETTLED, timeout=30_000)
    return Axe().run(page)


def require_chromium() -> Path:
    """The Chromium binary; skip without it, except in CI where that is a failure."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    message = f"Chromium not found at {CHROMIUM}; install it with: apt-get install -y chromium"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def launched_chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (``executable_path``), closed afterwards."""
    chromium = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(chromium), args=LAUNCH_ARGS)
        yield instance
        instance.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_in_thread(app: Any, startup_timeout_s: float = 60.0) -> Iterator[str]:
    """Run ``app`` with uvicorn on a free localhost port; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="app-under-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the app server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def screenshot(page: Any, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot as a test artifact (artifacts/screenshots/NAME.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
