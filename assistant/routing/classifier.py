"""The embedding classifier: its training examples and the fitted model.

A logistic regression over sentence embeddings of the short examples in
``assistant/content/routing_examples.yaml``. It is fitted lazily, once, on
first use (or by ``warm_up``) and is thread-safe. What its probabilities are
allowed to decide is the router's business, not this module's.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..array_cache import save_arrays
from ..schema import Route
from ..text import load_yaml
from .normalise import normalise

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

EXAMPLES_PACKAGE = "assistant.content"
EXAMPLES_RESOURCE = "routing_examples.yaml"
ROUTED = (Route.ANSWER, Route.CLINICAL, Route.EMERGENCY, Route.CRISIS, Route.OUT_OF_SCOPE)
"""Every route the router can produce (never ``unknown``: retrieval decides that)."""

# Classifier settings, chosen by cross-validation on the training examples only.
CLASSIFIER_C = 4.0


@dataclass(frozen=True)
class LinearModel:
    """A fitted logistic regression's weights, predicting as scikit-learn's
    ``predict_proba`` does (softmax over classes; a sigmoid for two), so a start that
    finds them cached never imports scikit-learn (seconds of a cold start)."""

    classes: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray

    def predict_proba(self, vectors: np.ndarray) -> np.ndarray:
        scores = np.asarray(vectors, dtype=self.coef.dtype) @ self.coef.T + self.intercept
        if self.coef.shape[0] == 1:
            positive = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.stack([1.0 - positive, positive], axis=1)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        """Written atomically; a read-only folder only skips the cache."""
        save_arrays(path, classes=np.array(self.classes), coef=self.coef, intercept=self.intercept)

    @classmethod
    def load(cls, path: Path) -> LinearModel | None:
        try:
            with np.load(path, allow_pickle=False) as data:
                model = cls(
                    tuple(str(c) for c in data["classes"]),
                    np.asarray(data["coef"]),
                    np.asarray(data["intercept"]),
                )
        except (OSError, ValueError, KeyError):
            return None  # absent or unreadable: fitted again and rewritten
        rows = 1 if len(model.classes) == 2 else len(model.classes)
        if model.coef.shape[0] != rows or model.intercept.shape != (rows,):
            return None
        return model


@dataclass(frozen=True)
class Example:
    text: str
    route: Route


def load_examples(text: str | None = None) -> list[Example]:
    """Read the packaged prototype examples (or ``text`` in the same YAML shape)."""
    if text is None:
        text = resources.files(EXAMPLES_PACKAGE).joinpath(EXAMPLES_RESOURCE).read_text("utf-8")
    data: Any = load_yaml(text)
    if not isinstance(data, dict) or not isinstance(data.get("routes"), dict):
        raise ValueError(f"{EXAMPLES_RESOURCE}: expected a mapping with a 'routes' mapping")
    examples: list[Example] = []
    for name, texts in data["routes"].items():
        try:
            route = Route(name)
        except ValueError:
            raise ValueError(f"{EXAMPLES_RESOURCE}: unknown route {name!r}") from None
        if route not in ROUTED:
            raise ValueError(f"{EXAMPLES_RESOURCE}: the router never produces {name!r}")
        if not isinstance(texts, list) or not texts:
            raise ValueError(f"{EXAMPLES_RESOURCE}: route {name!r} needs a non-empty list")
        for item in texts:
            if not isinstance(item, str) or not item.strip():
                raise ValueError(
                    f"{EXAMPLES_RESOURCE}: route {name!r} has a blank or non-text example: {item!r}"
                )
            examples.append(Example(item.strip(), route))
    missing = [r.value for r in ROUTED if r not in {e.route for e in examples}]
    if missing:
        raise ValueError(f"{EXAMPLES_RESOURCE}: no examples for {', '.join(missing)}")
    return examples


class RouteClassifier:
    """Route probabilities for a normalised message, from a lazily fitted model.

    Nothing is embedded or fitted until the first ``probabilities`` (or
    ``warm_up``) call; the model is then fitted once and reused. Thread-safe.
    """

    def __init__(self, embeddings: Embeddings, cache_dir: Path | None = None) -> None:
        self.embeddings = embeddings
        self.cache_dir = cache_dir
        """Where the examples' vectors are kept between starts (None: embedded each time)."""
        self._lock = threading.Lock()
        self._model: LinearModel | None = None
        self._labels: list[Route] = []

    def _fitted(self) -> LinearModel:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    examples = load_examples()
                    texts = [str(normalise(e.text)) for e in examples]
                    labels = [e.route.value for e in examples]
                    path = self._cache_path("routing-classifier", texts, labels)
                    model = LinearModel.load(path) if path is not None else None
                    if model is None:
                        model = self._fit(self._example_vectors(texts), labels)
                        if path is not None:
                            model.save(path)
                    self._labels = [Route(c) for c in model.classes]
                    self._model = model
        return self._model

    @staticmethod
    def _fit(vectors: np.ndarray, labels: list[str]) -> LinearModel:
        from sklearn.linear_model import LogisticRegression

        fitted = LogisticRegression(C=CLASSIFIER_C, max_iter=2000, class_weight="balanced")
        fitted.fit(vectors, labels)
        return LinearModel(
            tuple(str(c) for c in fitted.classes_),
            np.asarray(fitted.coef_),  # float32, as the vectors: predictions stay sklearn's
            np.asarray(fitted.intercept_),
        )

    def _cache_path(self, kind: str, texts: list[str], labels: list[str]) -> Path | None:
        """The cache file of ``kind`` for this model and these examples (and, for the fitted
        classifier, their labels, C and scikit-learn's version), or None without a cache."""
        if self.cache_dir is None:
            return None
        from importlib.metadata import PackageNotFoundError, version

        try:
            sklearn_version = version("scikit-learn")
        except PackageNotFoundError:
            sklearn_version = "?"
        model = str(getattr(self.embeddings, "model_name", type(self.embeddings).__name__))
        digest = hashlib.sha256(f"{model}\x00C={CLASSIFIER_C}\x00{sklearn_version}".encode())
        for text, label in zip(texts, labels, strict=True):
            digest.update(f"{text}\x00{label}\x00".encode())
        return self.cache_dir / f"{kind}-{digest.hexdigest()[:16]}.npz"

    def _example_vectors(self, texts: list[str]) -> np.ndarray:
        """The examples' vectors, read from the cache when the model and the examples are
        the ones it was written for (a start then embeds none of them)."""
        model = str(getattr(self.embeddings, "model_name", type(self.embeddings).__name__))
        digest = hashlib.sha256(model.encode())
        for text in texts:
            digest.update(text.encode() + b"\x00")
        path = None
        if self.cache_dir is not None:
            path = self.cache_dir / f"routing-examples-{digest.hexdigest()[:16]}.npz"
            try:
                with np.load(path, allow_pickle=False) as data:
                    cached = np.asarray(data["vectors"], dtype=np.float32)
                if cached.shape[0] == len(texts):
                    return cached
            except (OSError, ValueError, KeyError):
                pass  # absent or unreadable: embedded again and rewritten
        vectors = np.asarray(self.embeddings.embed_documents(texts), dtype=np.float32)
        if path is not None:
            save_arrays(path, vectors=vectors)  # a read-only data folder: nothing is kept
        return vectors

    def warm_up(self) -> None:
        """Load the embedding model and fit the classifier now rather than on first message."""
        self.probabilities("warm up")

    def probabilities(self, norm: str, vector: np.ndarray | None = None) -> dict[Route, float]:
        """The probability of each route for ``norm``, text already passed through ``normalise``;
        ``vector`` is its embedding when the turn already has it (``TextVectors``)."""
        model = self._fitted()
        if vector is None:
            vector = np.asarray(self.embeddings.embed_query(norm))
        vector = np.asarray([vector], dtype=np.float32)
        probs = model.predict_proba(vector)[0]
        return {label: float(p) for label, p in zip(self._labels, probs, strict=True)}
