"""Per-client limits shared by every app process on one database (issue 16, item 3).

Two real ``assistant serve`` processes on one SQLite file (and on one PostgreSQL
schema when ``ASSISTANT_TEST_POSTGRES_URL`` is set) are sent one client's messages
at once, alternately; together they accept exactly the limit, not twice it. The
same holds for one browser's chat-page messages landing on either process. The
counts table holds only digests, never an address.
"""

from __future__ import annotations

import json
import secrets
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from app_process import AppProcess, start_app
from conftest import make_settings
from sqlalchemy import create_engine, text
from test_faults import data, postgres_schema  # noqa: F401  (fixtures)
from test_sessions import Visitor

from assistant import content

pytestmark = pytest.mark.slow

LIMIT = 4
SENT = 12


def _two_apps(folder: Path, env: dict[str, str]) -> list[AppProcess]:
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(lambda _: start_app(folder, env), range(2)))


def _flood(apps: list[AppProcess]) -> list[httpx.Response]:
    def send(i: int) -> httpx.Response:
        url = apps[i % len(apps)].url + "/api/chat"
        return httpx.post(url, json={"message": "Is massage safe during chemo?"}, timeout=120)

    with ThreadPoolExecutor(6) as pool:
        return list(pool.map(send, range(SENT)))


def _chat_page_on_both(apps: list[AppProcess]) -> list[str]:
    """LIMIT + 2 chat-page messages from one browser, alternately to each process (its
    owner cookie is sent to both: cookies do not depend on the port); each event's outputs."""
    first = Visitor(apps[0].url)
    second = Visitor(apps[1].url, load_page=False)
    second.http.cookies = first.http.cookies
    try:
        visitors = [first, second]
        return [
            json.dumps(visitors[i % 2].send(secrets.token_hex(6), "Hello"))
            for i in range(LIMIT + 2)
        ]
    finally:
        first.close()
        second.close()


def _shared_limit_holds(folder: Path, database_url: str | None) -> str:
    env = {
        "ASSISTANT_RATE_LIMIT_PER_MINUTE": str(LIMIT),
        "ASSISTANT_CLIENT_KEY_SECRET": secrets.token_urlsafe(32),
    }
    if database_url:
        env["ASSISTANT_DATABASE_URL"] = database_url
    apps = _two_apps(folder, env)
    try:
        replies = _flood(apps)
        notices = _chat_page_on_both(apps)
        logs = "\n".join(a.output()[-2000:] for a in apps)
    finally:
        for app in apps:
            app.stop()
    # The chat page: one browser (one owner cookie) whose messages land on either process.
    busy = content.render("busy", make_settings(Path("/nonexistent")), seconds=0)[:40]
    assert [busy in n for n in notices] == [False] * LIMIT + [True, True], (notices, logs)
    statuses = sorted(r.status_code for r in replies)
    assert statuses == [200] * LIMIT + [429] * (SENT - LIMIT), (statuses, logs)
    # Both processes refused some: the count was shared, not each process's own.
    for refused in (r for r in replies if r.status_code == 429):
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
    print(f"\naccepted {statuses.count(200)} of {SENT} at a limit of {LIMIT} over 2 processes")
    return database_url or f"sqlite:///{folder / 'conversations.sqlite3'}"


def _stored_clients(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [row[0] for row in conn.execute(text("SELECT client FROM rate_events"))]
    finally:
        engine.dispose()


def _assert_digests_only(clients: list[str]) -> None:
    assert len(clients) == 2 * LIMIT, clients  # the API client's and the browser's
    assert all(len(c) == 64 and set(c) <= set("0123456789abcdef") for c in clients), clients


def test_two_processes_on_one_sqlite_file_share_the_limit(data: Path) -> None:  # noqa: F811
    url = _shared_limit_holds(data, None)
    _assert_digests_only(_stored_clients(url))


@pytest.mark.postgres
def test_two_processes_on_one_postgres_share_the_limit(
    data: Path,  # noqa: F811
    postgres_schema: str,  # noqa: F811
) -> None:
    url = _shared_limit_holds(data, postgres_schema)
    _assert_digests_only(_stored_clients(url))
