"""Sentence vectors and reading grades of every chunk, computed at ingestion and kept on disk.

The extractive answer scores each sentence of the retrieved chunks against the
message. Embedding those sentences at answer time made a first question about
a passage (and every start's warm-up) cost model calls; they are now computed
once, when the chunk is ingested, and read here by chunk id, so answering
embeds nothing but the message (issue 15).

A small SQLite file beside the source registry (``data/sentences.sqlite3``),
not Chroma metadata (which cannot hold arrays): one row per chunk id, per
collection and embedding model, with the chunk's sentence texts (a row whose
texts differ from what the splitter gives now is ignored, so a change to the
splitting code can never pair a sentence with another's vector), their vectors
(float32, what the model computes, so nothing is lost) and their grades. Each
write is one transaction, so a reader never sees a half-written row. Rows of
deleted chunks are deleted by the same ingestion that deletes the chunks.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .config import Settings
from .sources import SourceRegistry

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sentences (
    collection TEXT NOT NULL,
    model TEXT NOT NULL,
    chunk_id TEXT NOT NULL,
    texts TEXT NOT NULL,
    grades TEXT NOT NULL,
    dimension INTEGER NOT NULL,
    vectors BLOB NOT NULL,
    PRIMARY KEY (collection, model, chunk_id)
);
"""


@dataclass(frozen=True)
class ChunkSentences:
    """One chunk's sentences as the extractive answer splits them, with their vectors."""

    chunk_id: str
    texts: tuple[str, ...]
    grades: tuple[float, ...]
    vectors: np.ndarray
    """One row per text (float32)."""

    def __post_init__(self) -> None:
        if not (len(self.texts) == len(self.grades) == len(self.vectors)):
            raise ValueError(
                f"chunk {self.chunk_id}: {len(self.texts)} texts, {len(self.grades)} grades "
                f"and {len(self.vectors)} vectors"
            )


class SentenceStore:
    """The sentence rows of one collection and embedding model. Thread-safe."""

    def __init__(self, path: Path, collection: str, model: str) -> None:
        self.path = path
        self.collection = collection
        self.model = model
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    @classmethod
    def open(cls, settings: Settings, model: str) -> SentenceStore:
        return cls(settings.data_dir / "sentences.sqlite3", settings.collection, model)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def count(self) -> int:
        with self._lock:
            row = self._db.execute(
                "SELECT COUNT(*) FROM sentences WHERE collection = ? AND model = ?",
                (self.collection, self.model),
            ).fetchone()
        return int(row[0])

    def ids(self) -> set[str]:
        with self._lock:
            rows = self._db.execute(
                "SELECT chunk_id FROM sentences WHERE collection = ? AND model = ?",
                (self.collection, self.model),
            ).fetchall()
        return {r[0] for r in rows}

    def get_many(self, chunk_ids: Iterable[str]) -> dict[str, ChunkSentences]:
        wanted = list(dict.fromkeys(chunk_ids))
        found: dict[str, ChunkSentences] = {}
        with self._lock:
            for i in range(0, len(wanted), 500):
                batch = wanted[i : i + 500]
                rows = self._db.execute(
                    "SELECT chunk_id, texts, grades, dimension, vectors FROM sentences "
                    "WHERE collection = ? AND model = ? "
                    f"AND chunk_id IN ({','.join('?' * len(batch))})",
                    (self.collection, self.model, *batch),
                ).fetchall()
                for chunk_id, texts, grades, dimension, blob in rows:
                    vectors = np.frombuffer(blob, dtype=np.float32).reshape(-1, dimension)
                    found[chunk_id] = ChunkSentences(
                        chunk_id, tuple(json.loads(texts)), tuple(json.loads(grades)), vectors
                    )
        return found

    def put_many(self, items: Sequence[ChunkSentences]) -> None:
        rows = []
        for item in items:
            vectors = np.ascontiguousarray(item.vectors, dtype=np.float32)
            dimension = vectors.shape[1] if vectors.ndim == 2 and len(vectors) else 0
            rows.append(
                (
                    self.collection,
                    self.model,
                    item.chunk_id,
                    json.dumps(list(item.texts), ensure_ascii=False),
                    json.dumps(list(item.grades)),
                    max(dimension, 1),
                    vectors.tobytes(),
                )
            )
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT OR REPLACE INTO sentences "
                    "(collection, model, chunk_id, texts, grades, dimension, vectors) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def delete(self, chunk_ids: Iterable[str]) -> None:
        ids = list(chunk_ids)
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for i in range(0, len(ids), 500):
                    batch = ids[i : i + 500]
                    self._db.execute(
                        "DELETE FROM sentences WHERE collection = ? AND model = ? "
                        f"AND chunk_id IN ({','.join('?' * len(batch))})",
                        (self.collection, self.model, *batch),
                    )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")


def in_line_with_registry(settings: Settings, model: str) -> bool:
    """Whether every registered chunk has a sentence row (a cheap check: no Chroma, no
    model), so a no-op ``ingest.py`` stays fast and still fills a store that lacks them."""
    registry = SourceRegistry.open_existing(settings)
    if registry is None:
        return True
    with registry:
        total = registry.total_chunks()
    path = settings.data_dir / "sentences.sqlite3"
    if not path.exists():
        return total == 0
    store = SentenceStore(path, settings.collection, model)
    try:
        return store.count() == total
    finally:
        store.close()
