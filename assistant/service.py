"""The answer service: route, retrieve, compose. The one path every caller uses.

The chat UI, the JSON API, the command line and the evaluation runner all
call ``Assistant.answer(conversation, message)`` (or ``stream``), so a reply
is routed, grounded and flagged the same way wherever it is shown. Safety
routes are answered with the reviewed fixed texts before any lookup;
everything a reply says beyond those texts is a cited sentence from the
corpus.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from . import content
from .answering import AnswerBackend
from .answering.passage_filter import unsafe_passage
from .config import Settings
from .retrieval import Retriever
from .routing import Router
from .schema import (
    Block,
    Bullets,
    Cited,
    Draft,
    Paragraph,
    Reply,
    Route,
    RouteDecision,
    Turn,
)

_CLINICAL_GENERAL_SENTENCES = 3

_GREETING_DETAILS = frozenset({"greeting", "empty"})
_INSTRUCTION_DETAILS = frozenset({"instruction_override", "prompt_request", "role_play"})


@dataclass(frozen=True)
class StreamEvent:
    """A piece of a reply as it is produced; the last event carries the whole Reply."""

    delta: str = ""
    reply: Reply | None = None


def decline_text_id(decision: RouteDecision) -> str:
    """Which reviewed decline fits an out-of-scope decision."""
    if decision.detail in _GREETING_DETAILS:
        return "decline_greeting"
    if decision.detail in _INSTRUCTION_DETAILS:
        return "decline_instructions"
    return "decline_off_topic"


class Assistant:
    """Answers one message in the context of a conversation; holds no per-user state."""

    def __init__(
        self,
        settings: Settings,
        router: Router,
        retriever: Retriever,
        backend: AnswerBackend,
    ) -> None:
        self.settings = settings
        self.router = router
        self.retriever = retriever
        self.backend = backend

    def answer(self, conversation: Sequence[Turn], message: str) -> Reply:
        reply: Reply | None = None
        for event in self.stream(conversation, message):
            reply = event.reply or reply
        assert reply is not None
        return reply

    def stream(self, conversation: Sequence[Turn], message: str) -> Iterator[StreamEvent]:
        """Yield the reply in pieces (a line at a time), then the finished Reply."""
        started = time.perf_counter()
        message = message.strip()
        decision = self.router.route(conversation, message)
        timings = {"route_ms": _ms(started)}
        fixed = self._fixed_reply(decision)
        if fixed is not None:
            yield from self._finish(fixed, started, timings)
            return
        previous = [t.text for t in reversed(conversation) if t.role == "user"]
        t0 = time.perf_counter()
        result = self.retriever.retrieve(message, previous)
        timings["retrieve_ms"] = _ms(t0)
        t0 = time.perf_counter()
        passages = tuple(result.passages)
        streamed = False
        if decision.route == Route.CLINICAL:
            reply = self._clinical(
                message, decision, result.passages, result.vector, result.relevant
            )
        elif not result.relevant:
            reply = self._unknown(decision, passages, "below_relevance_floor")
        else:
            sources = [p for p in result.passages if not unsafe_passage(p.chunk.text)]
            draft: Draft | None = None
            for item in self.backend.stream(message, result.vector, sources):
                if isinstance(item, Draft):
                    draft = item
                    continue
                if not streamed:
                    lead_in = content.render("answer_lead_in", self.settings)
                    yield StreamEvent(delta=f"{lead_in}\n\n")
                    streamed = True
                yield StreamEvent(delta=item)
            if draft is None or not draft.sentences:
                reply = self._unknown(decision, passages, "no_citable_sentence")
                streamed = False
            else:
                reply = self._answered(decision, draft, passages)
        timings["answer_ms"] = _ms(t0)
        yield from self._finish(reply, started, timings, already_streamed=streamed)

    def _answered(self, decision: RouteDecision, draft: Draft, passages: tuple) -> Reply:
        blocks: tuple[Block, ...] = (
            Paragraph(content.render("answer_lead_in", self.settings)),
            Cited(draft.sentences),
        )
        return Reply(
            blocks,
            decision,
            citations=draft.citations,
            retrieved=passages,
            backend=draft.backend,
            model=draft.model,
            backend_note=draft.note,
        )

    def _fixed_reply(self, decision: RouteDecision) -> Reply | None:
        if decision.route == Route.EMERGENCY:
            text_id = "emergency"
        elif decision.route == Route.CRISIS:
            text_id = "crisis"
        elif decision.route == Route.OUT_OF_SCOPE:
            text_id = decline_text_id(decision)
        else:
            return None
        return Reply((Paragraph(content.render(text_id, self.settings)),), decision)

    def _clinical(
        self,
        message: str,
        decision: RouteDecision,
        passages: list,
        vector: object,
        relevant: bool,
    ) -> Reply:
        blocks: list[Block] = [Paragraph(content.render("clinical_intro", self.settings))]
        draft: Draft | None = None
        if relevant:
            sources = [p for p in passages if not unsafe_passage(p.chunk.text)]
            found = self.backend.draft(message, vector, sources, _CLINICAL_GENERAL_SENTENCES)  # type: ignore[arg-type]
            if found.sentences:
                draft = found
                blocks.append(Paragraph(content.render("general_info_heading", self.settings)))
                blocks.append(Cited(found.sentences))
        blocks.append(Paragraph(content.render("questions_heading", self.settings)))
        blocks.append(Bullets(tuple(content.render_list("clinical_questions", self.settings))))
        return Reply(
            tuple(blocks),
            decision,
            citations=draft.citations if draft else (),
            retrieved=tuple(passages),
            backend=draft.backend if draft else "fixed",
            model=draft.model if draft else None,
            backend_note=draft.note if draft else None,
        )

    def _unknown(self, decision: RouteDecision, passages: tuple, why: str) -> Reply:
        unknown = RouteDecision(Route.UNKNOWN, why, decision.confidence)
        return Reply(
            (Paragraph(content.render("unknown", self.settings)),),
            unknown,
            retrieved=passages,
        )

    def _finish(
        self,
        reply: Reply,
        started: float,
        timings: dict[str, float],
        *,
        already_streamed: bool = False,
    ) -> Iterator[StreamEvent]:
        flag = (
            None if reply.route == Route.ANSWER else f"{reply.route.value}: {reply.decision.reason}"
        )
        if not already_streamed:
            for line in reply.text.splitlines(keepends=True):
                yield StreamEvent(delta=line)
        timings["total_ms"] = _ms(started)
        yield StreamEvent(reply=replace(reply, flag_reason=flag, timings_ms=timings))


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)
