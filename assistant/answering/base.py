"""The answer-backend contract: cited sentences from passages, whole or streamed.

A backend turns a question and its retrieved passages into a ``Draft``: the
sentences to show, each with the citation markers that back it. The service
never needs to know which backend it has: it always streams (``stream``),
and a backend that cannot stream inherits the default here, which yields
the finished draft's lines and then the draft.

The extractive backend (``extractive.py``) is the default and the in-tree
reference; ``llm.py`` writes with a chat model and checks every sentence.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence

import numpy as np

from ..schema import Draft, Passage


class AnswerBackend(ABC):
    """Writes the cited body of an answer. Implementations must be thread-safe."""

    name: str

    @abstractmethod
    def draft(
        self,
        question: str,
        query_vector: np.ndarray,
        passages: Sequence[Passage],
        max_sentences: int | None = None,
    ) -> Draft:
        """The cited sentences that answer ``question`` from ``passages`` (maybe none)."""

    def stream(
        self,
        question: str,
        query_vector: np.ndarray,
        passages: Sequence[Passage],
        max_sentences: int | None = None,
    ) -> Iterator[str | Draft]:
        """Text deltas as sentences are ready, then the ``Draft`` (last, exactly once).

        The deltas joined together equal the draft's ``body``.
        """
        draft = self.draft(question, query_vector, passages, max_sentences)
        yield from draft_lines(draft)
        yield draft


def draft_lines(draft: Draft) -> Iterator[str]:
    """A draft's body as stream deltas: one line each, new lines between them."""
    for i, sentence in enumerate(draft.sentences):
        yield sentence.line() if i == 0 else "\n" + sentence.line()
