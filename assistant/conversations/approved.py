"""Approved answers: for a recurring question, a lead staff wrote plus quoted corpus sentences.

An admin saves an answer for one or more patient questions (``ApprovedAnswers.create``);
every quote names the stored corpus chunk it was picked from and is checked to
be verbatim in that chunk's text before anything is written (``verified_quotes``),
so the citations a served answer shows are real. Editing adds a new version
(the old one stays, for the audit trail and evaluation reports); retiring marks
the latest version, and a retired answer is never served.

``ApprovedAnswerIndex`` is what the answer service asks, after routing and only
for the ordinary answer route: the closest approved question to the message's
own embedding (the vector the turn already computed), served at or above
``settings.approved_answer_threshold``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..errors import ApprovedAnswerError, UnknownApprovedAnswer
from ..schema import ApprovedAnswer, ApprovedMatch, ApprovedQuote, Chunk
from .models import ApprovedAnswerVersion, _utcnow
from .store import ConversationStore

MAX_QUESTIONS = 20
MAX_QUESTION_CHARS = 500
MAX_LEAD_CHARS = 1_000
MAX_QUOTES = 10
MAX_QUOTE_CHARS = 1_000

ChunkLookup = Callable[[Sequence[str]], Sequence[Chunk]]
"""The stored chunks with these ids (``VectorStore.get_chunks``); missing ids are left out."""


def _squash(text: str) -> str:
    return " ".join(text.split())


def quote_in_chunk(quote: str, chunk: Chunk) -> bool:
    """True when ``quote`` appears word for word in the chunk (runs of white space count as one)."""
    return bool(_squash(quote)) and _squash(quote) in _squash(chunk.text)


def verified_quotes(quotes: Sequence[ApprovedQuote], chunks: ChunkLookup) -> list[ApprovedQuote]:
    """The quotes, stripped, each checked to be verbatim in its stored chunk.

    Raises ApprovedAnswerError naming the first quote whose chunk is not stored
    or whose text is not in it word for word.
    """
    if not quotes:
        raise ApprovedAnswerError("pick at least one sentence from the sources")
    if len(quotes) > MAX_QUOTES:
        raise ApprovedAnswerError(f"pick at most {MAX_QUOTES} sentences")
    cleaned = []
    for q in quotes:
        text = q.text.strip() if isinstance(q.text, str) else ""
        chunk_id = q.chunk_id.strip() if isinstance(q.chunk_id, str) else ""
        if not text or not chunk_id:
            raise ApprovedAnswerError("each quote needs a passage id and a sentence")
        if len(text) > MAX_QUOTE_CHARS:
            raise ApprovedAnswerError(f"a quote is at most {MAX_QUOTE_CHARS} characters")
        cleaned.append(ApprovedQuote(chunk_id, text))
    stored = {c.chunk_id: c for c in chunks(list(dict.fromkeys(q.chunk_id for q in cleaned)))}
    for i, q in enumerate(cleaned, start=1):
        chunk = stored.get(q.chunk_id)
        if chunk is None:
            raise ApprovedAnswerError(f"quote {i}: passage {q.chunk_id!r} is not in the sources")
        if not quote_in_chunk(q.text, chunk):
            raise ApprovedAnswerError(
                f"quote {i} is not word for word in passage {q.chunk_id!r}; "
                "copy the sentence exactly as the source has it"
            )
    return cleaned


def _questions(questions: Sequence[str]) -> list[str]:
    out = list(dict.fromkeys(q.strip() for q in questions if isinstance(q, str) and q.strip()))
    if not out:
        raise ApprovedAnswerError("give at least one patient question this answer is for")
    if len(out) > MAX_QUESTIONS:
        raise ApprovedAnswerError(f"give at most {MAX_QUESTIONS} questions")
    if any(len(q) > MAX_QUESTION_CHARS for q in out):
        raise ApprovedAnswerError(f"a question is at most {MAX_QUESTION_CHARS} characters")
    return out


def _lead(lead: object) -> str:
    text = lead.strip() if isinstance(lead, str) else ""
    if not text:
        raise ApprovedAnswerError("write a short lead for the answer")
    if len(text) > MAX_LEAD_CHARS:
        raise ApprovedAnswerError(f"the lead is at most {MAX_LEAD_CHARS} characters")
    return text


def _record(row: ApprovedAnswerVersion) -> ApprovedAnswer:
    return ApprovedAnswer(
        answer_id=row.answer_id,
        version=row.version,
        questions=tuple(row.questions or ()),
        lead=row.lead,
        quotes=tuple(ApprovedQuote(str(q["chunk_id"]), str(q["text"])) for q in row.quotes or ()),
        approved_by=row.approved_by,
        approved_at=row.approved_at,
        retired_at=row.retired_at,
        retired_by=row.retired_by,
    )


_MARKER = select(
    func.count(ApprovedAnswerVersion.id),
    func.coalesce(func.max(ApprovedAnswerVersion.id), 0),
    func.count(ApprovedAnswerVersion.retired_at),
)
"""``ApprovedAnswers.marker``'s query, built once: it runs before every answer."""


class ApprovedAnswers:
    """Approved answers in the conversation database (table ``approved_answers``)."""

    def __init__(self, store: ConversationStore, chunks: ChunkLookup | None = None) -> None:
        self.store = store
        self.chunks = chunks
        self._sessions = store._sessions

    def _verify(self, quotes: Sequence[ApprovedQuote]) -> list[ApprovedQuote]:
        if self.chunks is None:
            raise ApprovedAnswerError(
                "the sources cannot be read here, so quotes cannot be checked"
            )
        return verified_quotes(quotes, self.chunks)

    def create(
        self, questions: Sequence[str], lead: str, quotes: Sequence[ApprovedQuote], staff: str
    ) -> ApprovedAnswer:
        """Save a new approved answer (version 1); quotes are verified against the sources."""
        qs, text, checked = _questions(questions), _lead(lead), self._verify(quotes)
        for _ in range(3):  # two admins saving at once: the unique key picks one, retry the other
            try:
                with self._sessions.begin() as session:
                    top = session.scalar(select(func.max(ApprovedAnswerVersion.answer_id)))
                    row = self._row((top or 0) + 1, 1, qs, text, checked, staff)
                    session.add(row)
                    session.flush()
                    return _record(row)
            except IntegrityError:
                continue
        raise ApprovedAnswerError("another answer was saved at the same moment; try again")

    def edit(
        self,
        answer_id: int,
        questions: Sequence[str],
        lead: str,
        quotes: Sequence[ApprovedQuote],
        staff: str,
    ) -> ApprovedAnswer:
        """Save a new version of an answer that is not retired; the old versions stay."""
        qs, text, checked = _questions(questions), _lead(lead), self._verify(quotes)
        with self._sessions.begin() as session:
            latest = self._latest(session, answer_id)
            if latest.retired_at is not None:
                raise ApprovedAnswerError(f"answer {answer_id} is retired; approve a new one")
            row = self._row(answer_id, latest.version + 1, qs, text, checked, staff)
            session.add(row)
            session.flush()
            return _record(row)

    def retire(self, answer_id: int, staff: str) -> ApprovedAnswer:
        """Stop serving the answer (its latest version is marked retired; nothing is deleted)."""
        with self._sessions.begin() as session:
            latest = self._latest(session, answer_id)
            if latest.retired_at is None:
                latest.retired_at = _utcnow()
                latest.retired_by = staff
            session.flush()
            return _record(latest)

    def get(self, answer_id: int) -> ApprovedAnswer:
        """The latest version; UnknownApprovedAnswer when there is no such answer."""
        with self._sessions() as session:
            return _record(self._latest(session, answer_id))

    def versions(self, answer_id: int) -> list[ApprovedAnswer]:
        """Every version, oldest first; UnknownApprovedAnswer when there is none."""
        with self._sessions() as session:
            rows = session.scalars(
                select(ApprovedAnswerVersion)
                .where(ApprovedAnswerVersion.answer_id == answer_id)
                .order_by(ApprovedAnswerVersion.version)
            ).all()
            if not rows:
                raise UnknownApprovedAnswer(f"no approved answer {answer_id}")
            return [_record(r) for r in rows]

    def latest_all(self) -> list[ApprovedAnswer]:
        """The latest version of every answer (retired ones too), newest answer first."""
        with self._sessions() as session:
            top = (
                select(
                    ApprovedAnswerVersion.answer_id,
                    func.max(ApprovedAnswerVersion.version).label("version"),
                )
                .group_by(ApprovedAnswerVersion.answer_id)
                .subquery()
            )
            rows = session.scalars(
                select(ApprovedAnswerVersion)
                .join(
                    top,
                    (ApprovedAnswerVersion.answer_id == top.c.answer_id)
                    & (ApprovedAnswerVersion.version == top.c.version),
                )
                .order_by(ApprovedAnswerVersion.answer_id.desc())
            ).all()
            return [_record(r) for r in rows]

    def active(self) -> list[ApprovedAnswer]:
        """What may be served: the latest version of each answer that is not retired."""
        return [a for a in self.latest_all() if not a.retired]

    def marker(self) -> tuple[int, int, int]:
        """Changes whenever an answer is added, edited or retired (one small query)."""
        with self._sessions() as session:
            row = session.execute(_MARKER).one()
            return int(row[0]), int(row[1]), int(row[2])

    @staticmethod
    def _latest(session: Any, answer_id: object) -> ApprovedAnswerVersion:
        if not isinstance(answer_id, int) or isinstance(answer_id, bool):
            raise UnknownApprovedAnswer("an approved answer id is a whole number")
        row = session.scalars(
            select(ApprovedAnswerVersion)
            .where(ApprovedAnswerVersion.answer_id == answer_id)
            .order_by(ApprovedAnswerVersion.version.desc())
            .limit(1)
        ).first()
        if row is None:
            raise UnknownApprovedAnswer(f"no approved answer {answer_id}")
        return row

    @staticmethod
    def _row(
        answer_id: int,
        version: int,
        questions: list[str],
        lead: str,
        quotes: list[ApprovedQuote],
        staff: str,
    ) -> ApprovedAnswerVersion:
        return ApprovedAnswerVersion(
            answer_id=answer_id,
            version=version,
            questions=questions,
            lead=lead,
            quotes=[q.to_dict() for q in quotes],
            approved_by=staff,
            approved_at=_utcnow(),
        )


class ApprovedAnswerIndex:
    """The closest active approved question to a message vector, at or above the threshold.

    ``embed`` is the retriever's (normalised vectors, so a dot product is the
    cosine); approved questions are embedded when the set of answers changes,
    which one small query per lookup detects, so an edit or a retirement made
    in the console (or another app process) applies to the next message.
    """

    def __init__(
        self,
        answers: ApprovedAnswers,
        embed: Callable[[Sequence[str]], np.ndarray],
        threshold: float,
    ) -> None:
        self.answers = answers
        self.embed = embed
        self.threshold = threshold
        self._lock = threading.Lock()
        self._marker: tuple[int, int, int] | None = None
        self._owners: list[tuple[ApprovedAnswer, str]] = []
        self._matrix: np.ndarray | None = None

    def _refresh(self) -> None:
        marker = self.answers.marker()
        with self._lock:
            if marker == self._marker:
                return
        owners = [(a, q) for a in self.answers.active() for q in a.questions]
        matrix = np.asarray(self.embed([q for _, q in owners])) if owners else None
        with self._lock:
            self._owners, self._matrix, self._marker = owners, matrix, marker

    def nearest(self, vector: np.ndarray) -> ApprovedMatch | None:
        """The closest active approved question, whatever its similarity (for measuring)."""
        self._refresh()
        with self._lock:
            owners, matrix = self._owners, self._matrix
        if matrix is None or not owners:
            return None
        scores = matrix @ np.asarray(vector, dtype=matrix.dtype)
        best = int(np.argmax(scores))
        answer, question = owners[best]
        return ApprovedMatch(answer, float(scores[best]), question)

    def match(self, vector: np.ndarray) -> ApprovedMatch | None:
        """The approved answer to serve for this message vector, or None."""
        found = self.nearest(vector)
        if found is None or found.similarity < self.threshold:
            return None
        return found
