"""The embedding classifier: its training examples and the fitted model.

A logistic regression over sentence embeddings of the short examples in
``assistant/content/routing_examples.yaml``. It is fitted lazily, once, on
first use (or by ``warm_up``) and is thread-safe. What its probabilities are
allowed to decide is the router's business, not this module's.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import yaml

from ..schema import Route
from .normalise import normalise

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings
    from sklearn.linear_model import LogisticRegression

EXAMPLES_PACKAGE = "assistant.content"
EXAMPLES_RESOURCE = "routing_examples.yaml"
ROUTED = (Route.ANSWER, Route.CLINICAL, Route.EMERGENCY, Route.CRISIS, Route.OUT_OF_SCOPE)
"""Every route the router can produce (never ``unknown``: retrieval decides that)."""

# Classifier settings, chosen by cross-validation on the training examples only.
CLASSIFIER_C = 4.0


@dataclass(frozen=True)
class Example:
    text: str
    route: Route


def load_examples(text: str | None = None) -> list[Example]:
    """Read the packaged prototype examples (or ``text`` in the same YAML shape)."""
    if text is None:
        text = resources.files(EXAMPLES_PACKAGE).joinpath(EXAMPLES_RESOURCE).read_text("utf-8")
    data: Any = yaml.safe_load(text)
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
        self._model: LogisticRegression | None = None
        self._labels: list[Route] = []

    def _fitted(self) -> LogisticRegression:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    from sklearn.linear_model import LogisticRegression

                    examples = load_examples()
                    vectors = self._example_vectors([normalise(e.text) for e in examples])
                    model = LogisticRegression(
                        C=CLASSIFIER_C, max_iter=2000, class_weight="balanced"
                    )
                    model.fit(vectors, [e.route.value for e in examples])
                    self._labels = [Route(c) for c in model.classes_]
                    self._model = model
        return self._model

    def _example_vectors(self, texts: list[str]) -> np.ndarray:
        """The examples' vectors, read from the cache when the model and the examples are
        the ones it was written for (a start then embeds none of them)."""
        model = str(getattr(self.embeddings, "model_name", type(self.embeddings).__name__))
        digest = hashlib.sha256(model.encode())
        for text in texts:
            digest.update(text.encode() + b"\x00")
        path = None
        if self.cache_dir is not None:
            path = self.cache_dir / f"routing-examples-{digest.hexdigest()[:16]}.npy"
            try:
                cached = np.load(path, allow_pickle=False)
                if cached.shape[0] == len(texts):
                    return np.asarray(cached, dtype=np.float32)
            except (OSError, ValueError):
                pass  # absent or unreadable: embedded again and rewritten
        vectors = np.asarray(self.embeddings.embed_documents(texts), dtype=np.float32)
        if path is not None:
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with tmp.open("wb") as handle:
                    np.save(handle, vectors, allow_pickle=False)
                tmp.replace(path)
            except OSError:
                tmp.unlink(missing_ok=True)  # a read-only data folder: nothing is kept
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
