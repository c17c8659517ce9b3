"""The conversation service: the one path both the chat page and the JSON API use.

Runs the real assistant over the default corpus (session fixture) and a real
SQLite conversation store per test, so what is checked is what gets stored.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import make_settings
from sqlalchemy import text

from assistant import content, referrals
from assistant.chat import ConversationService, SlidingWindowLimiter
from assistant.config import Settings
from assistant.conversations import ERROR_ROUTE, ConversationStore
from assistant.errors import ChatInputError, EmptyMessage, MessageTooLong, RateLimited
from assistant.schema import (
    Citation,
    Cited,
    CitedSentence,
    Paragraph,
    Route,
    RouteDecision,
    Turn,
    render_text,
)
from assistant.web import rendering

pytestmark = pytest.mark.slow

QUESTION = "Is massage safe for people with cancer?"
EMERGENCY = "I have crushing chest pain and I can't breathe"
XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">'


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass(frozen=True)
class _Event:
    delta: str = ""
    reply: object = None


class RecordingAssistant:
    """Wraps the real assistant; remembers the history and what was stored when asked."""

    def __init__(self, inner: object, store: ConversationStore) -> None:
        self.inner = inner
        self.store = store
        self.histories: list[list[Turn]] = []
        self.stored_before: list[list[str]] = []
        self.conversation_id: str | None = None

    def stream(self, conversation: Sequence[Turn], message: str) -> Iterator[object]:
        self.histories.append(list(conversation))
        if self.conversation_id is not None:
            stored = self.store.messages(self.conversation_id) or []
            self.stored_before.append([m["text"] for m in stored])
        yield from self.inner.stream(conversation, message)  # type: ignore[attr-defined]


class FailingAssistant:
    """An assistant double that breaks, before or after it has started streaming."""

    def __init__(self, after_delta: bool = False) -> None:
        self.after_delta = after_delta

    def stream(self, conversation: Sequence[Turn], message: str) -> Iterator[object]:
        if self.after_delta:
            yield _Event(delta="Here is what my sources")
        raise RuntimeError("index unavailable")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    with ConversationStore(f"sqlite:///{tmp_path / 'conversations.sqlite3'}") as s:
        s.migrate()
        yield s


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


def test_cited_answer_is_stored_with_its_audit_trail(
    settings: Settings, assistant: object, store: ConversationStore
) -> None:
    service = ConversationService(settings, assistant, store)  # type: ignore[arg-type]
    result = service.handle_message(None, QUESTION)

    assert result.started_new and not result.failed
    assert result.route == "answer"
    assert result.reply.citations, "an answer must cite its sources"
    assert not result.reply.flagged
    stored = store.messages(result.conversation_id)
    assert stored is not None
    assert [m["role"] for m in stored] == ["user", "assistant"]
    user, answer = stored
    assert user["text"] == QUESTION and user["id"] == result.user_message_id
    assert answer["id"] == result.message_id
    assert answer["text"] == result.reply.text
    assert answer["route"] == "answer"
    assert answer["reason"] == result.reply.decision.reason
    assert answer["confidence"] == pytest.approx(result.reply.decision.confidence)
    assert [c["source_id"] for c in answer["citations"]] == [
        c.source_id for c in result.reply.citations
    ]
    passages = answer["retrieval"]["passages"]
    assert passages and all(isinstance(p["score"], float) for p in passages)
    assert answer["latency_ms"] is not None and answer["latency_ms"] > 0
    assert answer["backend"] == result.reply.backend
    assert not store.is_flagged(result.conversation_id)


def test_a_turn_is_stored_whole_after_answering_and_history_stays_in_its_conversation(
    settings: Settings, assistant: object, store: ConversationStore
) -> None:
    spy = RecordingAssistant(assistant, store)
    service = ConversationService(settings, spy, store)  # type: ignore[arg-type]
    other = service.handle_message(None, "What does the Society for Oncology Massage do?")

    first = service.handle_message(None, QUESTION)
    spy.conversation_id = first.conversation_id
    follow_up = service.handle_message(first.conversation_id, "Does it help with anxiety?")

    assert follow_up.conversation_id == first.conversation_id and not follow_up.started_new
    # Nothing of a turn is visible until message, reply and flag commit together.
    assert spy.stored_before[-1] == [QUESTION, first.reply.text]
    assert [m["text"] for m in store.messages(first.conversation_id) or []][-2:] == [
        "Does it help with anxiety?",
        follow_up.reply.text,
    ]
    history = spy.histories[-1]
    assert [t.text for t in history] == [QUESTION, first.reply.text]
    assert all("Society for Oncology Massage do?" not in t.text for t in history)
    assert other.conversation_id != first.conversation_id


@pytest.mark.parametrize("given", [None, "not-an-id", "A" * 32])
def test_unknown_or_foreign_conversation_id_starts_a_new_conversation(
    settings: Settings, assistant: object, store: ConversationStore, given: str | None
) -> None:
    service = ConversationService(settings, assistant, store)  # type: ignore[arg-type]
    result = service.handle_message(given, QUESTION)
    assert result.started_new
    assert result.conversation_id != given
    assert store.exists(result.conversation_id)
    assert not store.exists(given)


def test_emergency_is_answered_with_the_fixed_text_and_flagged(
    settings: Settings, assistant: object, store: ConversationStore
) -> None:
    service = ConversationService(settings, assistant, store)  # type: ignore[arg-type]
    result = service.handle_message(None, EMERGENCY)

    assert result.route == "emergency"
    assert result.reply.text == content.render("emergency", settings)
    assert result.reply.flagged and result.reply.flag_reason
    assert store.is_flagged(result.conversation_id)
    detail = store.get_conversation(result.conversation_id)
    assert detail is not None
    assert [f["message_id"] for f in detail["flags"]] == [result.message_id]
    assert detail["flags"][0]["reason"].startswith("emergency")


@pytest.mark.parametrize("after_delta", [False, True])
def test_failure_while_answering_is_stored_flagged_and_explained(
    settings: Settings, store: ConversationStore, after_delta: bool
) -> None:
    service = ConversationService(settings, FailingAssistant(after_delta), store)
    events = list(service.stream_message(None, QUESTION))

    result = events[-1].result
    assert result is not None and result.failed
    assert result.route == ERROR_ROUTE
    assert result.reply.text == content.render("error", settings)
    assert result.reply.flagged
    stored = store.messages(result.conversation_id)
    assert stored is not None
    assert [(m["role"], m["route"]) for m in stored] == [("user", None), ("assistant", "error")]
    assert stored[1]["text"] == content.render("error", settings)
    assert stored[1]["reason"] == "error: RuntimeError"
    detail = store.get_conversation(result.conversation_id)
    assert detail is not None
    assert [(f["reason"], f["message_id"]) for f in detail["flags"]] == [
        ("error: RuntimeError", result.message_id)
    ]
    assert store.history(result.conversation_id) == [Turn("user", QUESTION)]


@pytest.mark.parametrize(
    ("message", "error"),
    [("", EmptyMessage), ("   \n ", EmptyMessage), ("x" * 51, MessageTooLong)],
)
def test_refused_messages_store_nothing(
    tmp_path: Path, store: ConversationStore, message: str, error: type[ChatInputError]
) -> None:
    settings = make_settings(tmp_path / "data", max_message_chars=50)
    service = ConversationService(settings, FailingAssistant(), store)
    with pytest.raises(error) as caught:
        service.handle_message(None, message)
    assert caught.value.message
    assert _count(store, "conversations") == 0 and _count(store, "messages") == 0
    if error is MessageTooLong:
        assert "51" in caught.value.message and "50" in caught.value.message


def _count(store: ConversationStore, table: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())


def test_length_limit_counts_the_trimmed_message(
    tmp_path: Path, assistant: object, store: ConversationStore
) -> None:
    settings = make_settings(tmp_path / "data", max_message_chars=50)
    service = ConversationService(settings, assistant, store)  # type: ignore[arg-type]
    result = service.handle_message(None, "  " + "massage " * 6 + "  ")
    assert (store.messages(result.conversation_id) or [])[0]["text"] == ("massage " * 6).strip()


def test_rate_limit_is_per_session_and_slides(tmp_path: Path, store: ConversationStore) -> None:
    settings = make_settings(tmp_path / "data", rate_limit_per_minute=3)
    clock = FakeClock()
    service = ConversationService(settings, FailingAssistant(), store, clock=clock)
    for _ in range(3):
        service.handle_message(None, QUESTION, session_key="tab-1")
    with pytest.raises(RateLimited) as caught:
        service.handle_message(None, QUESTION, session_key="tab-1")
    assert 1 <= caught.value.retry_after_s <= 60
    service.handle_message(None, QUESTION, session_key="tab-2")

    clock.now += 61
    service.handle_message(None, QUESTION, session_key="tab-1")


def test_rate_limit_without_session_counts_per_conversation(
    tmp_path: Path, store: ConversationStore
) -> None:
    settings = make_settings(tmp_path / "data", rate_limit_per_minute=2)
    service = ConversationService(settings, FailingAssistant(), store, clock=FakeClock())
    conv = service.handle_message(None, QUESTION).conversation_id
    service.handle_message(conv, QUESTION)
    stored = len(store.messages(conv) or [])
    with pytest.raises(RateLimited):
        service.handle_message(conv, QUESTION)
    assert len(store.messages(conv) or []) == stored


def test_limiter_forgets_idle_keys() -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter(2, 60.0, clock)
    assert limiter.hit("a") == 0 and limiter.hit("b") == 0
    clock.now += 120
    assert limiter.hit("c") == 0
    assert set(limiter._events) == {"c"}


def test_feedback_not_helpful_flags_the_conversation(
    settings: Settings, assistant: object, store: ConversationStore
) -> None:
    service = ConversationService(settings, assistant, store)  # type: ignore[arg-type]
    result = service.handle_message(None, QUESTION)
    service.add_feedback(result.conversation_id, result.message_id, True)
    assert not store.is_flagged(result.conversation_id)
    service.add_feedback(result.conversation_id, result.message_id, False, "too vague")
    assert store.is_flagged(result.conversation_id)
    feedback = (store.messages(result.conversation_id) or [])[1]["feedback"]
    assert [(f["helpful"], f["comment"]) for f in feedback] == [(True, None), (False, "too vague")]
    with pytest.raises(ValueError):
        service.add_feedback(result.conversation_id, result.user_message_id, True)


def test_message_text_is_never_logged(
    settings: Settings,
    assistant: object,
    store: ConversationStore,
    caplog: pytest.LogCaptureFixture,
) -> None:
    marker = "zebra-marker-7731"
    caplog.set_level(logging.DEBUG)
    ok = ConversationService(settings, assistant, store)  # type: ignore[arg-type]
    ok.handle_message(None, f"Is massage safe after surgery {marker}?")
    failing = ConversationService(settings, FailingAssistant(), store)
    failing.handle_message(None, f"What about {marker}?")
    assert caplog.records, "the service should log what happened (without text)"
    assert marker not in caplog.text


# Rendering


def _citation(url: str, quote: str = "Massage is generally safe.") -> Citation:
    return Citation(1, url, f"Title {XSS}", f"Section {XSS}", 4, quote, "c1", f"Pub {XSS}")


def test_user_text_is_shown_literally_and_never_as_markup() -> None:
    shown = rendering.user_markdown(XSS + " **bold** [x](javascript:alert(1))")
    assert "<script" not in shown and "<img" not in shown
    assert "&lt;script&gt;" in shown and "&lt;img" in shown
    assert "\\*\\*bold\\*\\*" in shown and "\\[x\\]\\(javascript:alert\\(1\\)\\)" in shown


def test_source_cards_escape_document_text_and_link_only_http(settings: Settings) -> None:
    html = rendering.source_cards([_citation("https://example.org/page?a=1&b=2", XSS)], settings)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert '<a href="https://example.org/page?a=1&amp;b=2#:~:text=' in html
    assert 'target="_blank" rel="noopener noreferrer"' in html
    assert "Page 4" in html and "Section: Section &lt;script&gt;" in html

    for bad in ("javascript:alert(1)", "data:text/html,hi", "corpus/file.md", "//evil.org/x"):
        card = rendering.source_cards([_citation(bad)], settings)
        assert "<a " not in card and "href" not in card


def test_source_cards_group_passages_by_page_and_link_to_each_passage(
    settings: Settings,
) -> None:
    page = "https://example.org/massage#top"
    citations = [
        Citation(
            1,
            page,
            "Massage and cancer",
            "Safety",
            None,
            "Light-touch massage, is safe & kind.",
            "a",
            "S4OM",
        ),
        Citation(2, "https://other.org/x", "Other page", "", None, "Another passage.", "b", ""),
        Citation(
            3, page, "Massage and cancer", "Benefits", None, "It may ease anxiety.", "c", "S4OM"
        ),
    ]
    html = rendering.source_cards(citations, settings)
    assert html.count('class="source-card"') == 2
    first_card = html.split('class="source-card"')[1]
    assert '<span class="source-num">[1] [3]</span>' in first_card
    assert first_card.count('class="source-passage"') == 2
    assert "Section: Safety" in first_card and "Section: Benefits" in first_card
    assert "S4OM" in first_card
    fragment = (
        "https://example.org/massage#:~:text=Light%2Dtouch%20massage%2C%20is%20safe%20%26%20kind"
    )
    assert f'href="{fragment}"' in first_card
    assert 'href="https://example.org/massage#:~:text=It%20may%20ease%20anxiety"' in first_card
    assert "Read it on the page [3]" in first_card
    assert rendering.text_fragment_url("https://e.org/p", "  ") == "https://e.org/p"


@pytest.mark.parametrize(
    ("route", "role", "label"),
    [
        (Route.EMERGENCY.value, "alert", "Emergency"),
        (Route.CRISIS.value, "alert", "Urgent support"),
        (Route.CLINICAL.value, "note", "care team"),
        (Route.UNKNOWN.value, "note", "Not in my sources"),
        (Route.OUT_OF_SCOPE.value, "note", "Outside"),
        (ERROR_ROUTE, "alert", "Something went wrong"),
    ],
)
def test_non_answer_routes_are_set_apart(
    route: str, role: str, label: str, settings: Settings
) -> None:
    html = rendering.assistant_html((Paragraph(f"Call 911 now. {XSS}"),), route, (), settings)
    assert f'role="{role}"' in html and label in html
    assert f"route-{route.replace('_', '-')}" in html
    assert "<script" not in html


def test_answers_have_no_banner_and_list_their_sources(settings: Settings) -> None:
    blocks = (
        Paragraph("Here is what my sources say:"),
        Cited((CitedSentence("Massage helps.", (1,)), CitedSentence("It is safe.", (1,)))),
    )
    html = rendering.assistant_html(
        blocks, Route.ANSWER.value, [_citation("https://example.org/")], settings
    )
    assert "route-note" not in html and 'role="alert"' not in html
    assert "<ul><li>Massage helps. [1]</li><li>It is safe. [1]</li></ul>" in html
    assert 'class="source-card"' in html


def test_a_paragraph_in_another_language_is_marked_for_screen_readers(settings: Settings) -> None:
    blocks = (
        Paragraph("Nếu là trường hợp khẩn cấp, hãy gọi 911 ngay.", lang="vi"),
        Paragraph("في حالة الطوارئ، اتصل بالرقم 911 الآن.", lang="ar"),
        Paragraph("Call 911 now."),
        Paragraph("Call 911 now.", lang='en" onclick="x'),
    )
    html = rendering.assistant_html(blocks, Route.EMERGENCY.value, (), settings)
    assert html.count('<p lang="vi" dir="auto">') == 1
    assert html.count('<p lang="ar" dir="auto">') == 1
    assert html.count("<p>Call") == 2 and "onclick" not in html


@pytest.mark.parametrize(
    ("route", "detail", "language", "help_language"),
    [
        (Route.EMERGENCY, "fever_on_treatment", "en", "vi"),
        (Route.CRISIS, "suicide", "en", "ar"),
        (Route.EMERGENCY, "fever_on_treatment", "es", None),
        (Route.OUT_OF_SCOPE, "language", "en", "ko"),
    ],
)
def test_a_reply_read_back_from_the_store_marks_the_same_languages_as_when_it_was_sent(
    settings: Settings, route: Route, detail: str, language: str, help_language: str | None
) -> None:
    decision = RouteDecision(route, detail, 1.0, language=language, help_language=help_language)
    blocks = referrals.fixed_reply_blocks(decision, settings)
    assert blocks is not None
    marked = {b.lang for b in blocks if isinstance(b, Paragraph) and b.lang}
    assert marked, "the case must have a paragraph in another language"
    sent = rendering.assistant_html(blocks, route.value, (), settings)
    stored = rendering.stored_reply_html(render_text(blocks), route.value, (), settings)
    for code in marked:
        tag = f'<p lang="{code}" dir="auto">'
        assert sent.count(tag) == stored.count(tag) == 1
    assert stored.count(" lang=") == len(marked)


def test_urls_in_reply_text_become_safe_links() -> None:
    html = rendering.text_to_html("Find one here: https://www.s4om.org/. Or javascript:alert(1)")
    assert '<a href="https://www.s4om.org/" target="_blank" rel="noopener noreferrer">' in html
    assert "</a>. Or javascript:alert(1)" in html
