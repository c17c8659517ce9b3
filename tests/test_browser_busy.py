"""The busy text in a real browser (issue 16, item 3): when the per-client limit refuses a
chat-page message, the visitor sees the reviewed ``busy`` text (wait, send it again, and
the urgent-help numbers), not a bare error, and the refused message stays in the box.

Real app (``create_app`` over the real assistant and a real SQLite store) served by
uvicorn, driven in Debian's Chromium, at a limit of one message a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import launched_chromium, require_chromium, screenshot, serve_in_thread
from conftest import make_settings
from test_browser import LAPTOP, QUESTION, ask, open_chat

from assistant import content
from assistant.conversations import ConversationStore
from assistant.web.app import create_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def base_url(tmp_path: Path, assistant: object) -> Iterator[str]:
    require_chromium()
    settings = make_settings(tmp_path / "data", rate_limit_per_minute=1)
    with ConversationStore(f"sqlite:///{tmp_path / 'conversations.sqlite3'}") as store:
        store.migrate()
        with serve_in_thread(create_app(settings, assistant, store)) as url:
            yield url


def test_a_refused_message_shows_the_busy_text_with_the_urgent_numbers(base_url: str) -> None:
    settings = make_settings(Path("/nonexistent"))
    opening = content.render("busy", settings, seconds=1).split(".")[0]
    urgent = content.render("busy", settings, seconds=1).rsplit(". ", 1)[-1].strip()
    with launched_chromium() as browser:
        page = browser.new_context(viewport=LAPTOP).new_page()
        page.set_default_timeout(30_000)
        box = open_chat(page, base_url)
        ask(page, box, QUESTION)  # the one message this minute allows
        box.fill("What about during radiation?")
        box.press("Enter")
        shown = page.get_by_text(opening, exact=False).first
        shown.wait_for(state="visible")
        text = shown.inner_text()
        screenshot(page, "chat-busy-refusal", full_page=False)
        assert urgent.rstrip(".") in " ".join(page.locator("body").inner_text().split()), (
            page.locator("body").inner_text()[-2000:]
        )
        assert "error" not in text.lower(), text
        assert box.input_value() == "What about during radiation?"  # kept, to send again
