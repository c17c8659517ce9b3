"""The staff console in Debian's headless Chromium, on the real app (``create_app``).

Conversations come through the real chat path (``POST /api/chat`` and
``/api/feedback`` on the running server); a reviewer account is made the way
the CLI makes it. The browser logs in, filters the queue, opens a
conversation, sets its status, records a verdict and adds the answer to the
evaluation suite; an admin then approves an answer for the question, and the
patient chat serves it for the same question asked in other words.
Screenshots go to artifacts/screenshots/staff-*.png.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_support import (
    launched_chromium,
    require_chromium,
    screenshot,
    serve_in_thread,
)
from conftest import make_settings
from staff_support import PASSWORD
from test_browser import ask, open_chat

from assistant import content
from assistant.conversations import ConversationStore
from assistant.conversations.approved import ApprovedAnswers
from assistant.staff.accounts import StaffAccounts
from assistant.staff.review import ReviewDesk
from assistant.staff.suite_cases import case_id
from assistant.web.app import create_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUESTION = "Can massage help with fatigue during chemotherapy?"
EMERGENCY = "I have chest pain and I can't breathe"


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, assistant: object
) -> Iterator[tuple[str, ConversationStore, Path, dict[str, Any]]]:
    require_chromium()
    tmp = tmp_path_factory.mktemp("staff-browser")
    suite = tmp / "reviewed.jsonl"
    settings = make_settings(tmp / "data", review_suite=suite)
    with ConversationStore(f"sqlite:///{tmp / 'conversations.sqlite3'}") as store:
        store.migrate()
        StaffAccounts(store).add("rob", PASSWORD, "reviewer")
        StaffAccounts(store).add("alice", PASSWORD, "admin")
        app = create_app(settings, assistant, store)
        with serve_in_thread(app) as base_url:
            with httpx.Client(base_url=base_url, timeout=120) as api:
                answered = api.post("/api/chat", json={"message": QUESTION}).json()
                api.post(
                    "/api/feedback",
                    json={
                        "conversation_id": answered["conversation_id"],
                        "message_id": answered["message_id"],
                        "helpful": False,
                        "comment": "did not say how often",
                    },
                ).raise_for_status()
                api.post("/api/chat", json={"message": EMERGENCY}).raise_for_status()
            yield base_url, store, suite, answered


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as instance:
        yield instance


def test_a_reviewer_logs_in_filters_reviews_and_adds_a_case_to_the_suite(
    server: tuple[str, ConversationStore, Path, dict[str, Any]], browser: Any
) -> None:
    base_url, store, suite, answered = server
    cid, mid = answered["conversation_id"], answered["message_id"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)

    page.goto(f"{base_url}/staff/")
    assert page.url == f"{base_url}/staff/login"
    page.get_by_label("Name").fill("rob")
    page.get_by_label("Password").fill("wrong password, surely")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("alert").inner_text() == "Wrong name or password."
    page.get_by_label("Name").fill("rob")
    page.get_by_label("Password").fill(PASSWORD)
    screenshot(page, "staff-login")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/staff/")
    cookie = next(c for c in context.cookies() if c["name"] == "staff_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/staff"
    rows = page.locator("tbody tr")
    assert rows.count() == 2

    page.locator("select[name=reason]").select_option("feedback")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**reason=feedback**")
    assert rows.count() == 1
    assert page.locator("#total").inner_text() == "1 conversation"
    screenshot(page, "staff-queue-filtered")

    rows.first.get_by_role("link").click()
    page.wait_for_url(f"**/staff/c/{cid}")
    assert "did not say how often" in page.locator(".feedback").inner_text()
    assert page.locator(f"#m{mid} .route").inner_text() == "answer"

    review = page.get_by_role("form", name="Review")
    review.get_by_label("Status").select_option("in_review")
    review.get_by_label("Assigned to").select_option("rob")
    review.get_by_label("Notes").fill("Answer is vague about frequency")
    review.get_by_role("button", name="Save review").click()
    assert page.get_by_role("status").inner_text() == "Review saved."

    verdict = page.get_by_role("form", name=f"Verdict on message {mid}")
    verdict.get_by_label("unhelpful").check()
    verdict.get_by_label("Comment").fill("should say how often")
    verdict.get_by_role("button", name="Save verdict").click()
    assert page.get_by_role("status").inner_text() == "Verdict saved."
    assert "Verdict: unhelpful" in page.locator(f"#m{mid} .verdict").inner_text()

    add = page.get_by_role("form", name=f"Add message {mid} to the evaluation suite")
    add.get_by_label("[1]").check()
    add.get_by_role("button", name="Add to evaluation suite").click()
    assert page.get_by_role("status").inner_text() == "Added to the evaluation suite."
    screenshot(page, "staff-conversation")

    assert ReviewDesk(store).verdicts(cid)[mid]["comment"] == "should say how often"
    [case] = [json.loads(line) for line in suite.read_text().splitlines()]
    assert case["id"] == case_id(cid, mid)
    assert case["turns"] == [QUESTION] and case["route"] == "answer" and len(case["gold"]) == 1

    page.goto(f"{base_url}/staff/?status=in_review&assignee=rob")
    assert page.locator("tbody tr").count() == 1
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{base_url}/staff/login")
    page.goto(f"{base_url}/staff/c/{cid}")
    assert page.url == f"{base_url}/staff/login"
    context.close()


LEAD = "Our team checked this: gentle massage may help some people feel less tired."


def test_an_admin_approves_an_answer_and_the_patient_chat_serves_it(
    server: tuple[str, ConversationStore, Path, dict[str, Any]], browser: Any
) -> None:
    base_url, store, _, answered = server
    cid = answered["conversation_id"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{base_url}/staff/login")
    page.get_by_label("Name").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/staff/")

    page.goto(f"{base_url}/staff/c/{cid}")
    page.get_by_role("link", name="Approve an answer for this question").click()
    page.wait_for_url("**/staff/approved/new**")
    form = page.get_by_role("form", name="Approved answer")
    assert form.get_by_label("Patient questions it is for").input_value() == QUESTION
    form.get_by_label("Lead written by staff").fill(LEAD)
    sentence = (
        form.locator("fieldset.passage label")
        .filter(has_text=re.compile(r"fatigue.{30,}", re.I))
        .first
    )
    quoted = sentence.inner_text().strip()
    sentence.locator("input").check()
    screenshot(page, "staff-approve-answer")
    form.get_by_role("button", name="Approve answer").click()
    page.wait_for_url("**/staff/approved/1?done=saved")
    assert page.get_by_role("status").inner_text() == "Approved answer saved."
    screenshot(page, "staff-approved-answer")
    [approved] = ApprovedAnswers(store).active()
    assert approved.approved_by == "alice" and approved.lead == LEAD
    assert [q.text for q in approved.quotes] == [quoted]

    chat = context.new_page()
    box = open_chat(chat, base_url)
    reply = ask(chat, box, "can massage help with fatigue during chemotherapy")
    text = reply.inner_text()
    assert content.render("approved_by_staff", make_settings(Path("data"))) in text
    assert LEAD in text and quoted in text
    screenshot(chat, "chat-approved-answer")
    context.close()
