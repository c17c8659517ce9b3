"""Helpers for the staff-console tests: a console over a real store, and logging in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.config import Settings
from assistant.conversations import ConversationStore
from assistant.staff.accounts import StaffAccounts
from assistant.staff.web import build_staff_app

PASSWORD = "correct horse battery staple"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Clock:
    now: float = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Console:
    settings: Settings
    store: ConversationStore
    app: FastAPI
    staff_app: FastAPI
    clock: Clock
    accounts: StaffAccounts = field(init=False)

    def __post_init__(self) -> None:
        self.accounts = StaffAccounts(self.store)

    def client(self, host: str = "testclient") -> TestClient:
        return TestClient(self.app, client=(host, 50000))


def console(settings: Settings, store: ConversationStore) -> Console:
    clock = Clock()
    staff_app = build_staff_app(settings, store, clock=clock)
    app = FastAPI()
    app.mount("/staff", staff_app)
    return Console(settings, store, app, staff_app, clock)


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def login(client: TestClient, name: str, password: str = PASSWORD) -> tuple[int, str]:
    """Log in through the form; returns the status and the CSRF token of the page after."""
    token = csrf_of(client.get("/staff/login").text)
    response = client.post(
        "/staff/login",
        data={"name": name, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    if response.status_code != 303:
        return response.status_code, token
    page = client.get("/staff/")
    assert page.status_code == 200, page.text
    return 303, csrf_of(page.text)
