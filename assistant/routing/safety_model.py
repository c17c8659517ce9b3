"""The safety vote: how likely each sentence of a message is an emergency or a crisis.

A multinomial logistic regression over sentence embeddings (emergency, crisis,
other), fitted offline by ``python -m evals.train_safety`` on the labelled suites'
training halves and the routing examples, and shipped as reviewed data in
``assistant/content/safety_model.json`` (coefficients, thresholds, and the hashes of
the files it was fitted on). Scoring is a matrix product and a softmax: nothing is
fitted at start-up and scikit-learn is not needed at run time.

Each sentence of a message is scored alone as well as the whole message, because a
red flag told as a story inside a practical massage question is diluted in the
embedding of the whole message (issue 10, class 1). What a vote is allowed to
decide is the router's business.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from ..schema import Route

MODEL_PACKAGE = "assistant.content"
MODEL_RESOURCE = "safety_model.json"
SAFETY_CLASSES = (Route.EMERGENCY, Route.CRISIS)
VOTE_CLASSES: dict[str, tuple[Route, str]] = {
    "emergency": (Route.EMERGENCY, "classifier"),
    "crisis": (Route.CRISIS, "classifier"),
    "abuse": (Route.CRISIS, "abuse"),
}
"""The model's safety classes, each with the route and detail its vote gives: abuse is
its own class (violence, control and neglect read unlike suicidal thoughts) and is
answered as a crisis with detail ``abuse`` (the reply with the domestic-violence line)."""

_PIECE_SPLIT = re.compile(
    r"(?<=[.!?;:])\s+|\n+|\s+(?:but|though|although|anyway|also|plus)\s+|"
    r"\s+and\s+(?=(?:i|i'm|im|honestly|now|my|he|she|we|they)\b)",
    re.IGNORECASE,
)
_GREETING_LEAD = re.compile(
    r"^\s*(?:hi|hello|hey|hiya|hi there|good (?:morning|afternoon|evening))\b[\s,!.:-]+",
    re.IGNORECASE,
)
"""A greeting before the first sentence ("hi, ..."), scored apart from it."""
MAX_PIECES = 12
"""A message is scored as a whole plus at most this many of its sentences."""


def pieces(text: str) -> list[str]:
    """The sentences and clauses of ``text`` worth scoring alone (none for one sentence).

    Splits at sentence ends, line breaks, a few contrast words ("but", "though") and an
    "and" that starts a new clause ("...was moved again and I keep thinking..."), keeps
    pieces of two words or more, at most ``MAX_PIECES`` of them. A single piece is
    scored alone when a dropped one-word piece ("thanks") left it shorter than the whole.
    """
    lead = _GREETING_LEAD.match(text)
    head = [text[: lead.end()]] if lead else []
    rest = text[lead.end() :] if lead else text
    parts = [p.strip() for p in head + _PIECE_SPLIT.split(rest) if p and p.strip()]
    kept = [p for p in parts if len(p.split()) >= 2]
    if len(kept) == 1 and len(parts) > 1:
        return kept
    return kept[:MAX_PIECES] if len(kept) > 1 else []


@dataclass(frozen=True)
class SafetyVote:
    """One unit's (the whole message's or one sentence's) probability of one safety class."""

    unit: str
    route: Route
    probability: float
    label: str = ""
    """The model's class (``emergency``, ``crisis`` or ``abuse``); defaults to the route."""
    detail: str = "classifier"
    """The decision detail the vote gives (``abuse`` for the abuse class)."""

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.route.value)


@dataclass(frozen=True)
class SafetyModel:
    """The fitted coefficients and the thresholds chosen for them."""

    classes: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray
    threshold: float
    """A vote at or above this wins when its unit names a current safety cue."""
    training: dict[str, Any]
    alone: float | None = None
    """A vote of a class in ``alone_labels`` at or above this wins without a cue word."""
    alone_labels: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, text: str) -> SafetyModel:
        """Parse the model file; ``ValueError`` naming what is wrong."""
        try:
            data = json.loads(text)
            classes = tuple(str(c) for c in data["classes"])
            coef = np.asarray(data["coef"], dtype=np.float32)
            intercept = np.asarray(data["intercept"], dtype=np.float32)
            threshold = float(data["threshold"])
            training = dict(data.get("training", {}))
            alone = None if data.get("alone") is None else float(data["alone"])
            alone_labels = tuple(str(c) for c in data.get("alone_labels", ()))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{MODEL_RESOURCE}: not a safety model ({exc})") from None
        missing = [r.value for r in SAFETY_CLASSES if r.value not in classes]
        if missing:
            raise ValueError(f"{MODEL_RESOURCE}: no class for {', '.join(missing)}")
        if coef.ndim != 2 or coef.shape[0] != len(classes) or intercept.shape != (len(classes),):
            raise ValueError(
                f"{MODEL_RESOURCE}: coef {coef.shape} and intercept {intercept.shape} "
                f"do not fit {len(classes)} classes"
            )
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"{MODEL_RESOURCE}: threshold must be between 0 and 1")
        if alone is not None and not threshold <= alone < 1.0:
            raise ValueError(f"{MODEL_RESOURCE}: alone must be between threshold and 1")
        unknown = [c for c in alone_labels if c not in classes]
        if unknown:
            raise ValueError(f"{MODEL_RESOURCE}: alone_labels names no class: {unknown}")
        return cls(classes, coef, intercept, threshold, training, alone, alone_labels)

    def wins_alone(self, vote: SafetyVote) -> bool:
        """The vote is sure enough to win without a cue word in its unit."""
        return (
            self.alone is not None
            and vote.label in self.alone_labels
            and vote.probability >= self.alone
        )

    @classmethod
    def load(cls, resource: str = MODEL_RESOURCE) -> SafetyModel:
        """The packaged model (``resource``: another model file of the same format)."""
        text = resources.files(MODEL_PACKAGE).joinpath(resource).read_text("utf-8")
        return cls.from_json(text)

    @property
    def dimension(self) -> int:
        return int(self.coef.shape[1])

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """Class probabilities, one row per vector (the softmax of the linear scores)."""
        matrix = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
        if matrix.shape[1] != self.dimension:
            raise ValueError(
                f"vectors have {matrix.shape[1]} dimensions; the safety model needs "
                f"{self.dimension} (was it fitted with another embedding model?)"
            )
        scores = matrix @ self.coef.T + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    def votes(self, units: Sequence[str], vectors: np.ndarray) -> list[SafetyVote]:
        """Each unit's probability of each safety route, highest first."""
        probs = self.probabilities(vectors)
        if probs.shape[0] != len(units):
            raise ValueError(f"{len(units)} units but {probs.shape[0]} vectors")
        found = [
            SafetyVote(unit, route, float(probs[i, self.classes.index(label)]), label, detail)
            for i, unit in enumerate(units)
            for label, (route, detail) in VOTE_CLASSES.items()
            if label in self.classes
        ]
        return sorted(found, key=lambda v: v.probability, reverse=True)
