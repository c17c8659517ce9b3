"""The optional LLM answer backend: a chat model writes, the validator decides what is shown.

Any LangChain chat model can be chosen by settings (usually an
OpenAI-compatible server: llama.cpp, vLLM, LM Studio, Ollama's ``/v1``). The
model is asked to answer only from numbered passages and to end every
sentence with a passage marker, but nothing it writes is trusted: each
sentence is kept only if it cites a real passage that shares words with it
and passes the same safety filter as the extractive sentences. Markers are
renumbered 1..m in order of first use, and each citation quotes the cited
chunk verbatim. If nothing survives, or the model fails or is too slow, the
answer falls back to the extractive backend, so a patient always gets either
a checked answer or the extractive one, never raw model text.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections import Counter
from collections.abc import Generator, Iterator, Sequence
from contextlib import closing, suppress
from typing import TYPE_CHECKING, Any

import numpy as np

from ..config import Settings
from ..schema import Citation, CitedSentence, Draft, Passage
from ..text import LIST_ITEM, content_words, stems
from .base import AnswerBackend, draft_lines
from .citations import Unit, as_sentence
from .extractive import clean_display, split_units
from .passage_filter import unsafe_reason
from .prompts import build_messages

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

logger = logging.getLogger(__name__)

_MARKER = re.compile(r"\[\s*(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\s*\]")
_MARKERS = r"(?:\s*\[\s*\d{1,3}(?:\s*[,;]\s*\d{1,3})*\s*\])"
_PUNCT_END = r"[.!?]+[\"”’)]*"
# A sentence ends at end punctuation (plus any markers after it) when what follows
# does not look like the same sentence going on (a marker or a lower-case word),
# or after markers followed by a capital letter ("anxiety [1] It also...").
_END_IN_LINE = re.compile(rf"{_PUNCT_END}{_MARKERS}*(?=\s+[^\s\[a-z]|\s*$)|{_MARKERS}+(?=\s+[A-Z])")
_END_BEFORE_MORE = re.compile(rf"{_PUNCT_END}{_MARKERS}*(?=\s+[^\s\[a-z])|{_MARKERS}+(?=\s+[A-Z])")
_EMPHASIS = re.compile(r"\*\*|__|`")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")
_MIN_WORDS = 3
_MAX_OUTPUT_CHARS_PER_SENTENCE = 400
"""Stop reading a model that rambles: about this many characters per sentence asked for."""


class LLMTimeout(TimeoutError):
    """The model did not finish within ``llm_timeout_s``."""


class SentenceSplitter:
    """Cuts streamed model text into sentences as soon as each one is complete.

    A sentence is complete only once something after it shows it has ended
    (a new line, or a new sentence starting), because the model may still be
    about to write its marker. Feeding a text in any number of pieces gives
    the same sentences as feeding it whole.
    """

    def __init__(self) -> None:
        self._pending = ""
        self._line_start = True

    def feed(self, text: str) -> list[str]:
        self._pending += text
        sentences: list[str] = []
        while "\n" in self._pending:
            line, self._pending = self._pending.split("\n", 1)
            sentences += self._finish_line(line)
        if self._line_start:
            bullet = LIST_ITEM.match(self._pending)
            if bullet is not None:
                self._pending = self._pending[bullet.end() :]
                self._line_start = False
        done, rest = _cut(self._pending, _END_BEFORE_MORE)
        if done:
            self._pending = rest
            self._line_start = False
        return sentences + done

    def flush(self) -> list[str]:
        """The sentences left when the stream has ended."""
        line, self._pending = self._pending, ""
        return self._finish_line(line)

    def _finish_line(self, line: str) -> list[str]:
        if self._line_start:
            bullet = LIST_ITEM.match(line)
            if bullet is not None:
                line = line[bullet.end() :]
        self._line_start = True
        done, rest = _cut(line, _END_IN_LINE)
        return [*done, rest.strip()] if rest.strip() else done


def _cut(line: str, boundary: re.Pattern[str]) -> tuple[list[str], str]:
    """The sentences that end in ``line`` and the unfinished rest."""
    pieces: list[str] = []
    start = 0
    for match in boundary.finditer(line):
        piece = line[start : match.end()].strip()
        if piece:
            pieces.append(piece)
        start = match.end()
    return pieces, line[start:]


class AnswerComposer:
    """Checks model sentences one at a time and builds the cited answer from those kept.

    Why a sentence is dropped is counted in ``dropped`` (never the text, which
    may echo what the user wrote).
    """

    def __init__(self, passages: Sequence[Passage], max_sentences: int) -> None:
        if max_sentences < 1:
            raise ValueError(f"max_sentences must be at least 1, got {max_sentences}")
        self.passages = list(passages)
        self.max_sentences = max_sentences
        self.sentences: list[CitedSentence] = []
        self.citations: list[Citation] = []
        self.dropped: Counter[str] = Counter()
        self._new_marker: dict[int, int] = {}
        self._seen: set[str] = set()
        self._units: dict[int, list[Unit]] = {}
        self._passage_stems: dict[int, set[str]] = {}

    @property
    def full(self) -> bool:
        return len(self.sentences) >= self.max_sentences

    @property
    def lines(self) -> list[str]:
        """The kept sentences as answer lines (``- text [1]``)."""
        return [s.line() for s in self.sentences]

    @property
    def body(self) -> str:
        return "\n".join(self.lines)

    def accept(self, sentence: str) -> CitedSentence | None:
        """The checked, cited sentence for a model sentence, or None if it may not be shown."""
        if self.full:
            self.dropped["over_limit"] += 1
            return None
        numbers = [
            int(n) for m in _MARKER.finditer(sentence) for n in re.split(r"[,;]", m.group(1))
        ]
        text = _tidy(_MARKER.sub(" ", sentence))
        if len(text.split()) < _MIN_WORDS:
            self.dropped["fragment"] += 1
            return None
        if not numbers:
            self.dropped["no_marker"] += 1
            return None
        reason = unsafe_reason(text)
        if reason is not None:
            self.dropped[reason] += 1
            return None
        stems = self._stems(text)
        cited = [n for n in dict.fromkeys(numbers) if self._supports(n, stems)]
        if not cited:
            self.dropped["no_valid_marker"] += 1
            return None
        key = " ".join(sorted(stems))
        if key in self._seen:
            self.dropped["repeat"] += 1
            return None
        self._seen.add(key)
        markers = tuple(self._marker_for(n, stems) for n in cited)
        kept = CitedSentence(as_sentence(text), markers)
        self.sentences.append(kept)
        return kept

    def draft(self, backend: str, model: str | None, note: str | None = None) -> Draft:
        return Draft(tuple(self.sentences), tuple(self.citations), backend, model, note)

    def _stems(self, text: str) -> set[str]:
        return set(stems(content_words(text)))

    def _supports(self, number: int, stems: set[str]) -> bool:
        """A marker counts only if its passage exists, has a quotable sentence and shares a word."""
        if not 1 <= number <= len(self.passages):
            return False
        if not self._units_of(number):
            return False
        if number not in self._passage_stems:
            chunk = self.passages[number - 1].chunk
            self._passage_stems[number] = self._stems(f"{chunk.section} {chunk.text}")
        return bool(stems & self._passage_stems[number])

    def _units_of(self, number: int) -> list[Unit]:
        if number not in self._units:
            self._units[number] = split_units(self.passages[number - 1])
        return self._units[number]

    def _marker_for(self, number: int, stems: set[str]) -> int:
        if number in self._new_marker:
            return self._new_marker[number]
        marker = len(self._new_marker) + 1
        self._new_marker[number] = marker
        unit = max(self._units_of(number), key=lambda u: self._overlap(stems, u))
        self.citations.append(unit.citation(marker))
        return marker

    def _overlap(self, stems: set[str], unit: Unit) -> tuple[int, float]:
        """Shared words first; among equals, the unit with fewest words the model did not use."""
        other = self._stems(unit.display)
        shared = len(stems & other)
        return shared, shared / len(stems | other) if other else 0.0


def _tidy(text: str) -> str:
    text = clean_display(_EMPHASIS.sub("", text))
    return _SPACE_BEFORE_PUNCT.sub(r"\1", text).strip(" -:;,")


def validate_answer(
    text: str, passages: Sequence[Passage], max_sentences: int = 10
) -> AnswerComposer:
    """Check a whole model answer at once; the result holds the kept lines and citations."""
    composer = AnswerComposer(passages, max_sentences)
    splitter = SentenceSplitter()
    for sentence in [*splitter.feed(text), *splitter.flush()]:
        composer.accept(sentence)
    return composer


def failure_reason(exc: BaseException) -> str:
    """'timeout' if a timeout caused the failure anywhere in its chain, else 'error'."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, TimeoutError) or "timeout" in type(seen).__name__.lower():
            return "timeout"
        seen = seen.__cause__ or seen.__context__
    return "error"


def stream_with_deadline(
    model: BaseChatModel, messages: list[BaseMessage], deadline: float
) -> Generator[str, None, None]:
    """Text deltas from ``model.stream``, raising LLMTimeout at ``deadline`` (monotonic).

    The client's own timeout applies to each read, not to the whole answer,
    and a blocked read cannot be interrupted, so the stream is read in a
    worker thread and the caller waits on a queue for at most the time left.
    A worker that is still waiting when the caller gives up stops at its
    next chunk (or when the client's read timeout ends it).
    """
    chunks: queue.Queue[tuple[str, Any]] = queue.Queue()
    stop = threading.Event()

    def pump() -> None:
        try:
            stream = model.stream(messages)
            try:
                for chunk in stream:
                    if stop.is_set():
                        return
                    chunks.put(("text", chunk.text))
            finally:
                close = getattr(stream, "close", None)
                if close is not None:
                    close()
            chunks.put(("end", None))
        except BaseException as exc:
            chunks.put(("error", exc))

    threading.Thread(target=pump, name="llm-stream", daemon=True).start()
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LLMTimeout("the model did not finish in time")
            try:
                kind, value = chunks.get(timeout=remaining)
            except queue.Empty:
                raise LLMTimeout("the model did not finish in time") from None
            if kind == "end":
                return
            if kind == "error":
                raise value
            if value:
                yield value
    finally:
        stop.set()


class LLMBackend(AnswerBackend):
    """Answers with a chat model, checked sentence by sentence; falls back to extractive."""

    def __init__(
        self,
        settings: Settings,
        fallback: AnswerBackend,
        chat_model: BaseChatModel | None = None,
    ) -> None:
        if not settings.llm_model:
            raise ValueError(
                "the LLM answer backend needs ASSISTANT_LLM_MODEL (settings.llm_model)"
            )
        self.settings = settings
        self.fallback = fallback
        self.model_name: str = settings.llm_model
        self.name = "llm"
        self._model = chat_model
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Build the chat model now: its client library takes seconds to import (6 s on the
        shared 2-core VM), which the first answer after a start would otherwise wait for on
        top of the timeout. Building connects to nothing, so a server that is down cannot
        stop start-up; a model that cannot be built is logged and tried again on use."""
        with suppress(Exception):
            self.chat_model()

    def chat_model(self) -> BaseChatModel:
        """The chat model, built on first use (so a server that is down cannot stop startup)."""
        with self._lock:
            if self._model is None:
                from langchain.chat_models import init_chat_model

                s = self.settings
                options: dict[str, Any] = {
                    "api_key": s.llm_api_key.get_secret_value(),
                    "timeout": s.llm_timeout_s,
                    "temperature": s.llm_temperature,
                    "max_retries": 0,
                }
                if s.llm_base_url:
                    options["base_url"] = s.llm_base_url
                try:
                    model = init_chat_model(
                        model=self.model_name, model_provider=s.llm_provider, **options
                    )
                except Exception as exc:
                    logger.warning(
                        "cannot build the chat model (provider %r, model %r): %s",
                        s.llm_provider,
                        self.model_name,
                        exc,
                    )
                    raise
                self._model = model
            return self._model

    def draft(
        self,
        question: str,
        query_vector: np.ndarray,
        passages: Sequence[Passage],
        max_sentences: int | None = None,
    ) -> Draft:
        """The checked model answer, or the fallback's answer if none could be made."""
        if not passages:
            return self._fallback_draft(
                question, query_vector, passages, max_sentences, "no_passages"
            )
        composer = AnswerComposer(passages, max_sentences or self.settings.max_answer_sentences)
        started = time.perf_counter()
        try:
            for _ in self._lines(question, passages, composer):
                pass
        except Exception as exc:
            self._log(composer, started, exc)
            reason = failure_reason(exc)
            return self._fallback_draft(question, query_vector, passages, max_sentences, reason)
        self._log(composer, started)
        if not composer.citations:
            return self._fallback_draft(
                question, query_vector, passages, max_sentences, "no_valid_citation"
            )
        return composer.draft(self.name, self.model_name)

    def stream(
        self,
        question: str,
        query_vector: np.ndarray,
        passages: Sequence[Passage],
        max_sentences: int | None = None,
    ) -> Iterator[str | Draft]:
        """Yield the answer's text as each checked sentence completes, then the Draft.

        The text deltas joined together equal the Draft's body. Only checked
        lines are ever yielded. If the model fails before any line was
        yielded, the fallback's answer is yielded instead; if it fails after,
        the lines already shown stand and the Draft's backend says why the
        answer stopped ("llm:<model> (stopped: timeout)").
        """
        if not passages:
            yield from self._fallback_stream(
                question, query_vector, passages, max_sentences, "no_passages"
            )
            return
        composer = AnswerComposer(passages, max_sentences or self.settings.max_answer_sentences)
        started = time.perf_counter()
        reason: str | None = None
        try:
            for sentence in self._lines(question, passages, composer):
                line = sentence.line()
                yield line if len(composer.sentences) == 1 else "\n" + line
        except Exception as exc:
            self._log(composer, started, exc)
            reason = failure_reason(exc)
        else:
            self._log(composer, started)
        if not composer.sentences:
            yield from self._fallback_stream(
                question, query_vector, passages, max_sentences, reason or "no_valid_citation"
            )
            return
        yield composer.draft(self.name, self.model_name, reason and f"stopped: {reason}")

    def _lines(
        self, question: str, passages: Sequence[Passage], composer: AnswerComposer
    ) -> Iterator[CitedSentence]:
        """Checked answer sentences as the model writes them; stops once enough are kept."""
        messages = build_messages(question, passages, composer.max_sentences)
        model = self.chat_model()
        deadline = time.monotonic() + self.settings.llm_timeout_s
        budget = _MAX_OUTPUT_CHARS_PER_SENTENCE * (composer.max_sentences + 1)
        splitter = SentenceSplitter()
        read = 0
        with closing(stream_with_deadline(model, messages, deadline)) as deltas:
            for delta in deltas:
                read += len(delta)
                for sentence in splitter.feed(delta):
                    kept = composer.accept(sentence)
                    if kept is not None:
                        yield kept
                    if composer.full:
                        return
                if read > budget:
                    composer.dropped["output_too_long"] += 1
                    break
        for sentence in splitter.flush():
            kept = composer.accept(sentence)
            if kept is not None:
                yield kept

    def _fallback_draft(
        self,
        question: str,
        query_vector: np.ndarray,
        passages: Sequence[Passage],
        max_sentences: int | None,
        reason: str,
    ) -> Draft:
        logger.info("llm answer fell back to %s: %s", self.fallback.name, reason)
        draft = self.fallback.draft(question, query_vector, passages, max_sentences)
        return Draft(
            draft.sentences, draft.citations, draft.backend, note=f"llm fallback: {reason}"
        )

    def _fallback_stream(
        self,
        question: str,
        query_vector: np.ndarray,
        passages: Sequence[Passage],
        max_sentences: int | None,
        reason: str,
    ) -> Iterator[str | Draft]:
        draft = self._fallback_draft(question, query_vector, passages, max_sentences, reason)
        yield from draft_lines(draft)
        yield draft

    def _log(
        self, composer: AnswerComposer, started: float, exc: BaseException | None = None
    ) -> None:
        """Counts and timings only: model output can echo the user's words."""
        logger.info(
            "llm answer: %d sentences kept, dropped %s, %.0f ms%s",
            len(composer.sentences),
            dict(composer.dropped),
            (time.perf_counter() - started) * 1000,
            f", failed with {type(exc).__name__}" if exc is not None else "",
        )
