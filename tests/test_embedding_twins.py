"""Texts the tokenizer reads as the same tokens run through the ONNX model once, with the
vectors the whole batch gave (docs/performance.md, "s35-15")."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from assistant.embeddings import SentenceTransformerEmbeddings
from assistant.onnx_model import OnnxEncoder

TWINS = [
    "Could a gentle massage ease my aching back?",
    "could a gentle massage ease my aching back ?",
    "Does REFLEXOLOGY help with nausea",
    "does reflexology help with nausea",
    "A shorter line.",
    "a shorter line .",
    "Something else entirely, with more words than the others have in them",
]


def _encoder(embeddings: SentenceTransformerEmbeddings) -> OnnxEncoder:
    model = embeddings.model
    if not isinstance(model, OnnxEncoder):
        pytest.skip("the default backend is not onnx here")
    return model


def _whole_batch(model: OnnxEncoder, texts: list[str]) -> np.ndarray:
    """Every text as its own row of one model run (what the encoder did before)."""
    return model._forward(model.tokenizer.encode_batch(texts))


def test_token_identical_texts_run_once_with_the_whole_batchs_vectors(
    embeddings: SentenceTransformerEmbeddings, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _encoder(embeddings)
    expected = _whole_batch(model, TWINS)
    ids = [tuple(e.ids) for e in model.tokenizer.encode_batch(TWINS)]
    assert len(set(ids)) == 4, "each pair reads as the same tokens (an uncased model)"
    rows: list[int] = []
    run = model.session.run

    def counted(outputs: Any, feed: dict[str, np.ndarray]) -> Any:
        rows.append(len(feed["input_ids"]))
        return run(outputs, feed)

    monkeypatch.setattr(model.session, "run", counted, raising=False)
    got = model._encode_batch(TWINS)
    assert rows == [4]
    assert got.shape == expected.shape
    assert np.array_equal(got, expected), "bitwise the vectors of the whole batch"


def test_a_batch_without_twins_is_unchanged(embeddings: SentenceTransformerEmbeddings) -> None:
    model = _encoder(embeddings)
    texts = [TWINS[0], TWINS[2], TWINS[4], TWINS[6]]
    assert np.array_equal(model._encode_batch(texts), _whole_batch(model, texts))
    vectors = embeddings.embed_documents(TWINS)
    assert vectors[0] == vectors[1] and vectors[2] == vectors[3] and vectors[4] == vectors[5]
