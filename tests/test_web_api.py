"""The JSON API, widget script, demo page and headers, through FastAPI's TestClient.

The app is the real one from ``create_app``: real assistant over the default
corpus (session fixture), real SQLite store per test, Gradio mounted.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import make_settings
from fastapi.testclient import TestClient

from assistant import content
from assistant.chat import OWNER_COOKIE, owner_hash_of
from assistant.conversations import ConversationStore
from assistant.schema import Turn
from assistant.web.app import contrast_ratio, create_app, frame_ancestors, widget_colors

pytestmark = pytest.mark.slow

QUESTION = "Is massage safe for people with cancer?"

MakeClient = Callable[..., TestClient]


class BrokenAssistant:
    def stream(self, conversation: Sequence[Turn], message: str) -> Iterator[object]:
        raise ConnectionError("vector store unreachable")
        yield  # pragma: no cover - makes this a generator


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    with ConversationStore(f"sqlite:///{tmp_path / 'conversations.sqlite3'}") as s:
        s.migrate()
        yield s


@pytest.fixture
def make_client(
    tmp_path: Path, assistant: object, store: ConversationStore
) -> Iterator[MakeClient]:
    clients: list[TestClient] = []

    def make(answerer: object = assistant, **overrides: Any) -> TestClient:
        settings = make_settings(tmp_path / "data", **overrides)
        client = TestClient(create_app(settings, answerer, store))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client()


def _error(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and isinstance(body["error"], str) and body["error"]
    return str(body["error"])


def test_chat_returns_a_cited_answer_and_continues_the_conversation(
    client: TestClient, store: ConversationStore
) -> None:
    first = client.post("/api/chat", json={"message": QUESTION})
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["route"] == "answer" and body["flagged"] is False
    assert body["new_conversation"] is True
    assert body["reply"].startswith(content.render("answer_lead_in", make_settings(Path("data"))))
    assert body["citations"]
    for c in body["citations"]:
        assert c["quote"] and c["title"] and c["source_id"]
        assert c["url"] == c["source_id"] and c["url"].startswith("https://")

    second = client.post(
        "/api/chat",
        json={"message": "Does it help with anxiety?", "conversation_id": body["conversation_id"]},
    )
    assert second.status_code == 200
    assert second.json()["conversation_id"] == body["conversation_id"]
    assert second.json()["new_conversation"] is False
    stored = store.messages(body["conversation_id"]) or []
    assert [m["role"] for m in stored] == ["user", "assistant", "user", "assistant"]
    assert stored[1]["id"] == body["message_id"]


def test_foreign_conversation_id_starts_a_new_conversation(
    client: TestClient, store: ConversationStore
) -> None:
    theirs = client.post("/api/chat", json={"message": QUESTION}).json()
    for foreign in ("B" * 32, "not an id", theirs["conversation_id"][:-1] + "x"):
        mine = client.post("/api/chat", json={"message": QUESTION, "conversation_id": foreign})
        assert mine.status_code == 200
        assert mine.json()["new_conversation"] is True
        assert mine.json()["conversation_id"] not in (foreign, theirs["conversation_id"])
    assert len(store.messages(theirs["conversation_id"]) or []) == 2


@pytest.mark.parametrize(
    ("body", "status", "names"),
    [
        ("{not json", 400, "JSON"),
        ("", 422, "body"),
        ("[1, 2]", 422, "object"),
        ('"just a string"', 422, "object"),
        ("{}", 422, "message"),
        ('{"message": 5}', 422, "message"),
        ('{"message": null}', 422, "message"),
        ('{"message": ["hi"]}', 422, "message"),
        ('{"message": "hi", "conversation_id": 7}', 422, "conversation_id"),
        ('{"message": "hi", "colour": "red"}', 422, "colour"),
        ('{"message": ""}', 422, "message"),
        ('{"message": "   "}', 422, "message"),
    ],
)
def test_bad_chat_requests_get_a_json_4xx_naming_the_problem(
    client: TestClient, body: str, status: int, names: str
) -> None:
    response = client.post("/api/chat", content=body, headers={"content-type": "application/json"})
    assert names.lower() in _error(response, status).lower()


def test_too_long_message_is_refused_with_the_limit(make_client: MakeClient) -> None:
    client = make_client(max_message_chars=100)
    message = _error(client.post("/api/chat", json={"message": "a" * 101}), 422)
    assert "101" in message and "100" in message
    assert client.post("/api/chat", json={"message": "massage " * 12}).status_code == 200


def test_oversized_body_is_refused_before_parsing(client: TestClient) -> None:
    response = client.post("/api/chat", json={"message": "a" * 200_000})
    assert "too large" in _error(response, 413)


def test_rate_limit_returns_429_json(make_client: MakeClient) -> None:
    client = make_client(rate_limit_per_minute=2)
    conv = client.post("/api/chat", json={"message": QUESTION}).json()["conversation_id"]
    assert (
        client.post("/api/chat", json={"message": QUESTION, "conversation_id": conv}).status_code
        == 200
    )
    response = client.post("/api/chat", json={"message": QUESTION, "conversation_id": conv})
    assert "wait" in _error(response, 429)
    assert 1 <= int(response.headers["retry-after"]) <= 60


def test_emergency_is_flagged(client: TestClient, store: ConversationStore) -> None:
    response = client.post(
        "/api/chat", json={"message": "My husband collapsed and is not breathing"}
    )
    body = response.json()
    assert body["route"] == "emergency" and body["flagged"] is True
    assert body["reply"] == content.render("emergency", make_settings(Path("data")))
    assert body["citations"] == []
    assert store.is_flagged(body["conversation_id"])


def test_answering_failure_is_recorded_flagged_and_explained(
    make_client: MakeClient, store: ConversationStore
) -> None:
    client = make_client(BrokenAssistant())
    response = client.post("/api/chat", json={"message": QUESTION})
    assert response.status_code == 200
    body = response.json()
    assert body["route"] == "error" and body["flagged"] is True
    assert body["reply"] == content.render("error", make_settings(Path("data")))
    assert "ConnectionError" not in response.text
    stored = store.messages(body["conversation_id"]) or []
    assert [(m["role"], m["route"]) for m in stored] == [("user", None), ("assistant", "error")]
    flags = store.list_flagged()
    assert [f["flag_reasons"] for f in flags] == [["error: ConnectionError"]]


def test_feedback(client: TestClient, store: ConversationStore) -> None:
    answer = client.post("/api/chat", json={"message": QUESTION}).json()
    conv, msg = answer["conversation_id"], answer["message_id"]

    ok = client.post(
        "/api/feedback", json={"conversation_id": conv, "message_id": msg, "helpful": True}
    )
    assert ok.status_code == 200 and isinstance(ok.json()["feedback_id"], int)
    assert not store.is_flagged(conv)

    down = client.post(
        "/api/feedback",
        json={"conversation_id": conv, "message_id": msg, "helpful": False, "comment": "vague"},
    )
    assert down.status_code == 200
    assert store.is_flagged(conv)
    feedback = (store.messages(conv) or [])[1]["feedback"]
    assert [(f["helpful"], f["comment"]) for f in feedback] == [(True, None), (False, "vague")]

    other = client.post("/api/chat", json={"message": QUESTION}).json()
    cases = [
        ({"conversation_id": "C" * 32, "message_id": msg, "helpful": True}, 404, "conversation_id"),
        (
            {"conversation_id": other["conversation_id"], "message_id": msg, "helpful": True},
            404,
            "message_id",
        ),
        ({"conversation_id": conv, "message_id": msg - 1, "helpful": True}, 422, "assistant"),
        ({"conversation_id": conv, "message_id": msg, "helpful": "yes"}, 422, "helpful"),
        ({"conversation_id": conv, "message_id": str(msg), "helpful": True}, 422, "message_id"),
        ({"conversation_id": conv, "message_id": msg}, 422, "helpful"),
        (
            {"conversation_id": conv, "message_id": msg, "helpful": True, "comment": "x" * 2001},
            422,
            "comment",
        ),
    ]
    for payload, status, names in cases:
        response = client.post("/api/feedback", json=payload)
        assert names in _error(response, status), payload


def test_feedback_reasons_and_comment_update_the_same_record(
    client: TestClient, store: ConversationStore
) -> None:
    answer = client.post("/api/chat", json={"message": QUESTION}).json()
    conv, msg = answer["conversation_id"], answer["message_id"]
    down = client.post(
        "/api/feedback", json={"conversation_id": conv, "message_id": msg, "helpful": False}
    )
    feedback_id = down.json()["feedback_id"]
    assert store.is_flagged(conv)
    more = client.patch(
        f"/api/feedback/{feedback_id}",
        json={"conversation_id": conv, "reasons": ["not_answered"], "comment": "too general"},
    )
    assert more.status_code == 200 and more.json() == {"feedback_id": feedback_id}
    [feedback] = (store.messages(conv) or [])[1]["feedback"]
    assert (feedback["helpful"], feedback["reasons"], feedback["comment"]) == (
        False,
        ["not_answered"],
        "too general",
    )

    other = client.post("/api/chat", json={"message": QUESTION}).json()["conversation_id"]
    cases = [
        (feedback_id, {"conversation_id": other, "reasons": []}, 404, "feedback_id"),
        (feedback_id, {"conversation_id": "C" * 32, "reasons": []}, 404, "conversation_id"),
        (10**9, {"conversation_id": conv, "reasons": []}, 404, "feedback_id"),
        (feedback_id, {"conversation_id": conv, "reasons": ["rude"]}, 422, "reasons"),
        (feedback_id, {"conversation_id": conv, "comment": "x" * 2001}, 422, "comment"),
        (feedback_id, {"conversation_id": conv, "extra": 1}, 422, "extra"),
    ]
    for target, payload, status, names in cases:
        response = client.patch(f"/api/feedback/{target}", json=payload)
        assert names in _error(response, status), (target, payload)
    [unchanged] = (store.messages(conv) or [])[1]["feedback"]
    assert unchanged["comment"] == "too general"
    schema = client.get("/openapi.json").json()
    reasons = schema["components"]["schemas"]["FeedbackUpdate"]["properties"]["reasons"]
    assert reasons["items"]["enum"] == ["not_answered", "hard_to_understand", "wrong"]


def test_health(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_unknown_api_path_is_json_404(client: TestClient) -> None:
    _error(client.get("/api/nothing-here"), 404)


def test_widget_script_has_this_deployments_settings(make_client: MakeClient) -> None:
    client = make_client(
        widget_title="Questions? </script><b>Ask us</b>",
        widget_color="#ffcc00",
        widget_position="bottom-left",
    )
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    script = response.text
    assert "/*__WIDGET_CONFIG__*/" not in script
    start = script.index("var CONFIG = ") + len("var CONFIG = ")
    blob = script[start : script.index(";\n", start)]
    config = json.loads(blob)
    assert config["title"] == "Questions? </script><b>Ask us</b>"
    assert "<" not in blob
    assert config["color"] == "#ffcc00" and config["textColor"] == "#000000"
    assert config["position"] == "bottom-left"
    assert config["origin"] == "http://testserver"
    assert config["chatPath"].startswith("/chat/")
    assert "attachShadow" in script and "window.OncologyMassageWidget" in script


def test_widget_colours_always_meet_aa_contrast() -> None:
    for color in ("#1d4e89", "#ffcc00", "#777777", "#000", "#ffffff", "red; x: y"):
        bg, fg = widget_colors(color)
        assert contrast_ratio(bg, fg) >= 4.5, color
    assert widget_colors("red; background: url(x)")[0] == "#1d4e89"


def test_demo_page_embeds_the_widget_with_one_script_tag(client: TestClient) -> None:
    response = client.get("/demo")
    assert response.status_code == 200
    assert response.text.count('<script src="/widget.js" defer></script>') == 1


def test_chat_page_embedding_policy(make_client: MakeClient) -> None:
    open_client = make_client()
    page = open_client.get("/chat/")
    assert page.status_code == 200 and "<html" in page.text
    assert page.headers["content-security-policy"].endswith(
        "; frame-ancestors 'self' http://localhost:* http://127.0.0.1:* http://[::1]:*"
        " https://localhost:*"
    )
    assert page.headers["x-content-type-options"] == "nosniff"
    assert (
        open_client.get("/api/health")
        .headers["content-security-policy"]
        .endswith("; frame-ancestors 'self'")
    )
    assert open_client.get("/", follow_redirects=False).headers["location"] == "/chat/"

    strict = make_client(
        environment="production",
        staff_session_secret="s" * 32,
        allowed_embed_origins=["https://hospital.example.org", "https://clinic.example:8443"],
    )
    assert (
        strict.get("/chat/")
        .headers["content-security-policy"]
        .endswith(
            "; frame-ancestors 'self' https://hospital.example.org https://clinic.example:8443"
        )
    )


@pytest.mark.parametrize(
    "origin", ["hospital.example.org", "https://x.org/path", "https://x.org; script-src *"]
)
def test_bad_embed_origins_are_refused(tmp_path: Path, origin: str) -> None:
    with pytest.raises(ValueError, match="allowed_embed_origins"):
        frame_ancestors(make_settings(tmp_path, allowed_embed_origins=[origin]))


def test_api_docs_load_their_assets_from_this_server(client: TestClient) -> None:
    """Offline (as many hospital networks are) /docs and /redoc still work: no CDN."""
    import re

    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200, path
        sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert sources, path
        for source in sources:
            assert source.startswith("/"), f"{path} loads {source} from another host"
            asset = client.get(source)
            assert asset.status_code == 200 and len(asset.content) > 1000, source
        assert "cdn." not in page.text and "googleapis" not in page.text, path
    assert "/openapi.json" in client.get("/docs").text
    assert client.get("/docs/oauth2-redirect").status_code == 200


def _owner_cookie(client: TestClient) -> str:
    """Open the chat page as a browser does; it issues the HttpOnly owner secret."""
    page = client.get("/chat/")
    assert page.status_code == 200
    header = page.headers["set-cookie"]
    assert header.startswith(f"{OWNER_COOKIE}=")
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Path=/" in header
    secret = client.cookies.get(OWNER_COOKIE)
    assert isinstance(secret, str) and len(secret) == 43
    assert "set-cookie" not in client.get("/chat/").headers, "issued once per browser"
    return secret


def test_a_transcript_is_read_back_only_with_the_owner_cookie(
    client: TestClient, store: ConversationStore
) -> None:
    secret = _owner_cookie(client)
    first = client.post("/api/chat", json={"message": QUESTION}).json()
    cid = first["conversation_id"]
    assert store.owned_by(cid, owner_hash_of(secret))
    follow = client.post("/api/chat", json={"message": "And during chemo?", "conversation_id": cid})
    assert follow.json()["new_conversation"] is False

    own = client.get(f"/api/conversations/{cid}")
    assert own.status_code == 200, own.text
    body = own.json()
    assert body["conversation_id"] == cid
    assert [m["role"] for m in body["messages"]] == ["user", "assistant", "user", "assistant"]
    assert body["messages"][0]["text"] == QUESTION
    assert body["messages"][0]["route"] is None and body["messages"][1]["route"] == "answer"
    assert body["messages"][1]["citations"] == first["citations"]

    client.cookies.clear()
    assert _error(client.get(f"/api/conversations/{cid}"), 404) == (
        "conversation_id: no such conversation"
    )
    client.cookies.set(OWNER_COOKIE, "A" * 43)
    _error(client.get(f"/api/conversations/{cid}"), 404)
    # Without the secret the id is as good as unknown: a new conversation, nothing revealed.
    other = client.post("/api/chat", json={"message": QUESTION, "conversation_id": cid}).json()
    assert other["new_conversation"] is True and other["conversation_id"] != cid
    refused = client.post(
        "/api/feedback",
        json={"conversation_id": cid, "message_id": first["message_id"], "helpful": True},
    )
    _error(refused, 404)
    assert len(store.messages(cid) or []) == 4


def test_an_api_conversation_without_a_cookie_is_never_readable(client: TestClient) -> None:
    cid = client.post("/api/chat", json={"message": QUESTION}).json()["conversation_id"]
    assert "set-cookie" not in client.post("/api/chat", json={"message": "hi"}).headers
    _error(client.get(f"/api/conversations/{cid}"), 404)
    _owner_cookie(client)
    _error(client.get(f"/api/conversations/{cid}"), 404)
    _error(client.get("/api/conversations/not-an-id"), 404)


def test_openapi_lists_the_routes_and_every_error_status(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    route = schema["components"]["schemas"]["ChatResponse"]["properties"]["route"]
    assert set(route["enum"]) == {
        "answer",
        "clinical",
        "emergency",
        "crisis",
        "out_of_scope",
        "unknown",
        "error",
    }
    paths = schema["paths"]
    for path, method, expected in (
        ("/api/chat", "post", {"200", "400", "403", "408", "413", "422", "429", "500"}),
        ("/api/feedback", "post", {"200", "400", "403", "404", "408", "413", "422", "429", "500"}),
        ("/api/feedback/{feedback_id}", "patch", {"200", "400", "404", "413", "422", "429"}),
        ("/api/conversations/{conversation_id}", "get", {"200", "404", "500"}),
    ):
        responses = paths[path][method]["responses"]
        assert expected <= set(responses), (path, set(responses))
        for status in expected - {"200"}:
            ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("/ErrorResponse") and responses[status]["description"]


def test_versioned_widget_url_serves_the_bytes_its_integrity_hash_names(
    make_client: MakeClient, tmp_path: Path
) -> None:
    import base64
    import hashlib

    from assistant.web.app import widget_path, widget_snippet

    client = make_client(allowed_embed_origins=["https://www.example-hospital.org"])
    client.base_url = "https://chat.example.org"  # type: ignore[assignment]
    settings = make_settings(
        tmp_path / "data", allowed_embed_origins=["https://www.example-hospital.org"]
    )
    tag = widget_snippet(settings, "https://chat.example.org").split("\n")[0]
    assert widget_path().startswith("/widget.v") and f'{widget_path()}"' in tag
    served = client.get(widget_path())
    assert served.status_code == 200
    assert served.headers["access-control-allow-origin"] == "*"
    digest = base64.b64encode(hashlib.sha384(served.content).digest()).decode()
    assert f'integrity="sha384-{digest}"' in tag
    assert client.get("/widget.js").content == served.content
    assert b'"allowedOrigins": ["https://www.example-hospital.org"]' in served.content
