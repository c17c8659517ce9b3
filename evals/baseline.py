"""The naive baseline: LangChain's RAG-tutorial retrieval, for comparison.

It is what a first attempt looks like: fixed 1000-character chunks with 200
characters of overlap and no regard for headings, dense search only, the
top 4. Running it on the same suite, corpus and embedding model shows what
structure-aware chunking and hybrid retrieval add. Only retrieval is
compared; the baseline never answers.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.schema import Document

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
K = 4
NAME = "naive"


@dataclass(frozen=True)
class Hit:
    source_id: str
    chunk_id: str
    text: str
    score: float


def split_documents(documents: Sequence[Document]) -> list[tuple[str, str, str]]:
    """(chunk id, source id, text) for every tutorial-style chunk of every document."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
    )
    chunks: list[tuple[str, str, str]] = []
    for doc in documents:
        for piece in splitter.create_documents([doc.text]):
            start = piece.metadata["start_index"]
            digest = hashlib.sha256(f"{doc.source_id}\x00{start}".encode()).hexdigest()[:16]
            chunks.append((f"naive-{digest}", doc.source_id, piece.page_content))
    return chunks


class NaiveRetriever:
    """Dense-only top-k search over tutorial chunks in a throwaway in-memory Chroma."""

    def __init__(self, documents: Sequence[Document], embeddings: Embeddings, k: int = K) -> None:
        import chromadb

        self.k = k
        self.embeddings = embeddings
        self.chunks = split_documents(documents)
        self._client = chromadb.EphemeralClient(
            settings=chromadb.Settings(anonymized_telemetry=False)
        )
        self._name = f"naive-baseline-{uuid.uuid4().hex}"
        self._collection = self._client.create_collection(
            self._name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
        )
        if self.chunks:
            vectors = embeddings.embed_documents([text for _, _, text in self.chunks])
            self._collection.add(
                ids=[cid for cid, _, _ in self.chunks],
                embeddings=np.asarray(vectors, dtype=np.float32),
                documents=[text for _, _, text in self.chunks],
                metadatas=[{"source_id": sid} for _, sid, _ in self.chunks],
            )

    @classmethod
    def from_settings(cls, settings: Settings) -> NaiveRetriever:
        """Same corpus folder and embedding model as the assistant under test."""
        from assistant.documents import load_corpus
        from assistant.embeddings import embeddings_for

        documents, _errors = load_corpus(settings.corpus_dir, settings.max_file_bytes)
        return cls(documents, embeddings_for(settings))

    def search(self, query: str) -> list[Hit]:
        if not self.chunks:
            return []
        got = self._collection.query(
            query_embeddings=np.asarray([self.embeddings.embed_query(query)], dtype=np.float32),
            n_results=min(self.k, len(self.chunks)),
            include=["documents", "metadatas", "distances"],
        )
        ids = got["ids"][0]
        docs = (got["documents"] or [[]])[0]
        metas = (got["metadatas"] or [[]])[0]
        dists = (got["distances"] or [[]])[0]
        return [
            Hit(str(m["source_id"]), cid, text, 1.0 - float(dist))
            for cid, text, m, dist in zip(ids, docs, metas, dists, strict=True)
        ]

    def close(self) -> None:
        self._client.delete_collection(self._name)
