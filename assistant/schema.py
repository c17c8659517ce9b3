"""Plain data types shared by ingestion, retrieval, routing, answers and the app.

They are frozen dataclasses so a result can be passed between layers and
serialised (``to_dict``) for the API, the conversation store and the
evaluation reports without any of them depending on each other.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RouteDecision:
    route: Route
    reason: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"route": self.route.value, "reason": self.reason, "confidence": self.confidence}


@dataclass(frozen=True)
class Turn:
    role: Literal["user", "assistant"]
    text: str
    route: Route | None = None


@dataclass
class Reply:
    """What the assistant says to one message, with everything needed to audit it."""

    text: str
    route: Route
    decision: RouteDecision
    citations: list[Citation] = field(default_factory=list)
    retrieved: list[Passage] = field(default_factory=list)
    backend: str = "extractive"
    timings_ms: dict[str, float] = field(default_factory=dict)
    flagged: bool = False
    flag_reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "reply": self.text,
            "route": self.route.value,
            "reason": self.decision.reason,
            "confidence": self.decision.confidence,
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
            "backend": self.backend,
            "timings_ms": self.timings_ms,
            "flagged": self.flagged,
            "flag_reason": self.flag_reason,
        }
