"""The persisted BM25 index (``assistant/lexical_index.py``).

It must search exactly like the in-memory index retrieval builds today (same
stems, same scores, same per-chunk words and common words), be saved by the
ingest run that changed the corpus under the registry's fingerprint, be loaded
(not rebuilt, not read out of the store) by a start, and be swapped for the
new one when an ingest changes the corpus while the app runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_settings
from test_documents import GOOD_MD

from assistant import lexical_index
from assistant.chunking import embedding_text
from assistant.embeddings import SentenceTransformerEmbeddings
from assistant.ingestion import ingest
from assistant.lexical_index import (
    LexicalIndex,
    PersistedLexicalIndex,
    current_fingerprint,
    ensure,
    index_dir,
)
from assistant.schema import Chunk
from assistant.store import VectorStore

QUERIES = [
    "Is massage safe during chemotherapy?",
    "massage for anxiety in breast cancer",
    "peripheral neuropathy",
    "how do I find a trained oncology massage therapist",
    "nausia and fatigue",
    "zzzz nothing matches",
]


class InMemoryBM25:
    """What ``retrieval.py`` built in memory before the persisted index (kept here as the
    reference): bm25s over every chunk's embedding text, English stop words, Snowball."""

    def __init__(self, chunks: list[Chunk]) -> None:
        import bm25s
        import Stemmer

        self.stemmer = Stemmer.Stemmer("english")
        self.chunks = chunks
        tokens = bm25s.tokenize(
            [embedding_text(c) for c in chunks],
            stopwords="en",
            stemmer=self.stemmer,
            show_progress=False,
        )
        self.vocab = set(tokens.vocab)
        self.bm25 = bm25s.BM25()
        self.bm25.index(tokens, show_progress=False)
        words = {i: w for w, i in tokens.vocab.items()}
        self.chunk_words = {
            c.chunk_id: {words[i] for i in ids} for c, ids in zip(chunks, tokens.ids, strict=True)
        }
        df: dict[str, int] = {}
        for ws in self.chunk_words.values():
            for w in ws:
                df[w] = df.get(w, 0) + 1
        self.common = {w for w, n in df.items() if n > 0.3 * len(chunks)}

    def stems(self, text: str) -> list[str]:
        import bm25s

        return bm25s.tokenize(
            [text], stopwords="en", stemmer=self.stemmer, return_ids=False, show_progress=False
        )[0]

    def search(self, query: str, n: int) -> list[tuple[Chunk, float]]:
        words = [w for w in self.stems(query) if w in self.vocab]
        if not words:
            return []
        ids, scores = self.bm25.retrieve([words], k=n, show_progress=False, n_threads=1)
        pairs = zip(ids[0], scores[0], strict=True)
        return [(self.chunks[int(i)], float(s)) for i, s in pairs if s > 0]


def test_persisted_index_searches_exactly_like_the_in_memory_one(
    default_settings: object, embeddings: SentenceTransformerEmbeddings, assistant: object
) -> None:
    store = VectorStore.open(default_settings, embeddings.model_name, embeddings.dimension)  # type: ignore[arg-type]
    chunks = store.all_chunks()
    reference = InMemoryBM25(chunks)
    built = LexicalIndex.build([chunks[:10], chunks[10:]], "test")
    assert len(built) == len(chunks) and built.vocab == reference.vocab
    assert built.common == reference.common
    for chunk in chunks:
        assert built.words_of(chunk.chunk_id) == reference.chunk_words[chunk.chunk_id]
    for query in QUERIES:
        expected = [(c.chunk_id, round(s, 5)) for c, s in reference.search(query, 10)]
        got = [(c.chunk_id, round(s, 5)) for c, s in built.search_chunks(store, query, 10)]
        assert got == expected, query
        assert built.stems(query) == reference.stems(query)


def test_ingest_saves_the_index_and_a_start_loads_it_without_reading_chunks(
    tmp_path: Path,
    tmp_corpus: Path,
    embeddings: SentenceTransformerEmbeddings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    ingest(settings, embeddings=embeddings, progress=False)
    first = current_fingerprint(settings)
    assert first is not None
    saved = index_dir(settings) / first
    assert (saved / "lexical.json").exists() and (saved / "bm25").is_dir()
    stamp = (saved / "lexical.json").stat().st_mtime_ns

    assert not ingest(settings, embeddings=embeddings, progress=False).changed
    assert current_fingerprint(settings) == first
    assert (saved / "lexical.json").stat().st_mtime_ns == stamp, "a no-op run rebuilt it"

    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)

    def no_reading(self: VectorStore) -> None:
        raise AssertionError("the start read every chunk out of the store")

    with monkeypatch.context() as m:
        m.setattr(VectorStore, "iter_chunks", no_reading)
        loaded = ensure(settings, store)
    assert loaded.fingerprint == first and len(loaded) == store.count()
    assert loaded.search("massage anxiety", 3)

    (tmp_corpus / "aftercare.md").write_text(GOOD_MD, encoding="utf-8")
    ingest(settings, embeddings=embeddings, progress=False)
    second = current_fingerprint(settings)
    assert second != first
    assert [p.name for p in index_dir(settings).iterdir()] == [second], "old index not dropped"

    # That index was built on the first one (only the new chunks tokenised): it must be
    # the index a fresh build from every chunk gives.
    incremental = ensure(settings, store)
    fresh = LexicalIndex.build(store.iter_chunks(), "fresh")
    assert sorted(incremental.chunk_ids) == sorted(fresh.chunk_ids)
    assert incremental.vocab == fresh.vocab and incremental.common == fresh.common
    for query in QUERIES:
        got = sorted((cid, round(score, 5)) for cid, score in incremental.search(query, 8))
        assert got == sorted((cid, round(score, 5)) for cid, score in fresh.search(query, 8))
    for cid in fresh.chunk_ids:
        assert incremental.words_of(cid) == fresh.words_of(cid)


def test_an_index_that_does_not_match_the_store_is_rebuilt(
    tmp_path: Path, tmp_corpus: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    ingest(settings, embeddings=embeddings, progress=False)
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    fingerprint = current_fingerprint(settings)
    assert fingerprint is not None
    some = store.all_chunks()[:3]
    LexicalIndex.build([some], fingerprint).save(index_dir(settings))  # a wrong one
    index = ensure(settings, store)
    assert len(index) == store.count()


def test_the_running_app_swaps_to_the_new_index_after_an_ingest(
    tmp_path: Path, tmp_corpus: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = make_settings(tmp_path / "data", tmp_corpus)
    ingest(settings, embeddings=embeddings, progress=False)
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    handle = PersistedLexicalIndex(settings, store, poll_s=0.0)
    before = handle.warm_up()
    assert handle.current() is before, "nothing changed: the same index"
    query = "drink water and rest after an oncology massage"
    aftercare = "https://example.org/aftercare"
    assert all(c.source_id != aftercare for c, _ in before.search_chunks(store, query, 5))

    (tmp_corpus / "aftercare.md").write_text(GOOD_MD, encoding="utf-8")
    ingest(settings, embeddings=embeddings, progress=False)
    after = handle.current()
    assert after is not before and len(after) == len(before) + 1
    hits = after.search_chunks(store, query, 3)
    assert hits[0][0].source_id == aftercare


def test_an_empty_store_has_an_empty_index(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    settings = make_settings(tmp_path / "data", corpus)
    ingest(settings, embeddings=embeddings, progress=False)
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    index = ensure(settings, store)
    assert len(index) == 0 and index.search("massage", 5) == []
    assert index.words_of("nope") == set()
    assert lexical_index.FORMAT in (current_fingerprint(settings) or "")
