"""After an ingestion writes, Chroma's vector index is saved with no log left to replay, so
the next start's first read of the store only loads it (``store.settle_vector_index``).

Chroma 1.x saves its HNSW index every ``sync_threshold`` written records and keeps the
rest in its write-ahead log, which every process opening the collection replays. Whether
anything is left to replay is read from Chroma's own SQLite tables (``max_seq_id`` of the
vector segment against ``embeddings_queue``): not an API, so these tests only observe
them. A real embedded store and the real model.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import make_settings

from assistant.config import Settings
from assistant.embeddings import SentenceTransformerEmbeddings
from assistant.ingestion import ingest, remove
from assistant.store import CHROMA_SYNC_THRESHOLD, VectorStore, settle_vector_index

DOC = """---
title: Gentle touch {n}
url: https://example.org/gentle-touch-{n}
---
# Gentle touch {n}

Light pressure massage is often adapted for people during cancer treatment ({n}).
Therapists ask about ports, lymph nodes and bruising before a session.
"""


def pending_records(settings: Settings) -> int:
    """Records in Chroma's log that its saved vector index has not taken in yet."""
    with sqlite3.connect(settings.chroma_dir / "chroma.sqlite3") as db:
        saved = db.execute(
            "SELECT m.seq_id FROM max_seq_id m JOIN segments s ON s.id = m.segment_id "
            "WHERE s.scope = 'VECTOR'"
        ).fetchone()
        after = saved[0] if saved else -1
        return int(
            db.execute(
                "SELECT COUNT(*) FROM embeddings_queue WHERE seq_id > ?", (after,)
            ).fetchone()[0]
        )


def sync_threshold(settings: Settings) -> int:
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    store = VectorStore.open(settings, "unused", 1)
    hnsw = (store.client.get_collection(settings.collection).configuration or {}).get("hnsw")
    SharedSystemClient.clear_system_cache()
    return int((hnsw or {})["sync_threshold"])


def corpus_of(tmp_path: Path, n: int) -> Settings:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for i in range(n):
        (corpus / f"doc-{i}.md").write_text(DOC.format(n=i))
    return make_settings(tmp_path / "data", corpus)


def test_an_ingestion_leaves_no_log_to_replay_and_the_threshold_as_it_was(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = corpus_of(tmp_path, 3)
    report = ingest(settings, embeddings=embeddings, progress=False)
    assert report.chunks_written > 0
    assert pending_records(settings) == 0
    assert sync_threshold(settings) == CHROMA_SYNC_THRESHOLD

    # One document edited, one removed by hand, one removed on purpose: still nothing left.
    (settings.corpus_dir / "doc-0.md").write_text(DOC.format(n=0).replace("ports,", "drains,"))
    (settings.corpus_dir / "doc-1.md").unlink()
    report = ingest(settings, embeddings=embeddings, progress=False)
    assert (report.count("updated"), report.count("removed")) == (1, 1)
    assert pending_records(settings) == 0
    remove(settings, [str((settings.corpus_dir / "doc-2.md").resolve())], embeddings=embeddings)
    assert pending_records(settings) == 0
    assert sync_threshold(settings) == CHROMA_SYNC_THRESHOLD


def test_the_settled_store_answers_as_before(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = corpus_of(tmp_path, 4)
    ingest(settings, embeddings=embeddings, progress=False)
    vector = embeddings.embed_query("massage with a port")
    store = VectorStore.open_for(settings, embeddings)
    before = [(c.chunk_id, round(s, 5)) for c, s in store.query(vector, 5)]
    assert settle_vector_index(settings)  # again: nothing to replay, nothing changes
    store = VectorStore.open_for(settings, embeddings)
    assert [(c.chunk_id, round(s, 5)) for c, s in store.query(vector, 5)] == before
    assert store.count() == len(store.all_ids()) > 0


def test_an_interrupted_settle_gets_chromas_threshold_back(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = corpus_of(tmp_path, 1)
    ingest(settings, embeddings=embeddings, progress=False)
    store = VectorStore.open_for(settings, embeddings)
    store.collection.modify(configuration={"hnsw": {"sync_threshold": 1}})  # left by a crash
    settle_vector_index(settings)
    assert sync_threshold(settings) == CHROMA_SYNC_THRESHOLD


def test_nothing_is_done_without_a_local_store(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data", tmp_path / "corpus")
    assert not settle_vector_index(settings)
    assert not settings.chroma_dir.exists()
