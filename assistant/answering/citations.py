"""Where citations are made: a quoted sentence of a passage becomes a numbered Citation.

Both backends build citations here, so every citation quotes an exact slice
of the chunk it names, whichever backend chose the sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..schema import Citation, CitedSentence, Passage


@dataclass(frozen=True)
class Unit:
    """One candidate sentence: what is shown, and the exact text it quotes."""

    display: str
    quote: str
    passage: Passage

    def citation(self, marker: int) -> Citation:
        chunk = self.passage.chunk
        return Citation(
            marker=marker,
            source_id=chunk.source_id,
            title=chunk.title,
            section=chunk.section,
            page=chunk.page,
            quote=self.quote,
            chunk_id=chunk.chunk_id,
            publisher=chunk.publisher,
            updated=chunk.updated,
        )


def as_sentence(text: str) -> str:
    """``text`` with end punctuation, as shown in an answer."""
    text = text.rstrip()
    return text if text[-1] in '.!?"”’)…' else text + "."


def cite(
    units: Sequence[Unit], first_marker: int = 1
) -> tuple[tuple[CitedSentence, ...], tuple[Citation, ...]]:
    """One cited sentence per unit, each with its own marker and citation."""
    sentences: list[CitedSentence] = []
    citations: list[Citation] = []
    for offset, unit in enumerate(units):
        marker = first_marker + offset
        citations.append(unit.citation(marker))
        sentences.append(CitedSentence(as_sentence(unit.display), (marker,)))
    return tuple(sentences), tuple(citations)
