"""The routing classifier's example vectors are kept between starts (issue 15, cold start).

A start used to embed every routing example before it could fit the classifier;
with the vectors cached in the data folder, only the first start does.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from test_answers import CountingEmbeddings

from assistant.embeddings import SentenceTransformerEmbeddings
from assistant.routing.classifier import RouteClassifier
from assistant.routing.normalise import normalise

MESSAGES = ["Is massage safe during chemotherapy?", "I have chest pain right now", "hello"]


def test_a_second_classifier_reads_the_example_vectors_and_gives_the_same_probabilities(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    first = CountingEmbeddings(embeddings)
    a = RouteClassifier(first, cache_dir=tmp_path / "cache")
    a.warm_up()
    assert len(first.calls[0]) > 50  # every example embedded once
    [cached] = list((tmp_path / "cache").glob("routing-examples-*.npy"))
    assert np.load(cached).shape == (len(first.calls[0]), embeddings.dimension)

    second = CountingEmbeddings(embeddings)
    b = RouteClassifier(second, cache_dir=tmp_path / "cache")
    b._fitted()
    assert second.calls == []  # no example embedded again
    for message in MESSAGES:
        norm = str(normalise(message))
        vector = np.asarray(embeddings.embed_query(norm))
        assert a.probabilities(norm, vector) == b.probabilities(norm, vector)


def test_an_unreadable_cache_is_embedded_again_and_rewritten(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    RouteClassifier(embeddings, cache_dir=tmp_path)._fitted()
    [cached] = list(tmp_path.glob("routing-examples-*.npy"))
    cached.write_bytes(b"not an array")
    counting = CountingEmbeddings(embeddings)
    RouteClassifier(counting, cache_dir=tmp_path)._fitted()
    assert len(counting.calls) == 1
    assert np.load(cached).ndim == 2
