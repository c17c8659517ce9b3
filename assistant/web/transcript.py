"""A conversation to take to an appointment: a printable page and a downloadable file.

One self-contained HTML document (its styles inline, print styles included,
nothing loaded from anywhere): the questions for the care team gathered from
the replies first, then the chat with each reply's sources, then every source
with its full address, so a printed copy still says where each quote is from.
Everything is escaped by ``rendering``; the words come from ``content``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .. import content
from ..chat import TranscriptItem
from ..config import Settings
from . import rendering
from .chat_ui import disclaimer_html

_BULLET = re.compile(r"^\s*-\s+(.*)$")

PRINT_CSS = """
body { font: 16px/1.5 system-ui, -apple-system, sans-serif; color: #111827; background: #fff;
  max-width: 46rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 1.5rem; }
.om-export-actions button { font: inherit; min-height: 44px; padding: 0.4rem 1rem;
  border: 2px solid #1d4e89; border-radius: 6px; background: #1d4e89; color: #fff; }
.om-export-actions button:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
.om-turn { border-top: 1px solid #d1d5db; padding-top: 0.5rem; }
.om-speaker { font-weight: 600; margin-bottom: 0; }
.om-disclaimer { border-left: 4px solid #8a6d00; padding-left: 0.75rem; }
.source-url { word-break: break-all; font-size: 0.9rem; }
.route-note { border-left: 4px solid #1d4e89; padding-left: 0.75rem; }
.route-emergency, .route-crisis { border-left-color: #b91c1c; }
a { color: #1d4e89; }
@media print {
  .om-export-actions { display: none; }
  body { max-width: none; padding: 0; font-size: 12pt; }
  a { color: #000; }
  .om-turn, .source-card { break-inside: avoid; }
}
"""


def care_team_questions(items: Sequence[TranscriptItem], settings: Settings) -> list[str]:
    """The questions the replies suggested for the care team, each once, in order."""
    heading = content.render("questions_heading", settings).strip()
    found: list[str] = []
    for item in items:
        if item.role != "assistant":
            continue
        blocks = re.split(r"\n\s*\n", item.text)
        for i, block in enumerate(blocks[:-1]):
            if block.strip() != heading:
                continue
            for line in blocks[i + 1].splitlines():
                match = _BULLET.match(line)
                if match and match.group(1).strip() not in found:
                    found.append(match.group(1).strip())
    return found


def transcript_html(items: Sequence[TranscriptItem], settings: Settings, *, printable: bool) -> str:
    """The whole document; ``printable`` adds a Print button (hidden when printed)."""

    def text(text_id: str) -> str:
        return rendering.escape(content.render(text_id, settings))

    questions = care_team_questions(items, settings)
    if questions:
        questions_html = (
            "<ol>" + "".join(f"<li>{rendering.escape(q)}</li>" for q in questions) + "</ol>"
        )
    else:
        questions_html = f"<p>{text('export_no_questions')}</p>"
    you = text("speaker_you")
    bot = text("speaker_assistant")
    turns = []
    for item in items:
        if item.role == "user":
            turns.append(
                f'<section class="om-turn om-you"><p class="om-speaker">{you}</p>'
                f"<p>{rendering.escape(item.text)}</p></section>"
            )
            continue
        reply = rendering.stored_reply_html(item.text, item.route, item.citations, settings)
        turns.append(
            f'<section class="om-turn om-reply"><p class="om-speaker">{bot}</p>{reply}</section>'
        )
    sources: dict[str, str] = {}
    for item in items:
        for c in item.citations:
            url = rendering.citation_url(c)
            if url is None or url in sources:
                continue
            publisher = f" ({rendering.escape(c.publisher)})" if c.publisher else ""
            sources[url] = (
                f"<li>{rendering.link(url, c.title or url)}{publisher}"
                f'<br><span class="source-url">{rendering.escape(url)}</span></li>'
            )
    sources_html = (
        f"<h2>{text('export_sources_heading')}</h2><ol>{''.join(sources.values())}</ol>"
        if sources
        else ""
    )
    actions = (
        '<p class="om-export-actions"><button type="button" onclick="window.print()">'
        f"{text('export_print')}</button></p>"
        if printable
        else ""
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{text('export_title')}</title><style>{PRINT_CSS}</style></head><body><main>"
        f"<h1>{text('export_title')}</h1><p>{text('export_intro')}</p>{actions}"
        f"{disclaimer_html(settings)}"
        f"<h2>{text('export_questions_heading')}</h2>{questions_html}"
        f"<h2>{text('export_chat_heading')}</h2>{''.join(turns)}"
        f"{sources_html}</main></body></html>"
    )
