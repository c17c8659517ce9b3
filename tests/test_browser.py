"""The real app in real headless Chromium: chat, feedback, widget, keyboard, XSS, small screens.

The app is ``create_app`` over the real assistant (default corpus) and a real
SQLite store, served by uvicorn in a background thread. The assistant is
wrapped only to pace its streamed pieces, so the test can see a reply arrive
in parts. Screenshots go to artifacts/screenshots/ for people to look at.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_support import (
    audit,
    launched_chromium,
    require_chromium,
    screenshot,
    serve_in_thread,
)
from conftest import make_settings

from assistant.conversations import NOT_HELPFUL_REASON, ConversationStore
from assistant.schema import Turn
from assistant.web.app import create_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUESTION = "Is massage safe for people with cancer?"
EMERGENCY = "My chest hurts and I can't breathe"
XSS_PAYLOADS = (
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
)
ANSWER_TIMEOUT_MS = 120_000
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
STARTERS = (
    "Is massage safe during chemo?",
    "Can massage help with anxiety?",
    "How do I find a massage therapist trained in cancer care?",
)


class PacedAssistant:
    """The real assistant, with a short pause between streamed pieces so streaming is visible."""

    def __init__(self, inner: Any, pause_s: float = 0.4) -> None:
        self.inner = inner
        self.pause_s = pause_s

    def stream(self, conversation: Sequence[Turn], message: str) -> Iterator[object]:
        for event in self.inner.stream(conversation, message):
            if getattr(event, "reply", None) is not None:
                time.sleep(self.pause_s)
            yield event
            if getattr(event, "delta", ""):
                time.sleep(self.pause_s)


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, assistant: object
) -> Iterator[tuple[str, ConversationStore]]:
    require_chromium()
    tmp = tmp_path_factory.mktemp("browser")
    settings = make_settings(
        tmp / "data",
        rate_limit_per_minute=60,
        retention_days=30,
        privacy_contact="privacy@example.org",
    )
    with ConversationStore(f"sqlite:///{tmp / 'conversations.sqlite3'}") as store:
        store.migrate()
        app = create_app(settings, PacedAssistant(assistant), store)
        with serve_in_thread(app) as base_url:
            yield base_url, store


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as instance:
        yield instance


@pytest.fixture
def base_url(server: tuple[str, ConversationStore]) -> str:
    return server[0]


@pytest.fixture
def store(server: tuple[str, ConversationStore]) -> ConversationStore:
    return server[1]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(30_000)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()
    assert dialogs == [], "no page may open an alert or confirm dialog"


def open_chat(page: Any, base_url: str) -> Any:
    page.goto(f"{base_url}/chat/")
    box = page.locator("#om-question textarea")
    box.wait_for(state="visible")
    return box


def ask(page: Any, box: Any, question: str) -> Any:
    """Type a question, press Enter, and return the locator of the finished reply."""
    answers_before = page.locator("#om-chat [data-testid='bot']").count()
    box.fill(question)
    box.press("Enter")
    reply = page.locator("#om-chat [data-testid='bot']").nth(answers_before)
    reply.locator(".answer-body:not(.streaming), .route-note").first.wait_for(
        timeout=ANSWER_TIMEOUT_MS
    )
    return reply


def rect(page: Any, selector: str) -> dict[str, float]:
    """The element's bounding box in viewport coordinates (top, bottom, left, right, height)."""
    box = page.evaluate(
        """sel => { const r = document.querySelector(sel).getBoundingClientRect();
                    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                            height: r.height}; }""",
        selector,
    )
    assert isinstance(box, dict)
    return box


def wait_for_layout(page: Any) -> None:
    """Wait until the chat has been sized to the screen (two frames without a change)."""
    page.wait_for_function(
        """() => new Promise(done => {
            const h = () => document.querySelector('#om-chat').offsetHeight;
            const first = h();
            requestAnimationFrame(() => requestAnimationFrame(() => done(h() === first)));
        })"""
    )


def in_viewport(box: dict[str, float], viewport: dict[str, int]) -> bool:
    return (
        box["top"] >= 0
        and box["bottom"] <= viewport["height"]
        and box["left"] >= 0
        and box["right"] <= viewport["width"]
    )


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360x740", "1280x800"])
def test_first_screen_shows_disclaimer_question_box_starters_and_privacy_note(
    page: Any, base_url: str, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    open_chat(page, base_url)
    wait_for_layout(page)
    assert page.evaluate("() => window.scrollY") == 0
    for selector in (".om-disclaimer", "#om-question textarea", "#om-send", ".om-privacy"):
        box = rect(page, selector)
        assert in_viewport(box, viewport), (selector, box, viewport)
    disclaimer = page.locator(".om-disclaimer")
    assert disclaimer.locator("a.help-call[href='tel:911']").count() == 1
    assert disclaimer.locator("a.help-text[href='sms:988']").count() == 1
    first_starter = page.get_by_role("button", name=STARTERS[0], exact=True)
    assert first_starter.is_visible()
    starter = first_starter.bounding_box()
    assert starter["y"] >= 0 and starter["y"] + starter["height"] <= viewport["height"]
    assert starter["height"] >= 24
    for question in STARTERS:
        assert page.get_by_role("button", name=question, exact=True).count() == 1

    privacy = page.locator(".om-privacy")
    note = privacy.inner_text()
    assert "We save this chat" in note and "staff may read" in note
    assert "30 days" in note, "the retention period comes from the settings"
    privacy.locator("summary").click()
    mail = privacy.locator("a[href='mailto:privacy@example.org']")
    mail.wait_for(state="visible")
    assert "delete" in privacy.inner_text()
    screenshot(page, f"chat-first-screen-{viewport['width']}x{viewport['height']}", full_page=False)


def test_starter_question_button_asks_the_question(page: Any, base_url: str) -> None:
    page.set_viewport_size(PHONE)
    open_chat(page, base_url)
    page.get_by_role("button", name=STARTERS[1], exact=True).click()
    asked = page.locator("#om-chat [data-testid='user']").first
    asked.wait_for()
    assert " ".join(asked.inner_text().split()) == f"You said: {STARTERS[1]}"
    reply = page.locator("#om-chat [data-testid='bot']").first
    reply.locator(".answer-body:not(.streaming), .route-note").first.wait_for(
        timeout=ANSWER_TIMEOUT_MS
    )
    assert page.locator("#om-question textarea").input_value() == ""
    assert page.get_by_role("button", name=STARTERS[0], exact=True).count() == 0


REPLY_START = """() => {
    const bots = document.querySelectorAll('#om-chat [data-testid="bot"]');
    const reply = bots[bots.length - 1].closest('.message-row').getBoundingClientRect();
    const scroller = document.querySelector('#om-chat .bubble-wrap');
    const view = scroller.getBoundingClientRect();
    return {replyTop: reply.top, replyHeight: reply.height, viewTop: view.top,
            viewBottom: view.bottom, scrollTop: scroller.scrollTop,
            scrollHeight: scroller.scrollHeight};
}"""


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360x740", "1280x800"])
def test_after_a_long_answer_the_start_of_the_reply_is_in_view(
    page: Any, base_url: str, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    box = open_chat(page, base_url)
    for question in (QUESTION, "Does massage help with anxiety?"):
        reply = ask(page, box, question)
        reply.locator(".source-card").first.wait_for()
        page.wait_for_timeout(300)
        where = page.evaluate(REPLY_START)
        height = where["viewBottom"] - where["viewTop"]
        if viewport is PHONE or question != QUESTION:
            # Where the view lands matters: the conversation (on a phone, the answer with
            # its sources alone) is taller than the chat, and scrolling to the end would
            # put the reply's start out of view or far below the top.
            tall = where["replyHeight"] if viewport is PHONE else where["scrollHeight"]
            assert tall > height, where
        assert where["viewTop"] - 1 <= where["replyTop"] <= where["viewTop"] + 40, where
        assert where["viewTop"] >= 0 and where["viewTop"] + 60 <= viewport["height"], where
        answer_top = reply.locator(".answer-body").bounding_box()
        assert 0 <= answer_top["y"] <= viewport["height"] - 40, answer_top
        screenshot(page, f"chat-reply-start-{viewport['width']}", full_page=False)
        # A reader who scrolled back up still sees the next reply arrive.
        page.evaluate("() => { document.querySelector('#om-chat .bubble-wrap').scrollTop = 0; }")


def test_safety_alert_comes_into_view_at_full_opacity_and_is_announced(
    page: Any, base_url: str
) -> None:
    page.set_viewport_size(PHONE)
    box = open_chat(page, base_url)
    ask(page, box, QUESTION).locator(".source-card").first.wait_for()
    page.evaluate("() => { document.querySelector('#om-chat .bubble-wrap').scrollTop = 0; }")
    alert = ask(page, box, EMERGENCY).locator(".route-emergency")
    alert.wait_for()
    announcer = page.locator("#om-announcer")
    page.wait_for_function(
        "() => document.querySelector('#om-announcer')?.textContent.includes('Call 911')"
    )
    assert announcer.get_attribute("role") == "alert"
    assert announcer.get_attribute("aria-live") == "assertive"
    spoken = announcer.text_content()
    assert spoken.startswith("Emergency: get help now"), spoken
    view = rect(page, "#om-chat .bubble-wrap")
    banner = alert.bounding_box()
    assert view["top"] - 1 <= banner["y"] <= view["top"] + 40, (banner, view)
    opacity = page.evaluate(
        """() => { let e = document.querySelector('.route-emergency'), o = 1;
                   while (e) { o *= parseFloat(getComputedStyle(e).opacity); e = e.parentElement; }
                   return o; }"""
    )
    assert opacity == 1, f"the alert is drawn at {opacity:.0%} opacity"
    screenshot(page, "chat-360px-alert-in-view", full_page=False)


def test_question_gets_a_streamed_cited_answer_with_source_cards(page: Any, base_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    box = open_chat(page, base_url)
    disclaimer = page.locator(".om-disclaimer")
    assert "not medical advice" in disclaimer.inner_text()
    assert "call 911" in disclaimer.inner_text().lower()
    screenshot(page, "chat-desktop-empty")

    box.fill(QUESTION)
    box.press("Enter")
    streaming = page.locator("#om-chat .answer-body.streaming")
    streaming.wait_for(timeout=ANSWER_TIMEOUT_MS)
    partial = streaming.inner_text()
    cards = page.locator("#om-chat .source-card")
    cards.first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert page.locator("#om-chat .answer-body.streaming").count() == 0
    answer = page.locator("#om-chat .answer-body").last.inner_text()
    assert partial and len(partial) < len(answer)
    assert answer.startswith("Here is what my sources say")

    assert cards.count() >= 1
    first = cards.first
    assert first.locator(".source-title .source-num").inner_text().startswith("[1]")
    assert first.locator(".source-quote").first.inner_text().strip()
    link = first.locator(".source-title a")
    href = link.get_attribute("href", timeout=5000)
    assert href.startswith("https://") and "#:~:text=" in href, href
    pages = [
        a.split("#", 1)[0]
        for a in page.locator("#om-chat .source-title a").evaluate_all(
            "links => links.map(a => a.href)"
        )
    ]
    assert len(pages) == len(set(pages)), "one card per page"
    passage = first.locator("a.source-passage-link").first
    assert "#:~:text=" in passage.get_attribute("href")
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert first.locator(".source-meta").inner_text().strip()
    assert page.locator("#om-chat .route-note").count() == 0
    screenshot(page, "chat-desktop-answer")

    hosts = {urlsplit(u).hostname for u in requests if u.startswith("http")}
    assert hosts == {"127.0.0.1"}, f"the page must not contact other hosts: {hosts}"


def test_emergency_reply_is_an_alert_that_looks_different(page: Any, base_url: str) -> None:
    box = open_chat(page, base_url)
    ask(page, box, QUESTION)
    reply = ask(page, box, EMERGENCY)
    banner = reply.locator(".route-emergency")
    banner.wait_for()
    assert banner.get_attribute("role") == "alert"
    assert "Emergency" in banner.inner_text() and "911" in banner.inner_text()
    assert reply.locator(".om-feedback").count() == 0, "no feedback buttons on an emergency"
    colours = page.evaluate(
        """() => {
            const bg = e => getComputedStyle(e).backgroundColor;
            return [bg(document.querySelector('.route-emergency')),
                    bg(document.querySelector('.answer-body').closest('.message'))];
        }"""
    )
    assert colours[0] != colours[1]
    banner.scroll_into_view_if_needed()
    screenshot(page, "chat-desktop-emergency")


def test_an_emergency_in_another_language_opens_with_the_help_numbers_marked_in_it(
    page: Any, base_url: str
) -> None:
    """A red flag told in Vietnamese: the alert opens with the help numbers in Vietnamese,
    marked ``lang="vi"`` for screen readers, with the numbers as links; axe finds nothing."""
    box = open_chat(page, base_url)
    reply = ask(page, box, "Mẹ tôi đang hóa trị, sốt 39 độ và run lẩy bẩy, có nên xoa bóp không?")
    alert = reply.locator(".route-emergency")
    alert.wait_for()
    first = alert.locator("p:not(.route-label)").first
    assert first.get_attribute("lang") == "vi"
    assert "911" in first.inner_text() and "988" in first.inner_text()
    assert first.locator("a[href^='tel:']").count() >= 1
    assert alert.locator("p[lang='vi']").count() == 1  # the English text that follows is not
    results = audit(page)
    assert results.violations_count == 0, results.generate_report()


def test_safety_replies_on_a_phone_have_tap_to_call_and_tap_to_text_links(
    page: Any, base_url: str
) -> None:
    page.set_viewport_size(PHONE)
    box = open_chat(page, base_url)
    disclaimer = page.locator(".om-disclaimer")
    assert disclaimer.locator("a.help-call[href='tel:911']").count() == 1
    assert disclaimer.locator("a.help-text[href='sms:988']").count() == 1

    # Emergency first: after a crisis reply a later emergency keeps the crisis reply,
    # which also gives the emergency number (tests/test_routing.py).
    emergency = ask(page, box, EMERGENCY).locator(".route-emergency")
    emergency.wait_for()
    call = emergency.locator("a.help-call[href='tel:911']").first
    call.scroll_into_view_if_needed()
    size = call.bounding_box()
    assert size is not None and size["height"] >= 24 and size["width"] >= 24, size
    crisis_reply = ask(page, box, "I want to end my life")
    crisis = crisis_reply.locator(".route-crisis")
    crisis.wait_for()
    assert crisis_reply.locator(".om-feedback").count() == 0, "no feedback buttons on a crisis"
    assert crisis.locator("a.help-call[href='tel:988']").count() >= 1
    assert crisis.locator("a.help-text[href='sms:988']").count() >= 1
    assert crisis.locator("a.help-call[href='tel:911']").count() >= 1
    abuse = ask(page, box, "my husband hits me and I am scared to go home").locator(".route-crisis")
    abuse.wait_for()
    assert abuse.locator("a.help-call[href='tel:18007997233']").count() == 1
    screenshot(page, "chat-360px-tap-to-call", full_page=False)


def test_feedback_in_place_is_one_record_with_reasons_and_comment(
    page: Any, base_url: str, store: ConversationStore
) -> None:
    page.set_viewport_size(LAPTOP)
    box = open_chat(page, base_url)
    reply = ask(page, box, QUESTION)
    feedback = reply.locator(".om-feedback")
    feedback.wait_for()
    assert page.get_by_role("button", name="Like").count() == 0
    assert page.get_by_role("button", name="Dislike").count() == 0
    helpful = feedback.get_by_role("button", name="Helpful", exact=True)
    not_helpful = feedback.get_by_role("button", name="Not helpful", exact=True)
    for button in (helpful, not_helpful):
        button.scroll_into_view_if_needed()
        size = button.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24, size

    not_helpful.click()
    more = feedback.locator(".om-fb-more")
    more.wait_for(state="visible")
    assert not_helpful.get_attribute("aria-pressed") == "true"
    assert "review" in feedback.locator(".om-fb-status").inner_text()
    shown = more.bounding_box()
    bubble = reply.bounding_box()
    assert shown["y"] >= 0 and shown["y"] + shown["height"] <= LAPTOP["height"], shown
    assert (
        bubble["y"] <= shown["y"] and shown["y"] + shown["height"] <= bubble["y"] + bubble["height"]
    ), "the reasons and the comment box are shown in the answer they are about"
    screenshot(page, "chat-desktop-feedback-reasons", full_page=False)

    marker = f"browser-comment-{time.time_ns()}"
    more.get_by_label("It didn't answer my question").check()
    more.get_by_label("It was hard to understand").check()
    more.get_by_label("Tell us more (optional)").fill(f"Too general {marker}")
    more.get_by_role("button", name="Send").click()
    feedback.locator(".om-fb-status", has_text="We saved what you told us").wait_for()
    assert more.is_hidden()

    classes = feedback.get_attribute("class").split()
    [conversation_id] = [c.removeprefix("om-fb-c-") for c in classes if c.startswith("om-fb-c-")]
    [message_id] = [int(c.removeprefix("om-fb-m-")) for c in classes if c.startswith("om-fb-m-")]
    messages = store.messages(conversation_id) or []
    [answer] = [m for m in messages if m["id"] == message_id]
    [record] = answer["feedback"]
    assert record["helpful"] is False
    assert record["reasons"] == ["hard_to_understand", "not_answered"]
    assert record["comment"] == f"Too general {marker}"
    flagged = {f["conversation_id"] for f in store.list_flagged(limit=500)}
    assert conversation_id in flagged
    assert any(
        NOT_HELPFUL_REASON in f["flag_reasons"]
        for f in store.list_flagged(limit=500)
        if f["conversation_id"] == conversation_id
    )


def test_too_long_message_is_explained_and_kept_for_editing(page: Any, base_url: str) -> None:
    box = open_chat(page, base_url)
    too_long = "massage " * 251
    box.fill(too_long)
    box.press("Enter")
    status = page.locator("#om-status .notice-error")
    status.wait_for()
    assert "2,000 characters or fewer" in status.inner_text()
    assert box.input_value() == too_long
    assert page.locator("#om-chat [data-testid='user']").count() == 0


def test_new_conversation_clears_the_chat(page: Any, base_url: str) -> None:
    box = open_chat(page, base_url)
    ask(page, box, QUESTION)
    page.get_by_role("button", name="New conversation").click()
    confirm = page.locator("#om-confirm-new")
    confirm.wait_for(state="visible")
    assert "does not delete the saved chat" in confirm.inner_text()
    page.get_by_role("button", name="No, keep this chat").click()
    confirm.wait_for(state="hidden")
    assert page.locator("#om-chat [data-testid='bot']").count() == 1
    assert page.locator("#om-chat button[aria-label='Clear']").is_hidden(), (
        "Gradio's own clear button would wipe the chat without asking"
    )

    page.get_by_role("button", name="New conversation").click()
    page.get_by_role("button", name="Yes, start over").click()
    page.get_by_text("Started a new conversation").wait_for()
    assert page.locator("#om-chat [data-testid='bot']").count() == 0
    page.get_by_role("button", name="New conversation").wait_for(state="visible")


def test_keyboard_only_chat(page: Any, base_url: str) -> None:
    open_chat(page, base_url)
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.closest('#om-question') !== null"):
            break
    else:
        pytest.fail("Tab never reached the question box")
    label = page.evaluate(
        "() => document.activeElement.labels?.[0]?.innerText || "
        "document.activeElement.getAttribute('aria-label')"
    )
    assert label and "question" in label.lower()
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    page.locator("#om-chat .source-card").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "om-send"
    focus_ring = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); "
        "return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; }"
    )
    assert focus_ring, "the focused button must show where focus is"


def test_xss_payloads_stay_inert(page: Any, base_url: str) -> None:
    box = open_chat(page, base_url)
    for payload in XSS_PAYLOADS:
        ask(page, box, f"Is massage safe? {payload}")
    page.wait_for_timeout(500)
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert page.locator("img[src='x']").count() == 0
    assert (
        page.evaluate("() => [...document.scripts].some(s => s.textContent.includes('__xss'))")
        is False
    )
    shown = page.locator("#om-chat [data-testid='user']").all_inner_texts()
    for payload in XSS_PAYLOADS:
        assert any(payload in text for text in shown), "the payload is shown as plain text"
    screenshot(page, "chat-desktop-xss")


def test_chat_fits_a_360px_screen(page: Any, base_url: str) -> None:
    page.set_viewport_size(PHONE)
    box = open_chat(page, base_url)
    ask(page, box, QUESTION)
    page.locator("#om-chat .source-card").first.wait_for()
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"horizontal scroll of {overflow}px at 360px wide"
    assert box.bounding_box()["width"] >= 150
    send = page.locator("#om-send").bounding_box()
    assert send["x"] + send["width"] <= PHONE["width"]
    screenshot(page, "chat-360px", full_page=False)
    page.locator("#om-chat .source-card").first.scroll_into_view_if_needed()
    screenshot(page, "chat-360px-sources", full_page=False)


FOCUS_RING = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    let bg = 'rgba(0, 0, 0, 0)', node = el.parentElement;
    while (node && /rgba\\(.*, 0\\)|transparent/.test(bg)) {
        bg = getComputedStyle(node).backgroundColor;
        node = node.parentElement;
    }
    if (/rgba\\(.*, 0\\)|transparent/.test(bg)) {
        bg = getComputedStyle(document.body).backgroundColor;
    }
    return {ring: style.outlineColor, width: parseFloat(style.outlineWidth),
            style: style.outlineStyle, offset: parseFloat(style.outlineOffset), behind: bg};
}"""


def css_hex(color: str) -> str:
    """An rgb()/rgba() computed colour as #rrggbb (alpha must be 1)."""
    parts = [p.strip() for p in color[color.index("(") + 1 : color.index(")")].split(",")]
    assert len(parts) == 3 or float(parts[3]) == 1.0, color
    return "#" + "".join(f"{int(float(p)):02x}" for p in parts[:3])


def chat_in(browser: Any, base_url: str, scheme: str, viewport: dict[str, int]) -> Any:
    context = browser.new_context(viewport=viewport, reduced_motion="reduce", color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{base_url}/chat/?__theme={scheme}")
    page.locator("#om-question textarea").wait_for(state="visible")
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_ring_contrast_speaker_labels_and_axe_in_light_and_dark_mode(
    browser: Any, base_url: str, scheme: str
) -> None:
    from assistant.web.app import contrast_ratio

    page = chat_in(browser, base_url, scheme, LAPTOP)
    try:
        assert page.evaluate("() => document.body.classList.contains('dark')") == (scheme == "dark")
        results = audit(page)
        assert results.violations_count == 0, results.generate_report()
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.closest('#om-question') !== null"):
                break
        ring = page.evaluate(FOCUS_RING)
        assert ring["style"] != "none" and ring["width"] >= 2, ring
        ratio = contrast_ratio(css_hex(ring["ring"]), css_hex(ring["behind"]))
        print(f"\n{scheme}: question box focus ring {ring} contrast {ratio:.2f}:1")
        assert ratio >= 3.0, ring
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") == "om-send"
        ring = page.evaluate(FOCUS_RING)
        assert contrast_ratio(css_hex(ring["ring"]), css_hex(ring["behind"])) >= 3.0, ring

        box = page.locator("#om-question textarea")
        answer = ask(page, box, QUESTION)
        answer.locator(".source-card").first.wait_for()
        you = page.locator("#om-chat [data-testid='user'] .om-speaker").first
        assistant = answer.locator(".om-speaker")
        assert you.text_content().strip() == "You said:"
        assert assistant.text_content().strip() == "The assistant said:"
        label = assistant.bounding_box()
        assert label["width"] <= 1 and label["height"] <= 1, "speaker labels are for screen readers"

        crisis = ask(page, box, "I want to end my life").locator(".route-crisis")
        crisis.wait_for()
        icon = page.evaluate(
            """() => { const i = document.querySelector('.route-crisis .route-icon');
                       const n = document.querySelector('.route-crisis');
                       return [getComputedStyle(i).color, getComputedStyle(n).backgroundColor,
                               i.getAttribute('aria-hidden')]; }"""
        )
        ratio = contrast_ratio(css_hex(icon[0]), css_hex(icon[1]))
        assert ratio >= 3.0, f"{scheme}: crisis icon {icon} at {ratio:.2f}:1"
        assert icon[2] == "true"
        page.locator(".om-feedback").first.get_by_role("button", name="Not helpful").click()
        page.locator(".om-fb-more").first.wait_for(state="visible")
        results = audit(page)
        assert results.violations_count == 0, results.generate_report()
        screenshot(page, f"chat-desktop-{scheme}-crisis", full_page=False)
    finally:
        page.context.close()


def test_chat_reflows_at_400_percent_zoom(browser: Any, base_url: str) -> None:
    """1280 px at 400% zoom is 320 CSS px wide: no sideways scrolling, the box still reachable."""
    page = chat_in(browser, base_url, "light", {"width": 320, "height": 256})
    try:
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"horizontal scroll of {overflow}px at 320px wide"
        box = page.locator("#om-question textarea")
        box.scroll_into_view_if_needed()
        size = box.bounding_box()
        assert size["x"] >= 0 and size["x"] + size["width"] <= 320
        screenshot(page, "chat-320px-reflow")
    finally:
        page.context.close()


def test_chat_page_has_no_accessibility_violations(page: Any, base_url: str) -> None:
    box = open_chat(page, base_url)
    ask(page, box, QUESTION)
    ask(page, box, EMERGENCY)
    ask(page, box, "What is the capital of France?")
    results = audit(page)
    assert results.violations_count == 0, results.generate_report()
    page.set_viewport_size(PHONE)
    results = audit(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(
    ("path", "ready"), [("/docs", ".swagger-ui .info"), ("/redoc", ".api-content")]
)
def test_api_docs_render_with_no_other_host(
    page: Any, base_url: str, path: str, ready: str
) -> None:
    # As on a hospital network with no internet: every other host is unreachable.
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).hostname == "127.0.0.1"
            else route.abort()
        ),
    )
    fetched: list[str] = []
    page.on("requestfinished", lambda r: fetched.append(r.url))
    page.goto(f"{base_url}{path}")
    page.locator(ready).first.wait_for()
    assert "Oncology massage assistant" in page.locator("body").inner_text()
    hosts = {urlsplit(u).hostname for u in fetched if u.startswith("http")}
    assert hosts == {"127.0.0.1"}, f"{path} fetched from other hosts: {hosts}"
    screenshot(page, f"api{path.replace('/', '-')}", full_page=False)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360x740", "1280x800"])
def test_without_javascript_the_plain_page_shows_help_and_answers(
    browser: Any, base_url: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{base_url}/plain")
        disclaimer = page.locator(".om-disclaimer")
        assert disclaimer.locator("a.help-call[href='tel:911']").count() == 1
        assert disclaimer.locator("a.help-text[href='sms:988']").count() == 1
        box = page.get_by_label("Your question")
        size = box.bounding_box()
        assert size["y"] >= 0 and size["y"] + size["height"] <= viewport["height"], size
        assert "We save this chat" in page.locator(".om-privacy").inner_text()
        box.fill(QUESTION)
        page.get_by_role("button", name="Send").click()
        page.locator(".om-plain-reply .source-card").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
        assert "Here is what my sources say" in page.locator(".om-plain-reply").inner_text()
        conversation = page.locator("input[name='conversation_id']").get_attribute("value")
        page.get_by_label("Your question").fill(EMERGENCY)
        page.get_by_role("button", name="Send").click()
        alert = page.locator(".om-plain-reply .route-emergency")
        alert.wait_for(timeout=ANSWER_TIMEOUT_MS)
        assert alert.locator("a.help-call[href='tel:911']").count() >= 1
        assert page.locator("input[name='conversation_id']").get_attribute("value") == conversation
        screenshot(page, f"plain-no-js-{viewport['width']}", full_page=False)
    finally:
        context.close()


# The widget on a host page


WIDGET_STATE = """() => {
    const host = document.querySelector('[data-oncology-massage-widget]');
    const root = host.shadowRoot;
    const launcher = root.querySelector('.launcher');
    return {
        expanded: launcher.getAttribute('aria-expanded'),
        panelHidden: root.querySelector('.panel').hidden,
        focusInWidget: document.activeElement === host,
        focused: root.activeElement ? root.activeElement.className || root.activeElement.tagName
                                    : null,
    };
}"""

HOST_STYLES = """() => {
    const pick = (sel, props) => {
        const s = getComputedStyle(document.querySelector(sel));
        return props.map(p => s.getPropertyValue(p));
    };
    return {
        body: pick('body', ['font-family', 'font-size', 'color', 'background-color', 'margin']),
        button: pick('#host-button', ['font-family', 'background-color', 'border-radius']),
        h1: pick('h1', ['font-size', 'line-height']),
        link: pick('main a', ['color']),
    };
}"""


def open_demo(page: Any, base_url: str) -> Any:
    page.goto(f"{base_url}/demo")
    launcher = page.locator(".launcher")
    launcher.wait_for(state="visible")
    return launcher


def test_widget_opens_the_chat_in_a_panel_and_chats(page: Any, base_url: str) -> None:
    launcher = open_demo(page, base_url)
    assert launcher.inner_text().strip().endswith("Ask about oncology massage")
    assert launcher.get_attribute("aria-expanded") == "false"
    screenshot(page, "widget-desktop-closed")

    launcher.click()
    state = page.evaluate(WIDGET_STATE)
    assert state["expanded"] == "true" and state["panelHidden"] is False
    chat = page.frame_locator("iframe[title^='Ask about oncology massage']")
    box = chat.locator("#om-question textarea")
    box.wait_for(state="visible")
    page.wait_for_function(
        "() => document.querySelector('[data-oncology-massage-widget]').shadowRoot"
        ".activeElement?.tagName === 'IFRAME'"
    )
    assert chat.locator(".om-header").is_hidden(), "the panel bar already shows the title"
    box.fill(QUESTION)
    box.press("Enter")
    chat.locator(".source-card").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    screenshot(page, "widget-desktop-open")

    page.get_by_role("button", name="Close chat").click()
    state = page.evaluate(WIDGET_STATE)
    assert state == {
        "expanded": "false",
        "panelHidden": True,
        "focusInWidget": True,
        "focused": "launcher",
    }


def test_widget_leaves_the_host_page_alone(page: Any, base_url: str) -> None:
    page.route("**/widget.js", lambda route: route.abort())
    page.goto(f"{base_url}/demo")
    page.wait_for_load_state("load")
    baseline_styles = page.evaluate(HOST_STYLES)
    baseline_globals = set(page.evaluate("() => Object.keys(window)"))
    page.unroute("**/widget.js")

    open_demo(page, base_url)
    page.locator(".launcher").click()
    page.frame_locator("iframe").locator("#om-question textarea").wait_for(state="visible")
    assert page.evaluate(HOST_STYLES) == baseline_styles
    added = set(page.evaluate("() => Object.keys(window)")) - baseline_globals
    assert added == {"OncologyMassageWidget"}
    assert page.evaluate("() => document.head.querySelectorAll('style, link').length") == 1
    assert page.locator("#host-button").is_visible()


def test_widget_keyboard_open_escape_close(page: Any, base_url: str) -> None:
    open_demo(page, base_url)
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate(WIDGET_STATE)["focused"] == "launcher":
            break
    else:
        pytest.fail("Tab never reached the widget button")

    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('[data-oncology-massage-widget]').shadowRoot"
        ".activeElement?.tagName === 'IFRAME'"
    )
    frame = page.frame_locator("iframe")
    frame.locator("#om-question textarea").wait_for(state="visible")
    page.wait_for_function(
        "() => document.querySelector('[data-oncology-massage-widget]').shadowRoot"
        ".querySelector('iframe').contentDocument.activeElement?.tagName === 'TEXTAREA'"
    )
    page.keyboard.type("Does massage help with anxiety?")
    page.keyboard.press("Enter")
    frame.locator(".source-card").first.wait_for(timeout=ANSWER_TIMEOUT_MS)

    page.keyboard.press("Escape")
    page.wait_for_function(
        "() => document.querySelector('[data-oncology-massage-widget]').shadowRoot"
        ".querySelector('.panel').hidden"
    )
    state = page.evaluate(WIDGET_STATE)
    assert state["expanded"] == "false" and state["focused"] == "launcher"

    page.keyboard.press("Enter")
    assert page.evaluate(WIDGET_STATE)["expanded"] == "true"
    page.keyboard.press("Escape")
    page.wait_for_function(
        "() => document.querySelector('[data-oncology-massage-widget]').shadowRoot"
        ".querySelector('.panel').hidden"
    )
    assert page.evaluate(WIDGET_STATE)["focused"] == "launcher"


def test_widget_on_a_360px_screen(page: Any, base_url: str) -> None:
    page.set_viewport_size(PHONE)
    launcher = open_demo(page, base_url)
    box = launcher.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    screenshot(page, "widget-360px-closed", full_page=False)
    launcher.click()
    page.frame_locator("iframe").locator("#om-question textarea").wait_for(state="visible")
    panel = page.locator(".panel").bounding_box()
    assert panel["width"] <= PHONE["width"] and panel["x"] >= 0
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    screenshot(page, "widget-360px-open", full_page=False)
