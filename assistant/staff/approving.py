"""The approved-answer form: which questions and passages it starts from, and what it sent.

A quote travels in the form as ``"<chunk id> | <sentence>"`` (a ticked
checkbox, or a line typed into the extra-quotes box); the sentence is checked
against the stored chunk by ``conversations.approved.verified_quotes`` before
anything is saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..conversations import ConversationDetail
from ..conversations.approved import ChunkLookup
from ..errors import ApprovedAnswerError, UnknownMessage
from ..retrieval import sentences_of
from ..schema import ApprovedQuote
from ..text import LIST_ITEM

SEPARATOR = " | "
MAX_CANDIDATE_PASSAGES = 8


def quote_value(quote: ApprovedQuote) -> str:
    return f"{quote.chunk_id}{SEPARATOR}{quote.text}"


def parse_quote(value: str) -> ApprovedQuote:
    chunk_id, sep, text = value.partition("|")
    if not sep or not chunk_id.strip() or not text.strip():
        raise ApprovedAnswerError(
            "write each extra quote as: passage id | the sentence, exactly as the source has it"
        )
    return ApprovedQuote(chunk_id.strip(), text.strip())


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def quotes(ticked: Iterable[str], extra: str) -> list[ApprovedQuote]:
    """The ticked sentences, then the typed ones, each once, in that order."""
    found = [parse_quote(v) for v in ticked] + [parse_quote(v) for v in lines(extra)]
    return list(dict.fromkeys(found))


def from_answer(detail: ConversationDetail, message_id: int) -> tuple[list[str], list[str]]:
    """For an answer of this conversation: the person's message before it (the question)
    and the ids of the passages searched for it, cited ones first."""
    messages = detail["messages"]
    for i, m in enumerate(messages):
        if m["id"] == message_id and m["role"] == "assistant":
            question = next(
                (p["text"] for p in reversed(messages[:i]) if p["role"] == "user"), None
            )
            cited = [str(c.get("chunk_id")) for c in m["citations"] or [] if isinstance(c, dict)]
            retrieval = m["retrieval"] if isinstance(m["retrieval"], dict) else {}
            searched = [
                str(p.get("chunk_id"))
                for p in retrieval.get("passages") or []
                if isinstance(p, dict)
            ]
            ids = list(dict.fromkeys(c for c in [*cited, *searched] if c and c != "None"))
            return ([question] if question else []), ids
    raise UnknownMessage("no such answer in this conversation")


def candidates(chunks: ChunkLookup | None, chunk_ids: list[str]) -> list[dict[str, Any]]:
    """The passages to pick sentences from, each cut into its sentences."""
    if chunks is None or not chunk_ids:
        return []
    out = []
    for chunk in chunks(chunk_ids[:MAX_CANDIDATE_PASSAGES]):
        out.append(
            {
                "chunk_id": chunk.chunk_id,
                "title": chunk.title,
                "section": chunk.section,
                "source_id": chunk.source_id,
                "sentences": [
                    (quote_value(ApprovedQuote(chunk.chunk_id, s)), s)
                    for s in (LIST_ITEM.sub("", s).strip() for s in sentences_of(chunk.text))
                    if s
                ],
            }
        )
    return out
