"""The routing classifier's example vectors are kept between starts (issue 15, cold start).

A start used to embed every routing example before it could fit the classifier;
with the vectors cached in the data folder, only the first start does.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
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
    [cached] = list((tmp_path / "cache").glob("routing-examples-*.npz"))
    with np.load(cached) as data:
        assert data["vectors"].shape == (len(first.calls[0]), embeddings.dimension)

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
    [cached] = list(tmp_path.glob("routing-examples-*.npz"))
    cached.write_bytes(b"not an array")
    for fitted in tmp_path.glob("routing-classifier-*.npz"):
        fitted.unlink()  # the fitted weights are cached too: without them it must fit again
    counting = CountingEmbeddings(embeddings)
    RouteClassifier(counting, cache_dir=tmp_path)._fitted()
    assert len(counting.calls) == 1
    with np.load(cached) as data:
        assert data["vectors"].ndim == 2


def test_the_fitted_classifier_is_cached_and_predicts_as_scikit_learn(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A start that finds the fitted weights never fits (nor imports scikit-learn), and
    the weights' probabilities are scikit-learn's own."""
    from sklearn.linear_model import LogisticRegression

    from assistant.routing.classifier import CLASSIFIER_C, load_examples

    first = RouteClassifier(embeddings, cache_dir=tmp_path)
    first.warm_up()
    [cached] = list(tmp_path.glob("routing-classifier-*.npz"))

    def no_fit(*args: object) -> None:
        raise AssertionError("fitted again although the fitted weights were cached")

    monkeypatch.setattr(RouteClassifier, "_fit", staticmethod(no_fit))
    second = RouteClassifier(embeddings, cache_dir=tmp_path)
    second.warm_up()

    examples = load_examples()
    texts = [str(normalise(e.text)) for e in examples]
    with np.load(next(tmp_path.glob("routing-examples-*.npz"))) as data:
        vectors = data["vectors"]
    reference = LogisticRegression(C=CLASSIFIER_C, max_iter=2000, class_weight="balanced")
    reference.fit(vectors, [e.route.value for e in examples])
    messages = [*MESSAGES, *texts[::7], "my arm is swollen after surgery, can I book?"]
    queries = np.asarray(embeddings.embed_documents([str(normalise(m)) for m in messages]))
    for row, message in enumerate(messages):
        norm = str(normalise(message))
        got = second.probabilities(norm, queries[row])
        assert got == first.probabilities(norm, queries[row])
        expected = reference.predict_proba(queries[row : row + 1].astype(np.float32))[0]
        want = dict(zip(reference.classes_, expected, strict=True))
        assert {str(k): v for k, v in got.items()} == want

    cached.write_bytes(b"not an archive")  # unreadable: fitted again and rewritten
    monkeypatch.undo()
    RouteClassifier(embeddings, cache_dir=tmp_path).warm_up()
    assert np.load(cached)["coef"].shape[0] == len(reference.classes_)
