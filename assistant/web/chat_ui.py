"""The patient chat page (Gradio Blocks).

Everything about one visitor lives in that visitor's Gradio session
(``gr.State``): the conversation id and what the chat shows, filed under the
digest of the visitor's owner cookie (``ownership``), so knowing the Gradio
session id, which the page sends in URLs, gives access to nothing. The page
only talks to the ``ConversationService``, so it stores, limits and flags
exactly as the JSON API does. All text shown is escaped by ``rendering``
first; Gradio's HTML sanitiser stays on as well.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import gradio as gr

from .. import content
from ..chat import ConversationService
from ..config import Settings
from ..errors import ChatInputError, ServiceUnavailable, UnknownConversation
from . import ownership, rendering

Outputs = tuple[Any, ...]
Visitors = dict[str, tuple[list[dict[str, str]], str | None]]


def header_html(settings: Settings) -> str:
    return (
        '<header class="om-header">'
        f"<h1>{rendering.escape(settings.widget_title)}</h1>"
        f"<p>{rendering.escape(content.render('page_tagline', settings))}</p>"
        "</header>"
    )


def disclaimer_html(settings: Settings) -> str:
    label = rendering.escape(content.render("disclaimer_label", settings))
    body = rendering.text_to_html(content.render("disclaimer", settings))
    return (
        f'<aside class="om-disclaimer" aria-label="{label}">'
        f"{rendering.help_links(body, settings)}</aside>"
    )


def privacy_html(settings: Settings) -> str:
    """What is stored, who reads it, how long it is kept and how to ask for deletion."""

    def text(text_id: str, **values: object) -> str:
        return rendering.escape(content.render(text_id, settings, **values))

    if settings.retention_days:
        kept = text("privacy_kept_days", days=settings.retention_days)
    else:
        kept = text("privacy_kept_until_deleted")
    contact = (settings.privacy_contact or "").strip()
    contact_html = rendering.contact_html(contact) if contact else text("privacy_contact_default")
    deletion = rendering.escape(content.render("privacy_deletion", settings, contact="\0"))
    deletion = deletion.replace("\0", contact_html, 1)
    return (
        f'<section class="om-privacy" aria-label="{text("privacy_label")}">'
        f"<p>{text('privacy_stored')} {text('privacy_readers')} {kept}</p>"
        f"<details><summary>{text('privacy_more')}</summary><p>{deletion}</p></details>"
        "</section>"
    )


def export_html(settings: Settings) -> str:
    """Print and download buttons; shown (by CSS) once there is a conversation to take along."""

    def text(text_id: str) -> str:
        return rendering.escape(content.render(text_id, settings))

    return (
        f'<div class="om-export" role="group" aria-label="{text("export_label")}">'
        f'<button type="button" class="om-export-print">{text("export_print")}</button>'
        f'<button type="button" class="om-export-download">{text("export_download")}</button>'
        "</div>"
    )


def _client_address(request: gr.Request | None) -> str | None:
    client = getattr(request, "client", None)
    return getattr(client, "host", None) if client is not None else None


def _owner(request: gr.Request | None) -> str | None:
    """The digest of the browser's HttpOnly owner token sent with this event, if any."""
    return ownership.owner(getattr(request, "cookies", None) if request is not None else None)


RESPOND_RUNNING = 64
"""Chat-page messages one process runs at once (threads, mostly waiting for an answer slot);
beyond it they wait in Gradio's queue (``app.CHAT_QUEUE_MAX``)."""

STORED_ID_JS = (
    "() => { try { return sessionStorage.getItem('om-conversation') || ''; }"
    " catch (e) { return ''; } }"
)
# Reads the conversation id the page keeps in sessionStorage (and nothing else).


def build_chat_ui(
    settings: Settings, service: ConversationService, keys: ownership.ClientKeys | None = None
) -> gr.Blocks:
    """The chat page; per-visitor state is in gr.State, services are captured, not global."""
    keys = keys or ownership.ClientKeys()

    def text(text_id: str) -> str:
        return content.render(text_id, settings)

    def respond(message: str, visitors: Visitors, request: gr.Request) -> Iterator[Outputs]:
        owner = _owner(request)
        shown, conversation_id = _slot(visitors, owner)
        keep = gr.update()

        def out(
            question: Any, chat: list[dict[str, str]], cid: str | None, notice: str, marker: Any
        ) -> Outputs:
            return question, chat, _saved(visitors, owner, chat, cid), notice, marker

        try:
            text = service.validate(message)
        except ChatInputError as exc:
            yield keep, keep, visitors, rendering.notice_html(exc.message, "error"), keep
            return
        before = list(shown)
        you = rendering.speaker_label(content.render("speaker_you", settings))
        shown.append({"role": "user", "content": you + rendering.user_markdown(text)})
        shown.append({"role": "assistant", "content": rendering.streaming_html("")})
        yield out("", list(shown), conversation_id, "", keep)
        limit_key = keys.for_request(owner, _client_address(request))
        events = service.stream_message(
            conversation_id, text, session_key=limit_key, owner_hash=owner
        )
        try:
            first = next(events)
        except (ChatInputError, ServiceUnavailable) as exc:
            notice = rendering.notice_html(exc.message, "error")
            yield out(message, before, conversation_id, notice, keep)
            return
        index = len(shown) - 1
        streamed = ""
        assistant_label = rendering.speaker_label(content.render("speaker_assistant", settings))
        try:
            for event in _chain(first, events):
                if event.result is None:
                    streamed += event.delta
                    shown[index] = {
                        "role": "assistant",
                        "content": assistant_label + rendering.streaming_html(streamed),
                    }
                    yield out("", list(shown), conversation_id, "", keep)
                    continue
                result = event.result
                reply = result.reply
                html = rendering.assistant_html(
                    reply.blocks, result.route, reply.citations, settings
                )
                if rendering.takes_feedback(result.route) and not result.failed:
                    html += rendering.feedback_html(
                        result.conversation_id, result.message_id, settings
                    )
                shown[index] = {"role": "assistant", "content": assistant_label + html}
                marker = rendering.session_html(result.conversation_id)
                yield out("", shown, result.conversation_id, "", marker)
        except ServiceUnavailable as exc:
            # Nothing of this turn was stored: the message goes back in the box to retry.
            notice = rendering.notice_html(exc.message, "error")
            yield out(message, before, conversation_id, notice, keep)

    def new_conversation(visitors: Visitors, request: gr.Request) -> Outputs:
        return (
            [],
            _saved(visitors, _owner(request), [], None),
            rendering.notice_html(text("new_conversation_started")),
            "",
            rendering.session_html(None),
        )

    def restore(stored_id: str, request: gr.Request) -> Outputs:
        """After a reload: the transcript of the conversation this tab kept, if this browser
        owns it (the HttpOnly cookie); otherwise an empty chat and the stored id forgotten.
        A page load starts a fresh Gradio session, so the visitors' state starts here."""
        keep = gr.update()
        if not stored_id:
            return keep, keep, keep
        owner = _owner(request)
        try:
            items = service.transcript(stored_id, owner)
        except UnknownConversation:
            return keep, keep, rendering.session_html(None)
        you = rendering.speaker_label(content.render("speaker_you", settings))
        bot = rendering.speaker_label(content.render("speaker_assistant", settings))
        restored: list[dict[str, str]] = []
        for item in items:
            if item.role == "user":
                restored.append(
                    {"role": "user", "content": you + rendering.user_markdown(item.text)}
                )
                continue
            html = rendering.stored_reply_html(item.text, item.route, item.citations, settings)
            route = item.route or "answer"
            if rendering.takes_feedback(route) and not item.rated:
                html += rendering.feedback_html(stored_id, item.message_id, settings)
            restored.append({"role": "assistant", "content": bot + html})
        return (
            restored,
            _saved({}, owner, restored, stored_id),
            rendering.session_html(stored_id),
        )

    with gr.Blocks(title=settings.widget_title, analytics_enabled=False) as blocks:
        # {owner digest: (what the chat shows, conversation id)}: Gradio keys this by a
        # session id anyone can send, so each visitor's part is under their cookie's digest.
        visitors = gr.State({})

        with gr.Column(elem_id="om-app"):
            gr.HTML(header_html(settings), elem_id="om-header", js_on_load=None)
            gr.HTML(disclaimer_html(settings), elem_id="om-disclaimer", js_on_load=None)
            chatbot = gr.Chatbot(
                label=text("chat_label"),
                show_label=False,
                elem_id="om-chat",
                height="min(60vh, 560px)",
                min_height=260,
                layout="bubble",
                sanitize_html=True,
                render_markdown=True,
                allow_tags=False,
                latex_delimiters=[],
                buttons=["copy"],
                feedback_options=None,
                placeholder=text("chat_placeholder"),
                examples=[{"text": q} for q in content.render_list("starter_questions", settings)],
                autoscroll=False,
            )
            status = gr.HTML("", elem_id="om-status", js_on_load=None)
            session_marker = gr.HTML("", elem_id="om-session", js_on_load=None)
            stored_id = gr.Textbox("", visible=False, elem_id="om-stored-id")
            with gr.Row(elem_id="om-input-row", equal_height=False):
                question = gr.Textbox(
                    label=text("question_label"),
                    placeholder=text("question_placeholder"),
                    lines=1,
                    max_lines=6,
                    elem_id="om-question",
                    container=False,
                    scale=5,
                    min_width=160,
                    autofocus=False,
                )
                send = gr.Button(
                    text("send"), variant="primary", elem_id="om-send", scale=1, min_width=72
                )
            gr.HTML(export_html(settings), elem_id="om-export", js_on_load=None)
            gr.HTML(privacy_html(settings), elem_id="om-privacy", js_on_load=None)
            new = gr.Button(
                text("new_conversation"), variant="secondary", elem_id="om-new", size="md"
            )
            with gr.Column(visible=False, elem_id="om-confirm-new") as confirm_box:
                confirm_text = rendering.escape(text("new_conversation_confirm"))
                gr.HTML(f'<p class="om-confirm-text">{confirm_text}</p>', js_on_load=None)
                with gr.Row():
                    confirm_new = gr.Button(
                        text("new_conversation_yes"), variant="primary", elem_id="om-confirm-yes"
                    )
                    keep_chat = gr.Button(
                        text("new_conversation_no"), variant="secondary", elem_id="om-confirm-no"
                    )
        respond_outputs = [question, chatbot, visitors, status, session_marker]
        # Every way of sending runs in one lane, many at once: each is routed as soon as it
        # starts, and only ordinary answers then wait for one of the assistant's answer slots,
        # so a crisis message is never queued behind a flood of ordinary ones.
        lane: dict[str, Any] = {
            "concurrency_id": "respond",
            "concurrency_limit": RESPOND_RUNNING,
            "api_visibility": "private",
            "show_progress": "hidden",
        }
        for trigger in (question.submit, send.click):
            trigger(respond, inputs=[question, visitors], outputs=respond_outputs, **lane)
        chatbot.example_select(
            _example_text, outputs=[question], api_visibility="private", queue=False
        ).then(respond, inputs=[question, visitors], outputs=respond_outputs, **lane)
        reset_outputs = [chatbot, visitors, status, question, session_marker]
        # Starting over wipes the chat from the screen, so it is confirmed in the page first.
        new.click(
            lambda: (gr.update(visible=True), gr.update(visible=False)),
            outputs=[confirm_box, new],
            api_visibility="private",
            queue=False,
        )
        keep_chat.click(
            lambda: (gr.update(visible=False), gr.update(visible=True)),
            outputs=[confirm_box, new],
            api_visibility="private",
            queue=False,
        )
        confirm_new.click(
            new_conversation, inputs=[visitors], outputs=reset_outputs, api_visibility="private"
        ).then(
            lambda: (gr.update(visible=False), gr.update(visible=True)),
            outputs=[confirm_box, new],
            api_visibility="private",
            queue=False,
        )
        blocks.load(
            restore,
            inputs=[stored_id],
            outputs=[chatbot, visitors, session_marker],
            js=STORED_ID_JS,
            api_visibility="private",
            show_progress="hidden",
        )
    return blocks


def _example_text(data: gr.SelectData) -> str:
    """The starter question a person tapped, put in the question box to be asked."""
    value = data.value
    picked = value.get("text") if isinstance(value, dict) else value
    return picked if isinstance(picked, str) else ""


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def _slot(visitors: Visitors, owner: str | None) -> tuple[list[dict[str, str]], str | None]:
    """The chat shown and conversation id of ``owner``; nothing for a request owning nothing."""
    if owner is None or not isinstance(visitors, dict) or owner not in visitors:
        return [], None
    shown, conversation_id = visitors[owner]
    return list(shown), conversation_id


def _saved(
    visitors: Visitors, owner: str | None, shown: list[dict[str, str]], cid: str | None
) -> Visitors:
    """``visitors`` with ``owner``'s part replaced (unchanged for a request owning nothing)."""
    current = dict(visitors) if isinstance(visitors, dict) else {}
    if owner is not None:
        current[owner] = (list(shown), cid)
    return current
