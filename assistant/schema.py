"""Plain data types shared by ingestion, retrieval, routing, answers and the app.

They are frozen dataclasses so a result can be passed between layers and
serialised (``to_dict``) for the API, the conversation store and the
evaluation reports without any of them depending on each other.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal


class Route(StrEnum):
    ANSWER = "answer"
    CLINICAL = "clinical"
    EMERGENCY = "emergency"
    CRISIS = "crisis"
    OUT_OF_SCOPE = "out_of_scope"
    UNKNOWN = "unknown"


SAFETY_ROUTES = frozenset({Route.EMERGENCY, Route.CRISIS})


@dataclass(frozen=True)
class Document:
    """One source document, as loaded from the corpus folder."""

    source_id: str
    title: str
    text: str
    path: str
    content_hash: str
    metadata: dict[str, str] = field(default_factory=dict)
    page_starts: tuple[int, ...] = ()
    """For PDFs: the character offset at which each page starts (page n at index n - 1)."""


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    source_id: str
    title: str
    section: str
    text: str
    start: int
    end: int
    page: int | None = None
    publisher: str = ""
    doc_hash: str = ""
    path: str = ""
    updated: str = ""
    """The page's own "last updated" date (ISO ``YYYY-MM-DD``) when its source gives one."""


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its scores (higher is better)."""

    chunk: Chunk
    score: float
    dense_score: float | None = None
    bm25_score: float | None = None
    rank: int = 0


@dataclass(frozen=True)
class Citation:
    marker: int
    source_id: str
    title: str
    section: str
    page: int | None
    quote: str
    chunk_id: str
    publisher: str = ""
    updated: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


Asker = Literal["self", "other"]
DecisionContext = Literal["context", "earlier_turn"]
"""``context``: a follow-up read with the turn it leans on; ``earlier_turn``: a safety
route an earlier message set."""


@dataclass(frozen=True)
class RouteDecision:
    """Where a message goes, and which check sent it there.

    ``detail`` names the check (``"fever_on_treatment"``, ``"greeting"``,
    ``"classifier"``, ``"below_relevance_floor"``...); ``context`` says when the
    route came from earlier turns rather than this message alone. Consumers
    read these fields; ``reason`` is only the stored and displayed form.
    """

    route: Route
    detail: str
    confidence: float
    context: DecisionContext | None = None
    language: str = "en"
    """The language the reply should be in (``en``, or ``es`` for Spanish safety replies);
    an answer to a general question in another language (``other_language_words``) carries
    that language: the sources are quoted in English under a note in it."""
    asker: Asker | None = None
    """Whom the message is about: the person themself, someone they care for, or unclear."""
    topic: str | None = None
    """For clinical messages: the care topic recognised (``medicine``, ``bone_mets``...)."""
    after_safety: bool = False
    """An earlier turn got a safety reply; this one is answered on its own merits."""
    help_language: str | None = None
    """The language the message is written in when it is neither English nor Spanish
    (the reply's ``language`` is then English): an urgent or "English only" reply also
    gives the help numbers in it, first (``help_line_<code>`` in the reviewed texts)."""

    @property
    def reason(self) -> str:
        """``route:detail`` (``route:context:detail`` when it came from context), as stored."""
        parts = [self.route.value, self.context, self.detail]
        return ":".join(p for p in parts if p)

    def to_dict(self) -> dict[str, Any]:
        return {
            "route": self.route.value,
            "reason": self.reason,
            "detail": self.detail,
            "context": self.context,
            "confidence": self.confidence,
            "language": self.language,
            "asker": self.asker,
            "topic": self.topic,
            "after_safety": self.after_safety,
            "help_language": self.help_language,
        }


@dataclass(frozen=True)
class Turn:
    role: Literal["user", "assistant"]
    text: str
    route: Route | None = None


@dataclass(frozen=True)
class CitedSentence:
    """One sentence of an answer, shown as ``text`` and backed by the citations ``markers``."""

    text: str
    markers: tuple[int, ...]

    def line(self) -> str:
        return f"- {self.text} " + "".join(f"[{m}]" for m in self.markers)


@dataclass(frozen=True)
class Draft:
    """The cited body of an answer, before the service adds the fixed texts around it."""

    sentences: tuple[CitedSentence, ...]
    citations: tuple[Citation, ...]
    backend: str
    """``extractive`` or ``llm``: which backend wrote the sentences that are shown."""
    model: str | None = None
    """The chat model's name when an LLM wrote them."""
    note: str | None = None
    """Why the answer is not the backend's first choice (``llm fallback: timeout``)."""

    @property
    def body(self) -> str:
        return "\n".join(s.line() for s in self.sentences)

    @property
    def backend_label(self) -> str:
        name = f"{self.backend}:{self.model}" if self.model else self.backend
        return f"{name} ({self.note})" if self.note else name


@dataclass(frozen=True)
class Paragraph:
    """Reviewed fixed text (from ``assistant.content``), shown as a paragraph."""

    text: str
    lang: str | None = None
    """The text's language when it is not English (an ISO 639-1 code), marked on the page
    so a screen reader reads it in that language (WCAG 3.1.2)."""


@dataclass(frozen=True)
class Bullets:
    """Reviewed fixed items (questions for the care team), shown as a list."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Cited:
    """Sentences quoted from the sources, each with its citation markers."""

    sentences: tuple[CitedSentence, ...]


Block = Paragraph | Bullets | Cited


@dataclass(frozen=True)
class ApprovedQuote:
    """A sentence staff picked from one stored corpus passage (verbatim in ``chunk_id``)."""

    chunk_id: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ApprovedAnswer:
    """One version of a staff-approved answer: a lead staff wrote and quoted sentences."""

    answer_id: int
    version: int
    questions: tuple[str, ...]
    lead: str
    quotes: tuple[ApprovedQuote, ...]
    approved_by: str
    approved_at: datetime
    retired_at: datetime | None = None
    retired_by: str | None = None

    @property
    def retired(self) -> bool:
        return self.retired_at is not None


@dataclass(frozen=True)
class ApprovedMatch:
    """The approved answer closest to a message, and how close (cosine similarity)."""

    answer: ApprovedAnswer
    similarity: float
    question: str
    """The approved question the message matched."""


@dataclass(frozen=True)
class ApprovedRef:
    """Which approved answer (and version) a reply served, and how close the question was."""

    answer_id: int
    version: int
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.answer_id,
            "version": self.version,
            "similarity": round(self.similarity, 4),
        }


def render_text(blocks: tuple[Block, ...]) -> str:
    """The plain-text form of a reply (stored, sent by the API, streamed)."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Bullets):
            parts.append("\n".join(f"- {item}" for item in block.items))
        else:
            parts.append("\n".join(s.line() for s in block.sentences))
    return "\n\n".join(p for p in parts if p)


@dataclass(frozen=True)
class Reply:
    """What the assistant says to one message, with everything needed to audit it.

    The reply is structured (``blocks``): the web page and the evaluation read
    the blocks, and ``text`` is the plain-text form derived from them.
    """

    blocks: tuple[Block, ...]
    decision: RouteDecision
    citations: tuple[Citation, ...] = ()
    retrieved: tuple[Passage, ...] = ()
    backend: str = "fixed"
    """``fixed``, ``extractive``, ``llm`` or ``error``."""
    model: str | None = None
    backend_note: str | None = None
    timings_ms: dict[str, float] = field(default_factory=dict, compare=False)
    flag_reason: str | None = None
    approved_answer: ApprovedRef | None = None
    """Set when the reply is a staff-approved answer (``assistant.conversations.approved``)."""

    @property
    def route(self) -> Route:
        return self.decision.route

    @property
    def text(self) -> str:
        return render_text(self.blocks)

    @property
    def flagged(self) -> bool:
        return self.flag_reason is not None

    @property
    def sentences(self) -> tuple[CitedSentence, ...]:
        """Every quoted sentence, in the order shown."""
        return tuple(s for b in self.blocks if isinstance(b, Cited) for s in b.sentences)

    @property
    def backend_label(self) -> str:
        name = f"{self.backend}:{self.model}" if self.model else self.backend
        return f"{name} ({self.backend_note})" if self.backend_note else name

    def to_dict(self) -> dict[str, Any]:
        return {
            "reply": self.text,
            "route": self.route.value,
            "reason": self.decision.reason,
            "detail": self.decision.detail,
            "confidence": self.decision.confidence,
            "sentences": [{"text": s.text, "markers": list(s.markers)} for s in self.sentences],
            "citations": [c.to_dict() for c in self.citations],
            "retrieved": [
                {
                    "source_id": p.chunk.source_id,
                    "chunk_id": p.chunk.chunk_id,
                    "section": p.chunk.section,
                    "score": round(p.score, 6),
                    "dense_score": p.dense_score,
                    "bm25_score": p.bm25_score,
                }
                for p in self.retrieved
            ],
            "backend": self.backend_label,
            "timings_ms": self.timings_ms,
            "flagged": self.flagged,
            "flag_reason": self.flag_reason,
            "approved_answer": (
                None if self.approved_answer is None else self.approved_answer.to_dict()
            ),
        }
