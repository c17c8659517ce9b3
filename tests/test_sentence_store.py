"""Sentence vectors computed at ingestion and stored with the chunks (issue 15).

The extractive answer reads each retrieved chunk's sentence vectors and grades
from ``data/sentences.sqlite3`` instead of embedding them at answer time, so a
turn embeds nothing but the message. Real model, real Chroma, real SQLite.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from conftest import make_settings
from test_answers import CountingEmbeddings
from test_documents import S4OM

from assistant.embeddings import SentenceTransformerEmbeddings
from assistant.ingestion import ingest
from assistant.routing.normalise import normalise
from assistant.schema import Route
from assistant.sentence_store import ChunkSentences, SentenceStore, in_line_with_registry
from assistant.store import VectorStore
from assistant.wiring import backend_answerer, build_assistant, index_sentences

QUESTIONS = [
    "Does massage help with anxiety and fatigue for people with cancer?",
    "Is massage safe during chemotherapy?",
    "What does the Society for Oncology Massage do?",
    "Can massage reduce pain after cancer treatment?",
    "How do I find a therapist trained in oncology massage?",
]


def _rows(settings_dir: Path) -> dict[str, int]:
    db = sqlite3.connect(settings_dir / "sentences.sqlite3")
    try:
        return dict(db.execute("SELECT chunk_id, length(vectors) FROM sentences").fetchall())
    finally:
        db.close()


def test_a_start_stores_every_chunks_sentences_and_a_turn_embeds_only_the_message(
    tmp_path: Path, tmp_corpus: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    build_assistant(settings, embeddings=embeddings, progress=False)
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    rows = _rows(settings.data_dir)
    assert set(rows) == {c.chunk_id for c in store.all_chunks()}
    assert sum(1 for size in rows.values() if size > 0) >= 20  # real vectors, not empty rows

    counting = CountingEmbeddings(embeddings)
    fresh = build_assistant(settings, embeddings=counting, progress=False)
    counting.calls.clear()
    for message in QUESTIONS:
        reply = fresh.answer([], message)
        assert reply.decision.route is Route.ANSWER and reply.citations
    expected = [[m, str(normalise(m))] for m in QUESTIONS]
    assert counting.calls == expected  # nothing but each message, first question included


def test_answers_are_the_same_with_stored_and_freshly_embedded_sentences(
    tmp_path: Path, tmp_corpus: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    stored = build_assistant(settings, embeddings=embeddings, progress=False)
    fresh = build_assistant(settings, embeddings=embeddings, progress=False)
    answerer = backend_answerer(fresh.backend)
    assert answerer is not None
    answerer.sentences = None  # embeds the sentences at answer time, as before
    for message in QUESTIONS:
        a, b = stored.answer([], message), fresh.answer([], message)
        assert a.text == b.text, message
        assert [c.chunk_id for c in a.citations] == [c.chunk_id for c in b.citations]


def test_an_edited_document_gets_new_rows_and_loses_its_old_ones(
    tmp_path: Path, tmp_corpus: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    index_sentences(settings, embeddings, ingest(settings, embeddings=embeddings, progress=False))
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    before = set(_rows(settings.data_dir))
    assert before == {c.chunk_id for c in store.all_chunks()}
    assert in_line_with_registry(settings, embeddings.model_name)

    page = tmp_corpus / "s4om-home.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n\nA new closing paragraph about pillows.\n",
        encoding="utf-8",
    )
    report = ingest(settings, embeddings=embeddings, progress=False)
    assert index_sentences(settings, embeddings, report) >= 1
    after = set(_rows(settings.data_dir))
    assert after == {c.chunk_id for c in store.all_chunks()}
    deleted = {i for c in report.changes for i in c.to_delete}
    assert deleted and not deleted & after
    new = {c.chunk_id for c in store.chunks_for_source(S4OM)} - before
    assert new and new <= after
    assert in_line_with_registry(settings, embeddings.model_name)


def test_a_row_whose_sentences_differ_from_the_chunk_is_not_used(
    tmp_path: Path, tmp_corpus: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    assistant = build_assistant(settings, embeddings=embeddings, progress=False)
    answerer = backend_answerer(assistant.backend)
    assert answerer is not None and answerer.sentences is not None
    chunks = VectorStore.open(settings, embeddings.model_name, embeddings.dimension).all_chunks()
    rows = answerer.sentences.get_many([c.chunk_id for c in chunks])
    chunk = next(c for c in chunks if len(rows[c.chunk_id].texts) >= 2)
    row = rows[chunk.chunk_id]
    stale = ChunkSentences(
        chunk.chunk_id,
        tuple(f"{t} (old wording)" for t in row.texts),
        row.grades,
        np.zeros_like(row.vectors),
    )
    answerer.sentences.put_many([stale])
    answerer._candidates.clear()
    answerer._vectors.clear()
    from assistant.schema import Passage

    found = answerer.candidates([Passage(chunk, 0.0)])
    assert found and all("(old wording)" not in c.unit.display for c in found)
    vectors = answerer._embed([c.unit.display for c in found])
    assert np.all(np.abs(vectors).sum(axis=1) > 0)  # embedded, not the stale zeros


def test_a_row_must_have_one_vector_and_grade_per_sentence(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="2 texts, 1 grades and 2 vectors"):
        ChunkSentences("c", ("a", "b"), (1.0,), np.zeros((2, 3), dtype=np.float32))
    store = SentenceStore(tmp_path / "s.sqlite3", "col", "model")
    vectors = np.arange(6, dtype=np.float32).reshape(2, 3)
    store.put_many([ChunkSentences("c", ("a", "b"), (1.5, 2.25), vectors)])
    [row] = store.get_many(["c", "missing"]).values()
    assert row.texts == ("a", "b") and row.grades == (1.5, 2.25)
    assert np.array_equal(row.vectors, vectors)
    store.delete(["c"])
    assert store.count() == 0
