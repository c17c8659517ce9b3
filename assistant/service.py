"""The answer service: route, retrieve, compose. The one path every caller uses.

The chat UI, the JSON API, the command line and the evaluation runner all
call ``Assistant.answer(conversation, message)`` (or ``stream``), so a reply
is routed, grounded and flagged the same way wherever it is shown. Safety
routes are answered with the reviewed fixed texts before any lookup;
everything a reply says beyond those texts is a cited sentence from the
corpus.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from . import content, referrals
from .answering import AnswerBackend, ExtractiveBackend
from .answering.compose import (
    PartAnswer,
    answer_blocks,
    any_answered,
    citations_of,
    general_limits_applies,
    general_safety_applies,
    lead_in_id,
    next_marker,
    renumbered,
    said_gaps,
    unknown_blocks,
)
from .answering.extractive import WARNED_CONDITIONS, warns_of
from .answering.intent import (
    GENERAL_LIMITS_QUESTION,
    GENERAL_SAFETY_QUESTION,
    Focus,
    asks_benefit,
    general_limits_focus,
    general_safety_focus,
    intent_of,
    read_message,
    read_question,
)
from .answering.passage_filter import unsafe_passage
from .config import Settings
from .embeddings import TextVectors, usable_cores
from .other_language_words import english_reading
from .patient_words import conditions
from .retrieval import RetrievalResult, Retriever
from .routing import Router
from .routing.lexicon import INJECTION_PATTERNS
from .routing.normalise import normalise
from .routing.topics import care_topic
from .schema import (
    ApprovedMatch,
    ApprovedRef,
    Block,
    Citation,
    Cited,
    CitedSentence,
    Draft,
    Paragraph,
    Passage,
    Reply,
    Route,
    RouteDecision,
    Turn,
    render_text,
)

log = logging.getLogger(__name__)

_CLINICAL_GENERAL_SENTENCES = 3
_GENERAL_SAFETY_SENTENCES = 2
"""General safety sentences shown beside a "not covered" condition."""
_GENERAL_LIMITS_SENTENCES = 1
"""The sources' one caveat on the whole body of evidence ("study designs or methods are not
always strong"); a second would be a caveat on one symptom the person may not have asked
about (measured: it lowered answer precision, docs/retrieval.md "s29-11u")."""
_GENERAL_DRAFTS_KEPT = 256
"""How many drafts of the general sentences are kept (a few readings are ever asked for:
the general safety focus with each set of raised conditions, and the limits focus)."""


@dataclass(frozen=True)
class StreamEvent:
    """A piece of a reply as it is produced; the last event carries the whole Reply."""

    delta: str = ""
    reply: Reply | None = None


READINESS_PROBE = "Is massage safe during cancer treatment?"


class ApprovedAnswerSource(Protocol):
    """Staff-approved answers (``conversations.approved.ApprovedAnswerIndex``)."""

    def match(self, vector: np.ndarray) -> ApprovedMatch | None: ...


class Assistant:
    """Answers one message in the context of a conversation; holds no per-user state."""

    def __init__(
        self,
        settings: Settings,
        router: Router,
        retriever: Retriever,
        backend: AnswerBackend,
        approved: ApprovedAnswerSource | None = None,
        answer_slots: threading.Semaphore | None = None,
    ) -> None:
        """``answer_slots``: how many messages may be retrieved for and composed at once (one
        per core unless given). Only ordinary answers take a slot, and only once routed:
        emergency, crisis and other fixed replies never wait behind them."""
        self.settings = settings
        self.router = router
        self.retriever = retriever
        self.backend = backend
        self.approved = approved
        self.answer_slots = answer_slots or threading.BoundedSemaphore(usable_cores())
        self._general_drafts: dict[
            tuple[Focus, int, int], tuple[RetrievalResult, tuple[Draft, tuple] | None]
        ] = {}
        """The general sentences' drafts (``_general``), each with the fixed search's result
        it was made from."""

    def with_approved(self, approved: ApprovedAnswerSource | None) -> Assistant:
        """The same assistant (sharing its models, stores and answer slots) serving these
        approved answers."""
        served = Assistant(
            self.settings, self.router, self.retriever, self.backend, approved, self.answer_slots
        )
        served._general_drafts = self._general_drafts
        return served

    def warm_up(self) -> None:
        """Answer one general question and drop the reply, so what only a first answer
        does (the store's and the model's first calls, the reviewed texts read, patterns
        searched for the first time) happens before the app reports ready; at 100,000
        chunks the first question after a start was up to twice the median without it.
        Nothing is kept: turns are stored by the web layer, not here. A failure is only
        logged (by its type): ``check_ready`` is where a part that cannot answer is named."""
        try:
            self.answer([], READINESS_PROBE)
        except Exception as exc:  # readiness names what failed; the start goes on
            log.warning("warm-up answer failed: %s", type(exc).__name__)

    def check_ready(self) -> list[str]:
        """The parts that cannot answer now, each named with a short reason; empty when ready.

        Readiness means a question could be answered: the embedding model
        embeds, and the vector store returns a passage for it.
        """
        try:
            vector = self.retriever.embed([READINESS_PROBE])[0]
        except Exception as exc:
            return [f"embedding model: {type(exc).__name__}"]
        try:
            if not self.retriever.store.query(vector.tolist(), 1):
                return ["vector store: no passages"]
        except Exception as exc:
            return [f"vector store: {type(exc).__name__}"]
        return []

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
        # A misspelt word is searched, checked and answered as the word it meant; routing
        # reads the message as typed, so red flags are found on what the person wrote.
        respelled = self.retriever.respell(message)
        vectors = self._turn_vectors(message, respelled)
        timings = {"embed_ms": _ms(started)}
        t0 = time.perf_counter()
        decision = self.router.route(conversation, message, vectors)
        timings["route_ms"] = _ms(t0)
        fixed = self._fixed_reply(decision)
        if fixed is not None:
            yield from self._finish(fixed, started, timings)
            return
        if _may_serve_approved(decision) and self.approved is not None:
            t0 = time.perf_counter()
            approved = self._approved_reply(decision, vectors.get(respelled))
            if approved is not None:
                timings["approved_ms"] = _ms(t0)
                yield from self._finish(approved, started, timings)
                return
        previous = [t.text for t in reversed(conversation) if t.role == "user"]
        if decision.language != "en":
            # The sources are in English: a question in another language is searched
            # and answered as the English words it names (other_language_words.yaml).
            english = english_reading(message, decision.language)
            respelled = self.retriever.respell(english) if english else respelled
            previous = [english_reading(t, decision.language) or t for t in previous]
        message = respelled
        previous = [self.retriever.respell(t) for t in previous]
        t0 = time.perf_counter()
        # Routed first, so only retrieval and composition wait for a slot (a flood of
        # ordinary questions queues here, never in front of a safety reply).
        with self.answer_slots:
            timings["slot_wait_ms"] = _ms(t0)
            t0 = time.perf_counter()
            result = self.retriever.retrieve(message, previous, vectors=vectors)
            timings["retrieve_ms"] = _ms(t0)
            t0 = time.perf_counter()
            streamed = False
            if decision.route == Route.CLINICAL:
                reply = self._clinical(message, previous, decision, result)
            else:
                reply, streamed = yield from self._answered(message, previous, decision, result)
            timings["answer_ms"] = _ms(t0)
        yield from self._finish(reply, started, timings, already_streamed=streamed)

    def _turn_vectors(self, message: str, respelled: str) -> TextVectors:
        """The message embedded once for the turn, in one model call: ``respelled`` (the
        message with misspelt words read as meant: the dense search and approved answers;
        composition uses the query vector retrieval returns) and the message as typed as
        routing's classifier reads it; one text's vector when the readings coincide."""
        if not message:
            return TextVectors()
        texts = list(dict.fromkeys([respelled, *self.router.texts_to_embed(message)]))
        return self.retriever.turn_vectors(texts)

    def _approved_reply(self, decision: RouteDecision, vector: object) -> Reply | None:
        """A staff-approved answer when one matches this ordinary answer-route message.

        Reuses the turn's own vector (never embeds again). Each quote is checked
        against its stored chunk once more before serving: if the corpus changed
        under it, the ordinary answer is given instead (and logged, without text).
        """
        if not isinstance(vector, np.ndarray) or self.approved is None:
            return None
        try:
            found = self.approved.match(vector)
        except Exception as exc:  # approved answers are a shortcut: never a reason to fail
            log.warning("approved answers unavailable: %s", type(exc).__name__)
            return None
        if found is None:
            return None
        answer = found.answer
        ids = list(dict.fromkeys(q.chunk_id for q in answer.quotes))
        chunks = {c.chunk_id: c for c in self.retriever.store.get_chunks(ids)}
        squash = " ".join
        sentences: list[CitedSentence] = []
        citations: list[Citation] = []
        for marker, quote in enumerate(answer.quotes, start=1):
            chunk = chunks.get(quote.chunk_id)
            if chunk is None or squash(quote.text.split()) not in squash(chunk.text.split()):
                log.warning(
                    "approved answer %d v%d not served: a quote is no longer in its passage",
                    answer.answer_id,
                    answer.version,
                )
                return None
            sentences.append(CitedSentence(quote.text, (marker,)))
            citations.append(
                Citation(
                    marker,
                    chunk.source_id,
                    chunk.title,
                    chunk.section,
                    chunk.page,
                    quote.text,
                    chunk.chunk_id,
                    chunk.publisher,
                )
            )
        blocks: tuple[Block, ...] = (
            Paragraph(content.render("approved_by_staff", self.settings)),
            Paragraph(answer.lead),
            Paragraph(content.render("approved_quotes", self.settings)),
            Cited(tuple(sentences)),
        )
        return Reply(
            blocks,
            decision,
            citations=tuple(citations),
            retrieved=tuple(Passage(chunks[i], found.similarity) for i in ids),
            backend="approved",
            model=f"answer {answer.answer_id} v{answer.version}",
            approved_answer=ApprovedRef(answer.answer_id, answer.version, found.similarity),
        )

    def _answered(
        self,
        message: str,
        previous: Sequence[str],
        decision: RouteDecision,
        result: RetrievalResult,
    ) -> Generator[StreamEvent, None, tuple[Reply, bool]]:
        """The answer to each question of the message the sources cover, and a plain
        "not covered" for the others (``answering.compose``); ``unknown`` when none is.

        Returns the reply and whether its text was already streamed (only an LLM
        backend streams as it writes; the extractive answer is composed, then sent).
        """
        focuses, results = self._questions(message, previous, result)
        parts: list[PartAnswer] = []
        drafts: list[Draft] = []
        streamed = ""
        for i, (focus, found) in enumerate(zip(focuses, results, strict=True)):
            covered = _covered(focus, found)
            draft: Draft | None = None
            if covered:
                sources = _safe(_quotable(found))
                if i == 0 and not isinstance(self.backend, ExtractiveBackend):
                    lead_in = content.render(lead_in_id(focus), self.settings) + "\n\n"
                    for item in self.backend.stream(focus.text, found.vector, sources):
                        if isinstance(item, Draft):
                            draft = item
                            continue
                        if not streamed:
                            yield StreamEvent(delta=lead_in)
                            streamed = lead_in
                        yield StreamEvent(delta=item)
                        streamed += item
                else:
                    draft = self._draft(focus, found, sources, next_marker(drafts))
                if draft is not None and draft.sentences:
                    draft = renumbered(draft, next_marker(drafts))
                    drafts.append(draft)
            parts.append(PartAnswer(focus, covered, draft))
        general = None
        heading = "general_safety_heading"
        warned = frozenset().union(*(p.focus.raised for p in parts)) & WARNED_CONDITIONS
        if general_safety_applies(parts, warned) and decision.language == "en":
            general = self._general_safety(next_marker(drafts), warned)
        elif general_limits_applies(parts) and decision.language == "en":
            general = self._general(
                GENERAL_LIMITS_QUESTION,
                general_limits_focus(),
                next_marker(drafts),
                _GENERAL_LIMITS_SENTENCES,
            )
            heading = "general_limits_heading"
        retrieved = _passages(*(_quotable(r) for r in results), general_passages=general)
        answered = any_answered(parts)
        if answered:
            blocks = answer_blocks(parts, general[0] if general else None, self.settings)
            route_decision = decision
        else:
            blocks = unknown_blocks(parts, general[0] if general else None, self.settings, heading)
            why = (
                "not_covered"
                if any(p.focus.absent for p in parts)
                else "below_relevance_floor"
                if not any(p.covered for p in parts)
                else "no_citable_sentence"
            )
            route_decision = replace(decision, route=Route.UNKNOWN, detail=why, context=None)
        shown = {m for b in blocks if isinstance(b, Cited) for s in b.sentences for m in s.markers}
        every = [*drafts, *([general[0]] if general else [])]
        citations = tuple(c for c in citations_of(every) if c.marker in shown)
        first = drafts[0] if drafts else None
        reply = Reply(
            blocks,
            route_decision,
            citations=citations,
            retrieved=retrieved,
            backend=first.backend if first else "fixed",
            model=first.model if first else None,
            backend_note=first.note if first else None,
        )
        if streamed:
            if reply.text.startswith(streamed) and len(reply.text) > len(streamed):
                yield StreamEvent(delta=reply.text[len(streamed) :])
            return reply, True
        return reply, False

    def _questions(
        self, message: str, previous: Sequence[str], result: RetrievalResult
    ) -> tuple[list[Focus], list[RetrievalResult]]:
        """The questions of the message, each with its own search when there are several.

        Questions the sources all cover and that ask the same kind of thing are
        answered as one ("What's the point of a massage, what does it do?").
        """
        focuses = read_message(message, previous) or [read_question(message, previous)]
        if len(focuses) == 1:
            return focuses, [result]
        self.retriever.embed([f.text for f in focuses])  # one model call for all of them
        results = [
            self.retriever.retrieve(
                f.text, previous if i == 0 else [focuses[i - 1].text, *previous]
            )
            for i, f in enumerate(focuses)
        ]
        covered = [_covered(f, r) for f, r in zip(focuses, results, strict=True)]
        if (
            all(covered)
            and len({f.intent for f in focuses}) == 1
            and not any(f.choice for f in focuses)
        ):
            return [read_question(message, previous)], [result]
        return self._restated(focuses, results, covered, result)

    def _restated(
        self,
        focuses: list[Focus],
        results: list[RetrievalResult],
        covered: list[bool],
        whole: RetrievalResult,
    ) -> tuple[list[Focus], list[RetrievalResult]]:
        """The questions less those that ask again what the one before asked ("bone mets
        + massage = broken bones?? is that a real risk or just scare talk"): a question
        the sources do not cover on its own, that names nothing they lack and asks the
        same kind of thing in its own words (``intent_of``, never an intent carried from
        the question before) as the covered question before it, while the sources cover
        the message read whole (its share of words, not the confident bar alone). It is
        answered by the question before it, not named as not covered."""
        if not (whole.relevant and whole.coverage >= self.settings.min_term_coverage):
            return focuses, results
        kept: list[int] = []
        for i, focus in enumerate(focuses):
            before = kept[-1] if kept else None
            if (
                before is not None
                and not covered[i]
                and covered[before]
                and not focus.absent
                and (own := intent_of(focus.text)) is not None
                and own == intent_of(focuses[before].text)
            ):
                continue
            kept.append(i)
        return [focuses[i] for i in kept], [results[i] for i in kept]

    def _draft(
        self,
        focus: Focus,
        found: RetrievalResult,
        sources: list,
        first_marker: int,
        max_sentences: int | None = None,
    ) -> Draft:
        if isinstance(self.backend, ExtractiveBackend):
            return self.backend.draft_for(
                focus, found.vector, sources, max_sentences, first_marker=first_marker
            )
        return self.backend.draft(focus.text, found.vector, sources, max_sentences)

    def _general_safety(
        self, first_marker: int, raised: frozenset[str] = frozenset()
    ) -> tuple[Draft, tuple] | None:
        """The sources' general safety sentences, for a message naming a condition they
        do not cover (shown labelled as general). A condition the message raises that
        the sources warn about (``raised``: "mets in her spine") is weighed as in any
        safety question, so its warning is among them, never lost to a "not covered"."""
        return self._general(
            GENERAL_SAFETY_QUESTION,
            replace(general_safety_focus(), raised=raised),
            first_marker,
            _GENERAL_SAFETY_SENTENCES + len(raised),
        )

    def _general(
        self, question: str, focus: Focus, first_marker: int, sentences: int
    ) -> tuple[Draft, tuple] | None:
        """The sentences a fixed search of the service's own (``question``, read as
        ``focus``) finds, shown labelled as general: what the sources say about safety, or
        about how far the evidence goes."""
        found = self.retriever.retrieve_fixed(question)  # the same search every time
        if not isinstance(self.backend, ExtractiveBackend):
            return self._general_of(found, focus, first_marker, sentences)
        # The extractive draft of the same search for the same reading is the same draft:
        # made once for each (reading, first marker, length) until the corpus changes
        # (``retrieve_fixed`` then gives a new result).
        key = (focus, first_marker, sentences)
        kept = self._general_drafts.get(key)
        if kept is not None and kept[0] is found:
            return kept[1]
        general = self._general_of(found, focus, first_marker, sentences)
        if len(self._general_drafts) >= _GENERAL_DRAFTS_KEPT:
            self._general_drafts.clear()
        self._general_drafts[key] = (found, general)
        return general

    def _general_of(
        self, found: RetrievalResult, focus: Focus, first_marker: int, sentences: int
    ) -> tuple[Draft, tuple] | None:
        if not found.relevant:
            return None
        sources = _safe(_quotable(found))
        draft = self._draft(focus, found, sources, first_marker, sentences)
        if not draft.sentences:
            return None
        return renumbered(draft, first_marker), _quotable(found)

    def _fixed_reply(self, decision: RouteDecision) -> Reply | None:
        blocks = referrals.fixed_reply_blocks(decision, self.settings)
        return None if blocks is None else Reply(blocks, decision)

    def _clinical(
        self,
        message: str,
        previous: Sequence[str],
        decision: RouteDecision,
        result: RetrievalResult,
    ) -> Reply:
        """The care-team referral with what the sources say that fits. A condition the
        sources do not cover ("lymphedema") is named as not covered, with their general
        safety sentences, never a sentence about something else the search found."""
        passages = result.passages
        question = read_question(message, previous)
        uncovered = conditions(said_gaps(question))
        draft: Draft | None = None
        general = None
        # A condition the sources cover named beside one they do not ("bone mets, and he
        # is on warfarin"): the covered one's warning is still quoted, after the line
        # naming what is not covered.
        beside = bool(uncovered and question.raised & WARNED_CONDITIONS)
        benefit: Draft | None = None
        benefit_found: Sequence[Passage] = ()
        whole = result
        if not (result.relevant or uncovered) and asks_benefit(message):
            part = self._benefit_part(message, previous, result)
            result = part[1] if part else result
            passages = result.passages
        if uncovered and not beside:
            # A benefit asked beside the uncovered device or condition ("can massage help
            # her fatigue and is it safe with her port?") is still answered, before the
            # line naming what is not covered: a covered part is never lost with it.
            part = (
                self._benefit_part(message, previous, result, named=conditions(question.absent))
                if asks_benefit(message)
                else None
            )
            if part is not None:
                benefit = self._benefit_draft(*part)
                benefit_found = part[1].passages
            general = self._general_safety(next_marker([benefit] if benefit else []))
            draft = general[0] if general else None
        elif result.relevant or beside:
            # A general benefit asked as a question of its own beside the personal one
            # ("does massage help with anxiety, and is it ok for her since the cancer went
            # to her bones?") is answered as such, before the sentences on the personal
            # question: a general question is never lost with the care one. (A benefit
            # part that already became the search above is drafted as the message's own,
            # not looked for again.)
            part = (
                self._benefit_part(message, previous, result)
                if asks_benefit(message) and result is whole
                else None
            )
            benefit = self._benefit_draft(*part) if part is not None else None
            benefit_found = part[1].passages if part is not None else ()
            sources = _safe(passages)
            # Read with the turn it leans on, like an answer: "so is it safe for her?" after
            # "her cancer spread to her bones" is about bone metastases.
            # One person's own condition (a clot, a line, low counts) is answered by what
            # fits it: a warning about a condition they did not raise (bone metastases) is
            # not theirs, though it may follow a question about safety in general.
            # Only what the sources say is safe, risky or needs care is quoted, never a
            # finding of benefit ("massage increased white blood cells" to a question
            # about low counts), unless the person asks what massage helps ("can massage
            # help my anxiety, and can I stop my anxiety meds then?").
            own = care_topic(normalise(question.text)) is not None
            focus = replace(
                question,
                general_safety=question.general_safety and not own,
                precautions=benefit is not None or not asks_benefit(message),
            )
            found = self._draft(
                focus,
                result,
                sources,
                next_marker([benefit] if benefit else []),
                _CLINICAL_GENERAL_SENTENCES,
            )
            warned = any(warns_of(s.text) & question.raised for s in found.sentences)
            beside = beside and warned
            # A condition raised that the sources warn about (bone metastases) whose
            # warning the search did not bring: the general sentences with it, below.
            unwarned = bool(question.raised & WARNED_CONDITIONS) and not warned
            if found.sentences and (warned or not uncovered) and not unwarned:
                draft = found
        if draft is None:
            # Nothing the search found fits ("my platelets came back at 40, ok on
            # Friday?"): the sources' general safety sentences (take precautions, avoid
            # vulnerable areas) still do, under the general heading, with the warning about
            # a condition the person raised ("mets in her ribs").
            general = self._general_safety(1, question.raised & WARNED_CONDITIONS)
            draft = general[0] if general else None
        citations = (*(benefit.citations if benefit else ()), *(draft.citations if draft else ()))
        return Reply(
            tuple(
                referrals.clinical_blocks(
                    decision, draft, self.settings, uncovered, beside, benefit=benefit
                )
            ),
            decision,
            citations=citations,
            # The benefit part's own search is among them: its sentences are cited from it.
            retrieved=_passages(passages, benefit_found, general_passages=general),
            backend=draft.backend if draft else "fixed",
            model=draft.model if draft else None,
            backend_note=draft.note if draft else None,
        )

    def _benefit_part(
        self,
        message: str,
        previous: Sequence[str],
        whole: RetrievalResult,
        *,
        named: Sequence[str] = (),
    ) -> tuple[Focus, RetrievalResult] | None:
        """The question of a care-team message that asks what massage helps, with its own
        search, when the message read whole is not covered: "would massage help my low
        mood, and can I come off my antidepressants?" is not covered as one question (the
        sources never name the medicine), while its first question is; the benefit it
        asks about is then quoted beside the referral, as for a message the sources
        cover whole. Only a covered question that asks a benefit and names nothing the
        sources lack but what the reply already ``named`` as not covered ("I have a picc
        line. will massage help me sleep"; then the message read whole may be that
        question: "does massage help with anxiety? I have a port, is that a problem");
        None when there is none (or, with nothing ``named``, the message is one question)."""
        focuses, results = self._questions(message, previous, whole)
        for focus, found in zip(focuses, results, strict=True):
            if (
                (found is not whole or bool(named))
                and found.relevant
                and asks_benefit(focus.text)
                and set(focus.absent) <= set(named)
            ):
                return focus, found
        return None

    def _benefit_draft(self, focus: Focus, found: RetrievalResult) -> Draft | None:
        """The cited benefit sentences for the benefit question ``focus`` of a care-team
        message (``_benefit_part``), read as a question of its own; None when none fits."""
        sources = _safe(found.passages)
        drafted = self._draft(
            replace(focus, precautions=False), found, sources, 1, _CLINICAL_GENERAL_SENTENCES
        )
        return drafted if drafted.sentences else None

    def _unknown(self, decision: RouteDecision, passages: tuple, why: str) -> Reply:
        unknown = replace(decision, route=Route.UNKNOWN, detail=why, context=None)
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
        flag = review_flag(reply.decision)
        blocks = referrals.framed(reply.blocks, reply.decision, self.settings)
        if blocks != reply.blocks:
            if already_streamed:
                # The reviewed lines around a streamed answer (reminder, language note)
                # come as one more piece; the stored reply has them in place.
                yield StreamEvent(delta="\n\n" + _plain(blocks, reply.blocks))
            reply = replace(reply, blocks=blocks)
        if not already_streamed:
            for line in reply.text.splitlines(keepends=True):
                yield StreamEvent(delta=line)
        timings["total_ms"] = _ms(started)
        yield StreamEvent(reply=replace(reply, flag_reason=flag, timings_ms=timings))


def _may_serve_approved(decision: RouteDecision) -> bool:
    """Only the ordinary answer route, in English: never a safety, clinical, out-of-scope
    or injection decision (routing has already run)."""
    return decision.route is Route.ANSWER and decision.language == "en"


_INJECTION_DETAILS = frozenset(detail for detail, _ in INJECTION_PATTERNS)


def review_flag(decision: RouteDecision) -> str | None:
    """Why staff should look at this reply, or None (issue 12: flags mean a human should look).

    Safety routes, clinical referrals and ``unknown`` replies are flagged as
    ``"<route>: <reason>"``; an attempt to change the assistant as
    ``"injection: <reason>"``. Answers, greetings, thanks and plain declines of
    off-topic messages are not (failures and negative feedback are flagged
    where they happen: ``chat`` and the store).
    """
    if decision.route is Route.ANSWER:
        return None
    if decision.route is Route.OUT_OF_SCOPE:
        if decision.detail in _INJECTION_DETAILS:
            return f"injection: {decision.reason}"
        return None
    return f"{decision.route.value}: {decision.reason}"


def _plain(blocks: tuple[Block, ...], inner: tuple[Block, ...]) -> str:
    """The text of the blocks added around ``inner``."""
    return render_text(tuple(b for b in blocks if b not in inner))


def _covered(focus: Focus, found: RetrievalResult) -> bool:
    """The sources cover this question, or the rest of it beside the conditions it names
    that they do not cover (those are named as not covered in the reply)."""
    if focus.absent:
        return found.covered_beside_absent
    return found.relevant or _warned(focus, found)


def _warned(focus: Focus, found: RetrievalResult) -> bool:
    """Whether ``focus`` raises a condition the sources warn about (bone metastases) and
    its search found their warning: whether it is safe with that condition is covered,
    whatever else the question names ("is it fine with bone mets in my ribs?": the ribs
    are not in the sources, the warning is). The warning is never hidden behind "not
    covered"."""
    raised = focus.raised & WARNED_CONDITIONS
    return bool(raised) and any(warns_of(p.chunk.text) & raised for p in found.passages)


def _safe(passages: Sequence[Passage]) -> list[Passage]:
    """The passages that may be quoted at all: none with a sentence that speaks to the
    assistant (``unsafe_passage``)."""
    return [p for p in passages if not unsafe_passage(p.chunk.text)]


def _quotable(found: RetrievalResult) -> tuple[Passage, ...]:
    """The passages an answer may quote: the top ``k`` and the few after them."""
    return found.pool or tuple(found.passages)


def _passages(
    *found: Sequence[Passage], general_passages: tuple[Draft, tuple] | None = None
) -> tuple[Passage, ...]:
    """Every passage searched for the reply, each once, in the order found (the first
    question's first): what the citations are checked against."""
    seen: dict[str, Passage] = {}
    groups = [*found, *([general_passages[1]] if general_passages else [])]
    for group in groups:
        for p in group:
            seen.setdefault(p.chunk.chunk_id, p)
    return tuple(seen.values())


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)
