"""``VectorStore.query`` on a real local Chroma store: one round trip, no count first."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import make_settings

from assistant.schema import Chunk
from assistant.store import VectorStore

DIM = 8


def _chunk(i: int) -> Chunk:
    return Chunk(f"c{i}", "https://example.org/doc", "Doc", "Section", f"text {i}", 0, 6)


def _vector(i: int) -> list[float]:
    v = np.zeros(DIM, dtype=np.float32)
    v[i % DIM] = 1.0
    v[(i + 1) % DIM] = 0.1 * (i + 1)
    return (v / np.linalg.norm(v)).tolist()


@pytest.fixture
def store(tmp_path: Path) -> VectorStore:
    return VectorStore.open(make_settings(tmp_path / "data"), "test-model", DIM)


def test_a_store_without_a_collection_answers_nothing_and_creates_none(
    store: VectorStore,
) -> None:
    assert store.query(_vector(0), 5) == []
    assert not store.exists()


def test_more_results_asked_than_stored_gives_every_chunk_nearest_first(
    store: VectorStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.upsert([_chunk(i) for i in range(3)], [_vector(i) for i in range(3)])

    def no_count(self: VectorStore) -> int:
        raise AssertionError("query must not count the collection")

    monkeypatch.setattr(VectorStore, "count", no_count)
    found = store.query(_vector(1), 10)
    assert found[0][0].chunk_id == "c1" and len(found) == 3
    assert found[0][1] == pytest.approx(1.0, abs=1e-5)
    assert [c.chunk_id for c, _ in store.query(_vector(1), 2)] == [c.chunk_id for c, _ in found[:2]]
    assert store.query(_vector(1), 0) == []


def test_an_emptied_collection_answers_nothing(store: VectorStore) -> None:
    store.upsert([_chunk(0)], [_vector(0)])
    store.delete(["c0"])
    assert store.query(_vector(0), 4) == []
