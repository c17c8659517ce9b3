"""The conversation after a reload, between host pages, and taken to an appointment.

Real app (``create_app`` over the real assistant and a real SQLite store) served
by uvicorn, driven in Debian's Chromium. sessionStorage holds only the
conversation id; the transcript comes back from the server only for the
browser holding the HttpOnly cookie that started the conversation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    audit,
    launched_chromium,
    require_chromium,
    screenshot,
    serve_in_thread,
)
from conftest import make_settings
from test_browser import (
    ANSWER_TIMEOUT_MS,
    LAPTOP,
    PHONE,
    QUESTION,
    PacedAssistant,
    ask,
    open_chat,
)

from assistant.chat import OWNER_COOKIE
from assistant.conversations import ConversationStore
from assistant.web.app import create_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STORED_ID = "om-conversation"


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, assistant: object
) -> Iterator[tuple[str, ConversationStore]]:
    require_chromium()
    tmp = tmp_path_factory.mktemp("browser-session")
    settings = make_settings(tmp / "data", rate_limit_per_minute=60, retention_days=30)
    with ConversationStore(f"sqlite:///{tmp / 'conversations.sqlite3'}") as store:
        store.migrate()
        app = create_app(settings, PacedAssistant(assistant, pause_s=0.05), store)
        with serve_in_thread(app) as base_url:
            yield base_url, store


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as instance:
        yield instance


@pytest.fixture
def base_url(server: tuple[str, ConversationStore]) -> str:
    return server[0]


def new_page(browser: Any, viewport: dict[str, int] = LAPTOP) -> Any:
    context = browser.new_context(viewport=viewport, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def stored_id(page: Any, frame: Any = None) -> str | None:
    target = frame or page
    value = target.evaluate(f"() => sessionStorage.getItem('{STORED_ID}')")
    assert value is None or isinstance(value, str)
    return value


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360x740", "1280x800"])
def test_the_transcript_comes_back_after_a_reload_for_this_browser_only(
    browser: Any, base_url: str, viewport: dict[str, int]
) -> None:
    page = new_page(browser, viewport)
    try:
        box = open_chat(page, base_url)
        reply = ask(page, box, QUESTION)
        reply.locator(".source-card").first.wait_for()
        page.wait_for_function(f"() => sessionStorage.getItem('{STORED_ID}')")
        conversation_id = stored_id(page)
        assert conversation_id and len(conversation_id) == 32
        storage = page.evaluate("() => Object.keys(sessionStorage)")
        assert storage == [STORED_ID], "sessionStorage holds the conversation id only"
        cookie = next(c for c in page.context.cookies() if c["name"] == OWNER_COOKIE)
        assert cookie["httpOnly"] is True and cookie["sameSite"] == "Lax"
        assert page.evaluate("() => document.cookie") == "", "scripts cannot read the secret"
        cards_before = page.locator("#om-chat .source-card").count()

        page.reload()
        page.locator("#om-chat [data-testid='user']").first.wait_for()
        restored = page.locator("#om-chat [data-testid='bot']").first
        restored.locator(".source-card").first.wait_for()
        assert QUESTION in page.locator("#om-chat [data-testid='user']").first.inner_text()
        assert page.locator("#om-chat .source-card").count() == cards_before
        for card in page.locator("#om-chat .source-card").all_inner_texts():
            # CancerChoices gives its page's date; S4OM's page has none, so none is shown.
            if "CancerChoices" in card:
                assert "Page last updated: December 4, 2020" in card
            else:
                assert "last updated" not in card
        hrefs = page.locator("#om-chat .source-card a").evaluate_all(
            "links => links.map(a => a.href)"
        )
        assert hrefs and all(h.startswith("https://") for h in hrefs)
        name = "x".join(str(v) for v in viewport.values())
        screenshot(page, f"chat-restored-after-reload-{name}", full_page=False)
        results = audit(page)
        assert results.violations_count == 0, results.generate_report()

        # The conversation continues: a follow-up is stored in the same conversation.
        ask(page, open_chat_box(page), "What about during radiation?")
        assert stored_id(page) == conversation_id

        # The API reads it back for this browser (cookie sent) and for no one else.
        own = page.request.get(f"{base_url}/api/conversations/{conversation_id}")
        assert own.status == 200
        messages = own.json()["messages"]
        assert [m["role"] for m in messages] == ["user", "assistant"] * 2
        assert messages[0]["text"] == QUESTION and messages[1]["citations"]

        other = new_page(browser, viewport)
        try:
            other.goto(f"{base_url}/chat/")
            other.evaluate(f"id => sessionStorage.setItem('{STORED_ID}', id)", conversation_id)
            other.reload()
            open_chat_box(other)
            other.wait_for_function(f"() => sessionStorage.getItem('{STORED_ID}') === null")
            assert other.locator("#om-chat [data-testid='user']").count() == 0
            assert QUESTION not in other.locator("#om-chat").inner_text()
            denied = other.request.get(f"{base_url}/api/conversations/{conversation_id}")
            assert denied.status == 404
            assert denied.json() == {"error": "conversation_id: no such conversation"}
        finally:
            other.context.close()
    finally:
        page.context.close()


def open_chat_box(page: Any) -> Any:
    box = page.locator("#om-question textarea")
    box.wait_for(state="visible")
    return box


def test_new_conversation_forgets_the_stored_id(browser: Any, base_url: str) -> None:
    page = new_page(browser)
    try:
        box = open_chat(page, base_url)
        ask(page, box, QUESTION)
        page.wait_for_function(f"() => sessionStorage.getItem('{STORED_ID}')")
        page.locator("#om-new").click()
        page.locator("#om-confirm-yes").click()
        page.wait_for_function(f"() => sessionStorage.getItem('{STORED_ID}') === null")
        page.reload()
        open_chat_box(page)
        page.wait_for_timeout(1500)
        assert page.locator("#om-chat [data-testid='user']").count() == 0
    finally:
        page.context.close()


def test_widget_conversation_follows_the_visitor_between_host_pages(
    browser: Any, base_url: str
) -> None:
    page = new_page(browser)
    try:
        page.goto(f"{base_url}/demo")
        page.locator(".launcher").click()
        frame = page.frame_locator("iframe")
        box = frame.locator("#om-question textarea")
        box.wait_for(state="visible")
        box.fill(QUESTION)
        box.press("Enter")
        frame.locator(".source-card").first.wait_for(timeout=ANSWER_TIMEOUT_MS)

        page.goto(f"{base_url}/demo?page=2")
        page.locator(".launcher").click()
        frame = page.frame_locator("iframe")
        frame.locator("#om-chat [data-testid='user']").first.wait_for()
        assert QUESTION in frame.locator("#om-chat [data-testid='user']").first.inner_text()
        frame.locator(".source-card").first.wait_for()
        screenshot(page, "widget-restored-on-another-host-page", full_page=False)
    finally:
        page.context.close()


CLINICAL = "I have lymphedema in my arm after surgery. Is massage OK for me?"


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360x740", "1280x800"])
def test_take_this_to_my_appointment_print_view_and_download(
    browser: Any, base_url: str, viewport: dict[str, int]
) -> None:
    page = new_page(browser, viewport)
    try:
        box = open_chat(page, base_url)
        export = page.locator("#om-export")
        assert export.is_hidden(), "nothing to take along before the first answer"
        first = ask(page, box, QUESTION)
        first.locator(".source-card").first.wait_for()
        ask(page, box, CLINICAL)
        export.locator(".om-export-download").wait_for(state="visible")
        for button in export.locator("button").all():
            size = button.bounding_box()
            assert size["height"] >= 24 and size["x"] + size["width"] <= viewport["width"]
        name = "x".join(str(v) for v in viewport.values())
        screenshot(page, f"chat-export-buttons-{name}", full_page=False)
        results = audit(page)
        assert results.violations_count == 0, results.generate_report()

        with page.expect_download() as info:
            export.locator(".om-export-download").click()
        download = info.value
        assert download.suggested_filename == "oncology-massage-chat.html"
        saved = Path(download.path()).read_text("utf-8")
        assert QUESTION in saved and CLINICAL in saved
        assert "Here is what my sources say" in saved, "the answer is in the file"
        assert "Questions to ask your care team" in saved
        hrefs = page.evaluate(
            """html => [...new DOMParser().parseFromString(html, 'text/html')
                        .querySelectorAll('a[href^="https://"]')].map(a => a.href)""",
            saved,
        )
        cited = first.locator(".source-card a").evaluate_all("as => as.map(a => a.href)")
        assert cited and set(cited) <= set(hrefs), "every source link is in the file"

        with page.context.expect_page() as popup:
            export.locator(".om-export-print").click()
        view = popup.value
        view.wait_for_load_state()
        assert QUESTION in view.locator("main").inner_text()
        questions = view.locator("h2 + ol li").all_inner_texts()
        assert questions, "the questions for the care team are gathered at the top"
        view.emulate_media(media="print")
        assert view.locator(".om-export-actions").is_hidden(), "the Print button is not printed"
        overflow = view.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        screenshot(view, f"chat-print-view-{name}")
        view.emulate_media(media="screen")
        results = audit(view)
        assert results.violations_count == 0, results.generate_report()

        stranger = new_page(browser, viewport)
        try:
            conversation_id = stored_id(page)
            denied = stranger.goto(f"{base_url}/conversation/{conversation_id}?download=1")
            assert denied is not None and denied.status == 404
            assert QUESTION not in stranger.content()
        finally:
            stranger.context.close()
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360x740", "1280x800"])
def test_without_javascript_the_chat_page_shows_help_and_links_to_the_plain_chat(
    browser: Any, base_url: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{base_url}/chat/")
        note = page.locator("noscript .om-noscript, .om-noscript").first
        note.wait_for(state="visible")
        link = page.get_by_role("link", name="Use the simple chat instead")
        assert link.get_attribute("href") == "/plain"
        box = link.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
        assert page.locator(".om-disclaimer a.help-call[href='tel:911']").count() == 1
        assert page.locator(".om-disclaimer a.help-text[href='sms:988']").count() == 1
        name = "x".join(str(v) for v in viewport.values())
        screenshot(page, f"chat-no-js-{name}", full_page=False)
        link.click()
        page.get_by_label("Your question").wait_for(state="visible")
    finally:
        context.close()

    page = new_page(browser, viewport)
    try:
        open_chat(page, base_url)
        assert (
            page.locator(".om-noscript").count() == 0
            or page.locator(".om-noscript").first.is_hidden()
        ), "with JavaScript the note is not shown"
    finally:
        page.context.close()
