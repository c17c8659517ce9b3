"""The answer service: route, retrieve, compose. The one path every caller uses.

The chat UI, the JSON API, the command line and the evaluation runner all
call ``Assistant.answer(conversation, message)`` (or ``stream``), so a reply
is routed, grounded and flagged the same way wherever it is shown. Safety
routes are answered with the fixed texts before any lookup; everything a
reply says beyond those texts is a cited sentence from the corpus.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from . import fixed_texts
from .config import Settings
from .embeddings import SentenceTransformerEmbeddings, get_embeddings
from .extractive import Draft, ExtractiveAnswerer, ExtractiveBackend
from .ingestion import ensure_ingested
from .passage_filter import unsafe_passage
from .retrieval import Retriever
from .routing import Router
from .schema import Passage, Reply, Route, RouteDecision, Turn
from .store import VectorStore

_CLINICAL_GENERAL_SENTENCES = 3


class AnswerBackend(Protocol):
    name: str

    def draft(
        self,
        question: str,
        query_vector: np.ndarray,
        passages: Sequence[Passage],
        max_sentences: int | None = None,
    ) -> Draft: ...


@dataclass(frozen=True)
class StreamEvent:
    """A piece of a reply as it is produced; the last event carries the whole Reply."""

    delta: str = ""
    reply: Reply | None = None


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
            reply = Reply(fixed, decision.route, decision, backend="fixed", timings_ms=timings)
            yield from self._finish(reply, started)
            return
        previous = [t.text for t in reversed(conversation) if t.role == "user"]
        t0 = time.perf_counter()
        result = self.retriever.retrieve(message, previous)
        vector = result.vector
        timings["retrieve_ms"] = _ms(t0)
        t0 = time.perf_counter()
        if decision.route == Route.CLINICAL:
            reply = self._clinical(message, decision, result.passages, vector, result.relevant)
        elif not result.relevant:
            reply = self._unknown(decision, result.passages, "retrieval:below_relevance_floor")
        else:
            sources = [p for p in result.passages if not unsafe_passage(p.chunk.text)]
            draft = None
            streaming = getattr(self.backend, "stream_draft", None)
            if streaming is not None:
                shown = False
                for item in streaming(message, vector, sources):
                    if isinstance(item, str):
                        if not shown:
                            yield StreamEvent(delta=f"{fixed_texts.answer_lead_in()}\n\n")
                            shown = True
                        yield StreamEvent(delta=item)
                    else:
                        draft = item
                if shown and draft is not None:
                    reply = self._answered(decision, draft, result.passages)
                    reply.timings_ms = {**timings, "answer_ms": _ms(t0)}
                    yield from self._finish(reply, started, already_streamed=True)
                    return
            if draft is None:
                draft = self.backend.draft(message, vector, sources)
            if not draft.citations:
                reply = self._unknown(decision, result.passages, "retrieval:no_citable_sentence")
            else:
                reply = self._answered(decision, draft, result.passages)
        timings["answer_ms"] = _ms(t0)
        reply.timings_ms = timings
        yield from self._finish(reply, started)

    def _answered(self, decision: RouteDecision, draft: Draft, passages: list[Passage]) -> Reply:
        text = f"{fixed_texts.answer_lead_in()}\n\n{draft.body}"
        return Reply(
            text,
            Route.ANSWER,
            decision,
            citations=draft.citations,
            retrieved=passages,
            backend=draft.backend,
        )

    def _fixed_reply(self, decision: RouteDecision) -> str | None:
        if decision.route == Route.EMERGENCY:
            return fixed_texts.emergency_reply(self.settings)
        if decision.route == Route.CRISIS:
            return fixed_texts.crisis_reply(self.settings)
        if decision.route == Route.OUT_OF_SCOPE:
            return fixed_texts.decline_reply(self.settings, decision.reason)
        return None

    def _clinical(
        self,
        message: str,
        decision: RouteDecision,
        passages: list[Passage],
        vector: np.ndarray,
        relevant: bool,
    ) -> Reply:
        parts = [fixed_texts.clinical_reply_intro(self.settings)]
        citations = []
        backend = "fixed"
        if relevant:
            sources = [p for p in passages if not unsafe_passage(p.chunk.text)]
            draft = self.backend.draft(message, vector, sources, _CLINICAL_GENERAL_SENTENCES)
            if draft.citations:
                parts.append(f"{fixed_texts.general_info_heading()}\n\n{draft.body}")
                citations = draft.citations
                backend = draft.backend
        questions = "\n".join(f"- {q}" for q in fixed_texts.clinical_questions_to_ask())
        parts.append(f"{fixed_texts.questions_heading()}\n\n{questions}")
        return Reply(
            "\n\n".join(parts),
            Route.CLINICAL,
            decision,
            citations=citations,
            retrieved=passages,
            backend=backend,
        )

    def _unknown(self, decision: RouteDecision, passages: list[Passage], why: str) -> Reply:
        unknown = RouteDecision(Route.UNKNOWN, why, decision.confidence)
        return Reply(
            fixed_texts.unknown_reply(self.settings),
            Route.UNKNOWN,
            unknown,
            retrieved=passages,
            backend="fixed",
        )

    def _finish(self, reply: Reply, started: float) -> Iterator[StreamEvent]:
        reply.flagged = reply.route != Route.ANSWER
        reply.flag_reason = (
            f"{reply.route.value}: {reply.decision.reason}" if reply.flagged else None
        )
        for line in reply.text.splitlines(keepends=True):
            yield StreamEvent(delta=line)
        reply.timings_ms["total_ms"] = _ms(started)
        yield StreamEvent(reply=reply)


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)


def build_assistant(
    settings: Settings,
    *,
    embeddings: SentenceTransformerEmbeddings | None = None,
    ingest_if_needed: bool = True,
    progress: bool = True,
) -> Assistant:
    """Wire the services together from settings, ingesting the corpus first if needed."""
    emb = embeddings or get_embeddings(settings.embedding_model)
    if ingest_if_needed:
        ensure_ingested(settings, emb, progress=progress)
    store = VectorStore.open(settings, emb.model_name, emb.dimension)
    retriever = Retriever(settings, store, emb)
    extractive = ExtractiveBackend(
        ExtractiveAnswerer(emb, max_sentences=settings.max_answer_sentences)
    )
    backend: AnswerBackend = extractive
    if settings.answer_backend == "llm":
        from .llm import LLMBackend

        backend = LLMBackend(settings, fallback=extractive)
    router = Router(settings, emb)
    router.warm_up()
    return Assistant(settings, router, retriever, backend)
