"""Staff console access: accounts from the command line, login, sessions, CSRF, throttling, roles.

The console is the real one (``build_staff_app``) mounted at /staff over a
real, migrated store (SQLite, and PostgreSQL when ASSISTANT_TEST_POSTGRES_URL
is set); time is a fake clock so expiry and throttling windows are exact.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_settings
from fastapi.routing import APIRoute
from pydantic import ValidationError
from sqlalchemy import select
from staff_support import PASSWORD, Console, console, csrf_of, login
from test_conversations import db_url  # noqa: F401  (the SQLite/PostgreSQL fixture)

from assistant import cli
from assistant.config import PROJECT_ROOT, load_settings
from assistant.conversations import ConversationStore
from assistant.conversations.models import AuditEntry, StaffUser
from assistant.staff.accounts import AccountError


@pytest.fixture
def store(db_url: str) -> Iterator[ConversationStore]:  # noqa: F811
    with ConversationStore(db_url) as s:
        s.migrate()
        yield s


@pytest.fixture
def con(store: ConversationStore, tmp_path: Path) -> Console:
    settings = make_settings(tmp_path / "data", review_suite=tmp_path / "reviewed.jsonl")
    c = console(settings, store)
    c.accounts.add("alice", PASSWORD, "admin")
    c.accounts.add("rob", PASSWORD, "reviewer")
    return c


# Accounts from the command line


def test_no_account_exists_until_one_is_added_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", url)
    assert cli.main(["staff", "list"]) == 0
    assert "no staff accounts" in capsys.readouterr().out

    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert cli.main(["staff", "add", "alice"]) == 2
    assert "at least 12 characters" in capsys.readouterr().err

    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main(["staff", "add", "alice", "--role", "admin"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main(["staff", "add", "alice"]) == 2
    assert "already exists" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main(["staff", "add", "Bad Name"]) == 2

    assert cli.main(["staff", "set-role", "alice", "reviewer"]) == 0
    assert cli.main(["staff", "disable", "alice"]) == 0
    assert cli.main(["staff", "disable", "nobody"]) == 2
    capsys.readouterr()
    assert cli.main(["staff", "list"]) == 0
    assert capsys.readouterr().out.split("\t")[:3] == ["alice", "reviewer", "disabled"]

    with ConversationStore(url) as store, store.engine.connect() as conn:
        stored = conn.scalar(select(StaffUser.password_hash))
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored


@pytest.mark.slow
def test_the_installed_command_reads_the_password_from_standard_input(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    env = {**os.environ, "ASSISTANT_DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "staff", "add", "carol", "--role", "admin"],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "added carol (admin)"
    assert PASSWORD not in done.stdout + done.stderr


def test_production_refuses_to_start_without_a_session_secret(tmp_path: Path) -> None:
    origins = ["https://clinic.example.org"]
    with pytest.raises(ValidationError, match="STAFF_SESSION_SECRET"):
        load_settings(_env_file=None, environment="production", allowed_embed_origins=origins)
    with pytest.raises(ValidationError, match="STAFF_SESSION_SECRET"):
        load_settings(
            _env_file=None,
            environment="production",
            allowed_embed_origins=origins,
            staff_session_secret="too short",
        )
    ok = load_settings(
        _env_file=None,
        environment="production",
        allowed_embed_origins=origins,
        staff_session_secret="x" * 32,
    )
    assert ok.staff_session_secret is not None


# Every route needs a login


def _paths(con: Console) -> list[tuple[str, str]]:
    routes = []
    for route in con.staff_app.routes:
        if not isinstance(route, APIRoute):
            continue
        path = "/staff" + route.path.replace("{conversation_id}", "A" * 32).replace(
            "{answer_id}", "1"
        )
        routes += [(method, path) for method in sorted(route.methods)]
    return routes


def test_every_staff_route_refuses_requests_without_a_session(con: Console) -> None:
    cid = con.store.new_conversation()
    routes = _paths(con)
    assert len(routes) >= 10
    assert {r.path for r in con.staff_app.routes} >= {"/", "/c/{conversation_id}", "/audit"}
    client = con.client()
    checked = 0
    for method, path in routes:
        if path == "/staff/login":
            continue
        for real in (path, path.replace("A" * 32, cid)):
            response = client.request(method, real, follow_redirects=False)
            if method == "GET":
                assert response.status_code == 303, (method, real)
                assert response.headers["location"] == "/staff/login"
            else:
                assert response.status_code == 401, (method, real, response.text)
            assert cid not in response.text
            checked += 1
    assert checked >= 18
    # The generated docs of the sub-app are off: nothing else is served under /staff.
    for extra in ("/staff/docs", "/staff/openapi.json", "/staff/redoc"):
        assert client.get(extra).status_code == 404


def test_a_forged_or_tampered_cookie_is_no_session(con: Console) -> None:
    forger = con.client()
    forger.cookies.set("staff_session", "eyJuYW1lIjogImFsaWNlIn0=.forged.sig")
    assert forger.get("/staff/", follow_redirects=False).status_code == 303
    client = con.client()
    assert login(client, "alice")[0] == 303
    value = next(c.value for c in client.cookies.jar if c.name == "staff_session")
    assert value is not None
    tampered = con.client()
    tampered.cookies.set("staff_session", value[:-3] + ("AAA" if value[-3:] != "AAA" else "BBB"))
    assert tampered.get("/staff/", follow_redirects=False).status_code == 303
    copied = con.client()
    copied.cookies.set("staff_session", value)
    assert copied.get("/staff/", follow_redirects=False).status_code == 200


# Login, cookie, expiry, logout


def test_wrong_password_and_unknown_name_fail_the_same_way(con: Console) -> None:
    client = con.client()
    wrong = login(client, "alice", "not the password at all")
    unknown = login(client, "mallory", PASSWORD)
    assert wrong[0] == unknown[0] == 401
    assert client.get("/staff/", follow_redirects=False).status_code == 303
    with con.store.engine.connect() as conn:
        actions = conn.execute(select(AuditEntry.staff, AuditEntry.action)).all()
    assert ("alice", "login_failed") in actions
    assert ("(unknown name)", "login_failed") in actions
    assert not any(staff == "mallory" for staff, _ in actions)


def test_an_unknown_name_is_checked_against_a_hash_with_the_hashers_own_parameters() -> None:
    from argon2 import PasswordHasher
    from argon2.exceptions import VerifyMismatchError

    from assistant.staff import accounts

    # The written-out dummy hash costs what a real account's hash costs to verify.
    assert not PasswordHasher().check_needs_rehash(accounts._DUMMY_HASH)
    assert accounts._dummy_hash() == accounts._DUMMY_HASH
    with pytest.raises(VerifyMismatchError):
        PasswordHasher().verify(accounts._DUMMY_HASH, "a staff password")


def test_login_sets_a_signed_httponly_strict_cookie_that_expires(con: Console) -> None:
    client = con.client()
    token = csrf_of(client.get("/staff/login").text)
    response = client.post(
        "/staff/login",
        data={"name": "Alice", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/staff/"
    cookie = response.headers["set-cookie"].lower()
    for part in ("staff_session=", "httponly", "samesite=strict", "path=/staff"):
        assert part in cookie
    assert f"max-age={con.settings.staff_session_minutes * 60}" in cookie
    page = client.get("/staff/")
    assert page.status_code == 200 and "alice (admin)" in page.text
    assert page.headers["cache-control"] == "no-store"
    # The login rotated the session: the anonymous CSRF token no longer works.
    assert csrf_of(page.text) != token

    con.clock.now += con.settings.staff_session_minutes * 60 - 5
    assert client.get("/staff/").status_code == 200
    con.clock.now += 10
    assert client.get("/staff/", follow_redirects=False).status_code == 303


def test_production_cookies_are_secure(store: ConversationStore, tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path / "data",
        environment="production",
        allowed_embed_origins=["https://clinic.example.org"],
        staff_session_secret="k" * 40,
    )
    c = console(settings, store)
    c.accounts.add("alice", PASSWORD, "admin")
    client = c.client()
    client.base_url = client.base_url.copy_with(scheme="https")  # type: ignore[misc]
    token = csrf_of(client.get("/staff/login").text)
    response = client.post(
        "/staff/login",
        data={"name": "alice", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert "secure" in response.headers["set-cookie"].lower()


def test_logout_ends_the_session(con: Console) -> None:
    client = con.client()
    _, token = login(client, "rob")
    assert client.post("/staff/logout", data={"csrf_token": token}).status_code == 200
    assert client.get("/staff/", follow_redirects=False).status_code == 303


def test_disabling_an_account_ends_its_sessions_at_once(con: Console) -> None:
    client = con.client()
    login(client, "rob")
    con.accounts.set_disabled("rob")
    assert client.get("/staff/", follow_redirects=False).status_code == 303
    assert login(client, "rob")[0] == 401


# CSRF


def test_every_post_needs_the_sessions_csrf_token(con: Console) -> None:
    cid = con.store.new_conversation()
    client = con.client()
    _, token = login(client, "alice")
    other = con.client()
    _, other_token = login(other, "rob")
    posts = [(m, p.replace("A" * 32, cid)) for m, p in _paths(con) if m == "POST"]
    posts = [(m, p) for m, p in posts if p != "/staff/login"]
    assert len(posts) >= 4
    for _, path in posts:
        for data in ({}, {"csrf_token": "x" * 43}, {"csrf_token": other_token}):
            response = client.post(path, data=data, follow_redirects=False)
            assert response.status_code == 403, (path, data)
    # ... and with it, the same request goes through.
    response = client.post(
        f"/staff/c/{cid}/review",
        data={"csrf_token": token, "status": "in_review"},
        follow_redirects=False,
    )
    assert response.status_code == 303


def test_the_login_form_needs_its_csrf_token(con: Console) -> None:
    client = con.client()
    client.get("/staff/login")
    response = client.post(
        "/staff/login", data={"name": "alice", "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 403
    assert client.get("/staff/", follow_redirects=False).status_code == 303


# Throttling


def test_failed_logins_are_throttled_per_account(con: Console) -> None:
    limit = con.settings.staff_login_failures_per_account
    attacker = con.client("10.0.0.1")
    for _ in range(limit):
        assert login(attacker, "alice", "guess guess guess")[0] == 401
    # Locked: even the right password, even from another client, until the window passes.
    assert login(attacker, "alice")[0] == 429
    colleague = con.client("10.0.0.2")
    assert login(colleague, "alice")[0] == 429
    assert login(colleague, "rob")[0] == 303
    con.clock.now += con.settings.staff_login_window_minutes * 60 + 1
    assert login(colleague, "alice")[0] == 303


def test_failed_logins_are_throttled_per_client(con: Console) -> None:
    limit = con.settings.staff_login_failures_per_client
    attacker = con.client("10.0.0.9")
    for i in range(limit):
        assert login(attacker, f"name{i}", "guess guess guess")[0] == 401
    assert login(attacker, "rob")[0] == 429
    token = csrf_of(attacker.get("/staff/login").text)
    response = attacker.post(
        "/staff/login", data={"name": "rob", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 429 and int(response.headers["retry-after"]) > 0
    assert login(con.client("10.0.0.10"), "rob")[0] == 303


# Roles


def test_reviewers_cannot_export_or_read_the_audit_log(con: Console) -> None:
    reviewer = con.client()
    login(reviewer, "rob")
    for path in ("/staff/export.jsonl", "/staff/export.csv", "/staff/audit"):
        assert reviewer.get(path).status_code == 403
    assert "Audit log" not in reviewer.get("/staff/").text
    admin = con.client()
    login(admin, "alice")
    for path in ("/staff/export.jsonl", "/staff/export.csv", "/staff/audit"):
        assert admin.get(path).status_code == 200
    con.accounts.set_role("alice", "reviewer")
    assert admin.get("/staff/audit").status_code == 403


def test_account_names_and_roles_are_checked(con: Console) -> None:
    with pytest.raises(AccountError, match="role must be"):
        con.accounts.add("dave", PASSWORD, "root")  # type: ignore[arg-type]
    with pytest.raises(AccountError, match="no staff account"):
        con.accounts.set_role("nobody", "admin")
