"""--target URL: a suite run through a deployment's ``POST /api/chat``.

The fast tests talk to a scripted deployment through httpx's MockTransport;
the slow one starts the real app (``create_app`` over the real assistant and a
SQLite store) on a loopback port in a thread and checks that a --target run
sees what an in-process run of the same suite sees.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_evals_runner import SMALL_SUITE, suite_file

from assistant.schema import (
    Bullets,
    Cited,
    CitedSentence,
    Paragraph,
    Reply,
    Route,
    RouteDecision,
    Turn,
    render_text,
)
from evals.metrics import IN_PROCESS_METRICS
from evals.remote import blocks_from_text, reply_from_api
from evals.runner import RunOptions, execute

ANSWER_TEXT = (
    "Here is what my sources say:\n\n"
    "- Massage therapy is generally safe. [1]\n"
    "- It can ease anxiety, [2][1]\n\n"
    "Questions for your care team:\n\n"
    "- Is it safe for me?\n- When can I start?"
)
GOLD = "Massage therapy is generally safe."
CITATIONS = [
    {
        "marker": 1,
        "source_id": "https://example.org/a",
        "url": "https://example.org/a",
        "title": "A",
        "publisher": "P",
        "section": "Safety",
        "page": None,
        "quote": "Massage therapy is generally safe, with few adverse outcomes.",
    },
    {
        "marker": 2,
        "source_id": "https://example.org/b",
        "url": "https://example.org/b",
        "title": "B",
        "publisher": "P",
        "section": "",
        "page": 3,
        "quote": "It can ease anxiety.",
    },
]
CASES = [
    {
        "id": "safe",
        "category": "safety",
        "turns": ["Is massage safe?"],
        "route": "answer",
        "sources": ["https://example.org/a"],
        "evidence": ["generally safe"],
        "gold": [GOLD],
        "must_include": ["safe"],
    },
    {
        "id": "follow",
        "category": "follow-up",
        "turns": ["What is oncology massage?", "I have crushing chest pain."],
        "route": "emergency",
        "must_include": ["911"],
    },
    {"id": "busy", "category": "c", "turns": ["Busy?"], "route": "answer"},
]


class Deployment:
    """A scripted /api: conversations by id, a 429 on the first "Busy?", scripted failures."""

    def __init__(self, fail: dict[str, Any] | None = None) -> None:
        self.conversations: dict[str, list[str]] = {}
        self.fail = fail or {}
        self.busy_once = True
        self.requests: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/health":
            return httpx.Response(200, json={"status": "ok"})
        assert request.url.path == "/api/chat" and request.method == "POST"
        body = json.loads(request.content)
        self.requests.append(body)
        message = body["message"]
        if message == "Busy?" and self.busy_once:
            self.busy_once = False
            return httpx.Response(429, json={"error": "slow down"}, headers={"Retry-After": "0"})
        failure = self.fail.get(message)
        if isinstance(failure, int):
            return httpx.Response(failure, json={"error": "no"})
        conversation_id = body.get("conversation_id")
        new = conversation_id not in self.conversations or failure == "lose"
        if new:
            conversation_id = f"c{len(self.conversations) + 1:031d}"
            self.conversations[conversation_id] = []
        self.conversations[conversation_id].append(message)
        route, reply, citations = "answer", "I can help with questions about massage.", []
        if message == "Is massage safe?":
            reply, citations = ANSWER_TEXT, CITATIONS
        elif "chest pain" in message:
            route, reply = "emergency", "Call 911 now."
        if failure == "error":
            route, reply = "error", "Sorry, something went wrong."
        return httpx.Response(
            200,
            json={
                "conversation_id": conversation_id,
                "message_id": 1,
                "new_conversation": new,
                "route": route,
                "reply": reply,
                "citations": citations,
                "flagged": False,
            },
        )


def run_target(
    tmp_path: Path, deployment: Deployment, cases: list[dict] = CASES, **kw: Any
) -> tuple[int, dict]:
    client = httpx.Client(transport=httpx.MockTransport(deployment))
    out = tmp_path / "out"
    options = RunOptions(
        suites=[suite_file(tmp_path, cases)],
        out=out,
        target="http://deployment.test",
        progress=False,
        **kw,
    )
    code = execute(options, http_client=client)
    report = json.loads((out / "report.json").read_text()) if out.exists() else {}
    return code, report


def test_blocks_read_back_from_the_reply_text() -> None:
    blocks = blocks_from_text(ANSWER_TEXT)
    assert render_text(blocks) == ANSWER_TEXT
    assert isinstance(blocks[0], Paragraph) and isinstance(blocks[2], Paragraph)
    assert blocks[1] == Cited(
        (
            CitedSentence("Massage therapy is generally safe.", (1,)),
            CitedSentence("It can ease anxiety,", (2, 1)),
        )
    )
    assert blocks[3] == Bullets(("Is it safe for me?", "When can I start?"))
    reply = Reply(
        blocks=(
            Paragraph("Lead."),
            Cited((CitedSentence("A quoted sentence.", (1, 2)),)),
            Bullets(("Ask this?",)),
        ),
        decision=RouteDecision(Route.CLINICAL, "x", 1.0),
    )
    assert blocks_from_text(reply.text) == reply.blocks
    parsed = reply_from_api({"route": "answer", "reply": ANSWER_TEXT, "citations": CITATIONS})
    assert parsed.citations[0].quote == CITATIONS[0]["quote"]
    assert parsed.citations[1].page == 3 and parsed.citations[0].chunk_id == ""


def test_target_run_carries_the_conversation_and_scores_what_it_can(tmp_path: Path) -> None:
    deployment = Deployment()
    code, report = run_target(tmp_path, deployment, fail_under=["pass_rate=1"])
    assert code == 0
    # One conversation per case; the follow-up's second turn continued the first's.
    assert sorted(deployment.conversations.values()) == [
        ["Busy?"],
        ["Is massage safe?"],
        ["What is oncology massage?", "I have crushing chest pain."],
    ]
    follow_up = [r for r in deployment.requests if r["message"] == "I have crushing chest pain."]
    assert follow_up[0]["conversation_id"] in deployment.conversations
    assert "conversation_id" not in deployment.requests[0]
    metrics = report["metrics"]
    for name in IN_PROCESS_METRICS:
        assert metrics[name] is None, name
    assert metrics["pass_rate"] == 1.0 and metrics["source_hit"] == 1.0
    assert metrics["lead_gold"] == 1.0 and metrics["gold_hit"] == 1.0
    assert metrics["answer_precision"] == 0.5 and metrics["sentences_per_answer"] == 1.0
    assert metrics["latency_ms_p50"] is not None
    assert report["mode"] == "target" and report["run"]["target"] == "http://deployment.test"
    assert report["config"]["target"] == "http://deployment.test"
    assert report["config"]["corpus_fingerprint"] is None
    safe = report["cases"][0]
    assert safe["retrieved"] is None and safe["detail"] is None
    assert safe["citations"][0]["valid"] is None
    assert safe["quoted"][0] == {"text": GOLD, "markers": [1], "match": "gold"}
    # A target run replays like any other.
    again = tmp_path / "again"
    assert execute(RunOptions(suites=[], out=again, replay=tmp_path / "out" / "report.json")) == 0
    assert json.loads((again / "report.json").read_text())["metrics"] == metrics


def test_deployment_failures_are_errors_exit_3(tmp_path: Path) -> None:
    deployment = Deployment(
        fail={"Is massage safe?": 500, "I have crushing chest pain.": "lose", "Busy?": "error"}
    )
    code, report = run_target(tmp_path, deployment)
    assert code == 3
    records = {r["id"]: r for r in report["cases"]}
    assert records["safe"]["error"] == "HTTP 500"
    assert records["safe"]["failures"][0] == "error: the deployment answered HTTP 500"
    assert records["follow"]["error"] == "conversation lost"
    assert records["follow"]["failures"][0] == (
        "error: the deployment started a new conversation at turn 2"
    )
    assert records["busy"]["error"] == "error reply"
    assert report["metrics"]["errors"] == 3
    code, _ = run_target(tmp_path, Deployment(fail={"Busy?": "error"}), maximum=["errors=1"])
    assert code == 0


def test_an_unreachable_target_exits_3_before_running(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    client = httpx.Client(transport=httpx.MockTransport(refuse))
    options = RunOptions(
        suites=[suite_file(tmp_path, CASES)],
        out=tmp_path / "out",
        target="http://127.0.0.1:9",
        progress=False,
    )
    assert execute(options, http_client=client) == 3
    assert "the target did not answer: http://127.0.0.1:9/api/health: ConnectError" in (
        capsys.readouterr().err
    )
    assert not (tmp_path / "out").exists()


class RecordingAssistant:
    """The real assistant; remembers how much history each message came with."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.history_lengths: dict[str, list[int]] = {}

    def stream(self, conversation: Sequence[Turn], message: str) -> Iterator[object]:
        self.history_lengths.setdefault(message, []).append(len(conversation))
        yield from self.inner.stream(conversation, message)


@pytest.mark.slow
def test_target_against_the_real_app_on_loopback(
    tmp_path: Path, assistant: Any, default_settings: Any
) -> None:
    from browser_support import serve_in_thread
    from conftest import make_settings

    from assistant.conversations import ConversationStore
    from assistant.web.app import create_app

    cases = [
        *SMALL_SUITE,
        {
            "id": "i-gold",
            "category": "safety",
            "turns": ["Is massage safe for people with cancer?"],
            "route": "answer",
            "gold": ["Massage therapy is generally safe for people with cancer."],
        },
    ]
    suite = suite_file(tmp_path, cases)
    recording = RecordingAssistant(assistant)
    settings = make_settings(tmp_path / "app-data")
    with ConversationStore(f"sqlite:///{tmp_path / 'conversations.sqlite3'}") as store:
        store.migrate()
        with serve_in_thread(create_app(settings, recording, store)) as base_url:
            remote_code = execute(
                RunOptions(
                    suites=[suite],
                    out=tmp_path / "remote",
                    target=base_url,
                    progress=False,
                    junit=tmp_path / "remote" / "junit.xml",
                )
            )
    local_code = execute(
        RunOptions(suites=[suite], out=tmp_path / "local", progress=False),
        service=assistant,
        settings=default_settings,
    )
    remote = json.loads((tmp_path / "remote" / "report.json").read_text())
    local = json.loads((tmp_path / "local" / "report.json").read_text())
    assert remote_code == local_code
    assert remote["metrics"]["errors"] == 0
    # The follow-up's second message came with the first exchange: the id was carried.
    assert recording.history_lengths["What about nausea?"] == [2]
    assert recording.history_lengths["Can massage help with anxiety?"] == [0]
    for before, after in zip(local["cases"], remote["cases"], strict=True):
        assert after["id"] == before["id"]
        assert after["route"] == before["route"], after["id"]
        assert after["answer"] == before["answer"], after["id"]
        assert after["quoted"] == before["quoted"], after["id"]
        assert [c["quote"] for c in after["citations"]] == [c["quote"] for c in before["citations"]]
    for name, value in local["metrics"].items():
        if name in IN_PROCESS_METRICS:
            assert remote["metrics"][name] is None, name
        elif not name.startswith("latency"):
            assert remote["metrics"][name] == value, name
    assert (tmp_path / "remote" / "junit.xml").read_text().count("<testcase") == len(cases)
