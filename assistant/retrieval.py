"""Hybrid retrieval: dense (Chroma) and lexical (BM25), fused by reciprocal rank.

Dense vectors find paraphrases ("rub" for "massage"); BM25 finds the exact
terms people type ("platelets", "neuropathy"). Reciprocal rank fusion needs
no score calibration between the two. Either half can be switched off by
settings to compare them. Follow-up questions borrow the topic of earlier
user turns with decaying weight, so "what about during chemo?" is searched
with the topic it follows. The relevance floor is judged on dense cosine
similarity, the one score with a fixed scale.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .chunking import embedding_text
from .config import Settings
from .embeddings import SentenceTransformerEmbeddings
from .schema import Chunk, Passage
from .store import VectorStore
from .text import content_words

_FOLLOW_UP_START = re.compile(
    r"^\s*(and|but|also|so|what about|how about|what if|is it|does it|can it|"
    r"will it|should i|could it|same|then|ok(ay)?|why|how (long|often|much|soon))\b",
    re.I,
)
_GENERIC = frozenset(
    """help helps helped helpful safe safely okay good bad idea work works actually really
    generally general kind kinds thing things stuff people person someone anyone patient
    patients find finding get getting use using need needs want know tell ask try like
    mom mum dad mother father grandmother grandma grandfather grandpa wife husband partner
    friend son daughter sister brother aunt uncle he she him her his hers they them their
    loved one ones family caregiver child children kid kids""".split()
)
"""Words that say who is asking or how, not what about: never evidence of a topic."""


@dataclass(frozen=True)
class RetrievalResult:
    passages: list[Passage]
    top_similarity: float
    coverage: float
    relevant: bool
    query: str
    vector: np.ndarray


def leans_on_history(message: str) -> bool:
    """For the query: a message short enough, or opening like a follow-up, to need earlier turns.

    (Routing has its own, stricter test of whether a message continues a topic.)
    """
    return bool(_FOLLOW_UP_START.match(message)) or len(content_words(message)) <= 3


def history_weights(message: str, previous: Sequence[str], max_turns: int) -> list[float]:
    """Weights for earlier user turns, most recent first; small when the message stands alone."""
    if not previous or max_turns == 0:
        return []
    base = 1.0 if leans_on_history(message) else 0.15
    return [base * (0.5**i) for i in range(min(max_turns, len(previous)))]


class _BM25Index:
    def __init__(self, chunks: Sequence[Chunk]) -> None:
        import bm25s
        import Stemmer

        self._stemmer = Stemmer.Stemmer("english")
        self.chunks = list(chunks)
        self._bm25 = bm25s.BM25()
        tokens = bm25s.tokenize(
            [embedding_text(c) for c in self.chunks],
            stopwords="en",
            stemmer=self._stemmer,
            show_progress=False,
        )
        self._vocab = set(tokens.vocab)
        self._bm25.index(tokens, show_progress=False)
        id_to_word = {i: w for w, i in tokens.vocab.items()}
        self._chunk_words = {
            c.chunk_id: {id_to_word[i] for i in ids}
            for c, ids in zip(self.chunks, tokens.ids, strict=True)
        }
        frequency: dict[str, int] = {}
        for words in self._chunk_words.values():
            for w in words:
                frequency[w] = frequency.get(w, 0) + 1
        self._common = {w for w, n in frequency.items() if n > 0.3 * len(self.chunks)}

    def stems(self, text: str) -> list[str]:
        import bm25s

        return bm25s.tokenize(
            [text], stopwords="en", stemmer=self._stemmer, return_ids=False, show_progress=False
        )[0]

    def _spelled(self, stem: str) -> str:
        """The corpus word a misspelt one most likely meant ("nausia" -> "nausea")."""
        if stem in self._vocab:
            return stem
        import difflib

        close = difflib.get_close_matches(stem, self._vocab, n=1, cutoff=0.8)
        return close[0] if close else stem

    def coverage(self, message: str, passages: Sequence[Passage]) -> float:
        """Share of the question's distinctive words that the passages contain.

        Words found in most chunks ("massage", "cancer") say nothing about
        whether the sources cover a question; a word found nowhere
        ("acupuncture", "lymphedema") says they do not.
        """
        distinctive = " ".join(w for w in content_words(message) if w not in _GENERIC)
        words = [self._spelled(w) for w in dict.fromkeys(self.stems(distinctive)) if len(w) > 2]
        words = [w for w in words if w not in self._common]
        if not words:
            return 1.0
        found: set[str] = set()
        for p in passages:
            found |= self._chunk_words.get(p.chunk.chunk_id, set())
        return sum(1 for w in words if w in found) / len(words)

    def search(self, query: str, n: int) -> list[tuple[Chunk, float]]:

        if not self.chunks:
            return []
        words = [w for w in self.stems(query) if w in self._vocab]
        if not words:
            return []
        ids, scores = self._bm25.retrieve(
            [words], k=min(n, len(self.chunks)), show_progress=False, n_threads=1
        )
        return [
            (self.chunks[int(i)], float(s)) for i, s in zip(ids[0], scores[0], strict=True) if s > 0
        ]


class Retriever:
    """Searches the store; the BM25 index is built on first use from the stored chunks."""

    def __init__(
        self, settings: Settings, store: VectorStore, embeddings: SentenceTransformerEmbeddings
    ) -> None:
        self.settings = settings
        self.store = store
        self.embeddings = embeddings
        self._bm25: _BM25Index | None = None
        self._lock = threading.Lock()
        self._reranker: Any = None

    def refresh(self) -> None:
        """Forget the lexical index so the next search sees newly ingested chunks."""
        with self._lock:
            self._bm25 = None

    @property
    def bm25(self) -> _BM25Index:
        """The lexical index, rebuilt when the store's chunk count changes (an ingest
        run by another process); a same-size edit needs ``refresh()`` or a restart."""
        count = self.store.count()
        with self._lock:
            if self._bm25 is None or len(self._bm25.chunks) != count:
                self._bm25 = _BM25Index(self.store.all_chunks())
            return self._bm25

    def query_vector(self, message: str, previous: Sequence[str]) -> np.ndarray:
        weights = history_weights(message, previous, self.settings.history_turns)
        texts = [message, *list(previous)[: len(weights)]]
        vectors = np.asarray(self.embeddings.embed_documents(texts))
        combined = vectors[0] + sum(w * v for w, v in zip(weights, vectors[1:], strict=False))
        norm = float(np.linalg.norm(combined))
        return combined / norm if norm else combined

    def retrieve(
        self, message: str, previous: Sequence[str] = (), k: int | None = None
    ) -> RetrievalResult:
        """Search for ``message``; ``previous`` are earlier user turns, most recent first."""
        k = k or self.settings.retrieval_k
        pool = max(20, 3 * k)
        weights = history_weights(message, previous, self.settings.history_turns)
        lexical_query = " ".join(
            [message, *[p for p, w in zip(previous, weights, strict=False) if w >= 0.3]]
        )
        dense: list[tuple[Chunk, float]] = []
        vector = self.query_vector(message, previous)
        if self.settings.dense_enabled:
            dense = self.store.query(vector.tolist(), pool)
        lexical = self.bm25.search(lexical_query, pool) if self.settings.bm25_enabled else []
        fused = self._fuse(dense, lexical)
        if self.settings.rerank_model:
            fused = self._rerank(lexical_query, fused)
        passages = fused[:k]
        top = max((s for _, s in dense), default=None)
        if top is None:
            top = self._top_similarity(vector, passages)
        coverage = self.bm25.coverage(message, passages) if passages else 0.0
        relevant = bool(passages) and (
            top >= self.settings.relevance_confident
            or (
                top >= self.settings.relevance_floor and coverage >= self.settings.min_term_coverage
            )
        )
        return RetrievalResult(passages, top, coverage, relevant, lexical_query, vector)

    def _top_similarity(self, vector: np.ndarray, passages: Sequence[Passage]) -> float:
        """Cosine of the best passage, for when dense search is switched off."""
        if not passages:
            return 0.0
        vecs = np.asarray(
            self.embeddings.embed_documents([embedding_text(p.chunk) for p in passages])
        )
        return float(np.max(vecs @ vector))

    def _fuse(
        self, dense: Sequence[tuple[Chunk, float]], lexical: Sequence[tuple[Chunk, float]]
    ) -> list[Passage]:
        rrf: dict[str, float] = {}
        chunks: dict[str, Chunk] = {}
        dense_scores: dict[str, float] = {}
        bm25_scores: dict[str, float] = {}
        for ranking, scores in ((dense, dense_scores), (lexical, bm25_scores)):
            for rank, (chunk, score) in enumerate(ranking, start=1):
                rrf[chunk.chunk_id] = rrf.get(chunk.chunk_id, 0.0) + 1.0 / (
                    self.settings.rrf_k + rank
                )
                chunks[chunk.chunk_id] = chunk
                scores[chunk.chunk_id] = score
        order = sorted(rrf, key=lambda cid: (-rrf[cid], -dense_scores.get(cid, -1.0), cid))
        return [
            Passage(
                chunk=chunks[cid],
                score=rrf[cid],
                dense_score=dense_scores.get(cid),
                bm25_score=bm25_scores.get(cid),
                rank=i,
            )
            for i, cid in enumerate(order, start=1)
        ]

    def _rerank(self, query: str, passages: list[Passage]) -> list[Passage]:
        """Cross-encoder reordering, only where a local model is configured."""
        if not passages:
            return passages
        if self._reranker is None:
            from sentence_transformers import CrossEncoder

            self._reranker = CrossEncoder(self.settings.rerank_model, device="cpu")
        scores = self._reranker.predict([(query, p.chunk.text) for p in passages])
        order = sorted(range(len(passages)), key=lambda i: -float(scores[i]))
        return [
            Passage(
                passages[i].chunk,
                float(scores[i]),
                passages[i].dense_score,
                passages[i].bm25_score,
                r,
            )
            for r, i in enumerate(order, start=1)
        ]
