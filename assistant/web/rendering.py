"""Turn replies and messages into safe HTML for the chat page.

Nothing a person types and nothing a document says is ever treated as markup:
every piece of text goes through ``html.escape`` here, and user text also has
its Markdown punctuation escaped so it shows exactly as typed. The chat page
then renders these fragments with Gradio's sanitiser switched on as a second
line of defence. Links are made only for http(s) URLs and always open in a
new tab without giving the opened page a handle on ours.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote as quote_url
from urllib.parse import urlsplit

from .. import content
from ..config import Settings
from ..conversations import ERROR_ROUTE, FEEDBACK_REASONS, MAX_COMMENT_CHARS
from ..schema import Block, Bullets, Citation, Cited, Paragraph, Route

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$])")
"""ASCII punctuation Markdown may treat as syntax; ``& < > " '`` are left to ``html.escape``."""
_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)]}"


@dataclass(frozen=True)
class RouteStyle:
    """How a non-answer reply is set apart from ordinary text (its label is in content/)."""

    css_class: str
    icon: str
    label_id: str
    alert: bool


ROUTE_STYLES: dict[str, RouteStyle] = {
    Route.EMERGENCY.value: RouteStyle("route-emergency", "⚠", "route_label_emergency", True),
    Route.CRISIS.value: RouteStyle("route-crisis", "❤", "route_label_crisis", True),
    Route.CLINICAL.value: RouteStyle("route-clinical", "ℹ", "route_label_clinical", False),
    Route.UNKNOWN.value: RouteStyle("route-unknown", "ℹ", "route_label_unknown", False),
    Route.OUT_OF_SCOPE.value: RouteStyle(
        "route-out-of-scope", "ℹ", "route_label_out_of_scope", False
    ),
    ERROR_ROUTE: RouteStyle("route-error", "!", "route_label_error", True),
}


def escape(text: str) -> str:
    """HTML-escape text, quotes included, so it can go in element bodies and attributes."""
    return html.escape(text, quote=True)


def plain_text_markdown(text: str) -> str:
    """Escape text for a Markdown renderer so it is shown literally, never as markup."""
    return escape(_MARKDOWN_SPECIALS.sub(r"\\\1", text))


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (no javascript:, data:, paths)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def link(url: str, text: str) -> str:
    """An escaped external link that opens in a new tab and cannot reach back to this page."""
    return f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">{escape(text)}</a>'


_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}")


def contact_html(contact: str) -> str:
    """A contact from the settings: an email address or web page as a link, else plain text."""
    contact = contact.strip()
    if _EMAIL.fullmatch(contact):
        return f'<a href="mailto:{escape(contact)}">{escape(contact)}</a>'
    url = safe_url(contact)
    return link(url, contact) if url else escape(contact)


def inline_html(text: str) -> str:
    """Escape a line of text, turning the http(s) URLs in it into safe links."""
    parts: list[str] = []
    pos = 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_URL_TRAILING)
        end = match.start() + len(url)
        parts.append(escape(text[pos : match.start()]))
        target = safe_url(url)
        parts.append(link(target, url) if target else escape(url))
        pos = end
    parts.append(escape(text[pos:]))
    return "".join(parts)


def _dial(number: str) -> str:
    """The digits (and a leading +) of a phone number, for a tel: or sms: link."""
    return re.sub(r"(?!^\+)[^\d]", "", number.strip())


def help_links(fragment: str, settings: Settings) -> str:
    """Make the emergency, crisis and abuse numbers in escaped HTML tap-to-call links.

    The crisis line also gets a tap-to-text link (it takes texts). Numbers come
    from the settings, so a deployment elsewhere links its own numbers.
    """
    targets: dict[str, bool] = {}
    for number, texts in (
        (settings.crisis_line, True),
        (settings.emergency_number, False),
        (settings.abuse_line, False),
    ):
        if _dial(number):
            targets.setdefault(escape(number.strip()), texts)
    if not targets:
        return fragment
    names = sorted(targets, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w/:.-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])(?![^<]*</a>)"
    )
    sms_label = escape(content.render("sms_link", settings))

    def linked(match: re.Match[str]) -> str:
        shown = match.group(1)
        dial = _dial(html.unescape(shown))
        call = f'<a class="help-call" href="tel:{dial}">{shown}</a>'
        if not targets[shown]:
            return call
        return f'{call} <a class="help-text" href="sms:{dial}">({sms_label})</a>'

    return pattern.sub(linked, fragment)


def text_to_html(text: str, languages: Mapping[str, str] | None = None) -> str:
    """Render reply text as escaped paragraphs and bullet lists (the only structure it uses).

    A paragraph that is one of ``languages``' texts is marked with its language.
    """
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        code = (languages or {}).get(block.strip())
        if code is not None:
            blocks.append(
                f"<p{_lang(code)}>{'<br>'.join(inline_html(x.strip()) for x in lines)}</p>"
            )
            continue
        items = [_BULLET.match(line) for line in lines]
        if all(items):
            lis = "".join(f"<li>{inline_html(m.group(1).strip())}</li>" for m in items if m)
            blocks.append(f"<ul>{lis}</ul>")
            continue
        para: list[str] = []
        bullets: list[str] = []
        for line, match in zip(lines, items, strict=True):
            if match:
                bullets.append(f"<li>{inline_html(match.group(1).strip())}</li>")
                continue
            if bullets:
                blocks.append(_paragraph(para))
                blocks.append(f"<ul>{''.join(bullets)}</ul>")
                para, bullets = [], []
            para.append(inline_html(line.strip()))
        if para:
            blocks.append(_paragraph(para))
        if bullets:
            blocks.append(f"<ul>{''.join(bullets)}</ul>")
    return "".join(b for b in blocks if b)


def _paragraph(lines: Sequence[str]) -> str:
    return f"<p>{'<br>'.join(lines)}</p>" if lines else ""


def citation_url(citation: Citation) -> str | None:
    return safe_url(citation.source_id)


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def _lang(code: str | None) -> str:
    """The ``lang`` (and ``dir="auto"``, for Arabic) of a paragraph not in English."""
    if code is None or not _LANGUAGE_CODE.fullmatch(code):
        return ""
    return f' lang="{code}" dir="auto"'


def blocks_to_html(blocks: Sequence[Block], settings: Settings) -> str:
    """Render a structured reply: paragraphs, bullet lists and cited sentences with markers.

    Help numbers in the reviewed texts become tap-to-call (and tap-to-text) links;
    quoted sentences are shown as they are.
    """
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(
                f"<p{_lang(block.lang)}>{help_links(inline_html(block.text), settings)}</p>"
            )
        elif isinstance(block, Bullets):
            parts.append(
                "<ul>"
                + "".join(f"<li>{help_links(inline_html(i), settings)}</li>" for i in block.items)
                + "</ul>"
            )
        elif isinstance(block, Cited):
            items = "".join(
                f"<li>{inline_html(s.text)} " + "".join(f"[{int(m)}]" for m in s.markers) + "</li>"
                for s in block.sentences
            )
            parts.append(f"<ul>{items}</ul>")
    return "".join(parts)


def display_date(iso: str) -> str:
    """``2020-12-04`` as ``December 4, 2020``; "" for no date or anything not a date."""
    try:
        day = date.fromisoformat(iso)
    except (TypeError, ValueError):
        return ""
    return f"{day:%B} {day.day}, {day.year}"


def text_fragment_url(url: str, quote: str, words: int = 8) -> str:
    """``url`` opened at ``quote``: a text fragment (``#:~:text=``) of its first words.

    Browsers that support text fragments scroll to and highlight the passage;
    others open the page at the top. Only the start of the quote is used, so a
    passage that runs across paragraphs on the page still matches.
    """
    start = " ".join(quote.strip().strip("“”\"'…. ").split()[:words])
    if not start:
        return url
    encoded = quote_url(start, safe="").replace("-", "%2D")
    return f"{url.split('#', 1)[0]}#:~:text={encoded}"


def source_cards(citations: Sequence[Citation], settings: Settings) -> str:
    """One card per source page: title, publisher, and each quoted passage with its marker.

    Passages from the same page share a card; each links to the page at that passage.
    """
    if not citations:
        return ""
    groups: dict[str, list[Citation]] = {}
    for c in citations:
        groups.setdefault(c.source_id, []).append(c)
    open_label = escape(content.render("source_open_passage", settings))
    cards = []
    for group in groups.values():
        first = group[0]
        url = citation_url(first)
        title = first.title or first.source_id
        heading = link(text_fragment_url(url, first.quote), title) if url else escape(title)
        markers = " ".join(f"[{int(c.marker)}]" for c in group)
        meta = [escape(first.publisher)] if first.publisher else []
        shown_date = display_date(first.updated)
        if shown_date:
            label = escape(content.render("source_updated", settings))
            meta.append(f'<span class="source-date">{label} {escape(shown_date)}</span>')
        meta_html = f'<p class="source-meta">{" · ".join(meta)}</p>' if meta else ""
        passages = []
        for c in group:
            where = []
            if c.section:
                label = escape(content.render("source_section", settings))
                where.append(f"{label} {escape(c.section)}")
            if c.page is not None:
                where.append(f"{escape(content.render('source_page', settings))} {int(c.page)}")
            where_html = f'<p class="source-where">{" · ".join(where)}</p>' if where else ""
            passage_link = ""
            if url:
                target = escape(text_fragment_url(url, c.quote))
                passage_link = (
                    f'<a class="source-passage-link" href="{target}" target="_blank"'
                    f' rel="noopener noreferrer">{open_label} [{int(c.marker)}]</a>'
                )
            passages.append(
                f'<li class="source-passage"><span class="source-num">[{int(c.marker)}]</span>'
                f"{where_html}"
                f'<blockquote class="source-quote">“{escape(c.quote.strip())}”</blockquote>'
                f"{passage_link}</li>"
            )
        cards.append(
            f'<li class="source-card">'
            f'<p class="source-title"><span class="source-num">{markers}</span> {heading}</p>'
            f'{meta_html}<ul class="source-passages">{"".join(passages)}</ul></li>'
        )
    heading = escape(content.render("sources_heading", settings))
    return (
        f'<div class="sources"><p class="sources-heading"><strong>{heading}</strong></p>'
        f'<ol class="source-list">{"".join(cards)}</ol></div>'
    )


def feedback_html(conversation_id: str, message_id: int, settings: Settings) -> str:
    """Helpful / Not helpful buttons under an answer, with reasons and a comment shown in place.

    The page script (``static/chat_head.js``) sends them to ``/api/feedback``: the rating
    at once, then what was wrong and the comment to the same record.
    """

    def text(text_id: str) -> str:
        return escape(content.render(text_id, settings))

    reasons = "".join(
        f'<label class="om-fb-reason"><input type="checkbox" value="{escape(code)}"> '
        f"{text('feedback_reason_' + code)}</label>"
        for code in FEEDBACK_REASONS
    )
    # Gradio's sanitiser keeps classes and ``hidden`` but drops data-* attributes and
    # textareas, so the ids ride in class names and the messages in hidden spans.
    messages = "".join(
        f'<span class="om-fb-msg om-fb-msg-{name}" hidden>{text(text_id)}</span>'
        for name, text_id in (
            ("helpful", "feedback_helpful_saved"),
            ("not-helpful", "feedback_not_helpful_saved"),
            ("failed", "feedback_not_saved"),
            ("more-saved", "comment_saved"),
        )
    )
    return (
        f'<div class="om-feedback om-fb-c-{escape(conversation_id)} om-fb-m-{int(message_id)}">'
        f'<p class="om-fb-question">{text("feedback_question")}</p>'
        '<div class="om-fb-buttons">'
        f'<button type="button" class="om-fb om-fb-yes">{text("feedback_helpful")}</button>'
        f'<button type="button" class="om-fb om-fb-no">{text("feedback_not_helpful")}</button>'
        "</div>"
        '<div class="om-fb-more" hidden>'
        f"<fieldset><legend>{text('feedback_reasons_legend')}</legend>{reasons}</fieldset>"
        f'<label class="om-fb-comment">{text("feedback_comment_label")}'
        f'<input type="text" maxlength="{MAX_COMMENT_CHARS}"></label>'
        f'<button type="button" class="om-fb-send">{text("feedback_send")}</button></div>'
        f'<p class="om-fb-status" role="status"></p>{messages}</div>'
    )


def takes_feedback(route: str) -> bool:
    """Feedback is asked for on answers and notes, never on emergency, crisis or error replies."""
    style = ROUTE_STYLES.get(route)
    return style is None or not style.alert


def route_banner(route: str, settings: Settings) -> str:
    """The label that marks a non-answer reply (icon hidden from screen readers)."""
    style = ROUTE_STYLES.get(route)
    if style is None:
        return ""
    label = content.render(style.label_id, settings)
    return (
        f'<p class="route-label"><span class="route-icon" aria-hidden="true">{style.icon}</span>'
        f" <strong>{escape(label)}</strong></p>"
    )


def assistant_html(
    blocks: Sequence[Block], route: str, citations: Sequence[Citation], settings: Settings
) -> str:
    """A finished reply: route banner (if not an answer), its blocks, then its source cards."""
    return reply_html(blocks_to_html(blocks, settings), route, citations, settings)


def stored_reply_html(
    text: str, route: str | None, citations: Sequence[Citation], settings: Settings
) -> str:
    """A reply read back from the store (its text, not its blocks), drawn like a fresh one."""
    body = help_links(text_to_html(text, content.languages_by_text(settings)), settings)
    return reply_html(body, route or Route.ANSWER.value, citations, settings)


def reply_html(body: str, route: str, citations: Sequence[Citation], settings: Settings) -> str:
    """Escaped reply HTML wrapped as an answer or a route note, then its source cards."""
    style = ROUTE_STYLES.get(route)
    if style is not None:
        role = ' role="alert"' if style.alert else ' role="note"'
        banner = route_banner(route, settings)
        body = f'<div class="route-note {style.css_class}"{role}>{banner}{body}</div>'
    else:
        body = f'<div class="answer-body">{body}</div>'
    return body + source_cards(citations, settings)


def streaming_html(text: str) -> str:
    """A reply still arriving: escaped text only; the finished reply replaces it."""
    return f'<div class="answer-body streaming">{text_to_html(text) or "…"}</div>'


def user_markdown(text: str) -> str:
    """A person's message for the Chatbot: shown literally, whatever it contains."""
    return plain_text_markdown(text)


def speaker_label(label: str) -> str:
    """Who is speaking, for screen readers only (the bubbles show it by position and colour)."""
    return f'<span class="om-visually-hidden om-speaker">{escape(label)} </span>'


def session_html(conversation_id: str | None) -> str:
    """A hidden marker the page script copies to sessionStorage (the conversation id only).

    Gradio's sanitiser drops data-* attributes, so the id rides in a class name.
    """
    if conversation_id is None:
        return '<span class="om-conv om-conv-cleared" hidden></span>'
    return f'<span class="om-conv om-conv-id-{escape(conversation_id)}" hidden></span>'


def notice_html(text: str, kind: str = "info") -> str:
    """A status line under the chat (errors such as too long or too fast, thanks for feedback)."""
    css = "notice-error" if kind == "error" else "notice-info"
    return f'<p class="notice {css}">{escape(text)}</p>' if text else ""
