"""The widget on other sites: allowed host with a strict CSP and SRI, a host not allowed, phones.

The chat app is the real one (real assistant, real SQLite store) on 127.0.0.1;
the host pages are served by Chromium's request interception under their own
origins (https://host.test is in ASSISTANT_ALLOWED_EMBED_ORIGINS,
https://other.test is not), so the browser applies frame-ancestors, CORS and
Subresource Integrity exactly as it would between two real sites. Here the
chat runs on 127.0.0.1 while the hosts pose as public sites, which Chromium's
local-network checks would stop outright (a public page may not reach a
loopback address); in production both are public, so those checks are
switched off for this module only (``LOCAL_NETWORK_OFF``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import LAUNCH_ARGS, audit, require_chromium, screenshot, serve_in_thread
from conftest import make_settings
from test_browser import LAPTOP, PHONE

from assistant.conversations import ConversationStore
from assistant.web.app import create_app, widget_path, widget_snippet

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ALLOWED = "https://host.test"
NOT_ALLOWED = "https://other.test"
WIDGET = "[data-oncology-massage-widget]"
LOCAL_NETWORK_OFF = (
    "--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights,"
    "BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessRespectPreflightResults"
)


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, assistant: object
) -> Iterator[tuple[str, Any]]:
    require_chromium()
    tmp = tmp_path_factory.mktemp("widget-hosts")
    settings = make_settings(tmp / "data", allowed_embed_origins=[ALLOWED])
    with ConversationStore(f"sqlite:///{tmp / 'conversations.sqlite3'}") as store:
        store.migrate()
        with serve_in_thread(create_app(settings, assistant, store)) as base_url:
            yield base_url, settings


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=str(chromium), args=[*LAUNCH_ARGS, LOCAL_NETWORK_OFF]
        )
        yield instance
        instance.close()


def host_page(
    browser: Any, origin: str, script_tag: str, csp: str | None, viewport: dict[str, int]
) -> tuple[Any, list[str]]:
    """A page of ``origin`` carrying ``script_tag``; returns it and its console problems."""
    context = browser.new_context(viewport=viewport, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title>'
        "</head><body><main><h1>A hospital page</h1><p>Some text.</p></main>"
        f"{script_tag}</body></html>"
    )
    headers = {"content-type": "text/html; charset=utf-8"}
    if csp:
        headers["content-security-policy"] = csp
    page.route(f"{origin}/**", lambda route: route.fulfill(status=200, headers=headers, body=html))
    page.goto(f"{origin}/services")
    page.locator(".launcher").wait_for(state="visible")
    return page, problems


def test_allowed_host_with_strict_csp_and_sri_opens_and_closes_without_console_errors(
    browser: Any, server: tuple[str, Any]
) -> None:
    base_url, settings = server
    snippet = widget_snippet(settings, base_url)
    tag, csp_line = snippet.split("\n")
    assert f'src="{base_url}{widget_path()}"' in tag and 'integrity="sha384-' in tag
    csp = csp_line.split(": ", 1)[1] + "; default-src 'none'; style-src 'none'"
    page, problems = host_page(browser, ALLOWED, tag, csp, LAPTOP)
    try:
        launcher = page.locator(".launcher")
        for _ in range(2):
            launcher.click()
            frame = page.frame_locator("iframe")
            frame.locator("#om-question textarea").wait_for(state="visible")
            page.wait_for_timeout(500)
            page.get_by_role("button", name="Close chat").click()
            assert launcher.get_attribute("aria-expanded") == "false"
        launcher.click()
        frame.locator("#om-question textarea").wait_for(state="visible")
        bar = page.evaluate(
            f"() => getComputedStyle(document.querySelector('{WIDGET}').shadowRoot"
            ".querySelector('.bar')).display"
        )
        assert bar == "flex", "the widget's styles apply under a host CSP without inline styles"
        screenshot(page, "widget-allowed-host-strict-csp", full_page=False)
        host_problems = [p for p in problems if "/chat/" not in p]
        assert host_problems == [], host_problems
    finally:
        page.context.close()


def test_tampered_script_is_refused_by_its_integrity_hash(
    browser: Any, server: tuple[str, Any]
) -> None:
    base_url, settings = server
    tag = widget_snippet(settings, base_url).split("\n")[0]
    bad = tag.replace('integrity="sha384-', 'integrity="sha384-AAAA', 1)
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    try:
        html = f'<!doctype html><html lang="en"><body><p>x</p>{bad}</body></html>'
        page.route(
            f"{ALLOWED}/**",
            lambda r: r.fulfill(status=200, headers={"content-type": "text/html"}, body=html),
        )
        page.goto(f"{ALLOWED}/x")
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)
        assert page.evaluate("() => typeof window.OncologyMassageWidget") == "undefined"
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360x740", "1280x800"])
def test_host_not_allowed_gets_a_link_to_a_new_tab_not_a_broken_panel(
    browser: Any, server: tuple[str, Any], viewport: dict[str, int]
) -> None:
    base_url, _ = server
    tag = f'<script src="{base_url}/widget.js" defer></script>'
    page, problems = host_page(browser, NOT_ALLOWED, tag, None, viewport)
    try:
        page.locator(".launcher").click()
        link = page.get_by_role("link", name="Open the chat in a new tab")
        link.wait_for(state="visible")
        assert link.get_attribute("href") == f"{base_url}/chat/"
        assert link.get_attribute("target") == "_blank"
        assert (
            page.evaluate(
                f"() => document.querySelector('{WIDGET}').shadowRoot"
                ".querySelectorAll('iframe').length"
            )
            == 0
        )
        assert (
            page.evaluate(
                f"() => document.querySelector('{WIDGET}').shadowRoot.activeElement?.tagName"
            )
            == "A"
        ), "focus goes to the link"
        assert "cannot show the chat" in page.locator(".fallback").inner_text()
        name = "x".join(str(v) for v in viewport.values())
        screenshot(page, f"widget-host-not-allowed-{name}", full_page=False)
        results = audit(page)
        assert results.violations_count == 0, results.generate_report()
        with page.context.expect_page() as opened:
            link.click()
        chat = opened.value
        chat.locator("#om-question textarea").wait_for(state="visible")
        page.keyboard.press("Escape")
        assert page.locator(".launcher").get_attribute("aria-expanded") == "false"
        assert problems == [], problems
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360x740", "1280x800"])
def test_the_panel_title_fits_whole_on_a_phone(
    browser: Any, server: tuple[str, Any], viewport: dict[str, int]
) -> None:
    base_url, _ = server
    context = browser.new_context(viewport=viewport, reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(f"{base_url}/demo")
        page.locator(".launcher").click()
        page.frame_locator("iframe").locator("#om-question textarea").wait_for(state="visible")
        fit = page.evaluate(
            f"""() => {{
                const root = document.querySelector('{WIDGET}').shadowRoot;
                const title = root.querySelector('.title');
                const close = root.querySelector('.close').getBoundingClientRect();
                const box = title.getBoundingClientRect();
                const style = getComputedStyle(title);
                return {{text: title.textContent, clipped: title.scrollWidth > title.clientWidth
                           || title.scrollHeight > title.clientHeight,
                         ellipsis: style.textOverflow === 'ellipsis'
                           && style.whiteSpace === 'nowrap',
                         left: box.left, right: box.right, closeLeft: close.left,
                         panelRight: root.querySelector('.panel').getBoundingClientRect().right}};
            }}"""
        )
        assert fit["text"] == "Ask about oncology massage"
        assert not fit["clipped"] and not fit["ellipsis"], fit
        assert fit["left"] >= 0 and fit["right"] <= fit["closeLeft"], fit
        assert fit["panelRight"] <= viewport["width"]
        name = "x".join(str(v) for v in viewport.values())
        screenshot(page, f"widget-title-{name}", full_page=False)
    finally:
        context.close()


def test_widget_on_another_site_keeps_the_conversation_between_its_pages(
    browser: Any, server: tuple[str, Any]
) -> None:
    """Cross-site, the owner cookie is partitioned per host site (CHIPS) and still works."""
    base_url, _ = server
    tag = f'<script src="{base_url}/widget.js" defer></script>'
    page, problems = host_page(browser, ALLOWED, tag, None, LAPTOP)
    try:
        page.locator(".launcher").click()
        frame = page.frame_locator("iframe")
        box = frame.locator("#om-question textarea")
        box.wait_for(state="visible")
        box.fill("Is massage safe for people with cancer?")
        box.press("Enter")
        frame.locator(".source-card").first.wait_for(timeout=120_000)
        cookie = next(c for c in page.context.cookies() if c["name"] == "om_owner")
        assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "None"

        page.goto(f"{ALLOWED}/another-page")
        page.locator(".launcher").click()
        frame = page.frame_locator("iframe")
        frame.locator("#om-chat [data-testid='user']").first.wait_for()
        frame.locator(".source-card").first.wait_for()
        assert "Is massage safe" in frame.locator("#om-chat [data-testid='user']").inner_text()
        host_problems = [p for p in problems if "/chat/" not in p]
        assert host_problems == [], host_problems
    finally:
        page.context.close()
